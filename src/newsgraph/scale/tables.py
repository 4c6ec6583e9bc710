"""The Parquet tables a Spark run writes: their columns, stable ids, and one Article turned into rows.

Workers on a cluster cannot ask a database for the next id, so every id is a hash of what the row
is (docs/scale.md): the same article, actor or place gets the same id in every task, every run and
every machine, and tables written by different tasks join without a central counter.  Pure Python,
no Spark: the job and the tests share it.
"""

from __future__ import annotations

import hashlib
import re

from newsgraph.record import Article, Place
from newsgraph.store.rows import article_rows as rows_of, merge_key, place_key

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
UNKNOWN_DATE = "unknown"

# Columns of each table, in order, as Spark DDL types. Per-article tables end with the article's
# date, `date` (published, else fetched, else "unknown": `partition_date`); their other columns
# are the store's (store/schema.py), ids being the hashes below.
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
    # that a merge stage can group them; the event's date is `event_date` (`date` is the article's).
    "event_reports": [("id", "long"), ("article_id", "long"), ("position", "int"), ("type", "string"),
                      ("mode", "string"), ("cameo_root", "string"), ("actor1_id", "long"), ("actor1_key", "string"),
                      ("actor2_id", "long"), ("actor2_key", "string"), ("place_id", "long"),
                      ("start_offset", "int"), ("end_offset", "int"), ("trigger_start", "int"),
                      ("trigger_end", "int"), ("status", "string"), ("confidence", "double"), ("text", "string"),
                      ("actor1", "string"), ("actor2", "string"), ("place", "string"), ("event_date", "string"),
                      ("date_precision", "string"), ("date", "string")],
    # The store's tone tables (enrich/tone.py): the article's, each sentence's, each actor's.
    "article_tone": [("article_id", "long"), ("tone", "double"), ("positive", "double"), ("negative", "double"),
                     ("polarity", "double"), ("activity", "double"), ("self_group", "double"), ("words", "long"),
                     ("date", "string")],
    "sentence_tones": [("article_id", "long"), ("start_offset", "int"), ("end_offset", "int"), ("tone", "double"),
                       ("positive", "double"), ("negative", "double"), ("words", "long"), ("date", "string")],
    "actor_tones": [("article_id", "long"), ("actor_id", "long"), ("actor_key", "string"), ("tone", "double"),
                    ("positive", "double"), ("negative", "double"), ("sentences", "int"), ("words", "long"),
                    ("date", "string")],
    # The store's article_themes (enrich/themes.py): evidence is JSON [[start, end], ...].
    "article_themes": [("article_id", "long"), ("theme", "string"), ("confidence", "double"), ("support", "double"),
                       ("headline", "boolean"), ("evidence", "string"), ("date", "string")],
    # Shared across articles: one row per place (deduplicated by the job), no date.
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


def ddl(columns: list[tuple[str, str]]) -> str:
    """A Spark schema string: 'id long, title string, ...'."""
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


def hash63(key: str) -> int:
    """A positive 63-bit integer from the key's SHA-256: fits SQLite's and Parquet's signed int64."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()[:8], "big") >> 1


def article_id(article: Article) -> int:
    """The store identifies an article by (content_hash, url); so does this id."""
    return hash63(f"article\n{article.content_hash}\n{article.url or ''}")


def place_id(place: Place) -> int:
    """A place's id, from its key (store/rows.py)."""
    return hash63(f"place\n{place_key(place)}")


def partition_date(article: Article) -> str:
    """YYYY-MM-DD of publication, else of the fetch, else 'unknown'."""
    for value in (article.published, article.fetched_at):
        if value and _DAY.match(value):
            return value[:10]
    return UNKNOWN_DATE


def article_rows(article: Article, origin: str, page_hash: str, url: str | None) -> dict[str, list[tuple]]:
    """Every table's rows for one article, as tuples in TABLES' column order: the store's rows
    (store/rows.py, the one mapping) with hashed ids and the partition date."""
    aid = article_id(article)
    date = partition_date(article)
    r = rows_of(article, origin)
    actor_ids = {key: hash63(f"actor\n{key}") for key in r.actors}
    place_ids = {key: hash63(f"place\n{key}") for key in r.places}
    out: dict[str, list[tuple]] = {name: [] for name in TABLES}

    def emit(table: str, row: dict) -> None:
        out[table].append(tuple(row[name] for name, _ in TABLES[table]))

    emit("documents", {"article_id": aid, "origin": origin, "page_hash": page_hash, "url": url,
                       "record": article.to_json(), "date": date})
    emit("articles", {**r.article, "id": aid, "date": date})
    emit("pages", {"page_hash": page_hash, "origin": origin, "url": url, "fetched_at": article.fetched_at,
                   "article_id": aid, "date": date})
    for row in r.related_posts:
        emit("related_posts", {**row, "article_id": aid, "date": date})
    for link in r.outlinks:
        emit("outlinks", {**link, "article_id": aid, "date": date})
    for article_actor in r.article_actors:
        actor = r.actors[article_actor["actor"]]
        emit("article_actors", {**actor, **article_actor, "article_id": aid, "actor_id": actor_ids[article_actor["actor"]],
                                "actor_key": article_actor["actor"], "date": date})
    for mention in r.actor_mentions:
        emit("actor_mentions", {**mention, "article_id": aid, "actor_id": actor_ids[mention["actor"]], "date": date})
    for key, place in r.places.items():
        emit("places", {**place, "id": place_ids[key]})
    for place_mention in r.place_mentions:
        emit("place_mentions", {**place_mention, "article_id": aid, "place_id": place_ids[place_mention["place"]], "date": date})
    for quote in r.quotes:
        emit("quotes", {**quote, "id": hash63(f"quote\n{aid}\n{quote['position']}"), "article_id": aid,
                        "speaker_actor_id": actor_ids.get(quote["speaker_actor"] or ""), "date": date})
    for citation in r.citations:
        emit("citations", {**citation, "id": hash63(f"citation\n{aid}\n{citation['position']}"), "article_id": aid,
                           "source_actor_id": actor_ids.get(citation["source_actor"] or ""), "date": date})
    for report in r.event_reports:
        actor1_id, actor2_id = actor_ids.get(report["actor1"] or ""), actor_ids.get(report["actor2"] or "")
        emit("event_reports", {
            **report, "id": hash63(f"event_report\n{aid}\n{report['position']}"), "article_id": aid,
            "actor1_id": actor1_id, "actor1_key": merge_key(actor1_id, report["actor1_text_key"]),
            "actor2_id": actor2_id, "actor2_key": merge_key(actor2_id, report["actor2_text_key"]),
            "place_id": place_ids.get(report["place"] or ""), "actor1": report["actor1_json"],
            "actor2": report["actor2_json"], "place": report["place_json"], "event_date": report["date"], "date": date})
    if r.tone is not None:
        emit("article_tone", {**r.tone, "article_id": aid, "date": date})
    for sentence in r.sentence_tones:
        emit("sentence_tones", {**sentence, "article_id": aid, "date": date})
    for actor_tone in r.actor_tones:
        emit("actor_tones", {**actor_tone, "article_id": aid, "actor_id": actor_ids[actor_tone["actor"]],
                             "actor_key": actor_tone["actor"], "date": date})
    for theme in r.themes:
        emit("article_themes", {**theme, "article_id": aid, "date": date})
    return out
