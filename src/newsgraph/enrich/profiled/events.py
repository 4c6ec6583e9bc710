"""Events in a profiled language: a trigger lexicon (lemma -> PLOVER type) and the parse's arguments."""

from __future__ import annotations

from newsgraph.enrich.languages import Profile
from newsgraph.enrich.profiled.actors import entity_of
from newsgraph.record import Article, Entity, Event

_NEGATORS = {"pas", "jamais", "plus", "aucun", "aucune", "not", "never", "no", "nunca", "nicht", "kein"}


def find_events(article: Article, doc, prof: Profile) -> list[Event]:
    triggers = prof.table(prof.event_triggers)
    events: list[Event] = []
    seen: set[tuple[int, str]] = set()
    for token in doc:
        kind = triggers.get(token.lemma_.lower())
        if kind is None or token.pos_ not in ("VERB", "NOUN"):
            continue
        sent = token.sent
        if (sent.start, kind) in seen:
            continue
        passive = any(c.dep_ in prof.passive_subject_deps for c in token.children)
        if passive:  # "X a été tué par Y": Y did it to X
            subject = next((c for c in token.children if c.dep_ in prof.agent_deps), None)
            obj = next((c for c in token.children if c.dep_ in prof.passive_subject_deps), None)
        else:
            subject = next((c for c in token.children if c.dep_ in prof.subject_deps), None)
            obj = next((c for c in token.children if c.dep_ in prof.object_deps), None)
        actor1 = _actor(subject, article.entities)
        actor2 = _actor(obj, article.entities)
        if token.pos_ == "VERB" and actor1 is None and actor2 is None:
            continue
        seen.add((sent.start, kind))
        place = next(({"name": p.name, "geonameid": p.geonameid, "country": p.country}
                      for p in article.places for s, e in p.mentions
                      if sent.start_char <= s and e <= sent.end_char), None)
        events.append(Event(
            type=kind, start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
            actor1=actor1, actor2=actor2, place=place, status=_status(token),
            trigger=[token.idx, token.idx + len(token.text)], confidence=prof.confidence.get("event"),
        ))
    return events


def _actor(token, entities: list[Entity]) -> dict | None:
    if token is None:
        return None
    entity = entity_of(token, entities)
    if entity is None:
        return None
    return {"id": entity.id, "name": entity.name, "country": entity.country, "sector": None, "text": entity.name}


def _status(token) -> str:
    """negated ("n'a pas attaqué"), hypothetical (conditional or future), else asserted."""
    verbs = [token] + [c for c in token.children if c.dep_.startswith("aux")]
    if any(c.lower_ in _NEGATORS for c in token.children):
        return "negated"
    if any("Cnd" in t.morph.get("Mood") or "Fut" in t.morph.get("Tense") for t in verbs):
        return "hypothetical"
    return "asserted"
