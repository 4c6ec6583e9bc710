"""Whether a sentence really reports the event a trigger word suggests: a model we trained.

The events component finds candidate events from its trigger lexicon and the parse; many are not
events ("prices shot up", "Thank you", a campaign rally) or not of that type. This logistic model
scores each candidate from what the parse says about it — the trigger word and its type, its part
of speech and dependants, who its arguments are, the named entities of the sentence — and gives
the probability that a coder reading the sentence records an event of that type there.

It is trained by ``python -m bench.train_events`` on 3,150 sentences of real news that we labelled
ourselves (bench/event_sentences/, ids and offsets only) and ships as ``data/event_filter.json``.
Every candidate is kept (the store keeps all facts) and carries the probability into the
confidence component, which calibrates it with the actors and status (enrich/confidence.py), so
what the filter doubts is not shown by default. Dropping candidates below a floor was tried and
left out: with a few hundred training candidates, rarer types ("agreed upon", "surrendered") lost
right events (docs/accuracy.md).
"""

from __future__ import annotations

from newsgraph.enrich import logistic
from newsgraph.enrich.entindex import ents_within

_CHILD_DEPS = {"dobj", "prt", "prep", "xcomp", "neg", "aux", "auxpass", "nsubj", "nsubjpass", "agent", "ccomp", "advmod"}


def features(token, event, sent) -> dict[str, float]:
    """What the parse says about one candidate event (token: its trigger)."""
    kind = event.type
    f = {f"t={kind}": 1.0, f"l={token.lemma_.lower()}|{kind}": 1.0, f"pos={token.pos_}|{kind}": 1.0,
         f"dep={token.dep_}": 1.0}
    if token.head.i != token.i:  # a root is its own head (spaCy makes a new Token each time: compare indices)
        f[f"h={token.head.lemma_.lower()}"] = 1.0
    for child in token.children:
        if child.dep_ in _CHILD_DEPS:
            f[f"c={child.dep_}:{child.lemma_.lower()}"] = 1.0
    for slot, actor in (("a1", event.actor1), ("a2", event.actor2)):
        if not actor:
            f[f"{slot}=none"] = 1.0
        elif actor.get("implied"):
            f[f"{slot}=implied"] = 1.0
        else:
            f[f"{slot}={'named' if actor.get('name') else 'words'}"] = 1.0
            if actor.get("sector"):
                f[f"{slot}s={actor['sector']}|{kind}"] = 1.0
    for label in {ent.label_ for ent in ents_within(sent.doc, sent.start, sent.end)}:
        f[f"ner={label}"] = 1.0
    if any(t.text in ('"', "“", "”") for t in sent):
        f["quote_mark"] = 1.0
    f[f"len={min(len(sent) // 15, 4)}"] = 1.0
    return f


def probability(f: dict[str, float]) -> float | None:
    """The model's probability for these features, or None without a model."""
    model = logistic.load("event_filter.json")
    return logistic.score(model, f) if model else None
