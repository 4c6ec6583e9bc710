"""What a watched source is and when it is polled: durations ("15m"), the kind of a source (a feed,
a news sitemap or sitemap index, a URL list, a folder), the items each kind gives, and the schedule
with exponential back-off and jitter for a source that fails.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.feeds import looks_like_feed

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
# A failing source waits at most this long between polls (or its own interval, when longer).
MAX_BACKOFF = 6 * 3600.0
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_ROOT = re.compile(rb"<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]")
# Child sitemaps read from one sitemap index in one poll.
MAX_CHILD_SITEMAPS = 50


class WatchError(NewsgraphError):
    """A watch source, interval or alert rule that cannot be used: the input and the reason."""


def parse_duration(text: str, what: str = "interval") -> float:
    """Seconds in "15m", "90s", "2h", "1d", "500ms" or a bare number of seconds; WatchError if not."""
    found = _DURATION.match(str(text))
    if not found or float(found.group(1)) <= 0:
        raise WatchError(what, f"{text!r} is not a duration like 15m, 90s, 2h or 1d")
    return float(found.group(1)) * _UNIT[found.group(2) or "s"]


def next_due(now: float, every: float, failures: int, rng: random.Random | None = None) -> float:
    """When to poll next: after `every` seconds; after a failure, exponentially later (every, 2x, 4x ...
    up to MAX_BACKOFF or `every` if longer), with jitter (a random half to whole of the delay) so
    sources failing together do not retry together."""
    if failures <= 0:
        return now + every
    delay = min(every * 2 ** min(failures - 1, 20), max(MAX_BACKOFF, every))
    return now + delay * (0.5 + 0.5 * (rng or random).random())


@dataclass
class Entry:
    """One item a source lists: the key it is remembered by and the URL to fetch (None: a page given
    whole, as a feed entry with its full text is)."""

    key: str
    url: str | None
    hints: dict[str, Any] = field(default_factory=dict)


def sniff(content: bytes, content_type: str | None = None) -> str:
    """The kind of a fetched source: feed, sitemap, urls (a list of URLs), or page."""
    head = content[:4096]
    if SITEMAP_ROOT.search(head) and b"<html" not in head.lower():
        return "sitemap"
    if looks_like_feed(head, content_type):
        return "feed"
    lines = [line.strip() for line in content[:65536].splitlines() if line.strip() and not line.startswith(b"#")]
    if lines and sum(line.startswith((b"http://", b"https://")) for line in lines) >= max(1, len(lines) // 2 + 1):
        return "urls"
    return "page"


def url_list(content: bytes, base: str) -> list[Entry]:
    """The URLs of a URL list (one a line, # comments); other lines are passed over."""
    entries = []
    for line in content.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line.startswith(("http://", "https://")):
            entries.append(Entry(line, line))
    return entries


@dataclass
class Sitemap:
    """A parsed sitemap: its pages (with news titles and dates) or, for an index, its child sitemaps."""

    pages: list[Entry]
    children: list[tuple[str, str | None]]  # (sitemap URL, lastmod) of a sitemap index


def sitemap(content: bytes, origin: str) -> Sitemap:
    """The entries of a sitemap or sitemap index (news sitemaps' <news:news> title and date as hints).

    Parsed without DTDs, entities or network; a document that is not one raises WatchError."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise WatchError(origin, f"not a valid sitemap: {' '.join(str(error).split())}") from None
    name = etree.QName(root).localname
    ns = {"s": etree.QName(root).namespace or SITEMAP_NS, "n": NEWS_NS}
    if name == "sitemapindex":
        children = []
        for node in root.iterfind("s:sitemap", ns):
            loc = (node.findtext("s:loc", namespaces=ns) or "").strip()
            if loc:
                children.append((urljoin(origin, loc), (node.findtext("s:lastmod", namespaces=ns) or "").strip() or None))
        return Sitemap([], children)
    if name != "urlset":
        raise WatchError(origin, f"not a sitemap: its root element is <{name}>")
    pages = []
    for node in root.iterfind("s:url", ns):
        loc = (node.findtext("s:loc", namespaces=ns) or "").strip()
        if not loc:
            continue
        url = urljoin(origin, loc)
        hints = {}
        news = node.find("n:news", ns)
        if news is not None:
            hints = {"title": (news.findtext("n:title", namespaces=ns) or "").strip(),
                     "published": (news.findtext("n:publication_date", namespaces=ns) or "").strip()}
        hints = {k: v for k, v in hints.items() if v}
        if url.startswith(("http://", "https://")):
            pages.append(Entry(url, url, hints))
    return Sitemap(pages, [])
