"""Places: find the toponyms of an article and resolve each to a GeoNames entry.

Recognition takes four kinds of span, because news names places in all of them:

- spaCy's GPE, LOC and FAC entities ("Tripoli", "the Middle East"), split at
  commas ("Paris, Texas" is two places, the second qualifying the first);
- demonyms and country adjectives (NORP entities and our lexicon in
  data/places_demonyms.tsv): "Libyan" in "Libyan Air Force" and "Mexicans" are
  mentions of the country and country context for everything else;
- places inside organisation names: "Pakistan" in "Pakistan Army", "Washington"
  in "The Washington Post".  The organisation is not a place, but the place
  it is named after is mentioned (GeoWebNews annotates such embedded toponyms);
- a gazetteer matcher for well-known names spaCy missed, above all modifiers
  such as "US" in "US officials": proper nouns only, well-known places only
  (countries, continents, first-level divisions, cities of 100,000+), never
  month or common-word names.

Resolution scores every candidate of a name by population and feature rank
(country > division > capital > city), the document's country context
(countries named, demonyms, actors' countries), its divisions, a qualifier
("Paris, Texas"), and closeness to the document's other places; one sense per
discourse (every mention of a name gets the same place).  Scores are computed
twice: the second round adds the divisions and spread of the first round's
choices.  Before scoring, what context must not overturn is settled: a namesake a
hundred times smaller than a big city never wins without a qualifier ("Delhi" is
not Delhi, California), a capital named like a division of its country is the
capital unless the text says the division ("Washington" alone is the city), a
country named like a division of the story's main country is the division when
the story says nothing else of it ("Georgia" in American politics), and a
dateline city with a qualifier keeps it ("ATHENS, Ga." is not Greece's capital).

A place named both on its own and as a noun's modifier ("in the U.S." and "U.S.
officials") becomes two entries, like a place inside a name, so the confidence
component judges them apart.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsgraph.enrich.actor_kb import FIRM_NOUNS
from newsgraph.enrich.languages import profile
from newsgraph.enrich.layout import datelines, furniture, inside, other_stories
from newsgraph.gazetteer import Candidate, Gazetteer, load_gazetteer, name_key
from newsgraph.record import Article, Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities whose names may hold a place's name without being that place: an organisation, a war, a
# building, a law ("the Vietnam War", "the Texas Capitol", "the California Consumer Privacy Act").
NAME_LABELS = {"ORG", "EVENT", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}
SCAN_LABELS = {"ORG", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "FAC"}
MATCH_MIN_POPULATION = 100_000
MAX_NGRAM = 4
# Capitalised words that are place names but far more often something else.
NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "god", "mobile", "reading", "nice", "bath", "split", "of", "the",
    "north", "south", "east", "west", "central", "centre", "center", "eastern", "western",
    "northern", "southern", "capital", "city", "union", "university", "college", "victoria",
    "president", "government", "police", "court", "republic", "state", "federal", "national",
    "mission", "independence", "liberty", "unity", "progress", "enterprise", "commerce",
    "industry", "justice", "providence", "concord", "harmony", "hope", "friendship",
    "orange", "jackson", "lincoln", "washington post",
}
# Names of buildings that stand for their city, where the gazetteer knows the name as another place's
# ("White House" is an alternate name of Casablanca): name key -> (the city's key, country, feature code).
BUILDINGS = {"white house": ("washington", "US", "PPLC")}
COUNTRY_WEIGHT = 1.0  # bonus for the document's main country; one unit is a tenfold population
ADMIN_WEIGHT = 2.5
ALTERNATE_PENALTY = 0.25  # small: English exonyms ("Geneva" for Genève) are alternate names
QUALIFIER_WEIGHT = 6.0
FEATURE_BONUS = {"PCLI": 4.0, "CONT": 4.0, "RGN": 3.0, "OCN": 3.0, "SEA": 3.0, "GULF": 3.0,
                 "ADM1": 2.0, "PPLC": 1.5}


@dataclass
class Mention:
    start: int
    end: int
    key: str
    demonym: str | None = None  # country code or "continent:Name" for demonyms


@dataclass
class Group:
    """Every mention of one name: one sense per discourse."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    qualifiers: set[str] = field(default_factory=set)  # keys of names qualifying it ("Texas")
    choice: Candidate | None = None


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym key -> ISO country code or 'continent:Name', plurals included."""
    text = resources.files("newsgraph.enrich").joinpath("data", "places_demonyms.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, target = line.split("\t")
        table[name_key(word)] = target
        if not word.endswith(("sh", "ch", "ese", "s", "i")) and word != "English":
            table.setdefault(name_key(word + "s"), target)
        elif word.endswith("i"):
            table.setdefault(name_key(word + "s"), target)
    return table


@lru_cache(maxsize=1)
def _well_known(gaz_path: str) -> frozenset[str]:
    """Name keys the matcher may find outside spaCy's entities."""
    gaz = load_gazetteer()
    keys = gaz.names(min_population=MATCH_MIN_POPULATION, feature_classes="APL")
    return frozenset(k for k in keys if k not in NOT_PLACES and (len(k) >= 4 or k in _SHORT_NAMES))


@dataclass(frozen=True)
class _Lang:
    """What recognition and lookup need of the article's language: English's constants here, another
    language's from its profile (enrich/languages.py)."""

    place_labels: frozenset[str]
    name_labels: frozenset[str]
    scan_labels: frozenset[str]
    person_labels: frozenset[str]
    articles: frozenset[str]  # trimmed from the start of a name
    not_places: frozenset[str]
    demonyms: dict[str, str]
    exonyms: dict[str, str]  # name key -> ISO country code or the gazetteer's name
    english: bool
    street_words: frozenset[str] = frozenset()
    confidence: float | None = None  # of a place found so (None: the confidence component decides)
    embedded_confidence: float | None = None  # of a nationality word or a place inside another name


@lru_cache(maxsize=8)
def _lang(code: str) -> _Lang:
    prof = profile(code)
    if prof is None or prof.tuned:
        return _Lang(frozenset(PLACE_LABELS), frozenset(NAME_LABELS), frozenset(SCAN_LABELS),
                     frozenset({"PERSON", "DATE", "TIME"}), frozenset({"the", "a"}), frozenset(NOT_PLACES),
                     demonyms(), {}, True)
    return _Lang(prof.place_labels, prof.name_labels, prof.scan_labels, prof.labels("person"),
                 prof.determiners, frozenset(NOT_PLACES | {name_key(w) for w in prof.not_places}),
                 {name_key(k): v for k, v in prof.table(prof.demonyms).items()},
                 {name_key(k): v for k, v in prof.table(prof.place_names).items()}, False,
                 prof.street_words, prof.confidence.get("place_entity"), prof.confidence.get("place_embedded"))


def _exonym_lookup(gaz: Gazetteer, lang: _Lang, text: str) -> list[Candidate]:
    """Candidates of a name, through the language's own names of places first."""
    target = lang.exonyms.get(name_key(text))
    if target is None:
        return gaz.lookup(text)
    if len(target) == 2 and target.isupper():
        country = gaz.country(target)
        return [country] if country else []
    return gaz.lookup(target)


_SHORT_NAMES = {"us", "uk", "usa", "uae", "eu", "dprk", "drc", "prc", "ksa", "roc"}
# US states as news agencies abbreviate them ("SEVERN, Md. (AP)", "Louisville, Ky."): AP style.
STATE_KEY = "#us-state"  # group key suffix of an abbreviated state, kept apart from the same name in full
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}


def _trim(doc, start: int, end: int, articles: frozenset[str] = frozenset({"the", "a"})) -> tuple[int, int]:
    """Token range without a leading article or trailing possessive/punctuation."""
    while start < end and (doc[start].lower_ in articles or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _lookup_target(gaz: Gazetteer, key: str) -> list[Candidate] | None:
    """Candidates for a key, or None when it is a demonym (resolved separately)."""
    return gaz.lookup(key)


def _recognise(doc, gaz: Gazetteer, lang: _Lang) -> list[Mention]:
    """Spans of the doc that name places or peoples of places."""
    dem = lang.demonyms
    known = _well_known(str(gaz.path)) | frozenset(lang.exonyms)
    mentions: list[Mention] = []
    taken = [False] * len(doc)
    # Words of a person's full name as the parser reads it ("Rand Paul") are no place, unless a country
    # or a big division ("Wisconsin Gov. Scott Walker" may be one "person"); a one-word "person" is as
    # often a town the parser did not know.
    in_full_name = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "PER") and len(ent) >= 2:
            for i in range(ent.start, ent.end):
                in_full_name[i] = True

    def add(start: int, end: int, demonym: str | None = None, key: str | None = None) -> None:
        span = doc[start:end]
        mentions.append(Mention(span.start_char, span.end_char, key or name_key(span.text), demonym))
        for i in range(start, end):
            taken[i] = True

    # The matcher below tries a token range at each of its capitalised words, so the same n-grams come
    # up several times: each word's case and each n-gram's key are read once.
    capital = [t.is_title or t.is_upper for t in doc]
    keys: dict[tuple[int, int], str] = {}

    def scan(start: int, end: int, need_known: bool) -> None:
        """Longest known names and demonyms inside a token range."""
        i = start
        while i < end:
            for n in range(min(MAX_NGRAM, end - i), 0, -1):
                if not (capital[i] and capital[i + n - 1]):
                    continue
                key = keys.get((i, n))
                if key is None:
                    key = keys[i, n] = name_key(doc[i : i + n].text)
                if key in dem:
                    add(i, i + n, dem[key])
                    i += n
                    break
                if key in known and (not need_known or (doc[i].pos_ == "PROPN" and not (
                        any(in_full_name[i:i + n]) and not _major(gaz, key)))):
                    add(i, i + n)
                    i += n
                    break
            else:
                i += 1

    for ent in doc.ents:
        start, end = _trim(doc, ent.start, ent.end, lang.articles)
        if not lang.english:  # "Le Caire", "La Rochelle": the article is part of the name
            whole = _trim(doc, ent.start, ent.end, frozenset())
            if whole[0] < start and _exonym_lookup(gaz, lang, doc[whole[0]:whole[1]].text):
                start, end = whole
        if start >= end:
            continue
        state = lang.english and (STATE_ABBREVIATIONS.get(doc[start:end].text)
                                  or STATE_ABBREVIATIONS.get(doc[start:end].text + "."))
        if state:  # "N.Y." is New York State, not Ney in Iran
            add(start, end, key=name_key(state) + STATE_KEY)
            continue
        key = name_key(doc[start:end].text)
        if ent.label_ in lang.place_labels or (ent.label_ == "NORP" and key in dem):
            if key in dem:
                add(start, end, dem[key])
                continue
            parts = _split_commas(doc, start, end)
            resolvable = [(s, e) for s, e in parts
                          if name_key(doc[s:e].text) not in lang.not_places
                          and _exonym_lookup(gaz, lang, doc[s:e].text)]
            if resolvable:
                for s, e in resolvable:
                    add(s, e)
                continue
        if lang.english and ent.label_ in lang.place_labels and _feature_of(doc, start, end):
            for i in range(start, end):  # "the Gulf of Sirte", "the Horn of Africa": not Sirte, not Africa
                taken[i] = True
            continue
        if ent.label_ in lang.scan_labels or ent.label_ in lang.place_labels:
            scan(start, end, need_known=False)
    # AP state abbreviations after a place and a comma ("Louisville, Ky.", "SEVERN, Md.") or a party
    # ("Sen. Rand Paul, R-Ky.", "(D-Calif.)", "(I-Vt.)" where the parser splits off the period).
    for token in doc if lang.english else ():
        end = token.i + 1
        state = STATE_ABBREVIATIONS.get(token.text)
        if state is None and end < len(doc) and doc[end].text == ".":
            state, end = STATE_ABBREVIATIONS.get(token.text + "."), end + 1
        if not state or token.i < 2 or any(taken[token.i:end]):
            continue
        before = doc[token.i - 1].text
        if before == "," or (before == "-" and doc[token.i - 2].text in ("R", "D", "I")):
            add(token.i, end, key=name_key(state) + STATE_KEY)
    # The matcher: well-known names and demonyms outside entities.
    i = 0
    while i < len(doc):
        if taken[i] or not capital[i] or doc[i].ent_type_ in lang.person_labels:
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < MAX_NGRAM and not taken[j]:
            j += 1
        scan(i, j, need_known=True)
        i += 1
    mentions.sort(key=lambda m: m.start)
    deduped: list[Mention] = []
    for m in mentions:
        if deduped and m.start < deduped[-1].end:
            continue
        deduped.append(m)
    return deduped


# Words heading the name of a feature called after a place ("the Gulf of Sirte", "the Horn of Africa").
FEATURE_HEADS = {"gulf", "bay", "sea", "strait", "straits", "lake", "cape", "isle", "isles", "island", "islands",
                 "mount", "mountains", "river", "bight", "sound", "channel", "canal", "horn", "peninsula",
                 "desert", "coast", "valley", "basin", "plain", "plains", "plateau"}


def _feature_of(doc, start: int, end: int) -> bool:
    """A place entity the gazetteer does not know whose name is a feature "of" a place: the place
    inside it is not what the text names."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "of" and doc[i - 1].is_title and doc[i - 1].lower_ in FEATURE_HEADS:
            return True
    return False


def _major(gaz: Gazetteer, key: str) -> bool:
    """A country's or a division of a million people's name."""
    return any(c.is_country or (c.is_admin1 and c.population >= 1_000_000) for c in gaz.lookup(key))


def _split_commas(doc, start: int, end: int) -> list[tuple[int, int]]:
    parts, s = [], start
    for i in range(start, end):
        if doc[i].text == ",":
            if s < i:
                parts.append((s, i))
            s = i + 1
    if s < end:
        parts.append((s, end))
    return parts


def _distance_km(a: Candidate, b: Candidate) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _candidates(gaz: Gazetteer, group: Group, lang: _Lang | None = None) -> list[Candidate]:
    """Candidates of a name; a division drops out for the big city named like it inside it
    ("Tripoli", "New York"), but not for a lesser one ("Oklahoma" is the state)."""
    if group.key in (lang.not_places if lang else NOT_PLACES):
        return []
    if group.key in BUILDINGS:
        city, country, code = BUILDINGS[group.key]
        return [c for c in gaz.lookup(city) if c.country == country and c.feature_code == code][:1]
    if lang is not None and group.key in lang.exonyms:
        return [c for c in _exonym_lookup(gaz, lang, group.key) if c.lat is not None][:1]
    found = [c for c in gaz.lookup(group.key) if c.lat is not None]
    divisions = {(c.country, c.admin1): c.population for c in found if c.is_admin1}
    shadowed = {(c.country, c.admin1) for c in found
                if c.feature_class == "P" and (c.country, c.admin1) in divisions
                and (name_key(c.name) == group.key or c.population >= 0.25 * divisions[c.country, c.admin1])}
    found = [c for c in found if not (c.is_admin1 and (c.country, c.admin1) in shadowed)]
    # A national capital called exactly so wins over divisions matched through another name only
    # ("Moscow" is the city, not Moskva or Moskovskaya oblast').
    if any(c.feature_code == "PPLC" and name_key(c.name) == group.key for c in found):
        found = [c for c in found if not (c.is_admin1 and name_key(c.name) != group.key)]
    # A country called exactly so wins over lesser namesakes ("Mexico" is not Mexico City);
    # a division or big city of the same name ("Georgia") leaves it to the scores.
    exact = [c for c in found if name_key(c.name) == group.key]
    countries = [c for c in exact if c.is_country]
    if countries and not any(c.is_admin1 or c.population >= 1_000_000 for c in exact if not c.is_country):
        return countries[:1]
    return found


def _score(c: Candidate, group: Group, countries: Counter, admins: Counter, qualifiers: dict,
           placed: list[Candidate]) -> float:
    score = math.log10(c.population + 10) + FEATURE_BONUS.get(c.feature_code, 0.0)
    if name_key(c.name) != group.key:
        score -= ALTERNATE_PENALTY  # matched through an alternate name only
    if c.country and countries:
        share = countries[c.country] / max(countries.values())
        score += COUNTRY_WEIGHT * share
    if c.country and c.admin1 and admins[(c.country, c.admin1)]:
        score += ADMIN_WEIGHT
    for q in group.qualifiers:
        for qc in qualifiers.get(q, ()):
            if qc.country == c.country and (qc.is_country or (qc.is_admin1 and qc.admin1 == c.admin1)):
                score += QUALIFIER_WEIGHT
                break
    if placed and not c.is_country:
        nearest = min(_distance_km(c, p) for p in placed)
        score += 1.5 if nearest < 300 else 0.75 if nearest < 1500 else 0.0
    return score


def _resolve(groups: dict[str, Group], gaz: Gazetteer, context_countries: Counter) -> None:
    """Choose one candidate per group, two rounds of context."""
    qualifiers = {key: g.candidates for key, g in groups.items()}
    countries: Counter[str | None] = Counter(context_countries)  # weights; a country of a resolved place counts half
    for g in groups.values():
        if len(g.candidates) == 1 and g.candidates[0].is_country:
            countries[g.candidates[0].country] += len(g.mentions)
        elif g.candidates and g.candidates[0].is_country and g.key not in ("georgia", "jordan"):
            countries[g.candidates[0].country] += len(g.mentions)
    admins: Counter = Counter()
    placed: list[Candidate] = []
    for round_ in range(2):
        for g in groups.values():
            if not g.candidates:
                continue
            own_admins = admins.copy()
            if g.choice is not None and g.choice.admin1:
                own_admins[(g.choice.country, g.choice.admin1)] -= len(g.mentions)
            others = [p for p in placed if g.choice is None or p is not g.choice]
            g.choice = max(g.candidates, key=lambda c: _score(c, g, countries, own_admins, qualifiers, others))
        admins = Counter()
        placed = []
        for g in groups.values():
            c = g.choice
            if c is None:
                continue
            placed.append(c)
            if c.admin1 and (c.is_admin1 or c.feature_class == "P"):
                admins[(c.country, c.admin1)] += len(g.mentions)
            if round_ == 0 and not c.is_country and c.country:
                countries[c.country] += 0.5 * len(g.mentions)  # type: ignore[assignment]  # Counter holds float weights here


def _context_countries(article: Article) -> Counter:
    """Countries the actors enricher found, when it ran first."""
    found: Counter = Counter()
    for entity in article.entities:
        if entity.country:
            found[entity.country.upper()] += len(entity.mentions) or 1
    return found


# Declared for the component pipeline (newsgraph.enrich): what it reads and what it replaces.
REQUIRES = ("entities",)
ASSIGNS = ("places",)


def enrich(article: Article, doc) -> None:
    """Fill article.places: one Place per resolved location with every mention's offsets."""
    gaz = load_gazetteer()
    lang = _lang(doc.lang_)
    text = article.text
    not_story = other_stories(text)  # "Help Shape the Future of Transit in Fort Worth": another story's link
    mentions = [m for m in _recognise(doc, gaz, lang) if not inside(not_story, m.start, m.end)]
    # The agency in brackets after a dateline's place is no place: "BAMAKO (Sahel Express) —",
    # "DAMASCUS (SANA) —"; but "(NEW YORK) —" is the dateline's place.
    agencies = [(text.find("(", s, e), e) for s, e in datelines(text)
                if "(" in text[s:e] and text[s:text.find("(", s, e)].strip()]
    mentions = [m for m in mentions if not any(s < m.start and m.end <= e for s, e in agencies)]
    if not lang.english:
        mentions = [m for m in mentions if not _named_after(text, m, lang)]
    groups: dict[str, Group] = {}
    for m in mentions:
        group = groups.setdefault(m.key, Group(m.key))
        group.mentions.append(m)
        if m.demonym is not None and not group.candidates:
            group.candidates = _demonym_candidates(gaz, m.demonym)
    for group in groups.values():
        if group.key.endswith(STATE_KEY):  # an abbreviated US state: the state itself
            base = group.key[: -len(STATE_KEY)]
            group.candidates = [c for c in gaz.lookup(base) if c.is_admin1 and c.country == "US"][:1]
        if not group.candidates:
            group.candidates = _candidates(gaz, group, lang)
    # "Paris, Texas": a name followed by a comma and another name qualifies it.
    for a, b in zip(mentions, mentions[1:]):
        if text[a.end : b.start].strip() == "," and a.key != b.key:
            groups[a.key].qualifiers.add(b.key)
    countries = _context_countries(article)
    for g in groups.values():
        if g.mentions[0].demonym and g.candidates:
            countries[g.candidates[0].country] += len(g.mentions)
    # A dateline names the city it was filed from: "WASHINGTON —" is the capital, not the state; but
    # "ATHENS, Ga. —" is the city its qualifier says.
    dateline = furniture(text)
    for g in groups.values():
        capitals = [c for c in g.candidates if c.feature_code == "PPLC" and name_key(c.name) == g.key]
        if capitals and not g.qualifiers and any(inside(dateline, m.start, m.end) for m in g.mentions):
            g.candidates = capitals + [c for c in g.candidates if c.is_country]
    named = Counter(countries)  # the countries named outright, by a demonym or by an actor
    for g in groups.values():
        if len(g.candidates) == 1 and g.candidates[0].is_country and not g.mentions[0].demonym:
            named[g.candidates[0].country] += len(g.mentions)
    for g in groups.values():
        if not g.qualifiers:
            g.candidates = _without_small_namesakes(g.candidates)
        g.candidates = _division_of_the_focus(g, named)
        if _capital_over_division(text, g, groups):
            g.candidates = [c for c in g.candidates if not (c.is_admin1 and name_key(c.name) == g.key)]
    _resolve(groups, gaz, countries)
    if lang.english:
        for g in groups.values():
            if g.choice is not None and _organisation_nickname(g, g.choice, doc, article):
                g.choice = None
    # Words inside a person's name are not places ("Nadia" Cruz, "Jordan" Peterson).
    not_place_spans = [(s, e) for ent in article.entities if ent.type == "person" for s, e in ent.mentions]
    # A firm's short name is not its namesake town: "Alden Capital" ... "Alden announced", "firms such
    # as Alden" (Alden, New York); but "offices in Alden" still is.
    other_names = _firm_aliases(article)
    # A middle name standing alone is the person: "Tyler's lawyer" after "Jordan Tyler Harmon".
    other_names |= {name_key(w) for ent in article.entities if ent.type == "person" for w in ent.name.split()[1:-1]
                    if w[:1].isupper() and len(w) > 2}
    # A region ending a firm's name names its branch, not a place: "Medtel North America", "Kestrel USA"
    # (but "Bank of America" stays a place inside a name, judged apart by the confidence).
    not_place_spans += [
        (m.start, m.end) for ent in article.entities if ent.type == "organization" for s, e in ent.mentions
        for g in groups.values() for m in g.mentions
        if s < m.start and m.end == e and text[s:m.start].split()[-1].lower() not in _LOCATIVE | {"for", "and"}
        and text[m.start:m.end].split()[-1].lower() in _BRANCH_REGIONS]
    not_place_spans += [
        (m.start, m.end) for g in groups.values() for m in g.mentions
        if (g.key in other_names and not _locative(text, m.start, m.end)) or _named_as_firm(text, m.start)
        or _named_as_kin(text, m.start, m.end)]
    # Letters after a person's name are a degree or a licence, never a place: "Tom Brandt, R.D., says"
    # ("R.D." is a GeoNames name of the Dominican Republic), "Ana Ruiz, M.D."
    person_ends = {e for ent in article.entities if ent.type == "person" for _, e in ent.mentions}
    not_place_spans += [
        (m.start, m.end) for g in groups.values() for m in g.mentions
        if _post_nominal(text, m.start, m.end, person_ends)]

    by_place: dict[tuple[int, bool], Place] = {}
    for g in groups.values():
        c = g.choice
        if c is None:
            continue
        # Demonyms ("Libyan forces") stay mentions of their country (GeoWebNews counts them), as an
        # entry of their own: a place named only so gets a low confidence (enrich/confidence.py:
        # analysts do not count "Russian officials" as a place), so it is not shown.
        slot = (c.geonameid, g.mentions[0].demonym is not None)
        place = by_place.get(slot)
        if place is None:
            place = by_place[slot] = Place(
                name=gaz.label(c), geonameid=c.geonameid, country=c.country, admin1=c.admin1,
                lat=c.lat, lon=c.lon, feature=f"{c.feature_class}.{c.feature_code}",
            )
        place.mentions.extend([m.start, m.end] for m in g.mentions
                              if not any(s < m.end and m.start < e for s, e in not_place_spans))
    places = _split_embedded([p for p in by_place.values() if p.mentions], article, doc, lang.name_labels)
    if lang.english:
        places = _split_modifiers(places, doc)
    if not lang.english:
        places = _profiled_confidence(places, groups, by_place, article, doc, lang)
    for place in places:
        place.mentions.sort()
    places.sort(key=lambda p: p.mentions[0][0])
    article.places = places


# The last word of a firm's name that leaves its short name before it: "Alden Global Capital" -> "Alden".
_FIRM_WORDS = frozenset({"capital", "global", "group", "holdings", "partners", "management", "investments",
                         "investment", "ventures", "fund", "funds", "advisors", "advisers", "associates",
                         "inc", "corp", "corporation", "co", "llc", "ltd", "plc", "lp", "enterprises"})
_BRANCH_REGIONS = frozenset({"america", "europe", "asia", "africa", "usa", "uk", "pacific"})
_LOCATIVE = frozenset({"in", "at", "from", "near", "to", "outside", "around", "across", "into", "toward",
                       "towards", "between", "of", "via", "through"})


def _organisation_nickname(group: Group, choice: Candidate, doc, article: Article) -> bool:
    """A name the text uses for an organisation, and never as a place, which is a town's by one of its other
    names only: "Google" (a nickname of Topeka) in "Google said", "Google Cloud". Somewhere the recogniser or the
    actors read the name alone as an organisation, and nowhere as a place; and the place is a town, no capital
    (whose names, "Beijing said", often stand for its government), no country, division or continent (the
    "EU" is Europe's)."""
    if name_key(choice.name) == group.key or choice.feature_class != "P" or choice.feature_code == "PPLC":
        return False
    spans = {(m.start, m.end) for m in group.mentions}
    labels = {e.label_ for e in doc.ents if any(e.start_char < m_end and m_start < e.end_char for m_start, m_end in spans)}
    if labels & {"GPE", "LOC", "FAC"}:
        return False
    whole = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"}
    whole |= {(s, e) for ent in article.entities if ent.type in ("organization", "media") for s, e in ent.mentions}
    return bool(spans & whole)


def _firm_aliases(article: Article) -> set[str]:
    """Keys of the short names of firms the article names in full ("Alden" of "Alden Global Capital")."""
    out = set()
    for ent in article.entities:
        if ent.type != "organization":
            continue
        words = ent.name.replace(",", " ").split()
        while len(words) > 1 and words[-1].lower().rstrip(".") in _FIRM_WORDS:
            words = words[:-1]
            if words[-1].lower().rstrip(".") not in _FIRM_WORDS:
                out.add(name_key(" ".join(words)))
    return out




def _named_as_firm(text: str, start: int) -> bool:
    """A name right after a noun that calls it a firm: "the recreational vehicle-maker Winnebago", "the
    retailer Target" (but "the company's plant in Winnebago" reads on)."""
    before = text[max(0, start - 30): start].split()
    if not before or not text[start - 1: start].isspace():
        return False
    word = before[-1].lower()
    return word in FIRM_NOUNS or word.endswith("maker")


_POST_NOMINAL = re.compile(r"(?:[A-Z][a-z]?\.){2,}")


def _post_nominal(text: str, start: int, end: int, person_ends: set[int]) -> bool:
    """Initials with full stops right after a person's name and a comma, closed by another: "Tom
    Brandt, R.D., says" (a degree); not "Hartford, Conn." (a state after its town, no person)."""
    if not _POST_NOMINAL.fullmatch(text[start:end].rstrip(",")):
        return False
    # closed by a comma or a bracket, or ending the paragraph: "Jo Lee, U.S. envoy" reads on
    if text[max(0, start - 2): start] != ", " or text[end: end + 1] not in {",", ")", "\n", ""}:
        return False
    # the person's name, or another degree after it ("Jo Lee, M.S., R.D.")
    at = start - 2
    while True:
        if at in person_ends:
            return True
        prev = text[max(0, at - 12): at].rsplit(" ", 1)[-1]
        if not (_POST_NOMINAL.fullmatch(prev) and text[at - len(prev) - 2: at - len(prev)] == ", "):
            return False
        at -= len(prev) + 2


# Nouns for a relative or a partner, after which a single name is a person: "his son Austin".
KIN_NOUNS = frozenset({"mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "girlfriend",
                       "boyfriend", "fiancee", "fiancée", "fiance", "fiancé", "grandson", "granddaughter", "grandmother",
                       "grandfather", "niece", "nephew", "cousin", "uncle", "aunt", "stepson", "stepdaughter",
                       "stepfather", "stepmother", "widow", "widower", "mom", "dad", "grandma", "grandpa"})


def _named_as_kin(text: str, start: int, end: int) -> bool:
    """A one-word name right after a relative's noun is a person: "survived by his girlfriend Olivia",
    "his son Austin" (but "his son in Austin" reads on)."""
    before = text[max(0, start - 30): start].split()
    if not before or not text[start - 1: start].isspace() or " " in text[start:end]:
        return False
    return before[-1] in KIN_NOUNS


def _locative(text: str, start: int, end: int) -> bool:
    """Whether a mention reads as a place: after "in", "from", "near" ..., or "-based" after it."""
    before = text[max(0, start - 20): start].split()
    return (bool(before) and before[-1].lower() in _LOCATIVE) or text[end: end + 6].lower() == "-based"


SMALL_NAMESAKE = 0.01  # share of the biggest namesake's population under which context cannot choose a place
BIG_NAMESAKE = 250_000


def _without_small_namesakes(candidates: list[Candidate]) -> list[Candidate]:
    """Namesakes of a big city or division that are a hundred times smaller are left out: a story
    that names Delhi or Atlanta without a qualifier ("Atlanta, Mich.") means the big one, whatever
    other places of the small one's state or country the story names."""
    biggest = max((c.population for c in candidates), default=0)
    if biggest < BIG_NAMESAKE:
        return candidates
    return [c for c in candidates if c.population >= SMALL_NAMESAKE * biggest or c.is_country]


def _division_of_the_focus(group: Group, countries: Counter) -> list[Candidate]:
    """A country named like a division of another country ("Georgia") is the division when the story
    is about that other country (named at least twice, three times as often as any other) and says nothing
    else of the first: "Georgia" in a story about American elections is the state."""
    exact = [c for c in group.candidates if name_key(c.name) == group.key]
    nations = [c for c in exact if c.is_country]
    divisions = [c for c in exact if c.is_admin1 and c.country not in {n.country for n in nations}]
    if not nations or not divisions or not countries:
        return group.candidates
    focus, weight = countries.most_common(1)[0]
    runner_up = max((w for c, w in countries.items() if c != focus), default=0)
    if weight < 2 or weight < 3 * runner_up or focus not in {d.country for d in divisions} \
            or any(countries[n.country] > 0 for n in nations):
        return group.candidates
    return [c for c in group.candidates if not c.is_country]


def _capital_over_division(text: str, group: Group, groups: dict[str, Group]) -> bool:
    """A national capital named like a division of its own country ("Washington") is the capital,
    unless the text says the division: "Washington state", "the state of Washington", or the name
    qualifying another place ("Seattle, Washington")."""
    exact = [c for c in group.candidates if name_key(c.name) == group.key]
    capitals = {c.country for c in exact if c.feature_code == "PPLC"}
    if not any(c.is_admin1 and c.country in capitals for c in exact):
        return False
    if any(group.key in other.qualifiers for other in groups.values()):
        return False
    for m in group.mentions:
        after = text[m.end:m.end + 7].lower()
        before = text[max(0, m.start - 10):m.start].lower()
        if after.startswith((" state", "state")) or before.endswith(("state of ", "state, ")):
            return False
    return True


def _profiled_confidence(places: list[Place], groups: dict[str, Group], by_place: dict, article: Article,
                         doc, lang: _Lang) -> list[Place]:
    """The confidence of places in a language the confidence model was not calibrated on: the
    profile's share right, but low (not shown) for a demonym, a place named only inside another
    name ("Parti démocratique de Côte d'Ivoire") and a nationality word; a small town matched through an
    alternate name only ("Bellevue" as a village) or in a country the text names nowhere else
    ("Châtelet" in Belgium in a story about Paris) is left out."""
    def exact(g: Group) -> bool:
        return g.choice is not None and (name_key(g.choice.name) == g.key or g.key in lang.exonyms)

    def anchor(g: Group) -> bool:  # a place that tells which countries the text is about
        c = g.choice
        return c is not None and (c.is_country or c.is_admin1 or c.feature_code == "PPLC"
                                  or (c.population >= MATCH_MIN_POPULATION and exact(g)))

    countries = {g.choice.country for g in groups.values() if g.choice is not None and anchor(g)}
    dubious = {g.choice.geonameid for g in groups.values() if g.choice is not None
               and g.choice.feature_class == "P" and g.choice.feature_code != "PPLC"
               and (g.choice.country not in countries
                    or (not exact(g) and g.choice.population < MATCH_MIN_POPULATION))}
    demonyms = {geonameid for geonameid, demonym in by_place if demonym}
    names = [(s, e) for ent in article.entities if ent.type in ("organization", "media", "igo")
             for s, e in ent.mentions]
    names += [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in lang.name_labels]
    out = []
    for place in places:
        if place.geonameid in dubious:
            continue
        embedded = all(any(s <= m[0] and m[1] <= e and (s, e) != (m[0], m[1]) for s, e in names)
                       for m in place.mentions)
        demonym = place.geonameid in demonyms and all(
            any(g.mentions and g.mentions[0].demonym for g in groups.values()
                if any([m.start, m.end] == mm for m in g.mentions)) for mm in place.mentions)
        place.confidence = lang.embedded_confidence if embedded or demonym else lang.confidence
        out.append(place)
    return out


def _named_after(text: str, m: Mention, lang: _Lang) -> bool:
    """Part of a hyphenated name ("Part-Dieu") or a street, bridge or building named after the place
    ("pont Lafayette", "hôpital Nasser")."""
    if (m.start > 0 and text[m.start - 1] == "-") or (m.end < len(text) and text[m.end] == "-"):
        return True
    words = text[max(0, m.start - 30): m.start].split()
    return bool(words) and words[-1].lower() in lang.street_words


def _split_embedded(places: list[Place], article: Article, doc=None,
                    name_labels: frozenset[str] = frozenset(NAME_LABELS)) -> list[Place]:
    """A place named both on its own and inside names ("Texas" and "the Texas American Federation of
    Teachers", "the Vietnam War", "the Texas Capitol") becomes two entries of the same place: the
    embedded mentions apart, so the confidence component can judge them apart (GeoWebNews counts
    them; analysts do not)."""
    names = [(s, e) for ent in article.entities if ent.type in ("organization", "media", "igo")
             for s, e in ent.mentions]
    if doc is not None:
        names += [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in name_labels]
    return _split_apart(places, lambda m: any(s <= m[0] and m[1] <= e and (s, e) != (m[0], m[1]) for s, e in names))


def _split_apart(places: list[Place], apart) -> list[Place]:
    """Each place whose mentions are partly ``apart(mention)`` becomes two entries: the other mentions,
    then those apart (a place alone otherwise)."""
    out = []
    for place in places:
        kept = [m for m in place.mentions if apart(m)]
        free = [m for m in place.mentions if m not in kept]
        if kept and free:
            out.append(Place(**{**place.__dict__, "mentions": free}))
            out.append(Place(**{**place.__dict__, "mentions": kept}))
        else:
            out.append(place)
    return out


def is_modifier(doc, start: int, end: int) -> bool:
    """A name used as a noun's modifier ("U.S. officials", "the Texas governor"), not as a place named."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    last = span[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i >= span.end \
        and last.head.pos_ in ("NOUN", "PROPN")


def _split_modifiers(places: list[Place], doc) -> list[Place]:
    """A place named both on its own ("in the U.S.") and as a modifier ("U.S. officials") becomes two
    entries of the same place, like a place inside a name: analysts count the first as a place
    mentioned and seldom the second, so the confidence component judges them apart."""
    return _split_apart(places, lambda m: is_modifier(doc, m[0], m[1]))


def _demonym_candidates(gaz: Gazetteer, target: str) -> list[Candidate]:
    if target == "none":
        return []
    if target.startswith("continent:"):
        return [c for c in gaz.lookup(target.split(":", 1)[1]) if c.feature_code == "CONT"][:1]
    country = gaz.country(target)
    return [country] if country else []
