"""Text reuse: which articles copy which, which passages, and who had the text first.

Pure functions on texts, no database: `minhash` (passage signatures and LSH band keys), `align`
(copied passages as character offsets in both texts), `clusters` (source order, earliest source,
classes). Here: the parameters and the decisions both runners share — the store, one new article
at a time against its index of band keys (newsgraph.store.reuse), and the Spark job over a whole
corpus (newsgraph.scale.reuse) — so that the two find the same copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsgraph.corpus.reuse.align import Alignment, align
from newsgraph.corpus.reuse.clusters import (
    CLASSES, Dated, classify, covered_words, earliest_two, evidence, source_and_copy,
)
from newsgraph.corpus.reuse.minhash import band_keys
from newsgraph.corpus.reuse.shingles import Words

MIN_SHARED_KEYS = 2  # band keys two articles must share to be aligned
MAX_BUCKET = 64  # a band key shared by more articles than this is boilerplate (or a huge cluster): not used
MAX_CANDIDATES = 24  # articles an article is aligned with, most shared keys first

Passage = list[int]  # [start, end, other start, other end]


def candidates(shared: Counter[int] | dict[int, int], limit: int = MAX_CANDIDATES) -> list[int]:
    """The articles worth aligning with one article, from how many band keys each shares with it:
    at least MIN_SHARED_KEYS, most shared first (ties: lowest id), at most ``limit``."""
    ranked = sorted((-n, other) for other, n in shared.items() if n >= MIN_SHARED_KEYS)
    return [other for _, other in ranked[:limit]]


def flip(passages: Iterable[Iterable[int]]) -> list[Passage]:
    """Passages seen from the other article: [other start, other end, start, end]."""
    return [[c, d, a, b] for a, b, c, d in passages]


def copy_link(a: Dated, b: Dated, found: Alignment) -> tuple[int, int, float, float, int, list[Passage]]:
    """The `copies` row of an aligned pair (the later article is the copy): (copy id, source id,
    share of the copy copied, share of the source copied, copied words, passages oriented
    [copy start, copy end, source start, source end])."""
    source, _ = source_and_copy(a, b)
    if source is b:
        return a.id, b.id, found.share_a, found.share_b, found.words_a, [list(p) for p in found.passages]
    return b.id, a.id, found.share_b, found.share_a, found.words_b, flip(found.passages)


def article_class(tokens: Words, copied_spans: Iterable[tuple[int, int]]) -> tuple[str, float]:
    """An article's class and share copied, from the passages of all its earlier sources."""
    copied = covered_words(tokens.starts, list(copied_spans))
    total = len(tokens)
    return classify(copied, total), copied / total if total else 0.0


__all__ = [
    "Alignment", "align", "CLASSES", "Dated", "classify", "earliest_two", "evidence", "source_and_copy", "band_keys",
    "MIN_SHARED_KEYS", "MAX_BUCKET", "MAX_CANDIDATES", "Passage", "candidates", "flip", "copy_link", "article_class",
]
