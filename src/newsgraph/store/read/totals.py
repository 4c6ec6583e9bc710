"""Totals remembered while the database does not change, shared by the connections of one process.

Counting every event a table shows reads a whole index (15-19 ms for 150,000 events), and a table
asks for the same total on each of its pages.  A server has a connection per thread, so a total
remembered per connection is counted again by each thread; ``Totals`` is shared by them all.

Whether the database changed is asked of each connection: ``PRAGMA data_version`` changes when
another connection (of this process or another) has committed, ``total_changes`` when the
connection itself wrote.  Each connection's last answer is kept by its ``Counter`` (one per
connection, over the shared ``Totals``); when it differs, or the counter is new (the file may have
changed before it came), every total is forgotten.
A count is made after its connection was asked, so a total is never older than the question.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

KEPT = 256  # totals remembered (the oldest are forgotten first)


class Totals:
    """The totals of one database, for every connection of the process to it (each through a Counter)."""

    def __init__(self, kept: int = KEPT):
        self.kept = kept
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, tuple[Any, ...]], int] = {}
        self._generation = 0

    def count(self, conn: sqlite3.Connection, seen: Counter, sql: str, params: list[Any]) -> int:
        """The count the query gives (its first column), remembered until the database changes."""
        version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        key = (sql, tuple(params))
        with self._lock:
            if seen.version != version:
                seen.version = version
                self._counts.clear()
                self._generation += 1
            generation = self._generation
            if key in self._counts:
                return self._counts[key]
        found: int = conn.execute(sql, params).fetchone()[0]
        with self._lock:
            if generation == self._generation:  # nothing changed while it was counted
                while len(self._counts) >= self.kept:
                    self._counts.pop(next(iter(self._counts)))
                self._counts[key] = found
        return found


class Counter:
    """One connection's way to the shared totals: it remembers what its connection last said of the version."""

    def __init__(self, totals: Totals | None = None):
        self.totals = totals or Totals()
        self.version: tuple[int, int] | None = None

    def count(self, conn: sqlite3.Connection, sql: str, params: list[Any]) -> int:
        return self.totals.count(conn, self, sql, params)
