"""RawPage -> Article: decode, tell HTML from a text dump, extract, detect the language.

HTML goes to trafilatura (extract.html); plain-text dumps as crawlers store them
go to our own segmenter (extract.textdump).  Either way the result is one
Article whose paragraphs are offsets into its text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from dataclasses import dataclass, field

from newsgraph.errors import FailureKind, NewsgraphError, NoArticle, PageTooLarge
from newsgraph.extraction.decode import NotText, decode_page
from newsgraph.extraction.html import HtmlOptions, extract_html
from newsgraph.extraction.language import detect_language
from newsgraph.extraction.textdump import segment_text_dump
from newsgraph.ingest.page import MAX_PAGE_BYTES, RawPage
from newsgraph.record import Article

_HTML_SIGNS = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
_TAG = re.compile(r"<[a-zA-Z/!][^>]{0,300}>")


@dataclass
class ExtractOptions:
    html: HtmlOptions = field(default_factory=HtmlOptions)
    max_page_bytes: int = MAX_PAGE_BYTES
    min_words: int = 15  # fewer words than this is "no article", not an article


def looks_like_html(text: str, content_type: str | None = None) -> bool:
    head = text[:4096].lstrip()
    if content_type and "html" in content_type.lower():
        return True
    if not head.startswith("<") and content_type and "plain" in content_type.lower():
        return False
    if _HTML_SIGNS.search(head) is None:
        return False
    # A text dump that merely mentions "<p>" is not markup: require real tag density.
    return len(_TAG.findall(head)) >= 3 or head.startswith("<")


def extract_page(page: RawPage, options: ExtractOptions | None = None) -> Article:
    """Raise NewsgraphError (naming page.origin) when the page holds no article."""
    options = options or ExtractOptions()
    size = len(page.content.encode("utf-8", "surrogatepass") if isinstance(page.content, str) else page.content)
    if size > options.max_page_bytes:
        raise PageTooLarge(
            page.origin, f"page too large ({size / 1e6:.1f} MB > {options.max_page_bytes / 1e6:.1f} MB cap)"
        )
    if size == 0 or (isinstance(page.content, bytes) and not page.content.strip()):
        raise NoArticle(page.origin, "empty page", FailureKind.EMPTY)
    try:
        text = decode_page(page.content, page.content_type)
    except NotText as exc:
        raise NewsgraphError(page.origin, str(exc), FailureKind.BINARY) from None
    if not text.strip():
        raise NoArticle(page.origin, "empty page", FailureKind.EMPTY)

    if looks_like_html(text, page.content_type):
        article = _from_html(text, page, options)
    else:
        article = _from_text_dump(text, page)

    if len(article.text.split()) < options.min_words:
        raise NoArticle(page.origin, "no article text found")
    hints = page.hints or {}
    article.title = article.title or hints.get("title")
    article.published = article.published or hints.get("published")
    article.author = article.author or hints.get("author")
    article.site_name = article.site_name or hints.get("site_name") or _host(article.url)
    article.fetched_at = page.fetched_at
    return article


def _host(url: str | None) -> str | None:
    """Fallback site name: the address's host without "www."."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _from_html(html: str, page: RawPage, options: ExtractOptions) -> Article:
    found = extract_html(html, page.url, options.html)
    article = Article.from_paragraphs(
        found.paragraphs,
        title=found.title,
        url=page.url or found.canonical_url,
        canonical_url=found.canonical_url,
        site_name=found.site_name,
        author=found.author,
        published=found.published,
        outlinks=found.outlinks,
        related=found.related,
        extraction_method=found.method,
    )
    article.language = detect_language(article.text, found.language)
    return article


def _from_text_dump(text: str, page: RawPage) -> Article:
    found = segment_text_dump(text)
    article = Article.from_paragraphs(
        found.paragraphs,
        title=found.title,
        url=page.url,
        author=found.author,
        published=found.published,
        related=found.related,
        extraction_method="textdump",
    )
    article.language = detect_language(article.text)
    return article
