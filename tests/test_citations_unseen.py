"""Cited sources read on pages in no gold set: a conditional is not a report, a gerund the parse joined to a
verb is not a cue (every text here is invented, in the shape of the pages read)."""

from __future__ import annotations

from tests.test_citations import run


def test_a_report_under_a_condition_cites_nobody():
    article = run("Experts told the paper that an inmate can be moved only if a licensed mental health professional "
                  "concludes the inmate is no longer at risk.")
    assert not [c for c in article.citations if "professional" in c.source]
    assert [c.source for c in article.citations] == ["Experts"]
    for sentence in ("The games will go ahead only if health authorities confirm that the outbreak is over.",
                     "Fares can rise only if the regulator reports that costs have gone up."):
        assert run(sentence).citations == []


def test_a_report_without_a_condition_is_still_cited():
    article = run("State health officials confirmed that the outbreak is over.")
    assert [c.source for c in article.citations] == ["State health officials"]


def test_a_gerund_joined_to_the_verb_is_no_cue():
    article = run("Before the outbreak, almost 100 studies pointed to impressive math or reading gains for pupils "
                  "who met a tutor three times a week.")
    assert not [c for c in article.citations if c.cue == "reading"]
