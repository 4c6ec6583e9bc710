"""`newsgraph watch` and alert rules against local servers: a feed server whose feed changes between
polls (ETag, 304), a failing source, a webhook receiver; folders, sitemaps, restarts, exports."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import signal
import socketserver
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.service import ServiceOptions
from newsgraph.store import Store
from newsgraph.store.watch import WatchState
from newsgraph.watch import poll as poll_module
from newsgraph.watch.alerts import add_rule, evaluate
from newsgraph.watch.deliveries import SIGNATURE_HEADER, Mail, deliver_due
from newsgraph.watch.poll import WatchOptions, Watcher
from newsgraph.watch.sources import MAX_BACKOFF, WatchError, next_due, parse_duration, sitemap
from tests.pages import news_page

SIRTE = [
    "Islamic State fighters attacked an army checkpoint near Sirte in Libya on Tuesday, killing four soldiers, "
    "the Libyan defence ministry said.",
    "The attack came two days after the group seized a power station east of the city, residents told reporters.",
    "Libyan forces shelled positions held by the militants outside Sirte on Wednesday, a military spokesman said.",
    "Officials in Tripoli said reinforcements were being sent to the area as fighting continued through the night.",
]

OTHER_SIRTE = [
    "Islamic State fighters attacked an army checkpoint near Sirte in Libya on Tuesday, according to a local "
    "council member who asked not to be named.",
    "Witnesses in the coastal city described hours of gunfire, and a hospital official said several wounded "
    "soldiers had been brought in overnight.",
    "The council member said the militants had also cut the main road to the west for most of the day.",
]


def story(n: int, site: str = "The Harbour Courier", url: str | None = None) -> str:
    return news_page(f"Harbour story number {n}", [
        f"The harbour authority of the town opened its new ferry terminal number {n} on Monday morning after two "
        "years of building work that had closed the quay to fishing boats.",
        "Hundreds of residents came to see the first crossing, and the mayor thanked the workers who finished "
        "the terminal ahead of the winter storms that usually close the route.",
        f"Ticket prices will stay the same for the first year, the operator said, and a second boat, number {n}, "
        "will join the route in the spring if the number of passengers keeps growing.",
    ], url=url or f"https://harbour.example/story-{n}.html", site=site)


def rss(base: str, links: list[str]) -> str:
    items = "".join(f"<item><title>{link}</title><link>{base}{link}</link><guid>{base}{link}</guid></item>"
                    for link in links)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>{base}/</link>'
            f"<description>d</description>{items}</channel></rss>")


class Site:
    """A local server: pages by path (body, content type), ETags, request counts, a webhook receiver."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.status: dict[str, int] = {}
        self.requests: list[tuple[str, int]] = []  # (path, status)
        self.hooks: list[tuple[dict[str, str], bytes]] = []
        self.hook_failures = 0  # answer the next N webhook POSTs with 500
        self.on_get: dict[str, object] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path
                hook = site.on_get.get(path)
                if callable(hook):
                    hook()
                if path in site.status:
                    return self._answer(site.status[path], b"broken", "text/plain")
                if path not in site.pages:
                    return self._answer(404, b"not found", "text/plain")
                body, kind = site.pages[path]
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._answer(304, b"", kind, etag)
                return self._answer(200, body, kind, etag)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if site.hook_failures:
                    site.hook_failures -= 1
                    return self._answer(500, b"no", "text/plain")
                site.hooks.append((dict(self.headers), body))
                self._answer(200, b"ok", "text/plain")

            def _answer(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
                site.requests.append((self.path, status))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if etag:
                    self.send_header("ETag", etag)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def put(self, path: str, body: str, kind: str = "text/html; charset=utf-8") -> None:
        self.pages[path] = (body.encode(), kind)

    def feed(self, path: str, links: list[str]) -> None:
        self.put(path, rss(self.base, links), "application/rss+xml")

    def gets(self, path: str) -> list[int]:
        return [status for p, status in self.requests if p == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    server = Site()
    yield server
    server.close()


def watcher(store: Store, enrich: bool = False, **more) -> Watcher:
    service = ServiceOptions(workers=1, allow_private=True, rate_limit=0, timeout=5, enrich=enrich)
    return Watcher(store, WatchOptions(service=service, rng=random.Random(7), **more))


def test_new_article_is_stored_and_its_alert_delivered_once(site, db_path):
    site.put("/sirte.html", news_page("Islamic State attacks army checkpoint near Sirte", SIRTE,
                                      url=f"{site.base}/sirte.html"))
    site.feed("/feed.xml", ["/sirte.html"])
    with Store(db_path) as store, watcher(store, enrich=True) as w:
        state = WatchState(store)
        add_rule(state, "sirte", {"event_type": "ASSAULT", "country": "LY", "min_confidence": 0.1},
                 webhook=f"{site.base}/hook", secret="s3cret")
        add_rule(state, "sure", {"event_type": "ASSAULT"}, webhook=f"{site.base}/hook-sure")  # the default threshold
        add_rule(state, "two", {"event_type": "ASSAULT", "min_confidence": 0.1}, min_sources=2, window_seconds=3600)
        w.add([f"{site.base}/feed.xml"], every=60)
        report = w.cycle()
        assert [p.stored for p in report.polls] == [1]
        assert report.deliveries["delivered"] == len(site.hooks) >= 1
        headers, body = site.hooks[0]
        assert headers[SIGNATURE_HEADER] == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        payload = json.loads(body)
        assert payload["rule"] == "sirte" and payload["event"]["type"] == "ASSAULT"
        assert payload["article"]["url"] == f"{site.base}/sirte.html"
        assert payload["sentence"] in " ".join(SIRTE) and payload["sources"] == 1
        assert all(json.loads(b)["rule"] == "sirte" for _, b in site.hooks)  # nothing under the threshold
        fired = len(site.hooks)

        # A copy of the story arrives elsewhere: stored, and no alert fires again for the same events.
        site.put("/copy.html", news_page("Islamic State attacks army checkpoint near Sirte", SIRTE,
                                         url=f"{site.base}/copy.html", site="Another Paper"))
        site.feed("/feed.xml", ["/sirte.html", "/copy.html"])
        report = w.cycle(everything=True)
        assert [p.stored for p in report.polls] == [1]
        assert site.gets("/sirte.html") == [200]  # seen: not fetched again
        assert len(site.hooks) == fired
        assert evaluate(state) == []
        assert len(state.matches("sirte")) == fired
        assert state.matches("two") == []  # a copy is not a second source

        # An independent report of the same attack: now two sources.
        site.put("/other.html", news_page("Militants hit checkpoint outside Sirte", OTHER_SIRTE,
                                          url=f"{site.base}/other.html", site="Third Paper"))
        site.feed("/feed.xml", ["/sirte.html", "/copy.html", "/other.html"])
        w.cycle(everything=True)
        assert [m["sources"] for m in state.matches("two")][:1] == [2]

        from fastapi.testclient import TestClient

        from newsgraph.web import create_app

        client = TestClient(create_app(db_path))
        feed = client.get("/alerts/sirte.atom")
        assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
        assert feed.text.count("<entry>") == fired and "Sirte" in feed.text
        assert client.get("/alerts/nope.atom").status_code == 404
        page = client.get("/sources")
        assert page.status_code == 200 and f"{site.base}/feed.xml" in page.text and "health-ok" in page.text
        assert '<a href="/alerts/sirte.atom">' in page.text
        matches = client.get("/alerts/sirte")
        assert matches.status_code == 200 and matches.text.count("<blockquote>") == fired
        assert "ASSAULT" in matches.text and 'href="/events/' in matches.text
        assert client.get("/alerts/nope").status_code == 404


def test_unchanged_feed_costs_one_conditional_request_and_no_parse(site, db_path, monkeypatch):
    site.put("/s1.html", story(1))
    site.feed("/feed.xml", ["/s1.html"])
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/feed.xml"], every=60)
        assert w.cycle().polls[0].stored == 1
        parsed = []
        monkeypatch.setattr(poll_module, "read_feed", lambda *a: parsed.append(a) or iter(()))
        report = w.cycle(everything=True)
        assert report.polls[0].outcome == "not_modified"
        assert site.gets("/feed.xml") == [200, 304] and parsed == []
        assert site.gets("/s1.html") == [200]
        source = WatchState(store).sources()[0]
        assert (source.polls, source.not_modified, source.pages, source.health) == (2, 1, 1, "ok")
        assert source.etag


def test_a_failing_source_backs_off_and_is_unhealthy_without_stopping_the_others(site, db_path):
    site.status["/broken.xml"] = 500
    site.put("/s1.html", story(1))
    site.feed("/feed.xml", ["/s1.html"])
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/broken.xml", f"{site.base}/feed.xml"], every=10)
        delays = []
        for n in range(4):
            report = w.cycle(everything=True)
            broken = WatchState(store).source(f"{site.base}/broken.xml")
            assert broken is not None and broken.failures == n + 1
            delays.append(broken.next_due)
            if n == 0:
                assert report.polls[1].stored == 1  # the good source is polled after the broken one
        assert "HTTP 500" in (broken.last_error or "") and broken.health == "unhealthy"
        good = WatchState(store).source(f"{site.base}/feed.xml")
        assert good is not None and good.health == "ok"
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    health = TestClient(create_app(db_path)).get("/api/sources").json()
    assert health["unhealthy"] == 1 and [s["health"] for s in health["sources"]] == ["unhealthy", "ok"]
    runner = CliRunner()
    listed = runner.invoke(main, ["sources", "--db", db_path])
    assert listed.exit_code == 1 and "unhealthy" in listed.output and "HTTP 500" in listed.output


def test_back_off_grows_with_jitter_and_is_capped():
    rng = random.Random(1)
    assert next_due(100.0, 60, 0, rng) == 160.0
    delays = [next_due(0.0, 60, n, rng) for n in range(1, 6)]
    assert all(30 * 2 ** i <= d <= 60 * 2 ** i for i, d in enumerate(delays))
    assert next_due(0.0, 60, 50, rng) <= MAX_BACKOFF
    assert parse_duration("15m") == 900 and parse_duration("2h") == 7200 and parse_duration("0.5") == 0.5
    with pytest.raises(WatchError, match="not a duration"):
        parse_duration("soon")


def test_a_killed_watch_resumes_without_fetching_twice_or_losing_a_page(site, db_path, monkeypatch):
    for n in (1, 2, 3):
        site.put(f"/s{n}.html", story(n))
    site.feed("/feed.xml", ["/s1.html", "/s2.html", "/s3.html"])
    # Killed after the first batch is stored, before the poll's bookkeeping: nothing of it is committed.
    with Store(db_path) as store, watcher(store) as w:
        w.options.service.batch_size = 1
        w.add([f"{site.base}/feed.xml"], every=60)

        def killed(*args: object) -> None:
            raise SystemExit("killed")

        monkeypatch.setattr(WatchState, "mark_seen", killed)
        with pytest.raises(SystemExit):
            w.cycle()
        monkeypatch.undo()
        assert store.stats()["articles"] >= 1
    stored_before = Store(db_path).stats()["articles"]
    # The restart: nothing stored is fetched again, nothing is lost.
    with Store(db_path) as store, watcher(store) as w:
        report = w.cycle(everything=True)
        assert store.stats()["articles"] == 3
        assert report.polls[0].stored == 3 - stored_before
    for n in (1, 2, 3):
        assert site.gets(f"/s{n}.html").count(200) == 1, n


def test_a_stop_finishes_the_batch_in_flight_and_the_next_run_goes_on(site, db_path):
    for n in (1, 2, 3):
        site.put(f"/s{n}.html", story(n))
    site.feed("/feed.xml", ["/s1.html", "/s2.html", "/s3.html"])
    with Store(db_path) as store, watcher(store) as w:
        w.options.service.batch_size = 1
        w.add([f"{site.base}/feed.xml"], every=60)
        site.on_get["/s1.html"] = w.stop  # SIGTERM arrives while the first page is fetched
        w.cycle()
        assert store.stats()["articles"] == 1
    with Store(db_path) as store, watcher(store) as w:
        w.cycle(everything=True)
        assert store.stats()["articles"] == 3
    assert [len(site.gets(f"/s{n}.html")) for n in (1, 2, 3)] == [1, 1, 1]


def test_folder_sitemap_and_url_list_sources(site, db_path, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.html").write_text(story(1))
    for n in (2, 3, 4):
        site.put(f"/s{n}.html", story(n))
    site.put("/news.xml", f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{site.base}/s2.html</loc><news:news><news:title>Ferry two</news:title>
<news:publication_date>2026-03-14</news:publication_date></news:news></url></urlset>""", "application/xml")
    site.put("/index.xml", f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{site.base}/news.xml</loc><lastmod>2026-03-14</lastmod></sitemap></sitemapindex>""", "application/xml")
    site.put("/list.txt", f"{site.base}/s3.html\n{site.base}/s4.html\n", "text/plain")
    with Store(db_path) as store, watcher(store) as w:
        w.add([str(inbox), f"{site.base}/index.xml", f"{site.base}/list.txt"], every=60)
        report = w.cycle()
        assert [(p.outcome, p.stored) for p in report.polls] == [("new", 1), ("new", 1), ("new", 2)]
        kinds = [s.kind for s in WatchState(store).sources()]
        assert kinds == ["folder", "sitemap", "urls"]
        (inbox / "b.html").write_text(story(5))
        report = w.cycle(everything=True)
        assert [(p.outcome, p.stored) for p in report.polls] == [("new", 1), ("not_modified", 0), ("not_modified", 0)]
        assert site.gets("/news.xml") == [200]
        assert store.stats()["articles"] == 5


def test_sitemap_refuses_entities_and_names_a_bad_document():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    parsed = sitemap(bomb, "https://x.example/s.xml")
    assert [e.url for e in parsed.pages] == []  # the entity is not expanded into a URL
    with pytest.raises(WatchError, match="not a valid sitemap"):
        sitemap(b"<urlset><url>", "https://x.example/s.xml")


def test_each_cycle_writes_its_new_events_to_a_file_named_by_time(site, db_path, tmp_path):
    site.put("/s1.html", story(1))
    site.feed("/feed.xml", ["/s1.html"])
    out = tmp_path / "updates"
    with Store(db_path) as store, watcher(store, export_dir=out, export_format="jsonl") as w:
        w.add([f"{site.base}/feed.xml"], every=60)
        first = w.cycle().export
        assert first is not None and first.parent == out and first.name.endswith(".jsonl")
        assert len(first.read_text().splitlines()) == 1
        assert w.cycle(everything=True).export is None  # nothing new, no file
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == [first.name]
    # Stored by a run killed before its export: the next run's first cycle exports it.
    site.put("/s2.html", story(2))
    site.feed("/feed.xml", ["/s1.html", "/s2.html"])
    with Store(db_path) as store, watcher(store) as w:  # without the export folder
        assert w.cycle(everything=True).polls[0].stored == 1
    with Store(db_path) as store, watcher(store, export_dir=out, export_format="jsonl") as w:
        second = w.cycle(everything=True).export
        assert second is not None and second != first
        assert [json.loads(line)["url"] for line in second.read_text().splitlines()] == [f"{site.base}/s2.html"]


def test_webhook_retried_with_back_off_then_delivered(site, db_path):
    with Store(db_path) as store:
        state = WatchState(store)
        rule = add_rule(state, "r", {}, webhook=f"{site.base}/hook")
        state.record_matches(rule, [(1, 1, 1, {"id": "r:1", "rule": "r", "event": {"type": "ASSAULT"}})], 0,
                             [("webhook", rule.webhook or "")])
        site.hook_failures = 2
        assert deliver_due(state, pause=0.01) == {"delivered": 1, "retry": 0, "failed": 0}
        assert [d["attempts"] for d in state.deliveries()] == [3]
        site.hook_failures = 5
        state.record_matches(rule, [(2, 1, 1, {"id": "r:2", "rule": "r", "event": {}})], 0, [("webhook", rule.webhook or "")])
        assert deliver_due(state, pause=0.01) == {"delivered": 0, "retry": 1, "failed": 0}
        assert deliver_due(state, pause=0.01)["retry"] == 0  # not due again yet


def test_alert_commands(db_path, site):
    runner = CliRunner()
    added = runner.invoke(main, ["alerts", "add", "libya", "--db", db_path, "--country", "ly", "--event-type", "assault",
                                 "--min-sources", "2", "--window", "24h", "--webhook", f"{site.base}/hook"])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["alerts", "list", "--db", db_path, "--json", "--secrets"])
    rule = json.loads(listed.output)
    assert rule["filters"] == {"country": "LY", "event_type": "ASSAULT"} or rule["filters"]["country"].upper() == "LY"
    assert rule["min_sources"] == 2 and rule["window_seconds"] == 86400 and rule["secret"]
    again = runner.invoke(main, ["alerts", "add", "libya", "--db", db_path])
    assert again.exit_code == 1 and "already" in again.output
    bad = runner.invoke(main, ["alerts", "add", "x", "--db", db_path, "--country", "Libya"])
    assert bad.exit_code == 1 and "country" in bad.output and "Traceback" not in bad.output
    tested = runner.invoke(main, ["alerts", "test", "libya", "--db", db_path])
    assert tested.exit_code == 0 and "0 events would match" in tested.output
    assert runner.invoke(main, ["alerts", "remove", "libya", "--db", db_path]).exit_code == 0
    assert runner.invoke(main, ["alerts", "remove", "libya", "--db", db_path]).exit_code == 1


def test_watch_once_command(site, db_path):
    site.put("/s1.html", story(1))
    site.feed("/feed.xml", ["/s1.html"])
    runner = CliRunner()
    result = runner.invoke(main, ["watch", f"{site.base}/feed.xml", "--db", db_path, "--once", "--every", "1m",
                                  "--allow-private", "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(db_path) as store:
        assert store.stats()["articles"] == 1
    # Sources are remembered: `watch` alone goes on with them.
    again = runner.invoke(main, ["watch", "--db", db_path, "--once", "--allow-private", "--quiet"])
    assert again.exit_code == 0, again.output
    assert site.gets("/feed.xml") == [200, 304]
    config = Path(db_path).with_name("newsgraph.toml")
    site.put("/s2.html", story(2))
    site.feed("/other.xml", ["/s2.html"])
    config.write_text(f'[[watch]]\nsource = "{site.base}/other.xml"\nevery = "90s"\n')
    configured = runner.invoke(main, ["--config", str(config), "watch", "--db", db_path, "--once", "--allow-private", "-q"])
    assert configured.exit_code == 0, configured.output
    with Store(db_path) as store:
        assert {s.source: s.every_seconds for s in WatchState(store).sources()}[f"{site.base}/other.xml"] == 90
        assert store.stats()["articles"] == 2
    config.write_text('[[watch]]\nevery = "90s"\n')
    bad = runner.invoke(main, ["--config", str(config), "watch", "--db", db_path, "--once"])
    assert bad.exit_code == 1 and "needs a source" in bad.output
    empty = runner.invoke(main, ["watch", "--db", str(Path(db_path).with_name("none.db")), "--once"])
    assert empty.exit_code == 1 and "no sources to watch" in empty.output


class _SMTP(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: the messages received go to the server's `mails`."""

    def handle(self) -> None:
        self.wfile.write(b"220 test\r\n")
        data = False
        lines: list[bytes] = []
        for line in self.rfile:
            if data:
                if line == b".\r\n":
                    self.server.mails.append(b"".join(lines))  # type: ignore[attr-defined]
                    data, lines = False, []
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250 test\r\n")
            elif verb == b"DATA":
                data = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_email_delivery_through_smtp(db_path):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTP)
    server.mails = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with Store(db_path) as store:
            state = WatchState(store)
            rule = add_rule(state, "mail", {}, email="analyst@example.org")
            payload = {"id": "mail:1", "rule": "mail", "event": {"type": "PROTEST", "actor1": "Students", "place": "Kyiv"},
                       "sentence": "Students rallied in Kyiv.", "article": {"title": "Rally", "url": "https://x.example/1"},
                       "sources": 2}
            state.record_matches(rule, [(1, 1, 2, payload)], 0, [("email", "analyst@example.org")])
            mail = Mail("127.0.0.1", server.server_address[1])
            assert deliver_due(state, mail, pause=0.01)["delivered"] == 1
        [message] = server.mails  # type: ignore[attr-defined]
        assert b"Subject: [mail] PROTEST: Students in Kyiv" in message and b"Students rallied in Kyiv." in message
    finally:
        server.shutdown()
        server.server_close()


def test_sigterm_during_a_poll_stores_the_batch_in_flight_and_exits_cleanly(site, db_path):
    for n in range(1, 4):
        site.put(f"/s{n}.html", story(n))
    site.feed("/feed.xml", ["/s1.html", "/s2.html", "/s3.html"])
    command = [sys.executable, "-m", "newsgraph", "watch", "--db", db_path, "--every", "200ms", "--allow-private", "--no-enrich"]
    process = subprocess.Popen([*command, f"{site.base}/feed.xml"], stderr=subprocess.PIPE, text=True)
    site.on_get["/s2.html"] = lambda: process.send_signal(signal.SIGTERM)  # while the batch is being read
    try:
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "stopped" in stderr and "Traceback" not in stderr
    with Store(db_path) as store:
        assert store.stats()["articles"] == 2  # the pages fetched before the signal, stored
    assert site.gets("/s3.html") == []
    rerun = subprocess.run([*command, "--once"], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db_path) as store:
        assert store.stats()["articles"] == 3
    assert [len(site.gets(f"/s{n}.html")) for n in (1, 2, 3)] == [1, 1, 1]


def test_kill_9_during_a_poll_loses_no_page_and_stores_none_twice(site, db_path):
    for n in range(1, 4):
        site.put(f"/s{n}.html", story(n))
    site.feed("/feed.xml", ["/s1.html", "/s2.html", "/s3.html"])
    command = [sys.executable, "-m", "newsgraph", "watch", "--db", db_path, "--every", "1h", "--allow-private",
               "--no-enrich", "--batch-size", "1"]
    process = subprocess.Popen([*command, f"{site.base}/feed.xml"], stderr=subprocess.DEVNULL)
    site.on_get["/s2.html"] = process.kill  # SIGKILL while the second page is fetched
    try:
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    rerun = subprocess.run([*command, "--once"], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with Store(db_path) as store:
        assert store.stats()["articles"] == 3 and store.stats()["pages"] == 3
    assert len(site.gets("/s1.html")) == 1  # stored before the kill: not fetched again
    assert len(site.gets("/s3.html")) == 1


def test_a_site_whose_robots_txt_failed_is_asked_again_at_its_next_poll(site, db_path):
    site.put("/s1.html", story(1))
    site.feed("/feed.xml", ["/s1.html"])
    site.status["/robots.txt"] = 503
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/feed.xml"], every=60)
        report = w.cycle(everything=True)
        assert "robots.txt" in (report.polls[0].error or "")
        del site.status["/robots.txt"]  # the site is back
        assert w.cycle(everything=True).polls[0].stored == 1


def test_a_long_listing_is_read_a_slice_per_poll(site, db_path, monkeypatch):
    monkeypatch.setattr(poll_module, "MAX_NEW_PER_POLL", 2)
    for n in range(1, 6):
        site.put(f"/s{n}.html", story(n))
    site.put("/list.txt", "".join(f"{site.base}/s{n}.html\n" for n in range(1, 6)), "text/plain")
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/list.txt"], every=60)
        stored = [w.cycle(everything=True).polls[0].stored for _ in range(4)]
        assert stored == [2, 2, 1, 0] and store.stats()["articles"] == 5
    assert site.gets("/list.txt") == [200, 200, 200, 304]  # the validators kept once the list is done


def test_a_watched_page_is_stored_again_when_it_changes(site, db_path):
    site.put("/page.html", story(1))
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/page.html"], every=60)
        assert w.cycle(everything=True).polls[0].stored == 1
        assert w.cycle(everything=True).polls[0].outcome == "not_modified"
        site.put("/page.html", story(2))
        assert w.cycle(everything=True).polls[0].stored == 1
        assert store.stats()["articles"] == 2


def test_a_link_that_fails_is_tried_again_when_the_feed_changes_and_the_feed_stays_conditional(site, db_path):
    site.put("/s1.html", story(1))
    site.status["/gone.html"] = 503
    site.feed("/feed.xml", ["/s1.html", "/gone.html"])
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/feed.xml"], every=60)
        assert w.cycle(everything=True).polls[0].stored == 1
        assert w.cycle(everything=True).polls[0].outcome == "not_modified"
        del site.status["/gone.html"]
        site.put("/gone.html", story(2))
        site.put("/s3.html", story(3))
        site.feed("/feed.xml", ["/s1.html", "/gone.html", "/s3.html"])
        assert w.cycle(everything=True).polls[0].stored == 2
    assert site.gets("/gone.html") == [503, 200] and site.gets("/s1.html") == [200]


def test_rules_select_by_actor_status_and_confidence_and_count_sources(db_path):
    from newsgraph.store import StoredPage
    from tests import export_corpus

    wire, blog, radio = export_corpus.articles()
    with Store(db_path) as store:
        state = WatchState(store)
        add_rule(state, "nato", {"event_type": "ASSAULT"}, actor="NATO")
        add_rule(state, "threats", {"event_status": "hypothetical"})
        add_rule(state, "goma-2", {"country": "CD", "event_type": "ASSAULT"}, min_sources=2)
        add_rule(state, "libya", {"country": "LY", "q": "Sirte"})  # the clash near Sirte is under the threshold
        add_rule(state, "libya-any", {"country": "LY", "q": "Sirte", "min_confidence": 0.2})
        add_rule(state, "ghost", {}, actor="Nobody Known")

        def store_one(article) -> dict[str, list[int]]:
            store.add_batch([StoredPage(article, article.url or "", f"page:{article.url}", article.url)])
            evaluate(state)
            return {r.name: [m["event"]["id"] for m in state.matches(r.name)] for r in state.rules()}

        after_wire = store_one(wire)
        assert len(after_wire["nato"]) == 1 and len(after_wire["threats"]) == 1
        assert after_wire["goma-2"] == [] and after_wire["ghost"] == []
        store_one(blog)
        after_radio = store_one(radio)
        assert len(after_radio["goma-2"]) == 1  # the shelling, now told by a second independent source
        assert [m["sources"] for m in state.matches("goma-2")][0] >= 2
        assert after_radio["libya"] == [] and len(after_radio["libya-any"]) == 1
        assert after_radio["nato"] == after_wire["nato"]  # nothing fires twice
        from newsgraph.watch.alerts import find

        nato = state.rule("nato")
        assert nato is not None and find(state, nato, 0) == []
        assert [m.event_id for m in find(state, nato, 0, include_matched=True)] == after_wire["nato"]
        with pytest.raises(WatchError, match="already"):
            add_rule(state, "nato", {})
        with pytest.raises(WatchError, match="country"):
            add_rule(state, "bad", {"country": "Libya"})


def test_the_new_pages_of_every_due_source_are_stored_by_one_ingest_run(site, db_path, monkeypatch):
    runs = []
    real = poll_module.ingest_items
    monkeypatch.setattr(poll_module, "ingest_items", lambda *a, **k: runs.append(1) or real(*a, **k))
    for n in (1, 2, 3):
        site.put(f"/s{n}.html", story(n))
    site.feed("/a.xml", ["/s1.html", "/s2.html"])
    site.feed("/b.xml", ["/s3.html"])
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/a.xml", f"{site.base}/b.xml"], every=60)
        report = w.cycle()
        assert [p.stored for p in report.polls] == [2, 1] and runs == [1]
        assert [s.pages for s in WatchState(store).sources()] == [2, 1]


def test_a_child_sitemap_is_remembered_only_once_all_its_pages_are(site, db_path, monkeypatch):
    monkeypatch.setattr(poll_module, "MAX_NEW_PER_POLL", 2)
    for n in (1, 2, 3):
        site.put(f"/s{n}.html", story(n))
    urls = "".join(f"<url><loc>{site.base}/s{n}.html</loc></url>" for n in (1, 2, 3))
    site.put("/child.xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', "application/xml")
    site.put("/index.xml", f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
                           f"<loc>{site.base}/child.xml</loc><lastmod>2026-03-14</lastmod></sitemap></sitemapindex>",
             "application/xml")
    with Store(db_path) as store, watcher(store) as w:
        w.add([f"{site.base}/index.xml"], every=60)
        assert [w.cycle(everything=True).polls[0].stored for _ in range(3)] == [2, 1, 0]
        assert store.stats()["articles"] == 3
    assert site.gets("/child.xml") == [200, 200] and site.gets("/index.xml") == [200, 200, 304]


def test_the_sources_page_escapes_what_it_shows(db_path, tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    hostile = str(tmp_path / "<script>alert(1)</script>")
    with Store(db_path) as store, watcher(store) as w:
        w.add([hostile], every=60)
        report = w.cycle()
        assert report.polls[0].error == "no such file or folder"
        add_rule(WatchState(store), "x", {"q": "<b>bold</b>"})
    page = TestClient(create_app(db_path)).get("/sources")
    assert page.status_code == 200 and "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text
    assert "<b>bold" not in page.text


def test_a_rule_on_articles_fires_once_per_article_and_not_for_its_copies(site, db_path):
    site.put("/s1.html", story(1))
    site.put("/s2.html", news_page("Storm closes the ferry terminal", [
        "A winter storm closed the ferry terminal on the north shore for a third day on Thursday, stranding "
        "lorry drivers and commuters who rely on the crossing to reach the mainland.",
        "Forecasters expect the wind to ease by the weekend, and the operator said extra sailings would be "
        "added as soon as the harbour master allows boats to leave the port again.",
    ], url="https://north-shore.example/storm.html"))
    site.feed("/feed.xml", ["/s1.html", "/s2.html"])
    with Store(db_path) as store, watcher(store) as w:
        state = WatchState(store)
        add_rule(state, "ferries", {"q": "ferry terminal"}, target="articles", webhook=f"{site.base}/hook")
        add_rule(state, "nothing", {"q": "volcano"}, target="articles")
        with pytest.raises(WatchError, match="rule on articles"):
            add_rule(state, "bad", {"event_type": "ASSAULT"}, target="articles")
        w.add([f"{site.base}/feed.xml"], every=60)
        w.cycle()
        assert sorted(json.loads(b)["article"]["url"] for _, b in site.hooks) == [f"{site.base}/s1.html",
                                                                                   f"{site.base}/s2.html"]
        payload = json.loads(site.hooks[0][1])
        assert payload["event"] is None and "ferry terminal" in payload["sentence"]
        assert state.matches("nothing") == []
        site.put("/copy.html", story(1, "Another Paper", "https://another.example/ferry.html"))  # a copy
        site.feed("/feed.xml", ["/s1.html", "/s2.html", "/copy.html"])
        assert w.cycle(everything=True).polls[0].stored == 1
        assert len(site.hooks) == 2 and len(state.matches("ferries")) == 2
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    page = TestClient(create_app(db_path)).get("/alerts/ferries")
    assert page.status_code == 200 and page.text.count("<blockquote>") == 2 and "ferry terminal" in page.text
    tested = CliRunner().invoke(main, ["alerts", "test", "ferries", "--db", db_path])
    assert tested.exit_code == 0 and "articles would match" in tested.output
