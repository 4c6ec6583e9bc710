"""Doers. A doer named by a plural of no one in particular and shown by an actor ("Proponents, including the X,
urged ...", "Critics such as Senator Y accused ...") is that actor, as a coder records it (sentences of our
own); a plural that names no actor stays as it is. A passive with its own subject ("after his mother was
arrested") takes no doer from the clause above it, and a title held in a country ("the highest official of
religious law in Egypt") is a person of that country, not its state."""

from __future__ import annotations

import newsgraph


def first(text: str, kind: str):
    article = newsgraph.analyze_text("City budget\n\n" + text, published="2024-03-14")
    found = [e for e in article.events if e.type == kind]
    assert found, [(e.type, e.actor1, e.actor2) for e in article.events]
    return found[0]


def test_proponents_including_a_named_body_are_that_body():
    event = first("Proponents, including the National League of Mayors, have urged Congress to leave the "
                  "program intact.", "REQUEST")
    assert event.actor1["name"] == "National League of Mayors"


def test_critics_such_as_a_senator_are_the_senator():
    event = first("Critics such as Senator Ann Cole accused the mayor of lying.", "ACCUSE")
    assert event.actor1["name"] == "Ann Cole"


def test_a_plural_with_unnamed_examples_stays():
    event = first("Protesters, including two teachers, urged the council to reopen the school.", "REQUEST")
    assert event.actor1["text"].lower().startswith("protesters")


def test_a_passive_with_its_own_subject_takes_no_doer_from_the_clause_above():
    article = newsgraph.analyze_text("Boy's death\n\nThe boy died in March after being looked after by Kevin Brooks, "
                                     "who was his main carer after his mother was arrested on drugs charges.",
                                     published="2024-03-14")
    arrests = [e for e in article.events if e.type == "COERCE"]
    assert arrests and (arrests[0].actor2 or {}).get("text") == "his mother"
    assert (arrests[0].actor1 or {}).get("name") != "Kevin Brooks"


def test_a_title_held_in_a_country_is_no_state():
    event = first("Egypt said on Monday it would tighten security at churches. The Grand Mufti, the highest "
                  "official of religious law in Egypt, condemned the attack on the cathedral.", "ACCUSE")
    assert event.actor1["name"] != "Egypt" and "Mufti" in event.actor1["text"]
    assert event.actor1["country"] == "EG"


def test_someone_named_by_their_age_is_a_person():
    article = newsgraph.analyze_text("Jobs protest\n\nThe 31-year-old said his attempts to get a job had failed, and he "
                                     "blamed the government of Prime Minister Ravi Menon for not creating jobs. Police "
                                     "arrested a 17-year-old near the station.", published="2024-03-14")
    blamed = [e for e in article.events if e.type == "ACCUSE"]
    arrested = [e for e in article.events if e.type == "COERCE"]
    assert blamed and blamed[0].actor1 is not None and blamed[0].actor1["text"] == "he"
    assert arrested and (arrested[0].actor2 or {}).get("text") == "a 17-year-old"
