"""A sentence that opens with "they" or "it" and names no one else is done by the subject of the sentence
before, in the same paragraph, when that subject names people or an actor and agrees in number (sentences of
our own); a paragraph break, a singular person for "they" or people for "it" stop it."""

from __future__ import annotations

import newsgraph


def requests(text: str):
    article = newsgraph.analyze_text(text, published="2024-03-14")
    return [e for e in article.events if e.type == "REQUEST"]


def test_they_after_a_protest_are_the_protesters():
    found = requests("Unrest in the capital\n\nHundreds of nurses marched through the capital on Sunday. They "
                     "called for the resignation of the health minister, Dana Ortiz.")
    assert found, "no REQUEST"
    assert found[0].actor1["sector"] == "civilian" and found[0].actor1["text"] == "They"


def test_it_after_a_body_no_layer_names_is_that_body():
    found = requests("Budget row\n\nThe finance ministry held an emergency meeting on Monday. It called on the "
                     "central bank to cut interest rates.")
    assert found and found[0].actor1["sector"] == "government" and found[0].actor1["text"] == "It"


def test_no_subject_across_a_paragraph_break():
    found = requests("Unrest in the capital\n\nHundreds of nurses marched through the capital on Sunday.\n\nThey "
                     "called for the resignation of the health minister, Dana Ortiz.")
    assert not any((e.actor1 or {}).get("sector") == "civilian" for e in found)


def test_they_does_not_stand_for_one_person():
    found = requests("Unrest in the capital\n\nThe nurse marched through the capital on Sunday. They called for "
                     "the resignation of the health minister, Dana Ortiz.")
    assert not any((e.actor1 or {}).get("sector") == "civilian" for e in found)
