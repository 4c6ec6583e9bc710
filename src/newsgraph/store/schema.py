"""The database schema as an ordered list of migrations.

Each migration runs once, in its own transaction, and is recorded in
``schema_migrations`` (``PRAGMA user_version`` holds the highest), so an old
database file is brought up to date when it is opened; a migration is applied
whenever it is missing, whatever its number.  The store applies the missing ones statement by
statement (``statements``) in one transaction that holds the write lock, so processes opening a
new file at once create each table once.  Table and column names are meant to
be read by a person browsing the file in Datasette or the sqlite3 shell.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator


def statements(script: str) -> Iterator[str]:
    """The SQL statements of a migration, one at a time (a trigger's body stays inside its statement)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip() and not all(part.strip().startswith("--") or not part.strip() for part in pending.splitlines()):
        yield pending.strip()

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
    (
        2,
        "actors, places, quotes and cited sources found in the articles",
        """
        -- One row per actor across all articles: "Islamic State", "John Kirby", "Libya".
        CREATE TABLE actors (
            id      INTEGER PRIMARY KEY,
            name    TEXT NOT NULL,                 -- canonical name
            type    TEXT NOT NULL,                 -- person, organization, country, armed_group, igo, media, ...
            country TEXT,                          -- ISO 3166 alpha-2
            sector  TEXT,                          -- government, military, police, rebel, igo, media, ...
            kb_id   TEXT UNIQUE                    -- id in newsgraph's actor knowledge base, for known actors
        );
        CREATE UNIQUE INDEX actors_by_name ON actors (name, type) WHERE kb_id IS NULL;

        -- Every name an actor goes by in the articles ("IS", "ISIL", "the terror group").
        CREATE TABLE actor_aliases (
            actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
            alias    TEXT NOT NULL,
            PRIMARY KEY (actor_id, alias)
        );

        -- An actor as it appears in one article, with the role the article gives it.
        CREATE TABLE article_actors (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            actor_id   INTEGER NOT NULL REFERENCES actors (id),
            position   INTEGER NOT NULL,           -- order in the article's entity list
            role       TEXT,                       -- "US State Department spokesman"
            aliases    TEXT NOT NULL,              -- JSON list of the other names used in this article
            mentions   INTEGER NOT NULL,           -- how many times it is mentioned
            PRIMARY KEY (article_id, actor_id)
        );
        CREATE INDEX article_actors_by_actor ON article_actors (actor_id);

        -- Each mention of an actor: text[start_offset:end_offset] of the article.
        CREATE TABLE actor_mentions (
            article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            actor_id     INTEGER NOT NULL REFERENCES actors (id),
            start_offset INTEGER NOT NULL,
            end_offset   INTEGER NOT NULL,
            text         TEXT NOT NULL,
            PRIMARY KEY (article_id, start_offset, end_offset, actor_id)
        );
        CREATE INDEX actor_mentions_by_actor ON actor_mentions (actor_id);

        -- One row per resolved place (a GeoNames feature).
        CREATE TABLE places (
            id        INTEGER PRIMARY KEY,
            geonameid INTEGER UNIQUE,
            name      TEXT NOT NULL,
            country   TEXT,                        -- ISO 3166 alpha-2
            admin1    TEXT,                        -- first-level division code or name
            latitude  REAL,
            longitude REAL,
            feature   TEXT                         -- GeoNames feature class.code, e.g. P.PPLA
        );

        CREATE TABLE place_mentions (
            article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            place_id     INTEGER NOT NULL REFERENCES places (id),
            position     INTEGER NOT NULL,         -- order in the article's place list
            start_offset INTEGER NOT NULL,
            end_offset   INTEGER NOT NULL,
            text         TEXT NOT NULL,
            PRIMARY KEY (article_id, start_offset, end_offset, place_id)
        );
        CREATE INDEX place_mentions_by_place ON place_mentions (place_id);

        -- Who said what: the quote is text[start_offset:end_offset], the speaker as written is
        -- text[speaker_start:speaker_end].
        CREATE TABLE quotes (
            id               INTEGER PRIMARY KEY,
            article_id       INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            text             TEXT NOT NULL,
            start_offset     INTEGER NOT NULL,
            end_offset       INTEGER NOT NULL,
            speaker          TEXT,                 -- canonical name, or the words of the text
            speaker_actor_id INTEGER REFERENCES actors (id),
            speaker_start    INTEGER,
            speaker_end      INTEGER,
            cue              TEXT,                 -- the reporting verb as written: said, told, according to
            kind             TEXT NOT NULL         -- direct or indirect
        );
        CREATE INDEX quotes_by_article ON quotes (article_id);
        CREATE INDEX quotes_by_speaker ON quotes (speaker_actor_id);

        -- Who is cited as the source of a sentence: "RIA Novosti reported", "according to the UN report".
        CREATE TABLE citations (
            id              INTEGER PRIMARY KEY,
            article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            source          TEXT NOT NULL,
            source_actor_id INTEGER REFERENCES actors (id),
            cue             TEXT NOT NULL,
            start_offset    INTEGER NOT NULL,      -- the sentence the source supports
            end_offset      INTEGER NOT NULL
        );
        CREATE INDEX citations_by_article ON citations (article_id);
        """,
    ),
    (
        3,
        "events: one row per distinct event, one per article sentence reporting it",
        """
        -- One row per distinct event, however many articles report it (see docs/events.md for the
        -- merge rule): PLOVER type and mode, CAMEO root, source and target actors, place, date.
        CREATE TABLE events (
            id              INTEGER PRIMARY KEY,
            type            TEXT NOT NULL,         -- PLOVER event type: ASSAULT, REQUEST, ...
            mode            TEXT,                  -- PLOVER mode: seize, troops, allege, ...
            cameo_root      TEXT,                  -- two-digit CAMEO root code, for GDELT-shaped exports
            actor1_id       INTEGER REFERENCES actors (id),  -- the source, when it is a known actor
            actor1_key      TEXT,                  -- 'actor:<id>' or 'text:<country>:<words>': what reports must share
            actor2_id       INTEGER REFERENCES actors (id),  -- the target
            actor2_key      TEXT,
            place_id        INTEGER REFERENCES places (id),  -- where it happened
            place_country   TEXT,                  -- ISO 3166 alpha-2 of the place
            place_precision TEXT,                  -- point, admin1, admin2, country, region
            date            TEXT,                  -- ISO 8601, as precise as date_precision says
            date_precision  TEXT,                  -- day, week, month, year
            negated         INTEGER NOT NULL DEFAULT 0  -- 1: reported as not happening ("refused to authorize")
        );
        CREATE INDEX events_by_key ON events (type, actor1_key, actor2_key);
        CREATE INDEX events_by_date ON events (date);
        CREATE INDEX events_by_place ON events (place_id);

        -- Each sentence of an article that reports an event, as that article states it:
        -- the sentence is articles.text[start_offset:end_offset], the trigger word text[trigger_start:trigger_end].
        CREATE TABLE event_reports (
            id             INTEGER PRIMARY KEY,
            event_id       INTEGER NOT NULL REFERENCES events (id),
            article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            position       INTEGER NOT NULL,       -- order in the article's event list
            start_offset   INTEGER NOT NULL,
            end_offset     INTEGER NOT NULL,
            trigger_start  INTEGER,
            trigger_end    INTEGER,
            status         TEXT NOT NULL,          -- asserted, negated, hypothetical, reported
            confidence     REAL,
            text           TEXT NOT NULL,          -- the sentence as written
            actor1         TEXT,                   -- JSON {name, country, sector, text} as this article gives it
            actor2         TEXT,
            place          TEXT,                   -- JSON, as in the article's places, with precision
            date           TEXT,
            date_precision TEXT
        );
        CREATE INDEX event_reports_by_event ON event_reports (event_id);
        CREATE INDEX event_reports_by_article ON event_reports (article_id);
        """,
    ),
    (
        4,
        "reuse: LSH band keys of passages, copied pairs with their passages, clusters of copies, classes",
        """
        -- LSH band keys of the MinHash signatures of each article's passages (chunks of ~45 words):
        -- two articles with the same (band, bucket) probably share a passage (newsgraph.corpus.reuse.minhash).
        CREATE TABLE reuse_band_keys (
            band       INTEGER NOT NULL,
            bucket     INTEGER NOT NULL,            -- hash of the band's MinHash minima
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, article_id)
        ) WITHOUT ROWID;

        -- One row per pair of articles sharing copied passages: the later article (by published date,
        -- then fetch time, then id) is the copy, the earlier one its source.
        CREATE TABLE copies (
            article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  -- the copy
            source_article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  -- the earlier text
            share_of_article  REAL NOT NULL,        -- share of the copy's words inside the passages
            share_of_source   REAL NOT NULL,        -- share of the source's words inside the passages
            copied_words      INTEGER NOT NULL,     -- words of the copy inside the passages
            passages          TEXT NOT NULL,        -- JSON [[start, end, source_start, source_end], ...]: offsets
                                                    -- into the copy's text and the source's text
            PRIMARY KEY (article_id, source_article_id)
        );
        CREATE INDEX copies_by_source ON copies (source_article_id);

        -- Articles connected by copied passages, with the earliest source and the evidence for it.
        CREATE TABLE copy_clusters (
            id                   INTEGER PRIMARY KEY,
            size                 INTEGER NOT NULL,  -- articles in the cluster
            earliest_article_id  INTEGER NOT NULL REFERENCES articles (id),
            runner_up_article_id INTEGER REFERENCES articles (id),  -- the next earliest, the evidence compares them
            evidence             TEXT NOT NULL      -- JSON: rule (published, fetched_at or id), the values, a sentence
        );
        CREATE INDEX copy_clusters_by_size ON copy_clusters (size);

        -- Every article's provenance: original, full_copy (>= 80% of its words copied from earlier
        -- articles), partial_copy or quoted (only a short passage), and its cluster if it has one.
        CREATE TABLE article_reuse (
            article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            class        TEXT NOT NULL,
            share_copied REAL NOT NULL,             -- share of its words found in earlier articles
            cluster_id   INTEGER REFERENCES copy_clusters (id)
        );
        CREATE INDEX article_reuse_by_cluster ON article_reuse (cluster_id);
        """,
    ),
    (
        5,
        "indexes for the web application: filters (language, country, actors of events, copy class, source), the map",
        """
        CREATE INDEX articles_by_language ON articles (language);
        CREATE INDEX places_by_country ON places (country);
        CREATE INDEX events_by_actor1 ON events (actor1_id);
        CREATE INDEX events_by_actor2 ON events (actor2_id);
        CREATE INDEX article_reuse_by_class ON article_reuse (class);
        CREATE INDEX citations_by_source ON citations (source);
        -- The map counts events per place and type from the index alone.
        CREATE INDEX events_for_map ON events (place_id, type, negated);
        """,
    ),
    (
        6,
        "indexes that let the statistics skip the article texts (2.5 s on 100,000 articles without them)",
        """
        -- word_count and extraction_method sit after the text in each row: reading them walks every
        -- text's overflow pages, unless an index holds them.
        CREATE INDEX articles_word_count ON articles (word_count);
        CREATE INDEX articles_by_method ON articles (extraction_method);
        """,
    ),
    (
        7,
        "a confidence on every fact (newsgraph.confidence): what is shown by default is what we would defend",
        """
        ALTER TABLE article_actors ADD COLUMN confidence REAL;
        ALTER TABLE place_mentions ADD COLUMN confidence REAL;
        ALTER TABLE quotes ADD COLUMN confidence REAL;
        ALTER TABLE citations ADD COLUMN confidence REAL;
        """,
    ),
    (
        8,
        "events: modality (happened, negated, hypothetical) and the best confidence of their reports",
        """
        -- negated stays 1 for every event that is not stated as having happened (negated or hypothetical)
        ALTER TABLE events ADD COLUMN modality TEXT NOT NULL DEFAULT 'happened';
        ALTER TABLE events ADD COLUMN confidence REAL;
        UPDATE events SET modality = 'negated' WHERE negated;
        UPDATE events SET modality = 'hypothetical', negated = 1 WHERE NOT negated AND NOT EXISTS (
            SELECT 1 FROM event_reports r WHERE r.event_id = events.id AND r.status IN ('asserted', 'reported'));
        UPDATE events SET confidence = (SELECT max(r.confidence) FROM event_reports r WHERE r.event_id = events.id);
        CREATE INDEX events_by_modality ON events (modality, confidence);
        """,
    ),
    (
        9,
        "full-text index with the porter stemmer: a search for 'strike' finds 'strikes' and 'striking'",
        """
        -- The triggers on articles name articles_fts and go on feeding the new index.
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text,
            content = 'articles', content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
        """,
    ),
    (
        10,
        "events: the date each is shown and sorted by (its own, else its first report's day), indexed",
        """
        -- The date the text gives the event (its first ten characters: a day, a month or a year), else
        -- the publication day of the first article reporting it: the events table sorts by it (newest
        -- first, from the index) and the timeline puts an undated event on it.
        ALTER TABLE events ADD COLUMN sort_date TEXT;
        UPDATE events SET sort_date = coalesce(substr(date, 1, 10), (
            SELECT min(substr(a.published, 1, 10)) FROM event_reports r JOIN articles a ON a.id = r.article_id
            WHERE r.event_id = events.id AND a.published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'));
        CREATE INDEX events_by_sort_date ON events (sort_date);
        ANALYZE;
        """,
    ),
    (
        11,
        "indexes for the events table: the events shown (status, confidence), alone or of one type or country, newest first",
        """
        -- Each holds what the default filters check (modality, confidence) and the order of the table
        -- (sort_date): a page of the newest events reads 50 entries, a count reads only the index;
        -- the timeline (date, type) and the map (place, type) count from an index alone.
        CREATE INDEX events_shown ON events (modality, sort_date, confidence, type, date);
        CREATE INDEX events_shown_by_type ON events (type, modality, sort_date, confidence);
        CREATE INDEX events_shown_by_country ON events (place_country, modality, sort_date, confidence);
        CREATE INDEX events_shown_by_place ON events (modality, place_id, type, confidence);
        ANALYZE;
        """,
    ),
    (
        12,
        "watch and alerts: watched sources, their schedule and health, what each gave, alert rules (on events or articles), matches, deliveries",
        """
        -- A source `newsgraph watch` polls (a feed, a sitemap, a URL list, a folder) and its state: when it
        -- is next due (unix seconds), the validators of its last answer, its consecutive failures.
        CREATE TABLE watch_sources (
            id             INTEGER PRIMARY KEY,
            source         TEXT NOT NULL UNIQUE,   -- the URL or path as given
            every_seconds  REAL NOT NULL,          -- the polling interval
            kind           TEXT,                   -- feed, sitemap, urls, folder (as last seen)
            next_due       REAL NOT NULL,          -- unix time the next poll is due
            etag           TEXT,                   -- the last answer's ETag, sent as If-None-Match
            last_modified  TEXT,                   -- its Last-Modified, sent as If-Modified-Since
            failures       INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls (0: healthy)
            last_error     TEXT,
            polls          INTEGER NOT NULL DEFAULT 0,
            not_modified   INTEGER NOT NULL DEFAULT 0,  -- polls answered 304 or unchanged
            pages          INTEGER NOT NULL DEFAULT 0,  -- new pages stored from it
            last_polled_at TEXT,
            last_ok_at     TEXT,
            added_at       TEXT NOT NULL
        );

        -- The items (links, sitemap entries, files) a source has given and that were dealt with:
        -- never fetched again.
        CREATE TABLE watch_seen (
            source_id INTEGER NOT NULL REFERENCES watch_sources (id) ON DELETE CASCADE,
            item      TEXT NOT NULL,               -- a URL, a feed entry's origin, a file's path:size:mtime
            seen_at   TEXT NOT NULL,
            PRIMARY KEY (source_id, item)
        ) WITHOUT ROWID;

        -- An alert rule: the filters of /events (JSON of store.read.Filters fields, the actor by name),
        -- how many independent sources within how long, where to deliver.
        CREATE TABLE alert_rules (
            id              INTEGER PRIMARY KEY,
            name            TEXT NOT NULL UNIQUE,
            filters         TEXT NOT NULL,         -- JSON
            actor           TEXT,                  -- an actor's name or id, looked up when the rule is evaluated
            min_sources     INTEGER NOT NULL DEFAULT 1,
            window_seconds  REAL,                  -- sources counted among reports stored this recently (NULL: ever)
            webhook         TEXT,
            secret          TEXT,                  -- the HMAC-SHA256 key of its webhook's signature
            email           TEXT,
            last_article_id INTEGER NOT NULL DEFAULT 0,  -- articles up to this id have been evaluated
            created_at      TEXT NOT NULL,
            target          TEXT NOT NULL DEFAULT 'events'  -- what it matches: events or articles
        );

        -- Each event (or, for a rule on articles, article) a rule matched, once per match_key:
        -- 'event:<id>' or 'article:<id>' (an article whose copy matched already does not fire).
        CREATE TABLE alert_matches (
            id         INTEGER PRIMARY KEY,
            rule_id    INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
            event_id   INTEGER,                    -- the event matched (NULL: a rule on articles)
            article_id INTEGER NOT NULL,
            match_key  TEXT NOT NULL,              -- what fires once: 'event:<id>' or 'article:<id>'
            sources    INTEGER NOT NULL,           -- independent sources (copies of one text are one)
            payload    TEXT NOT NULL,              -- JSON: the rule, the event, the article, the sentence
            matched_at TEXT NOT NULL,
            UNIQUE (rule_id, match_key)
        );
        CREATE INDEX alert_matches_by_article ON alert_matches (article_id);

        -- Each delivery of a match (a webhook POST, an email): pending until it succeeds or is given up.
        CREATE TABLE alert_deliveries (
            id              INTEGER PRIMARY KEY,
            match_id        INTEGER NOT NULL REFERENCES alert_matches (id) ON DELETE CASCADE,
            channel         TEXT NOT NULL,         -- webhook, email
            target          TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'pending',  -- pending, delivered, failed
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            last_error      TEXT,
            delivered_at    TEXT
        );
        CREATE INDEX alert_deliveries_pending ON alert_deliveries (status, next_attempt_at);
        -- watch asks whether a link was stored already (a page stored just before a kill) by its address.
        CREATE INDEX pages_by_origin ON pages (origin);
        """,
    ),
    (
        14,
        "tone: GDELT GKG-style tone of each article, of its sentences and of the sentences naming each actor",
        """
        -- The article's tone as GDELT's GKG V1.5 TONE gives it (docs/tone.md): shares of its words in percent.
        CREATE TABLE article_tone (
            article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            tone       REAL NOT NULL,              -- positive - negative, -100 to +100
            positive   REAL NOT NULL,              -- words of positive valence
            negative   REAL NOT NULL,              -- words of negative valence
            polarity   REAL NOT NULL,              -- positive + negative: how emotive
            activity   REAL NOT NULL,              -- verbs (activity reference density)
            self_group REAL NOT NULL,              -- personal pronouns (self/group reference density)
            words      INTEGER NOT NULL
        );

        -- Each sentence's tone: text[start_offset:end_offset] (an event report's sentence has its offsets).
        CREATE TABLE sentence_tones (
            article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            start_offset INTEGER NOT NULL,
            end_offset   INTEGER NOT NULL,
            tone         REAL NOT NULL,
            positive     REAL NOT NULL,
            negative     REAL NOT NULL,
            words        INTEGER NOT NULL,
            PRIMARY KEY (article_id, start_offset)
        ) WITHOUT ROWID;

        -- The tone of the sentences of an article that mention an actor, pooled.
        CREATE TABLE actor_tones (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            actor_id   INTEGER NOT NULL REFERENCES actors (id),
            tone       REAL NOT NULL,
            positive   REAL NOT NULL,
            negative   REAL NOT NULL,
            sentences  INTEGER NOT NULL,           -- sentences mentioning it
            words      INTEGER NOT NULL,           -- their words
            PRIMARY KEY (article_id, actor_id)
        ) WITHOUT ROWID;
        CREATE INDEX actor_tones_by_actor ON actor_tones (actor_id);
        """,
    ),
    (
        15,
        "themes: what each article is about (docs/themes.md), with the spans that support it",
        """
        -- One row per theme of an article (enrich/themes.py); evidence: JSON [[start, end], ...] into articles.text.
        CREATE TABLE article_themes (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            theme      TEXT NOT NULL,              -- a theme id of docs/themes.md, e.g. ARMED_CONFLICT
            confidence REAL NOT NULL,
            support    REAL NOT NULL,              -- the weighted hits of its terms
            headline   INTEGER NOT NULL DEFAULT 0, -- whether the title supports it too
            evidence   TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, theme)
        ) WITHOUT ROWID;
        CREATE INDEX article_themes_by_theme ON article_themes (theme, article_id);
        """,
    ),
]
