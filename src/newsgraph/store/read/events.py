"""Events: the list of reports, counts per period and type, the map's points.

An event is one row of `events` (distinct, merged across articles); each article sentence that
reports it is a row of `event_reports`.  Lists are of reports (the evidence, in its article);
counts and the map count distinct events.  (The write side is ``store/events.py``.)
"""

from __future__ import annotations

import sqlite3
from typing import Any, NotRequired, TypedDict

from newsgraph.store.read.filters import (
    NO_EVENTS,
    Filters,
    Page,
    QueryError,
    Where,
    article_where,
    event_conditions,
    full_date,
    has_events,
    page,
    period,
)

_EVENT_FROM = (
    "event_reports r JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = r.article_id "
    "LEFT JOIN actors x1 ON x1.id = e.actor1_id LEFT JOIN actors x2 ON x2.id = e.actor2_id "
    "LEFT JOIN places p ON p.id = e.place_id"
)
_EVENT_ROW = (
    "r.id AS report_id, e.id AS event_id, e.type, e.mode, e.cameo_root, e.actor1_id, x1.name AS actor1_name, "
    "e.actor2_id, x2.name AS actor2_name, e.place_id, p.name AS place_name, e.place_country, p.latitude, "
    "p.longitude, e.date, e.date_precision, e.negated, r.status, r.confidence, r.article_id, "
    "r.start_offset, r.end_offset, r.trigger_start, r.trigger_end, r.text AS sentence, "
    "a.title AS article_title, a.site_name, a.published"
)
# An actor takes part in event `e` as its first or second actor (two parameters: the actor id twice).
TAKES_PART = "(e.actor1_id = ? OR e.actor2_id = ?)"


class PeriodCounts(TypedDict):
    period: str
    counts: dict[str, int]  # PLOVER type -> distinct events


class EventCounts(TypedDict):
    interval: str
    types: list[str]
    series: list[PeriodCounts]
    note: NotRequired[str]  # why there are none (no events tables)


class MapPoints(TypedDict):
    layer: str  # "events" or "places"
    points: list[dict[str, Any]]  # a place (id, name, country, latitude, longitude) with its count and event types
    note: NotRequired[str]  # why there are none (no events tables)


def event_date(otherwise: str) -> str:
    """SQL: the date of event `e` where it is known to the day, else the `otherwise` expression."""
    return f"CASE WHEN {full_date('e.date')} THEN e.date ELSE {otherwise} END"


def _event_where(conn: sqlite3.Connection, f: Filters, by_actor: int | None = None) -> Where:
    """Conditions on the event list's tables: the article filters, the events shown, an actor taking part."""
    where = article_where(conn, f.without("event_type", "event_mode")).extend(event_conditions(f, "e"))
    if by_actor is not None:
        where.add(TAKES_PART, by_actor, by_actor)
    return where


def list_events(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, by_actor: int | None = None) -> Page:
    """Reports of events in the selected articles (of a type and mode, with an actor), newest first."""
    if not has_events(conn):
        return Page([], 0, limit, offset, NO_EVENTS)
    where = _event_where(conn, f, by_actor)
    return page(
        conn,
        f"SELECT {_EVENT_ROW} FROM {_EVENT_FROM} WHERE {where.sql} "
        "ORDER BY a.published DESC, r.article_id DESC, r.id",
        f"SELECT count(*) FROM {_EVENT_FROM} WHERE {where.sql}",
        where, limit, offset,
    )


def event_counts(conn: sqlite3.Connection, f: Filters, interval: str = "week") -> EventCounts:
    """Distinct events per period and PLOVER type (the event's date where known to the day, else its article's)."""
    if not has_events(conn):
        return {"interval": interval, "types": [], "series": [], "note": NO_EVENTS}
    when = period(interval, event_date("a.published"))
    where = _event_where(conn, f)
    rows = conn.execute(
        f"SELECT {when} AS period, e.type AS type, count(DISTINCT e.id) AS count FROM {_EVENT_FROM} "
        f"WHERE {where.sql} AND period IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
        where.params).fetchall()
    series: dict[str, PeriodCounts] = {}
    for r in rows:
        series.setdefault(r["period"], {"period": r["period"], "counts": {}})["counts"][r["type"]] = r["count"]
    return {"interval": interval, "types": sorted({r["type"] for r in rows}), "series": list(series.values())}


def map_points(conn: sqlite3.Connection, f: Filters, layer: str = "events", size: int = 5000) -> MapPoints:
    """Points to draw: distinct events per place (layer 'events') or articles per place named ('places')."""
    if layer not in ("events", "places"):
        raise QueryError(f"layer: {layer!r} is not one of events, places")
    if layer == "events" and not has_events(conn):
        return {"layer": "events", "points": [], "note": NO_EVENTS}
    selected = article_where(conn, f.without("event_type", "event_mode"))
    if layer == "events":
        # only events reported by a selected article
        where = event_conditions(f, "e").within(
            "e.id", selected, "SELECT r.event_id FROM event_reports r JOIN articles a ON a.id = r.article_id")
        rows = conn.execute(  # grouped on the index events_for_map before places are joined
            "SELECT p.id, p.name, p.country, p.latitude, p.longitude, g.count, g.types FROM "
            "(SELECT e.place_id, count(*) AS count, group_concat(DISTINCT e.type) AS types FROM events e "
            f"WHERE {where.sql} AND e.place_id IS NOT NULL GROUP BY e.place_id) g "
            "JOIN places p ON p.id = g.place_id WHERE p.latitude IS NOT NULL ORDER BY g.count DESC, p.id LIMIT ?",
            [*where.params, size]).fetchall()
        return {"layer": "events", "points": [
            {**dict(r), "types": sorted(r["types"].split(",")) if r["types"] else []} for r in rows]}
    rows = conn.execute(
        "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(DISTINCT m.article_id) AS count "
        "FROM place_mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id "
        f"WHERE {selected.sql} AND p.latitude IS NOT NULL GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?",
        [*selected.params, size]).fetchall()
    return {"layer": "places", "points": [{**dict(r), "types": []} for r in rows]}
