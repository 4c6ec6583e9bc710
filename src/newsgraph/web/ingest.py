"""POST /api/ingest: the one route that writes, off unless the server allows it.

It runs what `newsgraph ingest` runs (the ingest service, newsgraph.ingest.service),
so a page ingested through the API is stored and counted exactly as one ingested from the
command line, and URLs are fetched under the same rules (no private or loopback addresses,
size and time caps).  It needs ``newsgraph serve --allow-ingest`` and the server's
bearer token; the body is either JSON (``{"url": ...}`` or ``{"content": ..., "url": ...}``)
or the bytes of a file (a page, a WARC, a feed) with ``?filename=`` to say what it is.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from newsgraph.ingest import RawPage, read_sources
from newsgraph.settings import DEFAULTS
from newsgraph.ingest.page import Failure, FailureKind
from newsgraph.web.common import Stores, require_writer

MAX_UPLOAD_BYTES = DEFAULTS.ingest.max_page_bytes  # a body, like a page, up to the page cap
_SAFE_NAME = "".join(chr(c) for c in range(128) if chr(c).isalnum()) + "._-"


def build_router(stores: Stores, allow_ingest: bool, token: str | None) -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post(
        "/ingest",
        summary="Ingest a page, a URL or a file (needs --allow-ingest and the bearer token)",
        openapi_extra={"requestBody": {"content": {
            "application/json": {"schema": {"type": "object", "properties": {
                "url": {"type": "string"}, "content": {"type": "string"}}}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        }}},
    )
    async def ingest(request: Request, filename: str = "upload.html", url: str | None = None) -> dict:
        require_writer(request, allow_ingest, token, "ingest")
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"body larger than {MAX_UPLOAD_BYTES} bytes")
        body = await request.body()
        if len(body) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"body larger than {MAX_UPLOAD_BYTES} bytes")
        if not body:
            raise HTTPException(400, "empty body: send JSON {\"url\": ...} or {\"content\": ...}, or a file's bytes")
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                payload = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                raise HTTPException(400, "the JSON body does not parse") from None
            if not isinstance(payload, dict) or not (isinstance(payload.get("url"), str) or isinstance(payload.get("content"), str)):
                raise HTTPException(400, "the JSON body needs \"url\" (a page to fetch) or \"content\" (a page's text)")
            content, given_url = payload.get("content"), payload.get("url")
            url = given_url if isinstance(given_url, str) else url
            if isinstance(content, str):
                return await run_in_threadpool(_ingest_bytes, stores, content.encode(), filename, url)
            assert isinstance(given_url, str)  # checked above: "url" is a string when "content" is not
            if not given_url.lower().startswith(("http://", "https://")):
                raise HTTPException(400, f"url: {given_url!r} is not an http(s) URL")
            return await run_in_threadpool(_ingest_sources, stores, [given_url], None, given_url)
        return await run_in_threadpool(_ingest_bytes, stores, body, filename, url)

    return router


def _ingest_bytes(stores: Stores, data: bytes, filename: str, url: str | None) -> dict:
    name = "".join(c for c in Path(filename).name if c in _SAFE_NAME)[-100:] or "upload.html"
    with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return _ingest_sources(stores, [str(path)], (str(path), f"upload:{name}"), url)


def _ingest_sources(stores: Stores, sources: list[str], rename: tuple[str, str] | None, url: str | None) -> dict:
    """Read, analyse and store, as `newsgraph ingest` does; a temporary file's path is shown as its upload name."""
    from newsgraph.ingest.service import BatchReport, ServiceOptions, ingest_items

    reports: list[BatchReport] = []
    passed_over: list[Failure] = []  # an uploaded SQLite file, say: not a page, so a failure of the upload
    options = ServiceOptions(
        max_page_bytes=MAX_UPLOAD_BYTES, on_batch=reports.append,
        on_note=lambda origin, text: passed_over.append(Failure(origin, text, FailureKind.NOT_A_PAGE)),
    )
    items = list(read_sources(sources, options.reading())) + passed_over
    for item in items:
        if rename:
            item.origin = item.origin.replace(*rename)
    pages = [item for item in items if isinstance(item, RawPage)]
    if url and len(pages) == 1 and not pages[0].url:
        pages[0].url = url
    counts = ingest_items(items, stores.get(), options)
    results = [r for report in reports for r in report.results]
    failures = [f for report in reports for f in report.failures]
    body = {
        "articles": [{"id": r.article_id, "status": r.status, "origin": r.origin} for r in results],
        "skipped": counts.skipped,
        "failures": [{"origin": f.origin, "reason": f.reason, "kind": f.kind} for f in failures],
        "counts": counts.to_dict(),
    }
    if failures and not results and not counts.skipped:
        raise HTTPException(422, "; ".join(str(f) for f in failures))
    return body
