"""Fetching web pages with httpx, politely and safely.

Scraped links are hostile, so every hop of a fetch (the URL and each redirect) is checked before a
byte is sent: http(s) only, no private, loopback, link-local, multicast or reserved address unless
allowed, robots.txt obeyed. Requests to one host are spaced by the rate limit. Bodies are decoded
layer by layer as they arrive, each layer held to the size cap (`decoding`), so a compression bomb
stops at the cap. Each fetch (robots.txt, redirects, connect, headers and body together) ends at
one deadline, the time cap. Any problem becomes a Failure with a one-line reason.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, UTC
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from newsgraph.errors import FailureKind, FetchError, FetchRefused
from newsgraph.ingest.decoding import (
    ACCEPT_ENCODING, DecodedTooLarge, DecodingError, StreamDecoder, UnsupportedEncoding, layer_cap,
)
from newsgraph.ingest.limits import too_large
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.page import Failure, RawPage

ROBOTS_MAX_BYTES = 512 * 1024
NOT_MODIFIED = 304
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
OK_CODES = frozenset({200, 203})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
DNS_FAILURE_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "no address associated",
    "temporary failure in name resolution",
    "getaddrinfo failed",
)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass
class NotModified:
    """A conditional fetch the server answered with 304: the resource is as it was, nothing to parse."""

    url: str


@dataclass
class Validators:
    """What a server said identifies the version it sent (ETag, Last-Modified), to ask "changed since?" next time."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """The request headers of a conditional GET."""
        given = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in given.items() if value}


class HTTPStatusFailure(FetchError):
    """The server answered with a status that is neither success nor redirect."""

    def __init__(self, origin: str, status: int, phrase: str):
        self.status = status
        super().__init__(origin, f"HTTP {status} {phrase}".strip())


def non_public_kind(address: Address) -> str | None:
    """'loopback', 'private'... for an address that is not publicly routable, else None."""
    address = _unmapped(address)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, applies in checks if applies), None)


def _unmapped(address: Address) -> Address:
    """The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else the address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _resolve(host: str, port: int, timeout: float | None) -> list[Address]:
    """Every address a host name (or literal IP) stands for; TimeoutError after `timeout` seconds."""
    try:
        return [_unmapped(ipaddress.ip_address(host))]
    except ValueError:
        infos = _getaddrinfo(host, port, timeout)
        return [_unmapped(ipaddress.ip_address(str(info[4][0]).split("%")[0])) for info in infos]


def _getaddrinfo(host: str, port: int, timeout: float | None) -> list:
    """socket.getaddrinfo within `timeout` seconds.  It has no timeout of its own (the system
    resolver's retries can take far longer than the time cap), so it runs in a daemon thread that
    we stop waiting for at the deadline; the thread ends when the resolver gives up."""
    if timeout is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    outcome: list = []

    def look_up() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as error:  # handed to the waiting thread, raised there
            outcome.append(error)

    thread = threading.Thread(target=look_up, name=f"dns {host}", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        raise TimeoutError(f"DNS lookup timed out for {host}")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


class _Deadline:
    """When the fetch in progress must end (time.monotonic()), shared by a Fetcher and its connections.

    httpx's timeouts are per operation: a server sending its headers one byte a second resets the
    read timeout with every byte and is never cut off. A watchdog thread closing the socket at the
    deadline would do it, but closing a socket under a thread blocked in it races with the pool
    (the descriptor can be reused before the reader wakes) and leaves httpcore's connection state
    undefined. Instead every blocking operation httpcore makes on a connection -- connect, TLS
    handshake, each read and write -- goes through `_DeadlineStream`, which gives it at most the
    time left before the deadline as its timeout, and refuses to start once none is left. Each
    operation is then bounded, and so is their sum: the fetch ends by the deadline, in whatever
    phase it is. The one blocking call outside the connection, the DNS lookup, is bounded by
    `_getaddrinfo`; decoding is bounded in size (`decoding`) and checked against the deadline
    between pieces.
    """

    def __init__(self) -> None:
        self.at: float | None = None

    def bound(self, timeout: float | None, error: type[Exception]) -> float | None:
        """`timeout`, shortened to the time left; raises `error` once the deadline has passed."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("over the time cap of the fetch")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the fetch's deadline (see `_Deadline`)."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline):
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        timeout = self._deadline.bound(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _Connections(httpcore.SyncBackend):
    """Opens connections that end by the fetch's deadline, and, with `check`, only to addresses
    that pass the same check as the URL.

    The URL's host is checked before the request, but the connection resolves the name again:
    a hostile DNS server could answer with a public address first and a private one second
    (DNS rebinding). Checking the address actually dialled closes that window.
    """

    def __init__(self, deadline: _Deadline, check: bool):
        self.deadline = deadline
        self.check = check

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        timeout = self.deadline.bound(timeout, httpcore.ConnectTimeout)
        try:
            addresses = _resolve(host, port, timeout)
        except TimeoutError as error:
            raise httpcore.ConnectTimeout(str(error)) from error
        except (OSError, UnicodeError) as error:
            raise httpcore.ConnectError(f"DNS lookup failed for {host}: {error}") from error
        for address in addresses if self.check else ():
            kind = non_public_kind(address)
            if kind:
                raise httpcore.ConnectError(
                    f"blocked: {host} resolves to {kind} address {address} at connect time (use --allow-private)"
                )
        timeout = self.deadline.bound(timeout, httpcore.ConnectTimeout)
        stream = super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)


def _describe(error: Exception, cap: float) -> str:
    """A short reason for an httpx error; `cap` is the time cap of a fetch, in seconds."""
    message = " ".join(str(error).split())
    if isinstance(error, httpx.TimeoutException):
        # Each operation's timeout is at most the time left (`_Deadline`), so any timeout is the deadline's.
        if message.startswith("DNS lookup timed out"):
            return message
        return f"timed out: over the time cap of {cap:g}s"
    if isinstance(error, httpx.ConnectError):
        lowered = message.lower()
        if "refused" in lowered:
            return "connection refused"
        if any(words in lowered for words in DNS_FAILURE_WORDS):
            return "DNS lookup failed"
        return f"connection failed: {message}"
    if isinstance(error, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return f"invalid URL: {message}"
    return f"{type(error).__name__}: {message}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Fetcher:
    """Fetches URLs under the ingest options; one per run, so robots.txt and rate limits are shared."""

    def __init__(self, options: IngestOptions | None = None):
        self.options = options or IngestOptions()
        self._client: httpx.Client | None = None
        self._robots: dict[str, RobotFileParser | FetchError] = {}  # per site: rules, or why it is off limits
        self._robots_read: dict[str, float] = {}  # per site: when (time.monotonic()) its robots.txt was read
        self._last_request: dict[str, float] = {}  # per host: when the last request ended
        self._deadline = _Deadline()  # of the fetch in progress, for its connections

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            transport = httpx.HTTPTransport()
            # httpx has no public hook for the network backend; its pool is httpcore's (httpx pinned).
            transport._pool = httpcore.ConnectionPool(
                ssl_context=httpx.create_ssl_context(),
                network_backend=_Connections(self._deadline, check=not self.options.allow_private),
            )
            self._client = httpx.Client(
                headers={"User-Agent": self.options.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
                follow_redirects=False,
                timeout=self.options.timeout,
                transport=transport,
            )
        return self._client

    def fetch(self, url: str) -> RawPage | Failure:
        """The page at `url` (origin = url, url = where redirects ended), or a Failure saying why not."""
        found, _ = self.fetch_if_changed(url)
        assert not isinstance(found, NotModified)  # nothing asked conditionally: a 304 is a failure like any
        return found

    def fetch_if_changed(self, url: str, validators: Validators | None = None
                         ) -> tuple[RawPage | Failure | NotModified, Validators]:
        """`fetch` as a conditional GET (If-None-Match, If-Modified-Since from `validators`): NotModified
        when the server answers 304, costing no body; with the validators the answer carries."""
        deadline = time.monotonic() + self.options.timeout
        asked = validators or Validators()
        try:
            final_url, response, body = self._get(url, self.options.max_page_bytes, deadline, obey_robots=True,
                                                  headers=asked.headers())
        except FetchError as error:
            return Failure(url, error.reason, error.kind), asked
        finally:
            self._deadline.at = None
        got = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        if response.status_code == NOT_MODIFIED:
            return NotModified(url), Validators(got.etag or asked.etag, got.last_modified or asked.last_modified)
        page = RawPage(origin=url, content=body, url=final_url, fetched_at=_now(),
                       content_type=response.headers.get("content-type"))
        return page, got

    def expire_robots(self, max_age: float) -> None:
        """Forget the robots.txt rules read more than `max_age` seconds ago, and every site found off
        limits (unreachable, refused): a fetcher that lives long (`watch`) reads them again when next needed."""
        now = time.monotonic()
        for site, rules in list(self._robots.items()):
            if isinstance(rules, FetchError) or now - self._robots_read.get(site, now) > max_age:
                del self._robots[site]
                self._robots_read.pop(site, None)

    def _get(self, url: str, cap: int, deadline: float, obey_robots: bool,
             headers: Mapping[str, str] | None = None) -> tuple[str, httpx.Response, bytes]:
        """GET with redirects followed by hand, each hop checked; raises FetchError naming `url`.
        With `headers` (a conditional GET), a 304 answer is returned with an empty body."""
        current = url
        for hop in range(self.options.max_redirects + 1):
            self._check_target(url, current, deadline, redirected=hop > 0)
            if obey_robots:
                self._check_robots(url, current, deadline)
            deadline = self._wait_turn(current, deadline)
            self._deadline.at = deadline
            try:
                with self._polite(current), self.client.stream(
                    "GET", current, timeout=self._timeout(url, deadline), headers=headers
                ) as response:
                    if response.status_code in REDIRECT_CODES and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if headers and response.status_code == NOT_MODIFIED:
                        return current, response, b""
                    if response.status_code not in OK_CODES:
                        raise HTTPStatusFailure(url, response.status_code, response.reason_phrase)
                    return current, response, self._read_body(url, response, cap, deadline)
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise FetchError(url, _describe(error, self.options.timeout)) from error
        raise FetchError(url, f"too many redirects (more than {self.options.max_redirects})")

    def _check_target(self, origin: str, url: str, deadline: float, redirected: bool) -> None:
        """Refuse a URL that is not http(s) or whose host has a non-public address (unless allowed)."""
        subject = f"redirect to {url}" if redirected else url
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchRefused(origin, f"invalid URL {subject}: {error}") from error
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused(origin, f"refused: {subject} is not an http(s) URL")
        if self.options.allow_private:
            return
        host = parts.hostname.rstrip(".")
        if host == "localhost" or host.endswith(".localhost"):
            raise FetchRefused(origin, f"refused: {subject} is on localhost (use --allow-private)")
        try:
            addresses = _resolve(host, port, max(0.0, deadline - time.monotonic()))
        except TimeoutError as error:
            raise FetchError(origin, str(error)) from error
        except (OSError, UnicodeError) as error:
            raise FetchError(origin, f"DNS lookup failed for {host}: {error}") from error
        for address in addresses:
            kind = non_public_kind(address)
            if kind:
                where = f"redirect to {url} resolves" if redirected else "resolves"
                raise FetchRefused(origin, f"refused: {where} to {kind} address {address} (use --allow-private)")

    def _check_robots(self, origin: str, url: str, deadline: float) -> None:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._load_robots(site, deadline)
            self._robots_read[site] = time.monotonic()
        rules = self._robots[site]
        if isinstance(rules, FetchError):  # robots.txt could not be read: refused, or the site unreachable
            raise FetchError(origin, rules.reason, rules.kind)
        if not rules.can_fetch(self.options.user_agent, url):
            raise FetchRefused(origin, f"disallowed by {site}/robots.txt")

    def _load_robots(self, site: str, deadline: float) -> RobotFileParser | FetchError:
        """A site's robots.txt rules (RFC 9309: missing means allowed, unreachable means refused), or
        the error every page of the site then fails with (its origin is the site's)."""
        rules = RobotFileParser(f"{site}/robots.txt")
        try:
            _, _, body = self._get(f"{site}/robots.txt", ROBOTS_MAX_BYTES, deadline, obey_robots=False)
        except HTTPStatusFailure as error:
            if 400 <= error.status < 500:
                rules.allow_all = True  # type: ignore[attr-defined]  # set by RobotFileParser.read, missing from the stdlib stub
                return rules
            return FetchRefused(site, f"robots.txt unavailable ({error.reason})")
        except FetchError as error:
            if isinstance(error.__cause__, httpx.TimeoutException) and not error.reason.startswith("DNS"):
                # a slow server: its pages fail, saying what was slow
                return FetchError(site, f"robots.txt: {error.reason}")
            unreachable = isinstance(error.__cause__, httpx.TransportError)
            if unreachable:  # the site cannot be reached: its pages fail as the fetch of robots.txt did
                return FetchError(site, error.reason)
            return FetchRefused(site, f"robots.txt: {error.reason}")
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules

    def _wait_turn(self, url: str, deadline: float) -> float:
        """Sleep until this host may be asked again; returns the deadline moved by the time slept."""
        last = self._last_request.get(urlsplit(url).netloc.lower())
        if self.options.rate_limit <= 0 or last is None:
            return deadline
        slept = max(0.0, last + 1 / self.options.rate_limit - time.monotonic())
        time.sleep(slept)
        return deadline + slept

    @contextmanager
    def _polite(self, url: str) -> Iterator[None]:
        """Note when a request to this host ends (however it ends): the next one waits from there."""
        try:
            yield
        finally:
            self._last_request[urlsplit(url).netloc.lower()] = time.monotonic()

    def _timeout(self, origin: str, deadline: float) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(origin, f"timed out: over the time cap of {self.options.timeout:g}s")
        return min(self.options.timeout, remaining)

    def _read_body(self, origin: str, response: httpx.Response, cap: int, deadline: float) -> bytes:
        """The body, its Content-Encoding undone as it arrives; raises FetchError at the cap (on the
        wire or in any layer of decoding), on a body that does not decode, or at the deadline."""
        try:
            decoder = StreamDecoder(response.headers.get_list("content-encoding"), cap)
        except UnsupportedEncoding as error:
            raise FetchError(origin, error.reason) from None
        wire_cap = layer_cap(cap) if decoder.applied else cap  # an encoded page may be a little larger
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > wire_cap:
            raise FetchError(origin, too_large(cap, int(declared)), FailureKind.TOO_LARGE)
        chunks: list[bytes] = []
        received = 0
        try:
            for raw in response.iter_raw():  # as sent: httpx's own decoding would expand a chunk whole
                received += len(raw)
                if received > wire_cap:
                    raise FetchError(origin, too_large(cap), FailureKind.TOO_LARGE)
                for piece in decoder.decode(raw):
                    chunks.append(piece)
                    self._timeout(origin, deadline)
                self._timeout(origin, deadline)
            chunks.extend(decoder.finish())
        except DecodedTooLarge as error:
            raise FetchError(origin, error.reason, FailureKind.TOO_LARGE) from None
        except DecodingError as error:
            raise FetchError(origin, error.reason, FailureKind.CORRUPT) from None
        return b"".join(chunks)
