"""/alerts/{rule}.atom: the matches of an alert rule as an Atom feed, newest first (read-only)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from newsgraph.store.watch import WatchState
from newsgraph.watch.deliveries import atom
from newsgraph.web.common import Stores

FEED_ENTRIES = 50


def build_router(stores: Stores) -> APIRouter:
    router = APIRouter()

    @router.get("/alerts/{rule}.atom", include_in_schema=False)
    def alert_feed(rule: str, request: Request) -> Response:
        state = WatchState(stores.get())
        if not state.ready() or state.rule(rule) is None:
            raise HTTPException(404, f"no alert rule named {rule!r}")
        base = str(request.base_url).rstrip("/")
        return Response(atom(rule, state.matches(rule, FEED_ENTRIES), base), media_type="application/atom+xml")

    return router
