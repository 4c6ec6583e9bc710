"""An armed attack on people is an ASSAULT, as an analyst of conflict reads it (sentences of our own): not
a figure of speech because its victims are named by a common noun ("attacked traders"), nor a verbal attack
because the page's dateline was parsed as the sentence's first subject; a point scored in a game is still no
attack."""

from __future__ import annotations

import newsgraph

PAGE = """Violence in the north

{dateline}Rebels attacked the traders near the market in Kidal on Monday, residents said. The army said it
sent reinforcements to the region.
"""


def kinds(text: str) -> list[tuple[str, str | None]]:
    article = newsgraph.analyze_text(text, published="2024-03-14")
    return [(e.type, (e.actor2 or {}).get("text")) for e in article.events]


def test_an_attack_on_people_named_by_a_common_noun_is_an_assault():
    found = kinds(PAGE.format(dateline="Fighting flared again this week. "))
    assert ("ASSAULT", "the traders") in found, found


def test_a_dateline_read_as_a_subject_does_not_make_it_a_verbal_attack():
    found = kinds(PAGE.format(dateline="BAMAKO, Mali (AP) — "))
    assert ("ASSAULT", "the traders") in found, found
    assert not any(kind == "ACCUSE" for kind, _ in found), found


def test_a_shot_in_a_game_is_no_attack():
    found = kinds("Guard Lena Morris hit the winning jumper with two seconds left as the Hawks beat the Owls "
                  "in the final on Saturday.")
    assert not any(kind == "ASSAULT" for kind, _ in found), found
