"""Hostile servers (local, raw sockets): compression bombs, headers one byte at a time, slow DNS.

Each case must end within the fetch's time cap and well within memory, as one Failure naming the
URL, and the next URL must still be fetched.
"""

from __future__ import annotations

import functools
import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator

import pytest

from newsgraph.errors import FailureKind
from newsgraph.ingest import Failure, IngestOptions, RawPage, read_sources, web
from newsgraph.ingest.web import Fetcher
from tests.hostile_http import RawServer, answer, bomb, encode, endless_body, endless_headers, trickle
from tests.pages import STORY_PARAGRAPHS, news_page

STORY = news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS).encode()
CAP = 1_000_000
DECODED = 40_000_000  # what each bomb expands to: 40 times the cap
MB = 1 << 20
LATE = 1.5  # seconds past a deadline of 1 s that count as "by the deadline" on a loaded machine; the old code never ended


@functools.cache
def bomb_of(*encodings: str) -> bytes:
    return bomb(encodings, DECODED)


def bomb_route(*encodings: str) -> Callable[[socket.socket], None]:
    return lambda connection: answer(bomb_of(*encodings), encodings)(connection)


ROUTES = {
    "/story.html": answer(STORY),
    "/bomb/gzip": bomb_route("gzip"),
    "/bomb/gzip,gzip": bomb_route("gzip", "gzip"),
    "/bomb/x-gzip,gzip": bomb_route("x-gzip", "gzip"),
    "/bomb/deflate,deflate": bomb_route("deflate", "deflate"),
    "/bomb/br,br": bomb_route("br", "br"),
    "/bomb/gzip,br,deflate": bomb_route("gzip", "br", "deflate"),
    "/slow/headers": trickle(endless_headers(), every=0.05),
    "/slow/body": trickle(endless_body(), every=0.01),
}


@pytest.fixture(scope="module")
def server() -> Iterator[RawServer]:
    with RawServer(dict(ROUTES)) as running:
        yield running


def options(**changes) -> IngestOptions:
    return IngestOptions(**{"allow_private": True, "timeout": 3.0, "rate_limit": 0, "max_page_bytes": CAP, **changes})


def within(seconds: float, work: Callable[[], object]) -> object:
    """`work()`, or a test failure (not a hung test) when it is still running after `seconds`."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still fetching after {seconds} s")
    return result[0]


def fetch_measured(url: str, **changes) -> tuple[RawPage | Failure, float, int]:
    """The fetch's result, its time in seconds and the peak of memory allocated during it."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with Fetcher(options(**changes)) as fetcher:
            result = within(20, lambda: fetcher.fetch(url))
        return result, time.monotonic() - started, tracemalloc.get_traced_memory()[1]  # type: ignore[return-value]
    finally:
        tracemalloc.stop()


# -- compression bombs ---------------------------------------------------------------------------


@pytest.mark.parametrize("encodings", ["gzip", "gzip,gzip", "x-gzip,gzip", "deflate,deflate", "br,br", "gzip,br,deflate"])
def test_a_compression_bomb_stops_at_the_cap_of_every_layer(server, encodings):
    url = f"{server.url}/bomb/{encodings}"
    assert len(bomb_of(*encodings.split(","))) < 50_000  # kilobytes on the wire

    result, _, peak = fetch_measured(url)

    named = encodings.replace(",", ", ")
    assert result == Failure(url, f"page too large: more than {CAP} bytes once decoded ({named}), cap is {CAP} bytes",
                             FailureKind.TOO_LARGE)
    assert peak < 8 * MB, f"{peak / MB:.0f} MB allocated to refuse a page capped at 1 MB"


@pytest.mark.parametrize(("wire", "named"), [
    (("gzip",), "gzip"), (("deflate",), "deflate"), (("raw-deflate",), "deflate"), (("br",), "br"),
    (("gzip", "br"), "gzip, br"), (("deflate", "gzip", "br"), "deflate, gzip, br"), (("gzip",), "identity, gzip"),
])
def test_pages_under_the_cap_are_decoded_through_every_layer(wire, named):
    body = encode([STORY[:1000], STORY[1000:]], wire)
    with RawServer({"/page": answer(body, [named])}) as site:
        page = Fetcher(options()).fetch(f"{site.url}/page")
    assert isinstance(page, RawPage) and page.content == STORY


def test_we_say_which_encodings_we_read():
    with RawServer({"/page": answer(STORY)}) as site:
        Fetcher(options()).fetch(f"{site.url}/page")
    [(_, request)] = [r for r in site.requests if r[0] == "/page"]
    assert "accept-encoding: gzip, deflate, br\r\n" in request.lower()


def test_a_gzip_body_of_several_members_is_read_whole():
    with RawServer({"/page": answer(gzip.compress(STORY[:500]) + gzip.compress(STORY[500:]), ["gzip"])}) as site:
        assert Fetcher(options()).fetch(f"{site.url}/page").content == STORY


@pytest.mark.parametrize(("body", "header", "reason", "kind"), [
    (gzip.compress(STORY)[:-30], "gzip", "the body's gzip encoding ends early (truncated)", FailureKind.CORRUPT),
    (b"this is not gzip at all", "gzip", "the body is not valid gzip: ", FailureKind.CORRUPT),
    (STORY, "compress", "unsupported Content-Encoding 'compress'", FailureKind.FETCH_ERROR),
    (STORY, "gzip, gzip, gzip, gzip, gzip, gzip", "too many Content-Encoding layers (6, at most 5)",
     FailureKind.FETCH_ERROR),
])
def test_a_body_that_does_not_decode_is_a_failure(body, header, reason, kind):
    with RawServer({"/page": answer(body, [header])}) as site:
        result = Fetcher(options()).fetch(f"{site.url}/page")
    assert isinstance(result, Failure) and result.origin == f"{site.url}/page"
    assert result.reason.startswith(reason) and result.kind == kind


def test_a_robots_txt_bomb_stops_at_its_cap():
    with RawServer({"/robots.txt": bomb_route("gzip", "gzip"), "/story.html": answer(STORY)}) as site:
        result, _, peak = fetch_measured(f"{site.url}/story.html")
    cap = web.ROBOTS_MAX_BYTES
    assert result == Failure(f"{site.url}/story.html",
                             f"robots.txt: page too large: more than {cap} bytes once decoded (gzip, gzip), cap is {cap} bytes",
                             FailureKind.FETCH_REFUSED)
    assert peak < 8 * MB


# -- time: one deadline per fetch ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/slow/headers", "/slow/body"])
def test_a_trickling_server_is_cut_off_at_the_deadline_and_the_next_url_is_fetched(server, path):
    with Fetcher(options(timeout=1.0)) as fetcher:
        started = time.monotonic()
        result = within(10, lambda: fetcher.fetch(f"{server.url}{path}"))
        elapsed = time.monotonic() - started
        assert result == Failure(f"{server.url}{path}", "timed out: over the time cap of 1s")
        assert elapsed < 1 + LATE
        assert isinstance(within(10, lambda: fetcher.fetch(f"{server.url}/story.html")), RawPage)


def test_a_trickling_robots_txt_is_cut_off_at_the_deadline():
    with RawServer({"/robots.txt": trickle(endless_headers(), every=0.05), "/story.html": answer(STORY)}) as slow, \
            RawServer({"/story.html": answer(STORY)}) as other, Fetcher(options(timeout=1.0)) as fetcher:
        started = time.monotonic()
        result = within(10, lambda: fetcher.fetch(f"{slow.url}/story.html"))
        assert result == Failure(f"{slow.url}/story.html", "robots.txt: timed out: over the time cap of 1s")
        assert time.monotonic() - started < 1 + LATE
        started = time.monotonic()
        again = within(10, lambda: fetcher.fetch(f"{slow.url}/story.html"))  # the site's answer is remembered
        assert isinstance(again, Failure) and time.monotonic() - started < 0.5
        assert isinstance(within(10, lambda: fetcher.fetch(f"{other.url}/story.html")), RawPage)


@pytest.fixture
def slow_dns(monkeypatch):
    """A resolver that takes 30 s for hosts under slow.example (released at the end of the test)."""
    real, release = socket.getaddrinfo, threading.Event()

    def getaddrinfo(host, port, *args, **kwargs):
        if str(host).endswith("slow.example"):
            release.wait(30)
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(web.socket, "getaddrinfo", getaddrinfo)
    yield
    release.set()


@pytest.mark.parametrize("allow_private", [False, True])  # checked before connecting, or resolved by the connection
def test_a_slow_dns_lookup_is_cut_off_at_the_deadline(slow_dns, allow_private):
    started = time.monotonic()
    with Fetcher(options(timeout=1.0, allow_private=allow_private)) as fetcher:
        result = within(10, lambda: fetcher.fetch("http://news.slow.example/story.html"))
    assert isinstance(result, Failure) and result.origin == "http://news.slow.example/story.html"
    assert result.reason in ("DNS lookup timed out for news.slow.example", "timed out: over the time cap of 1s")
    assert time.monotonic() - started < 1 + LATE


# -- a batch goes on -----------------------------------------------------------------------------


def test_a_batch_with_a_bomb_and_a_trickle_keeps_its_good_pages(server):
    urls = [f"{server.url}/bomb/gzip,gzip", f"{server.url}/slow/headers", f"{server.url}/story.html"]
    started = time.monotonic()
    items = within(20, lambda: list(read_sources(urls, options(timeout=1.0))))
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "RawPage"]  # type: ignore[attr-defined]
    assert time.monotonic() - started < 2 + LATE  # the bomb at once, the trickle at its deadline of 1 s


def test_the_ingest_api_is_covered_too(server, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    import newsgraph.pipeline as pipeline
    import newsgraph.web.ingest as api_ingest
    from newsgraph.web import create_app

    monkeypatch.setattr(pipeline, "enrich_articles", lambda articles: articles)  # extraction only, without spaCy
    monkeypatch.setattr(api_ingest, "MAX_UPLOAD_BYTES", CAP)  # the API's page cap
    real = web.non_public_kind  # the test server is on loopback, which the API (rightly) refuses
    monkeypatch.setattr(web, "non_public_kind", lambda address: None if str(address) == "127.0.0.1" else real(address))
    app = TestClient(create_app(str(tmp_path / "api.db"), allow_ingest=True, token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}

    tracemalloc.start()
    try:
        refused = app.post("/api/ingest", json={"url": f"{server.url}/bomb/gzip,gzip"}, headers=auth)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.status_code == 422
    assert refused.json()["error"] == (f"{server.url}/bomb/gzip,gzip: page too large: more than {CAP} bytes "
                                       f"once decoded (gzip, gzip), cap is {CAP} bytes")
    assert peak < 16 * MB
    stored = app.post("/api/ingest", json={"url": f"{server.url}/story.html"}, headers=auth)
    assert stored.status_code == 200 and stored.json()["counts"]["stored"] == 1
