"""Events as the tables analysts' scripts already read: GDELT 2.0 events, ACLED, PLOVER JSON.

The writers take the rows of ``Store.export_events(filters)`` (one dict per distinct event with its
actors, place and reports) and an open text file, write one line per event and return how many
they wrote.  GDELT's table is ``export/gdelt.py``, ACLED's ``export/acled.py``; what each column
holds, and which stay empty and why, is in docs/exports.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from newsgraph.export import acled, gdelt, reference

GDELT_COLUMNS = gdelt.COLUMNS
ACLED_COLUMNS = acled.COLUMNS
CAMEO_TYPE = gdelt.CAMEO_TYPE
# PLOVER types in the quad classes of GDELT (1 verbal and 2 material cooperation, 3 verbal and 4 material conflict).
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
write_gdelt_events = gdelt.write
write_acled = acled.write
acled_type = acled.acled_type


def write_plover_json(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """PLOVER/POLECAT-shaped JSON lines: one event per line with its actors, location and sources."""
    count = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    place = row.get("place")
    reports = row["reports"]
    return {
        "id": f"newsgraph-{row['id']}",
        "date": row.get("date"),
        "date_precision": row.get("date_precision"),
        "event": row["type"],
        "mode": row.get("mode"),
        "context": None,
        "quad": QUAD_CLASS.get(row["type"]),
        "cameo_root": row.get("cameo_root"),
        "cameo_code": reference.cameo_code(row["type"], row.get("mode"), row.get("cameo_root")),
        "source": [_plover_actor(row["actor1"])] if row.get("actor1") else [],
        "target": [_plover_actor(row["actor2"])] if row.get("actor2") else [],
        "eventLoc": {
            "placeName": place["name"], "geonameID": place.get("geonameid"), "countryCode": reference.country(place.get("country")).get("alpha3"),
            "admin1": place.get("admin1"), "lat": place.get("lat"), "lon": place.get("lon"),
            "precision": place.get("precision"),
        } if place else None,
        "negated": row.get("negated", False),
        "status": row.get("modality", "happened"),
        "sources": row.get("sources", []),
        "reports": [
            {"url": r.get("url"), "site": r.get("site_name"), "published": r.get("published"), "text": r["text"],
             "status": r["status"], "confidence": r.get("confidence")}
            for r in reports
        ],
    }


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    return {"actorText": actor.get("text"), "name": actor.get("name"),
            "code": "IGO" if actor.get("sector") == "igo" and not actor.get("country") else reference.country(actor.get("country")).get("alpha3"),
            "sector": CAMEO_TYPE.get(actor.get("sector") or "")}


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    "gdelt-events": gdelt.write,
    "acled": acled.write,
    "plover-json": write_plover_json,
}
