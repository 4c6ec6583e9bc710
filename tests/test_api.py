"""The JSON API: every endpoint, every filter, pagination, CSV, counts, ingest, and clear 4xx errors.

The database is built once from hand-made articles whose facts are known, so each filter
has an exact expected answer.  Events and provenance are asserted when this database has
their tables, and otherwise the lists must come back empty with a note.
"""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from newsgraph.record import Article, Citation, Entity, Event, Place, Quote
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters
from newsgraph.web import create_app

TRIPOLI = {"name": "Tripoli", "geonameid": 2210247, "country": "LY", "lat": 32.88, "lon": 13.19}


def _span(text: str, words: str, after: int = 0) -> list[int]:
    start = text.index(words, after)
    return [start, start + len(words)]


def _flood() -> Article:
    text = ("John Kirby said the Islamic State attacked Tripoli on Monday. "
            "\u201cThe situation is grave,\u201d Kirby told reporters, Reuters reported.")
    a = Article.from_paragraphs([text], title="Attack in Tripoli", url="https://courier.example/a1",
                                site_name="Courier", published="2026-03-14", language="en")
    kirby = [_span(a.text, "John Kirby"), _span(a.text, "Kirby", 20)]
    a.entities = [
        Entity("John Kirby", "person", ["Kirby"], "US State Department spokesman", kirby, "US"),
        Entity("Islamic State", "armed_group", [], None, [_span(a.text, "Islamic State")], None, "rebel", "islamic-state"),
    ]
    a.places = [Place("Tripoli", 2210247, "LY", None, 32.88, 13.19, "P.PPLC", [_span(a.text, "Tripoli")])]
    q = _span(a.text, "The situation is grave,")
    a.quotes = [Quote("The situation is grave,", q[0], q[1], "John Kirby", kirby[1][0], kirby[1][1], "told", "direct")]
    a.citations = [Citation("Reuters", "reported", 0, len(a.text))]
    trigger = _span(a.text, "attacked")
    a.events = [Event("ASSAULT", 0, 61, mode="beat", actor1={"name": "Islamic State", "text": "the Islamic State"},
                      place=TRIPOLI, date="2026-03-09", date_precision="day", trigger=trigger, confidence=0.9)]
    return a


def _talks() -> Article:
    text = "The United Nations hosted talks in Tunis. Envoys from Libya met for a week."
    a = Article.from_paragraphs([text], title="Talks in Tunis", url="https://gazette.example/a2",
                                site_name="Gazette", published="2026-03-20", language="en")
    a.entities = [Entity("United Nations", "igo", ["UN"], None, [_span(a.text, "United Nations")], None, "igo", "un"),
                  Entity("Libya", "country", [], None, [_span(a.text, "Libya")], "LY", None, "country:LY")]
    a.places = [Place("Tunis", 2464470, "TN", None, 36.82, 10.17, "P.PPLC", [_span(a.text, "Tunis")])]
    a.quotes = [Quote("talks in Tunis", 27, 41, "United Nations", 4, 18, "hosted", "indirect")]
    a.events = [Event("CONSULT", 0, 41, actor1={"name": "United Nations"}, place={**TRIPOLI, "name": "Tunis",
                      "geonameid": 2464470, "country": "TN", "lat": 36.82, "lon": 10.17}, date="2026-03-20",
                      trigger=_span(a.text, "hosted"))]
    return a


def _french() -> Article:
    return Article.from_paragraphs(["=Inondation à Tripoli: les habitants quittent leurs maisons."],
                                   title="Inondation", url="https://courier.example/a3", site_name="Courier",
                                   published="2026-04-02", language="fr")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "api.db")
    with Store(path) as store:
        store.add_batch([StoredPage(_flood(), "a1.html", "h1"), StoredPage(_talks(), "a2.html", "h2"),
                         StoredPage(_french(), "a3.html", "h3")])
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def ids(db) -> dict:
    with Store(db) as store:
        actors = {r["name"]: r["id"] for r in store.actors_page(Filters(), 100).items}
        places = {r["name"]: r["id"] for r in store.places_page(Filters(), 100).items}
        return {"actors": actors, "places": places, "events": store.has_table("event_reports"),
                "reuse": store.has_table("article_reuse")}


def _titles(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["title"] for item in response.json()["items"]}


# -- articles and filters -----------------------------------------------------------------


def test_articles_list_newest_first_with_total(client):
    body = client.get("/api/articles").json()
    assert body["total"] == 3 and body["next_offset"] is None
    assert [i["title"] for i in body["items"]] == ["Inondation", "Talks in Tunis", "Attack in Tripoli"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"site": "Courier"}, {"Attack in Tripoli", "Inondation"}),
        ({"language": "fr"}, {"Inondation"}),
        ({"date_from": "2026-03-15"}, {"Talks in Tunis", "Inondation"}),
        ({"date_to": "2026-03-20"}, {"Attack in Tripoli", "Talks in Tunis"}),
        ({"date_from": "2026-03-15", "date_to": "2026-03-31"}, {"Talks in Tunis"}),
        ({"country": "tn"}, {"Talks in Tunis"}),
        ({"q": "tripoli"}, {"Attack in Tripoli", "Inondation"}),
        ({"q": "tripoli", "site": "Courier", "language": "en"}, {"Attack in Tripoli"}),
        ({"site": "Nowhere"}, set()),
    ],
)
def test_article_filters_combine(client, params, expected):
    assert _titles(client.get("/api/articles", params=params)) == expected


def test_actor_place_and_speaker_filters(client, ids):
    kirby, un = ids["actors"]["John Kirby"], ids["actors"]["United Nations"]
    assert _titles(client.get("/api/articles", params={"actor": kirby})) == {"Attack in Tripoli"}
    assert _titles(client.get("/api/articles", params={"place": ids["places"]["Tunis"]})) == {"Talks in Tunis"}
    assert _titles(client.get("/api/articles", params={"speaker": un})) == {"Talks in Tunis"}
    assert _titles(client.get("/api/articles", params={"actor": kirby, "site": "Gazette"})) == set()


def test_event_and_copy_class_filters(client, ids):
    assault = client.get("/api/articles", params={"event_type": "ASSAULT"})
    beat = client.get("/api/articles", params={"event_type": "ASSAULT", "event_mode": "beat"})
    if ids["events"]:
        assert _titles(assault) == {"Attack in Tripoli"} and _titles(beat) == {"Attack in Tripoli"}
        assert _titles(client.get("/api/articles", params={"event_mode": "nothing"})) == set()
    else:
        assert assault.json()["total"] == 0 and "events" in assault.json()["note"]
    originals = client.get("/api/articles", params={"copy_class": "original"})
    if ids["reuse"]:
        assert originals.json()["total"] == 3
    else:
        assert originals.json()["total"] == 0 and "provenance" in originals.json()["note"]


def test_pagination_is_stable_and_complete(client):
    seen = []
    offset = 0
    while offset is not None:
        body = client.get("/api/articles", params={"limit": 2, "offset": offset}).json()
        assert body["total"] == 3
        seen += [i["id"] for i in body["items"]]
        offset = body["next_offset"]
    assert len(seen) == 3 == len(set(seen))
    assert client.get("/api/articles", params={"limit": 2, "offset": 2}).json()["items"][0]["id"] == seen[2]


def test_one_article_with_everything(client, ids):
    listed = client.get("/api/articles", params={"q": "Kirby"}).json()["items"][0]
    body = client.get(f"/api/articles/{listed['id']}").json()
    assert body["title"] == "Attack in Tripoli" and body["origin"] == "a1.html"
    kirby = next(e for e in body["entities"] if e["name"] == "John Kirby")
    assert kirby["id"] == ids["actors"]["John Kirby"] and kirby["role"] == "US State Department spokesman"
    assert body["places"][0]["id"] == ids["places"]["Tripoli"]
    assert body["quotes"][0]["speaker_id"] == kirby["id"]
    assert body["citations"][0]["source"] == "Reuters"
    if ids["events"]:
        assert body["events"][0]["type"] == "ASSAULT"
    if ids["reuse"]:
        assert body["reuse"]["class"] == "original" and body["reuse"]["copies"] == []
    else:
        assert "note" in body["reuse"]


# -- search ---------------------------------------------------------------------------------


def test_search_ranks_and_highlights(client):
    body = client.get("/api/search", params={"q": "tripoli"}).json()
    assert body["total"] == 2 and body["query"] == "tripoli"
    assert body["items"][0]["title"] == "Attack in Tripoli"  # the title match ranks first
    assert ["Tripoli", True] in body["items"][0]["snippet"]
    assert body["items"][0]["score"] >= body["items"][1]["score"]


def test_search_with_filters_and_facets(client, ids):
    body = client.get("/api/search", params={"q": "tripoli", "language": "en", "facets": "true"}).json()
    assert [i["title"] for i in body["items"]] == ["Attack in Tripoli"]
    facets = body["facets"]
    assert facets["site"] == [{"value": "Courier", "count": 1}]
    assert {f["label"] for f in facets["actor"]} == {"John Kirby", "Islamic State"}
    assert facets["place"][0]["label"] == "Tripoli" and facets["month"][0]["value"] == "2026-03"
    if ids["events"]:
        assert facets["event_type"] == [{"value": "ASSAULT", "count": 1}]


def test_search_beyond_the_rank_window_ranks_the_newest_and_says_so(client, monkeypatch):
    """The title match (stored first) falls outside a window of one: the newest match ranks alone, and the answer says so."""
    from newsgraph.store.read import articles as queries

    monkeypatch.setattr(queries, "RANK_WINDOW", 1)
    body = client.get("/api/search", params={"q": "tripoli"}).json()
    assert body["total"] == 2 and "most recently stored" in body["note"]
    assert [i["title"] for i in body["items"]] == ["Inondation"]
    page = client.get("/", params={"q": "tripoli"})
    assert "ranked among the 1 most recently stored" in page.text
    monkeypatch.setattr(queries, "RANK_WINDOW", 5000)
    assert "note" not in client.get("/api/search", params={"q": "tripoli"}).json()


def test_search_survives_broken_query_syntax(client):
    for q in ['"tripoli', "tripoli AND", "kirby:", "(((", "-tripoli"]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200, (q, response.text)


# -- counts ---------------------------------------------------------------------------------


def test_counts_per_day_week_month(client):
    day = client.get("/api/counts", params={"interval": "day"}).json()["counts"]
    assert day == [{"period": "2026-03-14", "count": 1}, {"period": "2026-03-20", "count": 1},
                   {"period": "2026-04-02", "count": 1}]
    week = client.get("/api/counts", params={"interval": "week", "site": "Courier"}).json()["counts"]
    assert week == [{"period": "2026-03-09", "count": 1}, {"period": "2026-03-30", "count": 1}]
    month = client.get("/api/counts", params={"interval": "month"}).json()["counts"]
    assert month == [{"period": "2026-03", "count": 2}, {"period": "2026-04", "count": 1}]


# -- actors, places, quotes, citations ------------------------------------------------------


def test_actors(client, ids):
    body = client.get("/api/actors").json()
    assert body["total"] == 4
    assert {a["name"] for a in client.get("/api/actors", params={"type": "person"}).json()["items"]} == {"John Kirby"}
    assert [a["name"] for a in client.get("/api/actors", params={"name": "nation"}).json()["items"]] == ["United Nations"]
    assert {a["name"] for a in client.get("/api/actors", params={"site": "Gazette"}).json()["items"]} == {
        "United Nations", "Libya"}
    kirby = ids["actors"]["John Kirby"]
    one = client.get(f"/api/actors/{kirby}").json()
    assert one["aliases"] == ["Kirby"] and one["roles"] == ["US State Department spokesman"] and one["quotes"] == 1
    timeline = client.get(f"/api/actors/{kirby}/timeline", params={"interval": "day"}).json()["series"]
    assert timeline == [{"period": "2026-03-14", "articles": 1, "quotes": 1, "events": 0}]
    network = client.get(f"/api/actors/{kirby}/network").json()
    assert {n["name"] for n in network["nodes"]} == {"John Kirby", "Islamic State"}
    assert network["links"] == [{"source": kirby, "target": ids["actors"]["Islamic State"], "weight": 1}]
    places = client.get(f"/api/actors/{kirby}/places").json()
    assert places["basis"] == "articles" and places["items"][0]["name"] == "Tripoli"
    if ids["events"]:
        state = client.get(f"/api/actors/{ids['actors']['Islamic State']}/places").json()
        assert state["basis"] == "events" and state["items"][0]["name"] == "Tripoli"


def test_places(client, ids):
    assert client.get("/api/places").json()["total"] == 2
    assert [p["name"] for p in client.get("/api/places", params={"country": "LY"}).json()["items"]] == ["Tripoli"]
    assert [p["name"] for p in client.get("/api/places", params={"name": "tun"}).json()["items"]] == ["Tunis"]
    for wildcard in ("%", "_unis", "T%s"):  # LIKE wildcards in a name are letters, not patterns
        assert client.get("/api/places", params={"name": wildcard}).json()["total"] == 0
        assert client.get("/api/actors", params={"name": wildcard}).json()["total"] == 0
    one = client.get(f"/api/places/{ids['places']['Tripoli']}").json()
    assert one["country"] == "LY" and one["articles"] == 1
    assert {a["name"] for a in one["actors"]} == {"John Kirby", "Islamic State"}


def test_quotes_and_citations(client, ids):
    quotes = client.get("/api/quotes").json()
    assert quotes["total"] == 2
    mine = client.get("/api/quotes", params={"speaker": ids["actors"]["John Kirby"]}).json()["items"]
    assert [(q["speaker"], q["text"]) for q in mine] == [("John Kirby", "The situation is grave,")]
    assert client.get("/api/quotes", params={"language": "fr"}).json()["total"] == 0
    citations = client.get("/api/citations", params={"source": "Reuters"}).json()
    assert citations["total"] == 1 and citations["items"][0]["sentence"].startswith("John Kirby said")
    assert client.get("/api/citations", params={"source": "Nobody"}).json()["total"] == 0


# -- events, map, clusters ------------------------------------------------------------------


def test_events_timeline_and_map(client, ids):
    events = client.get("/api/events").json()
    counts = client.get("/api/events/counts", params={"interval": "day"}).json()
    points = client.get("/api/map").json()
    places_layer = client.get("/api/map", params={"layer": "places", "language": "en"}).json()
    assert {p["name"] for p in places_layer["points"]} == {"Tripoli", "Tunis"}
    if not ids["events"]:
        assert events["total"] == 0 and "note" in events and "note" in counts and points["points"] == []
        return
    assert events["total"] == 2
    assault = client.get("/api/events", params={"event_type": "ASSAULT"}).json()["items"]
    assert [(e["type"], e["actor1_name"], e["place_name"]) for e in assault] == [("ASSAULT", "Islamic State", "Tripoli")]
    by_un = client.get("/api/events", params={"by_actor": ids["actors"]["United Nations"]}).json()["items"]
    assert [e["type"] for e in by_un] == ["CONSULT"]
    assert counts["types"] == ["ASSAULT", "CONSULT"]
    assert counts["series"] == [{"period": "2026-03-09", "counts": {"ASSAULT": 1}},
                                {"period": "2026-03-20", "counts": {"CONSULT": 1}}]
    assert {p["name"]: p["types"] for p in points["points"]} == {"Tripoli": ["ASSAULT"], "Tunis": ["CONSULT"]}
    only = client.get("/api/map", params={"event_type": "CONSULT"}).json()["points"]
    assert [p["name"] for p in only] == ["Tunis"]


def test_clusters(client, ids):
    body = client.get("/api/clusters").json()
    assert body["total"] == 0 and body["items"] == []
    if not ids["reuse"]:
        assert "note" in body


# -- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["articles", "actors", "places", "quotes", "citations", "events", "clusters", "map",
                                  "counts", "events/counts"])
def test_every_list_downloads_as_csv(client, path):
    for response in (client.get(f"/api/{path}", params={"format": "csv"}), client.get(f"/api/{path}.csv")):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]


def test_csv_rows_and_formula_cells(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/articles.csv", params={"site": "Courier"}).text)))
    assert {r["title"] for r in rows} == {"Attack in Tripoli", "Inondation"}
    hits = list(csv.DictReader(io.StringIO(client.get("/api/search.csv", params={"q": "inondation"}).text)))
    assert hits[0]["snippet"].startswith("'=Inondation")  # a formula-looking cell stays text in a spreadsheet


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/api/articles", {"limit": "lots"}, 422, "limit"),
        ("/api/articles", {"limit": 0}, 422, "limit"),
        ("/api/articles", {"limit": 501}, 400, "at most 500"),
        ("/api/articles", {"offset": -1}, 422, "offset"),
        ("/api/articles", {"date_from": "yesterday"}, 422, "date_from"),
        ("/api/articles", {"date_from": "2026-13-01"}, 400, "not a date"),
        ("/api/articles", {"date_from": "2026-05-01", "date_to": "2026-04-01"}, 400, "after"),
        ("/api/articles", {"country": "Libya"}, 422, "country"),
        ("/api/articles", {"actor": "kirby"}, 422, "actor"),
        ("/api/articles", {"copy_class": "stolen"}, 422, "copy_class"),
        ("/api/articles", {"format": "xml"}, 422, "format"),
        ("/api/search", {}, 400, "q"),
        ("/api/search", {"q": "   "}, 400, "q"),
        ("/api/counts", {"interval": "year"}, 422, "interval"),
        ("/api/map", {"layer": "roads"}, 422, "layer"),
        ("/api/articles/999", {}, 404, "article 999 not found"),
        ("/api/articles/abc", {}, 422, "article_id"),
        ("/api/articles/99999999999999999999999", {}, 422, "article_id"),
        ("/api/actors/0", {}, 422, "actor_id"),
        ("/api/actors/999", {}, 404, "actor 999"),
        ("/api/actors/999/timeline", {}, 404, "actor 999"),
        ("/api/actors/999/network", {}, 404, "actor 999"),
        ("/api/places/999", {}, 404, "place 999"),
        ("/api/nothing", {}, 404, "Not Found"),
    ],
)
def test_bad_parameters_are_clear_4xx_json(client, path, params, status, words):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert words in body["error"] and body["status"] == status


def test_openapi_documents_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/api/articles", "/api/articles/{article_id}", "/api/search", "/api/counts", "/api/actors",
                 "/api/actors/{actor_id}", "/api/places", "/api/quotes", "/api/citations", "/api/events",
                 "/api/events/counts", "/api/map", "/api/clusters", "/api/ingest"]:
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text and "cdn" not in docs.text.lower()


# -- ingest ---------------------------------------------------------------------------------

PAGE = """<html><head><title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>
<p>Dock workers in Rotterdam ended their strike on Friday after the port authority agreed to new terms.</p>
<p>The union said the deal would raise pay by four percent over two years, and work resumed at dawn.</p>
</article></body></html>"""


def test_ingest_is_off_by_default(client):
    response = client.post("/api/ingest", json={"content": PAGE})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["error"]


def test_ingest_needs_the_token(tmp_path):
    app = TestClient(create_app(str(tmp_path / "i.db"), allow_ingest=True, token="s3cret"))
    assert app.post("/api/ingest", json={"content": PAGE}).status_code == 401
    wrong = app.post("/api/ingest", json={"content": PAGE}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"


def test_ingest_page_file_and_refused_url(tmp_path, monkeypatch):
    import newsgraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "enrich_articles", lambda articles: articles)  # extraction path, without spaCy
    app = TestClient(create_app(str(tmp_path / "i.db"), allow_ingest=True, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    stored = app.post("/api/ingest", json={"content": PAGE, "url": "https://port.example/strike"}, headers=auth)
    assert stored.status_code == 200, stored.text
    [article] = stored.json()["articles"]
    assert article["status"] == "stored" and article["origin"].startswith("upload:")
    assert app.get(f"/api/articles/{article['id']}").json()["url"] == "https://port.example/strike"
    again = app.post("/api/ingest", params={"filename": "strike.html"}, content=PAGE.encode(),
                     headers={**auth, "Content-Type": "text/html"})
    assert again.status_code == 200 and again.json()["skipped"] == 1  # same bytes: stored before
    refused = app.post("/api/ingest", json={"url": "http://127.0.0.1:9/private"}, headers=auth)
    assert refused.status_code == 422 and "127.0.0.1" in refused.json()["error"]
    assert app.post("/api/ingest", json={"url": "ftp://x"}, headers=auth).status_code == 400
    assert app.post("/api/ingest", json={"nothing": 1}, headers=auth).status_code == 400
    assert app.post("/api/ingest", content=b"", headers=auth).status_code == 400


def test_blank_form_fields_mean_any(client):
    blank = {k: "" for k in ["q", "date_from", "date_to", "site", "language", "country", "event_type", "event_mode",
                             "copy_class"]}
    assert client.get("/api/articles", params=blank).json()["total"] == 3
    assert client.get("/", params=blank).status_code == 200
    assert client.get("/map", params=blank).status_code == 200


def test_an_uploaded_sqlite_database_is_refused_not_ignored(tmp_path):
    import sqlite3

    upload = tmp_path / "export.sqlite"
    sqlite3.connect(upload).execute("CREATE TABLE pages (html TEXT)").connection.close()
    app = TestClient(create_app(str(tmp_path / "i.db"), allow_ingest=True, token="s3cret"))
    refused = app.post("/api/ingest", params={"filename": upload.name}, content=upload.read_bytes(),
                       headers={"Authorization": "Bearer s3cret"})
    assert refused.status_code == 422 and "SQLite" in refused.json()["error"]
    assert "upload:export.sqlite" in refused.json()["error"]


def test_a_selection_becomes_an_alert_rule_only_with_the_token(tmp_path):
    from newsgraph.store import Store
    from newsgraph.store.watch import WatchState

    db = str(tmp_path / "a.db")
    Store(db).close()
    rule = {"name": "port-strikes", "q": "strike", "country": "RO", "event_type": "PROTEST", "min_sources": 2,
            "window": "24h", "webhook": "https://hooks.example/port"}
    assert TestClient(create_app(db)).post("/api/alerts", json=rule).status_code == 403  # read-only server
    app = TestClient(create_app(db, allow_ingest=True, token="s3cret"))
    assert app.post("/api/alerts", json=rule).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    made = app.post("/api/alerts", json=rule, headers=auth)
    assert made.status_code == 200, made.text
    assert made.json()["feed"] == "/alerts/port-strikes.atom" and made.json()["secret"]
    with Store(db) as store:
        stored = WatchState(store).rule("port-strikes")
    assert stored is not None and stored.min_sources == 2 and stored.window_seconds == 86400
    assert stored.filters == {"q": "strike", "country": "RO", "event_type": "PROTEST"}
    # the same name twice, an unknown field, a bad query: one line each, nothing stored
    for bad in ({**rule}, {**rule, "name": "x", "colour": "red"}, {"name": "y", "q": "NEAR(" + "a " * 20 + ")"}):
        refused = app.post("/api/alerts", json=bad, headers=auth)
        assert refused.status_code == 400 and "\n" not in refused.json()["error"], refused.text
    assert app.get("/api/sources").json()["rules"][0]["name"] == "port-strikes"
