"""Actors: words that make no person, and people the recogniser reads as places or words (every text here
is invented, in the shape of the real pages an analyst read)."""

from __future__ import annotations

import newsgraph


def analyse(text: str):
    return newsgraph.analyze_text(text, published="2024-03-14")


def names(article) -> dict[str, object]:
    return {e.name: e for e in article.entities}


def mentions(article, name: str) -> list[str]:
    entity = names(article)[name]
    return [article.text[s:e] for s, e in entity.mentions]


def test_a_given_name_and_surname_read_as_a_place_is_one_person():
    article = analyse("The two producers, Dana Wells and Anna York came to the studio with a shared love of old "
                      "records. “It is a different craft,” York said.\n\nWells said the album would be out in May.")
    found = names(article)
    assert found["Anna York"].type == "person"
    assert "York" not in found and "Anna" not in found
    assert "York" in mentions(article, "Anna York")


def test_a_surname_inside_a_place_of_several_words_is_not_that_person():
    article = analyse("The two producers, Dana Wells and Anna York came to the studio with a shared love of old "
                      "records. “It is a different craft,” York said.\n\nThe band will tour New York in May.")
    assert mentions(article, "Anna York").count("York") == 1


def test_a_name_that_only_begins_a_hyphenated_modifier_is_no_person():
    article = analyse("The odyssey of how Oscar-winning actress Maya Lind came to write the song began in 2009.\n\n"
                      "Flash-forward to 2017, when the director Paul Ames found his next project.\n\n"
                      "Gyms now offer Taylor Swift-themed classes, Lind said.")
    found = names(article)
    assert "Maya Lind" in found and "Paul Ames" in found
    assert not any(name.startswith(("Oscar", "Flash", "Taylor")) for name in found), sorted(found)


def test_a_hyphenated_given_name_still_ends_the_name():
    article = analyse("Moon Jae-in said on Monday that the talks would resume, and Ban Ki-moon agreed.")
    assert {"Moon Jae-in", "Ban Ki-moon"} <= set(names(article))


def test_a_cars_model_is_no_person():
    article = analyse("Ford’s Mustang Mach E SUV will go 230 miles per charge, the company said. The car gets "
                      "some Mustang styling cues. The Mach E was unveiled on Sunday night.")
    found = names(article)
    assert "Ford" in found
    assert not any(e.type == "person" for e in article.entities), sorted(found)


def test_the_words_of_a_pages_furniture_make_no_person():
    article = analyse("Readers of our Email Newsletters said they wanted more local news, editor Mark Olsen said.")
    found = names(article)
    assert "Mark Olsen" in found
    assert "Email Newsletters" not in found


def test_a_thing_a_person_made_is_not_that_person():
    article = analyse("He had fallen in love with an electric Nicole Ray script called “Far Shore,” a story "
                      "about a singer. There was one problem. The script called for a soaring anthem, Ray said.\n\n"
                      "The Obama administration said it would act. The administration said talks would go on.")
    assert "The script" not in mentions(article, "Nicole Ray")
    assert "The administration" in mentions(article, "Obama")


def test_what_speaks_for_a_person_is_still_theirs():
    article = analyse("A new Maria Lopez ad aired on Tuesday in three states. The ad says the senator "
                      "has failed working families.")
    assert "The ad" in mentions(article, "Maria Lopez")


def test_a_pronoun_is_no_short_form_of_a_name_it_spells():
    article = analyse("Prime Minister Rossi met Wang He, the trade envoy, on Friday in Rome.\n\n"
                      "Rossi spoke to reporters afterwards. He said the talks had gone well.")
    assert "He" not in mentions(article, "Wang He")


def test_a_person_given_an_honorific_is_no_place_after_a_preposition():
    article = analyse("Cabinet members gathered around Mr. Trump and laughed. Aides hoped to arrange a meeting "
                      "between Mr. Trump and his Chinese counterpart. Trump said a deal was close.")
    assert names(article)["Trump"].type == "person"
    assert len(mentions(article, "Trump")) >= 3


def test_the_moon_is_no_actor():
    article = analyse("NASA’s Artemis program will return astronauts to the Moon in 2024, and Boeing builds "
                      "the rocket that will carry them to the Moon, agency officials said.")
    found = names(article)
    assert "NASA" in found
    assert "Moon" not in found


def _pronouns(article, name: str) -> list[str]:
    actor = next(e for e in article.entities if e.name == name)
    return [article.text[s:e].lower() for s, e in actor.mentions if article.text[s:e].lower() in
            ("he", "him", "his", "she", "her", "they", "them", "their")]


def test_a_pronoun_never_stands_for_a_person_of_the_other_sex():
    """'he' is not the woman named just before ('Jane Starner'), 'his' not the 'she' of the sentence: the text
    tells a person's sex by an honorific, the noun of a role, or a given name one sex bears."""
    article = newsgraph.analyze_text(
        "Jane Starner, a city planner, met the contractor on Monday. He said the bridge would open in May.\n\n"
        "Nancy Orrell wants to close the inquiry. But mostly she wants to push the councillor Mark Dunlevy "
        "off the stage and end his career.\n\nMrs. Okafor spoke to Mr. Lind at the market. He said prices had "
        "doubled.")
    assert _pronouns(article, "Jane Starner") == []
    assert _pronouns(article, "Nancy Orrell") == ["she"]
    assert _pronouns(article, "Mark Dunlevy") == ["his"]
    assert _pronouns(article, "Okafor") == [] and _pronouns(article, "Lind") == ["he"]


def test_they_is_never_one_person():
    """'they' after two people named together is the two (no actor), not the person they are assigned to."""
    article = newsgraph.analyze_text(
        "Prosecutors said Rita Vance and Omar Teel, assigned to Carl Brisco's unit at the county jail, slept for "
        "two hours when they should have been checking cells. Vance and Teel signed forms saying they had made "
        "their rounds.")
    assert _pronouns(article, "Carl Brisco") == []
