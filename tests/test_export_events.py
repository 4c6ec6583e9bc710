"""PLOVER JSON lines, the fact tables as CSV and Parquet, and the one entry point the CLI and the web
app share (``newsgraph.export.write``) with the filters of the events pages."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

import newsgraph
from newsgraph.export import ExportError, filename, write
from newsgraph.export.events import write_plover_json
from newsgraph.export.fatalities import fatalities, reported_fatalities
from newsgraph.export.tabular import FACT_COLUMNS
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters
from tests.export_corpus import build


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("facts") / "events.db"))


def _csv(db: str, table: str, filters: Filters | None = None) -> list[dict[str, str]]:
    out = io.BytesIO()
    with Store(db) as store:
        n = write(store, "csv", out, filters, table=table)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert len(rows) == n
    return rows


def test_plover_json_lines(db):
    out = io.StringIO()
    with Store(db) as store:
        write_plover_json(store.export_events(Filters()), out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["event"] for r in records] == ["ASSAULT", "COERCE", "ASSAULT", "PROTEST", "CONSULT"]
    arrest = records[1]
    assert arrest["mode"] == "arrest" and arrest["cameo_code"] == "173" and arrest["eventLoc"]["countryCode"] == "UKR"
    assert arrest["source"][0]["sector"] == "COP" and arrest["status"] == "happened"
    assert len(records[0]["sources"]) == 3


def test_events_table_one_row_per_distinct_event(db):
    rows = _csv(db, "events")
    assert list(rows[0]) == list(FACT_COLUMNS["events"])
    shelling = rows[0]
    assert (shelling["type"], shelling["reports"], shelling["articles"], shelling["sites"]) == ("ASSAULT", "3", "3", "3")
    assert shelling["place_name"] == "Goma" and shelling["status"] == "happened"
    every = _csv(db, "events", Filters(event_status="all", min_confidence=0))
    assert {r["status"] for r in every} == {"happened", "negated", "hypothetical"} and len(every) == 8


def test_actor_filter_by_role(db):
    with Store(db) as store:
        china = store.actors_page(Filters(), name="China").items[0]["id"]
        australia = store.actors_page(Filters(), name="Australia").items[0]["id"]
    assert [r["type"] for r in _csv(db, "events", Filters(actor=china, actor_role="source"))] == ["CONSULT"]
    assert _csv(db, "events", Filters(actor=china, actor_role="target")) == []
    assert [r["type"] for r in _csv(db, "events", Filters(actor=australia))] == ["CONSULT"]
    assert [r["type"] for r in _csv(db, "events", Filters(actor=australia, actor_role="target"))] == ["CONSULT"]


def test_place_filter_takes_places_inside_a_country(db):
    with Store(db) as store:
        libya = store.places_page(Filters(), name="Libya").items[0]["id"]
    assert [r["place_name"] for r in _csv(db, "events", Filters(place=libya, min_confidence=0))] == ["Tripoli", "Sirte"]
    assert [r["place_name"] for r in _csv(db, "events", Filters(country="LY", min_confidence=0))] == ["Tripoli", "Sirte"]
    assert [r["place_name"] for r in _csv(db, "events", Filters(date_from="2011-06-01", date_to="2011-06-30"))] == ["Tripoli"]


def test_fact_tables(db):
    actors = {r["name"]: r for r in _csv(db, "actors")}
    assert set(actors) == {"National Police of Ukraine", "NATO", "China", "Australia"}
    places = {r["name"]: r for r in _csv(db, "places")}
    assert places["Goma"]["articles"] == "3" and places["Goma"]["country"] == "CD"
    assert set(_csv(db, "places", Filters(site="Valley Blog"))[0]) == set(FACT_COLUMNS["places"])
    assert _csv(db, "quotes") == [] and _csv(db, "citations") == []
    articles = _csv(db, "articles", Filters(site="Radio Lake"))
    assert [a["site_name"] for a in articles] == ["Radio Lake"]


def test_parquet_of_each_table(db, tmp_path):
    with Store(db) as store:
        for table in ("articles", "events", "actors", "places", "quotes", "citations"):
            out = tmp_path / f"{table}.parquet"
            n = write(store, "parquet", out, table=table)
            read = pq.read_table(out)
            assert read.num_rows == n and read.column_names == list(FACT_COLUMNS.get(table, read.column_names))
    assert pq.read_table(tmp_path / "events.parquet").column("latitude").type == "double"


def test_wrong_format_and_table(db):
    with Store(db) as store:
        with pytest.raises(ExportError, match="table"):
            write(store, "jsonl", io.BytesIO(), table="events")
        with pytest.raises(ExportError, match="format"):
            write(store, "xlsx", io.BytesIO())
    assert filename("gdelt-events") == "newsgraph-events-gdelt.export.CSV"
    assert filename("csv", "quotes") == "newsgraph-quotes.csv"


def test_fatalities_read_from_the_text():
    assert fatalities("Rebels shelled the airport, killing at least 12 people.") == 12
    assert fatalities("Three soldiers were killed and 20 were wounded.") == 3
    assert fatalities("The death toll rose to 1,040 on Monday.") == 1040
    assert fatalities("Police arrested 12 protesters.") is None
    assert fatalities("The army advanced 12 km and killed nobody.") is None
    assert fatalities("Dozens of people were killed.") is None
    assert reported_fatalities(["killing at least 12 people", "Nine people were killed", "no number"]) == 9


def test_analysed_text_exports(db_path):
    """The exports of events found by the enrichment, not built by hand."""
    text = "Police arrested 12 protesters in Kyiv on Monday.\n\nRebels shelled the airport in Goma last week."
    pages = []
    for i, url in enumerate(["https://wire.example/a", "https://blog.example/b"]):
        article = newsgraph.analyze_text(text, published="2024-03-14")
        article.url, article.site_name = url, f"site {i}"
        pages.append(StoredPage(article, url, f"hash-{i}", url))
    with Store(db_path) as store:
        store.add_batch(pages)
        out = io.BytesIO()
        assert write(store, "gdelt-events", out, Filters(min_confidence=0)) == 2
    arrest = out.getvalue().decode().splitlines()[0].split("\t")
    assert arrest[26:29] == ["173", "173", "17"] and arrest[53] == "UP" and arrest[33] == "2"
