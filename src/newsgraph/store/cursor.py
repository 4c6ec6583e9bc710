"""What the writers read back from SQLite after a statement."""

from __future__ import annotations

import sqlite3


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id SQLite gave the row the cursor's INSERT added."""
    if cur.lastrowid is None:  # only before any INSERT: a writer that calls this after one never sees it
        raise sqlite3.InterfaceError("the statement inserted no row")
    return cur.lastrowid
