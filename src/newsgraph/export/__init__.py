"""Exporters: what the database holds, as files other tools read.

``write(store, fmt, out, filters, table)`` is the one entry point, used by ``newsgraph export`` and
by the web app's downloads: the same ``Filters`` as the events pages (``store.read.filters``) select
what is written, and by default only facts at or above each kind's confidence threshold and only
events stated as having happened.

| format | what | writer |
| --- | --- | --- |
| ``jsonl`` | articles with every shown fact | ``jsonl`` |
| ``csv``, ``parquet`` | one table: articles, events, actors, places, quotes or citations | ``tabular`` |
| ``gdelt-events`` | GDELT 2.0 event table (61 columns, no header, tab-separated) | ``gdelt`` |
| ``acled`` | ACLED's 31-column CSV | ``acled`` |
| ``plover-json`` | PLOVER records, one JSON per line | ``events`` |

The writers take rows and never open the database themselves.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from newsgraph.export.jsonl import write_jsonl
from newsgraph.export.tabular import ARTICLE_TYPES, COLUMNS, FACT_COLUMNS, write_csv, write_parquet, write_rows_csv, write_rows_parquet
from newsgraph.record import Article

if TYPE_CHECKING:
    from newsgraph.store import Store
    from newsgraph.store.read import Filters

StoredArticle = tuple[int, str, Article]

WRITERS: dict[str, Callable[[Iterable[StoredArticle], str], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
}
ARTICLE_FORMATS = ("jsonl", "csv", "parquet")
EVENT_FORMATS = ("gdelt-events", "acled", "plover-json")
FORMATS = ARTICLE_FORMATS + EVENT_FORMATS
TABLES = ("articles", "events", "actors", "places", "quotes", "citations")
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "parquet": "application/vnd.apache.parquet", "gdelt-events": "text/tab-separated-values; charset=utf-8",
               "acled": "text/csv; charset=utf-8", "plover-json": "application/x-ndjson"}
_SUFFIX = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "gdelt-events": "export.CSV", "acled": "csv",
           "plover-json": "jsonl"}


class ExportError(ValueError):
    """A format and table that do not go together."""


def write_export(fmt: str, out_path: str, articles: Iterable[StoredArticle]) -> int:
    """Write the articles; return how many were written."""
    return WRITERS[fmt](articles, out_path)


def filename(fmt: str, table: str = "articles") -> str:
    """A file name for a download: "newsgraph-events.csv", "newsgraph-events.export.CSV" (GDELT's own suffix)."""
    what = "events" if fmt in EVENT_FORMATS else table
    kind = {"gdelt-events": "-gdelt", "acled": "-acled", "plover-json": "-plover"}.get(fmt, "")
    return f"newsgraph-{what}{kind}.{_SUFFIX[fmt]}"


def write(store: Store, fmt: str, out: str | Path | IO[bytes], filters: Filters | None = None,
          table: str = "articles", skipped: dict[str, int] | None = None) -> int:
    """Write what `filters` select from `store` in `fmt` to `out` (a path or a binary file); return the
    rows written (articles, events or rows of `table`).  Event formats write events whatever `table` says;
    `jsonl` writes articles; `csv` and `parquet` write `table`.  `skipped` counts events an ACLED file
    leaves out, by reason."""
    from newsgraph.export import events as event_writers
    from newsgraph.export.acled import Skipped
    from newsgraph.export.acled import write as write_acled
    from newsgraph.store.read import Filters

    filters = filters or Filters()
    if fmt not in FORMATS:
        raise ExportError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ExportError(f"table: {table!r} is not one of {', '.join(TABLES)}")
    if fmt == "jsonl" and table != "articles":
        raise ExportError(f"table: jsonl writes articles (with their facts); use csv or parquet for {table}")
    if fmt == "parquet":
        types = ARTICLE_TYPES if table == "articles" else FACT_COLUMNS[table]
        return write_rows_parquet(_table_rows(store, table, filters), types, str(out) if isinstance(out, Path) else out)
    with _text(out) as text:
        if fmt == "acled":
            counted = Skipped()
            n = write_acled(store.export_events(filters), text, counted)
            if skipped is not None:
                skipped.update(counted)
            return n
        if fmt in EVENT_FORMATS:
            return event_writers.WRITERS[fmt](store.export_events(filters), text)
        if fmt == "csv":
            columns = COLUMNS if table == "articles" else list(FACT_COLUMNS[table])
            return write_rows_csv(_table_rows(store, table, filters), columns, text)
        return _write_jsonl(articles(store, filters), text)


def articles(store: Store, filters: Filters) -> Iterator[StoredArticle]:
    """The selected articles with the facts shown: each kind's floor, and only events that happened unless
    the filters ask for another status."""
    from newsgraph.confidence import shown_facts

    every_status = filters.event_status not in (None, "happened")
    selecting = {k for k in filters.active() if k not in ("min_confidence", "event_status")}
    stored: Iterable[StoredArticle]
    if selecting:
        stored = ((i, found[1], found[0]) for i in store.export_article_ids(filters) if (found := store.get(i)))
    else:
        stored = store.iter_articles()
    for article_id, origin, article in stored:
        yield article_id, origin, shown_facts(article, filters.min_confidence, every_status)


def _table_rows(store: Store, table: str, filters: Filters) -> Iterator[dict[str, Any]]:
    if table == "articles":
        from newsgraph.export.tabular import _rows

        return _rows(articles(store, filters))
    return store.export_rows(table, filters)


def _write_jsonl(rows: Iterable[StoredArticle], out: IO[str]) -> int:
    import json

    n = 0
    for article_id, origin, article in rows:
        out.write(json.dumps({"id": article_id, "origin": origin, **article.to_dict()}, ensure_ascii=False) + "\n")
        n += 1
    return n


class _text:
    """A text file over a path or a binary file (UTF-8, lines as written); the binary file stays open."""

    def __init__(self, out: str | Path | IO[bytes]):
        self.out = out
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        if isinstance(self.out, (str, Path)):
            self.file = open(self.out, "w", encoding="utf-8", newline="")
        else:
            self.file = io.TextIOWrapper(self.out, encoding="utf-8", newline="", write_through=True)
        return self.file

    def __exit__(self, *exc: object) -> None:
        assert self.file is not None
        if isinstance(self.out, (str, Path)):
            self.file.close()
        else:
            self.file.flush()
            assert isinstance(self.file, io.TextIOWrapper)
            self.file.detach()
