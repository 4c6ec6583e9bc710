"""A name of white space only: on real pages the recogniser reads a lone no-break space (after a quotation
dash, "” ―\u00a0Name.", or between two spans of a page dump) as a person or an organisation. Such a "name" is
no actor; before, two rules of the actors layer took the first of its no words and the whole article's
enrichment failed with an IndexError (one scrapinghub page in a hundred)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsgraph.enrich.actors import enrich
from newsgraph.enrich.nlp import load_nlp
from newsgraph.record import Article


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_white_space_read_as_a_name_is_no_actor(label):
    doc = load_nlp("en")("“We will not be silenced!” ―\u00a0 Maria Ortega, a reader from Tucson, wrote to us.")
    blank = next(t.i for t in doc if not t.text.strip())
    doc.ents = [Span(doc, blank, blank + 1, label=label)]
    article = Article(text=doc.text)
    enrich(article, doc)
    assert all(e.name.strip() for e in article.entities)
