"""Where the WARC files are: local paths and globs, or object-store URIs (s3a://bucket/prefix/*.warc.gz).

The driver lists the files (local globs with Python; s3a:// patterns with boto3, with the
credentials and endpoint of the `spark.hadoop.fs.s3a.*` settings, so no Hadoop S3 jar is needed to
read); each task then reads one file.  Our WARC reader seeks to resynchronise after a corrupt
record, so a remote file is first streamed to the executor's local disk in blocks (never whole in
memory) and deleted when read.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
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
    def from_conf(cls, conf) -> S3Settings:
        values = {arg: conf.get(key, None) for arg, key in S3A_SETTINGS.items()}
        endpoint = values["endpoint_url"]
        if endpoint and "://" not in endpoint:
            values["endpoint_url"] = f"https://{endpoint}"
        return cls(**values)


def is_remote(uri: str) -> bool:
    return "://" in uri and urlparse(uri).scheme not in ("", "file")


def list_inputs(spark, patterns: list[str], s3: S3Settings | None = None) -> list[str]:
    """Every file the patterns name, sorted; raises NewsgraphError for a pattern that names none."""
    found: list[str] = []
    for pattern in patterns:
        if is_remote(pattern):
            matches = _s3_glob(pattern, s3 or S3Settings.from_conf(spark.sparkContext.getConf()))
        else:
            local = pattern.removeprefix("file://")
            matches = sorted(os.path.abspath(p) for p in glob.glob(local, recursive=True) if os.path.isfile(p))
        if not matches:
            raise NewsgraphError(pattern, "no file matches")
        found += matches
    return sorted(set(found))


def _s3_glob(pattern: str, s3: S3Settings) -> list[str]:
    """The objects a pattern names: `*`, `?` and `[...]` match within one level of the key, as in a path."""
    scheme, bucket, key_pattern = _split(pattern)
    prefix = re.split(r"[*?\[]", key_pattern, maxsplit=1)[0]
    client = _s3_client(pattern, s3)
    try:
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
    except Exception as exc:  # botocore's errors: no credentials, no bucket, endpoint unreachable
        raise NewsgraphError(pattern, f"cannot list: {type(exc).__name__}: {' '.join(str(exc).split())}") from None
    return [f"{scheme}://{bucket}/{key}" for key in sorted(keys) if _key_matches(key, key_pattern)]


def _split(uri: str) -> tuple[str, str, str]:
    """(scheme, bucket, key) by hand: in a pattern, `?` is a wildcard, not the start of a URL query."""
    scheme, _, rest = uri.partition("://")
    bucket, _, key = rest.partition("/")
    return scheme.lower(), bucket, key


def _key_matches(key: str, pattern: str) -> bool:
    keys, patterns = key.split("/"), pattern.split("/")
    return len(keys) == len(patterns) and all(fnmatch.fnmatchcase(k, p) for k, p in zip(keys, patterns))


def _s3_client(uri: str, s3: S3Settings):
    scheme = _split(uri)[0]
    if scheme not in REMOTE_SCHEMES:
        raise NewsgraphError(uri, f"cannot read {scheme}:// inputs (local paths and s3a:// only)")
    try:
        import boto3
    except ImportError:
        raise NewsgraphError(uri, "reading s3a:// inputs needs boto3: pip install 'newsgraph[spark]'") from None
    return boto3.client("s3", **{k: v for k, v in s3.__dict__.items() if v})


@contextmanager
def local_file(uri: str, s3: S3Settings) -> Iterator[str]:
    """A local path to read the file at `uri`: the path itself, or a temporary copy of a remote object."""
    if not is_remote(uri):
        yield uri.removeprefix("file://")
        return
    _, bucket, key = _split(uri)
    client = _s3_client(uri, s3)
    with tempfile.NamedTemporaryFile(prefix="newsgraph-", suffix=".warc") as copy:
        body = client.get_object(Bucket=bucket, Key=key)["Body"]
        shutil.copyfileobj(body, copy, COPY_BLOCK)
        copy.flush()
        yield copy.name
