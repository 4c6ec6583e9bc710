"""Passage alignment: which spans of one text were copied into another.

LSH only says two texts probably share a passage; alignment says which.  It is
anchor-and-extend on word shingles: every 4-word shingle the two texts share is
an anchor; anchors on the same diagonal (same shift between the texts) chain
into runs; runs separated by a few words in *both* texts (a typo, a changed
word, a dropped comma) join into one passage, while an inserted advertisement
or editor's note (a gap in one text only) or a moved paragraph (another
diagonal) starts a new passage.  Passages shorter than MIN_PASSAGE_WORDS are
dropped: shared names and stock phrases of same-topic reporting are not copying.
Linear in the lengths of the texts (a dict of one text's shingles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsgraph.corpus.reuse.shingles import Words, shingle_hashes, words

ANCHOR_WORDS = 4  # words per anchor shingle
MAX_GAP = 6  # words: an edit this long or shorter, in both texts, stays inside a passage
MIN_PASSAGE_WORDS = 20  # a copied passage is at least this long (about one sentence)
MAX_OCCURRENCES = 4  # an anchor repeated more often than this in one text anchors nothing

Passage = tuple[int, int, int, int]  # [start, end) in text a, [start, end) in text b: character offsets


@dataclass
class Alignment:
    """The copied passages of a pair of texts and the share of each text they cover."""

    passages: list[Passage] = field(default_factory=list)
    share_a: float = 0.0  # share of a's words inside a passage
    share_b: float = 0.0
    words_a: int = 0  # words of a inside a passage
    words_b: int = 0
    longest_words: int = 0  # words of a in its longest passage


def align(text_a: str, text_b: str, *, words_a: Words | None = None, words_b: Words | None = None) -> Alignment:
    """Align two texts; pass precomputed `words(...)` to save re-tokenising."""
    wa = words_a if words_a is not None else words(text_a)
    wb = words_b if words_b is not None else words(text_b)
    runs = _runs(shingle_hashes(wa.hashes, ANCHOR_WORDS), shingle_hashes(wb.hashes, ANCHOR_WORDS))
    word_passages = _non_overlapping(_join(runs))
    result = Alignment()
    if not word_passages:
        return result
    result.longest_words = max(p[4] for p in word_passages)
    covered_a = sum(p[1] - p[0] for p in word_passages)
    covered_b = sum(p[3] - p[2] for p in word_passages)
    result.words_a, result.words_b = covered_a, covered_b
    result.share_a = covered_a / len(wa)
    result.share_b = covered_b / len(wb)
    result.passages = sorted(
        _with_punctuation(text_a, text_b, int(wa.starts[a0]), int(wa.ends[a1 - 1]), int(wb.starts[b0]), int(wb.ends[b1 - 1]))
        for a0, a1, b0, b1, _ in word_passages
    )
    return result


def _with_punctuation(text_a: str, text_b: str, a0: int, a1: int, b0: int, b1: int) -> Passage:
    """Widen a passage over the punctuation both texts have around it (a closing full stop, opening quotes)."""
    while a1 < len(text_a) and b1 < len(text_b) and text_a[a1] == text_b[b1] and _is_mark(text_a[a1]):
        a1, b1 = a1 + 1, b1 + 1
    while a0 > 0 and b0 > 0 and text_a[a0 - 1] == text_b[b0 - 1] and _is_mark(text_a[a0 - 1]):
        a0, b0 = a0 - 1, b0 - 1
    return a0, a1, b0, b1


def _is_mark(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


def _runs(sa: np.ndarray, sb: np.ndarray) -> list[list[int]]:
    """Maximal runs of consecutive shared anchors on one diagonal, as [a_start, a_end, b_start, b_end] in words."""
    if len(sa) == 0 or len(sb) == 0:
        return []
    order = np.argsort(sb, kind="stable")
    sorted_b = sb[order]
    lo = np.searchsorted(sorted_b, sa, "left")
    hi = np.searchsorted(sorted_b, sa, "right")
    in_b = hi - lo
    _, inverse, counts = np.unique(sa, return_inverse=True, return_counts=True)
    usable = (in_b > 0) & (in_b <= MAX_OCCURRENCES) & (counts[inverse] <= MAX_OCCURRENCES)
    i = np.repeat(np.flatnonzero(usable), in_b[usable])
    if len(i) == 0:
        return []
    first = np.repeat(lo[usable], in_b[usable])
    step = np.arange(len(i)) - np.repeat(np.cumsum(in_b[usable]) - in_b[usable], in_b[usable])
    j = order[first + step]
    diagonal = i - j
    by_run = np.lexsort((i, diagonal))
    i, j, diagonal = i[by_run], j[by_run], diagonal[by_run]
    starts = np.flatnonzero(np.r_[True, (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)])
    ends = np.r_[starts[1:], len(i)] - 1
    return [
        [a0, a1 + ANCHOR_WORDS, b0, b1 + ANCHOR_WORDS]
        for a0, a1, b0, b1 in zip(i[starts].tolist(), i[ends].tolist(), j[starts].tolist(), j[ends].tolist())
    ]


def _join(runs: list[list[int]]) -> list[list[int]]:
    """Join runs that follow each other closely in both texts (light edits) into passages."""
    passages: list[list[int]] = []
    for run in sorted(runs):
        best, best_gap = None, None
        for p in passages[-8:]:  # recent passages only: joins are local
            gap_a, gap_b = run[0] - p[1], run[2] - p[3]
            if -ANCHOR_WORDS < gap_a <= MAX_GAP and -ANCHOR_WORDS < gap_b <= MAX_GAP and run[1] > p[1] and run[3] > p[3]:
                if best_gap is None or gap_a + gap_b < best_gap:
                    best, best_gap = p, gap_a + gap_b
        if best is None:
            passages.append(list(run))
        else:
            best[1], best[3] = run[1], run[3]
    return [p for p in passages if min(p[1] - p[0], p[3] - p[2]) >= MIN_PASSAGE_WORDS]


def _non_overlapping(passages: list[list[int]]) -> list[tuple[int, int, int, int, int]]:
    """Longest passages first; a passage overlapping a kept one in either text is trimmed or dropped."""
    kept: list[tuple[int, int, int, int, int]] = []
    for a0, a1, b0, b1 in sorted(passages, key=lambda p: p[0] - p[1]):
        for k in kept:
            # trim the overlap off the passage's ends, keeping both texts in step
            if a0 < k[1] and k[0] < a1:
                if a0 >= k[0]:
                    cut = k[1] - a0
                    a0, b0 = a0 + cut, b0 + cut
                else:
                    cut = a1 - k[0]
                    a1, b1 = a1 - cut, b1 - cut
            if b0 < k[3] and k[2] < b1:
                if b0 >= k[2]:
                    cut = k[3] - b0
                    a0, b0 = a0 + cut, b0 + cut
                else:
                    cut = b1 - k[2]
                    a1, b1 = a1 - cut, b1 - cut
        if min(a1 - a0, b1 - b0) >= MIN_PASSAGE_WORDS:
            kept.append((a0, a1, b0, b1, a1 - a0))
    return kept
