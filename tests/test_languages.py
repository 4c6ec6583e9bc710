"""Enrichment by language: each article parsed with its language's model and read with its profile."""

from __future__ import annotations

from importlib import resources

import pytest

from newsgraph import analyze, analyze_text
from newsgraph.enrich import enrich_articles, languages, nlp
from newsgraph.record import Article

FRENCH = (
    "Grève à Lyon : les conducteurs de bus réclament des hausses de salaire\n\n"
    "Les conducteurs de bus de Lyon ont cessé le travail lundi matin. « Nous voulons simplement vivre "
    "de notre travail », a déclaré Martine Caillaux, déléguée syndicale, devant le dépôt de Vaise.\n\n"
    "Selon le ministère des Transports, un bus sur quatre circulait à la mi-journée. Le directeur du "
    "réseau, Paul Ferrand, a jugé le mouvement excessif. « Nos propositions sont sur la table depuis "
    "un mois », a-t-il affirmé. Des perturbations sont aussi attendues à Marseille, tandis que le "
    "gouvernement de la Côte d'Ivoire a dépêché une délégation à Paris pour étudier le réseau.\n"
)
ENGLISH = (
    "Bus drivers in Leeds walked out on Monday over pay. \"We simply want to live from our work,\" "
    "said Martin Kale, a union delegate, outside the depot.\n\n"
    "According to the transport ministry, one bus in four was running at midday.\n"
)
GERMAN = (
    "Die Busfahrer in Leipzig haben am Montag die Arbeit niedergelegt. \"Wir wollen von unserer Arbeit "
    "leben\", sagte Martina Keller, Gewerkschaftsvertreterin, vor dem Depot. Nach Angaben des "
    "Verkehrsministeriums fuhr zur Mittagszeit nur jeder vierte Bus.\n"
)


def _article(text: str, language: str | None) -> Article:
    return Article(text=text, paragraphs=Article.paragraph_spans(text), language=language)


@pytest.fixture(scope="module")
def french() -> Article:
    return analyze_text(FRENCH)


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def test_french_quotes_between_guillemets_have_their_speaker(french):
    by_text = {q.text: q for q in french.quotes}
    first = by_text["Nous voulons simplement vivre de notre travail"]
    assert first.kind == "direct" and first.speaker == "Martine Caillaux"
    assert [first.speaker_start, first.speaker_end] == _span(FRENCH, "Martine Caillaux")
    # "», a-t-il affirmé": the pronoun stands for the person named as the subject just before
    second = by_text["Nos propositions sont sur la table depuis un mois"]
    assert second.speaker == "Paul Ferrand"
    speaker = next(e for e in french.entities if e.id == second.speaker_id)
    assert speaker.name == "Paul Ferrand" and speaker.type == "person"


def test_selon_names_the_source(french):
    (citation,) = [c for c in french.citations if c.cue.lower() == "selon"]
    source = next(e for e in french.entities if e.id == citation.source_id)
    assert source.name == "ministère des Transports" and source.type == "organization"
    assert "un bus sur quatre circulait" in FRENCH[citation.start:citation.end]


def test_french_place_names_resolve_to_the_places(french):
    by_name = {FRENCH[s:e]: p for p in french.places for s, e in p.mentions}
    assert by_name["Lyon"].country == "FR" and by_name["Lyon"].feature.startswith("P.")
    assert by_name["Marseille"].country == "FR"
    assert by_name["Paris"].country == "FR"
    assert by_name["Côte d'Ivoire"].country == "CI" and by_name["Côte d'Ivoire"].feature == "A.PCLI"
    # a role is not an organisation: "ministère des Transports" may be one, "Transports" alone is not
    assert "Transports" not in {e.name for e in french.entities}


def test_an_english_article_enriched_beside_a_french_one_is_enriched_as_alone():
    alone = enrich_articles([_article(ENGLISH, "en")])[0]
    mixed = enrich_articles([_article(FRENCH, "fr"), _article(ENGLISH, "en"), _article(FRENCH, "fr")])[1]
    assert alone.to_dict() == mixed.to_dict()
    assert "Martin Kale" in [q.speaker for q in mixed.quotes]
    # and an article whose language is not known is read as English, as before
    unknown = enrich_articles([_article(ENGLISH, None)])[0]
    assert {**unknown.to_dict(), "language": "en"} == alone.to_dict()


def test_an_article_in_a_language_without_a_profile_is_not_parsed(monkeypatch):
    assert "de" not in languages.available()
    asked: list[str] = []
    real = nlp.load_nlp
    monkeypatch.setattr(nlp, "load_nlp", lambda lang="en": asked.append(lang) or real(lang))
    german = enrich_articles([_article(GERMAN, "de")])[0]
    assert asked == []
    assert german.entities == [] and german.quotes == [] and german.places == [] and german.events == []


def test_each_model_is_loaded_once_per_process(monkeypatch):
    already = dict(nlp._PIPELINES)
    loads: list[str] = []

    def load(lang: str):
        loads.append(lang)
        return already[lang] if lang in already else real(lang)

    real = nlp._load
    monkeypatch.setattr(nlp, "_PIPELINES", {})
    monkeypatch.setattr(nlp, "_load", load)
    for _ in range(3):
        enrich_articles([_article(FRENCH, "fr"), _article(ENGLISH, "en")])
        enrich_articles([_article(FRENCH, "fr")])
    assert sorted(loads) == ["en", "fr"]
    assert nlp.loaded() == ("en", "fr")
    assert nlp.load_nlp("fr") is nlp.load_nlp("FR")


def test_a_language_without_a_profile_has_no_model():
    with pytest.raises(nlp.NoLanguageProfile):
        nlp.load_nlp("xx")


def test_the_sample_pages_get_facts_in_french_and_none_in_german_or_spanish():
    folder = resources.files("newsgraph.samples").joinpath("html")
    french = analyze(folder.joinpath("courrier-estuaire-greve-transports-paris.html").read_bytes())
    assert french.language == "fr" and french.entities and french.places
    for name in ("oderland-rundschau-hochwasser-oder.html", "diario-altiplano-arequipa-protesta.html"):
        article = analyze(folder.joinpath(name).read_bytes())
        assert article.language in ("de", "es")
        assert article.entities == [] and article.places == [] and article.quotes == []


def test_english_news_that_language_detection_takes_for_nigerian_pidgin_is_still_enriched():
    text = ("On Tuesday, Nigerian junior foreign minister Musa Bello met the Ghanaian ambassador in Abuja "
            "to discuss the border closure.")
    article = analyze_text(text, language="pcm")
    assert {e.name for e in article.entities} >= {"Musa Bello"}
    assert any(p.name == "Abuja" for p in article.places)
