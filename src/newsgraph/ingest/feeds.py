"""RSS and Atom feeds, parsed by feedparser.

An entry that carries its full text becomes a page at once; any other entry becomes a `FeedLink`,
which the dispatcher fetches under the same rules as any URL. The feed reader itself never touches
the network, so a feed file can be read offline and tested without a server.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, UTC
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsgraph.ingest.page import Failure, FailureKind, RawPage

# Entry content shorter than this is a teaser, not the article: fetch the link instead.
FULL_CONTENT_CHARS = 500

FEED_CONTENT_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]")
SNIFF_BYTES = 4096


@dataclass
class FeedLink:
    """A feed entry without its full text: the page at `url` must be fetched."""

    url: str
    hints: dict[str, Any] = field(default_factory=dict)


def looks_like_feed(head: bytes, content_type: str | None = None) -> bool:
    """True for a feed content type, or a document starting like RSS, Atom or RDF (not HTML)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in FEED_CONTENT_TYPES:
        return True
    start = head[:SNIFF_BYTES].lower()
    return b"<html" not in start and FEED_ROOT.search(start) is not None


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _iso(parsed_time: Any) -> str | None:
    if not parsed_time:
        return None
    return datetime(*parsed_time[:6]).replace(tzinfo=UTC).isoformat()


def _hints(entry: Any, feed: str) -> dict[str, Any]:
    hints = {
        "title": entry.get("title"),
        "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "author": entry.get("author"),
        "feed": feed,
    }
    return {key: value for key, value in hints.items() if value}


def _full_content(entry: Any) -> tuple[str, str] | None:
    """(text, content type) of the entry's full content, or None when it only has a teaser."""
    contents = [c for c in entry.get("content", []) if c.get("value")]
    if not contents:
        return None
    best = max(contents, key=lambda c: len(c["value"]))
    text, summary = best["value"], entry.get("summary", "")
    if len(text) < FULL_CONTENT_CHARS or (len(text) <= len(summary) and text != summary):
        return None
    kind = "text/plain" if best.get("type") == "text/plain" else "text/html"
    return text, f"{kind}; charset=utf-8"


def read_feed(content: bytes, feed: str) -> Iterator[RawPage | FeedLink | Failure]:
    """Pages for full-content entries and links for the rest; `feed` is the feed's URL or path."""
    headers = {"content-location": feed} if feed.startswith(("http://", "https://")) else {}
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = str(parsed.get("bozo_exception") or "no RSS, Atom or RDF root element")
        yield Failure(feed, f"not a valid feed: {_one_line(problem.replace('<unknown>:', 'at line ', 1))}",
                      FailureKind.CORRUPT)
        return
    base = parsed.feed.get("link", "")
    for index, entry in enumerate(parsed.entries):
        link = urljoin(base, entry["link"]) if entry.get("link") else None
        hints = _hints(entry, feed)
        full = _full_content(entry)
        if full:
            text, content_type = full
            origin = f"{feed}#{entry.get('id') or link or index}"
            yield RawPage(origin, text.encode("utf-8"), url=link, content_type=content_type, hints=hints)
        elif link and link.startswith(("http://", "https://")):
            yield FeedLink(link, hints)
        else:
            yield Failure(f"{feed}#{entry.get('id') or index}", "feed entry has neither full content nor a web link",
                          FailureKind.MALFORMED_RECORD)
