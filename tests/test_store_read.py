"""The read side as a server uses it: a read-only store that never writes or migrates, clear errors
for a file it cannot serve, and a time limit on each query."""

import hashlib
import sqlite3
import time

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import newsgraph.store
from newsgraph.cli import main
from newsgraph.record import Article
from newsgraph.store import Store, StoredPage, StoreReadOnly
from newsgraph.store.read import (
    DatabaseMissing,
    Filters,
    NotADatabase,
    QueryTimeout,
    SchemaTooOld,
    StoreUnavailable,
)
from newsgraph.store.schema import MIGRATIONS
from newsgraph.web import create_app
from newsgraph.web.common import Stores
from tests.pages import STORY_PARAGRAPHS

# A statement that runs for minutes unless something stops it.
SLOW = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"


def _article(title: str = "River floods force thousands from homes") -> Article:
    return Article.from_paragraphs(STORY_PARAGRAPHS, title=title, url="https://courier.example/flood",
                                   site_name="Courier", published="2026-03-14", language="en")


def _build(path) -> str:
    with Store(path) as store:
        store.add_batch([StoredPage(_article(), "flood.html", "h1")])
    return str(path)


def _digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture
def db(tmp_path) -> str:
    return _build(tmp_path / "served.db")


@pytest.fixture
def old_db(tmp_path, monkeypatch) -> str:
    """A database written by a newsgraph one migration behind this one."""
    path = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(newsgraph.store, "MIGRATIONS", MIGRATIONS[:-1])
        _build(path)
    return str(path)


# -- read-only ------------------------------------------------------------------------------


def test_a_read_only_store_reads_and_cannot_write(db):
    with Store.open_read_only(db) as store:
        assert store.articles_page(Filters()).total == 1
        assert store.search_page(Filters(q="floods")).items[0]["title"].startswith("River floods")
        with pytest.raises(StoreReadOnly, match="read-only"):  # one line naming the file
            store.add_batch([StoredPage(_article("Another"), "other.html", "h2")])
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")
        store.conn.execute("PRAGMA query_only = OFF")  # the connection itself is read-only too (mode=ro)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("CREATE TABLE t (x)")
    with Store(db) as store:
        assert store.articles_page(Filters()).total == 1


def test_the_web_app_reads_through_read_only_connections(db):
    store = Stores(db).get()
    assert store.conn.execute("PRAGMA query_only").fetchone()[0] == 1
    with pytest.raises(sqlite3.OperationalError):
        store.conn.execute("UPDATE articles SET title = 'changed'")
    client = TestClient(create_app(db))
    assert client.get("/api/articles").json()["total"] == 1
    assert client.get("/api/articles/1").json()["title"] == "River floods force thousands from homes"


def test_serving_leaves_the_file_as_it_was(tmp_path):
    """No migration, no journal-mode change: the file's bytes are the same after serving it."""
    path = _build(tmp_path / "rollback.db")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # a file as another tool left it
    conn.close()
    before = _digest(path)
    client = TestClient(create_app(path))
    for url in ("/", "/api/articles", "/api/search?q=floods", "/api/stats", "/articles/1", "/api/map", "/timeline"):
        assert client.get(url).status_code == 200, url
    assert _digest(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_ingest_through_the_api_still_writes(tmp_path, monkeypatch):
    """The one route that writes opens its own writable store, even on a file the readers found missing."""
    import newsgraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "enrich_articles", lambda articles: articles)
    path = str(tmp_path / "fresh.db")
    client = TestClient(create_app(path, allow_ingest=True, token="s3cret"), raise_server_exceptions=False)
    assert client.get("/api/articles").status_code == 503  # nothing to read yet
    page = "<html><head><title>Flood</title></head><body><article>" + "".join(
        f"<p>{p}</p>" for p in STORY_PARAGRAPHS) + "</article></body></html>"
    stored = client.post("/api/ingest", json={"content": page}, headers={"Authorization": "Bearer s3cret"})
    assert stored.status_code == 200, stored.text
    assert client.get("/api/articles").json()["total"] == 1


# -- files that cannot be served ---------------------------------------------------------------


def test_a_missing_file_is_one_clear_line_and_is_not_created(tmp_path):
    path = tmp_path / "nothing.db"
    with pytest.raises(DatabaseMissing) as caught:
        Store.open_read_only(path)
    assert "no such database" in str(caught.value) and "newsgraph ingest" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not path.exists()
    result = CliRunner().invoke(main, ["serve", "--db", str(path)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {path}: no such database") and "newsgraph ingest" in line
    assert not path.exists()
    client = TestClient(create_app(str(path)), raise_server_exceptions=False)
    response = client.get("/api/articles")
    assert response.status_code == 503 and "no such database" in response.json()["error"]
    page = client.get("/")
    assert page.status_code == 503 and "no such database" in page.text and "Traceback" not in page.text
    assert not path.exists()


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(NotADatabase, match="not a newsgraph database"):
        Store.open_read_only(path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(NotADatabase, match="schema_migrations"):
        Store.open_read_only(other)


def test_an_older_schema_is_reported_not_migrated(old_db):
    before = _digest(old_db)
    with pytest.raises(SchemaTooOld) as caught:
        Store.open_read_only(old_db)
    message = str(caught.value)
    assert "older than this newsgraph" in message and f"newsgraph stats --db {old_db}" in message
    assert isinstance(caught.value, StoreUnavailable) and "\n" not in message

    result = CliRunner().invoke(main, ["serve", "--db", old_db])
    assert result.exit_code == 1 and "newsgraph stats" in result.output
    client = TestClient(create_app(old_db), raise_server_exceptions=False)
    response = client.get("/api/articles")
    assert response.status_code == 503 and "newsgraph stats" in response.json()["error"]
    assert _digest(old_db) == before  # still old: serving did not migrate it
    versions = {r[0] for r in sqlite3.connect(old_db).execute("SELECT version FROM schema_migrations")}
    assert max(v for v, _, _ in MIGRATIONS) not in versions

    assert CliRunner().invoke(main, ["stats", "--db", old_db]).exit_code == 0  # the command the message names
    with Store.open_read_only(old_db) as store:
        assert store.articles_page(Filters()).total == 1
    assert client.get("/api/articles").json()["total"] == 1  # the server reads it without a restart


# -- the time limit ----------------------------------------------------------------------------


def test_a_slow_query_is_stopped_at_the_limit(db):
    with Store.open_read_only(db, time_limit=0.05) as store:
        started = time.monotonic()
        with pytest.raises(QueryTimeout) as caught, store.time_limited():
            store.conn.execute(SLOW).fetchone()
        assert time.monotonic() - started < 2
        assert "stopped after 0.05 s" in str(caught.value) and "\n" not in str(caught.value)
        # the connection goes on serving, each read with a limit of its own
        assert store.articles_page(Filters()).total == 1
        with store.time_limited():
            assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_the_limit_is_per_read_not_per_connection(db):
    counting = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT count(*) FROM n"
    with Store.open_read_only(db, time_limit=1.0) as store:
        for _ in range(3):  # three reads of ~0.6 s each: more than the limit together, each within it
            with store.time_limited():
                time.sleep(0.6)
                assert store.conn.execute(counting).fetchone()[0] == 20000


def test_without_a_limit_nothing_is_stopped(db):
    with Store(db) as store:  # the command line's store: no limit
        assert store.time_limit is None
        with store.time_limited():
            assert store.conn.execute("SELECT 1").fetchone()[0] == 1


def test_the_web_app_answers_a_slow_query_with_a_503(db, monkeypatch):
    from newsgraph.store.read import articles

    def slow(conn, *args):
        conn.execute(SLOW).fetchone()

    monkeypatch.setattr(articles, "list_articles", slow)
    monkeypatch.setattr(articles, "search", slow)
    client = TestClient(create_app(db, query_time_limit=0.05), raise_server_exceptions=False)
    response = client.get("/api/articles")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == 503 and "stopped after 0.05 s" in body["error"] and "\n" not in body["error"]
    page = client.get("/", params={"q": "floods"})
    assert page.status_code == 503 and "stopped after 0.05 s" in page.text and "Traceback" not in page.text
    assert client.get("/api/places").status_code == 200  # the other reads go on
