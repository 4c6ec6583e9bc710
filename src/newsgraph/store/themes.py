"""An article's themes (enrich/themes.py) to and from the article_themes table.

The rows come from store/rows.py. The table is keyed by the article and the theme, so writing one
article's themes again replaces them rather than adding to them.
"""

from __future__ import annotations

import json
import sqlite3

from newsgraph.record import Article, ArticleTheme
from newsgraph.store.rows import Rows


def write_themes(conn: sqlite3.Connection, article_id: int, rows: Rows) -> None:
    """Store the article's theme rows (an article not enriched, or about none of them, has none)."""
    if not rows.themes:
        return
    conn.executemany(
        "INSERT OR REPLACE INTO article_themes (article_id, theme, confidence, support, headline, evidence) "
        "VALUES (:article_id, :theme, :confidence, :support, :headline, :evidence)",
        [{**r, "article_id": article_id, "headline": int(r["headline"])} for r in rows.themes])


def read_themes(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Fill the article's themes, the most confident first."""
    article.themes = [
        ArticleTheme(r["theme"], r["confidence"], r["support"], json.loads(r["evidence"]), bool(r["headline"]))
        for r in conn.execute("SELECT theme, confidence, support, headline, evidence FROM article_themes "
                              "WHERE article_id = ? ORDER BY confidence DESC, theme", (article_id,))]
