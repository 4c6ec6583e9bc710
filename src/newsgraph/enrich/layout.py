"""Where an article's text is not the story: datelines, bylines and page clutter.

"HANOI, Vietnam (AP) — U.S. Defense Secretary ..." opens with a dateline: the place it was filed
from and the agency, not an actor of the story nor the place of its events. "By Jane Doe",
"Reporting by ...", "Photo: ..." lines name the people who wrote or photographed it. The mention
layer (actors), places, quotes and events all ask this module, so every component treats them
the same way. Pure functions of the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

Span = tuple[int, int]

# "HANOI, Vietnam (AP) —", "LONDON (Reuters) -", "WASHINGTON —", "SEVERN, Md. (ABC7) —",
# "Hanoi (VNA) –", "Moscow, SANA-", "(CNN)", "NEW DELHI:".
_DATELINE = re.compile(
    r"""^[ \t]*(?:
        (?:[A-Z][A-Z.'’\- ]{1,40}|[A-Z][\w.'’\- ]{1,30}(?=\s*[,(]))      # the place: in capitals, or followed by , or (
        (?:,[ \t]*[A-Z][\w.'’\- ]{1,30}){0,2}                            # ", Vietnam", ", Md."
        (?:[ \t]*\([\w.&'’\- ]{1,30}\))?                                  # "(AP)"
        [ \t]*(?:,[ \t]*[A-Z]{2,10}[ \t]*)?                               # ", SANA"
        (?:[-–—:]{1,2})
      | \([A-Z][\w.&' ]{1,25}\)                                          # "(CNN)" alone
    )[ \t]*""",
    re.VERBOSE,
)
_BYLINE = re.compile(
    r"^[ \t]*\(?(?:(?:By|BY|Reporting by|Additional reporting by|Editing by|Writing by|Written by|Compiled by|"
    r"Posted by|Published by|Photo(?:graph)?s? by)\b|(?:Photo(?:graph)?s?(?: credit)?|Image(?: credit)?|Credit|Source):)[^\n]*",
)
# Links and prompts the page puts between paragraphs ("More: ...", "READ MORE: ...", "Related: ...").
_CLUTTER = re.compile(
    r"^[ \t]*(?:(?:More|Read more|READ MORE|Related|RELATED|See also|Also read|ALSO READ|Watch|WATCH|Listen|"
    r"LISTEN|Recommended|Trending|Most read|Share this)[ \t]*[:|—–]"
    r"|(?:Read more|READ MORE|Click here|Sign up|Subscribe|Follow us|Advertisement|ADVERTISEMENT)\b)[^\n]*")
_AGENCY_LINE = re.compile(r"^[ \t]*[-–—(]?[ \t]*(?:AP|AFP|Reuters|dpa|Xinhua|Anadolu|UPI)[ \t]*\)?[ \t]*$", re.MULTILINE)


@lru_cache(maxsize=64)
def furniture(text: str) -> tuple[Span, ...]:
    """Spans of datelines (at the start of the article's first lines), byline/credit lines and
    page clutter between paragraphs (links to other stories, prompts)."""
    return tuple(sorted(span for span, _kind in _spans(text)))


def datelines(text: str) -> tuple[Span, ...]:
    """The datelines alone ("HANOI, Vietnam (AP) — ", "(CNN) ")."""
    return tuple(sorted(span for span, kind in _spans(text) if kind == "dateline"))


@lru_cache(maxsize=64)
def other_stories(text: str) -> tuple[Span, ...]:
    """The furniture about other stories: links and prompts ("READ MORE: ...") and the headlines of
    other stories between paragraphs. Unlike a dateline or a byline's "in New York" (where the story
    was filed), nothing in them is about this story."""
    return tuple(sorted(span for span, kind in _spans(text) if kind in ("clutter", "teaser")))


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[Span, str], ...]:
    """Each piece of furniture with its kind: dateline, clutter, teaser, byline or credit."""
    spans: list[tuple[Span, str]] = []
    pos = 0
    seen_text = False
    for n, line in enumerate(text.split("\n")):
        if line.strip():
            if n < 12 or pos < 600:
                m = _DATELINE.match(line)
                # "NEW DELHI:" only opening the article; "HOST:" further down is a transcript's speaker
                colon = m is not None and m.group(0).rstrip().endswith(":") and "(" not in m.group(0)
                if m and m.end() < len(line) and 3 <= m.end() - (len(line) - len(line.lstrip())) <= 80 \
                        and not (colon and seen_text):
                    spans.append(((pos, pos + m.end()), "dateline"))
            seen_text = True
            c = _CLUTTER.match(line)
            if c and (len(line) < 200 or ":" in line[:15]):
                spans.append(((pos, pos + len(line)), "clutter"))
                pos += len(line) + 1
                continue
            if n > 1 and _is_teaser(line):
                spans.append(((pos, pos + len(line)), "teaser"))
                pos += len(line) + 1
                continue
            b = _BYLINE.match(line)
            if b and len(line) < 160:
                stop = line.find(". ", b.start() + 4)  # "Photo credit: Bayo Omiboriowo. President Buhari ..."
                spans.append(((pos, pos + (stop + 1 if stop > 0 else len(line))), "byline"))
        pos += len(line) + 1
    spans.extend(((m.start(), m.end()), "credit") for m in _AGENCY_LINE.finditer(text))
    return tuple(spans)


_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or over the to up with vs via".split())


def _is_teaser(line: str) -> bool:
    """A line in title case with no sentence end, standing between paragraphs: the headline of
    another story linked from this one ("Man Shot at Dallas Gas Station Dies at Hospital")."""
    words = line.split()
    if not 4 <= len(words) <= 16 or line.rstrip().endswith((".", "!", "?", ":", ",", ";", "”", '"')) \
            or ";" in line or line.lstrip().startswith("("):
        return False  # "(Reporting by Jon Doe in New York; Editing by ...)" is a credit, not a headline
    significant = [w for w in words if w.lower().strip("'‘’\"“”()") not in _SMALL_WORDS]
    if len(significant) < 3:
        return False
    capital = sum(1 for w in significant if w.lstrip("'‘’\"“”(")[:1].isupper() or w[:1].isdigit())
    return capital == len(significant) and not line.isupper()


_SENTENCE_END = (".", "!", "?", "”", '"', ":")


@lru_cache(maxsize=64)
def headline_end(text: str) -> int:
    """End of the headline the text opens with (and of its deck, the line under it), else 0.

    A first line without a sentence end and of at most 20 words is a headline ("Lawmaker urges
    retaliation on Russia"); so is a short one-sentence paragraph standing alone above a longer
    story ("Father arrested after ..., reports say."), which a lede of a wire story rarely is (it
    runs longer and opens with a dateline). A second line under a headline, before the first blank
    line and of at most 30 words, is its deck ("Member of House panel says ...")."""
    first, sep, rest = text.partition("\n")
    words = first.split()
    if not sep or not words or not rest.strip():
        return 0
    ends_sentence = first.rstrip().endswith(_SENTENCE_END)
    if not ends_sentence and len(words) <= 20:
        end = len(first)
        second, sep2, after = rest.partition("\n")
        if second.strip() and sep2 and not after.strip("\n ").startswith(second.strip()) and after.startswith("\n") \
                and len(second.split()) <= 30:
            end += 1 + len(second)
        return end
    standalone = rest.startswith("\n") or rest.startswith("\r\n")
    if ends_sentence and standalone and len(words) <= 15 and len(rest) > 5 * len(first) and not _DATELINE.match(first) \
            and first.rstrip()[-1] == "." and first.count(". ") == 0:
        return len(first)
    return 0


def inside(spans: tuple[Span, ...], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the spans."""
    return any(s < end and start < e for s, e in spans)
