"""An organisation's name told again where the recogniser missed it is still that organisation (a page of
our own): the act done to it there has it as its target, and its words inside a longer name are not it."""

from __future__ import annotations

import newsgraph

PAGE = ("Regulators probe firm\n\nVelmont said on Monday it would cut 300 jobs. Prosecutors charged two former "
        "Velmont managers with fraud. The regulator fined Velmont $2 million.")


def test_a_name_the_recogniser_missed_is_a_mention_of_its_organisation():
    article = newsgraph.analyze_text(PAGE, published="2024-03-14")
    velmont = next(e for e in article.entities if e.name == "Velmont")
    last = PAGE.rindex("Velmont")
    assert [last, last + len("Velmont")] in velmont.mentions
    fined = [e for e in article.events if PAGE[e.trigger[0]:e.trigger[1]] == "fined"]
    assert fined and (fined[0].actor2 or {}).get("name") == "Velmont"


def test_its_words_inside_a_longer_name_are_not_it():
    page = PAGE + " Velmont Labs, a separate research company, was not named in the case."
    article = newsgraph.analyze_text(page, published="2024-03-14")
    velmont = next(e for e in article.entities if e.name == "Velmont")
    labs = page.index("Velmont Labs")
    assert [labs, labs + len("Velmont")] not in velmont.mentions
