"""The rows of an events table (the events page, an actor's and a place's), as HTML.

A page of the events table shows 50 events of ~25 values each; written by Jinja each value costs an
autoescape call, a Markup object and a lookup (a page's rows took 1.4-1.8 ms, a quarter of the page's
CPU), so they are written here, like the article text in highlight.py: every value taken from an event
(names, words as written, the sentence, the type and mode) is escaped as ``markupsafe.escape`` does, ids and
counts too unless they are integers; the rest is constant markup.  The table's head and frame stay in
templates/_events.html, which calls ``event_rows``; the rows are the ones that template wrote before
(the same markup, byte for byte).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import Environment
from jinja2.filters import do_truncate
from markupsafe import Markup, escape

try:  # the C function markupsafe.escape wraps: the same five characters replaced, without a Markup per value
    from markupsafe import _escape_inner as _escape_text
except ImportError:  # pragma: no cover - another markupsafe: its escape
    def _escape_text(text: str, /) -> str:
        return str(escape(text))

SENTENCE_SHOWN = 260  # characters of an event's first sentence (Jinja's truncate: whole words, then "...")

_REPORTED = ' <span class="meta" title="the text gives no date: the day its first report was published">(reported)</span>'
_AREA = {"country": ' <span class="meta" title="located only as the whole country">(country)</span>',
         "admin1": ' <span class="meta" title="located only as a province or state">(region)</span>'}


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _e(value: Any) -> str:
    """A value as HTML text, escaped as markupsafe.escape does it (a page's rows escape ~400 values: its
    wrapper and the Markup it makes cost ~1 us each, a tenth of the page's rows)."""
    return _escape_text(value) if type(value) is str else str(escape(value))


def _n(value: Any) -> str:
    """An id or a count: digits need no escaping (anything else is escaped)."""
    return str(value) if type(value) is int else _e(value)


def event_rows(env: Environment, items: Iterable[dict[str, Any]], base: str | None = None) -> Markup:
    """Two table rows per event (its fields, then its first report's sentence), or one saying there are none.

    base: the page's filters as a query string (without actor, actor_role, place and offset): names then
    narrow the table (with a link to their own page beside them); None: names link to their own pages."""
    narrow = base is not None
    head = _e("/events?" + (base + "&" if base else ""))
    out: list[str] = []
    add = out.append
    for e in items:
        eid = _n(e["id"])
        modality = e["modality"]
        happened = modality == "happened"
        add(f'<tr class="event-row{"" if happened else " not-happened"}" data-event="{eid}">\n<td class="nowrap">'
            f'{_e(e["date"] or "")}{_REPORTED if e["date_from_report"] else ""}</td>\n')
        kind = _e(e["type"])
        add(f'<td><span class="ev-type ev-{kind}"><i class="ev-swatch" aria-hidden="true"></i>{kind}</span>')
        if e["mode"]:
            add(f' <span class="meta">{_e(e["mode"])}</span>')
        if not happened:
            status = _e(modality)
            add(f' <span class="status status-{status}">{status}</span>')
        add("</td>\n")
        for actor, name, words, role in ((e["actor1_id"], e["actor1_name"], e["actor1_text"], "source"),
                                         (e["actor2_id"], e["actor2_name"], e["actor2_text"], "target")):
            if actor and narrow:
                aid, label = _n(actor), _e(name)
                add(f'<td><a href="{head}actor={aid}&amp;actor_role={role}" title="events with it as {role}">{label}</a> '
                    f'<a class="meta" href="/actors/{aid}" aria-label="{label}: its page">↗</a></td>')
            elif actor:
                add(f'<td><a href="/actors/{_n(actor)}">{_e(name)}</a></td>')
            elif words:
                add(f'<td><span class="as-written" title="as the text names it (no known actor)">“{_e(words)}”</span></td>')
            else:
                add('<td><span class="meta">—</span></td>')
        add("\n<td>")
        if e["place_id"]:
            place = _n(e["place_id"])
            add(f'<a href="{head}place={place}">' if narrow else f'<a href="/places/{place}">')
            add(f'{_e(e["place_name"])}</a>{_AREA.get(e["place_area"], "")}')
        elif e["place_country"]:
            add(_e(e["place_country"]))
        reports, articles, sources = e["reports"], e["articles"], e["sources"]
        add(f'</td>\n<td><span title="{_n(reports)} report{_s(reports)} in {_n(articles)} article{_s(articles)}">'
            f'{_n(sources)} source{_s(sources)}</span>')
        if articles > sources:
            add(f' <span class="meta">({_n(articles)} articles)</span>')
        add("</td>\n<td>")
        if e["confidence"] is not None:
            add(f"{e['confidence']:.2f}")
        add(f'</td>\n<td><a href="/events/{eid}" aria-label="event {eid}: its reports">details</a></td></tr>\n')
        if e["sentence"]:
            add(f'<tr class="event-sentence"><td colspan="8">{_e(do_truncate(env, e["sentence"], SENTENCE_SHOWN))}</td></tr>')
        add("\n")
    if not out:
        return Markup('<tr><td colspan="8" class="meta">No events for these filters.</td></tr>')
    return Markup("".join(out))
