"""Long texts enriched in windows: linear cost, and never over the parser's length limit.

Parsing is linear in the length of a text, but several components compare each candidate with
the others of the article (mentions with mentions, events with events), so one text of 400,000
characters cost 8 times what 50,000 did; the parse needs memory in proportion to the text; and spaCy
refuses texts over ``nlp.max_length``.  A text longer than ``LONG_TEXT`` is therefore cut into
windows of at most ``WINDOW_CHARS`` — at paragraph
ends, a paragraph longer than a window at sentence ends, then at white space — and each window is
enriched as an article of its own (``part``): every component runs on each, unchanged.  ``merge``
puts the facts back into the whole article, every offset shifted by its window's start: actors
with the same name (and a person named by surname alone in a later window, when one earlier
person has that surname) become one actor with every mention, places with the same place one
place, and the facts that name an actor (quote speakers, cited sources, event actors) are given
the merged actor's id.

Texts up to ``LONG_TEXT`` characters (news articles run to a few thousand) are enriched whole, as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from newsgraph.enrich import tone
from newsgraph.record import Article, ArticleTheme, Citation, Entity, Event, Paragraph, Place, Quote, SentenceTone, Tone

# Texts up to LONG_TEXT characters are enriched whole (news articles run to a few thousand); a longer
# one in windows of at most WINDOW_CHARS.  The cost per character of the components is flat up to about
# 50,000 (bench/longtext.py), and the parse of a text needs about 3 MB per 1,000 characters at its peak
# (160 MB for 50,000): windows of 20,000 keep a text of any length within about 60 MB of parse.
LONG_TEXT = 50_000
WINDOW_CHARS = 20_000

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?=\s)")
_SPACE = re.compile(r"\s+")


def spans(article: Article) -> list[tuple[int, int]]:
    """The windows of the article's text as (start, end): the whole text when it is short enough."""
    text = article.text
    if len(text) <= max(LONG_TEXT, WINDOW_CHARS):
        return [(0, len(text))]
    paragraphs = [(p.start, p.end) for p in article.paragraphs] or \
        [(p.start, p.end) for p in Article.paragraph_spans(text)] or [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    for start, end in paragraphs:
        pieces.extend(_cut(text, start, end))
    windows: list[tuple[int, int]] = []
    for start, end in pieces:
        if windows and end - windows[-1][0] <= WINDOW_CHARS:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph as pieces of at most WINDOW_CHARS: at the last sentence end, else the last white space,
    before the limit (else at the limit)."""
    pieces = []
    while end - start > WINDOW_CHARS:
        limit = start + WINDOW_CHARS
        cut = max((m.end() for m in _SENTENCE_END.finditer(text, start + WINDOW_CHARS // 2, limit)), default=0)
        if not cut:
            cut = max((m.start() for m in _SPACE.finditer(text, start + WINDOW_CHARS // 2, limit)), default=limit)
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def parts(article: Article, cut: list[tuple[int, int]]) -> list[tuple[int, Article]]:
    """Each window as (its start, an article of its own)."""
    ends = [p.end for p in article.paragraphs]
    return [(start, part(article, start, end, ends)) for start, end in cut]


def part(article: Article, start: int, end: int, ends: list[int] | None = None) -> Article:
    """The window text[start:end] as an article of its own: its paragraphs, the article's metadata.
    (`ends`: the ends of the article's paragraphs, when the caller has them.)"""
    first = bisect_right(ends if ends is not None else [p.end for p in article.paragraphs], start)
    paragraphs = []
    for p in article.paragraphs[first:]:  # sorted and apart: those after the first ending past `start`
        if p.start >= end:
            break
        paragraphs.append(Paragraph(max(p.start, start) - start, min(p.end, end) - start))
    return Article(text=article.text[start:end], title=article.title, paragraphs=paragraphs, url=article.url,
                   canonical_url=article.canonical_url, site_name=article.site_name, author=article.author,
                   published=article.published, language=article.language, content_hash=article.content_hash,
                   extraction_method=article.extraction_method, fetched_at=article.fetched_at)


def merge(article: Article, parts: list[tuple[int, Article]]) -> None:
    """The facts of the enriched windows (each with its start in the whole text) into the whole article."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str, str | None], Entity] = {}
    by_surname: dict[str, list[Entity]] = {}  # people named in full, by last name
    places: list[Place] = []
    place_by_key: dict[tuple[int | None, str], Place] = {}
    quotes: list[Quote] = []
    citations: list[Citation] = []
    events: list[Event] = []
    sentence_tones: list[SentenceTone] = []
    tones: list[Tone] = []
    for offset, window in parts:
        new_id: dict[str | None, str | None] = {None: None}
        for entity in window.entities:
            mentions = [[s + offset, e + offset] for s, e in entity.mentions]
            same = by_key.get((entity.name, entity.type, entity.kb_id)) or _same_person(entity, by_surname)
            if same is None:
                same = replace(entity, aliases=list(entity.aliases), mentions=mentions, id=f"e{len(entities) + 1}")
                entities.append(same)
                by_key[(entity.name, entity.type, entity.kb_id)] = same
                if same.type == "person" and len(same.name.split()) > 1:
                    by_surname.setdefault(same.name.split()[-1], []).append(same)
            else:
                same.mentions += mentions
                same.aliases += [a for a in [entity.name, *entity.aliases] if a != same.name and a not in same.aliases]
                same.role = same.role or entity.role
                same.country = same.country or entity.country
                same.sector = same.sector or entity.sector
                same.confidence = _best(same.confidence, entity.confidence)
            new_id[entity.id] = same.id
        for place in window.places:
            mentions = [[s + offset, e + offset] for s, e in place.mentions]
            key = (place.geonameid, place.name)
            if key in place_by_key:
                known = place_by_key[key]
                known.mentions += mentions
                known.confidence = _best(known.confidence, place.confidence)
            else:
                place_by_key[key] = replace(place, mentions=mentions)
                places.append(place_by_key[key])
        quotes += [replace(q, start=q.start + offset, end=q.end + offset, speaker_start=_shift(q.speaker_start, offset),
                           speaker_end=_shift(q.speaker_end, offset), speaker_id=new_id.get(q.speaker_id),
                           speaker=_name(q.speaker, q.speaker_id, new_id, entities))
                   for q in window.quotes]
        citations += [replace(c, start=c.start + offset, end=c.end + offset, source_id=new_id.get(c.source_id))
                      for c in window.citations]
        events += [replace(ev, start=ev.start + offset, end=ev.end + offset,
                           trigger=[t + offset for t in ev.trigger] if ev.trigger else ev.trigger,
                           actor1=_actor(ev.actor1, new_id, entities), actor2=_actor(ev.actor2, new_id, entities))
                   for ev in window.events]
        sentence_tones += [replace(s, start=s.start + offset, end=s.end + offset) for s in window.sentence_tones]
        tones += [window.tone] if window.tone else []
    for entity in entities:
        entity.mentions.sort()
    for place in places:
        place.mentions.sort()
    article.entities, article.places, article.quotes, article.citations, article.events = \
        entities, places, quotes, citations, events
    # The windows cut the text into parts, so their tones pooled by words are the whole text's.
    article.tone = tone.pool(tones) if tones else None
    article.sentence_tones = sentence_tones
    article.actor_tones = tone.actor_tones(entities, sentence_tones) if tones else []
    article.themes = _themes(parts)


def _themes(parts: list[tuple[int, Article]]) -> list[ArticleTheme]:
    """A theme of any window is the article's, with its evidence from every window that has it, its best
    confidence and its support summed."""
    merged: dict[str, ArticleTheme] = {}
    for offset, window in parts:
        for t in window.themes:
            evidence = [[s + offset, e + offset] for s, e in t.evidence]
            known = merged.get(t.theme)
            if known is None:
                merged[t.theme] = replace(t, evidence=evidence)
            else:
                known.evidence += evidence
                known.confidence = max(known.confidence, t.confidence)
                known.support = round(known.support + t.support, 2)
                known.headline = known.headline or t.headline
    return sorted(merged.values(), key=lambda t: -t.confidence)


def _same_person(entity: Entity, by_surname: dict[str, list[Entity]]) -> Entity | None:
    """The one earlier person whose last name is this person's one-word name ("Kirby" after "John Kirby")."""
    if entity.type != "person" or len(entity.name.split()) != 1:
        return None
    found = by_surname.get(entity.name, [])
    return found[0] if len(found) == 1 else None


def _by_id(entities: list[Entity], entity_id: str | None) -> Entity | None:
    if entity_id is None:
        return None
    number = int(entity_id[1:]) - 1  # merged ids are e1, e2, ... in order
    return entities[number] if 0 <= number < len(entities) else None


def _name(name: str | None, old_id: str | None, new_id: dict[str | None, str | None], entities: list[Entity]) -> str | None:
    """A speaker or actor named by the window's actor takes the merged actor's canonical name."""
    merged = _by_id(entities, new_id.get(old_id)) if old_id else None
    return merged.name if merged is not None else name


def _actor(actor: dict | None, new_id: dict[str | None, str | None], entities: list[Entity]) -> dict | None:
    if not actor or not actor.get("id"):
        return actor
    merged_id = new_id.get(actor["id"])
    merged = _by_id(entities, merged_id)
    return {**actor, "id": merged_id, "name": merged.name if merged is not None else actor.get("name")}


def _shift(value: int | None, offset: int) -> int | None:
    return None if value is None else value + offset


def _best(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)
