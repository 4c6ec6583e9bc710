"""The JSON API under /api: every list takes the same filters, pages by offset with a total,
and comes as CSV with ``?format=csv`` (or a ``.csv`` path).  Read-only; see ingest.py for the
one route that writes, which is off unless the server is started with --allow-ingest.

Routes return JSONResponse themselves: the store gives plain JSON values, and FastAPI's
generic encoder, walking every snippet piece, cost a third of a search request's Python time.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse

from newsgraph.confidence import shown_facts
from newsgraph.store.read import Filters, QueryError
from newsgraph.web.common import (Format, Id, Limit, MinConfidence, Offset, Order, Sort, Stores, check_limit,
                                   csv_response, filter_params, respond)
from newsgraph.web.models import EventCountsModel, EventDetailModel, EventPage, MapPointsModel, ToneSeriesModel

Interval = Annotated[str, Query(pattern="^(day|week|month)$", description="day, week (from Monday) or month")]


def article_view(store, article_id: int, min_confidence: float | None = None) -> dict | None:
    """One article with its enrichments at or above ``min_confidence`` (default: each kind's
    threshold, newsgraph.confidence; 0: every fact), the ids of its actors and places, and its reuse links.
    Events of every status are kept, each with its status, its report and event ids; ``hidden`` counts
    what the floor left out."""
    found = store.get(article_id)
    if found is None:
        return None
    article, origin = found
    ids = {id(e): r for e, r in zip(article.events, store.article_event_reports(article_id))}
    shown = shown_facts(article, min_confidence, all_statuses=True)
    links = store.article_links(article_id)
    data = {"id": article_id, "origin": origin, **shown.to_dict(), "min_confidence": min_confidence,
            "hidden": {part: len(getattr(article, part)) - len(getattr(shown, part))
                       for part in ("entities", "places", "quotes", "citations", "events")}}
    names = {e.id: e.name for e in shown.entities}  # the record's ids ("e1") before the database's replace them
    for entity in data["entities"]:
        entity["id"] = links["actors"].get(entity["name"])
    data["actor_tones"] = [{**t, "actor": names[t["actor_id"]], "actor_id": links["actors"].get(names[t["actor_id"]])}
                           for t in data["actor_tones"] if t["actor_id"] in names]
    for place in data["places"]:
        place["id"] = links["places"].get((place["name"], place["geonameid"]))
    for quote in data["quotes"]:
        quote["speaker_id"] = links["actors"].get(quote["speaker"])
    for event, record in zip(data["events"], shown.events):
        report = ids.get(id(record)) or {}
        event["report_id"], event["event_id"] = report.get("report_id"), report.get("event_id")
        for side in ("actor1", "actor2"):
            if event.get(side):
                event[side]["id"] = report.get(f"{side}_id")
    data["reuse"] = store.article_reuse(article_id)
    return data


def build_router(stores: Stores) -> APIRouter:
    api = APIRouter(prefix="/api")
    store = stores.get

    @api.get("/stats", summary="What the database holds")
    def stats() -> JSONResponse:
        return JSONResponse(store().stats())

    @api.get("/articles", summary="Articles, newest first")
    def articles(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
        check_limit(limit, format)
        return respond(store().articles_page(f, limit, offset), format, "articles", {"filters": f.active()})

    @api.get("/articles/{article_id}", summary="One article with its enrichments and reuse links")
    def article(article_id: Id, min_confidence: MinConfidence = None) -> JSONResponse:
        data = article_view(store(), article_id, min_confidence)
        if data is None:
            raise HTTPException(404, f"article {article_id} not found")
        return JSONResponse(data)

    @api.get("/search", summary="Full-text search ranked by BM25, with highlighted snippets")
    def search(f: Filters = Depends(filter_params), limit: Annotated[int, Query(ge=1, le=10_000)] = 20,
               offset: Offset = 0, format: Format = "json",
               facets: Annotated[bool, Query(description="Also count results by site, actor, place, event type, month")] = False):
        if not f.q:
            raise QueryError("q: a search needs words to look for")
        check_limit(limit, format)
        s = store()
        page = s.search_page(f, limit, offset)
        extra = {"query": f.q, "filters": f.active()}
        if facets and format == "json":
            extra["facets"] = s.facets(f)
        return respond(page, format, "search", extra)

    @api.get("/counts", summary="Articles published per day, week or month, for any filter")
    def counts(f: Filters = Depends(filter_params), interval: Interval = "day", format: Format = "json"):
        rows = store().article_counts(f, interval)
        if format == "csv":
            return csv_response(rows, f"articles-per-{interval}")
        return JSONResponse({"interval": interval, "filters": f.active(), "counts": rows})

    @api.get("/actors", summary="Actors of the selected articles, most reported first")
    def actors(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json",
               type: Annotated[str | None, Query(max_length=40, description="person, organization, country, ...")] = None,
               name: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None):
        check_limit(limit, format)
        return respond(store().actors_page(f, limit, offset, type, name), format, "actors")

    @api.get("/actors/{actor_id}", summary="One actor: names, roles, counts")
    def actor(actor_id: Id) -> JSONResponse:
        found = store().actor(actor_id)
        if found is None:
            raise HTTPException(404, f"actor {actor_id} not found")
        return JSONResponse(found)

    @api.get("/actors/{actor_id}/timeline", summary="An actor's articles, quotes and events per period")
    def actor_timeline(actor_id: Id, interval: Interval = "week", format: Format = "json"):
        _actor_or_404(actor_id)
        rows = store().actor_timeline(actor_id, interval)
        return csv_response(rows, f"actor-{actor_id}-timeline") if format == "csv" else JSONResponse({"interval": interval, "series": rows})

    @api.get("/actors/{actor_id}/tone", summary="An actor's tone per period: the sentences naming it, pooled",
             response_model=ToneSeriesModel)
    def actor_tone(actor_id: Id, interval: Interval = "week", format: Format = "json"):
        _actor_or_404(actor_id)
        rows = store().actor_tone_timeline(actor_id, interval)
        return csv_response(rows, f"actor-{actor_id}-tone") if format == "csv" else JSONResponse({"interval": interval, "series": rows})

    @api.get("/actors/{actor_id}/network", summary="Actors named in the same articles (nodes and weighted links)")
    def actor_network(actor_id: Id) -> JSONResponse:
        _actor_or_404(actor_id)
        return JSONResponse(store().actor_network(actor_id))

    @api.get("/actors/{actor_id}/places", summary="Places of an actor's events (or of its articles)")
    def actor_places(actor_id: Id) -> JSONResponse:
        _actor_or_404(actor_id)
        return JSONResponse(store().actor_places(actor_id))

    def _actor_or_404(actor_id: int) -> None:
        if store().actor(actor_id) is None:
            raise HTTPException(404, f"actor {actor_id} not found")

    @api.get("/places", summary="Places named in the selected articles, most reported first")
    def places(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json",
               name: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None):
        check_limit(limit, format)
        return respond(store().places_page(f, limit, offset, name), format, "places")

    @api.get("/places/{place_id}", summary="One place, with the actors named with it")
    def place(place_id: Id) -> JSONResponse:
        found = store().place(place_id)
        if found is None:
            raise HTTPException(404, f"place {place_id} not found")
        return JSONResponse(found)

    @api.get("/quotes", summary="Quotes with their speakers (speaker=ACTOR_ID for one speaker)")
    def quotes(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
        check_limit(limit, format)
        return respond(store().quotes_page(f, limit, offset), format, "quotes")

    @api.get("/citations", summary="Cited sources, with the sentence each supports")
    def citations(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json",
                  source: Annotated[str | None, Query(max_length=300, description="Source name, exactly")] = None):
        check_limit(limit, format)
        return respond(store().citations_page(f, limit, offset, source), format, "citations")

    @api.get("/events", summary="Distinct events (merged across their reports), newest first: the events table",
             response_model=EventPage)
    def events(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json",
               sort: Sort = "date", order: Order = "desc",
               by_actor: Annotated[int | None, Query(ge=1, description="Actor id (older name of actor=)")] = None):
        check_limit(limit, format)
        if by_actor is not None and f.actor is None:
            f.actor = by_actor
        page = store().events_page(f, limit, offset, sort, order == "desc")
        return respond(page, format, "events", {"filters": f.active()})

    @api.get("/events/reports", summary="Reports of the selected events: each sentence stating one, in its article")
    def event_reports(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0,
                      format: Format = "json"):
        check_limit(limit, format)
        return respond(store().event_reports_page(f, limit, offset), format, "event-reports")

    @api.get("/events/counts", summary="Events per period and type: the timeline, for any filter",
             response_model=EventCountsModel)
    def event_counts(f: Filters = Depends(filter_params), interval: Interval = "week", format: Format = "json"):
        data = store().event_counts(f, interval)
        if format == "csv":
            rows = [{"period": s["period"], "type": t, "count": n} for s in data["series"] for t, n in s["counts"].items()]
            return csv_response(rows, f"events-per-{interval}")
        return JSONResponse(data)

    @api.get("/events/{event_id}", summary="One event: its reports in every article, copies grouped, sources counted",
             response_model=EventDetailModel)
    def event(event_id: Id) -> JSONResponse:
        found = store().event(event_id)
        if found is None:
            raise HTTPException(404, f"event {event_id} not found")
        return JSONResponse(found)

    @api.get("/map", summary="Points for the map: events per place (or articles per place named)",
             response_model=MapPointsModel)
    def map_points(f: Filters = Depends(filter_params), format: Format = "json",
                   layer: Annotated[str, Query(pattern="^(events|places)$")] = "events"):
        data = store().map_points(f, layer)
        return csv_response(data["points"], f"map-{layer}") if format == "csv" else JSONResponse(data)

    @api.get("/clusters", summary="Clusters of republished copies (from the provenance stage)")
    def clusters(f: Filters = Depends(filter_params), limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
        check_limit(limit, format)
        return respond(store().clusters_page(f, limit, offset), format, "clusters")

    return api
