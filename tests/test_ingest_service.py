"""The ingest service called directly, on pages written here; and the CLI and the API, which call it,
reporting the same counts for the same inputs."""

from __future__ import annotations

import gzip
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import pipeline
from newsgraph.cli import main
from newsgraph.errors import FailureKind
from newsgraph.ingest import service
from newsgraph.ingest.page import Failure
from newsgraph.ingest.service import Interrupted, Prepared, ServiceOptions, ingest, ingest_prepared
from newsgraph.store import Store
from newsgraph.web import create_app
from tests.pages import STORY_PARAGRAPHS, news_page

PORT_STORY = [
    ("Dockworkers at the port of Valencia walked off the job on Monday in a dispute over automation, "
     "leaving dozens of container ships waiting at anchor outside the harbour."),
    ("The union said the strike would continue until the port authority agreed to guarantee jobs "
     "for the next ten years, and it called on workers in other ports to join the action."),
    "Shipping companies warned that delays could spread across the western Mediterranean within days.",
]
FLOOD_URL = "https://www.harbour-courier.example/world/2026/03/floods.html"
PORT_URL = "https://www.harbour-courier.example/world/2026/03/strike.html"
FLOOD = news_page("River floods force thousands from homes", STORY_PARAGRAPHS, url=FLOOD_URL)
PORT = news_page("Port strike strands ships", PORT_STORY, url=PORT_URL)
# The flood page fetched again: other bytes (a cache stamp), the same article at the same address.
FLOOD_AGAIN = FLOOD.replace("</body>", "<!-- served from cache 2026-03-15 --></body>")
BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


@pytest.fixture
def folder(tmp_path) -> Path:
    """Two news pages, a binary file, an empty page and a second copy of the first page."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a-floods.html").write_text(FLOOD)
    (folder / "b-strike.html").write_text(PORT)
    (folder / "c-photo.html").write_bytes(BINARY)
    (folder / "d-empty.html").write_text("")
    (folder / "e-floods-again.html").write_text(FLOOD_AGAIN)
    return folder


@pytest.fixture
def no_spacy(monkeypatch):
    """Extraction as ingest runs it, the enrichers left out: the counts do not depend on them."""
    monkeypatch.setattr(pipeline, "enrich_articles", lambda articles: articles)


def kinds(failures) -> dict[str, FailureKind]:
    return {Path(f.origin).name: f.kind for f in failures}


def test_counts_and_typed_failures_and_a_rerun_skips_known_pages(folder, tmp_path):
    missing = str(tmp_path / "no-such-page.html")
    reports = []
    options = ServiceOptions(enrich=False, batch_size=2, on_batch=reports.append)
    with Store(tmp_path / "one.db") as store:
        counts = ingest([str(folder), missing], store, options)
        assert store.stats()["articles"] == 2

    assert (counts.read, counts.stored, counts.duplicate, counts.skipped) == (6, 2, 1, 0)
    assert counts.failed == Counter({FailureKind.BINARY: 1, FailureKind.EMPTY: 1, FailureKind.UNREADABLE: 1})
    assert counts.failures == 3
    failures = [f for r in reports for f in r.failures]
    assert kinds(failures) == {"c-photo.html": FailureKind.BINARY, "d-empty.html": FailureKind.EMPTY,
                               "no-such-page.html": FailureKind.UNREADABLE}
    assert {f.origin for f in failures} == {str(folder / "c-photo.html"), str(folder / "d-empty.html"), missing}
    # The one-line messages users read are the readers' and the extractor's own.
    assert {f.reason for f in failures} == {"binary content, not a text or HTML page", "empty page",
                                            "no such file or directory"}
    assert [len(r.results) + len(r.skipped) + len(r.failures) for r in reports] == [2, 2, 2]  # batches of 2
    statuses = {Path(r.origin).name: r.status for rep in reports for r in rep.results}
    assert statuses == {"a-floods.html": "stored", "b-strike.html": "stored", "e-floods-again.html": "duplicate"}

    with Store(tmp_path / "one.db") as store:
        again = ingest([str(folder), missing], store, ServiceOptions(enrich=False))
        assert store.stats()["articles"] == 2
    # Every page stored before (the duplicate's bytes too) is skipped; the failures are tried again.
    assert (again.read, again.stored, again.duplicate, again.skipped) == (6, 0, 0, 3)
    assert again.failed == counts.failed
    with Store(tmp_path / "one.db") as store:
        fresh = ingest([str(folder)], store, ServiceOptions(enrich=False, resume=False))
    assert (fresh.stored, fresh.duplicate, fresh.skipped) == (0, 3, 0)  # resume off: analysed again, nothing new


def test_failure_kinds_are_set_where_the_failure_is_made(tmp_path):
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(FLOOD.encode())[:200])
    big = tmp_path / "big.html"
    big.write_text(news_page("A long page", STORY_PARAGRAPHS * 40))
    few = tmp_path / "few-words.html"
    few.write_text("<html><body><p>Only a few words here.</p></body></html>")
    reports = []
    options = ServiceOptions(enrich=False, max_page_bytes=20_000, on_batch=reports.append)
    with Store(tmp_path / "kinds.db") as store:
        counts = ingest([str(cut), str(big), str(few), "ftp://files.example/x.html", "http://127.0.0.1:9/private.html"],
                        store, options)
    failures = {f.origin: f for r in reports for f in r.failures}
    assert {o: f.kind for o, f in failures.items()} == {
        str(cut): FailureKind.CORRUPT,
        str(big): FailureKind.TOO_LARGE,
        str(few): FailureKind.NO_TEXT,
        "ftp://files.example/x.html": FailureKind.FETCH_REFUSED,
        "http://127.0.0.1:9/private.html": FailureKind.FETCH_REFUSED,
    }
    assert failures[str(cut)].reason == "truncated gzip file"
    assert "use --allow-private" in failures["http://127.0.0.1:9/private.html"].reason
    assert counts.stored == 0 and counts.failures == 5


def test_an_extractor_that_breaks_fails_its_page_alone_with_its_kind(folder, tmp_path, monkeypatch):
    real = pipeline.extract_page

    def breaks_on_strike(page, options=None):
        if "strike" in page.origin:
            raise RuntimeError("a bug in the extractor")
        return real(page, options)

    monkeypatch.setattr(pipeline, "extract_page", breaks_on_strike)
    reports = []
    with Store(tmp_path / "bug.db") as store:
        counts = ingest([str(folder / "a-floods.html"), str(folder / "b-strike.html")], store,
                        ServiceOptions(enrich=False, on_batch=reports.append))
    [failure] = [f for r in reports for f in r.failures]
    assert failure.kind == FailureKind.EXTRACTION_ERROR and failure.origin.endswith("b-strike.html")
    assert counts.stored == 1


def test_ctrl_c_keeps_the_stored_batches_and_a_rerun_goes_on(folder, tmp_path, monkeypatch):
    """Ctrl-C while a batch is on its way to the store: the batches before it stay, it does not."""
    sources = [str(folder / name) for name in ("a-floods.html", "b-strike.html", "e-floods-again.html")]
    with Store(tmp_path / "stop.db") as store:
        real, calls = store.add_batch, []

        def interrupted_second_time(pages, failures=()):
            calls.append(len(pages))
            if len(calls) == 2:
                raise KeyboardInterrupt
            return real(pages, failures)

        monkeypatch.setattr(store, "add_batch", interrupted_second_time)
        with pytest.raises(Interrupted) as stop:
            ingest(sources, store, ServiceOptions(enrich=False, batch_size=1))
        assert isinstance(stop.value, KeyboardInterrupt)
        assert (stop.value.counts.read, stop.value.counts.stored) == (1, 1)
        monkeypatch.undo()
        assert store.stats()["articles"] == 1
        resumed = ingest(sources, store, ServiceOptions(enrich=False, batch_size=1))
    assert (resumed.skipped, resumed.stored, resumed.duplicate) == (1, 1, 1)


def test_prepared_articles_are_stored_by_the_same_loop(folder, tmp_path):
    """What `newsgraph load` gives the service: articles analysed elsewhere, as JSON records."""
    from newsgraph.ingest.page import RawPage
    from newsgraph.pipeline import analyze_page

    page = RawPage(str(folder / "a-floods.html"), FLOOD.encode())
    record = analyze_page(page).to_json()
    rows = [Prepared(page.origin, page.page_hash, FLOOD_URL, record),
            Prepared("run/part-0#2", "0" * 64, None, '{"text": '),  # cut short
            Failure("run/part-0#3", "a record the caller could not read", FailureKind.MALFORMED_RECORD)]
    reports = []
    with Store(tmp_path / "loaded.db") as store:
        counts = ingest_prepared(rows, store, ServiceOptions(on_batch=reports.append))
        assert store.stats()["articles"] == 1
        # Loaded again: the known page is skipped without its record being parsed.
        rows[0] = Prepared(page.origin, page.page_hash, FLOOD_URL, "not JSON at all")
        again = ingest_prepared(rows, store, ServiceOptions())
    assert (counts.read, counts.stored, counts.skipped) == (3, 1, 0)
    assert counts.failed == Counter({FailureKind.MALFORMED_RECORD: 2})
    assert "stored record does not parse" in next(f.reason for r in reports for f in r.failures
                                                  if f.origin == "run/part-0#2")
    assert (again.stored, again.skipped, again.failures) == (0, 1, 2)


# -- the CLI and the API call the same service ---------------------------------------------------


def write_crawl(path: Path) -> Path:
    """The folder's five pages as a crawler stores them: one WARC (what the API takes in one request)."""
    site = "https://www.harbour-courier.example"
    records = [(FLOOD_URL, FLOOD.encode()), (PORT_URL, PORT.encode()), (f"{site}/photo.html", BINARY),
               (f"{site}/empty.html", b""), (FLOOD_URL, FLOOD_AGAIN.encode())]
    with open(path, "wb") as file:
        writer = WARCWriter(file, gzip=True)
        for url, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": "2026-03-14T08:30:00Z"}))
    return path


@pytest.fixture
def counted(monkeypatch):
    """Every Counts the service returns, whoever called it."""
    seen = []
    real = service._store_batches

    def counting(*args, **kwargs):
        counts = real(*args, **kwargs)
        seen.append(counts)
        return counts

    monkeypatch.setattr(service, "_store_batches", counting)
    return seen


def cli_summary(output: str) -> dict:
    """The counts the CLI prints: its summary line and one line per kind of failure."""
    read, stored, duplicates, failures = map(int, re.search(
        r"pages read: (\d+)  stored: (\d+)  duplicates: (\d+)  failures: (\d+)", output).groups())
    by_kind = {kind: int(n) for n, kind in re.findall(r"^  (\d+) x .* \((\w+)\)$", output, re.MULTILINE)}
    assert sum(by_kind.values()) == failures
    return {"read": read, "stored": stored, "duplicates": duplicates, "failed": by_kind}


def api_summary(body: dict) -> dict:
    counts = body["counts"]
    assert counts["skipped"] == body["skipped"]
    assert len(body["failures"]) == sum(counts["failed"].values())
    assert Counter(f["kind"] for f in body["failures"]) == Counter(counts["failed"])
    return {"read": counts["read"], "stored": counts["stored"], "duplicates": counts["duplicate"] + counts["skipped"],
            "failed": counts["failed"]}


def test_the_cli_and_the_api_report_the_same_counts(tmp_path, no_spacy, counted):
    crawl = write_crawl(tmp_path / "crawl.warc.gz")
    api = TestClient(create_app(str(tmp_path / "api.db"), allow_ingest=True, token="s3cret"))
    runs = []
    for _attempt in ("first", "again"):
        cli = CliRunner().invoke(main, ["ingest", str(crawl), "--db", str(tmp_path / "cli.db"), "-q"])
        assert cli.exit_code == 1, cli.output  # some inputs failed
        response = api.post("/api/ingest", params={"filename": "crawl.warc.gz"}, content=crawl.read_bytes(),
                            headers={"Authorization": "Bearer s3cret", "Content-Type": "application/octet-stream"})
        assert response.status_code == 200, response.text
        assert cli_summary(cli.output) == api_summary(response.json())
        runs.append(response.json()["counts"])
    cli_first, api_first, cli_again, api_again = counted
    assert cli_first == api_first and cli_again == api_again  # the service's own figures, field by field
    assert runs[0] == {"read": 5, "stored": 2, "duplicate": 1, "skipped": 0, "failed": {"binary": 1, "empty": 1}}
    assert runs[1] == {"read": 5, "stored": 0, "duplicate": 0, "skipped": 3, "failed": {"binary": 1, "empty": 1}}


def test_the_cli_and_the_api_say_the_same_of_each_failure(folder, tmp_path, no_spacy):
    cli = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "cli.db"), "-q"])
    errors = dict(re.findall(r"^error (\S+): (.+)$", cli.output, re.MULTILINE))
    assert {Path(o).name: r for o, r in errors.items()} == {"c-photo.html": "binary content, not a text or HTML page",
                                                            "d-empty.html": "empty page"}
    assert "  1 x binary content, not a page (binary)" in cli.output
    api = TestClient(create_app(str(tmp_path / "api.db"), allow_ingest=True, token="s3cret"))
    refused = api.post("/api/ingest", params={"filename": "photo.html"}, content=BINARY,
                       headers={"Authorization": "Bearer s3cret", "Content-Type": "application/octet-stream"})
    assert refused.status_code == 422 and refused.json()["error"].endswith(errors[str(folder / "c-photo.html")])


def test_scale_commands_do_not_import_the_main_command_module():
    """newsgraph.cli registers the scale commands; they take what they share from newsgraph.console."""
    code = "import sys, newsgraph.scale.cli, newsgraph.scale.load; print('newsgraph.cli' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
