"""Quotes read on pages in no gold set: lists of names and entries, writers' terms in quotation marks, whose words
a quote is when several people are named (every text here is invented, in the shape of the pages read)."""

from __future__ import annotations

from newsgraph import Article
from newsgraph.enrich import quotes
from newsgraph.enrich.nlp import load_nlp
from newsgraph.record import Entity
from tests.test_quotes import run, speaker_text


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


def test_a_reporter_s_source_is_who_speaks_not_the_reporter():
    article = run(
        "Aid has not reached the camp for a month.",
        "Reporter Anna Lee's source inside the camp, a refugee who asked not to be named, said that the "
        "ministry's claim is “absolutely not true.”",
    )
    assert all(q.speaker != "Anna Lee" for q in article.quotes)
    assert any(q.speaker and "source" in q.speaker for q in article.quotes if "ministry's claim" in q.text)


def test_he_after_a_name_with_who_is_that_person_even_when_typed_a_body():
    text = ("Governor Mark Dalton did not meet the guards.\n\n"
            "Hugo Marsh, who represents the second guard, said his client chose not to accept a plea offer. "
            "He said the guard is a father of three.")
    article = Article(text=text, paragraphs=[])
    dalton, marsh = text.index("Mark Dalton"), text.index("Hugo Marsh")
    # the actors component sometimes types a person it has no other clue about as an organisation
    article.entities = [
        Entity(name="Mark Dalton", type="person", mentions=[(dalton, dalton + 11)], id="e1"),
        Entity(name="Hugo Marsh", type="organization", mentions=[(marsh, marsh + 10)], id="e2"),
    ]
    quotes.enrich(article, load_nlp()(article.text))
    assert [q.speaker for q in article.quotes if "father of three" in q.text] == ["Hugo Marsh"]


def test_he_after_a_speaker_no_actor_holds_is_not_the_man_named_inside_the_quote():
    text = ("Mayor Ben Castle has raised his demands twice this month.\n\n"
            "Ivo Brandt, a law professor at Halden University, said the mayor’s “restless temper” had slowed the "
            "talks. “By raising the stakes every week, Castle makes any deal with the union less likely,” he said.")
    article = Article(text=text, paragraphs=[])
    castle = [(i, i + len(w)) for w in ("Ben Castle", "the mayor", "Castle") for i in [text.index(w)]]
    article.entities = [Entity(name="Ben Castle", type="person", mentions=castle, id="e1")]
    quotes.enrich(article, load_nlp()(article.text))
    assert [q.speaker for q in article.quotes if "raising the stakes" in q.text] == ["Ivo Brandt"]


def test_a_term_the_writer_quotes_inside_a_sentence_is_not_the_last_speaker_s():
    article = run(
        "“Most schools never saw the results we hoped for,” said Lena Ortiz, an economist. In the older trials, "
        "pupils in the “standard help” group often got no extra lessons at all. Since then, every pupil has had "
        "extra reading periods, sometimes called “labs” by teachers.",
    )
    assert [q.speaker for q in article.quotes if "results we hoped" in q.text] == ["Lena Ortiz"]
    assert not [q for q in article.quotes if q.text in ("standard help", "labs") and q.speaker]


def test_words_quoted_in_a_sentence_with_its_own_reporting_verb_stay_the_speaker_s():
    article = run(
        "“We have shown the world what we can build,” Mayor Ruth Adler said. The city, she said, can "
        "“build like Rome” and “plan like Paris.”",
    )
    assert {q.speaker for q in article.quotes if q.text.startswith(("build like", "plan like"))} == {"Ruth Adler"}


def test_a_second_said_joined_to_the_reported_verb_is_the_first_speaker_s():
    article = run(
        "Several Security Council members distanced themselves from the plan.",
        "Norway's foreign ministry said it viewed the move as a blow to the talks and said it would likely raise "
        "tensions along the border.",
    )
    said = [q for q in article.quotes if q.text.startswith("it would likely raise")]
    assert [speaker_text(article, q) for q in said] == ["Norway's foreign ministry"]
