"""Build a gazetteer index from a GeoNames dump the user downloaded (allCountries.txt or .zip).

The bundled gazetteer stops at cities of 500 people and lacks exact points for
divisions; the full dump has every populated place, division, region and water
body with GeoNames' own coordinates.  The dump is read as a stream (13 million
lines, never held in memory) and written into the same index format, so the
enricher uses it unchanged (see ``newsgraph.gazetteer.load_gazetteer``).

Kept: populated places (P), countries and divisions down to ADM2 (A), regions
and continents (L), seas, oceans, gulfs, bays, straits and large lakes (H), and
islands, peninsulas and mountains (T).  Everything else (farms, wells, single
buildings, ...) would only add false senses for common words.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from newsgraph.gazetteer import GazetteerError
from newsgraph.gazetteer.index import IndexWriter, is_latin

KEEP_CODES = {
    "A": {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "ADM1", "ADM2"},
    "L": {"CONT", "RGN", "RGNE", "AREA"},
    "H": {"OCN", "SEA", "GULF", "BAY", "STRT", "LK", "LKS", "STM", "CHN", "SD"},
    "T": {"ISL", "ISLS", "PEN", "MT", "MTS", "DSRT", "VAL"},
}
BATCH = 20_000


def _lines(path: Path) -> Iterator[str]:
    """Text lines of the dump, from a .txt or from the first .txt inside a .zip."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = next((n for n in archive.namelist() if n.endswith(".txt")), None)
            if member is None:
                raise GazetteerError(str(path), "no .txt file inside the zip")
            with archive.open(member) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            yield from fh


def _keep(fclass: str, fcode: str) -> bool:
    return fclass == "P" or fcode in KEEP_CODES.get(fclass, ())


def import_geonames_dump(path: str | Path, out_path: str | Path) -> dict[str, int]:
    """Stream a GeoNames dump (allCountries.txt format) into a gazetteer index at out_path.

    Returns counts: ``rows`` read, ``places`` and ``names`` written, ``skipped``
    rows (feature types not kept) and ``malformed`` lines.  Raises ValueError
    for a file that is not in the dump format at all.
    """
    path = Path(path)
    counts = {"rows": 0, "places": 0, "names": 0, "skipped": 0, "malformed": 0}
    writer = IndexWriter(out_path)
    places: list[tuple] = []
    names: list[tuple[str, int]] = []
    try:
        for line in _lines(path):
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 15:
                counts["malformed"] += 1
                continue
            counts["rows"] += 1
            try:
                gid, lat, lon = int(fields[0]), float(fields[4]), float(fields[5])
                population = int(fields[14] or 0)
            except ValueError:
                counts["malformed"] += 1
                continue
            fclass, fcode = fields[6], fields[7]
            if not _keep(fclass, fcode):
                counts["skipped"] += 1
                continue
            places.append((gid, fields[1], lat, lon, fclass, fcode, fields[8] or None,
                           fields[10] or None, population))
            names.append((fields[1], gid))
            names.append((fields[2], gid))
            names.extend((alt, gid) for alt in fields[3].split(",") if len(alt) > 1 and is_latin(alt))
            if len(places) >= BATCH:
                writer.add_places(places)
                writer.add_names(names)
                places, names = [], []
        if counts["rows"] == 0:
            raise GazetteerError(str(path), "no GeoNames rows (expected the tab-separated allCountries format)")
        writer.add_places(places)
        writer.add_names(names)
        writer.set_meta(source=f"geonames dump {path.name}")
        writer.close()
    except BaseException:
        writer.abort()
        raise
    counts["places"], counts["names"] = writer.places, writer.names
    return counts
