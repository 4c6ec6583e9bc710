"""Dispatch: each source (a path, a folder, an http(s) URL or "-") goes to the reader its kind needs.

Feeds come back as pages and links; this is where the links are fetched, so that the feed reader
stays offline and every fetch goes through the one Fetcher that holds robots.txt and rate limits.
"""

from __future__ import annotations

import logging
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.ingest.feeds import SNIFF_BYTES, FeedLink, looks_like_feed, read_feed
from newsgraph.ingest.files import (
    DatabaseFiles,
    check_path,
    detect_kind,
    iter_files,
    iter_url_list,
    not_a_regular_file,
    os_reason,
    read_bytes,
    read_page_file,
    read_stdin,
)
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.page import Failure, FailureKind, RawPage
from newsgraph.ingest.warc import read_warc
from newsgraph.ingest.web import Fetcher

log = logging.getLogger(__name__)

Item = RawPage | Failure


URL_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
SQLITE_NOTE = "not read: an SQLite database file, not a page"
OWN_DATABASE_NOTE = "not read: the database being written (or its -wal, -shm or -journal file)"


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def read_sources(sources: Iterable[str], options: IngestOptions | None = None) -> Iterator[Item]:
    """Every page of every source, in order; a source that fails yields a Failure and the rest go on."""
    options = options or IngestOptions()
    with Fetcher(options) as fetcher:
        dispatcher = _Dispatcher(options, fetcher)
        for source in sources:
            yield from dispatcher.read(source)


def estimate_total(sources: Iterable[str], database: str | None = None) -> int | None:
    """How many items local page files will yield (for a progress bar); None when unknown in advance.

    `database`: the SQLite file being written, which is not read (IngestOptions.database).
    """
    skip = DatabaseFiles(database) if database else None
    total = 0
    for source in sources:
        if source == "-" or is_url(source):
            return None
        path = Path(source)
        status = check_path(path)
        if isinstance(status, Failure) or not (stat.S_ISDIR(status.st_mode) or stat.S_ISREG(status.st_mode)):
            total += 1  # one failure: missing, a loop, a FIFO...
            continue
        files = iter_files(path, skip) if stat.S_ISDIR(status.st_mode) else [path]
        for file in files:
            if isinstance(file, Path):
                if skip is not None and file in skip:
                    continue
                kind = detect_kind(file)
                if kind == "sqlite":
                    continue
                if kind != "page":
                    return None
            total += 1
    return total


class _Dispatcher:
    """Reads sources one by one, sharing one Fetcher and reading stdin at most once."""

    def __init__(self, options: IngestOptions, fetcher: Fetcher):
        self.options = options
        self.fetcher = fetcher
        self.stdin_read = False
        self.database = DatabaseFiles(options.database) if options.database else None

    def _note(self, origin: str, text: str) -> None:
        """An input passed over on purpose: a note, not a failure."""
        if self.options.on_note is not None:
            self.options.on_note(origin, text)
        else:
            log.warning("%s: %s", origin, text)

    def read(self, source: str) -> Iterator[Item]:
        if source == "-":
            yield self._stdin()
        elif is_url(source):
            yield from self._guarded(source, self._url(source))
        elif URL_SCHEME.match(source):
            yield Failure(source, f"unsupported URL scheme {source.split(':')[0]!r} (http and https only)",
                          FailureKind.FETCH_REFUSED)
        else:
            yield from self._path(source)

    def _guarded(self, origin: str, items: Iterator[Item]) -> Iterator[Item]:
        """Items of one input; an unexpected error ends that input with a Failure, not the run."""
        try:
            yield from items
        except Exception as error:  # the boundary between one input and the rest of the run
            log.debug("unexpected error reading %s", origin, exc_info=True)  # the traceback, for --debug runs
            yield Failure(origin, f"unexpected error: {type(error).__name__}: {' '.join(str(error).split())}",
                          FailureKind.UNEXPECTED)

    def _stdin(self) -> Item:
        if self.stdin_read:
            return Failure("-", "standard input was already read", FailureKind.UNREADABLE)
        self.stdin_read = True
        return read_stdin(getattr(sys.stdin, "buffer", sys.stdin), self.options.max_page_bytes)

    def _path(self, source: str) -> Iterator[Item]:
        path = Path(source)
        status = check_path(path)
        if isinstance(status, Failure):  # missing, a symlink loop, not permitted
            yield Failure(source, status.reason, status.kind)
        elif stat.S_ISDIR(status.st_mode):  # the walk passes over the database being written without a word
            for file in iter_files(path, self.database):
                if isinstance(file, Failure):
                    yield file
                else:
                    yield from self._guarded(str(file), self._file(file))
        elif not stat.S_ISREG(status.st_mode):  # a FIFO, socket or device: opening it could block for ever
            yield not_a_regular_file(source, status.st_mode)
        elif self.database is not None and path in self.database:  # named, as `ingest *` does
            self._note(str(path), OWN_DATABASE_NOTE)
        else:
            yield from self._guarded(str(path), self._file(path))

    def _file(self, path: Path) -> Iterator[Item]:
        cap = self.options.max_page_bytes
        try:
            kind = detect_kind(path)
            if kind == "warc":
                yield from read_warc(path, cap)
            elif kind == "feed":
                content = read_bytes(path, cap)
                if isinstance(content, Failure):
                    yield content
                else:
                    yield from self._feed(content, str(path))
            elif kind == "urls":
                for url in iter_url_list(path):
                    if isinstance(url, Failure):  # a line that is not a URL: named, and the list goes on
                        yield url
                    else:
                        yield from self._url(url)
            elif kind == "sqlite":
                self._note(str(path), SQLITE_NOTE)
            else:
                yield read_page_file(path, cap)
        except OSError as error:
            yield Failure(str(path), os_reason(error), FailureKind.UNREADABLE)

    def _url(self, url: str) -> Iterator[Item]:
        """A fetched page, or the pages of a fetched feed."""
        page = self.fetcher.fetch(url)
        if (isinstance(page, RawPage) and isinstance(page.content, bytes)  # fetched content is bytes
                and looks_like_feed(page.content[:SNIFF_BYTES], page.content_type)):
            yield from self._feed(page.content, page.url or url)
        else:
            yield page

    def _feed(self, content: bytes, feed: str) -> Iterator[Item]:
        for item in read_feed(content, feed):
            if isinstance(item, FeedLink):
                page = self.fetcher.fetch(item.url)
                if isinstance(page, RawPage):
                    page.hints = {**item.hints, **page.hints}
                yield page
            else:
                yield item
