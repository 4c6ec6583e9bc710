"""The gazetteer index file: schema, name keys and a writer shared by every builder.

One schema for the bundled gazetteer and for imported GeoNames dumps, so the
enricher never knows which it reads.  ``places`` holds one row per GeoNames
entry; ``names`` maps a normalised name (``name_key``) to entries.  Files are
written to a temporary name and renamed into place, so a reader never sees a
half-built index and concurrent builders do not corrupt each other.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from pathlib import Path

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,      -- GeoNames id
    name TEXT NOT NULL,
    lat REAL, lon REAL,
    fclass TEXT NOT NULL,        -- GeoNames feature class
    fcode TEXT NOT NULL,         -- GeoNames feature code
    country TEXT,                -- ISO 3166 alpha-2
    admin1 TEXT,                 -- GeoNames admin1 code
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
-- The name an entry is shown by where it is not ``places.name`` (gazetteer/labels.py); lookups never read it.
CREATE TABLE labels (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
"""
# Names are collected unordered, then sorted into ``names`` once: far faster than keyed inserts.
_RAW_NAMES = "CREATE TEMP TABLE raw_names (key TEXT NOT NULL, id INTEGER NOT NULL);"

_DROP = str.maketrans({".": "", "’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " "})


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'São Paulo' and 'SAO PAULO' -> 'sao paulo'."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(name.translate(_DROP).casefold().split())


def is_latin(name: str) -> bool:
    """True for names written in Latin letters (after removing accents): the ones English news uses."""
    return bool(name) and (name.isascii() or name_key(name).isascii())


def cache_dir() -> Path:
    """newsgraph's cache folder: $NEWSGRAPH_CACHE, else $XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph."""
    if os.environ.get("NEWSGRAPH_CACHE"):
        return Path(os.environ["NEWSGRAPH_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


class IndexWriter:
    """Writes an index file atomically: add places and names, then ``close()``."""

    def __init__(self, out_path: str | Path):
        self.out_path = Path(out_path)
        self.out_path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = self.out_path.with_name(f".{self.out_path.name}.{os.getpid()}.tmp")
        self._tmp.unlink(missing_ok=True)
        self._db = sqlite3.connect(self._tmp)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
                               + SCHEMA + _RAW_NAMES)
        self.places = 0
        self.names = 0

    def add_places(self, rows) -> None:
        """Rows of (id, name, lat, lon, fclass, fcode, country, admin1, population)."""
        cur = self._db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", rows)
        self.places += max(cur.rowcount, 0)

    def add_names(self, pairs) -> None:
        """Pairs of (name, id); the name is keyed here."""
        keyed = ((key, gid) for name, gid in pairs if (key := name_key(name)))
        self._db.executemany("INSERT INTO raw_names VALUES (?, ?)", keyed)

    def add_labels(self, pairs) -> None:
        """Pairs of (id, name to show)."""
        self._db.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?)", pairs)

    def set_meta(self, **items: str) -> None:
        self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", items.items())

    def close(self) -> Path:
        """Sort the names in, commit and move the file into place."""
        self._db.execute("INSERT OR IGNORE INTO names SELECT key, id FROM raw_names ORDER BY key, id")
        self.names = self._db.execute("SELECT count(*) FROM names").fetchone()[0]
        self._db.execute("DROP TABLE raw_names")
        self._db.commit()
        self._db.execute("ANALYZE")
        self._db.commit()
        self._db.close()
        os.replace(self._tmp, self.out_path)
        return self.out_path

    def abort(self) -> None:
        self._db.close()
        self._tmp.unlink(missing_ok=True)
