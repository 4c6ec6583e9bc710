"""Exporters: stored articles to files other tools read (JSONL, CSV, Parquet).

They take (id, origin, Article) triples and never touch the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsgraph.export.tabular import write_csv, write_parquet
from newsgraph.export.jsonl import write_jsonl
from newsgraph.record import Article

StoredArticle = tuple[int, str, Article]

WRITERS: dict[str, Callable[[Iterable[StoredArticle], str], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}


def write_export(fmt: str, out_path: str, articles: Iterable[StoredArticle]) -> int:
    """Write the articles; return how many were written."""
    return WRITERS[fmt](articles, out_path)
