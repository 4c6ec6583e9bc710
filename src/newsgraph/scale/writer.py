"""The per-article tables, written by the tasks themselves with pyarrow.

Rows never cross into the JVM: on a 2-core machine the JVM's work of taking every row from
Python, caching it and writing each table (CPU the Python workers need) cost a third more than
the analysis itself in `ingest`.  Each task writes one Parquet file per table for its input file,
named after that file, so a retried task overwrites its own files and two tasks never write the
same one.  The article's date (published, else fetched) is a column, not a folder: a folder per
date made a file per table, input file and date (946 files for 224 articles over 43 dates; a
crawl's file holds pages published over months), and the JVM's work of listing and opening them
again in the cross-document stages grew with the count.  Local paths and s3a:// outputs
(pyarrow's S3 filesystem, with the settings the inputs use).
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from typing import TYPE_CHECKING

from newsgraph.errors import NewsgraphError
from newsgraph.scale.inputs import REMOTE_SCHEMES, S3Settings, is_remote
from newsgraph.scale.tables import TABLES

if TYPE_CHECKING:
    import pyarrow.parquet as pq

ARROW_TYPES = {"long": "int64", "int": "int32", "string": "string", "double": "float64", "boolean": "bool_"}
FLUSH_ROWS = 20_000  # rows of one table kept before they are written as a row group
PLACES_PARTS = "_places_parts"  # places as each task saw them; the job deduplicates them into `places`


def arrow_schema(table: str):
    """The table's columns as written in a file."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, ARROW_TYPES[kind])()) for name, kind in TABLES[table]])


def output_filesystem(output: str, s3: S3Settings):
    """(pyarrow filesystem, root path in it) for a local path or an s3a:// URI."""
    from pyarrow import fs

    if not is_remote(output):
        return fs.LocalFileSystem(), os.path.abspath(output.removeprefix("file://"))
    scheme, _, rest = output.partition("://")
    if scheme.lower() not in REMOTE_SCHEMES:
        raise NewsgraphError(output, f"cannot write {scheme}:// outputs (local paths and s3a:// only)")
    endpoint = s3.endpoint_url or ""
    return fs.S3FileSystem(
        access_key=s3.aws_access_key_id, secret_key=s3.aws_secret_access_key, session_token=s3.aws_session_token,
        endpoint_override=endpoint.partition("://")[2] or None, scheme=endpoint.partition("://")[0] or "https",
    ), rest.rstrip("/")


def file_key(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class TaskTables:
    """One input file's rows, by table, written as they come in row groups."""

    def __init__(self, output: str, input_path: str, s3: S3Settings):
        self.fs, self.root = output_filesystem(output, s3)
        self.name = f"part-{file_key(input_path)}.parquet"
        self.rows: dict[str, list[tuple]] = defaultdict(list)
        self.writers: dict[str, pq.ParquetWriter] = {}

    def add(self, table: str, row: tuple) -> None:
        rows = self.rows[table]
        rows.append(row)
        if len(rows) >= FLUSH_ROWS:
            self._flush(table)

    def close(self) -> None:
        try:
            for key in list(self.rows):
                self._flush(key)
        finally:
            for writer in self.writers.values():
                writer.close()

    def _flush(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self.rows.pop(table, [])
        if not rows:
            return
        schema = arrow_schema(table)
        columns = list(zip(*rows))
        data = pa.Table.from_arrays([pa.array(c, f.type) for c, f in zip(columns, schema)], schema=schema)
        if table not in self.writers:
            folder = f"{self.root}/{PLACES_PARTS if table == 'places' else table}"
            self.fs.create_dir(folder, recursive=True)
            self.writers[table] = pq.ParquetWriter(f"{folder}/{self.name}", schema, filesystem=self.fs,
                                                   compression="snappy")
        self.writers[table].write_table(data)


def prepare_output(output: str, s3: S3Settings, overwrite: bool) -> None:
    """An empty output folder: refuse to mix runs unless told to overwrite."""
    from pyarrow import fs as pafs

    filesystem, root = output_filesystem(output, s3)
    info = filesystem.get_file_info(root)
    if info.type != pafs.FileType.NotFound:
        if not overwrite:
            raise NewsgraphError(output, "already exists (--overwrite replaces it)")
        if info.type == pafs.FileType.Directory:
            filesystem.delete_dir_contents(root)
        else:
            filesystem.delete_file(root)
    filesystem.create_dir(root, recursive=True)


def fill_empty_tables(output: str, s3: S3Settings) -> None:
    """A table no task wrote a row of still gets a file with its columns, so readers find it."""
    import pyarrow.parquet as pq
    from pyarrow import fs as pafs

    filesystem, root = output_filesystem(output, s3)
    for table in TABLES:
        folder = f"{root}/{PLACES_PARTS if table == 'places' else table}"
        found = filesystem.get_file_info(pafs.FileSelector(folder, recursive=True, allow_not_found=True))
        if not any(f.type == pafs.FileType.File for f in found):
            filesystem.create_dir(folder, recursive=True)
            pq.write_table(arrow_schema(table).empty_table(), f"{folder}/part-empty.parquet", filesystem=filesystem)


def remove_places_parts(output: str, s3: S3Settings) -> None:
    filesystem, root = output_filesystem(output, s3)
    filesystem.delete_dir(f"{root}/{PLACES_PARTS}")
