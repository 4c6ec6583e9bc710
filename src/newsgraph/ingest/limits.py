"""Size caps: readers stop at the cap instead of reading an oversized input into memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from _typeshed import SupportsRead

CHUNK_BYTES = 1024 * 1024


@overload
def read_capped(stream: SupportsRead[bytes], cap: int) -> bytes | None: ...
@overload
def read_capped(stream: SupportsRead[str], cap: int) -> str | None: ...


def read_capped(stream: SupportsRead[bytes] | SupportsRead[str], cap: int) -> bytes | str | None:
    """Read a stream to its end, or return None as soon as it holds more than `cap` bytes (or chars)."""
    chunks: list = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK_BYTES, cap + 1 - total))
        if not chunk:
            return chunk[:0].join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            return None


def too_large(cap: int, size: int | None = None, decoded: str | None = None) -> str:
    """The failure reason for a page over the cap, with its size when known; `decoded` names the
    Content-Encoding whose decoding passed the cap ("gzip, gzip")."""
    found = f"{size} bytes" if size is not None else f"more than {cap} bytes"
    when = f" once decoded ({decoded})" if decoded else ""
    return f"page too large: {found}{when}, cap is {cap} bytes"
