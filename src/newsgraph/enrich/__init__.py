"""Enrichment: one spaCy parse per article, then declared components, like spaCy's pipeline.

Each component is one module with one job. It declares what it reads (``REQUIRES``: parts of
the Article another component fills, such as ``entities``) and what it fills (``ASSIGNS``), and
has ``enrich(article, doc) -> None``, which **replaces** the parts it assigns (a retried article
never gets its events twice). ``pipeline()`` checks at start-up that every component exists and
that each one's requirements are assigned by a component before it; a missing component or a
wrong order is an ``EnrichmentConfigError``, never skipped silently.

Order: ``actors`` (the mention layer: names, pronouns and descriptions resolved to one entity
each; datelines and bylines recognised) -> ``places`` -> ``quotes`` -> ``citations`` ->
``events`` -> ``tone`` (GDELT-style tone of the article, each sentence and each actor) -> ``themes`` (what
the article is about, docs/themes.md, with the words that say so) -> ``confidence`` (a calibrated
confidence on every fact).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from newsgraph.errors import NewsgraphError
from newsgraph.record import Article

# Module names under newsgraph.enrich, in running order.
ENRICHERS = ("actors", "places", "quotes", "citations", "events", "tone", "themes", "confidence")
# What every Article has before enrichment (extraction fills these).
BASE = frozenset({"text", "paragraphs", "published", "title", "url", "language"})


class EnrichmentConfigError(NewsgraphError):
    """The declared components cannot run: one is missing or needs what none before it assigns."""

    def __init__(self, reason: str):
        super().__init__("enrichment pipeline", reason)


@dataclass(frozen=True)
class Component:
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: Callable[[Article, object], None]


def check_order(components: list[Component]) -> None:
    """Raise EnrichmentConfigError unless each component's requirements are assigned before it."""
    available = set(BASE)
    for component in components:
        missing = component.requires - available
        if missing:
            raise EnrichmentConfigError(
                f"component {component.name!r} requires {', '.join(sorted(missing))}, "
                "which no component before it assigns")
        available |= component.assigns


@cache
def pipeline(names: tuple[str, ...] = ENRICHERS) -> tuple[Component, ...]:
    """The components named, in order, checked."""
    components = []
    for name in names:
        try:
            module = importlib.import_module(f"newsgraph.enrich.{name}")
        except ModuleNotFoundError as exc:
            raise EnrichmentConfigError(f"component {name!r} is missing ({exc})") from exc
        for attr in ("REQUIRES", "ASSIGNS", "enrich"):
            if not hasattr(module, attr):
                raise EnrichmentConfigError(f"component {name!r} declares no {attr}")
        components.append(Component(name, frozenset(module.REQUIRES), frozenset(module.ASSIGNS), module.enrich))
    check_order(components)
    return tuple(components)


def enrichers() -> list[Callable]:
    """The enrich functions of the components, in order."""
    return [c.run for c in pipeline()]


def enrich_articles(articles: Iterable[Article], batch_size: int = 16,
                    components: tuple[str, ...] = ENRICHERS) -> list[Article]:
    """Parse the articles' texts in batches with spaCy, then run the components (all) on each.

    Each article is parsed with the model of its language (``Article.language``; not known: English)
    and the components read that language's profile (``languages``: a model and lexicons per
    language, docs/languages.md). An article in a language without a profile keeps what extraction
    found: it is never parsed with another language's model.

    A text longer than ``windows.WINDOW_CHARS`` is enriched in windows, one parse at a time, and their
    facts merged into the whole (``windows``): linear cost, and no text over the parser's limit."""
    from newsgraph.enrich.languages import profile
    from newsgraph.enrich.nlp import load_nlp

    articles = list(articles)
    steps = pipeline(components)
    by_language: dict[str, list[Article]] = {}
    for article in articles:
        found = profile(article.language)
        if found is not None:
            by_language.setdefault(found.code, []).append(article)
    for code, group in by_language.items():
        _enrich_group(group, load_nlp(code), steps, batch_size)
    return articles


def _enrich_group(articles: list[Article], nlp, steps: tuple[Component, ...], batch_size: int) -> None:
    """Enrich articles of one language with its pipeline."""
    from newsgraph.enrich import windows

    cuts = [windows.spans(a) for a in articles]
    short = [a for a, cut in zip(articles, cuts) if len(cut) == 1]
    for article, doc in zip(short, nlp.pipe((a.text for a in short), batch_size=batch_size)):
        for step in steps:
            step.run(article, doc)
    for article, cut in zip(articles, cuts):
        if len(cut) > 1:
            parts = windows.parts(article, cut)
            for (_, part), doc in zip(parts, nlp.pipe((p.text for _, p in parts), batch_size=1)):
                for step in steps:
                    step.run(part, doc)
            windows.merge(article, parts)
