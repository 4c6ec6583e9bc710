"""Cited sources in a profiled language: "selon X", "d'après X", and a named source stating a clause."""

from __future__ import annotations

from newsgraph.enrich.languages import Profile
from newsgraph.enrich.profiled.actors import entity_of
from newsgraph.enrich.profiled.quotes import _antecedent, _is_speech, _pronoun
from newsgraph.record import Article, Citation


def find_citations(article: Article, doc, prof: Profile) -> list[Citation]:
    text = article.text
    found: list[Citation] = []
    lower = text.lower()
    for cue in prof.citation_cues:
        start = 0
        while True:
            at = lower.find(cue, start)
            if at < 0:
                break
            start = at + len(cue)
            if at > 0 and lower[at - 1].isalpha():
                continue
            citation = _cited(article, doc, prof, at, at + len(cue), text[at:at + len(cue)])
            if citation is not None:
                found.append(citation)
    for verb in doc:  # "le parquet a indiqué que ...": a named source stating a clause
        if not _is_speech(verb, prof) or verb.pos_ != "VERB":
            continue
        if not any(c.dep_ == "ccomp" for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in prof.subject_deps and not _pronoun(c, prof)]
        if not subjects:
            continue
        source = entity_of(subjects[0], article.entities)
        if source is None:
            continue
        sent = verb.sent
        found.append(Citation(source=source.name, cue=verb.text, start=sent.start_char,
                              end=sent.start_char + len(sent.text.rstrip()),
                              confidence=prof.confidence.get("citation_verb"), source_id=source.id))
    found.sort(key=lambda c: c.start)
    return found


def _cited(article: Article, doc, prof: Profile, start: int, end: int, cue: str) -> Citation | None:
    """The source after a cue and the sentence it sources."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    last = span[-1]
    head = last.head if last.dep_ == "case" else None
    if head is None or head.i < last.i:
        nxt = last.i + 1
        while nxt < len(doc) and (doc[nxt].dep_ in ("det", "case") or doc[nxt].is_punct):
            nxt += 1
        if nxt >= len(doc):
            return None
        head = doc[nxt]
    words = [t for t in head.subtree if t.i > last.i and not t.is_space]
    comma = next((n for n, t in enumerate(words) if t.text in (",", ";", ":", "(")), None)
    if comma is not None:  # "Selon le ministère, ...": the source ends at the comma
        words = words[:comma]
    while words and words[-1].is_punct:
        words.pop()
    if not words:
        return None
    source_text = article.text[words[0].idx: words[-1].idx + len(words[-1].text)]
    if _pronoun(head, prof) or head.lower_ in ("lui", "elle", "eux", "elles"):
        entity = _antecedent(doc, head, article.entities, prof, start)
    else:
        entity = entity_of(head, article.entities)
    sent = span[0].sent
    return Citation(source=entity.name if entity else source_text, cue=cue, start=sent.start_char,
                    end=sent.start_char + len(sent.text.rstrip()),
                    confidence=prof.confidence.get("citation_cue"), source_id=entity.id if entity else None)
