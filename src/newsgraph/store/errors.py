"""What the store raises when the database itself is the problem: one line naming the file and the reason.

A file that cannot be opened (a folder that does not exist, no permission), one that is not a SQLite
database or belongs to another program, one that cannot be written (permissions, a read-only mount),
and a write lock another process keeps longer than the store waits.
"""

from __future__ import annotations

import sqlite3

from newsgraph.errors import FailureKind, NewsgraphError


class StoreError(NewsgraphError):
    """The database file cannot be used as asked."""

    KIND = FailureKind.UNREADABLE


class StoreReadOnly(StoreError):
    """The file can be read but not written: reading commands still open it, read-only."""


class StoreBusy(StoreError):
    """Another process held the write lock for longer than the store waits for it."""


# SQLite's answers about the file rather than about a statement (a bug stays a bug, with its traceback).
_FILE_ERRORS = ("SQLITE_READONLY", "SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_BUSY", "SQLITE_LOCKED",
                "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_PERM")


def about_the_file(exc: sqlite3.Error) -> bool:
    """The error says the database file cannot be used (read-only, locked, not a database, disk full)."""
    return str(getattr(exc, "sqlite_errorname", "")).startswith(_FILE_ERRORS)


def store_error(path: str, exc: sqlite3.Error, doing: str) -> StoreError:
    """The one-line error for a SQLite failure on the database at `path` while `doing` something."""
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith("SQLITE_READONLY") or "readonly" in str(exc):
        return StoreReadOnly(path, "read-only: newsgraph cannot write to it (file permissions or a read-only mount); "
                                   "commands that only read still open it")
    if name.startswith("SQLITE_NOTADB") or name == "SQLITE_CORRUPT" or "not a database" in str(exc):
        return StoreError(path, f"not a SQLite database ({exc}): give --db a newsgraph database or a new file name")
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in str(exc):
        return StoreBusy(path, f"another process kept the database locked while {doing} ({exc}); try again when it is done")
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(path, f"cannot open the database file ({exc}): check the folder exists and can be written")
    if name.startswith("SQLITE_FULL"):
        return StoreError(path, f"the disk is full while {doing} ({exc}): the batch in flight was not stored")
    return StoreError(path, f"database error while {doing} ({exc})")
