"""The ACLED file has ACLED's 31 columns and reads with a strict CSV reader and the acled package's parser."""

from __future__ import annotations

import csv
import io

import pytest

from newsgraph.export import acled
from newsgraph.export import write as export
from newsgraph.store import Store
from newsgraph.store.read import Filters
from tests.export_corpus import build


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("acled") / "events.db"))


def _rows(db: str, filters: Filters | None = None, skipped: dict[str, int] | None = None) -> list[dict[str, str]]:
    out = io.BytesIO()
    with Store(db) as store:
        n = export(store, "acled", out, filters, skipped=skipped)
    text = out.getvalue().decode("utf-8")
    lines = list(csv.reader(io.StringIO(text), strict=True))
    assert lines[0] == list(acled.COLUMNS) and len(acled.COLUMNS) == 31
    assert all(len(line) == 31 for line in lines) and len(lines) == n + 1
    assert "\n" not in "".join(field for line in lines for field in line)  # one physical line per event
    return [dict(zip(lines[0], line)) for line in lines[1:]]


def test_columns_and_values(db):
    skipped: dict[str, int] = {}
    rows = _rows(db, skipped=skipped)
    assert [r["event_id_cnty"] for r in rows] == ["COD1", "UKR2", "USA6"]
    assert skipped == {"dated to a year only": 1, "verbal event (not coded by ACLED)": 1}
    shelling, arrest, protest = rows
    assert (shelling["event_date"], shelling["year"], shelling["time_precision"]) == ("2024-03-12", "2024", "1")
    assert (shelling["disorder_type"], shelling["event_type"], shelling["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert shelling["actor1"] == "Unidentified Armed Group (Democratic Republic of Congo)" and shelling["inter1"] == "3"
    assert (shelling["interaction"], shelling["iso"], shelling["region"]) == ("30", "180", "Middle Africa")
    assert (shelling["country"], shelling["admin1"], shelling["location"]) == ("Democratic Republic of Congo", "Nord-Kivu", "Goma")
    assert (shelling["latitude"], shelling["geo_precision"]) == ("-1.6741", "1")
    assert shelling["fatalities"] == "9"  # the lowest figure of its three reports (12, 12, 9)
    assert shelling["source"] == "Radio Lake; Valley Blog; Wire Service" and int(shelling["timestamp"]) > 0
    assert (arrest["actor1"], arrest["inter1"], arrest["actor2"], arrest["inter2"], arrest["interaction"]) == (
        "National Police of Ukraine", "1", "Civilians (Ukraine)", "7", "17")
    assert (arrest["sub_event_type"], arrest["disorder_type"], arrest["fatalities"]) == ("Arrests", "Strategic developments", "0")
    # a month: its time_precision, not its first day
    assert (protest["event_date"], protest["time_precision"]) == ("2024-02-15", "3")
    assert (protest["actor1"], protest["assoc_actor_1"], protest["inter1"], protest["interaction"]) == (
        "Protesters (United States)", "", "6", "60")
    assert protest["disorder_type"] == "Demonstrations" and protest["admin1"] == "Illinois"
    assert not any(r["actor1"].startswith(" (") or r["actor2"].startswith(" (") for r in rows)


def test_hypothetical_and_negated_left_out_unless_asked(db):
    assert not any(r["tags"] for r in _rows(db))
    asked = _rows(db, Filters(event_status="all"))
    assert sorted(r["tags"] for r in asked if r["tags"]) == ["newsgraph status=hypothetical; date of the first report",
                                                             "newsgraph status=negated; date of the first report"]


def test_the_acled_package_parses_every_row(db):
    client = pytest.importorskip("acled.clients.acled_data_client")
    rows = _rows(db, Filters(event_status="all", min_confidence=0))
    parser = client.AcledDataClient.__new__(client.AcledDataClient)
    parser.log = __import__("logging").getLogger("acled-test")
    parsed = [parser._parse_event(dict(r)) for r in rows]
    assert len(parsed) == len(rows) == 6
    assert parsed[0]["event_date"].isoformat() == "2024-03-12" and parsed[0]["fatalities"] == 9
    assert all(isinstance(p["latitude"], float) and isinstance(p["time_precision"], int) for p in parsed)


def test_admin1_of_a_city_is_the_shown_name_of_its_division():
    """ACLED's admin1 for a point is the division's shown name ("Aleppo", not "Ḩalab")."""
    from newsgraph.export import reference

    assert reference.admin1_name("SY", "09") == "Aleppo"
    assert reference.admin1_name("RU", "73") == "Tatarstan"
    assert reference.admin1_name("US", "IL") == "Illinois"
