"""extract_html on pages shaped like real ones: what a reader of the result sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extraction.html import HtmlOptions, extract_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def body(result) -> str:
    return "\n".join(result.paragraphs)


@pytest.fixture(scope="module")
def news():
    return extract_html(page("news_article.html"), "https://www.northernledger.example/business/2024/03/14/harbour-strike")


@pytest.fixture(scope="module")
def blogger():
    return extract_html(page("blogger_post.html"))  # no URL: links resolve against the canonical one


@pytest.fixture(scope="module")
def wordpress():
    return extract_html(page("wordpress_post.html"), "https://gazette-canton.example/2022/10/05/marche-couvert-rouvre/")


@pytest.fixture(scope="module")
def amp():
    return extract_html(page("amp_article.html"), "https://www.diariodelsur.example/amp/sociedad/tren-nocturno-vuelve.html")


def test_news_article_body_without_title_or_chrome(news):
    assert news.title == "Harbour cranes idle as dockworkers strike over automation"
    assert news.paragraphs[0].startswith("Cargo cranes at the port of Eastmouth stood still on Thursday")
    assert news.paragraphs[-1].startswith("Talks between the union and the port authority are due to resume")
    assert len(news.paragraphs) == 5
    text = body(news)
    for chrome in ("Skip to main content", "Subscribe", "Share on Twitter", "Email this story", "Copyright",
                   "Privacy policy", "Related stories", "Port profits hit record", "Rotterdam and Singapore"):
        assert chrome not in text
    assert news.method == "trafilatura"


def test_news_article_metadata(news):
    assert news.author == "Marta Okonkwo"
    assert news.published == "2024-03-14"
    assert news.site_name == "The Northern Ledger"
    assert news.canonical_url == "https://www.northernledger.example/business/2024/03/14/harbour-strike"
    assert news.language == "en"


def test_news_article_links(news):
    assert news.outlinks == ["https://www.portauthority.example/reports/terminal-2030"]
    assert [(r.title, r.url) for r in news.related] == [
        ("Port profits hit record as container traffic recovers",
         "https://www.northernledger.example/business/2024/02/02/port-profits"),
        ("Robot cranes: how other ports made the switch",
         "https://www.northernledger.example/business/2023/11/20/robot-cranes"),
    ]
    assert news.related[0].snippet == "Eastmouth handled more boxes last year than at any time since 2008."


def test_blogger_post_keeps_comments_and_teasers_out(blogger):
    assert blogger.title == "Wells run dry in the upper valley as the rains fail again"
    assert blogger.paragraphs[0].startswith("Farmers in the upper valley say that half of the village wells")
    assert blogger.paragraphs[-1].startswith("Hydrologists at the provincial university warn")
    text = body(blogger)
    for chrome in ("Skip to main content", "Search this blog", "Email This", "Labels", "Post a Comment",
                   "My uncle in the lower valley", "Popular posts from this blog", "seed bank", "Read more",
                   "Powered by Blogger"):
        assert chrome not in text
    assert blogger.author == "Tomas Ferreira"
    assert blogger.published == "2023-08-21"
    assert blogger.canonical_url == "https://valleywatch.blogspot.example/2023/08/wells-run-dry.html"


def test_blogger_popular_posts_are_teasers(blogger):
    assert [(r.title, r.url) for r in blogger.related] == [
        ("A seed bank for the valley's old maize varieties",
         "https://valleywatch.blogspot.example/2023/05/seed-bank.html"),
        ("The new road, one year on", "https://valleywatch.blogspot.example/2023/01/new-road.html"),
    ]
    assert "red maize of San Telmo" in blogger.related[0].snippet
    assert "Read more" not in blogger.related[0].snippet
    assert blogger.related[1].snippet.startswith("Travel to the market town takes forty minutes")


def test_comments_only_on_request():
    result = extract_html(page("blogger_post.html"), options=HtmlOptions(include_comments=True))
    assert "My uncle in the lower valley says their well is fine" in body(result)
    assert result.paragraphs[0].startswith("Farmers in the upper valley")


def test_wordpress_post_without_sidebar_widgets(wordpress):
    assert wordpress.title == "Le marché couvert rouvre après deux ans de travaux"
    assert wordpress.paragraphs[0].startswith("Le marché couvert de la place des Tilleuls a rouvert")
    assert wordpress.paragraphs[-1].startswith("Le marché sera ouvert du mardi au dimanche")
    text = body(wordpress)
    for chrome in ("Rechercher", "Archives", "septembre 2022", "Connexion", "Vie locale", "Fête des vendanges",
                   "propulsé par WordPress", "piste cyclable"):
        assert chrome not in text
    assert wordpress.author == "Claire Dubosc"
    assert wordpress.published == "2022-10-05"
    assert wordpress.site_name == "Gazette du Canton"
    assert wordpress.language == "fr"
    assert wordpress.outlinks == ["https://www.region-exemple.example/deliberations/2020-114"]
    assert [r.url for r in wordpress.related] == [
        "https://gazette-canton.example/2022/09/28/piste-cyclable/",
        "https://gazette-canton.example/2022/09/20/ecole-musique/",
    ]
    assert wordpress.related[0].title == "Une piste cyclable entre la gare et le lycée"


def test_amp_page(amp):
    assert amp.title == "El tren nocturno vuelve a unir las dos capitales"
    assert amp.paragraphs[0].startswith("Después de nueve años sin servicio")
    assert amp.paragraphs[-1].startswith("El Ministerio de Transportes prevé")
    for chrome in ("Portada", "Deportes", "Menú", "Aviso legal", "Te puede interesar", "alta velocidad"):
        assert chrome not in body(amp)
    assert amp.author == "Inés Calderón"
    assert amp.published == "2021-06-02"
    assert amp.site_name == "Diario del Sur"
    assert amp.canonical_url == "https://www.diariodelsur.example/sociedad/tren-nocturno-vuelve.html"
    assert amp.language == "es"
    assert [(r.title, r.url) for r in amp.related] == [
        ("La alta velocidad acumula retrasos en el tramo norte",
         "https://www.diariodelsur.example/sociedad/alta-velocidad-retrasos.html"),
    ]


def test_page_without_article_has_no_paragraphs():
    result = extract_html(page("no_article.html"), "https://portal.example/login")
    assert result.paragraphs == []
    assert result.outlinks == []
    assert result.related == []


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "not html at all"])
def test_empty_or_junk_input(html):
    result = extract_html(html, "https://portal.example/x")
    assert result.paragraphs == []


def _long_report(paragraphs: int) -> str:
    """A news page whose article is `paragraphs` paragraphs of about 300 characters, beside a menu."""
    body = "".join(
        f"<p>The harbour board met on day {n} of the strike and heard from dockers, shipping agents and the mayor, "
        f"who said the port had lost {n * 3} sailings since the walkout began and that talks would resume on "
        f"Thursday at the town hall. Union officials said members had voted to continue the action until the "
        f"board answers their claim on night-shift pay.</p>" for n in range(paragraphs))
    return (f"<html><head><title>Harbour strike, day {paragraphs}</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
            f"<article><h1>Harbour strike, day {paragraphs}</h1>{body}</article>"
            "<footer><p>Northern Ledger, 1 Quay Street</p></footer></body></html>")


def test_trafilatura_compares_with_readability_only_where_it_can_change_the_article(monkeypatch):
    import trafilatura
    import trafilatura.external

    calls = []
    original = trafilatura.external.try_readability
    monkeypatch.setattr(trafilatura.external, "try_readability", lambda tree: calls.append(1) or original(tree))

    long_page, short_page = _long_report(30), _long_report(3)
    long_result = extract_html(long_page, "https://www.northernledger.example/news/strike-30")
    assert len(body(long_result)) > 6000 and not calls  # a long article of paragraphs: no second opinion
    assert "night-shift pay" in body(long_result) and "Quay Street" not in body(long_result)
    extract_html(short_page, "https://www.northernledger.example/news/strike-3")
    assert len(calls) == 1  # a short one is compared as trafilatura always does
    trafilatura.extract(long_page)
    assert len(calls) == 2  # and trafilatura called by anyone else in the process keeps its own cascade
