"""Hostile local inputs: symlink loops, FIFOs, WARC records with a wrong length, markup nested past the
parser's depth limit, URL lists with a stray line, UTF-16 without a byte-order mark, feed entries of one
paragraph.  Each ends in bounded time with one line naming it, and the rest of the batch is read."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import signal
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import FailureKind
from newsgraph.extraction import extract_page
from newsgraph.extraction.decode import decode_page
from newsgraph.ingest import Failure, IngestOptions, RawPage, estimate_total, read_sources
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.files import detect_kind, iter_files
from newsgraph.ingest.warc import read_warc
from tests.pages import STORY_PARAGRAPHS, news_page

STORY = news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS)


def read_all(*sources: str | Path, **options) -> list[RawPage | Failure]:
    return list(read_sources([str(s) for s in sources], IngestOptions(**options)))


def failures(items: list) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def pages(items: list) -> list[RawPage]:
    return [i for i in items if isinstance(i, RawPage)]


@contextlib.contextmanager
def deadline(seconds: int):
    """A hang becomes a test failure instead of a stuck test run."""
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- symlink loops ------------------------------------------------------------------------------

def test_symlink_loops_are_one_line_each_and_the_rest_of_the_folder_is_read(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_text(STORY)
    (folder / "sub" / "b.html").write_text(STORY.replace("Danube", "Rhine"))
    (folder / "sub" / "up").symlink_to("..")  # a loop back to an ancestor
    (folder / "self").symlink_to("self")  # a link to itself: ELOOP
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "c.html").write_text(STORY.replace("Danube", "Tisza"))
    (folder / "linked").symlink_to(other)  # a folder reached through a link: read once

    with deadline(20):
        items = read_all(folder)
        total = estimate_total([str(folder)])

    assert sorted(Path(p.origin).name for p in pages(items)) == ["a.html", "b.html", "c.html"]
    named = {Path(f.origin).name: f for f in failures(items)}
    assert set(named) == {"up", "self"}
    assert all("symbolic link loop" in f.reason and f.kind == FailureKind.UNREADABLE for f in named.values())
    assert total == len(items)


def test_a_link_to_a_folder_above_the_walk_is_a_loop_not_a_walk_of_the_whole_disk(tmp_path):
    (tmp_path / "a.html").write_text(STORY)
    (tmp_path / "root").symlink_to("/")
    (tmp_path / "parent").symlink_to(tmp_path.parent)
    with deadline(10):
        items = list(iter_files(tmp_path))
    assert [Path(p).name for p in items if isinstance(p, Path)] == ["a.html"]
    assert sorted(Path(f.origin).name for f in failures(items)) == ["parent", "root"]


def test_a_symlink_loop_named_on_the_command_line_is_one_line(tmp_path):
    (tmp_path / "self").symlink_to("self")
    good = tmp_path / "good.html"
    good.write_text(STORY)
    items = read_all(tmp_path / "self", good)
    assert [type(i) for i in items] == [Failure, RawPage]
    assert items[0].origin == str(tmp_path / "self") and "symbolic link loop" in items[0].reason


def test_folders_nested_deeper_than_the_recursion_limit_are_walked(tmp_path):
    deep = tmp_path
    for _ in range(1100):  # os.makedirs and shutil.rmtree recurse: one level at a time
        deep = deep / "d"
        deep.mkdir()
    (deep / "page.html").write_text(STORY)
    try:
        assert [Path(p).name for p in iter_files(tmp_path)] == ["page.html"]
    finally:
        (deep / "page.html").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


# --- FIFOs, sockets, devices --------------------------------------------------------------------

def test_a_fifo_is_skipped_with_one_line_never_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(STORY)
    os.mkfifo(folder / "pipe.html")
    named = tmp_path / "named.fifo"
    os.mkfifo(named)

    with deadline(20):
        items = read_all(named, folder, "/dev/null")
        total = estimate_total([str(named), str(folder)])

    assert [Path(p.origin).name for p in pages(items)] == ["a.html"]
    reasons = {f.origin: f for f in failures(items)}
    assert set(reasons) == {str(named), str(folder / "pipe.html"), "/dev/null"}
    assert "named pipe" in reasons[str(named)].reason and "character device" in reasons["/dev/null"].reason
    assert all(f.kind == FailureKind.NOT_A_PAGE for f in reasons.values())
    assert total is not None


# --- WARC records whose Content-Length is wrong -------------------------------------------------

SITE = "https://www.harbour-courier.example"
TITLES = ["First archived story about the levee", "Ferry service resumes after the storm",
          "Bridge inspection finds cracks in two piers", "Schools reopen as the waters recede"]


def _members(compress: bool) -> list[bytes]:
    """Four response records, each on its own (one gzip member each when compressed)."""
    out = []
    for i, title in enumerate(TITLES):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = news_page(title, STORY_PARAGRAPHS[:2], url=f"{SITE}/{i}").encode()
        writer.write_record(writer.create_warc_record(f"{SITE}/{i}", "response", payload=io.BytesIO(body),
                                                      http_headers=http))
        out.append(buffer.getvalue())
    return out


def _with_wrong_length(members: list[bytes], index: int, delta: int) -> list[bytes]:
    record = members[index]
    start = record.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = record.index(b"\r\n", start)
    wrong = record[:start] + b"%d" % (int(record[start:end]) + delta) + record[end:]
    return [*members[:index], wrong, *members[index + 1:]]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("delta", [500, -300, 5, -5], ids=["500-too-large", "300-too-small", "5-too-large",
                                                            "5-too-small"])
def test_a_record_with_a_wrong_content_length_is_one_line_and_its_neighbours_are_kept(tmp_path, compress, delta):
    members = _with_wrong_length(_members(compress), 1, delta)
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(m) for m in members) if compress else b"".join(members))
    bad_offset = len(gzip.compress(members[0])) if compress else len(members[0])

    with deadline(20):
        items = list(read_warc(path, 10**6))

    [failure] = failures(items)
    assert failure.origin.startswith(str(path)) and f"offset {bad_offset}" in failure.reason
    assert failure.kind == FailureKind.MALFORMED_RECORD
    assert [p.url for p in pages(items)] == [f"{SITE}/0", f"{SITE}/2", f"{SITE}/3"]
    for page in pages(items):
        assert page.content.rstrip().endswith(b"</html>")  # whole, never cut short


def test_a_last_record_that_is_too_short_is_reported(tmp_path):
    members = _with_wrong_length(_members(False), 3, -300)
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(members))
    items = list(read_warc(path, 10**6))
    assert [p.url for p in pages(items)] == [f"{SITE}/0", f"{SITE}/1", f"{SITE}/2"]
    [failure] = failures(items)
    assert f"offset {sum(len(m) for m in members[:3])}" in failure.reason


# --- markup nested past the parser's depth limit ------------------------------------------------

@pytest.mark.parametrize("count", [1000, 5000])
def test_unclosed_font_and_p_blocks_keep_every_paragraph(count):
    paragraphs = [f"Paragraph {i} of the council report says the river rose by {i} centimetres overnight."
                  for i in range(count)]
    html = ("<html><head><title>Council report on the river</title></head><body>"
            + "".join(f"<font><p>{p}" for p in paragraphs) + "</body></html>")
    article = extract_page(RawPage("deep.html", html.encode()))
    assert all(p in article.text for p in paragraphs)
    assert len(article.paragraphs) == count


def test_unclosed_divs_nested_past_any_limit_keep_their_text():
    paragraphs = [f"Section {i}: the committee heard evidence from {i} witnesses about the flood defences."
                  for i in range(3000)]
    html = "<html><head><title>Hearing</title></head><body>" + "".join(f"<div>{p}" for p in paragraphs)
    article = extract_page(RawPage("divs.html", html.encode()))
    assert all(p in article.text for p in paragraphs)


# --- URL lists ----------------------------------------------------------------------------------

def test_a_url_list_with_a_stray_line_fetches_its_urls_and_names_the_line(tmp_path):
    urls = [f"http://10.0.{i // 250}.{i % 250 + 1}/story-{i}.html" for i in range(200)]
    lines = ["# the crawl's list", *urls[:100], "", "see also the archive page", *urls[100:]]
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines) + "\n")

    assert detect_kind(path) == "urls"
    items = read_all(path)

    assert len(items) == 201
    stray = [f for f in items if f.origin.startswith(str(path))]
    assert stray == [Failure(f"{path}:103", "not an http(s) URL: 'see also the archive page'")]
    assert [f.origin for f in items if f not in stray] == urls  # each tried (and refused: private addresses)


def test_a_text_page_that_mentions_a_url_is_still_a_page(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Notes from the council meeting\n\nThe minutes are online at\nhttps://council.example/minutes\n"
                    "and the next meeting is on Tuesday.\n")
    assert detect_kind(path) == "page"


# --- UTF-16 without a byte-order mark -----------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_by_its_declared_charset(codec):
    html = news_page("Crue à Besançon", STORY_PARAGRAPHS, charset="utf-16")
    data = html.encode(codec)
    assert decode_page(data) == html  # declared in the page
    assert decode_page(data, "text/html; charset=utf-16") == html  # declared by the server
    assert decode_page(data, f"text/html; charset={codec}") == html
    assert "Besançon" in extract_page(RawPage("page.html", data)).title


def test_undeclared_binary_is_still_refused():
    with pytest.raises(ValueError, match="binary"):
        decode_page(bytes(range(256)) * 64, "text/html; charset=utf-16")


# --- feed entries of one paragraph --------------------------------------------------------------

LONG_PARAGRAPH = " ".join(f"The council said on Monday that the river had risen by {i} centimetres near the old "
                          "bridge." for i in range(12))


@pytest.mark.parametrize("content", [LONG_PARAGRAPH, f"<p>{LONG_PARAGRAPH}</p>"], ids=["bare", "one-p"])
def test_a_feed_entry_of_one_long_paragraph_is_an_article(content):
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><link>{SITE}/</link>
<item><title>River rises at the old bridge</title><link>{SITE}/river</link><description>The river rose.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[{content}]]></content:encoded>
</item></channel></rss>"""
    [page] = read_feed(rss.encode(), "courier.xml")
    article = extract_page(page)
    assert article.text == LONG_PARAGRAPH
    assert article.title == "River rises at the old bridge"


def test_an_atom_entry_of_one_plain_text_paragraph_is_an_article():
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
<entry><title>River rises at the old bridge</title><link href="{SITE}/river"/><id>river</id>
<updated>2026-03-14T08:30:00Z</updated><summary>The river rose.</summary><content type="text">{LONG_PARAGRAPH}</content>
</entry></feed>"""
    [page] = read_feed(atom.encode(), "courier.atom")
    article = extract_page(page)
    assert article.text == LONG_PARAGRAPH and article.published.startswith("2026-03-14")
