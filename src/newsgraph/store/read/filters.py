"""The one query builder of the read side: which articles a ``Filters`` selects, as SQL conditions.

Every list, count, facet and map layer starts from ``article_where`` and adds its own conditions
through ``Where``, so a filter, a confidence floor or an event status means the same thing in
every query.  Pagination is by offset over a total order (every ORDER BY ends with a unique id),
so pages are stable while the database does not change, and each list comes with its total.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from newsgraph import confidence
from newsgraph.errors import NewsgraphError

NO_EVENTS = "this database has no events tables (the events stage has not run on it)"
NO_REUSE = "this database has no provenance tables (the reuse stage has not run on it)"

INTERVALS = ("day", "week", "month")
EVENT_STATUSES = ("happened", "negated", "hypothetical", "all")
ACTOR_ROLES = ("either", "source", "target")
_PERIOD_SQL = {
    "day": "substr({col}, 1, 10)",
    "week": "date(substr({col}, 1, 10), 'weekday 0', '-6 days')",  # the Monday of the week
    "month": "substr({col}, 1, 7)",
}


# The most terms one full-text query may have, and the most terms inside one NEAR group.  FTS5 matches a
# NEAR group in time that grows with the square of its terms (times their positions in every matching
# article), inside steps the time limit cannot interrupt: a NEAR of 247 one-letter words cost 6 s of CPU.
MAX_QUERY_TERMS = 64
MAX_NEAR_PHRASES = 10
_NEAR_GROUP = re.compile(r"\bNEAR\s*\(([^)]*)\)")
_NEAR_DISTANCE = re.compile(r",\s*\d+\s*(\)|$)")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


class QueryError(NewsgraphError, ValueError):
    """A filter or parameter the store cannot use: "name: why" (the parameter is the error's origin)."""

    def __init__(self, message: str):
        origin, sep, reason = message.partition(": ")
        super().__init__(origin, reason) if sep else super().__init__("query", message)


@dataclass
class Filters:
    """Which articles a list is about; every field left None means 'any'."""

    q: str | None = None  # full-text query (FTS5 syntax, or plain words)
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None  # YYYY-MM-DD, inclusive
    site: str | None = None
    language: str | None = None
    actor: int | None = None  # actor id: articles that mention it
    place: int | None = None  # place id: articles that mention it
    country: str | None = None  # ISO 3166 alpha-2: articles that mention a place in it
    event_type: str | None = None  # PLOVER type (any case)
    event_mode: str | None = None
    speaker: int | None = None  # actor id: articles quoting it
    copy_class: str | None = None  # provenance class of the article (original, copy, ...)
    theme: str | None = None  # a theme id of docs/themes.md (any case): articles about it, events they report
    # Facts shown: at or above this confidence (None: each kind's threshold, newsgraph.confidence; 0: every fact).
    min_confidence: float | None = None
    # Events shown: "happened" (None: asserted or reported), "negated", "hypothetical" or "all".
    event_status: str | None = None
    # Events only (event_where): the actor above as their source ("source"), target ("target") or either (None).
    actor_role: str | None = None
    # Articles stored after the article of this id (ids grow as articles are stored): what a watch cycle added.
    stored_after: int | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise QueryError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(f"date_from {self.date_from} is after date_to {self.date_to}")
        if self.country is not None and not re.fullmatch(r"[A-Za-z]{2}", self.country):
            raise QueryError(f"country: {self.country!r} is not an ISO 3166 alpha-2 code")
        if self.country:
            self.country = self.country.upper()
        if self.q is not None and not self.q.strip():
            self.q = None
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise QueryError(f"min_confidence: {self.min_confidence} is not between 0 and 1")
        if self.event_status not in (None, *EVENT_STATUSES):
            raise QueryError(f"event_status: {self.event_status!r} is not one of {', '.join(EVENT_STATUSES)}")
        if self.event_type:
            self.event_type = self.event_type.strip().upper()
        if self.theme is not None:
            self.theme = self.theme.strip().upper() or None
            if self.theme is not None and not re.fullmatch(r"[A-Z][A-Z_]{1,40}", self.theme):
                raise QueryError(f"theme: {self.theme!r} is not a theme id (such as ARMED_CONFLICT; docs/themes.md)")
        if self.actor_role not in (None, *ACTOR_ROLES):
            raise QueryError(f"actor_role: {self.actor_role!r} is not one of {', '.join(ACTOR_ROLES)}")
        if self.actor_role == "either":
            self.actor_role = None

        if self.q is not None:
            check_query_cost(self.q)

    def floor(self, kind: str) -> float:
        """The confidence a fact of this kind (actors, places, quotes, citations, events) needs to be listed."""
        return confidence.floor(kind, self.min_confidence)

    def active(self) -> dict[str, Any]:
        """The filters set, by name (a page's links ask this a dozen times: the names are listed once)."""
        return {name: value for name in _FILTER_NAMES if (value := getattr(self, name)) is not None}

    def without(self, *names: str) -> Filters:
        """The same filters with these fields left to 'any' (a list that applies them to its own rows)."""
        return Filters(**{**self.active(), **dict.fromkeys(names)})


_FILTER_NAMES = tuple(f.name for f in fields(Filters))


@dataclass
class Page:
    """One page of a list, with the total the filters select."""

    items: list[dict[str, Any]]  # one per row, by column name
    total: int
    limit: int
    offset: int
    missing: str | None = None  # why the list is empty by necessity (a stage's tables are not in this file)
    capped: bool = False  # total is a lower bound (the search's count cap)
    window: int = 0  # ranked among this many most recently stored matches only (0: among all of them)

    @property
    def windowed(self) -> bool:
        return self.window > 0

    @property
    def window_note(self) -> str:
        return (f"more than {self.window:,} matches: ranked among the {self.window:,} most recently stored; "
                "add words or filters to narrow it")

    def to_dict(self) -> dict[str, Any]:
        following = self.offset + self.limit
        out: dict[str, Any] = {"total": self.total, "limit": self.limit, "offset": self.offset,
               "next_offset": following if following < self.total else None, "items": self.items}
        if self.capped:
            out["total_is_lower_bound"] = True
        if self.windowed:
            out["note"] = self.window_note
        if self.missing:
            out["note"] = self.missing
        return out


@dataclass
class Where:
    """SQL conditions joined by AND with their parameters, in step, and why nothing can match."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    missing: str | None = None

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1"

    def __bool__(self) -> bool:  # does it select anything less than everything?
        return bool(self.clauses)

    def add(self, clause: str, *params: Any) -> Where:
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def extend(self, other: Where) -> Where:
        """These conditions and the other's."""
        self.clauses.extend(other.clauses)
        self.params.extend(other.params)
        self.missing = self.missing or other.missing
        return self

    def within(self, column: str, selection: Where, rows: str = "SELECT a.id FROM articles a") -> Where:
        """`column IN (rows WHERE selection)` when the selection is not everything; `rows` names `articles a`."""
        if selection:
            self.add(f"{column} IN ({rows} WHERE {selection.sql})", *selection.params)
        self.missing = self.missing or selection.missing
        return self


def confident(f: Filters, kind: str, alias: str) -> Where:
    """The facts of this kind (rows of `alias`) at or above the floor the filters ask for."""
    return Where().add(f"coalesce({alias}.confidence, 1) >= ?", f.floor(kind))


def containing(words: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for names containing the words, wildcards in them taken literally."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", words) + "%"


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the database has the table (or view); a server's connection remembers those it found
    (``connection.ReadConnection``: a table is not dropped under a server, and each statement is a
    hand-over of the interpreter's lock that a busy server's threads queue for)."""
    found = getattr(conn, "tables", None)
    if found is not None and name in found:
        return True
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)).fetchone() is not None
    if exists and found is not None:
        found.add(name)
    return exists


def has_events(conn: sqlite3.Connection) -> bool:
    return table_exists(conn, "events") and table_exists(conn, "event_reports")


def _terms(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query) if w not in _OPERATORS]


def check_query_cost(query: str) -> None:
    """Refuse a full-text query whose cost has no useful bound (QueryError, before any of it runs)."""
    for group in _NEAR_GROUP.findall(query):
        n = len(_terms(_NEAR_DISTANCE.sub("", group)))
        if n > MAX_NEAR_PHRASES:
            raise QueryError(f"q: a NEAR group of {n} terms is more than one query may hold ({MAX_NEAR_PHRASES}); "
                             "search for fewer words near each other")
    n = len(_terms(_NEAR_DISTANCE.sub(r"\1", query)))
    if n > MAX_QUERY_TERMS:
        raise QueryError(f"q: {n} terms are more than one query may have ({MAX_QUERY_TERMS}); search for fewer words")


def check_fts_syntax(conn: sqlite3.Connection, query: str) -> None:
    """A QueryError naming FTS5's complaint when it cannot read the query as written (the lists read
    such a query as its plain words instead, ``fts_query``; the CLI's search says so)."""
    check_query_cost(query)  # before FTS5 reads it: some queries cost more than any time limit stops
    try:
        conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)).fetchall()
    except sqlite3.OperationalError as exc:
        if str(exc) == "interrupted":  # the time limit, not the syntax
            raise
        raise QueryError(f"q: {query!r} is not a full-text query FTS5 can read ({exc}); "
                         'put "double quotes" around words to search for them as written') from None


def fts_query(conn: sqlite3.Connection, query: str) -> str:
    """The query as FTS5 understands it: as written when valid, else its plain words."""
    try:
        conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)).fetchall()
        return query
    except sqlite3.OperationalError as exc:
        if str(exc) == "interrupted":  # the time limit, not the syntax
            raise
        words = re.findall(r"\w+", query)
        return " ".join(f'"{w}"' for w in words) or '""'


def full_date(column: str) -> str:
    """SQL: the value is a date to the day (YYYY-MM-DD...), not a year or a month."""
    return f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'"


def period(interval: str, column: str) -> str:
    """SQL for the period a date falls in; NULL unless the date is a full YYYY-MM-DD (a year or month is too vague)."""
    if interval not in INTERVALS:
        raise QueryError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    return _PERIOD_SQL[interval].format(col=f"CASE WHEN {full_date(column)} THEN {column} END")


# -- the article set ----------------------------------------------------------------------


def article_where(conn: sqlite3.Connection, f: Filters, alias: str = "a") -> Where:
    """Conditions on `articles AS alias` for the filters, their parameters, and why nothing can match."""
    w = Where()
    if f.q:
        w.add(f"{alias}.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", fts_query(conn, f.q))
    if f.date_from:
        w.add(f"{alias}.published >= ?", f.date_from)
    if f.date_to:
        w.add(f"{alias}.published < ?", (date.fromisoformat(f.date_to) + timedelta(days=1)).isoformat())
    if f.stored_after is not None:
        w.add(f"{alias}.id > ?", f.stored_after)
    if f.site:
        w.add(f"{alias}.site_name = ?", f.site)
    if f.language:
        w.add(f"{alias}.language = ?", f.language)
    if f.actor is not None:
        w.add(f"{alias}.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?)", f.actor)
    if f.place is not None:
        w.add(f"{alias}.id IN (SELECT article_id FROM place_mentions WHERE place_id = ?)", f.place)
    if f.country:
        w.add(f"{alias}.id IN (SELECT m.article_id FROM place_mentions m JOIN places p ON p.id = m.place_id "
              "WHERE p.country = ?)", f.country)
    if f.speaker is not None:
        w.add(f"{alias}.id IN (SELECT article_id FROM quotes WHERE speaker_actor_id = ?)", f.speaker)
    if f.event_type or f.event_mode:
        if has_events(conn):
            events = event_conditions(f, "e")
            w.add(f"{alias}.id IN (SELECT r.article_id FROM event_reports r JOIN events e ON e.id = r.event_id "
                  f"WHERE {events.sql})", *events.params)
        else:
            w.add("0")
            w.missing = NO_EVENTS
    if f.theme:
        # Every stored theme passed the component's threshold; a min_confidence asks for more.
        w.add(f"{alias}.id IN (SELECT article_id FROM article_themes WHERE theme = ? AND confidence >= ?)",
              f.theme, f.min_confidence or 0)
    if f.copy_class:
        if table_exists(conn, "article_reuse"):
            # Articles the reuse stage has not classified count as originals, as Store.reuse_of says.
            if f.copy_class == "original":
                w.add(f"{alias}.id NOT IN (SELECT article_id FROM article_reuse WHERE class != 'original')")
            else:
                w.add(f"{alias}.id IN (SELECT article_id FROM article_reuse WHERE class = ?)", f.copy_class)
        else:
            w.add("0")
            w.missing = NO_REUSE
    return w


def event_conditions(f: Filters, alias: str) -> Where:
    """The events (rows of `alias`) the filters show: confidence floor, status (happened unless asked), type, mode."""
    w = confident(f, "events", alias)
    status = f.event_status or "happened"
    if status != "all":
        w.add(f"{alias}.modality = ?", status)
    if f.event_type:
        w.add(f"{alias}.type = ?", f.event_type)
    if f.event_mode:
        w.add(f"{alias}.mode = ?", f.event_mode)
    return w


# -- the event set -----------------------------------------------------------------------

def event_date_branches(f: Filters, alias: str = "e") -> list[Where]:
    """The events of the date range (``event_where``: any one of these), none without a range.

    Each is an index range (events.sort_date: the event's date as written, else its first report's
    day): it starts in the range; or it is the year or the month the range starts in (a year sorts
    before its days); or, undated, an article published in the range reports it.  Apart, each can be
    read in the table's order from an index (``events.list_events``)."""
    if not (f.date_from or f.date_to):
        return []
    first, last = f.date_from or "0000-01-01", f.date_to or "9999-12-31"
    following = (date.fromisoformat(last) + timedelta(days=1)).isoformat() if f.date_to else "9999-12-32"
    return [Where().add(f"{alias}.sort_date BETWEEN ? AND ?", first, last),
            Where().add(f"{alias}.sort_date IN (?, ?)", first[:4], first[:7]),
            Where().add(f"({alias}.date IS NULL AND EXISTS (SELECT 1 FROM event_reports r_ JOIN articles a_ "
                        f"ON a_.id = r_.article_id WHERE r_.event_id = {alias}.id AND a_.published >= ? "
                        "AND a_.published < ?))", first, following)]


def event_where(conn: sqlite3.Connection, f: Filters, alias: str = "e") -> Where:
    """Conditions on distinct events (`events AS alias`): what the events table, its exports and its
    counts select.  Unlike ``article_where`` these are about the event itself:

    - date_from/date_to: the event's date overlaps the range (a month or a year counts for every day in
      it); an undated event by the publication date of an article reporting it;
    - actor: the actor as source or target (``actor_role``: source, target, either);
    - country: the event happened in the country (at any place inside it);
    - place: at the place, or inside it when it is a country or a first-level division;
    - the confidence floor, status (happened unless asked), type and mode (``event_conditions``);
    - every other filter (q, site, language, speaker, copy_class, theme): reported by an article it selects.
    """
    if not has_events(conn):
        return Where(["0"], [], NO_EVENTS)
    w = event_conditions(f, alias)
    branches = event_date_branches(f, alias)
    if branches:
        w.add("(" + " OR ".join(b.sql for b in branches) + ")", *[p for b in branches for p in b.params])
    if f.actor is not None:
        if f.actor_role == "source":
            w.add(f"{alias}.actor1_id = ?", f.actor)
        elif f.actor_role == "target":
            w.add(f"{alias}.actor2_id = ?", f.actor)
        else:
            w.add(f"({alias}.actor1_id = ? OR {alias}.actor2_id = ?)", f.actor, f.actor)
    if f.country:
        w.add(f"{alias}.place_country = ?", f.country)
    if f.place is not None:
        w.add(f"({alias}.place_id = ? OR {alias}.place_id IN (SELECT inner_.id FROM places outer_ JOIN places inner_ "
              "ON inner_.country = outer_.country AND (outer_.feature LIKE 'A.PCL%' OR (outer_.feature = 'A.ADM1' "
              "AND inner_.admin1 = outer_.admin1)) WHERE outer_.id = ?))", f.place, f.place)
    rest = f.without("date_from", "date_to", "actor", "actor_role", "country", "place", "event_type", "event_mode")
    return w.within(f"{alias}.id", article_where(conn, rest),
                    "SELECT r_.event_id FROM event_reports r_ JOIN articles a ON a.id = r_.article_id")


def page(conn: sqlite3.Connection, sql_items: str, sql_total: str, where: Where, limit: int, offset: int) -> Page:
    """One page of `sql_items` and the total of `sql_total`, both under the conditions' parameters."""
    items = [dict(r) for r in conn.execute(f"{sql_items} LIMIT ? OFFSET ?", [*where.params, limit, offset])]
    total: int = conn.execute(sql_total, where.params).fetchone()[0]
    return Page(items, total, limit, offset, where.missing)
