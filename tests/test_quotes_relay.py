"""Who speaks through whom: words a news agency or a paper carries are the words of the body or person it cites or
quotes, never the agency's (every text here is invented)."""

from __future__ import annotations

import pytest

from newsgraph import Article, analyze_text
from newsgraph.enrich import quotes
from newsgraph.enrich.nlp import load_nlp
from tests.test_quotes import run, speaker_text


def _about(article, fragment: str):
    found = [q for q in article.quotes if fragment in q.text and q.kind in ("direct", "indirect")]
    assert found, [(q.kind, q.text) for q in article.quotes]
    return found


@pytest.mark.parametrize("told", [
    "The port of Belmar could close its grain terminal for a month, the Interfax news agency reported, citing the "
    "Transport Ministry.",
    "The port of Belmar could close its grain terminal for a month, the state news agency reported citing the "
    "Transport Ministry.",
    "The port of Belmar could close its grain terminal for a month, the agency reported, quoting the Transport "
    "Ministry.",
])
def test_an_agency_reporting_citing_a_body_gives_the_body_s_words(told):
    article = run("Shipping through the strait slowed again this week.", told)
    terminal = _about(article, "grain terminal")
    assert all("Transport Ministry" in (q.speaker or "") for q in terminal), [q.speaker for q in terminal]


def test_a_named_agency_the_actors_call_media_carries_the_ministry_s_words():
    article = analyze_text(
        "Fighting resumed near the coast on Sunday.\n\n"
        "However, the government in Marvella could ask its neighbours for air support against the rebels, "
        "Interfax reported citing the Foreign Ministry in Marvella.\n\n"
        "The rebels denied the report."
    )
    support = _about(article, "air support")
    assert all("Foreign Ministry" in (q.speaker or "") for q in support), [q.speaker for q in support]
    assert all("Interfax" not in (q.speaker or "") for q in support)


@pytest.mark.parametrize("told", [
    "The Defence Ministry in Carlsburg said the troops had returned to their bases on Sunday.",
    "“The troops are back in their bases,” the Defence Ministry in Carlsburg said.",
    "The rebels could soon withdraw from their bases, the Interfax news agency reported, citing the Defence Ministry "
    "in Carlsburg.",
])
def test_a_body_named_with_where_it_sits_is_the_body_not_the_place(told):
    article = run("Shipping through the strait slowed again this week.", told)
    bases = _about(article, "bases")
    assert bases[0].speaker is not None and "Defence Ministry" in bases[0].speaker, bases[0].speaker


@pytest.mark.parametrize("told, fragment", [
    ("“The embassy will stay open through the winter,” the agency quoted Deputy Minister Oleg Vasin as saying.",
     "embassy will stay open"),
    ("The state news agency quoted Deputy Minister Oleg Vasin as saying that the embassy would stay open through "
     "the winter.", "embassy would stay open"),
    ("Deputy Minister Oleg Vasin was quoted by the state news agency as saying the embassy would stay open through "
     "the winter.", "embassy would stay open"),
    ("The state news agency cited Deputy Minister Oleg Vasin as saying that the embassy would stay open through "
     "the winter.", "embassy would stay open"),
])
def test_quoted_as_saying_is_the_words_of_whom_is_quoted(told, fragment):
    article = run("The talks over the border crossing broke down on Monday.", told)
    said = _about(article, fragment)
    assert [q.speaker for q in said] == ["Oleg Vasin"] * len(said), [(q.speaker, q.text) for q in said]


def test_cited_as_saying_is_no_quote_of_the_person_cited():
    article = run("The army said it had pulled back.",
                  "A news agency cited a senior military official as saying that the troops had returned to "
                  "their bases.")
    assert not [q for q in article.quotes if q.text.startswith("a senior military official")]
    bases = _about(article, "returned to their bases")
    assert speaker_text(article, bases[0]) == "a senior military official"


def test_said_in_a_statement_carried_by_an_agency_that():
    article = run("The talks over the border crossing broke down on Monday.",
                  "The Foreign Ministry said in a statement carried by the state news agency that the embassy "
                  "would remain open through the winter.")
    open_ = _about(article, "remain open")
    assert speaker_text(article, open_[0]) == "The Foreign Ministry"


@pytest.mark.parametrize("told", [
    "The ministry said the talks had collapsed over the weekend, according to the Tass news agency.",
    "The ministry said, according to the Tass news agency, that the talks had collapsed over the weekend.",
])
def test_according_to_the_agency_that_carried_a_report(told):
    article = run("The talks over the border crossing broke down on Monday.", told)
    collapsed = [q for q in article.quotes if "collapsed" in q.text]
    assert collapsed and all("Tass" not in (q.speaker or "") for q in collapsed), [q.speaker for q in collapsed]
    assert any(speaker_text(article, q).lower() == "the ministry" for q in collapsed)


@pytest.mark.parametrize("told, speaker", [
    # an agency that says something citing a body speaks itself (our gold's reading), only "reported" relays
    ("The patient was taken to a hospital in the county, the news agency said, citing the health commission.",
     "the news agency"),
    # a body citing someone speaks for itself: only an agency or a paper carries others' words
    ("The gunman fled on foot towards the river, police said, citing two witnesses.", "police"),
    # "citing" a reason names nobody
    ("Regional analysts said the island's appeal had grown, citing its position on the main shipping lane.",
     "Regional analysts"),
    # an agency's own report, with nobody cited, stays the agency's
    ("The patient was taken to a hospital in the county, the news agency reported.", "the news agency"),
])
def test_who_is_not_relayed(told, speaker):
    article = run("The outbreak was first noticed in the spring.", told)
    said = [q for q in article.quotes if q.kind == "indirect"]
    assert said and speaker_text(article, said[0]) == speaker, [(q.speaker, q.text) for q in said]


def test_the_people_a_pronoun_may_mean_are_the_actors_layer_s_only():
    # the actors layer leaves out a reporter named in a byline; the quotes do not read him back from the recogniser
    text = ("By Tom Archer\n\nThe old bridge over the canal will close for repairs next week.\n\n"
            "“It is simply not safe for lorries any more,” he said.")
    article = Article.from_paragraphs(text.split("\n\n"))
    article.entities = []
    quotes.enrich(article, load_nlp()(article.text))
    lorries = [q for q in article.quotes if "lorries" in q.text]
    assert lorries and lorries[0].speaker == "he", [q.speaker for q in lorries]


@pytest.mark.parametrize("told, fragment, speaker", [
    ("Prime Minister Ana Velez today read from a report issued by Ruth Daniel, in which she took the blame, admitting "
     "that she did not consult the minister before the vote.", "did not consult", "Ruth Daniel"),
    ("He also read from a report issued by the minister, saying that he was never asked to give his position on "
     "the matter.", "never asked", "the minister"),
    ("The mayor read from a letter written by the fire chief: “We cannot staff the station at night without more "
     "money.”", "staff the station", "the fire chief"),
    ("Senator Hale quoted from the general's memo, saying the base could not be defended.", "base could not",
     "the general"),
    # with no author named, the reader gives the words
    ("The judge read from the indictment, saying the two men had planned the robbery for months.", "planned the "
     "robbery", "The judge"),
    ("The mayor read a statement to reporters, saying the city would appeal the ruling.", "appeal the ruling",
     "The mayor"),
])
def test_words_read_out_of_a_document_are_its_author_s(told, fragment, speaker):
    article = run("The council met on Tuesday night.", told)
    said = _about(article, fragment)
    assert [q.speaker for q in said] == [speaker], [(q.speaker, q.text) for q in said]


@pytest.mark.parametrize("told, speaker", [
    # the parse hangs the speaker's name on a name in an opening phrase: no comma closes that "apposition"
    ("To see the real Jesse Owens, Chief Justice Barlow said, one should visit this stadium.", "Barlow"),
    ("To understand the real Nat Turner, Chief Justice Marlow said, one should read these letters.", "Marlow"),
    ("To understand the real Frederick Douglass, Justice Hale said, one should visit this house.", "Hale"),
    ("To know the real Amelia Earhart, Secretary Barlow said, one should visit this hangar.", "Barlow"),
    # a true apposition, closed by its comma, leaves the subject the speaker
    ("Tomas Berg, the firm's lawyer, said his client would appeal the ruling.", "Tomas Berg"),
])
def test_a_name_in_an_opening_phrase_is_not_the_speaker(told, speaker):
    article = run("The museum opened on Saturday.", told)
    said = [q for q in article.quotes if q.kind == "indirect"]
    assert said and speaker in (said[0].speaker or ""), [(q.speaker, q.text) for q in said]
