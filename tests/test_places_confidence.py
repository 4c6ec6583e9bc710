"""How sure newsgraph is of a place: the confidence component's features of places, on invented news."""

from __future__ import annotations

import newsgraph
from newsgraph.confidence import shown_facts, threshold


def places_named(article, surface: str) -> list:
    return [p for p in article.places if any(article.text[s:e] == surface for s, e in p.mentions)]


def test_a_country_named_only_as_a_modifier_is_less_sure_than_the_country_named():
    article = newsgraph.analyze_text(
        "U.S. officials said on Monday that the talks would resume in Geneva. Trade between China and "
        "the U.S. fell by a third last year, and farmers in the U.S. lost markets.")
    us = places_named(article, "U.S.")
    assert len(us) == 2  # "U.S. officials" apart from "the U.S."
    modifier = next(p for p in us if p.mentions[0][0] == 0)
    named = next(p for p in us if p is not modifier)
    assert modifier.confidence < named.confidence
    assert named in shown_facts(article).places and modifier not in shown_facts(article).places


def test_a_small_place_in_a_country_the_story_names_nowhere_else_is_not_shown():
    # "Lakes" is also a state of South Sudan; this story is about Miami
    article = newsgraph.analyze_text(
        "Flood waters closed three schools in Miami on Monday, county officials said. Parents were told "
        "to keep children home, and roads near Lakes were shut until the water drained.")
    lakes = places_named(article, "Lakes")
    assert all(p.country != "US" for p in lakes)  # the gazetteer has no Kendale Lakes
    assert all(p.confidence is not None and p.confidence < threshold("places") for p in lakes)
    miami = places_named(article, "Miami")
    assert miami and miami[0].country == "US"
