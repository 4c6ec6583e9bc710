"""Events as a GDELT 2.0 event table: what GDELT's own export files look like, so readers of GDELT's
files (its own scripts, gdelt-py's parser, BigQuery schemas, strict TSV readers) take them unchanged.

One line per distinct event, no header, 61 tab-separated columns, no quoting; a tab, a line break or any
other control character inside a value becomes a space.  What each column holds, and which stay empty
and why, is in docs/exports.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from newsgraph.export import reference
from newsgraph.export.tone import average_tone

COLUMNS = (
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

# Our sectors as CAMEO actor type codes.
CAMEO_TYPE = {"government": "GOV", "military": "MIL", "police": "COP", "rebel": "REB", "civilian": "CVL",
              "media": "MED", "legislature": "LEG", "judiciary": "JUD", "business": "BUS", "opposition": "OPP",
              "intelligence": "SPY", "igo": "IGO", "ngo": "NGO", "humanitarian": "NGO", "paramilitary": "UAF"}
# GDELT's geographic types.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def write(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write each event row (``Store.export_events``) as one GDELT 2.0 line; return the events written."""
    count = 0
    for row in rows:
        values = gdelt_values(row)
        out.write("\t".join(clean(values.get(column)) for column in COLUMNS) + "\n")
        count += 1
    return count


def clean(value: Any) -> str:
    """A value as one field: no tab, line break or control character, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def gdelt_values(row: dict[str, Any]) -> dict[str, Any]:
    """The 61 columns of one event, by name (missing: empty)."""
    reports = row["reports"]
    code = reference.cameo_code(row["type"], row.get("mode"), row.get("cameo_root"))
    values: dict[str, Any] = {
        "GLOBALEVENTID": row["id"],
        "IsRootEvent": int(any(r.get("lead") for r in reports)),
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
        "QuadClass": reference.quad_class(code),
        "GoldsteinScale": reference.goldstein(code),
        "NumMentions": len(reports),
        "NumSources": len({r.get("site_name") or r.get("url") for r in reports}),
        "NumArticles": len({r["article_id"] for r in reports}),
        "AvgTone": average_tone(reports) or 0.0,
        "DATEADDED": date_added(reports),
        "SOURCEURL": next((r["url"] for r in reports if r.get("url")), ""),
    }
    day = event_day(row)
    if day:
        values.update(SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=day.year,
                      FractionDate=f"{day.year + (day.month * 30 + day.day) / 365:.4f}")
    place = row.get("place")
    action = geo(place) if place else {}
    for name, value in action.items():
        values[f"ActionGeo_{name}"] = value
    for n in ("1", "2"):
        actor = row.get(f"actor{n}")
        if not actor:
            continue
        alpha3 = reference.country(actor.get("country")).get("alpha3", "")
        kind = CAMEO_TYPE.get(actor.get("sector") or "", "")
        values.update({
            f"Actor{n}Code": actor_code(alpha3, kind, actor),
            f"Actor{n}Name": (actor.get("name") or actor.get("text") or "").upper(),
            f"Actor{n}CountryCode": alpha3,
            f"Actor{n}Type1Code": kind,
        })
        for name, value in actor_geo(actor, place, action).items():
            values[f"Actor{n}Geo_{name}"] = value
    return values


def actor_code(alpha3: str, kind: str, actor: dict[str, Any]) -> str:
    """CAMEO actor code: country then type ("LBYGOV"); "IGO" for a body of no one country."""
    if kind == "IGO" or actor.get("sector") == "igo" and not alpha3:
        return "IGO" if not alpha3 else alpha3 + "IGO"
    return alpha3 + kind


def event_day(row: dict[str, Any]) -> date | None:
    """The day GDELT's date columns give: the event's day (day or week precision); for a month or a year,
    the first report's publication day when it falls inside that period, else the period's middle day;
    undated, the first report's publication day (a page that gives none: the day it was fetched, else the
    day newsgraph stored it)."""
    published = _day(next((r["published"] for r in row["reports"] if r.get("published")), None))
    value = row.get("date")
    if not value:
        return published or report_day(row)
    if len(value) >= 10:
        return _day(value)
    if published and published.isoformat().startswith(value):
        return published
    if len(value) == 7:
        return _day(value + "-15")
    return _day(value[:4] + "-07-01")


def report_day(row: dict[str, Any]) -> date | None:
    """The day the first report was fetched, else stored: the date of last resort of an undated event."""
    for key in ("fetched_at", "ingested_at"):
        found = _day(next((r[key] for r in row["reports"] if r.get(key)), None))
        if found:
            return found
    return None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_added(reports: list[dict[str, Any]]) -> str:
    """When newsgraph first stored a report of the event, as GDELT's DATEADDED (YYYYMMDDHHMMSS, UTC)."""
    stamps = sorted(r["ingested_at"] for r in reports if r.get("ingested_at"))
    if not stamps:
        return ""
    try:
        when = datetime.fromisoformat(stamps[0].replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        from datetime import UTC

        when = when.astimezone(UTC)
    return when.strftime("%Y%m%d%H%M%S")


def geo(place: dict[str, Any]) -> dict[str, Any]:
    """A place as GDELT's geo columns: Type, FullName, CountryCode (FIPS), ADM1Code, Lat, Long, FeatureID.
    A region (no country) has none."""
    alpha2 = place.get("country")
    fips = reference.fips(alpha2)
    if not alpha2 or not fips:
        return {}
    precision = place.get("precision") or "point"
    country_name = reference.country(alpha2).get("gdelt_name") or place.get("name")
    admin1 = place.get("admin1")
    admin1_name = reference.admin1_name(alpha2, admin1) if admin1 else None
    us = alpha2 == "US"
    lat, lon = place.get("lat"), place.get("lon")
    if precision in ("country", "region") or (place.get("feature") or "").startswith("A.PCL"):
        return {"Type": COUNTRY, "FullName": country_name, "CountryCode": fips, "ADM1Code": fips,
                "Lat": lat, "Long": lon, "FeatureID": fips}
    adm1 = fips + admin1 if admin1 else fips
    if precision == "admin1":
        return {"Type": US_STATE if us else WORLD_STATE, "FullName": ", ".join(x for x in (place["name"], country_name) if x),
                "CountryCode": fips, "ADM1Code": adm1, "Lat": lat, "Long": lon, "FeatureID": adm1}
    parts = [place["name"]] + ([admin1_name] if admin1_name and admin1_name != place["name"] else []) + [country_name]
    return {"Type": US_CITY if us else WORLD_CITY, "FullName": ", ".join(p for p in parts if p), "CountryCode": fips,
            "ADM1Code": adm1, "Lat": lat, "Long": lon, "FeatureID": place.get("geonameid")}


def actor_geo(actor: dict[str, Any], place: dict[str, Any] | None, action: dict[str, Any]) -> dict[str, Any]:
    """Where the actor is from, as far as the text tells: the event's place when the actor belongs to
    the country it happened in (a local actor), else the actor's country; nothing for an actor of no country."""
    alpha2 = actor.get("country")
    if not alpha2:
        return {}
    if place and place.get("country") == alpha2 and action:
        return action
    return geo({"country": alpha2, "name": reference.country(alpha2).get("name"), "precision": "country",
                **_country_point(alpha2)})


def _country_point(alpha2: str) -> dict[str, Any]:
    try:
        from newsgraph.gazetteer import load_gazetteer

        found = load_gazetteer().country(alpha2)
    except Exception:  # no gazetteer: the country without coordinates
        return {}
    return {"lat": found.lat, "lon": found.lon} if found else {}
