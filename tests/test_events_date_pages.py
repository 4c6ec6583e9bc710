"""The events table over a date range, page by page: the events a range selects (dated by day, month or year,
or undated and reported in it) in order, each once, whichever page size; and a served page that follows
the articles stored while it runs."""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient

from newsgraph.record import Article, Event
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters
from newsgraph.web import create_app

TYPES = ("ASSAULT", "PROTEST", "CONSULT", "AID", "REJECT", "ACCUSE")
# (published, the event's date as the text gives it or None); each event its own (its own type and actor)
REPORTS = [("2026-02-27", "2026-02-27"), ("2026-03-01", "2026-03-01"), ("2026-03-02", "2026-03"), ("2026-03-03", "2026"),
           ("2026-03-04", None), ("2026-03-04", "2026-03-04"), ("2026-03-06", "2026-03-06"), ("2026-03-09", None),
           ("2026-03-10", "2026-03-09"), ("2026-03-12", "2026-02"), ("2026-03-15", "2025"), ("2026-03-31", "2026-03-31"),
           ("2026-04-02", None), ("2026-04-02", "2026-03-30")]


def _article(i: int, published: str, date: str | None, type_: str | None = None) -> Article:
    sentence = f"Group {i} met the council of Town {i} on that day."
    a = Article.from_paragraphs([sentence + " The talks went on late into the evening, officials said."],
                                title=f"Report {i}", url=f"https://wire.example/{i}", site_name="Wire",
                                published=published, language="en")
    precision = None if date is None else {4: "year", 7: "month"}.get(len(date), "day")
    a.events = [Event(type_ or TYPES[i % len(TYPES)], 0, len(sentence), actor1={"name": None, "text": f"Group {i}"},
                      date=date, date_precision=precision, trigger=[a.text.index("met"), a.text.index("met") + 3],
                      confidence=0.9)]
    return a


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("dated") / "dated.db")
    with Store(path) as store:
        store.add_batch([StoredPage(_article(i, p, d), f"{i}.html", f"h{i}") for i, (p, d) in enumerate(REPORTS)])
    return path


def _in_range(published: str, date: str | None, first: str, last: str) -> bool:
    """What the table promises: the event's date overlaps the range, or, undated, it is reported in it."""
    if date is None:
        return first <= published <= last
    return date[:len(first)] >= first[:len(date)] and date <= last[:len(date)]


RANGES = [("2026-03-01", "2026-03-31"), ("2026-03-04", "2026-03-09"), ("2026-03-05", None), (None, "2026-03-01"),
          ("2026-03-09", "2026-03-09"), ("2026-01-01", "2026-12-31"), ("2026-04-01", "2026-04-30")]


@pytest.mark.parametrize("first,last", RANGES)
def test_a_date_range_pages_through_its_events_in_order_each_once(db, first, last):
    with Store.open_read_only(db) as store:
        for descending, status in itertools.product((True, False), (None, "all")):
            f = Filters(date_from=first, date_to=last, event_status=status)
            everything = store.events_page(f, 100, 0, "date", descending)
            expected = sorted((p for p, d in REPORTS if _in_range(p, d, first or "0000-01-01", last or "9999-12-31")))
            assert everything.total == len(everything.items) == len(expected), (first, last)
            keys = [(e["date"], e["id"]) for e in everything.items]
            assert keys == sorted(keys, reverse=descending)
            for size in (1, 2, 3):
                paged = [e["id"] for offset in range(0, everything.total + size, size)
                         for e in store.events_page(f, size, offset, "date", descending).items]
                assert paged == [e["id"] for e in everything.items], (first, last, descending, size)


def test_a_range_narrowed_by_type_or_actor_gives_the_same_events_either_way(db):
    with Store.open_read_only(db) as store:
        whole = store.events_page(Filters(date_from="2026-03-01", date_to="2026-03-31"), 100, 0).items
        for kind in TYPES:
            typed = store.events_page(Filters(date_from="2026-03-01", date_to="2026-03-31", event_type=kind), 100, 0)
            assert [e["id"] for e in typed.items] == [e["id"] for e in whole if e["type"] == kind]


def test_the_served_page_shows_an_article_stored_while_it_runs(tmp_path):
    path = str(tmp_path / "growing.db")
    month = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    with Store(path) as writer:
        writer.add_batch([StoredPage(_article(i, p, d), f"{i}.html", f"h{i}") for i, (p, d) in enumerate(REPORTS[:6])])
        with TestClient(create_app(path)) as served:
            before = served.get("/events", params=month).text
            assert 'id="event-count">5 events' in before and "Group 40" not in before
            assert '<option value="SANCTION">sanction</option>' in before
            writer.add_batch([StoredPage(_article(40, "2026-03-20", "2026-03-20", "SANCTION"), "40.html", "h40")])
            after = served.get("/events", params=month).text
            assert 'id="event-count">6 events' in after and "“Group 40”" in after
            assert after.index("“Group 40”") < after.index("“Group 5”")  # the newest first
            typed = served.get("/events", params={**month, "event_type": "SANCTION"}).text
            assert 'id="event-count">1 event<' in typed and '<option value="SANCTION" selected>sanction</option>' in typed
