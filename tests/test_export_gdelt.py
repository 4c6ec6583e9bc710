"""The GDELT 2.0 event file reads as GDELT's own: a strict reader and gdelt-py's parser take every row."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
from pathlib import Path

import pytest

from newsgraph.export import gdelt, reference
from newsgraph.export import write as export
from newsgraph.store import Store
from newsgraph.store.read import Filters
from tests.export_corpus import build

INT_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
               "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED")
FLOAT_COLUMNS = ("FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
                 "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("gdelt") / "events.db"))


def _export(db: str, filters: Filters | None = None) -> bytes:
    out = io.BytesIO()
    with Store(db) as store:
        export(store, "gdelt-events", out, filters)
    return out.getvalue()


def _strict(data: bytes) -> list[dict[str, str]]:
    """Read as a strict reader does: tabs only, no quoting, exactly 61 fields, typed numeric columns."""
    rows = []
    for line in data.decode("utf-8").split("\n")[:-1]:
        [fields] = list(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE, strict=True))
        assert len(fields) == 61, (len(fields), line)
        row = dict(zip(gdelt.COLUMNS, fields))
        for column in INT_COLUMNS:
            if row[column]:
                int(row[column])
        for column in FLOAT_COLUMNS:
            if row[column]:
                float(row[column])
        rows.append(row)
    return rows


def test_every_line_is_61_plain_fields_without_a_header(db):
    data = _export(db)
    assert data.endswith(b"\n") and b"\r" not in data and b'"' not in data
    rows = _strict(data)
    assert [r["GLOBALEVENTID"] for r in rows] == ["1", "2", "3", "6", "7"]  # happened, above the threshold
    for r in rows:
        for column in ("SQLDATE", "IsRootEvent", "EventCode", "GoldsteinScale", "NumMentions", "DATEADDED", "SOURCEURL"):
            assert r[column], (column, r)
        assert len(r["DATEADDED"]) == 14 and r["EventCode"].startswith(r["EventRootCode"])
        assert r["EventBaseCode"] == r["EventCode"][:3] and len(r["EventRootCode"]) == 2


def test_codes_counts_and_places_are_gdelts(db):
    rows = {r["GLOBALEVENTID"]: r for r in _strict(_export(db))}
    shelling, arrest, strikes, protest, talks = (rows[i] for i in ("1", "2", "3", "6", "7"))
    # CAMEO at full length, the Goldstein scale of that code, GDELT's quad class of its root
    assert (shelling["EventCode"], shelling["EventRootCode"], shelling["GoldsteinScale"]) == ("194", "19", "-10.0")
    assert (arrest["EventCode"], arrest["GoldsteinScale"], arrest["QuadClass"]) == ("173", "-5.0", "4")
    assert (strikes["EventCode"], talks["EventCode"], talks["QuadClass"]) == ("195", "040", "1")
    assert protest["EventCode"] == "141"
    # three reports in three articles from three sites; the lead sentence of its articles
    assert (shelling["NumMentions"], shelling["NumSources"], shelling["NumArticles"]) == ("3", "3", "3")
    assert shelling["IsRootEvent"] == "1" and arrest["IsRootEvent"] == "0"
    # FIPS 10-4, not ISO: Congo (Kinshasa) CG, Ukraine UP, Australia AS, China CH
    assert (shelling["ActionGeo_CountryCode"], shelling["ActionGeo_ADM1Code"], shelling["ActionGeo_Type"]) == ("CG", "CG11", "4")
    assert shelling["ActionGeo_FullName"] == "Goma, Nord-Kivu, Democratic Republic of the Congo"
    assert (arrest["ActionGeo_CountryCode"], arrest["ActionGeo_ADM1Code"]) == ("UP", "UP12")
    assert (talks["ActionGeo_CountryCode"], talks["Actor1Geo_CountryCode"], talks["Actor1Geo_Type"]) == ("AS", "CH", "1")
    assert talks["Actor1CountryCode"] == "CHN" and talks["Actor2Geo_FullName"].startswith("Canberra")
    # a US city is geo type 3 with its state (USIL); the actor's geo is where the local actor acted
    assert (protest["ActionGeo_Type"], protest["ActionGeo_ADM1Code"]) == ("3", "USIL")
    assert protest["ActionGeo_FullName"] == "Chicago, Illinois, United States"
    assert protest["Actor1Geo_FullName"] == protest["ActionGeo_FullName"]
    # names with a line break or a tab in the text come out on one line
    assert protest["Actor1Name"] == "THOUSANDS OF PROTESTERS"
    # dates: the event's day; a month or a year by the report's day inside it, else its middle
    assert (shelling["SQLDATE"], shelling["MonthYear"], shelling["Year"]) == ("20240312", "202403", "2024")
    assert shelling["FractionDate"] == f"{2024 + (3 * 30 + 12) / 365:.4f}"
    assert strikes["SQLDATE"] == "20110701" and protest["SQLDATE"] == "20240215"
    assert talks["SQLDATE"] == "20240315"  # undated: its report's publication day
    assert (strikes["Actor1Code"], strikes["Actor1Name"]) == ("IGO", "NATO")


def test_filters_and_statuses(db):
    everything = _strict(_export(db, Filters(event_status="all", min_confidence=0)))
    assert len(everything) == 8
    ukraine = _strict(_export(db, Filters(country="UA")))
    assert [r["GLOBALEVENTID"] for r in ukraine] == ["2"]
    march = _strict(_export(db, Filters(date_from="2024-03-01", date_to="2024-03-31")))
    assert [r["GLOBALEVENTID"] for r in march] == ["1", "2", "7"]  # the undated talks by their report's date
    assert _export(db, Filters(event_type="consult")).count(b"\n") == 1


def test_gdelt_py_parses_every_row(db):
    parsers = pytest.importorskip("py_gdelt.parsers.events")
    models = pytest.importorskip("py_gdelt.models.events")
    data = _export(db, Filters(event_status="all", min_confidence=0))
    raw = list(parsers.EventsParser().parse(data))
    assert len(raw) == 8
    events = [models.Event.from_raw(r) for r in raw]
    by_id = {e.global_event_id: e for e in events}
    assert by_id[1].goldstein_scale == -10.0 and by_id[1].num_sources == 3
    assert by_id[2].actor1.country_code == "UKR" and by_id[2].event_code == "173"


def test_goldstein_and_fips_tables_agree_with_their_sources():
    """The package data against the copies the PyPI packages ship (when installed)."""
    try:
        files = importlib.metadata.files("gdelt") or []
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("gdelt (gdeltPyR) is not installed")
    [codes] = [Path(f.locate()) for f in files if str(f).endswith("cameoCodes.json")]
    published = {code: float(value) for code, value in json.loads(codes.read_text())["GoldsteinScale"].items()}
    assert reference.goldstein_table() == published and len(published) > 300
    countries = pytest.importorskip("py_gdelt.lookups.countries")
    lookup = countries.Countries()
    for alpha2, (fips, _) in reference.fips_table().items():
        assert lookup.fips_to_iso2(fips) == alpha2
    assert (reference.fips("CN"), reference.fips("AU"), reference.fips("AT")) == ("CH", "AS", "AU")


def test_an_undated_event_of_an_undated_page_takes_the_day_it_was_read():
    row = {"date": None, "reports": [{"published": None, "fetched_at": None, "ingested_at": "2026-05-02T10:00:00+00:00"}]}
    assert gdelt.event_day(row).isoformat() == "2026-05-02"
    row["reports"][0]["fetched_at"] = "2026-04-30T23:00:00Z"
    assert gdelt.event_day(row).isoformat() == "2026-04-30"
    assert gdelt.event_day({"date": "2016-02", "reports": [{"published": "2016-02-20"}]}).isoformat() == "2016-02-20"
    assert gdelt.event_day({"date": "2016-02", "reports": [{"published": "2016-05-01"}]}).isoformat() == "2016-02-15"


def test_a_city_is_in_the_division_by_the_name_the_web_shows():
    """A division's name in FullName is the gazetteer's shown (English) name, not its ISO local form
    ("Tatarstan, Respublika", "Ḩalab"), the same name a place of an article carries."""
    from newsgraph.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    for alpha2, code, city, expected in (("RU", "73", "Kazan", "Tatarstan"), ("SY", "09", "Manbij", "Aleppo"),
                                         ("RU", "47", "Khimki", "Moscow Oblast")):
        division = gazetteer.admin1(alpha2, code)
        assert division is not None and gazetteer.label(division) == expected
        row = gdelt.geo({"name": city, "country": alpha2, "admin1": code, "precision": "point", "lat": 1.0, "lon": 2.0})
        assert row["FullName"].split(", ")[1] == expected
