"""Polling watched sources: each due source fetched (a conditional GET: a 304 costs no parse), its new
items fetched and stored through the ingest service, the alert rules evaluated after each stored
batch, the deliveries sent, and with an export folder the cycle's new events written as one file.

    watcher = Watcher(store, WatchOptions(service=ServiceOptions(...)))
    watcher.add(["https://example.org/feed.xml", "inbox/"], every=900)
    watcher.run()            # until SIGTERM/SIGINT: the batch in flight is finished first
    watcher.cycle()          # or one pass over the sources due now

State lives in the database (store.watch): which items each source has given, when it is next due,
its validators and failures.  An item is remembered once its page is stored (or failed for good), and
a link whose page the store already holds is never fetched again, so a killed watch resumes without
fetching twice or losing a page.  Requests go out one at a time through one Fetcher, so each host
has at most one request in flight, spaced by the fetcher's rate limit; the new pages of every source
due in a cycle are analysed and stored by one run of the ingest service (one worker pool).
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from newsgraph.errors import FailureKind
from newsgraph.ingest.feeds import FeedLink, read_feed
from newsgraph.ingest.files import iter_files
from newsgraph.ingest.page import Failure, RawPage
from newsgraph.ingest.service import BatchReport, ServiceOptions, ingest_items
from newsgraph.ingest.sources import read_sources
from newsgraph.ingest.web import Fetcher, NotModified, Validators
from newsgraph.store import Store
from newsgraph.store.watch import UNHEALTHY_AFTER, SourceState, WatchState
from newsgraph.watch import alerts
from newsgraph.watch.deliveries import Mail, deliver_due
from newsgraph.watch.sources import MAX_CHILD_SITEMAPS, Entry, WatchError, next_due, sitemap, sniff, url_list

# Failures of a page that may go away (the server, the network): the link is tried again next poll.
RETRIED = frozenset({FailureKind.FETCH_ERROR, FailureKind.WORKER_DIED})
EXPORT_FORMATS = ("gdelt-events", "acled", "plover-json", "jsonl", "csv")
# New items fetched from one source in one poll; the rest wait for the next polls.
MAX_NEW_PER_POLL = 1000
# In the export folder: the last article whose events were exported (each folder its own).
EXPORTED_UP_TO = ".newsgraph-exported-up-to"
# A site's robots.txt is read again after this long; a site found unreachable, at its next poll.
ROBOTS_MAX_AGE = 24 * 3600.0


@dataclass
class WatchOptions:
    service: ServiceOptions = field(default_factory=lambda: ServiceOptions(workers=1))
    export_dir: Path | None = None
    export_format: str = "gdelt-events"
    mail: Mail | None = None
    on_line: Callable[[str, str], None] | None = None  # (level: info, error, alert; text): progress for a terminal
    rng: random.Random = field(default_factory=random.Random)


@dataclass
class PollReport:
    """What one poll of one source did."""

    source: str
    outcome: str  # new, unchanged, not_modified, error
    items: int = 0  # items listed
    new: int = 0  # items not seen before
    stored: int = 0
    failed: int = 0
    error: str | None = None
    complete: bool = True  # False: items left for a later poll (a stop, a download that failed)


@dataclass
class _Done:
    """A poll finished with its listing: not modified, nothing new, or failed."""

    report: PollReport
    kind: str | None = None
    validators: Validators | None = None


@dataclass
class _Pending:
    """A poll whose new items are to be stored: `items()` yields them (fetching as it goes), `finish`
    is told the origins dealt with once they are stored."""

    source: SourceState
    report: PollReport
    kind: str | None
    validators: Validators | None
    items: Callable[[], Iterator[RawPage | Failure]]
    finish: Callable[[set[str]], None]


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, WatchError) else " ".join(f"{type(exc).__name__}: {exc}".split())


@dataclass
class CycleReport:
    polls: list[PollReport] = field(default_factory=list)
    matches: int = 0
    deliveries: dict[str, int] = field(default_factory=dict)
    export: Path | None = None


class Watcher:
    def __init__(self, store: Store, options: WatchOptions | None = None):
        self.store = store
        self.state = WatchState(store)
        self.options = options or WatchOptions()
        self.fetcher = Fetcher(self.options.service.reading())
        self.stopping = threading.Event()
        self._health: tuple[int, ...] = ()
        folder = self.options.export_dir
        if folder is not None and not (folder / EXPORTED_UP_TO).exists():  # a new folder: what is stored from now on
            folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(folder / EXPORTED_UP_TO, str(self.state.last_article_id()))

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _say(self, level: str, text: str) -> None:
        if self.options.on_line is not None:
            self.options.on_line(level, text)

    def add(self, sources: list[str], every: float) -> list[SourceState]:
        """Watch these sources every `every` seconds (a known source keeps its state)."""
        return [self.state.add_source(_normal(source), every, time.time()) for source in sources]

    # -- the loop ---------------------------------------------------------------------------

    def run(self, once: bool = False, max_sleep: float = 1.0) -> CycleReport | None:
        """Poll the sources as they fall due until stopped (`stop`, SIGTERM, SIGINT); with `once`, one
        pass over every source (its report returned).  A stop waits for the source in flight to be stored."""
        with _stop_on_signals(self.stopping):
            if once:
                return self.cycle(everything=True)
            while not self.stopping.is_set():
                self.cycle()
                due = min((s.next_due for s in self.state.sources()), default=time.time() + max_sleep)
                self.stopping.wait(max(0.0, min(max_sleep, due - time.time())))
        return None

    def stop(self) -> None:
        self.stopping.set()

    def cycle(self, everything: bool = False) -> CycleReport:
        """Poll every source due now (`everything`: every source): read each listing (a 304 ends
        there), then fetch and store the new items of them all through one run of the ingest service
        (batches across sources, one worker pool), evaluating the rules after each stored batch; then
        record each poll, deliver the alerts, and write the export file."""
        report = CycleReport()
        now = time.time()
        due = [source for source in self.state.sources() if everything or source.next_due <= now]
        if due:
            self.fetcher.expire_robots(ROBOTS_MAX_AGE)
        pending: list[_Pending] = []
        for source in due:
            if self.stopping.is_set():
                break
            try:
                listed = self._list(source)
            except Exception as exc:  # one source's failure never stops the others
                listed = _Done(PollReport(source.source, "error", error=_reason(exc)))
            if isinstance(listed, _Pending):
                pending.append(listed)
            else:
                self._record(source, listed.report, listed.kind, listed.validators)
            report.polls.append(listed.report)
        if pending:
            try:
                done = self._ingest(pending)
            except Exception as exc:  # the store failed under the batch: every source of it failed
                for p in pending:
                    p.report.outcome, p.report.error = "error", _reason(exc)
                done = set()
            for p in pending:
                if p.report.error is None:
                    p.finish(done)
                self._record(p.source, p.report, p.kind, p.validators)
        report.matches += len(alerts.evaluate(self.state))  # what other writers stored, too
        report.deliveries = deliver_due(self.state, self.options.mail)
        for level in ("delivered", "retry", "failed"):
            if report.deliveries.get(level):
                self._say("alert" if level == "delivered" else "error", f"alerts {level}: {report.deliveries[level]}")
        if self.options.export_dir is not None:
            report.export = self._export()
        if report.polls:
            self._say_health()
        return report

    def _say_health(self) -> None:
        """One line when the sources' health changes: how many are ok, failing, unhealthy."""
        sources = self.state.sources()
        counts = {health: sum(s.health == health for s in sources) for health in ("ok", "failing", "unhealthy")}
        if tuple(counts.values()) != self._health:
            self._health = tuple(counts.values())
            level = "error" if counts["unhealthy"] or counts["failing"] else "info"
            self._say(level, f"{len(sources)} sources: " + ", ".join(f"{n} {h}" for h, n in counts.items() if n))

    # -- one source -------------------------------------------------------------------------

    def _record(self, source: SourceState, report: PollReport, kind: str | None, validators: Validators | None) -> None:
        """Record a poll on its source: its outcome, validators (none when items were left for a later
        poll: they would make it skip them), next due time (backed off after a failure)."""
        ok = report.error is None
        if not report.complete:
            validators = None
        failures = 0 if ok else source.failures + 1
        due = next_due(time.time(), source.every_seconds, failures, self.options.rng)
        self.state.polled(source.id, next_due=due, kind=kind, etag=validators.etag if validators else None,
                          last_modified=validators.last_modified if validators else None, error=report.error,
                          not_modified=report.outcome in ("not_modified", "unchanged"), pages=report.stored)
        if ok:
            if report.new:
                self._say("info", f"{source.source}: {report.new} new, {report.stored} stored, {report.failed} failed")
        else:
            health = "unhealthy" if failures >= UNHEALTHY_AFTER else "failing"
            self._say("error", f"{source.source}: {report.error} ({health}, {failures} in a row; next try in "
                               f"{due - time.time():.0f}s)")

    def _list(self, source: SourceState) -> _Done | _Pending:
        """Read a source's listing: done already (not modified, nothing new), or its new items to store."""
        name = source.source
        if not name.startswith(("http://", "https://")):
            path = Path(name)
            if path.is_dir():
                return self._folder(source, path)
            if not path.is_file():
                raise WatchError(name, "no such file or folder")
            stat = path.stat()
            validators = Validators(f"{stat.st_size}:{stat.st_mtime_ns}")
            if validators.etag == source.etag:
                return _Done(PollReport(name, "not_modified"), None, validators)
            content = path.read_bytes()[: self.options.service.max_page_bytes]
            return self._listing(source, content, None, name, validators)
        got, validators = self.fetcher.fetch_if_changed(name, Validators(source.etag, source.last_modified))
        if isinstance(got, NotModified):
            return _Done(PollReport(name, "not_modified"), None, validators)
        if isinstance(got, Failure):
            raise WatchError(name, got.reason)
        content = got.content if isinstance(got.content, bytes) else got.content.encode("utf-8")
        if sniff(content, got.content_type) == "page":  # a page watched: stored when its bytes change
            page = got
            return _Pending(source, PollReport(name, "new", items=1, new=1), "page", validators,
                            lambda: iter([page]), lambda done: None)
        return self._listing(source, content, got.content_type, got.url or name, validators)

    def _listing(self, source: SourceState, content: bytes, content_type: str | None, base: str,
                 validators: Validators | None) -> _Done | _Pending:
        """A feed, sitemap or URL list: its entries not seen before."""
        kind = sniff(content, content_type)
        given: dict[str, RawPage] = {}
        entries: list[Entry] = []
        children: list[str] = []
        if kind == "feed":
            for item in read_feed(content, base):
                if isinstance(item, FeedLink):
                    entries.append(Entry(item.url, item.url, item.hints))
                elif isinstance(item, RawPage):
                    entries.append(Entry(item.origin, None))
                    given[item.origin] = item
                elif item.origin == base:  # the feed itself is broken
                    raise WatchError(source.source, item.reason)
        elif kind == "sitemap":
            entries, children = self._sitemap_entries(source, content, base)
        elif kind == "urls":
            entries = url_list(content, base)
        else:
            raise WatchError(source.source, "neither a feed, a sitemap nor a list of URLs")
        return self._entries(source, kind, validators, entries, given, children)

    def _sitemap_entries(self, source: SourceState, content: bytes, base: str) -> tuple[list[Entry], list[str]]:
        """A sitemap's pages, or a sitemap index's: the pages of its child sitemaps but those read before
        at the same lastmod; with the keys of the children read (remembered once their pages are)."""
        parsed = sitemap(content, base)
        entries = list(parsed.pages)
        children = parsed.children[:MAX_CHILD_SITEMAPS]
        keys = [f"sitemap:{url}:{lastmod}" for url, lastmod in children if lastmod]
        unread = set(self.state.unseen(source.id, keys))
        read = []
        for url, lastmod in children:
            key = f"sitemap:{url}:{lastmod}"
            if lastmod and key not in unread:
                continue
            page = self.fetcher.fetch(url)
            if isinstance(page, Failure):
                self._say("error", f"{source.source}: {page}")
                continue
            child = page.content if isinstance(page.content, bytes) else page.content.encode("utf-8")
            entries += sitemap(child, url).pages
            if lastmod:
                read.append(key)
        return entries, read

    def _folder(self, source: SourceState, folder: Path) -> _Done | _Pending:
        """New files in a folder (a file is new again when its size or time changes)."""
        files: dict[str, str] = {}
        for found in iter_files(folder):
            if isinstance(found, Path):
                try:
                    stat = found.stat()
                except OSError:
                    continue
                files[f"{found}:{stat.st_size}:{stat.st_mtime_ns}"] = str(found)
        new = self.state.unseen(source.id, files)
        report = PollReport(source.source, "new" if new else "unchanged", items=len(files), new=len(new))
        if not new:
            return _Done(report, "folder")

        def finish(done: set[str]) -> None:
            if self.stopping.is_set():  # stopped: the files are read again, their stored pages skipped
                report.complete = False
            else:
                self.state.mark_seen(source.id, new)

        paths = [files[key] for key in new]
        return _Pending(source, report, "folder", None,
                        lambda: read_sources(paths, self.options.service.reading()), finish)

    def _entries(self, source: SourceState, kind: str, validators: Validators | None, entries: list[Entry],
                 given: dict[str, RawPage], children: list[str]) -> _Done | _Pending:
        """`children`: the child sitemaps read, remembered once every page they list is dealt with."""
        unseen = self.state.unseen(source.id, (e.key for e in entries))
        new = unseen[:MAX_NEW_PER_POLL]  # a whole site's sitemap is read a slice per poll
        report = PollReport(source.source, "new" if new else "unchanged", items=len(entries), new=len(new))
        if not new:
            if children:
                self.state.mark_seen(source.id, children)
            return _Done(report, kind, validators)
        by_key = {e.key: e for e in entries}
        tried: set[str] = set()

        def items() -> Iterator[RawPage | Failure]:
            for key in new:
                if self.stopping.is_set():  # the pages fetched so far are stored; the rest wait for the next run
                    return
                tried.add(key)
                entry = by_key[key]
                page = given[key] if entry.url is None else self.fetcher.fetch(entry.url)
                if isinstance(page, RawPage):
                    page.hints = {**entry.hints, **page.hints}
                yield page

        def finish(done: set[str]) -> None:
            # Remembered: what was stored, known or failed for good.  A page not reached (a stop, the slice
            # full) is fetched at the next poll, which then reads the listing whole (no validators kept);
            # one that failed to download, at the next poll that reads the listing (when it has changed).
            report.complete = len(new) == len(unseen) and all(key in tried for key in new)
            self.state.mark_seen(source.id, [key for key in new if key in done] + (children if report.complete else []))

        return _Pending(source, report, kind, validators, items, finish)

    def _ingest(self, pending: list[_Pending]) -> set[str]:
        """Store the new items of every pending source through one run of the ingest service, counting
        each page to its source and evaluating the rules after each batch; returns the origins dealt
        with (stored, known, or failed for good)."""
        done: set[str] = set()
        owner: dict[str, PollReport] = {}

        def items() -> Iterator[RawPage | Failure]:
            for p in pending:
                for item in p.items():
                    owner[item.origin] = p.report
                    yield item

        def on_batch(batch: BatchReport) -> None:
            for result in batch.results:
                report = owner.get(result.origin)
                if report is not None and result.status == "stored":
                    report.stored += 1
            for failure in batch.failures:
                report = owner.get(failure.origin)
                if report is not None:
                    report.failed += 1
                self._say("error", f"{failure.origin}: {failure.reason}")
            done.update(r.origin for r in batch.results)
            done.update(batch.skipped)
            done.update(f.origin for f in batch.failures if f.kind not in RETRIED)
            matched = alerts.evaluate(self.state)
            if matched:
                self._say("alert", f"{len(matched)} alert match{'es' if len(matched) > 1 else ''}")

        options = ServiceOptions(**{**self.options.service.__dict__, "on_batch": on_batch})
        ingest_items(items(), self.store, options)
        return done

    # -- exports ----------------------------------------------------------------------------

    def _export(self) -> Path | None:
        """The events reported by the articles stored since the last export to this folder, as one file
        named by the time (written aside and renamed, so a reader never sees half a file); None when no
        article was stored.  The folder keeps what it has been given (EXPORTED_UP_TO), so a restart
        exports what was stored before a kill; a folder new to the database starts when the watcher does."""
        from newsgraph.export import filename, write
        from newsgraph.store.read import Filters

        fmt = self.options.export_format
        folder = self.options.export_dir
        assert folder is not None
        folder.mkdir(parents=True, exist_ok=True)
        mark = folder / EXPORTED_UP_TO
        top = self.state.last_article_id()
        try:
            before = int(mark.read_text().strip())
        except (OSError, ValueError):  # removed or spoilt while running: from now on
            _write_atomic(mark, str(top))
            return None
        if top <= before:
            return None
        suffix = filename(fmt, "articles").split(".", 1)[1]
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        out = folder / f"{stamp}.{suffix}"
        n = 1
        while out.exists():
            n += 1
            out = folder / f"{stamp}-{n}.{suffix}"
        partial = folder / f".{out.name}.partial"
        rows = write(self.store, fmt, partial, Filters(stored_after=before))
        os.replace(partial, out)
        _write_atomic(mark, str(top))
        self._say("info", f"exported {rows} {'events' if fmt not in ('jsonl', 'csv') else 'rows'} -> {out}")
        return out


def _write_atomic(path: Path, text: str) -> None:
    aside = path.with_name(path.name + ".partial")
    aside.write_text(text)
    os.replace(aside, path)


def _normal(source: str) -> str:
    """A source as stored: a URL as given, a path made absolute (the same folder named two ways is one)."""
    if source.startswith(("http://", "https://")):
        return source
    return str(Path(source).expanduser().absolute())


class _stop_on_signals:
    """SIGTERM and SIGINT set the stop event (the batch in flight is finished); a second SIGINT
    interrupts at once.  Only in the main thread (signals cannot be handled elsewhere)."""

    def __init__(self, stopping: threading.Event):
        self.stopping = stopping
        self.previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.stopping.set()

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGTERM, signal.SIGINT):
                self.previous[signum] = signal.signal(signum, self._handle)

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
