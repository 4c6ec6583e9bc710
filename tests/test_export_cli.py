"""`newsgraph export`, `search` and `show` with the filters of the events pages, on the hand-built database."""

from __future__ import annotations

import csv
import io
import sqlite3

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.store import Store, StoredPage
from newsgraph.store import schema as store_schema
from tests.export_corpus import build


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return build(str(tmp_path_factory.mktemp("cli") / "events.db"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_export_takes_the_filters(db, tmp_path):
    out = tmp_path / "china.tsv"
    result = run("export", out, "--format", "gdelt-events", "--db", db, "--actor", "china", "--actor-role", "source")
    assert result.exit_code == 0, result.output
    assert "1 event -> " in result.output
    [line] = out.read_text().splitlines()
    assert line.split("\t")[5] == "CHNGOV"
    result = run("export", out, "--format", "gdelt-events", "--db", db, "--from", "2024-03-11", "--to", "2024-03-12",
                 "--type", "assault")
    assert result.exit_code == 0 and [r.split("\t")[0] for r in out.read_text().splitlines()] == ["1"]
    result = run("export", out, "--format", "gdelt-events", "--db", db, "--country", "LY", "--min-confidence", "0")
    assert [r.split("\t")[0] for r in out.read_text().splitlines()] == ["3", "8"]
    result = run("export", out, "--format", "gdelt-events", "--db", db, "--status", "negated")
    assert [r.split("\t")[0] for r in out.read_text().splitlines()] == ["5"]
    assert run("export", out, "--format", "gdelt-events", "--db", db, "--actor", "Nobody").exit_code == 1
    bad = run("export", out, "--format", "gdelt-events", "--db", db, "--from", "March")
    assert bad.exit_code == 1 and "date_from" in bad.output


def test_export_acled_says_what_it_left_out(db, tmp_path):
    out = tmp_path / "acled.csv"
    result = run("export", out, "--format", "acled", "--db", db)
    assert result.exit_code == 0, result.output
    assert "3 events -> " in result.output and "1 event left out: dated to a year only" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["event_id_cnty"] for r in rows] == ["COD1", "UKR2", "USA6"]
    hypothetical = run("export", out, "--format", "acled", "--db", db, "--all-statuses")
    assert "5 events -> " in hypothetical.output


def test_export_fact_tables(db, tmp_path):
    for table, rows in (("events", 5), ("actors", 4), ("places", 8), ("quotes", 0), ("citations", 0), ("articles", 3)):
        out = tmp_path / f"{table}.parquet"
        result = run("export", out, "--format", "parquet", "--table", table, "--db", db)
        assert result.exit_code == 0, result.output
        assert pq.read_table(out).num_rows == rows, table
    out = tmp_path / "places.csv"
    assert run("export", out, "--format", "csv", "--table", "places", "--db", db, "--site", "Radio Lake").exit_code == 0
    assert sorted(r["name"] for r in csv.DictReader(io.StringIO(out.read_text()))) == ["Goma", "Libya", "Sirte"]
    refused = run("export", tmp_path / "x.jsonl", "--format", "jsonl", "--table", "events", "--db", db)
    assert refused.exit_code == 1 and "jsonl writes articles" in refused.output


def test_search_stems_counts_and_filters(db):
    result = run("search", "shell", "--db", db)
    assert result.exit_code == 0, result.output
    assert "3 articles match shell; 1-3 shown" in result.output  # "shelled" found by its stem
    assert "1 article matches rally" in run("search", "rally", "--db", db).output  # "rallied"
    assert "2 articles match shell" in run("search", "shell", "--db", db, "--country", "LY").output  # naming a place in it
    assert "1 article matches shell" in run("search", "shell", "--db", db, "--type", "protest").output
    assert "1 article matches shell" in run("search", "shell", "--db", db, "--site", "Radio Lake").output
    assert "2 articles match shell" in run("search", "shell", "--db", db, "--from", "2024-03-14").output
    nato = run("search", "struck", "--db", db, "--actor", "NATO")
    assert "1 article matches struck" in nato.output


def test_search_syntax_error_is_one_line(db):
    result = run("search", 'shell AND (', "--db", db)
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: q: ") and "syntax error" in line


def test_piped_output_is_never_wrapped(db):
    result = run("search", "killing", "--db", db)
    assert any("Rebels shelled the airport in Goma on Tuesday, killing at least 12 people." in line
               for line in result.output.splitlines())
    listed = run("show", "--events", "--db", db)
    assert "ASSAULT/heavy-weapons: \"Rebels\" -> - in Goma (2024-03-12, confidence 0.90, 3 reports)" in listed.output
    assert all(len(line) < 300 for line in listed.output.splitlines())


def test_show_prints_events(db):
    article = run("show", 2, "--db", db)
    assert article.exit_code == 0, article.output
    assert "#6 PROTEST: \"Thousands of protesters\" -> - in Chicago" in article.output
    event = run("show", "--event", 1, "--db", db)
    assert "3 articles, 3 independent sources, 3 reports" in event.output
    assert "Radio Lake 2024-03-13 (asserted, confidence 0.90): Nine people were killed" in event.output
    listed = run("show", "--events", "--db", db, "--status", "all", "--type", "assault", "--min-confidence", "0")
    assert "5 events; 1-5 shown" in listed.output and "negated" in listed.output and "hypothetical" in listed.output
    assert run("show", "--event", 99, "--db", db).exit_code == 1
    assert run("show", "--db", db).exit_code == 2  # nothing to show


def test_an_older_database_gets_the_stemming_index(tmp_path, monkeypatch):
    path = str(tmp_path / "old.db")
    monkeypatch.setattr("newsgraph.store.MIGRATIONS", [m for m in store_schema.MIGRATIONS if m[0] != 9])
    with Store(path) as store:
        from tests.export_corpus import articles

        store.add_batch([StoredPage(a, a.url or "", f"page:{a.url}", a.url) for a in articles()])
    assert "1 article matches shell" in run("search", "shell", "--db", path).output  # only "shell" itself
    monkeypatch.undo()
    with Store(path) as store:
        assert 9 in {row[0] for row in store.conn.execute("SELECT version FROM schema_migrations")}
    assert "3 articles match shell" in run("search", "shell", "--db", path).output
    tokenizer = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "porter" in tokenizer


def test_tables_are_not_wrapped_in_a_pipe(db, tmp_path):
    import shutil

    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    path = folder / "events.db"
    shutil.copy(db, path)
    result = run("stats", "--db", path)
    assert any(str(path) in line and line.startswith("│ database") for line in result.output.splitlines()), result.output
