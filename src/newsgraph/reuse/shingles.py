"""Words and word shingles, the units every reuse step compares.

Copies keep words but not always punctuation, quote marks, case or line breaks,
so texts are compared as lower-cased word tokens; each token keeps its character
span, so anything found on words maps back to offsets into ``Article.text``.
Hashes are stable across processes and machines (crc32, fixed multipliers), never
Python's salted ``hash()``, because band keys are stored and compared later.
"""

from __future__ import annotations

import re
import zlib

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
        tokens = _WORD.findall(text.lower())
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
            spans = [m.span() for m in _WORD.finditer(self.text)]
            self._spans = np.array(spans, np.int64).reshape(-1, 2)
        return self._spans


def _hash(word: str) -> int:
    h = _hash_cache[word] = zlib.crc32(word.encode()) or 1
    return h


def words(text: str) -> Words:
    """Lower-cased word tokens of the text, hashed, with their spans."""
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
