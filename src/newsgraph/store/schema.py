"""The database schema as an ordered list of migrations.

Each migration runs once, in its own transaction, and is recorded in
``schema_migrations`` (and in ``PRAGMA user_version``) so an old database file
is brought up to date when it is opened.  Table and column names are meant to
be read by a person browsing the file in Datasette or the sqlite3 shell.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, the pages they came from, teasers, outlinks, failures, full-text index",
        """
        CREATE TABLE articles (
            id                INTEGER PRIMARY KEY,
            title             TEXT,
            text              TEXT NOT NULL,          -- the clean article body; every offset points into it
            url               TEXT,
            canonical_url     TEXT,
            site_name         TEXT,
            author            TEXT,
            published         TEXT,                   -- ISO 8601 date as the page states it
            language          TEXT,                   -- ISO 639-1 code
            word_count        INTEGER NOT NULL,
            paragraph_offsets TEXT NOT NULL,          -- JSON [[start, end], ...] into text
            content_hash      TEXT NOT NULL,          -- sha256 of the whitespace-normalised text
            extraction_method TEXT NOT NULL,          -- trafilatura, readability, textdump, ...
            origin            TEXT NOT NULL,          -- file path or URL it was first read from
            fetched_at        TEXT,                   -- when the crawler fetched the page
            ingested_at       TEXT NOT NULL
        );
        -- The same text at the same address is one article, however often it is ingested.
        CREATE UNIQUE INDEX articles_by_identity ON articles (content_hash, coalesce(url, ''));
        CREATE INDEX articles_by_published ON articles (published);
        CREATE INDEX articles_by_site ON articles (site_name);

        -- Every raw page read (by hash of its bytes): lets an interrupted ingest resume without redoing work.
        CREATE TABLE pages (
            page_hash   TEXT PRIMARY KEY,
            origin      TEXT NOT NULL,
            url         TEXT,
            fetched_at  TEXT,
            article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX pages_by_article ON pages (article_id);

        -- Teasers of other posts shown on the page ("Popular posts", "Related stories"): not body text.
        CREATE TABLE related_posts (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            title      TEXT NOT NULL,
            snippet    TEXT,
            url        TEXT,
            PRIMARY KEY (article_id, position)
        );

        CREATE TABLE outlinks (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            url        TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        );

        -- Inputs that could not be turned into an article, with the reason.
        CREATE TABLE ingest_failures (
            id        INTEGER PRIMARY KEY,
            origin    TEXT NOT NULL,
            reason    TEXT NOT NULL,
            failed_at TEXT NOT NULL
        );

        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text,
            content = 'articles', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
    ),
]
