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
from newsgraph.record import Article, Citation, Entity, Event, Place, Quote
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
    met = article.text.index("met")
    article.events = [Event("ASSAULT", 0, len(article.text), actor1={"name": None, "text": f"<img src=x onerror={PWN}>"},
                            actor2={"name": None, "text": f"<a href=\"javascript:{PWN}\">x</a>"},
                            place={"name": f"<svg onload={PWN}>", "country": "LY", "lat": 31.1, "lon": 16.6},
                            date="2026-03-01", date_precision="day", trigger=[met, met + 3], confidence=0.99)]
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


def _watched(context):
    """A new page of the context that records console errors, uncaught exceptions and dialogs."""
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    return tab


@pytest.fixture
def page(browser):
    """A fresh desktop page that records console errors, uncaught exceptions and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _watched(context)
    context.close()


@pytest.fixture
def phone(browser):
    """A fresh page at a phone's size, with touch."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    yield _watched(context)
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
    page.wait_for_selector("#actor-tone-chart svg rect.bar")  # its tone per week (the samples are in English)
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


# -- events, map and timeline that answer questions ----------------------------------------------

EVERY = "min_confidence=0&event_status=all"  # every stored event, whatever its confidence or status


def _no_horizontal_scroll(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_events_table_filters_sorts_and_opens_an_event_and_its_sentence(server, page):
    page.goto(f"{server['url']}/events?{EVERY}")
    rows = page.locator("table.events-table tr.event-row")
    assert rows.count() > 0 and "event" in page.text_content("#event-count")
    kind = page.text_content("table.events-table tr.event-row .ev-type").strip()
    page.select_option("form.filters select[name=event_type]", kind)
    page.click("form.filters button")
    page.wait_for_url(f"**/events?*event_type={kind}*")
    assert {t.strip() for t in page.locator("table.events-table tr.event-row .ev-type").all_text_contents()} == {kind}
    assert f"type: {kind}" in page.text_content(".active-filters")
    total = int(page.text_content("#event-count").split()[0])
    api = httpx.get(f"{server['url']}/api/events?{EVERY}&event_type={kind.lower()}").json()["total"]
    assert total == api  # the page and the API, types in any case
    page.click(".sort-by a:text('confidence')")
    page.wait_for_url("**sort=confidence*")
    page.click("table.events-table tr.event-row a:text('details')")
    page.wait_for_selector("blockquote.report-sentence")
    assert kind in page.text_content("h1") and "independent source" in page.text_content("#event-sources")
    link = page.locator("ol.event-reports a[href*='#report-']").first
    anchor = link.get_attribute("href").split("#")[1]  # below the floor: with ?min_confidence=0
    link.click()
    page.wait_for_selector("#article-body")
    assert page.locator(f"#article-body #{anchor}").count() == 1  # the sentence, linked
    row = page.locator(f"#event-row-{anchor.split('-')[1]}")
    assert row.locator(".status").count() == 1 and "confidence" in row.text_content()
    assert page.locator(f"#article-body a.back-link[href='#event-row-{anchor.split('-')[1]}']").count() == 1
    assert page.problems == []


def test_events_filters_fold_on_a_phone_and_open_when_tapped(server, phone, page):
    phone.goto(f"{server['url']}/events?{EVERY}")
    phone.wait_for_selector("table.events-table")
    assert phone.eval_on_selector("details.filter-panel", "d => d.open") is False  # folded: the table comes first
    assert not phone.is_visible("form.filters button")
    phone.tap("details.filter-panel summary")
    phone.wait_for_selector("form.filters button", state="visible")
    page.goto(f"{server['url']}/events?{EVERY}")
    assert page.eval_on_selector("details.filter-panel", "d => d.open") is True  # a desktop keeps it open
    assert phone.problems == [] and page.problems == []


def test_events_actor_field_suggests_names_and_narrows_the_table(server, page):
    actor = httpx.get(f"{server['url']}/api/actors?limit=1").json()["items"][0]
    page.goto(f"{server['url']}/events?{EVERY}")
    page.fill("form.filters input[name=actor_name]", actor["name"][:4])
    page.wait_for_selector("#actor-names option", state="attached")
    assert actor["name"] in page.eval_on_selector_all("#actor-names option", "os => os.map(o => o.value)")
    page.fill("form.filters input[name=actor_name]", actor["name"])
    page.click("form.filters button")
    page.wait_for_url("**/events?*actor_name=*")
    total = int(page.text_content("#event-count").split()[0])
    assert total == httpx.get(f"{server['url']}/api/events?{EVERY}&actor={actor['id']}").json()["total"]
    assert actor["name"] in page.text_content(".active-filters")
    assert page.problems == []


def test_events_table_on_a_phone_scrolls_in_its_box(server, phone):
    phone.goto(f"{server['url']}/events?{EVERY}")
    phone.wait_for_selector("table.events-table")
    assert _no_horizontal_scroll(phone)
    assert phone.eval_on_selector(".table-wrap", "e => getComputedStyle(e).overflowX") == "auto"
    phone.goto(f"{server['url']}/actors")
    assert _no_horizontal_scroll(phone)
    assert phone.problems == []


def test_map_colours_types_opens_popups_and_fits_the_selection(server, page):
    page.goto(f"{server['url']}/map?{EVERY}")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("#map-legend span[class^='ev-']").count() > 0
    assert int(page.get_attribute("#map", "data-total")) == httpx.get(
        f"{server['url']}/api/events?{EVERY}&limit=1").json()["total"]  # the map counts what the table lists
    marker = page.locator("#map a.marker-link").first
    assert "ev-" in marker.get_attribute("class")
    marker.click()
    page.wait_for_selector("#map-popup li a[href^='/events/']")
    assert page.locator("#map-popup a.popup-all").count() == 1
    page.keyboard.press("Escape")
    assert page.locator("#map-popup").is_hidden()
    page.goto(f"{server['url']}/map?{EVERY}&country=LY")
    page.wait_for_selector("#map[data-ready]")
    width = float(page.get_attribute("#map svg", "viewBox").split()[2])
    assert width < 120  # zoomed to Libya, not the world (360)
    assert page.problems == []


def test_map_by_keyboard(server, page):
    page.goto(f"{server['url']}/map?{EVERY}")
    page.wait_for_selector("#map[data-ready]")
    page.focus("#map svg")
    before = page.get_attribute("#map svg", "viewBox")
    page.keyboard.press("+")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#map svg", "viewBox") != before
    page.keyboard.press("0")  # back to the points
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#map .points')"):
            break
    else:
        pytest.fail("no point of the map is reachable with Tab")
    if page.evaluate("document.activeElement.classList.contains('marker-link')"):
        page.keyboard.press("Enter")
        page.wait_for_selector("#map-popup:not([hidden])")
        assert page.evaluate("document.activeElement.closest('#map-popup') !== null")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.classList.contains('marker-link')")  # focus comes back
    else:
        zoomed = page.get_attribute("#map svg", "viewBox")
        page.keyboard.press("Enter")
        assert page.get_attribute("#map svg", "viewBox") != zoomed
    assert page.problems == []


def test_map_on_a_phone_is_tall_and_answers_touch(server, phone):
    phone.goto(f"{server['url']}/map?{EVERY}")
    phone.wait_for_selector("#map[data-ready]")
    assert phone.eval_on_selector("#map", "e => e.getBoundingClientRect().height") >= 300
    assert _no_horizontal_scroll(phone)
    before = phone.get_attribute("#map svg", "viewBox")
    point = phone.locator("#map .points > *").first
    point.tap()
    if "marker-link" in (point.get_attribute("class") or ""):
        phone.wait_for_selector("#map-popup:not([hidden])")
    else:
        assert phone.get_attribute("#map svg", "viewBox") != before  # a cluster zooms in
    assert phone.problems == []


def test_timeline_has_a_time_axis_fixed_colours_and_bars_that_open_the_table(server, page):
    page.goto(f"{server['url']}/timeline?{EVERY}")
    page.wait_for_selector("#timeline svg a rect.bar")
    status = page.text_content("#timeline-status")
    assert "on the time axis" in status
    total = httpx.get(f"{server['url']}/api/events?{EVERY}&limit=1").json()["total"]
    assert int(page.get_attribute("#timeline", "data-total")) == total
    bar = page.locator("#timeline svg a rect.bar").first
    kind = next(c[3:] for c in bar.get_attribute("class").split() if c.startswith("ev-"))
    colour = bar.evaluate("e => getComputedStyle(e).fill")
    page.goto(f"{server['url']}/timeline?{EVERY}&event_type={kind.lower()}")
    page.wait_for_selector("#timeline svg a rect.bar")
    assert page.locator("#timeline svg a rect.bar").first.evaluate("e => getComputedStyle(e).fill") == colour
    href = page.locator("#timeline svg a").first.get_attribute("href")
    assert "date_from=" in href and "date_to=" in href and f"event_type={kind}" in href
    page.locator("#timeline svg a").first.click()
    page.wait_for_url("**/events?*")
    assert page.locator("table.events-table tr.event-row").count() > 0
    assert page.problems == []


def test_skip_link_reaches_the_content(server, page):
    page.goto(f"{server['url']}/events")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.problems == []


def test_actor_and_place_pages_show_their_own_events(server, page):
    event = httpx.get(f"{server['url']}/api/events?{EVERY}&limit=50").json()["items"]
    actor = next(e["actor1_id"] for e in event if e["actor1_id"])
    place = next(e["place_id"] for e in event if e["place_id"])
    shown = httpx.get(f"{server['url']}/api/events", params={"actor": actor, "limit": 1}).json()["total"]
    page.goto(f"{server['url']}/actors/{actor}")
    assert f"{shown} events" in page.text_content(".figures")
    page.click(".figures a:text('map of its events')")
    page.wait_for_selector("#map[data-total]")
    assert int(page.get_attribute("#map", "data-total")) == shown
    assert "actor: " in page.text_content(".active-filters")  # a name, not an id
    page.goto(f"{server['url']}/places/{place}?")
    assert page.locator("h2:text('Events located here')").count() == 1
    assert page.problems == []


def test_actors_by_type_and_facets_with_more(server, page):
    page.goto(f"{server['url']}/actors")
    page.select_option("form.filters select[name=type]", "person")
    page.click("form.filters button")
    page.wait_for_url("**/actors?*type=person*")
    types = {t.strip() for t in page.locator("table.list tbody td:nth-child(2)").all_text_contents()}
    assert types == {"person"}
    page.goto(f"{server['url']}/")
    more = page.locator(".facet-more a")
    if more.count():
        shown = page.locator(".facets ul").first.locator("li").count()
        more.first.click()
        page.wait_for_url("**more=*")
        assert page.locator(".facet-more a:text('fewer')").count() == 1
        assert page.locator(".facets ul").first.locator("li").count() >= shown
    assert page.problems == []


def test_hostile_event_text_stays_text_in_the_table_the_event_the_map_and_the_timeline(server, page):
    found = httpx.get(f"{server['url']}/api/events", params={"q": "hostile", "min_confidence": 0}).json()["items"]
    assert found, "the hostile article's event"
    event = found[0]
    for path in ["/events?q=hostile", f"/events/{event['id']}", "/timeline?q=hostile", f"/places/{event['place_id']}"]:
        page.goto(server["url"] + path)
        page.wait_for_load_state("networkidle")
        for cell in page.locator("main td, main li, main dd, main blockquote").all()[:40]:
            cell.hover(timeout=2000)
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{server['url']}/events?q=hostile")
    assert f"<img src=x onerror={PWN}>" in page.text_content("table.events-table")
    page.goto(f"{server['url']}/map?q=hostile")
    page.wait_for_selector("#map[data-ready]")
    page.locator(f"#map a.marker-link[data-place='{event['place_id']}']").click()
    page.wait_for_selector("#map-popup li a")
    assert f"<svg onload={PWN}>" in page.text_content("#map-popup h2")
    assert f"<img src=x onerror={PWN}>" in page.text_content("#map-popup li")
    assert page.locator("#map-popup img, #map-popup svg, a[href^='javascript:']").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []
