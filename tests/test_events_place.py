"""Where an event happened, as an analyst reads it (sentences of our own): a country that is only the one
acted on ("accused Russia of ...") or a people's adjective on a person ("met Russian President X") is not
where it happened; the country a visit is paid to is, and so is a doer's own country ("Sweden dropped
its investigation")."""

from __future__ import annotations

import newsgraph


def place_of(text: str, kind: str) -> str | None:
    article = newsgraph.analyze_text("Diplomatic row\n\n" + text, published="2024-03-14")
    found = [e for e in article.events if e.type == kind]
    assert found, [(e.type, e.actor1, e.actor2) for e in article.events]
    return (found[0].place or {}).get("name")


def test_the_accused_country_is_not_where_the_accusation_was_made():
    assert place_of("The foreign minister said on Tuesday that Britain had accused Russia of poisoning the "
                    "former officer.", "ACCUSE") != "Russia"


def test_a_person_s_nationality_is_not_where_they_met():
    assert place_of("The envoy met with Russian President Ivan Petrov on Monday.", "CONSULT") != "Russia"


def test_the_country_visited_is_where_the_visit_happened():
    assert place_of("Later, the prime minister of Norway visited South Africa for two days.", "CONSULT") == \
        "South Africa"


def test_a_doer_s_own_country_stays():
    assert place_of("Sweden has dropped its investigation into a rape allegation against the activist.",
                    "CONCEDE") == "Sweden"


def test_a_country_named_deep_in_what_is_condemned_is_not_where():
    assert place_of("The council on Friday issued a strong condemnation of Iran's latest missile test.",
                    "ACCUSE") != "Iran"


def test_arms_sold_to_a_country_do_not_put_the_approval_there():
    article = newsgraph.analyze_text("Arms sale\n\nThe administration signed off on Thursday on selling $2 billion "
                                     "in artillery to Saudi Arabia.", published="2024-03-14")
    assert not any((e.place or {}).get("name") == "Saudi Arabia" for e in article.events)


def test_a_visit_to_a_city_is_there():
    assert place_of("On Monday the prime minister of Norway paid a visit to Nairobi.", "CONSULT") == "Nairobi"


def test_local_officials_are_of_the_country_the_article_is_about():
    text = ("Talks stall in Kenya\n\nNAIROBI, Kenya — Kenya's parliament met in Nairobi on Monday as the crisis "
            "deepened across Kenya. Local officials rejected the plan of the foreign donors on Tuesday.")
    article = newsgraph.analyze_text(text, published="2024-03-14")
    rejections = [e for e in article.events if e.type == "REJECT"]
    assert rejections and rejections[0].actor1["text"].lower() == "local officials"
    assert rejections[0].actor1["country"] == "KE"


def test_the_country_s_parliament_is_of_the_country_the_article_is_about():
    text = ("Talks stall in Kenya\n\nNAIROBI, Kenya — Kenya's president met donors in Nairobi on Monday as the "
            "crisis deepened across Kenya. The country's parliament rejected the plan of the foreign donors on "
            "Tuesday.")
    article = newsgraph.analyze_text(text, published="2024-03-14")
    rejections = [e for e in article.events if e.type == "REJECT"]
    assert rejections and "parliament" in rejections[0].actor1["text"]
    assert rejections[0].actor1["country"] == "KE"
