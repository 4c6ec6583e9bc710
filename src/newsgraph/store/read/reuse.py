"""Provenance: clusters of copies and an article's reuse links.  (The write side is ``store/reuse.py``.)"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, TypedDict

from newsgraph.store.read.filters import NO_REUSE, Filters, Page, Where, article_where, page, table_exists

if TYPE_CHECKING:  # both import this module
    from newsgraph.store.read import ReadSide
    from newsgraph.store.reuse import Reuse


class NoReuse(TypedDict):
    note: str  # why there are no reuse links: the provenance stage has not run on this database


def reuse_links(store: ReadSide, article_id: int) -> Reuse | NoReuse:
    """The article's class, sources, copies and cluster from the provenance stage, when it has run."""
    if not table_exists(store.conn, "article_reuse") or not hasattr(store, "reuse_of"):
        return {"note": NO_REUSE}
    links: Reuse = store.reuse_of(article_id)  # a Store's (the read side alone has no provenance reads)
    return links


def list_clusters(conn: sqlite3.Connection, f: Filters, limit: int, offset: int) -> Page:
    """Clusters of copies, largest first, each with its earliest article and how many of each class.

    With filters, the clusters that hold at least one selected article.
    """
    if not table_exists(conn, "copy_clusters"):
        return Page([], 0, limit, offset, NO_REUSE)
    where = Where().within(
        "c.id", article_where(conn, f), "SELECT r.cluster_id FROM article_reuse r JOIN articles a ON a.id = r.article_id")
    result = page(
        conn,
        "SELECT c.id, c.size, c.earliest_article_id, a.title AS earliest_title, a.site_name AS earliest_site, "
        f"a.published AS earliest_published, c.evidence FROM copy_clusters c JOIN articles a "
        f"ON a.id = c.earliest_article_id WHERE {where.sql} ORDER BY c.size DESC, c.id",
        f"SELECT count(*) FROM copy_clusters c WHERE {where.sql}",
        where, limit, offset,
    )
    for item in result.items:
        item["classes"] = dict(conn.execute(
            "SELECT class, count(*) FROM article_reuse WHERE cluster_id = ? GROUP BY class", (item["id"],)).fetchall())
        item["members"] = [dict(r) for r in conn.execute(
            "SELECT a.id, a.title, a.site_name, a.published, r.class FROM article_reuse r JOIN articles a "
            "ON a.id = r.article_id WHERE r.cluster_id = ? ORDER BY coalesce(a.published, ''), a.id LIMIT 50",
            (item["id"],))]
    return result
