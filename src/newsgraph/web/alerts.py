"""What `newsgraph watch` keeps, read-only: /sources (the watched sources with their health, and the
alert rules), /api/sources (the same as JSON, for a health check), /alerts/{rule} (a rule's latest
matches) and /alerts/{rule}.atom (the same as an Atom feed, newest first)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from newsgraph.store.watch import UNHEALTHY_AFTER, WatchState
from newsgraph.watch.deliveries import atom
from newsgraph.web.common import Stores

FEED_ENTRIES = 50


def build_router(stores: Stores) -> APIRouter:
    from newsgraph.web.pages import templates

    router = APIRouter()

    @router.get("/alerts/{rule}.atom", include_in_schema=False)
    def alert_feed(rule: str, request: Request) -> Response:
        state = WatchState(stores.get())
        if not state.ready() or state.rule(rule) is None:
            raise HTTPException(404, f"no alert rule named {rule!r}")
        base = str(request.base_url).rstrip("/")
        return Response(atom(rule, state.matches(rule, FEED_ENTRIES), base), media_type="application/atom+xml")

    def listing() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        state = WatchState(stores.get())
        if not state.ready():
            return [], []
        counts = state.match_counts()
        rows = [{**s.__dict__, "health": s.health,
                 "next_due_at": datetime.fromtimestamp(s.next_due, UTC).isoformat(timespec="seconds")}
                for s in state.sources()]
        rules = [{"name": r.name, "min_sources": r.min_sources, "matches": counts.get(r.id, 0),
                  "window": f"{r.window_seconds:g}s" if r.window_seconds else "",
                  "filters": " ".join(f"{k}={v}" for k, v in {**r.filters, "actor": r.actor}.items() if v is not None)}
                 for r in state.rules()]
        return rows, rules

    @router.get("/alerts/{rule}", include_in_schema=False)
    def alert_page(rule: str, request: Request) -> Response:
        state = WatchState(stores.get())
        found = state.rule(rule) if state.ready() else None
        if found is None:
            raise HTTPException(404, f"no alert rule named {rule!r}")
        filters = " ".join(f"{k}={v}" for k, v in {**found.filters, "actor": found.actor}.items() if v is not None)
        return templates.TemplateResponse(request, "alerts.html", {
            "rule": found, "matches": state.matches(rule, FEED_ENTRIES), "filters": filters, "q": "",
            "window": f"{found.window_seconds:g}s" if found.window_seconds else ""})

    @router.get("/sources", include_in_schema=False)
    def sources(request: Request) -> Response:
        rows, rules = listing()
        return templates.TemplateResponse(request, "sources.html", {"sources": rows, "rules": rules, "q": "",
                                                                    "unhealthy_after": UNHEALTHY_AFTER})

    @router.get("/api/sources", summary="Watched sources with their health, and the alert rules")
    def sources_json() -> dict[str, Any]:
        """Each source `newsgraph watch` polls: kind, health (new, ok, failing, unhealthy), polls, polls
        answered 304 or unchanged, pages stored, last good poll, next due time, last error; `unhealthy`
        counts the unhealthy ones. Each alert rule with its filters and matches."""
        rows, rules = listing()
        for row in rows:
            row.pop("etag", None)
            row.pop("last_modified", None)
        return {"sources": rows, "unhealthy": sum(r["health"] == "unhealthy" for r in rows), "rules": rules}

    return router
