"""The SQLite store: the only module that speaks SQL.

One transaction per batch, so a crash or kill mid-ingest leaves whole batches
or nothing; idempotent by content hash, so re-ingesting changes nothing; WAL
mode, so the web application can read while an ingest writes.

Several processes may write one file at once (two ingests, an ingest and a server that accepts
uploads): every write is a ``BEGIN IMMEDIATE`` transaction, so writers take SQLite's write lock in
turn (each waits up to ``BUSY_TIMEOUT`` for it) and see what the others committed before deciding
whether an article is new; an article another process stored first is "duplicate", as if this one
had stored it.  Migrations run under the same lock and check again what is applied once they hold
it, so processes opening a new file together create its schema once.  A file that cannot be opened,
is not a SQLite database, belongs to another program or cannot be written is a one-line
``StoreError``.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.corpus.reuse import Alignment
from newsgraph.record import Article, Paragraph, RelatedPost
from newsgraph.store import reuse
from newsgraph.store.cursor import inserted_id
from newsgraph.store.errors import StoreBusy, StoreError, StoreReadOnly, about_the_file, store_error
from newsgraph.store.events import iter_event_rows, read_events, write_events
from newsgraph.store.facts import read_facts, write_facts
from newsgraph.store.rows import article_rows
from newsgraph.store.read import QUERY_TIME_LIMIT, ReadSide, TimeLimit, bounded, open_read_only
from newsgraph.store.schema import MIGRATIONS, statements
from newsgraph.store.themes import read_themes, write_themes
from newsgraph.store.tone import read_tone, write_tone

__all__ = ["BUSY_TIMEOUT", "Store", "StoreBusy", "StoreError", "StoreReadOnly", "StoreResult", "StoredPage"]

# Seconds a writer waits for another process's write (one batch, usually well under a second) to end.
BUSY_TIMEOUT = 60.0

_ARTICLE_COLUMNS = (
    "id, title, text, url, canonical_url, site_name, author, published, language, "
    "paragraph_offsets, content_hash, extraction_method, origin, fetched_at"
)


@dataclass
class StoredPage:
    """One extracted page ready to store, with where it came from."""

    article: Article
    origin: str
    page_hash: str
    url: str | None = None


@dataclass
class StoreResult:
    status: str  # "stored" or "duplicate"
    article_id: int
    origin: str


class Store(ReadSide):
    def __init__(self, path: str | Path, mmap_bytes: int = 0, read_only: bool = False,
                 time_limit: float | None = None):
        """`mmap_bytes` > 0 maps that much of the file: connections then share the OS page cache
        instead of each copying pages into its own (a server with a connection per thread).

        `read_only` opens an existing, migrated file without the right to write (see `open_read_only`);
        otherwise the file is created if missing and brought up to date.  `time_limit` (seconds) stops
        any one read of the read side that runs longer, with QueryTimeout."""
        self.path = str(path)
        if read_only:
            self.conn = open_read_only(self.path)
        else:
            self.conn = _open_writer(self.path)
        if mmap_bytes:
            self.conn.execute(f"PRAGMA mmap_size = {int(mmap_bytes)}")
        if time_limit:
            self.time_limit = TimeLimit(self.conn, time_limit)
        if not read_only:
            try:
                self.migrate()
            except BaseException:
                self.conn.close()
                raise

    @classmethod
    def open_read_only(cls, path: str | Path, mmap_bytes: int = 0, time_limit: float | None = QUERY_TIME_LIMIT) -> Store:
        """The store as a server reads it: a `mode=ro` connection with `query_only`, no migration, no change of
        journal mode, each read bounded by `time_limit`.  A missing file, a file that is not a newsgraph
        database, or one whose schema is older than this code raises StoreUnavailable (one line, what to run)."""
        return cls(path, mmap_bytes, read_only=True, time_limit=time_limit)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    def migrate(self) -> None:
        """Apply every migration this file has not had yet, in one transaction under the write lock.

        What is applied is read again once the lock is held, so two processes migrating one file apply
        each migration once.  The transaction also proves the file can be written (StoreReadOnly if not)."""
        with self.writing("opening it to write"):
            _check_ours(self.conn, self.path)
            # Rewriting the version as it is changes nothing, but fails at once on a file that cannot be written.
            self.conn.execute(f"PRAGMA user_version = {self.schema_version}")
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
            if all(version in applied for version, _, _ in MIGRATIONS):
                self.conn.rollback()  # nothing to apply: the file stays as it was, byte for byte
                return
            for version, description, sql in sorted(MIGRATIONS):
                if version in applied:
                    continue
                for statement in statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, description, _now()))
                applied.add(version)
                self.conn.execute(f"PRAGMA user_version = {max(applied)}")

    @contextmanager
    def writing(self, doing: str) -> Iterator[None]:
        """One write transaction, begun IMMEDIATE: it waits for the write lock (BUSY_TIMEOUT) before reading
        anything, so what it reads is what the other writers committed.  Commits, or rolls back on any error;
        a SQLite error on the file is a StoreError saying what was being done."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(self.path, exc, doing) from None
        try:
            yield
            self.conn.commit()
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.rollback()
            if isinstance(exc, sqlite3.Error) and about_the_file(exc):
                raise store_error(self.path, exc, doing) from None
            raise

    # -- writing --------------------------------------------------------------------------

    def known_pages(self, page_hashes: Iterable[str]) -> set[str]:
        """Which of these raw pages were stored before (to skip them on resume)."""
        hashes = list(page_hashes)
        known: set[str] = set()
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT page_hash FROM pages WHERE page_hash IN ({marks})", chunk)
            known.update(row[0] for row in rows)
        return known

    def add_batch(self, pages: list[StoredPage], failures: Iterable[tuple[str, str]] = ()) -> list[StoreResult]:
        """Store a batch in one transaction: all of it lands, or none of it."""
        results: list[StoreResult] = []
        now = _now()
        with self.writing("storing a batch"):
            for page in pages:
                results.append(self._add(page, now))
            reuse.link_copies(self.conn, [(r.article_id, p.article) for r, p in zip(results, pages) if r.status == "stored"])
            self.conn.executemany(
                "INSERT INTO ingest_failures (origin, reason, failed_at) VALUES (?, ?, ?)",
                [(origin, reason, now) for origin, reason in failures],
            )
        return results

    def bulk_add(self, pages: list[StoredPage]) -> list[StoreResult]:
        """Store generated articles fast, in one transaction, without the reuse stage (bench/web.py).

        Everything add_batch stores but the provenance links; `link_unindexed_copies` adds them later.
        """
        now = _now()
        with self.writing("storing a batch"):
            return [self._add(page, now) for page in pages]

    def _add(self, page: StoredPage, now: str) -> StoreResult:
        """Store one page inside the batch's transaction (which holds the write lock, so the look-up of an
        identical article sees everything every process committed)."""
        art = page.article
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND coalesce(url, '') = coalesce(?, '')",
            (art.content_hash, art.url),
        ).fetchone()
        article_id: int
        if row:
            status, article_id = "duplicate", row[0]
        else:
            rows = article_rows(art, page.origin)
            cur = self.conn.execute(
                "INSERT INTO articles (title, text, url, canonical_url, site_name, author, published, language, "
                "word_count, paragraph_offsets, content_hash, extraction_method, origin, fetched_at, ingested_at) "
                "VALUES (:title, :text, :url, :canonical_url, :site_name, :author, :published, :language, "
                ":word_count, :paragraph_offsets, :content_hash, :extraction_method, :origin, :fetched_at, :ingested_at)",
                {**rows.article, "ingested_at": now},
            )
            status, article_id = "stored", inserted_id(cur)
            self.conn.executemany(
                "INSERT INTO related_posts (article_id, position, title, snippet, url) "
                "VALUES (:article_id, :position, :title, :snippet, :url)",
                [{**r, "article_id": article_id} for r in rows.related_posts],
            )
            self.conn.executemany(
                "INSERT INTO outlinks (article_id, position, url) VALUES (:article_id, :position, :url)",
                [{**r, "article_id": article_id} for r in rows.outlinks],
            )
            actor_ids, place_ids = write_facts(self.conn, article_id, rows)
            write_events(self.conn, article_id, rows, actor_ids, place_ids)
            write_tone(self.conn, article_id, rows, actor_ids)
            write_themes(self.conn, article_id, rows)
        self.conn.execute(
            "INSERT OR IGNORE INTO pages (page_hash, origin, url, fetched_at, article_id, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (page.page_hash, page.origin, page.url, art.fetched_at, article_id, now),
        )
        return StoreResult(status, article_id, page.origin)

    # -- reading --------------------------------------------------------------------------

    @bounded
    def get(self, article_id: int) -> tuple[Article, str] | None:
        """The stored Article and the origin it was first read from."""
        row = self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def iter_articles(self, batch_size: int = 500) -> Iterator[tuple[int, str, Article]]:
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch_size)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                article, origin = self._article(row)
                yield row["id"], origin, article
            last = rows[-1]["id"]

    def _article(self, row: sqlite3.Row) -> tuple[Article, str]:
        related = [
            RelatedPost(title=r["title"], snippet=r["snippet"] or "", url=r["url"])
            for r in self.conn.execute(
                "SELECT title, snippet, url FROM related_posts WHERE article_id = ? ORDER BY position", (row["id"],)
            )
        ]
        outlinks = [
            r[0] for r in self.conn.execute("SELECT url FROM outlinks WHERE article_id = ? ORDER BY position", (row["id"],))
        ]
        article = Article(
            text=row["text"],
            title=row["title"],
            paragraphs=[Paragraph(s, e) for s, e in json.loads(row["paragraph_offsets"])],
            url=row["url"],
            canonical_url=row["canonical_url"],
            site_name=row["site_name"],
            author=row["author"],
            published=row["published"],
            language=row["language"],
            outlinks=outlinks,
            related=related,
            content_hash=row["content_hash"],
            extraction_method=row["extraction_method"],
            fetched_at=row["fetched_at"],
        )
        read_facts(self.conn, row["id"], article)
        read_events(self.conn, row["id"], article)
        read_tone(self.conn, row["id"], article)
        read_themes(self.conn, row["id"], article)
        return article, row["origin"]

    def iter_events(self, include_negated: bool = False, min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
        """Each distinct event with its actors, place and every report (article, sentence, status):
        by default only events stated as having happened, at or above the confidence threshold."""
        return iter_event_rows(self.conn, include_negated, min_confidence)

    @bounded
    def stats(self) -> dict[str, Any]:
        def one(sql: str) -> Any:
            return self.conn.execute(sql).fetchone()[0]

        def grouped(sql: str) -> dict[str, int]:
            return {k or "unknown": n for k, n in self.conn.execute(sql)}

        return {
            "database": self.path,
            "schema_version": self.schema_version,
            "articles": one("SELECT count(*) FROM articles"),
            "pages": one("SELECT count(*) FROM pages"),
            "words": one("SELECT coalesce(sum(word_count), 0) FROM articles"),
            "related_posts": one("SELECT count(*) FROM related_posts"),
            "actors": one("SELECT count(*) FROM actors"),
            "actor_mentions": one("SELECT count(*) FROM actor_mentions"),
            "places": one("SELECT count(*) FROM places"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "citations": one("SELECT count(*) FROM citations"),
            "events": one("SELECT count(*) FROM events"),
            "event_reports": one("SELECT count(*) FROM event_reports"),
            "copies": one("SELECT count(*) FROM copies"),
            "copy_clusters": one("SELECT count(*) FROM copy_clusters"),
            "failures": one("SELECT count(*) FROM ingest_failures"),
            "published_from": one("SELECT min(published) FROM articles"),
            "published_to": one("SELECT max(published) FROM articles"),
            "languages": grouped("SELECT language, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
            "sites": grouped("SELECT site_name, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 15"),
            "extraction_methods": grouped("SELECT extraction_method, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
        }

    # -- provenance (text reuse) ----------------------------------------------------------

    @bounded
    def reuse_of(self, article_id: int) -> reuse.Reuse:
        """Class, sources, copies (shares, passages) and cluster of one article."""
        return reuse.reuse_of(self.conn, article_id)

    @bounded
    def reuse_of_unstored(self, article: Article) -> reuse.Reuse:
        """For an article not in the database: the stored articles it copies or that copy it."""
        return reuse.reuse_of_unstored(self.conn, article)

    @bounded
    def largest_clusters(self, limit: int = 10) -> list[reuse.Cluster]:
        return reuse.largest_clusters(self.conn, limit)

    @bounded
    def most_copied_sources(self, limit: int = 10) -> list[reuse.CopiedSource]:
        return reuse.most_copied_sources(self.conn, limit)

    @bounded
    def copies_reporting(self, article_id: int, start: int, end: int) -> list[reuse.Reporting]:
        """The other articles whose copied passages carry text[start:end], with the span mapped into each."""
        return reuse.copies_reporting(self.conn, article_id, start, end)

    def copy_source(self, text: str, min_share: float) -> tuple[Article, Alignment] | None:
        """The stored article this text is (nearly) a copy of, read back with its facts, and the alignment
        `align(text, its text)`; None when no stored article's passages cover `min_share` of its words."""
        found = reuse.copy_source(self.conn, text, min_share)
        if found is None:
            return None
        stored = self.get(found[0])
        return (stored[0], found[1]) if stored else None

    def link_unindexed_copies(self) -> int:
        """Run the reuse stage over articles stored before it existed; how many were linked."""
        return reuse.link_unindexed(self.conn)


def _open_writer(path: str) -> sqlite3.Connection:
    """A connection that may write `path` (created if missing), in WAL mode; StoreError when it cannot be had."""
    parent = Path(path).parent
    if not parent.is_dir():
        raise StoreError(path, f"cannot create the database: there is no folder {parent}")
    if Path(path).is_dir():
        raise StoreError(path, "is a folder, not a database file")
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
    except sqlite3.Error as exc:
        raise store_error(path, exc, "opening it") from None
    try:
        conn.row_factory = sqlite3.Row
        _check_ours(conn, path)  # before WAL mode, which would change another program's file
        _set_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise store_error(path, exc, "opening it") from None
    except StoreError:
        conn.close()
        raise
    return conn


def _check_ours(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a SQLite database of another program rather than add newsgraph's tables to it."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "schema_migrations" not in tables:
        raise StoreError(path, "not a newsgraph database: a SQLite database of another program (it has no "
                               "schema_migrations table); give --db a newsgraph database or a new file name")


def _set_wal(conn: sqlite3.Connection) -> None:
    """WAL mode.  Switching a new file needs a moment alone with it: processes opening the same new file at
    once get SQLITE_BUSY without the busy handler being asked, so retry until BUSY_TIMEOUT has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
