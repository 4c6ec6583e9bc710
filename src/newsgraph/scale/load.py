"""Merge a Spark run's Parquet output into a newsgraph database, through the ingest service.

The loader reads the `documents` table (each Article as JSON) and hands the rows to
`newsgraph.ingest.service.ingest_prepared`, the storing loop `ingest` runs, so the database gets
exactly what `ingest` would have stored: shared actors and places, quotes, citations, the full-text
index.  Pages the database already has are skipped (their JSON is not even parsed), so loading
twice, or loading overlapping runs, changes nothing.  Database ids are the store's own; the Parquet
hash ids stay in the Parquet files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.ingest.service import Counts, Prepared, ServiceOptions, ingest_prepared
from newsgraph.store import Store


def load_output(directory: str | Path, store: Store, options: ServiceOptions | None = None) -> Counts:
    """Store every article of the run's output, in batches of `options.batch_size`; return the counts."""
    documents = Path(directory) / "documents"
    if not documents.is_dir():
        raise NewsgraphError(str(directory), "not the output of `newsgraph spark` (no documents/ table)")
    options = options or ServiceOptions()
    return ingest_prepared(_documents(documents, options.batch_size), store, options)


def _documents(documents: Path, batch_size: int) -> Iterator[Prepared]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(documents, format="parquet", partitioning="hive")
    for batch in dataset.to_batches(columns=["origin", "page_hash", "url", "record"], batch_size=batch_size):
        for row in batch.to_pylist():
            yield Prepared(row["origin"], row["page_hash"], row["url"], row["record"])


def count_documents(directory: str | Path) -> int:
    return _count_rows(Path(directory) / "documents")


def count_errors(directory: str | Path) -> int:
    """Inputs of the run that gave no article (its `errors` table)."""
    return _count_rows(Path(directory) / "errors")


def _count_rows(table: Path) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(table, format="parquet", partitioning="hive").count_rows() if table.is_dir() else 0
