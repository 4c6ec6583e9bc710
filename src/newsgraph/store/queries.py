"""The read side of the store: lists with filters that combine, counts over time, facets.

Every interface (API, pages, CSV) asks these functions, so a filter means the same
thing everywhere and no SQL leaks out of ``store/``.  One ``Filters`` value selects a
set of articles; lists of actors, places, quotes, citations and events are the rows
belonging to that set.  Pagination is by offset over a total order (every ORDER BY
ends with a unique id), so pages are stable while the database does not change, and
each list comes with its total.  Tables of later stages (events, reuse) may be
missing from a database; the lists that need them then come back empty, and
``missing`` says why.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, fields
from datetime import date, timedelta

from newsgraph import confidence

# Markers FTS5 puts around matched words in snippets; private-use characters never occur in news text.
MARK_START = "\ue000"
MARK_END = "\ue001"

INTERVALS = ("day", "week", "month")
_PERIOD_SQL = {
    "day": "substr({col}, 1, 10)",
    "week": "date(substr({col}, 1, 10), 'weekday 0', '-6 days')",  # the Monday of the week
    "month": "substr({col}, 1, 7)",
}
# A search matching more articles than this is ranked among the most recently stored RANK_WINDOW of them,
# and counted up to COUNT_CAP: BM25 over every match of a common word would cost time linear in the corpus.
RANK_WINDOW = 2000
COUNT_CAP = 10_000
# Facets count the most recently stored FACET_SAMPLE articles of the selection.
FACET_SAMPLE = 1000
# Co-occurrences are counted over an actor's most recent articles: enough for a picture, bounded in cost.
COOCCURRENCE_ARTICLES = 500


class QueryError(ValueError):
    """A filter or parameter the store cannot use; the message says which and why."""


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
    event_type: str | None = None  # PLOVER type
    event_mode: str | None = None
    speaker: int | None = None  # actor id: articles quoting it
    copy_class: str | None = None  # provenance class of the article (original, copy, ...)
    # Facts shown: at or above this confidence (None: each kind's threshold, newsgraph.confidence; 0: every fact).
    min_confidence: float | None = None
    # Events shown: "happened" (None: asserted or reported), "negated", "hypothetical" or "all".
    event_status: str | None = None

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
        if self.event_status not in (None, "happened", "negated", "hypothetical", "all"):
            raise QueryError(f"event_status: {self.event_status!r} is not one of happened, negated, hypothetical, all")

    def floor(self, kind: str) -> float:
        """The confidence a fact of this kind (actors, places, quotes, citations, events) needs to be listed."""
        return confidence.floor(kind, self.min_confidence)

    def active(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass
class Page:
    """One page of a list, with the total the filters select."""

    items: list[dict]
    total: int
    limit: int
    offset: int
    missing: str | None = None  # why the list is empty by necessity (a stage's tables are not in this file)
    capped: bool = False  # total is a lower bound (COUNT_CAP)
    windowed: bool = False  # ranked among the RANK_WINDOW most recently stored matches only

    @property
    def window_note(self) -> str:
        return (f"more than {RANK_WINDOW:,} matches: ranked among the {RANK_WINDOW:,} most recently stored; "
                "add words or filters to narrow it")

    def to_dict(self) -> dict:
        following = self.offset + self.limit
        out = {"total": self.total, "limit": self.limit, "offset": self.offset,
               "next_offset": following if following < self.total else None, "items": self.items}
        if self.capped:
            out["total_is_lower_bound"] = True
        if self.windowed:
            out["note"] = self.window_note
        if self.missing:
            out["note"] = self.missing
        return out


def _containing(words: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for names containing the words, wildcards in them taken literally."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", words) + "%"


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)).fetchone() is not None


def fts_query(conn: sqlite3.Connection, query: str) -> str:
    """The query as FTS5 understands it: as written when valid, else its plain words."""
    try:
        conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)).fetchall()
        return query
    except sqlite3.OperationalError:
        words = re.findall(r"\w+", query)
        return " ".join(f'"{w}"' for w in words) or '""'


# -- the article set ----------------------------------------------------------------------


def article_where(conn: sqlite3.Connection, f: Filters, alias: str = "a") -> tuple[str, list, str | None]:
    """SQL conditions on `articles AS alias` for the filters, their parameters, and why nothing can match."""
    clauses: list[str] = []
    params: list = []
    missing = None
    if f.q:
        clauses.append(f"{alias}.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query(conn, f.q))
    if f.date_from:
        clauses.append(f"{alias}.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append(f"{alias}.published < ?")
        params.append((date.fromisoformat(f.date_to) + timedelta(days=1)).isoformat())
    if f.site:
        clauses.append(f"{alias}.site_name = ?")
        params.append(f.site)
    if f.language:
        clauses.append(f"{alias}.language = ?")
        params.append(f.language)
    if f.actor is not None:
        clauses.append(f"{alias}.id IN (SELECT article_id FROM article_actors WHERE actor_id = ?)")
        params.append(f.actor)
    if f.place is not None:
        clauses.append(f"{alias}.id IN (SELECT article_id FROM place_mentions WHERE place_id = ?)")
        params.append(f.place)
    if f.country:
        clauses.append(
            f"{alias}.id IN (SELECT m.article_id FROM place_mentions m JOIN places p ON p.id = m.place_id "
            "WHERE p.country = ?)"
        )
        params.append(f.country)
    if f.speaker is not None:
        clauses.append(f"{alias}.id IN (SELECT article_id FROM quotes WHERE speaker_actor_id = ?)")
        params.append(f.speaker)
    if f.event_type or f.event_mode:
        if has_events(conn):
            conds, more = _event_conditions(f, "e")
            clauses.append(
                f"{alias}.id IN (SELECT r.article_id FROM event_reports r JOIN events e ON e.id = r.event_id WHERE {conds})"
            )
            params.extend(more)
        else:
            clauses.append("0")
            missing = NO_EVENTS
    if f.copy_class:
        if table_exists(conn, "article_reuse"):
            # Articles the reuse stage has not classified count as originals, as Store.reuse_of says.
            if f.copy_class == "original":
                clauses.append(f"{alias}.id NOT IN (SELECT article_id FROM article_reuse WHERE class != 'original')")
            else:
                clauses.append(f"{alias}.id IN (SELECT article_id FROM article_reuse WHERE class = ?)")
                params.append(f.copy_class)
        else:
            clauses.append("0")
            missing = NO_REUSE
    return (" AND ".join(clauses) or "1"), params, missing


def _event_conditions(f: Filters, alias: str) -> tuple[str, list]:
    clauses, params = [f"coalesce({alias}.confidence, 1) >= ?"], [f.floor("events")]
    status = f.event_status or "happened"
    if status != "all":
        clauses.append(f"{alias}.modality = ?")
        params.append(status)
    if f.event_type:
        clauses.append(f"{alias}.type = ?")
        params.append(f.event_type)
    if f.event_mode:
        clauses.append(f"{alias}.mode = ?")
        params.append(f.event_mode)
    return (" AND ".join(clauses) or "1"), params


def _page(conn, sql_items: str, sql_total: str, params: list, limit: int, offset: int, missing=None) -> Page:
    items = [dict(r) for r in conn.execute(f"{sql_items} LIMIT ? OFFSET ?", [*params, limit, offset])]
    total = conn.execute(sql_total, params).fetchone()[0]
    return Page(items, total, limit, offset, missing)


_ARTICLE_ROW = "a.id, a.title, a.url, a.site_name, a.published, a.language, a.word_count"


def list_articles(conn, f: Filters, limit: int, offset: int) -> Page:
    where, params, missing = article_where(conn, f)
    return _page(
        conn,
        f"SELECT {_ARTICLE_ROW} FROM articles a WHERE {where} ORDER BY a.published DESC, a.id DESC",
        f"SELECT count(*) FROM articles a WHERE {where}",
        params, limit, offset, missing,
    )


def search(conn, f: Filters, limit: int, offset: int) -> Page:
    """Articles matching ``f.q`` ranked by BM25 (title words weigh 4x), with highlighted snippets."""
    if not f.q:
        raise QueryError("q: a search needs words to look for")
    query = fts_query(conn, f.q)
    rest = Filters(**{**f.active(), "q": None})
    where, params, missing = article_where(conn, rest)
    if where == "1":  # the full-text index alone: reading article rows for every match costs more than ranking
        base = "FROM articles_fts WHERE articles_fts MATCH ?"
    else:
        base = f"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND {where}"
    # One pass over the index: the most recently stored RANK_WINDOW matches, then BM25 among them.
    ranked = conn.execute(
        f"SELECT id, score FROM (SELECT articles_fts.rowid AS id, bm25(articles_fts, 4.0, 1.0) AS score {base} "
        f"ORDER BY articles_fts.rowid DESC LIMIT {RANK_WINDOW}) ORDER BY score, id LIMIT ? OFFSET ?",
        [query, *params, limit, offset],
    ).fetchall()
    total = conn.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT ?)", [query, *params, COUNT_CAP + 1]).fetchone()[0]
    items = []
    if ranked:
        ids = [r["id"] for r in ranked]
        marks = ",".join("?" * len(ids))
        rows = {
            r["id"]: r
            for r in conn.execute(
                f"SELECT {_ARTICLE_ROW}, snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', ' … ', 24) AS snippet "
                f"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
                [query, *ids],
            )
        }
        for r in ranked:
            row = dict(rows[r["id"]])
            row["snippet"] = snippet_parts(row["snippet"])
            row["score"] = round(-r["score"], 4)
            items.append(row)
    return Page(items, min(total, COUNT_CAP), limit, offset, missing, capped=total > COUNT_CAP,
                windowed=total > RANK_WINDOW)


def snippet_parts(snippet: str) -> list[list]:
    """The snippet as [text, is_match] pieces, for an interface to render and escape."""
    parts = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet or "")):
        if piece:
            parts.append([piece, i % 2 == 1])
    return parts


def facets(conn, f: Filters, size: int = 10) -> dict:
    """Counts of the selected articles by site, actor, place, event type and month.

    Over the FACET_SAMPLE most recently stored articles of the selection, so a facet costs the same
    whatever the size of the corpus; exact below that size.
    """
    if f.q:
        rest = Filters(**{**f.active(), "q": None})
        where, params, _ = article_where(conn, rest)
        join = "" if where == "1" else " JOIN articles a ON a.id = articles_fts.rowid"
        sample = (f"SELECT articles_fts.rowid FROM articles_fts{join} WHERE articles_fts MATCH ? AND {where} "
                  f"ORDER BY articles_fts.rowid DESC LIMIT {FACET_SAMPLE}")
        params = [fts_query(conn, f.q), *params]
    else:
        where, params, _ = article_where(conn, f)
        sample = f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id DESC LIMIT {FACET_SAMPLE}"
    # The sample is read once and handed to each facet's query as a JSON list.
    ids = json.dumps([r[0] for r in conn.execute(sample, params)])
    chosen, params = "SELECT value FROM json_each(?)", [ids]
    out = {
        "site": [dict(r) for r in conn.execute(
            f"SELECT a.site_name AS value, count(*) AS count FROM articles a WHERE a.id IN ({chosen}) "
            "AND a.site_name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [*params, size])],
        "actor": [dict(r) for r in conn.execute(
            f"SELECT x.actor_id AS value, act.name AS label, count(*) AS count FROM article_actors x "
            f"JOIN actors act ON act.id = x.actor_id WHERE x.article_id IN ({chosen}) "
            "GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT ?", [*params, size])],
        "place": [dict(r) for r in conn.execute(
            f"SELECT p.id AS value, p.name AS label, count(DISTINCT m.article_id) AS count FROM place_mentions m "
            f"JOIN places p ON p.id = m.place_id WHERE m.article_id IN ({chosen}) "
            "GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT ?", [*params, size])],
        "month": [dict(r) for r in conn.execute(
            f"SELECT substr(a.published, 1, 7) AS value, count(*) AS count FROM articles a WHERE a.id IN ({chosen}) "
            "AND a.published IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT ?", [*params, 24])],
        "event_type": [],
    }
    if has_events(conn):
        out["event_type"] = [dict(r) for r in conn.execute(
            f"SELECT e.type AS value, count(DISTINCT r.article_id) AS count FROM event_reports r "
            f"JOIN events e ON e.id = r.event_id WHERE r.article_id IN ({chosen}) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [*params, size])]
    return out


def _period(interval: str, column: str) -> str:
    """SQL for the period a date falls in; NULL unless the date is a full YYYY-MM-DD (a year or month is too vague)."""
    if interval not in INTERVALS:
        raise QueryError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    full = f"CASE WHEN {column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*' THEN {column} END"
    return _PERIOD_SQL[interval].format(col=full)


def article_counts(conn, f: Filters, interval: str = "day") -> list[dict]:
    """How many selected articles were published per day, week (from Monday) or month."""
    period = _period(interval, "a.published")
    where, params, _ = article_where(conn, f)
    return [dict(r) for r in conn.execute(
        f"SELECT {period} AS period, count(*) AS count FROM articles a WHERE {where} AND period IS NOT NULL "
        "GROUP BY 1 ORDER BY 1", params)]


# -- actors --------------------------------------------------------------------------------


def list_actors(conn, f: Filters, limit: int, offset: int, type_: str | None = None, name: str | None = None) -> Page:
    """Actors of the selected articles, most widely reported first."""
    where, params, missing = article_where(conn, f)
    conds, more = ["coalesce(x.confidence, 1) >= ?"], [f.floor("actors")]
    if where != "1":
        conds.append(f"x.article_id IN (SELECT a.id FROM articles a WHERE {where})")
        more.extend(params)
    if type_:
        conds.append("act.type = ?")
        more.append(type_)
    if name:
        conds.append("act.name LIKE ? ESCAPE '\\'")
        more.append(_containing(name))
    cond = " AND ".join(conds) or "1"
    return _page(
        conn,
        "SELECT act.id, act.name, act.type, act.country, act.sector, act.kb_id, count(*) AS articles, "
        "sum(x.mentions) AS mentions FROM article_actors x JOIN actors act ON act.id = x.actor_id "
        f"WHERE {cond} GROUP BY act.id ORDER BY articles DESC, act.id",
        f"SELECT count(DISTINCT x.actor_id) FROM article_actors x JOIN actors act ON act.id = x.actor_id WHERE {cond}",
        more, limit, offset, missing,
    )


def actor(conn, actor_id: int) -> dict | None:
    row = conn.execute("SELECT id, name, type, country, sector, kb_id FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["aliases"] = [r[0] for r in conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,))]
    out["roles"] = [r[0] for r in conn.execute(
        "SELECT role FROM article_actors WHERE actor_id = ? AND role IS NOT NULL GROUP BY role ORDER BY count(*) DESC "
        "LIMIT 5", (actor_id,))]
    out["articles"] = conn.execute("SELECT count(*) FROM article_actors WHERE actor_id = ?", (actor_id,)).fetchone()[0]
    out["quotes"] = conn.execute("SELECT count(*) FROM quotes WHERE speaker_actor_id = ?", (actor_id,)).fetchone()[0]
    out["events"] = _count_actor_events(conn, actor_id)
    return out


def _count_actor_events(conn, actor_id: int) -> int:
    if not has_events(conn):
        return 0
    return conn.execute(
        "SELECT count(*) FROM events WHERE actor1_id = ? OR actor2_id = ?", (actor_id, actor_id)).fetchone()[0]


def actor_timeline(conn, actor_id: int, interval: str = "week") -> list[dict]:
    """Per period: articles mentioning the actor, its quotes, and events where it acts or is acted on."""
    period = _period(interval, "a.published")
    rows: dict[str, dict] = {}

    def add(kind: str, sql: str, params: list) -> None:
        for r in conn.execute(sql, params):
            rows.setdefault(r[0], {"period": r[0], "articles": 0, "quotes": 0, "events": 0})[kind] = r[1]

    add("articles", f"SELECT {period} AS period, count(*) FROM article_actors x JOIN articles a ON a.id = x.article_id "
        "WHERE x.actor_id = ? AND period IS NOT NULL GROUP BY 1", [actor_id])
    add("quotes", f"SELECT {period} AS period, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_actor_id = ? AND period IS NOT NULL GROUP BY 1", [actor_id])
    if has_events(conn):
        first_report = ("(SELECT min(a.published) FROM event_reports r JOIN articles a ON a.id = r.article_id "
                        "WHERE r.event_id = e.id)")
        when = f"CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*' THEN e.date ELSE {first_report} END"
        add("events", f"SELECT {_period(interval, when)} AS period, count(*) FROM events e "
            "WHERE (e.actor1_id = ? OR e.actor2_id = ?) AND period IS NOT NULL GROUP BY 1", [actor_id, actor_id])
    return [rows[k] for k in sorted(rows)]


def cooccurring_actors(conn, actor_id: int, size: int = 25) -> dict:
    """The actors named in the same articles (over the actor's latest articles), as nodes and weighted links."""
    recent = (
        "SELECT x.article_id FROM article_actors x JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ? "
        "ORDER BY a.published DESC, a.id DESC LIMIT ?"
    )
    neighbours = [dict(r) for r in conn.execute(
        f"SELECT act.id, act.name, act.type, count(*) AS weight FROM article_actors y JOIN actors act "
        f"ON act.id = y.actor_id WHERE y.article_id IN ({recent}) AND y.actor_id != ? "
        "GROUP BY act.id ORDER BY weight DESC, act.id LIMIT ?",
        (actor_id, COOCCURRENCE_ARTICLES, actor_id, size))]
    ids = [n["id"] for n in neighbours]
    links = [{"source": actor_id, "target": n["id"], "weight": n["weight"]} for n in neighbours]
    if ids:
        marks = ",".join("?" * len(ids))
        links += [dict(r) for r in conn.execute(
            f"SELECT p.actor_id AS source, q.actor_id AS target, count(*) AS weight FROM article_actors p "
            f"JOIN article_actors q ON q.article_id = p.article_id AND q.actor_id > p.actor_id "
            f"WHERE p.article_id IN ({recent}) AND p.actor_id IN ({marks}) AND q.actor_id IN ({marks}) GROUP BY 1, 2",
            (actor_id, COOCCURRENCE_ARTICLES, *ids, *ids))]
    me = conn.execute("SELECT id, name, type FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return {"nodes": ([{**dict(me), "weight": None}] if me else []) + neighbours, "links": links}


def actor_places(conn, actor_id: int, size: int = 50) -> dict:
    """Where the actor's events happened, or, without events, the places its articles name."""
    if has_events(conn):
        rows = conn.execute(
            "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(*) AS count FROM events e "
            "JOIN places p ON p.id = e.place_id WHERE e.actor1_id = ? OR e.actor2_id = ? "
            "GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?", (actor_id, actor_id, size)).fetchall()
        if rows:
            return {"basis": "events", "items": [dict(r) for r in rows]}
    rows = conn.execute(
        "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(DISTINCT m.article_id) AS count "
        "FROM place_mentions m JOIN places p ON p.id = m.place_id "
        "WHERE m.article_id IN (SELECT article_id FROM article_actors WHERE actor_id = ?) "
        "GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?", (actor_id, size)).fetchall()
    return {"basis": "articles", "items": [dict(r) for r in rows]}


# -- places --------------------------------------------------------------------------------


def list_places(conn, f: Filters, limit: int, offset: int, name: str | None = None) -> Page:
    """Places named in the selected articles, most widely reported first."""
    rest = Filters(**{**f.active(), "country": None})
    where, params, missing = article_where(conn, rest)
    conds, more = ["coalesce(m.confidence, 1) >= ?"], [f.floor("places")]
    if where != "1":
        conds.append(f"m.article_id IN (SELECT a.id FROM articles a WHERE {where})")
        more.extend(params)
    if f.country:
        conds.append("p.country = ?")
        more.append(f.country)
    if name:
        conds.append("p.name LIKE ? ESCAPE '\\'")
        more.append(_containing(name))
    cond = " AND ".join(conds) or "1"
    return _page(
        conn,
        "SELECT p.id, p.name, p.country, p.admin1, p.latitude, p.longitude, p.feature, p.geonameid, "
        "count(DISTINCT m.article_id) AS articles FROM place_mentions m JOIN places p ON p.id = m.place_id "
        f"WHERE {cond} GROUP BY p.id ORDER BY articles DESC, p.id",
        f"SELECT count(DISTINCT m.place_id) FROM place_mentions m JOIN places p ON p.id = m.place_id WHERE {cond}",
        more, limit, offset, missing,
    )


def place(conn, place_id: int) -> dict | None:
    row = conn.execute(
        "SELECT id, geonameid, name, country, admin1, latitude, longitude, feature FROM places WHERE id = ?",
        (place_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["articles"] = conn.execute(
        "SELECT count(DISTINCT article_id) FROM place_mentions WHERE place_id = ?", (place_id,)).fetchone()[0]
    out["actors"] = [dict(r) for r in conn.execute(
        "SELECT act.id, act.name, act.type, count(*) AS articles FROM article_actors x JOIN actors act "
        "ON act.id = x.actor_id WHERE x.article_id IN (SELECT article_id FROM place_mentions WHERE place_id = ? "
        "ORDER BY article_id DESC LIMIT ?) GROUP BY act.id ORDER BY articles DESC, act.id LIMIT 20",
        (place_id, COOCCURRENCE_ARTICLES))]
    return out


# -- quotes, citations ---------------------------------------------------------------------


def list_quotes(conn, f: Filters, limit: int, offset: int) -> Page:
    """Quotes in the selected articles (``f.speaker`` keeps one speaker's), newest article first."""
    rest = Filters(**{**f.active(), "speaker": None})
    where, params, missing = article_where(conn, rest)
    cond = where + " AND coalesce(q.confidence, 1) >= ?"
    params = [*params, f.floor("quotes")]
    if f.speaker is not None:
        cond += " AND q.speaker_actor_id = ?"
        params = [*params, f.speaker]
    return _page(
        conn,
        "SELECT q.id, q.article_id, q.text, q.speaker, q.speaker_actor_id, q.cue, q.kind, q.start_offset, "
        "q.end_offset, a.title AS article_title, a.site_name, a.published FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id WHERE {cond} "
        "ORDER BY a.published DESC, q.article_id DESC, q.id",
        f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {cond}",
        params, limit, offset, missing,
    )


def list_citations(conn, f: Filters, limit: int, offset: int, source: str | None = None) -> Page:
    """Cited sources in the selected articles, with the sentence each supports."""
    where, params, missing = article_where(conn, f)
    cond = where + " AND coalesce(c.confidence, 1) >= ?"
    params = [*params, f.floor("citations")]
    if source:
        cond += " AND c.source = ?"
        params = [*params, source]
    return _page(
        conn,
        "SELECT c.id, c.article_id, c.source, c.source_actor_id, c.cue, c.start_offset, c.end_offset, "
        "substr(a.text, c.start_offset + 1, c.end_offset - c.start_offset) AS sentence, "
        "a.title AS article_title, a.site_name, a.published FROM citations c "
        f"JOIN articles a ON a.id = c.article_id WHERE {cond} "
        "ORDER BY a.published DESC, c.article_id DESC, c.id",
        f"SELECT count(*) FROM citations c JOIN articles a ON a.id = c.article_id WHERE {cond}",
        params, limit, offset, missing,
    )


# -- article detail links ------------------------------------------------------------------


def article_links(conn, article_id: int) -> dict:
    """Database ids of an article's actors, places and quote speakers, so pages can link to them."""
    return {
        "actors": {r["name"]: r["id"] for r in conn.execute(
            "SELECT act.id, act.name FROM article_actors x JOIN actors act ON act.id = x.actor_id "
            "WHERE x.article_id = ?", (article_id,))},
        "places": {(r["name"], r["geonameid"]): r["id"] for r in conn.execute(
            "SELECT DISTINCT p.id, p.name, p.geonameid FROM place_mentions m JOIN places p ON p.id = m.place_id "
            "WHERE m.article_id = ?", (article_id,))},
    }


# -- events and the map --------------------------------------------------------------------
# An event is one row of `events` (distinct, merged across articles); each article sentence that
# reports it is a row of `event_reports`.  Lists are of reports (the evidence, in its article);
# counts and the map count distinct events.

NO_EVENTS = "this database has no events tables (the events stage has not run on it)"
_EVENT_FROM = (
    "event_reports r JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = r.article_id "
    "LEFT JOIN actors x1 ON x1.id = e.actor1_id LEFT JOIN actors x2 ON x2.id = e.actor2_id "
    "LEFT JOIN places p ON p.id = e.place_id"
)
_EVENT_ROW = (
    "r.id AS report_id, e.id AS event_id, e.type, e.mode, e.cameo_root, e.actor1_id, x1.name AS actor1_name, "
    "e.actor2_id, x2.name AS actor2_name, e.place_id, p.name AS place_name, e.place_country, p.latitude, "
    "p.longitude, e.date, e.date_precision, e.negated, r.status, r.confidence, r.article_id, "
    "r.start_offset, r.end_offset, r.trigger_start, r.trigger_end, r.text AS sentence, "
    "a.title AS article_title, a.site_name, a.published"
)


def has_events(conn) -> bool:
    return table_exists(conn, "events") and table_exists(conn, "event_reports")


def _event_where(conn, f: Filters, by_actor: int | None = None) -> tuple[str, list, str | None]:
    """Conditions on the event list's tables: the article filters, type and mode, an actor taking part."""
    rest = Filters(**{**f.active(), "event_type": None, "event_mode": None})
    where, params, missing = article_where(conn, rest)
    conds, more = _event_conditions(f, "e")
    clause = f"{where} AND {conds}"
    if by_actor is not None:
        clause += " AND (e.actor1_id = ? OR e.actor2_id = ?)"
        more = [*more, by_actor, by_actor]
    return clause, [*params, *more], missing


def list_events(conn, f: Filters, limit: int, offset: int, by_actor: int | None = None) -> Page:
    """Reports of events in the selected articles (of a type and mode, with an actor), newest first."""
    if not has_events(conn):
        return Page([], 0, limit, offset, NO_EVENTS)
    where, params, missing = _event_where(conn, f, by_actor)
    return _page(
        conn,
        f"SELECT {_EVENT_ROW} FROM {_EVENT_FROM} WHERE {where} "
        "ORDER BY a.published DESC, r.article_id DESC, r.id",
        f"SELECT count(*) FROM {_EVENT_FROM} WHERE {where}",
        params, limit, offset, missing,
    )


def event_counts(conn, f: Filters, interval: str = "week") -> dict:
    """Distinct events per period and PLOVER type (the event's date where known to the day, else its article's)."""
    if not has_events(conn):
        return {"interval": interval, "types": [], "series": [], "note": NO_EVENTS}
    full_date = "e.date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'"
    when = f"CASE WHEN {full_date} THEN e.date ELSE a.published END"
    period = _period(interval, when)
    where, params, _ = _event_where(conn, f)
    rows = conn.execute(
        f"SELECT {period} AS period, e.type AS type, count(DISTINCT e.id) AS count FROM {_EVENT_FROM} "
        f"WHERE {where} AND period IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
        params).fetchall()
    series: dict[str, dict] = {}
    for r in rows:
        series.setdefault(r["period"], {"period": r["period"], "counts": {}})["counts"][r["type"]] = r["count"]
    return {"interval": interval, "types": sorted({r["type"] for r in rows}), "series": list(series.values())}


def map_points(conn, f: Filters, layer: str = "events", size: int = 5000) -> dict:
    """Points to draw: distinct events per place (layer 'events') or articles per place named ('places')."""
    if layer not in ("events", "places"):
        raise QueryError(f"layer: {layer!r} is not one of events, places")
    if layer == "events":
        if not has_events(conn):
            return {"layer": "events", "points": [], "note": NO_EVENTS}
        where, params, _ = article_where(conn, Filters(**{**f.active(), "event_type": None, "event_mode": None}))
        conds, more = _event_conditions(f, "e")
        if where != "1":  # only events reported by a selected article
            conds += (" AND e.id IN (SELECT r.event_id FROM event_reports r JOIN articles a ON a.id = r.article_id "
                      f"WHERE {where})")
            more += params
        rows = conn.execute(  # grouped on the index events_for_map before places are joined
            "SELECT p.id, p.name, p.country, p.latitude, p.longitude, g.count, g.types FROM "
            "(SELECT e.place_id, count(*) AS count, group_concat(DISTINCT e.type) AS types FROM events e "
            f"WHERE {conds} AND e.place_id IS NOT NULL GROUP BY e.place_id) g "
            "JOIN places p ON p.id = g.place_id WHERE p.latitude IS NOT NULL ORDER BY g.count DESC, p.id LIMIT ?",
            [*more, size]).fetchall()
        return {"layer": "events", "points": [
            {**dict(r), "types": sorted(r["types"].split(",")) if r["types"] else []} for r in rows]}
    where, params, _ = article_where(conn, Filters(**{**f.active(), "event_type": None, "event_mode": None}))
    rows = conn.execute(
        "SELECT p.id, p.name, p.country, p.latitude, p.longitude, count(DISTINCT m.article_id) AS count "
        "FROM place_mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id "
        f"WHERE {where} AND p.latitude IS NOT NULL GROUP BY p.id ORDER BY count DESC, p.id LIMIT ?",
        [*params, size]).fetchall()
    return {"layer": "places", "points": [{**dict(r), "types": []} for r in rows]}


# -- reuse ---------------------------------------------------------------------------------

NO_REUSE = "this database has no provenance tables (the reuse stage has not run on it)"


def reuse_links(store, article_id: int) -> dict:
    """The article's class, sources, copies and cluster from the provenance stage, when it has run."""
    if not table_exists(store.conn, "article_reuse") or not hasattr(store, "reuse_of"):
        return {"note": NO_REUSE}
    return store.reuse_of(article_id)


def list_clusters(conn, f: Filters, limit: int, offset: int) -> Page:
    """Clusters of copies, largest first, each with its earliest article and how many of each class.

    With filters, the clusters that hold at least one selected article.
    """
    if not table_exists(conn, "copy_clusters"):
        return Page([], 0, limit, offset, NO_REUSE)
    where, params, missing = article_where(conn, f)
    cond = "1" if where == "1" else (
        f"c.id IN (SELECT r.cluster_id FROM article_reuse r JOIN articles a ON a.id = r.article_id WHERE {where})")
    page = _page(
        conn,
        "SELECT c.id, c.size, c.earliest_article_id, a.title AS earliest_title, a.site_name AS earliest_site, "
        f"a.published AS earliest_published, c.evidence FROM copy_clusters c JOIN articles a "
        f"ON a.id = c.earliest_article_id WHERE {cond} ORDER BY c.size DESC, c.id",
        f"SELECT count(*) FROM copy_clusters c WHERE {cond}",
        params, limit, offset, missing,
    )
    for item in page.items:
        item["classes"] = dict(conn.execute(
            "SELECT class, count(*) FROM article_reuse WHERE cluster_id = ? GROUP BY class", (item["id"],)).fetchall())
        item["members"] = [dict(r) for r in conn.execute(
            "SELECT a.id, a.title, a.site_name, a.published, r.class FROM article_reuse r JOIN articles a "
            "ON a.id = r.article_id WHERE r.cluster_id = ? ORDER BY coalesce(a.published, ''), a.id LIMIT 50",
            (item["id"],))]
    return page


class ReadSide:
    """The Store's read methods for the interfaces; the SQL is in the functions above."""

    conn: sqlite3.Connection

    def has_table(self, name: str) -> bool:
        return table_exists(self.conn, name)

    def articles_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return list_articles(self.conn, filters, limit, offset)

    def search_page(self, filters: Filters, limit: int = 20, offset: int = 0) -> Page:
        return search(self.conn, filters, limit, offset)

    def facets(self, filters: Filters) -> dict:
        return facets(self.conn, filters)

    def article_counts(self, filters: Filters, interval: str = "day") -> list[dict]:
        return article_counts(self.conn, filters, interval)

    def article_links(self, article_id: int) -> dict:
        return article_links(self.conn, article_id)

    def article_reuse(self, article_id: int) -> dict:
        return reuse_links(self, article_id)

    def actors_page(self, filters: Filters, limit: int = 50, offset: int = 0, type_=None, name=None) -> Page:
        return list_actors(self.conn, filters, limit, offset, type_, name)

    def actor(self, actor_id: int) -> dict | None:
        return actor(self.conn, actor_id)

    def actor_timeline(self, actor_id: int, interval: str = "week") -> list[dict]:
        return actor_timeline(self.conn, actor_id, interval)

    def actor_network(self, actor_id: int) -> dict:
        return cooccurring_actors(self.conn, actor_id)

    def actor_places(self, actor_id: int) -> dict:
        return actor_places(self.conn, actor_id)

    def places_page(self, filters: Filters, limit: int = 50, offset: int = 0, name=None) -> Page:
        return list_places(self.conn, filters, limit, offset, name)

    def place(self, place_id: int) -> dict | None:
        return place(self.conn, place_id)

    def quotes_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return list_quotes(self.conn, filters, limit, offset)

    def citations_page(self, filters: Filters, limit: int = 50, offset: int = 0, source=None) -> Page:
        return list_citations(self.conn, filters, limit, offset, source)

    def events_page(self, filters: Filters, limit: int = 50, offset: int = 0, by_actor: int | None = None) -> Page:
        return list_events(self.conn, filters, limit, offset, by_actor)

    def event_counts(self, filters: Filters, interval: str = "week") -> dict:
        return event_counts(self.conn, filters, interval)

    def map_points(self, filters: Filters, layer: str = "events") -> dict:
        return map_points(self.conn, filters, layer)

    def clusters_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return list_clusters(self.conn, filters, limit, offset)
