"""Quotes at a paragraph's start: the speaker named right after the quote is its speaker, not the previous
paragraph's; a quote left open at a paragraph's end continues with the same speaker.

The texts are invented news written in the shapes real reporting takes; the surname "Early" is also a word,
which the parser reads as an adverb ("says Early"), so only the words after the quote name the speaker.
"""

from __future__ import annotations

import pytest

from tests.test_quotes import only, run, speaker_text

MAYOR = "\u201cWe are ready,\u201d said the mayor, Paul Grant. \u201cThe harbour will open on Friday.\u201d"


@pytest.mark.parametrize(
    "paragraph, written",
    [
        ("\u201cNobody has told us anything,\u201d says Early, a fisherman. \u201cWe read it in the paper.\u201d", "Early"),
        ("\u201cNobody has told us anything,\u201d Early said. \u201cWe read it in the paper.\u201d", "Early"),
        ("\u201cNobody has told us anything,\u201d said Sam Early, a fisherman. \u201cWe read it in the paper.\u201d",
         "Sam Early"),
        ("\u201cNobody has told us anything?\u201d asks Early. \u201cWe read it in the paper.\u201d", "Early"),
    ],
)
def test_a_paragraph_opening_with_a_quote_takes_the_speaker_named_after_it(paragraph, written):
    article = run("Storm shuts harbour", "Sam Early has fished out of the harbour for thirty years.", MAYOR, paragraph)
    assert only(article, "We are ready").speaker == "Paul Grant"
    first = only(article, "Nobody has told us")
    assert speaker_text(article, first) == written
    assert first.speaker == "Sam Early"
    assert only(article, "We read it in the paper").speaker == "Sam Early"


def test_after_a_paragraph_whose_quote_names_its_speaker_after_it():
    article = run("Storm shuts harbour",
                  "For the ferry firms, \u201cnext summer will be about getting the new boats running,\u201d says Tom "
                  "Ward, an analyst. \u201cI think the year after will be busier.\u201d",
                  "\u201cThe tides are simply unpredictable,\u201d says Early. \u201cYou either build for the worst "
                  "storm or you rebuild every year.\u201d")
    assert only(article, "next summer").speaker == "Tom Ward"
    for fragment in ("The tides are", "You either build"):
        quote = only(article, fragment)
        assert speaker_text(article, quote) == "Early"
        assert quote.speaker == "Early"


def test_a_quote_left_open_continues_in_the_next_paragraph_with_its_speaker():
    article = run("Storm shuts harbour",
                  "\u201cWe are ready,\u201d said the mayor, Paul Grant. \u201cThe harbour will open on Friday.",
                  "\u201cThe boats will sail as soon as the pilots are back, and nobody will be turned away.\u201d",
                  "Sam Early, a fisherman, was not convinced.")
    continued = only(article, "The boats will sail")
    assert continued.speaker == "Paul Grant"
    assert "The harbour will open" in continued.text  # one quote over both paragraphs


def test_the_speaker_named_after_a_quote_is_a_subject_never_an_object():
    article = run("Harbour talks",
                  "Grant praised the harbour master, Sam Early.",
                  "The council calls the plan a \u201csafe pair of hands,\u201d praising him for the work.")
    assert all(q.speaker != "Sam Early" for q in article.quotes)
