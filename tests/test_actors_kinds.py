"""Actors: what the recogniser takes for a person and is not one — a band, a school's team, a piece of a game's
title — and a body's name the recogniser cut in pieces before its acronym (every text here is invented, in
the shape of real pages)."""

from __future__ import annotations

import newsgraph
from newsgraph.confidence import shown_facts
from newsgraph.enrich.actors import balanced


def analyse(text: str):
    return newsgraph.analyze_text(text, published="2024-03-14")


def names(article) -> dict[str, object]:
    return {e.name: e for e in article.entities}


def test_a_band_is_no_person():
    article = analyse(
        "Marlow Brothers to reunite with Nora Quist for Lakeside show\n\n"
        "The Marlow Brothers will ride a Hall of Fame nomination into a 50th anniversary tour in 2020. And the band "
        "will do it with singer Nora Quist.\n\nYou may also like...\n\nDave Pellor Band takes over Hall Fan Vote\n\n"
        "Marlow Brothers perform with Santana at Lakeside Music Center in 2019")
    found = names(article)
    assert found["Dave Pellor Band"].type == "organization"
    assert found["Marlow Brothers"].type == "organization"
    assert found["Nora Quist"].type == "person"


def test_a_magazine_is_no_person():
    article = analyse("Riders' kit reviewed\n\nThe book comes with a soundtrack of road songs.\n\n"
                      "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99.")
    assert not any(e.type == "person" for e in article.entities), [(e.name, e.type) for e in article.entities]
    assert names(article)["Motor Cycle Monthly"].type == "organization"


def test_a_school_named_after_its_town_is_no_person():
    article = analyse(
        "2019 Boys State Swim Results\n\n"
        "Trinity Academy junior Ben Patton added to his collection of state titles.\n\n"
        "6A: Wichita North's Miguel Bernal took home first in diving.\n\n"
        "Wichita West senior David Garcia finished second in the 50 yard freestyle.\n\n"
        "Wichita East's Hugh McPherson won first place in the 100 yard freestyle.")
    persons = {e.name for e in article.entities if e.type == "person"}
    assert not any(n.startswith("Wichita") for n in persons), persons
    assert {"Ben Patton", "David Garcia"} <= persons


def test_a_person_with_a_compass_surname_stays_a_person():
    article = analyse("Austin North said on Monday that he would run for the city council in Denver. North, a "
                      "teacher, said the schools needed money.")
    assert names(article)["Austin North"].type == "person"


def test_a_game_s_title_is_no_person_and_no_speaker():
    article = analyse(
        "Star Wars Jedi: Fallen Order review – a galaxy worth the climb\n\n"
        "Even if its parts are borrowed from other games, Star Wars Jedi: Fallen Order finds a reason for each.\n\n"
        "Star Wars Jedi: Fallen Order is a game that is many things to different people. You climb, you fight, "
        "you solve puzzles in old tombs.\n\n"
        "Where it is easy to call Fallen Order a mishmash, I see a coherent whole.")
    assert not any(e.type == "person" for e in article.entities), [e.name for e in article.entities]
    assert not any("Jedi" in (q.speaker or "") for q in article.quotes)


def test_a_headline_topic_before_a_colon_does_not_hide_a_person():
    article = analyse("Budget Talks: Maria Ortega Says Deal Is Near\n\n"
                      "Finance Minister Maria Ortega said on Monday that a deal on the budget was near.")
    assert names(article)["Maria Ortega"].type == "person"


def test_a_body_s_name_cut_before_its_acronym_is_one_organisation():
    article = analyse(
        "Workers marched through Dhaka on Sunday demanding higher wages.\n\n"
        "The Bangladesh Garment Workers' Unity Council (BGWUC) said more than 20,000 people joined the march. "
        "The Bangladesh Garment Makers and Sellers Association (BGMSA) said factories would stay open.\n\n"
        "The BGWUC wants the minimum wage doubled.")
    found = names(article)
    council = found["Bangladesh Garment Workers' Unity Council"]
    assert council.type == "organization" and "BGWUC" in council.aliases
    assert len(council.mentions) == 3
    assert "BGMSA" in found["Bangladesh Garment Makers and Sellers Association"].aliases
    for entity in article.entities:  # no name ends inside a bracket, none is a piece of another
        assert entity.name.count("(") == entity.name.count(")")
        assert entity.name not in ("Bangladesh Garment Workers", "Bangladesh Garment Makers", "Sellers Association")
    speakers = {q.speaker for q in shown_facts(article).quotes}
    assert not any("(" in (s or "") for s in speakers)


def test_a_name_never_ends_inside_an_open_bracket():
    assert balanced("Unity Council (BGWUC") == "Unity Council"
    assert balanced("Unity Council (BGWUC)") == "Unity Council (BGWUC)"
    assert balanced("Kestrel Group) said") == "Kestrel Group"


def test_a_town_that_owns_a_regent_or_a_mayor_is_no_person_and_no_speaker():
    text = ("LUMAJANG, Indonesia - Thousands of villagers left their homes on the slopes of the volcano on Sunday.\n\n"
            "Lumajang's regent, Siti Nurhaliza Rahmawati, said the local government had distributed masks and was "
            "preparing field kitchens.")  # the recogniser misses her name and takes the regency for a person
    article = newsgraph.analyze_text(text)
    assert "Lumajang" not in {e.name for e in article.entities if e.type == "person"}
    speakers = {q.speaker for q in article.quotes if "field kitchens" in q.text}
    assert speakers and "Lumajang" not in speakers, speakers


def test_a_name_that_only_qualifies_a_thing_is_no_person_and_a_named_spokesman_speaks():
    # the recogniser reads "Trincomalee" as a person and the spokesman's name, with its particle, as an organisation
    text = ("The Trincomalee tank farm, built by the British in the 1930s, has been the subject of negotiations between "
            "the two countries for more than two decades. Opposition parties in Sri Lanka have long argued that the "
            "facility should remain under full national control.\n\n"
            "The main opposition alliance said on Friday that it would challenge the agreement in the Supreme Court. "
            "Its spokesman, Harsha de Alwis-Perera, said that parliament had not seen the full text. “A deal of this "
            "importance cannot be signed behind closed doors,” he said.")
    article = newsgraph.analyze_text(text)
    people = {e.name for e in article.entities if e.type == "person"}
    assert "Trincomalee" not in people and "Harsha de Alwis-Perera" in people
    speakers = {q.text[:20]: q.speaker for q in article.quotes}
    assert speakers["A deal of this impor"] == "Harsha de Alwis-Perera"
    assert speakers["parliament had not s"] == "Harsha de Alwis-Perera"
    # what a person's name qualifies as theirs still names the person
    assert "Obama" in {e.name for e in newsgraph.analyze_text("The Obama administration said it would appeal.").entities}


def test_a_description_with_other_words_is_not_the_body_named_with_that_noun_before():
    text = ("France's national cybersecurity agency, ANSSI, said it had sent a team to Lyon to help restore systems.\n\n"
            "About 140 scheduled operations were postponed on Monday, the regional health agency said.\n\n"
            "A US special forces unit landed at the airbase on Friday. The unit left soon after.")
    article = newsgraph.analyze_text(text)
    mentions = {e.name: [text[s:e_] for s, e_ in e.mentions] for e in article.entities}
    assert "the regional health agency" not in mentions.get("France", []), mentions
    assert "the regional health agency" in {c.source for c in article.citations}
    assert "The unit" in mentions["United States"]  # the same noun with no other words is still that actor


def test_storms_works_and_bodies_the_recogniser_takes_for_people():
    text = ("KITWE, Zambia - Hundreds of miners marched to the head office of Nkana Heights Mining (NHM) on Friday, two "
            "days after the company said it would lay off 400 workers at its Mindola North shaft. Brian Kalaba read out "
            "a petition addressed to the managing director, Pieter du Randt. Du Randt did not come out.\n\n"
            "Cyclone Idai destroyed much of Beira in 2019. The Frente Popular del Catatumbo said it was ready to talk, "
            "and Detainee Watch said 700 people were still missing.")
    article = newsgraph.analyze_text(text)
    kinds = {e.name: e.type for e in article.entities}
    assert "Cyclone Idai" not in kinds and "Mindola North" not in kinds
    assert kinds.get("Detainee Watch") == "organization"
    assert "Du Randt" not in kinds and kinds.get("Pieter du Randt") == "person"  # one person, not two
    assert kinds.get("Brian Kalaba") == "person" and kinds.get("Nkana Heights Mining") == "organization"


def test_a_bodys_name_with_a_plural_possessive_is_one_name():
    text = ("TRIPOLI, Lebanon - Hundreds of dock workers blocked the port on Monday. The Lebanese Dock Workers' Syndicate "
            "said the port authority owed workers more than $2 million in wages.")
    article = newsgraph.analyze_text(text)
    kinds = {e.name: e for e in article.entities}
    assert "Lebanese Dock Workers' Syndicate" in kinds and "Syndicate" not in kinds, list(kinds)
    assert kinds["Lebanese Dock Workers' Syndicate"].type == "organization"


def test_a_firm_named_like_a_person_is_an_organisation():
    """A firm's name the recogniser reads as a person's: one ending in an acronym ("... AI"), one set beside a
    noun that calls it a firm, one described by such a noun in apposition, one that begins with a firm the page
    names alone ("Google Cloud" beside "Google"); its short name and first word alone are the firm too."""
    acquisitions = analyse(
        "Kestrel Cyber acquires Lumeo\n\nThreat intelligence firm Kestrel Cyber has acquired risk management company "
        "Lumeo. The move enhances Kestrel's ability to watch networks.\n\nVeltrix Software to acquire Norvana AI\n\n"
        "Backup provider Veltrix Software has announced plans to acquire data security posture management company "
        "Norvana AI for $1.2 billion in cash. The deal makes Veltrix a leader in AI security.\n\n"
        "Twilio to acquire Quorbit\n\nTwilio has entered into an agreement to acquire Quorbit, an identity platform "
        "for AI agents. Quorbit's experts will help Twilio build an identity layer.")
    persons = [e.name for e in acquisitions.entities if e.type == "person"]
    assert not persons, persons
    found = names(acquisitions)
    assert found["Norvana AI"].aliases == [], found["Norvana AI"].aliases  # "AI" is no short form of it
    assert "Kestrel" in found["Kestrel Cyber"].aliases
    cloud = analyse("Google said on Monday that it would cut prices. Google Cloud has led for a long time, said "
                    "Jane Peters, a manager at Google Cloud.")
    assert [e.name for e in cloud.entities if e.type == "person"] == ["Jane Peters"]
    assert names(cloud)["Google Cloud"].type == "organization"


def test_a_person_beside_a_firm_stays_a_person():
    article = analyse("\"We don't need more juniors,\" said Ravi Mehta, CEO of Vectaro, a Palo Alto-based AI "
                      "startup. Mehta said hiring would slow. Hollywood producer Robert Dane also invested.")
    found = names(article)
    assert found["Ravi Mehta"].type == "person" and found["Robert Dane"].type == "person"
    spoken_to = analyse("\"Somebody very close to your company, Farah, told us you did the same,\" said Nina Pineda. "
                        "Farah Al-Ibrahim did not answer.")
    assert not [e.name for e in spoken_to.entities if e.type == "organization"]


def test_a_surname_a_firm_is_named_after_stays_the_person():
    article = analyse("The Marsden Group paid the fine. Marsden said on Monday he would not apologise. "
                      "Oliver Marsden later spoke again.")
    assert names(article)["Oliver Marsden"].type == "person"
    assert "Marsden" in names(article)["Oliver Marsden"].aliases
