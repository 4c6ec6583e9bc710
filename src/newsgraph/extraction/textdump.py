"""Separate the article from the site chrome in a plain-text page dump.

Crawl archives (WET files, text dumps) keep only the visible text of a page,
so there is no markup left for trafilatura to work on: menus, share buttons,
cookie banners, comment sections and teaser lists arrive as plain lines around
the article.  What survives is still telling.  Article text is long lines of
prose dense in function words; chrome is runs of short, title-cased labels,
often indented deeper (the dumps keep the DOM's nesting as indentation), and
known phrases ("Skip to", "Share", "Comments", "Popular posts").  So, in the
spirit of jusText and boilerpipe, each line gets a score, the best-scoring
contiguous stretch of lines becomes the body, and what sits around it is read
for the title, byline, dateline and teasers of other posts.  Two page habits
shape the search: comments come after the article, so a comments heading ends
it once enough prose has been seen; and the body keeps one indentation, so a
long run of labels nested at another depth (a menu, a "More stories" box)
costs more with each line and cuts the body there.  Everything is regular
expressions over lines: linear time, no model, never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.extraction.boilerplate_phrases import (
    LEGAL_OR_COOKIE,
    SHORT_LINE_KIND,
    STOPWORDS,
    TEASER_HEADING,
)
from newsgraph.record import RelatedPost


@dataclass
class SegmentedDump:
    """What a dump holds once the chrome is set aside; empty paragraphs when there is no article."""

    title: str | None
    paragraphs: list[str]  # article body paragraphs, in order, stripped
    related: list[RelatedPost] = field(default_factory=list)  # teasers such as "Popular posts from this blog"
    author: str | None = None  # if a byline is plainly there ("By Jane Doe"), else None
    published: str | None = None  # ISO date if a dateline is plainly there, else None


_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*$")
_SENTENCE_INSIDE = re.compile(r"\w[.!?。！？]\s+\S|[。！？]")
_MIN_ARTICLE_SCORE = 15.0  # about 150 characters of prose
_ARTICLE_BEFORE_COMMENTS = 40.0  # more than a standfirst: a comment-count link may follow that
_RUN_GROWTH = 0.5  # extra cost per line of a run of chrome nested apart from the body
_SAMPLE = 2000  # characters of a line looked at for its word statistics

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            "jan january janvier januar enero janeiro gennaio",
            "feb february février februar febrero fevereiro febbraio",
            "mar march mars märz marzo março",
            "apr april avril abril aprile",
            "may mai mayo maio maggio",
            "jun june juin juni junio junho giugno",
            "jul july juillet juli julio julho luglio",
            "aug august août agosto",
            "sep sept september septembre septiembre setembro settembre",
            "oct october octobre oktober octubre outubro ottobre",
            "nov november novembre noviembre novembro",
            "dec december décembre dezember diciembre dezembro dicembre",
        ],
        start=1,
    )
    for m in names.split()
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d\d?)[-/.](?P<day>\d\d?)\b"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d\d?)(?:st|nd|rd|th)?\.?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b", re.I),
]
_BYLINE = re.compile(
    r"^(?i:(?:posted|written|words|story|reporting)\s+by|by|par|von|por|di|door|av|autor|author|auteur)\s*:?\s+"
    r"(?P<name>[A-ZÀ-Þ][\w.'’-]+(?:\s+(?:[A-ZÀ-Þ][\w.'’-]+|de|da|van|von|der|del|la|le|and|&)){0,5})",
)
_BARE_BY = re.compile(r"^(?:by|par|von|por)$", re.I)
_NAME = re.compile(r"^[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){1,3}$")


@dataclass
class _Line:
    text: str  # stripped
    indent: int
    score: float = 0.0
    good: bool = False  # a line of prose that could stand in an article on its own
    chrome: bool = False  # a known piece of site chrome, never body
    end: bool = False  # only comments follow: the article cannot go on past it


def segment_text_dump(text: str) -> SegmentedDump:
    """Split a plain-text page dump into title, body paragraphs, byline, date and teasers."""
    if not isinstance(text, str):
        return SegmentedDump(title=None, paragraphs=[])
    lines = _read_lines(text)
    _score_lines(lines)
    span = _best_span(lines)
    if span is None:
        return SegmentedDump(title=None, paragraphs=[])
    start, stop = span
    title_at = _find_title(lines, start, stop)
    author, author_at = _find_byline(lines, title_at, start)
    published, date_at = _find_date(lines, title_at, start)
    skip = {title_at, author_at, date_at}
    paragraphs = [
        line.text
        for i, line in enumerate(lines[start:stop], start)
        if i not in skip and not line.chrome and not _is_meta(line.text)
    ]
    return SegmentedDump(
        title=lines[title_at].text if title_at is not None else None,
        paragraphs=paragraphs,
        related=_find_teasers(lines, stop),
        author=author,
        published=published,
    )


def _read_lines(text: str) -> list[_Line]:
    """Non-blank lines with their indentation (the DOM depth the dump kept)."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if stripped:
            lines.append(_Line(text=stripped, indent=len(raw) - len(raw.lstrip())))
    return lines


def _score_lines(lines: list[_Line]) -> None:
    """Give each line a score: positive for prose, negative for chrome."""
    candidates: list[tuple[_Line, float]] = []  # lines long enough to be prose, with their stopword share
    for line in lines:
        text = line.text
        n = len(text)
        if n < 80:
            kind = SHORT_LINE_KIND.match(text)
            if kind:
                line.end = kind.lastgroup == "comments"
                line.chrome, line.score = True, -6.0 if kind.lastgroup == "chrome" else -25.0
                continue
        if n < 30:
            line.score = -3.0 if _title_cased(text) else -2.0
        elif _is_legal_or_cookie(text):
            line.chrome, line.score = True, -15.0
        else:
            words = _WORD.findall(text[:_SAMPLE].lower())
            candidates.append((line, sum(map(STOPWORDS.__contains__, words)) / max(len(words), 1)))
    long_lines = [share for line, share in candidates if len(line.text) >= 80]
    use_stopwords = bool(long_lines) and sum(long_lines) / len(long_lines) >= 0.08
    for line, share in candidates:
        text = line.text
        n = len(text)
        prose = share >= 0.15 if use_stopwords else _SENTENCE_INSIDE.search(text[:_SAMPLE]) is not None
        ends = _SENTENCE_END.search(text[-8:]) is not None
        if prose and (n >= 200 or (n >= 80 and ends)):
            line.good, line.score = True, min(n, 600) / 10
        elif ends and prose:
            line.score = 1.0
        else:
            line.score = -3.0 if _title_cased(text) else -2.0
    _damp_teasers(lines)


def _damp_teasers(lines: list[_Line]) -> None:
    """Halve a short prose line standing alone between labels: the shape of a teaser list."""
    isolated = [
        i for i in range(1, len(lines) - 1)
        if lines[i].good and len(lines[i].text) < 300 and lines[i - 1].score <= 0 and lines[i + 1].score <= 0
    ]
    for i in isolated:
        lines[i].score /= 2


def _is_legal_or_cookie(text: str) -> bool:
    """A cookie banner or legal footer line; a long line needs two such phrases to count."""
    low = text[:3000].lower()
    hits = sum(phrase in low for phrase in LEGAL_OR_COOKIE)
    return hits >= (1 if len(text) < 300 else 2)


def _title_cased(text: str) -> bool:
    """Every word capitalised: the look of a menu item or a label."""
    words = _WORD.findall(text[:_SAMPLE])
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def _best_span(lines: list[_Line]) -> tuple[int, int] | None:
    """The [start, stop) stretch of lines that holds the article, or None.

    A first pass finds the core of the article; the indentation most of its
    prose sits at is the body's.  The second pass makes runs of non-prose
    lines nested at another depth (menus, link lists, teaser boxes) cost more
    the longer they go on, so the body stops where the page's chrome starts.
    """
    core = _max_scoring_span(lines, body_indent=None)
    if core is None:
        return None
    prose_by_indent: dict[int, int] = {}
    for line in lines[core[0] : core[1]]:
        if line.good:
            prose_by_indent[line.indent] = prose_by_indent.get(line.indent, 0) + len(line.text)
    return _max_scoring_span(lines, body_indent=max(prose_by_indent, key=prose_by_indent.__getitem__))


def _max_scoring_span(lines: list[_Line], body_indent: int | None) -> tuple[int, int] | None:
    """Maximum-sum run of line scores (Kadane), trimmed so it starts and ends on prose."""
    best, best_span = 0.0, None
    total, start, run = 0.0, 0, 0
    for i, line in enumerate(lines):
        if line.end:  # the comments start: the article, if already seen, is behind us
            if best >= _ARTICLE_BEFORE_COMMENTS:
                break
            total, start, run = 0.0, i + 1, 0
            continue
        if total <= 0:
            total, start = 0.0, i
        if line.score > 0 or body_indent is None or line.indent == body_indent:
            total, run = total + line.score, 0
        else:
            total, run = total + line.score * (1 + _RUN_GROWTH * run), run + 1
        if total > best:
            best, best_span = total, (start, i + 1)
    if best_span is None or best < _MIN_ARTICLE_SCORE:
        return None
    start, stop = best_span
    while start < stop and not lines[start].good:
        start += 1
    while stop > start and lines[stop - 1].score <= 0:
        stop -= 1
    return (start, stop) if start < stop else None


def _find_title(lines: list[_Line], start: int, stop: int) -> int | None:
    """Index of the most plausible headline: a short line shortly before the body."""
    best, best_at = 0.0, None
    first = max(0, start - 25)
    for i in range(first, min(start + 1, stop)):
        text = lines[i].text
        words = _WORD.findall(text)
        if not (10 <= len(text) <= 250 and 2 <= len(words) <= 35) or lines[i].chrome or _is_meta(text):
            continue
        score = 1.0 + (i - first) / 25
        if len(words) >= 4:
            score += 1.0
        if text.endswith("."):
            score -= 1.0
        if i == start:
            score -= 1.5
        if _repeated_elsewhere(lines, i):
            score += 1.5
        if score > best:
            best, best_at = score, i
    return best_at if best >= 2.0 else None


def _repeated_elsewhere(lines: list[_Line], at: int) -> bool:
    """Whether the line also opens another line near the top (a <title> "Headline | Site")."""
    key = lines[at].text.lower()
    return any(i != at and lines[i].text.lower().startswith(key) for i in range(min(len(lines), 40)))


def _find_byline(lines: list[_Line], title_at: int | None, start: int) -> tuple[str | None, int | None]:
    """'By Jane Doe' between the title and the body."""
    for i in _header_window(title_at, start, len(lines)):
        text = lines[i].text
        if len(text) > 100:
            continue
        name = _byline_name(text)
        if name:
            return name, i
        if _BARE_BY.match(text) and i + 1 < len(lines) and _NAME.match(lines[i + 1].text):
            return lines[i + 1].text, i
    return None, None


def _byline_name(text: str) -> str | None:
    """The name in 'By Jane Doe'; None for a sentence that merely starts with 'By Monday, ...'."""
    match = _BYLINE.match(text)
    if not match or text.endswith((".", "!", "?")) or len(text) > 100:
        return None
    return match.group("name").strip(" ,.|-")


def _find_date(lines: list[_Line], title_at: int | None, start: int) -> tuple[str | None, int | None]:
    """An ISO date from a short dateline near the title."""
    for i in _header_window(title_at, start, len(lines)):
        text = lines[i].text
        if len(text) <= 120:
            iso = _parse_date(text)
            if iso:
                return iso, i
    return None, None


def _header_window(title_at: int | None, start: int, count: int) -> range:
    first = max(0, (title_at if title_at is not None else start) - 4)
    return range(first, min(count, start + 3))


def _parse_date(text: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS.get(parts["month"].lower().rstrip("."))
        year, day = int(parts["year"]), int(parts["day"])
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _is_meta(text: str) -> bool:
    """A byline or a bare dateline: page furniture, not a paragraph."""
    if len(text) > 100:
        return False
    if _byline_name(text) or _BARE_BY.match(text):
        return True
    return _parse_date(text) is not None and len(_WORD.findall(text)) <= 8


def _find_teasers(lines: list[_Line], stop: int) -> list[RelatedPost]:
    """Teasers (title and snippet) listed under a 'Popular posts' / 'Related' heading after the body."""
    heading = next((i for i in range(stop, len(lines)) if TEASER_HEADING.match(lines[i].text)), None)
    if heading is None:
        return []
    teasers: list[RelatedPost] = []
    i = heading + 1
    while i < len(lines) and len(teasers) < 20:
        line = lines[i]
        if line.chrome or line.end or _is_legal_or_cookie(line.text) or len(line.text) > 250:
            break
        if _is_meta(line.text) or len(line.text) < 10:
            i += 1
            continue
        snippet = ""
        after = i + 1
        while after < len(lines) and _is_meta(lines[after].text):
            after += 1
        if after < len(lines) and lines[after].good and len(lines[after].text) > len(line.text):
            snippet = lines[after].text
            i = after
        teasers.append(RelatedPost(title=line.text, snippet=snippet))
        i += 1
    return teasers
