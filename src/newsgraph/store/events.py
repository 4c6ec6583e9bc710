"""Events to and from their tables: one row per distinct event, one per report of it.

GDELT's best-known complaint is that one happening reported by ten pages becomes ten events.
Here a report (an article's sentence stating the event) joins an existing event by the rule of
newsgraph.corpus.events (same type, mode and actors, compatible place, close dates); otherwise it
starts a new event.  Republished copies and other outlets' stories thus share one event, and
the event keeps every article and sentence that reports it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from newsgraph import confidence
from newsgraph.corpus.events import dates_close, places_compatible
from newsgraph.record import Article, Event
from newsgraph.store.cursor import inserted_id
from newsgraph.store.rows import EventReportRow, Rows, merge_key

_EVENT_COLUMNS = (
    "e.id, e.type, e.mode, e.cameo_root, e.actor1_id, e.actor1_key, e.actor2_id, e.actor2_key, e.place_id, "
    "e.date, e.date_precision, e.negated, e.place_precision, e.modality, e.confidence"
)


class StoredReport(EventReportRow):
    """A report as it is stored: its row (store/rows.py) with the database's ids and the keys it merges by."""

    article_id: int
    actor1_id: int | None
    actor2_id: int | None
    actor1_key: str | None
    actor2_key: str | None
    place_id: int | None
    negated: bool


def write_events(conn: sqlite3.Connection, article_id: int, rows: Rows, actor_ids: dict[str, int],
                 place_ids: dict[str, int]) -> None:
    """Store each of the article's event reports (store/rows.py), joined to the event it reports."""
    touched: set[int] = set()
    for r in rows.event_reports:
        actor1_id = actor_ids.get(r["actor1"] or "")
        actor2_id = actor_ids.get(r["actor2"] or "")
        report: StoredReport = {**r, "article_id": article_id, "actor1_id": actor1_id, "actor2_id": actor2_id,
                                "actor1_key": merge_key(actor1_id, r["actor1_text_key"]),
                                "actor2_key": merge_key(actor2_id, r["actor2_text_key"]),
                                "place_id": place_ids.get(r["place"] or ""), "negated": r["modality"] != "happened"}
        event_id = _matching_event(conn, report)
        if event_id is None:
            event_id = inserted_id(conn.execute(
                "INSERT INTO events (type, mode, cameo_root, actor1_id, actor1_key, actor2_id, actor2_key, place_id, "
                "place_country, place_precision, date, date_precision, negated, modality, confidence) "
                "VALUES (:type, :mode, :cameo_root, :actor1_id, :actor1_key, :actor2_id, :actor2_key, :place_id, "
                ":place_country, :place_precision, :date, :date_precision, :negated, :modality, :confidence)",
                report,
            ))
        elif r["confidence"] is not None:  # an event is as sure as its surest report
            conn.execute("UPDATE events SET confidence = max(coalesce(confidence, 0), ?) WHERE id = ?",
                         (r["confidence"], event_id))
        if r["date"]:
            conn.execute(  # the first report that dates it dates the event
                "UPDATE events SET date = coalesce(date, ?), date_precision = coalesce(date_precision, ?), "
                "place_id = coalesce(place_id, ?) WHERE id = ?",
                (r["date"], r["date_precision"], report["place_id"], event_id),
            )
        conn.execute(
            "INSERT INTO event_reports (event_id, article_id, position, start_offset, end_offset, trigger_start, "
            "trigger_end, status, confidence, text, actor1, actor2, place, date, date_precision) "
            "VALUES (:event_id, :article_id, :position, :start_offset, :end_offset, :trigger_start, :trigger_end, "
            ":status, :confidence, :text, :actor1_json, :actor2_json, :place_json, :date, :date_precision)",
            {**report, "event_id": event_id},
        )
        touched.add(event_id)
    for event_id in sorted(touched):  # the date it is shown and sorted by (schema migration 10)
        conn.execute(
            "UPDATE events SET sort_date = coalesce(substr(date, 1, 10), (SELECT min(substr(a.published, 1, 10)) "
            "FROM event_reports r JOIN articles a ON a.id = r.article_id WHERE r.event_id = events.id "
            "AND a.published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*')) WHERE id = ?", (event_id,))


def _matching_event(conn: sqlite3.Connection, report: StoredReport) -> int | None:
    """An event already stored that this report reports too, if any."""
    rows = conn.execute(
        "SELECT id, place_id, place_country, place_precision, date FROM events WHERE type = ? "
        "AND coalesce(mode, '') = coalesce(?, '') AND coalesce(actor1_key, '') = coalesce(?, '') "
        "AND coalesce(actor2_key, '') = coalesce(?, '') AND modality = ? ORDER BY id",
        (report["type"], report["mode"], report["actor1_key"], report["actor2_key"], report["modality"]),
    ).fetchall()
    for row in rows:
        if places_compatible(row[1], row[2], row[3], report["place_id"], report["place_country"],
                             report["place_precision"]) and dates_close(row[4], report["date"]):
            event_id: int = row[0]
            return event_id
    return None


def read_events(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Fill the article's events from its reports, as the article stated them."""
    article.events = [
        Event(
            type=r["type"], start=r["start_offset"], end=r["end_offset"], mode=r["mode"], cameo_root=r["cameo_root"],
            actor1=_load(r["actor1"]), actor2=_load(r["actor2"]), place=_load(r["place"]), date=r["date"],
            date_precision=r["date_precision"], status=r["status"],
            trigger=[r["trigger_start"], r["trigger_end"]] if r["trigger_start"] is not None else None,
            confidence=r["confidence"],
        )
        for r in conn.execute(
            "SELECT e.type, e.mode, e.cameo_root, x.* FROM event_reports x JOIN events e ON e.id = x.event_id "
            "WHERE x.article_id = ? ORDER BY x.position",
            (article_id,),
        )
    ]


def _load(value: str | None) -> dict[str, Any] | None:
    """An actor or place of a report, from the JSON object stored for it."""
    loaded: dict[str, Any] | None = json.loads(value) if value else None
    return loaded


def iter_event_rows(conn: sqlite3.Connection, include_negated: bool = False,
                    min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    """One dict per distinct event: its fields, actors, place, and every report with its article.

    Only events stated as having happened, at or above ``min_confidence`` (default: the events'
    threshold of newsgraph.confidence), unless asked for: ``include_negated`` adds negated and hypothetical ones.
    """
    floor = confidence.floor("events", min_confidence)
    last = 0
    while True:
        rows = conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id > ? AND (? OR NOT e.negated) "
            "AND coalesce(e.confidence, 1) >= ? ORDER BY e.id LIMIT 500",
            (last, include_negated, floor),
        ).fetchall()
        if not rows:
            return
        for row in rows:
            yield _event_row(conn, row)
        last = rows[-1][0]


def _event_row(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    reports = [
        {
            "article_id": r["article_id"], "url": r["url"], "site_name": r["site_name"], "title": r["title"],
            "published": r["published"], "start": r["start_offset"], "end": r["end_offset"],
            "trigger": [r["trigger_start"], r["trigger_end"]], "status": r["status"],
            "confidence": r["confidence"], "text": r["text"], "actor1": _load(r["actor1"]),
            "actor2": _load(r["actor2"]),
        }
        for r in conn.execute(
            "SELECT x.*, a.url, a.site_name, a.title, a.published FROM event_reports x "
            "JOIN articles a ON a.id = x.article_id WHERE x.event_id = ? ORDER BY x.article_id, x.position",
            (row[0],),
        )
    ]
    first = reports[0] if reports else {}
    return {
        "id": row[0], "type": row[1], "mode": row[2], "cameo_root": row[3],
        "actor1": _actor(conn, row[4], first.get("actor1")),
        "actor2": _actor(conn, row[6], first.get("actor2")),
        "place": _place_row(conn, row[8], row[12]),
        "date": row[9], "date_precision": row[10], "negated": bool(row[11]), "modality": row[13],
        "confidence": row[14],
        "reports": reports,
        "sources": sorted({r["url"] or r["site_name"] or f"article:{r['article_id']}" for r in reports}),
    }


def _actor(conn: sqlite3.Connection, actor_id: int | None, as_written: dict[str, Any] | None) -> dict[str, Any] | None:
    """The actor row (canonical name, country, sector, type) with the words of the first report."""
    if actor_id is None:
        return dict(as_written, id=None, type=None) if as_written else None
    r = conn.execute("SELECT id, name, type, country, sector, kb_id FROM actors WHERE id = ?", (actor_id,)).fetchone()
    written = as_written or {}
    return {"id": r["id"], "name": r["name"], "type": r["type"], "country": written.get("country") or r["country"],
            "sector": written.get("sector") or r["sector"], "kb_id": r["kb_id"], "text": written.get("text")}


def _place_row(conn: sqlite3.Connection, place_id: int | None, precision: str | None) -> dict[str, Any] | None:
    if place_id is None:
        return None
    r = conn.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
    return {"id": r["id"], "name": r["name"], "geonameid": r["geonameid"], "country": r["country"],
            "admin1": r["admin1"], "lat": r["latitude"], "lon": r["longitude"], "feature": r["feature"],
            "precision": precision}
