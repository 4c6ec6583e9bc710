"""Cited sources: agencies, governments, reports and media named as the origin of a sentence.

The texts are invented news written in the shapes real reporting takes.
"""

from __future__ import annotations

from newsgraph import Article, extract
from newsgraph.enrich import citations
from newsgraph.enrich.nlp import load_nlp


def run(*paragraphs: str) -> Article:
    article = Article.from_paragraphs(list(paragraphs))
    citations.enrich(article, load_nlp()(article.text))
    return article


def by_source(article: Article) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in article.citations:
        out.setdefault(c.source, []).append(c)
    return out


def sentence(article: Article, citation) -> str:
    return article.text[citation.start : citation.end]


def test_agency_reported_citing_a_ministry():
    article = run(
        "Fighting resumed near the port on Sunday.",
        "The government may ask its neighbours for help, Anadolu reported citing the Defence Ministry in Ankara.",
    )
    sources = by_source(article)
    assert sources["Anadolu"][0].cue == "reported"
    assert sources["the Defence Ministry in Ankara"][0].cue == "citing"
    for c in article.citations:
        assert sentence(article, c).startswith("The government may ask")
        assert sentence(article, c).endswith("in Ankara.")


def test_according_to_the_report():
    article = run("According to the annual report, exports of cocoa fell by a fifth in 2025.")
    (c,) = article.citations
    assert c.source == "the annual report" and c.cue == "according to"
    assert sentence(article, c) == article.text


def test_state_media_said():
    article = run("Two soldiers were killed in the border clash, state media said.")
    (c,) = article.citations
    assert c.source == "state media" and c.cue == "said"


def test_an_institution_admitted():
    article = run("The ministry admitted that two of its patrol boats had entered the disputed waters.")
    (c,) = article.citations
    assert c.source == "The ministry" and c.cue == "admitted"


def test_photos_on_an_owners_page():
    article = run("The convoy's route became known after photos appeared on the Kenyan Navy's Facebook page.")
    (c,) = article.citations
    assert c.source == "the Kenyan Navy" and c.cue == "Facebook page"


def test_people_who_speak_are_quotes_not_citations():
    article = run("Mayor Anna Berger said the bridge would reopen in May. She said repairs were on schedule.")
    assert article.citations == []


def test_seed_page(seed_dump):
    article = extract(seed_dump.read_text(encoding="utf-8"))
    citations.enrich(article, load_nlp()(article.text))
    found = {(c.source, c.cue) for c in article.citations}
    assert ("RIA Novosti", "reported") in found
    assert ("the Foreign Ministry in Tripoli", "citing") in found
    assert ("the Pentagon", "admitted") in found
    assert ("The Pentagon", "said") in found
    assert ("The UN report", "read") in found
    assert ("the Libyan Air Force", "Facebook page") in found
