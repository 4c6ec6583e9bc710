"""What `newsgraph watch` keeps, read-only: /sources (the watched sources with their health, and the
alert rules) and /alerts/{rule}.atom (a rule's matches as an Atom feed, newest first)."""

from __future__ import annotations

from datetime import UTC, datetime

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

    @router.get("/sources", include_in_schema=False)
    def sources(request: Request) -> Response:
        state = WatchState(stores.get())
        found = state.sources() if state.ready() else []
        counts = state.match_counts() if state.ready() else {}
        rows = [{**s.__dict__, "health": s.health,
                 "next_due_at": datetime.fromtimestamp(s.next_due, UTC).isoformat(timespec="seconds")} for s in found]
        rules = [{"name": r.name, "min_sources": r.min_sources, "matches": counts.get(r.id, 0),
                  "window": f"{r.window_seconds:g}s" if r.window_seconds else "",
                  "filters": " ".join(f"{k}={v}" for k, v in {**r.filters, "actor": r.actor}.items() if v is not None)}
                 for r in (state.rules() if state.ready() else [])]
        return templates.TemplateResponse(request, "sources.html", {"sources": rows, "rules": rules, "q": "",
                                                                    "unhealthy_after": UNHEALTHY_AFTER})

    return router
