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


def events_of(text: str):
    return newsgraph.analyze_text(text, published="2024-03-14").events


def test_who_beat_back_an_attack_is_its_target_not_its_doer():
    found = events_of("Fighting in the north\n\nTroops beat back an attack by Kanuri Liberation Front fighters on "
                      "the garrison town on Monday.")
    attacks = [e for e in found if e.type == "ASSAULT"]
    assert attacks, found
    assert attacks[0].actor1["name"] == "Kanuri Liberation Front"
    assert (attacks[0].actor2 or {}).get("text") == "Troops"
    assert not any((e.actor1 or {}).get("text") == "Troops" for e in attacks)


def test_who_repelled_an_attack_did_not_attack():
    found = events_of("Fighting in the north\n\nThe army said on Monday that soldiers had repelled an attack on "
                      "their base near the border.")
    assert not any(e.type == "ASSAULT" and (e.actor1 or {}).get("sector") == "military" for e in found), found


def test_a_foiled_attack_did_not_happen():
    found = events_of("Plot in the capital\n\nPolice foiled an attack by the Kanuri Liberation Front on the "
                      "central station on Monday, officials said.")
    attacks = [e for e in found if e.type == "ASSAULT"]
    assert attacks and all(e.status == "negated" for e in attacks), [(e.type, e.status) for e in found]
