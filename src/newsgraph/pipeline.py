"""Composes the stages: read pages, extract an Article from each, run the enrichers.

Reading happens in the calling process (it is I/O); extraction and enrichment,
the CPU-bound part, run in worker processes when asked.  Pages come back in
the order they were read, in batches, so the caller can store one batch per
transaction and skip pages it already has (resume after an interruption).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsgraph.corpus.reuse.align import Alignment, align
from newsgraph.corpus.reuse.shingles import words
from newsgraph.corpus.reuse.transfer import MIN_SHARE, facts_through, remainder
from newsgraph.enrich import enrich_articles
from newsgraph.errors import FailureKind, NewsgraphError
from newsgraph.extraction import ExtractOptions, extract_page
from newsgraph.ingest import IngestOptions, read_sources
from newsgraph.settings import DEFAULTS
from newsgraph.ingest.page import Failure, RawPage
from newsgraph.record import Article


@dataclass
class PipelineOptions:
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    workers: int = DEFAULTS.ingest.workers
    batch_size: int = DEFAULTS.ingest.batch_size
    enrich: bool = True  # False: extraction only (clean text and metadata, no spaCy)
    # An article -> the stored article it is (nearly) a copy of, with the alignment; given by the ingest
    # service (the pipeline does not know the store).  Called in the workers: it must pickle.
    find_source: SourceFinder | None = None


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
SourceFinder = Callable[[Article], "tuple[Article, Alignment] | None"]
# What a worker is given: pages, how to extract them, whether to enrich the articles, where copies' sources are.
_Job = tuple[list[RawPage], ExtractOptions, bool, SourceFinder | None]


def analyze_pages(
    pages: list[RawPage], options: ExtractOptions | None = None, enrich: bool = True,
    find_source: SourceFinder | None = None,
) -> list[Article | Failure]:
    """Extract each page, then enrich the articles together (one batched spaCy pass).

    Enrich a text once: an article whose text is (nearly) a copy of an earlier article of these pages,
    or of a stored one (`find_source`), takes that article's facts through the alignment
    (newsgraph.corpus.reuse.transfer) instead of a parse; its unaligned remainder, if long, is
    enriched on its own."""
    results: list[Article | Failure] = [_extract(page, options) for page in pages]
    if not enrich:
        return results
    articles = [r for r in results if isinstance(r, Article)]
    copies = _copy_sources(articles, find_source)
    try:
        enrich_articles([a for a in articles if id(a) not in copies])
    except Exception:  # find the article that broke the batch; enrich the others one by one
        for i, result in enumerate(results):
            if isinstance(result, Article) and id(result) not in copies:
                results[i] = _enrich_one(result, pages[i].origin)
    enriched = {id(r) for r in results if isinstance(r, Article) and id(r) not in copies}
    for i, result in enumerate(results):
        if isinstance(result, Article) and id(result) in copies:
            source, found = copies[id(result)]
            try:
                if id(source) not in enriched and any(source is a for a in articles):
                    raise ValueError("its source in this batch failed")
                _take_facts(result, source, found)
            except Exception:  # never lose a page to the shortcut: parse it as any other
                results[i] = _enrich_one(result, pages[i].origin)
            if isinstance(results[i], Article):
                enriched.add(id(results[i]))
    remember = getattr(find_source, "remember", None)
    if remember is not None:  # a finder that keeps what this process enriched (corpus.reuse.recent)
        for result in results:
            if isinstance(result, Article) and result.language and (result.entities or result.tone is not None):
                remember(result)
    if enriched:
        _freeze_models()
    return results


_frozen = False


def _freeze_models() -> None:
    """Once per process, after its first enriched pages: what is alive then (spaCy's model and vocabulary, the
    gazetteer's names, the knowledge base, the lexicons, loaded on the first pages) is moved out of the reach of
    Python's cycle collector, whose full collections otherwise walked those ~200,000 objects again and again
    (0.2 s of CPU each, about every 35 pages).  The garbage is collected first, so nothing is kept that was not
    alive; what is frozen stays in memory, as the models do anyway."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


def _copy_sources(articles: list[Article], find_source: SourceFinder | None) -> dict[int, tuple[Article, Alignment]]:
    """For each article that is (nearly) a copy of an earlier one of the list or of a stored one:
    (its source, the alignment), by id() of the article."""
    from newsgraph.corpus.reuse import band_keys, candidates
    from newsgraph.enrich.languages import profile

    found: dict[int, tuple[Article, Alignment]] = {}
    by_key: dict[tuple[int, int], list[int]] = {}
    tokens = [words(a.text) for a in articles]
    for i, article in enumerate(articles):
        if profile(article.language) is None:
            continue
        keys = band_keys(article.text, tokens=tokens[i])
        shared: dict[int, int] = {}
        for key in keys:
            for j in by_key.get(key, ()):
                shared[j] = shared.get(j, 0) + 1
            by_key.setdefault(key, []).append(i)
        best: tuple[Article, Alignment] | None = None
        for j in candidates(shared):
            source = articles[j]
            if source.language != article.language:
                continue
            aligned = align(article.text, source.text, words_a=tokens[i], words_b=tokens[j])
            if aligned.share_a >= MIN_SHARE and (best is None or aligned.share_a > best[1].share_a):
                best = (source, aligned)
        if best is None and find_source is not None:
            try:
                stored = find_source(article)
            except Exception:  # a lookup that fails (a busy or missing database) costs a parse, nothing else
                stored = None
            if stored is not None and stored[0].language == article.language:
                best = stored
        if best is not None:
            found[id(article)] = best
    return found


def _take_facts(article: Article, source: Article, found: Alignment) -> None:
    """The source's facts through the alignment; a long unaligned remainder enriched on its own and merged."""
    from newsgraph.enrich import windows

    rest = remainder(article.text, found.passages)
    if not rest:
        facts_through(found, source, article)
        return
    whole = windows.part(article, 0, len(article.text))
    facts_through(found, source, whole)
    ends = [p.end for p in article.paragraphs]
    parts = [(start, windows.part(article, start, end, ends)) for start, end in rest]
    enrich_articles([p for _, p in parts])
    windows.merge(article, [(0, whole), *parts])
    article.facts_from = source.content_hash


def analyze_page(page: RawPage, options: ExtractOptions | None = None) -> Article:
    """One page through extraction and every enricher; raises NewsgraphError."""
    [result] = analyze_pages([page], options)
    if isinstance(result, Failure):
        raise NewsgraphError(result.origin, result.reason, result.kind)
    return result


def _extract(page: RawPage, options: ExtractOptions | None) -> Article | Failure:
    try:
        return extract_page(page, options)
    except NewsgraphError as exc:
        return Failure(exc.origin, exc.reason, exc.kind)
    except Exception as exc:  # a bug or a library failure on one page must not stop the batch
        return Failure(page.origin, f"extraction failed: {type(exc).__name__}: {exc}", FailureKind.EXTRACTION_ERROR)


def _enrich_one(article: Article, origin: str) -> Article | Failure:
    try:
        return enrich_articles([article])[0]
    except Exception as exc:
        return Failure(origin, f"enrichment failed: {type(exc).__name__}: {exc}", FailureKind.ENRICHMENT_ERROR)


def _process(job: _Job) -> list[Article | Failure]:
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
    return run_items(read_sources(sources, options.ingest), options, already_stored)


def run_items(
    items: Iterable[RawPage | Failure],
    options: PipelineOptions | None = None,
    already_stored: Callable[[list[str]], set[str]] | None = None,
) -> Iterator[list[Outcome]]:
    """`run` on pages read already (or read by the caller's own means); failures pass through."""
    options = options or PipelineOptions()
    stream = iter(items)
    workers = _Workers(options.workers, options.enrich) if options.workers > 1 else None
    ahead = 2 if workers is not None else 0  # batches in flight beyond the one handed to the caller
    pending: deque[_InFlight] = deque()
    try:
        while True:
            batch = list(islice(stream, options.batch_size))
            if batch:
                pending.append(_submit(batch, options, already_stored, workers))
            if pending and (not batch or len(pending) > ahead):
                yield pending.popleft().outcomes()
            elif not batch:
                return
    finally:
        if workers is not None:
            workers.close()


@dataclass
class _InFlight:
    """A batch whose pages are being extracted and enriched (in the workers, or done already)."""

    batch: list[RawPage | Failure]
    todo: list[RawPage]
    hashes: dict[int, str]
    chunks: list[list[Article | Failure] | _Chunk]  # per chunk of `todo`: its results, or a _Chunk the workers are processing

    def outcomes(self) -> list[Outcome]:
        results = [r for chunk in self.chunks for r in (chunk if isinstance(chunk, list) else chunk.results())]
        done = {id(page): result for page, result in zip(self.todo, results)}
        outcomes: list[Outcome] = []
        for item in self.batch:
            if isinstance(item, Failure):
                outcomes.append(item)
            elif id(item) not in done:
                outcomes.append(Skipped(item.origin))
            elif isinstance(result := done[id(item)], Failure):
                outcomes.append(result)
            else:
                outcomes.append(Processed(result, item.origin, self.hashes[id(item)], item.url))
        return outcomes


def _submit(batch: list[RawPage | Failure], options: PipelineOptions,
            already_stored: Callable[[list[str]], set[str]] | None, workers: _Workers | None) -> _InFlight:
    pages = [item for item in batch if isinstance(item, RawPage)]
    hashes = {id(page): page.page_hash for page in pages}
    known = already_stored(list(hashes.values())) if already_stored else set()
    todo = [page for page in pages if hashes[id(page)] not in known]
    size = max(1, -(-len(todo) // (2 * options.workers)))  # two chunks per worker evens out slow pages
    jobs: list[_Job] = [(todo[i : i + size], options.extract, options.enrich, options.find_source)
                        for i in range(0, len(todo), size)]
    if workers is None:
        return _InFlight(batch, todo, hashes, [_process(job) for job in jobs])
    return _InFlight(batch, todo, hashes, [workers.submit(job) for job in jobs])


WORKER_DIED = "the worker process analysing this page died (killed by the system: out of memory?)"


class _Workers:
    """Worker processes.  A worker killed by the system (out of memory, a crash in a C library)
    breaks the pool; the pool is restarted and the chunks in flight are retried, and a page that
    kills a worker again becomes a failure of its own, so one bad page never stops the run.
    """

    def __init__(self, size: int, enrich: bool):
        self.size, self.enrich = size, enrich
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # A fork server that has imported the extractors once: workers start fast, and none of them
        # inherits the caller's threads (progress bars), sockets or database connection.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newsgraph.pipeline"])
        return ProcessPoolExecutor(self.size, mp_context=context, initializer=_load_models, initargs=(self.enrich,))

    def submit(self, job: _Job) -> _Chunk:
        return _Chunk(self, job, self.executor, self.executor.submit(_process, job))

    def retry(self, chunk: _Chunk) -> list[Article | Failure]:
        """The chunk again in a working pool; page by page if it breaks that one too."""
        self._replace(chunk.executor)
        try:
            return self.executor.submit(_process, chunk.job).result()
        except BrokenProcessPool:
            self._replace(self.executor)
        pages, options, enrich, find_source = chunk.job
        results: list[Article | Failure] = []
        for page in pages:
            try:
                results.extend(self.executor.submit(_process, ([page], options, enrich, find_source)).result())
            except BrokenProcessPool:
                self._replace(self.executor)
                results.append(Failure(page.origin, WORKER_DIED, FailureKind.WORKER_DIED))
        return results

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if broken is self.executor:  # the chunks that shared the broken pool restart it once
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        # An interrupted run stops now, not after the chunks in the workers; before Python 3.14 the
        # executor has no public call for that, hence its `_processes` (absent: workers finish).
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            process.terminate()


@dataclass
class _Chunk:
    workers: _Workers
    job: _Job
    executor: ProcessPoolExecutor
    future: Future[list[Article | Failure]]

    def results(self) -> list[Article | Failure]:
        try:
            return self.future.result()
        except BrokenProcessPool:
            return self.workers.retry(self)


def _load_models(enrich: bool) -> None:
    """Each worker loads its models as it starts, all at once, rather than on its first pages."""
    from newsgraph.extraction.language import detect_language

    detect_language("A sentence long enough to make the language model load before the first page.")
    if enrich:
        from newsgraph.enrich.nlp import load_nlp

        load_nlp()
