"""Language of an article's text, from py3langid's bundled model (no download)."""

from __future__ import annotations

import py3langid

# Below this many letters the guess is noise; keep what the page declares instead.
_MIN_LETTERS = 40


def detect_language(text: str, declared: str | None = None) -> str | None:
    sample = text[:1500]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return _primary(declared)
    code, _score = py3langid.classify(sample)
    return code


def _primary(tag: str | None) -> str | None:
    """'en-GB' -> 'en'."""
    if not tag:
        return None
    return tag.replace("_", "-").split("-")[0].lower() or None
