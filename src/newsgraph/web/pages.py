"""The browser pages: server-rendered, small, no page needs the internet.

Pages render everything they can on the server (lists, the highlighted article); the
charts, the network and the map are drawn by our own scripts in static/ from the JSON
API, with the filters of the page's address.  Jinja2 escapes every value; two pieces of
HTML are built in Python, escaping each value: the article text (highlight.py) and the rows
of an events table (event_rows.py, 50 rows a page, cheaper there than through Jinja).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote_plus

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsgraph.confidence import thresholds
from newsgraph.enrich.themes import theme_ids
from newsgraph.store.read import Filters
from newsgraph.web.api import article_view
from newsgraph.web.common import Id, MinConfidence, Order, Sort, Stores, filter_params, not_modified, tagged
from newsgraph.web.event_rows import event_rows
from newsgraph.web.highlight import Mark, Range, highlight

PAGE_SIZE = 20
EVENTS_PAGE_SIZE = 50
FACET_SIZE = 10  # values per facet; "more" shows up to FACET_MORE of one
FACET_MORE = 100
# The PLOVER types newsgraph assigns, each with its colour class (.ev-TYPE in style.css) everywhere.
PLOVER_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
                "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
_ENTITY_KINDS = {"person", "organization", "country", "armed_group", "igo", "media", "group"}
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# Each template is compiled once; without this Jinja stats every file a page uses (the page, base, the
# filters, the table's macros) on every request to see whether it changed.
templates.env.auto_reload = False


_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote_plus leaves as it is


def _quoted(value: object) -> str:
    text = str(value)
    return text if _PLAIN.fullmatch(text) else quote_plus(text)


def _query(f: Filters, **change) -> str:
    """The page's filters as a query string, with some changed (None removes one): urlencode's text, the
    plain values (a type, a country, a date, a number: most) not passed through quote_plus (a page writes
    ~11 of these links)."""
    params = {**f.active(), **change}
    return "&".join(f"{_quoted(k)}={_quoted(v)}" for k, v in params.items() if v is not None)


def _web_url(url: str | None) -> str | None:
    """An address we may link to: http(s) only, never javascript: or data:."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _sentence_parts(sentence: str, trigger: list[int] | None) -> list[tuple[str, bool]]:
    """The sentence as (text, is_trigger) pieces, for a template to mark and escape."""
    if not trigger:
        return [(sentence, False)]
    start, end = trigger
    return [(p, i == 1) for i, p in enumerate((sentence[:start], sentence[start:end], sentence[end:])) if p]


def _alert_command(f: Filters, labels: dict[str, str], on: str = "events") -> str:
    """The `newsgraph alerts add` command that makes this selection a rule (the same fields as POST /api/alerts)."""
    import shlex

    words = ["newsgraph", "alerts", "add", "NAME"] + (["--on", on] if on != "events" else [])
    for option, value in (("--query", f.q), ("--actor", labels.get("actor")), ("--country", f.country),
                          ("--event-type", f.event_type if on == "events" else None), ("--theme", f.theme),
                          ("--status", f.event_status if on == "events" else None),
                          ("--min-confidence", f.min_confidence)):
        if value not in (None, ""):
            words += [option, shlex.quote(str(value))]
    return " ".join(words) + " --webhook URL"


@lru_cache(maxsize=1)
def _theme_ids() -> tuple[str, ...]:
    """The themes a filter offers: the lexicon's, read from the package's data once (0.5 ms a call)."""
    return theme_ids()


@lru_cache(maxsize=2)
def _choices(name: str) -> dict[str, str]:
    """The choices of a filter's <select> (event_type or theme): value -> label, in order."""
    if name == "event_type":
        return {t: t.lower() for t in PLOVER_TYPES}
    return {t: t.replace("_", " ").lower() for t in _theme_ids()}


@lru_cache(maxsize=128)
def _options(name: str, selected: str | None):
    return templates.env.get_template("_options.html").module.options(_choices(name).items(), selected)  # type: ignore[attr-defined]


def select_options(name: str, selected: str | None):
    """A filter's <option>s with `selected` chosen, written once per choice: they do not change while the
    process runs (the filter form is on every page; its 61 themes and 16 types cost ~0.8 ms a page)."""
    return _options(name, selected if selected in _choices(name) else None)


templates.env.globals.update(query=_query, web_url=_web_url, thresholds=thresholds, plover_types=PLOVER_TYPES,
                             theme_ids=_theme_ids, select_options=select_options, sentence_parts=_sentence_parts,
                             alert_command=_alert_command,
                             event_rows=lambda items, base=None: event_rows(templates.env, items, base))


def build_router(stores: Stores) -> APIRouter:
    pages = APIRouter(default_response_class=HTMLResponse)
    store = stores.get

    def render(request: Request, template: str, **context):
        return templates.TemplateResponse(request, template, context)

    @pages.get("/", include_in_schema=False)
    def search(request: Request, f: Filters = Depends(filter_params), offset: int = Query(0, ge=0, le=100_000),
               more: str | None = Query(None, pattern="^(site|actor|place|event_type|theme)$",
                                        description="a facet to show more values of")):
        s = store()
        if f.q:
            page = s.search_page(f, PAGE_SIZE, offset)
        else:
            page = s.articles_page(f, PAGE_SIZE, offset)
        return render(request, "search.html", f=f, q=f.q or "", page=page, facets=s.facets(f, FACET_SIZE, more),
                      has_events=s.has_table("events"), labels=s.filter_labels(f), more=more, facet_size=FACET_SIZE)

    @pages.get("/articles/{article_id}", include_in_schema=False)
    def article(request: Request, article_id: Id, min_confidence: MinConfidence = None):
        data = article_view(store(), article_id, min_confidence)
        if data is None:
            raise HTTPException(404, f"article {article_id} not found")
        return render(request, "article.html", a=data, body=_highlighted(data), q="")

    @pages.get("/actors", include_in_schema=False)
    def actors(request: Request, f: Filters = Depends(filter_params), offset: int = Query(0, ge=0, le=100_000),
               name: str | None = Query(None, max_length=200), type: str | None = Query(None, max_length=40)):
        s = store()
        page = s.actors_page(f, 50, offset, type or None, name)
        return render(request, "actors.html", f=f, page=page, name=name or "", type=type or "", q="",
                      types=sorted(_ENTITY_KINDS), labels=s.filter_labels(f))

    @pages.get("/actors/{actor_id}", include_in_schema=False)
    def actor(request: Request, actor_id: Id):
        s = store()
        found = s.actor(actor_id)
        if found is None:
            raise HTTPException(404, f"actor {actor_id} not found")
        f = Filters(speaker=actor_id)
        return render(request, "actor.html", actor=found, quotes=s.quotes_page(f, 30, 0),
                      articles=s.articles_page(Filters(actor=actor_id), 20, 0),
                      places=s.actor_places(actor_id), events=s.events_page(Filters(actor=actor_id), 20, 0), q="")

    @pages.get("/places/{place_id}", include_in_schema=False)
    def place(request: Request, place_id: Id):
        s = store()
        found = s.place(place_id)
        if found is None:
            raise HTTPException(404, f"place {place_id} not found")
        return render(request, "place.html", place=found, articles=s.articles_page(Filters(place=place_id), 30, 0),
                      events=s.events_page(Filters(place=place_id), 30, 0), q="")

    @pages.get("/events", include_in_schema=False)
    def events(request: Request, f: Filters = Depends(filter_params), offset: int = Query(0, ge=0, le=1_000_000),
               sort: Sort = "date", order: Order = "desc",
               actor_name: str | None = Query(None, max_length=200, description="an actor's name, or part of it")):
        tag = stores.etag(request)
        if (unchanged := not_modified(request, tag)) is not None:
            return unchanged
        s = store()
        named = (actor_name or "").strip()
        matches = _actor_matches(s, named) if named and f.actor is None else []
        if len(matches) == 1:  # the one actor so named: the table narrows to it
            f.actor, matches = matches[0]["id"], []
        page = s.events_page(f, EVENTS_PAGE_SIZE, offset, sort, order == "desc")
        return tagged(render(request, "events.html", f=f, q=f.q or "", page=page, sort=sort, order=order,
                             hidden=s.hidden_events(f),
                             labels=s.filter_labels(f), has_events=s.has_table("events"),
                             actor_name=named if f.actor is None else "", actor_matches=matches), tag)

    @pages.get("/events/{event_id}", include_in_schema=False)
    def event(request: Request, event_id: Id):
        tag = stores.etag(request)
        if (unchanged := not_modified(request, tag)) is not None:
            return unchanged
        found = store().event(event_id)
        if found is None:
            raise HTTPException(404, f"event {event_id} not found")
        return tagged(render(request, "event.html", d=found, e=found["event"], q=""), tag)

    @pages.get("/clusters", include_in_schema=False)
    def clusters(request: Request, f: Filters = Depends(filter_params), offset: int = Query(0, ge=0, le=100_000)):
        s = store()
        return render(request, "clusters.html", f=f, q=f.q or "", page=s.clusters_page(f, 20, offset),
                      labels=s.filter_labels(f))

    @pages.get("/map", include_in_schema=False)
    def world_map(request: Request, f: Filters = Depends(filter_params)):
        s = store()
        return render(request, "map.html", f=f, q=f.q or "", has_events=s.has_table("events"), labels=s.filter_labels(f))

    @pages.get("/timeline", include_in_schema=False)
    def timeline(request: Request, f: Filters = Depends(filter_params),
                 interval: str = Query("week", pattern="^(day|week|month)$")):
        s = store()
        return render(request, "timeline.html", f=f, q=f.q or "", has_events=s.has_table("events"),
                      labels=s.filter_labels(f), interval=interval)

    return pages


ACTOR_MATCHES = 12  # actors a typed name lists when it names several


def _actor_matches(store, name: str) -> list[dict]:
    """The actors a typed name means: the one whose name it is (in any case), else those whose name
    contains it, most reported first (one: the table narrows to it; several: the page lists them)."""
    found = store.actors_page(Filters(), ACTOR_MATCHES, 0, None, name).items
    exact = [a for a in found if a["name"].casefold() == name.casefold()]
    return exact[:1] if len(exact) == 1 else found


def _highlighted(data: dict):
    """The article's text with actors, places, quotes (with speakers), events and the words of its themes marked."""
    marks: list[Mark] = []
    ranges: list[Range] = []
    for e in data["entities"]:
        href = f"/actors/{e['id']}" if e.get("id") else None
        title = e["name"] + (f" ({e['role']})" if e.get("role") else "")
        marks += [Mark(s, t, e["type"] if e["type"] in _ENTITY_KINDS else "organization", title, href) for s, t in e["mentions"]]
    for p in data["places"]:
        href = f"/places/{p['id']}" if p.get("id") else None
        title = p["name"] + (f", {p['country']}" if p.get("country") else "")
        marks += [Mark(s, t, "place", title, href) for s, t in p["mentions"]]
    for q in data["quotes"]:
        speaker = q.get("speaker") or "unknown speaker"
        ranges.append(Range(q["start"], q["end"], "quote", f"Quote ({q.get('kind')}) from {speaker}", speaker))
    for ev in data["events"]:
        kind = f"Event: {ev['type']}" + (f" ({ev['mode']})" if ev.get("mode") else "")
        if ev.get("status") not in (None, "asserted"):
            kind += f", {ev['status']}"
        report = ev.get("report_id")
        ranges.append(Range(ev["start"], ev["end"], "event", kind, anchor=f"report-{report}" if report else None,
                            back=f"#event-row-{report}" if report else None))
        if ev.get("trigger"):
            marks.append(Mark(ev["trigger"][0], ev["trigger"][1], "event", kind, None, ev["type"].upper()))
    for t in data.get("themes") or []:
        name = t["theme"].replace("_", " ").lower()
        ranges += [Range(s, e, "theme", f"Theme: {name}") for s, e in t["evidence"]]
    paragraphs = [(p["start"], p["end"]) for p in data["paragraphs"]]
    return highlight(data["text"], paragraphs, marks, ranges)

