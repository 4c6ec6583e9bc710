"""The event merge rule, shared by the store and the Spark stage, on its own."""

from __future__ import annotations

from newsgraph.corpus.events import Report, dates_close, merge_reports
from newsgraph.record import Article, Entity, Event
from newsgraph.store.rows import article_rows, merge_key

TRIPOLI, BENGHAZI, LIBYA = 1, 2, 3


def _city(report_id: int, place: int, date: str | None) -> Report:
    return Report(report_id, place, "LY", "point", date, "day" if date else None)


def _groups(reports: list[Report]) -> list[list[int]]:
    return [event.reports for event in merge_reports(reports)]


def test_reports_days_apart_are_one_event_a_week_apart_two():
    assert _groups([_city(1, TRIPOLI, "2026-03-14"), _city(2, TRIPOLI, "2026-03-16"),
                    _city(3, TRIPOLI, "2026-03-24")]) == [[1, 2], [3]]


def test_the_first_dated_report_dates_the_event():
    # 2 is within three days of 1, 3 within three days of 2 but not of the event's date (1's)
    events = merge_reports([_city(1, TRIPOLI, "2026-03-14"), _city(2, TRIPOLI, "2026-03-17"),
                            _city(3, TRIPOLI, "2026-03-19")])
    assert [e.reports for e in events] == [[1, 2], [3]] and events[0].date == "2026-03-14"


def test_an_undated_report_joins_and_a_later_one_dates_it():
    events = merge_reports([_city(1, None, None), _city(2, TRIPOLI, "2026-03-14")])
    assert [e.reports for e in events] == [[1, 2]]
    assert (events[0].date, events[0].place_id) == ("2026-03-14", TRIPOLI)


def test_a_city_and_its_country_agree_two_cities_do_not():
    country = Report(3, LIBYA, "LY", "country", "2026-03-14", "day")
    assert _groups([_city(1, TRIPOLI, "2026-03-14"), country, _city(2, BENGHAZI, "2026-03-14")]) == [[1, 3], [2]]


def test_coarse_dates_agree_with_the_days_they_contain():
    assert dates_close("2026", "2026-06-05") and dates_close("2026-06", "2026-06-30")
    assert not dates_close("2025", "2026-06-05") and not dates_close("2026-06-01", "2026-06-05")


def test_actor_keys_by_id_else_by_the_words():
    article = Article(text="The UN condemned the attack by unknown gunmen.",
                      entities=[Entity("United Nations", "igo", mentions=[[4, 6]], kb_id="Q1065")],
                      events=[Event("ACCUSE", 0, 46, actor1={"name": "United Nations", "text": "The UN"},
                                    actor2={"name": "gunmen", "text": "unknown  Gunmen", "country": "LY"})])
    report = article_rows(article, "test").event_reports[0]
    assert report["actor1"] == "kb:Q1065" and report["actor1_text_key"] is None
    assert report["actor2"] is None and report["actor2_text_key"] == "text:LY:unknown gunmen"
    assert merge_key(7, report["actor1_text_key"]) == "actor:7"
    assert merge_key(None, report["actor2_text_key"]) == "text:LY:unknown gunmen"
    assert merge_key(None, None) is None
