"""The web application over a database: pages, JSON API, and hostile text kept inert."""

import pytest
from fastapi.testclient import TestClient

from newsgraph.record import Article, Quote, RelatedPost
from newsgraph.store import Store, StoredPage
from newsgraph.web import create_app
from tests.pages import STORY_PARAGRAPHS

HOSTILE = [
    "<script>alert('owned')</script> The council met on <b onmouseover=\"alert(1)\">Monday</b> about the flood.",
    "Click <a href=\"javascript:alert(2)\">here</a> for the full flood report from the river authority.",
]


@pytest.fixture
def client(db_path):
    with Store(db_path) as store:
        store.add_batch([
            StoredPage(Article.from_paragraphs(STORY_PARAGRAPHS, title="River floods force thousands from homes",
                                               url="https://courier.example/flood", site_name="Courier",
                                               published="2026-03-14", language="en",
                                               related=[RelatedPost("Other post", "", "javascript:alert(3)")]),
                       "flood.html", "h1", "https://courier.example/flood"),
            StoredPage(Article.from_paragraphs(HOSTILE, title="<img src=x onerror=alert(4)> Council flood meeting",
                                               url="javascript:alert(5)"), "hostile.html", "h2", None),
        ])
    return TestClient(create_app(db_path))


def test_home_lists_articles_with_a_csp(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "River floods force thousands from homes" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/api/search?q=flood", "/api/articles/999999", "/nowhere", "/static/style.css", "/api/articles.csv"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    assert len(headers.get_list("content-security-policy")) == 1


def test_search_page_highlights_matches(client):
    response = client.get("/", params={"q": "levees"})
    assert "<mark>levees</mark>" in response.text
    assert "1 result for" in response.text


def test_article_page_shows_text_and_escapes_hostile_markup(client):
    page = client.get("/articles/2").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "&lt;img src=x onerror=alert(4)&gt; Council flood meeting" in page
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    flood = client.get("/articles/1").text
    assert STORY_PARAGRAPHS[0] in flood
    assert 'href="javascript:' not in flood and "Other post" in flood


def test_article_page_lists_quotes_with_their_speaker(db_path):
    article = Article.from_paragraphs(["<b>Mayor</b> Ana Ruiz said: \u201cThe <i>levee</i> held.\u201d"], title="Levee")
    start = article.text.index("The <i>")
    article.quotes = [Quote("The <i>levee</i> held.", start, start + 22, "Ana <Ruiz>", 10, 18, "said", "direct")]
    with Store(db_path) as store:
        store.add_batch([StoredPage(article, "q.html", "hq", None)])
    page = TestClient(create_app(db_path)).get("/articles/1").text
    assert "<b>Ana &lt;Ruiz&gt;</b>" in page and "“The &lt;i&gt;levee&lt;/i&gt; held.”" in page


def test_api(client):
    assert client.get("/api/stats").json()["articles"] == 2
    listed = client.get("/api/articles", params={"limit": 1}).json()["items"]
    assert len(listed) == 1
    article = client.get("/api/articles/1").json()
    assert article["title"] == "River floods force thousands from homes" and article["origin"] == "flood.html"
    hits = client.get("/api/search", params={"q": "flood"}).json()["items"]
    assert {h["id"] for h in hits} == {1, 2}


def test_api_errors_are_clear_json(client):
    missing = client.get("/api/articles/99")
    assert missing.status_code == 404 and missing.json()["error"] == "article 99 not found"
    assert client.get("/api/articles", params={"limit": "lots"}).status_code == 422
    assert client.get("/api/search").status_code == 400
    assert client.get("/articles/x").status_code == 422


# -- the highlighted article text ----------------------------------------------------------

from newsgraph.web.highlight import Mark, Range, highlight  # noqa: E402


def test_highlight_escapes_every_piece_and_attribute():
    text = 'Ana <b>Ruiz</b> said "<script>x()</script>" & left.'
    html = str(highlight(text, [(0, len(text))],
                         [Mark(0, 14, "person", 'Ana "<Ruiz>"', "/actors/1")],
                         [Range(21, 43, "quote", "Quote from <Ruiz>", "<Ruiz>")]))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "&amp; left." in html
    assert 'title="Ana &#34;&lt;Ruiz&gt;&#34;"' in html and '— &lt;Ruiz&gt;</span>' in html
    assert html.startswith('<p><a class="ent ent-person" href="/actors/1"')


def test_highlight_keeps_marks_whole_and_drops_overlaps():
    text = "The United Nations met in Tunis today."
    marks = [Mark(4, 18, "igo", "UN"), Mark(8, 14, "place", "nested, dropped"), Mark(26, 31, "place", "Tunis")]
    # The quote starts inside "United Nations": it is moved to the mark's start, the mark is not cut.
    html = str(highlight(text, [(0, len(text))], marks, [Range(10, 31, "quote", "q")]))
    assert html.count('<mark class="ent ') == 2 and "nested" not in html
    assert 'class="ent ent-igo hl-quote"' in html and ">United Nations<" in html
    assert 'class="ent ent-place hl-quote"' in html


def test_highlight_splits_ranges_at_paragraphs():
    text = "First part.\n\nSecond part."
    html = str(highlight(text, [(0, 11), (13, 25)], [], [Range(6, 19, "event", "Event: X")]))
    assert html.count("<p>") == 2 and html.count('class="hl-event"') == 2


# -- the other pages -----------------------------------------------------------------------


def test_actor_place_map_timeline_and_docs_pages(db_path):
    article = Article.from_paragraphs(["<i>Ana Ruiz</i> visited Tripoli on Monday."], title="Visit",
                                      published="2026-03-01", site_name="Courier")
    from newsgraph.record import Entity, Place

    article.entities = [Entity("<i>Ana Ruiz</i>", "person", [], "<b>mayor</b>", [[0, 15]])]
    article.places = [Place("Tripoli", 2210247, "LY", None, 32.9, 13.2, "P.PPLC", [[24, 31]])]
    with Store(db_path) as store:
        store.add_batch([StoredPage(article, "v.html", "hv", None)])
    client = TestClient(create_app(db_path))
    actor = client.get("/actors/1").text
    assert "&lt;i&gt;Ana Ruiz&lt;/i&gt;" in actor and "<i>Ana" not in actor and 'id="actor-network"' in actor
    assert "&lt;b&gt;mayor&lt;/b&gt;" in actor
    place = client.get("/places/1").text
    assert "Tripoli" in place and "/articles/1" in place
    assert 'data-basemap="/static/vendor/world-atlas-countries-110m.json"' in client.get("/map?country=LY").text
    assert 'id="timeline"' in client.get("/timeline?site=Courier").text
    assert client.get("/static/vendor/world-atlas-countries-110m.json").json()["type"] == "Topology"
    assert "Visit" in client.get("/?actor=1").text and "Ana Ruiz" in client.get("/actors?name=Ruiz").text


def test_pages_answer_errors_as_pages(client):
    missing = client.get("/actors/999")
    assert missing.status_code == 404 and "actor 999 not found" in missing.text
    assert missing.headers["content-type"].startswith("text/html")
    bad = client.get("/", params={"date_from": "2026-02-30"})
    assert bad.status_code == 400 and "not a date" in bad.text


def test_clusters_page(client):
    page = client.get("/clusters")
    assert page.status_code == 200 and "Clusters of copies" in page.text
