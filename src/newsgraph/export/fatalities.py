"""How many people a sentence says were killed: "killed at least 12", "three soldiers died",
"the death toll rose to 40".  Wounded, injured and "casualties" (which count the wounded) are not
deaths; vague amounts ("dozens", "many") give no number.
"""

from __future__ import annotations

import re

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
}
_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_QUAL = r"(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|as many as|an estimated|a total of)\s+)?"
_NOUN = r"(?:[a-z-]+\s+){0,3}?"  # "people", "Syrian soldiers", "of the protesters"
_PATTERNS = [
    re.compile(rf"\b(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|execut(?:ed|ing)|shot dead|slaughter(?:ed|ing))\s+{_QUAL}{_NUM}\b", re.I),
    re.compile(rf"\b{_QUAL}{_NUM}\s+{_NOUN}(?:(?:were|was|have been|had been|are|being|reportedly)\s+)*"
               r"(?:killed|dead|died|slain|perished|lost their lives|executed|shot dead)\b", re.I),
    re.compile(rf"\b(?:death toll|toll|number of (?:the )?dead)\s+(?:\w+\s+){{0,3}}?(?:to|at|of|reached|is|was|stands at)\s+{_QUAL}{_NUM}\b", re.I),
    re.compile(rf"\b{_QUAL}{_NUM}\s+(?:deaths|fatalities|dead)\b", re.I),
    re.compile(rf"\bleaving\s+{_QUAL}{_NUM}\s+(?:\w+\s+){{0,2}}?dead\b", re.I),
]


def _value(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return _WORDS.get(word)


def fatalities(sentence: str) -> int | None:
    """The number of people the sentence says were killed (the largest it states), or None."""
    found: list[int] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            value = _value(match.group("n"))
            tail = sentence[match.end("n"):match.end("n") + 12].lower()
            if value is None or re.match(r"\s*(?:km|kilomet|mile|metre|meter|%|percent|year|month|day|hour)", tail):
                continue
            if value < 100_000:
                found.append(value)
    return max(found) if found else None


def reported_fatalities(sentences: list[str]) -> int:
    """Fatalities of an event from the sentences reporting it: the lowest number any report states (the
    most conservative, as ACLED codes conflicting reports), 0 when none states one."""
    numbers = [n for n in (fatalities(s) for s in sentences) if n is not None]
    return min(numbers) if numbers else 0
