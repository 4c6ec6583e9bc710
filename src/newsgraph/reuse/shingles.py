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
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5  # words per shingle: long enough that common phrases rarely collide

_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio): mixes word hashes into shingles


@dataclass
class Words:
    """A text's word tokens: their stable hashes and character spans."""

    hashes: np.ndarray  # uint64, one per word
    starts: np.ndarray  # int64 character offsets
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.hashes)


def words(text: str) -> Words:
    """Lower-cased word tokens of the text, hashed, with their spans."""
    matches = list(_WORD.finditer(text))
    hashes = np.fromiter((zlib.crc32(m.group().lower().encode()) for m in matches), np.uint64, len(matches))
    starts = np.fromiter((m.start() for m in matches), np.int64, len(matches))
    ends = np.fromiter((m.end() for m in matches), np.int64, len(matches))
    return Words(hashes, starts, ends)


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
