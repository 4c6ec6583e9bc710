"""HTML page -> article body, metadata, outlinks and related-post teasers.

trafilatura does the hard part (main text, with its own readability/justext
comparison inside) and the metadata (with htmldate for the date): its defaults
were the most robust extractor on our benchmarks, so we call it with them and
add only what it does not give us:

* the page is parsed once; metadata, body, outlinks and teasers all read that tree;
* a fragment (a feed entry's content, one paragraph perhaps) is wrapped in a document first, and a
  page nested past libxml2's depth limit (256, after which it drops the rest of the page) is parsed
  again from a flatter copy, so that no paragraph is lost silently (`load_tree`);
* paragraphs keep trafilatura's block structure (one line of its text output each);
* outlinks: the links whose text and surrounding block made it into the body;
* related teasers ("Popular posts", "Read more", ...) kept apart from the body, as
  (title, snippet, url), because they point at other articles;
* trafilatura's own comparison (readability's and justext's extraction of the page beside its own)
  only where it can change the result: not after a long extraction made of paragraphs
  (`_compare_when_in_doubt`);
* readability-lxml as a second opinion only when trafilatura finds no body at all;
  a broader rule (take readability's text when it is much longer and contains
  trafilatura's) gained 0.002-0.003 F1 but needs readability on every page, which
  costs 1-1.8x trafilatura's own time, and no cheap test tells where it will help;
* a leading copy of the title is dropped, and a "body" without a single
  sentence-long paragraph (menus, login forms) counts as no article.
"""

from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import trafilatura
import trafilatura.core
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.external import SANITIZED_XPATH, compare_extraction
from trafilatura.settings import Document, set_date_params

from newsgraph.record import RelatedPost


@dataclass
class HtmlExtraction:
    title: str | None
    paragraphs: list[str]  # body paragraphs in order (no title, no chrome)
    author: str | None = None
    published: str | None = None  # ISO date (htmldate / trafilatura metadata)
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None  # as declared by the page, else None
    outlinks: list[str] = field(default_factory=list)  # absolute http(s) links in the article body
    related: list[RelatedPost] = field(default_factory=list)  # "Popular posts"/"Related stories" teasers
    method: str = "trafilatura"  # which extractor produced the body


@dataclass
class HtmlOptions:
    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False


def extract_html(html: str, url: str | None = None, options: HtmlOptions | None = None) -> HtmlExtraction:
    """Extract the article of one HTML page; empty paragraphs when there is none."""
    options = options or HtmlOptions()
    tree = load_tree(html) if html and html.strip() else None
    if tree is None:
        return HtmlExtraction(title=None, paragraphs=[], method="none")

    meta = _metadata(tree, url)
    base_url = url or meta.url
    gated = _IN_EXTRACT_HTML.set(True)
    try:
        # a Document, as_dict being False: trafilatura types the result as Document | dict whatever as_dict is
        document: Document | None = trafilatura.bare_extraction(  # type: ignore[assignment]
            tree,
            url=base_url,
            favor_precision=options.favor_precision,
            favor_recall=options.favor_recall,
            include_tables=options.include_tables,
            include_comments=options.include_comments,
        )
    finally:
        _IN_EXTRACT_HTML.reset(gated)
    method = "trafilatura"
    paragraphs = _without_title(_lines(document.text), meta.title) if document is not None else []
    if not paragraphs:
        paragraphs = _without_title(_readability_paragraphs(html), meta.title)
        method = "readability"
    if not _reads_like_prose(paragraphs):
        paragraphs, method = [], "none"
    elif options.include_comments and document is not None:
        paragraphs += _lines(document.comments)

    return HtmlExtraction(
        title=meta.title or None,
        paragraphs=paragraphs,
        author=meta.author or None,
        published=meta.date or None,
        site_name=meta.sitename or None,
        canonical_url=_canonical_url(meta.url, url),
        language=_declared_language(tree),
        outlinks=_body_outlinks(tree, paragraphs, base_url),
        related=find_related(tree, base_url),
        method=method,
    )


# --------------------------------------------------------------------------
# trafilatura's comparison, where in doubt

# trafilatura (2.3.1, pinned) runs readability-lxml on every page and compares its text with its own
# extraction (justext too when its own is short or holds leftovers such as <aside> or <figure>): about
# a tenth of the CPU of our extraction.  After a long extraction of paragraphs without leftovers, that
# comparison can only take readability's text when it is more than twice as long, and on the 974 pages
# of the extraction gold sets it did so once (one WCXB page, F1 0.9340 -> 0.9338; scrapinghub unchanged;
# docs/benchmarks.md, "trafilatura's comparison").  So for our calls (not other callers of trafilatura
# in the process) it is skipped there.  trafilatura looks `compare_extraction` up in its core module at
# each call; the test suite checks that it still does.
LONG_EXTRACTION = 6000  # characters of trafilatura's own text
_IN_EXTRACT_HTML = contextvars.ContextVar("newsgraph_in_extract_html", default=False)


def _compare_when_in_doubt(cleaned_tree, raw_tree, body, text, options):
    if _IN_EXTRACT_HTML.get() and _beyond_doubt(body, text):
        return body, text
    return compare_extraction(cleaned_tree, raw_tree, body, text, options)


def _beyond_doubt(body, text: str) -> bool:
    """A long extraction made of paragraphs (not tables), without the leftovers that call justext in."""
    if len(text) < LONG_EXTRACTION or not body.xpath(".//p//text()"):
        return False
    return len(body.findall(".//table")) <= len(body.findall(".//p")) and not body.xpath(SANITIZED_XPATH)


trafilatura.core.compare_extraction = _compare_when_in_doubt


# --------------------------------------------------------------------------
# parsing


# libxml2 stops parsing at 256 levels of nesting and drops the rest of the page without a word, so
# a page of unclosed <font><p> blocks lost three quarters of its paragraphs.  A tree that reaches
# this depth is parsed again from a flatter copy of the page.
DEPTH_LIMIT = 250
_SCRIPTS = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_INLINE_TAGS = re.compile(
    r"</?(?:font|b|i|u|s|em|strong|span|small|big|strike|tt|sub|sup|mark|abbr|cite|q|code|var|kbd|samp|dfn|bdi|bdo|"
    r"ins|del|nobr|blink|label)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")
_BODY_START = re.compile(r"<body\b[^>]*>", re.I)


def load_tree(html: str):
    """The page as an lxml tree (trafilatura's parser): a fragment, such as a feed entry's content, is
    wrapped in a document first; a page nested past libxml2's depth limit is parsed again without
    its inline formatting tags, then, if still too deep, with every block as a flat paragraph."""
    tree = trafilatura.load_html(html)
    if tree is None:  # trafilatura refuses a lone block as "not HTML"; the caller knows it is
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is None or _last_depth(tree) < DEPTH_LIMIT:
        return tree
    for flatter in (_without_inline_tags, _flat_blocks):
        html = flatter(html)
        flatter_tree = trafilatura.load_html(html)
        if flatter_tree is not None:
            tree = flatter_tree
            if _last_depth(tree) < DEPTH_LIMIT:
                break
    return tree


def _last_depth(tree) -> int:
    """The depth of the last element in document order: where libxml2 stopped, when it stopped."""
    depth = 0
    element = tree
    while len(element):
        element = element[-1]
        depth += 1
    return depth


def _without_inline_tags(html: str) -> str:
    """The page without font, span, b, i...: what is left nests only by its blocks (<p> closes <p>)."""
    return _INLINE_TAGS.sub("", _SCRIPTS.sub("", html))


def _flat_blocks(html: str) -> str:
    """The page's head as it is, and its body as a flat run of paragraphs: every block tag opens one,
    every other tag goes.  The text and its order are kept; the nesting is not."""
    html = _SCRIPTS.sub("", html)
    body = _BODY_START.search(html)
    head, rest = (html[:body.end()], html[body.end():]) if body else ("<html><body>", html)

    def tag(match: re.Match) -> str:
        name = match.group(2).lower()
        if name == "br":
            return "<br>"
        return "<p>" if name in _BLOCK_TAGS else ""

    return head + _ANY_TAG.sub(tag, rest) + "</body></html>"


def _lines(text: str | None) -> list[str]:
    """Non-empty lines of trafilatura's text output: one per block."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _without_title(paragraphs: list[str], title: str | None) -> list[str]:
    """The paragraphs without a leading copy of the title (trafilatura keeps the <h1> at times)."""
    if paragraphs and title and _squash(paragraphs[0]).lower() == _squash(title).lower():
        return paragraphs[1:]
    return paragraphs


MIN_PROSE_CHARS = 60  # an article has at least one sentence-long paragraph


def _reads_like_prose(paragraphs: list[str]) -> bool:
    """False for what is left of menus and forms when a page holds no article."""
    return any(len(paragraph) >= MIN_PROSE_CHARS for paragraph in paragraphs)


# --------------------------------------------------------------------------
# second opinion


READABILITY_MIN_CHARS = 200  # below this, readability's "article" is a menu or a form

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr td th dd dt dl figcaption section article br".split()
)


def _readability_paragraphs(html: str) -> list[str]:
    """readability-lxml's main block as paragraphs, or [] when it finds little."""
    from readability import Document as ReadabilityDocument  # only needed when trafilatura gives up

    try:
        summary = lxml_html.fromstring(ReadabilityDocument(html).summary(html_partial=True))
    except Exception:  # readability and lxml raise bare Exceptions on odd or empty markup
        return []
    paragraphs = _block_lines(summary)
    if sum(len(p) for p in paragraphs) < READABILITY_MIN_CHARS:
        return []
    return paragraphs


def _block_lines(root) -> list[str]:
    """Text of an element, one line per block-level element."""
    parts: list[str] = []

    def walk(element) -> None:
        is_block = element.tag in _BLOCK_TAGS
        if is_block:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if is_block:
            parts.append("\n")

    walk(root)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


# --------------------------------------------------------------------------
# metadata


def _metadata(tree, url: str | None) -> Document:
    """trafilatura's ``extract_metadata`` limited to the fields we keep (pinned 2.3.1 helpers).

    Its full version also collects categories, tags and licence (a third of its
    time) and lets htmldate fall back to dateparser over the page text (seconds on
    some pages); without them the metadata costs ~15% of an extraction, not ~45%.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a handle or a single word: not a name
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # trafilatura's JSON-LD reader fails on some malformed documents
        pass
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, **set_date_params(extensive=False), url=meta.url)
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or _host(meta.url)
    meta.clean_and_trim()
    return meta


_LANG_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.I)


def _declared_language(tree) -> str | None:
    """The page's declared language (<html lang>, og:locale, content-language), primary subtag."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    for meta in tree.iterfind(".//head/meta"):
        key = (meta.get("property") or meta.get("http-equiv") or meta.get("name") or "").lower()
        if key in ("og:locale", "content-language", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        match = _LANG_CODE.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


def _canonical_url(found: str | None, page_url: str | None) -> str | None:
    """trafilatura's URL (canonical link or og:url), only when it is an absolute http(s) URL."""
    return found if _is_web_url(found) else (page_url if _is_web_url(page_url) else None)


def _host(url: str | None) -> str | None:
    """The host of a URL without "www.": trafilatura's site name when the page declares none."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or None


def _is_web_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).netloc)


@lru_cache(maxsize=4096)
def _absolute(href: str | None, base_url: str | None) -> str | None:
    """An absolute http(s) URL for a link, without its fragment; None for others."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    try:
        absolute = urljoin(base_url or "", href).split("#", 1)[0]
    except ValueError:  # malformed, e.g. an unclosed IPv6 bracket
        return None
    return absolute if _is_web_url(absolute) else None


def _squash(text: str) -> str:
    """Text without any whitespace: compares trafilatura's output with the raw tree's."""
    return "".join(text.split())


# --------------------------------------------------------------------------
# outlinks


_CONTAINER_TAGS = frozenset("p li h1 h2 h3 h4 h5 h6 blockquote td th dd dt figcaption pre div section article".split())


def _body_outlinks(tree, paragraphs: list[str], base_url: str | None) -> list[str]:
    """Links of the page whose text and enclosing block both appear in the extracted body."""
    if not paragraphs:
        return []
    body = _squash("".join(paragraphs))
    block_in_body: dict = {}
    links: dict[str, None] = {}  # ordered set
    for anchor in tree.iterfind(".//a[@href]"):
        label = _squash(anchor.text_content())
        if not label or label not in body:
            continue
        target = _absolute(anchor.get("href"), base_url)
        if not target or target in links:
            continue
        block = next((a for a in anchor.iterancestors() if a.tag in _CONTAINER_TAGS), None)
        if block is None:
            continue
        if block not in block_in_body:
            block_in_body[block] = _squash(block.text_content()) in body
        if block_in_body[block]:
            links[target] = None
    return list(links)


# --------------------------------------------------------------------------
# related-post teasers


_RELATED_HEADING = re.compile(
    r"^\W*(?:the\s+)?(?:"
    # English
    r"(?:most\s+)?popular(?:\s+(?:posts?|stories|articles|news|now|on))?|most\s+(?:read|viewed|shared)"
    r"|related(?:\s+(?:posts?|stories|articles|news|content|links|coverage|reading))?"
    r"|read\s+(?:more|next|also)|also\s+read|more\s+(?:from|on|about|stories|news|in|like\s+this)"
    r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)|recommended(?:\s+\w+)?"
    r"|see\s+also|further\s+reading|trending(?:\s+now)?|top\s+stories|latest\s+(?:posts|news|stories)"
    # French, German, Spanish, Italian, Portuguese, Dutch, Russian
    r"|(?:à\s+)?lire\s+(?:aussi|également)|articles?\s+(?:similaires|liés|connexes)|sur\s+le\s+même\s+sujet"
    r"|les\s+plus\s+lus|mehr\s+(?:zum\s+thema|aus|von|zu)|das\s+könnte\s+sie\s+(?:auch\s+)?interessieren"
    r"|weitere\s+(?:artikel|nachrichten|beiträge)|meistgelesen|ähnliche\s+(?:artikel|beiträge)"
    r"|(?:también\s+)?te\s+puede\s+interesar|noticias\s+relacionadas|artículos\s+relacionados"
    r"|lo\s+más\s+(?:leído|visto)|más\s+(?:noticias|de|sobre)|articoli\s+correlati|potrebbe\s+interessarti"
    r"|i\s+più\s+letti|leia\s+(?:também|mais)|veja\s+também|notícias\s+relacionadas|mais\s+lidas"
    r"|lees\s+ook|meer\s+(?:over|nieuws)|читайте\s+также|похожие|популярное|по\s+теме|ещё\s+по\s+теме|еще\s+по\s+теме"
    r")\b",
    re.I,
)
_HEADING_MAX_CHARS = 60
_HEADINGS = etree.XPath(
    "(//h1|//h2|//h3|//h4|//h5|//h6"
    "|//*[self::div or self::span or self::p or self::strong or self::b]"
    "[contains(@class, 'title') or contains(@class, 'heading')])"
    f"[string-length(normalize-space()) <= {_HEADING_MAX_CHARS}]"
)
# labels of "continue" links: never a teaser title
_GENERIC_LABEL = re.compile(
    r"^\W*(?:read\s+more|more|continue(?:\s+reading)?|full\s+story|weiterlesen|lire\s+la\s+suite|leer\s+más|"
    r"\d+\s+comments?|comments?|share|tweet|\W*)\W*$",
    re.I,
)
_MIN_TITLE_CHARS = 12
_MAX_ANCESTOR_STEPS = 4


def find_related(tree, base_url: str | None = None) -> list[RelatedPost]:
    """Teasers under headings like "Popular posts" or "Related stories", in page order."""
    found: list[RelatedPost] = []
    seen = {base_url}
    for heading in _HEADINGS(tree):
        if not _RELATED_HEADING.match(" ".join(heading.text_content().split())):
            continue
        for post in _teasers_after(heading, base_url):
            if post.url not in seen:
                seen.add(post.url)
                found.append(post)
    return found


def _teasers_after(heading, base_url: str | None) -> list[RelatedPost]:
    """The teasers in the closest ancestor of a heading that holds links after it."""
    ancestor = heading
    for _ in range(_MAX_ANCESTOR_STEPS):
        ancestor = ancestor.getparent()
        if ancestor is None:
            return []
        anchors = _anchors_after(ancestor, heading, base_url)
        if anchors:
            return _group_teasers(ancestor, anchors, base_url)
    return []


def _anchors_after(block, heading, base_url: str | None) -> list:
    """Links with a usable target after the heading and before the next sibling heading like it."""
    inside_heading = set(heading.iter())
    anchors, started = [], False
    for element in block.iter():
        if element is heading:
            started = True
        elif not started or element in inside_heading:
            continue
        elif _is_next_section(element, heading):
            break
        elif element.tag == "a" and _absolute(element.get("href"), base_url):
            anchors.append(element)
    return anchors


def _is_next_section(element, heading) -> bool:
    """A heading of the same kind without links: the next widget starts there."""
    return (
        element.tag == heading.tag
        and element.get("class") == heading.get("class")
        and not element.xpath(".//a")
    )


def _group_teasers(block, anchors: list, base_url: str | None) -> list[RelatedPost]:
    """One RelatedPost per target: the title from its link text, the snippet from its item."""
    posts: dict[str, RelatedPost] = {}
    for anchor in anchors:
        target = _absolute(anchor.get("href"), base_url)
        if target is None:  # not so: the anchors are the links with a web URL
            continue
        label = " ".join(" ".join(anchor.itertext()).split())  # spans inside a link are words apart
        if _GENERIC_LABEL.match(label) or len(label) < _MIN_TITLE_CHARS:
            label = ""
        post = posts.setdefault(target, RelatedPost(title="", url=target))
        if label and not post.title:
            post.title = label
            post.snippet = _snippet(_item_of(anchor, block, target, base_url), label)
    return [post for post in posts.values() if post.title]


def _item_of(anchor, block, target: str, base_url: str | None):
    """The largest element around a link, inside the block, whose links all go to one target."""
    item = anchor
    for parent in anchor.iterancestors():
        if parent is block:
            break
        targets = {_absolute(a.get("href"), base_url) for a in parent.iter("a")} - {None}
        if targets != {target}:
            break
        item = parent
    return item


def _snippet(item, title: str) -> str:
    """The item's text other than its title and "read more" labels."""
    lines = [line for line in _block_lines(item) if line != title and not _GENERIC_LABEL.match(line)]
    text = " ".join(lines)
    return text.replace(title, "", 1).strip() if text.startswith(title) else text
