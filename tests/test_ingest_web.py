"""Fetching from a local HTTP server (127.0.0.1, ephemeral port): safety, politeness, caps, feeds.

Nothing here touches the internet: refused addresses are refused before any connection is made,
and the one host name that is "resolved" is resolved by a stand-in for getaddrinfo.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.ingest import USER_AGENT, Failure, IngestOptions, RawPage, read_sources, web
from newsgraph.ingest.web import Fetcher, non_public_kind
from tests.pages import STORY_PARAGRAPHS, news_page

STORY = news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS).encode()
STRIKE = news_page("Port workers extend strike into a second week", [
    "Dock workers at the port of Constanța voted on Monday to extend their strike for a second week.",
]).encode()
ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n"
FULL_TEXT = "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS)


def feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Courier</title><link>{base}/</link><description>News</description>
<item><title>River floods force thousands from homes</title><link>{base}/story.html</link>
  <pubDate>Sat, 14 Mar 2026 09:30:00 +0000</pubDate><description>Flood waters rose.</description></item>
<item><title>Port workers extend strike</title><link>/strike.html</link>
  <pubDate>Fri, 13 Mar 2026 17:05:00 +0000</pubDate><description>Dock workers voted.</description></item>
<item><title>Ministers meet over quotas</title><link>{base}/private/quotas.html</link>
  <description>Behind robots.txt.</description></item>
<item><title>Levee holds</title><link>{base}/levee.html</link><description>Short.</description>
  <content:encoded><![CDATA[{FULL_TEXT}]]></content:encoded></item>
</channel></rss>""".encode()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # clients that stop reading at a cap break the pipe on purpose


class Handler(BaseHTTPRequestHandler):
    """Routes of a small news site, some of them badly behaved."""

    seen: list[tuple[str, str, float]] = []  # (path, user agent, time)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.seen.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        base = f"http://{self.headers['Host']}"
        routes = {
            "/robots.txt": lambda: self.send(200, ROBOTS, "text/plain"),
            "/story.html": lambda: self.send(200, STORY),
            "/strike.html": lambda: self.send(200, STRIKE),
            "/private/quotas.html": lambda: self.send(200, STRIKE),
            "/gzipped.html": lambda: self.send(200, gzip.compress(STORY), extra={"Content-Encoding": "gzip"}),
            "/old-address": lambda: self.redirect("/story.html"),
            "/loop": lambda: self.redirect("/loop"),
            "/to-intranet": lambda: self.redirect("http://10.0.0.5/admin"),
            "/to-file": lambda: self.redirect("file:///etc/passwd"),
            "/to-private-path": lambda: self.redirect("/private/quotas.html"),
            "/big-declared": lambda: self.send(200, b"<p>" + b"x" * 50_000),
            "/big-streamed": lambda: self.send(200, b"<p>" + b"x" * 50_000, length=False),
            "/bomb.html": lambda: self.send(200, gzip.compress(b"<p>" + b"x" * 5_000_000),
                                            extra={"Content-Encoding": "gzip"}),
            "/slow": lambda: (time.sleep(4), self.send(200, STORY)),
            "/feed.xml": lambda: self.send(200, feed(base), "application/rss+xml"),
            "/feed-as-text": lambda: self.send(200, feed(base), "text/plain"),
        }
        routes.get(self.path, lambda: self.send(404, b"<h1>Not found</h1>"))()

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             extra: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback_is_public(monkeypatch):
    """Treat 127.0.0.1 as a public address, so refusals of other addresses can be seen on the test server."""
    real = web.non_public_kind
    monkeypatch.setattr(web, "non_public_kind", lambda a: None if str(a) == "127.0.0.1" else real(a))


def options(**changes) -> IngestOptions:
    return IngestOptions(**{"allow_private": True, "timeout": 3.0, "rate_limit": 0, **changes})


def fetch(url: str, **changes) -> RawPage | Failure:
    with Fetcher(options(**changes)) as fetcher:
        return fetcher.fetch(url)


def test_page_is_fetched_with_our_user_agent(site):
    page = fetch(f"{site}/story.html")
    assert isinstance(page, RawPage)
    assert page.content == STORY and page.origin == page.url == f"{site}/story.html"
    assert page.content_type == "text/html; charset=utf-8"
    assert page.fetched_at.endswith("+00:00")
    agents = {agent for path, agent, _ in Handler.seen if path in ("/robots.txt", "/story.html")}
    assert agents == {USER_AGENT} and USER_AGENT.startswith("newsgraph/")


def test_gzip_content_encoding_is_decoded(site):
    assert fetch(f"{site}/gzipped.html").content == STORY


def test_redirect_is_followed(site):
    page = fetch(f"{site}/old-address")
    assert page.origin == f"{site}/old-address" and page.url == f"{site}/story.html" and page.content == STORY


def test_loopback_is_refused_without_allow_private(site):
    assert fetch(f"{site}/story.html", allow_private=False) == Failure(
        f"{site}/story.html", "refused: resolves to loopback address 127.0.0.1 (use --allow-private)")
    port = site.rsplit(":", 1)[1]
    assert fetch(f"http://localhost:{port}/story.html", allow_private=False).reason == (
        f"refused: http://localhost:{port}/story.html is on localhost (use --allow-private)")


@pytest.mark.parametrize(("url", "kind"), [
    ("http://10.0.0.5/news", "private address 10.0.0.5"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
    ("http://[::ffff:127.0.0.1]/", "loopback address 127.0.0.1"),
    ("http://224.0.0.1/", "multicast address 224.0.0.1"),
    ("http://0.0.0.0:8080/", "unspecified address 0.0.0.0"),
    ("http://240.0.0.1/", "reserved address 240.0.0.1"),
])
def test_non_public_addresses_are_refused(url, kind):
    assert fetch(url, allow_private=False) == Failure(url, f"refused: resolves to {kind} (use --allow-private)")


def test_every_resolved_address_is_checked(monkeypatch):
    def getaddrinfo(host, port, *args, **kwargs):
        assert host == "intranet.harbour-courier.example"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ("93.184.216.34", "10.20.30.40")]

    monkeypatch.setattr(web.socket, "getaddrinfo", getaddrinfo)
    failure = fetch("http://intranet.harbour-courier.example/", allow_private=False)
    assert failure.reason == "refused: resolves to private address 10.20.30.40 (use --allow-private)"


def test_redirect_to_a_private_address_is_refused(site, loopback_is_public):
    assert fetch(f"{site}/to-intranet", allow_private=False) == Failure(
        f"{site}/to-intranet",
        "refused: redirect to http://10.0.0.5/admin resolves to private address 10.0.0.5 (use --allow-private)")


def test_redirect_to_another_scheme_is_refused(site):
    assert fetch(f"{site}/to-file").reason == "refused: redirect to file:///etc/passwd is not an http(s) URL"


def test_redirect_loop_is_limited(site):
    assert fetch(f"{site}/loop", max_redirects=3) == Failure(f"{site}/loop", "too many redirects (more than 3)")


def test_http_error_status(site):
    assert fetch(f"{site}/no-such-story.html") == Failure(f"{site}/no-such-story.html", "HTTP 404 Not Found")


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed", "/bomb.html"])
def test_body_over_the_cap_is_refused(site, path):
    failure = fetch(f"{site}{path}", max_page_bytes=20_000)
    assert isinstance(failure, Failure) and failure.reason.startswith("page too large")
    assert failure.reason.endswith("cap is 20000 bytes")


def test_robots_txt_is_honoured_also_after_a_redirect(site):
    for path in ("/private/quotas.html", "/to-private-path"):
        assert fetch(f"{site}{path}") == Failure(f"{site}{path}", f"disallowed by {site}/robots.txt")
    assert isinstance(fetch(f"{site}/story.html", user_agent="otherbot/2.0"), Failure)


def test_unreachable_port_is_a_clear_failure():
    with socket.socket() as probe:  # a port that was free a moment ago and has nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert fetch(f"http://127.0.0.1:{port}/story.html") == Failure(f"http://127.0.0.1:{port}/story.html",
                                                                   "connection refused")


def test_slow_server_times_out(site):
    started = time.monotonic()
    failure = fetch(f"{site}/slow", timeout=1)
    assert failure.reason == "timed out: over the time cap of 1s"
    assert time.monotonic() - started < 2.5  # the server answers after 4 s


def test_requests_to_one_host_are_spaced_by_the_rate_limit(site):
    Handler.seen.clear()
    with Fetcher(options(rate_limit=10)) as fetcher:
        for _ in range(3):
            assert isinstance(fetcher.fetch(f"{site}/story.html"), RawPage)
    times = [t for _, _, t in Handler.seen]
    assert [p for p, _, _ in Handler.seen] == ["/robots.txt"] + ["/story.html"] * 3  # robots.txt read once
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert min(gaps) >= 0.09, gaps


def test_feed_url_yields_its_pages_and_fetches_its_links(site):
    items = list(read_sources([f"{site}/feed.xml"], options()))

    story, strike, refused, levee = items
    assert story.url == f"{site}/story.html" and story.content == STORY
    assert story.hints == {"title": "River floods force thousands from homes",
                           "published": "2026-03-14T09:30:00+00:00", "feed": f"{site}/feed.xml"}
    assert strike.url == f"{site}/strike.html" and strike.content == STRIKE  # relative link resolved
    assert refused == Failure(f"{site}/private/quotas.html", f"disallowed by {site}/robots.txt")
    assert levee.url == f"{site}/levee.html" and levee.content == FULL_TEXT.encode()  # full content, not fetched
    assert levee.origin == f"{site}/feed.xml#{site}/levee.html"


def test_feed_is_recognised_by_its_content_too(site):
    items = list(read_sources([f"{site}/feed-as-text"], options()))
    assert [i.url for i in items if isinstance(i, RawPage)] == [
        f"{site}/story.html", f"{site}/strike.html", f"{site}/levee.html"]


def test_url_sources_mix_with_failures(site):
    items = list(read_sources([f"{site}/story.html", f"{site}/gone", "ftp://files.example/x"], options()))
    assert [type(i).__name__ for i in items] == ["RawPage", "Failure", "Failure"]
    assert items[2] == Failure("ftp://files.example/x", "unsupported URL scheme 'ftp' (http and https only)")


def test_non_public_kind_of_public_addresses():
    assert non_public_kind(ipaddress.ip_address("93.184.216.34")) is None
    assert non_public_kind(ipaddress.ip_address("2606:4700:4700::1111")) is None
    assert non_public_kind(ipaddress.ip_address("fd00::1")) == "private"
    assert non_public_kind(ipaddress.ip_address("100.64.0.1")) == "non-public"


def test_the_connection_itself_refuses_a_non_public_address(site, monkeypatch):
    """Were DNS to answer "public" at the check and "loopback" at the connection (rebinding), no byte is sent."""
    monkeypatch.setattr(web.Fetcher, "_check_target", lambda self, *args, **kwargs: None)
    Handler.seen.clear()
    failure = fetch(f"{site}/story.html", allow_private=False)
    assert isinstance(failure, Failure) and "loopback address 127.0.0.1 at connect time" in failure.reason
    assert Handler.seen == []
    assert isinstance(fetch(f"{site}/story.html", allow_private=True), RawPage)
