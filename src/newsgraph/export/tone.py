"""GDELT's AvgTone of an event: the mean tone of the sentences reporting it, as the store holds them.

The tone of each sentence is measured once, by the enrichment (enrich/tone.py: GDELT's tone, the share
of positive words minus the share of negative words, in percent), and stored with the article; the
export reads it.  A report whose article was stored before tone was measured (a database older than
migration 14) has none: its sentence is then scored from its text by the same lexicon and negation rule
(``enrich.tone.text_tone``, words by a regular expression instead of the parse), so an old database
still exports a tone.  An article in a language other than English has no tone, and its reports none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsgraph.enrich.tone import text_tone


def report_tone(report: dict[str, Any]) -> float | None:
    """The tone of one report's sentence: stored, else (an article stored before tone was) from its text."""
    if report.get("tone") is not None:
        return float(report["tone"])
    if report.get("toned") or (report.get("language") or "en").split("-")[0].lower() != "en":
        return None
    return text_tone(report.get("text") or "")


def average_tone(reports: Iterable[dict[str, Any]]) -> float | None:
    """The mean tone of the reports' sentences, as GDELT's AvgTone (None: no report has a tone)."""
    tones = [t for t in map(report_tone, reports) if t is not None]
    return round(sum(tones) / len(tones), 4) if tones else None
