"""Events as ACLED's export: its 31 columns in order, so scripts and parsers written for ACLED's
files take them.

ACLED codes political violence, demonstrations and strategic developments, each at a place and a
date: verbal events (CONSULT, ACCUSE, REQUEST, ...) are left out, and so are events without
coordinates and events dated only to a year (ACLED's dates are at most a month coarse).  What each
column holds is in docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from newsgraph.export import reference
from newsgraph.export.fatalities import reported_fatalities
from newsgraph.export.gdelt import clean, event_day

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# ACLED's time_precision: 1 the day, 2 the week (a range of days), 3 the month (or estimated).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
# ACLED's geo_precision: 1 the exact town, 2 a nearby or part-of-region place, 3 a province or larger.
GEO_PRECISION = {"point": 1, "admin2": 2, "admin1": 3, "country": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED's actor type codes (inter1, inter2).
STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
_INTER_OF_SECTOR = {"government": STATE, "military": STATE, "police": STATE, "intelligence": STATE,
                    "legislature": STATE, "judiciary": STATE, "rebel": REBELS, "paramilitary": POLITICAL_MILITIA,
                    "opposition": POLITICAL_MILITIA, "civilian": CIVILIANS, "media": CIVILIANS, "business": CIVILIANS,
                    "ngo": CIVILIANS, "humanitarian": CIVILIANS, "igo": EXTERNAL}
_STATE_LABEL = {"military": "Military Forces of {}", "police": "Police Forces of {}", "government": "Government of {}",
                "intelligence": "Intelligence Services of {}", "legislature": "Government of {}",
                "judiciary": "Government of {}"}


class Skipped(dict[str, int]):
    """Events left out of the file, by reason."""


def write(rows: Iterable[dict[str, Any]], out: TextIO, skipped: Skipped | None = None) -> int:
    """Write the events ACLED codes as ACLED's CSV (header line, then one row each); return the rows written.
    `skipped` counts the events left out, by reason."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        values, why = acled_values(row)
        if values is None:
            if skipped is not None:
                skipped[why] = skipped.get(why, 0) + 1
            continue
        writer.writerow([clean(values.get(column)) for column in COLUMNS])
        count += 1
    return count


def acled_values(row: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The 31 columns of one event, or None and why ACLED would not have it."""
    kind = acled_type(row)
    if kind is None:
        return None, "verbal event (not coded by ACLED)"
    place = row.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None or not place.get("country"):
        return None, "no place with coordinates"
    if row.get("date") and len(row["date"]) < 7:
        return None, "dated to a year only"
    day = event_day(row)
    if day is None:
        return None, "no date"
    alpha2 = place["country"]
    country = reference.country(alpha2)
    event_type, sub_event_type = kind
    reports = row["reports"]
    actor1, assoc1, inter1 = _actor1(row, event_type, sub_event_type, alpha2, country.get("name", ""))
    actor2, inter2 = _actor(row.get("actor2"), alpha2)
    interaction = (min(inter1, inter2) * 10 + max(inter1, inter2) if inter1 and inter2
                   else (inter1 or inter2 or 0) * 10)
    admin1 = place["name"] if place.get("precision") == "admin1" else (
        reference.admin1_name(alpha2, place["admin1"]) if place.get("admin1") else None)
    precision = TIME_PRECISION.get(row.get("date_precision") or "", 3) if row.get("date") else 3
    tags = [] if row.get("modality", "happened") == "happened" else [f"newsgraph status={row['modality']}"]
    if not row.get("date"):
        published = any(r.get("published") for r in reports)
        tags.append("date of the first report" if published else "date newsgraph read the report")
    return {
        "event_id_cnty": f"{country.get('alpha3', alpha2)}{row['id']}",
        "event_date": day.isoformat(), "year": day.year, "time_precision": precision,
        "disorder_type": DISORDER[event_type] if sub_event_type != "Mob violence" else "Political violence",
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1 or "",
        "actor2": actor2, "assoc_actor_2": "", "inter2": inter2 or "", "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == CIVILIANS and DISORDER[event_type] == "Political violence" else "",
        "iso": country.get("numeric", ""), "region": reference.acled_regions().get(alpha2, ""),
        "country": country.get("name", ""), "admin1": admin1 or "", "admin2": "", "admin3": "",
        "location": place.get("name") or "", "latitude": f"{place['lat']:.4f}", "longitude": f"{place['lon']:.4f}",
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "", 3),
        "source": "; ".join(sorted({r.get("site_name") or r.get("url") or "" for r in reports} - {""})),
        "source_scale": "",
        "notes": reports[0]["text"] if reports else "",
        "fatalities": reported_fatalities([r["text"] for r in reports]),
        "tags": "; ".join(tags),
        "timestamp": _timestamp(reports),
    }, ""


# PLOVER ASSAULT modes that name ACLED's (event_type, sub_event_type) by themselves.
_ASSAULT_MODES = {
    "suicide-attack": ("Explosions/Remote violence", "Suicide bomb"),
    "explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "sexual": ("Violence against civilians", "Sexual violence"),
}


def acled_type(row: dict[str, Any]) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of ACLED for a PLOVER event; None for verbal events ACLED does not code."""
    kind, mode = row["type"], row.get("mode") or ""
    target = (row.get("actor2") or {}).get("sector")
    source = (row.get("actor1") or {}).get("sector")
    if kind == "ASSAULT":
        if mode in _ASSAULT_MODES:
            return _ASSAULT_MODES[mode]
        if target == "civilian" or mode in ("massacre", "torture", "beat"):
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if kind == "COERCE":
        if mode == "seize":
            if source in ("government", "military", "police"):
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
        if mode == "arrest":
            return "Strategic developments", "Arrests"
        if mode in ("destroy", "confiscate"):
            return "Strategic developments", "Looting/property destruction"
        return "Strategic developments", "Other"
    if kind == "PROTEST":
        return ("Riots", "Violent demonstration") if mode == "riot" else ("Protests", "Peaceful protest")
    if kind == "MOBILIZE":
        return "Strategic developments", "Change to group/activity"
    if kind == "RETREAT":
        if mode in ("withdraw", "disarm"):
            return "Strategic developments", "Non-violent transfer of territory"
        return "Strategic developments", "Agreement"
    if kind == "AGREE":
        return "Strategic developments", "Agreement"
    return None


def _actor1(row: dict[str, Any], event_type: str, sub_event_type: str, alpha2: str, country: str) -> tuple[str, str, int]:
    """ACLED's actor1: protesters and rioters as such (the group named in assoc_actor_1), an unnamed
    attacker as an unidentified armed group of the country."""
    actor = row.get("actor1")
    named, inter = _actor(actor, alpha2)
    if event_type in ("Protests", "Riots"):
        crowd = "Rioters" if event_type == "Riots" else "Protesters"
        where = reference.country((actor or {}).get("country") or alpha2).get("name") or country
        group = (actor or {}).get("name") or ""  # only a named group: the crowd itself is actor1
        return f"{crowd} ({where})", group, RIOTERS if crowd == "Rioters" else PROTESTERS
    unnamed_armed = not (actor or {}).get("name") and inter in (0, REBELS, POLITICAL_MILITIA)
    if unnamed_armed and DISORDER[event_type] == "Political violence":
        return f"Unidentified Armed Group ({country})", "", POLITICAL_MILITIA
    return named, "", inter


def _actor(actor: dict[str, Any] | None, alpha2: str) -> tuple[str, int]:
    """An actor as ACLED names one, and its inter code (0: unknown): the canonical name; a state body
    named only by its words as ACLED's "Military Forces of X"; state forces outside their country external."""
    if not actor:
        return "", 0
    sector = actor.get("sector") or ""
    own = actor.get("country")
    inter = _INTER_OF_SECTOR.get(sector, STATE if actor.get("type") == "country" else 0)
    if inter == STATE and own and own != alpha2:
        inter = EXTERNAL
    name = actor.get("name")
    if not name:
        country = reference.country(own).get("name") if own else None
        if sector in _STATE_LABEL and country:
            name = _STATE_LABEL[sector].format(country)
        elif sector == "civilian" and country:
            name = f"Civilians ({country})"
        else:
            name = actor.get("text") or ""
    return name, inter


def _timestamp(reports: list[dict[str, Any]]) -> int | str:
    """When newsgraph first stored a report of the event, as Unix time (ACLED's timestamp)."""
    stamps = sorted(r["ingested_at"] for r in reports if r.get("ingested_at"))
    try:
        return int(datetime.fromisoformat(stamps[0].replace("Z", "+00:00")).timestamp()) if stamps else ""
    except ValueError:
        return ""
