"""The defaults of an ingest run, each defined once: the readers, the extractor, the ingest service,
the `ingest` and `load` commands and `POST /api/ingest` all read them from here."""

MAX_PAGE_BYTES = 50 * 1024 * 1024  # pages (and uploads) larger than this are refused; users can raise it
BATCH_SIZE = 64  # pages per transaction
WORKERS = 1  # extraction and enrichment processes
