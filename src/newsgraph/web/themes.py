"""Themes (docs/themes.md) on the web: /themes (each theme with its articles and events, and themes over
time as a chart), GET /api/themes (the themes of a selection, with their articles) and
GET /api/themes/counts (themes over time, the chart's data), with the filters of every other list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.enrich.themes import theme_ids
from newsgraph.store.read import Filters, QueryError
from newsgraph.web.common import Stores, filter_params

Interval = Annotated[str, Query(pattern="^(day|week|month)$", description="day, week (from Monday) or month")]
ThemeList = Annotated[str | None, Query(max_length=500, description=(
    "Comma-separated theme ids to count (default: the selection's most frequent ones)"))]
TOP = 8  # themes a chart shows unless asked for others


def _themes(value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in names if t not in theme_ids()]
    if unknown:
        raise QueryError(f"themes: {', '.join(unknown)} is no theme id (docs/themes.md)")
    return names


def build_router(stores: Stores) -> APIRouter:
    from newsgraph.web.pages import templates

    router = APIRouter()

    @router.get("/api/themes", summary="The themes of the selected articles, each with how many it has")
    def api_themes(f: Filters = Depends(filter_params)) -> dict[str, Any]:
        return {"themes": stores.get().themes(f)}

    @router.get("/api/themes/counts", summary="Themes over time: the selected articles of each theme per period")
    def api_theme_counts(f: Filters = Depends(filter_params), interval: Interval = "month",
                         themes: ThemeList = None) -> dict[str, Any]:
        return stores.get().theme_counts(f, interval, TOP, _themes(themes))

    @router.get("/themes", include_in_schema=False, response_class=HTMLResponse)
    def themes_page(request: Request, f: Filters = Depends(filter_params), interval: Interval = "month"):
        store = stores.get()
        rows = store.themes(f)
        shown = [r["theme"] for r in rows[:TOP]]
        return templates.TemplateResponse(request, "themes.html", {
            "f": f, "q": f.q or "", "rows": rows, "shown": shown, "interval": interval,
            "labels": store.filter_labels(f), "has_events": store.has_table("events")})

    return router
