"""WARC and WET archives written in the test with warcio, then damaged the ways real crawls are."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import Failure, IngestOptions, RawPage, read_sources
from newsgraph.ingest.warc import read_warc
from tests.pages import news_page

SITE = "https://www.harbour-courier.example"
STORIES = {
    f"{SITE}/world/levee.html": news_page("First archived story about the levee", [
        "Engineers said on Wednesday that the levee protecting the old town had held through the night.",
    ]),
    f"{SITE}/world/ferry.html": news_page("Ferry service resumes after the storm", [
        "The first ferry in four days left the harbour at dawn with a full load of lorries.",
    ]),
    f"{SITE}/world/bridge.html": news_page("Bridge inspection finds cracks in two piers", [
        "Inspectors closed the eastern lane of the river bridge after finding cracks in two piers.",
    ]),
}
DATE = "2026-03-14T08:30:00Z"


def chunked(data: bytes, size: int = 97) -> bytes:
    """An HTTP/1.1 chunked body, as a crawler stores it."""
    chunks = [data[i:i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def write_response(writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
                   content_type: str = "text/html; charset=utf-8", encoded: bool = True) -> None:
    """A request record and its response (gzip content-encoding and chunked transfer when `encoded`)."""
    request = StatusAndHeaders(f"GET {url.removeprefix(SITE)} HTTP/1.1", [("Host", SITE[8:])], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request,
                                                  warc_headers_dict={"WARC-Date": DATE}))
    headers = [("Content-Type", content_type)]
    if encoded:
        body = chunked(gzip.compress(body))
        headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": DATE}))


def make_crawl(path: Path, compress: bool) -> Path:
    """Three HTML pages, plus a 404, an image and a redirect that must be skipped."""
    with open(path, "wb") as file:
        writer = WARCWriter(file, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test crawler"}))
        urls = list(STORIES)
        write_response(writer, urls[0], STORIES[urls[0]].encode())
        write_response(writer, f"{SITE}/gone.html", b"<html><body>Not found</body></html>", status="404 Not Found")
        write_response(writer, f"{SITE}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
        write_response(writer, urls[1], STORIES[urls[1]].encode(), encoded=False)
        write_response(writer, urls[2], STORIES[urls[2]].encode())
    return path


def record_offsets(path: Path) -> list[tuple[int, str, str]]:
    """(offset, type, target URI) of every record."""
    with open(path, "rb") as file:
        records = ArchiveIterator(file)
        return [(records.get_record_offset(), r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
                for r in records]


def offset_of(path: Path, rec_type: str, url: str) -> int:
    return next(o for o, t, u in record_offsets(path) if t == rec_type and u == url)


def pages(items: list) -> list[RawPage]:
    return [i for i in items if isinstance(i, RawPage)]


def failures(items: list) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_html_responses_are_yielded_decoded_and_others_skipped(tmp_path, compress):
    path = make_crawl(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress)

    items = list(read_sources([str(path)]))

    assert not failures(items)
    assert [p.url for p in items] == list(STORIES)
    for page in items:
        assert page.content == STORIES[page.url].encode()  # de-chunked and gunzipped
        assert page.fetched_at == DATE
        assert page.content_type == "text/html; charset=utf-8"
        assert page.origin.startswith(f"{path}#<urn:uuid:")
    assert len({p.origin for p in items}) == 3


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_garbage_between_records_costs_one_failure_and_reading_goes_on(tmp_path, compress):
    path = make_crawl(tmp_path / "crawl.warc", compress)
    data = path.read_bytes()
    cut = offset_of(path, "request", f"{SITE}/world/ferry.html")
    path.write_bytes(data[:cut] + b"\x00garbage left by a broken crawler\r\n" * 40 + data[cut:])

    items = list(read_warc(path, 10**6))

    [failure] = failures(items)
    assert failure.origin == str(path)
    assert failure.reason.startswith(f"malformed WARC record at offset {cut}: ")
    assert [p.url for p in pages(items)] == list(STORIES)  # before it and after it
    assert items.index(failure) == 1


def test_corrupted_content_length_keeps_the_records_before(tmp_path):
    path = make_crawl(tmp_path / "crawl.warc", compress=False)
    data = path.read_bytes()
    cut = offset_of(path, "response", f"{SITE}/logo.png")
    header_end = data.index(b"Content-Length: ", cut)
    path.write_bytes(data[:header_end] + b"Content-Length: 12" + data[data.index(b"\r\n", header_end):])

    items = list(read_warc(path, 10**6))

    assert pages(items)[0].url == f"{SITE}/world/levee.html"
    assert any(f.origin.startswith(str(path)) and f"malformed WARC record at offset {cut}" in f.reason
               for f in failures(items))
    assert pages(items)[-1].url == f"{SITE}/world/bridge.html"  # found again after the damage


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_truncated_archive_yields_what_came_before_and_one_failure(tmp_path, compress):
    path = make_crawl(tmp_path / "crawl.warc", compress)
    data = path.read_bytes()
    last = offset_of(path, "response", f"{SITE}/world/bridge.html")
    path.write_bytes(data[:last + 400])

    items = list(read_warc(path, 10**6))

    assert [p.url for p in pages(items)] == list(STORIES)[:2]
    [failure] = failures(items)
    assert failure.origin.startswith(f"{path}#<urn:uuid:")
    assert failure.reason.startswith(f"truncated WARC record at offset {last}: ")


def test_truncated_inside_record_headers_is_reported(tmp_path):
    path = make_crawl(tmp_path / "crawl.warc", compress=False)
    data = path.read_bytes()
    last = offset_of(path, "request", f"{SITE}/world/bridge.html")
    path.write_bytes(data[:last + 60])  # stops in the middle of the WARC headers

    items = list(read_warc(path, 10**6))

    assert len(pages(items)) == 2
    [failure] = failures(items)
    reason = f"truncated WARC record at offset {last}: headers end without a Content-Length"
    assert failure == Failure(str(path), reason)


def test_not_a_warc_at_all(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes about the crawl, not a WARC file.\n")
    [failure] = read_warc(path, 10**6)
    assert failure.origin == str(path) and failure.reason.startswith("malformed WARC record at offset 0")


def test_record_over_the_cap_is_a_failure_naming_the_record(tmp_path):
    path = make_crawl(tmp_path / "crawl.warc.gz", compress=True)
    items = list(read_sources([str(path)], IngestOptions(max_page_bytes=1500)))
    assert len(failures(items)) == 3
    assert all(f.origin.startswith(f"{path}#<urn:uuid:") and f.reason.startswith("page too large") for f in items)


def test_wet_conversion_records_are_text_pages(tmp_path):
    path = tmp_path / "crawl.warc.wet.gz"
    texts = {
        f"{SITE}/world/levee.html": "First archived story about the levee\nEngineers said the levee held.",
        f"{SITE}/world/ferry.html": "Ferry service resumes after the storm\nThe first ferry left at dawn.",
    }
    with open(path, "wb") as file:
        writer = WARCWriter(file, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test extractor"}))
        for url, text in texts.items():
            writer.write_record(writer.create_warc_record(
                url, "conversion", payload=io.BytesIO(text.encode()),
                warc_headers_dict={"Content-Type": "text/plain", "WARC-Date": DATE}))

    items = list(read_sources([str(path)]))

    assert [(p.url, p.content, p.content_type, p.fetched_at) for p in items] == [
        (url, text.encode(), "text/plain", DATE) for url, text in texts.items()]


def test_reading_is_lazy(tmp_path):
    path = make_crawl(tmp_path / "crawl.warc.gz", compress=True)
    reader = read_warc(path, 10**6)
    first = next(reader)
    assert isinstance(first, RawPage) and first.url == f"{SITE}/world/levee.html"
    reader.close()
