"""`newsgraph serve --workers N`: N processes answer on one port, each over the same file, and each
answers the new total once an article is stored; the serve arguments (the ingest guard) reach them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from newsgraph.record import Article, Event
from newsgraph.store import Store, StoredPage


def _article(n: int) -> Article:
    words = ["Farmers", "Teachers", "Nurses"][n - 1]  # another actor each: another event
    text = f"{words} marched in the capital on day {n}, police said."
    article = Article.from_paragraphs([text], title=f"March {n}", url=f"https://paper.example/{n}",
                                      site_name="Paper", published=f"2026-04-{n:02d}", language="en")
    article.events = [Event("PROTEST", 0, len(text), actor1={"name": None, "text": words},
                            date=f"2026-04-{n:02d}", date_precision="day", confidence=0.9)]
    return article


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


@pytest.fixture
def served(tmp_path):
    """Start `serve` with the given options on a database of one article; yields (url, store, process)."""
    started: list[subprocess.Popen] = []

    def start(*options: str):
        db = tmp_path / "news.db"
        store = Store(db)
        store.add_batch([StoredPage(_article(1), "1.html", "h1")])
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log = open(tmp_path / "server.log", "wb")
        process = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port),
                                    *options], stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(url + "/api/stats", timeout=2).status_code == 200:
                    return url, store, process
            except httpx.HTTPError:
                time.sleep(0.1)
        pytest.fail(f"the server did not start: {(tmp_path / 'server.log').read_text()}")

    yield start
    for process in started:
        process.terminate()
        process.wait(15)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes in /proc")
def test_workers_answer_on_one_port_and_all_see_a_new_article(served):
    url, store, process = served("--workers", "2")
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_children(process.pid)) >= 2  # the supervisor's two workers
    # a new connection per request: the kernel hands them to either process
    assert {httpx.get(url + "/api/events").json()["total"] for _ in range(12)} == {1}
    assert "1 event<" in httpx.get(url + "/events").text
    store.add_batch([StoredPage(_article(2), "2.html", "h2")])
    assert {httpx.get(url + "/api/events").json()["total"] for _ in range(12)} == {2}
    assert "2 events" in httpx.get(url + "/events").text
    store.close()


def test_one_worker_is_one_process(served):
    url, store, process = served("--workers", "1")
    assert httpx.get(url + "/api/events").json()["total"] == 1
    assert _children(process.pid) == []
    store.close()


def test_workers_keep_the_ingest_guard(served):
    """The token given to `serve` is the one every worker asks for."""
    url, store, _ = served("--workers", "2", "--allow-ingest", "--token", "sesame")
    for _ in range(4):  # an empty body: refused for the token first, else as empty (400)
        assert httpx.post(url + "/api/ingest", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert httpx.post(url + "/api/ingest", headers={"Authorization": "Bearer sesame"}).status_code == 400
    store.close()
