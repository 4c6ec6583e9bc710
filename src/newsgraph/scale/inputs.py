"""Where the WARC files are: local paths and globs, or object-store URIs (s3a://bucket/prefix/*.warc.gz).

The driver lists the files (local globs with Python, other schemes through Hadoop's FileSystem, so
`spark.hadoop.fs.s3a.*` settings apply); each task then reads one file.  Our WARC reader seeks to
resynchronise after a corrupt record, so a remote file is first streamed to the executor's local
disk in blocks (never whole in memory) and deleted when read.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlparse

from newsgraph.errors import NewsgraphError

REMOTE_SCHEMES = ("s3a", "s3", "s3n")
S3A_SETTINGS = {  # Hadoop's S3A settings that the executors' download needs, by boto3 argument
    "aws_access_key_id": "spark.hadoop.fs.s3a.access.key",
    "aws_secret_access_key": "spark.hadoop.fs.s3a.secret.key",
    "aws_session_token": "spark.hadoop.fs.s3a.session.token",
    "endpoint_url": "spark.hadoop.fs.s3a.endpoint",
}
COPY_BLOCK = 8 * 1024 * 1024


@dataclass(frozen=True)
class S3Settings:
    """Credentials and endpoint taken from the Spark configuration (None: boto3's own lookup)."""

    aws_access_key_id: str | None = None
    aws_secret_access_key: str | None = None
    aws_session_token: str | None = None
    endpoint_url: str | None = None

    @classmethod
    def from_conf(cls, conf) -> "S3Settings":
        values = {arg: conf.get(key, None) for arg, key in S3A_SETTINGS.items()}
        endpoint = values["endpoint_url"]
        if endpoint and "://" not in endpoint:
            values["endpoint_url"] = f"https://{endpoint}"
        return cls(**values)


def is_remote(uri: str) -> bool:
    return "://" in uri and urlparse(uri).scheme not in ("", "file")


def list_inputs(spark, patterns: list[str]) -> list[str]:
    """Every file the patterns name, sorted; raises NewsgraphError for a pattern that names none."""
    found: list[str] = []
    for pattern in patterns:
        if is_remote(pattern):
            matches = _hadoop_glob(spark, pattern)
        else:
            local = pattern.removeprefix("file://")
            matches = sorted(os.path.abspath(p) for p in glob.glob(local, recursive=True) if os.path.isfile(p))
        if not matches:
            raise NewsgraphError(pattern, "no file matches")
        found += matches
    return sorted(set(found))


def _hadoop_glob(spark, pattern: str) -> list[str]:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(pattern)
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    statuses = filesystem.globStatus(path) or []
    return sorted(str(status.getPath().toString()) for status in statuses if status.isFile())


@contextmanager
def local_file(uri: str, s3: S3Settings) -> Iterator[str]:
    """A local path to read the file at `uri`: the path itself, or a temporary copy of a remote object."""
    if not is_remote(uri):
        yield uri.removeprefix("file://")
        return
    parsed = urlparse(uri)
    if parsed.scheme not in REMOTE_SCHEMES:
        raise NewsgraphError(uri, f"cannot read {parsed.scheme}:// inputs on executors (local paths and s3a:// only)")
    try:
        import boto3
    except ImportError:
        raise NewsgraphError(uri, "reading s3a:// inputs needs boto3 on the executors") from None
    client = boto3.client("s3", **{k: v for k, v in s3.__dict__.items() if v})
    with tempfile.NamedTemporaryFile(prefix="newsgraph-", suffix=".warc") as copy:
        body = client.get_object(Bucket=parsed.netloc, Key=parsed.path.lstrip("/"))["Body"]
        shutil.copyfileobj(body, copy, COPY_BLOCK)
        copy.flush()
        yield copy.name
