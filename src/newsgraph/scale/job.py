"""The `ingest` pipeline on Apache Spark: WARC files in, the store's tables out as Parquet.

Why it is shaped like this:

- **One task per WARC file.** The list of files is parallelised with one slice per file; a task
  streams its file through our WARC reader (never whole in memory) and runs `analyze_pages` on
  chunks of pages, exactly as `ingest` does.  Spark reuses its Python workers, and the spaCy model
  is cached per process (`load_nlp`), so it is loaded once per executor process, not per page.
- **The tasks write the per-article tables themselves** (pyarrow, scale/writer.py): rows never
  cross into the JVM, whose CPU on the same cores is the Python workers' loss.  One file per input
  file and table, named after the input file; the article's date (published, else fetched) is a
  column.  Spark schedules
  the tasks and runs the stages that need the whole corpus.
- **Nothing dropped silently.** Reader failures, pages with no article and enrichment failures go
  to the `errors` table with their origin and reason; counters say how many pages were read,
  filtered out and turned into articles.
- **Cross-document stages read the Parquet output**: canonical actors across documents
  (`canonical_actors`), text reuse (`scale.reuse`: copied pairs, clusters, classes) and events
  merged across articles (`scale.events`, after reuse: it counts independent reports).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import islice
from pathlib import Path
from urllib.parse import urlparse

from newsgraph.errors import NewsgraphError
from newsgraph.corpus.reuse.recent import RecentSources
from newsgraph.extraction import ExtractOptions
from newsgraph.ingest.page import MAX_PAGE_BYTES, Failure, RawPage
from newsgraph.ingest.warc import read_warc
from newsgraph.pipeline import analyze_pages
from newsgraph.scale.events import merge_events
from newsgraph.scale.inputs import S3Settings, list_inputs, local_file
from newsgraph.scale.reuse import reuse_stage
from newsgraph.scale.writer import PLACES_PARTS, TaskTables, fill_empty_tables, prepare_output, remove_places_parts
from newsgraph.scale.tables import (
    ACTOR_ALIASES, ACTORS, TABLES, UNKNOWN_DATE, article_rows, ddl, partition_date,
)


COUNTERS = ("files", "pages", "filtered", "articles", "errors")


@dataclass(frozen=True)
class JobOptions:
    """What the tasks need to know; shipped to every task, so kept small."""

    filter_hosts: tuple[str, ...] = ()  # keep pages of these hosts (and their subdomains) only
    date_from: str | None = None  # YYYY-MM-DD, inclusive, on the partition date
    date_to: str | None = None
    chunk_size: int = 32  # pages per analyze_pages call (one batched spaCy pass)
    max_page_bytes: int = MAX_PAGE_BYTES
    enrich: bool = True
    extract: ExtractOptions = field(default_factory=ExtractOptions)


# -- inside the tasks -------------------------------------------------------------------------

def wanted_host(url: str | None, hosts: tuple[str, ...]) -> bool:
    if not hosts:
        return True
    host = (urlparse(url or "").hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def in_range(date: str, options: JobOptions) -> bool:
    if options.date_from is None and options.date_to is None:
        return True
    if date == UNKNOWN_DATE:
        return False
    return (options.date_from or date) <= date <= (options.date_to or date)


def analyze_files(paths: Iterable[str], options: JobOptions, s3: S3Settings, counters: dict) -> Iterator[tuple]:
    """The task: (table, row) pairs for every page of every file in the partition."""
    for path in paths:
        counters["files"].add(1)
        try:
            with local_file(path, s3) as local:
                yield from _analyze_file(path, local, options, counters)
        except Exception as exc:  # an unreadable file is one error row, the others go on
            reason = exc.reason if isinstance(exc, NewsgraphError) else f"{type(exc).__name__}: {exc}"
            counters["errors"].add(1)
            yield "errors", (path, f"cannot read the file: {' '.join(reason.split())}", path)


def _analyze_file(path: str, local: str, options: JobOptions, counters: dict) -> Iterator[tuple]:
    items = read_warc(Path(local), options.max_page_bytes)
    while chunk := list(islice(items, options.chunk_size)):
        pages = []
        for item in chunk:
            if isinstance(item, Failure):
                counters["errors"].add(1)
                yield "errors", (item.origin.replace(local, path, 1), item.reason, path)
            elif wanted_host(item.url, options.filter_hosts):
                item.origin = item.origin.replace(local, path, 1)
                pages.append(item)
            else:
                counters["filtered"].add(1)
        counters["pages"].add(len(pages))
        yield from _analyze_chunk(pages, path, options, counters)


@cache
def _recent() -> RecentSources:
    """This Python worker's last enriched articles: a copy of one of them takes its facts instead of a parse."""
    return RecentSources()


def _analyze_chunk(pages: list[RawPage], path: str, options: JobOptions, counters: dict) -> Iterator[tuple]:
    for page, result in zip(pages, analyze_pages(pages, options.extract, options.enrich, _recent())):
        if isinstance(result, Failure):
            counters["errors"].add(1)
            yield "errors", (result.origin, result.reason, path)
        elif not in_range(partition_date(result), options):
            counters["filtered"].add(1)
        else:
            counters["articles"].add(1)
            for table, rows in article_rows(result, page.origin, page.page_hash, page.url).items():
                for row in rows:
                    yield table, row


# -- on the driver ----------------------------------------------------------------------------

def run_job(spark, inputs: list[str], output: str, options: JobOptions, overwrite: bool = False,
            s3: S3Settings | None = None) -> dict[str, int]:
    """Analyse every WARC file the inputs name; write the tables under `output`; return the counters.

    `s3`: credentials and endpoint for s3a:// inputs and output [default: the session's spark.hadoop.fs.s3a.*].
    """
    sc = spark.sparkContext
    s3 = s3 or S3Settings.from_conf(sc.getConf())
    paths = list_inputs(spark, inputs, s3)
    prepare_output(output, s3, overwrite)
    counters = {name: sc.accumulator(0) for name in COUNTERS}
    task = partial(write_files, output=output, options=options, s3=s3, counters=counters)
    sc.parallelize(paths, numSlices=len(paths)).mapPartitions(task).count()
    fill_empty_tables(output, s3)
    mode = "overwrite"  # the stages write into the folder prepare_output emptied
    places = spark.read.schema(ddl(TABLES["places"])).parquet(f"{output}/{PLACES_PARTS}")
    places.dropDuplicates(["id"]).coalesce(1).write.mode(mode).parquet(f"{output}/places")
    remove_places_parts(output, s3)
    canonical_actors(spark, output, mode)
    reuse_stage(spark, output, mode)
    merge_events(spark, output, mode)
    return {name: counter.value for name, counter in counters.items()}


def write_files(paths: Iterable[str], output: str, options: JobOptions, s3: S3Settings, counters: dict) -> Iterator[str]:
    """The task: each file's rows written to its own Parquet files (scale/writer.py)."""
    for path in paths:
        tables = TaskTables(output, path, s3)
        try:
            for table, row in analyze_files([path], options, s3, counters):
                tables.add(table, row)
        finally:
            tables.close()
        yield path


def read_table(spark, output: str, table: str):
    """A table of a run's output, with its declared schema (also when the run wrote no rows)."""
    return spark.read.schema(ddl(TABLES[table])).parquet(f"{output}/{table}")


def canonical_actors(spark, output: str, mode: str = "errorifexists") -> None:
    """Cross-document stage: one row per actor key (names, aliases, counts) and its aliases.

    Country and sector are the values most articles give; aliases are every other name any
    article uses for the actor.
    """
    from pyspark.sql import functions as F

    per_article = read_table(spark, output, "article_actors")
    aliases = per_article.select(
        "actor_id", F.explode(F.from_json("aliases", "array<string>")).alias("alias")
    ).distinct()
    actors = per_article.groupBy("actor_id").agg(
        F.min("actor_key").alias("actor_key"), F.min("name").alias("name"), F.min("type").alias("type"),
        F.mode("country").alias("country"), F.mode("sector").alias("sector"), F.min("kb_id").alias("kb_id"),
        F.countDistinct("article_id").alias("articles"), F.sum("mentions").cast("long").alias("mentions"),
    )
    alias_lists = aliases.groupBy("actor_id").agg(F.array_sort(F.collect_list("alias")).alias("aliases"))
    actors = actors.join(alias_lists, "actor_id", "left").withColumn(
        "aliases", F.coalesce("aliases", F.array().cast("array<string>"))
    ).withColumnRenamed("actor_id", "id")
    actors.select([name for name, _ in ACTORS]).write.mode(mode).parquet(f"{output}/actors")
    aliases.select([name for name, _ in ACTOR_ALIASES]).write.mode(mode).parquet(f"{output}/actor_aliases")


# In local mode the one JVM (driver and executor) shares the cores of the Python workers, which do
# the work; HotSpot's optimising compiler (C2) took 18 s of the JVM's 48 s of CPU on a 100-page run:
# the quick compiler alone is enough.  The default collector (G1) works beside the program in threads
# of its own; the serial collector, one thread and no concurrent work, is the cheapest in CPU for the
# small heap of these stages (2-3 s less of the JVM's CPU a run, docs/benchmarks.md).  A cluster's
# settings are its own.
LOCAL_JVM_DEFAULTS = {"spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}


def spark_session(master: str | None, app_name: str = "newsgraph", config: dict[str, str] | None = None):
    """A SparkSession; `master` None keeps what spark-submit or the environment set.

    In local mode the Python workers run this interpreter (the one that has newsgraph installed),
    unless the configuration names another.
    """
    from pyspark.sql import SparkSession

    config = dict(config or {})
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):  # the driver hands PYSPARK_PYTHON to the workers it starts
            os.environ.setdefault("PYSPARK_PYTHON", config.get("spark.pyspark.python", sys.executable))
            config = {**LOCAL_JVM_DEFAULTS, **config}
    for key, value in config.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
