"""Content-Encoding decoded as a stream, with the size cap applied to every layer.

A body may be encoded several times over (`Content-Encoding: gzip, gzip`, deflate and br layers
nested), and a few kilobytes on the wire can stand for gigabytes. httpx decodes each chunk of each
layer whole before anyone can count it; here the raw bytes (httpx's `iter_raw`) go through one
incremental decoder per layer, each step of each layer gives at most `STEP_BYTES`, and every
layer's running total is held to the cap (the page's to the page cap, each inner layer's to
`layer_cap`, a little more): decoding stops as soon as any layer passes it, having held about a
step per layer beside the page itself.

    decoder = StreamDecoder(["gzip", "br"], cap)
    for raw in response.iter_raw():
        body += b"".join(decoder.decode(raw))
    body += b"".join(decoder.finish())

Failures are `DecodingError` (unsupported, corrupt or truncated) or `DecodedTooLarge`, with a
one-line reason.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Protocol

import brotli

from newsgraph.ingest.limits import too_large

ACCEPT_ENCODING = "gzip, deflate, br"  # what we ask for: the encodings decoded here
MAX_LAYERS = 5  # a real server applies one; more than this is an attack or a bug
STEP_BYTES = 256 * 1024  # the most one decoding step of one layer gives at once

_GZIP_WBITS = 16 + zlib.MAX_WBITS


class DecodingError(Exception):
    """A body that cannot be decoded; `reason` is one line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UnsupportedEncoding(DecodingError):
    """An encoding we do not decode, or too many layers."""


class DecodedTooLarge(DecodingError):
    """A layer's output passed the cap."""


class _Layer(Protocol):
    name: str

    def pieces(self, data: bytes) -> Iterator[bytes]:
        """The output for `data`, in pieces of about `STEP_BYTES` at most."""

    def finish(self) -> Iterator[bytes]:
        """What is left once the input has ended; raises DecodingError if the encoding is cut short."""


def _inflate(stream: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Everything `stream` gives for `data`, a step at a time (zlib stops at `max_length` and keeps
    the rest of the input in `unconsumed_tail`)."""
    while True:
        out = stream.decompress(data, STEP_BYTES)
        if out:
            yield out
        data = stream.unconsumed_tail
        if stream.eof or (not data and len(out) < STEP_BYTES):
            return


class _Gzip:
    """gzip, of one member or several in a row (RFC 1952); bytes after the members that are not a
    member are ignored, as browsers do."""

    def __init__(self, name: str):
        self.name = name
        self._stream = zlib.decompressobj(_GZIP_WBITS)
        self._fed = False
        self._members = 1
        self._ignoring = False

    def pieces(self, data: bytes) -> Iterator[bytes]:
        while data and not self._ignoring:
            self._fed = True
            if self._stream.eof:  # a member ended and more follows: another member (or trailing junk)
                self._stream = zlib.decompressobj(_GZIP_WBITS)
                self._members += 1
            try:
                yield from _inflate(self._stream, data)
            except zlib.error as error:
                if self._members == 1:
                    raise DecodingError(f"the body is not valid gzip: {error}") from error
                self._ignoring = True
                return
            data = self._stream.unused_data if self._stream.eof else b""

    def finish(self) -> Iterator[bytes]:
        if not self._fed or self._ignoring:
            return
        try:
            yield from _inflate(self._stream, b"")
        except zlib.error as error:
            raise DecodingError(f"the body is not valid gzip: {error}") from error
        if not self._stream.eof:
            raise DecodingError("the body's gzip encoding ends early (truncated)")


class _Deflate:
    """deflate: zlib-wrapped as RFC 9110 says, or raw deflate as some servers send; told apart by
    the first two bytes (a zlib header is a multiple of 31 with method 8)."""

    name = "deflate"

    def __init__(self) -> None:
        self._stream: zlib._Decompress | None = None
        self._head = b""

    def pieces(self, data: bytes) -> Iterator[bytes]:
        if self._stream is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            wrapped = data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._stream = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if self._stream.eof:
            return  # bytes after the end of the stream: ignored
        try:
            yield from _inflate(self._stream, data)
        except zlib.error as error:
            raise DecodingError(f"the body is not valid deflate: {error}") from error

    def finish(self) -> Iterator[bytes]:
        if self._stream is None:
            if self._head:
                raise DecodingError("the body's deflate encoding ends early (truncated)")
            return
        try:
            yield from _inflate(self._stream, b"")
        except zlib.error as error:
            raise DecodingError(f"the body is not valid deflate: {error}") from error
        if not self._stream.eof:
            raise DecodingError("the body's deflate encoding ends early (truncated)")


class _Brotli:
    """br (RFC 7932), with brotli's output limit per call (brotli >= 1.2)."""

    name = "br"

    def __init__(self) -> None:
        self._stream = brotli.Decompressor()
        self._fed = False

    def pieces(self, data: bytes) -> Iterator[bytes]:
        if self._stream.is_finished():
            return  # bytes after the end of the stream: ignored
        self._fed = True
        try:
            yield self._stream.process(data, output_buffer_limit=STEP_BYTES)
            while not self._stream.can_accept_more_data():  # output held back by the limit
                yield self._stream.process(b"", output_buffer_limit=STEP_BYTES)
        except brotli.error as error:
            raise DecodingError(f"the body is not valid br: {error}") from error

    def finish(self) -> Iterator[bytes]:
        if not self._fed:
            return
        try:
            while not self._stream.is_finished():
                out = self._stream.process(b"", output_buffer_limit=STEP_BYTES)
                if not out:
                    break
                yield out
        except brotli.error as error:
            raise DecodingError(f"the body is not valid br: {error}") from error
        if not self._stream.is_finished():
            raise DecodingError("the body's br encoding ends early (truncated)")


def _layer(name: str) -> _Layer:
    if name in ("gzip", "x-gzip"):
        return _Gzip(name)
    if name == "deflate":
        return _Deflate()
    if name == "br":
        return _Brotli()
    raise UnsupportedEncoding(f"unsupported Content-Encoding {name!r}")


def encodings(values: Iterable[str]) -> list[str]:
    """The encodings of a Content-Encoding header's values, in the order they were applied (identity
    left out); raises UnsupportedEncoding for one we do not decode or more than MAX_LAYERS."""
    names = [name for value in values for part in value.split(",")
             if (name := part.strip().lower()) and name != "identity"]
    if len(names) > MAX_LAYERS:
        raise UnsupportedEncoding(f"too many Content-Encoding layers ({len(names)}, at most {MAX_LAYERS})")
    return names


def layer_cap(cap: int) -> int:
    """The most an inner layer may hold when the page may hold `cap`: compression expands what it
    cannot shrink by a fraction of a percent (deflate's stored blocks, brotli's uncompressed
    meta-blocks) plus a header, so a larger inner layer is no encoding of a page within the cap."""
    return cap + cap // 8 + 4096


class StreamDecoder:
    """Decodes a body encoded as `applied` (Content-Encoding's order) incrementally; the output of
    every layer stops at the cap: `cap` bytes for the page, `layer_cap(cap)` for each layer under it."""

    def __init__(self, applied: Iterable[str], cap: int):
        self.applied = encodings(applied)
        self.cap = cap
        self._layers = [_layer(name) for name in reversed(self.applied)]  # the last applied is undone first
        self._totals = [0] * len(self._layers)
        self._caps = [layer_cap(cap)] * (len(self._layers) - 1) + [cap]

    def decode(self, raw: bytes) -> Iterator[bytes]:
        """The decoded bytes for the next raw bytes, in pieces; raises DecodedTooLarge at the cap."""
        if not self._layers:
            yield raw
            return
        yield from self._through(0, self._layers[0].pieces(raw))

    def finish(self) -> Iterator[bytes]:
        """The decoded bytes left once the raw bytes have ended, outermost layer first."""
        for index, layer in enumerate(self._layers):
            yield from self._through(index, layer.finish())

    def _through(self, index: int, pieces: Iterable[bytes]) -> Iterator[bytes]:
        """Layer `index`'s output `pieces`, counted against the cap and passed through the layers after it."""
        for piece in pieces:
            if not piece:
                continue
            self._totals[index] += len(piece)
            if self._totals[index] > self._caps[index]:
                raise DecodedTooLarge(too_large(self.cap, decoded=", ".join(self.applied)))
            if index + 1 == len(self._layers):
                yield piece
            else:
                yield from self._through(index + 1, self._layers[index + 1].pieces(piece))
