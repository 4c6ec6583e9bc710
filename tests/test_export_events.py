"""GDELT, ACLED and PLOVER exports of stored events parse with the right columns."""

from __future__ import annotations

import csv
import io
import json

import newsgraph
from newsgraph.export.events import ACLED_COLUMNS, GDELT_COLUMNS, write_acled, write_gdelt_events, write_plover_json
from newsgraph.store import Store, StoredPage

TEXT = "Police arrested 12 protesters in Kyiv on Monday.\n\nRebels shelled the airport in Goma last week."


def _rows(db_path):
    pages = []
    for i, url in enumerate(["https://wire.example/a", "https://blog.example/b"]):
        article = newsgraph.analyze_text(TEXT, published="2024-03-14")
        article.url, article.site_name = url, f"site {i}"
        pages.append(StoredPage(article, url, f"hash-{i}", url))
    with Store(db_path) as store:
        store.add_batch(pages)
        return list(store.iter_events(min_confidence=0))


def test_gdelt_tsv(db_path):
    out = io.StringIO()
    assert write_gdelt_events(_rows(db_path), out) == 2
    lines = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert lines[0] == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    row = dict(zip(lines[0], lines[1]))
    assert row["SQLDATE"] == "20240311" and row["EventRootCode"] == "17" and row["QuadClass"] == "4"
    assert row["Actor1Type1Code"] == "COP" and row["NumArticles"] == "2"
    assert row["ActionGeo_FullName"] == "Kyiv" and row["ActionGeo_CountryCode"] == "UA"
    assert row["SOURCEURL"].startswith("https://")


def test_acled_csv(db_path):
    out = io.StringIO()
    write_acled(_rows(db_path), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    arrest, shelling = rows
    assert (arrest["event_type"], arrest["sub_event_type"]) == ("Strategic developments", "Arrests")
    assert arrest["country"] == "Ukraine" and arrest["location"] == "Kyiv" and arrest["geo_precision"] == "1"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["source"] == "site 0; site 1"


def test_plover_json_lines(db_path):
    out = io.StringIO()
    write_plover_json(_rows(db_path), out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["event"] for r in records] == ["COERCE", "ASSAULT"]
    assert records[0]["mode"] == "arrest" and records[0]["eventLoc"]["countryCode"] == "UKR"
    assert records[0]["source"][0]["sector"] == "COP" and len(records[0]["sources"]) == 2
