"""newsgraph's actor knowledge base: who the well-known actors are and every name they go by.

The statistical model finds names but cannot tell that "IS", "ISIL" and "Daesh" are one armed group,
that "Libyan" points to Libya, or that "the Kremlin" is Russia's government.  Those facts live here as
data we write ourselves (data/actors.json, data/actor_countries.tsv, data/actor_institutions.tsv),
with country names from pycountry.  The loader turns them into one lookup table of names and into the
EntityRuler patterns of nlp.py, and answers the questions other enrichers ask
(``country_of_demonym("Libyan") -> "LY"``, ``country_of_name("Russian Federation") -> "RU"``).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pycountry

ENTITY_LABEL = {"country": "GPE"}  # every other KB type is labelled ORG in doc.ents
INSTITUTION_PREFIX = "@"  # ruler ids of "<country> <institution>" patterns: "@LY:military"


@dataclass(frozen=True)
class KBActor:
    id: str
    name: str
    type: str  # person, organization, country, armed_group, igo, media (docs/record.md)
    sector: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    aliases: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()  # common nouns that may refer back to it: "the agency"


@dataclass
class ActorKB:
    actors: dict[str, KBActor] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # exact name -> actor id
    by_folded: dict[str, str] = field(default_factory=dict)  # casefolded name (3+ letters) -> actor id
    demonyms: dict[str, str] = field(default_factory=dict)  # "Libyan" -> "LY"
    capitals: dict[str, str] = field(default_factory=dict)  # "Tripoli" -> "LY"
    adjectives: dict[str, str] = field(default_factory=dict)  # "LY" -> "Libyan"
    institutions: dict[str, str] = field(default_factory=dict)  # "Air Force" -> "military"
    unless_person: set[str] = field(default_factory=set)

    def add(self, actor: KBActor) -> None:
        self.actors[actor.id] = actor
        for name in (actor.name, *actor.aliases):
            self.by_name.setdefault(name, actor.id)
            if len(name) > 3 and not name.isupper():
                self.by_folded.setdefault(name.casefold(), actor.id)

    def lookup(self, name: str) -> KBActor | None:
        """The known actor this exact name (or, for names that are not acronyms, any casing) is."""
        actor_id = self.by_name.get(name) or self.by_folded.get(name.casefold())
        return self.actors[actor_id] if actor_id else None

    def country(self, code: str) -> KBActor | None:
        return self.actors.get(f"country:{code}")

    def government(self, code: str) -> KBActor | None:
        return self.actors.get(f"gov:{code}")


def _data(name: str):
    return resources.files("newsgraph.enrich").joinpath("data", name)


def _rows(name: str) -> list[dict[str, str]]:
    with _data(name).open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _pycountry_names(code: str) -> list[str]:
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return []
    names = [getattr(record, attr, None) for attr in ("name", "common_name", "official_name")]
    # "Iran, Islamic Republic of" is a sort key, not a name anyone writes
    return [n for n in names if n and "," not in n and "(" not in n]


def _add_countries(kb: ActorKB) -> None:
    for row in _rows("actor_countries.tsv"):
        code, name = row["code"], row["name"]
        demonyms = _split(row["demonyms"])
        aliases = [a for a in dict.fromkeys(_split(row["aliases"]) + _pycountry_names(code)) if a != name]
        kb.add(KBActor(f"country:{code}", name, "country", None, code, tuple(aliases), ("country",)))
        for word in demonyms:
            kb.demonyms.setdefault(word, code)
        for capital in _split(row["capitals"]):
            kb.capitals.setdefault(capital, code)
        adjective = demonyms[0] if demonyms else None
        kb.adjectives[code] = adjective or name
        gov_name = f"{adjective} government" if adjective else f"Government of {name}"
        kb.add(KBActor(f"gov:{code}", gov_name, "organization", "government", code, (), ("government",)))
    for record in pycountry.countries:  # territories our table leaves out still have names
        if f"country:{record.alpha_2}" not in kb.actors:
            names = _pycountry_names(record.alpha_2)
            if names:
                kb.add(KBActor(f"country:{record.alpha_2}", names[0], "country", None, record.alpha_2, tuple(names[1:])))


def _add_actors(kb: ActorKB) -> None:
    with _data("actors.json").open(encoding="utf-8") as f:
        entries = json.load(f)["actors"]
    for e in entries:
        kb.add(KBActor(e["id"], e["name"], e["type"], e.get("sector"), e.get("country"),
                       tuple(e.get("aliases", ())), tuple(e.get("nouns", ()))))
        kb.unless_person.update(e.get("unless_person", ()))


@lru_cache(maxsize=1)
def load_kb() -> ActorKB:
    """The knowledge base, read once per process."""
    kb = ActorKB()
    _add_actors(kb)
    _add_countries(kb)
    kb.institutions = {row["suffix"]: row["sector"] for row in _rows("actor_institutions.tsv")}
    return kb


@lru_cache(maxsize=1)
def given_name_sexes() -> dict[str, str]:
    """Given names (lower case) borne by one sex, "f" or "m" (data/given_names.tsv, where they come from)."""
    return {row["name"]: row["sex"] for row in _rows("given_names.tsv")}


def country_of_demonym(word: str) -> str | None:
    """ISO alpha-2 of the country a demonym or nationality adjective names: "Libyan" -> "LY"."""
    kb = load_kb()
    return kb.demonyms.get(word) or kb.demonyms.get(word.strip().title())


def country_of_name(name: str) -> str | None:
    """ISO alpha-2 of the country a name (short, official, common, or with "the") stands for."""
    name = name.strip()
    if name[:4].lower() == "the ":
        name = name[4:]
    actor = load_kb().lookup(name)
    return actor.country if actor is not None and actor.type == "country" else None


def _variants(name: str) -> list[str]:
    """The name as written and, if it starts lowercase ("al-Qaeda"), capitalised at a sentence start."""
    if name[:1].islower():
        return [name, name[0].upper() + name[1:]]
    return [name]


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns: every known non-country actor name, and "<country> <institution>" names.

    Countries are left to the model (it labels them well; a country pattern inside "Bank of England"
    would break a good entity).  Aliases that are also surnames only match outside a PERSON entity.
    """
    kb = load_kb()
    patterns: list[dict] = []
    for actor in kb.actors.values():
        if actor.type == "country" or actor.id.startswith("gov:"):
            continue
        label = ENTITY_LABEL.get(actor.type, "ORG")
        for name in (actor.name, *actor.aliases):
            if name.startswith("the ") or name in kb.unless_person:
                continue
            patterns.extend({"label": label, "pattern": v, "id": actor.id} for v in _variants(name))
        for name in kb.unless_person & {actor.name, *actor.aliases}:
            token_pattern = [{"ORTH": name, "ENT_TYPE": {"NOT_IN": ["PERSON"]}}]
            patterns.append({"label": label, "pattern": token_pattern, "id": actor.id})
    prefixes: dict[str, set[str]] = {}
    for word, code in kb.demonyms.items():
        prefixes.setdefault(code, set()).add(word)
    for code in ("US", "GB"):
        prefixes[code].update(a for a in kb.actors[f"country:{code}"].aliases if a.isupper() or "." in a)
    for code, words in prefixes.items():
        for word in words:
            if not word[:1].isupper() or word.endswith("s") and word[:-1] in words:
                continue  # plural nouns ("Libyans") do not name institutions
            for suffix, sector in kb.institutions.items():
                name = f"{word} {suffix}"
                if name not in kb.by_name:
                    patterns.append({"label": "ORG", "pattern": name, "id": f"{INSTITUTION_PREFIX}{code}:{sector}"})
    return patterns


def institution_of(ruler_id: str) -> tuple[str, str] | None:
    """(country, sector) of an entity the ruler found as "<country> <institution>", else None."""
    if not ruler_id.startswith(INSTITUTION_PREFIX):
        return None
    code, sector = ruler_id[len(INSTITUTION_PREFIX):].split(":")
    return code, sector


# Nouns that call the name after them a firm ("the retailer Target", "the nickel producer Vale"): used by
# actors (such a name is an organisation) and places (it is no place).
FIRM_NOUNS = frozenset({"company", "firm", "retailer", "brand", "chain", "carrier", "airline", "insurer", "bank",
                         "lender", "manufacturer", "producer", "startup", "start-up", "conglomerate", "supplier",
                         "distributor", "automaker", "carmaker", "giant", "group", "label", "publisher", "studio"})
