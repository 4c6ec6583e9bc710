"""Enrichment: one spaCy parse per article, shared by every enricher.

Like spaCy's pipeline components, each enricher is one module with one job and
the same signature, ``enrich(article, doc) -> None``: it reads the Article and
its parsed Doc and fills one of the Article's lists (entities, places, quotes,
citations, ...).  They run in the order of ENRICHERS, so a later one may use
what an earlier one found (quotes resolve speakers to the actors found before).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from newsgraph.record import Article

# Module names under newsgraph.enrich, in running order.
ENRICHERS = ("actors", "places", "quotes", "citations", "events")


def enrichers() -> list[Callable]:
    """The enrich functions of the modules present, in order."""
    steps = []
    for name in ENRICHERS:
        try:
            module = importlib.import_module(f"newsgraph.enrich.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newsgraph.enrich.{name}":
                raise
            continue
        steps.append(module.enrich)
    return steps


def enrich_articles(articles: Iterable[Article], batch_size: int = 16) -> list[Article]:
    """Parse the articles' texts in batches with spaCy, then run every enricher on each."""
    from newsgraph.enrich.nlp import load_nlp

    articles = list(articles)
    steps = enrichers()
    if not steps or not articles:
        return articles
    nlp = load_nlp()
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        for step in steps:
            step(article, doc)
    return articles
