"""What the API and the pages share: one Store per worker thread, the filter parameters, CSV.

The filter parameters are declared once here so that search, lists, counts, the map
and the timeline accept the same names with the same meaning (and OpenAPI documents
them once).
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import sqlite3
import threading
import zlib
from typing import Annotated, Any

from fastapi import Path, Query
from fastapi.responses import JSONResponse, Response

from newsgraph.store import Store
from newsgraph.store.read import QUERY_TIME_LIMIT, Filters, Page, QueryError, Totals

MAX_LIMIT = 500
MAX_CSV_ROWS = 10_000
# Every thread's connection maps the database (up to this size) rather than caching its own copy of the pages.
MMAP_BYTES = 4 << 30


class Stores:
    """One open Store per thread of the server's pool: opening a connection per request costs more than a query.

    Read-only unless asked (`Store.open_read_only`: no migration, no writes, each query bounded by
    `time_limit` seconds); the ingest route has its own writable Stores.  A file that cannot be served
    raises StoreUnavailable on each request until it can (an ingest may create or migrate it).
    """

    def __init__(self, db_path: str, read_only: bool = True, time_limit: float | None = QUERY_TIME_LIMIT):
        self.db_path = db_path
        self.read_only = read_only
        self.time_limit = time_limit
        self._local = threading.local()
        # the events table's totals, counted once for all threads, a thread that comes later included
        # (store.read.totals: the file watched through one connection for them all)
        self.totals = Totals(path=db_path)
        self._server = secrets.token_hex(4)  # a page's tag from another server (or run of the code) is not ours

    def etag(self, request: Any) -> str | None:
        """The page's entity tag: this server's, the database's version now (``Totals.version``: it changes
        with every commit) and the address; None when the version cannot be read.  The same tag means the same
        page: a browser revalidating it (If-None-Match) is answered 304 without reading or rendering it."""
        try:
            version = self.totals.version()
        except (OSError, sqlite3.Error):  # no file to serve (yet): the request says so, untagged
            return None
        if version is None:
            return None
        where = zlib.crc32(request.url.path.encode() + b"?" + request.url.query.encode())
        return f'W/"{self._server}-{version}-{where:08x}"'

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            if self.read_only:
                store = Store.open_read_only(self.db_path, MMAP_BYTES, self.time_limit)
            else:
                store = Store(self.db_path, mmap_bytes=MMAP_BYTES)
            store.share_totals(self.totals)
            self._local.store = store
        return store


# An empty value (a form field left blank) means "any", like a missing one.
DATE = r"^(\d{4}-\d{2}-\d{2})?$"


async def filter_params(  # async: FastAPI runs it on the event loop, not as one more trip through the thread pool
    q: Annotated[str | None, Query(description="Full-text query (FTS5 syntax: \"phrase\", OR, NOT, prefix*)", max_length=500)] = None,
    date_from: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD)", pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD)", pattern=DATE)] = None,
    site: Annotated[str | None, Query(description="Site name, exactly", max_length=300)] = None,
    language: Annotated[str | None, Query(description="ISO 639-1 code", max_length=8)] = None,
    actor: Annotated[int | None, Query(description="Actor id: articles naming it", ge=1)] = None,
    place: Annotated[int | None, Query(description="Place id: articles naming it", ge=1)] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-2: articles naming a place in it", pattern=r"^([A-Za-z]{2})?$")] = None,
    event_type: Annotated[str | None, Query(description="PLOVER event type", max_length=60)] = None,
    event_mode: Annotated[str | None, Query(description="PLOVER event mode", max_length=60)] = None,
    speaker: Annotated[int | None, Query(description="Actor id: articles (or quotes) with its quotes", ge=1)] = None,
    copy_class: Annotated[str | None, Query(description="Provenance class: original, full_copy, partial_copy, quoted",
                                            pattern="^(original|full_copy|partial_copy|quoted)?$")] = None,
    theme: Annotated[str | None, Query(description="Theme id (docs/themes.md, e.g. ARMED_CONFLICT): articles about it, "
                                       "events they report", pattern=r"^([A-Za-z_]{2,40})?$")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description=(
        "Facts at or above this confidence (default: the threshold of each kind, newsgraph.confidence; 0: every fact)"))] = None,
    event_status: Annotated[str | None, Query(
        description="Events that happened (default), negated, hypothetical, or all",
        pattern="^(happened|negated|hypothetical|all)?$")] = None,
    actor_role: Annotated[str | None, Query(
        description="Events only: the actor as source, target, or either (default)",
        pattern="^(either|source|target)?$")] = None,
) -> Filters:
    return Filters(q=q, date_from=date_from or None, date_to=date_to or None, site=site or None, language=language or None,
                   actor=actor, place=place, country=country or None, event_type=event_type or None,
                   event_mode=event_mode or None, speaker=speaker, copy_class=copy_class or None, theme=theme or None,
                   min_confidence=min_confidence, event_status=event_status or None, actor_role=actor_role or None)


MinConfidence = Annotated[float | None, Query(ge=0, le=1, description=(
    "Facts at or above this confidence (default: the threshold of each kind; 0: every fact)"))]


Id = Annotated[int, Path(ge=1, le=2**63 - 1, description="Database id")]
Limit = Annotated[int, Query(ge=1, le=MAX_CSV_ROWS, description=f"Rows per page (at most {MAX_LIMIT} as JSON, {MAX_CSV_ROWS} as CSV)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json, or csv for a spreadsheet")]
Sort = Annotated[str, Query(pattern="^(date|reports|confidence|type)$",
                            description="Events by date (the text's, else the first report's), reports, confidence or type")]
Order = Annotated[str, Query(pattern="^(asc|desc)$", description="desc (newest, most, surest first) or asc")]


def not_modified(request: Any, tag: str | None) -> Response | None:
    """304 when the request's If-None-Match names the page's tag (weak comparison), else None."""
    if tag is None:
        return None
    given = request.headers.get("if-none-match")
    if not given or tag not in (t.strip() for t in given.split(",")):
        return None
    return Response(status_code=304, headers={"ETag": tag, "Cache-Control": "no-cache"})


def tagged(response: Response, tag: str | None) -> Response:
    """The page with its tag, to be revalidated each time it is shown again (no-cache: kept, but asked about)."""
    if tag is not None:
        response.headers["ETag"] = tag
        response.headers["Cache-Control"] = "no-cache"
    return response


def check_limit(limit: int, fmt: str) -> None:
    if fmt == "json" and limit > MAX_LIMIT:
        raise QueryError(f"limit: at most {MAX_LIMIT} rows per JSON page (use format=csv for up to {MAX_CSV_ROWS})")


def respond(page: Page, fmt: str, name: str, extra: dict | None = None):
    """The page as JSON (with total and next offset) or as a CSV download of its rows."""
    if fmt == "csv":
        return csv_response(page.items, name)
    return JSONResponse({**(extra or {}), **page.to_dict()})


def csv_response(rows: list[dict], name: str) -> Response:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _cell(value):
    if isinstance(value, list) and value and all(isinstance(p, list) and len(p) == 2 for p in value):
        value = "".join(str(p[0]) for p in value)  # a snippet: its text
    elif isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a scraped cell starting like a formula would run in a spreadsheet: keep it text
    return value


def require_writer(request: Any, allowed: bool, token: str | None, what: str = "writing") -> None:
    """The guard of every route that writes (ingest, alert rules): the server was started with
    `--allow-ingest` and the request carries its bearer token."""
    import secrets

    from fastapi import HTTPException

    if not allowed:
        raise HTTPException(403, f"{what} is off: start the server with `newsgraph serve --allow-ingest`")
    given = request.headers.get("authorization", "")
    if not (token and given.startswith("Bearer ") and secrets.compare_digest(given[7:].encode(), token.encode())):
        raise HTTPException(401, "a valid bearer token is needed (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
