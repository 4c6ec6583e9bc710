"""Actors: one Entity per identity the text names, with every mention's offsets.

A reader knows that "Islamic State", "IS", "ISIL" and, a sentence later, "the terror group" are one
actor, that "Kirby" is the "John Kirby" introduced as "US State Department spokesman", and that
"Libyan" and "the Tripoli government" point to Libya.  This enricher makes those links from the
shared parse, so the quotes, citations and places enrichers can resolve any span to its actor:

1. known actors come from the EntityRuler (nlp.py) with their knowledge-base id; countries,
   demonyms and government metonyms from the knowledge base (actor_kb.py);
2. other PERSON and ORG entities become persons and organisations; a person's role comes from its
   premodifiers ("US Defense Secretary Ashton Carter") or an appositive ("..., the foreign minister,");
3. short forms are chained within the document: a surname or first name to the one full name it
   continues, an acronym in parentheses to the name before it ("... Accord (GNA)"), that name whole where the
   model cut it in pieces (the words whose initials spell the acronym: "... Workers' Unity Council (BGWUC)");
4. definite descriptions ("the terror group", "the agency", "the US president", "the unit" after
   "a US special forces unit") become mentions of the one fitting actor named before them, and stay
   unresolved when there are several;
5. what is not an actor is left out: names in datelines, bylines and page clutter (layout.py), time
   zones, channels, diseases, programmes, buildings that do not act, lower-case words and headline
   fragments, a country named only as a location ("swans died in Greece"), "IS" meaning "is", products
   and the names of a page that sells ("MacBook Pro", "... for $199"), reporters named inside the body
   ("By X, The Y Press.", "X contributed to this report", a transcript's "NAME, BYLINE:"), pieces of a work's
   title with a subtitle ("Wars Jedi" of "Star Wars Jedi: Fallen Order"); a band ("the Doobie Brothers") and a
   school or its team named after its town ("Wichita North") are organisations, not persons;
6. third-person pronouns become mentions of the one fitting actor named just before them ("she" the
   one person, "it" the one organisation or country, "they" the plural group that was the subject);
   every entity gets an id ("e1", ...) by which quotes, cited sources and events refer to it.

Rules about what is an actor (a nationality adjective is a mention of its country, ...) are in
docs/record.md, "Actor types".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from newsgraph.enrich.actor_kb import FIRM_NOUNS, ActorKB, KBActor, given_name_sexes, institution_of, load_kb
from newsgraph.enrich.entindex import ents_within
from newsgraph.enrich.languages import profile_of
from newsgraph.enrich.profiled import actors as profiled_actors
from newsgraph.enrich.layout import furniture, inside
from newsgraph.record import Article, Entity

# Lower-case words that belong inside a person's name ("Ludwig van Beethoven", "Osama bin Laden").
NAME_PARTICLES = {"de", "da", "di", "del", "della", "dei", "van", "von", "der", "den", "ter", "le", "la", "du",
                  "des", "dos", "das", "do", "y", "e", "bin", "bint", "binti", "ibn", "al", "el", "zu", "af", "av",
                  "abu", "ben", "st.", "mac", "ap"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "mx", "mx."}
TITLES = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "king", "queen", "prince",
    "princess", "crown", "sheikh", "emir", "sultan", "pope", "ayatollah", "imam", "cardinal",
    "archbishop", "bishop", "general", "gen.", "gen", "colonel", "col.", "lt.", "lieutenant",
    "captain", "capt.", "major", "maj.", "sergeant", "sgt.", "commander", "marshal", "field",
    "admiral", "adm.", "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor",
    "judge", "justice", "ambassador", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "chief", "deputy", "foreign", "defence", "defense", "interior", "finance", "speaker",
}
GOVERNMENT_NOUNS = {"government", "authorities", "administration", "regime", "leadership"}
METONYM_VERBS = {
    "say", "announce", "accuse", "deny", "warn", "reject", "condemn", "insist", "respond", "demand",
    "claim", "threaten", "agree", "refuse", "sanction", "expel", "recall", "urge", "call", "seek",
    "decide", "impose", "confirm", "dismiss", "welcome", "criticise", "criticize", "vow", "order",
}
ARMED_HEADS = {"militants", "jihadists", "jihadis", "terrorists", "extremists", "insurgents", "islamists"}
ARMED_MODIFIERS = {
    "terror", "terrorist", "militant", "jihadist", "jihadi", "extremist", "armed", "islamist",
    "insurgent", "radical", "rebel", "militia", "sunni", "shiite", "shia",
}
GROUP_HEADS = {"group", "organisation", "organization", "outfit", "movement", "militia", "network"}
NAMED_TYPES = {"organization", "armed_group", "igo", "media"}
PLACE_PREPOSITIONS = {"in", "near", "between", "outside", "around", "toward", "towards", "into", "across", "inside"}
PLACE_NOUNS = {
    "town", "city", "village", "district", "province", "region", "port", "county", "area", "capital",
    "neighbourhood", "neighborhood", "market", "suburb", "camp", "river", "valley", "border", "crossing",
}
# Offices that only a town or a territory has ("Lumajang's regent", "Ohio's governor"): their owner is a
# place; a person has a minister or a chief of staff, not a mayor.
TERRITORY_OFFICES = {"governor", "mayor", "regent", "premier", "prefect", "lieutenant-governor", "deputy-mayor"}
_SPACES = re.compile(r"\s+")
# Names the model takes for organisations or people that are never actors of a story: time zones,
# channels, diseases, page furniture. (A platform that acts, "Twitter pledged to ...", is kept.)
NOT_ACTORS = {
    "gmt", "utc", "est", "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "cest", "ist", "email", "e-mail",
    "turnout", "covid", "covid-19", "coronavirus", "sars-cov-2", "ebola", "sars", "mers", "hiv", "aids", "zika",
    "plague", "bubonic plague", "flu", "influenza", "measles", "cholera", "malaria", "tuberculosis", "dengue",
    "getty images", "ap photo", "afp photo", "reuters photo", "advertisement", "read more", "subscribe",
    "newsletter", "copyright", "privacy policy", "terms of use", "cookie policy", "related", "comments",
    "share", "tweet", "whatsapp", "pinterest", "linkedin", "reddit", "sign up", "log in", "rss", "faq",
    "tv", "gdp", "ceo", "cfo", "covid19", "pandemic", "the latest", "mw", "gw", "kw", "kwh", "mwh", "gwh", "ghz",
    "mph", "km", "obamacare", "medicaid", "medicare", "aca", "roadmap", "module", "q1", "q2", "q3", "q4",
}
# Bodies of the sky the recogniser takes for organisations ("a return to the Moon"): where, never who. ("Moon"
# the surname stays a person; Mars and Sun are firms and papers too.)
CELESTIAL = frozenset({"moon", "the moon", "earth", "the earth", "jupiter", "venus", "pluto", "neptune", "uranus",
                       "milky way", "the milky way"})
# Names of things, not of actors: programmes, laws, plans, buildings (a building that "said" is kept).
_THING = re.compile(r"\b(?:Plan|Initiative|Program|Programme|Act|Roadmap|Strategy|Index|Bill|Law|Fund|Award|Motion|"
                    r"Amendment|Referendum|"
                    r"Prize|Festival|Championship|Cup|League Cup|Games|Summit|Conference|Forum|"
                    # a licence, a standard's or a tool's long form ("Open Community License", "Really Simple
                    # Licensing", "Domain Name Protocol", "Qwen CLI"), a course ("GIT degree"); not "Standard",
                    # which ends newspapers' names ("Evening Standard"), nor "System" ("Federal Reserve System")
                    r"License|Licence|Licensing|Protocol|Language|Framework|Format|Specification|CLI|SDK|API|"
                    r"[Dd]egrees?)$")
_FACILITY = re.compile(r"\b(?:Hospital|School|Airport|Stadium|Hotel|Church|Mosque|Temple|Prison|Jail|Station|"
                       r"Center|Centre|Museum|Park|Mall|Arena|Hall|Tower|Building|Campus|Port|Base)$")
PLATFORMS = {"twitter", "facebook", "instagram", "youtube", "tiktok", "telegram", "snapchat", "x", "google",
             "wechat", "weibo"}
_STREET = re.compile(r"\b(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Highway|Hwy\.|Lane|Drive|"
                     r"Bridge|Square|Expressway|Freeway|Parkway|Plaza)$")
# Dependencies through which a mention takes part in the story (not only "in Bolivia").
_ACTING = {"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative", "appos", "attr", "csubj", "npadvmod"}
_ACTOR_HEADS = {"government", "authorities", "administration", "regime", "leadership", "president", "minister",
                "forces", "force", "troops", "army", "military", "police", "officials", "official", "embassy",
                "ambassador", "diplomats", "diplomat", "navy", "soldiers", "leaders", "leader", "spokesman",
                "spokeswoman", "ministry", "delegation", "state", "parliament", "lawmakers", "court", "courts",
                "prosecutors", "intelligence", "agents", "side", "team", "counterpart", "counterparts",
                "coalition", "militia", "militias", "rebels", "fighters",
                "envoy", "envoys", "senate", "congress", "security", "border", "guards", "coast", "jets",
                "warplanes", "aircraft", "drones", "strikes", "airstrikes", "sanctions", "officers", "agency"}


@dataclass
class _Actor:
    name: str
    type: str
    sector: str | None = None
    country: str | None = None
    kb_id: str | None = None
    role: str | None = None
    names: list[Span] = field(default_factory=list)  # mentions that name it
    anaphors: list[Span] = field(default_factory=list)  # "the terror group", "the US president"
    name_tokens: tuple[str, ...] = ()  # persons: the longest form of the name, token by token

    def first(self) -> int:
        return min(s.start for s in self.names + self.anaphors)

    def to_entity(self) -> Entity:
        forms = dict.fromkeys(balanced(_clean(s.text)) for s in sorted(self.names, key=lambda s: s.start))
        spans = sorted(self.names + self.anaphors, key=lambda s: s.start)
        name = balanced(self.name) or self.name
        return Entity(
            name=name,
            type=self.type,
            aliases=[f for f in forms if f and f != name],
            role=self.role,
            mentions=[[s.start_char, s.end_char] for s in spans],
            country=self.country,
            sector=self.sector,
            kb_id=self.kb_id,
        )


def balanced(name: str) -> str:
    """A name that does not end inside an open bracket: "The Workers' Unity Council (BGWUC" is cut before the
    bracket; a closing bracket with no opening one is dropped with what follows it."""
    if not any(ch in name for ch in "()[]{}"):
        return name
    opened: list[int] = []
    for i, ch in enumerate(name):
        if ch in "([{":
            opened.append(i)
        elif ch in ")]}":
            if not opened:
                return name[:i].rstrip(" ,;:-–")
            opened.pop()
    return name[: opened[0]].rstrip(" ,;:-–") if opened else name


# Declared for the component pipeline (newsgraph.enrich): what it reads and what it replaces.
REQUIRES = ()
ASSIGNS = ("entities",)


def enrich(article: Article, doc: Doc) -> None:
    """Fill article.entities with one Entity per actor, in order of first mention."""
    prof = profile_of(doc)
    if not prof.tuned:
        article.entities = profiled_actors.find_actors(article, doc, prof)
        return
    actors = _Actors(doc, load_kb())
    actors.collect()
    text = actors.text  # spaCy joins the tokens' text anew on every access: read once for every rule below
    deals = deal_lines(text)
    page = _Page(text, deals, sold_words(text, deals), reporters(text), work_titles(text), token_positions(doc),
                 common_words(doc))
    found = [a for a in actors.all if (a.names or a.anaphors) and _is_actor(a, doc, page)]
    actors.all = found
    actors.names_told_again(page)
    actors.resolve_pronouns()  # only to actors that stay actors
    article.entities = [a.to_entity() for a in sorted(found, key=_Actor.first)]
    for number, entity in enumerate(article.entities, 1):
        entity.id = f"e{number}"


_PRICE = re.compile(r"[$£€]\s?\d")
# What a line of a shopping or deals page says and a news story's does not: "35% Off", "Save $31",
# "(Originally $159)", "Now $649.99", "... for $39.99" ending the line, "Add to cart".
_DEAL = re.compile(r"\d\s?%\s?off\b|\bsave\s(?:up\sto\s)?[$£€]\d|\(?originally\s[$£€]\d|\bnow\s(?:only\s)?[$£€]\d|"
                   r"\bfor\s[$£€][\d,]+(?:\.\d\d)?\s*(?:\(.*\))?\s*$|add to (?:cart|basket)|free shipping|"
                   r"^\s*[$£€][\d,]+(?:\.\d\d)?\s*$", re.I)


def deal_lines(text: str) -> list[tuple[int, int]]:
    """The lines with a price of a page that sells (at least three lines read as deals: "Nintendo ... for
    $199", "35% Off ..."); none on a news page. Names in them are products and shops, not actors."""
    lines, deals, pos = [], 0, 0
    for line in text.split("\n"):
        if _PRICE.search(line):
            lines.append((pos, pos + len(line)))
            deals += len(line) <= 300 and bool(_DEAL.search(line))
        pos += len(line) + 1
    return lines if deals >= 3 else []


# Last words of a product's or a model's name, never of an actor's ("MacBook Pro", "Switch Lite", "Apple
# Watch Series"); the second set only where the recogniser called it a person ("Canal Plus", "The Christian
# Science Monitor" are firms).
PRODUCT_ENDS = frozenset({"series", "edition", "bundle", "console", "controller", "laptop", "smartphone",
                          "headphones", "earbuds", "earphones", "router", "pro", "lite", "mini", "ultra"})
PERSON_PRODUCT_ENDS = PRODUCT_ENDS | {"plus", "air", "xl", "se", "monitor", "tablet",
                                      "ads", "analytics", "docs", "maps"}  # "Bing Ads", "Zoho Analytics"


def _product(actor: _Actor) -> bool:
    """Whether a name without a knowledge-base id is a product's or a model's: a "person" with a number
    ("Thunderbolt 3", "Nighthawk X4"), a listing's dash ("Wireless Earphones - Black") or ending like a product
    ("MacBook Pro"), any name ending like one."""
    words = actor.name.split()
    if actor.type == "person":
        return any(c.isdigit() for c in actor.name) or " - " in actor.name or " – " in actor.name \
            or len(words) > 1 and words[-1].lower() in PERSON_PRODUCT_ENDS
    return actor.type == "organization" and len(words) > 1 and words[-1].lower() in PRODUCT_ENDS


def sold_words(text: str, deals: list[tuple[int, int]]) -> set[str]:
    """The capitalised words of a selling page's price lines."""
    return {w for s, e in deals for w in _WORD.findall(text[s:e]) if w[:1].isupper()}


class _Page(NamedTuple):
    """What the rules of `_is_actor` read of the whole page, read once per page."""

    text: str
    deals: list[tuple[int, int]]  # a selling page's price lines (deal_lines)
    sold: set[str]  # their capitalised words (sold_words)
    reporting: set[str]  # a transcript's reporters (reporters)
    works: tuple[set[tuple[str, ...]], set[tuple[str, ...]]]  # the parts of titles with a subtitle (work_titles)
    at: dict[str, list[int]]  # each word's tokens, by its text (token_positions)
    common: set[str]  # the lower-case words used as a noun, an adjective or a verb (common_words)


def token_positions(doc: Doc) -> dict[str, list[int]]:
    """Where each word stands in the page, by its text: the rules that look for a name's other uses read it."""
    at: dict[str, list[int]] = {}
    for t in doc:
        at.setdefault(t.text, []).append(t.i)
    return at


def common_words(doc: Doc) -> set[str]:
    """The page's lower-case words used as a noun, an adjective or a verb ("the content on a page")."""
    return {t.text for t in doc if t.is_lower and t.pos_ in ("NOUN", "ADJ", "VERB")}


# A title with a subtitle, the way games, films and books are named ("Star Wars Jedi: Fallen Order", "Mission:
# Impossible"): capitalised words, a colon, capitalised words.
_CAP = r"[A-Z0-9][\w'’&.-]*"
_TITLE_COLON = re.compile(rf"((?:{_CAP} ){{0,5}}{_CAP}): ({_CAP}(?: {_CAP}){{0,5}})")


def work_titles(text: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The words before and after the colon of each title with a subtitle the page writes at least twice the
    same way ("Star Wars Jedi: Fallen Order" in the headline and the body): a work's name, not a transcript's
    speaker or a headline's "Topic: Name" once."""
    found = [(m.group(1).split(), m.group(2).split()) for m in _TITLE_COLON.finditer(text)]
    seen: dict[tuple[str, str], int] = {}
    for left, right in found:
        seen[(left[-1], right[0])] = seen.get((left[-1], right[0]), 0) + 1
    lefts, rights = set(), set()
    for left, right in found:
        if seen[(left[-1], right[0])] >= 2:
            lefts.add(tuple(left))
            rights.add(tuple(right))
    return lefts, rights


def _in_work_title(actor: _Actor, page: _Page) -> bool:
    """Whether a person's name is a piece of a work's title the page repeats: the end of the words before its
    colon cut from them ("Wars Jedi" of "Star Wars Jedi: ..."), or the start of the subtitle ("Fallen Order")."""
    words = tuple(actor.name.split())
    lefts, rights = page.works
    return any(len(left) > len(words) and left[-len(words):] == words for left in lefts) \
        or any(right[: len(words)] == words for right in rights)


def _sold(actor: _Actor, page: _Page) -> bool:
    """Whether a name of a page that sells is in one of its lines with a price, or shares a capitalised
    word with one ("a Smart TV" after "LG 4K Smart HDTV for $549")."""
    if any(s <= m.start_char < e for m in actor.names for s, e in page.deals):
        return True
    return any(w in page.sold for w in _WORD.findall(actor.name) if len(w) >= 3)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# A broadcast transcript's reporter: "JANE DOE, BYLINE: It's a Saturday ..." and the sign-off "For Radio
# News, I'm Jane Doe in Austin."
_TRANSCRIPT_BYLINE = re.compile(r"^([A-Z][A-Z.'’ -]+[A-Z]), BYLINE:", re.M)
_SIGN_OFF = re.compile(r"\bFor [A-Z][\w&'’ ]{1,40}, I'm ((?:[A-Z][\w.'’-]+ ?){2,4}?)(?: in [A-Z]|\.)")


def _folded(name: str) -> str:
    """A name without accents, case and spacing, to compare "MARTINEZ-BELTRAN" with "Martínez-Beltrán"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SPACES.sub(" ", plain).strip().casefold()


def reporters(text: str) -> set[str]:
    """The reporters a broadcast transcript names in its own conventions (folded names): never actors."""
    return {_folded(m.group(1)) for pattern in (_TRANSCRIPT_BYLINE, _SIGN_OFF) for m in pattern.finditer(text)}


_CONTRIBUTED = re.compile(r"^[^.]{0,60}\bcontributed\b[^.]*\bto this (?:report|story|article)", re.I)


def _signed(span: Span, text: str) -> bool:
    """Whether a name signs the text: "By <name>" or "Reach <name> on Twitter" opening a sentence (a byline
    inside the body), "<name> contributed to this report", or a line that is the name alone (a letter's
    signature)."""
    doc = span.doc
    if span.start and doc[span.start - 1].text in ("By", "Reach", "Follow", "Contact") \
            and doc[span.start - 1].is_sent_start:
        return True  # "By X, The Y Press.", "Reach X on Twitter at ..."
    sent = span.sent
    if _CONTRIBUTED.search(text[span.end_char : sent.end_char]) and span.root.dep_ in ("nsubj", "conj"):
        return True  # "AP writer X contributed to this report."
    line = text[text.rfind("\n", 0, span.start_char) + 1 : len(text) if (end := text.find("\n", span.end_char)) < 0 else end]
    return line.strip(" .,;") == span.text


def _is_actor(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether what was found acts in the story: not a non-actor name, not a country named only as
    a location ("swans died in Greece"), not "IS" meaning "is"."""
    name = actor.name.casefold()
    if name in NOT_ACTORS or _STREET.search(actor.name) or (actor.kb_id is None and _THING.search(actor.name)):
        return False
    if actor.type == "person" and actor.kb_id is None and actor.names and all(_signed(s, page.text) for s in actor.names):
        return False  # "By Peter Fenn, The Canadian Press.", a reader's letter signed "Vicki Vale." on its own line
    if actor.type == "person" and _folded(actor.name) in page.reporting:
        return False  # "For Radio News, I'm Jane Doe in Austin": the reporter, not an actor
    if actor.kb_id is None and _product(actor):
        return False  # "MacBook Pro", "Thunderbolt 3", "Apple Watch Series": things, not actors
    if actor.type == "person" and actor.kb_id is None and page.works[0] and _in_work_title(actor, page):
        return False  # "Star Wars Jedi: Fallen Order" read as the people "Wars Jedi" and "Fallen Order"
    if actor.kb_id is None and page.deals and _sold(actor, page):
        return False  # "Nintendo Switch Lite with Pokemon Sword for $199": goods and shops, not actors
    if actor.kb_id is None and actor.names and not actor.anaphors and all(_names_a_works(s) for s in actor.names):
        return False  # "its Mindola North shaft", "the Kibali gold mine": the name of a works, not an actor
    if actor.type == "person" and actor.kb_id is None and actor.names and not actor.anaphors \
            and all(_qualifies_a_thing(s) for s in actor.names):
        return False  # "The Trincomalee tank farm": a one-word name that only ever qualifies a thing
    if actor.kb_id is None and actor.type in ("person", "organization") and actor.names and _not_titled(actor, doc, page):
        return False  # the song "Glasgow", "her album Folklore": a work's title, no one acting
    spans = actor.names + actor.anaphors
    if actor.kb_id is None and actor.names and _not_a_name(actor.names[0]):
        return False
    if actor.kb_id is None and _common_word(actor, page):
        return False  # "Content is so important ... the content on a few pages": a word, capitalised where a sentence starts
    if actor.type == "organization" and actor.kb_id is None and _an_activity(actor, doc, page):
        return False  # "doing SEO", "working in SEO": a trade's initials, no body
    if actor.type == "organization" and actor.kb_id is None and _countable_initials(actor, doc, page):
        return False  # "NFTs", "an NFT": initials that count things, no body
    if actor.type != "person" and actor.kb_id is None and name in CELESTIAL:
        return False  # "NASA's plan to return to the Moon": a place in the sky, not an actor
    if actor.type == "person" and actor.kb_id is None and any(w.casefold() in PAGE_WORDS for w in actor.name_tokens):
        return False  # "Email Newsletters", "Subscribe Now": the page's furniture, no one's name
    if actor.type == "person" and actor.kb_id is None and any(_names_a_model(s) for s in actor.names) \
            and not any(s.root.lower_ in _PRONOUN_SEXES for s in actor.anaphors):
        return False  # "Ford's Mustang Mach E SUV": a car's model, not a person
    if actor.kb_id is None and (any(_launched(s) for s in actor.names) or _launched_unnamed(actor, doc, page)) \
            and not any(s.root.dep_ == "nsubj" and s.root.head.lemma_ in SAYING_VERBS for s in spans) \
            and not any(s.root.lower_ in _PRONOUN_SEXES or s.root.lower_ == "they" for s in actor.anaphors):
        return False  # "launching them on the SLS", "the Ariane 6 was launched": a rocket or a craft, no actor
    if actor.kb_id is None and actor.names and (actor.type == "organization" or _no_one_named(actor)) \
            and (actor.type == "organization" and _craft_name(actor.name) or _a_programme(actor, doc, page)) \
            and not any(s.root.lower_ in _PRONOUN_SEXES or s.root.lower_ == "they" for s in actor.anaphors):
        return False  # "the Artemis program", "Exploration Upper Stage", "the Champions League final": things, no actor
    if actor.kb_id is None and actor.names and (actor.type == "organization" or _no_one_named(actor)) \
            and _a_kind_of_thing(actor, doc, page) \
            and not any(s.root.lower_ in _PRONOUN_SEXES or s.root.lower_ == "they" or s.root.lemma_ in FIRM_NOUNS
                        for s in actor.anaphors):
        return False  # "the Rust compiler", "DNS records", "written in Rust": software, a standard, a product; no actor
    if actor.type == "person" and actor.kb_id is None and actor.names and not actor.anaphors \
            and all(_only_modifies(s) for s in actor.names):
        return False  # "Oscar-winning actress", "Taylor Swift-themed classes": a modifier, no one acting
    if actor.kb_id is None and actor.type == "organization":
        if _FACILITY.search(actor.name):  # "Northwestern Memorial Hospital" is where, unless it acts
            return any(s.root.dep_ in ("nsubj", "nsubjpass") for s in spans)
        if " " not in actor.name and actor.name.isupper() and len(actor.name) >= 6 and len(spans) == 1:
            return False  # "QUARANTINED": a headline word in capitals
    if actor.kb_id is None and actor.type == "organization" and actor.names and all(_makes(s) for s in actor.names) \
            and all(s.root.lower_ in VEHICLE_NOUNS for s in actor.anaphors):
        return False  # "a red Ford truck ... the truck": a make of the vehicle, not an actor
    if name in PLATFORMS:  # "on Twitter" is a channel; "Twitter said" is the company
        return any(s.root.dep_ in ("nsubj", "nsubjpass", "poss") for s in spans)
    if actor.kb_id == "islamic-state":
        others = [s for s in actor.names if s.text != "IS"]
        actor.names = [s for s in actor.names if s.text != "IS" or (others and not _in_capitals(s))]
        if not actor.names and not actor.anaphors:
            return False
    if actor.type == "country" and not actor.anaphors:
        return any(_acting(s) for s in actor.names)
    return True


def _common_word(actor: _Actor, page: _Page) -> bool:
    """Whether a one-word name is only a word capitalised at a sentence's start, which the text also writes in
    lower case as a noun, an adjective or a verb elsewhere ("Content is king ... the content on a page")."""
    if " " in actor.name or not actor.name.istitle() or not actor.names:
        return False
    for span in actor.names:
        doc = span.doc
        if span.text[:1].isupper() and not (span.start == span.sent.start or doc[span.start - 1].is_space
                                           or doc[span.start - 1].is_punct):
            return False
    return actor.name.lower() in page.common


# Words a name's part may share with the grammar ("Liu He", "Kim Il", "Sun Yat"): at a sentence's start, a
# pronoun or a function word, not the person.
FUNCTION_WORDS = frozenset({"he", "she", "it", "we", "they", "i", "you", "his", "her", "its", "our", "their",
                            "him", "them", "me", "us", "an", "a", "the", "in", "on", "at", "as", "so", "no", "do",
                            "is", "be", "by", "to", "of", "or", "if", "up", "il", "my", "yet", "but", "all"})

# Singular nouns for a body of people that "they" may stand for ("a US special forces unit ... They").
_COLLECTIVE_HEADS = {"police", "military", "government", "unit", "force", "team", "group", "army", "delegation",
                     "crew", "mission", "squad", "battalion", "brigade", "patrol", "convoy", "militia", "coalition"}
_PRONOUN_KINDS = {"he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
                  "it": "thing", "its": "thing", "they": "plural", "them": "plural", "their": "plural"}


# The sex a pronoun gives the person it stands for, and the words that give a person's sex beside the name: an
# honorific ("Mrs. Noel"), a title, or the noun of their role ("spokeswoman", "the actress").
_PRONOUN_SEXES = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_SEXED_WORDS = {
    "m": frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "duke", "emperor", "sultan", "sheikh", "pope",
                    "father", "son", "brother", "husband", "grandfather", "grandson", "uncle", "nephew", "boyfriend",
                    "spokesman", "congressman", "businessman", "councilman", "assemblyman", "widower", "man",
                    "boy", "fr", "fr."}),
    "f": frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "duchess", "empress",
                    "mother", "daughter", "sister", "wife", "grandmother", "granddaughter", "aunt", "niece",
                    "girlfriend", "spokeswoman", "congresswoman", "businesswoman", "councilwoman",
                    "assemblywoman", "chairwoman", "actress", "widow", "woman", "girl", "nun"}),
}


def _sex_of(actor: _Actor) -> str | None:
    """A person's sex as the text tells it: the honorific or title before a name of theirs, the noun of their
    role, else a given name borne by one sex (data/given_names.tsv); None where nothing tells or two disagree."""
    found = set()
    for span in actor.names:
        if span.start > 0:
            before = span.doc[span.start - 1].lower_
            found |= {sex for sex, words in _SEXED_WORDS.items() if before in words}
        kin = _kin_before(span)
        if kin is not None:
            found |= {sex for sex, words in _SEXED_WORDS.items() if kin in words}
    if actor.role:  # the noun of the role before what it is of: "spokeswoman for the ministry", not "aide to the queen"
        words = re.split(r"\s+(?:of|for|at|to|in|with|from|on|and)\s+", actor.role.casefold())[0].split()
        found |= {sex for sex, sexed in _SEXED_WORDS.items() if words and words[-1] in sexed}
    if not found and len(actor.name_tokens) > 1:
        given = given_name_sexes().get(actor.name_tokens[0].casefold())
        if given:
            found.add(given)
    return found.pop() if len(found) == 1 else None


def _kin_before(span: Span) -> str | None:
    """The noun before a comma that a name, with its role, stands in apposition to: "Okafor's son, painter
    Jamie Lindqvist" -> "son" (the parser often joins the two otherwise)."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and span.start - i <= 3 and (doc[i].is_lower and doc[i].is_alpha):
        i -= 1  # the role's words and an article: "painter", "the architect"
    if i < 1 or doc[i].text != ",":
        return None
    noun = doc[i - 1]
    return noun.lower_ if noun.pos_ == "NOUN" and noun.is_lower else None


def _short_form(one: str, other: str) -> bool:
    """Whether one of two given names is the other cut short ("Josh" of "Joshua", "Alex" of "Alexander"): three
    letters at least, both names the given-name list gives to the same sex ("Alex" is no "Alexandra"; "Chris",
    which both bear, is not known to be "Christina")."""
    short, full = sorted((one, other), key=len)
    if len(short) < 3 or len(short) == len(full) or not full.startswith(short) or not short.istitle():
        return False
    sexes = given_name_sexes()
    return sexes.get(short.casefold()) is not None and sexes.get(short.casefold()) == sexes.get(full.casefold())


def _role_noun(token) -> bool:
    """Whether a word in apposition to a name can be a role: a common noun in lower case ("the spokesman"), or
    a title ("Chief Product Officer"); not a firm's name the parser took for a noun ("Tilbrook, CPO, EncompaaS")."""
    word = token.lower_
    if token.pos_ == "NOUN" and (token.is_lower or word in PERSON_ROLES or word in _MORE_PERSON_ROLES):
        return True
    return token.pos_ == "PROPN" and token.is_title and word in PERSON_ROLES | _MORE_PERSON_ROLES


def _given_name(word: str) -> bool:
    """A given name of the list, or one joined of two, one of them in the list ("Rose-Lynn", "Jean-Paul")."""
    names = given_name_sexes()
    return any(part.casefold() in names for part in word.split("-"))


def _fits(actor: _Actor, kind: str, token, at: dict) -> bool:
    """Whether a pronoun of this kind can stand for the actor named at this token."""
    if kind == "person":
        return actor.type == "person"
    if kind == "thing":
        return actor.type in ("organization", "country", "igo", "media", "armed_group")
    # "they": a group, an armed group, or an actor named by a plural noun ("Libyan forces", "police"); never one
    # person ("Noel and Thomas, assigned to Epstein's unit, ... they": the two, or the unit, not Epstein)
    if actor.type == "person":
        return False
    if actor.type in ("group", "armed_group"):
        return True
    if token.pos_ == "NOUN" and (token.tag_ == "NNS" or token.lemma_.lower() in _COLLECTIVE_HEADS):
        return True  # the mention's own noun: "the unit", "the rebels"
    if token.pos_ == "PRON":
        return _PRONOUN_KINDS.get(token.lower_) == "plural"  # "They were turned back ... their mission"
    head = token.head if token.dep_ in ("compound", "amod", "poss") else token
    if head is not token and at.get(head.i) is actor:  # "Libyan" in "Libyan Air Force": the name itself
        return head.tag_ in ("NNS", "NNPS")
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in _COLLECTIVE_HEADS


def _modifies(token, lemma: str) -> bool:
    """Whether the token modifies a noun of this lemma, directly or through other modifiers
    ("US" in "a US special forces unit" modifies "unit")."""
    return _modified(token, lemma) is not None


def _modified(token, lemma: str):
    """The noun of this lemma the token modifies, directly or through other modifiers, or None."""
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "nmod", "poss") or token.head is token:
            return None
        token = token.head
        if token.lemma_ == lemma:
            return token
    return None


def _not_a_name(span: Span) -> bool:
    """Words the model took for a name that cannot be one: lower case ("plum"), or a headline of
    page clutter ("Dallas Gas Station Dies at", "New Safety Recommendations Issued After ...")."""
    words = [t for t in span if t.is_alpha]
    if not words or words[0].text[:1].islower():
        return True
    if len(span) >= 4 and any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in span):
        return True
    if len(span) >= 2 and span[-2].text == "-" and not span[-2].whitespace_:
        return False  # the end of a hyphenated name ("Moon Jae-in"), not a preposition
    return span[-1].pos_ == "ADP" or span[-1].lower_ in ("at", "after", "before", "for", "to", "in", "on", "of")


# Nouns of vehicles and craft, which a maker's name modifies ("a white Toyota pickup", "a Boeing jet").
VEHICLE_NOUNS = frozenset({"car", "truck", "suv", "van", "minivan", "pickup", "sedan", "coupe", "jeep", "vehicle",
                           "motorcycle", "bike", "bus", "hatchback", "wagon", "convertible", "jet", "airliner",
                           "plane", "helicopter", "tractor", "lorry", "limousine", "model"})


def _makes(span: Span) -> bool:
    """Whether a name modifies a vehicle noun: a make ("a red Ford truck"), not an actor."""
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.i >= span.end \
        and root.head.lower_ in VEHICLE_NOUNS


def _names_a_model(span: Span) -> bool:
    """Whether a name modifies a vehicle noun, directly or through the model's other words ("Ford's Mustang
    Mach E SUV", "the Model Y crossover"): a car's model, not a person."""
    token = span.root
    for _ in range(3):
        if token.dep_ not in ("compound", "nmod", "amod") or token.head.i < span.end:
            return False
        token = token.head
        if token.lower_ in VEHICLE_NOUNS and token.lower_ != "model":
            return True
    return False


SAYING_VERBS = frozenset({"say", "tell", "announce", "state", "add", "argue", "claim", "warn", "write", "report"})
LAUNCH_VERBS = frozenset({"launch", "relaunch"})
# The parts of a craft or a station that are launched one by one ("the modules of the station were launched").
LAUNCHED_PARTS = frozenset({"element", "module", "part", "component", "piece", "segment", "section", "stage"})


def _launched(span: Span) -> bool:
    """Whether a name is what is launched, or what something is launched on: "to launch the SLS", "the Ariane 6
    was launched", "launching the modules on the SLS" (a rocket, a craft); not who launches ("NASA launched")."""
    root = span.root
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_ in LAUNCH_VERBS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in LAUNCHED_PARTS \
            and root.head.head.dep_ in ("dobj", "nsubjpass") and root.head.head.head.lemma_ in LAUNCH_VERBS:
        return True  # "elements of the lunar Gateway would be launched": a station, its parts launched
    return root.dep_ == "pobj" and root.head.lower_ in ("on", "aboard", "atop") \
        and root.head.head.lemma_ in LAUNCH_VERBS and root.head.head.pos_ == "VERB"


# Nouns of a space programme, a mission or a craft, which the programme's or the craft's name modifies ("the
# Artemis program", "the Artemis 3 mission", "the Orion capsule").
CRAFT_NOUNS = frozenset({"program", "programme", "mission", "flight", "spacecraft", "capsule", "rocket", "lander",
                         "rover", "probe", "orbiter", "booster", "telescope", "craft", "module", "launcher"})
# Nouns of a competition's rounds and games, which the competition's name modifies ("the Champions League
# quarter-final", "the Davis Cup final"): a competition, where its name never acts as a body.
# (Not "match" or "tie": a team's name modifies them too, "the Arsenal match".)
COMPETITION_NOUNS = frozenset({"final", "quarter-final", "quarterfinal", "semi-final", "semifinal", "tournament",
                               "qualifier", "playoff", "play-off"})
_COMPETITION_AFTER = re.compile(r"\s+(?:(?:quarter|semi)-?)?finals?\b|\s+(?:tournament|qualifiers?|play-?offs?)\b")
# (the parser splits "semi-final" as it likes)
# Last words of a craft's or a craft part's name ("Mars Polar Lander", "Parker Solar Probe"), and words before
# "Stage", "System" or "Vehicle" that make the name a rocket's part or a vehicle ("Exploration Upper Stage",
# "Human Landing System", "Crew Return Vehicle"), never a body's ("Arena Stage", "Federal Reserve System").
CRAFT_ENDS = frozenset({"lander", "rover", "orbiter", "capsule", "booster", "spacecraft", "telescope", "probe",
                        "module", "launcher", "rocket"})
CRAFT_PART_WORDS = frozenset({"upper", "lower", "core", "first", "second", "third", "cryogenic", "interim", "launch",
                              "landing", "transfer", "ascent", "descent", "return", "exploration", "propulsion"})
# What a body does and a programme or a craft does not: its acts as a subject ("SpaceX launched", "Boeing
# builds"), besides saying.
BODY_VERBS = SAYING_VERBS | LAUNCH_VERBS | frozenset({
    "build", "make", "develop", "design", "manufacture", "produce", "hire", "employ", "sell", "buy", "acquire",
    "sign", "win", "award", "sue", "invest", "pay", "raise", "partner", "found", "own", "operate", "confirm",
    "deny", "decline", "refuse", "bid", "propose", "plan",
    "beat", "defeat", "lose", "draw", "face", "play", "host", "score", "fine", "ban", "suspend", "charge",
    "investigate", "open", "appeal"})  # a team's or a governing body's acts


def _no_one_named(actor: _Actor) -> bool:
    """Whether a "person" of one word has nothing of a person: no role, no given name of the list, no honorific
    ("Valkyrie" of "the Valkyrie program" read as a person)."""
    return actor.type == "person" and " " not in actor.name and actor.role is None and not _given_name(actor.name) \
        and not any(s.start and s.doc[s.start - 1].lower_ in HONORIFICS for s in actor.names)


def _craft_name(name: str) -> bool:
    """Whether an organisation's name is a craft's or its part's: "Mars Polar Lander", "Exploration Upper Stage"."""
    words = name.casefold().split()
    if len(words) < 2:
        return False
    return words[-1] in CRAFT_ENDS or words[-1] in ("stage", "system", "vehicle") and words[-2] in CRAFT_PART_WORDS


_MISSION_NUMBER = re.compile(r"\d{1,3}[A-Z]?|[IVX]{1,4}")


def _numbered(word: str) -> bool:
    """A mission's number after its programme's name: "2", "1B", "III"."""
    return _MISSION_NUMBER.fullmatch(word) is not None


def _a_programme(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether a name is a space programme's, a mission's, a craft's or a competition's: somewhere on the page it
    modifies a noun of one ("the Artemis program", "the Artemis 3 mission", "the Orion capsule", "the Champions
    League final"; a mission's number after the name, "Artemis 2", is the same programme), and nowhere does it act
    as a body does (say, build, launch, hire, beat, fine as a subject; "SpaceX's engineers"; "by Boeing")."""
    words = actor.name.split()
    while len(words) > 1 and _numbered(words[-1]):  # "Artemis 2" -> the programme "Artemis"
        words = words[:-1]
    modifies = False
    for found in _occurrences(words, doc, page):
        end = found.end
        last = doc[end - 1]
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.text in ("'s", "’s", "'", "’"):
            return False  # "SpaceX's engineers": a body's own
        if last.dep_ == "nsubj" and last.head.lemma_ in BODY_VERBS or last.dep_ == "pobj" and last.head.lower_ == "by":
            return False  # "Boeing builds the stage", "built by Boeing"
        if _COMPETITION_AFTER.match(page.text, last.idx + len(last)):
            modifies = True  # "the Champions League semi-final"
        token = last
        for _ in range(3):  # "the Artemis program", "Artemis 1 test flight": through the number and other nouns
            if token.dep_ not in ("compound", "nmod", "nummod", "amod") or token.head.i <= token.i \
                    or token.head.i - last.i > 3:
                break
            token = token.head
            if token.is_lower and (token.lemma_ in CRAFT_NOUNS or token.lower_ in COMPETITION_NOUNS):
                modifies = True
                break
    return modifies


# Kinds of things a product's, a language's, a standard's or a brand's name qualifies ("the Rust compiler", "DNS
# records", "an LLM prompt", "the GKE cluster"); never a group of people (not "agent", "team", "engineer"), and
# not the vehicles of VEHICLE_NOUNS, which have their own rules.
KIND_NOUNS = frozenset({
    "software", "app", "application", "protocol", "standard", "language", "framework", "format", "licence",
    "license", "browser", "engine", "chip", "processor", "compiler", "toolchain", "library", "libraries", "package",
    "codebase", "code", "syntax", "tooling", "model", "query", "record", "resolver", "lookup", "server", "cluster",
    "plugin", "extension", "api", "sdk", "interface", "algorithm", "database", "file", "version", "update",
    "feature", "ecosystem", "assistance", "output", "prompt", "typeface", "font", "device", "smartphone", "phone",
    "laptop", "tablet", "console", "headset", "toothbrush", "brush", "gadget", "subscription", "account", "workload",
    "deployment", "container", "repository", "repo", "command", "binary", "crate", "module", "backend", "frontend",
    "runtime", "stack", "specification", "spec", "degree", "certificate", "inference", "project",
})
# Verbs a language, a tool or a standard is used with ("written in Rust", "built on Kubernetes", "powered by
# Gemini", "using DNS"): the thing is the object, never the one who acts.
_WRITTEN_IN = frozenset({"write", "code", "program", "implement", "rewrite", "port", "compile", "script"})
_BUILT_ON = frozenset({"build", "base", "run", "host", "deploy", "power", "fuel"})
_USE_VERBS = frozenset({"use", "install", "download", "adopt", "deploy", "configure", "enable", "integrate",
                        "update", "upgrade"})
# Nouns of which a thing is a version ("a version of Rust", "a fork of Chromium", "an update to Windows").
_VERSION_NOUNS = frozenset({"version", "update", "upgrade", "release", "fork", "port", "implementation", "subset",
                            "dialect", "variant", "clone", "copy", "instance", "edition"})
# What a body does to a thing, after "by" ("created by", "run by", "funded by"), besides BODY_VERBS.
_DONE_BY = frozenset({"create", "fund", "back", "sponsor", "publish", "lead", "run", "write", "release", "organise",
                      "organize", "maintain", "support", "license", "commission", "conduct", "acquire", "buy"})
# What only a body owns ("Google's engineers", "Apple's decision"): the people, the voice and the acts of a body.
# (with PERSON_ROLES, _MORE_PERSON_ROLES and SAYING_NOUNS)
BODY_OWNED = frozenset({
    "team", "staff", "employee", "engineer", "worker", "board", "investor", "shareholder", "customer", "client",
    "partner", "owner", "chief", "head", "leader", "leadership", "decision", "plan", "acquisition", "purchase",
    "deal", "investment", "partnership", "lawsuit", "move", "strategy", "announcement", "headquarters", "office",
    "revenue", "profit", "share", "stock", "bid", "offer", "policy", "spokesperson", "designer", "developer",
    "scientist", "researcher", "people", "workforce", "division", "unit", "subsidiary", "brand", "mission", "product",
    "funding", "grant", "budget", "spending", "lab", "laboratory", "ruling", "guidance", "rule", "request"})
# Who works for a body and only for one, before its name ("a Nordvik spokesperson", "Google executives"): a skill's
# words ("a Rust developer", "a Python consultant") are not.
BODY_STAFF = frozenset({"spokesperson", "spokesman", "spokeswoman", "ceo", "cfo", "cto", "executive", "chief",
                        "president", "chairman", "chairwoman", "founder", "co-founder", "cofounder", "board",
                        "employee", "staff", "official", "headquarters", "shareholder", "investor", "representative",
                        "lawyer", "attorney", "statement", "announcement", "boss", "owner", "staffer", "workforce"})
# What a body does as a subject besides BODY_VERBS ("Google decided", "the foundation urged"), never a thing.
_BODY_ACTS = frozenset({"decide", "choose", "agree", "ask", "task", "want", "hope", "seek", "intend", "vow", "pledge",
                        "promise", "urge", "invite", "collaborate", "respond", "acknowledge", "admit", "insist",
                        "explain", "note", "reveal", "disclose", "publish", "unveil", "release",
                        "rebrand", "commission", "fund", "employ", "recommend", "believe", "expect", "estimate"})


def _used_as_a_thing(token: Token) -> bool:
    """Whether the last word of a name is used as a thing's name: it qualifies a kind of thing ("the Rust compiler",
    "DNS records"), is what something is written in, built on, powered by or a version of ("written in Rust",
    "built on Kubernetes", "powered by Gemini", "a version of Rust"), or what one uses ("using DNS")."""
    node = token
    while token.dep_ == "conj" and token.head.i < token.i:  # "use GPL, BSL or CC": as the first of the list
        token = token.head
    head, dep = token.head, token.dep_
    for _ in range(3):  # "the Rust compiler", "DNS resolver settings", "an LLM coding agent"
        if node.head.i <= node.i or node.head.i - token.i > 3 \
                or node.dep_ not in ("compound", "nmod", "amod") and not (node.head.i == node.i + 1 and node.head.pos_ == "NOUN"):
            break  # (the parser reads "GKE features such as ..." with the name as the subject of "features")
        node = node.head
        if node.is_lower and node.lemma_ in KIND_NOUNS:
            return True
    if dep == "pobj":
        verb = head.head
        if head.lower_ in ("in", "into") and verb.lemma_ in _WRITTEN_IN or head.lower_ == "to" and verb.lemma_ == "port":
            return True  # "written in Rust", "ported it to Swift"
        if head.lower_ in ("on", "upon", "with", "atop") and verb.lemma_ in _BUILT_ON and verb.pos_ == "VERB":
            return True  # "built on Kubernetes", "runs on Linux"
        if head.lower_ == "by" and verb.lemma_ in ("power", "fuel", "drive") and verb.tag_ == "VBN":
            return True  # "powered by Gemini"
        if head.lower_ in ("of", "to") and verb.lemma_ in _VERSION_NOUNS and verb.pos_ == "NOUN":
            return True  # "a version of Rust", "an update to Windows"
    return dep == "dobj" and head.lemma_ in _USE_VERBS  # "using DNS", "download the app"


def _acts_as_a_body(token: Token, nxt: Token | None) -> bool:
    """Whether the last word of a name acts as a body does: it says, builds, buys or sues as a subject ("Google
    said", "Apple bought"), is the doer after "by" ("built by Boeing"), or owns people or an act ("Google's
    engineers", "Apple's decision")."""
    if token.dep_ == "nsubj" and (token.head.lemma_ in BODY_VERBS or token.head.lemma_ in _BODY_ACTS) \
            and not any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in token.head.children):
        return True  # "Google announced", not "GKE builds on that foundation"
    if token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.lemma_ in BODY_VERBS | _DONE_BY:
        return True  # "built by Boeing", "operated by Google"; not "caused by the DNS", "powered by Gemini"
    owned = None
    if token.dep_ in ("compound", "nmod") and token.head.i > token.i and token.head.is_lower:
        return token.head.lemma_.lower() in BODY_STAFF  # "a Nordvik spokesperson"; not "a Rust developer", a skill
    if nxt is not None and nxt.text in ("'s", "’s", "'", "’") and token.dep_ == "poss":
        owned = token.head  # "Google's engineers", "Apple's decision"
    if owned is not None:
        lemma = owned.lemma_.lower()
        return lemma in BODY_OWNED or lemma in PERSON_ROLES or lemma in _MORE_PERSON_ROLES or lemma in SAYING_NOUNS \
            or owned.ent_type_ == "PERSON"
    return False


def _a_kind_of_thing(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether a name is a thing's (software, a language, a standard, a licence, a product, a brand's good): on
    the page, the name or a short form of it is used as one's (`_used_as_a_thing`), and nowhere does it act as
    a body does (`_acts_as_a_body`: "Google said", "Apple's engineers", "built by Boeing")."""
    forms = {tuple(actor.name.split())} | {tuple(s.text.split()) for s in actor.names if s.text.strip()}
    used = False
    for words in forms:
        for found in _occurrences(list(words), doc, page):
            last = doc[found.end - 1]
            nxt = doc[found.end] if found.end < len(doc) else None
            if _acts_as_a_body(last, nxt):
                return False
            used = used or _used_as_a_thing(last)
    return used


# Nouns of a work with a title: a song, an album, a film, a book ("the song “Glasgow”", "her album Folklore").
WORK_NOUNS = frozenset({"song", "songs", "single", "track", "album", "ep", "lp", "mixtape", "ballad", "anthem",
                        "tune", "film", "movie", "documentary", "book", "novel", "memoir", "poem", "play", "musical",
                        "opera", "show", "series", "sitcom", "episode", "painting", "soundtrack", "script",
                        "screenplay"})
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})


_TITLE_JOINERS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "&", "-"})


def _quotation(span: Span) -> tuple[int, str] | None:
    """Where the quotation that holds only a title opens, and the title, if the name stands in one ("“Glasgow,”",
    "“‘Glasgow’", "Wild" of "“Wild Rose”"): capitalised words, and small words between them, in quotation marks."""
    doc = span.doc
    sent = span.sent
    i = span.start - 1
    while i >= sent.start and span.start - i <= 6 and (doc[i].is_title or doc[i].lower_ in _TITLE_JOINERS):
        i -= 1
    first = i + 1
    while i >= sent.start and doc[i].text in QUOTE_MARKS:
        i -= 1
    if i == first - 1:
        return None
    j = span.end
    while j < sent.end and j - span.end <= 6 and (doc[j].is_title or doc[j].lower_ in _TITLE_JOINERS):
        j += 1
    last = j
    while j < sent.end and doc[j].is_punct and doc[j].text not in QUOTE_MARKS and j - last < 2:
        j += 1
    if j >= len(doc) or doc[j].text not in QUOTE_MARKS or not doc[last - 1].is_title:
        return None
    return i + 1, _clean(doc[first:last].text)


def _work_title(span: Span) -> str | None:
    """The work's title a name is, if it is one and no actor: right after a noun of a work ("the song Glasgow"),
    or in quotation marks a few words after one ("a song like “Glasgow,”", "a script called “Wild Rose”"), or
    quoted and called one ("“Glasgow” is a song of belonging")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in WORK_NOUNS and before.pos_ == "NOUN" and before.is_lower:
        return _clean(span.text)
    quotation = _quotation(span)
    if quotation is None:
        return None
    opening, title = quotation
    near = doc[max(opening - 3, span.sent.start) : opening]
    if any(t.lower_ in WORK_NOUNS and t.pos_ == "NOUN" and t.is_lower for t in near):
        return title
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" \
            and any(c.dep_ == "attr" and c.lemma_ in WORK_NOUNS for c in root.head.children):
        return title
    if any(c.dep_ == "appos" and c.lemma_ in WORK_NOUNS and c.is_lower for c in root.children):
        return title
    return None


def _occurrences(words: list[str], doc: Doc, page: _Page) -> Iterator[Span]:
    """Every place the page writes these words, whether the model read a name there or not."""
    for i in page.at.get(words[0], ()):
        end = i + len(words)
        if end <= len(doc) and all(doc[i + k].text == w for k, w in enumerate(words)):
            yield doc[i:end]


def _not_titled(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether an actor is a work's title and no actor ("the song “Glasgow”", "a script called “Wild Rose”"):
    its name is one somewhere on the page, and nothing tells a person (a role, a given name, an honorific); else
    its mentions that are the title, or in quotation marks the same way, leave it."""
    spans = [*actor.names, *_occurrences(actor.name.split(), doc, page)]
    titles = {t for s in spans if (t := _work_title(s)) is not None}
    if not titles:
        return False
    if actor.name in titles and actor.role is None and not _given_name(actor.name.split()[0]) \
            and not any(s.start and s.doc[s.start - 1].lower_ in HONORIFICS for s in actor.names):
        return True
    actor.names = [s for s in actor.names if _work_title(s) is None
                   and ((q := _quotation(s)) is None or q[1] not in titles)]
    return not actor.names and not actor.anaphors


# What one does, practises, works in or sells as a trade ("start doing SEO", "working in PR", "selling SEO for
# $300 a month"), and the nouns a trade is a part of ("one aspect of SEO").
_ACTIVITY_VERBS = frozenset({"do", "practise", "practice", "learn", "teach", "outsource", "sell"})
_ACTIVITY_IN = frozenset({"work", "involve", "specialize", "specialise", "career", "job", "expert", "experience"})
_ACTIVITY_OF = frozenset({"aspect", "part", "practice", "field", "kind", "type", "form", "art"})


def _an_activity(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether an acronym names a trade, not a body: somewhere the object of "do", "sell", "practise", "working
    in", "an aspect of"; never with "the", an owner's "'s", or saying something ("SEO", "PR" as work)."""
    name = actor.name
    if not (name.isalpha() and name.isupper() and 2 <= len(name) <= 5):
        return False
    found = False
    for i in page.at.get(name, ()):
        t = doc[i]
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.i and doc[t.i - 1].lower_ == "the" and doc[t.i - 1].head is t or nxt is not None and nxt.lower_ in ("'s", "’s", "'", "’") \
                or t.dep_ == "nsubj" and t.head.lemma_ in SAYING_VERBS:
            return False  # "the SEC", "NASA's plan", "IBM said"
        head = t.head
        if t.dep_ == "dobj" and head.lemma_ in _ACTIVITY_VERBS \
                or t.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ in _ACTIVITY_IN \
                or t.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in _ACTIVITY_OF:
            found = True
    return found


def _countable_initials(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether an acronym counts things, not a body: the page writes it in the plural ("NFTs", "two PSIMs")
    or after "a"/"an" of its own ("an NFT was sold"), and never with an owner's "'s" or saying something; also
    the long form the acronym spells ("Physical Security Information Management (PSIM)" ... "PSIMs")."""
    acronyms = {name for s in actor.names if (name := s.text).isalpha() and name.isupper() and 2 <= len(name) <= 5}
    if not acronyms:
        return False
    found = False
    for name in acronyms:
        found = found or bool(re.search(rf"\b{name}s\b", page.text))
        for i in page.at.get(name, ()):
            t = doc[i]
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in ("'s", "’s") or t.dep_ == "nsubj" and t.head.lemma_ in SAYING_VERBS:
                return False  # "NASA's plan", "IBM said"
            if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
                found = True
    return found


def _launched_unnamed(actor: _Actor, doc: Doc, page: _Page) -> bool:
    """Whether a one-word name is launched where the model did not read it as a name ("elements of the lunar
    Gateway would be launched", the station read as an organisation in the next sentence only)."""
    if " " in actor.name or not actor.names:
        return False
    return any(doc[i].pos_ == "PROPN" and _launched(doc[i : i + 1]) for i in page.at.get(actor.name, ()))


# Words of a web page's furniture ("Email Newsletters", "Subscribe Now", "Share this"), never a person's name.
PAGE_WORDS = frozenset({"email", "e-mail", "newsletter", "newsletters", "subscribe", "subscribers", "subscription",
                        "unsubscribe", "login", "signup", "sign-up", "logout", "advertisement", "advertisements",
                        "sponsored", "cookies", "cookie", "privacy", "homepage", "menu", "comments", "share",
                        "tweet", "retweet", "inbox", "password", "username", "podcasts", "download", "trending",
                        "app", "apps", "newsroom", "rss", "faq", "faqs"})


def _in_capitals(span: Span) -> bool:
    """Whether a word stands in a run of capitalised words ("WHAT IS NEXT"): a headline, not a name."""
    doc = span.doc
    near = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in near)


def _acting(span: Span) -> bool:
    """Whether a country mention names the country as a participant: a subject, object, owner, or a
    demonym or name modifying an actor noun ("Libyan forces", "US officials"), or "talks with Iran"."""
    root = span.root
    if root.dep_ in _ACTING:
        return True
    if root.dep_ in ("amod", "compound", "nmod") and (root.head.lower_ in _ACTOR_HEADS
                                                     or root.head.lemma_.lower() in _ACTOR_HEADS
                                                     or root.head.lemma_.lower() in _event_nouns()):
        return True  # "Libyan forces", "US officials", "Palestinian riots", "Israeli air strikes"
    if root.dep_ == "pobj" and root.head.lower_ in ("by", "with", "against", "between", "on", "to", "toward",
                                                     "towards", "for"):
        return True
    if root.dep_ == "conj":
        return _acting(root.head.doc[root.head.i : root.head.i + 1])
    return False


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    """Nouns that name an action in the PLOVER trigger lexicon ("riots", "strike", "talks")."""
    from newsgraph.enrich.events import lexicon

    return frozenset(lemma for lemma, pos in lexicon() if pos == "NOUN")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# Prepositions a recognised name may swallow from a headline or a deals line ("35% Off Dell Alienware",
# "Deals From Walmart"): never the first word of a name.
LEADING_PREPOSITIONS = frozenset({"off", "from", "with", "for", "at", "on", "by", "via", "in", "of", "into",
                                  "over", "under", "about", "after", "before", "against", "vs", "vs."})
# Verbs of a title-case headline the recogniser runs into the name before them ("Trump Says China Deal ...").
HEADLINE_VERBS = frozenset({
    "says", "said", "tells", "told", "warns", "urges", "vows", "claims", "slams", "calls", "asks", "denies",
    "admits", "insists", "announces", "reveals", "defends", "blasts", "accuses", "backs", "rejects", "confirms",
    "responds", "speaks", "talks", "meets", "visits", "signs", "joins", "quits", "resigns", "dies", "testifies",
    "pledges", "promises", "threatens", "demands", "praises", "criticizes", "criticises", "explains", "agrees",
})
# Letters after a name that are not part of it ("Anthony Orchard QC", "Jane Doe MP"): the name ends before them.
POST_NOMINALS = frozenset({"qc", "kc", "mp", "msp", "mep", "mla", "obe", "mbe", "cbe", "kbe", "dbe", "phd",
                           "ph.d.", "md", "m.d.", "esq", "esq."})
# A generation after a surname ("Martin Luther King Jr."): part of the name, not its last word.
GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _title_word(token: Token) -> bool:
    """A title or honorific before a name, in the singular or the plural ("Ministers Rauf Hakeem")."""
    word = token.lower_
    if word in TITLES or word in HONORIFICS:
        return True
    return word.endswith("ies") and word[:-3] + "y" in TITLES or word.endswith("s") and word[:-1] in TITLES


def _name_tokens(span: Span) -> tuple[str, ...]:
    """The words of a person's name by which it is chained: no spaces, no generation ("Jr.")."""
    words: list[str] = []
    joined = False  # a hyphenated name is one word: "Rose-Ann", "Jae-in" ("Rose-Ann" alone is "Rose-Ann Keller")
    for t in span:
        if t.is_space or t.lower_ in GENERATIONS:
            joined = False
            continue
        if words and (joined or t.text == "-") and t.i > span.start and not span.doc[t.i - 1].whitespace_:
            words[-1] += t.text
        else:
            words.append(t.text)
        joined = t.text == "-" and not t.whitespace_
    return tuple(words) or tuple(t.text for t in span)


def _trim(span: Span) -> Span:
    """The span without a leading article, a trailing possessive or surrounding punctuation."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in ("the", "a", "an") or span.doc[start].is_punct
                           or span.doc[start].tag_ == "POS"
                           or start < end - 1 and span.doc[start].pos_ == "ADP"
                           and span.doc[start].lower_ in LEADING_PREPOSITIONS and span.doc[start].is_title):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    for i in range(start + 1, end):  # "See it now: Amazon\n\nSince the ...": a name ends with its line
        if span.doc[i].is_space and "\n" in span.doc[i].text:
            end = i
            break
    for i in range(start + 1, end):  # "Government of National Reconciliation (GNR": the name ends at "("
        if span.doc[i].text == "(":
            end = i
            break
    return Span(span.doc, start, end, label=span.label, span_id=span.id)


def _is_place(span: Span, label: str) -> bool:
    """Whether a PERSON or ORG entity stands where a place does: "near Gao", "the town of Ansongo"."""
    root = span.root
    if label not in ("PERSON", "ORG") or not all(t.is_title for t in span):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in PLACE_NOUNS:
        return True
    if label == "PERSON" and territory_owner(span):
        return True  # "Lumajang's regent, Siti Rahmawati, said": the regency, not a person named Lumajang
    return root.dep_ == "compound" and root.head.lemma_ in PLACE_NOUNS and root.head.i == span.end


# What a person's name qualifies that speaks for them ("a Hillary Clinton ad ... The ad says").
# A body's documents, and the verbs a body reports its findings by ("X reported that", "X found").
_DOCUMENT_HEADS = frozenset({"report", "study", "survey", "review", "assessment", "analysis", "paper", "poll"})
_REPORTING_VERBS = frozenset({"report", "find", "publish", "release", "say", "state", "announce", "rank", "show",
                              "conclude", "note", "estimate", "warn"})
SAYING_NOUNS = frozenset({"ad", "advert", "advertisement", "statement", "letter", "tweet", "post", "message", "memo",
                          "speech", "poll", "survey", "report", "announcement", "op-ed", "interview"})
# What a person's name qualifies as theirs: "the Obama administration", "the Smith family" name the person.
_A_PERSONS = frozenset({"administration", "government", "campaign", "family", "foundation", "presidency", "camp",
                        "cabinet", "regime", "estate", "era", "doctrine", "household"})


def _qualifies_a_thing(span: Span) -> bool:
    """Whether a one-word name stands between an article and the common noun it qualifies ("the Trincomalee
    tank farm", "a Kowloon bus"): a place or a brand the recogniser took for a person."""
    root = span.root
    return len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "a", "an") \
        and root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i > root.i \
        and root.head.lemma_.lower() not in PERSON_ROLES | _MORE_PERSON_ROLES | _A_PERSONS


def _particle_folded(word: str) -> str:
    """A name's word, a particle ("du", "van", "al") in lower case however it is written."""
    return word.lower() if word.lower() in NAME_PARTICLES else word


# Works and sites a name can qualify ("the Mindola North shaft", "the Kibali gold mine"), never a body that acts.
WORKS_NOUNS = frozenset({"shaft", "mine", "farm", "plant", "oilfield", "field", "dam", "terminal", "refinery", "factory",
                         "facility", "complex", "reactor", "pipeline", "depot", "warehouse", "deposit", "smelter",
                         "well", "quarry", "mill"})


def _names_a_works(span: Span) -> bool:
    """Whether a name only qualifies the works or site after it ("its Mindola North shaft", "the Kibali gold mine")."""
    token = span.root
    for _ in range(3):
        if token.dep_ not in ("compound", "amod") or token.head.i < token.i:
            return False
        token = token.head
        if token.lemma_.lower() in WORKS_NOUNS:
            return True
    return False


def territory_owner(span: Span) -> bool:
    """Whether a one-word name owns an office only a town or a territory has ("Lumajang's regent"): a place
    the recogniser took for a person."""
    return len(span) == 1 and span.root.dep_ == "poss" and span.root.head.lemma_.lower() in TERRITORY_OFFICES


def _name(ent: Span) -> Span:
    """A person entity without its titles and honorifics: "President Obama" -> "Obama"."""
    span = _trim(ent)
    start, end, doc = span.start, span.end, span.doc
    while start < end - 1 and _title_word(doc[start]):
        start += 1
    if start == ent.start and start > 0 and _family_name_before(doc[start - 1], start, end):
        start -= 1  # "He Jianxiong": a family name first, spelled like a pronoun, which the recogniser left out
    while end - start > 1 and doc[end - 1].lower_ in HEADLINE_VERBS and doc[end - 1].is_title:
        end -= 1  # "Trump Says": a headline's verb
    while end - start > 2 and doc[end - 1].lower_.strip(",") in POST_NOMINALS:
        end -= 1  # "Anthony Orchard QC"
    # a name cut by a double space of the page ("Vernon  Adkins"): the recogniser saw only "Vernon"
    while end + 1 < len(doc) and doc[end].is_space and "\n" not in doc[end].text and doc[end + 1].is_title \
            and doc[end + 1].pos_ == "PROPN" and doc[end + 1].ent_type_ in ("", "PERSON") and end - start < 4:
        end += 2
    for i in range(end - 2, start - 1, -1):  # "Canucks fan Bill Dorsett": the name starts after a common noun
        if doc[i].is_alpha and doc[i].is_lower and doc[i].lower_ not in NAME_PARTICLES:
            start = i + 1
            break
    if end - start == 2 and doc[start].is_sent_start and _gerund_before(doc[start], doc[end - 1]):
        start += 1  # "Hosting Cook at Dreamforce is our dream": Cook, the Tim Cook named elsewhere
    # a hyphenated given name the entity stops inside ("Moon Jae-in" recognised as "Moon Jae")
    while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-" \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha and not hyphen_modifier(doc[end + 1].text):
        end += 2
    return doc[start:end]


def _family_name_before(token: Token, start: int, end: int) -> bool:
    """Whether a word before a person's name is the family name that begins it: spelled like a pronoun or a
    function word, capitalised, and compounded with the name (no pronoun is): "He Jianxiong", where the
    recogniser saw only "Jianxiong" and the parser a proper noun or a pronoun."""
    return (token.lower_ in FUNCTION_WORDS and token.pos_ in ("PROPN", "PRON") and token.is_title and bool(token.whitespace_)
            and token.dep_ == "compound" and start <= token.head.i < end and not token.ent_type_)


# Words after a hyphen that make a name a modifier ("the Bush-era whistleblower", "a Trump-appointed judge"),
# not part of a hyphenated given name ("Moon Jae-in").
HYPHEN_MODIFIERS = frozenset({"era", "led", "backed", "based", "appointed", "style", "like", "linked", "aligned",
                              "allied", "owned", "run", "funded", "leaning", "friendly", "inspired", "born", "made",
                              "type", "esque", "ish", "supporting", "supported", "approved", "endorsed", "loving",
                              "hating", "designed", "brand", "branded", "centric", "free", "less", "forward",
                              "wide", "long", "sized", "size", "worthy", "proof", "heavy", "focused", "themed"})


def hyphen_modifier(word: str) -> bool:
    """Whether a word after a hyphen makes the name before it a modifier: one of HYPHEN_MODIFIERS, or a
    participle in lower case ("Oscar-winning", "Swift-themed", "Kremlin-controlled"); not the lower-case
    syllable of a given name ("Moon Jae-in", "Ban Ki-moon", "Xi Jin-ping": short, no participle ending)."""
    lower = word.lower()
    return lower in HYPHEN_MODIFIERS or word.islower() and len(word) >= 5 and lower.endswith(("ing", "ed"))


def _only_modifies(span: Span) -> bool:
    """Whether a name stands only as the first half of a hyphenated modifier ("Oscar-winning actress",
    "Taylor Swift-themed classes", "Flash-forward"): it names no one in the sentence."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text in ("-", "–") and not doc[span.end - 1].whitespace_ \
        and not doc[span.end].whitespace_ and hyphen_modifier(doc[span.end + 1].text)


# Nouns that only a person can be, in apposition after a name ("Eswar Prasad, professor of ...").
PERSON_ROLES = frozenset({
    "professor", "economist", "analyst", "researcher", "scientist", "lecturer", "historian", "lawyer",
    "attorney", "spokesman", "spokeswoman", "spokesperson", "founder", "co-founder", "author", "writer",
    "commentator", "chairman", "chairwoman", "director", "executive", "ceo", "president", "senator",
    "minister", "diplomat", "activist", "journalist", "reporter", "correspondent", "editor", "mayor",
    "governor", "resident", "student", "teacher", "doctor", "physician", "nurse", "official", "adviser",
    "advisor", "strategist", "consultant", "candidate", "mother", "father", "son", "daughter", "wife",
    "husband", "brother", "sister",
})
# More nouns only a person is, set right before a name ("police officer X") or with the name in apposition.
_MORE_PERSON_ROLES = frozenset({"officer", "inspector", "detective", "sergeant", "constable", "prosecutor", "judge",
                                "deputy", "aide", "councillor", "councilor", "lawmaker", "legislator", "coach",
                                "manager", "player", "actor", "actress", "singer", "nephew", "niece", "cousin",
                                "grandson", "granddaughter", "girlfriend", "boyfriend", "uncle", "aunt", "victim"})
_ORG_WORDS = frozenset({"corp", "inc", "co", "group", "bank", "university", "foundation", "party", "council",
                        "ministry", "company", "institute", "association", "agency", "fund", "committee"})


def _person_by_role(span: Span) -> bool:
    """Whether a name the model took for an organisation is set beside a noun only a person can be:
    "Eswar Prasad, professor of trade policy", "Ana Ruiz, a spokeswoman for the ministry"."""
    # "Anna - Lena Berglund"; a particle inside the name is no word of its own ("Harsha de Alwis-Perera")
    words = [t for t in span if t.text not in ("-", "–") and not (t.is_lower and t.lower_ in NAME_PARTICLES and t.i > span.start)]
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha and t.lower_ not in _ORG_WORDS for t in words):
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.is_lower and before.lemma_ in PERSON_ROLES | _MORE_PERSON_ROLES:
        return True  # "Police officer Nilanjan Biswas says", "son Leo Thames"
    if before is not None and before.text == "," and span.root.dep_ == "appos" and span.root.head.i < span.start \
            and span.root.head.lemma_ in PERSON_ROLES | _MORE_PERSON_ROLES:
        return True  # "the deputy director of public prosecutions, Eva-Marie Persson, said"
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    if doc[span.end + 1].like_num and doc[span.end + 1].text.isdigit() and 0 < int(doc[span.end + 1].text) < 110 \
            and span.end + 2 < len(doc) and doc[span.end + 2].text == ",":
        return True  # "Vernon Adkins, 34, was charged": an age
    after = doc[span.end + 1 : min(len(doc), span.end + 6)]
    for tok in after:
        if tok.pos_ == "NOUN":
            return tok.lower_ in PERSON_ROLES
        if tok.pos_ not in ("DET", "ADJ", "PROPN", "ADV"):
            return False
    return False


# Titles only a person holds (not "General" of "General Motors", "Chief" of "Chief Executive").
PERSON_TITLES = frozenset({"president", "minister", "pm", "premier", "chancellor", "senator", "sen.", "governor",
                           "gov.", "mayor", "ambassador", "spokesman", "spokeswoman", "mr", "mr.", "mrs", "mrs.",
                           "ms", "ms.", "dr", "dr.", "sheikh", "ayatollah", "pope", "emir"})


def _after_title(span: Span) -> Span | None:
    """The name after a person's title inside what the recogniser took for an organisation ("Outgoing PM
    Cerar"): one or two capitalised words that end it, none a body's word."""
    for i in range(span.end - 2, max(span.start - 1, span.end - 4), -1):
        if span.doc[i].lower_ in PERSON_TITLES:
            name = span.doc[i + 1 : span.end]
            if all(t.is_title and t.is_alpha and t.lower_ not in _ORG_WORDS and t.lower_ not in BRANCH_WORDS
                   for t in name) and not _FACILITY.search(name.text) and not _THING.search(name.text):
                return name
            return None
    return None


def _named_as_firm(span: Span) -> bool:
    """Whether a name the model took for a person is set right after a noun that calls it a firm or a
    medium: "the nickel producer Vale", "the carmaker Tesla", "the fact-checking website Full Fact"."""
    if not 1 <= len(span) <= 3 or span.start == 0:
        return False
    doc, before = span.doc, span.doc[span.start - 1]
    if not (before.pos_ == "NOUN" and before.is_lower):
        return False
    if len(span) == 1:
        return before.lower_ in FIRM_NOUNS or before.lower_.endswith("maker")
    # a longer name only beside the noun, not the subject of a clause on it ("the group Anna Berg founded")
    after = doc[span.end] if span.end < len(doc) else None
    beside = span.root.dep_ == "appos" and span.root.head.i == before.i \
        or before.dep_ in ("compound", "nmod") and span.start <= before.head.i < span.end \
        or span.root.dep_ == before.dep_ == "appos" and span.root.head.i == before.head.i  # "to buy ... company Acme AI"
    return before.lower_ in MEDIUM_NOUNS and beside \
        and (after is None or after.dep_ not in ("acl", "relcl"))


# Nouns that call the longer name after them a medium or a body ("the fact-checking website Full Fact"); not
# those a person's job shares ("Hollywood producer Harvey Weinstein", "the publisher").
MEDIUM_NOUNS = frozenset({"website", "site", "charity", "platform", "newspaper", "broadcaster", "magazine",
                          "nonprofit", "ngo", "outlet", "app", "tabloid", "daily", "weekly", "network", "company",
                          "firm", "retailer", "carrier", "airline", "insurer", "bank", "lender", "startup", "start-up",
                          "conglomerate", "automaker", "carmaker", "chain"})


# Nouns in apposition after a name that make it a firm or a medium ("Stytch, an identity platform"); not the
# ones a person's job shares ("Jane Roe, a film producer", "the publisher").
FIRM_DESCRIPTIONS = (MEDIUM_NOUNS | FIRM_NOUNS | {"provider", "vendor", "maker", "subsidiary", "unicorn"}) - {
    "producer", "publisher", "label", "studio", "giant", "group", "network", "daily", "weekly"}


# Last words of a firm's name or of its branch, never of a person's ("Medtel North America", "Kestrel USA").
BRANCH_WORDS = frozenset({"america", "europe", "asia", "africa", "usa", "uk", "emea", "apac", "international",
                          "worldwide", "inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "plc", "gmbh", "ag"})


def _firm_branch(span: Span) -> bool:
    """Whether a name the model took for a person ends with a word only a firm's name ends with:
    "Dan Fowler, President Medtel North America, says", or an acronym in capitals ("Alberta RCMP")."""
    if len(span) < 2 or not span[0].is_title:
        return False
    last = span[-1]
    if last.is_upper and last.is_alpha and len(last) >= 2 and last.lower_ not in POST_NOMINALS \
            and last.lower_ not in GENERATIONS and not set(last.text) <= set("IVXLCDM") \
            and not (len(last) == 2 and len(span) == 2 and span[0].is_upper):
        return True  # "New Brunswick RCMP", "Securiti AI": a body's acronym ends no person's name
    return last.lower_ in BRANCH_WORDS


# Last words of a band's or a troupe's name, never of a person's ("the Doobie Brothers", "Dave Matthews Band").
ENSEMBLE_ENDS = frozenset({"brothers", "sisters", "band", "orchestra", "ensemble", "choir", "chorus", "quartet",
                           "quintet", "trio", "singers", "boys", "girls"})
# Words a school (and its team) adds to its town's name: "Wichita North", "Derby High", "Salina Central".
SCHOOL_ENDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "central", "high", "heights"})
SCHOOL_TOWN_POPULATION = 20_000


# Last words of a publication's name, never of a person's ("Motor Cycle Monthly", "The Valley Gazette").
PUBLICATION_ENDS = frozenset({"monthly", "weekly", "daily", "quarterly", "magazine", "journal", "gazette", "times",
                              "herald", "tribune", "chronicle", "digest", "bulletin", "courier", "inquirer",
                              "telegraph"})


def _publication(span: Span) -> bool:
    """Whether a name the model took for a person ends like a newspaper's or a magazine's."""
    return len(span) >= 2 and span[-1].is_title and span[-1].lower_ in PUBLICATION_ENDS


def _title_run(span: Span) -> Span:
    """The span with the capitalised words right before it that the model left out of the name ("Motor" of
    "Motor Cycle Monthly"), not a sentence's first word ("Get")."""
    doc, start = span.doc, span.start
    while start > 0 and span.start - start < 4:
        token = doc[start - 1]
        if not (token.is_title and token.is_alpha and not token.is_sent_start and token.pos_ in ("PROPN", "NOUN")
                and token.ent_type_ in ("", "PERSON", "ORG")):
            break
        start -= 1
    return doc[start : span.end]


# Words that name a natural hazard: the first word of a storm's name ("Cyclone Idai", "Tropical Storm Alberto"),
# or the head of a phrase for one ("the December 2021 eruption of Semeru"). Neither is an actor (events.py too).
NATURAL_HAZARDS = frozenset({"cyclone", "hurricane", "typhoon", "storm", "tropical", "tornado", "blizzard", "eruption",
                             "earthquake", "quake", "tremor", "flood", "floods", "flooding", "landslide", "landslides",
                             "mudslide", "tsunami", "wildfire", "wildfires", "bushfire", "drought", "avalanche",
                             "heatwave", "volcano", "lava", "epidemic", "pandemic", "outbreak", "virus", "disease",
                             "illness", "plague"})
# Words of a body's name, in English and the languages whose names English news keeps untranslated, that are
# never part of a person's name: "Frente Popular del Catatumbo", "Detainee Watch", "Movimiento al Socialismo".
BODY_WORDS = frozenset({"front", "frente", "movement", "movimiento", "movimento", "mouvement", "watch",
                        "alliance", "alianza", "coalition", "coalición", "brigade", "brigades", "brigada", "partido",
                        "parti", "ejército", "exército", "armée", "fuerzas", "forças", "forces", "unión", "união",
                        "syndicat", "sindicato", "confederación", "confederação", "federación", "federação",
                        "network", "collective", "colectivo", "coletivo", "union", "league", "liga", "ligue"})


def _hazard_name(span: Span) -> bool:
    """Whether a name the model took for a person is a storm's or another hazard's: "Cyclone Idai"."""
    return len(span) >= 2 and span[0].is_title and span[0].lower_ in NATURAL_HAZARDS


def _body_word(span: Span) -> bool:
    """Whether a name of two or more words the model took for a person holds a word only a body's name has."""
    return len(span) >= 2 and any(t.is_title and t.lower_ in BODY_WORDS for t in span)


def _ensemble(span: Span) -> bool:
    """Whether a name the model took for a person ends like a band's or a troupe's: a group that performs."""
    return len(span) >= 2 and span[-1].is_title and span[-1].lower_ in ENSEMBLE_ENDS


_NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "&", "de", "du", "des"})


def _initials_span(doc: Doc, end: int, acronym: str) -> Span | None:
    """The run of capitalised words ending at `end` (joined by "of", "and", a possessive "Workers'") whose
    capitalised words' initials are the acronym's letters in order, if there is one."""
    start, initials = end, ""
    while start > 0 and end - start < 16 and len(initials) < len(acronym):
        token = doc[start - 1]
        if token.is_alpha and token.is_title:
            initials = token.text[0] + initials
        elif not (token.lower_ in _NAME_JOINERS or token.tag_ == "POS" and not doc[start - 2].whitespace_):
            return None
        start -= 1
    if initials != acronym or not doc[start].is_title:
        return None
    return doc[start:end]


def _named_with_the(span: Span) -> bool:
    """Whether a one-word name the model took for a person is a noun with "the" before it: a team or a
    band ("the Comets scored ten points in a row"); a person's name takes no article."""
    if len(span) != 1 or span.start == 0:
        return False
    before, root = span.doc[span.start - 1], span.root
    return before.lower_ == "the" and before.dep_ == "det" and before.head.i == root.i \
        and root.dep_ not in ("compound", "amod", "poss", "nmod")


def _gerund_before(first: Token, last: Token) -> bool:
    """Whether a name's first word opening a sentence is a verb's -ing form before a surname the text
    gives a person elsewhere ("Hosting Cook ..." after "Tim Cook")."""
    if not first.lower_.endswith("ing") or len(first) < 6:
        return False
    return any(e.label_ == "PERSON" and len(e) >= 2 and e[-1].text == last.text and e.start != first.i
               for e in first.doc.ents)


_NAME_PREPOSITIONS = frozenset({"of", "for", "on", "in", "at", "to", "against", "de"})


def _name_head(name: str) -> str:
    """The noun a body's name is built on: its last word before a preposition ("the University of Texas",
    "Council on Energy"), else its last word ("World Health Organization")."""
    words = [w.casefold().strip(",") for w in name.split()]
    for i, word in enumerate(words[1:], 1):
        if word in _NAME_PREPOSITIONS:
            return words[i - 1]
    return words[-1] if words else ""


class _Actors:
    """The actors of one document, built mention by mention in text order."""

    def __init__(self, doc: Doc, kb: ActorKB):
        self.doc, self.kb = doc, kb
        self.all: list[_Actor] = []
        self.by_key: dict[tuple[str, str], _Actor] = {}
        self.taken = bytearray(len(doc))  # 1 where a token already belongs to a mention
        self.acronyms: dict[str, str] = {}  # "GNA" -> "Government of National Accord"
        self.roles: dict[int, tuple[str, Span]] = {}  # person entity start -> (role, its tokens)
        self.places: set[str] = set()  # names the text uses as places somewhere: never actors
        self.place_tokens: set[int] = set()  # tokens inside a place of several words ("York" in "New York")
        self.text = doc.text  # read once: spaCy joins the tokens' text anew on every access
        self.furniture = furniture(self.text)  # datelines and bylines: no actor mentions there
        self.org_words: set[str] = set()
        self.surnames: set[str] = set()
        self.firms: set[int] = set()  # ids of organisations the text calls a firm where the model saw a person

    # -- the passes -------------------------------------------------------------------------

    def collect(self) -> None:
        ents = [e for e in self.doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]
        role_tokens: set[int] = set()
        for ent in ents:
            if ent.label_ == "PERSON":
                role = self._role(ent)
                if role:
                    self.roles[ent.start] = role
                    role_tokens.update(range(role[1].start, role[1].end))
            elif ent.label_ == "ORG":
                self._acronym_after(ent)
        persons_by_place = self._persons_taken_for_places(ents)
        self.place_tokens = {i for e in ents if e.label_ in ("GPE", "LOC", "FAC") and len(e) > 1
                             and e.start not in persons_by_place for i in range(e.start, e.end)}
        # a name given a person's honorific anywhere ("Mr. Trump") is a person wherever it stands ("gathered
        # around Mr. Trump", "between Mr. Trump and his counterpart" do not make it a place)
        honoured = {_clean(_trim(e).text) for e in ents if e.label_ == "PERSON" and _trim(e).start > 0
                    and self.doc[_trim(e).start - 1].lower_ in HONORIFICS}
        self.places = {
            _clean(_trim(e).text) for e in ents
            if not e.ent_id_ and (e.label_ in ("GPE", "LOC", "FAC") or _is_place(_trim(e), e.label_))
            and e.start not in persons_by_place
            and not (e.label_ == "PERSON" and _clean(_trim(e).text) in honoured)
        }
        # one-word names the recogniser reads as an organisation somewhere on the page ("Google")
        self.org_words = {e.text for e in ents if e.label_ == "ORG" and len(e) == 1 and e[0].is_alpha
                          and e[0].is_title and not e.ent_id_}
        # surnames of the page's full names: a firm named after a person ("the Trump Foundation") is not
        # what the surname alone means ("Trump said")
        self.surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
        self._government_metonyms(ents)
        self._names_before_acronyms(ents)
        self._names_with_plural_possessive(ents)
        self._organisations_read_as_places(ents)
        self._town_police(ents)
        for ent in ents:
            span = _name(ent) if ent.label_ == "PERSON" else _trim(ent)
            if ent.label_ == "PERSON" and (firm := self._firm_run(ent)) is not None:
                span = firm  # "Google Cloud" whole, not "Cloud" after a "role" "Google"
            if ent.label_ == "ORG" and not ent.ent_id_ and (titled := _after_title(span)) is not None:
                span = titled  # "Outgoing PM Cerar": the name after the title
            if len(span) == 0 or self._overlaps(span):
                continue
            if span.start in role_tokens and ent.label_ == "ORG" and not ent.ent_id_:
                continue  # "Defense" in "US Defense Secretary" is part of a role, not an actor
            actor = self._person(ent, span) if ent.start in persons_by_place else self._actor_of(ent, span)
            if actor is not None:
                self._mention(actor, span)
        self._firms_taken_for_persons()
        self._persons_taken_for_organisations()
        self._organisations_taken_for_persons()
        self._surnames_taken_for_organisations()
        self._short_forms()
        self._descriptions()

    def _persons_taken_for_places(self, ents: list[Span]) -> set[int]:
        """Starts of "places" that are a person's given name and surname: the recogniser read "Kate York" as a
        place, then "York said" as a person. A place entity of two or three capitalised words that is no place
        the gazetteer knows, no known actor, and whose last word the text names alone as a person elsewhere."""
        from newsgraph.gazetteer import load_gazetteer

        alone = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1}
        found = set()
        for ent in ents:
            words = [t for t in ent]
            if ent.label_ not in ("GPE", "LOC") or ent.ent_id_ or not 2 <= len(words) <= 3 \
                    or not all(t.is_alpha and t.is_title for t in words) or words[-1].text not in alone:
                continue
            text = _clean(ent.text)
            if self.kb.lookup(text) is not None or text in self.kb.capitals or load_gazetteer().lookup(text):
                continue  # "New York", "South Sudan": a place indeed
            found.add(ent.start)
        return found

    def _organisations_read_as_places(self, ents: list[Span]) -> None:
        """An organisation's name the model reads whole somewhere ("Paris Baguette was founded") and elsewhere as a
        place and the words after it ("For Paris Baguette, however", "CEO of Paris Baguette North America"): those
        words are the organisation, not the place; a region after them names its branch ("... North America")."""
        doc = self.doc
        names = {tuple(t.text for t in e) for e in ents if e.label_ == "ORG" and not e.ent_id_ and 2 <= len(e) <= 5
                 and all(t.is_title or t.is_upper for t in e)}
        if not names:
            return
        starts = {e.start: e for e in ents if e.label_ in ("GPE", "LOC")}
        for start, place in sorted(starts.items()):
            for name in names:
                end = start + len(name)
                if end > len(doc) or name[0] != doc[start].text or end <= place.end \
                        or tuple(t.text for t in doc[start:end]) != name or self._overlaps(doc[start:end]):
                    continue
                if end in starts and starts[end][-1].lower_ in BRANCH_WORDS:
                    end = starts[end].end  # "Paris Baguette North America": the firm's branch
                span = doc[start:end]
                self._mention(self._organization(" ".join(name), self._country_of_org(span), None), span)
                break

    def _town_police(self, ents: list[Span]) -> None:
        """A town's police ("Dayton police said", "Akron police arrested"): the town's name and "police" are one
        organisation, "Dayton police", the police of that town; never the town read as an organisation or a
        person. Not a country's or a known actor's ("Israel police" stands for Israel's), nor an officer of it
        ("Dayton police officer Jane Roe": a person's role)."""
        doc = self.doc
        ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        for police in self.doc:
            if police.lower_ != "police" or police.pos_ != "NOUN" or police.i in ent_at and ent_at[police.i].end > police.i:
                continue  # ("the Capitol Police", "Metropolitan Police": the model's own name)
            start = police.i
            while start > police.sent.start and police.i - start < 3 and doc[start - 1].is_title \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, police.i + 1):
                start -= 1
            if start == police.i or doc[start].is_sent_start and doc[start].lower_ in FUNCTION_WORDS:
                continue
            town = doc[start : police.i]
            named = {ent_at[i] for i in range(start, police.i) if i in ent_at}
            if any(e.label_ not in ("GPE", "ORG", "LOC") or e.ent_id_ or e.start < start for e in named):
                continue  # a person's or a known actor's name, or one that begins before
            nxt = doc[police.i + 1] if police.i + 1 < len(doc) else None
            if nxt is not None and (nxt.lower_ in PERSON_ROLES | _MORE_PERSON_ROLES or _title_word(nxt)):
                continue  # "Dayton police officer Jane Roe", "Dayton Police Chief ...": a person's role
            text = _clean(town.text)
            if self.kb.lookup(text) is not None or self._overlaps(doc[start : police.i + 1]):
                continue
            from newsgraph.gazetteer import load_gazetteer

            towns = [c for c in load_gazetteer().lookup(text) if c.feature_class in ("P", "A")
                     and not c.feature_code.startswith("PCL")]
            if not towns and text not in self.places and text not in self.kb.capitals:
                continue  # "Acme police": no town's name
            country = self.kb.capitals.get(text) or (towns[0].country if towns else None)
            end = police.i + 1
            if nxt is not None and nxt.lower_ in ("department", "dept", "dept.", "force", "service"):
                end += 1  # "the Dayton Police Department"
            span = doc[start:end]
            self._mention(self._organization(_clean(span.text), country, "police"), span)

    def _names_with_plural_possessive(self, ents: list[Span]) -> None:
        """A body's name with a plural possessive inside it, which the model cuts after the apostrophe ("The
        Lebanese Dock Workers' | Syndicate", "the Mineworkers' | Union"): the capitalised words before it are part
        of the name (a demonym among them), not another actor."""
        doc = self.doc
        for ent in ents:
            start = ent.start
            if ent.label_ != "ORG" or ent.ent_id_ or start < 2 or doc[start - 1].text not in ("'", "’") \
                    or doc[start - 1].tag_ != "POS" or not doc[start - 2].is_title or doc[start - 2].whitespace_:
                continue
            first = start - 1
            while first > 0 and start - first < 6 and doc[first - 1].is_title and doc[first - 1].is_alpha \
                    and doc[first - 1].lower_ != "the" and not doc[first - 1].is_sent_start:
                first -= 1
            span = doc[first : ent.end]
            if first == start - 1 or self._overlaps(span):
                continue
            self._mention(self._organization(_clean(span.text), self._country_of_org(span), None), span)

    def _names_before_acronyms(self, ents: list[Span]) -> None:
        """A body's full name before its acronym in brackets, where the model cut it in pieces ("the Bangladesh
        Garment Workers' | Unity Council (BGWUC)", "the Bangladesh Garment Manufacturers | and Exporters
        Association (BGMEA)"): the capitalised words whose initials spell the acronym are one organisation, the
        acronym its alias. Only where the model saw an organisation there, and no person or known actor."""
        doc = self.doc
        # the brackets after an organisation ("... Association (BGMEA)") or around one ("(BGWUC)")
        brackets = sorted({e.end for e in ents if e.label_ == "ORG" and e.end < len(doc) and doc[e.end].text == "("}
                          | {e.start - 1 for e in ents if e.label_ == "ORG" and e.start and doc[e.start - 1].text == "("})
        for at in brackets:
            if at + 2 >= len(doc) or doc[at + 2].text not in (")", ","):
                continue
            acronym = doc[at + 1].text
            if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 8):
                continue
            span = _initials_span(doc, at, acronym)
            if span is None or self._overlaps(span):
                continue
            touching = [e for e in ents if e.start < span.end and e.end > span.start]
            if any(e.label_ == "ORG" and _trim(e).start == span.start and e.end == span.end for e in touching):
                continue  # the model's own name is whole: the usual acronym rule links it
            if any(e.label_ == "PERSON" or e.ent_id_ for e in touching) or not any(e.label_ == "ORG" for e in touching):
                continue
            name = _clean(span.text)
            self.acronyms[acronym] = name
            self._mention(self._organization(name, self._country_of_org(span), None), span)

    def _fold(self, gone: _Actor, into: _Actor) -> None:
        """One actor read as two: the mentions of ``gone`` become ``into``'s, and ``gone`` is no actor any more."""
        into.names.extend(gone.names)
        self.all.remove(gone)
        self.by_key = {k: a for k, a in self.by_key.items() if a is not gone}

    def _firms_taken_for_persons(self) -> None:
        """A firm's name the model took for a person's where nothing called it a firm ("Acme Labs buys Zeta" in a
        headline, then "the security firm Acme Labs"): mentions of the firm, and so is the first word of its name
        alone ("Acme's ability"); a pronoun given to the "person" is nobody's."""
        firms = [a for a in self.all if id(a) in self.firms]
        for person in [a for a in self.all if a.type == "person" and a.kb_id is None]:
            name = person.name.casefold()
            fits = [f for f in firms if f.name.casefold() == name
                    or len(person.name_tokens) == 1 and len(f.name.split()) > 1 and f.name.split()[0] == person.name
                    and person.name not in self.surnames]
            if len(fits) != 1:
                continue
            self._fold(person, fits[0])

    def _persons_taken_for_organisations(self) -> None:
        """A person's name the model also read as an organisation's, as a film's character often is ("Rose-Lynn
        sings" a person, "the role that Rose-Lynn plays" an organisation; "to play Rose-Lynn Harlan" too): the
        same name, or the person's one given name followed by a surname, is that person, where the organisation's
        name has no word only a body's name has."""
        for org in [a for a in self.all if a.type == "organization" and a.kb_id is None and a.names]:
            words = org.name.split()
            if len(words) > 2 or not all(w.replace("-", "").isalpha() and w[0].isupper() for w in words) \
                    or words[-1].casefold() in _ORG_WORDS | FIRM_DESCRIPTIONS | BRANCH_WORDS or id(org) in self.firms:
                continue
            persons = [a for a in self.all if a.type == "person" and a.kb_id is None and self._named_so(a, words)]
            if len(persons) != 1:
                continue
            person = persons[0]
            self._fold(org, person)
            if len(words) > len(person.name.split()):  # "Rose-Lynn Harlan" the full name of "Rose-Lynn"
                person.name, person.name_tokens = org.name, tuple(words)

    def _organisations_taken_for_persons(self) -> None:
        """A firm's name of two words the model read as a person's ("Northrop Grumman", "Lockheed Martin"): where
        the model reads the same name as an organisation elsewhere, or lists it among organisations only ("includes
        Draper, Lockheed Martin, and Northrop Grumman"), and nothing tells a person — a given name of the list, a
        title, an honorific, a role — it is the organisation."""
        orgs = {_clean(e.text) for e in self.doc.ents if e.label_ == "ORG" and not _person_by_role(_trim(e))}
        for person in [a for a in self.all if a.type == "person" and a.kb_id is None and a.names]:
            words = person.name.split()
            if len(words) != 2 or _given_name(words[0]) or person.role is not None or any(
                    s.start > 0 and (_title_word(before := self.doc[s.start - 1])
                                     or before.lower_ in PERSON_ROLES | _MORE_PERSON_ROLES) for s in person.names):
                continue  # "police officer Nilanjan Biswas", "Eswar Prasad, professor of trade policy"
            if person.name not in orgs and not any(self._listed_with_organisations(s) for s in person.names):
                continue
            self._fold(person, self._organization(person.name, None, None))

    def _listed_with_organisations(self, span: Span) -> bool:
        """Whether a name stands in a list ("A, B and C") whose other names the model reads as organisations."""
        head = span.root
        while head.dep_ == "conj":
            head = head.head
        members, i = [head], 0
        while i < len(members):  # "Draper, Lockheed Martin, and Northrop Grumman": each name a conjunct of the one before
            members += [t for t in members[i].children if t.dep_ == "conj"]
            i += 1
        others = [t for t in members if not (span.start <= t.i < span.end)]
        return len(others) >= 1 and len(members) >= 3 and all(t.ent_type_ == "ORG" for t in others)

    @staticmethod
    def _named_so(person: _Actor, words: list[str]) -> bool:
        """Whether the words are the person's given name, alone as the text calls them or with a surname ("Rose-Lynn",
        "Rose-Lynn Harlan"); a surname alone ("Dell") is left to the firm."""
        said = {person.name, *(_clean(s.text) for s in person.names)}
        return _given_name(words[0]) and person.name.split()[:1] == words[:1] and (words[0] in said or " ".join(words) in said)

    def _surnames_taken_for_organisations(self) -> None:
        """A surname the model took for an organisation before the text gives the full name ("Brandt
        leave plan" in a headline, then "Martin Brandt said") or a middle name standing alone: mentions
        of that person, not a second actor. Where several people share the surname, the one the text
        already calls by it alone."""
        surnames = {a.name_tokens[-1] for a in self.all if a.type == "person" and len(a.name_tokens) > 1}
        for org in [a for a in self.all if a.type == "organization" and a.kb_id is None]:
            if " " in org.name or not org.name.istitle() or not org.name.isalpha():
                continue
            if org.name.endswith("s") and (org.name[:-1] in surnames or org.name.endswith("es") and org.name[:-2] in surnames):
                org.type = "group"  # "the Hendersons" after or before "Carl Henderson": a family
                continue
            if org.anaphors:
                continue
            persons = [a for a in self.all if a.type == "person" and len(a.name_tokens) > 1 and a.name_tokens[-1] == org.name]
            if not persons:  # a middle name: "Tyler's lawyer" after "Jordan Tyler Harmon"
                persons = [a for a in self.all if a.type == "person" and org.name in a.name_tokens[1:-1]]
            if len(persons) > 1:
                persons = [a for a in persons if any(_clean(s.text) == org.name for s in a.names)]
            if len(persons) != 1:
                continue
            self._fold(org, persons[0])

    def _government_metonyms(self, ents: list[Span]) -> None:
        """"the Tripoli government", "Libyan authorities", "the government in Tripoli", "Moscow said"."""
        doc = self.doc
        for noun in doc:  # "<capital or nationality> government", whether the model saw a name or not
            if noun.lower_ not in GOVERNMENT_NOUNS:
                continue
            for i in range(max(noun.i - 3, noun.sent.start), noun.i):
                modifier = _clean(doc[i : noun.i].text)
                code = self.kb.capitals.get(modifier) or self.kb.demonyms.get(modifier)
                if code and modifier[:1].isupper():
                    self._government(code, doc[i : noun.i + 1])
                    break
        for ent in ents:  # capitals standing for their government
            ent = _trim(ent)
            code = self.kb.capitals.get(_clean(ent.text))
            if code is None:
                continue
            before = doc[max(ent.start - 2, 0) : ent.start]
            if len(before) == 2 and before[0].lower_ in GOVERNMENT_NOUNS and before[1].lower_ in ("in", "of"):
                self._government(code, doc[ent.start - 2 : ent.end])
            elif ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in METONYM_VERBS:
                self._government(code, ent)

    def _government(self, code: str, span: Span) -> None:
        government = self.kb.government(code)
        if government is not None and not self._overlaps(span):
            self._mention(self._kb_actor(government), span)

    def _short_forms(self) -> None:
        """Surnames, first names and acronyms the model did not label, wherever they recur."""
        forms: dict[str, _Actor] = {}
        for person in self.all:
            if person.type == "person":
                for word in (person.name_tokens[0], person.name_tokens[-1]) if len(person.name_tokens) > 1 else ():
                    if self._person_for((word,)) is person:
                        forms.setdefault(word, person)
        for acronym, name in self.acronyms.items():
            organisation = self.by_key.get(("org", name.casefold()))
            if organisation is not None:
                forms.setdefault(acronym, organisation)
        if not forms:
            return
        for token in self.doc:
            actor = forms.get(token.text)
            if actor is not None and not self.taken[token.i] and token.text[:1].isupper() \
                    and token.i not in self.place_tokens \
                    and not (token.lower_ in FUNCTION_WORDS and token.pos_ != "PROPN"):
                # "York" in "New York" is not Kate York; "He has ..." is no mention of Liu He
                self._mention(actor, self.doc[token.i : token.i + 1])

    def _descriptions(self) -> None:
        """Definite descriptions of one actor named before: "the terror group", "the US president"."""
        owners = [self.doc[t.left_edge.i : t.i + 1] for t in self.doc  # "the unit's presence": "the unit"
                  if t.dep_ == "poss" and t.pos_ == "NOUN" and t.left_edge.lower_ == "the"]
        for chunk in [*self.doc.noun_chunks, *owners]:
            if chunk[0].lower_ != "the" or chunk.root.i != chunk.end - 1 or len(chunk) > 5:
                continue
            head = chunk.root.lower_
            modifiers = [t for t in chunk[1:-1]]
            if chunk.root.pos_ != "NOUN" or any(t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in modifiers):
                continue
            if chunk.root.tag_ == "NNS" and head not in ARMED_HEADS:
                continue  # "the traders" are people, not the traders' association
            named_before = [a for a in self.all if a.names and min(s.start for s in a.names) < chunk.start]
            fits = [a for a in named_before if self._describes(a, head, modifiers)]
            if not fits:  # "a US special forces unit ... the unit": the actor that named that same noun, with no
                # other words ("France's national cybersecurity agency ... the regional health agency" is another)
                said = {t.lower_ for t in modifiers}
                # A person's name before a thing ("a Nicole Ray script ... The script") is not that person: only
                # what a person's name calls theirs as a body ("the Obama administration ... the administration")
                # or what speaks for them ("a Hillary Clinton ad ... The ad says").
                fits = [a for a in named_before if any(
                    s.start < chunk.start and (noun := _modified(s.root, chunk.root.lemma_)) is not None
                    and said <= {t.lower_ for t in noun.subtree} for s in a.names)
                    and (a.type != "person" or chunk.root.lemma_.lower() in _A_PERSONS | _COLLECTIVE_HEADS | SAYING_NOUNS)]
            if len(fits) == 1 and chunk.root.lemma_.lower() in _DOCUMENT_HEADS:
                reporter = self._reported_just_before(chunk, named_before)
                if reporter is not None and reporter is not fits[0]:
                    fits = [reporter]  # "ACSM reported that ... “…,” the trends report stated": ACSM's report
            if len(fits) != 1 or any(self.taken[t.i] for t in chunk if self._country_code(t) is None):
                continue
            actor = fits[0]
            self._release(chunk)
            actor.anaphors.append(chunk)
            self._take(chunk)
            if actor.type == "person" and actor.country is None:
                actor.country = self._country_in(modifiers)

    def _reported_just_before(self, chunk: Span, named_before: list[_Actor]) -> _Actor | None:
        """The body named last as the subject of a verb of reporting in the sentence before a document noun or
        in its own sentence before it ("The Guild reported that ... “…,” the trends report stated")."""
        sent = chunk.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        best: tuple[int, _Actor] | None = None
        for actor in named_before:
            if actor.type == "person":
                continue
            for span in actor.names:
                root = span.root
                if start <= span.start < chunk.start and root.dep_ == "nsubj" \
                        and root.head.lemma_ in _REPORTING_VERBS and (best is None or span.start > best[0]):
                    best = (span.start, actor)
        return best[1] if best is not None else None

    def names_told_again(self, page: _Page) -> None:
        """An organisation's name told again where the recogniser missed it or read it as something else
        ("The attorney general is investigating WeWork", WeWork taken for a product there and an organisation
        elsewhere): the same words in the same case, whole, outside any other mention, a longer name, a place
        or the page's furniture, are that actor's mention too. Not a word the page also uses in lower case,
        nor one word opening a sentence ("Target" the retailer, "Target the ..."), nor words two actors share."""
        doc = self.doc
        owners: dict[tuple[str, ...], _Actor | None] = {}
        for actor in self.all:
            if actor.type not in ("organization", "armed_group", "igo", "media"):
                continue
            for span in actor.names:
                words = tuple(t.text for t in span)
                if words and words[0][:1].isupper() and not (len(words) == 1 and words[0].lower() in page.common):
                    owners[words] = actor if owners.get(words, actor) is actor else None
        for words, owner in owners.items():
            if owner is None:
                continue
            for i in page.at.get(words[0], ()):
                end = i + len(words)
                if end > len(doc) or tuple(t.text for t in doc[i:end]) != words:
                    continue
                span = doc[i:end]
                if self._overlaps(span) or any(t.i in self.place_tokens for t in span):
                    continue
                if len(words) == 1 and doc[i].is_sent_start:
                    continue
                if i > 0 and doc[i - 1].pos_ == "PROPN" or end < len(doc) and doc[end].pos_ == "PROPN":
                    continue  # inside a longer name ("WeWork Labs", "Amazon Web Services")
                self._mention(owner, span)

    def resolve_pronouns(self) -> None:
        """Third-person pronouns resolved to the one fitting actor named just before them (this
        sentence or the one before): "he" to the one person, "it" to the one organisation or
        country, "they" to the plural group that was the last subject. Where two fit, the subject
        of the sentence before wins; where none or still several, the pronoun stays unresolved."""
        doc = self.doc
        at: dict[int, _Actor] = {}
        for actor in self.all:
            for span in actor.names + actor.anaphors:
                if span.end < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_:
                    continue  # "the Bush-era whistleblower ... he": the name only modifies someone else
                for i in range(span.start, span.end):
                    at[i] = actor
        sents = list(doc.sents)
        sexes: dict[int, str | None] = {}  # a person's sex as the text tells it: "she" never stands for "Mr. Tran"
        for n, sent in enumerate(sents):
            window_start = sents[n - 1].start if n else sent.start
            window_start = max(window_start, sent.start - 150)  # a runaway "sentence" of a page dump
            for token in sent:
                kind = _PRONOUN_KINDS.get(token.lower_)
                if kind is None or token.pos_ != "PRON" or self.taken[token.i] or \
                        inside(self.furniture, token.idx, token.idx + len(token)):
                    continue
                before = [(i, at[i]) for i in range(max(window_start, token.i - 150), token.i) if i in at]
                sex = _PRONOUN_SEXES.get(token.lower_)
                fits = [(i, a) for i, a in before if _fits(a, kind, doc[i], at)
                        and not (sex and a.type == "person" and sexes.setdefault(id(a), _sex_of(a)) not in (None, sex))]
                actors = {id(a): a for _, a in fits}
                if not actors:
                    continue
                if len(actors) > 1:
                    subjects = [a for i, a in fits if doc[i].dep_ in ("nsubj", "nsubjpass")
                                or doc[i].head.dep_ in ("nsubj", "nsubjpass") and doc[i].dep_ in ("compound", "amod")]
                    chosen = {id(a): a for a in subjects[-1:]}
                    if len(chosen) != 1:
                        continue
                    actors = chosen
                actor = next(iter(actors.values()))
                span = doc[token.i : token.i + 1]
                actor.anaphors.append(span)
                self._take(span)
                at[token.i] = actor

    # -- what an entity is -------------------------------------------------------------------

    def _actor_of(self, ent: Span, span: Span) -> _Actor | None:
        kb, text, label = self.kb, _clean(span.text), ent.label_
        if not text:
            return None  # a lone no-break space or other white space the model read as a name
        if ent.ent_id_:
            institution = institution_of(ent.ent_id_)
            if institution is None:
                return self._kb_actor(kb.actors[ent.ent_id_])
            return self._organization(text, *institution)
        known = kb.lookup(text) if text not in kb.unless_person or label != "PERSON" else None
        if known is not None and (label not in ("NORP", "PERSON") or known.type == "country"):
            return self._kb_actor(known)  # also "Togo" mistaken for a person
        if text in kb.capitals or text in self.places:
            return None  # "Officials in Lomé", "near Gao": places the model took for names
        if label == "PERSON" and _hazard_name(span):
            return None  # "Cyclone Idai", "Hurricane Maria": weather, not an actor
        if label == "PERSON" and _body_word(span):
            return self._organization(text, self._country_of_org(span), None)  # "Frente Popular del Catatumbo", "Detainee Watch"
        if label == "PERSON" and (_ensemble(span) or self._school_or_team(span)):
            return self._organization(text, None, None)  # "the Doobie Brothers", "Wichita North beat Wichita East"
        if label == "PERSON" and _publication(span):
            span = _title_run(span)  # "Get Motor Cycle Monthly delivered": the whole title, a publication
            return self._organization(_clean(span.text), None, None)
        if label == "PERSON" and (_named_as_firm(span) or _firm_branch(span) or self._firm_first_word(span)
                                  or self._described_as_firm(ent)):
            firm = self._organization(text, self._country_of_org(span), None)  # "producer Vale", "Acme AI"
            self.firms.add(id(firm))
            return firm
        if label == "PERSON" and _named_with_the(span):
            return self._organization(text, self._country_of_org(span), None)  # "the Comets"
        if label == "PERSON" and len(span) == 1 and (short := self._firm_named(text)) is not None \
                and self._person_for((text,)) is None:
            return short  # "Stytch's experts" after "Stytch, an identity platform", "Searchlight's" after "Searchlight Cyber"
        if label == "PERSON":
            return self._person(ent, span)
        if all(t.is_title for t in span) and self._person_for(tuple(t.text for t in span)):
            return self._person(ent, span)  # "Nwachukwu" mistaken for an organisation
        if label == "ORG" and _person_by_role(span):
            return self._person(ent, span)  # "Eswar Prasad, professor of trade policy at Cornell"
        if label == "ORG" and span.start > ent.start and self.doc[span.start - 1].lower_ in PERSON_TITLES:
            return self._person(ent, span)  # "Outgoing PM Cerar": a person's title and name (collect cut it)
        if label == "NORP":
            code = kb.demonyms.get(text)
            country = kb.country(code) if code else None
            if country is not None:
                return self._kb_actor(country)
            if span.root.tag_ in ("NNS", "NNPS") and text not in kb.capitals:  # "Kurds", "Sunnis"
                return self._get(("group", text.casefold()), lambda: _Actor(text, "group"))
            return None
        if label == "ORG":
            if text in self.acronyms:
                text = self.acronyms[text]
            return self._organization(text, self._country_of_org(span), None)
        return None  # cities, regions, facilities: places, not actors

    def _school_or_team(self, span: Span) -> bool:
        """Whether a "person" is a school or its team: a town of some size and a word a school adds to it,
        "High" or "Central", or a point of the compass when the page names another of the town's schools
        ("Wichita North beat Wichita East"); not "Oliver North", "Kanye West"."""
        words = [t for t in span if not t.is_space]
        if len(words) < 2 or words[-1].lower_ not in SCHOOL_ENDS or not all(t.is_title for t in words):
            return False
        town = _clean(span[: words[-1].i - span.start].text)
        if words[-1].lower_ not in ("high", "central"):
            others = {m.group(1).lower() for m in re.finditer(rf"\b{re.escape(town)} ([A-Z][a-z]+)\b", self.text)}
            if not others - {words[-1].lower_} & SCHOOL_ENDS:
                return False
        if town in self.places or town in self.kb.capitals:
            return True
        from newsgraph.gazetteer import load_gazetteer

        found = load_gazetteer().lookup(town)
        return bool(found) and found[0].population >= SCHOOL_TOWN_POPULATION

    def _kb_actor(self, known: KBActor) -> _Actor:
        return self._get(
            ("kb", known.id),
            lambda: _Actor(known.name, known.type, known.sector, known.country, known.id),
        )

    def _organization(self, text: str, country: str | None, sector: str | None) -> _Actor:
        name = text
        if country and name in self.kb.institutions:  # "Foreign Ministry" in Tripoli -> "Libyan Foreign Ministry"
            name = f"{self.kb.adjectives[country]} {name}"
            sector = sector or self.kb.institutions[text]
        longer = [
            a for a in self.all
            if a.type == "organization" and a.name.casefold().endswith(" " + name.casefold()) and a.kb_id is None
        ]
        if ("org", name.casefold()) not in self.by_key and len(longer) == 1:  # "Border Police" after "Moldovan Border Police"
            self.by_key[("org", name.casefold())] = longer[0]
        actor = self._get(("org", name.casefold()), lambda: _Actor(name, "organization", sector, country))
        for short in (text, next((a for a, full in self.acronyms.items() if full == text), None)):
            if short:
                self.by_key.setdefault(("org", short.casefold()), actor)
        if len(name) > len(actor.name):
            actor.name = name
        return actor

    def _country_of_org(self, span: Span) -> str | None:
        """The country an organisation's name or a following "in/of <country or capital>" names."""
        code = self._country_in(span[:1])
        doc = self.doc
        if code is None and span.end + 1 < len(doc) and doc[span.end].lower_ in ("in", "of"):
            for ent in ents_within(doc, span.end + 1, min(span.end + 4, len(doc))):
                if ent.start == span.end + 1:
                    text = _clean(ent.text)
                    known = self.kb.lookup(text)
                    code = self.kb.capitals.get(text) or (known.country if known and known.type == "country" else None)
        return code

    def _person(self, ent: Span, span: Span) -> _Actor:
        while len(span) > 1 and _title_word(span[0]) and span[1].is_title:
            span = span[1:]  # "spokesperson Sergeant Noloyiso Rwexana" read as an organisation: the name after the rank
        tokens = _name_tokens(span)
        actor = self._person_for(tokens)
        if actor is None:
            actor = _Actor(_clean(span.text), "person", name_tokens=tokens)
            self.all.append(actor)
        elif len(tokens) > len(actor.name_tokens):
            actor.name, actor.name_tokens = _clean(span.text), tokens
        role = self.roles.get(ent.start)
        if role and actor.role is None:
            actor.role = role[0]
            actor.country = actor.country or self._country_in(role[1])
        return actor

    def _firm_first_word(self, span: Span) -> bool:
        """Whether a name of two words the model took for a person begins with a word the page names alone as
        an organisation: a firm's branch or service ("Google Cloud" beside "Google"), no person's given name."""
        return len(span) == 2 and span[0].text in self.org_words and span[1].is_title \
            and self._person_for((span[0].text,)) is None

    def _firm_run(self, ent: Span) -> Span | None:
        """The firm's branch a person entity is part of: the entity ("Google Cloud") or the word before it and
        the entity ("Google" + "Cloud"), when it begins with a one-word organisation of the page."""
        span = _trim(ent)
        if len(span) == 1 and span.start > 0:
            before = self.doc[span.start - 1]
            if before.dep_ == "compound" and before.head.i == span.start and before.text in self.org_words:
                span = self.doc[span.start - 1 : span.end]
        if not self._firm_first_word(span) or span.start > 0 and self.doc[span.start - 1].lower_ in HONORIFICS:
            return None
        role = self.roles.get(ent.start)  # "Ford Madison, a welder": a person's job makes a person
        return None if role and role[1].root.lemma_ in PERSON_ROLES | _MORE_PERSON_ROLES else span

    def _firm_named(self, word: str) -> _Actor | None:
        """The one organisation (not a known actor) named before by this word alone or by a name of two or three
        words it begins: a firm's short name the model took for a person's."""
        if word in self.surnames:
            return None
        same = self.by_key.get(("org", word.casefold()))
        if same is not None and same.type == "organization":
            return same
        fits = {id(a): a for a in self.all if a.type == "organization" and a.kb_id is None
                and 2 <= len(words := a.name.split()) <= 3 and words[0] == word}
        return next(iter(fits.values())) if len(fits) == 1 else None

    def _described_as_firm(self, ent: Span) -> bool:
        """Whether the noun the text sets beside a name calls it a firm or a medium, not a person: "Stytch, an
        identity platform for AI agents", "Acme, a Texas-based startup" (not "producer", "publisher": jobs too)."""
        role = self.roles.get(ent.start)
        if role is None:
            return False
        words, head = role[1], role[1].root
        if head.pos_ != "NOUN" or head.lower_ not in FIRM_DESCRIPTIONS:
            return False
        # right after the name: not "Ann Lee, CEO of Acme, a Texas startup" (the startup is Acme); or right before
        # it ("backup provider Veltrix Software"), not set off ("your company, Farah, ...": a person spoken to)
        if words.start < ent.end:
            return not any(t.is_punct or t.tag_ == "PRP$" for t in self.doc[words.start : _name(ent).start])
        return all(t.is_punct or t.pos_ == "DET" for t in self.doc[ent.end : words.start])

    def _person_for(self, tokens: tuple[str, ...]) -> _Actor | None:
        """The person these name tokens continue: same name, same surname, or a lone first name."""
        persons = [a for a in self.all if a.type == "person"]
        same = [a for a in persons if a.name_tokens == tokens]
        if same:
            return same[0]
        if len(tokens) == 1:
            by_surname = [a for a in persons if a.name_tokens[-1] == tokens[0]]
            by_first = [a for a in persons if len(a.name_tokens) > 1 and a.name_tokens[0] == tokens[0]]
            fits = by_surname or by_first
        else:  # "Abu Zaakouk" continues "Ali Abu Zaakouk"; "John Kirby" completes an earlier "Kirby"; a particle
            # capitalised at a sentence's start is the same word ("Du Randt did not come out" after "Pieter du Randt")
            words = {_particle_folded(t) for t in tokens}
            fits = [
                a for a in persons
                if a.name_tokens[-1] == tokens[-1] and (
                    (known := {_particle_folded(t) for t in a.name_tokens}) <= words or words <= known)
            ]
            if not fits and len(tokens) == 2:  # "Josh Apte" after "Joshua Apte": a short form of the given name
                fits = [a for a in persons if len(a.name_tokens) == 2 and a.name_tokens[1] == tokens[1]
                        and _short_form(a.name_tokens[0], tokens[0])]
        if len(fits) == 1:
            return fits[0]
        # an actor named only in a dateline or byline has no names left: it is no candidate
        return max(fits, key=lambda a: max((s.start for s in a.names), default=-1)) if fits else None

    # -- roles -------------------------------------------------------------------------------

    def _role(self, ent: Span) -> tuple[str, Span] | None:
        """A person's role: "US State Department spokesman John Kirby", "Kirby, the spokesman,"."""
        doc = self.doc
        start = _name(ent).start
        root = ent.root
        i = ent.start
        while i > root.left_edge.i and self._role_token(doc[i - 1]):
            i -= 1
        while i < start and (doc[i].lower_ in HONORIFICS or doc[i].is_punct):
            i += 1
        role = doc[i:start]
        if any(t.pos_ in ("NOUN", "PROPN") and (not t.ent_type_ or t.i >= ent.start) for t in role):
            return _clean(role.text), role
        for appos in [t for t in root.rights if t.dep_ == "appos" and _role_noun(t)]:
            return self._nominal_role(appos)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start \
                and not any(t.ent_type_ == "PERSON" for t in doc[root.head.i + 1 : ent.start]) \
                and not (ent.start > 0 and doc[ent.start - 1].text == "("):
            # "the Scottish hero William Wallace (Mel Gibson)": the noun is the role of the name right after it,
            # not of a name in brackets or further on
            return self._nominal_role(root.head)
        return None

    def _role_token(self, token) -> bool:
        if token.ent_type_ == "PERSON" or token.is_space:
            return False
        if token.is_punct:
            return token.text in "-–" and not token.whitespace_
        return token.pos_ in ("PROPN", "NOUN", "ADJ", "PART") and token.tag_ != "PRP$"

    def _nominal_role(self, noun) -> tuple[str, Span] | None:
        """"the foreign minister", "spokesman for the ministry": the noun phrase without its article."""
        end = noun.i + 1
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at") and prep.i == end:
                end = prep.right_edge.i + 1
        start = noun.left_edge.i
        while start < noun.i and self.doc[start].pos_ in ("DET", "PRON", "PUNCT"):
            start += 1
        role = self.doc[start:end]
        if len(role) > 8 or any(t.is_punct and t.text not in "-–" for t in role):
            return None
        return _clean(role.text), role

    # -- helpers -----------------------------------------------------------------------------

    def _describes(self, actor: _Actor, head: str, modifiers: list) -> bool:
        """Whether "the <modifiers> <head>" can mean this actor: "the Somali militant group", "the US president"."""
        countries = {self._country_code(m) for m in modifiers} - {None}
        words = {m.lower_ for m in modifiers if self._country_code(m) is None}
        if countries and actor.country and countries != {actor.country}:
            return False
        if actor.type == "person":
            role_words = actor.role.casefold().split() if actor.role else []
            return bool(role_words) and role_words[-1] == head and words <= set(role_words)
        if head in ARMED_HEADS:
            return actor.type == "armed_group" and words <= ARMED_MODIFIERS
        if head in GROUP_HEADS and words and words <= ARMED_MODIFIERS:
            return actor.type == "armed_group"
        if actor.type not in NAMED_TYPES:
            return False
        known = self.kb.actors.get(actor.kb_id) if actor.kb_id else None
        nouns = set(known.nouns) if known else set()
        name_words = {w.casefold() for w in actor.name.split()}
        if head not in nouns and head != _name_head(actor.name):
            return False  # "the world" is no mention of the World Health Organization, "the organization" is
        return words <= name_words | {"news"}

    def _country_code(self, token) -> str | None:
        """The country a single token names, as a demonym ("Libyan", "US") or a country name."""
        known = self.kb.lookup(token.text)
        return self.kb.demonyms.get(token.text) or (known.country if known and known.type == "country" else None)

    def _country_in(self, tokens) -> str | None:
        """The first country a run of tokens names: "US", "Libyan", "Libya's", a KB body's country."""
        for ent in ents_within(self.doc, tokens.start, tokens.end) if isinstance(tokens, Span) else ():
            if ent.ent_id_:
                institution = institution_of(ent.ent_id_)
                code = institution[0] if institution else self.kb.actors[ent.ent_id_].country
                if code:
                    return code
        return next((code for code in map(self._country_code, tokens) if code), None)

    def _acronym_after(self, ent: Span) -> None:
        """Link "Government of National Accord (GNA)": the acronym's letters are the name's initials."""
        doc, end = self.doc, ent.end
        inner = next((t.i for t in ent[1:] if t.text == "("), None)
        if inner is not None and inner == ent.end - 2 and end < len(doc) and doc[end].text in (")", ","):
            acronym, name = doc[inner + 1].text, _clean(_trim(ent).text)  # the model's span ran into "(GNR"
        elif end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text not in (")", ","):
            return
        else:
            acronym, name = doc[end + 1].text, _clean(_trim(ent).text)
        initials = [w[0] for w in name.split() if w[:1].isupper()]
        if acronym.isupper() and 2 <= len(acronym) <= 8 and acronym.isalpha() and set(acronym) <= set(initials):
            self.acronyms[acronym] = name  # letters in any order: "National Union of Road Transporters (UNTR)"

    def _get(self, key: tuple[str, str], make) -> _Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = self.by_key[key] = make()
            self.all.append(actor)
        return actor

    def _mention(self, actor: _Actor, span: Span) -> None:
        if not inside(self.furniture, span.start_char, span.end_char):
            actor.names.append(span)
        self._take(span)

    def _take(self, span: Span) -> None:
        self.taken[span.start : span.end] = b"\x01" * len(span)

    def _release(self, span: Span) -> None:
        """Drop the mentions inside a longer description ("US" in "the US president")."""
        for actor in self.all:
            actor.names = [s for s in actor.names if not (span.start <= s.start and s.end <= span.end)]
        self.all = [a for a in self.all if a.names or a.anaphors]
        self.by_key = {k: a for k, a in self.by_key.items() if a.names or a.anaphors}

    def _overlaps(self, span: Span) -> bool:
        return any(self.taken[span.start : span.end])

