"""The facts found in an article (actors, places, quotes, cited sources) to and from their tables.

Actors and places are shared across articles: an actor is one row however many
articles mention it (known actors by knowledge-base id, others by name and
type), so an actor's page can list every article, quote and mention.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from newsgraph.record import Article, Citation, Entity, Place, Quote


def write_facts(conn: sqlite3.Connection, article_id: int, article: Article) -> dict[str, int]:
    """Store the article's facts; returns the actor id of each entity name (for the events)."""
    actor_ids = {}
    for position, entity in enumerate(article.entities):
        actor_id = _actor_id(conn, entity)
        actor_ids[entity.name] = actor_id
        conn.executemany(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
            [(actor_id, alias) for alias in entity.aliases],
        )
        conn.execute(
            "INSERT OR REPLACE INTO article_actors (article_id, actor_id, position, role, aliases, mentions, "
            "confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, actor_id, position, entity.role, json.dumps(entity.aliases, ensure_ascii=False),
             len(entity.mentions), entity.confidence),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO actor_mentions (article_id, actor_id, start_offset, end_offset, text) "
            "VALUES (?, ?, ?, ?, ?)",
            [(article_id, actor_id, s, e, article.text[s:e]) for s, e in entity.mentions],
        )
    for position, place in enumerate(article.places):
        place_id = _place_id(conn, place)
        conn.executemany(
            "INSERT OR IGNORE INTO place_mentions (article_id, place_id, position, start_offset, end_offset, text, "
            "confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, place_id, position, s, e, article.text[s:e], place.confidence) for s, e in place.mentions],
        )
    conn.executemany(
        "INSERT INTO quotes (article_id, text, start_offset, end_offset, speaker, speaker_actor_id, "
        "speaker_start, speaker_end, cue, kind, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, q.text, q.start, q.end, q.speaker, actor_ids.get(q.speaker), q.speaker_start,
             q.speaker_end, q.cue, q.kind, q.confidence)
            for q in article.quotes
        ],
    )
    conn.executemany(
        "INSERT INTO citations (article_id, source, source_actor_id, cue, start_offset, end_offset, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(article_id, c.source, actor_ids.get(c.source), c.cue, c.start, c.end, c.confidence)
         for c in article.citations],
    )
    return actor_ids


def _actor_id(conn: sqlite3.Connection, entity: Entity) -> int:
    if entity.kb_id:
        row = conn.execute("SELECT id FROM actors WHERE kb_id = ?", (entity.kb_id,)).fetchone()
    else:
        row = conn.execute(
            "SELECT id FROM actors WHERE kb_id IS NULL AND name = ? AND type = ?", (entity.name, entity.type)
        ).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO actors (name, type, country, sector, kb_id) VALUES (?, ?, ?, ?, ?)",
            (entity.name, entity.type, entity.country, entity.sector, entity.kb_id),
        )
        return cur.lastrowid
    # What one article knows (a country, a sector) fills what earlier ones left open.
    conn.execute(
        "UPDATE actors SET country = coalesce(country, ?), sector = coalesce(sector, ?) WHERE id = ?",
        (entity.country, entity.sector, row[0]),
    )
    return row[0]


def _place_id(conn: sqlite3.Connection, place: Place) -> int:
    if place.geonameid is not None:
        row = conn.execute("SELECT id FROM places WHERE geonameid = ?", (place.geonameid,)).fetchone()
    else:
        row = conn.execute(
            "SELECT id FROM places WHERE geonameid IS NULL AND name = ? AND coalesce(country, '') = coalesce(?, '')",
            (place.name, place.country),
        ).fetchone()
    if row:
        return row[0]
    cur = conn.execute(
        "INSERT INTO places (geonameid, name, country, admin1, latitude, longitude, feature) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (place.geonameid, place.name, place.country, place.admin1, place.lat, place.lon, place.feature),
    )
    return cur.lastrowid


def read_facts(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Fill the article's entities, places, quotes and citations from the tables."""
    mentions = defaultdict(list)
    for actor_id, s, e in conn.execute(
        "SELECT actor_id, start_offset, end_offset FROM actor_mentions WHERE article_id = ? ORDER BY start_offset",
        (article_id,),
    ):
        mentions[actor_id].append([s, e])
    article.entities = [
        Entity(r["name"], r["type"], json.loads(r["aliases"]), r["role"], mentions[r["id"]], r["country"],
               r["sector"], r["kb_id"], r["confidence"])
        for r in conn.execute(
            "SELECT a.id, a.name, a.type, a.country, a.sector, a.kb_id, x.role, x.aliases, x.confidence "
            "FROM article_actors x JOIN actors a ON a.id = x.actor_id WHERE x.article_id = ? ORDER BY x.position",
            (article_id,),
        )
    ]
    for number, entity in enumerate(article.entities, 1):
        entity.id = f"e{number}"  # as the actors component numbers them: by first mention
    ids = {e.name: e.id for e in article.entities}
    places: dict[int, Place] = {}
    for r in conn.execute(
        "SELECT p.id, p.geonameid, p.name, p.country, p.admin1, p.latitude, p.longitude, p.feature, "
        "m.start_offset, m.end_offset, m.confidence FROM place_mentions m JOIN places p ON p.id = m.place_id "
        "WHERE m.article_id = ? ORDER BY m.position, m.start_offset",
        (article_id,),
    ):
        place = places.setdefault(
            r["id"], Place(r["name"], r["geonameid"], r["country"], r["admin1"], r["latitude"], r["longitude"],
                           r["feature"], confidence=r["confidence"])
        )
        place.mentions.append([r["start_offset"], r["end_offset"]])
    article.places = list(places.values())
    article.quotes = [
        Quote(r["text"], r["start_offset"], r["end_offset"], r["speaker"], r["speaker_start"], r["speaker_end"],
              r["cue"], r["kind"], r["confidence"], ids.get(r["speaker"]))
        for r in conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY id", (article_id,))
    ]
    article.citations = [
        Citation(r["source"], r["cue"], r["start_offset"], r["end_offset"], r["confidence"], ids.get(r["source"]))
        for r in conn.execute("SELECT * FROM citations WHERE article_id = ? ORDER BY id", (article_id,))
    ]
