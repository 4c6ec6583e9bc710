"""Bad input: each gets one clear line naming it, the batch goes on, nothing stored is lost."""

import gzip
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.cli import main
from newsgraph.store import Store
from tests.pages import STORY_PARAGRAPHS, news_page

GOOD = news_page("Levee holds as river crest passes", STORY_PARAGRAPHS, url="https://courier.example/levee")
ACCENTED = ["Le maire de Besançon, François Lefèvre, a annoncé une réunion d'urgence après les inondations "
            "qui ont touché la région ce week-end et provoqué l'évacuation de plusieurs quartiers."] * 3


def _warc_with_a_bad_record(path):
    """A WARC whose second record declares more bytes than it has, followed by a good record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for i, title in enumerate(["First archived story about the levee", "Third archived story about the levee"]):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = news_page(title, STORY_PARAGRAPHS, url=f"https://archive.example/{i}").encode()
        writer.write_record(writer.create_warc_record(f"https://archive.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    good = buffer.getvalue()
    cut = good.index(b"WARC/1", 10)
    broken = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>cut short"
    path.write_bytes(good[:cut] + broken)


def test_one_batch_of_bad_inputs(tmp_path, db_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.html").write_text(GOOD)
    (d / "scan.html").write_bytes(bytes(range(256)) * 64)  # binary data with an .html name
    (d / "cut.html.gz").write_bytes(gzip.compress(GOOD.encode())[:300])
    (d / "empty.html").write_bytes(b"")
    (d / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/login'>Log in</a></nav></body></html>")
    with open(d / "huge.html", "wb") as f:  # 200 MB, sparse: refused by its size before it is read
        f.truncate(200 * 1024 * 1024)
    (d / "latin1-undeclared.html").write_bytes(news_page("Crue à Besançon", ACCENTED, charset=None).encode("cp1252"))
    (d / "declared-utf8-but-cp1252.html").write_bytes(
        news_page("Réunion à Besançon", ACCENTED, charset="utf-8", url="https://x.example/2").encode("cp1252"))
    _warc_with_a_bad_record(d / "crawl.warc")

    # Something stored before must survive the bad batch.
    CliRunner().invoke(main, ["ingest", str(tmp_path / "in" / "good.html"), "--db", db_path, "-q"])

    result = CliRunner().invoke(main, ["ingest", str(d), "http://10.0.0.5/news", "--db", db_path, "-q"])
    out = result.output
    assert result.exit_code == 1
    errors = [line for line in out.splitlines() if line.startswith("error ")]
    named = lambda name: [line for line in errors if name in line]  # noqa: E731
    assert "binary" in named("scan.html")[0]
    assert "gzip" in named("cut.html.gz")[0]
    assert "empty" in named("empty.html")[0]
    assert "no article" in named("nav-only.html")[0]
    assert "too large" in named("huge.html")[0]
    assert named("crawl.warc") and named("http://10.0.0.5/news")
    assert "private" in named("http://10.0.0.5/news")[0]
    assert not named("latin1") and not named("declared-utf8")

    with Store(db_path) as store:
        titles = {a.title: a for _, _, a in store.iter_articles()}
        assert store.stats()["failures"] == len(errors)
    assert "Levee holds as river crest passes" in titles  # stored before, still there
    assert "François Lefèvre" in titles["Crue à Besançon"].text
    assert "François Lefèvre" in titles["Réunion à Besançon"].text
    assert "First archived story about the levee" in titles  # the record before the broken one


def test_unreachable_url_is_one_line(db_path):
    result = CliRunner().invoke(main, ["ingest", "http://127.0.0.1:9/", "--allow-private", "--db", db_path, "-q"])
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert "http://127.0.0.1:9/" in line


def test_missing_path_is_named(db_path, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope"), "--db", db_path, "-q"])
    assert result.exit_code == 1 and "nope" in result.output


def test_kill_mid_ingest_leaves_a_consistent_resumable_database(tmp_path, db_path):
    pages = tmp_path / "many"
    pages.mkdir()
    n = 120
    for i in range(n):
        paragraphs = [f"Report number {i} from the river valley. " + p for p in STORY_PARAGRAPHS]
        (pages / f"p{i:03}.html").write_text(news_page(f"River report {i}", paragraphs, url=f"https://c.example/{i}"))
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(pages), "--db", db_path, "--batch-size", "4", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            stored = sqlite3.connect(db_path).execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 8:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert stored >= 8

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count % 4 == 0 and count < n  # whole batches only
    conn.close()

    resumed = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"duplicates: {count}" in resumed.stderr
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == n
