"""Quotes and cited sources in the selected articles, each with its article.  (The write side is ``store/facts.py``.)"""

from __future__ import annotations

import sqlite3

from newsgraph.store.read.filters import Filters, Page, article_where, confident, page


def list_quotes(conn: sqlite3.Connection, f: Filters, limit: int, offset: int) -> Page:
    """Quotes in the selected articles (``f.speaker`` keeps one speaker's), newest article first."""
    where = article_where(conn, f.without("speaker"))
    where.extend(confident(f, "quotes", "q"))
    if f.speaker is not None:
        where.add("q.speaker_actor_id = ?", f.speaker)
    return page(
        conn,
        "SELECT q.id, q.article_id, q.text, q.speaker, q.speaker_actor_id, q.cue, q.kind, q.start_offset, "
        "q.end_offset, a.title AS article_title, a.site_name, a.published FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id WHERE {where.sql} "
        "ORDER BY a.published DESC, q.article_id DESC, q.id",
        f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where.sql}",
        where, limit, offset,
    )


def list_citations(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, source: str | None = None) -> Page:
    """Cited sources in the selected articles, with the sentence each supports."""
    where = article_where(conn, f)
    where.extend(confident(f, "citations", "c"))
    if source:
        where.add("c.source = ?", source)
    return page(
        conn,
        "SELECT c.id, c.article_id, c.source, c.source_actor_id, c.cue, c.start_offset, c.end_offset, "
        "substr(a.text, c.start_offset + 1, c.end_offset - c.start_offset) AS sentence, "
        "a.title AS article_title, a.site_name, a.published FROM citations c "
        f"JOIN articles a ON a.id = c.article_id WHERE {where.sql} "
        "ORDER BY a.published DESC, c.article_id DESC, c.id",
        f"SELECT count(*) FROM citations c JOIN articles a ON a.id = c.article_id WHERE {where.sql}",
        where, limit, offset,
    )
