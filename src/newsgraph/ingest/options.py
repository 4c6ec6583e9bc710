"""The knobs every reader shares, kept apart so readers and the dispatcher import them without cycles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from newsgraph.settings import DEFAULTS


def _version() -> str:
    try:
        return metadata.version("newsgraph")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"newsgraph/{_version()} (+https://github.com/newsgraph)"


@dataclass
class IngestOptions:
    """How far ingest may go: addresses, sizes, times and politeness."""

    allow_private: bool = DEFAULTS.ingest.allow_private  # fetch from private, loopback, link-local... addresses
    max_page_bytes: int = DEFAULTS.ingest.max_page_bytes
    timeout: float = DEFAULTS.ingest.timeout  # seconds per URL, all told: DNS, connect, robots.txt, headers and body
    rate_limit: float = DEFAULTS.ingest.rate_limit  # requests per second per host; 0 disables the limit
    user_agent: str = USER_AGENT
    max_redirects: int = DEFAULTS.ingest.max_redirects
    database: str | None = None  # the SQLite file being written: never an input, nor its -wal/-shm/-journal
    on_note: Callable[[str, str], None] | None = None  # told (origin, text) of an input passed over [default: logged]
