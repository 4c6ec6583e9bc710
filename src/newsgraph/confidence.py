"""How sure newsgraph is of a fact, and which facts are shown by default.

Every fact (actor, place, quote, cited source, event) carries ``confidence``: the estimated
probability that a careful analyst judges it right (docs/accuracy.md says how it is calibrated).
The store keeps every fact; the web pages, the API and the exports show by default only facts at
or above ``THRESHOLD``, and never an event whose status is negated or hypothetical as one that
happened (those are shown apart, with their status).
"""

from __future__ import annotations

THRESHOLD = 0.5
HAPPENED = ("asserted", "reported")


def shown(confidence: float | None, threshold: float = THRESHOLD) -> bool:
    """Whether a fact of this confidence is shown by default (facts without one are shown)."""
    return confidence is None or confidence >= threshold
