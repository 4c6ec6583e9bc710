"""MinHash signatures of passages, and their LSH band keys.

A whole-document MinHash estimates the Jaccard similarity of two texts, which
finds full copies but not a three-paragraph excerpt inside a longer article (its
Jaccard similarity to the source is ~0.1).  So the signature is taken per
*passage*: the text is cut into chunks of about 45 words at content-defined
boundaries (after a shingle whose hash has a given residue), so a copied passage
is cut at the same places in the source and in the copy whatever surrounds it.
Each chunk gets a small MinHash signature; bands of it are the LSH keys.  A copied
chunk, even with a typo or two, shares band keys with its source; chunks that
merely share a phrase almost never do.  Everything is numpy on stable hashes with
fixed seeds, so keys computed today match keys stored last year.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from newsgraph.corpus.reuse.shingles import MEMO_MAX_CHARS, MEMO_TEXTS, Words, shingle_hashes, words

BANDS = 4  # band keys per chunk
ROWS = 2  # minima per band: a band matches when both agree
CHUNK_MIN = 16  # shingles; no boundary closer than this to the previous one
CHUNK_SPREAD = 32  # one shingle in CHUNK_SPREAD is a boundary after the minimum
CHUNK_MAX = 128  # a chunk is cut here when no boundary comes
MIN_SHINGLES = 8  # texts shorter than this (in shingles) get no keys
_SEED = 20260309

_rng = np.random.default_rng(_SEED)
_MUL = _rng.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_ADD = _rng.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
_BAND_MIX = np.uint64(0xBF58476D1CE4E5B9)


def chunk_bounds(shingles: np.ndarray) -> list[tuple[int, int]]:
    """Content-defined chunks as [start, end) ranges of shingle indexes."""
    n = len(shingles)
    if n < MIN_SHINGLES:
        return []
    marks = np.flatnonzero((shingles >> np.uint64(40)) % np.uint64(CHUNK_SPREAD) == 0) + 1
    bounds, start = [], 0
    for mark in marks.tolist():
        while mark - start > CHUNK_MAX:
            bounds.append((start, start + CHUNK_MAX))
            start += CHUNK_MAX
        if mark - start >= CHUNK_MIN and n - mark >= MIN_SHINGLES:
            bounds.append((start, mark))
            start = mark
    while n - start > CHUNK_MAX:
        bounds.append((start, start + CHUNK_MAX))
        start += CHUNK_MAX
    bounds.append((start, n))
    return bounds


def signatures(shingles: np.ndarray, bounds: list[tuple[int, int]]) -> np.ndarray:
    """One MinHash signature (BANDS * ROWS minima) per chunk: shape (chunks, BANDS * ROWS)."""
    if not bounds:
        return np.zeros((0, BANDS * ROWS), np.uint64)
    permuted = shingles[:, None] * _MUL[None, :] + _ADD[None, :]
    return np.minimum.reduceat(permuted, [start for start, _ in bounds], axis=0)


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature of a whole set of shingles (for similarity estimates)."""
    whole: np.ndarray = signatures(shingles, [(0, len(shingles))])[0]  # the one chunk's row
    return whole


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two sets the signatures were made from."""
    return float(np.mean(sig_a == sig_b))


def band_keys_of(sigs: np.ndarray) -> list[tuple[int, int]]:
    """Distinct (band, key) pairs of the chunk signatures; keys are signed 64-bit for SQLite."""
    if len(sigs) == 0:
        return []
    keys = np.zeros((len(sigs), BANDS), np.uint64)
    for r in range(ROWS):
        keys = (keys ^ sigs[:, r::ROWS]) * _BAND_MIX
        keys ^= keys >> np.uint64(31)
    signed = keys.view(np.int64)
    return sorted({(band, key) for row in signed.tolist() for band, key in enumerate(row)})


def band_keys(text: str, *, tokens: Words | None = None) -> list[tuple[int, int]]:
    """The LSH band keys of a text: what is stored for it and looked up for each new text.

    Kept per process for the last texts asked for, like their words (shingles.words): an article's keys
    serve the batch's copy search, the lookup of its source and the index it joins."""
    if len(text) > MEMO_MAX_CHARS:
        return _band_keys(tokens if tokens is not None else words(text))
    return list(_memo_band_keys(text))


def _band_keys(tokens: Words) -> list[tuple[int, int]]:
    shingles = shingle_hashes(tokens.hashes)
    return band_keys_of(signatures(shingles, chunk_bounds(shingles)))


@lru_cache(maxsize=MEMO_TEXTS)
def _memo_band_keys(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_band_keys(words(text)))
