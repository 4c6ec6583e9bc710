"""Quotes read on pages in no gold set: lists of names and entries, writers' terms in quotation marks, whose words
a quote is when several people are named (every text here is invented, in the shape of the pages read)."""

from __future__ import annotations

from tests.test_quotes import run


def test_a_list_of_names_and_charges_is_no_transcript():
    article = run(
        "Police arrested three people on Friday after a search of a house on Elm Street.",
        "They were held at the county jail on the following charges:",
        "Anna M. Ruiz: Possession of heroin, possession of drug paraphernalia, held in lieu of $5,000 bond.",
        "Peter J. Lind: Dealing in cocaine, resisting law enforcement, held with no bond.",
    )
    assert not [q for q in article.quotes if "heroin" in q.text or "cocaine" in q.text]


def test_a_transcript_s_lines_stay_quotes_with_or_without_a_verb():
    article = run(
        "An excerpt from the interview follows.",
        "HOST: Will the ceasefire hold through the winter?",
        "KOVAL: Yes, absolutely.",
        "HOST: And the prisoners?",
        "KOVAL: Every one of them home before the spring, by our reckoning.",
    )
    assert [q.speaker for q in article.quotes if "absolutely" in q.text] == ["KOVAL"]
    assert [q.speaker for q in article.quotes if "home before the spring" in q.text] == ["KOVAL"]
