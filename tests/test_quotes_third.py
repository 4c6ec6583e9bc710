"""Quotes read on pages in no gold set, third round: an editor's cut between a quote and the next passage,
subheadings in quotation marks, two reporting clauses around one quote (every text here is invented)."""

from __future__ import annotations

import pytest

from tests.test_quotes import run, speaker_text


def test_an_editor_s_cut_ends_the_passage_before_the_next_speaker():
    article = run(
        "Marta Keane runs a dairy farm outside the town of Ashford.",
        "“We lost half the hay this year and nobody is coming to help us out there.” [...] Agricultural "
        "economists say the drought will push feed prices higher next spring.",
    )
    hay = [q for q in article.quotes if "half the hay" in q.text]
    assert hay and all(q.speaker_start is None or "economists" not in speaker_text(article, q) for q in hay)
    # the next passage's own report keeps its speaker
    prices = [q for q in article.quotes if "feed prices" in q.text]
    assert prices and "economists" in speaker_text(article, prices[0])


def test_a_quote_before_a_cut_without_a_full_stop_is_not_the_next_speaker_s():
    article = run(
        "The ferry stopped running in March.",
        "“Nobody asked the islanders what they wanted, not once” (…) Officials at the harbour said the "
        "service would resume in the summer.",
    )
    asked = [q for q in article.quotes if "islanders" in q.text]
    assert all(q.speaker_start is None or "Officials" not in speaker_text(article, q) for q in asked)


def test_a_clause_joined_after_a_quote_by_and_does_not_attribute_it():
    article = run(
        "The ministry denied the account on Monday.",
        "The claims are “patently false,” and several analysts told the paper the talks were never serious.",
    )
    false = [q for q in article.quotes if q.text == "patently false"]
    assert all(q.speaker_start is None or "analysts" not in speaker_text(article, q) for q in false)
    serious = [q for q in article.quotes if "never serious" in q.text]
    assert serious and "analysts" in speaker_text(article, serious[0])


@pytest.mark.parametrize("told, speaker", [
    # the "said" right before the words wins over a second attribution after them
    ("He said, “We have never discussed any such exchange with them,” the minister's office said in a statement.",
     "He"),
    # a lone attribution after the words still names their speaker
    ("“We have never discussed any such exchange with them,” the minister's office said in a statement.",
     "the minister's office"),
])
def test_the_said_right_before_a_quote_wins_over_one_after_it(told, speaker):
    article = run("The foreign minister denied on Tuesday that any exchange had been planned.", told)
    never = [q for q in article.quotes if "never discussed" in q.text]
    assert never and speaker_text(article, never[0]) == speaker


def test_a_quoted_subheading_is_not_the_last_speaker_s():
    article = run(
        "The commander said the order came from the capital. “We did not write it,” he said.",
        "“A corridor that nobody guards”",
        "Aid workers describe a road lined with burned trucks and empty villages.",
    )
    assert not [q for q in article.quotes if "nobody guards" in q.text and q.speaker_start is not None]
    wrote = [q for q in article.quotes if "did not write" in q.text]
    assert wrote and speaker_text(article, wrote[0]) == "he"


def test_a_paragraph_of_quoted_speech_still_goes_on_with_its_speaker():
    article = run(
        "“We did not write the order,” the commander said.",
        "“Nobody in this brigade would sign a thing like that.”",
    )
    sign = [q for q in article.quotes if "Nobody in this brigade" in q.text]
    assert sign and speaker_text(article, sign[0]) == "the commander"


def test_narration_before_a_dash_is_not_part_of_what_the_speaker_said():
    article = run(
        "Harlan Voss, the port director, has already corrected his sworn statement once — “I now remember the "
        "second meeting,” he said on Thursday.",
    )
    assert not [q for q in article.quotes if "sworn statement" in q.text]
    remember = [q for q in article.quotes if "second meeting" in q.text]
    assert remember and speaker_text(article, remember[0]) == "he"


def test_a_partial_quote_inside_a_reported_clause_stays_reported_speech():
    article = run(
        "The harbour master said the new cranes were “a waste of good money” and should be sold.",
    )
    assert [q for q in article.quotes if q.kind == "indirect" and "new cranes" in q.text]


def test_a_word_quoted_in_brackets_does_not_cut_the_quote_around_it():
    article = run(
        "“We expect to hold at least forty places (“seats”) in the new chamber after the vote, and nobody will "
        "stop that,” the mayor said on Friday.",
    )
    whole = [q for q in article.quotes if q.kind == "direct" and "nobody will stop that" in q.text]
    assert whole and "We expect" in whole[0].text and speaker_text(article, whole[0]) == "the mayor"


def test_a_second_said_joined_to_an_act_is_the_actor_s_not_the_later_attribution_s():
    # the parse hangs "called … and said …" from the trailing "the police report said": the clause after the
    # first "said" is still Lind's words, not the report's (the limit of the rule that climbs to an outer "said")
    article = run(
        "Mr. Lind called the clerk a “thief” and said that she would regret what she had done, the police report said.",
    )
    regret = [q for q in article.quotes if q.text.startswith("she would regret")]
    assert regret and "Lind" in speaker_text(article, regret[0])


def test_words_named_as_a_sentence_s_subject_are_not_what_a_later_verb_reports():
    article = run(
        "“Every Drop. We Count It” is running on buses and posters in which residents say, “I saved a bath today.”",
    )
    slogan = [q for q in article.quotes if "Every Drop" in q.text]
    assert all(q.speaker_start is None or "residents" not in speaker_text(article, q) for q in slogan)
    bath = [q for q in article.quotes if "saved a bath" in q.text]
    assert bath and speaker_text(article, bath[0]) == "residents"


def test_an_inverted_says_after_a_quote_still_names_the_speaker():
    article = run("“It was never about the money and it never will be,” says Hale, who ran the mill for thirty years.")
    money = [q for q in article.quotes if "never about the money" in q.text]
    assert money and speaker_text(article, money[0]) == "Hale"


def test_a_vox_pop_caption_after_a_dash_keeps_its_speaker():
    article = run(
        "Readers told us what they think of the new bridge.",
        "“It took eleven years and it still floods every spring.” ― Ana Ruiz",
        "“Nobody asked the people who cross it twice a day.” ― Tomas Berg",
    )
    floods = [q for q in article.quotes if "still floods" in q.text]
    assert floods and speaker_text(article, floods[0]) == "Ana Ruiz"
    asked = [q for q in article.quotes if "Nobody asked" in q.text]
    assert asked and speaker_text(article, asked[0]) == "Tomas Berg"
