"""Words and word shingles, the units every reuse step compares.

Copies keep words but not always punctuation, quote marks, case or line breaks,
so texts are compared as lower-cased word tokens; each token keeps its character
span, so anything found on words maps back to offsets into ``Article.text``.
Lower-casing can lengthen a text ("İ" becomes "i" and a combining dot), so the
tokens are found in the lower-cased text and their spans mapped back to the
original, never found again in the original (where they may split differently).
Hashes are stable across processes and machines (crc32, fixed multipliers), never
Python's salted ``hash()``, because band keys are stored and compared later.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

SHINGLE_WORDS = 5  # words per shingle: long enough that common phrases rarely collide

_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio): mixes word hashes into shingles


_hash_cache: dict[str, int] = {}
_CACHE_LIMIT = 2_000_000


class Words:
    """A text's word tokens: their stable hashes, and (computed when asked) their character spans."""

    def __init__(self, text: str):
        self.text = text
        self._lower = text.lower()
        tokens = _WORD.findall(self._lower)
        if len(_hash_cache) > _CACHE_LIMIT:
            _hash_cache.clear()
        self.hashes = np.array([_hash_cache.get(w) or _hash(w) for w in tokens], np.uint64)
        self._spans: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.hashes)

    @property
    def starts(self) -> np.ndarray:
        return self._span_array()[:, 0]

    @property
    def ends(self) -> np.ndarray:
        return self._span_array()[:, 1]

    def _span_array(self) -> np.ndarray:
        if self._spans is None:
            spans = np.array([m.span() for m in _WORD.finditer(self._lower)], np.int64).reshape(-1, 2)
            if len(self._lower) != len(self.text):  # some character lower-cased to several: map back
                origin = _origins(self.text)
                spans = np.stack([origin[spans[:, 0]], origin[spans[:, 1] - 1] + 1], axis=1)
            self._spans = spans
        return self._spans


def _origins(text: str) -> np.ndarray:
    """For each code point of text.lower(), the index of the character of `text` it comes from."""
    return np.repeat(np.arange(len(text), dtype=np.int64), [len(c.lower()) for c in text])


def _hash(word: str) -> int:
    h = _hash_cache[word] = zlib.crc32(word.encode()) or 1
    return h


MEMO_TEXTS = 64  # texts whose words are kept, the last used first: a batch's articles and their lookups
MEMO_MAX_CHARS = 200_000  # a longer text is tokenised each time, not kept


def words(text: str) -> Words:
    """Lower-cased word tokens of the text, hashed, with their spans.

    The same text is tokenised once per process while it is among the last MEMO_TEXTS asked for: one
    article's words serve the batch's copy search, the lookup of its source and the store's index
    (each asked for them again before; treat the returned Words as read-only)."""
    if len(text) > MEMO_MAX_CHARS:
        return Words(text)
    return _memo_words(text)


@lru_cache(maxsize=MEMO_TEXTS)
def _memo_words(text: str) -> Words:
    return Words(text)


def shingle_hashes(word_hashes: np.ndarray, size: int = SHINGLE_WORDS) -> np.ndarray:
    """One 64-bit hash per run of `size` consecutive words (empty if the text is shorter)."""
    n = len(word_hashes) - size + 1
    if n <= 0:
        return np.zeros(0, np.uint64)
    h = np.zeros(n, np.uint64)
    for k in range(size):  # polynomial rolling combination; uint64 arithmetic wraps
        h = (h ^ word_hashes[k : k + n]) * _MIX
        h ^= h >> np.uint64(29)
    return h
