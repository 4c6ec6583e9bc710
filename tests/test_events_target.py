"""Whom an event is aimed at, read in constructions of English news (sentences of our own): the charge
is no part of the accused's name, a demand's clause names who is asked even when the tagger takes its
verb for a noun, a protest held to demand something is aimed at whom it asks (not at the rally it
was held at), and an object pronoun is never the subject of its own verb."""

from __future__ import annotations

import newsgraph


def events(text: str, kind: str):
    article = newsgraph.analyze_text(text, published="2024-03-14")
    found = [e for e in article.events if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.actor1, e.actor2) for e in article.events]}"
    return found[0]


def target_words(event) -> str:
    return ((event.actor2 or {}).get("text") or "").lower()


def test_the_charge_is_not_part_of_the_accused():
    event = events("Rights groups accused the army and its commanders of torturing prisoners in the north.", "ACCUSE")
    assert target_words(event) == "the army and its commanders"


def test_a_demanded_clause_names_who_is_asked_when_its_verb_reads_as_a_noun():
    event = events("Activists are demanding that police release body camera video of the shooting.", "REQUEST")
    assert target_words(event) == "police"


def test_a_rally_held_to_demand_is_aimed_at_whom_it_asks():
    event = events("More than 2,000 farmers gathered on Saturday at a rally in Lyon to demand the government "
                   "scrap the fuel levy.", "PROTEST")
    assert target_words(event) == "the government"


def test_an_object_pronoun_is_not_the_subject_of_its_verb():
    event = events("In May, a group of nurses sent a letter to the hospital board of governors urging them "
                   "to reconsider the cuts.", "REQUEST")
    assert event.actor2 is not None and not event.actor2.get("implied")
    assert target_words(event) == "them"


def test_an_object_pronoun_told_of_before_is_kept():
    event = events("Two former ministers implored her on Monday to withdraw the bill.", "REQUEST")
    assert target_words(event) == "her"
    # not the ministers under another word: "her" is someone told of before
    assert {k: v for k, v in event.actor2.items() if k != "text"} != {k: v for k, v in event.actor1.items() if k != "text"}
