"""Every default a user can change, once, as one typed tree; read from ``newsgraph.toml`` and the
environment.

    [ingest]                      # NEWSGRAPH_INGEST_WORKERS=2 ...
    workers = 2
    max_page_mb = 20
    [store]
    database = "news.db"          # NEWSGRAPH_STORE_DATABASE
    [web]
    port = 8080                   # NEWSGRAPH_WEB_PORT

What wins: an option given on the command line, then the environment (``NEWSGRAPH_<SECTION>_<KEY>``),
then the file (``--config FILE``, else ``$NEWSGRAPH_CONFIG``, else ``./newsgraph.toml`` when there is
one), then the defaults below. A key that is not known, or a value of the wrong type, is a
``SettingsError`` naming the file (or variable) and the key. The code reads the defaults from
``DEFAULTS``; the commands from ``load()``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError

MB = 1024 * 1024
CONFIG_FILE = "newsgraph.toml"
ENV_PREFIX = "NEWSGRAPH_"
ALIASES = {"NEWSGRAPH_DB": ("store", "database")}  # names older than this file, still read


class SettingsError(NewsgraphError):
    """A settings file or variable that cannot be used: the file (or variable) and the reason."""


@dataclass(frozen=True)
class IngestSettings:
    """Reading, fetching, extracting and enriching pages (`ingest`, `load`, `POST /api/ingest`)."""

    workers: int = 1  # extraction and enrichment processes
    batch_size: int = 64  # pages per transaction: a kill loses at most one batch
    max_page_mb: float = 50.0  # pages (and uploads) larger than this are refused
    timeout: float = 20.0  # seconds per URL, all told: DNS, connect, robots.txt, headers and body
    rate_limit: float = 1.0  # requests per second per host; 0 disables the limit
    max_redirects: int = 5
    allow_private: bool = False  # fetch from private, loopback, link-local... addresses

    @property
    def max_page_bytes(self) -> int:
        return int(self.max_page_mb * MB)


@dataclass(frozen=True)
class StoreSettings:
    """The database."""

    database: str = "newsgraph.db"
    query_time_limit: float = 5.0  # seconds a read of the web app may take (0: no limit)


@dataclass(frozen=True)
class WebSettings:
    """`newsgraph serve` and `newsgraph demo`."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1  # processes answering requests (`serve --workers`): one answers on one core at a time


@dataclass(frozen=True)
class WatchSource:
    """One ``[[watch]]`` entry: a source `newsgraph watch` polls (a feed, a sitemap, a URL list, a folder)
    and how often ("15m", "90s", "2h")."""

    source: str
    every: str = "15m"


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    web: WebSettings = field(default_factory=WebSettings)
    watch: tuple[WatchSource, ...] = ()  # [[watch]] entries: read from the file only


DEFAULTS = Settings()


def load(path: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from the file (if any) and the environment over the defaults."""
    environ = os.environ if environ is None else environ
    settings = DEFAULTS
    file = Path(path) if path else Path(environ[ENV_PREFIX + "CONFIG"]) if environ.get(ENV_PREFIX + "CONFIG") else None
    if file is None and Path(CONFIG_FILE).is_file():
        file = Path(CONFIG_FILE)
    if file is not None:
        settings = _apply(settings, _read(file), str(file))
    values: dict[str, dict[str, Any]] = {}
    for section in fields(Settings):
        if section.name == "watch":  # a list of sources: the file only
            continue
        for key in fields(getattr(DEFAULTS, section.name)):
            name = f"{ENV_PREFIX}{section.name}_{key.name}".upper()
            if name in environ:
                values.setdefault(section.name, {})[key.name] = _from_text(environ[name], key.type, name)
    for name, (section_name, key_name) in ALIASES.items():
        if name in environ:
            values.setdefault(section_name, {}).setdefault(key_name, environ[name])
    return _apply(settings, values, "environment")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise SettingsError(str(path), f"cannot read the settings file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(str(path), f"not a TOML file: {exc}") from None


def _apply(settings: Settings, values: Mapping[str, Any], origin: str) -> Settings:
    sections = {f.name for f in fields(Settings)}
    for section, table in values.items():
        if section == "watch":
            settings = replace(settings, watch=_watch_sources(table, origin))
            continue
        if section not in sections or not isinstance(table, Mapping):
            raise SettingsError(origin, f"unknown section [{section}] (known: {', '.join(sorted(sections))})")
        current = getattr(settings, section)
        known = {f.name: f for f in fields(current)}
        changes = {}
        for key, value in table.items():
            if key not in known:
                raise SettingsError(origin, f"unknown key {section}.{key} (known: {', '.join(sorted(known))})")
            changes[key] = _checked(value, known[key].type, f"{section}.{key}", origin)
        settings = replace(settings, **{section: replace(current, **changes)})
    return settings


_DURATION = re.compile(r"^\s*\d+(\.\d+)?\s*(ms|s|m|h|d)?\s*$")


def _watch_sources(entries: Any, origin: str) -> tuple[WatchSource, ...]:
    """``[[watch]]`` tables: each a `source` (a string) and an optional `every` (a duration)."""
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise SettingsError(origin, "watch entries are [[watch]] tables, each with a source (and every)")
    found = []
    for n, entry in enumerate(entries, 1):
        unknown = set(entry) - {"source", "every"}
        if unknown:
            raise SettingsError(origin, f"unknown key watch.{sorted(unknown)[0]} in [[watch]] entry {n} (known: every, source)")
        source, every = entry.get("source"), entry.get("every", "15m")
        if not isinstance(source, str) or not source.strip():
            raise SettingsError(origin, f"[[watch]] entry {n} needs a source (a URL, a file or a folder)")
        if not isinstance(every, str) or not _DURATION.match(every) or float(re.sub(r"[^\d.]", "", every)) <= 0:
            raise SettingsError(origin, f"watch.every of [[watch]] entry {n} must be a duration like 15m, not {every!r}")
        found.append(WatchSource(source.strip(), every.strip()))
    return tuple(found)


# Values below which a setting makes no sense (zero workers, an empty batch, a port 0).
AT_LEAST = {"ingest.workers": 1, "ingest.batch_size": 1, "ingest.max_page_mb": 0.001, "web.port": 1,
            "web.workers": 1}

_TYPES: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "str": str}


def _checked(value: Any, type_name: Any, key: str, origin: str) -> Any:
    wanted = _TYPES[str(type_name)]
    if isinstance(value, bool) and type_name != "bool" or not isinstance(value, wanted):
        raise SettingsError(origin, f"{key} must be {type_name}, not {value!r}")
    if type_name in ("int", "float") and isinstance(value, int | float) and value < AT_LEAST.get(key, 0):
        least = AT_LEAST.get(key, 0)
        raise SettingsError(origin, f"{key} must be at least {least:g}, not {value!r}" if least else
                            f"{key} must not be negative, not {value!r}")
    return float(value) if type_name == "float" and isinstance(value, int | float) else value


def _from_text(text: str, type_name: Any, name: str) -> Any:
    try:
        if type_name == "bool":
            if text.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if text.strip().lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(text)
        if type_name == "int":
            return int(text)
        if type_name == "float":
            return float(text)
    except ValueError:
        raise SettingsError(name, f"must be {type_name}, not {text!r}") from None
    return text
