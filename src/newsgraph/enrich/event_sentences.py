"""Which PLOVER events a sentence tells: a spaCy text classifier we trained.

The event filter (event_filter.py) reads what the parse says about one candidate: its trigger, the
trigger's dependants, who its arguments are. What the rest of the sentence's words say — "would",
"accused of", "according to the indictment", "a year ago", a second telling — the parse features
miss. This component's model reads the whole sentence: a spaCy ``textcat_multilabel`` (bag of words
and word pairs) with one label per PLOVER type, the probability that a coder reading the sentence
records an event of that type there, and ``ANY``, that the coder records any event. The filter takes
the candidate's own type's probability and ``ANY`` as two of its features.

It is trained by ``python -m bench.train_events`` on the sentences we labelled (bench/event_sentences/)
and on every sentence of the event training articles (bench/event_train/), never on a gold article,
and ships as package data (``data/event_sentences/``, spaCy's own format). Without it the filter has
no sentence features and reads as it did before.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

MODEL_DIR = "event_sentences"
# The first characters of a sentence are what the model reads: a "sentence" of a page without
# punctuation can run to megabytes, and the words that tell an event are near its verb anyway.
MAX_CHARS = 2000
# bench/ only: the scores of a model that never saw the sentence's article (cross-fitting), by digest.
OVERRIDE: dict[str, dict[str, float]] | None = None
_last: tuple[str, dict[str, float]] | None = None


def digest(text: str) -> str:
    """The key of a sentence's text in a table of cross-fitted scores (the text itself is not kept)."""
    return hashlib.sha1(text[:MAX_CHARS].encode("utf-8", "surrogatepass")).hexdigest()[:16]


@cache
def _model():
    """The trained pipeline (a blank English tokenizer and the text classifier), or None without one."""
    import spacy

    folder = resources.files("newsgraph.enrich.data").joinpath(MODEL_DIR)
    if not folder.joinpath("config.cfg").is_file():
        return None
    with resources.as_file(folder) as path:
        return spacy.load(path)


def available() -> bool:
    return _model() is not None


def scores(text: str) -> dict[str, float] | None:
    """Per PLOVER type (and ``ANY``) the probability that a coder records such an event in this
    sentence; None without a model. The candidates of one sentence come together: the last
    sentence's scores are kept."""
    global _last
    if OVERRIDE is not None:
        hit = OVERRIDE.get(digest(text))
        if hit is not None:
            return hit
    if _last is not None and _last[0] == text:
        return _last[1]
    nlp = _model()
    if nlp is None:
        return None
    cats = dict(nlp(text[:MAX_CHARS]).cats)
    _last = (text, cats)
    return cats
