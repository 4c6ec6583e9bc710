"""Flat tables for spreadsheets, pandas and Arrow tools: one row per article, or per row of a fact
table (events, actors, places, quotes, citations: ``FACT_COLUMNS``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsgraph.record import Article
from newsgraph.store.read.exports import EVENT_COLUMNS

# Each fact table's columns and Arrow types ("int", "float", "str"), as Store.export_rows gives them.
_INT, _FLOAT = "int", "float"
FACT_COLUMNS: dict[str, dict[str, str]] = {
    "events": {c: (_INT if c in ("id", "actor1_id", "actor2_id", "place_id", "geonameid", "reports", "articles", "sites")
                   else _FLOAT if c in ("latitude", "longitude", "confidence") else "str") for c in EVENT_COLUMNS},
    "actors": {"id": _INT, "name": "str", "type": "str", "country": "str", "sector": "str", "kb_id": "str",
               "articles": _INT, "mentions": _INT, "confidence": _FLOAT, "aliases": "str"},
    "places": {"id": _INT, "geonameid": _INT, "name": "str", "country": "str", "admin1": "str", "latitude": _FLOAT,
               "longitude": _FLOAT, "feature": "str", "articles": _INT, "mentions": _INT, "confidence": _FLOAT},
    "quotes": {"id": _INT, "article_id": _INT, "article_url": "str", "site_name": "str", "published": "str",
               "speaker": "str", "speaker_actor_id": _INT, "cue": "str", "kind": "str", "text": "str",
               "start_offset": _INT, "end_offset": _INT, "confidence": _FLOAT},
    "citations": {"id": _INT, "article_id": _INT, "article_url": "str", "site_name": "str", "published": "str",
                  "source": "str", "source_actor_id": _INT, "cue": "str", "sentence": "str", "start_offset": _INT,
                  "end_offset": _INT, "confidence": _FLOAT},
}

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


ARTICLE_TYPES = {name: _INT if name in ("id", "word_count") else "str" for name in COLUMNS}


def write_csv(articles: Iterable[tuple[int, str, Article]], out_path: str) -> int:
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        return write_rows_csv(_rows(articles), COLUMNS, out)


def write_parquet(articles: Iterable[tuple[int, str, Article]], out_path: str, batch_rows: int = 5000) -> int:
    return write_rows_parquet(_rows(articles), ARTICLE_TYPES, out_path, batch_rows)


def write_rows_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str], out: IO[str]) -> int:
    """CSV with a header line (RFC 4180 quoting); returns the rows written."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_rows_parquet(rows: Iterable[dict[str, Any]], types: dict[str, str], out: str | IO[bytes],
                       batch_rows: int = 5000) -> int:
    """Parquet with one typed column per name of `types` ("int", "float", "str"); returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {_INT: pa.int64(), _FLOAT: pa.float64(), "str": pa.string()}
    schema = pa.schema([(name, arrow[kind]) for name, kind in types.items()])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_rows:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
