"""Events: the table of distinct events, one event with its reports, the reports themselves, counts
per period and type, the map's points.

An event is one row of `events` (distinct, merged across articles); each article sentence that
reports it is a row of `event_reports`.  Every list, count and map layer here selects its events
with ``filters.event_where``, so the events table, an event count, the timeline and the map of the
same filters agree: the timeline's bars plus the events it cannot place, or the map's points plus
the events without a place on it, add up to the table's total.  (The write side is ``store/events.py``.)
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any, NotRequired, TypedDict

from newsgraph.store.read.filters import (
    INTERVALS,
    NO_EVENTS,
    Filters,
    Page,
    QueryError,
    Where,
    article_where,
    event_date_branches,
    event_where,
    has_events,
    table_exists,
)
from newsgraph.store.read.totals import Counter

# An actor takes part in event `e` as its first or second actor (two parameters: the actor id twice).
TAKES_PART = "(e.actor1_id = ? OR e.actor2_id = ?)"
SORTS = {"date", "reports", "confidence", "type"}
# Reports listed on an event's page (an event reported by more is rare; the count says how many).
EVENT_REPORTS_SHOWN = 500
# Places a feature code marks as an area the points of the map stand for as a whole.
_AREA = "CASE WHEN p.feature LIKE 'A.PCL%' THEN 'country' WHEN p.feature = 'A.ADM1' THEN 'admin1' ELSE 'point' END"


def event_when(alias: str = "e") -> str:
    """SQL: when the event is shown and sorted: its date as the text states it (a day, a month, a year),
    else the day its first report was published (the column the store keeps, indexed)."""
    return f"{alias}.sort_date"


def event_day(alias: str = "e") -> str:
    """SQL: the day the timeline puts the event on: its date when the text gives the day, else (no date
    at all) the day its first report was published; NULL for a date known only to the month or year."""
    return (f"CASE WHEN {alias}.date IS NULL THEN {alias}.sort_date "  # dates are ISO: YYYY, YYYY-MM or a day
            f"WHEN length({alias}.date) >= 10 THEN substr({alias}.date, 1, 10) END")


class PeriodCounts(TypedDict):
    period: str
    counts: dict[str, int]  # PLOVER type -> distinct events


class EventCounts(TypedDict):
    interval: str
    types: list[str]
    series: list[PeriodCounts]  # only periods with events, in order: a chart spaces them on a time axis
    total: int  # events selected: those in the series, undated and coarse
    undated: int  # no date in the text, and no dated article reports them
    coarse: int  # dated only to a month or a year: no day to put them on
    note: NotRequired[str]  # why there are none (no events tables)


class MapPoints(TypedDict):
    layer: str  # "events" or "places"
    # a place (id, name, country, latitude, longitude, area: point, admin1 or country) with its count,
    # its event types and the count of each
    points: list[dict[str, Any]]
    total: NotRequired[int]  # events selected (layer events)
    unplaced: NotRequired[int]  # of them, without a place on the map
    note: NotRequired[str]  # why there are none (no events tables)


class EventDetail(TypedDict):
    event: dict[str, Any]
    reports: list[dict[str, Any]]  # by independent source, earliest first; copies under their original
    groups: list[dict[str, Any]]  # one per independent source: its first report and its copies' ids
    articles: int
    sources: int  # independent sources: reporting articles that are not copies of one another


_EVENT_JOINS = ("LEFT JOIN actors x1 ON x1.id = e.actor1_id LEFT JOIN actors x2 ON x2.id = e.actor2_id "
                "LEFT JOIN places p ON p.id = e.place_id")
_EVENT_FROM = f"events e {_EVENT_JOINS}"
_EVENT_ROW = (
    "e.id, e.type, e.mode, e.cameo_root, e.modality, e.confidence, e.date AS date_stated, e.date_precision, "
    "e.actor1_id, x1.name AS actor1_name, x1.type AS actor1_type, e.actor2_id, x2.name AS actor2_name, "
    "x2.type AS actor2_type, e.place_id, p.name AS place_name, e.place_country, e.place_precision, "
    f"p.latitude, p.longitude, {_AREA} AS place_area"
)


def _order(sort: str, descending: bool) -> str:
    way = "DESC" if descending else "ASC"
    if sort == "date":  # from the index when newest first (no date last, as DESC puts NULL)
        return f"e.sort_date {way}{' NULLS LAST' if not descending else ''}, e.id {way}"
    if sort == "reports":
        return f"(SELECT count(*) FROM event_reports r1 WHERE r1.event_id = e.id) {way}, e.id {way}"
    if sort == "confidence":
        return f"coalesce(e.confidence, 1) {way}, e.id {way}"
    return f"e.type {way}, e.sort_date DESC, e.id DESC"


def list_events(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, sort: str = "date",
                descending: bool = True, counts: Counter | None = None) -> Page:
    """Distinct events the filters select (``event_where``), newest first unless sorted otherwise
    (date, reports, confidence, type), each with its reports, articles and independent sources
    counted and the words of its first report where an actor is not a known one.

    ``counts`` remembers totals while the database does not change (``totals``: counting every event
    shown reads a whole index, 15-19 ms for 150,000 events, on every page of a table)."""
    if sort not in SORTS:
        raise QueryError(f"sort: {sort!r} is not one of {', '.join(sorted(SORTS))}")
    if not has_events(conn):
        return Page([], 0, limit, offset, NO_EVENTS)
    where = event_where(conn, f)
    # the page's ids first (a subquery with a LIMIT, which SQLite does not flatten into the join), then
    # their actors and places: joining every selected event before the LIMIT would cost a lookup per
    # event.  One statement: each is a hand-over of the interpreter's lock a busy server queues for.
    order = _order(sort, descending)
    chosen, params = _page_ids(conn, f, where, sort, order, limit, offset)
    cursor = conn.execute(
        f"SELECT {_EVENT_ROW}, {event_when()} AS when_ FROM ({chosen}) AS chosen JOIN events e ON e.id = chosen.id "
        f"{_EVENT_JOINS} ORDER BY {order}", params)
    cursor.row_factory = None  # plain tuples, zipped with the names: a third cheaper than dict(sqlite3.Row)
    names = [column[0] for column in cursor.description]
    rows = cursor.fetchall()
    total = _count(conn, f"SELECT count(*) FROM events e WHERE {where.sql}", where.params, counts)
    items = [_event_item(dict(zip(names, r))) for r in rows]
    _add_reports(conn, items)
    return Page(items, total, limit, offset, where.missing)


# Filters besides the dates whose events an index holds in date order (events_shown, _by_type, _by_country).
_IN_DATE_ORDER = {"date_from", "date_to", "event_type", "country", "min_confidence", "event_status"}


def _page_ids(conn: sqlite3.Connection, f: Filters, where: Where, sort: str, order: str, limit: int,
              offset: int) -> tuple[str, list[Any]]:
    """SQL for the ids of the page's events in the table's order, with its parameters.

    By date within a date range, the events of each way of being in it (``event_date_branches``) are read
    apart, each from an index in date order up to the page's last row, and merged: as one OR, SQLite
    gathers and sorts every event of the range (a month of 150,000 events: 12 ms; from a day on: 108 ms;
    merged: 0.1-0.3 ms).  Not when an actor, a place or an article filter narrows the events, nor for the
    few negated or hypothetical ones: SQLite then reads the range in date order testing each event (a month
    of 150,000 events for none: 30 ms), where the OR starts from the few events selected."""
    branches = event_date_branches(f)
    if (sort != "date" or not branches or set(f.active()) - _IN_DATE_ORDER
            or f.event_status not in (None, "happened", "all")):
        return f"SELECT e.id FROM events e WHERE {where.sql} ORDER BY {order} LIMIT ? OFFSET ?", [*where.params, limit, offset]
    rest = event_where(conn, f.without("date_from", "date_to"))
    parts, params = [], []
    for branch in branches:
        parts.append(f"SELECT * FROM (SELECT e.id, e.sort_date FROM events e WHERE {rest.sql} AND {branch.sql} "
                     f"ORDER BY {order} LIMIT ?)")
        params += [*rest.params, *branch.params, limit + offset]
    return f"SELECT e.id FROM ({' UNION '.join(parts)}) AS e ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]


def _count(conn: sqlite3.Connection, sql: str, params: list[Any], counts: Counter | None) -> int:
    """The count the query gives, remembered by `counts` (shared by a server's connections) until the
    database changes."""
    if counts is None:
        found: int = conn.execute(sql, params).fetchone()[0]
        return found
    return counts.count(conn, sql, params)


def count_events(conn: sqlite3.Connection, f: Filters) -> int:
    """How many distinct events the filters select: the total of the events table for them."""
    if not has_events(conn):
        return 0
    where = event_where(conn, f)
    count: int = conn.execute(f"SELECT count(*) FROM events e WHERE {where.sql}", where.params).fetchone()[0]
    return count


def count_hidden_events(conn: sqlite3.Connection, f: Filters, counts: Counter | None = None) -> int:
    """How many more events the filters would select at any confidence: those the default view hides below
    the events' threshold (0 when the filters already name a confidence). Both totals are the ones the events
    table counts, remembered by ``counts`` as the table's are."""
    if f.min_confidence is not None or not has_events(conn):
        return 0
    shown, every = event_where(conn, f), event_where(conn, replace(f, min_confidence=0.0))
    return (_count(conn, f"SELECT count(*) FROM events e WHERE {every.sql}", every.params, counts)
            - _count(conn, f"SELECT count(*) FROM events e WHERE {shown.sql}", shown.params, counts))


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    when = row.pop("when_")
    row["date"] = when  # as stated, else the day of the first report
    row["date_from_report"] = row["date_stated"] is None and when is not None
    return row


def _clusters(conn: sqlite3.Connection, article_ids: list[int]) -> dict[int, int]:
    """The copy cluster of each article that has one (the provenance stage's), to count sources."""
    if not article_ids or not table_exists(conn, "article_reuse"):
        return {}
    return {r[0]: r[1] for r in conn.execute(
        "SELECT article_id, cluster_id FROM article_reuse WHERE cluster_id IS NOT NULL AND article_id IN "
        "(SELECT value FROM json_each(?))", (json.dumps(article_ids),))}


# The words a report uses for an actor: its stored JSON's `text`, else its `name` (what _words reads).
_WORDS_SQL = ("coalesce(nullif(json_extract({0}, '$.text'), ''), nullif(json_extract({0}, '$.name'), ''))")


def _add_reports(conn: sqlite3.Connection, items: list[dict[str, Any]]) -> None:
    """Each event's count of reports, articles and independent sources, the first report's sentence
    and the words naming each actor that is not a known one."""
    if not items:
        return
    by_id = {item["id"]: item for item in items}
    reports = conn.execute(  # plain tuples, the actors' words and each article's copy cluster read by SQLite
        f"SELECT r.event_id, r.article_id, r.id, r.text, {_WORDS_SQL.format('r.actor1')}, {_WORDS_SQL.format('r.actor2')}, "
        + ("c.cluster_id FROM event_reports r LEFT JOIN article_reuse c ON c.article_id = r.article_id "
           if table_exists(conn, "article_reuse") else "NULL FROM event_reports r ") +
        "WHERE r.event_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY r.event_id, r.article_id, r.position", (json.dumps(list(by_id)),))
    reports.row_factory = None
    rows = reports.fetchall()
    clusters = {r[1]: r[6] for r in rows if r[6] is not None}
    for item in items:
        item.update(reports=0, articles=0, sources=0, sentence=None, actor1_text=None, actor2_text=None,
                    report_id=None, article_id=None)
    seen: dict[int, tuple[set[int], set[tuple[str, int]]]] = {}
    for event_id, article_id, report_id, text, words1, words2, _ in rows:
        item = by_id[event_id]
        articles, sources = seen.setdefault(event_id, (set(), set()))
        item["reports"] += 1
        articles.add(article_id)
        cluster = clusters.get(article_id)
        sources.add(("cluster", cluster) if cluster is not None else ("article", article_id))
        if item["sentence"] is None:
            item.update(sentence=text, report_id=report_id, article_id=article_id,
                        actor1_text=None if words1 is None else str(words1),
                        actor2_text=None if words2 is None else str(words2))
    for event_id, (articles, sources) in seen.items():
        by_id[event_id].update(articles=len(articles), sources=len(sources))


def _words(value: str | None) -> str | None:
    """The words a report uses for an actor (its stored JSON's `text`, else its name)."""
    if not value:
        return None
    loaded = json.loads(value)
    words = loaded.get("text") or loaded.get("name")
    return str(words) if words else None


def event(conn: sqlite3.Connection, event_id: int) -> EventDetail | None:
    """One event, every status and confidence: its fields and its reports in every article (the
    sentence with its trigger), grouped by independent source (copies of one text under the earliest)."""
    if not has_events(conn):
        return None
    row = conn.execute(f"SELECT {_EVENT_ROW}, {event_when()} AS when_ FROM {_EVENT_FROM} WHERE e.id = ?",
                       (event_id,)).fetchone()
    if row is None:
        return None
    item = _event_item(dict(row))
    reports = [dict(r) for r in conn.execute(
        "SELECT r.id AS report_id, r.article_id, r.position, r.start_offset, r.end_offset, r.trigger_start, "
        "r.trigger_end, r.status, r.confidence, r.text AS sentence, r.actor1, r.actor2, r.place, r.date, "
        "r.date_precision, a.title AS article_title, a.url, a.site_name, a.published FROM event_reports r "
        "JOIN articles a ON a.id = r.article_id WHERE r.event_id = ? "
        "ORDER BY a.published IS NULL, a.published, r.article_id, r.position LIMIT ?",
        (event_id, EVENT_REPORTS_SHOWN))]
    clusters = _clusters(conn, sorted({r["article_id"] for r in reports}))
    groups: dict[tuple[str, int], dict[str, Any]] = {}
    for r in reports:
        for side in ("actor1", "actor2", "place"):
            r[side] = json.loads(r[side]) if r[side] else None
        start, end = r["trigger_start"], r["trigger_end"]
        inside = start is not None and end is not None and r["start_offset"] <= start < end <= r["end_offset"]
        r["trigger"] = [start - r["start_offset"], end - r["start_offset"]] if inside else None
        cluster = clusters.get(r["article_id"])
        key = ("cluster", cluster) if cluster is not None else ("article", r["article_id"])
        group = groups.setdefault(key, {"cluster_id": cluster, "first": r["report_id"], "copies": []})
        r["copy_of"] = None if group["first"] == r["report_id"] else group["first"]
        if r["copy_of"] is not None:
            group["copies"].append(r["report_id"])
    total_reports: int = conn.execute("SELECT count(*) FROM event_reports WHERE event_id = ?", (event_id,)).fetchone()[0]
    first = reports[0] if reports else {}
    articles = len({r["article_id"] for r in reports})
    item.update(reports=total_reports, articles=articles, sources=len(groups), sentence=first.get("sentence"),
                article_id=first.get("article_id"), report_id=first.get("report_id"))
    item["actor1_text"] = next((_words(json.dumps(r["actor1"])) for r in reports if r["actor1"]), None)
    item["actor2_text"] = next((_words(json.dumps(r["actor2"])) for r in reports if r["actor2"]), None)
    return {"event": item, "reports": reports, "groups": list(groups.values()), "articles": articles,
            "sources": len(groups)}


# -- reports ------------------------------------------------------------------------------

_REPORT_FROM = (
    "event_reports r JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = r.article_id "
    "LEFT JOIN actors x1 ON x1.id = e.actor1_id LEFT JOIN actors x2 ON x2.id = e.actor2_id "
    "LEFT JOIN places p ON p.id = e.place_id"
)
_REPORT_ROW = (
    "r.id AS report_id, e.id AS event_id, e.type, e.mode, e.cameo_root, e.actor1_id, x1.name AS actor1_name, "
    "e.actor2_id, x2.name AS actor2_name, e.place_id, p.name AS place_name, e.place_country, p.latitude, "
    "p.longitude, e.date, e.date_precision, e.negated, e.modality, r.status, r.confidence, r.article_id, "
    "r.start_offset, r.end_offset, r.trigger_start, r.trigger_end, r.text AS sentence, "
    "a.title AS article_title, a.site_name, a.published"
)


def list_reports(conn: sqlite3.Connection, f: Filters, limit: int, offset: int) -> Page:
    """Reports (the sentence, in its article) of the events the filters select, newest article first."""
    if not has_events(conn):
        return Page([], 0, limit, offset, NO_EVENTS)
    where = event_where(conn, f)
    items = [dict(r) for r in conn.execute(
        f"SELECT {_REPORT_ROW} FROM {_REPORT_FROM} WHERE {where.sql} "
        "ORDER BY a.published DESC, r.article_id DESC, r.id LIMIT ? OFFSET ?", [*where.params, limit, offset])]
    total: int = conn.execute(
        f"SELECT count(*) FROM event_reports r JOIN events e ON e.id = r.event_id WHERE {where.sql}",
        where.params).fetchone()[0]
    return Page(items, total, limit, offset, where.missing)


def article_reports(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """The article's event reports in the order of its event list: report and event ids and the event's
    known actors, so a page links them."""
    if not has_events(conn):
        return []
    return [dict(r) for r in conn.execute(
        "SELECT r.id AS report_id, r.event_id, e.actor1_id, e.actor2_id FROM event_reports r "
        "JOIN events e ON e.id = r.event_id WHERE r.article_id = ? ORDER BY r.position", (article_id,))]


# -- counts and the map -------------------------------------------------------------------


def event_counts(conn: sqlite3.Connection, f: Filters, interval: str = "week") -> EventCounts:
    """Distinct events per period and PLOVER type, each event once, on the day ``event_day`` gives it
    (weeks start on Monday); with how many it leaves out: no date at all, or a month or a year only."""
    if interval not in INTERVALS:
        raise QueryError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    if not has_events(conn):
        return {"interval": interval, "types": [], "series": [], "total": 0, "undated": 0, "coarse": 0,
                "note": NO_EVENTS}
    where = event_where(conn, f)
    when = {"day": "day", "week": "date(day, 'weekday 0', '-6 days')", "month": "substr(day, 1, 7)"}[interval]
    rows = conn.execute(
        f"SELECT CASE WHEN day IS NOT NULL THEN {when} END AS period, dated, type, count(*) AS count FROM "
        f"(SELECT {event_day()} AS day, e.date IS NOT NULL AS dated, e.type AS type FROM events e WHERE {where.sql}) "
        "GROUP BY 1, 2, 3 ORDER BY 1, 3", where.params).fetchall()
    series: dict[str, PeriodCounts] = {}
    undated = coarse = 0
    for r in rows:
        if r["period"] is None:
            if r["dated"]:
                coarse += r["count"]
            else:
                undated += r["count"]
            continue
        counts = series.setdefault(r["period"], {"period": r["period"], "counts": {}})["counts"]
        counts[r["type"]] = counts.get(r["type"], 0) + r["count"]
    return {"interval": interval, "types": sorted({r["type"] for r in rows if r["period"] is not None}),
            "series": list(series.values()), "total": sum(r["count"] for r in rows), "undated": undated,
            "coarse": coarse}


def map_points(conn: sqlite3.Connection, f: Filters, layer: str = "events", size: int = 5000,
               counts: Counter | None = None) -> MapPoints:
    """Points to draw: distinct events per place (layer 'events', the events ``event_where`` selects),
    or articles per place named ('places'); the total as the events table counts it (``counts``:
    totals remembered, see list_events)."""
    if layer not in ("events", "places"):
        raise QueryError(f"layer: {layer!r} is not one of events, places")
    if layer == "events" and not has_events(conn):
        return {"layer": "events", "points": [], "total": 0, "unplaced": 0, "note": NO_EVENTS}
    if layer == "events":
        where = event_where(conn, f)
        rows = conn.execute(  # grouped on the events before places are joined
            f"SELECT p.id, p.name, p.country, p.latitude, p.longitude, {_AREA} AS area, g.type, g.count FROM "
            "(SELECT e.place_id, e.type, count(*) AS count FROM events e "
            f"WHERE {where.sql} AND e.place_id IS NOT NULL GROUP BY e.place_id, e.type) g "
            "JOIN places p ON p.id = g.place_id WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL",
            where.params).fetchall()
        total = _count(conn, f"SELECT count(*) FROM events e WHERE {where.sql}", where.params, counts)
        points: dict[int, dict[str, Any]] = {}
        for r in rows:
            point = points.setdefault(r["id"], {
                "id": r["id"], "name": r["name"], "country": r["country"], "latitude": r["latitude"],
                "longitude": r["longitude"], "area": r["area"], "count": 0, "types": [], "by_type": {}})
            point["count"] += r["count"]
            point["by_type"][r["type"]] = r["count"]
        chosen = sorted(points.values(), key=lambda p: (-p["count"], p["id"]))[:size]
        for point in chosen:
            point["types"] = sorted(point["by_type"])
        placed = sum(p["count"] for p in points.values())
        return {"layer": "events", "points": chosen, "total": total, "unplaced": total - placed}
    selected = article_where(conn, f.without("event_type", "event_mode"))
    rows = conn.execute(
        "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(DISTINCT m.article_id) AS count "
        "FROM place_mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id "
        f"WHERE {selected.sql} AND p.latitude IS NOT NULL GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?",
        [*selected.params, size]).fetchall()
    return {"layer": "places", "points": [{**dict(r), "types": []} for r in rows]}


def event_types(conn: sqlite3.Connection) -> list[str]:
    """The PLOVER types the database's events have (for a filter's choices)."""
    if not has_events(conn):
        return []
    return [r[0] for r in conn.execute(
        "WITH RECURSIVE t(type) AS (SELECT min(type) FROM events UNION ALL "
        "SELECT (SELECT min(type) FROM events WHERE type > t.type) FROM t WHERE t.type IS NOT NULL) "
        "SELECT type FROM t WHERE type IS NOT NULL")]
