"""WARC and WET archives, read record by record with warcio and never held in memory.

Yields HTML `response` records with HTTP status 200 (payload decoded: chunked, gzip...) and WET
`conversion` records (plain text); every other record is skipped. A malformed stretch of the archive
costs one Failure: the reader then resynchronises at the next record (the next gzip member of a
record-compressed archive, or the next `WARC/1.` line of a plain one) and goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import WARCIterator

from newsgraph.ingest.limits import read_capped, too_large
from newsgraph.ingest.page import Failure, FailureKind, RawPage

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_LINE = b"\nWARC/1."
HTML_TYPES = ("text/html", "application/xhtml+xml")
SCAN_BYTES = 1024 * 1024
MAX_PROBLEM_CHARS = 200


def _is_html(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def _payload(record: Any) -> tuple[BinaryIO, str | None] | None:
    """The payload stream and content type of a record worth yielding, or None to skip it."""
    if record.rec_type == "conversion":
        return record.raw_stream, "text/plain"
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type")
    if content_type is None:
        content_type = record.rec_headers.get_header("WARC-Identified-Payload-Type")
    if not _is_html(content_type):
        return None
    return record.content_stream(), content_type


def _read_record(record: Any, path: str, offset: int, cap: int) -> RawPage | Failure | None:
    """One record as a page, a Failure (truncated, too large), or None when skipped."""
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID")
    origin = f"{path}#{record_id}" if record_id else path
    payload = _payload(record)
    content = read_capped(payload[0], cap) if payload else None
    while record.raw_stream.read(SCAN_BYTES):  # drain, to see whether the record is complete
        pass
    if headers.get_header("Content-Length") is None:
        return Failure(origin, f"truncated WARC record at offset {offset}: headers end without a Content-Length",
                       FailureKind.MALFORMED_RECORD)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return Failure(origin, f"truncated WARC record at offset {offset}: {missing} bytes missing",
                       FailureKind.MALFORMED_RECORD)
    if payload is None:
        log.debug("%s: skipped %s record", origin, record.rec_type)
        return None
    if content is None:
        return Failure(origin, too_large(cap), FailureKind.TOO_LARGE)
    return RawPage(
        origin=origin,
        content=content,
        url=headers.get_header("WARC-Target-URI"),
        fetched_at=headers.get_header("WARC-Date"),
        content_type=payload[1],
    )


def _next_record_start(file: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Offset of the next plausible record start after `after`, or None at the end of the file."""
    marker, skip = (GZIP_MAGIC, 0) if gzipped else (WARC_LINE, 1)
    position = after + 1
    file.seek(position)
    tail = b""
    while block := file.read(SCAN_BYTES):
        window = tail + block
        found = window.find(marker)
        if found >= 0:
            return position - len(tail) + found + skip
        tail = window[-(len(marker) - 1) :]
        position += len(block)
    return None


def read_warc(path: Path, cap: int) -> Iterator[RawPage | Failure]:
    """Pages from a WARC or WET file (plain or gzip), with one Failure per malformed stretch."""
    name = str(path)
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        gzipped = file.read(3) == GZIP_MAGIC
        start: int | None = 0
        reported = False  # a Failure was already given for the current malformed stretch
        while start is not None:
            file.seek(start)
            records = WARCIterator(file)
            try:
                for record in records:
                    reported = False
                    item = _read_record(record, name, records.offset, cap)
                    if item is not None:
                        yield item
                if records.offset >= size:
                    return
                problem = "archive ends inside a record (truncated file?)"
            except Exception as error:  # warcio raises many kinds on malformed input
                problem = " ".join(f"{type(error).__name__}: {error}".split())[:MAX_PROBLEM_CHARS]
            offset = records.offset
            if not reported:
                yield Failure(name, f"malformed WARC record at offset {offset}: {problem}", FailureKind.MALFORMED_RECORD)
                reported = True
            start = _next_record_start(file, offset, gzipped)
