"""The article text with its facts highlighted, built from offsets into the text.

Scraped text is hostile, so the HTML is assembled here piece by piece: every piece of
text and every attribute value goes through ``markupsafe.escape``, and links point
only to our own pages.  Names and mentions (actors, places, event triggers) are marks
that never overlap, shown like spaCy's displaCy (a coloured box with its label);
quotes and event sentences are longer ranges that may contain marks, shown as
underlines that are split wherever a mark or another range begins or ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# displaCy's palette, by our actor types.
ENTITY_LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "country": "COUNTRY",
    "armed_group": "ARMED",
    "igo": "IGO",
    "media": "MEDIA",
    "group": "GROUP",
    "place": "PLACE",
    "event": "EVENT",
}


@dataclass
class Mark:
    """A name in the text: an actor, a place, or the trigger word of an event."""

    start: int
    end: int
    kind: str  # a key of ENTITY_LABELS
    title: str  # what the mark stands for (shown on hover)
    href: str | None = None  # our own page for it
    label: str | None = None  # overrides the kind's label (e.g. an event's PLOVER type)


@dataclass
class Range:
    """A longer span: a quote (with its speaker) or the sentence that states an event."""

    start: int
    end: int
    kind: str  # "quote", "event" or "theme"
    title: str
    caption: str | None = None  # shown after the range: the speaker of a quote
    anchor: str | None = None  # an id at the range's start, so a link can point at it
    back: str | None = None  # our own link shown after the range (an event's row in the side panel)
    back_label: str = "↩"


def highlight(text: str, paragraphs: list[tuple[int, int]], marks: list[Mark], ranges: list[Range]) -> Markup:
    """The text as escaped HTML paragraphs with the marks and ranges highlighted."""
    chosen = _without_overlaps(marks)
    html = []
    for p_start, p_end in paragraphs or [(0, len(text))]:
        inside = [m for m in chosen if m.start >= p_start and m.end <= p_end]
        spans = [r for r in ranges if r.start < p_end and r.end > p_start]
        html.append(Markup("<p>") + _paragraph(text, p_start, p_end, inside, spans) + Markup("</p>\n"))
    return Markup("").join(html)


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """Marks left to right, the longer one first where two begin together; any overlapping later one is dropped."""
    chosen: list[Mark] = []
    end = -1
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start >= end and mark.end > mark.start:
            chosen.append(mark)
            end = mark.end
    return chosen


def _paragraph(text: str, p_start: int, p_end: int, marks: list[Mark], ranges: list[Range]) -> Markup:
    by_start = {m.start: m for m in marks}
    cuts = {p_start, p_end}
    for m in marks:
        cuts.update((m.start, m.end))
    for r in ranges:
        cuts.update(_snap(pos, marks) for pos in (r.start, r.end) if p_start < pos < p_end)
    points = sorted(cuts)
    out = []
    for start, end in zip(points, points[1:]):
        covering = [r for r in ranges if _snap(r.start, marks) <= start and _snap(r.end, marks) >= end]
        classes = " ".join(sorted({f"hl-{r.kind}" for r in covering}))
        titles = "; ".join(r.title for r in covering)
        for r in ranges:
            if r.anchor and _snap(r.start, marks) == start and p_start <= r.start:
                out.append(Markup('<span class="anchor" id="{}"></span>').format(r.anchor))
        mark = by_start.get(start)
        if mark is not None and mark.end == end:
            out.append(_mark(text[start:end], mark, classes))
        elif classes:
            out.append(Markup('<span class="{}" title="{}">{}</span>').format(classes, titles, text[start:end]))
        else:
            out.append(escape(text[start:end]))
        for r in covering:
            if r.caption and _snap(r.end, marks) == end:
                out.append(Markup('<span class="quote-speaker">— {}</span>').format(r.caption))
            if r.back and _snap(r.end, marks) == end:
                out.append(Markup('<a class="back-link" href="{}" title="{}">{}</a>').format(r.back, r.title, r.back_label))
    return Markup("").join(out)


def _snap(position: int, marks: list[Mark]) -> int:
    """A range boundary inside a mark moves to the mark's start, so no mark is cut in two."""
    for m in marks:
        if m.start < position < m.end:
            return m.start
    return position


def _mark(piece: str, mark: Mark, classes: str) -> Markup:
    label = mark.label or ENTITY_LABELS.get(mark.kind, mark.kind.upper())
    css = f"ent ent-{mark.kind}" + (f" {classes}" if classes else "")
    tag = "a" if mark.href else "mark"
    href = Markup(' href="{}"').format(mark.href) if mark.href else Markup("")
    return Markup('<{tag} class="{css}"{href} title="{title}">{piece}<span class="ent-label">{label}</span></{tag}>').format(
        tag=Markup(tag), css=css, href=href, title=mark.title, piece=piece, label=label
    )
