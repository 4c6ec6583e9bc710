"""The SQL of `newsgraph watch` and alert rules (migration 12): watched sources and their schedule,
the items each has given, alert rules, their matches and deliveries.

    state = WatchState(store)
    due = state.due_sources(time.time())

Every write is one transaction of the store (``Store.writing``), so `watch` and `serve` share the file:
a reader sees a poll's bookkeeping and a rule's matches whole or not at all.  A rule is evaluated on
the articles stored after its watermark (``last_article_id``), and the watermark moves in the same
transaction as the matches it found: after a kill, the next evaluation starts where the last one
committed, so no match is lost and none is made twice (``UNIQUE (rule_id, event_id)``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from newsgraph.store.read.events import _clusters
from newsgraph.store.read.filters import Filters, article_where, event_where, fts_query, has_events

if TYPE_CHECKING:
    from newsgraph.store import Store

# Consecutive failed polls after which a source is shown as unhealthy (it is still polled, backed off).
UNHEALTHY_AFTER = 3


@dataclass
class SourceState:
    """One watched source as the database holds it."""

    id: int
    source: str
    every_seconds: float
    kind: str | None
    next_due: float
    etag: str | None
    last_modified: str | None
    failures: int
    last_error: str | None
    polls: int
    not_modified: int
    pages: int
    last_polled_at: str | None
    last_ok_at: str | None

    @property
    def healthy(self) -> bool:
        return self.failures < UNHEALTHY_AFTER

    @property
    def health(self) -> str:
        if self.polls == 0:
            return "new"
        if self.failures == 0:
            return "ok"
        return "failing" if self.healthy else "unhealthy"


@dataclass
class Rule:
    """An alert rule as stored."""

    id: int
    name: str
    filters: dict[str, Any]  # Filters fields (the actor apart, by name)
    actor: str | None
    min_sources: int
    window_seconds: float | None
    webhook: str | None
    secret: str | None
    email: str | None
    last_article_id: int
    created_at: str
    target: str = "events"  # what the rule matches: events, or articles


@dataclass
class Delivery:
    """A match to deliver over one channel."""

    id: int
    match_id: int
    channel: str
    target: str
    attempts: int
    payload: dict[str, Any]
    rule: str
    secret: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class WatchState:
    """The watch and alert tables of one store (its connection, its transactions)."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # -- sources ----------------------------------------------------------------------------

    def ready(self) -> bool:
        """Whether the file has the watch tables (a read-only file migrated by an older version has not)."""
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'watch_sources'").fetchone() is not None

    def add_source(self, source: str, every_seconds: float, now: float) -> SourceState:
        """Watch `source` (again): a new one is due now; a known one keeps its state, with this interval."""
        with self.store.writing("adding a watched source"):
            self.conn.execute(
                "INSERT INTO watch_sources (source, every_seconds, next_due, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (source) DO UPDATE SET every_seconds = excluded.every_seconds, "
                "next_due = min(next_due, ? + excluded.every_seconds)",
                (source, every_seconds, now, _now(), now))
        found = self.source(source)
        assert found is not None
        return found

    def source(self, source: str) -> SourceState | None:
        row = self.conn.execute("SELECT * FROM watch_sources WHERE source = ?", (source,)).fetchone()
        return _source(row) if row else None

    def sources(self) -> list[SourceState]:
        return [_source(r) for r in self.conn.execute("SELECT * FROM watch_sources ORDER BY id")]

    def remove_source(self, source: str) -> bool:
        with self.store.writing("removing a watched source"):
            return self.conn.execute("DELETE FROM watch_sources WHERE source = ?", (source,)).rowcount > 0

    def polled(self, source_id: int, *, next_due: float, kind: str | None = None, etag: str | None = None,
               last_modified: str | None = None, error: str | None = None, not_modified: bool = False,
               pages: int = 0) -> None:
        """Record one poll: its outcome (an error counts one more failure, success resets them), the
        validators of the answer, when the source is next due."""
        now = _now()
        with self.store.writing("recording a poll"):
            if error is None:
                self.conn.execute(
                    "UPDATE watch_sources SET next_due = ?, kind = coalesce(?, kind), etag = ?, last_modified = ?, "
                    "failures = 0, last_error = NULL, polls = polls + 1, not_modified = not_modified + ?, "
                    "pages = pages + ?, last_polled_at = ?, last_ok_at = ? WHERE id = ?",
                    (next_due, kind, etag, last_modified, int(not_modified), pages, now, now, source_id))
            else:
                self.conn.execute(
                    "UPDATE watch_sources SET next_due = ?, failures = failures + 1, last_error = ?, "
                    "polls = polls + 1, last_polled_at = ? WHERE id = ?", (next_due, error, now, source_id))

    def unseen(self, source_id: int, items: Iterable[str]) -> list[str]:
        """The items (in order, once each) this source has not given before, and that the store does not
        hold as a page read from that address already (a page stored just before a kill)."""
        wanted = list(dict.fromkeys(items))
        known: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            known.update(r[0] for r in self.conn.execute(
                f"SELECT item FROM watch_seen WHERE source_id = ? AND item IN ({marks})", [source_id, *chunk]))
            known.update(r[0] for r in self.conn.execute(f"SELECT origin FROM pages WHERE origin IN ({marks})", chunk))
        return [item for item in wanted if item not in known]

    def mark_seen(self, source_id: int, items: Iterable[str]) -> None:
        now = _now()
        with self.store.writing("recording the items of a watched source"):
            self.conn.executemany("INSERT OR IGNORE INTO watch_seen (source_id, item, seen_at) VALUES (?, ?, ?)",
                                  [(source_id, item, now) for item in items])

    def last_article_id(self) -> int:
        row = self.conn.execute("SELECT max(id) FROM articles").fetchone()
        return int(row[0] or 0)

    # -- rules ------------------------------------------------------------------------------

    def add_rule(self, name: str, filters: dict[str, Any], actor: str | None, min_sources: int,
                 window_seconds: float | None, webhook: str | None, secret: str | None, email: str | None,
                 from_now: bool = True, target: str = "events") -> Rule:
        """A new rule; with `from_now`, only articles stored from now on can match it."""
        with self.store.writing("adding an alert rule"):
            start = self.last_article_id() if from_now else 0
            self.conn.execute(
                "INSERT INTO alert_rules (name, filters, actor, min_sources, window_seconds, webhook, secret, email, "
                "last_article_id, created_at, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, json.dumps(filters, sort_keys=True), actor, min_sources, window_seconds, webhook, secret, email,
                 start, _now(), target))
        rule = self.rule(name)
        assert rule is not None
        return rule

    def rule(self, name: str) -> Rule | None:
        row = self.conn.execute("SELECT * FROM alert_rules WHERE name = ?", (name,)).fetchone()
        return _rule(row) if row else None

    def rules(self) -> list[Rule]:
        return [_rule(r) for r in self.conn.execute("SELECT * FROM alert_rules ORDER BY name")]

    def remove_rule(self, name: str) -> bool:
        with self.store.writing("removing an alert rule"):
            return self.conn.execute("DELETE FROM alert_rules WHERE name = ?", (name,)).rowcount > 0

    def match_counts(self) -> dict[int, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT rule_id, count(*) FROM alert_matches GROUP BY 1")}

    def actor_id(self, name: str) -> int | None:
        """An actor's id from its id or its exact name (any case); None when the database has none yet."""
        if name.isdigit():
            return int(name)
        row = self.conn.execute("SELECT id FROM actors WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
                                (name,)).fetchone()
        return int(row[0]) if row else None

    def candidates(self, rule: Rule, filters: Filters, after: int, now: datetime,
                   include_matched: bool = False) -> list[dict[str, Any]]:
        """The events the rule's filters select that an article stored after `after` reports, not matched
        by the rule yet, with the independent sources reporting each (within the rule's window), and the
        newest such report (its article and sentence); `include_matched`: the events it matched before
        too.  Read only: `record_matches` keeps them."""
        if not has_events(self.conn):
            return []
        where = event_where(self.conn, filters, "e")
        matched = "" if include_matched else (
            "AND e.id NOT IN (SELECT event_id FROM alert_matches WHERE rule_id = ? AND event_id IS NOT NULL)")
        rows = self.conn.execute(
            f"SELECT e.id FROM events e WHERE {where.sql} AND e.id IN (SELECT event_id FROM event_reports "
            f"WHERE article_id > ?) {matched} ORDER BY e.id",
            [*where.params, after, *([] if include_matched else [rule.id])]).fetchall()
        found = []
        since = (now - timedelta(seconds=rule.window_seconds)).isoformat(timespec="seconds") if rule.window_seconds else ""
        for (event_id,) in rows:
            reports = [dict(r) for r in self.conn.execute(
                "SELECT r.id AS report_id, r.article_id, r.text AS sentence, r.status, r.confidence, r.start_offset, "
                "r.end_offset, a.title, a.url, a.site_name, a.published, a.ingested_at FROM event_reports r "
                "JOIN articles a ON a.id = r.article_id WHERE r.event_id = ? AND a.ingested_at >= ? "
                "ORDER BY r.article_id DESC, r.position", (event_id, since))]
            clusters = _clusters(self.conn, sorted({r["article_id"] for r in reports}))
            sources = {("cluster", clusters[r["article_id"]]) if r["article_id"] in clusters else ("article", r["article_id"])
                       for r in reports}
            newest = next((r for r in reports if r["article_id"] > after), None)
            if newest is None:
                continue
            found.append({"event": self._event(event_id), "report": newest, "sources": len(sources)})
        return found

    def article_candidates(self, rule: Rule, filters: Filters, after: int,
                           include_matched: bool = False) -> list[dict[str, Any]]:
        """The articles stored after `after` that the rule's filters select, but those the rule matched
        before and those of a copy cluster it matched an article of (copies are one source); with the
        words around the query (or the article's opening) as the sentence."""
        where = article_where(self.conn, filters, "a")
        matched = "" if include_matched else (
            "AND NOT EXISTS (SELECT 1 FROM alert_matches m WHERE m.rule_id = ? AND m.match_key = 'article:' || a.id) "
            "AND NOT EXISTS (SELECT 1 FROM alert_matches m JOIN article_reuse r1 ON r1.article_id = m.article_id "
            "JOIN article_reuse r2 ON r2.cluster_id = r1.cluster_id WHERE m.rule_id = ? AND r2.article_id = a.id)")
        rows = [dict(r) for r in self.conn.execute(
            f"SELECT a.id AS article_id, a.title, a.url, a.site_name, a.published, substr(a.text, 1, 300) AS opening "
            f"FROM articles a WHERE {where.sql} AND a.id > ? {matched} ORDER BY a.id",
            [*where.params, after, *([] if include_matched else [rule.id, rule.id])])]
        clusters = _clusters(self.conn, [r["article_id"] for r in rows])
        found, fired = [], set()
        for row in rows:
            cluster = clusters.get(row["article_id"])
            if cluster is not None and not include_matched:
                if cluster in fired:
                    continue
                fired.add(cluster)
            opening = row.pop("opening") or ""
            row["sentence"] = self._snippet(row["article_id"], filters.q) or " ".join(opening.split())
            found.append(row)
        return found

    def _snippet(self, article_id: int, query: str | None) -> str | None:
        if not query:
            return None
        row = self.conn.execute(
            "SELECT snippet(articles_fts, 1, '', '', ' … ', 32) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
            (fts_query(self.conn, query), article_id)).fetchone()
        return " ".join(row[0].split()) if row and row[0] else None

    def _event(self, event_id: int) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT e.id, e.type, e.mode, e.cameo_root, x1.name AS actor1, x2.name AS actor2, p.name AS place, "
            "e.place_country AS country, e.date, e.modality, e.confidence FROM events e "
            "LEFT JOIN actors x1 ON x1.id = e.actor1_id LEFT JOIN actors x2 ON x2.id = e.actor2_id "
            "LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?", (event_id,)).fetchone()
        return dict(row)

    def record_matches(self, rule: Rule, matches: list[tuple[int | None, int, int, dict[str, Any]]], evaluated_to: int,
                       channels: list[tuple[str, str]]) -> list[int]:
        """Keep the rule's new matches ((event id or None for an article, article id, sources, payload)),
        a pending delivery of each over every channel ((channel, target)), and move the rule's watermark,
        in one transaction; returns the ids of the matches kept (an event or article the rule matched
        before is not matched again)."""
        kept = []
        now = _now()
        with self.store.writing("recording alert matches"):
            for event_id, article_id, sources, payload in matches:
                key = f"event:{event_id}" if event_id is not None else f"article:{article_id}"
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO alert_matches (rule_id, event_id, article_id, match_key, sources, payload, "
                    "matched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (rule.id, event_id, article_id, key, sources, json.dumps(payload), now))
                if cur.rowcount:
                    match_id = int(cur.lastrowid or 0)
                    kept.append(match_id)
                    self.conn.executemany(
                        "INSERT INTO alert_deliveries (match_id, channel, target) VALUES (?, ?, ?)",
                        [(match_id, channel, target) for channel, target in channels])
            self.conn.execute("UPDATE alert_rules SET last_article_id = max(last_article_id, ?) WHERE id = ?",
                              (evaluated_to, rule.id))
        return kept

    def matches(self, rule_name: str, limit: int = 50) -> list[dict[str, Any]]:
        """A rule's matches, newest first: their payloads with id and time."""
        rows = self.conn.execute(
            "SELECT m.id, m.payload, m.matched_at FROM alert_matches m JOIN alert_rules r ON r.id = m.rule_id "
            "WHERE r.name = ? ORDER BY m.id DESC LIMIT ?", (rule_name, limit))
        return [{**json.loads(r["payload"]), "match_id": r["id"], "matched_at": r["matched_at"]} for r in rows]

    # -- deliveries -------------------------------------------------------------------------

    def due_deliveries(self, now: float) -> list[Delivery]:
        rows = self.conn.execute(
            "SELECT d.id, d.match_id, d.channel, d.target, d.attempts, m.payload, r.name, r.secret "
            "FROM alert_deliveries d JOIN alert_matches m ON m.id = d.match_id JOIN alert_rules r ON r.id = m.rule_id "
            "WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.id", (now,))
        return [Delivery(r["id"], r["match_id"], r["channel"], r["target"], r["attempts"], json.loads(r["payload"]),
                         r["name"], r["secret"]) for r in rows]

    def delivered(self, delivery_id: int, attempts: int) -> None:
        with self.store.writing("recording a delivery"):
            self.conn.execute("UPDATE alert_deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, "
                              "last_error = NULL WHERE id = ?", (attempts, _now(), delivery_id))

    def delivery_failed(self, delivery_id: int, attempts: int, error: str, retry_at: float | None) -> None:
        """A delivery that failed `attempts` times: tried again at `retry_at`, or given up (None)."""
        with self.store.writing("recording a delivery"):
            self.conn.execute(
                "UPDATE alert_deliveries SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                ("pending" if retry_at is not None else "failed", attempts, error, retry_at or 0, delivery_id))

    def delivery_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT status, count(*) FROM alert_deliveries GROUP BY 1")}

    def deliveries(self) -> Iterator[dict[str, Any]]:
        for r in self.conn.execute("SELECT * FROM alert_deliveries ORDER BY id"):
            yield dict(r)


def _source(row: sqlite3.Row) -> SourceState:
    return SourceState(**{k: row[k] for k in SourceState.__dataclass_fields__})


def _rule(row: sqlite3.Row) -> Rule:
    values = {k: row[k] for k in Rule.__dataclass_fields__}
    values["filters"] = json.loads(row["filters"])
    return Rule(**values)
