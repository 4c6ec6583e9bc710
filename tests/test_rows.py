"""One mapping from an Article to rows: the SQLite store and the Spark job's Parquet tables hold the
same rows for the same pages, ids aside (store/rows.py)."""

from __future__ import annotations

import sqlite3

import pytest

import newsgraph
from newsgraph.scale.tables import TABLES, article_rows
from newsgraph.store import Store, StoredPage
from tests.pages import STORY_PARAGRAPHS

STORIES = [
    "\n\n".join(STORY_PARAGRAPHS),
    "Police arrested two protesters outside the parliament in Nairobi on Monday, the interior ministry said.\n\n"
    "\"We will not tolerate violence,\" said Interior Minister Amina Wekesa, who met opposition leaders later.\n\n"
    "Russian officials denied the report. According to Reuters, the army did not attack the rebel camp near Mombasa.",
]
# The columns both sides have, per table, minus the ids each side makes its own way.
IDS = {"id", "article_id", "actor_id", "place_id", "speaker_actor_id", "source_actor_id", "event_id", "ingested_at",
       "date", "actor1_id", "actor2_id"}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    articles = []
    for i, text in enumerate(STORIES):
        article = newsgraph.analyze_text(text, published=f"2026-03-1{i + 1}")
        article.url = f"https://news.example/{i}"
        articles.append(article)
    path = tmp_path_factory.mktemp("rows") / "news.db"
    with Store(path) as store:
        store.add_batch([StoredPage(a, f"page{i}.html", f"hash{i}", a.url) for i, a in enumerate(articles)])
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    parquet: dict[str, list[dict]] = {name: [] for name in TABLES}
    for i, a in enumerate(articles):
        for table, rows in article_rows(a, f"page{i}.html", f"hash{i}", a.url).items():
            parquet[table] += [dict(zip([c for c, _ in TABLES[table]], row)) for row in rows]
    yield articles, conn, parquet
    conn.close()


def _names(conn, parquet):
    """Natural keys for the ids of each side: actor id -> (name, type), place id -> name, article id -> url."""
    sql = {
        "actor": {r["id"]: (r["name"], r["type"]) for r in conn.execute("SELECT id, name, type FROM actors")},
        "place": {r["id"]: r["name"] for r in conn.execute("SELECT id, name FROM places")},
        "article": {r["id"]: r["url"] for r in conn.execute("SELECT id, url FROM articles")},
    }
    pq = {
        "actor": {r["actor_id"]: (r["name"], r["type"]) for r in parquet["article_actors"]},
        "place": {r["id"]: r["name"] for r in parquet["places"]},
        "article": {r["id"]: r["url"] for r in parquet["articles"]},
    }
    return sql, pq


def _comparable(rows: list[dict], columns: set[str], names: dict) -> list[tuple]:
    out = []
    for r in rows:
        item = [("article", names["article"].get(r.get("article_id")))]
        for ref, kind in (("actor_id", "actor"), ("speaker_actor_id", "actor"), ("source_actor_id", "actor"),
                          ("place_id", "place"), ("actor1_id", "actor"), ("actor2_id", "actor")):
            if ref in r:
                item.append((ref, names[kind].get(r[ref])))
        item += [(c, r[c]) for c in sorted(columns)]
        out.append(tuple(item))
    return sorted(out, key=repr)


@pytest.mark.parametrize("table", ["articles", "related_posts", "outlinks", "article_actors", "actor_mentions",
                                   "place_mentions", "quotes", "citations"])
def test_the_store_and_the_parquet_tables_hold_the_same_rows(both, table):
    articles, conn, parquet = both
    stored = [dict(r) for r in conn.execute(f"SELECT * FROM {table}")]
    written = parquet[table]
    assert len(stored) == len(written)
    columns = {c for c, _ in TABLES[table]} & set(stored[0] if stored else {}) - IDS
    sql_names, pq_names = _names(conn, parquet)
    assert _comparable(stored, columns, sql_names) == _comparable(written, columns, pq_names)


def test_the_stories_have_facts_of_every_kind(both):
    articles, conn, parquet = both
    for table in ("article_actors", "actor_mentions", "place_mentions", "quotes", "citations", "event_reports"):
        assert parquet[table], table  # else the comparison above proves little


def test_event_reports_agree_on_both_sides(both):
    articles, conn, parquet = both
    stored = [dict(r) for r in conn.execute(
        "SELECT x.*, e.type, e.mode, e.actor1_id, e.actor2_id, e.place_id FROM event_reports x "
        "JOIN events e ON e.id = x.event_id")]
    for row in parquet["event_reports"]:
        row["date"] = row.pop("event_date")
    written = parquet["event_reports"]
    columns = {"position", "type", "mode", "start_offset", "end_offset", "trigger_start", "trigger_end", "status",
               "confidence", "text", "actor1", "actor2", "place", "date", "date_precision"}
    sql_names, pq_names = _names(conn, parquet)
    assert stored and _comparable(stored, columns, sql_names) == _comparable(written, columns, pq_names)


def test_the_place_of_an_event_is_a_place_row_on_both_sides(both):
    articles, conn, parquet = both
    place_ids = {r["id"] for r in parquet["places"]}
    assert all(r["place_id"] in place_ids for r in parquet["event_reports"] if r["place_id"] is not None)
    stored = {r[0] for r in conn.execute("SELECT id FROM places")}
    assert all(r[0] in stored for r in conn.execute("SELECT place_id FROM events WHERE place_id IS NOT NULL"))
