"""How the read side opens the database and bounds the time of a query.

``open_read_only`` is what a server uses: a ``mode=ro`` URI and ``PRAGMA query_only``, so nothing it
runs can write; no migration and no change of journal mode, so serving never alters the file.  A
file that is missing, is not a database, or has a schema older than this code is refused with a
one-line ``StoreUnavailable`` that says what to run.

``TimeLimit`` stops a read that runs longer than its limit (``QUERY_TIME_LIMIT`` unless the caller
says otherwise): SQLite calls a progress handler every few thousand steps of its virtual machine,
and the handler asks SQLite to abandon the statement once the deadline has passed.  The deadline is
set when a read of the read side begins (one list, one count, one article), so the limit is what one
answer to a user may cost; the read then raises ``QueryTimeout``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.store.errors import StoreError
from newsgraph.settings import DEFAULTS
from newsgraph.store.schema import MIGRATIONS

# Seconds one read of the read side may run on a server before it is stopped (`newsgraph serve
# --query-time-limit`); a search, list or count over millions of articles takes well under a second.
QUERY_TIME_LIMIT = DEFAULTS.store.query_time_limit
# SQLite virtual-machine steps between two looks at the clock: ~0.1 ms of work, so a limit is kept to
# about that precision for the cost of a Python call every 10,000 steps.
_STEPS = 10_000


class StoreUnavailable(StoreError):
    """The database cannot be served: missing, not a newsgraph database, or not migrated to this code."""


class DatabaseMissing(StoreUnavailable):
    pass


class NotADatabase(StoreUnavailable):
    pass


class SchemaTooOld(StoreUnavailable):
    pass


class QueryTimeout(NewsgraphError):
    """A read ran longer than the limit and was stopped; narrower filters make it cheaper."""

    def __init__(self, limit: float):
        self.limit = limit
        super().__init__("query", f"stopped after {limit:g} s, the limit for one query on this server: "
                                  "narrow it with more words, filters or a date range")


class ReadConnection(sqlite3.Connection):
    """A server's connection: it remembers the tables it has found (``filters.table_exists``)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.tables: set[str] = set()


def open_read_only(path: str) -> sqlite3.Connection:
    """A connection that cannot write to the database at `path`, after checking the file can be served."""
    file = Path(path)
    if not file.is_file():
        raise DatabaseMissing(path, f"no such database (run `newsgraph ingest SOURCES --db {path}` to create it)")
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=30, check_same_thread=False,
                               factory=ReadConnection)
    except sqlite3.Error as exc:
        raise StoreUnavailable(path, f"cannot be opened read-only ({exc})") from None
    try:
        conn.execute("PRAGMA query_only = ON")
        _check_schema(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotADatabase(path, f"not a newsgraph database ({exc})") from None
    except StoreUnavailable:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


def _check_schema(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a file that lacks a migration of this code: a read-only server cannot apply it."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_migrations" not in tables:
        raise NotADatabase(path, "not a newsgraph database (it has no schema_migrations table; "
                                 f"`newsgraph ingest SOURCES --db {path}` creates one)")
    applied = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    needed = {version for version, _, _ in MIGRATIONS}
    if needed - applied:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        raise SchemaTooOld(path, f"its schema (version {version}) is older than this newsgraph's ({max(needed)}): "
                                 f"run `newsgraph stats --db {path}` once to migrate it (a read-only server does not)")


class TimeLimit:
    """Bounds each read on one connection to `seconds`: `with limit():` around a read (re-entrant)."""

    def __init__(self, conn: sqlite3.Connection, seconds: float):
        self.seconds = seconds
        self._deadline: float | None = None
        self._expired = False
        self._depth = 0
        conn.set_progress_handler(self._check, _STEPS)

    def _check(self) -> int:
        if self._deadline is not None and time.monotonic() > self._deadline:
            self._expired = True
            return 1  # SQLite abandons the statement: sqlite3.OperationalError("interrupted")
        return 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        if self._depth:  # a read made of other reads: the outermost one's deadline holds
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._deadline, self._expired, self._depth = time.monotonic() + self.seconds, False, 1
        try:
            yield
        except sqlite3.OperationalError:
            if self._expired:
                raise QueryTimeout(self.seconds) from None
            raise
        finally:
            self._deadline, self._depth = None, 0
