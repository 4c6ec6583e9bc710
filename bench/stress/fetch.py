"""Hostile web servers against the fetcher, through `newsgraph ingest` and POST /api/ingest.

Each case starts a raw HTTP server on 127.0.0.1 in a thread of its own (``tests/hostile_http.py``:
headers one byte at a time, bodies encoded several times over) and runs the real ingest command on
a batch of the hostile URL and a good page, with the fetch deadline at ``DEADLINE`` seconds (a
``newsgraph.toml`` in the case's folder) and the page cap at its default. The outcome line: the
error line newsgraph printed for the hostile URL, how many pages were stored, and how long the
ingest took (the wall time the runner prints also counts building the bomb and starting Python).

    python -m bench.stress fetch
    python -m bench.stress fetch:gzip_gzip_bomb
"""

from __future__ import annotations

import re
import resource
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

# Imported here, so that the runner's baseline (this module imported, nothing run) holds newsgraph's
# ingest and web code, and each case's memory above it is what the case itself costs.
from click.testing import CliRunner
from fastapi.testclient import TestClient

import newsgraph.extraction.html  # noqa: F401 (trafilatura: imported by the first page's extraction)
from bench.stress import Case
from newsgraph.cli import main
from newsgraph.ingest import web
from newsgraph.ingest.service import ingest  # noqa: F401 (what the command runs)
from newsgraph.web import create_app
from tests.hostile_http import RawServer, answer, encode, endless_body, endless_headers, trickle
from tests.pages import STORY_PARAGRAPHS, news_page

DEADLINE = 10.0  # seconds: the time cap of one fetch (ingest.timeout)
TIMEOUT = 90  # seconds the runner gives a case: a case past DEADLINE + 5 s has failed anyway
DECODED = 2 << 30  # what each bomb expands to: 2 GiB, as in the report that found the bug
STORY = news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS).encode()


def _gzip_members(total: int, member: int = 64 << 20) -> bytes:
    """`total` bytes of an HTML page of zeros as gzip members of `member` bytes each (RFC 1952 allows a
    row of members; decoders read them all). Made in a fraction of a second, where one gzip stream of
    2 GiB takes seconds to compress."""
    one = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = one.compress(bytes(member)) + one.flush()
    head = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    first = head.compress(b"<html><body><p>") + head.flush()
    return first + zeros * (total // member)


def bomb(outer: Iterable[str]) -> tuple[bytes, list[str]]:
    """A body of 2 GiB once decoded: gzip members, then each encoding of `outer` on top; and its
    Content-Encoding list."""
    outer = list(outer)
    return encode([_gzip_members(DECODED)], outer), ["gzip", *outer]


class _Timed:
    """Records how long each fetch took (Fetcher.fetch wrapped), to report the hostile URL's own time."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._real = web.Fetcher.fetch

    def __enter__(self) -> _Timed:
        real, seconds = self._real, self.seconds

        def fetch(fetcher: web.Fetcher, url: str):  # type: ignore[no-untyped-def]
            started = time.monotonic()
            try:
                return real(fetcher, url)
            finally:
                seconds[url] = time.monotonic() - started

        web.Fetcher.fetch = fetch  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        web.Fetcher.fetch = self._real  # type: ignore[method-assign]


def _ingest(folder: Path, urls: list[str], *, allow_private: bool = True) -> str:
    """`newsgraph ingest URLS` in this process: the error lines it printed, pages stored, the first
    URL's fetch time and the whole command's."""
    config = folder / "newsgraph.toml"
    config.write_text(f"[ingest]\ntimeout = {DEADLINE}\n")
    args = ["--config", str(config), "ingest", "--db", str(folder / "news.db"), "--workers", "1", "--no-enrich", "-q"]
    args += ["--allow-private"] if allow_private else []
    started = time.monotonic()
    with _Timed() as timed:
        result = CliRunner().invoke(main, [*args, *urls])
    seconds = time.monotonic() - started
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    errors = [" ".join(line.split()) for line in result.output.splitlines() if line.startswith("error ")]
    stored = re.search(r"stored: (\d+)", result.output)
    return (f"{'; '.join(errors) or 'no error line'} | stored {stored.group(1) if stored else '?'} of {len(urls)} "
            f"| fetch {timed.seconds.get(urls[0], float('nan')):.1f} s (deadline {DEADLINE:g} s), "
            f"ingest {seconds:.1f} s")


def _with_server(routes: dict[str, Callable[[socket.socket], None]], paths: list[str], folder: Path) -> str:
    with RawServer({"/story.html": answer(STORY), **routes}) as server:
        return _ingest(folder, [f"{server.url}{path}" for path in paths] + [f"{server.url}/story.html"])


def good_page_only(folder: Path) -> str:
    """The control: the same command on the good page alone, for the time and memory of ingesting it."""
    with RawServer({"/story.html": answer(STORY)}) as server:
        return _ingest(folder, [f"{server.url}/story.html"])


def _bomb_case(outer: Iterable[str]) -> Case:
    def case(folder: Path) -> str:
        body, encodings = bomb(outer)
        return f"{len(body)} bytes on the wire: " + _with_server({"/bomb": answer(body, encodings)}, ["/bomb"], folder)

    return case


def robots_bomb(folder: Path) -> str:
    """robots.txt is a bomb: the site's pages are refused, the other site's page is stored."""
    body, encodings = bomb(["gzip"])
    with RawServer({"/robots.txt": answer(body, encodings, "text/plain"), "/story.html": answer(STORY)}) as bad, \
            RawServer({"/story.html": answer(STORY)}) as good:
        return _ingest(folder, [f"{bad.url}/story.html", f"{good.url}/story.html"])


def slow_headers(folder: Path) -> str:
    """Headers one byte a second, forever."""
    return _with_server({"/slow": trickle(endless_headers(), every=1.0)}, ["/slow"], folder)


def slow_body(folder: Path) -> str:
    """Headers at once, then a body one byte every 0.1 s, forever."""
    return _with_server({"/slow": trickle(endless_body(), every=0.1)}, ["/slow"], folder)


def slow_robots(folder: Path) -> str:
    """robots.txt's headers one byte a second: the site's pages fail, the other site's page is stored."""
    with RawServer({"/robots.txt": trickle(endless_headers(), every=1.0), "/story.html": answer(STORY)}) as bad, \
            RawServer({"/story.html": answer(STORY)}) as good:
        return _ingest(folder, [f"{bad.url}/story.html", f"{good.url}/story.html"])


def slow_dns(folder: Path) -> str:
    """A resolver that never answers for one host (a stand-in for getaddrinfo; no name server is asked)."""
    real, never = socket.getaddrinfo, threading.Event()

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(host).endswith("slow-dns.example"):
            never.wait()
        return real(host, port, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    with RawServer({"/story.html": answer(STORY)}) as good:
        return _ingest(folder, ["http://news.slow-dns.example/story.html", f"{good.url}/story.html"])


def api_gzip_gzip_bomb(folder: Path) -> str:
    """POST /api/ingest {"url": bomb}, in process through the FastAPI app (its test client). Only the
    bomb: a good page through the API would be enriched (spaCy loaded), whose memory would hide the
    fetch's; the command-line cases show the rest of a batch stored."""
    real = web.non_public_kind  # the server is on loopback, which the API refuses: treat it as public here
    web.non_public_kind = lambda address: None if str(address) == "127.0.0.1" else real(address)  # type: ignore[assignment]
    body, encodings = bomb(["gzip"])
    with RawServer({"/bomb": answer(body, encodings)}) as server:
        app = TestClient(create_app(str(folder / "api.db"), allow_ingest=True, token="stress"))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        refused = app.post("/api/ingest", json={"url": f"{server.url}/bomb"}, headers={"Authorization": "Bearer stress"})
        seconds = time.monotonic() - started
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return (f"{len(body)} bytes on the wire: HTTP {refused.status_code} {refused.json().get('error', '')} "
            f"| request {seconds:.1f} s, peak memory +{grown:.0f} MB during it")


CASES: dict[str, Case] = {
    "good_page_only": good_page_only,
    "gzip_gzip_bomb": _bomb_case(["gzip"]),
    "gzip_deflate_br_bomb": _bomb_case(["deflate", "br"]),
    "robots_bomb": robots_bomb,
    "api_gzip_gzip_bomb": api_gzip_gzip_bomb,
    "slow_headers": slow_headers,
    "slow_body": slow_body,
    "slow_robots": slow_robots,
    "slow_dns": slow_dns,
}
