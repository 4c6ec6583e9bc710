"""One error type whose message always names the input and the reason, on one line; and the kinds of failure.

A failure's kind is decided where the failure is made (the reader, the fetcher, the extractor), so
that no caller has to read the message to tell a binary file from a refused fetch.
"""

from __future__ import annotations

from enum import StrEnum


class FailureKind(StrEnum):
    """Why an input gave no article, in a word: what summaries count and the API reports."""

    UNREADABLE = "unreadable"  # missing, not permitted, a folder that cannot be listed, stdin read twice
    CORRUPT = "corrupt"  # a file that is not what it claims: truncated or corrupt gzip, an invalid feed
    MALFORMED_RECORD = "malformed_record"  # one record of a container: a WARC record, a feed entry, a stored record
    TOO_LARGE = "too_large"  # over the size cap
    BINARY = "binary"  # bytes that are not text (an image, an archive)
    EMPTY = "empty"  # nothing, or only white space
    NO_TEXT = "no_text"  # text, but no article in it (too few words)
    NOT_A_PAGE = "not_a_page"  # an input that is never a page (a SQLite database)
    FETCH_REFUSED = "fetch_refused"  # not fetched on purpose: private address, robots.txt, not http(s)
    FETCH_ERROR = "fetch_error"  # the fetch failed: DNS, connection, time cap, HTTP status, redirects
    EXTRACTION_ERROR = "extraction_error"  # the extractor broke on the page (a bug, a library failure)
    ENRICHMENT_ERROR = "enrichment_error"  # an enricher broke on the article
    WORKER_DIED = "worker_died"  # the worker process analysing the page was killed
    UNEXPECTED = "unexpected"  # a reader broke on an input
    OTHER = "other"

    @property
    def label(self) -> str:
        """A few words for people, as summaries print it."""
        return _LABELS[self]


_LABELS = {
    FailureKind.UNREADABLE: "unreadable input",
    FailureKind.CORRUPT: "corrupt file",
    FailureKind.MALFORMED_RECORD: "malformed record",
    FailureKind.TOO_LARGE: "page too large",
    FailureKind.BINARY: "binary content, not a page",
    FailureKind.EMPTY: "empty page",
    FailureKind.NO_TEXT: "no article text found",
    FailureKind.NOT_A_PAGE: "not a page",
    FailureKind.FETCH_REFUSED: "fetch refused",
    FailureKind.FETCH_ERROR: "fetch failed",
    FailureKind.EXTRACTION_ERROR: "extraction failed",
    FailureKind.ENRICHMENT_ERROR: "enrichment failed",
    FailureKind.WORKER_DIED: "worker process died",
    FailureKind.UNEXPECTED: "unexpected error",
    FailureKind.OTHER: "other",
}


class NewsgraphError(Exception):
    """A failure tied to one input; the batch it belongs to goes on.

    `kind` says what went wrong in a word; each subclass has its own, and a raiser may name another.
    """

    KIND = FailureKind.OTHER

    def __init__(self, origin: str, reason: str, kind: FailureKind | None = None):
        self.origin = origin
        self.reason = " ".join(str(reason).split())  # always one line
        self.kind = kind or self.KIND
        super().__init__(f"{origin}: {self.reason}")


class PageTooLarge(NewsgraphError):
    KIND = FailureKind.TOO_LARGE


class FetchError(NewsgraphError):
    KIND = FailureKind.FETCH_ERROR


class FetchRefused(FetchError):
    """Not fetched on purpose (the address, the scheme, robots.txt), as opposed to a fetch that failed."""

    KIND = FailureKind.FETCH_REFUSED


class NoArticle(NewsgraphError):
    KIND = FailureKind.NO_TEXT
