"""Quotes: quoted words that are no one's speech — the short title of a show, a song or a film, a song's
lyrics sung by a character, a game's title taken for a transcript's speaker (every text here is invented, in
the shape of real pages)."""

from __future__ import annotations

import newsgraph
from newsgraph.confidence import shown_facts


def analyse(text: str):
    return newsgraph.analyze_text(text, published="2024-03-14")


def shown(article, fragment: str) -> list:
    return [q for q in shown_facts(article).quotes if fragment in q.text]


FILM = (
    "How a country song found its singer\n\n"
    "At the last minute, a demo came in. “It grabbed me by the heart the moment I heard it,” director Tom Ashby "
    "said. “It just connected.” Jessie Rowan, who phoned in from the Chicago set of “Fargo,” had a similar "
    "experience: “It was just that immediate feeling of this is the song.”\n\n"
    "The whole song went from a dream to a demo in a few hours, which, when you listen to “Harbour,” seems as "
    "crazy as the story behind it. “I had never written a song in my life,” Mara Lind said.\n\n"
    "Rowan worried about doing justice to a song like “Harbour,” especially with no background in country music. "
    "“But the story of it really moved me,” she said.\n\n"
    "The film ends on the song. Rose-Ann takes the stage alone, and a faint accordion begins to hum behind her. "
    "“Had to find my own way, make my own mistakes, but you know that I had to go,” she sings. “Ain’t no golden "
    "road running through the harbour, but I found one that is stronger than stone.”"
)


def test_a_short_title_in_quotation_marks_is_not_a_quote():
    article = analyse(FILM)
    for title in ("Fargo", "Harbour"):
        assert not [q for q in shown_facts(article).quotes if q.text.strip(" ,") == title]
        assert all(q.kind != "direct" for q in article.quotes if q.text.strip(" ,") == title)
    assert shown(article, "grabbed me by the heart")[0].speaker == "Tom Ashby"
    assert shown(article, "never written a song")[0].speaker == "Mara Lind"


def test_a_title_ending_its_sentence_inside_the_marks_is_not_a_quote():
    article = analyse("You can cut costs only so far, says planner Eric Dane. You can make a bigger difference by "
                      "raising your income, he and his wife explained on an episode of their podcast \"Beyond "
                      "Finances.\" Cutting spending takes effort.")
    assert all(q.kind != "direct" for q in article.quotes if "Beyond" in q.text)


def test_a_title_a_sentence_uses_as_a_noun_is_not_a_quote():
    article = analyse("Noah Ferris created the series for a cable channel. Ferris said “Lakeview” was never meant "
                      "to run this long, and that a fifth season would move to Kansas City.")
    assert all(q.kind != "direct" for q in article.quotes if q.text.strip(" ,") == "Lakeview")


def test_a_one_word_answer_stays_a_quote():
    article = analyse("Asked whether he would run again, the mayor did not hesitate. “Absolutely,” Mayor Dan "
                      "Ortiz said.")
    assert any(q.kind == "direct" and q.text == "Absolutely" for q in article.quotes)


def test_a_song_s_lyrics_are_not_what_the_singer_says():
    article = analyse(FILM)
    assert not shown(article, "find my own way") and not shown(article, "golden road")
    sung = [q for q in article.quotes if "find my own way" in q.text or "golden road" in q.text]
    assert sung and all(q.kind == "sung" for q in sung)  # kept as what was sung, never shown as a quote


def test_a_game_s_title_and_subtitle_are_not_a_transcript_line():
    article = analyse(
        "Star Wars Jedi: Fallen Order review – a galaxy worth the climb\n\n"
        "Even if its parts are borrowed from other games, Star Wars Jedi: Fallen Order finds a reason for each.\n\n"
        "Star Wars Jedi: Fallen Order is a game that is many things to different people. You climb, you fight, "
        "you solve puzzles in old tombs.")
    assert not [q for q in article.quotes if q.kind == "direct"]


def test_a_transcript_line_stays_a_quote():
    article = analyse("An excerpt from our interview with Anna Koval follows.\n\n"
                      "Host: Will the ceasefire hold through the winter?\n\n"
                      "Anna Koval: It will hold if both sides keep their artillery back from the line.")
    assert any(q.speaker == "Anna Koval" and "artillery" in q.text for q in article.quotes)


def test_a_name_inside_a_compound_word_is_not_the_speaker():
    article = analyse("Picture a different history. The Bush-era whistleblower, a protégé of two hawks, would then "
                      "have claimed that he was told by an anonymous leaker that the president had made a secret "
                      "promise.")
    assert not [q for q in article.quotes if q.speaker and "Bush" in q.speaker and q.speaker != "The Bush-era whistleblower"]
    assert not any(e.name == "Bush-era" for e in article.entities)
    judge = analyse("A Trump-appointed judge said on Monday that the ban would stand until the appeal was heard.")
    assert [q.speaker for q in judge.quotes] == ["A Trump-appointed judge"]


def test_what_someone_would_have_claimed_was_not_said():
    article = analyse("In that version of events, Senator Jane Holt would then have claimed that the vote was rigged.")
    assert all(q.kind != "indirect" for q in article.quotes if "rigged" in q.text)
    article = analyse("Senator Jane Holt said on Monday that she would have voted for the bill.")
    assert any(q.kind == "indirect" and q.speaker == "Jane Holt" for q in article.quotes)


def test_who_was_told_is_not_who_spoke():
    article = analyse("The aide said little in public. In March he was told by an anonymous official that the "
                      "president had dropped the plan.")
    told = [q for q in article.quotes if "dropped the plan" in q.text]
    assert told and all(q.speaker == "an anonymous official" for q in told)
