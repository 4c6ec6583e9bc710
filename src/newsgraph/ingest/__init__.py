"""Ingest: readers that turn sources (files, folders, WARC/WET, feeds, URLs, stdin) into RawPages.

`read_sources` is the one entry point; it yields `RawPage` or `Failure` and never stops at a bad input.
"""

from newsgraph.ingest.options import USER_AGENT, IngestOptions
from newsgraph.ingest.page import MAX_PAGE_BYTES, Failure, RawPage
from newsgraph.ingest.sources import estimate_total, read_sources

__all__ = ["MAX_PAGE_BYTES", "USER_AGENT", "Failure", "IngestOptions", "RawPage", "estimate_total", "read_sources"]
