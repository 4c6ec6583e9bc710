"""The `newsgraph` command as a user runs it, on pages written for the tests."""

import gzip
import json
import re

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.confidence import thresholds
from tests.pages import STORY_PARAGRAPHS, news_page

PORT_STORY = [
    "Dockworkers at the port of Valencia walked off the job on Monday in a dispute over automation, "
    "leaving dozens of container ships waiting at anchor outside the harbour.",
    "The union said the strike would continue until the port authority agreed to guarantee jobs "
    "for the next ten years, and it called on workers in other ports to join the action.",
    "“Nobody is against new cranes, but nobody should lose their livelihood to them,” said Marta Gil, "
    "a union representative, outside the main gate.",
    "Shipping companies warned that delays could spread across the western Mediterranean within days.",
]

BLOG_DUMP = """Skip to main content

Notes from the Valley

Village council approves new footbridge after years of debate


The village council voted on Thursday to build a new footbridge across the river, ending a debate that has divided residents for almost a decade.

Council chair Henrik Dahl said the bridge would be paid for by a regional grant and would open before the end of next year.

“This is a good day for everyone who walks their children to school on the far bank,” Dahl told the meeting, which ran late into the evening.

Opponents had argued that the money would be better spent on repairing the old road bridge, which is closed to heavy traffic.

Share

Comments

Popular posts from this blog

Harvest festival draws record crowds

Thousands of visitors came to the valley for the weekend festival, with music, food stalls and a tractor parade along the main street.

Bakery reopens after flood repairs

The family bakery on the square opened its doors again after months of repairs following the spring flood.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "pages"
    (folder / "courier").mkdir(parents=True)
    (folder / "courier" / "flood.html").write_text(news_page("River floods force thousands from homes", STORY_PARAGRAPHS))
    (folder / "port.html.gz").write_bytes(
        gzip.compress(news_page("Port strike strands ships", PORT_STORY, url="https://port.example/a").encode())
    )
    (folder / "blog-dump.txt").write_text(BLOG_DUMP)
    return folder


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def test_every_command_has_help():
    for command in ["analyze", "ingest", "search", "show", "stats", "export", "serve", "demo", "gazetteer"]:
        result = run(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage:" in result.output


def test_analyze_prints_the_article_json_and_stores_nothing(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("analyze", corpus / "courier" / "flood.html", "--min-confidence", "0")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "River floods force thousands from homes"
    assert data["text"].startswith("Flood waters rose across the lower Danube valley")
    assert data["language"] == "en"
    assert data["published"].startswith("2026-03-14")
    first = data["paragraphs"][0]
    assert data["text"][first["start"] : first["end"]] == STORY_PARAGRAPHS[0]
    assert "cookies" not in data["text"] and "All rights reserved" not in data["text"]
    speakers = {q["speaker"] for q in data["quotes"] if q["kind"] == "direct"}
    assert "Ioana Petrescu" in speakers
    assert "Giurgiu" in {p["name"] for p in data["places"]}
    for key in ("entities", "places", "quotes", "events", "citations"):
        assert isinstance(data[key], list)
    assert not (tmp_path / "newsgraph.db").exists()


def test_analyze_prints_the_facts_it_would_defend_and_counts_the_rest(corpus):
    shown = json.loads(run("analyze", corpus / "courier" / "flood.html").output)
    every = json.loads(run("analyze", corpus / "courier" / "flood.html", "--min-confidence", "0").output)
    limits = thresholds()
    for kind, part in (("actors", "entities"), ("places", "places"), ("quotes", "quotes"), ("events", "events")):
        assert all(fact["confidence"] >= limits[kind] for fact in shown[part]), kind
        assert len(every[part]) == len(shown[part]) + shown["hidden"][kind], kind
        assert every["hidden"][kind] == 0
    assert sum(shown["hidden"].values()) > 0  # the page has facts newsgraph is not sure of


def test_analyze_reads_stdin_and_text_dumps():
    result = run("analyze", "-", input=BLOG_DUMP)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Village council approves new footbridge after years of debate"
    assert data["extraction_method"] == "textdump"
    assert data["text"].startswith("The village council voted on Thursday")
    assert "Popular posts" not in data["text"] and "Harvest festival" not in data["text"]
    assert [r["title"] for r in data["related"]] == ["Harvest festival draws record crowds", "Bakery reopens after flood repairs"]


def test_ingest_search_show_stats_export(corpus, db_path, tmp_path):
    result = run("ingest", corpus, "--db", db_path, "-q")
    assert result.exit_code == 0, result.output
    assert "pages read: 3  stored: 3  duplicates: 0  failures: 0" in result.output

    again = run("ingest", corpus, "--db", db_path, "-q")
    assert "stored: 0  duplicates: 3" in again.output

    stats = json.loads(run("stats", "--db", db_path, "--json").output)
    assert stats["articles"] == 3 and stats["languages"] == {"en": 3}

    hits = [json.loads(line) for line in run("search", "strike", "--db", db_path, "--json").stdout.splitlines()]
    assert [h["title"] for h in hits] == ["Port strike strands ships"]
    assert "strike" in hits[0]["highlights"]

    shown = json.loads(run("show", hits[0]["id"], "--db", db_path, "--json").output)
    assert shown["id"] == hits[0]["id"] and shown["origin"].endswith("port.html.gz")
    assert shown["url"] == "https://port.example/a"

    text_view = run("show", hits[0]["id"], "--db", db_path)
    assert "Port strike strands ships" in text_view.output and "Marta Gil" in text_view.output
    assert run("show", 999, "--db", db_path).exit_code != 0

    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"export.{fmt}"
        assert run("export", "--format", fmt, out, "--db", db_path).exit_code == 0
    lines = [json.loads(line) for line in (tmp_path / "export.jsonl").read_text().splitlines()]
    assert len(lines) == 3 and all({"id", "origin", "text", "paragraphs"} <= set(line) for line in lines)
    assert "Village council approves new footbridge" in (tmp_path / "export.csv").read_text()
    assert pq.read_table(tmp_path / "export.parquet").num_rows == 3


def test_two_workers_store_the_same_articles(corpus, tmp_path):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert run("ingest", corpus, "--db", one, "-q").exit_code == 0
    assert run("ingest", corpus, "--db", two, "-q", "--workers", "2").exit_code == 0
    export = lambda db: sorted(  # noqa: E731
        (r["title"], r["text"]) for r in map(json.loads, _export_jsonl(db, tmp_path).splitlines())
    )
    assert export(one) == export(two)


def test_a_worker_killed_by_the_system_fails_its_page_and_the_run_goes_on(tmp_path, monkeypatch):
    """The OOM killer's SIGKILL, stood in for by tests/worker_crash.py, on one page of seven."""
    from newsgraph import pipeline
    from tests.worker_crash import MARKER, process_or_die

    monkeypatch.setattr(pipeline, "_process", process_or_die)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(6):
        lead = f"Crane operator number {i} told the union meeting about shift {i * 7} and the ships waiting at berth {i}."
        (folder / f"story-{i}.html").write_text(news_page(f"Harbour story number {i} of the week", [lead] + PORT_STORY))
    (folder / "story-9-huge.html").write_text(news_page("A page no machine can take", [MARKER] + PORT_STORY))
    db = str(tmp_path / "killed.db")
    result = run("ingest", folder, "--db", db, "-q", "--workers", "2", "--no-enrich")
    assert result.exit_code == 1, result.output
    assert "stored: 6" in result.output and "failures: 1" in result.output
    [failure] = [line for line in result.output.splitlines() if "story-9-huge.html" in line]
    assert "worker process" in failure and "died" in failure
    again = run("ingest", folder, "--db", db, "-q", "--workers", "2", "--no-enrich")
    assert "stored: 0" in again.output  # the six are kept; only the page that kills a worker is tried again


def _export_jsonl(db, tmp_path):
    out = tmp_path / "x.jsonl"
    run("export", "--format", "jsonl", out, "--db", db)
    return out.read_text()


def test_scraped_text_cannot_drive_the_terminal(tmp_path, db_path):
    page = tmp_path / "hostile.html"
    page.write_text(news_page("[bold red]Injected[/bold red] \x1b[2J headline", STORY_PARAGRAPHS))
    run("ingest", page, "--db", db_path, "-q")
    result = run("show", 1, "--db", db_path)
    assert "[bold red]Injected[/bold red]" in result.output
    assert "\x1b" not in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = run("search", "x", "--db", tmp_path / "nope.db")
    assert result.exit_code == 1
    assert "nope.db: no such database" in result.output


def test_gazetteer_import_command(tmp_path):
    dump = tmp_path / "XX.txt"
    row = ["9990001", "Port Averly", "Port Averly", "Averly", "12.5", "45.25", "P", "PPLA", "LY", "", "01", "", "", "",
           "25000", "", "5", "Africa/Tripoli", "2026-01-01"]
    dump.write_text("\t".join(row) + "\n")
    out = tmp_path / "gaz.sqlite"
    result = run("gazetteer", "import", dump, "--out", out)
    assert result.exit_code == 0, result.output
    assert "places: 1" in result.output and out.is_file()
    bad = run("gazetteer", "import", tmp_path / "gaz.sqlite", "--out", tmp_path / "x.sqlite")
    assert bad.exit_code == 1 and "gaz.sqlite" in bad.output


def test_ingest_without_enrichment_stores_text_only(corpus, db_path):
    assert run("ingest", corpus, "--db", db_path, "-q", "--no-enrich").exit_code == 0
    stats = json.loads(run("stats", "--db", db_path, "--json").output)
    assert stats["articles"] == 3 and stats["actors"] == 0 and stats["quotes"] == 0
    enriched = run("ingest", corpus, "--db", db_path + "2", "-q")
    assert enriched.exit_code == 0
    assert json.loads(run("stats", "--db", db_path + "2", "--json").output)["quotes"] > 0


def test_samples_give_events_exports_and_a_cluster_of_copies(tmp_path):
    from newsgraph.samples import sample_paths

    db = str(tmp_path / "samples.db")
    assert run("ingest", *sample_paths(), "--db", db, "-q").exit_code == 0
    clusters = json.loads(run("reuse", "--db", db, "--json").output)["clusters"]
    agency = clusters[0]
    assert agency["earliest"]["site"] == "Meridian Press Agency" and agency["size"] >= 5
    shown = json.loads(run("show", agency["earliest"]["id"], "--db", db, "--json").output)
    assert shown["reuse"]["class"] == "original" and len(shown["reuse"]["copies"]) >= 4
    assert shown["events"], "the agency story reports events"

    for fmt, check in [("gdelt-events", lambda t: all(len(line.split("\t")) == 61 for line in t.splitlines())),
                       ("acled", lambda t: t.startswith("event_id_cnty,event_date,year,time_precision,disorder_type")),
                       ("plover-json", lambda t: all("event_type" in json.loads(x) or "event" in json.loads(x)
                                                     for x in t.splitlines()))]:
        out = tmp_path / f"events.{fmt}"
        result = run("export", "--format", fmt, out, "--db", db)
        assert result.exit_code == 0 and re.match(r"\d+ events? -> ", result.output), fmt
        assert check(out.read_text()), fmt


def test_analyze_against_a_database_finds_the_stored_sources(corpus, db_path, tmp_path):
    run("ingest", corpus / "courier" / "flood.html", "--db", db_path, "-q")
    copy = tmp_path / "copy.html"
    copy.write_text(news_page("Thousands flee as the Danube floods", STORY_PARAGRAPHS[:4] + [
        "This article first appeared on a partner site and is republished with permission."],
        site="Valley Mirror", url="https://valley-mirror.example/flood", published="2026-03-15T10:00:00Z"))
    data = json.loads(run("analyze", copy, "--db", db_path).output)
    assert data["reuse"]["class"] == "full_copy"
    [source] = data["reuse"]["sources"]
    assert source["title"] == "River floods force thousands from homes" and source["share"] > 0.8
    start, end, other_start, other_end = source["passages"][0]
    assert data["text"][start:start + 40] in STORY_PARAGRAPHS[0]


def test_one_article_breaking_an_enricher_fails_alone(monkeypatch, tmp_path):
    """The others of its batch are enriched once each, not twice, and the broken one is named."""
    from newsgraph import enrich
    from newsgraph.ingest.page import Failure, RawPage
    from newsgraph.pipeline import analyze_pages

    real = enrich.pipeline

    def boom(article, doc):
        if "Valencia" in article.text:
            raise ValueError("enricher bug")

    broken = enrich.Component("boom", frozenset(), frozenset(), boom)
    monkeypatch.setattr(enrich, "pipeline", lambda names=enrich.ENRICHERS: (*real(names), broken))
    pages = [RawPage("flood.html", news_page("Floods", STORY_PARAGRAPHS).encode()),
             RawPage("port.html", news_page("Strike", PORT_STORY).encode())]
    flood, port = analyze_pages(pages)
    assert isinstance(port, Failure) and port.origin == "port.html" and "enricher bug" in port.reason
    spans = [tuple(m) for e in flood.entities for m in e.mentions]
    assert flood.entities and len(spans) == len(set(spans))
    assert len(flood.quotes) == len({(q.start, q.end) for q in flood.quotes})


def test_ingest_of_the_folder_holding_the_database_reads_the_pages_only(tmp_path, monkeypatch):
    """`newsgraph ingest .` with the default ./newsgraph.db: the database and its -wal/-shm are not inputs."""
    import sqlite3

    (tmp_path / "flood.html").write_text(news_page("River floods force thousands from homes", STORY_PARAGRAPHS))
    (tmp_path / "port.html").write_text(news_page("Port strike strands ships", PORT_STORY))
    sqlite3.connect(tmp_path / "browser-history.sqlite").execute("CREATE TABLE t (x)").connection.close()
    monkeypatch.chdir(tmp_path)
    first = run("ingest", ".", "-q", "--no-enrich")
    assert first.exit_code == 0, first.output
    assert "stored: 2" in first.output and "failures: 0" in first.output
    [note] = [line for line in first.output.splitlines() if "browser-history.sqlite" in line]
    assert "SQLite" in note
    again = run("ingest", ".", "-q", "--no-enrich")  # the database exists now, with its side files
    assert again.exit_code == 0, again.output
    assert "stored: 0" in again.output and "failures: 0" in again.output
    assert "newsgraph.db" not in again.output.replace("-> newsgraph.db", "")


def test_show_lists_the_facts_newsgraph_would_defend_and_says_what_it_left_out(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(news_page("Port workers end strike", [
        "Dock workers in Mombasa ended their strike on Monday after talks with the port authority.",
        "\u201cWe have reached a fair deal,\u201d said union leader Amina Wekesa, speaking to reporters.",
        "The union pledged to review the agreement with its members next month.",
        "Police did not arrest anyone during the protest, officials said.",
    ]))
    db = tmp_path / "news.db"
    run("ingest", page, "--db", db)
    default = run("show", 1, "--db", db).output
    everything = run("show", 1, "--db", db, "--min-confidence", 0).output
    facts, all_facts = default.split("\nQuotes", 1)[1], everything.split("\nQuotes", 1)[1]  # after the text
    assert "We have reached a fair deal" in facts and "confidence" in facts
    assert "intention" not in facts  # "pledged to review ...": kept, not shown as a quote
    assert "intention" in all_facts
    assert "below the confidence shown by default" in default
    assert "below the confidence shown by default" not in everything
    assert "negated" in everything  # the arrest that did not happen is marked as such
