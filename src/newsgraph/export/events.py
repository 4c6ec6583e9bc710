"""Events as the tables analysts' scripts already read: GDELT 2.0 events, ACLED, PLOVER JSON.

The writers take the rows of ``Store.iter_events()`` (one dict per distinct event with its
actors, place and reports) and write one line per event, so scripts written for GDELT's event
table or ACLED's export run on a newsgraph database.  What each column holds, and which stay
empty and why, is in docs/events.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import TextIO

GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes")

# PLOVER types in the quad classes of GDELT (1 verbal and 2 material cooperation, 3 verbal and 4 material conflict).
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# Our sectors as CAMEO actor type codes.
CAMEO_TYPE = {"government": "GOV", "military": "MIL", "police": "COP", "rebel": "REB", "civilian": "CVL",
              "media": "MED", "legislature": "LEG", "judiciary": "JUD", "business": "BUS", "opposition": "OPP",
              "intelligence": "SPY", "igo": "IGO", "ngo": "NGO", "humanitarian": "NGO", "paramilitary": "UAF"}
# GDELT geographic types: 1 country, 5 world first-level division, 4 world city (our points and admin2).
GDELT_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 4, "point": 4}
# ACLED geo_precision: 1 the exact town, 2 a nearby or part-of-region place, 3 a province or larger.
ACLED_PRECISION = {"point": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}


def write_gdelt_events(rows: Iterable[dict], out: TextIO) -> int:
    """GDELT 2.0 event-table TSV (header line, then one line per event); returns the events written."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(GDELT_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_gdelt(row).get(column, "") for column in GDELT_COLUMNS])
        count += 1
    return count


def _gdelt(row: dict) -> dict:
    day = _event_day(row)
    reports = row["reports"]
    values = {
        "GLOBALEVENTID": row["id"],
        "IsRootEvent": "",
        "EventCode": row.get("cameo_root") or "",
        "EventBaseCode": row.get("cameo_root") or "",
        "EventRootCode": row.get("cameo_root") or "",
        "QuadClass": QUAD_CLASS.get(row["type"], ""),
        "NumMentions": len(reports),
        "NumSources": len({r.get("site_name") or r.get("url") for r in reports}),
        "NumArticles": len({r["article_id"] for r in reports}),
        "SOURCEURL": next((r["url"] for r in reports if r.get("url")), ""),
    }
    if day:
        year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
        values.update(SQLDATE=day.replace("-", ""), MonthYear=f"{year}{month:02d}", Year=year,
                      FractionDate=f"{year + ((month - 1) * 30 + dom) / 365:.4f}")
    for prefix, actor in (("Actor1", row.get("actor1")), ("Actor2", row.get("actor2"))):
        if actor:
            country = _alpha3(actor.get("country"))
            kind = CAMEO_TYPE.get(actor.get("sector") or "", "")
            values.update({
                f"{prefix}Code": _cameo_actor_code(country, kind),
                f"{prefix}Name": (actor.get("name") or actor.get("text") or "").upper(),
                f"{prefix}CountryCode": country or "",
                f"{prefix}Type1Code": kind,
            })
    place = row.get("place")
    if place:
        values.update({
            "ActionGeo_Type": GDELT_GEO_TYPE.get(place.get("precision") or "", 4),
            "ActionGeo_FullName": place["name"],
            "ActionGeo_CountryCode": place.get("country") or "",
            "ActionGeo_ADM1Code": f"{place['country']}{place['admin1']}" if place.get("country") and place.get("admin1") else "",
            "ActionGeo_Lat": place.get("lat") if place.get("lat") is not None else "",
            "ActionGeo_Long": place.get("lon") if place.get("lon") is not None else "",
            "ActionGeo_FeatureID": place.get("geonameid") or "",
        })
    return values


def write_acled(rows: Iterable[dict], out: TextIO) -> int:
    """ACLED-shaped CSV: the events ACLED codes (violence, demonstrations, strategic developments)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    count = 0
    for row in rows:
        kind = acled_type(row)
        if kind is None:
            continue
        place = row.get("place") or {}
        reports = row["reports"]
        writer.writerow([
            _event_day(row) or "", kind[0], kind[1], _actor_label(row.get("actor1")), _actor_label(row.get("actor2")),
            _country_name(place.get("country")), place.get("admin1") or "", place.get("name") or "",
            place.get("lat") if place.get("lat") is not None else "", place.get("lon") if place.get("lon") is not None else "",
            ACLED_PRECISION.get(place.get("precision") or "", "") if place else "",
            "; ".join(sorted({r.get("site_name") or r.get("url") or "" for r in reports} - {""})),
            reports[0]["text"] if reports else "",
        ])
        count += 1
    return count


def acled_type(row: dict) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of ACLED for a PLOVER event; None for verbal events ACLED does not code."""
    kind, mode = row["type"], row.get("mode") or ""
    target = (row.get("actor2") or {}).get("sector")
    source = (row.get("actor1") or {}).get("sector")
    if kind == "ASSAULT":
        if mode == "suicide-attack":
            return "Explosions/Remote violence", "Suicide bomb"
        if mode == "explosives":
            return "Explosions/Remote violence", "Remote explosive/landmine/IED"
        if mode in ("heavy-weapons", "aerial"):
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if mode == "abduct":
            return "Violence against civilians", "Abduction/forced disappearance"
        if mode == "sexual":
            return "Violence against civilians", "Sexual violence"
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


def write_plover_json(rows: Iterable[dict], out: TextIO) -> int:
    """PLOVER/POLECAT-shaped JSON lines: one event per line with its actors, location and sources."""
    count = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(row: dict) -> dict:
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
        "source": [_plover_actor(row["actor1"])] if row.get("actor1") else [],
        "target": [_plover_actor(row["actor2"])] if row.get("actor2") else [],
        "eventLoc": {
            "placeName": place["name"], "geonameID": place.get("geonameid"), "countryCode": _alpha3(place.get("country")),
            "admin1": place.get("admin1"), "lat": place.get("lat"), "lon": place.get("lon"),
            "precision": place.get("precision"),
        } if place else None,
        "negated": row.get("negated", False),
        "sources": row.get("sources", []),
        "reports": [
            {"url": r.get("url"), "site": r.get("site_name"), "published": r.get("published"), "text": r["text"],
             "status": r["status"], "confidence": r.get("confidence")}
            for r in reports
        ],
    }


def _plover_actor(actor: dict) -> dict:
    return {"actorText": actor.get("text"), "name": actor.get("name"),
            "code": "IGO" if actor.get("sector") == "igo" and not actor.get("country") else _alpha3(actor.get("country")),
            "sector": CAMEO_TYPE.get(actor.get("sector") or "")}


def _cameo_actor_code(country: str | None, kind: str) -> str:
    """CAMEO actor code: country then type ("LBYGOV"); "IGO" for a body of no one country."""
    if not country:
        return kind
    return country + ("" if kind == "IGO" else kind)


def _event_day(row: dict) -> str | None:
    """The event's date as YYYY-MM-DD (coarse dates by their first day), else the first report's publication day."""
    value = row.get("date") or next((r["published"] for r in row["reports"] if r.get("published")), None)
    if not value:
        return None
    parts = value[:10].split("-") + ["01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}"


def _actor_label(actor: dict | None) -> str:
    if not actor:
        return ""
    name = actor.get("name") or actor.get("text") or ""
    country = _country_name(actor.get("country"))
    return f"{name} ({country})" if country and country != name else name


def _alpha3(alpha2: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return country.alpha_3 if country else None


def _country_name(alpha2: str | None) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return getattr(country, "common_name", None) or (country.name if country else "")


WRITERS: dict[str, Callable[[Iterable[dict], TextIO], int]] = {
    "gdelt-events": write_gdelt_events,
    "acled": write_acled,
    "plover-json": write_plover_json,
}
