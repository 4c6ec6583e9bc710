"""WARC and WET archives, read record by record with warcio and never held in memory.

Yields HTML `response` records with HTTP status 200 (payload decoded: chunked, gzip...) and WET
`conversion` records (plain text); every other record is skipped. Each record is checked against
its declared Content-Length: one that does not end at a record boundary (too long, it would swallow
the next record; too short, it would be stored cut) is one Failure naming its offset, and is not
read. A malformed stretch of the archive costs one Failure: the reader then resynchronises at the next record (the next gzip member of a
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
RECORD_END = b"\r\n\r\n"  # what follows every record's content
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


class _CheckedIterator(WARCIterator):
    """warcio's reader, counting (in `err_count`) instead of printing the records whose declared
    length does not end at a record boundary (the blank lines that must follow every record)."""

    INC_RECORD = ""


def _ends_where_declared(records: _CheckedIterator) -> bool:
    """Whether the record just read is followed by what its Content-Length promises: blank lines, then
    the next record's `WARC/` line or the end of the file (in a record-compressed archive: the end
    of its gzip member).  warcio checks only the first line after the record."""
    before = records.err_count
    records.read_to_end()
    if records.err_count != before:  # the first line after it is not blank: it ends inside a line
        return False
    following = records.next_line
    if not following or following.startswith(b"WARC/"):
        return True
    # something else follows: the record is whole if exactly the two CRLFs come after it (then what
    # follows is garbage between records, a failure of its own), cut at a line end if not
    start, length = records.member_info
    return records.reader.decompressor is None and records.offset - (start + length) == len(RECORD_END)


def _wrong_length(record: Any, path: str, offset: int) -> Failure:
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID")
    origin = f"{path}#{record_id}" if record_id else path
    declared = headers.get_header("Content-Length")
    return Failure(origin, f"malformed WARC record at offset {offset}: it does not end where its Content-Length "
                           f"({declared} bytes) says; not read, reading goes on at the next record",
                   FailureKind.MALFORMED_RECORD)


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
            records = _CheckedIterator(file)
            try:
                for record in records:
                    reported = False
                    offset = records.offset
                    item = _read_record(record, name, offset, cap)
                    if not _ends_where_declared(records):
                        # its Content-Length is wrong: what follows is not a record boundary, so neither
                        # this record nor the place warcio would read the next one from can be trusted
                        yield _wrong_length(record, name, offset)
                        reported = True
                        break
                    if item is not None:
                        yield item
                else:
                    if records.offset >= size:
                        return
                    problem = "archive ends inside a record (truncated file?)"
                    offset = records.offset
            except Exception as error:  # warcio raises many kinds on malformed input
                problem = " ".join(f"{type(error).__name__}: {error}".split())[:MAX_PROBLEM_CHARS]
                offset = records.offset
            if not reported:
                yield Failure(name, f"malformed WARC record at offset {offset}: {problem}", FailureKind.MALFORMED_RECORD)
                reported = True
            start = _next_record_start(file, offset, gzipped)
