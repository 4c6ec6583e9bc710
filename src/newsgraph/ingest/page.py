"""What every reader yields: a raw page, or a failure that names its input."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# Pages larger than this are refused before extraction (users can raise it).
MAX_PAGE_BYTES = 50 * 1024 * 1024


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
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
