"""The web application in a real browser: Debian's headless chromium driven by Playwright.

One server (uvicorn in a subprocess) serves a database built once from the bundled samples
plus one hostile article; the tests search, open an article and see its highlights, open an
actor page, see markers on the map, watch the console for errors, and check that the hostile
article's markup (script tags, event handlers, javascript: URLs in its text, title, URL and
facts) never runs.  Skipped, with the reason, where chromium or Playwright is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from newsgraph.confidence import threshold
from newsgraph.record import Article, Citation, Entity, Place, Quote
from newsgraph.samples import sample_paths
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
# As the machine notes say: no sandbox as root, and no background traffic to the closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PWN = "window.__pwned=1"


def _playwright():
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright


def hostile_article() -> Article:
    text = (f"<script>{PWN}</script> The council met on <b onmouseover=\"{PWN}\">Monday</b> in <img src=x onerror={PWN}>. "
            f"Click <a href=\"javascript:{PWN}\">here</a> said <svg onload={PWN}>.")
    article = Article.from_paragraphs([text], title=f"<img src=x onerror={PWN}> Hostile council",
                                      url=f"javascript:{PWN}", site_name=f"<i onclick={PWN}>Evil site</i>",
                                      published="2026-03-01", language="en")
    svg = article.text.index("<svg")
    img = article.text.index("<img")
    script = article.text.index("<script>")
    article.entities = [Entity(f"<svg onload={PWN}>", "person", [], f"<b onclick={PWN}>", [[svg, svg + 25]])]
    article.places = [Place(f"<img src=x onerror={PWN}>", None, "LY", None, 32.9, 13.2, None, [[img, img + 27]])]
    article.quotes = [Quote(article.text[script:script + 40], script, script + 40, f"<svg onload={PWN}>", svg,
                            svg + 25, "said", "direct")]
    article.citations = [Citation(f"<a href='javascript:{PWN}'>x</a>", "said", 0, 20)]
    return article


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The URL of a server over the samples and the hostile article, and the hostile article's id."""
    _playwright()
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "samples.db"
    subprocess.run([sys.executable, "-m", "newsgraph", "ingest", *map(str, sample_paths()), "--db", str(db), "--quiet"],
                   check=False, capture_output=True, timeout=600)
    with Store(db) as store:
        [result] = store.add_batch([StoredPage(hostile_article(), "hostile.html", "hostile-page")])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(folder / "server.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(url + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail(f"the server did not start: {(folder / 'server.log').read_text()}")
        yield {"url": url, "hostile": result.article_id}
    finally:
        process.terminate()
        process.wait(10)
        log.close()


@pytest.fixture(scope="session")
def browser(server):
    with _playwright()() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, uncaught exceptions and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    context.close()


def test_search_then_open_an_article_with_highlights(server, page):
    page.goto(server["url"] + "/")
    page.fill("header input[name=q]", "detainees")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/?q=detainees")
    assert "result" in page.text_content("#result-count")
    assert page.locator("ol.results mark").count() > 0  # the snippets' matched words
    assert page.locator(".facets h2").count() >= 2
    page.click("ol.results li:first-child a.result-title")
    page.wait_for_selector("#article-body")
    assert page.locator("#article-body .ent").count() > 3
    assert page.locator("#article-body .ent-place").count() > 0
    assert page.locator("#article-body .hl-quote").count() > 0
    assert page.locator("#article-body .quote-speaker").count() > 0
    assert page.locator(".facts .quotes li").count() > 0
    assert page.problems == []


def test_article_links_to_its_copies(server, page):
    with Store(_db_of(server)) as store:
        copied = store.articles_page(Filters(copy_class="full_copy"), 1).items
    if not copied:
        pytest.skip("this database has no copies (the reuse stage has not run)")
    page.goto(f"{server['url']}/articles/{copied[0]['id']}")
    assert page.locator("ul.reuse a").count() > 0
    assert page.problems == []


def test_actor_page_draws_its_timeline_and_network(server, page):
    actor = httpx.get(server["url"] + "/api/actors", params={"limit": 1}).json()["items"][0]
    page.goto(f"{server['url']}/actors/{actor['id']}")
    assert page.text_content("h1").strip() == actor["name"]
    page.wait_for_selector("#actor-timeline svg rect.bar")
    page.wait_for_selector("#actor-network svg circle")
    assert page.locator("#actor-network svg a").count() >= 2
    assert page.problems == []


def test_map_shows_markers_and_zooms(server, page):
    page.goto(server["url"] + "/map")
    page.wait_for_selector("#map svg path.land")
    page.wait_for_selector("#map svg circle.marker")
    assert page.locator("#map svg path.land").count() > 150  # the countries of the shipped basemap
    before = page.locator("#map svg circle.marker").count()
    assert before > 0 and page.locator("#map-list li").count() > 0
    viewbox = page.get_attribute("#map svg", "viewBox")
    page.click(".map-zoom button[aria-label='zoom in']")
    assert page.get_attribute("#map svg", "viewBox") != viewbox
    assert page.problems == []


def test_filter_form_narrows_the_map(server, page):
    page.goto(server["url"] + "/map?min_confidence=0")  # every event, however sure
    page.wait_for_selector("#map svg circle.marker")
    everywhere = int(page.get_attribute("#map", "data-points"))
    page.fill("form.filters input[name=country]", "LY")
    page.click("form.filters button")
    page.wait_for_url("**/map?*country=LY*")
    page.wait_for_selector("#map[data-points]")
    assert 0 < int(page.get_attribute("#map", "data-points")) < everywhere
    assert page.locator(".active-filters .chip").count() == 2  # the country and the confidence floor
    assert page.problems == []


def test_the_map_shows_only_confident_events_by_default(server, page):
    page.goto(server["url"] + "/map?min_confidence=0")
    page.wait_for_selector("#map[data-points]")
    everything = int(page.get_attribute("#map", "data-points"))
    page.goto(server["url"] + "/map")
    page.wait_for_selector("#map[data-points]")
    assert int(page.get_attribute("#map", "data-points")) < everything  # the sample corpus has doubtful events
    field = page.locator("form.filters input[name=min_confidence]")
    assert field.get_attribute("placeholder") == "default"
    assert f"events {threshold('events')}" in field.get_attribute("title")  # each kind's threshold is told
    assert page.problems == []


def test_timeline_and_other_pages_have_no_console_errors(server, page):
    for path in ["/timeline", "/actors", "/docs", "/clusters", "/places/1", "/?q=libya&country=LY", "/map?event_type=ASSAULT"]:
        page.goto(server["url"] + path)
        page.wait_for_load_state("networkidle")
    page.goto(server["url"] + "/timeline")
    page.wait_for_selector("#timeline svg")
    assert page.problems == []


def test_hostile_article_runs_no_script(server, page):
    hostile = server["hostile"]
    for path in [f"/articles/{hostile}", "/?q=council", "/?q=hostile", "/actors?name=svg", "/map?q=council"]:
        page.goto(server["url"] + path)
        page.wait_for_load_state("networkidle")
        for paragraph in page.locator("main p, main li, main h1").all()[:40]:  # fire any mouseover handler
            paragraph.hover(timeout=2000)
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{server['url']}/articles/{hostile}")
    body = page.text_content("#article-body")
    assert f"<script>{PWN}</script>" in body and f"<svg onload={PWN}>" in page.text_content(".facts")
    assert page.locator("#article-body script, #article-body img, #article-body svg").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.text_content("h1").startswith("<img src=x")
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def _db_of(server) -> str:
    stats = httpx.get(server["url"] + "/api/stats").json()
    return stats["database"]
