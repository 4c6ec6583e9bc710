"""Flat tables (one row per article) for spreadsheets, pandas and Arrow tools."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from newsgraph.record import Article

COLUMNS = [
    "id", "url", "canonical_url", "site_name", "title", "author", "published", "language",
    "word_count", "extraction_method", "content_hash", "fetched_at", "origin", "text",
    "paragraph_offsets", "related_posts", "outlinks",
]


def _rows(articles: Iterable[tuple[int, str, Article]]) -> Iterator[dict]:
    for article_id, origin, art in articles:
        yield {
            "id": article_id,
            "url": art.url,
            "canonical_url": art.canonical_url,
            "site_name": art.site_name,
            "title": art.title,
            "author": art.author,
            "published": art.published,
            "language": art.language,
            "word_count": len(art.text.split()),
            "extraction_method": art.extraction_method,
            "content_hash": art.content_hash,
            "fetched_at": art.fetched_at,
            "origin": origin,
            "text": art.text,
            "paragraph_offsets": json.dumps([[p.start, p.end] for p in art.paragraphs]),
            "related_posts": json.dumps([r.__dict__ for r in art.related], ensure_ascii=False),
            "outlinks": json.dumps(art.outlinks, ensure_ascii=False),
        }


def write_csv(articles: Iterable[tuple[int, str, Article]], out_path: str) -> int:
    n = 0
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in _rows(articles):
            writer.writerow(row)
            n += 1
    return n


def write_parquet(articles: Iterable[tuple[int, str, Article]], out_path: str, batch_rows: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(name, pa.int64() if name in ("id", "word_count") else pa.string()) for name in COLUMNS]
    )
    n = 0
    with pq.ParquetWriter(out_path, schema) as writer:
        batch: list[dict] = []
        for row in _rows(articles):
            batch.append(row)
            if len(batch) >= batch_rows:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
