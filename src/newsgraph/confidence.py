"""How sure newsgraph is of a fact, and which facts are shown by default.

Every fact (actor, place, quote, cited source, event) carries ``confidence``: the estimated
probability that a careful analyst judges it right (docs/accuracy.md says how it is calibrated).
The store keeps every fact; the web pages, the API and the exports show by default only facts at
or above ``THRESHOLD``, and never an event whose status is negated or hypothetical as one that
happened (those are shown apart, with their status).
"""

from __future__ import annotations

import copy

from newsgraph.record import Article

THRESHOLD = 0.5
HAPPENED = ("asserted", "reported")


def shown(confidence: float | None, threshold: float = THRESHOLD) -> bool:
    """Whether a fact of this confidence is shown by default (facts without one are shown)."""
    return confidence is None or confidence >= threshold


def shown_facts(article: Article, threshold: float | None = THRESHOLD, all_statuses: bool = False) -> Article:
    """A copy of the article with only the facts shown by default: at or above the threshold (None or
    0: every fact) and, unless ``all_statuses``, only events stated as having happened."""
    out = copy.copy(article)
    floor = threshold or 0.0
    out.entities = [e for e in article.entities if shown(e.confidence, floor)]
    out.places = [p for p in article.places if shown(p.confidence, floor)]
    out.quotes = [q for q in article.quotes if shown(q.confidence, floor)]
    out.citations = [c for c in article.citations if shown(c.confidence, floor)]
    out.events = [e for e in article.events
                  if shown(e.confidence, floor) and (all_statuses or e.status in HAPPENED)]
    return out
