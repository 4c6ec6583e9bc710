"""Actors of a text in a profiled language: one Entity per person, organisation or acting country."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.enrich.languages import Profile
from newsgraph.enrich.layout import furniture, inside
from newsgraph.gazetteer import load_gazetteer, name_key
from newsgraph.record import Article, Entity

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9]$")


@dataclass
class _Found:
    name: str
    type: str
    rule: str
    mentions: list[list[int]] = field(default_factory=list)
    country: str | None = None


def find_actors(article: Article, doc, prof: Profile) -> list[Entity]:
    text = article.text
    dateline = furniture(text)
    person, org, place = prof.labels("person"), prof.labels("organization"), prof.labels("place")
    found: dict[str, _Found] = {}
    order: list[str] = []
    by_surname: dict[str, str] = {}
    acronyms: dict[str, str] = {}

    def add(key: str, name: str, kind: str, rule: str, start: int, end: int, country: str | None = None) -> None:
        if key not in found:
            found[key] = _Found(name, kind, rule, country=country)
            order.append(key)
        elif len(name) > len(found[key].name):
            found[key].name = name
        found[key].mentions.append([start, end])

    for ent in doc.ents:
        span = _trim(ent, prof)
        if span is not None and ent.label_ in org:
            span = _with_institution(doc, span, prof)
        if span is None or inside(dateline, span.start_char, span.end_char):
            continue
        name = _clean(span.text)
        key = name_key(name)
        if not key or key in prof.not_actors or not any(t.is_title or t.is_upper for t in span):
            continue
        if ent.label_ in person and any(c.dep_ == "case" and c.lower_ in prof.location_cases
                                        for c in span.root.children):
            continue  # "à Khan Younès": a place the model took for a person ("affilié à Al-Qaïda" is an actor)
        before = span.start - 1
        while before >= 0 and (doc[before].dep_ == "case" or doc[before].lower_ in prof.determiners):
            before -= 1
        if before >= 0 and before < span.start - 1 and doc[before].lower_ in prof.street_words:
            continue  # "le camp de Nousseirat", "la place de la République": a place's name
        if ent.label_ in person:
            if len(span) == 1 and key in by_surname:  # "Berthier" after "Nicolas Berthier"
                key = by_surname[key]
            elif len(span) > 1:
                by_surname.setdefault(name_key(span[-1].text), key)
            if any(c.isdigit() for c in name) or _named_thing(doc, span, prof):
                continue
            add(key, name, "person", "actor_person", span.start_char, span.end_char)
        elif ent.label_ in org:
            if span[0].lower_ in prof.titles or span[0].lower_ in prof.not_actor_heads \
                    or _after_title(doc, ent.start, prof):
                continue  # "ministre de l'Intérieur", "ministre des Transports": a role, its holder acts
            if key in acronyms:
                key = acronyms[key]
            add(key, name, "organization", "actor_organization", span.start_char, span.end_char)
            acronym = _acronym_after(doc, ent.end)
            if acronym is not None:  # "Commission électorale indépendante (CEI)"
                acronyms[name_key(acronym.text)] = key
                add(key, name, "organization", "actor_organization", acronym.idx, acronym.idx + len(acronym.text))
        elif ent.label_ in place and _acts(span, prof):
            country = _country(name, prof)
            if country is not None:  # "Israël a affirmé", "Kigali dément": a state acting
                add(f"country:{country}", name, "country", "actor_country", span.start_char, span.end_char, country)
    # An acronym met before in its own right, or outside the model's entities, is the same actor.
    for token in doc:
        owner = acronyms.get(name_key(token.text))
        if owner and _ACRONYM.match(token.text) and not any(m[0] == token.idx for m in found[owner].mentions):
            if not inside(dateline, token.idx, token.idx + len(token.text)):
                found[owner].mentions.append([token.idx, token.idx + len(token.text)])
    _descriptions(doc, prof, dateline, found, add)
    order.sort(key=lambda k: min(m[0] for m in found[k].mentions))
    entities = []
    for n, key in enumerate(order, 1):
        f = found[key]
        f.mentions.sort()
        entities.append(Entity(name=f.name, type=f.type, mentions=f.mentions, country=f.country,
                               confidence=prof.confidence.get(f.rule), id=f"e{n}"))
    return entities


def _descriptions(doc, prof: Profile, dateline, found: dict[str, _Found], add) -> None:
    """Descriptions that act or are cited, as actors of their own: "la préfecture du Rhône" cited
    ("selon ..."), "le ministre de l'Intérieur" as the subject of a verb. A description in apposition
    to a name ("le président de la CEI, Bakary Touré") is that name's, not an actor of its own."""
    named = [m for f in found.values() for m in f.mentions]
    for token in doc:
        kind = prof.descriptions.get(token.lower_)
        if kind is None or token.pos_ != "NOUN" or doc.text[token.idx - 1: token.idx] == "-":
            continue  # "sapeurs-pompiers" is not "pompiers"
        cited = _cited(token, prof) or (token.head.pos_ == "NOUN" and _cited(token.head, prof))
        acting = token.dep_ in prof.subject_deps | prof.passive_subject_deps and token.head.pos_ in ("VERB", "AUX") or (
            token.dep_ in prof.object_deps and token.i > token.head.i
            and token.head.lemma_.lower() in prof.speech_verbs)  # "», a déclaré le chef du gouvernement"
        if not (cited or acting) or any(c.dep_ in _NAMING for c in token.children):
            continue
        words = _phrase(token, prof)
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if inside(dateline, start, end) or any(s < end and start < e for s, e in named):
            continue
        name = _clean(doc.text[start:end])
        rule = "actor_description_person" if kind == "person" else "actor_description"
        add(f"description:{name_key(name)}", name, kind, rule, start, end)


def _cited(token, prof: Profile) -> bool:
    """The noun is governed by a citation cue ("selon la police", "d'après le ministère")."""
    cases = [c for c in token.children if c.dep_ == "case" and c.i < token.i]
    joined = "".join(c.text_with_ws for c in cases).strip().lower()
    return any(c.lower_ in prof.citation_cues for c in cases) or joined in prof.citation_cues \
        or joined.replace(" ", "") in prof.citation_cues


def _phrase(token, prof: Profile) -> list:
    """The words of the noun phrase a description heads, without its determiner, up to a comma or a
    relative clause ("le ministre de l'Intérieur, qui ..." -> "ministre de l'Intérieur")."""
    cut = {t.i for c in token.children if c.dep_ in ("acl", "acl:relcl", "appos", "punct") and c.i > token.i
           for t in c.subtree}
    words = [t for t in token.subtree if t.i not in cut and not t.is_space]
    out = []
    for t in words:
        if t.i > token.i and (t.text in (",", "(", ";", ":") or t.is_space):
            break
        out.append(t)
    while out and (out[0].lower_ in prof.determiners or out[0].is_punct or out[0].dep_ == "case") \
            and out[0] is not token:
        out.pop(0)
    while out and (out[-1].is_punct or out[-1].lower_ in prof.determiners) and out[-1] is not token:
        out.pop()
    return out or [token]


def _trim(ent, prof: Profile):
    """The entity without leading determiners, role words and punctuation, or None."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in prof.determiners or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in prof.determiners):
        end -= 1
    if ent.label_ in prof.labels("person"):
        while start < end and (doc[start].lower_ in prof.titles or doc[start].lower_ in prof.determiners
                               or not (doc[start].is_title or doc[start].is_upper)):
            start += 1
    return doc[start:end] if start < end else None


def _with_institution(doc, span, prof: Profile):
    """"ministère des Transports" where the model found only "Transports": the institution word and
    its preposition before the name belong to it."""
    i = span.start - 1
    while i >= 0 and i >= span.start - 2 and (doc[i].lower_ in prof.determiners or doc[i].dep_ == "case"):
        i -= 1
    if len(span) == 1 and span[0].is_upper:
        return span  # "la direction de la RATP": the RATP itself
    if 0 <= i < span.start - 1 and doc[i].lower_ in prof.institutions:
        return doc[i: span.end]
    return span


def _after_title(doc, start: int, prof: Profile) -> bool:
    """The name is a minister's portfolio ("ministre des Transports"), not the organisation
    ("secrétaire générale de l'Union syndicale ..." is one)."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ in prof.determiners or doc[i].dep_ == "case"):
        i -= 1
    return i >= 0 and i < start - 1 and doc[i].lower_ in prof.portfolio_titles


def _named_thing(doc, span, prof: Profile) -> bool:
    """"le marché Sandaga", "l'hôpital Nasser": one name right after a common noun names a thing."""
    before = doc[span.start - 1] if span.start > 0 else None
    return len(span) == 1 and before is not None and before.pos_ == "NOUN" and before.is_lower \
        and before.lower_ not in prof.titles


def _clean(name: str) -> str:
    return " ".join(name.replace("\n", " ").split())


def _acronym_after(doc, end: int):
    """"X (ABC)": the acronym token, if the entity is followed by one in parentheses."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and _ACRONYM.match(doc[end + 1].text):
        return doc[end + 1]
    return None


def _acts(span, prof: Profile) -> bool:
    """The name is the subject of a verb."""
    return any(t.dep_ in prof.subject_deps and t.head.pos_ in ("VERB", "AUX") for t in span)


def _country(name: str, prof: Profile) -> str | None:
    """The ISO code of the country a name (or its capital) stands for."""
    target = prof.table(prof.place_names).get(name)
    if target and len(target) == 2 and target.isupper():
        return target
    gaz = load_gazetteer()
    for c in gaz.lookup(target or name)[:1]:
        if c.is_country or c.feature_code == "PPLC":
            return c.country
    return None


_NAMING = ("appos", "conj", "flat:name", "flat", "nmod:appos")


def entity_of(token, entities: list[Entity]) -> Entity | None:
    """The actor a noun phrase names: its head's own name, or the name in apposition to it ("le
    président de la CEI, Bakary Touré"), never an actor that only modifies it ("le dirigeant du PDCI")."""
    for t in [token] + [c for c in token.children if c.dep_ in _NAMING]:
        entity = entity_at(entities, t.idx, t.idx + len(t.text))
        if entity is not None:
            return entity
    return None


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The actor one of whose mentions overlaps [start, end)."""
    for entity in entities:
        for s, e in entity.mentions:
            if s < end and start < e:
                return entity
    return None
