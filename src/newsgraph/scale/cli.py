"""The `newsgraph spark` and `newsgraph load` commands (registered in newsgraph.cli).

Kept apart from the main command module, and pyspark imported only when `spark` runs: it is an
optional extra (`pip install 'newsgraph[spark]'`).  The main module's helpers are imported inside
the commands, because newsgraph.cli imports this module.
"""

from __future__ import annotations

import re

import click

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
    from newsgraph.cli import err, safe
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
@click.option("--db", "db_path", envvar="NEWSGRAPH_DB", default="newsgraph.db", show_default=True,
              type=click.Path(dir_okay=False), help="SQLite database file (or set NEWSGRAPH_DB).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load(directory, db_path, quiet):
    """Merge the Parquet output of `newsgraph spark` in DIRECTORY into the database (idempotent)."""
    from newsgraph.cli import _open_store, _progress, err, safe
    from newsgraph.errors import NewsgraphError
    from newsgraph.scale.load import count_documents, load_output

    with _open_store(db_path, must_exist=False) as store, _progress(quiet) as progress:
        task = progress.add_task("loading", total=count_documents(directory))
        try:
            counts = load_output(directory, store, lambda n: progress.update(task, advance=n))
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None
    err.print(f"articles read: {counts['read']}  stored: {counts['stored']}  already there: {counts['duplicates']}"
              f"  -> {safe(db_path)}")
    if counts["errors"]:
        err.print(f"  {counts['errors']} inputs gave no article; see {safe(directory)}/errors")
