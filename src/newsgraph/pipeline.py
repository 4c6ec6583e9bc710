"""Composes the stages: read pages, extract an Article from each, run the enrichers.

Reading happens in the calling process (it is I/O); extraction and enrichment,
the CPU-bound part, run in worker processes when asked.  Pages come back in
the order they were read, in batches, so the caller can store one batch per
transaction and skip pages it already has (resume after an interruption).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
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
    """Yield one list of outcomes per batch of pages read from the sources, in reading order.

    With workers, the next batches are already being processed while the caller stores this
    one, so the workers never wait for the database.
    """
    options = options or PipelineOptions()
    stream = read_sources(sources, options.ingest)
    pool = _pool(options.workers, options.enrich) if options.workers > 1 else None
    ahead = 2 if pool is not None else 0  # batches in flight beyond the one handed to the caller
    pending: deque[_InFlight] = deque()
    try:
        while True:
            batch = list(islice(stream, options.batch_size))
            if batch:
                pending.append(_submit(batch, options, already_stored, pool))
            if pending and (not batch or len(pending) > ahead):
                yield pending.popleft().outcomes()
            elif not batch:
                return
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


@dataclass
class _InFlight:
    """A batch whose pages are being extracted and enriched (in the workers, or done already)."""

    batch: list[RawPage | Failure]
    todo: list[RawPage]
    hashes: dict[int, str]
    chunks: list  # per chunk of `todo`: its results, or a pool AsyncResult that will give them

    def outcomes(self) -> list[Outcome]:
        results = [r for chunk in self.chunks for r in (chunk if isinstance(chunk, list) else chunk.get())]
        done = {id(page): result for page, result in zip(self.todo, results)}
        outcomes: list[Outcome] = []
        for item in self.batch:
            if isinstance(item, Failure):
                outcomes.append(item)
            elif id(item) not in done:
                outcomes.append(Skipped(item.origin))
            elif isinstance(done[id(item)], Failure):
                outcomes.append(done[id(item)])
            else:
                outcomes.append(Processed(done[id(item)], item.origin, self.hashes[id(item)], item.url))
        return outcomes


def _submit(batch, options: PipelineOptions, already_stored, pool) -> _InFlight:
    pages = [item for item in batch if isinstance(item, RawPage)]
    hashes = {id(page): page.page_hash for page in pages}
    known = already_stored(list(hashes.values())) if already_stored else set()
    todo = [page for page in pages if hashes[id(page)] not in known]
    size = max(1, -(-len(todo) // (2 * options.workers)))  # two chunks per worker evens out slow pages
    jobs = [(todo[i : i + size], options.extract, options.enrich) for i in range(0, len(todo), size)]
    if pool is None:
        return _InFlight(batch, todo, hashes, [_process(job) for job in jobs])
    return _InFlight(batch, todo, hashes, [pool.apply_async(_process, (job,)) for job in jobs])


def _pool(workers: int, enrich: bool):
    # A fork server that has imported the extractors once: workers start fast, and none of them
    # inherits the caller's threads (progress bars), sockets or database connection.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsgraph.pipeline"])
    return context.Pool(workers, initializer=_load_models, initargs=(enrich,))


def _load_models(enrich: bool) -> None:
    """Each worker loads its models as it starts, all at once, rather than on its first pages."""
    from newsgraph.extraction.language import detect_language

    detect_language("A sentence long enough to make the language model load before the first page.")
    if enrich:
        from newsgraph.enrich.nlp import load_nlp

        load_nlp()
