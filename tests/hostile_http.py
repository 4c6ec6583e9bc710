"""A raw HTTP server on 127.0.0.1 for hostile answers, and the payloads it sends.

http.server always writes a status line and headers in one go; a hostile server does not. Here each
route is a function that writes whatever it likes on the accepted socket: headers one byte at a
time, a body encoded five times over. Used by the fetcher's tests and by `bench/stress`.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator

import brotli

Route = Callable[[socket.socket], None]


class RawServer:
    """Answers each request on a fresh connection with `routes[path](connection)`, then hangs up."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[tuple[str, str]] = []  # (path, request head) of each request, in order
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._listener.close()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                request += chunk
            text = request.decode("latin-1")
            path = text.split(" ", 2)[1]
            self.requests.append((path, text))
            try:
                self.routes.get(path, not_found)(connection)
            except OSError:
                pass  # the client hung up: a cap or a deadline, on purpose


def head(status: str = "200 OK", content_type: str = "text/html; charset=utf-8", **headers: str) -> bytes:
    """A status line and headers (keyword names with _ for -), always with Connection: close."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def answer(body: bytes, encodings: Iterable[str] = (), content_type: str = "text/html; charset=utf-8") -> Route:
    """A route sending `body` (already encoded as `encodings` say) with its length."""
    names = ", ".join(encodings)
    extra = {"Content_Encoding": names} if names else {}

    def route(connection: socket.socket) -> None:
        connection.sendall(head(content_type=content_type, Content_Length=str(len(body)), **extra) + body)

    return route


def not_found(connection: socket.socket) -> None:
    connection.sendall(head("404 Not Found", Content_Length="0"))


def trickle(data: Iterable[int], every: float) -> Route:
    """A route sending `data` one byte at a time, `every` seconds apart, until it ends or the client hangs up."""

    def route(connection: socket.socket) -> None:
        for byte in data:
            connection.sendall(bytes([byte]))
            time.sleep(every)

    return route


def endless_headers() -> Iterator[int]:
    """A status line, then header lines that never end."""
    yield from b"HTTP/1.1 200 OK\r\n"
    while True:
        yield from b"X-Still-Coming: yes\r\n"


def endless_body() -> Iterator[int]:
    """Headers sent at once, then a body that never ends (no length, no chunking: read until close)."""
    yield from head()
    while True:
        yield from b"<p>more news</p>\n"


def _compressor(encoding: str) -> tuple[Callable[[bytes], bytes], Callable[[], bytes]]:
    if encoding == "x-gzip":
        encoding = "gzip"
    if encoding == "br":
        brotli_stream = brotli.Compressor(quality=5)
        return brotli_stream.process, brotli_stream.finish
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS, "raw-deflate": -zlib.MAX_WBITS}[encoding]
    zlib_stream = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return zlib_stream.compress, zlib_stream.flush


def encode(chunks: Iterable[bytes], encodings: Iterable[str]) -> bytes:
    """`chunks` encoded with each of `encodings` in turn (as Content-Encoding lists them), streaming:
    gigabytes in, kilobytes out, without holding the gigabytes."""
    stages = [_compressor(encoding) for encoding in encodings]

    def through(index: int, data: bytes) -> bytes:
        if index == len(stages) or not data:
            return data
        return through(index + 1, stages[index][0](data))

    out = [through(0, chunk) for chunk in chunks]
    for index, (_, finish) in enumerate(stages):  # each stage's tail goes through the stages after it
        out.append(through(index + 1, finish()))
    return b"".join(out)


def zeros(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """`total` zero bytes, a megabyte at a time."""
    block = bytes(chunk)
    for start in range(0, total, chunk):
        yield block[: min(chunk, total - start)]


def bomb(encodings: Iterable[str], decoded_bytes: int) -> bytes:
    """An HTML page of `decoded_bytes` (all but its start zeros), encoded as `encodings`."""
    return encode([b"<html><body><p>", *zeros(decoded_bytes)], encodings)
