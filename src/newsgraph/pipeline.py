"""Composes the stages: read pages, extract an Article from each, run the enrichers.

Reading happens in the calling process (it is I/O); extraction and enrichment,
the CPU-bound part, run in worker processes when asked.  Pages come back in
the order they were read, in batches, so the caller can store one batch per
transaction and skip pages it already has (resume after an interruption).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsgraph.enrich import enrich_articles
from newsgraph.errors import NewsgraphError
from newsgraph.extraction import ExtractOptions, extract_page
from newsgraph.ingest import IngestOptions, read_sources
from newsgraph.ingest.page import Failure, RawPage
from newsgraph.record import Article


@dataclass
class PipelineOptions:
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    workers: int = 1
    batch_size: int = 64
    enrich: bool = True  # False: extraction only (clean text and metadata, no spaCy)


@dataclass
class Processed:
    """A page that became an Article."""

    article: Article
    origin: str
    page_hash: str
    url: str | None


@dataclass
class Skipped:
    """A page stored before (same bytes), skipped without extraction."""

    origin: str


Outcome = Processed | Skipped | Failure


def analyze_pages(
    pages: list[RawPage], options: ExtractOptions | None = None, enrich: bool = True
) -> list[Article | Failure]:
    """Extract each page, then enrich the articles together (one batched spaCy pass)."""
    results: list[Article | Failure] = [_extract(page, options) for page in pages]
    articles = [r for r in results if isinstance(r, Article)] if enrich else []
    try:
        enrich_articles(articles)
    except Exception:  # find the article that broke the batch; enrich the others one by one
        for i, result in enumerate(results):
            if isinstance(result, Article):
                results[i] = _enrich_one(result, pages[i].origin)
    return results


def analyze_page(page: RawPage, options: ExtractOptions | None = None) -> Article:
    """One page through extraction and every enricher; raises NewsgraphError."""
    [result] = analyze_pages([page], options)
    if isinstance(result, Failure):
        raise NewsgraphError(result.origin, result.reason)
    return result


def _extract(page: RawPage, options: ExtractOptions | None) -> Article | Failure:
    try:
        return extract_page(page, options)
    except NewsgraphError as exc:
        return Failure(exc.origin, exc.reason)
    except Exception as exc:  # a bug or a library failure on one page must not stop the batch
        return Failure(page.origin, f"extraction failed: {type(exc).__name__}: {exc}")


def _enrich_one(article: Article, origin: str) -> Article | Failure:
    try:
        return enrich_articles([article])[0]
    except Exception as exc:
        return Failure(origin, f"enrichment failed: {type(exc).__name__}: {exc}")


def _process(job: tuple[list[RawPage], ExtractOptions, bool]) -> list[Article | Failure]:
    return analyze_pages(*job)


def run(
    sources: Iterable[str],
    options: PipelineOptions | None = None,
    already_stored: Callable[[list[str]], set[str]] | None = None,
) -> Iterator[list[Outcome]]:
    """Yield one list of outcomes per batch of pages read from the sources."""
    options = options or PipelineOptions()
    stream = read_sources(sources, options.ingest)
    pool = _pool(options.workers) if options.workers > 1 else None
    try:
        while True:
            batch = list(islice(stream, options.batch_size))
            if not batch:
                return
            yield _process_batch(batch, options, already_stored, pool)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _process_batch(batch, options, already_stored, pool) -> list[Outcome]:
    pages = [item for item in batch if isinstance(item, RawPage)]
    hashes = {id(page): page.page_hash for page in pages}
    known = already_stored(list(hashes.values())) if already_stored else set()
    todo = [page for page in pages if hashes[id(page)] not in known]
    size = max(1, -(-len(todo) // (2 * options.workers)))  # two chunks per worker evens out slow pages
    jobs = [(todo[i : i + size], options.extract, options.enrich) for i in range(0, len(todo), size)]
    chunks = pool.map(_process, jobs, chunksize=1) if pool is not None else [_process(job) for job in jobs]
    results = [result for chunk in chunks for result in chunk]
    done = {id(page): result for page, result in zip(todo, results)}

    outcomes: list[Outcome] = []
    for item in batch:
        if isinstance(item, Failure):
            outcomes.append(item)
        elif id(item) not in done:
            outcomes.append(Skipped(item.origin))
        elif isinstance(done[id(item)], Failure):
            outcomes.append(done[id(item)])
        else:
            outcomes.append(Processed(done[id(item)], item.origin, hashes[id(item)], item.url))
    return outcomes


def _pool(workers: int):
    # A fork server that has imported the extractors once: workers start fast, and none of them
    # inherits the caller's threads (progress bars), sockets or database connection.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsgraph.pipeline"])
    return context.Pool(workers)
