"""Articles: the list, full-text search with snippets, facets, counts per period, themes (and over time),
an article's links."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, TypedDict

from newsgraph.store.read.filters import (
    Filters,
    Page,
    QueryError,
    article_where,
    fts_query,
    has_events,
    page,
    period,
)

# Markers FTS5 puts around matched words in snippets; private-use characters never occur in news text.
MARK_START = "\ue000"
MARK_END = "\ue001"
# A search matching more articles than this is ranked among the most recently stored RANK_WINDOW of them,
# and counted up to COUNT_CAP: BM25 over every match of a common word would cost time linear in the corpus.
RANK_WINDOW = 2000
COUNT_CAP = 10_000
# Facets count the most recently stored FACET_SAMPLE articles of the selection.
FACET_SAMPLE = 1000

_ARTICLE_ROW = "a.id, a.title, a.url, a.site_name, a.published, a.language, a.word_count"


class ArticleLinks(TypedDict):
    """Database ids of an article's actors (by name) and places (by name and geonameid)."""

    actors: dict[str, int]
    places: dict[tuple[str, int | None], int]


def list_articles(conn: sqlite3.Connection, f: Filters, limit: int, offset: int) -> Page:
    where = article_where(conn, f)
    return page(
        conn,
        f"SELECT {_ARTICLE_ROW} FROM articles a WHERE {where.sql} ORDER BY a.published DESC, a.id DESC",
        f"SELECT count(*) FROM articles a WHERE {where.sql}",
        where, limit, offset,
    )


def _matching(conn: sqlite3.Connection, f: Filters) -> tuple[str, list[Any], str | None]:
    """`FROM ... WHERE ...` over the full-text index for the articles matching ``f.q`` and the other filters,
    its parameters (the FTS5 query first), and why nothing can match.

    With no other filter the index alone: reading article rows for every match costs more than ranking.
    """
    rest = article_where(conn, f.without("q"))
    params = [fts_query(conn, f.q or ""), *rest.params]
    if not rest:
        return "FROM articles_fts WHERE articles_fts MATCH ?", params, rest.missing
    return (f"FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND {rest.sql}",
            params, rest.missing)


def search(conn: sqlite3.Connection, f: Filters, limit: int, offset: int) -> Page:
    """Articles matching ``f.q`` ranked by BM25 (title words weigh 4x), with highlighted snippets."""
    if not f.q:
        raise QueryError("q: a search needs words to look for")
    base, params, missing = _matching(conn, f)
    query = params[0]
    # One pass over the index: the most recently stored RANK_WINDOW matches, then BM25 among them.
    ranked = conn.execute(
        f"SELECT id, score FROM (SELECT articles_fts.rowid AS id, bm25(articles_fts, 4.0, 1.0) AS score {base} "
        f"ORDER BY articles_fts.rowid DESC LIMIT {RANK_WINDOW}) ORDER BY score, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    total: int = conn.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT ?)", [*params, COUNT_CAP + 1]).fetchone()[0]
    items: list[dict[str, Any]] = []
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
                window=RANK_WINDOW if total > RANK_WINDOW else 0)


def snippet_parts(snippet: str) -> list[list[str | bool]]:
    """The snippet as [text, is_match] pieces, for an interface to render and escape."""
    parts: list[list[str | bool]] = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet or "")):
        if piece:
            parts.append([piece, i % 2 == 1])
    return parts


def facets(conn: sqlite3.Connection, f: Filters, size: int = 10, more: str | None = None,
           more_size: int = 100) -> dict[str, list[dict[str, Any]]]:
    """Counts of the selected articles by site, actor, place, event type, theme and month: `size` values of
    each, `more_size` of the facet named `more`.

    Over the FACET_SAMPLE most recently stored articles of the selection, so a facet costs the same
    whatever the size of the corpus; exact below that size.
    """
    sizes = {name: more_size if name == more else size for name in ("site", "actor", "place", "event_type", "theme")}
    if f.q:
        base, params, _ = _matching(conn, f)
        sample = f"SELECT articles_fts.rowid {base} ORDER BY articles_fts.rowid DESC LIMIT {FACET_SAMPLE}"
    else:
        where = article_where(conn, f)
        sample = f"SELECT a.id FROM articles a WHERE {where.sql} ORDER BY a.id DESC LIMIT {FACET_SAMPLE}"
        params = where.params
    # The sample is read once and handed to each facet's query as a JSON list.
    ids = json.dumps([r[0] for r in conn.execute(sample, params)])
    chosen, params = "SELECT value FROM json_each(?)", [ids]
    out = {
        "site": [dict(r) for r in conn.execute(
            f"SELECT a.site_name AS value, count(*) AS count FROM articles a WHERE a.id IN ({chosen}) "
            "AND a.site_name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [*params, sizes["site"]])],
        "actor": [dict(r) for r in conn.execute(
            f"SELECT x.actor_id AS value, act.name AS label, count(*) AS count FROM article_actors x "
            f"JOIN actors act ON act.id = x.actor_id WHERE x.article_id IN ({chosen}) "
            "GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT ?", [*params, sizes["actor"]])],
        "place": [dict(r) for r in conn.execute(
            f"SELECT p.id AS value, p.name AS label, count(DISTINCT m.article_id) AS count FROM place_mentions m "
            f"JOIN places p ON p.id = m.place_id WHERE m.article_id IN ({chosen}) "
            "GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT ?", [*params, sizes["place"]])],
        "month": [dict(r) for r in conn.execute(
            f"SELECT substr(a.published, 1, 7) AS value, count(*) AS count FROM articles a WHERE a.id IN ({chosen}) "
            "AND a.published IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT ?", [*params, 24])],
        "event_type": [],
        "theme": [dict(r) for r in conn.execute(
            f"SELECT t.theme AS value, count(*) AS count FROM article_themes t WHERE t.article_id IN ({chosen}) "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [*params, sizes["theme"]])],
    }
    if has_events(conn):
        out["event_type"] = [dict(r) for r in conn.execute(
            f"SELECT e.type AS value, count(DISTINCT r.article_id) AS count FROM event_reports r "
            f"JOIN events e ON e.id = r.event_id WHERE r.article_id IN ({chosen}) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [*params, sizes["event_type"]])]
    return out


def article_counts(conn: sqlite3.Connection, f: Filters, interval: str = "day") -> list[dict[str, Any]]:
    """How many selected articles were published per day, week (from Monday) or month."""
    when = period(interval, "a.published")
    where = article_where(conn, f)
    return [dict(r) for r in conn.execute(
        f"SELECT {when} AS period, count(*) AS count FROM articles a WHERE {where.sql} AND period IS NOT NULL "
        "GROUP BY 1 ORDER BY 1", where.params)]


def themes(conn: sqlite3.Connection, f: Filters) -> list[dict[str, Any]]:
    """Every theme of the selected articles with how many it has, the most first."""
    where = article_where(conn, f)
    return [dict(r) for r in conn.execute(
        f"SELECT t.theme AS theme, count(*) AS articles FROM article_themes t JOIN articles a ON a.id = t.article_id "
        f"WHERE {where.sql} GROUP BY 1 ORDER BY 2 DESC, 1", where.params)]


def theme_counts(conn: sqlite3.Connection, f: Filters, interval: str = "month", top: int = 8,
                 themes: list[str] | None = None) -> dict[str, Any]:
    """Themes over time: how many selected articles of each theme were published per period, for the
    ``themes`` named (else the ``top`` themes of the selection), beside all the articles of the period.

    {"interval", "themes": [...], "series": [{"period", "articles", THEME: count, ...}]}, periods in
    order; an article with several themes counts in each, so the themes need not add up to "articles".
    """
    when = period(interval, "a.published")
    where = article_where(conn, f)
    if themes is None:
        themes = [r[0] for r in conn.execute(
            f"SELECT t.theme FROM article_themes t JOIN articles a ON a.id = t.article_id WHERE {where.sql} "
            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?", [*where.params, top])]
    rows: dict[str, dict[str, Any]] = {}
    for r in conn.execute(f"SELECT {when} AS period, count(*) FROM articles a WHERE {where.sql} AND period IS NOT NULL "
                          "GROUP BY 1", where.params):
        rows[r[0]] = {"period": r[0], "articles": r[1], **dict.fromkeys(themes, 0)}
    if themes:
        marks = ",".join("?" * len(themes))
        for r in conn.execute(
                f"SELECT t.theme, {when} AS period, count(*) FROM article_themes t JOIN articles a ON a.id = t.article_id "
                f"WHERE {where.sql} AND t.theme IN ({marks}) AND period IS NOT NULL GROUP BY 1, 2",
                [*where.params, *themes]):
            rows[r[1]][r[0]] = r[2]
    return {"interval": interval, "themes": themes, "series": [rows[p] for p in sorted(rows)]}


def article_links(conn: sqlite3.Connection, article_id: int) -> ArticleLinks:
    """Database ids of an article's actors, places and quote speakers, so pages can link to them."""
    return {
        "actors": {r["name"]: r["id"] for r in conn.execute(
            "SELECT act.id, act.name FROM article_actors x JOIN actors act ON act.id = x.actor_id "
            "WHERE x.article_id = ?", (article_id,))},
        "places": {(r["name"], r["geonameid"]): r["id"] for r in conn.execute(
            "SELECT DISTINCT p.id, p.name, p.geonameid FROM place_mentions m JOIN places p ON p.id = m.place_id "
            "WHERE m.article_id = ?", (article_id,))},
    }
