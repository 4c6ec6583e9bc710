"""Cited sources: one person is a quote's speaker, not a source; a trial's account is the court's; a
forecast is less sure than a fact.

A relative, a passer-by, a titled office holder or what is "said" of someone by nobody named is
no cited source; "…, a court heard." names the court as the source of what it heard; a body's
"said" about what will or may happen is shown less readily than its "said" about what happened.
The texts are invented news written in the shapes real reporting takes.
"""

from __future__ import annotations

from newsgraph import analyze_text
from newsgraph.confidence import shown_facts
from tests.test_citations import by_source, run, sentence


def test_a_relative_or_a_passer_by_is_no_source():
    article = run(
        "Police in Harlow said a man was arrested on Friday.",
        "His wife told reporters that he had been at home all night.",
        "A man who answered the phone at the depot said the drivers had not been paid since June.",
        "The billionaire property mogul claimed that his towers were worth four billion dollars.",
    )
    assert list(by_source(article)) == ["Police in Harlow"]


def test_a_title_before_a_name_is_one_person():
    article = run("Outgoing PM Vostan said the embassy had been closed on Monday.")
    assert article.citations == []


def test_what_is_said_of_someone_by_nobody_is_no_source():
    article = run("Officers soon arrested Peter Amble, 47 and said to be homeless, on charges of vandalism.")
    assert article.citations == []


def test_a_trial_account_is_the_courts():
    article = run(
        "A woman was killed when a bullet hit her as she stood outside a shop, a court heard.",
        "Two men on bicycles fired at the crowd, a jury was told.",
        "The boy gave them a place to change, the Old Bailey heard.",
    )
    sources = by_source(article)
    assert [c.cue for c in sources["a court"]] == ["heard"]
    assert [c.cue for c in sources["a jury"]] == ["was told"]
    assert sentence(article, sources["the Old Bailey"][0]).startswith("The boy gave them")


def test_a_court_hearing_a_case_or_a_judge_hearing_witnesses_is_no_source():
    article = run(
        "The court heard an appeal on Monday.",
        "The judge heard from three witnesses.",
        "The driver was told to stop.",
    )
    assert article.citations == []


def test_a_forecast_is_less_sure_than_a_fact_from_the_same_body():
    article = analyze_text(
        "The transport agency said the trains would run again next week.\n\n"
        "The transport agency said the trains had stopped for four hours on Monday."
    )
    forecast, fact = sorted(article.citations, key=lambda c: c.start)
    assert forecast.source == fact.source
    assert forecast.confidence < fact.confidence


def test_a_report_cited_is_shown_and_a_forecast_said_is_not():
    article = analyze_text(
        "According to the health ministry's report, 41 people died in the floods in March.\n\n"
        "The regional police said the roads will reopen once the water falls."
    )
    shown = shown_facts(article).citations
    assert [c.cue for c in shown] == ["according to"]
    assert len(article.citations) == 2  # the forecast is kept, not shown by default
