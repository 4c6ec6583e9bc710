"""How sure newsgraph is of a fact, and which facts are shown by default.

Every fact (actor, place, quote, cited source, event) carries ``confidence``: the estimated
probability that a careful analyst judges it right (docs/accuracy.md says how it is calibrated).
The store keeps every fact; the web pages, the API and the exports show by default only facts at
or above the threshold of their kind (``threshold(kind)``), and never an event whose status is
negated or hypothetical as one that happened (those are shown apart, with their status).

The threshold of each kind is chosen with its model by ``python -m bench.calibrate``, on the tuning
half of the gold set only: the lowest confidence at which the facts shown reach the precision we aim
at (``PRECISION_GOAL``), never below ``THRESHOLD`` ("more likely right than wrong"). A user's
``min_confidence`` replaces it for every kind (0: every fact).
"""

from __future__ import annotations

import copy

from newsgraph.enrich import logistic
from newsgraph.record import Article

THRESHOLD = 0.5  # the least confidence a fact needs to be shown by default, whatever its kind
KINDS = ("actors", "places", "quotes", "citations", "events")
# What a shown fact should be: right this often (events: type, source actor and status right).
PRECISION_GOAL = {"actors": 0.9, "places": 0.9, "quotes": 0.9, "citations": 0.9, "events": 0.75}
HAPPENED = ("asserted", "reported")


def threshold(kind: str) -> float:
    """The confidence a fact of this kind needs to be shown by default."""
    chosen = (logistic.load("confidence.json").get(kind) or {}).get("threshold")
    return max(THRESHOLD, float(chosen)) if chosen is not None else THRESHOLD


def thresholds() -> dict[str, float]:
    return {kind: threshold(kind) for kind in KINDS}


def floor(kind: str, min_confidence: float | None = None) -> float:
    """The confidence a fact of this kind needs: the user's ``min_confidence``, else the default."""
    return threshold(kind) if min_confidence is None else min_confidence


def shown(confidence: float | None, at_least: float = THRESHOLD) -> bool:
    """Whether a fact of this confidence reaches ``at_least`` (facts without one are shown)."""
    return confidence is None or confidence >= at_least


def shown_facts(article: Article, min_confidence: float | None = None, all_statuses: bool = False) -> Article:
    """A copy of the article with only the facts shown: at or above each kind's threshold (or
    ``min_confidence`` for every kind; 0: every fact) and, unless ``all_statuses``, only events
    stated as having happened."""
    out = copy.copy(article)
    out.entities = [e for e in article.entities if shown(e.confidence, floor("actors", min_confidence))]
    out.places = [p for p in article.places if shown(p.confidence, floor("places", min_confidence))]
    out.quotes = [q for q in article.quotes if shown(q.confidence, floor("quotes", min_confidence))]
    out.citations = [c for c in article.citations if shown(c.confidence, floor("citations", min_confidence))]
    out.events = [e for e in article.events
                  if shown(e.confidence, floor("events", min_confidence)) and (all_statuses or e.status in HAPPENED)]
    return out
