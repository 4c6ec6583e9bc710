"""The exports of a database read back with the readers users have, and how fast they are written.

    python -m bench.exports --db FILE [--status all] [--min-confidence X]

For each event format: events written, seconds, events/s, and how many rows each reader takes:
a strict TSV reader for GDELT (tabs, no quoting, 61 fields, numeric columns parse) and gdelt-py's
parser and event model; a strict CSV reader (31 fields) and the acled package's row parser for
ACLED.  For csv and parquet: the rows of each fact table and the time.  Nothing is written to the
database; the files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from pathlib import Path

from newsgraph.export import write
from newsgraph.export.acled import COLUMNS as ACLED_COLUMNS
from newsgraph.export.gdelt import COLUMNS as GDELT_COLUMNS
from newsgraph.store import Store
from newsgraph.store.read import Filters

GDELT_NUMERIC = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "IsRootEvent", "QuadClass",
                 "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "DATEADDED")


def strict_gdelt(data: bytes) -> int:
    good = 0
    for line in data.decode("utf-8").split("\n")[:-1]:
        fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(fields) != 61:
            continue
        row = dict(zip(GDELT_COLUMNS, fields))
        try:
            for column in GDELT_NUMERIC:
                float(row[column])
        except ValueError:
            continue
        good += 1
    return good


def gdelt_py(data: bytes) -> int | str:
    try:
        from py_gdelt.models.events import Event
        from py_gdelt.parsers.events import EventsParser
    except ImportError:
        return "not installed"
    import logging

    logging.getLogger("py_gdelt").setLevel(logging.CRITICAL)
    good = 0
    for raw in EventsParser().parse(data):
        try:
            Event.from_raw(raw)
            good += 1
        except Exception:  # the model refused the row
            pass
    return good


def strict_acled(data: bytes) -> int:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), strict=True))
    return sum(1 for row in rows[1:] if len(row) == 31) if rows and tuple(rows[0]) == ACLED_COLUMNS else 0


def acled_package(data: bytes) -> int | str:
    try:
        from acled.clients.acled_data_client import AcledDataClient
    except ImportError:
        return "not installed"
    import logging

    parser = AcledDataClient.__new__(AcledDataClient)
    parser.log = logging.getLogger("acled")
    good = 0
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        try:
            parser._parse_event(dict(row))
            good += 1
        except ValueError:
            pass
    return good


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--status", default=None, choices=["happened", "negated", "hypothetical", "all"])
    parser.add_argument("--min-confidence", type=float, default=None)
    args = parser.parse_args()
    filters = Filters(event_status=args.status, min_confidence=args.min_confidence)
    store = Store.open_read_only(args.db, time_limit=None)
    stats = store.stats()
    print(f"database: {args.db}: {stats['articles']:,} articles, {stats['events']:,} events stored")
    print("| export | rows | seconds | rows/s | strict reader | package parser |")
    print("| --- | --- | --- | --- | --- | --- |")
    for fmt in ("gdelt-events", "acled", "plover-json"):
        out = io.BytesIO()
        skipped: dict[str, int] = {}
        started = time.perf_counter()
        n = write(store, fmt, out, filters, skipped=skipped)
        seconds = time.perf_counter() - started
        data = out.getvalue()
        strict, package = {"gdelt-events": (strict_gdelt, gdelt_py), "acled": (strict_acled, acled_package)}.get(
            fmt, (lambda d: d.count(b"\n"), lambda d: "-"))
        left_out = f" ({', '.join(f'{v} {k}' for k, v in sorted(skipped.items()))} left out)" if skipped else ""
        taken = package(data)
        print(f"| {fmt}{left_out} | {n:,} | {seconds:.2f} | {n / seconds if seconds else 0:,.0f} | "
              f"{strict(data):,} | {taken if isinstance(taken, str) else f'{taken:,}'} |")
    with tempfile.TemporaryDirectory() as folder:
        for table in ("events", "actors", "places", "quotes", "citations", "articles"):
            for fmt in ("csv", "parquet"):
                started = time.perf_counter()
                n = write(store, fmt, Path(folder) / f"{table}.{fmt}", filters, table=table)
                seconds = time.perf_counter() - started
                print(f"| {fmt} --table {table} | {n:,} | {seconds:.2f} | {n / seconds if seconds else 0:,.0f} | - | - |")


if __name__ == "__main__":
    main()
