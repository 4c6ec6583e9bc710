"""The events table, one event's page, the map and timeline counts, over hand-made articles whose events are known.

Four articles: an attack on Tripoli reported by an agency, a republished copy of it and another
outlet (one event, three articles, two independent sources); UN talks in Tunis with no date in the
text; troops sent to Libya located only as the country and dated only to a year; and a
hypothetical request whose actor is no known one.  Every filter of /events has an exact answer,
and the table, the map, the timeline, the actor and place pages count the same events.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.record import Article, Entity, Event, Place
from newsgraph.store import Store, StoredPage
from newsgraph.web import create_app
from newsgraph.web.models import EventCountsModel, EventDetailModel, EventPage, MapPointsModel

TRIPOLI = {"name": "Tripoli", "geonameid": 2210247, "country": "LY", "lat": 32.88, "lon": 13.19, "feature": "P.PPLC",
           "precision": "point"}
LIBYA = {"name": "Libya", "geonameid": 2215636, "country": "LY", "lat": 28.0, "lon": 17.0, "feature": "A.PCLI",
         "precision": "country"}
TUNIS = {"name": "Tunis", "geonameid": 2464470, "country": "TN", "lat": 36.82, "lon": 10.17, "feature": "P.PPLC",
         "precision": "point"}
ATTACK = "Islamic State fighters attacked Tripoli on Monday, officials said."
REST = ("The fighting lasted several hours near the port and the old city, where residents sheltered in their "
        "homes while ambulances crossed the empty streets. Officials said the attackers withdrew before dawn, "
        "and the council called an emergency meeting to discuss the security of the coastal road and the "
        "airport, which remained closed to civilian flights for the rest of the week.")
HOSTILE = "<script>window.__pwned=1</script>"


def _span(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def _attack(title: str, site: str, url: str, published: str, extra: str = "") -> Article:
    a = Article.from_paragraphs([ATTACK + " " + REST + extra], title=title, url=url, site_name=site,
                                published=published, language="en")
    a.entities = [Entity("Islamic State", "armed_group", [], None, [_span(a.text, "Islamic State")], None, "rebel",
                         "islamic-state")]
    a.places = [Place("Tripoli", 2210247, "LY", None, 32.88, 13.19, "P.PPLC", [_span(a.text, "Tripoli")])]
    a.events = [Event("ASSAULT", 0, len(ATTACK), mode="beat", actor1={"name": "Islamic State", "text": "Islamic State fighters"},
                      place=TRIPOLI, date="2026-03-09", date_precision="day", trigger=_span(a.text, "attacked"),
                      confidence=0.9)]
    return a


def _other_outlet() -> Article:
    text = ("Fighters of the Islamic State stormed Tripoli on Monday. The government may request Russian strikes. "
            f"Residents named the commander {HOSTILE}.")
    a = Article.from_paragraphs([text], title="Tripoli stormed", url="https://gazette.example/b", site_name="Gazette",
                                published="2026-03-10", language="en")
    a.entities = [Entity("Islamic State", "armed_group", [], None, [_span(a.text, "Islamic State")], None, "rebel",
                         "islamic-state")]
    first = text.index(".") + 1
    second = text.index(".", first) + 1
    a.events = [
        Event("ASSAULT", 0, first, mode="beat", actor1={"name": "Islamic State", "text": "Fighters of the Islamic State"},
              place=TRIPOLI, date="2026-03-09", date_precision="day", trigger=_span(a.text, "stormed"), confidence=0.8),
        Event("REQUEST", first + 1, second, actor1={"name": None, "text": f"The government {HOSTILE}", "country": "LY"},
              status="hypothetical", trigger=_span(a.text, "request"), confidence=0.7),
    ]
    return a


def _talks() -> Article:
    text = "The United Nations hosted talks in Tunis. Troops were sent to Libya in 2016."
    a = Article.from_paragraphs([text], title="Talks in Tunis", url="https://herald.example/c", site_name="Herald",
                                published="2026-03-20", language="en")
    a.entities = [Entity("United Nations", "igo", ["UN"], None, [_span(a.text, "United Nations")], None, "igo", "un")]
    a.places = [Place("Tunis", 2464470, "TN", None, 36.82, 10.17, "P.PPLC", [_span(a.text, "Tunis")]),
                Place("Libya", 2215636, "LY", None, 28.0, 17.0, "A.PCLI", [_span(a.text, "Libya")])]
    first = text.index(".") + 1
    a.events = [
        Event("CONSULT", 0, first, actor1={"name": "United Nations", "text": "The United Nations"}, place=TUNIS,
              trigger=_span(a.text, "hosted"), confidence=0.95),
        Event("MOBILIZE", first + 1, len(text), mode="troops", actor1={"name": None, "text": "Troops"}, place=LIBYA,
              date="2016", date_precision="year", trigger=_span(a.text, "sent"), confidence=0.85),
    ]
    return a


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("events") / "events.db")
    with Store(path) as store:
        store.add_batch([
            StoredPage(_attack("Attack on Tripoli", "Agency", "https://agency.example/a", "2026-03-09"), "a.html", "ha"),
        ])
        store.add_batch([
            StoredPage(_attack("Tripoli attacked (republished)", "Blog", "https://blog.example/a", "2026-03-11",
                               " Comments are closed."), "copy.html", "hcopy"),
            StoredPage(_other_outlet(), "b.html", "hb"),
            StoredPage(_talks(), "c.html", "hc"),
        ])
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db), raise_server_exceptions=False)


def _events(client, **params) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _types(body: dict) -> list[str]:
    return [e["type"] for e in body["items"]]


def _id(client, kind: str, name: str) -> int:
    items = client.get(f"/api/{kind}", params={"name": name, "min_confidence": 0}).json()["items"]
    return next(i["id"] for i in items if i["name"] == name)


# -- the events table ------------------------------------------------------------------------


def test_events_are_merged_across_reports_newest_first(client):
    body = _events(client)
    EventPage.model_validate(body)
    assert body["total"] == 3  # the hypothetical request is not an event that happened
    assert _types(body) == ["CONSULT", "ASSAULT", "MOBILIZE"]  # 2026-03-20 (reported), 2026-03-09, 2016
    consult, assault, mobilize = body["items"]
    assert consult["date"] == "2026-03-20" and consult["date_from_report"] and consult["date_stated"] is None
    assert assault["date"] == "2026-03-09" and not assault["date_from_report"]
    assert assault["reports"] == 3 and assault["articles"] == 3
    assert assault["actor1_name"] == "Islamic State" and assault["place_name"] == "Tripoli"
    assert mobilize["actor1_id"] is None and mobilize["actor1_text"] == "Troops"  # the words, never "None"
    assert mobilize["place_area"] == "country" and assault["place_area"] == "point"


def test_status_and_confidence(client):
    assert _types(_events(client, event_status="hypothetical")) == ["REQUEST"]
    assert _events(client, event_status="all")["total"] == 4
    assert _types(_events(client, min_confidence=0.9)) == ["CONSULT", "ASSAULT"]  # an event is as sure as its surest report


def test_event_type_in_any_case(client):
    assert _types(_events(client, event_type="assault")) == ["ASSAULT"]
    assert _types(_events(client, event_type=" Consult ")) == ["CONSULT"]


def test_actor_as_source_target_or_either(client):
    islamic_state = _id(client, "actors", "Islamic State")
    assert _types(_events(client, actor=islamic_state)) == ["ASSAULT"]
    assert _types(_events(client, actor=islamic_state, actor_role="source")) == ["ASSAULT"]
    assert _events(client, actor=islamic_state, actor_role="target")["total"] == 0
    assert _types(_events(client, by_actor=islamic_state)) == ["ASSAULT"]  # the older parameter


def test_country_and_place_include_the_places_inside(client):
    assert _types(_events(client, country="ly")) == ["ASSAULT", "MOBILIZE"]
    assert _types(_events(client, place=_id(client, "places", "Libya"))) == ["ASSAULT", "MOBILIZE"]
    assert _types(_events(client, place=_id(client, "places", "Tripoli"))) == ["ASSAULT"]
    assert _types(_events(client, country="TN")) == ["CONSULT"]


def test_date_range_is_the_events_date(client):
    assert _types(_events(client, date_from="2026-03-01", date_to="2026-03-10")) == ["ASSAULT"]
    assert _types(_events(client, date_from="2026-03-20")) == ["CONSULT"]  # undated: by its report
    assert _types(_events(client, date_to="2016-12-31")) == ["MOBILIZE"]  # a year overlaps its days
    assert _types(_events(client, date_from="2016-06-01", date_to="2016-06-30")) == ["MOBILIZE"]
    assert _types(_events(client, date_from="2015-12-01", date_to="2016-01-31")) == ["MOBILIZE"]
    assert _events(client, date_from="2017-01-01", date_to="2026-03-08")["total"] == 0
    assert _types(_events(client, date_from="2026-03-11", date_to="2026-03-20")) == ["CONSULT"]


def test_sort_and_pages(client):
    assert _types(_events(client, sort="date", order="asc")) == ["MOBILIZE", "ASSAULT", "CONSULT"]
    assert _types(_events(client, sort="reports"))[0] == "ASSAULT"
    assert _types(_events(client, sort="type", order="asc")) == ["ASSAULT", "CONSULT", "MOBILIZE"]
    first = _events(client, limit=2)
    second = _events(client, limit=2, offset=2)
    assert first["next_offset"] == 2 and second["next_offset"] is None
    assert _types(first) + _types(second) == ["CONSULT", "ASSAULT", "MOBILIZE"]
    assert client.get("/api/events", params={"sort": "nonsense"}).status_code == 422


def test_every_count_agrees_with_the_table(client):
    islamic_state = _id(client, "actors", "Islamic State")
    libya = _id(client, "places", "Libya")
    for params in ({}, {"country": "LY"}, {"event_status": "all"}, {"actor": islamic_state}, {"place": libya},
                   {"min_confidence": 0}, {"date_from": "2026-03-01"}):
        total = _events(client, **params)["total"]
        counts = client.get("/api/events/counts", params=params).json()
        EventCountsModel.model_validate(counts)
        drawn = sum(sum(p["counts"].values()) for p in counts["series"])
        assert counts["total"] == total and drawn + counts["undated"] + counts["coarse"] == total, params
        points = client.get("/api/map", params=params).json()
        MapPointsModel.model_validate(points)
        assert points["total"] == total and sum(p["count"] for p in points["points"]) + points["unplaced"] == total
    assert client.get(f"/api/actors/{islamic_state}").json()["events"] == _events(client, actor=islamic_state)["total"]
    assert client.get(f"/api/places/{libya}").json()["events"] == _events(client, place=libya)["total"]


def test_timeline_puts_each_event_once_on_a_real_day(client):
    counts = client.get("/api/events/counts", params={"interval": "day"}).json()
    assert counts["series"] == [{"period": "2026-03-09", "counts": {"ASSAULT": 1}},
                                {"period": "2026-03-20", "counts": {"CONSULT": 1}}]
    assert counts["coarse"] == 1 and counts["undated"] == 0  # troops sent "in 2016"
    weeks = client.get("/api/events/counts", params={"interval": "week"}).json()
    assert [p["period"] for p in weeks["series"]] == ["2026-03-09", "2026-03-16"]


def test_map_points_carry_types_and_area(client):
    points = {p["name"]: p for p in client.get("/api/map").json()["points"]}
    assert points["Libya"]["area"] == "country" and points["Tripoli"]["area"] == "point"
    assert points["Tripoli"]["by_type"] == {"ASSAULT": 1}


# -- one event -------------------------------------------------------------------------------


def test_one_event_with_its_reports_and_sources(client):
    assault = _events(client, event_type="ASSAULT")["items"][0]
    body = client.get(f"/api/events/{assault['id']}").json()
    EventDetailModel.model_validate(body)
    assert body["articles"] == 3 and len(body["reports"]) == 3
    sentences = {r["sentence"] for r in body["reports"]}
    assert ATTACK in sentences
    for r in body["reports"]:
        start, end = r["trigger"]
        assert r["sentence"][start:end] in ("attacked", "stormed")
    copied = [g for g in body["groups"] if g["copies"]]
    if copied:  # the provenance stage saw the republished copy: one source for the two
        assert body["sources"] == 2 and len(copied[0]["copies"]) == 1
    else:
        assert body["sources"] == 3
    assert client.get("/api/events/999999").status_code == 404


def test_openapi_describes_the_events_answers(client):
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/EventPage"}
    assert "EventDetailModel" in spec["components"]["schemas"]
    assert "actor_role" in {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}


# -- pages -----------------------------------------------------------------------------------


def test_events_page_lists_the_table_with_filters_named(client):
    islamic_state = _id(client, "actors", "Islamic State")
    page = client.get("/events", params={"actor": islamic_state}).text
    assert "1 event" in page and 'class="list events-table"' in page
    assert "actor: Islamic State" in page and "actor = " not in page  # chips name the actor, not its id
    assert 'name="actor_role"' in page and '<option value="ASSAULT"' in page
    assert f'href="/events?actor={islamic_state}&amp;actor_role=source"' in page  # a name narrows the table to it
    everything = client.get("/events", params={"event_status": "all"}).text
    assert "“The government &lt;script&gt;window.__pwned=1&lt;/script&gt;”" in everything
    assert HOSTILE not in everything and "hypothetical" in everything
    assert "4 events" in everything


def test_event_page_highlights_the_sentence_and_links_to_it(client):
    assault = _events(client, event_type="ASSAULT")["items"][0]
    page = client.get(f"/events/{assault['id']}").text
    assert '<mark class="trigger">attacked</mark>' in page
    assert f'/articles/{assault["article_id"]}#report-' in page
    assert "independent source" in page
    assert client.get("/events/999999").status_code == 404


def test_article_page_event_rows_show_status_confidence_words_and_link_both_ways(client):
    request = _events(client, event_status="hypothetical")["items"][0]
    page = client.get(f"/articles/{request['article_id']}").text
    assert 'class="status status-hypothetical">hypothetical' in page
    assert "confidence 0.70" in page
    assert "“The government &lt;script&gt;" in page and ">None<" not in page
    report = request["report_id"]
    assert f'href="#report-{report}"' in page and f'id="report-{report}"' in page  # row -> sentence
    assert f'href="#event-row-{report}"' in page and f'id="event-row-{report}"' in page  # sentence -> row
    assert f'href="/events/{request["id"]}"' in page


def test_place_page_lists_events_located_within_it(client):
    libya = _id(client, "places", "Libya")
    page = client.get(f"/places/{libya}").text
    assert "Events located here and within it" in page
    assert page.count('class="event-row') == 2
    assert f'/map?place={libya}' in page


def test_actor_page_counts_and_links_its_events(client):
    islamic_state = _id(client, "actors", "Islamic State")
    page = client.get(f"/actors/{islamic_state}").text
    assert f'href="/map?actor={islamic_state}"' in page and f'href="/timeline?actor={islamic_state}"' in page
    assert "1 events" in page or "1 event" in page
    assert page.count('class="event-row') == 1


def test_actors_page_filters_by_type(client):
    page = client.get("/actors", params={"type": "igo"}).text
    assert "United Nations" in page and "Islamic State" not in page
    assert '<option value="igo" selected>' in page


def test_search_facets_offer_more(client):
    page = client.get("/").text
    assert "more…" not in page  # fewer values than a facet shows
    more = client.get("/", params={"more": "actor"}).text
    assert ">fewer<" in more
    assert client.get("/", params={"more": "nonsense"}).status_code == 422


def test_map_and_timeline_pages_carry_the_filters(client):
    page = client.get("/map", params={"country": "LY", "date_from": "2026-03-01"}).text
    assert 'data-src="/api/map?date_from=2026-03-01&amp;country=LY"' in page
    assert 'id="map-legend"' in page and 'id="map-popup"' in page
    timeline = client.get("/timeline", params={"event_type": "assault", "interval": "month"}).text
    assert "interval=month" in timeline and 'data-list="/events?event_type=ASSAULT"' in timeline
    assert client.get("/timeline", params={"interval": "year"}).status_code == 422


def test_skip_link_on_every_page(client):
    for path in ("/", "/events", "/map", "/timeline", "/actors"):
        page = client.get(path).text
        assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page


def test_the_migration_dates_events_as_the_write_side_does(db, tmp_path):
    """Migration 10 fills events.sort_date in an older file the way the store keeps it for new reports."""
    import shutil
    import sqlite3

    from newsgraph.store.schema import MIGRATIONS, statements

    copy = tmp_path / "older.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    kept = conn.execute("SELECT id, sort_date FROM events ORDER BY id").fetchall()
    assert ("2016",) in [(d,) for _, d in kept] and ("2026-03-20",) in [(d,) for _, d in kept]
    conn.execute("UPDATE events SET sort_date = NULL")
    [migration] = [sql for version, _, sql in MIGRATIONS if version == 10]
    for statement in statements(migration):
        if statement.lstrip().startswith("UPDATE"):
            conn.execute(statement)
    assert conn.execute("SELECT id, sort_date FROM events ORDER BY id").fetchall() == kept
    conn.close()


def test_a_remembered_total_follows_the_database(tmp_path):
    """The events table's total is remembered per connection only while nothing is written, by it or another."""
    from newsgraph.store.read import Filters

    path = str(tmp_path / "growing.db")
    with Store(path) as writer, Store.open_read_only(path) as reader:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc")])
        assert writer.events_page(Filters()).total == reader.events_page(Filters()).total == 2
        writer.add_batch([StoredPage(_other_outlet(), "b.html", "hb")])
        assert writer.events_page(Filters()).total == 3  # its own write
        assert reader.events_page(Filters()).total == 3  # another connection's


@pytest.mark.parametrize("watched", [False, True], ids=["each-connection-asked", "file-watched"])
def test_totals_shared_by_a_servers_connections_follow_the_database(tmp_path, watched):
    """A server's threads share the totals they counted; a commit by anyone, seen by any of them, or a
    connection that comes after it, makes every total be counted again."""
    from newsgraph.store.read import Filters, Totals

    path = str(tmp_path / "shared.db")
    shared = Totals(path=path) if watched else Totals()
    with Store(path) as writer:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc")])
        first, second = Store.open_read_only(path), Store.open_read_only(path)
        for reader in (first, second):
            reader.share_totals(shared)
        assert first.events_page(Filters()).total == second.events_page(Filters()).total == 2
        writer.add_batch([StoredPage(_attack("Attack", "Wire", "https://wire.example/a", "2026-03-09"), "a.html", "ha")])
        assert second.events_page(Filters()).total == 3
        assert first.events_page(Filters()).total == 3
        assert first.map_points(Filters())["total"] == 3
        every = Filters(event_status="all")
        assert first.events_page(every).total == 3
        writer.add_batch([StoredPage(_other_outlet(), "b.html", "hb")])  # the attack again, and a hypothetical request
        late = Store.open_read_only(path)  # a thread's connection opened after the write
        late.share_totals(shared)
        assert late.events_page(every).total == 4
        for reader in (first, second, late):
            reader.close()
    shared.close()


def test_a_connection_that_comes_later_finds_the_totals_already_counted(tmp_path):
    """A server's pool starts threads as requests come: the connection of a new thread answers from the totals
    the others counted (a whole-index count each) while the file is unchanged, and counts again once it changed."""
    from newsgraph.store.read import Filters, Totals

    path = str(tmp_path / "pool.db")
    shared = Totals(path=path)
    with Store(path) as writer:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc")])
        with Store.open_read_only(path) as first:
            first.share_totals(shared)
            assert first.events_page(Filters()).total == 2
            with Store.open_read_only(path) as late:
                late.share_totals(shared)
                ran: list[str] = []
                late.conn.set_trace_callback(ran.append)
                assert late.events_page(Filters()).total == 2
                assert not [sql for sql in ran if sql.startswith("SELECT count(*) FROM events")]
                writer.add_batch([StoredPage(_other_outlet(), "b.html", "hb")])
                assert late.events_page(Filters()).total == 3
                assert [sql for sql in ran if sql.startswith("SELECT count(*) FROM events")]
            assert first.events_page(Filters()).total == 3
    shared.close()


def test_the_api_counts_a_stored_article_at_once(tmp_path):
    """The server remembers the events table's totals, and answers the new total once an article is stored."""
    path = str(tmp_path / "served.db")
    with Store(path) as writer:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc")])
        with TestClient(create_app(path)) as served:
            before = [served.get("/api/events", params=p).json()["total"] for p in ({}, {"country": "LY"}, {})]
            assert before == [2, 1, 2]
            assert "2 events" in served.get("/events").text
            writer.add_batch([StoredPage(_other_outlet(), "b.html", "hb")])
            after = [served.get("/api/events", params=p).json()["total"] for p in ({}, {"country": "LY"}, {})]
            assert after == [3, 2, 3]
            assert "3 events" in served.get("/events").text


def test_totals_follow_a_database_put_in_place_of_the_served_one(tmp_path):
    """A file replaced under a server (another database at its path): the connections opened on it count its
    events, not the totals remembered from the file it replaced."""
    import os

    from newsgraph.store.read import Filters, Totals

    path, other = str(tmp_path / "served.db"), str(tmp_path / "other.db")
    shared = Totals(path=path)
    with Store(path) as writer:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc")])
    with Store(other) as writer:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc"), StoredPage(_other_outlet(), "b.html", "hb")])
    with Store.open_read_only(path) as first:
        first.share_totals(shared)
        assert first.events_page(Filters()).total == 2
    for leftover in (path + "-wal", path + "-shm"):  # the replaced file's own (its watch still has it open)
        if os.path.exists(leftover):
            os.remove(leftover)
    os.replace(other, path)
    with Store.open_read_only(path) as late:
        late.share_totals(shared)
        assert late.events_page(Filters()).total == 3
    shared.close()


def test_an_events_page_shown_again_is_answered_304_until_the_database_changes(tmp_path):
    """The events table and an event carry an entity tag: a browser revalidating a page (If-None-Match) gets
    304 and no body while nothing was stored, the new page once an article is; another address's tag is not
    the page's, and a tag is not kept by a page that does not exist."""
    path = str(tmp_path / "tagged.db")
    with Store(path) as writer:
        writer.add_batch([StoredPage(_talks(), "c.html", "hc")])
        with TestClient(create_app(path)) as served:
            table = served.get("/events", params={"country": "LY"})
            tag = table.headers["etag"]
            assert table.status_code == 200 and table.headers["cache-control"] == "no-cache"
            again = served.get("/events", params={"country": "LY"}, headers={"If-None-Match": tag})
            assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
            assert "content-security-policy" in again.headers
            other = served.get("/events", headers={"If-None-Match": tag})  # the whole table: another page
            assert other.status_code == 200 and other.headers["etag"] != tag
            one = served.get("/events/1")
            assert one.status_code == 200
            assert served.get("/events/1", headers={"If-None-Match": f'"x", {one.headers["etag"]}'}).status_code == 304
            assert served.get("/events/999", headers={"If-None-Match": one.headers["etag"]}).status_code == 404
            assert "etag" not in served.get("/events/999").headers
            writer.add_batch([StoredPage(_other_outlet(), "b.html", "hb")])
            changed = served.get("/events", params={"country": "LY"}, headers={"If-None-Match": tag})
            assert changed.status_code == 200 and changed.headers["etag"] != tag
            assert _page_total(served, country="LY") == 2
            assert served.get("/events", params={"country": "LY"},
                              headers={"If-None-Match": changed.headers["etag"]}).status_code == 304


def _page_total(client, **params) -> int:
    page = client.get("/events", params=params)
    assert page.status_code == 200, page.text
    return int(page.text.split('id="event-count">', 1)[1].split(" ", 1)[0])


def test_a_typed_actor_name_narrows_the_events_table_without_a_script(client):
    """The actor field is a plain text filter: one actor so named narrows the table to it (as ?actor= does);
    several are listed to pick from; none is said, and the table is not narrowed."""
    state = client.get("/api/actors", params={"name": "Islamic State"}).json()["items"][0]["id"]
    everything = _page_total(client)
    narrowed = client.get("/events", params={"actor_name": "islamic"}).text
    assert f'<input type="hidden" name="actor" value="{state}">' in narrowed  # the form keeps the actor chosen
    assert _page_total(client, actor_name="islamic") == _events(client, actor=state)["total"] == 1 < everything
    several = client.get("/events", params={"actor_name": "t"}).text  # Islamic State, United Nations
    picks = several.split('id="actor-matches">', 1)[1].split("</p>", 1)[0]
    assert f"actor={state}" in picks and "United Nations" in picks
    assert _page_total(client, actor_name="t") == everything
    hostile = client.get("/events", params={"actor_name": HOSTILE}).text
    assert "No actor is named like" in hostile and HOSTILE not in hostile and "&lt;script&gt;" in hostile
    assert _page_total(client, actor_name=HOSTILE) == everything


def test_the_events_filters_are_a_panel_with_an_actor_field_that_suggests(client):
    page = client.get("/events").text
    assert '<details class="filter-panel" open>' in page and '<script src="/static/filters.js" defer>' in page
    assert 'name="actor_name"' in page and 'data-suggest="/api/actors"' in page
    assert client.get("/static/filters.js").status_code == 200
    assert 'name="actor_name"' not in client.get("/events", params={"actor": 1}).text  # chosen: a chip instead


def test_the_events_page_gives_the_command_that_makes_its_selection_a_rule(client):
    page = client.get("/events", params={"q": "shelling's", "country": "UA", "event_type": "ASSAULT"}).text
    command = page.split('id="alert-command">', 1)[1].split("</code>", 1)[0]
    assert command.startswith("newsgraph alerts add NAME --query")
    assert "--country UA" in command and "--event-type ASSAULT" in command
    assert "&#39;" in command or "&#x27;" in command or "\\'" in command  # the quote is shell-quoted and escaped


def test_events_page_says_how_many_events_it_hides_below_the_threshold_and_links_to_them(tmp_path):
    text = ("Rebels shelled the port of Misrata on Tuesday, officials said. Local elders may ask the rebels for a truce, "
            "a resident said.")
    a = Article.from_paragraphs([text], title="Misrata shelled", url="https://gazette.example/m", site_name="Gazette",
                                published="2026-03-10", language="en")
    first = text.index(".") + 1
    a.events = [Event("ASSAULT", 0, first, actor1={"text": "Rebels"}, date="2026-03-10", date_precision="day",
                      trigger=_span(text, "shelled"), confidence=0.9),
                Event("REQUEST", first + 1, len(text), actor1={"text": "Local elders"}, actor2={"text": "the rebels"},
                      date="2026-03-10", date_precision="day", trigger=_span(text, "ask"), confidence=0.3)]
    path = str(tmp_path / "hidden.db")
    with Store(path) as store:
        store.add_batch([StoredPage(a, "m.html", "hm")])
    client = TestClient(create_app(path), raise_server_exceptions=False)
    page = client.get("/events").text
    assert "1 event" in page and "1 more stored below it" in page
    assert 'href="/events?min_confidence=0"' in page
    everything = client.get("/events", params={"min_confidence": 0}).text
    assert "2 events" in everything and "more stored below it" not in everything
