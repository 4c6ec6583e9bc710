"""Merge a Spark run's Parquet output into a newsgraph database, through the Store.

The loader reads the `documents` table (each Article as JSON) and hands the articles to
`Store.add_batch`, the same call `ingest` makes, so the database gets exactly what `ingest` would
have stored: shared actors and places, quotes, citations, the full-text index.  Pages the database
already has are skipped (`Store.known_pages`), so loading twice, or loading overlapping runs,
changes nothing.  Database ids are the store's own; the Parquet hash ids stay in the Parquet files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.record import Article
from newsgraph.store import Store, StoredPage

BATCH_ROWS = 256


def load_output(directory: str | Path, store: Store, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Store every article of the run's output; return counts (read, stored, duplicates, errors)."""
    import pyarrow.dataset as ds

    documents = Path(directory) / "documents"
    if not documents.is_dir():
        raise NewsgraphError(str(directory), "not the output of `newsgraph spark` (no documents/ table)")
    dataset = ds.dataset(documents, format="parquet", partitioning="hive")
    counts = {"read": 0, "stored": 0, "duplicates": 0, "errors": _count_rows(Path(directory) / "errors")}
    for batch in dataset.to_batches(columns=["origin", "page_hash", "url", "record"], batch_size=BATCH_ROWS):
        rows = batch.to_pylist()
        known = store.known_pages(row["page_hash"] for row in rows)
        pages = [
            StoredPage(Article.from_json(row["record"]), row["origin"], row["page_hash"], row["url"])
            for row in rows
            if row["page_hash"] not in known
        ]
        results = store.add_batch(pages)
        counts["read"] += len(rows)
        counts["stored"] += sum(r.status == "stored" for r in results)
        counts["duplicates"] += len(rows) - sum(r.status == "stored" for r in results)
        if progress:
            progress(len(rows))
    return counts


def count_documents(directory: str | Path) -> int:
    return _count_rows(Path(directory) / "documents")


def _count_rows(table: Path) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(table, format="parquet", partitioning="hive").count_rows() if table.is_dir() else 0
