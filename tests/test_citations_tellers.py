"""Cited sources: who tells, as against what a reporting verb's parse offers in their place.

A poll's share of respondents and the one told are no source; a sentence
holding nothing but its source ("The Gazette reported.") sources the sentence before it; a report
"from" a named outlet is that outlet's. The texts are invented news written in the shapes real
reporting takes.
"""

from __future__ import annotations

from newsgraph import analyze_text
from newsgraph.enrich.confidence import citation_features
from tests.test_citations import by_source, run, sentence


def test_a_share_of_poll_respondents_is_no_source():
    article = run(
        "Nearly eight of 10 voters say they plan to watch the debate on Tuesday.",
        "Three in four residents said the water had been brown for a week.",
    )
    assert article.citations == []


def test_the_one_told_is_no_source_but_who_told_is():
    article = run(
        'The singer added hours later, "tell the moderators to call me before Friday."',
        "Two senior officials told Radio Kestrel that the minister would resign within days.",
    )
    sources = by_source(article)
    assert "the moderators" not in sources and "moderators" not in sources
    assert [c.cue for c in sources["Two senior officials"]] == ["told"]


def test_a_bare_attribution_sources_the_sentence_before():
    article = run(
        "In March the mayor wrote to the council that the bridge would close for a year. The Harbour Gazette reported.",
        "The council has not replied.",
    )
    (c,) = [c for c in article.citations if c.cue == "reported"]
    assert sentence(article, c).startswith("In March the mayor wrote")
    assert sentence(article, c).endswith("The Harbour Gazette reported.")


def test_according_to_a_survey_sentence_sources_the_claim_before_it():
    article = run(
        "Teenagers want wireless earphones for their birthdays more than ever. "
        "That's according to a new survey from Holloway Research."
    )
    (c,) = article.citations
    assert c.cue == "according to" and "Holloway Research" in c.source
    assert sentence(article, c).startswith("Teenagers want")


def test_a_sentence_with_its_own_content_keeps_its_own_span():
    article = run("The storm closed three schools on Monday. Police said two roads were flooded.")
    (c,) = article.citations
    assert sentence(article, c) == "Police said two roads were flooded."


def test_reports_from_named_outlets_are_theirs():
    article = run("A new director is in final talks to make the sequel, according to reports from The Quill and Marquee.")
    (c,) = article.citations
    assert c.source == "reports from The Quill and Marquee"


def test_a_stance_is_less_sure_than_information_from_the_same_body():
    text = (
        "The foreign ministry said two of its diplomats had been expelled on Monday.\n\n"
        "The foreign ministry said the dispute should be settled by talks between the two capitals."
    )
    article = analyze_text(text)
    info, stance = sorted(article.citations, key=lambda c: c.start)
    assert info.source == stance.source
    assert stance.confidence < info.confidence


def test_a_hope_or_a_duty_reads_as_a_stance():
    from newsgraph.enrich.confidence import _Context
    from newsgraph.enrich.nlp import load_nlp

    text = (
        "Officials said they hoped the new road would bring trade to the valley. "
        "Officials said the road had cost four million dollars."
    )
    article = analyze_text(text)
    ctx = _Context(article, load_nlp()(text))
    hope, fact = sorted(article.citations, key=lambda c: c.start)
    assert citation_features(hope, ctx).get("stance") == 1.0
    assert "stance" not in citation_features(fact, ctx)
