"""Tone as GDELT measures it: the share of positive words minus the share of negative words, in
percent (-100 to +100; news mostly falls between -10 and +10).  Words are scored by the lexicon that
vaderSentiment ships (a word with a positive mean valence is positive, a negative one negative).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

_WORD = re.compile(r"[a-z][a-z'-]*")


@functools.cache
def lexicon() -> dict[str, int]:
    """word -> +1 (positive) or -1 (negative)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    signs: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                valence = float(parts[1])
            except ValueError:
                continue
            if valence:
                signs[parts[0]] = 1 if valence > 0 else -1
    return signs


def tone(text: str) -> float | None:
    """The tone of one text (None without a word)."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    signs = lexicon()
    scored = [signs.get(w, 0) for w in words]
    return 100 * (scored.count(1) - scored.count(-1)) / len(words)


def average_tone(texts: Iterable[str]) -> float | None:
    """The average tone of the texts (each report of an event), as GDELT's AvgTone."""
    tones = [t for t in map(tone, texts) if t is not None]
    return sum(tones) / len(tones) if tones else None
