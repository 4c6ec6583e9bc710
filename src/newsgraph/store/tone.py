"""An article's tone (enrich/tone.py) to and from its tables: the article's, each sentence's, each actor's.

The rows come from store/rows.py; actors are named by key, given their database ids by store/facts.py.
Each table is keyed by the article (and the sentence's start, the actor), so writing one article's tone
again replaces it rather than adding to it.
"""

from __future__ import annotations

import sqlite3

from newsgraph.record import ActorTone, Article, SentenceTone, Tone
from newsgraph.store.rows import Rows


def write_tone(conn: sqlite3.Connection, article_id: int, rows: Rows, actor_ids: dict[str, int]) -> None:
    """Store the article's tone rows (an article not enriched has none: nothing is written)."""
    if not (rows.tone or rows.sentence_tones or rows.actor_tones):
        return
    if rows.tone is not None:
        conn.execute(
            "INSERT OR REPLACE INTO article_tone (article_id, tone, positive, negative, polarity, activity, self_group, "
            "words) VALUES (:article_id, :tone, :positive, :negative, :polarity, :activity, :self_group, :words)",
            {**rows.tone, "article_id": article_id})
    conn.executemany(
        "INSERT OR REPLACE INTO sentence_tones (article_id, start_offset, end_offset, tone, positive, negative, words) "
        "VALUES (:article_id, :start_offset, :end_offset, :tone, :positive, :negative, :words)",
        [{**r, "article_id": article_id} for r in rows.sentence_tones])
    conn.executemany(
        "INSERT OR REPLACE INTO actor_tones (article_id, actor_id, tone, positive, negative, sentences, words) "
        "VALUES (:article_id, :actor_id, :tone, :positive, :negative, :sentences, :words)",
        [{**r, "article_id": article_id, "actor_id": actor_ids[r["actor"]]} for r in rows.actor_tones])


def read_tone(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Fill the article's tone, sentence tones and actor tones (its entities read first: actors by their ids)."""
    row = conn.execute("SELECT tone, positive, negative, polarity, activity, self_group, words FROM article_tone "
                       "WHERE article_id = ?", (article_id,)).fetchone()
    article.tone = Tone(*row) if row else None
    article.sentence_tones = [
        SentenceTone(*r) for r in conn.execute(
            "SELECT start_offset, end_offset, tone, positive, negative, words FROM sentence_tones WHERE article_id = ? "
            "ORDER BY start_offset", (article_id,))]
    entity_ids = {(e.name, e.type, e.kb_id): e.id for e in article.entities}
    article.actor_tones = []
    for r in conn.execute(
            "SELECT a.name, a.type, a.kb_id, t.tone, t.positive, t.negative, t.sentences, t.words FROM actor_tones t "
            "JOIN actors a ON a.id = t.actor_id WHERE t.article_id = ?", (article_id,)):
        entity_id = entity_ids.get((r["name"], r["type"], r["kb_id"]))
        if entity_id is not None:
            article.actor_tones.append(ActorTone(entity_id, r["tone"], r["positive"], r["negative"], r["sentences"],
                                                 r["words"]))
    article.actor_tones.sort(key=lambda t: int(t.actor_id[1:]))
