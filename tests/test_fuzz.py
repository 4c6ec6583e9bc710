"""Fuzzing the readers and the extractor: any bytes in, under any name, give pages and Failures, and
every page gives an Article or a one-line NewsgraphError — never another exception, never a hang,
never a blow-up of memory.  Inputs are built from the pieces real damage is made of (WARC headers
with wrong lengths, gzip magic, byte-order marks, NULs, unclosed tags, feed roots, URL lines) and
from valid archives with bytes flipped, cut or inserted."""

from __future__ import annotations

import gzip
import io
import os
import resource
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import NewsgraphError
from newsgraph.extraction import extract_page
from newsgraph.ingest import Failure, IngestOptions, RawPage, read_sources
from newsgraph.ingest.feeds import FeedLink, read_feed
from newsgraph.ingest.files import iter_files
from newsgraph.ingest.warc import read_warc
from newsgraph.record import Article
from tests.pages import STORY_PARAGRAPHS, news_page

CAP = 256 * 1024
EXAMPLE_SECONDS = 5  # the deadline of one example (a page is analysed in well under a second)
MEMORY_GROWTH = 300 * 1024 * 1024  # the most the process's peak memory may grow over a fuzz test
FUZZ = settings(max_examples=30, deadline=EXAMPLE_SECONDS * 1000, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

STORY = news_page("Levee holds as river crest passes", STORY_PARAGRAPHS[:3])
PIECES = [
    b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"WARC-Type: conversion\r\n", b"Content-Length: 40\r\n",
    b"Content-Length: 99999999\r\n", b"Content-Length: -5\r\n", b"Content-Type: application/http; msgtype=response\r\n",
    b"\r\n", b"\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"Transfer-Encoding: chunked\r\n",
    b"Content-Encoding: gzip\r\n", b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x00<\x00p",
    b"<html>", b"<body>", b"<font><p>", b"<div>", b"</p>", b"<script>", b"<!--", b"<![CDATA[",
    b'<meta charset="utf-16">', b'<meta charset="koi8-r">', b"<title>A title</title>",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title>', b"<content:encoded>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>', b"</item></channel></rss>",
    b"http://10.0.0.1/a.html\n", b"# a comment\n", b"not a url\n",
    "Le maire de Besançon a annoncé une réunion d'urgence. ".encode(), "Новости дня. ".encode("koi8-r"),
    b"The council said on Monday that the river had risen by forty centimetres near the old bridge. ",
]
NAMES = ["page.html", "page.txt", "urls.txt", "crawl.warc", "crawl.warc.gz", "feed.xml", "page.html.gz", "noname"]
CONTENT_TYPES = [None, "text/html", "text/plain", "text/html; charset=utf-16", "application/rss+xml",
                 "text/html; charset=nonsense"]


def _warc(compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for i in range(2):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://courier.example/{i}", "response",
                                                      payload=io.BytesIO(STORY.encode()), http_headers=http))
    return buffer.getvalue()


VALID = [_warc(False), _warc(True), STORY.encode(), gzip.compress(STORY.encode())]

pieced = st.lists(st.one_of(st.sampled_from(PIECES), st.binary(max_size=48)), max_size=40).map(b"".join)


@st.composite
def damaged(draw) -> bytes:
    """A valid archive or page with a few bytes flipped, cut out or put in."""
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 600))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(PIECES))
        else:
            del data[at:]
    return bytes(data)


any_input = st.one_of(pieced, damaged(), st.binary(max_size=2048))


def _analyse(item) -> None:
    """A page must give an Article or a NewsgraphError; a Failure is already an outcome."""
    assert isinstance(item, RawPage | Failure), item
    if isinstance(item, Failure):
        assert item.origin and item.reason and "\n" not in item.reason
        return
    try:
        assert isinstance(extract_page(item), Article)
    except NewsgraphError as error:
        assert "\n" not in str(error)


@pytest.fixture(scope="module", autouse=True)
def peak_memory_bounded():
    extract_page(RawPage("warm-up.html", STORY.encode()))  # models and caches loaded before the clock runs
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    yield
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    assert grown < MEMORY_GROWTH, f"peak memory grew by {grown / 2**20:.0f} MB"


@FUZZ
@given(data=any_input, name=st.sampled_from(NAMES))
def test_any_file_gives_pages_and_failures_then_articles_or_one_line_errors(data, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.monotonic()
        for item in read_sources([str(path)], IngestOptions(max_page_bytes=CAP, timeout=0.5)):
            _analyse(item)
        assert time.monotonic() - started < EXAMPLE_SECONDS


@FUZZ
@given(data=any_input)
def test_any_archive_gives_pages_and_failures(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crawl.warc"
        path.write_bytes(data)
        for item in read_warc(path, CAP):
            _analyse(item)


@FUZZ
@given(data=any_input)
def test_any_feed_gives_pages_links_and_failures(data):
    for item in read_feed(data, "feed.xml"):
        if not isinstance(item, FeedLink):
            _analyse(item)


@FUZZ
@given(data=any_input, content_type=st.sampled_from(CONTENT_TYPES),
       hints=st.sampled_from([{}, {"title": "A title", "feed": "feed.xml"}]))
def test_any_page_gives_an_article_or_a_one_line_error(data, content_type, hints):
    _analyse(RawPage("page", data, url="https://courier.example/page", content_type=content_type, hints=hints))


FOLDERS = ["a", "a/b", "a/b/c", "d", "d/e"]
tree_entries = st.lists(st.tuples(
    st.sampled_from(["file", "fifo", "link"]),
    st.sampled_from(FOLDERS + [""]),  # where the entry goes ("": the top folder)
    st.sampled_from(["x", "y.html", "z.warc"]),
    st.sampled_from([".", "..", "../..", "/", "a", "a/b", "d/e", "missing", "x", "y.html", "../a", "../../d"]),
), max_size=15)


@FUZZ
@given(entries=tree_entries)
def test_any_tree_of_folders_links_and_fifos_is_walked_once_without_looping(entries):
    with tempfile.TemporaryDirectory() as top:
        root = Path(top)
        for folder in FOLDERS:
            (root / folder).mkdir(parents=True, exist_ok=True)
        for kind, where, name, target in entries:
            path = root / where / name
            if os.path.lexists(path):
                continue
            if kind == "file":
                path.write_bytes(b"<p>page</p>")
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                path.symlink_to(target)
        found = list(iter_files(root))
        files = [item for item in found if isinstance(item, Path)]
        assert all(isinstance(item, Path | Failure) for item in found)
        assert all(item.is_file() for item in files)  # regular files only: no FIFO is ever given to a reader
        seen = [(os.stat(path.parent).st_ino, path.name) for path in files]
        assert len(seen) == len(set(seen))  # no folder is read twice
