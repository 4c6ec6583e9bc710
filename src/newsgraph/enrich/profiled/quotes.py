"""Quotes in a profiled language: direct speech between quote marks, and "X a déclaré que ..."."""

from __future__ import annotations

import re

from newsgraph.enrich.languages import Profile
from newsgraph.enrich.profiled.actors import entity_at, entity_of
from newsgraph.record import Article, Entity, Quote

MIN_WORDS = 3  # fewer words between marks: a scare-quoted word or a title, not speech


def find_quotes(article: Article, doc, prof: Profile) -> list[Quote]:
    text = article.text
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for start, end in _marked(text, prof):
        inner_start, inner_end = _strip(text, start + 1, end - 1)
        if not text[inner_start:inner_end].strip():
            continue
        verb = _speech_verb(doc, start, end, prof)
        if verb is None:
            continue
        speaker, mention, rule = _speaker(doc, verb, article.entities, prof, start, end)
        if len(text[inner_start:inner_end].split()) < MIN_WORDS and speaker is None:
            continue  # a scare-quoted word no one is said to have said
        quotes.append(Quote(
            text=text[inner_start:inner_end], start=inner_start, end=inner_end,
            speaker=speaker.name if speaker else None,
            speaker_start=mention[0] if mention else None, speaker_end=mention[1] if mention else None,
            cue=verb.text, kind="direct",
            confidence=prof.confidence.get(rule if speaker else "quote_no_speaker"),
            speaker_id=speaker.id if speaker else None,
        ))
        taken.append((start, end))
    quotes += _indirect(article, doc, prof, taken)
    quotes += _according(article, doc, prof, [(q.start, q.end) for q in quotes])
    quotes.sort(key=lambda q: q.start)
    return quotes


def _marked(text: str, prof: Profile) -> list[tuple[int, int]]:
    """[start, end) of each quotation, marks included, in text order, none inside another."""
    spans = []
    for opening, closing in prof.quote_marks:
        pattern = re.compile(re.escape(opening) + r"[^" + re.escape(opening + closing) + r"\n]{1,1500}"
                             + re.escape(closing))
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\u202f"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\u202f"):
        end -= 1
    return start, end


def _speech_verb(doc, start: int, end: int, prof: Profile):
    """The speech verb outside the quotation that introduces it: in its sentence, after it first
    ("», a déclaré X"), else before it ("X a dénoncé « ... »")."""
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return None
    first, last = inside[0], inside[-1]
    # "», a déclaré X", "», a-t-il affirmé": the verb within a few words after the closing mark
    j = last.i + 1
    while j < len(doc) and j - last.i <= 6 and not doc[j].is_space and doc[j].text not in _STOPS:
        if _is_speech(doc[j], prof):
            return doc[j]
        j += 1
    # "X a dénoncé « ... »", "X a déclaré : « ... »": the last one before it in its sentence
    j = first.i - 1
    while j >= 0 and first.i - j <= 40 and doc[j].text not in _STOPS and "\n" not in doc[j].text:
        if _is_speech(doc[j], prof):
            return doc[j]
        j -= 1
    return None


_STOPS = {".", "!", "?", "«", "»", "“", "”", '"'}


def _is_speech(token, prof: Profile) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in prof.speech_verbs


def _speaker(doc, verb, entities: list[Entity], prof: Profile, start: int, end: int):
    """(actor, [start, end] of the words naming it, rule) of the speech verb's subject, or (None,
    None, None). The subject is the verb's (or, for "et a ajouté", its head's) outside the quotation
    [start, end); after a quotation also a clitic pronoun ("», a-t-il affirmé", which the parser may
    attach to the auxiliary) or the name right after the verb ("», a témoigné Yvonne Le Goff", which
    it may take for an object)."""
    def outside(t) -> bool:
        return not (start <= t.idx < end)

    def is_subject(c) -> bool:  # not the euphonic "t" of "a-t-il"
        return c.dep_ in prof.subject_deps and outside(c) and c.lower_.strip("-") != "t"

    subjects = [c for c in verb.children if is_subject(c)]
    if not subjects and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.head.children if is_subject(c)]
    if not subjects and verb.idx >= end:
        subjects = [t for t in doc[verb.i - 3: verb.i + 2] if t.idx >= end and _pronoun(t, prof)][:1]
        if not subjects:
            nxt = verb.i + 1
            while nxt < len(doc) and doc[nxt].lower_ in prof.determiners:
                nxt += 1
            # "», a raconté le commandant Yann Morvan, qui ...": the actor named right after the verb,
            # after role words at most ("», a promis l'envoi de ... CRS" names no speaker)
            while nxt < len(doc) and nxt - verb.i <= 5:
                entity = entity_at(entities, doc[nxt].idx, doc[nxt].idx + len(doc[nxt].text))
                if entity is not None and entity.type != "country":
                    return entity, _mention_at(entity, doc[nxt].idx), "quote_direct"
                if doc[nxt].lower_ not in prof.titles and doc[nxt].lower_ not in prof.determiners:
                    break
                nxt += 1
    if not subjects:
        return None, None, None
    subject = subjects[0]
    if _pronoun(subject, prof):
        found = _antecedent(doc, subject, entities, prof, start)
        if found is None:
            return None, None, None
        return found, [subject.idx, subject.idx + len(subject.text)], "quote_direct_pronoun"
    entity = entity_of(subject, entities)
    if entity is None:
        return None, None, None
    return entity, _mention_near(entity, subject), "quote_direct"


def _pronoun(token, prof: Profile) -> bool:
    return token.lower_ in prof.pronouns or token.lower_.lstrip("-t") in prof.pronouns


def _antecedent(doc, pronoun, entities: list[Entity], prof: Profile, before: int) -> Entity | None:
    """The person a subject pronoun stands for: the named subject of the nearest sentence before
    ``before`` (the quotation's start) that has one (its own sentence, else up to two before), when
    that subject is a person actor."""
    anchor = doc.char_span(before, min(before + 1, len(doc.text)), alignment_mode="expand")
    if anchor is None:
        return None
    sents: list = []
    sent = anchor[0].sent
    while len(sents) < 3:
        if sum(not t.is_punct and not t.is_space for t in sent) >= 3:
            sents.append(sent)
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    quoted = _marked(doc.text, prof)
    for s in sents:
        subjects = [t for t in s if t.dep_ in prof.subject_deps | prof.passive_subject_deps
                    and t.idx < before and t.i < pronoun.i and t.lower_.strip("-") != "t"
                    and not any(a <= t.idx < b for a, b in quoted)]  # not a subject inside a quotation
        if not subjects:
            continue
        main = [t for t in subjects if t.head == t.sent.root]  # not the subject of a clause inside
        subject = (main or subjects)[-1]
        if _pronoun(subject, prof):
            continue  # "Il ... Il a ajouté": the same person; keep looking back for the name
        entity = entity_of(subject, entities)
        return entity if entity is not None and entity.type == "person" else None  # "Le ministre a ...": unnamed
    return None


def _mention_at(entity: Entity, pos: int) -> list[int] | None:
    for s, e in entity.mentions:
        if s <= pos < e:
            return [s, e]
    return None


def _mention_near(entity: Entity, token) -> list[int] | None:
    """The actor's mention among the words of the noun phrase headed by ``token``."""
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge.text)
    for s, e in entity.mentions:
        if start <= s and e <= end:
            return [s, e]
    return None


def _indirect(article: Article, doc, prof: Profile, taken: list[tuple[int, int]]) -> list[Quote]:
    """"X a indiqué que ...": a speech verb, its named subject and its "que" clause."""
    quotes = []
    for verb in doc:
        if not _is_speech(verb, prof) or verb.pos_ != "VERB":
            continue
        reported = _reported_before(article, doc, verb, prof, taken)
        if reported is not None:
            quotes.append(reported)
            taken.append((reported.start, reported.end))
            continue
        clauses = [c for c in verb.children if c.dep_ == "ccomp"
                   and any(m.dep_ == "mark" and m.lower_ in ("que", "qu'", "qu’") for m in c.children)]
        if not clauses:
            continue
        clause = clauses[0]
        if any(t.dep_ == "advmod" and t.lower_ in ("pas", "jamais") for t in verb.children):
            continue  # negated speech is not a quote
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause and t.i < clause.i)]
        words = [t for t in words if not t.is_space]
        while words and words[-1].is_punct:
            words.pop()
        if not words:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(s < end and start < e for s, e in taken):
            continue
        speaker, mention, rule = _speaker(doc, verb, article.entities, prof, start, end)
        if speaker is None:
            continue
        quotes.append(Quote(text=article.text[start:end], start=start, end=end, speaker=speaker.name,
                            speaker_start=mention[0] if mention else None,
                            speaker_end=mention[1] if mention else None, cue=verb.text, kind="indirect",
                            confidence=prof.confidence.get("quote_indirect"), speaker_id=speaker.id))
    return quotes


def cited_source(article: Article, doc, prof: Profile, start: int, end: int):
    """After the cue at [start, end) ("selon", "d'après"): (the words naming the source, the actor
    they name or None). The words run to the first comma; a pronoun ("selon lui") stands for the
    person named as a subject just before; a document ("un communiqué de l'armée") for its author."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None
    i = span[-1].i + 1
    words = []
    while i < len(doc) and doc[i].text not in (",", ";", ":", ".", "(", "«", "»") and "\n" not in doc[i].text:
        words.append(doc[i])
        i += 1
    if not words:
        return None, None
    if len(words) == 1 and words[0].lower_ in ("lui", "elle", "eux", "elles"):
        return words, _antecedent(doc, words[0], article.entities, prof, start)
    heads = [t for t in words if t.head.i < words[0].i or t.head.i > words[-1].i or t.head == t]
    for t in heads + words:
        entity = entity_of(t, article.entities) or entity_at(article.entities, t.idx, t.idx + len(t.text))
        if entity is not None:
            return words, entity
    return words, None


def _according(article: Article, doc, prof: Profile, taken: list[tuple[int, int]]) -> list[Quote]:
    """"Selon la préfecture, aucun incident n'a été signalé": the statement, its source the speaker."""
    lower = article.text.lower()
    quotes = []
    for cue in prof.citation_cues:
        at = lower.find(cue)
        while at >= 0:
            cue_end = at + len(cue)
            if at == 0 or not lower[at - 1].isalpha():
                quote = _according_one(article, doc, prof, at, cue_end)
                if quote is not None and not any(s < quote.end and quote.start < e for s, e in taken):
                    quotes.append(quote)
                    taken.append((quote.start, quote.end))
            at = lower.find(cue, cue_end)
    return quotes


def _according_one(article: Article, doc, prof: Profile, start: int, end: int) -> Quote | None:
    words, source = cited_source(article, doc, prof, start, end)
    if not words or source is None:
        return None
    text = article.text
    after = words[-1].idx + len(words[-1].text)
    opening = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "! ", "? ", "» ")) + 1
    if not text[opening:start].strip(" \n«»\""):  # "Selon X, <statement>."
        if not text[after:].startswith(","):
            return None
        s = after + 1
        e = min([i for i in (text.find(". ", s), text.find("\n", s), len(text)) if i >= 0])
    else:  # "<statement>, selon X."
        if not text[:start].rstrip().endswith(",") or text[after:after + 1] not in (".", "\n", ""):
            return None
        s, e = opening, start
    s, e = _strip(text, s, e)
    while s < e and text[s] in ",;: ":
        s += 1
    while e > s and text[e - 1] in ",;:. ":
        e -= 1
    if len(text[s:e].split()) < MIN_WORDS or "«" in text[s:e] and "»" not in text[s:e]:
        return None
    return Quote(text=text[s:e], start=s, end=e, speaker=source.name,
                 speaker_start=words[0].idx, speaker_end=words[-1].idx + len(words[-1].text),
                 cue=text[start:end], kind="indirect", confidence=prof.confidence.get("quote_according"),
                 speaker_id=source.id)


def _reported_before(article: Article, doc, verb, prof: Profile, taken: list[tuple[int, int]]) -> Quote | None:
    """"Deux personnes sont mortes, a annoncé le parquet.": the statement before ", <verb> X." ends
    the sentence."""
    text = article.text
    first = verb
    while first.i > 0 and (doc[first.i - 1].pos_ == "AUX" or doc[first.i - 1].lower_.startswith("-")):
        first = doc[first.i - 1]  # "a annoncé", "a-t-il précisé"
    comma = doc[first.i - 1] if first.i > 0 else None
    if comma is None or comma.text != ",":
        return None
    line_end = min([i for i in (text.find(".", verb.idx), text.find("\n", verb.idx)) if i >= 0] or [len(text)])
    if any(mark in text[verb.idx:line_end] for mark in ("«", "»")):
        return None  # the verb's own sentence goes on: not a closing attribution
    opening = max(text.rfind(mark, 0, comma.idx) for mark in (". ", "\n", "! ", "? ", "» ", "« ")) + 1
    s, e = _strip(text, opening, comma.idx)
    if len(text[s:e].split()) < MIN_WORDS or "«" in text[s:e] or "»" in text[s:e]:
        return None
    if any(a < e and s < b for a, b in taken):
        return None
    speaker, mention, _rule = _speaker(doc, verb, article.entities, prof, s, e)
    if speaker is None:
        return None
    return Quote(text=text[s:e], start=s, end=e, speaker=speaker.name,
                 speaker_start=mention[0] if mention else None, speaker_end=mention[1] if mention else None,
                 cue=verb.text, kind="indirect", confidence=prof.confidence.get("quote_reported"),
                 speaker_id=speaker.id)
