"""Ingest of local inputs: page files and folders, gzip, kind detection, URL lists, stdin, feed files."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import Failure, IngestOptions, RawPage, estimate_total, read_sources
from newsgraph.ingest.feeds import FeedLink, looks_like_feed, read_feed
from newsgraph.ingest.files import detect_kind, iter_files, read_bytes
from newsgraph.ingest.limits import read_capped
from tests.pages import STORY_PARAGRAPHS, news_page

STORY = news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS)
SECOND = news_page("Port workers extend strike into a second week", [
    "Dock workers at the port of Constanța voted on Monday to extend their strike for a second week, "
    "leaving dozens of container ships waiting at anchor off the coast.",
    "The union said talks with the port authority had stalled over night-shift pay.",
])
TEXT_DUMP = "Skip to main content\n\nHarbour Courier\n\nRiver floods force thousands from homes\n\n" + "\n\n".join(
    STORY_PARAGRAPHS) + "\n\nComments\n\nPopular posts from this blog\n"


def read_all(*sources: str | Path, **options) -> list[RawPage | Failure]:
    return list(read_sources([str(s) for s in sources], IngestOptions(**options)))


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- folders and page files ---------------------------------------------------------------------

def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path):
    write(tmp_path / "b-world" / "2026" / "floods.html", STORY)
    write(tmp_path / "a-business" / "strike.htm", SECOND)
    write(tmp_path / "c-dump.txt", TEXT_DUMP)
    write(tmp_path / ".git" / "index.html", "<html>not a page of ours</html>")
    write(tmp_path / "b-world" / ".draft.html", "<html>hidden draft</html>")

    items = read_all(tmp_path)

    assert [Path(i.origin).relative_to(tmp_path).as_posix() for i in items] == [
        "a-business/strike.htm", "b-world/2026/floods.html", "c-dump.txt"]
    assert all(isinstance(i, RawPage) for i in items)
    strike, floods, dump = items
    assert floods.content == STORY.encode() and floods.content_type == "text/html"
    assert dump.content == TEXT_DUMP.encode() and dump.content_type == "text/plain"
    assert floods.url is None and floods.fetched_at is None


def test_gzip_page_is_decompressed(tmp_path):
    path = write(tmp_path / "floods.html.gz", gzip.compress(STORY.encode()))
    [page] = read_all(path)
    assert page.content == STORY.encode()
    assert page.content_type == "text/html"
    assert page.origin == str(path)


def test_truncated_gzip_is_a_failure_and_the_folder_goes_on(tmp_path):
    write(tmp_path / "a-cut.html.gz", gzip.compress(STORY.encode())[:300])
    write(tmp_path / "b-bad.html.gz", b"this was never gzip data")
    write(tmp_path / "c-good.html", SECOND)

    cut, bad, good = read_all(tmp_path)

    assert cut == Failure(str(tmp_path / "a-cut.html.gz"), "truncated gzip file")
    assert isinstance(bad, Failure) and bad.reason.startswith("corrupt gzip file")
    assert isinstance(good, RawPage) and good.content == SECOND.encode()


def test_binary_file_is_yielded_for_the_extractor_to_judge(tmp_path):
    blob = bytes(range(256)) * 64
    [page] = read_all(write(tmp_path / "scan.html", blob))
    assert isinstance(page, RawPage) and page.content == blob


def test_page_over_the_cap_is_refused_by_its_size_without_reading_it(tmp_path):
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as f:  # sparse: 300 MB that reading would notice
        f.truncate(300 * 1024 * 1024)
    [failure] = read_all(huge)
    assert failure == Failure(str(huge), f"page too large: {300 * 1024 * 1024} bytes, cap is {50 * 1024 * 1024} bytes")


def test_gzip_page_over_the_cap_stops_at_the_cap(tmp_path):
    bomb = write(tmp_path / "bomb.html.gz", gzip.compress(b"<p>" + b"a" * 2_000_000))
    [failure] = read_all(bomb, max_page_bytes=100_000)
    assert isinstance(failure, Failure)
    assert failure.reason == "page too large: more than 100000 bytes, cap is 100000 bytes"


def test_missing_path_is_named():
    assert read_all("no/such/page.html") == [Failure("no/such/page.html", "no such file or directory")]


@given(data=st.binary(max_size=300), cap=st.integers(min_value=0, max_value=300))
def test_read_capped_returns_everything_or_nothing(data, cap):
    result = read_capped(io.BytesIO(data), cap)
    assert result == (data if len(data) <= cap else None)


# --- kinds ---------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Harbour Courier — World</title>
  <link>https://www.harbour-courier.example/world/</link>
  <description>World news from the Harbour Courier</description>
  <item>
    <title>River floods force thousands from homes along the Danube</title>
    <link>https://www.harbour-courier.example/world/2026/03/floods.html</link>
    <guid isPermaLink="false">hc-2026-0314-floods</guid>
    <pubDate>Sat, 14 Mar 2026 09:30:00 +0100</pubDate>
    <dc:creator>Lena Varga</dc:creator>
    <description>Flood waters rose across the lower Danube valley on Tuesday.</description>
    <content:encoded><![CDATA[BODY]]></content:encoded>
  </item>
  <item>
    <title>Port workers extend strike into a second week</title>
    <link>/world/2026/03/strike.html</link>
    <pubDate>Fri, 13 Mar 2026 17:05:00 +0000</pubDate>
    <description>Dock workers voted on Monday to extend their strike.</description>
  </item>
  <item>
    <title>Regional ministers meet over fishing quotas</title>
    <description>A teaser with no link at all.</description>
  </item>
</channel>
</rss>
""".replace("BODY", "".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS))

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lakeside Notes</title>
  <link href="https://lakeside-notes.example/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-03-15T10:00:00Z</updated>
  <entry>
    <title>Ferry timetable changes for the spring season</title>
    <link href="https://lakeside-notes.example/2026/03/ferry.html"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2026-03-15T10:00:00Z</updated>
    <author><name>Marta Kovač</name></author>
    <content type="html">BODY</content>
  </entry>
  <entry>
    <title>Harbour cleanup volunteers wanted</title>
    <link href="https://lakeside-notes.example/2026/03/cleanup.html"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2026-03-14T08:00:00Z</updated>
    <summary>The harbour association is looking for volunteers.</summary>
  </entry>
</feed>
""".replace("BODY", "&lt;p&gt;" + " ".join(["The ferry company announced a new spring timetable."] * 12) + "&lt;/p&gt;")


def tiny_warc(compress: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://www.harbour-courier.example/", "response", payload=io.BytesIO(STORY.encode()), http_headers=http))
    return buffer.getvalue()


def test_kinds_by_name_and_by_content(tmp_path):
    assert detect_kind(write(tmp_path / "story.html", STORY)) == "page"
    assert detect_kind(write(tmp_path / "dump.txt", TEXT_DUMP)) == "page"
    url_list = "# today\nhttps://a.example/1\n\nhttp://b.example/2?x=1\n"
    assert detect_kind(write(tmp_path / "urls.txt", url_list)) == "urls"
    assert detect_kind(write(tmp_path / "mixed.txt", "https://a.example/1\nnot a url\n")) == "page"
    assert detect_kind(write(tmp_path / "world.rss", RSS)) == "feed"
    assert detect_kind(write(tmp_path / "feed", ATOM)) == "feed"  # sniffed
    assert detect_kind(write(tmp_path / "feed.gz", gzip.compress(RSS.encode()))) == "feed"
    assert detect_kind(write(tmp_path / "crawl.bin", tiny_warc())) == "warc"  # sniffed
    assert detect_kind(write(tmp_path / "crawl.gz", tiny_warc(compress=True))) == "warc"  # sniffed after gunzip
    assert detect_kind(write(tmp_path / "empty.wet.gz", b"")) == "warc"


def test_feed_sniffing_ignores_html_that_mentions_feeds():
    assert not looks_like_feed(b'<!DOCTYPE html><html><head><link rel="alternate" href="/feed"></head><body><rss>')
    assert looks_like_feed(b"<?xml version='1.0'?>\n<rdf:RDF xmlns:rdf='x'>")
    assert looks_like_feed(b"{}", "application/atom+xml; charset=utf-8")
    assert not looks_like_feed(b"<feedback>not a feed</feedback>")


def test_estimate_total_counts_local_pages_only(tmp_path):
    write(tmp_path / "pages" / "a.html", STORY)
    write(tmp_path / "pages" / "deep" / "b.html.gz", gzip.compress(SECOND.encode()))
    write(tmp_path / "pages" / ".hidden.html", STORY)
    write(tmp_path / "world.rss", RSS)
    assert estimate_total([str(tmp_path / "pages"), str(tmp_path / "missing.html")]) == 3
    assert estimate_total([str(tmp_path / "pages"), str(tmp_path / "world.rss")]) is None
    assert estimate_total(["https://www.harbour-courier.example/"]) is None
    assert estimate_total(["-"]) is None


def test_iter_files_names_an_unreadable_folder(tmp_path):
    assert list(iter_files(tmp_path / "gone")) == [Failure(str(tmp_path / "gone"), "no such file or directory")]


# --- stdin ---------------------------------------------------------------------------------------

def test_stdin_is_one_page_read_once(monkeypatch):
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(STORY.encode())))
    first, second = read_all("-", "-")
    assert first == RawPage(origin="-", content=STORY.encode())
    assert second == Failure("-", "standard input was already read")


def test_stdin_text_stream_and_cap(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT_DUMP))
    [page] = read_all("-")
    assert page.content == TEXT_DUMP
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(b"x" * 5000)))
    [failure] = read_all("-", max_page_bytes=1000)
    assert failure.origin == "-" and failure.reason.startswith("page too large")


# --- feed files (no network: links are returned, not fetched) ------------------------------------

def test_rss_full_content_becomes_a_page_and_teasers_become_links():
    full, teaser, no_link = read_feed(RSS.encode(), "world.rss")

    assert isinstance(full, RawPage)
    assert full.origin == "world.rss#hc-2026-0314-floods"
    assert full.url == "https://www.harbour-courier.example/world/2026/03/floods.html"
    assert "Ioana Petrescu" in full.content.decode() and full.content_type == "text/html; charset=utf-8"
    assert full.hints == {
        "title": "River floods force thousands from homes along the Danube",
        "published": "2026-03-14T08:30:00+00:00",
        "author": "Lena Varga",
        "feed": "world.rss",
    }
    assert teaser == FeedLink("https://www.harbour-courier.example/world/2026/03/strike.html", {
        "title": "Port workers extend strike into a second week",
        "published": "2026-03-13T17:05:00+00:00",
        "feed": "world.rss",
    })
    assert isinstance(no_link, Failure) and "neither full content nor a web link" in no_link.reason


def test_atom_feed_content_and_summary():
    full, teaser = read_feed(ATOM.encode(), "https://lakeside-notes.example/feed.atom")
    assert isinstance(full, RawPage) and full.content.startswith(b"<p>The ferry company")
    assert full.hints["author"] == "Marta Kovač" and full.hints["published"] == "2026-03-15T10:00:00+00:00"
    assert isinstance(teaser, FeedLink) and teaser.url == "https://lakeside-notes.example/2026/03/cleanup.html"


def test_short_content_is_a_teaser_not_a_page():
    short = RSS.replace("".join(f"<p>{p}</p>" for p in STORY_PARAGRAPHS), "<p>Flood waters rose.</p>")
    first = next(read_feed(short.encode(), "world.rss"))
    assert isinstance(first, FeedLink)


def test_not_a_feed_is_a_failure():
    [failure] = read_feed(b"\x00\x01<<< not xml at all", "broken.rss")
    assert failure.origin == "broken.rss" and failure.reason.startswith("not a valid feed")
    [failure] = read_feed(STORY.encode(), "page.xml")
    assert failure.reason == "not a valid feed: at line 10:2: mismatched tag"
    sitemap = b'<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    [failure] = read_feed(sitemap, "sitemap.xml")
    assert failure.reason == "not a valid feed: no RSS, Atom or RDF root element"


def test_feed_file_links_are_fetched_under_the_safety_rules(tmp_path):
    rss = RSS.replace("https://www.harbour-courier.example/world/2026/03/floods.html", "http://10.0.0.5/floods.html")
    rss = rss.replace("<link>https://www.harbour-courier.example/world/</link>", "<link>http://192.168.1.20/</link>")
    path = write(tmp_path / "world.xml", rss)

    full, refused, no_link = read_all(path)

    assert isinstance(full, RawPage) and full.url == "http://10.0.0.5/floods.html"  # content came with the feed
    assert refused == Failure("http://192.168.1.20/world/2026/03/strike.html",
                              "refused: resolves to private address 192.168.1.20 (use --allow-private)")
    assert isinstance(no_link, Failure)


def test_url_list_fetches_each_url(tmp_path):
    path = write(tmp_path / "urls.lst", "# to fetch\nhttp://10.1.2.3/a.html\n\nhttp://[::1]/b.html\n")
    assert read_all(path) == [
        Failure("http://10.1.2.3/a.html", "refused: resolves to private address 10.1.2.3 (use --allow-private)"),
        Failure("http://[::1]/b.html", "refused: resolves to loopback address ::1 (use --allow-private)"),
    ]


def test_read_bytes_names_a_directory(tmp_path):
    failure = read_bytes(tmp_path, 1_000_000)
    assert isinstance(failure, Failure) and failure.reason == "is a directory"


# --- SQLite files among the inputs ---------------------------------------------------------------

def _sqlite_db(path: Path, journal: bool = False) -> Path:
    """A small SQLite database, as another tool would leave it (with its -journal when asked)."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE visits (url TEXT, seen TEXT)")
    conn.execute("INSERT INTO visits VALUES ('https://www.harbour-courier.example/', '2026-03-14')")
    conn.commit()
    conn.close()
    if journal:  # a rollback journal left by an interrupted write
        path.with_name(path.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))
    return path


def test_folder_walk_skips_the_database_being_written_and_notes_other_sqlite_files(tmp_path):
    from newsgraph.store import Store

    folder = tmp_path / "crawl"
    write(folder / "floods.html", STORY)
    write(folder / "strike.html", SECOND)
    _sqlite_db(folder / "old" / "newsgraph.db", journal=True)  # same name, another database: noted, not a failure
    _sqlite_db(folder / "cache.sqlite")
    (tmp_path / "elsewhere").symlink_to(folder)
    notes = []
    with Store(folder / "newsgraph.db"):  # open while reading, as `ingest` holds it: its -wal and -shm exist
        assert (folder / "newsgraph.db-wal").exists() and (folder / "newsgraph.db-shm").exists()
        (folder / "also-the-db").hardlink_to(folder / "newsgraph.db")  # another name, the same file
        database = str(tmp_path / "elsewhere" / "." / "newsgraph.db")  # another spelling of the same path
        items = read_all(folder, database=database, on_note=lambda origin, text: notes.append((origin, text)))
        total = estimate_total([str(folder)], database=database)

    assert [Path(i.origin).name for i in items] == ["floods.html", "strike.html"]
    assert all(isinstance(i, RawPage) for i in items)
    assert total == 2
    noted = sorted(Path(origin).relative_to(folder).as_posix() for origin, _ in notes)
    assert noted == ["cache.sqlite", "old/newsgraph.db", "old/newsgraph.db-journal"]
    assert all("SQLite" in text for _, text in notes)


def test_database_named_on_the_command_line_is_not_read(tmp_path):
    """`newsgraph ingest *` in the database's folder names the database and its side files."""
    from newsgraph.store import Store

    page = write(tmp_path / "floods.html", STORY)
    notes = []
    with Store(tmp_path / "newsgraph.db"):
        names = [tmp_path / "floods.html", tmp_path / "newsgraph.db", tmp_path / "newsgraph.db-shm",
                 tmp_path / "newsgraph.db-wal"]
        items = read_all(*names, database=str(tmp_path / "newsgraph.db"), on_note=lambda o, t: notes.append(o))
    assert [i.origin for i in items] == [str(page)]
    assert sorted(notes) == [str(n) for n in names[1:]]
