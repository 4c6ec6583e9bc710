"""The ingest service: sources in, articles stored, counts out.  `newsgraph ingest`, `POST /api/ingest`
and `newsgraph load` all call it, so a page is read, analysed, stored and counted the same way
whichever door it came in by.

    counts = ingest(["crawl/", "https://..."], store, ServiceOptions(workers=4))

Three entry points share one storing loop (`_store_batches`):
- `ingest(sources, ...)`: read the sources (`read_sources`), extract and enrich in the pipeline's
  worker pool (`pipeline.run_items`), store each batch with `Store.add_batch`;
- `ingest_items(items, ...)`: the same on pages the caller has read (an upload, renamed);
- `ingest_prepared(records, ...)`: articles extracted and enriched elsewhere (a Spark run's
  Parquet), which only need storing.

Pages the store already has (same bytes) are skipped before any work, so a rerun after an
interruption goes on where it stopped; each batch is one transaction, so Ctrl-C keeps every batch
stored before it and abandons the one in flight, and `Interrupted` carries the counts so far.
Failures are values with a kind (`FailureKind`), counted by kind and handed to `on_batch`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

from newsgraph.corpus.reuse import Alignment
from newsgraph.corpus.reuse.transfer import MIN_SHARE
from newsgraph.errors import FailureKind
from newsgraph.extraction import ExtractOptions
from newsgraph.extraction.html import HtmlOptions
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.page import Failure, RawPage
from newsgraph.ingest.sources import read_sources
from newsgraph.pipeline import Outcome, PipelineOptions, Processed, Skipped, run_items
from newsgraph.record import Article
from newsgraph.settings import DEFAULTS, IngestSettings
from newsgraph.store import Store, StoredPage, StoreResult


@dataclass
class BatchReport:
    """What became of one batch, once stored: for progress bars, error lines and API answers."""

    read: int  # items in the batch: pages read and failures
    results: list[StoreResult]  # one per article given to the store: "stored" or "duplicate"
    skipped: list[str]  # origins of pages the store had before (same bytes), not analysed again
    failures: list[Failure]


@dataclass
class ServiceOptions:
    """How an ingest runs.  Every default is the one in `newsgraph.settings`."""

    workers: int = DEFAULTS.ingest.workers  # extraction and enrichment processes (1: in this process)
    batch_size: int = DEFAULTS.ingest.batch_size  # pages per transaction
    max_page_bytes: int = DEFAULTS.ingest.max_page_bytes  # larger pages are refused, when read and when extracted
    allow_private: bool = DEFAULTS.ingest.allow_private  # fetch from private and loopback addresses
    timeout: float = DEFAULTS.ingest.timeout  # seconds per URL
    rate_limit: float = DEFAULTS.ingest.rate_limit  # requests per second per host
    max_redirects: int = DEFAULTS.ingest.max_redirects
    enrich: bool = True  # False: extraction only (clean text and metadata, no spaCy)
    copies_from_store: bool = True  # a (near) copy of a stored article takes its facts instead of a parse
    resume: bool = True  # skip pages the store already has (same bytes) before any work
    html: HtmlOptions = field(default_factory=HtmlOptions)  # favor precision or recall
    database: str | None = None  # the database being written: never read as an input
    on_note: Callable[[str, str], None] | None = None  # (origin, text): an input passed over on purpose
    on_batch: Callable[[BatchReport], None] | None = None  # after each batch is stored: progress

    def reading(self) -> IngestOptions:
        """The readers' options."""
        return IngestOptions(allow_private=self.allow_private, max_page_bytes=self.max_page_bytes,
                             timeout=self.timeout, rate_limit=self.rate_limit, max_redirects=self.max_redirects,
                             database=self.database, on_note=self.on_note)

    @classmethod
    def from_settings(cls, settings: IngestSettings, **more: Any) -> ServiceOptions:
        """The options a settings tree gives, with ``more`` over them."""
        given = {name: getattr(settings, name) for name in
                 ("workers", "batch_size", "allow_private", "timeout", "rate_limit", "max_redirects")}
        return cls(**{**given, "max_page_bytes": settings.max_page_bytes, **more})

    def pipeline(self) -> PipelineOptions:
        return PipelineOptions(
            extract=ExtractOptions(html=self.html, max_page_bytes=self.max_page_bytes),
            ingest=self.reading(),
            workers=self.workers,
            batch_size=self.batch_size,
            enrich=self.enrich,
        )


@dataclass
class Counts:
    """What an ingest did.  `duplicate`: new pages whose article the store has already (the same text
    at the same address); `skipped`: pages stored before, byte for byte, not analysed again."""

    read: int = 0
    stored: int = 0
    duplicate: int = 0
    skipped: int = 0
    failed: Counter[FailureKind] = field(default_factory=Counter)

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    def add(self, report: BatchReport) -> None:
        self.read += report.read
        self.stored += sum(r.status == "stored" for r in report.results)
        self.duplicate += sum(r.status == "duplicate" for r in report.results)
        self.skipped += len(report.skipped)
        self.failed.update(f.kind for f in report.failures)

    def to_dict(self) -> dict:
        """As JSON: the failures by kind, most frequent first."""
        return {"read": self.read, "stored": self.stored, "duplicate": self.duplicate, "skipped": self.skipped,
                "failed": {str(kind): n for kind, n in self.failed.most_common()}}


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during an ingest: every batch stored before it is kept, the one in flight is not.
    `counts` says what was stored; running the same ingest again skips it."""

    def __init__(self, counts: Counts):
        super().__init__()
        self.counts = counts


def ingest(sources: Iterable[str], store: Store, options: ServiceOptions | None = None) -> Counts:
    """Read every source (files, folders, WARC/WET, feeds, URL lists, URLs, "-"), analyse each page
    and store the articles, one transaction per batch.  Raises `Interrupted` on Ctrl-C."""
    options = options or ServiceOptions()
    return ingest_items(read_sources(sources, options.reading()), store, options)


def ingest_items(items: Iterable[RawPage | Failure], store: Store, options: ServiceOptions | None = None) -> Counts:
    """`ingest` on pages the caller has read already; its failures are counted with the others."""
    options = options or ServiceOptions()
    known = store.known_pages if options.resume else None
    pipeline = options.pipeline()
    if options.enrich and options.copies_from_store:
        pipeline.find_source = StoredSources(store)
    return _store_batches(run_items(items, pipeline, already_stored=known), store, options)


class StoredSources:
    """The pipeline's `find_source`: the stored article a text is (nearly) a copy of (`Store.copy_source`).

    In this process it asks the service's store; pickled into a worker process, it opens the database
    read-only there, once per process, and sees every batch committed before the lookup."""

    def __init__(self, store: Store):
        self.path = store.path
        self._store: Store | None = store

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "_store": None}

    def __call__(self, article: Article) -> tuple[Article, Alignment] | None:
        store = self._store if self._store is not None else _reader(self.path)
        return store.copy_source(article.text, MIN_SHARE) if store is not None else None


@cache
def _reader(path: str) -> Store | None:
    """The worker process's read-only connection to the database being written (None: not a file)."""
    if path == ":memory:" or not os.path.exists(path):
        return None
    return Store.open_read_only(path, time_limit=None)


@dataclass
class Prepared:
    """An article extracted and enriched elsewhere (a row of a Spark run's output), ready to store.

    `record` is the Article, or its JSON, parsed only when the store does not have the page yet.
    """

    origin: str
    page_hash: str
    url: str | None
    record: Article | str


def ingest_prepared(
    records: Iterable[Prepared | Failure], store: Store, options: ServiceOptions | None = None
) -> Counts:
    """Store prepared articles in batches, as `ingest` stores the ones it analyses.  Of the options,
    only batch_size, resume and on_batch apply.  A record that does not parse fails alone."""
    options = options or ServiceOptions()
    return _store_batches(_prepared_batches(iter(records), store, options), store, options)


def _prepared_batches(
    records: Iterator[Prepared | Failure], store: Store, options: ServiceOptions
) -> Iterator[list[Outcome]]:
    while batch := list(islice(records, options.batch_size)):
        prepared = [r for r in batch if isinstance(r, Prepared)]
        known = store.known_pages(r.page_hash for r in prepared) if options.resume else set()
        yield [r if isinstance(r, Failure) else Skipped(r.origin) if r.page_hash in known else _parsed(r)
               for r in batch]


def _parsed(record: Prepared) -> Processed | Failure:
    if isinstance(record.record, Article):
        return Processed(record.record, record.origin, record.page_hash, record.url)
    try:
        return Processed(Article.from_json(record.record), record.origin, record.page_hash, record.url)
    except (ValueError, TypeError, KeyError) as error:
        reason = " ".join(f"stored record does not parse: {type(error).__name__}: {error}".split())
        return Failure(record.origin, reason, FailureKind.MALFORMED_RECORD)


def _store_batches(batches: Iterator[list[Outcome]], store: Store, options: ServiceOptions) -> Counts:
    """The one storing loop: each batch in one transaction, its failures recorded with it, counted."""
    counts = Counts()
    try:
        for batch in batches:
            failures = [o for o in batch if isinstance(o, Failure)]
            pages = [StoredPage(o.article, o.origin, o.page_hash, o.url) for o in batch if isinstance(o, Processed)]
            results = store.add_batch(pages, [(f.origin, f.reason) for f in failures])
            report = BatchReport(len(batch), results, [o.origin for o in batch if isinstance(o, Skipped)], failures)
            counts.add(report)
            if options.on_batch is not None:
                options.on_batch(report)
    except KeyboardInterrupt:
        raise Interrupted(counts) from None
    finally:
        close = getattr(batches, "close", None)
        if close is not None:  # stop the workers now, not when the generator is collected
            close()
    return counts
