"""Places, the shown facts' reading round (stop 29): letters after a person's name are no place."""

from __future__ import annotations

import newsgraph


def surfaces(text: str) -> dict[str, str | None]:
    article = newsgraph.analyze_text(text)
    return {text[s:e]: p.country for p in article.places for s, e in p.mentions}


def test_a_degree_after_a_persons_name_is_no_place():
    text = ('Meet the experts: Tom Brandt, R.D., is the owner of Brandt Nutrition in Tulsa. '
            '"Fiber matters more than ever," says Tom Brandt, R.D., owner of Brandt Nutrition.')
    found = surfaces(text)
    assert "R.D." not in found  # a GeoNames name of the Dominican Republic
    assert found["Tulsa"] == "US"


def test_a_second_degree_after_the_first_is_no_place_either():
    found = surfaces("Jo Lee, M.S., R.D., runs a diet clinic. Lee was born in the Dominican Republic.")
    assert "R.D." not in found
    assert found["Dominican Republic"] == "DO"
