"""Hostile local inputs through the real `newsgraph ingest` (in this process, one worker, no enrichment):
symlink loops, FIFOs, WARC records whose Content-Length is wrong, markup nested past libxml2's depth
limit, a URL list with a stray line, UTF-16 without a byte-order mark, a feed entry of one paragraph.

Each case builds its input in the case's folder beside a good page, ingests the batch into a database
there, and returns the error lines newsgraph printed, how many pages were stored, and what was
stored of the hostile input where that is the point (paragraphs kept, records kept).

    python -m bench.stress files
    python -m bench.stress files:symlink_loop
"""

from __future__ import annotations

import gzip
import io
import os
import re
import time
from pathlib import Path

# Imported here, so that the runner's baseline (this module imported, nothing run) holds newsgraph's
# ingest and extraction code, and each case's memory above it is what the case itself costs.
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsgraph.extraction.html  # noqa: F401 (trafilatura: imported by the first page's extraction)
from bench.stress import Case
from newsgraph.cli import main
from newsgraph.ingest.service import ingest  # noqa: F401 (what the command runs)
from newsgraph.store import Store
from tests.pages import STORY_PARAGRAPHS, news_page

TIMEOUT = 60  # seconds the runner gives a case; each takes a few
STORY = news_page("River floods force thousands from homes along the Danube", STORY_PARAGRAPHS)
SITE = "https://www.harbour-courier.example"


def _good(folder: Path, name: str = "good.html") -> Path:
    path = folder / name
    path.write_text(STORY.replace("Danube", f"Danube ({name})"))
    return path


def _ingest(folder: Path, sources: list[Path | str]) -> str:
    """`newsgraph ingest SOURCES` in this process: its error lines, pages stored, and its time."""
    args = ["ingest", "--db", str(folder / "news.db"), "--workers", "1", "--no-enrich", "-q"]
    started = time.monotonic()
    result = CliRunner().invoke(main, [*args, *map(str, sources)])
    seconds = time.monotonic() - started
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    errors = [" ".join(line.split()) for line in result.output.splitlines() if line.startswith("error ")]
    refused = [line for line in errors if "refused: resolves to private address" in line]
    errors = [line for line in errors if line not in refused]
    stored = re.search(r"stored: (\d+)", result.output)
    shown = "; ".join(errors[:3]) + (f"; ... {len(errors) - 3} more error lines" if len(errors) > 3 else "")
    if refused:  # URLs tried and refused before connecting (private addresses): counted, not shown
        shown = f"{shown}; {len(refused)} URLs tried, each refused: private address".lstrip("; ")
    return f"{shown or 'no error line'} | stored {stored.group(1) if stored else '?'} | ingest {seconds:.1f} s"


def _stored_titles(folder: Path) -> list[str]:
    with Store(str(folder / "news.db")) as store:
        return [article.title or "" for _, _, article in store.iter_articles()]


def symlink_loop(folder: Path) -> str:
    """A folder holding a link back to itself, a link to itself, and two good pages."""
    tree = folder / "in"
    (tree / "sub").mkdir(parents=True)
    _good(tree, "a.html")
    _good(tree / "sub", "b.html")
    (tree / "sub" / "up").symlink_to("..")
    (tree / "self").symlink_to("self")
    return _ingest(folder, [tree, _good(folder)]) + " (of 3 good pages)"


def fifo(folder: Path) -> str:
    """A FIFO named on the command line (nobody writes to it) and one inside a folder."""
    tree = folder / "in"
    tree.mkdir()
    _good(tree, "a.html")
    os.mkfifo(tree / "pipe.html")
    os.mkfifo(folder / "named.fifo")
    return _ingest(folder, [folder / "named.fifo", tree, _good(folder)]) + " (of 2 good pages)"


def _warc(folder: Path, delta: int, compress: bool = False) -> Path:
    """Three response records; the second's Content-Length is off by `delta` bytes."""
    members = []
    for i in range(3):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = news_page(f"Archived story number {i} about the levee", STORY_PARAGRAPHS, url=f"{SITE}/{i}").encode()
        writer.write_record(writer.create_warc_record(f"{SITE}/{i}", "response", payload=io.BytesIO(body),
                                                      http_headers=http))
        members.append(buffer.getvalue())
    start = members[1].index(b"Content-Length: ") + len(b"Content-Length: ")
    end = members[1].index(b"\r\n", start)
    members[1] = members[1][:start] + b"%d" % (int(members[1][start:end]) + delta) + members[1][end:]
    path = folder / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(b"".join(gzip.compress(m) for m in members) if compress else b"".join(members))
    return path


def _warc_case(delta: int, compress: bool = False) -> Case:
    def case(folder: Path) -> str:
        outcome = _ingest(folder, [_warc(folder, delta, compress), _good(folder)])
        kept = sorted(re.findall(r"number (\d)", " ".join(_stored_titles(folder))))
        return f"{outcome} | records stored: {', '.join(kept) or 'none'} (1 is the bad one)"

    return case


def _deep_page(count: int) -> str:
    paragraphs = "".join(f"<font><p>Paragraph {i} of the council report says the river rose by {i} centimetres "
                         "overnight." for i in range(count))
    return f"<html><head><title>Council report on the river</title></head><body>{paragraphs}</body></html>"


def _deep_case(count: int) -> Case:
    def case(folder: Path) -> str:
        page = folder / "deep.html"
        page.write_text(_deep_page(count))
        outcome = _ingest(folder, [page, _good(folder)])
        with Store(str(folder / "news.db")) as store:
            kept = max((len(a.paragraphs) for _, _, a in store.iter_articles() if a.title and "Council" in a.title),
                       default=0)
        return f"{outcome} | paragraphs stored {kept} of {count}"

    return case


def url_list_stray_line(folder: Path) -> str:
    """200 URLs (private addresses: each is tried and refused before connecting) and one stray line."""
    urls = [f"http://10.0.{i // 250}.{i % 250 + 1}/story-{i}.html" for i in range(200)]
    path = folder / "urls.txt"
    path.write_text("\n".join([*urls[:100], "see also the archive page", *urls[100:]]) + "\n")
    return _ingest(folder, [path, _good(folder)])


def utf16_without_bom(folder: Path) -> str:
    """A page in UTF-16 (little-endian, no BOM) that declares its charset in a meta tag."""
    page = folder / "utf16.html"
    page.write_bytes(news_page("Crue à Besançon", STORY_PARAGRAPHS, charset="utf-16").encode("utf-16-le"))
    outcome = _ingest(folder, [page, _good(folder)])
    return f"{outcome} | stored: {'; '.join(sorted(_stored_titles(folder)))}"


def feed_one_paragraph(folder: Path) -> str:
    """An RSS feed whose one entry carries its full text as one long paragraph."""
    paragraph = " ".join(f"The council said on Monday that the river had risen by {i} centimetres near the old "
                         "bridge." for i in range(12))
    feed = folder / "feed.xml"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><link>{SITE}/</link>
<item><title>River rises at the old bridge</title><link>{SITE}/river</link><description>The river rose.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>{paragraph}</p>]]></content:encoded>
</item></channel></rss>""")
    outcome = _ingest(folder, [feed, _good(folder)])
    return f"{outcome} | stored: {'; '.join(sorted(_stored_titles(folder)))}"


CASES: dict[str, Case] = {
    "symlink_loop": symlink_loop,
    "fifo": fifo,
    "warc_length_500_too_large": _warc_case(500),
    "warc_length_300_too_small": _warc_case(-300),
    "warc_gz_length_300_too_small": _warc_case(-300, compress=True),
    "unclosed_font_p_1000": _deep_case(1000),
    "unclosed_font_p_20000": _deep_case(20000),
    "url_list_stray_line": url_list_stray_line,
    "utf16_without_bom": utf16_without_bom,
    "feed_one_paragraph": feed_one_paragraph,
}
