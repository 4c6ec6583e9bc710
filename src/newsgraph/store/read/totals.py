"""Totals remembered while the database does not change, shared by the connections of one process.

Counting every event a table shows reads a whole index (15-19 ms for 150,000 events), and a table
asks for the same total on each of its pages.  A server has a connection per thread, so a total
remembered per connection is counted again by each thread; ``Totals`` is shared by them all.

Whether the database changed is asked with ``PRAGMA data_version``, which changes when another
connection (of this process or another) has committed, and ``total_changes``, which changes when
the connection itself wrote.  A ``Totals`` given the database's path asks one connection of its own
(which never writes, so every commit is another's; another file put at the path is watched from then
on) for all the connections sharing it: a connection
that comes later (a thread the server's pool starts) finds the totals its elders counted, rather than
having to forget them all.  Without the path each connection is asked: its last answer is kept by its
``Counter`` (one per connection, over the shared ``Totals``), and a new counter forgets every total
(the file may have changed before it came).  Either way a connection's own writes are seen by its
``total_changes``.  When an answer differs, every total is forgotten.
A count is made after the question was asked, so a total is never older than the question.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

KEPT = 256  # totals remembered (the oldest are forgotten first)


class Totals:
    """The totals of one database, for every connection of the process to it (each through a Counter).

    path: the database's file, watched through a read-only connection of the Totals' own (opened at the
    first count); None: each connection is asked whether the database changed."""

    def __init__(self, kept: int = KEPT, path: str | None = None):
        self.kept = kept
        self.path = path
        self._watch: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None  # the file it watches (device, inode)
        self._version: tuple[int, int, int] | None = None  # what the watching connection last said
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, tuple[Any, ...]], int] = {}
        self._generation = 0

    def _changed(self, conn: sqlite3.Connection, seen: Counter) -> bool:
        """Whether the database changed since the totals were counted (called under the lock)."""
        if self.path is None:
            version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
            changed = seen.version != version
            seen.version = version
            return changed
        try:
            watched = self._watched()
        except (OSError, sqlite3.Error):  # the file is gone or cannot be read: forget, and count afresh
            self._version = None
            return True
        own = conn.total_changes  # the counting connection's own writes, committed or not
        changed = watched != self._version or seen.version not in (None, (own,))
        self._version, seen.version = watched, (own,)
        return changed

    def _watched(self) -> tuple[int, int, int]:
        """The file (device and inode) and its data_version, from the watching connection (under the lock).
        Another file put at the path (a database replaced under the server) is watched from then on."""
        stat = os.stat(str(self.path))
        file = (stat.st_dev, stat.st_ino)
        if self._watch is None or file != self._file:
            if self._watch is not None:
                self._watch.close()
            self._watch = None
            self._watch = sqlite3.connect(f"{Path(str(self.path)).resolve().as_uri()}?mode=ro", uri=True,
                                          check_same_thread=False)
            self._file = file
        data_version: int = self._watch.execute("PRAGMA data_version").fetchone()[0]
        return (*file, data_version)

    def version(self) -> str | None:
        """What the watched file says of its data now (its identity and ``PRAGMA data_version``: it changes
        with every commit), as text; None without a path.  Asking does not touch the remembered totals."""
        if self.path is None:
            return None
        with self._lock:
            return ".".join(f"{n:x}" for n in self._watched())

    def close(self) -> None:
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch, self._file, self._version = None, None, None

    def count(self, conn: sqlite3.Connection, seen: Counter, sql: str, params: list[Any]) -> int:
        """The count the query gives (its first column), remembered until the database changes."""
        key = (sql, tuple(params))
        with self._lock:
            if self._changed(conn, seen):
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
        self.version: tuple[int, ...] | None = None

    def count(self, conn: sqlite3.Connection, sql: str, params: list[Any]) -> int:
        return self.totals.count(conn, self, sql, params)
