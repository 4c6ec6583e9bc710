"""Local inputs: page files (plain or gzip), folders, URL lists and stdin, and which reader a path needs.

A path's kind is decided by its name first and by its first bytes second, so that a WARC or a feed
saved under an unhelpful name is still read by the right reader.  SQLite files (a database and the
-wal, -shm and -journal files SQLite keeps beside it) are a kind of their own: never pages.
"""

from __future__ import annotations

import errno
import gzip
import mimetypes
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from io import BufferedReader
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from newsgraph.ingest.feeds import looks_like_feed
from newsgraph.ingest.limits import read_capped, too_large
from newsgraph.ingest.page import Failure, FailureKind, RawPage

Kind = Literal["warc", "feed", "urls", "sqlite", "page"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
WARC_MAGIC = b"WARC/1."
FEED_SUFFIXES = (".xml", ".rss", ".atom")
URL_LIST_SUFFIXES = (".txt", ".urls", ".lst")
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096
MAX_URL_LINE = 8192
URL_LIST_SHARE = 0.8  # a URL list: at least this share of its lines (blank lines and comments aside) are URLs
MAX_STRAY_LINES = 50  # past this many other lines, and more of them than URLs, it is a page: stop reading
URL_LINE = re.compile(rb"https?://[^\s/?#]+\S*", re.IGNORECASE)
SQLITE_MAGIC = b"SQLite format 3\x00"  # the first bytes of every SQLite database file
SQLITE_SIDE_MAGICS = (  # a write-ahead log (two byte orders) and a rollback journal
    b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83", b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
SQLITE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def os_reason(error: OSError) -> str:
    """'no such file or directory', 'permission denied'... for an OSError."""
    return (error.strerror or str(error)).lower()


class DatabaseFiles:
    """A SQLite database and its -wal, -shm and -journal files, recognised under any path.

    A file is one of them when it is the same file (device and inode): the database named
    `./newsgraph.db` is also `/data/newsgraph.db`, a path through a symlink or a hard link, while
    another folder's `newsgraph.db` is not.  Checked afresh each time, because SQLite creates and
    removes the side files as it writes.
    """

    def __init__(self, database: str | os.PathLike):
        base = os.path.abspath(database)
        self.paths = [base + suffix for suffix in ("", *SQLITE_SIDE_SUFFIXES)]

    def __contains__(self, path: str | os.PathLike) -> bool:
        identity = _identity(path)
        return identity is not None and any(_identity(p) == identity for p in self.paths)


def _identity(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat.st_dev, stat.st_ino


NOT_REGULAR = (  # what a path is when it is not a regular file or a folder, for the failure line
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"))
LOOP_REASON = "not read: a symbolic link loop"


def not_a_regular_file(path: str | os.PathLike, mode: int) -> Failure:
    """The failure for a FIFO, socket or device: never opened, since opening one can block for ever."""
    what = next((name for test, name in NOT_REGULAR if test(mode)), "not a regular file")
    return Failure(str(path), f"not read: {what}, not a regular file", FailureKind.NOT_A_PAGE)


def check_path(path: str | os.PathLike) -> os.stat_result | Failure:
    """A path's status (through symlinks), or the one-line Failure of a symlink loop, a missing or
    unreadable path; a regular file or a folder is for the caller to tell apart."""
    try:
        return os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Failure(str(path), LOOP_REASON, FailureKind.UNREADABLE)
        if error.errno == errno.ENOENT and os.path.islink(path):
            return Failure(str(path), "not read: a broken symbolic link", FailureKind.UNREADABLE)
        return Failure(str(path), os_reason(error), FailureKind.UNREADABLE)


def iter_files(folder: Path, skip: DatabaseFiles | None = None) -> Iterator[Path | Failure]:
    """Regular files under a folder, recursively, sorted by name, skipping hidden files and folders
    and the files in `skip` (the database being written).

    Symbolic links are followed, and each folder is read once: a link back to a folder being read or to
    one above the walk (such as "/": a loop) is one Failure, a second way into a folder already read is
    passed over.  FIFOs, sockets and devices are one Failure each and never opened.  The walk keeps its
    own stack, so no depth of folders can exhaust Python's recursion limit.
    """
    top = check_path(folder)
    if isinstance(top, Failure):
        yield top
        return
    seen = {(top.st_dev, top.st_ino)}  # every folder entered
    ancestors = [(top.st_dev, top.st_ino)]  # the folders being read, outermost first
    above = _identities(Path(os.path.realpath(folder)).parents)  # a link up to one of them ("/") loops too
    stack = [_entries(Path(folder))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            ancestors.pop()
            continue
        if isinstance(entry, Failure):
            yield entry
            continue
        status = check_path(entry.path)
        if isinstance(status, Failure):
            yield status
        elif stat.S_ISDIR(status.st_mode):
            key = (status.st_dev, status.st_ino)
            if key in ancestors or key in above:
                yield Failure(entry.path, LOOP_REASON, FailureKind.UNREADABLE)
            elif key not in seen:
                seen.add(key)
                ancestors.append(key)
                stack.append(_entries(Path(entry.path)))
        elif not stat.S_ISREG(status.st_mode):
            yield not_a_regular_file(entry.path, status.st_mode)
        elif not (skip is not None and entry.path in skip):
            yield Path(entry.path)


def _identities(folders: Iterable[Path]) -> set[tuple[int, int]]:
    found = set()
    for folder in folders:
        status = check_path(folder)
        if not isinstance(status, Failure):
            found.add((status.st_dev, status.st_ino))
    return found


def _entries(folder: Path) -> Iterator[os.DirEntry | Failure]:
    """A folder's visible entries sorted by name, or one Failure when it cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted((entry for entry in scan if not entry.name.startswith(".")), key=lambda e: e.name)
    except OSError as error:
        yield Failure(str(folder), os_reason(error), FailureKind.UNREADABLE)
        return
    yield from entries


def is_gzip(path: Path) -> bool:
    """A gzip file by name or by magic bytes."""
    if path.name.lower().endswith(".gz"):
        return True
    try:
        with open(path, "rb") as file:
            return file.read(2) == GZIP_MAGIC
    except OSError:
        return False


def _open(path: Path) -> gzip.GzipFile | BufferedReader:
    return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")


def _head(path: Path) -> bytes:
    """The first bytes of a file's content (decompressed), or b"" when they cannot be read."""
    try:
        with _open(path) as file:
            return file.read(SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return b""


def _content_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, stripped line) of each line that is neither blank nor a comment; None for a line
    too long to be a URL."""
    with open(path, "rb") as file:
        number = 0
        while line := file.readline(MAX_URL_LINE):
            number += 1
            if len(line) == MAX_URL_LINE and not line.endswith(b"\n"):
                while (more := file.readline(MAX_URL_LINE)) and not more.endswith(b"\n"):
                    pass  # the rest of an overlong line
                yield number, None
                continue
            line = line.strip()
            if line and not line.startswith(b"#"):
                yield number, line


def is_url_list(path: Path) -> bool:
    """True when most lines are http(s) URLs (blank lines and # comments aside): at least one, and at
    least URL_LIST_SHARE of them.  A stray line does not make a list of 200 URLs a page; a page that
    quotes an address on a line of its own is not a URL list."""
    urls = others = 0
    try:
        for _, line in _content_lines(path):
            if line is not None and URL_LINE.fullmatch(line):
                urls += 1
            else:
                others += 1
                if others > MAX_STRAY_LINES and others > urls:
                    return False
    except OSError:
        return False
    return urls > 0 and urls >= URL_LIST_SHARE * (urls + others)


def is_sqlite_file(path: Path, head: bytes) -> bool:
    """A SQLite database, or a -wal, -shm or -journal file of one (by its header, or beside its database)."""
    if head.startswith(SQLITE_MAGIC) or head.startswith(SQLITE_SIDE_MAGICS):
        return True
    suffix = next((s for s in SQLITE_SIDE_SUFFIXES if path.name.endswith(s)), None)
    if suffix is None:
        return False
    try:
        with open(path.with_name(path.name.removesuffix(suffix)), "rb") as database:
            return database.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def detect_kind(path: Path) -> Kind:
    """Which reader a local file needs: by name, then by its first bytes."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    head = _head(path)
    if head.startswith(WARC_MAGIC):
        return "warc"
    if is_sqlite_file(path, head):
        return "sqlite"
    bare = name.removesuffix(".gz")
    if bare.endswith(FEED_SUFFIXES) or looks_like_feed(head):
        return "feed"
    if name.endswith(URL_LIST_SUFFIXES) and is_url_list(path):
        return "urls"
    return "page"


def iter_url_list(path: Path) -> Iterator[str | Failure]:
    """The URLs of a URL list, in file order, and a Failure naming each line that is not one."""
    for number, line in _content_lines(path):
        if line is not None and URL_LINE.fullmatch(line):
            yield line.decode("utf-8", "replace")
        else:
            shown = "a line too long to be a URL" if line is None else repr(line.decode("utf-8", "replace")[:100])
            yield Failure(f"{path}:{number}", f"not an http(s) URL: {shown}", FailureKind.MALFORMED_RECORD)


def read_bytes(path: Path, cap: int) -> bytes | Failure:
    """A file's content, decompressed if gzip, or a Failure (missing, too large, truncated gzip...)."""
    origin = str(path)
    try:
        if not is_gzip(path):
            size = path.stat().st_size
            if size > cap:
                return Failure(origin, too_large(cap, size), FailureKind.TOO_LARGE)
        with _open(path) as file:
            data = read_capped(file, cap)
    except EOFError:
        return Failure(origin, "truncated gzip file", FailureKind.CORRUPT)
    except gzip.BadGzipFile as error:
        return Failure(origin, f"corrupt gzip file: {error}", FailureKind.CORRUPT)
    except zlib.error as error:
        return Failure(origin, f"corrupt gzip file: {error}", FailureKind.CORRUPT)
    except OSError as error:
        return Failure(origin, os_reason(error), FailureKind.UNREADABLE)
    if data is None:
        return Failure(origin, too_large(cap), FailureKind.TOO_LARGE)
    return data


def content_type_of(path: Path) -> str | None:
    """The content type suggested by a file name ("text/plain" for .txt), ignoring a .gz suffix."""
    return mimetypes.guess_type(path.name.removesuffix(".gz").removesuffix(".GZ"))[0]


def read_page_file(path: Path, cap: int) -> RawPage | Failure:
    """One page file (HTML, text dump, or anything else: the extractor decides)."""
    content = read_bytes(path, cap)
    if isinstance(content, Failure):
        return content
    return RawPage(origin=str(path), content=content, content_type=content_type_of(path))


def read_stdin(stream: BinaryIO | TextIO, cap: int) -> RawPage | Failure:
    """Standard input as one page (bytes, or str when the stream is a text stream)."""
    content = read_capped(stream, cap)
    if content is None:
        return Failure("-", too_large(cap), FailureKind.TOO_LARGE)
    return RawPage(origin="-", content=content)
