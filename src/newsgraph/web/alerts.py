"""What `newsgraph watch` keeps: /sources (the watched sources with their health, and the alert rules),
/api/sources (the same as JSON, for a health check), /alerts/{rule} (a rule's latest matches) and
/alerts/{rule}.atom (the same as an Atom feed, newest first), all read-only; and POST /api/alerts,
which makes a selection of the events or search pages a rule (only with `serve --allow-ingest` and
its bearer token, like POST /api/ingest)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Body, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from newsgraph.store.watch import UNHEALTHY_AFTER, WatchState
from newsgraph.watch.deliveries import atom
from newsgraph.web.common import Stores, require_writer

FEED_ENTRIES = 50


def build_router(stores: Stores, writer: Stores | None = None, allow_writes: bool = False,
                 token: str | None = None) -> APIRouter:
    from newsgraph.web.pages import templates

    router = APIRouter()

    @router.post("/api/alerts", summary="Make a selection an alert rule (needs --allow-ingest and the bearer token)")
    async def add_alert(request: Request, rule: dict[str, Any] = Body(..., examples=[{
            "name": "libya-assaults", "q": "Sirte", "country": "LY", "event_type": "ASSAULT", "min_sources": 2,
            "window": "24h", "webhook": "https://example.org/hook"}])) -> dict[str, Any]:
        """The filters of /events and /search (q, country, place, event_type, theme, event_status, min_confidence,
        site, language; actor by name), `min_sources` independent sources within `window`, `on` events
        or articles, and where to deliver (`webhook`, `email`). The rule matches what is stored from
        now on, as `newsgraph alerts add` does; `newsgraph watch` evaluates it after each batch."""
        require_writer(request, allow_writes, token, "writing alert rules")
        if writer is None:
            raise HTTPException(403, "writing alert rules is off")
        return await run_in_threadpool(_add_rule, writer, rule)

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


def _add_rule(writer: Stores, given: dict[str, Any]) -> dict[str, Any]:
    from newsgraph.watch.alerts import RULE_FILTERS, add_rule
    from newsgraph.watch.sources import WatchError, parse_duration

    known = set(RULE_FILTERS) | {"name", "actor", "min_sources", "window", "webhook", "email", "on"}
    unknown = sorted(set(given) - known)
    if unknown:
        raise HTTPException(400, f"unknown field {', '.join(unknown)}")
    name, min_sources = given.get("name"), given.get("min_sources", 1)
    if not isinstance(name, str) or not isinstance(min_sources, int):
        raise HTTPException(400, "a rule needs a \"name\" (text) and an integer \"min_sources\" if given")
    try:
        window = parse_duration(given["window"], "window") if given.get("window") else None
        rule = add_rule(WatchState(writer.get()), name, {k: given.get(k) for k in RULE_FILTERS},
                        given.get("actor"), min_sources, window, given.get("webhook"), None, given.get("email"),
                        given.get("on") or "events")
    except (WatchError, TypeError, ValueError) as error:
        raise HTTPException(400, str(error).replace("\n", " ")) from None
    return {"name": rule.name, "on": rule.target, "feed": f"/alerts/{rule.name}.atom", "secret": rule.secret}
