"""The event stage when pyspark spills a shuffle to disk (small `spark.python.worker.memory`).

When a Python worker's memory passes spark.python.worker.memory, pyspark sorts the keys of a
groupByKey before writing them out; a key holding None next to one holding a string then fails
the sort (`'<' not supported between 'NoneType' and 'str'`).  Memory is measured as the worker's
resident size, always above 1 MB, so with "1m" every shuffle spills.  The session is this
module's own (test_scale's is stopped when its module ends), configured as `newsgraph spark
--conf spark.python.worker.memory=1m` would.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsgraph.scale.events import merge_key
from newsgraph.scale.tables import TABLES
from tests.test_scale import needs_spark, table

WORKER_MEMORY = "1m"


def test_merge_keys_with_missing_fields_sort_and_follow_the_store():
    """None sorts with strings, and stands for "" as the store compares keys (coalesce(..., ''))."""
    def report(**fields):
        base = dict(type="attack", mode="verbal", actor1_key="actor:5", actor2_key=None, status="asserted")
        return SimpleNamespace(**{**base, **fields})

    keys = [merge_key(report()), merge_key(report(actor2_key="text::the police")), merge_key(report(mode=None)),
            merge_key(report(actor1_key=None, status="negated")), merge_key(report(status=None))]
    assert sorted(keys) and all(None not in key for key in keys)
    assert merge_key(report()) == merge_key(report(status=None))  # no status: the report says it happened
    assert merge_key(report()) != merge_key(report(actor2_key="text::the police"))
    assert merge_key(report(mode=None)) == merge_key(report(mode=""))


def _report(report_id: int, article_id: int, date: str, **fields) -> dict:
    row = dict.fromkeys(name for name, _ in TABLES["event_reports"])
    row.update(id=report_id, article_id=article_id, position=0, type="attack", mode="verbal", cameo_root="11",
               actor1_id=5, actor1_key="actor:5", start_offset=0, end_offset=80, status="asserted",
               confidence=0.8, text="The minister accused the opposition of spreading lies about the budget.",
               event_date=date, date_precision="day", date=date)
    row.update(fields)
    return row


# Reports whose keys differ only where one holds None: the sort of a spill compares them.
REPORTS = [
    _report(100, 10, "2026-03-16"),  # no target
    _report(101, 11, "2026-03-16", actor2_key="text::the police", actor2="{\"text\": \"the police\"}"),
    _report(102, 12, "2026-03-17"),  # no target, a day later: the same event as 100
    _report(103, 13, "2026-03-17", actor2_id=7, actor2_key="actor:7"),
    _report(104, 13, "2026-03-17", position=1, type="protest", mode=None, actor1_id=None, actor1_key=None,
            cameo_root="14", text="Thousands marched through the capital on Tuesday."),
    _report(105, 14, "2026-03-18", type="protest", mode="demonstrate", actor1_id=None, actor1_key=None,
            cameo_root="14"),
    _report(106, 14, "2026-03-18", position=1, status="negated", actor2_key="text::the police",
            text="The police denied that officers had attacked the marchers."),
]


def _write_output(out: Path) -> None:
    """The two tables the event stage reads, as the job writes them (one file per input file, `date` a column)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph.scale.writer import arrow_schema

    (out / "event_reports").mkdir(parents=True)
    for part, rows in enumerate((REPORTS[::2], REPORTS[1::2])):  # two input files' tasks
        pq.write_table(pa.Table.from_pylist(rows, arrow_schema("event_reports")),
                       out / "event_reports" / f"part-{part}.parquet")
    (out / "copies").mkdir(parents=True)
    copies = pa.table({  # article 12 republished article 10
        "article_id": pa.array([12], pa.int64()), "source_article_id": pa.array([10], pa.int64()),
        "share_of_article": [1.0], "share_of_source": [1.0], "copied_words": pa.array([60], pa.int64()),
        "passages": [json.dumps([[0, 300, 0, 300]])],
    })
    pq.write_table(copies, out / "copies" / "part-0.parquet")


@pytest.fixture(scope="module")
def spilling_spark():
    from newsgraph.scale.job import spark_session

    session = spark_session("local[2]", "newsgraph-spill-tests", {
        "spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.driver.memory": "1g", "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.memory": WORKER_MEMORY,
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@needs_spark
def test_event_stage_merges_the_same_events_when_the_shuffle_spills(spilling_spark, tmp_path):
    from newsgraph.scale.events import merge_events

    # the setting reached the context (not an earlier session's): every groupByKey spills
    assert spilling_spark.sparkContext.getConf().get("spark.python.worker.memory") == WORKER_MEMORY
    out = tmp_path / "out"
    _write_output(out)
    merge_events(spilling_spark, str(out), "overwrite")

    members = defaultdict(set)
    for row in table(out, "event_members"):
        members[row["event_id"]].add(row["event_report_id"])
    assert sorted(map(sorted, members.values())) == [[100, 102], [101], [103], [104], [105], [106]]
    events = {e["first_report_id"]: e for e in table(out, "events")}
    assert set(events) == {100, 101, 103, 104, 105, 106}
    first = events[100]
    assert (first["actor2_key"], first["date"], first["reports"], first["articles"]) == (None, "2026-03-16", 2, 2)
    assert first["independent_articles"] == 1  # article 12 is a copy of article 10
    assert events[104]["mode"] is None and events[104]["actor1_key"] is None
    assert events[106]["negated"] and not events[101]["negated"]
