"""What the exports read: the distinct events a ``Filters`` selects with every report, and the rows
of each fact table (events, actors, places, quotes, citations) for the selected articles.

Events are selected by ``filters.event_where`` (the rule of the events pages: the event's own date,
actor as source or target, country, status, confidence); the other tables by ``article_where``
(the articles' filters) and each kind's confidence floor.  Rows come in id order, in batches, so an
export of a large database streams.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from newsgraph.store.read.filters import Filters, Where, article_where, confident, event_where, has_events

BATCH = 500
TABLES = ("events", "actors", "places", "quotes", "citations")

_EVENT = (
    "e.id, e.type, e.mode, e.cameo_root, e.actor1_id, e.actor2_id, e.place_id, e.place_precision, e.date, "
    "e.date_precision, e.modality, e.confidence"
)
# Each report with its article; `lead` is 1 when the sentence lies in its article's first paragraph;
# `tone` the sentence's stored tone, `toned` whether its article's tone was measured when it was stored.
_REPORTS = (
    "SELECT r.event_id, r.article_id, r.status, r.confidence, r.text, r.start_offset, r.end_offset, r.actor1, "
    "r.actor2, a.url, a.site_name, a.title, a.published, a.fetched_at, a.ingested_at, a.language, "
    "coalesce(r.start_offset < json_extract(a.paragraph_offsets, '$[0][1]'), 1) AS lead, t.tone, "
    "EXISTS (SELECT 1 FROM article_tone x WHERE x.article_id = r.article_id) AS toned "
    "FROM event_reports r JOIN articles a ON a.id = r.article_id "
    "LEFT JOIN sentence_tones t ON t.article_id = r.article_id AND t.start_offset = r.start_offset "
    "WHERE r.event_id IN ({ids}) ORDER BY r.event_id, a.published IS NULL, a.published, r.article_id, r.position"
)


def event_ids(conn: sqlite3.Connection, f: Filters) -> Iterator[list[int]]:
    """The ids of the events the filters select, in batches, in id order."""
    if not has_events(conn):
        return
    yield from _id_batches(conn, "events e", "e.id", event_where(conn, f, "e"))


def events(conn: sqlite3.Connection, f: Filters) -> Iterator[dict[str, Any]]:
    """Each selected event: its fields, actors (the actor row, the words of its first report), place, and
    every report (article, url, site, published, ingested_at, sentence, status, confidence, lead)."""
    for ids in event_ids(conn, f):
        marks = ",".join("?" * len(ids))
        reports: dict[int, list[dict[str, Any]]] = {}
        for r in conn.execute(_REPORTS.format(ids=marks), ids):
            reports.setdefault(r["event_id"], []).append({
                "article_id": r["article_id"], "url": r["url"], "site_name": r["site_name"], "title": r["title"],
                "published": r["published"], "fetched_at": r["fetched_at"], "ingested_at": r["ingested_at"], "start": r["start_offset"],
                "end": r["end_offset"], "status": r["status"], "confidence": r["confidence"], "text": r["text"],
                "lead": bool(r["lead"]), "actor1": _json(r["actor1"]), "actor2": _json(r["actor2"]),
                "tone": r["tone"], "toned": bool(r["toned"]), "language": r["language"],
            })
        actors = _by_id(conn, "SELECT id, name, type, country, sector, kb_id FROM actors WHERE id IN ({ids})",
                        f"SELECT actor1_id FROM events WHERE id IN ({marks}) UNION SELECT actor2_id FROM events "
                        f"WHERE id IN ({marks})", [*ids, *ids])
        places = _by_id(conn, "SELECT id, geonameid, name, country, admin1, latitude AS lat, longitude AS lon, feature "
                              "FROM places WHERE id IN ({ids})", f"SELECT place_id FROM events WHERE id IN ({marks})", ids)
        for row in conn.execute(f"SELECT {_EVENT} FROM events e WHERE e.id IN ({marks}) ORDER BY e.id", ids):
            told = reports.get(row["id"], [])
            first = told[0] if told else {}
            place = places.get(row["place_id"])
            yield {
                "id": row["id"], "type": row["type"], "mode": row["mode"], "cameo_root": row["cameo_root"],
                "actor1": _actor(actors.get(row["actor1_id"]), first.get("actor1")),
                "actor2": _actor(actors.get(row["actor2_id"]), first.get("actor2")),
                "place": {**place, "precision": row["place_precision"]} if place else None,
                "date": row["date"], "date_precision": row["date_precision"], "modality": row["modality"],
                "negated": row["modality"] != "happened", "confidence": row["confidence"], "reports": told,
                "sources": sorted({r["url"] or r["site_name"] or f"article:{r['article_id']}" for r in told}),
            }


def _by_id(conn: sqlite3.Connection, sql: str, ids_sql: str, params: list[Any]) -> dict[int, dict[str, Any]]:
    return {r["id"]: dict(r) for r in conn.execute(sql.format(ids=ids_sql), params)}


def _json(value: str | None) -> dict[str, Any] | None:
    loaded: dict[str, Any] | None = json.loads(value) if value else None
    return loaded


def _actor(row: dict[str, Any] | None, written: dict[str, Any] | None) -> dict[str, Any] | None:
    """The actor row with the words of the first report (its country and sector where the article gives them)."""
    if row is None:
        return dict(written, id=None, type=None, kb_id=None) if written else None
    written = written or {}
    return {**row, "country": written.get("country") or row["country"], "sector": written.get("sector") or row["sector"],
            "text": written.get("text")}


def article_ids(conn: sqlite3.Connection, f: Filters) -> Iterator[int]:
    """The ids of the articles the filters select, in id order."""
    for ids in _id_batches(conn, "articles a", "a.id", article_where(conn, f, "a")):
        yield from ids


def _id_batches(conn: sqlite3.Connection, table: str, key: str, where: Where) -> Iterator[list[int]]:
    """The ids of a table's rows that `where` selects, BATCH at a time in id order (keyset paging)."""
    last = 0
    while True:
        ids = [r[0] for r in conn.execute(f"SELECT {key} FROM {table} WHERE {key} > ? AND {where.sql} ORDER BY {key} LIMIT ?",
                                          [last, *where.params, BATCH])]
        if not ids:
            return
        yield ids
        last = ids[-1]


# -- the fact tables, one flat row each -----------------------------------------------------

_ARTICLE = "a.url AS article_url, a.site_name, a.published"
_SQL = {
    "actors": (
        "SELECT act.id, act.name, act.type, act.country, act.sector, act.kb_id, count(DISTINCT x.article_id) AS articles, "
        "sum(x.mentions) AS mentions, max(x.confidence) AS confidence, "
        "(SELECT group_concat(alias, '|') FROM actor_aliases WHERE actor_id = act.id) AS aliases "
        "FROM article_actors x JOIN actors act ON act.id = x.actor_id JOIN articles a ON a.id = x.article_id "
        "WHERE act.id > ? AND {where} GROUP BY act.id ORDER BY act.id LIMIT ?", "x", "act.id"),
    "places": (
        "SELECT p.id, p.geonameid, p.name, p.country, p.admin1, p.latitude, p.longitude, p.feature, "
        "count(DISTINCT m.article_id) AS articles, count(*) AS mentions, max(m.confidence) AS confidence "
        "FROM place_mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id "
        "WHERE p.id > ? AND {where} GROUP BY p.id ORDER BY p.id LIMIT ?", "m", "p.id"),
    "quotes": (
        f"SELECT q.id, q.article_id, {_ARTICLE}, q.speaker, q.speaker_actor_id, q.cue, q.kind, q.text, "
        "q.start_offset, q.end_offset, q.confidence FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.id > ? AND {where} ORDER BY q.id LIMIT ?", "q", "q.id"),
    "citations": (
        f"SELECT c.id, c.article_id, {_ARTICLE}, c.source, c.source_actor_id, c.cue, "
        "substr(a.text, c.start_offset + 1, c.end_offset - c.start_offset) AS sentence, c.start_offset, c.end_offset, "
        "c.confidence FROM citations c JOIN articles a ON a.id = c.article_id "
        "WHERE c.id > ? AND {where} ORDER BY c.id LIMIT ?", "c", "c.id"),
}
EVENT_COLUMNS = (
    "id", "type", "mode", "cameo_root", "status", "date", "date_precision", "actor1_id", "actor1_name",
    "actor1_text", "actor1_country", "actor1_sector", "actor2_id", "actor2_name", "actor2_text", "actor2_country",
    "actor2_sector", "place_id", "place_name", "place_country", "place_admin1", "latitude", "longitude",
    "geonameid", "place_precision", "confidence", "reports", "articles", "sites", "first_url", "first_sentence",
)


def fact_rows(conn: sqlite3.Connection, table: str, f: Filters) -> Iterator[dict[str, Any]]:
    """The rows of one fact table as flat dicts: events the filters select (one per distinct event), or the
    actors, places, quotes and cited sources of the selected articles at or above their kind's floor."""
    if table == "events":
        for e in events(conn, f):
            yield _flat_event(e)
        return
    sql, alias, key = _SQL[table]
    where = confident(f, table, alias).extend(article_where(conn, f, "a"))
    last = 0
    while True:
        rows = conn.execute(sql.format(where=where.sql), [last, *where.params, BATCH]).fetchall()
        if not rows:
            return
        for r in rows:
            yield dict(r)
        last = rows[-1][0]


def _flat_event(e: dict[str, Any]) -> dict[str, Any]:
    reports = e["reports"]
    place = e["place"] or {}
    out: dict[str, Any] = {
        "id": e["id"], "type": e["type"], "mode": e["mode"], "cameo_root": e["cameo_root"], "status": e["modality"],
        "date": e["date"], "date_precision": e["date_precision"],
        "place_id": place.get("id"), "place_name": place.get("name"), "place_country": place.get("country"),
        "place_admin1": place.get("admin1"), "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geonameid": place.get("geonameid"), "place_precision": place.get("precision"), "confidence": e["confidence"],
        "reports": len(reports), "articles": len({r["article_id"] for r in reports}),
        "sites": len({r["site_name"] or r["url"] for r in reports}),
        "first_url": reports[0]["url"] if reports else None, "first_sentence": reports[0]["text"] if reports else None,
    }
    for n in ("1", "2"):
        actor = e[f"actor{n}"] or {}
        out.update({f"actor{n}_id": actor.get("id"), f"actor{n}_name": actor.get("name"), f"actor{n}_text": actor.get("text"),
                    f"actor{n}_country": actor.get("country"), f"actor{n}_sector": actor.get("sector")})
    return {column: out[column] for column in EVENT_COLUMNS}
