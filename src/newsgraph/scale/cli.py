"""The `newsgraph spark` and `newsgraph load` commands (registered in newsgraph.cli).

Kept apart from the main command module, and pyspark imported only when `spark` runs: it is an
optional extra (`pip install 'newsgraph[spark]'`).  What the commands share (the terminal, progress
bars, --db) comes from newsgraph.console, never from newsgraph.cli, which imports this module.
"""

from __future__ import annotations

import re

import click

from newsgraph.console import batch_reporter, db_option, err, open_store, progress_bar, safe, say_interrupted
from newsgraph.settings import DEFAULTS

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


def _date(ctx, param, value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-14")
    return value


@click.command("spark")
@click.option("--input", "inputs", multiple=True, required=True,
              help="WARC/WET files: a path, a glob ('crawl/*.warc.gz') or s3a://bucket/prefix/*.warc.gz; repeatable.")
@click.option("--output", required=True, help="Directory for the Parquet tables (local path, or s3a:// on a cluster).")
@click.option("--master", help="Spark master: local[2], spark://host:7077, yarn ... [default: spark-submit's, else local[*]]")
@click.option("--filter-host", "filter_hosts", multiple=True, help="Keep pages of this host and its subdomains only; repeatable.")
@click.option("--from", "date_from", callback=_date, help="Keep articles dated on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", callback=_date, help="Keep articles dated on or before this day (YYYY-MM-DD).")
@click.option("--overwrite", is_flag=True, help="Replace the tables of an earlier run in OUTPUT.")
@click.option("--no-enrich", is_flag=True, help="Extraction only: clean text and metadata, no actors, places, quotes.")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting; repeatable.")
def spark(inputs, output, master, filter_hosts, date_from, date_to, overwrite, no_enrich, confs):
    """Run the ingest pipeline on Spark over WARC files; write the store's tables as Parquet to OUTPUT.

    One task per file. Then `newsgraph load OUTPUT --db FILE` puts the result in a database.
    """
    try:
        import pyspark.sql
    except ImportError:
        raise click.ClickException("pyspark is not installed: pip install 'newsgraph[spark]' (and Java 17)") from None
    from newsgraph.errors import NewsgraphError
    from newsgraph.scale.job import JobOptions, run_job, spark_session

    config = dict(c.split("=", 1) for c in confs if "=" in c)
    options = JobOptions(
        filter_hosts=tuple(h.lower().lstrip(".") for h in filter_hosts), date_from=date_from, date_to=date_to,
        enrich=not no_enrich,
    )
    owned = pyspark.sql.SparkSession.getActiveSession() is None  # a caller's session (a test's) stays open
    session = spark_session(master, config=config)
    try:
        counts = run_job(session, list(inputs), output, options, overwrite=overwrite)
    except NewsgraphError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if owned:
            session.stop()
    err.print(f"files: {counts['files']}  pages: {counts['pages']}  articles: {counts['articles']}  "
              f"filtered out: {counts['filtered']}  errors: {counts['errors']}  -> {safe(output)}")
    if counts["errors"]:
        err.print(f"  the errors are in {safe(output)}/errors (origin, reason)")


@click.command("load")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--batch-size", default=DEFAULTS.ingest.batch_size, show_default=True, type=click.IntRange(1, 10000),
              help="Articles per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load(directory, db_path, batch_size, quiet):
    """Merge the Parquet output of `newsgraph spark` in DIRECTORY into the database (idempotent).

    Interrupted? Run the same command again: stored articles are skipped.
    """
    import sys

    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest.service import Counts, Interrupted, ServiceOptions
    from newsgraph.scale.load import count_documents, count_errors, load_output

    def summary(counts: Counts) -> None:
        err.print(f"articles read: {counts.read}  stored: {counts.stored}  already there: "
                  f"{counts.duplicate + counts.skipped}  failures: {counts.failures}  -> {safe(db_path)}")
        if errors := count_errors(directory):
            err.print(f"  {errors} inputs gave no article; see {safe(directory)}/errors")

    with open_store(db_path, must_exist=False) as store, progress_bar(quiet) as progress:
        task = progress.add_task("loading", total=count_documents(directory))
        try:
            options = ServiceOptions(batch_size=batch_size, on_batch=batch_reporter(progress, task))
            counts = load_output(directory, store, options)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None
        except Interrupted as stop:
            say_interrupted()
            summary(stop.counts)
            sys.exit(130)
    summary(counts)
    if counts.failures:
        sys.exit(1)
