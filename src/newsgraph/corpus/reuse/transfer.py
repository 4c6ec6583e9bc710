"""Enrich a text once: a copy takes its source's facts through the alignment instead of a new parse.

A third of a news crawl is republished text (agency copy under a new headline, a trimmed last
paragraph, an editor's note). Parsing each copy again finds the same quotes, actors and events at
other offsets; here they are carried over. `facts_through(alignment, source, copy)` maps every fact
of the enriched `source` (actors' mentions, places, quotes, citations, events, sentence tones,
actor tones, themes' evidence: every fact kind of newsgraph.record) from the source's offsets to
the copy's, through the copied passages:

- inside a passage, the two texts are matched word by word (difflib on the words' hashes: light
  edits, a typo, a changed word), and runs of matched words whose characters are the same in both
  texts are *blocks*, each with its own shift; a fact is carried when its start and its end fall in
  blocks of the same passage, at the shifted offsets (a span that holds an edited word keeps the
  copy's characters: a quote's text is read from the copy);
- a fact with a span outside every passage (a trimmed paragraph) is dropped; an actor or place
  keeps the mentions that map and is dropped when none does; the facts naming a dropped actor
  keep the name, not the id;
- confidences are the source's; the article's tone is the source's whole-text tone.

`copy_share(alignment)` is the share of the copy's words inside the passages; the caller decides
when it is high enough (`MIN_SHARE`) and enriches the copy's unaligned remainder (`remainder`) on
its own when it is long enough (`MIN_REMAINDER_CHARS`). Pure: texts and records in, a record out.
"""

from __future__ import annotations

import copy as _copy
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from newsgraph.corpus.reuse.align import Alignment
from newsgraph.corpus.reuse.shingles import Words, words
from newsgraph.record import Article, ArticleTheme, Entity, Place

# A copy whose words are at least this share inside passages copied from one source takes its facts
# from that source (bench/pipeline.py --copies measures the facts this keeps against a new parse).
MIN_SHARE = 0.8
# An unaligned part of the copy this long or longer (a new paragraph) is enriched on its own.
MIN_REMAINDER_CHARS = 300
_EDGE = 12  # characters a block is widened over when both texts have them (quote marks, punctuation)

CopiedPassage = tuple[int, int, int, int]  # [start, end) in the copy, [start, end) in the source


def copy_share(found: Alignment) -> float:
    """The share of the copy's words in copied passages, for an alignment `align(copy, source)`."""
    return found.share_a


def remainder(copy_text: str, passages: Iterable[CopiedPassage], min_chars: int = MIN_REMAINDER_CHARS) -> list[tuple[int, int]]:
    """The parts of the copy outside every passage that are at least `min_chars` long (stripped), as (start, end)."""
    spans, pos = [], 0
    for start, end, _, _ in sorted(passages):
        spans.append((pos, start))
        pos = max(pos, end)
    spans.append((pos, len(copy_text)))
    out = []
    for start, end in spans:
        piece = copy_text[start:end]
        lead = len(piece) - len(piece.lstrip())
        start, end = start + lead, start + len(piece.rstrip())
        if end - start >= min_chars:
            out.append((start, end))
    return out


class OffsetMap:
    """Source offsets to copy offsets through the passages of an alignment (see the module's doc)."""

    def __init__(self, passages: Iterable[CopiedPassage], source_text: str, copy_text: str,
                 source_words: Words | None = None, copy_words: Words | None = None):
        self.blocks: list[tuple[int, int, int, int]] = []  # (source start, source end, shift, passage)
        sw = source_words if source_words is not None else words(source_text)
        cw = copy_words if copy_words is not None else words(copy_text)
        for number, (c0, c1, s0, s1) in enumerate(sorted(passages, key=lambda p: p[2])):
            if source_text[s0:s1] == copy_text[c0:c1]:  # verbatim: one block
                self.blocks.append((s0, s1, c0 - s0, number))
                continue
            self.blocks += _word_blocks(sw, cw, s0, s1, c0, c1, source_text, copy_text, number)
        self.blocks.sort()
        self._starts = [b[0] for b in self.blocks]

    def _block(self, pos: int, closing: bool) -> tuple[int, int, int, int] | None:
        i = bisect_right(self._starts, pos - 1 if closing else pos) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        inside = block[0] < pos <= block[1] if closing else block[0] <= pos < block[1]
        return block if inside else None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) of the source in the copy, or None when it is not inside one passage."""
        if end <= start:
            return None
        first, last = self._block(start, False), self._block(end, True)
        if first is None or last is None or first[3] != last[3]:
            return None
        mapped = start + first[2], end + last[2]
        return mapped if mapped[0] < mapped[1] else None


def _word_blocks(sw: Words, cw: Words, s0: int, s1: int, c0: int, c1: int, source: str, copy: str,
                 number: int) -> list[tuple[int, int, int, int]]:
    """Blocks of a passage with edits: runs of matched words whose characters agree, widened over marks."""
    si = _inside(sw, s0, s1)
    ci = _inside(cw, c0, c1)
    matcher = SequenceMatcher(None, sw.hashes[si[0]:si[1]].tolist(), cw.hashes[ci[0]:ci[1]].tolist(), autojunk=False)
    blocks: list[tuple[int, int, int, int]] = []
    for a, b, size in matcher.get_matching_blocks():
        k = 0
        while k < size:  # split a run where the characters between its words differ
            ws, wc = si[0] + a + k, ci[0] + b + k
            start_s, start_c = int(sw.starts[ws]), int(cw.starts[wc])
            end_s, end_c = int(sw.ends[ws]), int(cw.ends[wc])
            if source[start_s:end_s] != copy[start_c:end_c]:  # same word, other case or accents
                k += 1
                continue
            k += 1
            while k < size:
                ns, nc = int(sw.ends[si[0] + a + k]), int(cw.ends[ci[0] + b + k])
                if ns - start_s != nc - start_c or source[start_s:ns] != copy[start_c:nc]:
                    break
                end_s, end_c, k = ns, nc, k + 1
            shift = start_c - start_s
            lo, hi = start_s, end_s  # widen over the characters both texts have around the run
            while lo > s0 and start_s - lo < _EDGE and lo + shift > c0 and source[lo - 1] == copy[lo - 1 + shift]:
                lo -= 1
            while hi < s1 and hi - end_s < _EDGE and hi + shift < c1 and source[hi] == copy[hi + shift]:
                hi += 1
            if blocks and lo < blocks[-1][1]:
                lo = blocks[-1][1]
            if lo < hi:
                blocks.append((lo, hi, shift, number))
    return blocks


def _inside(tokens: Words, start: int, end: int) -> tuple[int, int]:
    """Indices [i, j) of the words inside text[start:end]."""
    import numpy as np

    return int(np.searchsorted(tokens.starts, start, "left")), int(np.searchsorted(tokens.ends, end, "right"))


def facts_through(found: Alignment, source: Article, copy: Article, *,
                  source_words: Words | None = None, copy_words: Words | None = None) -> Article:
    """The copy with the source's facts at the copy's offsets (see the module's doc); `found` is
    `align(copy.text, source.text)` (passages [copy start, copy end, source start, source end]).
    The copy's own text, paragraphs and metadata are kept; `facts_from` names the source."""
    mapping = OffsetMap(found.passages, source.text, copy.text, source_words, copy_words)
    out = copy
    new_id: dict[str, str] = {}
    entities: list[Entity] = []
    for entity in source.entities:
        mentions = _mentions(mapping, entity.mentions)
        if not mentions:
            continue
        kept = replace(entity, aliases=list(entity.aliases), mentions=mentions, id=f"e{len(entities) + 1}")
        if entity.id:
            new_id[entity.id] = kept.id or ""
        entities.append(kept)
    places: list[Place] = []
    for place in source.places:
        mentions = _mentions(mapping, place.mentions)
        if mentions:
            places.append(replace(place, mentions=mentions))
    out.entities, out.places = entities, places
    out.quotes = []
    for quote in source.quotes:
        span = mapping.span(quote.start, quote.end)
        if span is None:
            continue
        text = quote.text
        inner = source.text.find(quote.text, quote.start, quote.end) if quote.text else -1
        if inner >= 0:
            mapped_text = mapping.span(inner, inner + len(quote.text))
            if mapped_text is not None:
                text = copy.text[mapped_text[0]:mapped_text[1]]
        speaker = mapping.span(quote.speaker_start, quote.speaker_end) \
            if quote.speaker_start is not None and quote.speaker_end is not None else None
        out.quotes.append(replace(quote, text=text, start=span[0], end=span[1],
                                  speaker_start=speaker[0] if speaker else None, speaker_end=speaker[1] if speaker else None,
                                  speaker_id=new_id.get(quote.speaker_id or "")))
    out.citations = []
    for citation in source.citations:
        span = mapping.span(citation.start, citation.end)
        if span is not None:
            out.citations.append(replace(citation, start=span[0], end=span[1], source_id=new_id.get(citation.source_id or "")))
    out.events = []
    for event in source.events:
        span = mapping.span(event.start, event.end)
        trigger = mapping.span(*event.trigger) if event.trigger else None
        if span is None or (event.trigger and trigger is None):
            continue
        out.events.append(replace(event, start=span[0], end=span[1], trigger=list(trigger) if trigger else event.trigger,
                                  actor1=_actor(event.actor1, new_id), actor2=_actor(event.actor2, new_id),
                                  place=_copy.deepcopy(event.place)))
    out.sentence_tones = []
    for sentence in source.sentence_tones:
        span = mapping.span(sentence.start, sentence.end)
        if span is not None:
            out.sentence_tones.append(replace(sentence, start=span[0], end=span[1]))
    out.tone = replace(source.tone) if source.tone else None
    out.actor_tones = [replace(t, actor_id=new_id[t.actor_id]) for t in source.actor_tones if t.actor_id in new_id]
    out.themes = []
    for theme in source.themes:
        evidence = _mentions(mapping, theme.evidence)
        if evidence or not theme.evidence:
            out.themes.append(ArticleTheme(theme.theme, theme.confidence, theme.support, evidence, theme.headline))
    out.facts_from = source.content_hash
    return out


def _mentions(mapping: OffsetMap, spans: list[list[int]]) -> list[list[int]]:
    return [list(span) for s, e in spans if (span := mapping.span(s, e)) is not None]


def _actor(actor: dict[str, Any] | None, new_id: dict[str, str]) -> dict[str, Any] | None:
    if not actor:
        return actor
    return {**actor, "id": new_id.get(actor.get("id") or "")} if actor.get("id") else dict(actor)
