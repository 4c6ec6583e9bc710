"""Actors: the list, one actor with its counts, its timeline, the actors named with it, its places."""

from __future__ import annotations

import sqlite3
from typing import Any, TypedDict

from newsgraph.store.read.events import count_events, event_day
from newsgraph.store.read.filters import (
    Filters,
    Page,
    article_where,
    confident,
    containing,
    event_where,
    has_events,
    page,
    period,
)
from newsgraph.store.read.tone import actor_tone

# Co-occurrences are counted over an actor's most recent articles: enough for a picture, bounded in cost.
COOCCURRENCE_ARTICLES = 500


class Network(TypedDict):
    """The actor and the actors named with it (nodes: id, name, type, weight), and weighted links (source, target, weight)."""

    nodes: list[dict[str, Any]]
    links: list[dict[str, Any]]


class ActorPlaces(TypedDict):
    basis: str  # "events": where its events happened; "articles": the places its articles name
    items: list[dict[str, Any]]


def list_actors(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, type_: str | None = None,
                name: str | None = None) -> Page:
    """Actors of the selected articles, most widely reported first."""
    where = confident(f, "actors", "x").within("x.article_id", article_where(conn, f))
    if type_:
        where.add("act.type = ?", type_)
    if name:
        where.add("act.name LIKE ? ESCAPE '\\'", containing(name))
    return page(
        conn,
        "SELECT act.id, act.name, act.type, act.country, act.sector, act.kb_id, count(*) AS articles, "
        "sum(x.mentions) AS mentions FROM article_actors x JOIN actors act ON act.id = x.actor_id "
        f"WHERE {where.sql} GROUP BY act.id ORDER BY articles DESC, act.id",
        f"SELECT count(DISTINCT x.actor_id) FROM article_actors x JOIN actors act ON act.id = x.actor_id WHERE {where.sql}",
        where, limit, offset,
    )


def actor(conn: sqlite3.Connection, actor_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, name, type, country, sector, kb_id FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["aliases"] = [r[0] for r in conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,))]
    out["roles"] = [r[0] for r in conn.execute(
        "SELECT role FROM article_actors WHERE actor_id = ? AND role IS NOT NULL GROUP BY role ORDER BY count(*) DESC "
        "LIMIT 5", (actor_id,))]
    out["articles"] = conn.execute("SELECT count(*) FROM article_actors WHERE actor_id = ?", (actor_id,)).fetchone()[0]
    out["quotes"] = conn.execute("SELECT count(*) FROM quotes WHERE speaker_actor_id = ?", (actor_id,)).fetchone()[0]
    # the events it takes part in that the events table shows by default (the same floor and status)
    out["events"] = count_events(conn, Filters(actor=actor_id))
    out["tone"] = actor_tone(conn, actor_id)  # of the sentences naming it (store/read/tone.py), or None
    return out


def actor_timeline(conn: sqlite3.Connection, actor_id: int, interval: str = "week") -> list[dict[str, Any]]:
    """Per period: articles mentioning the actor, its quotes, and events where it acts or is acted on."""
    published = period(interval, "a.published")
    rows: dict[str, dict[str, Any]] = {}

    def add(kind: str, sql: str, params: list[Any]) -> None:
        for r in conn.execute(sql, params):
            rows.setdefault(r[0], {"period": r[0], "articles": 0, "quotes": 0, "events": 0})[kind] = r[1]

    add("articles", f"SELECT {published} AS period, count(*) FROM article_actors x JOIN articles a "
        "ON a.id = x.article_id WHERE x.actor_id = ? AND period IS NOT NULL GROUP BY 1", [actor_id])
    add("quotes", f"SELECT {published} AS period, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_actor_id = ? AND period IS NOT NULL GROUP BY 1", [actor_id])
    if has_events(conn):  # the events of /events?actor=ID, each on the day the events timeline gives it
        events = event_where(conn, Filters(actor=actor_id))
        add("events", f"SELECT {period(interval, 'day')} AS period, count(*) FROM (SELECT {event_day()} AS day "
            f"FROM events e WHERE {events.sql}) WHERE period IS NOT NULL GROUP BY 1", events.params)
    return [rows[k] for k in sorted(rows)]


def cooccurring_actors(conn: sqlite3.Connection, actor_id: int, size: int = 25) -> Network:
    """The actors named in the same articles (over the actor's latest articles), as nodes and weighted links."""
    recent = (
        "SELECT x.article_id FROM article_actors x JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ? "
        "ORDER BY a.published DESC, a.id DESC LIMIT ?"
    )
    neighbours = [dict(r) for r in conn.execute(
        f"SELECT act.id, act.name, act.type, count(*) AS weight FROM article_actors y JOIN actors act "
        f"ON act.id = y.actor_id WHERE y.article_id IN ({recent}) AND y.actor_id != ? "
        "GROUP BY act.id ORDER BY weight DESC, act.id LIMIT ?",
        (actor_id, COOCCURRENCE_ARTICLES, actor_id, size))]
    ids = [n["id"] for n in neighbours]
    links = [{"source": actor_id, "target": n["id"], "weight": n["weight"]} for n in neighbours]
    if ids:
        marks = ",".join("?" * len(ids))
        links += [dict(r) for r in conn.execute(
            f"SELECT p.actor_id AS source, q.actor_id AS target, count(*) AS weight FROM article_actors p "
            f"JOIN article_actors q ON q.article_id = p.article_id AND q.actor_id > p.actor_id "
            f"WHERE p.article_id IN ({recent}) AND p.actor_id IN ({marks}) AND q.actor_id IN ({marks}) GROUP BY 1, 2",
            (actor_id, COOCCURRENCE_ARTICLES, *ids, *ids))]
    me = conn.execute("SELECT id, name, type FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return {"nodes": ([{**dict(me), "weight": None}] if me else []) + neighbours, "links": links}


def actor_places(conn: sqlite3.Connection, actor_id: int, size: int = 50) -> ActorPlaces:
    """Where the actor's events happened (those /events?actor=ID lists), or, without events, the places its articles name."""
    if has_events(conn):
        events = event_where(conn, Filters(actor=actor_id))
        rows = conn.execute(
            "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(*) AS count FROM events e "
            f"JOIN places p ON p.id = e.place_id WHERE {events.sql} "
            "GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?", [*events.params, size]).fetchall()
        if rows:
            return {"basis": "events", "items": [dict(r) for r in rows]}
    rows = conn.execute(
        "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(DISTINCT m.article_id) AS count "
        "FROM place_mentions m JOIN places p ON p.id = m.place_id "
        "WHERE m.article_id IN (SELECT article_id FROM article_actors WHERE actor_id = ?) "
        "GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?", (actor_id, size)).fetchall()
    return {"basis": "articles", "items": [dict(r) for r in rows]}


def actor_name(conn: sqlite3.Connection, actor_id: int) -> str | None:
    row = conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return str(row[0]) if row else None
