"""Places: the list of places the selected articles name, and one place with the actors named with it."""

from __future__ import annotations

import sqlite3
from typing import Any

from newsgraph.store.read.actors import COOCCURRENCE_ARTICLES
from newsgraph.store.read.events import count_events
from newsgraph.store.read.filters import Filters, Page, article_where, confident, containing, page


def list_places(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, name: str | None = None) -> Page:
    """Places named in the selected articles, most widely reported first."""
    # The country filter keeps the places in it, not only the articles naming one.
    where = confident(f, "places", "m").within("m.article_id", article_where(conn, f.without("country")))
    if f.country:
        where.add("p.country = ?", f.country)
    if name:
        where.add("p.name LIKE ? ESCAPE '\\'", containing(name))
    return page(
        conn,
        "SELECT p.id, p.name, p.country, p.admin1, p.latitude, p.longitude, p.feature, p.geonameid, "
        "count(DISTINCT m.article_id) AS articles FROM place_mentions m JOIN places p ON p.id = m.place_id "
        f"WHERE {where.sql} GROUP BY p.id ORDER BY articles DESC, p.id",
        f"SELECT count(DISTINCT m.place_id) FROM place_mentions m JOIN places p ON p.id = m.place_id WHERE {where.sql}",
        where, limit, offset,
    )


def place(conn: sqlite3.Connection, place_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, geonameid, name, country, admin1, latitude, longitude, feature FROM places WHERE id = ?",
        (place_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["articles"] = conn.execute(
        "SELECT count(DISTINCT article_id) FROM place_mentions WHERE place_id = ?", (place_id,)).fetchone()[0]
    out["events"] = count_events(conn, Filters(place=place_id))  # located there or inside it, as /events?place=ID
    out["actors"] = [dict(r) for r in conn.execute(
        "SELECT act.id, act.name, act.type, count(*) AS articles FROM article_actors x JOIN actors act "
        "ON act.id = x.actor_id WHERE x.article_id IN (SELECT article_id FROM place_mentions WHERE place_id = ? "
        "ORDER BY article_id DESC LIMIT ?) GROUP BY act.id ORDER BY articles DESC, act.id LIMIT 20",
        (place_id, COOCCURRENCE_ARTICLES))]
    return out


def place_name(conn: sqlite3.Connection, place_id: int) -> str | None:
    row = conn.execute("SELECT name, country FROM places WHERE id = ?", (place_id,)).fetchone()
    return f"{row[0]}, {row[1]}" if row and row[1] else (str(row[0]) if row else None)
