"""Language profiles: what enrichment needs to know about a language, as data.

Each language newsgraph enriches has a profile, ``data/lang/<code>.toml`` (``<code>`` is the ISO 639-1
code extraction sets on ``Article.language``): the spaCy model package to parse it with, what the
model's entity and dependency labels mean, and the language's words the components look for (speech
verbs, the cues of a cited source, quote marks, event triggers, determiners, place names). A
language without a profile is not enriched: its articles keep what extraction found, and are never
parsed with another language's model (docs/languages.md).

English (``rules = "english"``) keeps the components' own hand-tuned rules, measured on the English
gold set; every other language (``rules = "profile"``) runs the profile-driven rules of
``enrich/profiled/``, which read nothing but the profile. So a new language is a new profile (and
its lexicon files) plus its model pinned in pyproject.toml, not new code.

Components learn the language from the parse (``profile_of(doc)``: spaCy's ``doc.lang_``), so their
``enrich(article, doc)`` signature is the same for every language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

DEFAULT = "en"  # the language of an article whose language extraction could not tell


@dataclass(frozen=True)
class Profile:
    code: str
    model: str  # the spaCy model package (pinned in pyproject.toml)
    rules: str  # "english": the components' tuned English rules; "profile": enrich/profiled/
    fast_rules: bool = True  # swap in fastrules' cached attribute ruler and lemmatizer
    actor_ruler: bool = False  # add the actor knowledge base's EntityRuler after the NER
    # NER label -> our type: person, organization, place, misc
    ner: dict[str, str] = field(default_factory=dict)
    place_labels: frozenset[str] = frozenset()
    name_labels: frozenset[str] = frozenset()  # entities whose names may hold a place's name
    scan_labels: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()  # trimmed from the start of a name
    not_places: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()  # "pont Lafayette": a name right after one is not the place
    location_cases: frozenset[str] = frozenset()  # "à Khan Younès": a name after one is where, not who
    subject_deps: frozenset[str] = frozenset()
    object_deps: frozenset[str] = frozenset()
    passive_subject_deps: frozenset[str] = frozenset()  # the subject of a passive verb (its patient)
    agent_deps: frozenset[str] = frozenset()  # the agent of a passive verb ("par la police")
    speech_verbs: frozenset[str] = frozenset()  # lemmas
    citation_cues: tuple[str, ...] = ()  # "selon": the source follows
    quote_marks: tuple[tuple[str, str], ...] = ()
    pronouns: dict[str, str] = field(default_factory=dict)  # lower-cased form -> person / organization / any
    titles: frozenset[str] = frozenset()  # role words before a person's name (lower case)
    portfolio_titles: frozenset[str] = frozenset()  # "ministre" (des Transports): the name is a portfolio
    institutions: frozenset[str] = frozenset()  # "ministère" (des Transports): the word names the body
    not_actors: frozenset[str] = frozenset()  # lower-cased names that are never actors
    # head nouns of descriptions that are actors when they speak or are cited ("la préfecture", "le
    # ministre de l'Intérieur") -> their type
    descriptions: dict[str, str] = field(default_factory=dict)
    not_actor_heads: frozenset[str] = frozenset()  # an organisation name starting so is a thing ("Constitution ...")
    event_triggers: str = ""  # file under data/lang/: lemma<TAB>PLOVER type
    place_names: str = ""  # file under data/lang/: name<TAB>ISO country code or gazetteer name
    demonyms: str = ""  # file under data/lang/: word<TAB>ISO country code
    confidence: dict[str, float] = field(default_factory=dict)  # rule -> share right (tuning half)

    @property
    def tuned(self) -> bool:
        return self.rules == "english"

    def labels(self, kind: str) -> frozenset[str]:
        """The NER labels that mean ``kind`` (person, organization, place, misc)."""
        return frozenset(label for label, k in self.ner.items() if k == kind)

    def table(self, name: str) -> dict[str, str]:
        """A two-column lexicon file of the profile (``word<TAB>value``; # comments), as a dict."""
        return _table(name)


_SETS = ("place_labels", "name_labels", "scan_labels", "determiners", "not_places", "street_words", "location_cases",
         "subject_deps", "passive_subject_deps", "agent_deps", "object_deps", "speech_verbs", "titles",
         "portfolio_titles", "institutions", "not_actors", "not_actor_heads")


@cache
def available() -> tuple[str, ...]:
    """The codes of the languages that have a profile."""
    folder = resources.files("newsgraph.enrich").joinpath("data", "lang")
    return tuple(sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml")))


def _raw(code: str) -> dict:
    return tomllib.loads(resources.files("newsgraph.enrich").joinpath("data", "lang", f"{code}.toml").read_text("utf-8"))


@cache
def _covered() -> dict[str, str]:
    """Language codes a profile also parses (its ``covers`` list) -> that profile's code."""
    return {other: code for code in available() for other in _raw(code).get("covers", ())}


@cache
def profile(code: str | None) -> Profile | None:
    """The profile of a language (None: ``DEFAULT``), or None when it has none."""
    code = (code or DEFAULT).lower().replace("_", "-").split("-")[0]
    code = _covered().get(code, code)
    if code not in available():
        return None
    kwargs = dict(_raw(code))
    kwargs.pop("covers", None)
    for name in _SETS:
        if name in kwargs:
            kwargs[name] = frozenset(kwargs[name])
    if "citation_cues" in kwargs:
        kwargs["citation_cues"] = tuple(kwargs["citation_cues"])
    if "quote_marks" in kwargs:
        kwargs["quote_marks"] = tuple(tuple(pair) for pair in kwargs["quote_marks"])
    return Profile(code=code, **kwargs)


def profile_of(doc) -> Profile:
    """The profile of the language a parse is in (spaCy's ``doc.lang_``)."""
    found = profile(doc.lang_)
    if found is None:
        raise ValueError(f"no language profile for a {doc.lang_!r} parse")
    return found


@cache
def _table(name: str) -> dict[str, str]:
    if not name:
        return {}
    text = resources.files("newsgraph.enrich").joinpath("data", "lang", name).read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value = line.split("\t")[:2]
        out[word.strip()] = value.strip()
    return out
