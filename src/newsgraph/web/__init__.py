"""The web application: browser pages and a JSON API over one database, read-only by default.

Every piece of scraped text reaches the browser escaped (Jinja2 autoescaping, or
highlight.py for the article text and event_rows.py for an events table's rows), and a Content-Security-Policy allows only our own
scripts, styles and data, so a hostile page stored in the database cannot run code in
the analyst's browser.  Errors are JSON with a one-line ``error`` under /api, a small
page elsewhere; a bad parameter is a 4xx, never a 500; a query stopped by the time limit,
or a database that cannot be served (missing, not migrated), is a 503.

The pages and the API read through read-only connections (``Store.open_read_only``); only
POST /api/ingest, when allowed, opens writable ones.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph.store.read import QUERY_TIME_LIMIT, QueryError, QueryTimeout, StoreUnavailable
from newsgraph.web import alerts, api, ingest, pages, themes
from newsgraph.web.common import Stores

_HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
log = logging.getLogger(__name__)


def create_app(db_path: str, allow_ingest: bool = False, token: str | None = None,
               query_time_limit: float | None = QUERY_TIME_LIMIT) -> ASGIApp:
    """The application over the database at db_path; ingest through the API only when allowed, with the token.

    Every read is stopped after `query_time_limit` seconds (None: no limit)."""
    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Articles extracted from news and blog pages: actors, places, quotes, cited sources, events, "
        "republished copies. Every list takes the same filters, pages by offset with a total, and comes as CSV "
        "with `?format=csv` or a `.csv` path.",
        docs_url=None,  # Swagger UI would load scripts from a CDN: /docs is our own page instead
        redoc_url=None,
    )
    stores = Stores(db_path, time_limit=query_time_limit)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    app.include_router(api.build_router(stores))
    writer = Stores(db_path, read_only=False)
    app.include_router(ingest.build_router(writer, allow_ingest, token))
    app.include_router(pages.build_router(stores))
    app.include_router(themes.build_router(stores))
    app.include_router(alerts.build_router(stores, writer, allow_ingest, token))

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        return pages.templates.TemplateResponse(request, "docs.html", {"spec": app.openapi(), "q": ""})

    # Starlette types a handler as taking any Exception; it calls each with the class it is registered for.
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(QueryError, _bad_query)  # type: ignore[arg-type]
    app.add_exception_handler(QueryTimeout, _unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(StoreUnavailable, _unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
    return _SecurityHeaders(_CsvSuffix(app))


SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_SECURITY_NAMES = {name for name, _ in SECURITY_HEADERS}


class _SecurityHeaders:
    """Every response, errors and static files included, carries the CSP and two other headers (a
    plain ASGI wrapper: Starlette's BaseHTTPMiddleware costs a task and a stream per request)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _SECURITY_NAMES]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, sending)


class _CsvSuffix:
    """`/api/quotes.csv?...` is `/api/quotes?...&format=csv`: a download link for any list."""

    def __init__(self, app: FastAPI):
        self.app = app

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.startswith("/api/") and path.endswith(".csv"):
            query = scope.get("query_string", b"")
            scope = {**scope, "path": path[:-4], "raw_path": path[:-4].encode(),
                     "query_string": (query + b"&" if query else b"") + b"format=csv"}
        await self.app(scope, receive, send)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in ("/openapi.json",)


def _error(request: Request, status: int, message: str, detail: object = None,
           headers: Mapping[str, str] | None = None) -> Response:
    if _wants_json(request):
        body = {"error": message, "status": status}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status, headers=headers)
    return pages.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "q": ""}, status_code=status, headers=headers
    )


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    problems = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
        problems.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
    return _error(request, 422, "; ".join(problems) or "invalid request", detail)


async def _bad_query(request: Request, exc: QueryError) -> Response:
    return _error(request, 400, str(exc))


async def _unavailable(request: Request, exc: QueryTimeout | StoreUnavailable) -> Response:
    """The answer is not available now: the query ran over the time limit, or the file cannot be served."""
    log.warning("%s on %s", exc, request.url.path)
    return _error(request, 503, str(exc))


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    return _error(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return _error(request, 500, f"internal error: {type(exc).__name__}")
