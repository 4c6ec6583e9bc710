"""Who copied whom: source order, the earliest source of a cluster, each article's class.

Copies form clusters (connected components of aligned pairs).  In each pair the
earlier article is the source and the later one the copy, "earlier" meaning:
published date first (what the outlet claims), then fetch time (what a crawler
saw), then article id (what this database saw first); an article without a date
comes after every dated one.  An article's class follows from how much of it is
found in earlier articles: full_copy (at least 80% of its words), partial_copy
(a passage of QUOTED_MAX_WORDS or more), quoted (only shorter passages),
original (nothing earlier).  Pure functions, shared by the store and the bench.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, UTC
from typing import Any

import numpy as np

FULL_COPY_SHARE = 0.8  # at least this share of the article's words copied: a full copy
QUOTED_MAX_WORDS = 60  # copied words below this (two or three sentences): a quoted passage

CLASSES = ("original", "full_copy", "partial_copy", "quoted")
_LAST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Dated:
    """What decides the order of two articles."""

    id: int
    published: str | None = None
    fetched_at: str | None = None

    def order_key(self) -> tuple[datetime, datetime, int]:
        return (_instant(self.published), _instant(self.fetched_at), self.id)


def _instant(value: str | None) -> datetime:
    """An ISO date or datetime as a UTC instant (a date alone is its midnight UTC); unknown sorts last."""
    if not value:
        return _LAST
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return _LAST
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def source_and_copy(a: Dated, b: Dated) -> tuple[Dated, Dated]:
    """The earlier article of a pair (the source) and the later one (the copy)."""
    return (a, b) if a.order_key() <= b.order_key() else (b, a)


def earliest_two(members: Iterable[Dated]) -> list[Dated]:
    """The earliest article and the runner-up (the earliest of the rest), if any."""
    return sorted(members, key=Dated.order_key)[:2]


def evidence(earliest: Dated, runner_up: Dated | None, size: int) -> dict[str, Any]:
    """Why `earliest` is taken as the source of its cluster: the rule that decided and the values compared."""
    facts = {"published": earliest.published, "fetched_at": earliest.fetched_at, "cluster_size": size}
    if runner_up is None:
        return {"rule": "only article", **facts, "text": "the only article of its cluster"}
    first, second = earliest.order_key(), runner_up.order_key()
    if first[0] != second[0]:
        rule = "published"
        text = f"published {earliest.published}, before article {runner_up.id} " + (
            f"({runner_up.published})" if runner_up.published else "(no publication date)"
        )
    elif first[1] != second[1]:
        rule = "fetched_at"
        text = f"fetched {earliest.fetched_at}, before article {runner_up.id} " + (
            f"({runner_up.fetched_at})" if runner_up.fetched_at else "(no fetch time)"
        )
    else:
        rule = "id"
        text = f"stored before article {runner_up.id}; publication dates and fetch times do not tell them apart"
    runner = {"id": runner_up.id, "published": runner_up.published, "fetched_at": runner_up.fetched_at}
    return {"rule": rule, **facts, "runner_up": runner, "text": text}


def classify(copied_words: int, total_words: int) -> str:
    """The class of an article from how many of its words are found in earlier articles."""
    if copied_words <= 0 or total_words <= 0:
        return "original"
    if copied_words >= FULL_COPY_SHARE * total_words:
        return "full_copy"
    if copied_words >= QUOTED_MAX_WORDS:
        return "partial_copy"
    return "quoted"


def covered_words(word_starts: np.ndarray, spans: Iterable[tuple[int, int]]) -> int:
    """How many words start inside any of the character spans (overlapping spans count once)."""
    covered = np.zeros(len(word_starts), bool)
    for start, end in spans:
        lo, hi = np.searchsorted(word_starts, [start, end])
        covered[lo:hi] = True
    return int(covered.sum())


def components(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Connected components of a pair list: article id -> smallest id of its component (union-find)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in list(parent)}
