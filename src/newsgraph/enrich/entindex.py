"""The doc's entities by token position, built once per doc.

``doc.ents`` builds a new Span for every entity of the document each time it is read, and
``span.ents`` reads it in full to find the few inside the span: an enricher asking for the
entities of each of its candidates pays for the whole document every time (quadratic in the
length of the article). ``ents_within`` answers the same from an index kept in the doc's
``user_data`` (the enrichers never change ``doc.ents`` once the pipeline has run).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

_KEY = "newsgraph.ents"


def _index(doc: Doc) -> tuple[tuple[Span, ...], list[int], list[int]]:
    index = doc.user_data.get(_KEY)
    if index is None:
        ents = tuple(doc.ents)
        index = doc.user_data[_KEY] = (ents, [e.start for e in ents], [e.end for e in ents])
    return index


def ents_within(doc: Doc, start: int, end: int) -> list[Span]:
    """``doc[start:end].ents``: the entities wholly inside tokens start..end, in order."""
    ents, starts, _ends = _index(doc)
    found = []
    for n in range(bisect_left(starts, start), len(ents)):
        if ents[n].end > end:
            break
        found.append(ents[n])
    return found


def first_ent_touching(doc: Doc, start: int, end: int) -> Span | None:
    """The first entity holding token ``start`` or starting inside tokens start..end (entities are
    sorted and never overlap: the first one ending after ``start`` is the only candidate)."""
    ents, _starts, ends = _index(doc)
    n = bisect_right(ends, start)
    if n < len(ents) and (ents[n].start <= start or ents[n].start < end):
        return ents[n]
    return None
