"""Cross-document stage: one event per happening, over a run's Parquet output.

Every sentence reporting an event is a row of `event_reports`.  Reports with the same key
(`merge_key`: type, mode, source and target actor keys, polarity) are grouped (a shuffle) and
merged in publication order by newsgraph.corpus.events, the rule the store applies as it stores
pages, so `load` and this stage agree.  Each event then counts its reporting articles and, with
the `copies` of the reuse stage, how many of them are independent: not a republished copy of
another article reporting the same event (ten syndicated copies of one agency story are one
source, not ten).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsgraph.corpus.events import Report, merge_reports, modality
from newsgraph.scale.tables import hash63

EVENTS = ("`id` long, `type` string, `mode` string, `cameo_root` string, `actor1_id` long, `actor1_key` string, "
          "`actor2_id` long, `actor2_key` string, `place_id` long, `place_country` string, `place_precision` string, "
          "`date` string, `date_precision` string, `negated` boolean, `first_report_id` long")
EVENT_MEMBERS = "`event_report_id` long, `event_id` long"


def merge_key(row) -> tuple[str, str, str, str, str]:
    """The key whose reports may be one event: type, mode, source and target actor keys, polarity.

    A field without a value is "", as the store compares them (`coalesce(..., '')`): a key holding
    None could not be sorted against one holding a string, and pyspark sorts the keys of a
    groupByKey whenever a worker passes spark.python.worker.memory and spills to disk.
    """
    return (row.type or "", row.mode or "", row.actor1_key or "", row.actor2_key or "", modality(row.status))


def _report(row) -> Report:
    place = json.loads(row.place) if row.place else {}
    return Report(row.id, row.place_id, place.get("country"), place.get("precision"), row.event_date,
                  row.date_precision)


def _merged(group: tuple[tuple, Iterable]) -> Iterator[tuple]:
    """("event", row) for each event of one key's reports, ("member", row) for each of its reports."""
    _, rows = group
    rows = sorted(rows, key=lambda r: (r.date or "", r.article_id, r.position))  # partition date: publication order
    by_id = {r.id: r for r in rows}
    for event in merge_reports(_report(r) for r in rows):
        first = by_id[event.reports[0]]
        event_id = hash63(f"event\n{first.id}")
        yield "event", (event_id, first.type, first.mode, first.cameo_root, first.actor1_id, first.actor1_key,
                        first.actor2_id, first.actor2_key, event.place_id, event.place_country, event.place_precision,
                        event.date, event.date_precision, modality(first.status) != "happened", first.id)
        for report_id in event.reports:
            yield "member", (report_id, event_id)


def merge_events(spark, output: str, mode: str = "errorifexists") -> None:
    """Write `events` (one row per merged event, with its counts) and `event_members` (report -> event)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newsgraph.scale.job import read_table

    reports = read_table(spark, output, "event_reports")
    merged = (reports.select("id", "article_id", "position", "type", "mode", "cameo_root", "actor1_id", "actor1_key",
                             "actor2_id", "actor2_key", "place_id", "place", "event_date", "date_precision", "status",
                             "date").rdd
              .keyBy(merge_key)
              .groupByKey().flatMap(_merged).persist(StorageLevel.DISK_ONLY))
    try:
        events = spark.createDataFrame(merged.filter(lambda x: x[0] == "event").values(), EVENTS)
        members = spark.createDataFrame(merged.filter(lambda x: x[0] == "member").values(), EVENT_MEMBERS)
        members.write.mode(mode).parquet(f"{output}/event_members")
        members = spark.read.schema(EVENT_MEMBERS).parquet(f"{output}/event_members")
        reporting = (members.join(reports.select(F.col("id").alias("event_report_id"), "article_id"), "event_report_id")
                     .select("event_id", "article_id").distinct())
        copies = spark.read.schema("`article_id` long, `source_article_id` long").parquet(f"{output}/copies")
        copied = (reporting.join(copies, "article_id")  # a reporting article copied from another reporting article
                  .join(reporting.select("event_id", F.col("article_id").alias("source_article_id")),
                        ["event_id", "source_article_id"])
                  .select("event_id", "article_id").distinct())
        counts = (members.groupBy("event_id").agg(F.count("*").alias("reports"))
                  .join(reporting.groupBy("event_id").agg(F.count("*").alias("articles")), "event_id")
                  .join(copied.groupBy("event_id").agg(F.count("*").alias("copies")), "event_id", "left")
                  .select(F.col("event_id").alias("id"), "reports", "articles",
                          (F.col("articles") - F.coalesce("copies", F.lit(0))).alias("independent_articles")))
        events.join(counts, "id").write.mode(mode).parquet(f"{output}/events")
    finally:
        merged.unpersist()
