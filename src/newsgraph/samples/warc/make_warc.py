"""Build sample.warc.gz from the HTML pages in ../_warc_src/ (run: python make_warc.py).

The WARC holds what a crawler of www.eastport-gazette.example would have stored:
a warcinfo record, a robots.txt response, a request and a response record for each page
(two of them with gzip Content-Encoding), and one non-HTML response (a small PNG logo).
Dates and record ids are fixed so the file is reproducible byte for byte.
"""

from __future__ import annotations

import gzip
import re
import struct
import uuid
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from datetime import UTC

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "_warc_src"
OUT = HERE / "sample.warc.gz"
HOST = "www.eastport-gazette.example"
UA = "newsgraph-sample-crawler/0.1 (+https://newsgraph.example/bot)"
# pages sent with Content-Encoding: gzip, as many servers do
GZIPPED = {"semeru.html", "belgrade.html"}


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'newsgraph-sample:' + name)}>"


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    width, height = 4, 4
    raw = b"".join(b"\x00" + b"\x1f\x3a\x68" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def canonical_url(html: str) -> str:
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    if not m:
        raise SystemExit("no canonical link in a page of _warc_src/")
    return m.group(1)


def published(html: str) -> str:
    m = re.search(r'<meta property="article:published_time" content="([^"]+)"', html)
    return m.group(1) if m else "2026-01-01T00:00:00+00:00"


def fetch_date(pub: str) -> str:
    # crawled about three hours after publication, written as WARC-Date (UTC, Z)
    from datetime import datetime, timedelta
    d = datetime.fromisoformat(pub).astimezone(UTC) + timedelta(hours=3, minutes=7)
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(warc_date: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime
    return format_datetime(datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=__import__("datetime").timezone.utc), usegmt=True)


def write_pair(writer: WARCWriter, url: str, when: str, body: bytes, headers: list[tuple[str, str]], name: str) -> None:
    path = re.sub(r"^https?://[^/]+", "", url) or "/"
    req_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [
        ("Host", HOST), ("User-Agent", UA), ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
        ("Accept-Encoding", "gzip"), ("Connection", "close")], is_http_request=True)
    req = writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=req_headers,
                                    warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": record_id("req:" + name)})
    http = StatusAndHeaders("200 OK", headers + [("Date", http_date(when)), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    resp = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": record_id("resp:" + name),
                                                        "WARC-IP-Address": "192.0.2.44"})
    writer.write_record(req)
    writer.write_record(resp)


def main() -> None:
    pages = sorted(SRC.glob("*.html"))
    if not pages:
        raise SystemExit(f"no pages in {SRC}")
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record("sample.warc.gz", {
            "software": "warcio (newsgraph samples/warc/make_warc.py)",
            "format": "WARC File Format 1.1",
            "description": "Sample crawl of an invented news site for newsgraph tests and demo",
            "isPartOf": "newsgraph-samples",
        })
        info.rec_headers.replace_header("WARC-Date", "2025-10-27T22:00:00Z")
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo"))
        writer.write_record(info)

        robots = b"User-agent: *\nDisallow: /search\nDisallow: /account/\n\nSitemap: https://www.eastport-gazette.example/sitemap.xml\n"
        write_pair(writer, f"https://{HOST}/robots.txt", "2025-10-27T22:00:05Z", robots,
                   [("Content-Type", "text/plain; charset=utf-8"), ("Server", "nginx")], "robots")

        for page in pages:
            html = page.read_text(encoding="utf-8")
            url = canonical_url(html)
            when = fetch_date(published(html))
            body = html.encode("utf-8")
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Server", "nginx"),
                       ("Cache-Control", "max-age=300"), ("Vary", "Accept-Encoding")]
            if page.name in GZIPPED:
                body = gzip.compress(body, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
            write_pair(writer, url, when, body, headers, page.name)

        write_pair(writer, f"https://{HOST}/static/img/eg-logo.png", "2025-10-27T22:01:00Z", tiny_png(),
                   [("Content-Type", "image/png"), ("Server", "nginx"), ("Cache-Control", "max-age=86400")], "logo")
    print(f"wrote {OUT} from {len(pages)} pages")


if __name__ == "__main__":
    main()
