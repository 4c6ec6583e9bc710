"""Tone (enrich/tone.py): an actor's, over all its articles and per period.

An actor's tone is that of the sentences mentioning it, pooled: each article's figure weighted by the
words of those sentences, so an article that names it in twenty sentences weighs more than one that
names it once.  Articles stored before tone was measured (or not in English) have none and are left out.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsgraph.store.read.filters import period

_POOLED = (
    "round(sum(t.tone * t.words) / sum(t.words), 4) AS tone, round(sum(t.positive * t.words) / sum(t.words), 4) "
    "AS positive, round(sum(t.negative * t.words) / sum(t.words), 4) AS negative, count(*) AS articles, "
    "sum(t.sentences) AS sentences, sum(t.words) AS words"
)


def actor_tone(conn: sqlite3.Connection, actor_id: int) -> dict[str, Any] | None:
    """The actor's tone over every article with one: tone, positive, negative (percent of words), articles,
    sentences, words; None when no article has measured it."""
    row = conn.execute(f"SELECT {_POOLED} FROM actor_tones t WHERE t.actor_id = ? AND t.words > 0",
                       (actor_id,)).fetchone()
    return dict(row) if row and row["articles"] else None


def actor_tone_timeline(conn: sqlite3.Connection, actor_id: int, interval: str = "week") -> list[dict[str, Any]]:
    """Per period of publication: the actor's tone in that period's articles (pooled), and how many."""
    published = period(interval, "a.published")
    return [dict(r) for r in conn.execute(
        f"SELECT {published} AS period, {_POOLED} FROM actor_tones t JOIN articles a ON a.id = t.article_id "
        "WHERE t.actor_id = ? AND t.words > 0 AND period IS NOT NULL GROUP BY 1 ORDER BY 1", (actor_id,))]
