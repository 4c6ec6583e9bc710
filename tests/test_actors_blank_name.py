"""A name of white space only: the recogniser once read a lone no-break space (after a quotation dash,
"” ―\u00a0Name.") as a person, and the rule that looks for a name's other uses on the page took the first of no
words and stopped the whole run with an IndexError."""

from __future__ import annotations

from newsgraph.enrich.actors import _occurrences, token_positions
from newsgraph.enrich.nlp import load_nlp


def test_no_words_occur_nowhere():
    doc = load_nlp()("“We will not be silenced!” ―\u00a0a reader from Tucson.")
    page = type("Page", (), {"at": token_positions(doc)})()
    assert list(_occurrences("\u00a0".split(), doc, page)) == []  # type: ignore[arg-type]
