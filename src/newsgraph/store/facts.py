"""The facts found in an article (actors, places, quotes, cited sources) to and from their tables.

The rows come from store/rows.py (the one mapping from an Article to rows); this module gives
the shared ones (actors, places) their database ids and inserts them.

Actors and places are shared across articles: an actor is one row however many
articles mention it (known actors by knowledge-base id, others by name and
type), so an actor's page can list every article, quote and mention.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from newsgraph.record import Article, Citation, Entity, Place, Quote, Span
from newsgraph.store.cursor import inserted_id
from newsgraph.store.rows import ActorRow, PlaceRow, Rows


def write_facts(conn: sqlite3.Connection, article_id: int, rows: Rows) -> tuple[dict[str, int], dict[str, int]]:
    """Store the article's facts (its rows, store/rows.py); returns the database id of each actor key
    and of each place key (for the events)."""
    actor_ids = {key: _actor_id(conn, actor) for key, actor in rows.actors.items()}
    place_ids = {key: _place_id(conn, place) for key, place in rows.places.items()}
    for key, actor in rows.actors.items():
        conn.executemany("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
                         [(actor_ids[key], alias) for alias in actor["aliases"]])
    conn.executemany(
        "INSERT OR REPLACE INTO article_actors (article_id, actor_id, position, role, aliases, mentions, confidence) "
        "VALUES (:article_id, :actor_id, :position, :role, :aliases, :mentions, :confidence)",
        [{**r, "article_id": article_id, "actor_id": actor_ids[r["actor"]]} for r in rows.article_actors],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actor_mentions (article_id, actor_id, start_offset, end_offset, text) "
        "VALUES (:article_id, :actor_id, :start_offset, :end_offset, :text)",
        [{**r, "article_id": article_id, "actor_id": actor_ids[r["actor"]]} for r in rows.actor_mentions],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO place_mentions (article_id, place_id, position, start_offset, end_offset, text, "
        "confidence) VALUES (:article_id, :place_id, :position, :start_offset, :end_offset, :text, :confidence)",
        [{**r, "article_id": article_id, "place_id": place_ids[r["place"]]} for r in rows.place_mentions],
    )
    conn.executemany(
        "INSERT INTO quotes (article_id, text, start_offset, end_offset, speaker, speaker_actor_id, speaker_start, "
        "speaker_end, cue, kind, confidence) VALUES (:article_id, :text, :start_offset, :end_offset, :speaker, "
        ":speaker_actor_id, :speaker_start, :speaker_end, :cue, :kind, :confidence)",
        [{**r, "article_id": article_id, "speaker_actor_id": actor_ids.get(r["speaker_actor"] or "")}
         for r in rows.quotes],
    )
    conn.executemany(
        "INSERT INTO citations (article_id, source, source_actor_id, cue, start_offset, end_offset, confidence) "
        "VALUES (:article_id, :source, :source_actor_id, :cue, :start_offset, :end_offset, :confidence)",
        [{**r, "article_id": article_id, "source_actor_id": actor_ids.get(r["source_actor"] or "")}
         for r in rows.citations],
    )
    return actor_ids, place_ids


def _actor_id(conn: sqlite3.Connection, actor: ActorRow) -> int:
    if actor["kb_id"]:
        row = conn.execute("SELECT id FROM actors WHERE kb_id = ?", (actor["kb_id"],)).fetchone()
    else:
        row = conn.execute(
            "SELECT id FROM actors WHERE kb_id IS NULL AND name = ? AND type = ?", (actor["name"], actor["type"])
        ).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO actors (name, type, country, sector, kb_id) VALUES (:name, :type, :country, :sector, :kb_id)",
            actor,
        )
        return inserted_id(cur)
    actor_id: int = row[0]
    # What one article knows (a country, a sector) fills what earlier ones left open.
    conn.execute(
        "UPDATE actors SET country = coalesce(country, ?), sector = coalesce(sector, ?) WHERE id = ?",
        (actor["country"], actor["sector"], actor_id),
    )
    return actor_id


def _place_id(conn: sqlite3.Connection, place: PlaceRow) -> int:
    if place["geonameid"] is not None:
        row = conn.execute("SELECT id FROM places WHERE geonameid = ?", (place["geonameid"],)).fetchone()
    else:
        row = conn.execute(
            "SELECT id FROM places WHERE geonameid IS NULL AND name = ? AND coalesce(country, '') = coalesce(?, '')",
            (place["name"], place["country"]),
        ).fetchone()
    if row:
        place_id: int = row[0]
        return place_id
    cur = conn.execute(
        "INSERT INTO places (geonameid, name, country, admin1, latitude, longitude, feature) "
        "VALUES (:geonameid, :name, :country, :admin1, :latitude, :longitude, :feature)",
        place,
    )
    return inserted_id(cur)


def read_facts(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Fill the article's entities, places, quotes and citations from the tables."""
    mentions: defaultdict[int, list[Span]] = defaultdict(list)
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
    places: dict[tuple[int, int], Place] = {}  # by (place, position): the same place named apart stays apart
    for r in conn.execute(
        "SELECT p.id, p.geonameid, p.name, p.country, p.admin1, p.latitude, p.longitude, p.feature, "
        "m.position, m.start_offset, m.end_offset, m.confidence FROM place_mentions m JOIN places p ON p.id = m.place_id "
        "WHERE m.article_id = ? ORDER BY m.position, m.start_offset",
        (article_id,),
    ):
        place = places.setdefault(
            (r["id"], r["position"]), Place(r["name"], r["geonameid"], r["country"], r["admin1"], r["latitude"], r["longitude"],
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
