"""The Parquet tables a Spark run writes: their columns, stable ids, and one Article turned into rows.

Workers on a cluster cannot ask a database for the next id, so every id is a hash of what the row
is (docs/scale.md): the same article, actor or place gets the same id in every task, every run and
every machine, and tables written by different tasks join without a central counter.  Pure Python,
no Spark: the job and the tests share it.
"""

from __future__ import annotations

import hashlib
import json
import re

from newsgraph.event_merge import event_actor
from newsgraph.record import Article, Entity, Place

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
UNKNOWN_DATE = "unknown"

# Columns of each table, in order, as Spark DDL types. Per-article tables end with the partition
# column `date`; their other columns are the store's (store/schema.py), ids being the hashes below.
TABLES: dict[str, list[tuple[str, str]]] = {
    # The whole Article as JSON (docs/record.md): what `newsgraph load` reads, lossless.
    "documents": [("article_id", "long"), ("origin", "string"), ("page_hash", "string"), ("url", "string"),
                  ("record", "string"), ("date", "string")],
    "articles": [("id", "long"), ("title", "string"), ("text", "string"), ("url", "string"),
                 ("canonical_url", "string"), ("site_name", "string"), ("author", "string"),
                 ("published", "string"), ("language", "string"), ("word_count", "long"),
                 ("paragraph_offsets", "string"), ("content_hash", "string"), ("extraction_method", "string"),
                 ("origin", "string"), ("fetched_at", "string"), ("date", "string")],
    "pages": [("page_hash", "string"), ("origin", "string"), ("url", "string"), ("fetched_at", "string"),
              ("article_id", "long"), ("date", "string")],
    "related_posts": [("article_id", "long"), ("position", "int"), ("title", "string"), ("snippet", "string"),
                      ("url", "string"), ("date", "string")],
    "outlinks": [("article_id", "long"), ("position", "int"), ("url", "string"), ("date", "string")],
    # The store's article_actors, plus the actor as this article names it (for the canonical-actors stage).
    "article_actors": [("article_id", "long"), ("actor_id", "long"), ("position", "int"), ("role", "string"),
                       ("aliases", "string"), ("mentions", "int"), ("actor_key", "string"), ("name", "string"),
                       ("type", "string"), ("country", "string"), ("sector", "string"), ("kb_id", "string"),
                       ("confidence", "double"), ("date", "string")],
    "actor_mentions": [("article_id", "long"), ("actor_id", "long"), ("start_offset", "int"),
                       ("end_offset", "int"), ("text", "string"), ("date", "string")],
    "place_mentions": [("article_id", "long"), ("place_id", "long"), ("position", "int"), ("start_offset", "int"),
                       ("end_offset", "int"), ("text", "string"), ("confidence", "double"), ("date", "string")],
    "quotes": [("id", "long"), ("article_id", "long"), ("text", "string"), ("start_offset", "int"),
               ("end_offset", "int"), ("speaker", "string"), ("speaker_actor_id", "long"), ("speaker_start", "int"),
               ("speaker_end", "int"), ("cue", "string"), ("kind", "string"), ("confidence", "double"),
               ("date", "string")],
    "citations": [("id", "long"), ("article_id", "long"), ("source", "string"), ("source_actor_id", "long"),
                  ("cue", "string"), ("start_offset", "int"), ("end_offset", "int"), ("confidence", "double"),
                  ("date", "string")],
    # The store's event_reports (one per sentence reporting an event) with the event's own fields, so
    # that a merge stage can group them; the event's date is `event_date` (`date` is the partition).
    "event_reports": [("id", "long"), ("article_id", "long"), ("position", "int"), ("type", "string"),
                      ("mode", "string"), ("cameo_root", "string"), ("actor1_id", "long"), ("actor1_key", "string"),
                      ("actor2_id", "long"), ("actor2_key", "string"), ("place_id", "long"),
                      ("start_offset", "int"), ("end_offset", "int"), ("trigger_start", "int"),
                      ("trigger_end", "int"), ("status", "string"), ("confidence", "double"), ("text", "string"),
                      ("actor1", "string"), ("actor2", "string"), ("place", "string"), ("event_date", "string"),
                      ("date_precision", "string"), ("date", "string")],
    # Shared across articles: one row per place (deduplicated by the job), not partitioned.
    "places": [("id", "long"), ("geonameid", "long"), ("name", "string"), ("country", "string"),
               ("admin1", "string"), ("latitude", "double"), ("longitude", "double"), ("feature", "string")],
    # Inputs that gave no article: the origin (file#record-id) and the reason. Not partitioned.
    "errors": [("origin", "string"), ("reason", "string"), ("input", "string")],
}
# Written by the cross-document stage from article_actors (job.canonical_actors).
ACTORS = [("id", "long"), ("actor_key", "string"), ("name", "string"), ("type", "string"), ("country", "string"),
          ("sector", "string"), ("kb_id", "string"), ("aliases", "array<string>"), ("articles", "long"),
          ("mentions", "long")]
ACTOR_ALIASES = [("actor_id", "long"), ("alias", "string")]

PARTITIONED = [name for name, columns in TABLES.items() if columns[-1][0] == "date"]


def ddl(columns: list[tuple[str, str]]) -> str:
    """A Spark schema string: 'id long, title string, ...'."""
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


def hash63(key: str) -> int:
    """A positive 63-bit integer from the key's SHA-256: fits SQLite's and Parquet's signed int64."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()[:8], "big") >> 1


def article_id(article: Article) -> int:
    """The store identifies an article by (content_hash, url); so does this id."""
    return hash63(f"article\n{article.content_hash}\n{article.url or ''}")


def actor_key(entity: Entity) -> str:
    """Known actors by knowledge-base id, others by type and name (as store/facts.py matches them)."""
    return f"kb:{entity.kb_id}" if entity.kb_id else f"{entity.type}:{entity.name}"


def place_id(place: Place) -> int:
    """GeoNames features by geonameid, unresolved places by name and country (as store/facts.py)."""
    if place.geonameid is not None:
        return hash63(f"place\ngeonames:{place.geonameid}")
    return hash63(f"place\nname:{place.name}\n{place.country or ''}")


def partition_date(article: Article) -> str:
    """YYYY-MM-DD of publication, else of the fetch, else 'unknown'."""
    for value in (article.published, article.fetched_at):
        if value and _DAY.match(value):
            return value[:10]
    return UNKNOWN_DATE


def article_rows(article: Article, origin: str, page_hash: str, url: str | None) -> dict[str, list[tuple]]:
    """Every table's rows for one article, as tuples in TABLES' column order."""
    aid = article_id(article)
    date = partition_date(article)
    text = article.text
    rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
    rows["documents"].append((aid, origin, page_hash, url, article.to_json(), date))
    rows["articles"].append((
        aid, article.title, text, article.url, article.canonical_url, article.site_name, article.author,
        article.published, article.language, len(text.split()),
        json.dumps([[p.start, p.end] for p in article.paragraphs]), article.content_hash,
        article.extraction_method, origin, article.fetched_at, date,
    ))
    rows["pages"].append((page_hash, origin, url, article.fetched_at, aid, date))
    rows["related_posts"] = [(aid, i, r.title, r.snippet, r.url, date) for i, r in enumerate(article.related)]
    rows["outlinks"] = [(aid, i, link, date) for i, link in enumerate(article.outlinks)]
    actor_ids: dict[str, int] = {}
    for position, entity in enumerate(article.entities):
        key = actor_key(entity)
        actor_ids[entity.name] = actor = hash63(f"actor\n{key}")
        rows["article_actors"].append((
            aid, actor, position, entity.role, json.dumps(entity.aliases, ensure_ascii=False), len(entity.mentions),
            key, entity.name, entity.type, entity.country, entity.sector, entity.kb_id, _float(entity.confidence), date,
        ))
        rows["actor_mentions"] += [(aid, actor, s, e, text[s:e], date) for s, e in entity.mentions]
    for position, place in enumerate(article.places):
        pid = place_id(place)
        rows["places"].append((pid, place.geonameid, place.name, place.country, place.admin1, _float(place.lat),
                               _float(place.lon), place.feature))
        rows["place_mentions"] += [(aid, pid, position, s, e, text[s:e], _float(place.confidence), date)
                                   for s, e in place.mentions]
    rows["quotes"] = [
        (hash63(f"quote\n{aid}\n{i}"), aid, q.text, q.start, q.end, q.speaker, actor_ids.get(q.speaker),
         q.speaker_start, q.speaker_end, q.cue, q.kind, _float(q.confidence), date)
        for i, q in enumerate(article.quotes)
    ]
    rows["citations"] = [
        (hash63(f"citation\n{aid}\n{i}"), aid, c.source, actor_ids.get(c.source), c.cue, c.start, c.end,
         _float(c.confidence), date)
        for i, c in enumerate(article.citations)
    ]
    for i, event in enumerate(article.events):
        actor1_id, actor1_key = event_actor(event.actor1, actor_ids)
        actor2_id, actor2_key = event_actor(event.actor2, actor_ids)
        place = event.place
        rows["event_reports"].append((
            hash63(f"event_report\n{aid}\n{i}"), aid, i, event.type, event.mode, event.cameo_root, actor1_id,
            actor1_key, actor2_id, actor2_key,
            place_id(Place(place["name"], place.get("geonameid"), place.get("country"))) if place else None,
            event.start, event.end, *(event.trigger or (None, None)), event.status, _float(event.confidence),
            text[event.start:event.end], _json(event.actor1), _json(event.actor2), _json(place), event.date,
            event.date_precision, date,
        ))
    return rows


def _json(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)
