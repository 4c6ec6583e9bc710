"""The web application: browser pages and a JSON API over one database, read-only.

Every piece of scraped text reaches the browser through Jinja2's autoescaping,
and a Content-Security-Policy forbids inline scripts, so a hostile page stored
in the database cannot run code in the analyst's browser.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsgraph import __version__
from newsgraph.store import Store

_HERE = Path(__file__).parent
CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"


def create_app(db_path: str) -> FastAPI:
    app = FastAPI(title="newsgraph", version=__version__, description="Articles extracted from news and blog pages.")
    templates = Jinja2Templates(directory=str(_HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    def store() -> Store:
        return Store(db_path)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.get("/api/stats")
    def api_stats() -> dict:
        with store() as s:
            return s.stats()

    @app.get("/api/articles")
    def api_articles(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> list[dict]:
        with store() as s:
            return s.list_articles(limit, offset)

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: int) -> dict:
        with store() as s:
            found = s.get(article_id)
        if found is None:
            raise HTTPException(404, f"article {article_id} not found")
        article, origin = found
        return {"id": article_id, "origin": origin, **article.to_dict()}

    @app.get("/api/search")
    def api_search(q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0)):
        with store() as s:
            hits = s.search(q, limit, offset)
        return [
            {**{k: v for k, v in h.__dict__.items() if k != "snippet"}, "snippet": h.snippet_parts()} for h in hits
        ]

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, q: str = "", offset: int = Query(0, ge=0)):
        with store() as s:
            hits = s.search(q, 50, offset) if q.strip() else []
            latest = [] if q.strip() else s.list_articles(50, offset)
            figures = s.stats()
        return templates.TemplateResponse(
            request, "index.html", {"q": q, "hits": hits, "latest": latest, "stats": figures}
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: int):
        with store() as s:
            found = s.get(article_id)
        if found is None:
            raise HTTPException(404, f"article {article_id} not found")
        article, origin = found
        return templates.TemplateResponse(
            request, "article.html", {"id": article_id, "article": article, "origin": origin}
        )

    return app
