"""What every reader yields: a raw page, or a failure that names its input and the kind of failure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import FailureKind
from newsgraph.settings import DEFAULTS

MAX_PAGE_BYTES = DEFAULTS.ingest.max_page_bytes  # the default cap (settings.IngestSettings.max_page_mb)

__all__ = ["MAX_PAGE_BYTES", "Failure", "FailureKind", "RawPage"]


@dataclass
class RawPage:
    origin: str  # where it came from: a path, "path#record-id" inside an archive, a URL, or "-"
    content: bytes | str
    url: str | None = None
    fetched_at: str | None = None  # ISO 8601, when the crawler fetched it
    content_type: str | None = None  # e.g. "text/html; charset=..." or "text/plain" (WET)
    hints: dict[str, Any] = field(default_factory=dict)  # e.g. title/published from a feed entry

    @property
    def page_hash(self) -> str:
        data = self.content.encode("utf-8", "surrogatepass") if isinstance(self.content, str) else self.content
        return hashlib.sha256(data).hexdigest()


@dataclass
class Failure:
    """An input that gave no page or no article: where (`origin`), why in one line (`reason`, the
    message users read) and why in a word (`kind`, set where the failure is made, for counting).

    Two failures are equal when origin and reason are: the kind follows from the reason.
    """

    origin: str
    reason: str
    kind: FailureKind = field(default=FailureKind.OTHER, compare=False)

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
