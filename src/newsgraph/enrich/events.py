"""Events: who did what to whom, where and when, coded in PLOVER from the dependency parse.

Analysts count and map events, so each one must be a typed action between canonical actors
with its evidence.  The trigger lexicon (data/plover_triggers.tsv) names the verbs and
nominalisations of each PLOVER type with its mode and CAMEO root; the parse gives the rest:
the subject (or the agent of a passive) is the source, the object or a prepositional target
is the target, each mapped to the actor whose mention it overlaps (``article.entities``).

One action is one event: a trigger governed by another trigger ("agreed to cooperate",
"threatened to attack") belongs to its governor, except under a refusal ("refused to
authorize"), where it is kept as a negated event beside the REJECT.  Status follows the
clause: negation, modal or intention ("could request", "plans to"), or a cited source
(``article.citations``, ``article.quotes``).  Control or occupation of territory ("IS controls
Sirte", "holds territories") is COERCE with mode ``seize`` (CAMEO 192, occupy territory), as
the CAMEO-to-PLOVER table codes it.  Everything here is plain Python over the shared Doc.

An event is a real occurrence, not a trigger word (docs/accuracy.md): someone who is an actor must
do it (or a named victim must undergo an arrest, an attack, an accusation); no trigger inside a
date, a dateline or page clutter; "declined to comment", idioms, metaphors, verbs in their saying
sense and campaign rallies give none; verbal attacks are ACCUSE; the same act told again is one
event. Every candidate carries the probability of the learned filter (event_filter.py), which the
confidence component calibrates.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from newsgraph.enrich import event_filter
from newsgraph.enrich.actor_kb import country_of_demonym
from newsgraph.enrich.actors import NATURAL_HAZARDS, balanced
from newsgraph.enrich.entindex import ents_within
from newsgraph.corpus.events import modality
from newsgraph.enrich.languages import profile_of
from newsgraph.enrich.layout import furniture, headline_end, inside
from newsgraph.enrich.profiled import events as profiled_events
from newsgraph.record import Article, Entity, Event, Place

# Dependencies through which a word belongs to the clause of the word above it.
_GOVERNED = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "conj", "advcl"}
# Dependencies that stay inside one clause when looking for negation, modals and intentions.
_CHAIN = {"xcomp", "conj", "pcomp", "pobj", "prep", "dobj", "acl", "attr", "oprd"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
_TARGET_PREPS = {"against", "on", "upon", "with", "to", "toward", "towards", "at", "into", "from", "over"}
_NOUN_TARGET_PREPS = _TARGET_PREPS | {"of"}
_REFUSALS = {"refuse", "decline", "reject", "deny", "fail", "rebuff", "spurn", "veto", "oppose"}
# Verbs under which an act did not happen, without being a refusal of anyone ("avoids condemning X",
# "refrained from attacking"): the act is negated, no REJECT.
_AVOIDANCE = {"avoid", "refrain", "neglect", "omit", "forgo", "forego", "shun", "abstain", "desist", "unable"}
# Verbs saying whether an act took place ("the talks never took place", "the attack did not happen").
_OCCURRING = {"happen", "occur", "materialize", "materialise", "begin", "start", "proceed"}
# ... and said with a word after the verb ("never took place", "did not go ahead").
_OCCURRING_PHRASES = {("take", "place"), ("go", "ahead"), ("come", "about")}
# What runs people over: a person "hit by a car and killed" met an accident, not an attack.
_VEHICLES = {"car", "truck", "lorry", "bus", "train", "vehicle", "van", "motorcycle", "motorbike", "suv", "taxi",
             "tram", "tractor"}
# Verbs that stop a planned act from taking place ("the summit was cancelled", "called off the strike"),
# and those that move it to a later day ("the talks were postponed").
_CANCELLING = {"cancel", "scrap", "scrub", "axe", "nix"}
_POSTPONING = {"postpone", "delay", "defer", "reschedule"}
# The same said with a particle or an adverb ("steered clear of criticizing", "held off on arresting",
# "ruled out meeting", "stopped short of attacking", "shied away from condemning").
_AVOIDANCE_PHRASES = {("steer", "clear"), ("hold", "off"), ("rule", "out"), ("stop", "short"), ("fall", "short"),
                      ("shy", "away"), ("back", "away"), ("stay", "away"), ("keep", "away")}
# Verbs that keep someone *from* an act ("prevented the police from arresting", "barred them from
# entering"): the act under their "from" did not happen.
_PREVENTION = {"prevent", "stop", "bar", "block", "keep", "deter", "dissuade", "ban", "prohibit", "forbid",
               "restrain", "discourage", "hinder", "preclude", "stave"}
_INTENTIONS = {
    "plan", "intend", "want", "seek", "aim", "hope", "threaten", "consider", "prepare", "propose",
    "offer", "promise", "expect", "vow", "pledge", "try", "wish", "agree", "urge", "ask",
    "request", "demand", "call", "decide", "mull", "weigh", "eye", "push", "press", "warn",
    "willing", "ready", "prepared", "determined", "poised", "swear",
}
_MODALS = {"could", "would", "may", "might", "should", "will", "shall", "can", "must", "'ll", "wo", "ca"}
_CONDITIONS = {"if", "unless", "whether"}
# PLOVER codes a stated intention by what is intended: cooperation promised or offered is AGREE
# ("Portugal will support", "is willing to withdraw"), a hostile act announced or made conditional
# is THREATEN ("would boycott", "plans to impose restrictions", "may halt ... if").
_COOPERATIVE = {"SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "CONSULT"}
_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}
# Types whose event has a target even when the text names none (PLOVER codes the authorities of
# the place), and of those, the ones that stay inside the source's own country.
_DIRECTED = {"PROTEST", "COERCE", "ASSAULT", "CONCEDE", "THREATEN", "REQUEST", "REJECT", "ACCUSE", "SANCTION",
             "MOBILIZE", "AID"}
_DOMESTIC = {"PROTEST", "COERCE", "CONCEDE"}
# Types two coordinated sources do with each other ("Israel and Lebanon renewed negotiations").
_MUTUAL = {"CONSULT", "COOPERATE", "AGREE"}
_FUTURE_MODALS = {"will", "would", "shall", "'ll", "wo"}
_COMMITMENTS = {"plan", "intend", "vow", "swear", "pledge", "promise", "willing", "ready", "prepared", "determined",
                "poised", "set", "resolve", "go"}
# Verbs that report what someone said: "X said (that) Y must ..." is X's demand on Y.
_SAYING = {"say", "declare", "insist", "reiterate", "announce", "conclude", "state", "tell", "add", "stress",
           "argue", "maintain", "write", "remind", "assert", "repeat", "emphasize", "emphasise", "warn", "urge"}
_DOCUMENTS = {"declaration", "statement", "resolution", "report", "letter", "communique", "petition", "motion",
              "decree", "order", "ruling", "verdict", "appeal", "complaint", "lawsuit", "memo"}
_SAYING_NOUNS = {"reminder", "declaration", "statement", "message", "note", "letter", "warning", "insistence"}
_NEGATIVE_SUBJECTS = {"neither", "nobody", "none", "nothing", "no"}
_HEARSAY = {"allege", "claim", "purport", "rumor", "rumour"}
_HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}
# Entity labels of words that are never an action ("in March 2019", "a strike price of $5").
_NOT_ACTION_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART", "LAW"}
# "declined to comment", "refused to say": no event (PLOVER), whatever the verb of refusal.
_NO_COMMENT = {"comment", "say", "speak", "elaborate", "answer", "discuss", "confirm", "specify", "respond",
               "disclose", "identify", "provide", "give", "release", "reveal", "detail"}
# What a verbal attack is aimed at: "attacked the plan", "slammed his remarks" are ACCUSE, not ASSAULT.
_SPEECH_TARGETS = {"policy", "plan", "proposal", "remark", "comment", "statement", "decision", "record", "idea",
                   "bill", "law", "speech", "claim", "report", "stance", "approach", "handling", "response",
                   "rhetoric", "agenda", "view", "strategy", "budget", "deal", "rule", "ruling", "leadership",
                   "tweet", "letter", "performance", "character", "policies", "remarks", "comments", "views"}
_PHYSICAL = {"gun", "guns", "gunfire", "knife", "bomb", "bombs", "missile", "missiles", "rocket", "rockets",
             "shell", "shells", "drone", "drones", "airstrike", "airstrikes", "troops", "soldiers", "weapon",
             "weapons", "rifle", "explosive", "explosives", "grenade", "artillery", "killed", "wounded", "injured",
             "dead", "police", "stabbed", "shot"}
_CAMPAIGN = {"campaign", "election", "electoral", "reelection", "re-election", "primary", "candidate", "voter",
             "voters", "supporters", "fundraiser", "fundraising", "convention"}
_HEDGES = {"possible", "potential", "planned", "proposed", "future", "would-be", "threatened"}
_LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "into", "on", "throughout",
                   "for", "to", "within", "along", "off", "over", "towards", "toward", "of", "onto", "through"}
_LIGHT_NOUN_TAGS = {"NOUN", "PROPN"}
# A state's own envoys: recalling or summoning one "to X" is aimed at X.
_ENVOYS = {"ambassador", "envoy", "diplomat", "consul", "emissary", "charge"}
# Head nouns whose compound modifier names the action ("a mediation effort", "a peace mission").
_EFFORT_NOUNS = {"effort", "efforts", "mission", "process", "bid", "attempt", "campaign", "drive", "initiative"}
_TIME_LABELS = {"DATE", "TIME"}
# Gatherings an act is done *at*: the occasion, not the one acted on ("pledged at the UN summit", "pushed for
# funding at a hearing of the committee"). Not a crowd one can fire on (a rally, a march, a funeral).
_OCCASIONS = {"summit", "meeting", "meetings", "conference", "hearing", "hearings", "session", "ceremony", "forum",
              "briefing", "gathering", "convention", "debate", "dinner", "luncheon", "reception", "congress",
              "assembly", "interview", "speech", "sitting", "plenary", "celebration", "commemoration", "signing",
              "talks", "event", "inauguration", "launch", "appearance"}
# An act of lodging a complaint: whom it is lodged "to" or "with" hears it; it is aimed at whom it is about.
_COMPLAINTS = {"complain", "complaint", "complaints", "grievance", "grievances"}
_QUANTITIES = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "ten",
               "tens", "score", "scores", "number", "group", "some", "many", "most", "all", "part", "members"}
# Words that mark an organisation unknown to the knowledge base as multinational.
_MULTINATIONAL = re.compile(
    r"\b(United Nations|European|Community|Union|International|World|Cooperation|Commission|Alliance|League|"
    r"Organi[sz]ation of|African|Asian|Arab|Atlantic|Pacific|Nations|Council of)\b"
)
_SKIP_ENT_LABELS = {"PERSON", "ORG", "GPE", "LAW", "WORK_OF_ART", "FAC", "PRODUCT", "NORP", "EVENT"}

# Head nouns that say which part of society an actor belongs to.
SECTOR_NOUNS = {
    "military": "troops troop soldier army force forces military navy marine unit commander commando "
    "paratrooper militaryman airman sailor battalion brigade division regiment garrison jet warship",
    "police": "police policeman policewoman officer cop gendarme gendarmerie detective investigator trooper sheriff "
    "constable",
    "rebel": "rebel insurgent militant guerrilla fighter jihadist terrorist gunman militia militiaman "
    "separatist extremist",
    "government": "official government authority administration minister ministry president premier "
    "leader spokesman spokeswoman spokesperson diplomat ambassador envoy cabinet regime chancellor "
    "king governor mayor secretary delegation delegate state country nation",
    "legislature": "parliament lawmaker legislator mp senator congress congressman senate assembly",
    "judiciary": "court judge prosecutor tribunal jury magistrate",
    "civilian": "protester demonstrator student civilian resident villager people worker citizen "
    "refugee crowd population farmer family mob youth",
    "media": "journalist reporter newspaper broadcaster agency media",
    "business": "company firm business bank corporation investor utility airline carrier retailer insurer lender "
    "manufacturer automaker operator supplier",
    "opposition": "opposition dissident activist",
}
# Sectors that act for a state: "Russian troops", "the Chinese government" are the country's.
_STATE_SECTORS = {"military", "police", "government", "legislature", "judiciary"}
_SECTOR_BY_NOUN = {noun: sector for sector, nouns in SECTOR_NOUNS.items() for noun in nouns.split()}

_PRECISION = (("A.PCL", "country"), ("A.ADM1", "admin1"), ("A.ADM", "admin2"), ("P.", "point"), ("S.", "point"))
_PRECISION_RANK = {"point": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a word that names an action of this type and mode."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo_root: str
    needs: frozenset[str]
    weight: float


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], list[Trigger]]:
    """The trigger lexicon by (lemma, VERB|NOUN); entries with a `needs` condition first."""
    table: dict[tuple[str, str], list[Trigger]] = {}
    text = resources.files("newsgraph.enrich.data").joinpath("plover_triggers.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, type_, mode, cameo, needs, weight = line.split("\t")
        entry = Trigger(lemma, pos, type_, mode or None, cameo, frozenset(filter(None, needs.split("|"))),
                        float(weight))
        table.setdefault((lemma, pos), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: not e.needs)
    return table


# Declared for the component pipeline (newsgraph.enrich): what it reads and what it replaces.
REQUIRES = ("entities", "places", "quotes", "citations")
ASSIGNS = ("events",)


def enrich(article: Article, doc) -> None:
    """Fill article.events with one event per action the sentences state."""
    prof = profile_of(doc)
    if not prof.tuned:
        article.events = profiled_events.find_events(article, doc, prof)
        return
    found = []
    for event, feats in find_events(article, doc):
        p = event_filter.probability(feats)
        if p is not None:  # how the sentence reads, for the confidence component to calibrate
            event.confidence = round(p, 3)
        found.append(event)
    article.events = _once(found, article.text)


def find_events(article: Article, doc) -> list[tuple[Event, dict]]:
    """Every candidate event the trigger lexicon and the parse find, with its filter features."""
    index = _Index(article, doc)
    return [pair for sent in doc.sents for pair in _sentence_events(sent, index)]


def _once(events: list[Event], text: str = "") -> list[Event]:
    """One event per occurrence: the same act between the same named actors, or done to the same
    named target with the doer named once, told again later in the article ("Police arrested Rui
    Matos ..." then "Matos was arrested ..."), or told again by a sentence the page prints twice word
    for word, is its first telling only."""
    out: list[Event] = []
    kept: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        same_kind = kept.setdefault((event.type, modality(event.status)), [])
        if not any(_same_occurrence(event, other) or _reprinted(event, other, text) for other in same_kind):
            same_kind.append(event)
            out.append(event)
    return out


def _same_occurrence(a: Event, b: Event) -> bool:
    if a.type != b.type or modality(a.status) != modality(b.status):
        return False
    a1, b1 = _actor_key(_explicit(a.actor1)), _actor_key(_explicit(b.actor1))
    a2, b2 = _actor_key(_explicit(a.actor2)), _actor_key(_explicit(b.actor2))
    if a1 == b1 and a2 == b2:
        return bool(_named(a.actor1) and (a.actor1 or {}).get("name") or _named(a.actor2) and (a.actor2 or {}).get("name"))
    named_target = a2 is not None and a2 == b2 and _named(a.actor2) and bool((a.actor2 or {}).get("name"))
    if named_target and (a1 is None or b1 is None or a1 == b1):
        return True
    # one sentence telling one act twice ("turned back by commanders, who refused ..."): the fuller one stays
    return a.start == b.start and a1 is not None and a1 == b1 and (a2 is None or b2 is None)


def _reprinted(a: Event, b: Event, text: str) -> bool:
    """The same act told by the same words again: a page that prints a passage twice."""
    if not text or a.start == b.start or not a.trigger or not b.trigger:
        return False
    return (a.trigger[0] - a.start == b.trigger[0] - b.start
            and text[a.start:a.end] == text[b.start:b.end])


def _explicit(actor: dict | None) -> dict | None:
    return None if actor is None or actor.get("implied") else actor


class _Index:
    """Token -> actor and token -> place lookups, and the spans of cited sources, for one Doc."""

    def __init__(self, article: Article, doc):
        self.article = article
        self.doc = doc
        self.actor_at: dict[int, Entity] = {}
        self.place_at: dict[int, Place] = {}
        # a dateline's place and agency act in no event; a headline's event is told again in the story
        headline = headline_end(article.text)
        masked = furniture(article.text) + (((0, headline),) if headline else ()) + _captions(article.text)
        for entity in article.entities:
            for start, end in entity.mentions:
                if not inside(masked, start, end):
                    for token in _tokens(doc, start, end):
                        self.actor_at.setdefault(token.i, entity)
        for place in article.places:
            for start, end in place.mentions:
                if not inside(masked, start, end):
                    for token in _tokens(doc, start, end):
                        self.place_at.setdefault(token.i, place)
        self.masked = {t.i for start, end in masked for t in _tokens(doc, start, end)}
        # a city named as an actor ("visited Riyadh", "Moscow said") stands for its country's state
        self.country_entity = {e.country: e for e in article.entities if e.type == "country" and e.country}
        self.named = {t.i for ent in doc.ents if ent.label_ in _SKIP_ENT_LABELS for t in ent}
        # Who claims what: each quote's words (direct or indirect) and each cited clause, with the
        # actor who says it (its id, else its words); ``_relayed`` decides which acts in them are only
        # someone's account ("reported") and which the article states (asserted).
        self.claims: list[tuple[int, int, str | None, str]] = [
            (q.start, q.end, q.speaker_id, q.speaker or "") for q in article.quotes
            if q.kind in ("direct", "indirect")]
        self.claims += [(c.start, c.end, c.source_id, c.source) for c in article.citations]
        # a direct quote's "I", "me", "we" is its speaker when the speaker is one of the actors
        by_id = {e.id: e for e in article.entities}
        self.speakers = [(q.start, q.end, by_id[q.speaker_id]) for q in article.quotes
                         if q.kind == "direct" and q.speaker_id in by_id]
        self.published = _parse_published(article.published)
        # the country the article is about: its places' country, when one clearly leads ("local officials")
        counts = Counter(p.country for p in article.places if p.country for _ in p.mentions)
        ranked = counts.most_common(2)
        self.focus = ranked[0][0] if ranked and ranked[0][1] >= 2 and (
            len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None

    def names_actor(self, head) -> bool:
        """Whether the phrase headed here names an actor or a place."""
        return any(t.i in self.actor_at or t.i in self.place_at for t in _phrase(head))


# A line that ends with a picture's credit is a caption ("Mark Dowell, who was arrested on Monday (Picture:
# Kent Police)"): it labels a photograph of what the story tells; coders take an event from the story.
_CAPTION = re.compile(r"^[^\n]*\((?:Picture|Pictured|Photo(?:graph)?|Image|Credit)s?(?: credit)?:[^\n()]*\)[ \t]*$",
                      re.MULTILINE | re.IGNORECASE)


def _captions(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _CAPTION.finditer(text))


def _tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None else ()


def _match(token) -> Trigger | None:
    """The lexicon entry this token triggers, if any."""
    if token.pos_ == "VERB" and token.dep_ != "amod":  # "alleged crimes", "the occupied West Bank"
        pos = "VERB"
    elif token.pos_ in _LIGHT_NOUN_TAGS and (
        token.dep_ not in ("compound", "amod") or token.head.lemma_.lower() in _EFFORT_NOUNS
    ):  # "a mediation effort", "a peace mission": the compound names the action
        pos = "NOUN"
    elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT", "xcomp"):  # "Israel is opposed to ..."
        pos = "ADJ"
    else:
        return None
    entries = lexicon().get((token.lemma_.lower(), pos)) or lexicon().get((token.lower_, pos)) or (
        _silent_e(token.lower_) if pos == "VERB" else None)
    if not entries:
        return None
    if pos == "VERB" and token.lemma_.lower() == "call" and any(
            c.dep_ == "oprd" and c.ent_type_ not in _TIME_LABELS for c in token.children):
        return None  # "has been called a charlatan by physicians for promoting ...": naming, no call for anything
    words = None
    for entry in entries:
        if not entry.needs:
            return entry
        if words is None:
            # what came "from" someone is not done with them: "received support from opposition leaders"
            # is no visit of leaders, "received a delegation of leaders" is
            words = _child_words(token) - _from_words(token)
        if entry.needs & words:
            return entry
    return None


def _silent_e(word: str) -> list[Trigger] | None:
    """The entries of a verb ending in a silent e that the lemmatizer cut to another word ("raped", "raping":
    "rap"; "waged": "wag"): the inflection's stem with its e, when the lexicon has it."""
    for suffix in ("ed", "ing", "es"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) > 2:
            found = lexicon().get((stem + "e", "VERB"))
            if found:
                return found
    return None


def _when(prep) -> bool:
    """Whether a preposition's objects are all dates or times ("on Friday", "for two hours")."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in _TIME_LABELS for g in objects)


def _from_words(token) -> set[str]:
    """Lemmas of the objects of a trigger's "from" that no other child of it names."""
    out = {g.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
           for g in c.children if g.dep_ in ("pobj", "pcomp")}
    others = {c.lemma_.lower() for c in token.children if c.dep_ != "prep"}
    return out - others


def _child_words(token) -> set[str]:
    """Lemmas of a trigger's children and of its prepositions' objects ("call for", "hold talks"),
    the modifiers of its subject and object ("peacekeeping troops arrived"), the "of" complement of
    its object ("tons of aid"), "@obj" when it has a direct object, and "^" + the lemma of the word
    it depends on ("staged a strike": ^stage; "on alert": ^on)."""
    words = {"^" + token.head.lemma_.lower(), "^" + token.head.lower_} if token.head.i != token.i else set()
    for child in token.children:
        if child.dep_ == "prep" and _when(child):
            continue  # "On Friday, the minister called demands ... 'out of the question'": no call on anyone
        words.add(child.lemma_.lower())
        words.add(child.lower_)
        if child.dep_ == "prep":
            words.update(g.lemma_.lower() for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in ("dobj", "nsubj", "nsubjpass"):
            if child.dep_ == "dobj":
                words.add("@obj")
            for g in child.children:
                if g.dep_ in ("amod", "compound"):
                    words.add(g.lemma_.lower())
                elif g.dep_ == "prep" and g.lower_ == "of" and child.dep_ == "dobj":
                    for o in g.children:
                        if o.dep_ == "pobj":
                            words.add(o.lemma_.lower())
                            words.update(m.lemma_.lower() for m in o.children if m.dep_ in ("amod", "compound"))
    return words


def _sentence_events(sent, index: _Index) -> list[tuple[Event, dict]]:
    triggers = {}
    for token in sent:
        if token.i in index.actor_at or token.i in index.named or token.ent_type_ in _NOT_ACTION_LABELS \
                or token.i in index.masked:
            continue
        entry = _match(token)
        if entry and not _wards_off_attack(token):  # "troops beat back an attack": the attack is the event
            triggers[token.i] = entry
    for token in sent:  # "X said that Y must do Z": X demands of Y
        if _demand_speaker(token) is not None:
            triggers[token.i] = Trigger(token.lemma_.lower(), "VERB", "REQUEST", None, "10", frozenset({"@must"}), 0.6)
    events: list[tuple[Event, dict]] = []
    seen = set()
    for i, entry in triggers.items():
        token = sent.doc[i]
        governor = _governor(token, triggers)
        if governor is not None and governor.lemma_.lower() not in _REFUSALS:
            continue
        if token.pos_ != "VERB" and token.dep_ == "attr":
            continue  # "they remain a threat": a description, not an action
        if _no_comment(token, entry) or _denial(token, entry) or (token.lemma_.lower() in ("shoot", "blow", "hit", "fire", "ramp", "step")
                                         and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)):
            continue  # "declined to comment"; "prices shot up", "blew up at reporters"
        if entry.type == "REJECT" and _refuses_hostility(token, triggers):
            continue  # "declined to threaten Moscow": holding back a hostile act rejects no one; the act is negated
        event = _event(token, entry, sent, triggers, index)
        if governor is not None and event.status == "negated" and not _refuses_hostility(governor, triggers):
            continue  # "refused to authorize any operation": the refusal is the event (a REJECT), not the act refused
        if token.pos_ != "VERB" and not (_named(event.actor1) or _named(event.actor2) or event.date):
            continue  # a bare noun ("the threat", "an operation") with nobody and no time is no event
        if not _has_actor(event) or (not event.actor1 and _thing_does_it(token, index)):
            continue  # "the illness has killed", "prices shot up", "Thank you": nobody acts
        if _natural_hazard(event.actor1):
            continue  # "Cyclone Idai, which killed 600", "the eruption of Semeru killed 50": nature acts, no actor
        if event.type == "ASSAULT" and _accident(token):
            continue  # "a boy was hit by a car and killed": a road accident
        if event.type in _COOPERATIVE | {"AGREE"} and _audience(event.actor2):
            continue  # "the company thanked customers for their patience": commerce, no political act
        if event.type == "PROTEST" and _campaign(token, sent):
            continue  # a campaign rally is not a protest (PLOVER)
        if event.type == "ASSAULT" and _verbal(token, sent, event):
            event.type, event.mode, event.cameo_root = "ACCUSE", None, "11"  # before the metaphor check
        if event.type == "ASSAULT" and _metaphor(token, sent, index):
            continue  # "battling extradition", "fighting cancer", parties that "battle" for votes
        if _saying_sense(token) or _idiom(token, event):
            continue  # "recalled that ...": a verb of saying; "met with opposition", "he asked."
        _dropped_case(token, event, index)
        key = (event.type, _actor_key(event.actor1), _actor_key(event.actor2))
        if key in seen:
            continue
        seen.add(key)
        feats = event_filter.features(token, event, sent)
        if entry.needs or (event.mode == "seize" and event.place):
            # a pattern, not a word: "holds territories", "hold talks", "on alert", "controls Sirte"
            feats["specific"] = 1.0
        events.append((event, feats))
    return events


# The public a business or a medium serves: thanking, helping or meeting them is no political act.
_AUDIENCES = {"customer", "customers", "reader", "readers", "fan", "fans", "viewer", "viewers", "listener", "listeners",
              "subscriber", "subscribers", "user", "users", "shopper", "shoppers", "client", "clients", "consumer",
              "consumers", "guest", "guests", "visitor", "visitors", "follower", "followers", "audience", "audiences",
              "patron", "patrons", "buyer", "buyers"}


def _audience(actor: dict | None) -> bool:
    """Whether the one acted on is a business's public ("its customers", "our readers"), not a named actor."""
    if not actor or actor.get("name") or actor.get("implied"):
        return False
    words = (actor.get("text") or "").lower().split()
    return bool(words) and words[-1] in _AUDIENCES


def _accident(token) -> bool:
    """Whether a verb of harm is done by a vehicle ("was hit by a car", "a truck struck two cyclists"), or is
    coordinated with one that is ("was hit by a car and killed")."""
    for verb in (token, token.head if token.dep_ == "conj" else token):
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if any(d.lemma_.lower() in _VEHICLES for d in doers):
            return True
    return False


def _natural_hazard(actor: dict | None) -> bool:
    """Whether a doer is a storm, an eruption, a flood or a disease by its words before any "of" ("Cyclone
    Idai", "the December 2021 eruption of Semeru"), whatever name the actors layer gave it."""
    if not actor or actor.get("implied"):
        return False
    words = re.findall(r"[a-z]+", (actor.get("text") or "").lower())
    head_words = words[: words.index("of")] if "of" in words else words  # "the eruption of Semeru", not "rebels of X"
    return any(w in NATURAL_HAZARDS for w in head_words[:6])


def _has_actor(event: Event) -> bool:
    """Whether someone acts: a named or described source, or (for an act done to someone: an
    arrest, a killing) a named target ("Carlineo was arrested")."""
    if event.actor1 and not event.actor1.get("implied"):
        return True
    target = event.actor2
    return (event.type in ("COERCE", "ASSAULT", "SANCTION", "ACCUSE") and target is not None and bool(target)
            and not target.get("implied"))  # "Aristide has been accused of ..."


# Acts only law enforcement does: an agentless "X was arrested" was done by the police the article names.
_POLICE_ACTS = {"arrest", "detain", "handcuff", "book", "apprehend", "charge", "jail"}


def _police_nearby(token, index: _Index, local: str | None, target=None) -> dict | None:
    """The police the article names in this sentence or the three before ("Chicago police"), if any, but
    not the officers the act is done to ("two prison officers were charged")."""
    doc = token.doc
    acted_on = {t.i for t in target.subtree} if target is not None else set()
    sent_start = token.sent.start
    earlier = [s for s in doc.sents if s.end <= sent_start][-3:]
    for sent in [token.sent, *reversed(earlier)]:
        for noun in sent:
            if noun.lemma_.lower() in ("police", "policeman", "officer", "sheriff", "deputy") and noun.pos_ == "NOUN":
                if noun.i in acted_on:
                    continue
                if noun.head.lower_ == "from" and noun.head.head.pos_ in _LIGHT_NOUN_TAGS:
                    continue  # "arrested after a tip-off from French police": they tipped, not arrested
                found = _actor(noun, index, local)
                if found is not None and local and found.get("country") not in (None, local):
                    continue  # "arrested in Madrid ... French police": another country's police did not arrest there
                if found is not None:
                    return found
    return None


def _thing_does_it(token, index: _Index) -> bool:
    """Whether the doer the sentence names is a thing, not an actor ("the illness has killed 40")."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return (subject is not None and subject.pos_ == "NOUN" and not index.names_actor(subject)
            and _sector_of(subject) is None and not _human(subject)
            and subject.lemma_.lower() not in _COLLECTIVES | _QUANTITIES
            and not any(t.type == "ASSAULT" for t in lexicon().get((subject.lemma_.lower(), "NOUN"), ())))
    # (a bombing or an explosion that killed is an attack by someone unnamed, not a thing)


def _no_comment(token, entry: Trigger) -> bool:
    """"declined to comment", "refused to say": a refusal to speak is no event."""
    if token.lemma_.lower() in _REFUSALS:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in _NO_COMMENT and not _answers_a_demand(c)
                   for c in token.children)
    if token.lemma_.lower() in _NO_COMMENT:
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in _REFUSALS and not _answers_a_demand(token)
    return False


# What a denial denies when it is a statement, not a refusal: "denied the allegations", "denies any
# wrongdoing". Denying responsibility is CAMEO 016, in the statements PLOVER does not code; denying a
# request, entry or land is a refusal (REJECT, SANCTION).
_CLAIMS = {"allegation", "claim", "charge", "accusation", "report", "wrongdoing", "involvement", "responsibility",
           "rumor", "rumour", "knowledge", "link", "role", "existence", "guilt", "story", "suggestion", "it", "this",
           "that", "any", "anything", "everything", "all", "account", "assertion", "fact", "misconduct"}


def _denial(token, entry: Trigger) -> bool:
    """A denial of what someone said ("denied the allegations", "denies that ..."): no event."""
    if token.lemma_.lower() not in ("deny", "denial") or entry.type != "REJECT" or entry.needs:
        return False
    if any(c.dep_ == "ccomp" for c in token.children):
        return True
    thing = next((c for c in token.children if c.dep_ == "dobj"), None)
    if thing is None:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        thing = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return thing is None or thing.lemma_.lower() in _CLAIMS


_METAPHOR_PRONE = {"battle", "fight", "combat", "tackle", "hit", "strike", "target", "crush", "kill", "beat", "smash",
                   "attack", "blast", "hammer", "destroy", "wipe", "shoot", "bomb", "torpedo", "war", "assault"}
_SAYING_SENSES = {"recall", "note", "stress", "maintain", "hold", "argue", "add", "press", "push", "contend",
                  "concede", "acknowledge", "admit", "insist"}
# Nouns whose owner is who it happens to: "Assange's arrest", "the victim's killing".
_PATIENT_NOUNS = {"arrest", "detention", "killing", "murder", "execution", "assassination", "kidnapping",
                  "abduction", "death", "imprisonment", "jailing", "extradition", "deportation", "expulsion",
                  "release", "conviction", "sentencing", "trial", "indictment", "prosecution", "capture",
                  "torture", "beating", "shooting", "stabbing", "rape", "eviction", "removal", "ouster",
                  "impeachment", "firing", "dismissal", "suspension", "exile"}


def _metaphor(token, sent, index: _Index) -> bool:
    """An ASSAULT word used of something no one can be attacked with or about: its object is not an
    actor, a place or a person ("battling extradition"), or an election campaign without weapons."""
    if token.lemma_.lower() not in _METAPHOR_PRONE:
        return False
    words = {t.lower_ for t in sent}
    if words & _CAMPAIGN and not words & _PHYSICAL:
        return True
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on")
                for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in _TIME_LABELS]  # not "on Monday"
    if not objects or token.pos_ != "VERB":
        return False
    return all(not index.names_actor(o) and o.pos_ != "PRON" and _sector_of(o) is None and not _people(o)
               and o.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
               and o.lemma_.lower() not in _TARGET_THINGS for o in objects)


def _people(head) -> bool:
    """Whether an object names people by a plural ("attacked traders", "worshippers"), not by a singular
    a game also has ("hit a jumper", "the tying 3-pointer")."""
    return _human(head) and (head.tag_ == "NNS" or head.lower_ in _PEOPLE)


# What an attack may hit that is neither an actor nor a place.
_TARGET_THINGS = {"checkpoint", "convoy", "base", "camp", "building", "house", "home", "car", "vehicle", "bus",
                  "school", "hospital", "mosque", "church", "market", "village", "town", "city", "position",
                  "positions", "post", "station", "office", "embassy", "ship", "boat", "plane", "aircraft",
                  "helicopter", "tank", "truck", "target", "targets", "area", "neighborhood", "neighbourhood",
                  "compound", "headquarters", "facility", "plant", "pipeline", "bridge", "road", "crowd",
                  "protest", "rally", "man", "woman", "boy", "girl", "child", "children", "people", "victim",
                  "officer", "student", "students", "resident", "residents", "family", "civilian", "civilians",
                  "worker", "workers", "wife", "husband", "son", "daughter", "mother", "father", "friend",
                  "stronghold", "hideout", "territory", "prison", "jail", "window", "windows", "door"}


_MET_WITH = {"opposition", "resistance", "criticism", "skepticism", "scepticism", "approval", "success", "failure",
             "condemnation", "requirement", "requirements", "criteria", "deadline", "standard", "standards",
             "threshold", "needs", "goal", "goals", "target", "targets", "expectations",
             "silence", "applause", "outrage", "disbelief", "anger", "backlash", "praise", "protest", "protests"}
_DROPPING = {"drop", "abandon", "close", "end", "halt", "suspend", "withdraw", "lift", "shelve", "discontinue"}


def _idiom(token, event: Event) -> bool:
    """Trigger words in a sense that is no event: "met with opposition", "did not meet the threshold",
    a bare "he asked" after a question, "held the highest office"."""
    lemma = token.lemma_.lower()
    if lemma == "meet" and token.pos_ == "VERB":
        words = {t.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "prep", "agent") for t in c.subtree}
        return bool(words & _MET_WITH)
    if lemma in ("ask", "question", "wonder") and token.pos_ == "VERB":
        return not any(c.dep_ in ("dobj", "dative", "xcomp", "prep", "ccomp") for c in token.children)
    if event.type == "COERCE" and lemma == "hold":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in ("office", "post", "position", "seat", "title", "record",
                                                              "view", "belief", "stake", "share", "majority")
                   for c in token.children)
    return False


def _dropped_case(token, event: Event, index: _Index) -> None:
    """"Sweden has dropped its investigation": ending an accusation or a measure is CONCEDE by who ends it."""
    if token.pos_ not in _LIGHT_NOUN_TAGS or token.dep_ not in ("dobj", "nsubjpass"):
        return
    verb = token.head
    if verb.lemma_.lower() not in _DROPPING or event.type not in ("ACCUSE", "SANCTION", "COERCE", "PROTEST"):
        return
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    event.type, event.mode, event.cameo_root = "CONCEDE", "ease", "08"
    event.trigger = [verb.idx, verb.idx + len(verb.text)]
    if subject is not None:
        event.actor1 = _actor(subject, index) or event.actor1
    accused = _accused_of(token, verb, index)
    if accused is not None:  # "dropped its investigation into a rape allegation against Assange": eases on Assange
        event.actor2 = _actor(accused, index, target=True) or event.actor2


def _saying_sense(token) -> bool:
    """A trigger verb that here introduces what someone said ("recalled that", "charged that")."""
    return (token.pos_ == "VERB" and token.lemma_.lower() in _SAYING_SENSES
            and any(c.dep_ == "ccomp" for c in token.children)
            and not any(c.dep_ == "dobj" for c in token.children))


def _answers_a_demand(verb) -> bool:
    """"refused to respond to a demand": a refusal of the demand, not a refusal to comment."""
    return any(c.dep_ == "prep" and any(g.lemma_.lower() in ("demand", "call", "request", "ultimatum", "appeal",
                                                             "proposal", "offer", "order", "summons")
                                        for g in c.children) for c in verb.children)


def _campaign(token, sent) -> bool:
    """A rally or march of an election campaign ("a campaign rally", "rallied supporters in Ohio")."""
    words = {t.lower_ for t in sent}
    if token.lemma_.lower() not in ("rally", "march", "gather", "gathering", "event"):
        return False
    return bool(words & _CAMPAIGN)


def _verbal(token, sent, event: Event) -> bool:
    """An "attack" in words: on a plan or remarks, or by a speaker with nothing physical in the sentence."""
    if token.lemma_.lower() not in ("attack", "hit", "blast", "slam", "assail", "strike", "lash", "savage",
                                    "target", "bash", "hammer", "pummel", "batter", "rip"):
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.pos_ != "VERB":  # "an attack on a military base"
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                    for g in c.children if g.dep_ == "pobj"]
    if any(o.lemma_.lower() in _SPEECH_TARGETS for o in objects):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "under":  # "under attack", "under fire"
        return not ({t.lower_ for t in sent} & _PHYSICAL)
    words = {t.lower_ for t in sent}
    if words & _PHYSICAL or any(o.lemma_.lower() in _TARGET_THINGS or o.ent_type_ in ("GPE", "LOC", "FAC")
                                for o in objects):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is not None and _sector_of(subject) in ("military", "rebel", "police"):
        return False
    if (event.actor1 or {}).get("sector") in ("military", "rebel", "police"):
        return False  # "BAMAKO, Mali (AP) — Rebels attacked ...": the dateline parsed as the first subject
    said = any(t.lemma_.lower() in _SAYING and t.pos_ == "VERB" for t in sent)
    speaker_for = any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in token.children)
    return said or speaker_for or any(t.lower_ in ("tweet", "tweeted", "interview", "speech", "statement") for t in sent)


def _named(actor: dict | None) -> bool:
    """Whether the text names this actor (an implied target does not count)."""
    return bool(actor and not actor.get("implied") and (actor.get("name") or actor.get("country")))


def _actor_key(actor: dict | None):
    return None if actor is None else (actor.get("name") or actor.get("text", "").lower())


def _governor(token, triggers):
    """The trigger whose clause this one completes ("agreed to cooperate": agreed), if any."""
    current = token
    while current.dep_ in _GOVERNED and current.head is not current:
        if current.dep_ == "conj" and any(c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in current.children):
            return None
        if current.dep_ == "advcl" and current.head.i not in triggers:
            # "staged demonstrations to demand reforms": a purpose belongs to the action it serves
            served = [c for c in current.head.children if c.dep_ == "dobj" and c.i in triggers]
            purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            return served[0] if served and purpose else None
        current = current.head
        if current.i in triggers:
            return current
    return None


_CAMEO_ROOT = {"AGREE": "03", "THREATEN": "13", "REJECT": "12", "MOBILIZE": "15"}


_HOSTILITY = _HOSTILE | {"THREATEN", "ACCUSE"}


def _refuses_hostility(token, triggers) -> bool:
    """A refusal whose refused act is hostile ("declined to threaten Moscow", "refused to condemn")."""
    return token.lemma_.lower() in _REFUSALS and any(
        c.dep_ == "xcomp" and c.i in triggers and triggers[c.i].type in _HOSTILITY for c in token.children)


def _refused(token) -> bool:
    """A cooperative act stated as refused: negated under a future modal, or under "fail"."""
    current = token
    for _ in range(5):
        children = list(current.children)
        if any(c.dep_ == "neg" for c in children) and any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in children):
            return True
        if current is not token and current.lemma_.lower() == "fail":
            return True
        if current.dep_ not in _CHAIN or current.head is current:
            return False
        current = current.head
    return False


def _unwilling(token) -> bool:
    """"neither wants to allow", "did not agree to withdraw": a cooperative act refused."""
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in {"want", "wish", "intend", "plan", "agree", "seek"}


def _demand_speaker(token):
    """The subject of the saying verb when this verb is an obligation it reports ("X said Y must ..."), else None."""
    if token.dep_ not in ("ccomp", "acl"):  # asked first: the one test of a token alone (every token comes here)
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None or subject.lower_ in ("we", "i", "you"):
        return None
    head = token.head
    if token.dep_ not in ("ccomp", "acl") or head is token:
        return None
    if head.pos_ in _LIGHT_NOUN_TAGS and head.lemma_.lower() in _SAYING_NOUNS:
        head = head.head if head.dep_ in ("dobj", "nsubjpass") else head
    if head.lemma_.lower() not in _SAYING or head.pos_ not in ("VERB", "AUX"):
        return None
    speaker = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
    if speaker is None:
        agent = next((c for c in head.children if c.dep_ == "agent"), None)
        speaker = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    return speaker


def _intent(token, triggers) -> str | None:
    """How the clause states the action: "commit" (will, would, willing to, plans to), "prepare"
    (an army that prepared to attack), "condition" (a modal under if/unless), or None."""
    current, found = token, None
    for _ in range(5):
        children = list(current.children)
        modal = next((c.lower_ for c in children if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS), None)
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in children) and modal:
            return "condition"
        if modal in _FUTURE_MODALS or (current is not token and current.lemma_.lower() in _COMMITMENTS):
            if current is not token and current.lemma_.lower() == "prepare" and current.pos_ == "VERB" \
                    and not any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in children):
                found = found or "prepare"
            else:
                found = found or "commit"
        if current.dep_ not in ("xcomp", "dobj", "pobj", "prep", "pcomp", "acomp", "conj") or current.head is current:
            break
        if current is not token and current.i in triggers:
            break
        current = current.head
    return found


def _event(token, entry: Trigger, sent, triggers, index: _Index) -> Event:
    if "@must" in entry.needs:  # "X said Y must ...": X is the source, Y the target
        source = _demand_speaker(token)
        target = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    elif token.pos_ == "VERB":
        source, target = _verb_arguments(token, triggers, index)
        if entry.type == "CONSULT":  # "discussed Brunson's case with Trump": Trump is whom they met
            heads = [token, *(c for c in token.children if c.dep_ == "dobj")]  # the parse may hang it on the object
            target = next((g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                           for g in c.children if g.dep_ == "pobj" and (index.names_actor(g) or _human_or_body(g))),
                          target)
    elif token.pos_ == "ADJ":  # "Israel is opposed to French mediation"
        source = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        target = next((g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
    else:
        source, target = _noun_arguments(token, index)
    if token.lemma_.lower() in _COMPLAINTS or token.lower_ in _COMPLAINTS:
        if target is None or target.dep_ == "pobj" and target.head.lower_ in ("to", "with"):
            target = _complained_of(token, index)  # whom it is about, not the body that hears it
    if entry.type == "PROTEST" and (target is None or not (index.names_actor(target) or _human_or_body(target))):
        target = _protest_demands_of(token, triggers, index) or target
    if entry.type == "MOBILIZE" and source is None:  # "a unit was deployed": the forces are the actor
        source, target = target, None
    kind, status = entry.type, _status(token, index, entry.type)
    intent = _intent(token, triggers) if kind in _COOPERATIVE | _HOSTILE else None
    if intent == "prepare" and kind == "ASSAULT":
        kind = "MOBILIZE"  # readying an attack is a show of force
    elif intent and kind in _COOPERATIVE and intent != "condition" and status != "negated":
        kind = "AGREE"
    elif intent and kind in _HOSTILE and status != "negated":
        kind = "THREATEN"
    elif status == "negated" and kind in _COOPERATIVE | {"AGREE"} and (
            _refused(token) or intent == "commit" or _unwilling(token)):
        kind, status = "REJECT", "asserted"  # "will not accept", "failed to reach agreement", "not willing to allow"
    # an actor with no country of its own is taken to be of the country around the act, even where that
    # place is not shown as where it happened ("Ousted President X ... in Kyrgyzstan")
    place, around = _places(token, sent, source, triggers, index, target)
    local = around["country"] if around else None
    actor1 = _actor(source, index, local)
    actor2 = _actor(target, index, local, target=True)
    if actor1 is None and source is None and token.pos_ == "VERB" and token.lemma_.lower() in _POLICE_ACTS \
            and any(c.dep_ == "auxpass" for c in token.children):
        actor1 = _police_nearby(token, index, local, target)  # "Bassett was arrested ..., police said"
    if status == "asserted" and _relayed(token, kind, actor1, index):
        status = "reported"
    if actor2 is not None and target is not None and _territory(target, actor2):
        actor2 = None  # "battling to take over the port city of Ajdabiya": where it happens, not whom it is done to
    elif actor2 is None and target is not None and not (target.pos_ == "NOUN" and target.lemma_.lower() in _ACTS):
        # (backing or condemning "the invasion of Iraq" with no invader named is aimed at no one: not the victim)
        actor2 = _owner_of_thing(target, index, local) or _place_actor(target, index)
    if actor1 and actor2 and actor1.get("name") and actor1.get("name") == actor2.get("name"):
        actor2 = None  # one actor is not both sides ("Russian and Venezuelan delegations discussed")
    partner = next((c for c in source.children if c.dep_ == "conj" and (index.names_actor(c) or c.pos_ == "PROPN"
                    or _human_or_body(c))), None) if source is not None else None
    if source is not None and target is not None and source.dep_ == "pobj" and source.head.lower_ == "between" \
            and target.head.i == source.i:
        # "talks between Peru and Chile": the first alone acts, the second is the other party
        alone = source.doc[source.left_edge.i : source.i + 1]
        actor1 = _first_only(source, index) or (actor1 and actor1 | {"text": _text(list(alone))})
        if actor1 and actor2 and actor1.get("name") and actor1.get("name") == actor2.get("name"):
            actor1 = actor1 | {"id": None, "name": None}
    elif partner is not None and target is not None and _reciprocal(target):
        # "Carter and Lopez attacked each other's records": each is the other's target
        actor2 = _actor(partner, index, local, target=True) or {
            "id": None, "name": None, "country": local, "sector": None,
            "text": _text(list(partner.doc[partner.left_edge.i : partner.i + 1]))}
        actor1 = _first_only(source, index) or _actor(source, index, local)
        if actor1 and actor2 and actor1.get("name") == actor2.get("name"):
            tokens = [t for t in source.doc[source.left_edge.i : source.i + 1]]
            actor1 = {"id": None, "name": None, "country": local, "sector": _sector_of(source), "text": _text(tokens)}
    elif source is not None and _coordinated(source, index) and (kind in _MUTUAL or entry.type in _MUTUAL or actor2 is None):
        actor2 = None  # "Israel and Lebanon renewed negotiations": each is the other's partner (but
        # "China and Russia support the government" support the government)
    elif actor2 is None and kind in _DIRECTED:
        actor2 = _implied_target(kind, actor1, local)
    when, precision = _date(token, sent, index)
    found = sum(x is not None for x in (actor1, actor2 or place))
    return Event(
        type=kind,
        mode=entry.mode if kind == entry.type else None,
        cameo_root=entry.cameo_root if kind == entry.type else _CAMEO_ROOT[kind],
        start=sent.start_char,
        end=sent.start_char + len(sent.text.rstrip()),
        actor1=actor1,
        actor2=actor2,
        place=place,
        date=when,
        date_precision=precision,
        status=status,
        trigger=[token.idx, token.idx + len(token.text)],
        confidence=round(entry.weight * (0.6 + 0.2 * found), 2),
    )


# -- arguments ---------------------------------------------------------------------------------


def _verb_arguments(verb, triggers, index: _Index):
    """(source head, target head) of a verb trigger: subject / agent, and object / prepositional target."""
    source = target = None
    stative = verb.lemma_.lower() in ("oppose", "commit", "determine", "prepare") and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)  # "Israel is opposed to ..."
    for child in verb.children:
        if child.i in index.masked:
            # "KOLKATA, India – Indian police have arrested": the dateline parsed as a second subject;
            # "HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper accused": the subject inside it
            child = next((t for t in child.subtree if t.i not in index.masked and t.pos_ in ("NOUN", "PROPN")
                          and t.dep_ in ("appos", "conj", "npadvmod", "dep")), None)
            if child is None or child.dep_ not in ("appos", "conj", "npadvmod", "dep"):
                continue
            if source is None:
                source = child
            continue
        if child.dep_ in ("nsubj", "csubj") and source is None:
            source = child
        elif child.dep_ == "nsubjpass" and stative:
            source = child
        elif child.dep_ == "nsubjpass":
            target = child
        elif child.dep_ == "agent":
            source = next((g for g in child.children if g.dep_ == "pobj"), source)
    # "a man fatally shot by police", "200 lawyers detained in the crackdown" — but not a finite verb the
    # tagger took for a participle ("aid groups donated and delivered goods", "a newspaper called on Arabs")
    undergone = verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and (
        any(c.dep_ == "agent" for c in verb.children) or verb.lemma_.lower() in _DONE_TO_PEOPLE)
    if undergone and target is None:
        target = verb.head  # "a man fatally shot by police": the man is shot
    if source is None and not undergone and not any(c.dep_ == "nsubjpass" for c in verb.children):
        # a passive with its own subject names no doer: "Brooks cared for him after his mother was arrested"
        # was no arrest by Brooks
        source = _inherited_subject(verb)
    if source is not None and source.pos_ == "NOUN" and source.lemma_.lower() in _ACTS | _CAMPAIGNS:
        # "the army's attack on the village killed ten people": the army kills
        source = next((c for c in source.children if c.dep_ == "poss" or c.dep_ in ("compound", "amod", "npadvmod")
                       and (index.names_actor(c) or _sector_of(c) in _AGENT_SECTORS)), None) or next(
            (g for c in source.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
             if g.dep_ == "pobj"), None) or source
    if source is not None:
        source = _partitive(source, source.head)
        source = _named_example(source, index)
    if source is not None and source.tag_ in ("WDT", "WP") and source.head.dep_ == "relcl":
        source = source.head.head  # "commanders, who refused": the commanders
    if target is not None and target.tag_ in ("WDT", "WP") and target.head.dep_ == "relcl":
        target = target.head.head  # "his girlfriend, who is accused of ...": the girlfriend
    if target is None and verb.lemma_.lower() in _APPEALS:
        target = _asked_for(verb, index)  # "called for Beijing's cooperation": Beijing is asked
    if target is None:
        # "called on the administration to call out Russia": the one asked; not the occasion it was said at
        own = [o for o in _objects(verb) if not _setting(o, verb, triggers)]
        if own and not _known_people(own[0], index) and not _unknown_name(own[0]):
            # "requested rescue helicopters from neighbouring nations": a word read as people only by its
            # ending ("-ers") gives way to one known to name people, a body or an actor
            better = next((c for c in own[1:] if _known_people(c, index)), None)
            if better is not None:
                own = [better] + [c for c in own if c.i != better.i]
        if len(own) > 1 and own[0].lemma_.lower() in _ENVOYS and not any(
                c.dep_ == "poss" and c.pos_ != "PRON" for c in own[0].children):
            own = own[1:] + own[:1]  # "recalled its ambassador to Russia": the act is aimed at Russia (but
            # "shot Russia's ambassador to Turkey" shot the ambassador)
        candidates: list = []
        for child in verb.children:  # "threatened to attack Israel", "asked the army to strike"
            if any(c.tag_ in ("WP", "WDT") for c in child.children):
                continue  # "criticizing what they describe as a poor offer": no one in that clause is the target
            if child.dep_ in ("xcomp", "ccomp") and (child.i in triggers or child.pos_ == "VERB" or child.dep_ == "ccomp"
                                                     and child.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in child.children)):
                # a clause with a subject is a clause when the tagger took its verb for a noun ("demanding that
                # police release the video": "release" read as a noun)
                candidates.extend(c for c in child.children if c.dep_ == "nsubj")
                candidates.extend(_objects(child))
        if own and not any(index.names_actor(c) for c in own) and (_human_or_body(own[0]) or _unknown_name(own[0])):
            target = own[0]  # "called on the Riigikogu to repeal the rule for activists": the parliament is asked
        else:
            candidates = [c for c in own + candidates if c.tag_ not in ("WP", "WDT")]
            # the first that names an actor or people ("opened fire on police on the Champs-Elysees")
            target = next((c for c in candidates if index.names_actor(c) or _human_or_body(c)),
                          candidates[0] if candidates else None)
            # "demanding answers from wireless providers": the providers, not the answers
    if target is None:
        target = _shared_object(verb, index)
    described = _described(verb) if target is None else None
    if described is not None:  # "criticizing what they describe as an offer delivered by Ottawa": whose offer
        target = _owner(described, index)
    elif target is not None and target.pos_ == "NOUN" and target.lemma_.lower() in _OWNED_ACTS:
        # "supported the government's decision", "criticized the offer made by Ottawa": whose it is
        target = _owner(target, index) or target
    if target is not None and target.lemma_.lower() in _CASE_NOUNS:
        # "dropped its investigation into a rape allegation against Assange": Assange
        target = _accused_of(target, verb, index) or target
    elif target is not None and target.pos_ == "NOUN" and target.lemma_.lower() in _ACTS:
        # "condemned the assassination of the ambassador": aimed at who did it (Israel's attack, an attack
        # by X), not at the one it was done to
        target = next((c for c in target.children if c.dep_ == "poss"), None) or next(
            (g for c in target.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
             if g.dep_ == "pobj"), None) or _agent_compound(target)
    return source, target


def _owner(act, index: _Index):
    """Who made a decision, an offer or a move: its owner ("the government's decision"), the agent of its
    participle ("the offer made by Ottawa"), or an actor compound before it; None if no one is named."""
    owner = next((c for c in act.children if c.dep_ == "poss" and c.pos_ != "PRON"), None) or next(
        (g for c in act.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children if a.dep_ == "agent"
         for g in a.children if g.dep_ == "pobj"), None) or _agent_compound(act)
    if owner is not None and (index.names_actor(owner) or _human_or_body(owner) or _unknown_name(owner)):
        return owner
    return None


def _described(verb):
    """What a verb's object clause describes ("criticizing what they describe as a poor offer", "rejected what
    he called a plan to ..."): the thing named after "as" or as the complement, which says whose it is."""
    for child in verb.children:
        if child.dep_ not in ("ccomp", "xcomp") or not any(c.tag_ in ("WP", "WDT") for c in child.children):
            continue
        for c in child.children:
            thing = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" \
                else c if c.dep_ in ("oprd", "attr", "dobj") and c.tag_ not in ("WP", "WDT") else None
            if thing is not None and thing.lemma_.lower() in _OWNED_ACTS:
                return thing  # an act someone made; "a brazen breach of resolutions" names no one who made it
    return None


# Verbs of a demand a protest is held for ("rallied to demand the government resign").
_DEMANDS = {"demand", "call", "urge", "press", "push", "ask", "appeal", "plead", "pressure", "force", "persuade"}


def _protest_demands_of(trigger, triggers, index: _Index):
    """Whom a protest is aimed at when its purpose is a demand: "gathered at a rally to demand the NDP scrap its
    tax", "marched to call on the council to resign", "a strike to press the company for higher pay" — the one
    asked, not the place or the occasion."""
    clause = trigger
    if trigger.pos_ != "VERB":
        clause = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    for head in (trigger, clause):
        for child in head.children:
            if child.dep_ in ("advcl", "xcomp", "acl", "relcl") and child.pos_ == "VERB" \
                    and child.lemma_.lower() in _DEMANDS and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                asked = _verb_arguments(child, triggers, index)[1]
                if asked is not None and (index.names_actor(asked) or _human_or_body(asked) or _unknown_name(asked)):
                    return asked
    return None


def _known_people(head, index: _Index) -> bool:
    """Whether a phrase names an actor, or its head a sector, a collective or people by its word (not by its
    ending alone, which "helicopters" and "firecrackers" share with "workers")."""
    word, lemma = head.lower_, head.lemma_.lower()
    return index.names_actor(head) or _sector_of(head) is not None or lemma in _COLLECTIVES or (
        head.pos_ == "NOUN" and (word in _PEOPLE or lemma in _PEOPLE))


def _setting(pobj, verb, triggers) -> bool:
    """Whether an object "at" something is where the act was done, not whom it was done to: a phrase set
    before the doer ("At the summit, Modi pledged ...") or a gathering ("pushed for funding at a hearing of
    the committee") — but one may fire "at" a funeral or arrest people "at" a ceremony."""
    prep = pobj.head
    if pobj.dep_ != "pobj" or prep.lower_ != "at" or prep.head.i != verb.i:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subject is not None and prep.i < subject.left_edge.i:
        return True  # set before the doer: the scene
    entry = triggers.get(verb.i)
    physical = entry is not None and entry.type in ("ASSAULT", "COERCE")
    return not physical and (pobj.lemma_.lower() in _OCCASIONS or pobj.lower_ in _OCCASIONS)


def _complained_of(trigger, index: _Index):
    """Whom a complaint is about: "complained to the council about the police", "a complaint against X",
    "complained that the police harassed them", "the party's complaint to the bar says Mills broke the rules"
    — not the body it is lodged "to" or "with", which only hears it."""
    def someone(head):
        # the head itself ("complained about his microphone" is about no one)
        return head is not None and (head.i in index.actor_at or head.i in index.place_at or _human_or_body(head)
                                     or _unknown_name(head))

    heads = [trigger]
    if trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)  # "filed a complaint with the commission against X"
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("against", "about", "over"):
                found = next((g for g in child.children if g.dep_ == "pobj" and someone(g)), None)
                if found is not None:
                    return found
    clauses = [c for c in trigger.children if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX")]
    if trigger.dep_ == "nsubj" and trigger.head.pos_ == "VERB":  # "the complaint says X broke the rules"
        clauses += [c for c in trigger.head.children if c.dep_ == "ccomp"]
    for clause in clauses:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if someone(subject):
            return subject
    return None


def _agent_compound(noun):
    """The police, army, rebels or government a compound before an act names as its doer ("condemned the
    police action", "the army crackdown")."""
    return next((c for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                 and _sector_of(c) in _AGENT_SECTORS), None)


def _shared_object(verb, index: _Index):
    """The object a verb without one shares with the verb coordinated after it ("arrested and charged Tom
    Baker", "supports and wants Chile to play a greater role"): the first that names an actor or people."""
    if any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") for c in verb.children):
        return None
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue  # "Brazil supports the plan and Chile wants ...": a clause of its own
        found = [c for c in conj.children if c.dep_ in ("dobj", "dative")]
        found += [g for c in conj.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
        return next((c for c in found if index.names_actor(c) or _human_or_body(c) or _unknown_name(c)), None)
    return None


# Nouns of an act done to someone: a reaction to the act is aimed at its doer, not at its victim.
_ACTS = {"attack", "assassination", "killing", "murder", "bombing", "shooting", "massacre", "invasion", "raid",
         "abduction", "kidnapping", "arrest", "detention", "execution", "beheading", "assault", "airstrike",
         "stabbing", "slaying", "torture", "persecution", "crackdown", "occupation"}


_ME = {"me", "us"}

# Nouns of an encounter, which happens between its two sides ("talks between A and B", "clashes between
# police and protesters"); not a truce or a deal, which binds both (a "ceasefire between A and B" to oversee).
_ENCOUNTERS = {"talk", "talks", "meeting", "negotiation", "negotiations", "summit", "dialogue", "consultation",
               "consultations", "clash", "clashes", "fighting", "battle", "war", "skirmish", "skirmishes",
               "confrontation", "standoff", "discussion", "discussions", "call"}

# Nouns of a decision or an offer someone made: backing or opposing it is aimed at whoever made it.
_OWNED_ACTS = {"decision", "plan", "proposal", "policy", "policies", "offer", "move", "demand", "demands", "request",
               "initiative", "bid", "call", "order", "ruling", "stance", "position", "handling", "response",
               "action", "actions", "conduct", "behaviour", "behavior", "tactics", "treatment"}

# Nouns of an armed campaign whose doer does what the campaign does ("the offensive killed ...").
_CAMPAIGNS = {"offensive", "strike", "strikes", "airstrikes", "shelling", "bombardment", "operation", "onslaught",
              "incursion", "ambush"}


# Verbs whose subject undergoes the act their object names ("faced criticism", "drew condemnation", "survived
# an attack"): the subject is the target, not the doer.
_UNDERGOING = {"face", "undergo", "suffer", "endure", "draw", "attract", "incur", "weather", "survive", "sustain",
               "receive", "risk"}

# Nouns of backing whose "for" names whom it backs ("support for the rebels"; not "a call for talks").
_BACKING_NOUNS = {"support", "sympathy", "solidarity", "backing", "aid", "assistance", "help", "funding",
                  "praise", "admiration", "respect", "condolence", "condolences", "endorsement"}
# Verbs of harm whose subject may be a nominal act ("the raid wounded three soldiers").
_HARMING = {"kill", "wound", "injure", "hit", "destroy", "displace", "target", "maim", "leave"}

# Verbs whose subject suffers the act named "in" them ("died in an attack").
_SUFFERING = {"die", "perish", "suffer", "lose", "survive", "escape"}

# Prepositions after which a nominal act is what another act is about, not an act of that one's doer.
_TOPIC_PREPS = {"into", "about", "over", "against", "after", "before", "despite", "following", "amid", "regarding"}
# Nouns of a case against someone: what is dropped, opened or dismissed is aimed at whom the case is.
_CASE_NOUNS = {"investigation", "probe", "inquiry", "case", "charge", "allegation", "accusation", "lawsuit",
               "complaint", "prosecution", "indictment", "claim", "suit", "proceedings", "trial"}


def _accused_of(case, verb, index: _Index):
    """Whom a case the verb acts on is against: the case itself, else another case among its objects
    (the parse may hang "into a rape allegation" on the verb)."""
    cases = [case] + [c for c in _objects(verb) if c.lemma_.lower() in _CASE_NOUNS]
    return next((found for c in cases if (found := _accused(c, index)) is not None), None)


def _accused(noun, index: _Index):
    """Whom a case noun is against: "an investigation into a rape allegation against X" -> X."""
    current = noun
    for _ in range(3):
        nxt = None
        for child in current.children:
            if child.dep_ == "prep" and child.lower_ in ("against", "into", "of", "on"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if pobj.lemma_.lower() in _CASE_NOUNS:
                    nxt = pobj
                elif index.names_actor(pobj) or _human_or_body(pobj):
                    return pobj
        if nxt is None:
            return None
        current = nxt
    return None


# Acts whose past participle after a noun says the noun underwent them.
_DONE_TO_PEOPLE = {"kill", "shoot", "wound", "injure", "arrest", "detain", "jail", "imprison", "abduct", "kidnap",
                   "deport", "expel", "sentence", "charge", "convict", "torture", "beat", "stab", "attack", "execute",
                   "hold", "evacuate", "release", "free", "indict", "accuse", "target", "capture", "seize", "hang"}
# Sectors whose name before a nominal act is its doer ("police killing", "army shelling").
_AGENT_SECTORS = {"police", "military", "rebel", "government"}
_APPEALS = {"call", "appeal", "ask", "press", "push", "plead", "clamor", "clamour"}


def _asked_for(verb, index: _Index):
    """Whose act an appeal asks for: the owner of what "for" names ("called for Beijing's cooperation")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                owner = next((g for g in pobj.children if g.dep_ == "poss"), None)
                if owner is None and pobj.lemma_.lower() in _OUSTINGS:
                    # "called for the resignation of the interior minister": whom it would remove
                    owner = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for g in c.children if g.dep_ == "pobj"), None)
                if owner is not None and (index.names_actor(owner) or owner.i in index.place_at or _human_or_body(owner)):
                    return owner
    return None


# Acts that remove someone from office: a call for one is aimed at whom it would remove.
_OUSTINGS = {"resignation", "ouster", "removal", "dismissal", "impeachment", "sacking", "firing", "departure",
             "recall", "resign"}


_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


def _unknown_name(head) -> bool:
    """Whether the word is a proper name the tagger took for a name of someone or somewhere: when the
    actors layer and the gazetteer do not know it ("the Verkhovna Rada", "WeWork"), its words stand for it."""
    return head.pos_ == "PROPN" and head.ent_type_ in _NAME_LABELS


def _human_or_body(head) -> bool:
    """Whether an object names people or an institution ("the administration", "the army", "voters")."""
    return _sector_of(head) is not None or _human(head) or head.lemma_.lower() in _COLLECTIVES


_PARTITIVES = {"neither", "either", "each", "none"}


def _partitive(subject, verb):
    """"neither of the Libyan governments – the official one ... – wants": the governments act, not
    "the official one" the parser took for the subject."""
    for word in [subject, *(c for c in verb.children if c.dep_ in ("dep", "preconj"))]:
        if word.lower_ in _PARTITIVES:
            of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            whole = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if whole is not None:
                return whole
    return subject


def _named_example(head, index: _Index):
    """The actor a plural of no one in particular is shown by ("Proponents, including the Conference of
    Mayors, urged": the Conference; "Several countries, such as France, condemned": France), else the head."""
    if head.tag_ != "NNS" or any(t.i in index.actor_at for t in (head, *head.children) if t.dep_ != "prep"):
        return head  # one word, or a plural that names its actor itself ("Syrian rebels")
    for child in head.children:
        if child.dep_ == "prep" and (child.lower_ in ("including", "like") or child.lower_ == "as" and child.i > 0
                                     and child.doc[child.i - 1].lower_ == "such"):
            example = next((g for g in child.children if g.dep_ == "pobj"), None)
            if example is not None and index.names_actor(example):
                return example
    return head


def _inherited_subject(verb):
    """The subject a complement or coordinated verb shares with the verb above it."""
    current = verb
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp", "acomp") or current.head is current:
            return None
        head = current.head
        if current.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
            head = head.head  # "focused on attempting dialogue": the one focused attempts
        if current.dep_ == "xcomp":  # "urged Iran to talk": the object of the head controls the complement
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None and head.lemma_.lower() in {"urge", "ask", "call", "press", "force", "order", "persuade"}:
                return obj
        if current.dep_ == "acl" and head.pos_ in _LIGHT_NOUN_TAGS:
            if head.lemma_.lower() not in _SAYING_NOUNS | _DOCUMENTS or head.head is head:
                return head
            current = head  # "issued a declaration demanding ...": who issued it demands
            continue
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.tag_ in ("WDT", "WP") and head.dep_ == "relcl":
            return head.head
        if subject is not None:
            return subject
        agent = next((c for c in head.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
        passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and current.dep_ in ("xcomp", "pcomp"):
            return passive  # "X was forced to retreat", "their mission had been focused on attempting ..."
        current = head
    return None


def _objects(verb):
    """Possible targets in order: direct objects, objects of target prepositions ("met with",
    "fired on"), then those of the object's own prepositions ("aid for Romania")."""
    direct = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    yield from direct
    for head in [verb, *direct]:
        if head is not verb and head.pos_ == "NOUN" and head.lemma_.lower() in _ACTS:
            continue  # "endorsed the invasion of Iraq": the one it was done to is not the one endorsed
        for child in head.children:
            # a particle holding its object ("called on fellow Republicans to ...") counts as a preposition
            if child.dep_ in ("prep", "prt") and (child.lower_ in _TARGET_PREPS or head is not verb and child.lower_ == "for"):
                yield from (g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in _TIME_LABELS)


def _noun_arguments(noun, index: _Index):
    """(source, target) of a nominal trigger: "Israel's attack on Gaza", "held talks with Iran"."""
    source = target = None
    patient = noun.lemma_.lower() in _PATIENT_NOUNS
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod") and source is None:
            if patient and child.dep_ == "compound" and _sector_of(child) in _AGENT_SECTORS:
                source = child  # "the police killing of a man": the police kill
            elif patient and child.dep_ in ("poss", "compound") and target is None:
                target = child  # "Assange's arrest": Assange is arrested
            elif child.dep_ == "poss" or any(t.i in index.actor_at for t in child.subtree):
                source = child
        elif child.dep_ == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if child.lower_ == "by":
                source = pobj
            elif child.lower_ == "between" and source is None and noun.lemma_.lower() in _ENCOUNTERS:
                # "talks between Peru and Chile", "clashes between police and protesters": the first with the second
                other = next((c for c in pobj.children if c.dep_ == "conj"), None)
                if other is not None:
                    source, target = pobj, other
            elif child.lower_ in _NOUN_TARGET_PREPS and target is None:
                target = pobj
        elif child.dep_ == "acl" and child.tag_ == "VBN" and source is None:
            # "an attack carried out by rebels", "a complaint filed by the SEC": the participle's agent does it
            source = next((g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    head = noun.head
    if target is None and noun.lemma_.lower() in _BACKING_NOUNS:
        # "expressed support for the Kurdish militias", "sympathy for the strikers": whom it is for
        target = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"
                       for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in _TIME_LABELS), None)
    if target is None and noun.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() in _HARMING:
        # "the offensive has killed more than 300 civilians": whom the act killed is its target
        target = next((c for c in head.children if c.dep_ == "dobj"), None)
    if noun.dep_ == "pobj" and head.lower_ in ("in", "during") and head.head.pos_ == "VERB" and (
            head.head.lemma_.lower() in _SUFFERING or any(c.dep_ == "auxpass" for c in head.head.children)):
        # "two soldiers died in an attack", "were wounded in the raid": they are its victims, not its doers
        subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return source, target if target is not None else subject
    if source is None and noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() not in _UNDERGOING and not any(
            c.dep_ in ("nsubj", "csubj") for c in head.children):
        source = _inherited_subject(head)  # "focused on attempting dialogue with ...": who attempts it
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
        # "Warren was under attack": the subject is the target, the attacker unnamed
        subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return None, subject if target is None else target
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in _UNDERGOING:
        # "the minister has faced sharp criticism", "drew condemnation from rights groups": the subject
        # undergoes the act; its doer is whom it came from, if anyone is named ("received the backing of X":
        # X backs; "is thrilled to receive it": who is thrilled receives it)
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None) or _inherited_subject(head)
        of = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        doer = source or next((g for h in (noun, head) for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                               for g in c.children if g.dep_ == "pobj"), None) or of
        return doer, subject if subject is not None else (None if target is of else target)
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and _warded_off(head):
        # "the army repelled an attack on its base", "police foiled an attack": the subject is the side attacked
        # or the one who stopped it, never the attacker ("an attack by rebels" still names them)
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None) or next(
            (g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        return source, target if target is not None else subject
    topic = noun.dep_ == "pobj" and head.lower_ in _TOPIC_PREPS  # "dropped its investigation into an allegation"
    if source is None and noun.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and head is not noun and not topic:
        verb = head.head if noun.dep_ == "pobj" else head
        if verb.pos_ in ("VERB", "AUX"):
            source = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
            if target is None:
                target = _object_of_light_verb(verb, noun)
    return source, target


# Verbs by which an attack is fought off ("repelled an attack") or stopped before it happens ("foiled", "thwarted":
# then it did not happen): their subject is not the attacker.
_REPELLING = {"repel", "repulse", "withstand", "resist", "survive", "counter", "rebuff"}
_FOILING = {"foil", "thwart", "avert", "prevent", "forestall", "preempt", "pre-empt"}
_WARDING_PHRASES = {("fend", "off"), ("beat", "back"), ("fight", "off"), ("push", "back"), ("ward", "off")}


def _warded_off(verb) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in _REPELLING | _FOILING or any((lemma, c.lower_) in _WARDING_PHRASES for c in verb.children
                                                 if c.dep_ in ("prt", "advmod"))  # "beat back": advmod too


def _wards_off_attack(verb) -> bool:
    return verb.pos_ == "VERB" and _warded_off(verb) and any(
        c.dep_ == "dobj" and any(e.type == "ASSAULT" for e in lexicon().get((c.lemma_.lower(), "NOUN"), ()))
        for c in verb.children)


def _object_of_light_verb(verb, noun):
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and child.i != noun.head.i:
            # (by position: spaCy makes a new token object at each access, so "is" never held) "gathered at
            # a rally": the rally is the act, not whom it is aimed at
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _phrase(head):
    """The tokens of an argument's noun phrase: its left part, coordinated heads, and 'of X'."""
    tokens = list(head.doc[head.left_edge.i : head.i + 1])
    breaks = [k for k, t in enumerate(tokens[:-1]) if "\n" in t.text or "\n" in t.whitespace_]
    if breaks:  # "... Sell It as Fertilizer\n\nOfficers arrested": a line above is not part of the name
        tokens = tokens[breaks[-1] + 1 :]
    charges = {inner.i for child in head.rights for t in child.subtree if _charge(t) for inner in t.subtree}
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "appos", "conj", "cc") or (child.dep_ == "prep" and child.lower_ == "of"):
            tokens.extend(t for t in child.subtree if t.i not in charges)
    return tokens


_CHARGING = {"accuse", "suspect", "convict", "acquit", "clear", "absolve", "exonerate", "cleanse"}


def _charge(prep) -> bool:
    """Whether a preposition says what someone is accused of, not who they are: "of" before a clause ("accused
    the government and its allies of scuttling the deal"), which is no part of the allies' name."""
    if prep.dep_ != "prep" or prep.lower_ != "of":
        return False
    if any(g.dep_ == "pcomp" or g.dep_ == "pobj" and g.tag_ == "VBG" for g in prep.children):
        return True  # "of scuttling the deal", "of lying" (a gerund the parser took for a noun)
    # "accused the mayor of corruption": after the accused, "of" says what of
    accused = prep.head
    while accused.dep_ in ("pobj", "prep") and accused.head is not accused:
        accused = accused.head  # "accused the governor of Lagos of corruption": from "Lagos" up to "governor"
    return accused.dep_ == "dobj" and accused.head.lemma_.lower() in _CHARGING and not any(
        g.ent_type_ for g in prep.children if g.dep_ == "pobj")  # but "the governor of Lagos" is a name


def _antecedent(pronoun, index: _Index):
    """The subject of an enclosing clause a pronoun stands for ("Syria says it will withdraw")."""
    current = pronoun.head
    for _ in range(6):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON" and (
                    index.names_actor(child) or _sector_of(child) or _human(child)):
                return child
        if current.head is current:
            return None
        current = current.head
    return None


_OBJECT_PRONOUNS = {"him", "her", "it", "them"}


def _previous_subject(pronoun, index: _Index):
    """What a sentence's opening "they" or "it" stands for when its own sentence names nothing: the subject of
    the sentence before, in the same paragraph, if it names an actor or people and agrees in number ("Hundreds
    of lawyers marched in Cairo. They called for the minister's resignation": the lawyers)."""
    if pronoun.lower_ not in ("they", "it") or pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "ROOT":
        return None
    sent = pronoun.sent
    if any(t.pos_ in ("NOUN", "PROPN") for t in pronoun.doc[sent.start : pronoun.i]) or sent.start == 0:
        return None  # "After the vote, they ...": something told first may be what it stands for
    before = pronoun.doc[sent.start - 1].sent
    if "\n\n" in pronoun.doc[before.end - 1 : sent.start + 1].text_with_ws or before.root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    for _ in range(3):  # "Hundreds of lawyers": the lawyers
        inner = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None) if subject.lemma_.lower() in _QUANTITIES \
            or subject.like_num else None
        if inner is None:
            break
        subject = inner
    entity = index.actor_at.get(subject.i)
    plural = subject.tag_ in ("NNS", "NNPS") or entity is not None and entity.type in ("group", "country")
    person = entity.type == "person" if entity is not None else _human(subject) and subject.tag_ == "NN"
    if pronoun.lower_ == "they" and not plural or pronoun.lower_ == "it" and (plural or person):
        return None
    if not (index.names_actor(subject) or _sector_of(subject) or _human(subject)):
        return None
    return subject


def _clause_subject(verb):
    """The subject of a verb's clause: its own, else the one it shares ("agreed to meet": who agreed)."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) or _inherited_subject(verb)


def _bound_away(pronoun, antecedent) -> bool:
    """Whether an object pronoun cannot stand for the subject it was given: "him", "her", "them" as the object of
    a verb is never that verb's own subject, or it would read "himself" ("parents sent a letter to the board
    urging them to reconsider": them is the board, not the parents)."""
    verb = pronoun.head
    subject = _clause_subject(verb)
    return subject is not None and subject.i == antecedent.i


def _object_antecedent(pronoun, index: _Index):
    """The nearest phrase before an object pronoun, outside its verb's subject, that names an actor, people or a
    body and agrees with it (a person for "him" and "her", no person for "it")."""
    verb = pronoun.head
    subject = _clause_subject(verb)
    inside = {t.i for t in subject.subtree} if subject is not None else set()
    for token in reversed(list(pronoun.doc[pronoun.sent.start : pronoun.i])):
        if token.i in inside or token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in (
                "pobj", "dobj", "dative", "conj", "appos"):
            continue
        if not (index.names_actor(token) or _human_or_body(token) or _unknown_name(token)):
            continue
        entity = index.actor_at.get(token.i)
        person = entity.type == "person" if entity is not None else _human(token)
        if pronoun.lower_ in ("him", "her") and not person or pronoun.lower_ == "it" and person:
            continue
        whole = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
        if whole is not None and whole.pos_ in ("NOUN", "PROPN") and (index.names_actor(whole) or _human_or_body(whole)):
            return whole  # "the NAACP board of directors": the board
        return token
    return None


def _actor(head, index: _Index, local: str | None = None, target: bool = False) -> dict | None:
    """The argument as an actor: canonical name, country, sector and the words the text uses.

    An actor the knowledge base gives no country takes the one its own words name (a demonym or
    group name, "Yoruba leaders"; a place, "rebels in the Ivory Coast"), else ``local``, the country
    of the place where the event happened: an unknown actor acting there is taken to be local."""
    if head is None:
        return None
    for _ in range(3):  # "tens of thousands of students", "dozens of protesters": the students, the protesters;
        # "backs some of the rebel groups" (a pronoun before "of"): the groups
        if head.lemma_.lower() not in _QUANTITIES and head.like_num is False:
            break
        inner = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is None:
            break
        head = inner
    if target and head.lower_ in _ME and head.i not in index.actor_at:
        # "Putin publicly blamed me ...," Mrs Clinton said: the speaker (only as the one acted on: a
        # quote's "I" or "we" as the doer made many a speaker's plans and wishes events)
        speaker = next((e for start, end, e in index.speakers if start <= head.idx < end), None)
        if speaker is not None:
            return {"id": speaker.id, "name": speaker.name, "country": speaker.country, "sector": speaker.sector,
                    "text": head.text}
    if head.pos_ in ("PRON", "DET") and head.lower_.endswith("thing"):
        return None  # "signed something", "seized everything": a thing, never the subject it shares a clause with
    if head.pos_ in ("PRON", "DET") and head.i not in index.actor_at:
        antecedent = _antecedent(head, index)
        someone = None
        if target and (antecedent is None or _bound_away(head, antecedent)) and head.lower_ in _OBJECT_PRONOUNS \
                and head.dep_ in ("dobj", "dative"):
            antecedent = _object_antecedent(head, index)
            if head.lower_ != "it":  # "implored her to bring it back": someone told of before, not the doer
                someone = {"name": None, "country": local, "sector": None, "text": head.text}
        if antecedent is None and not target:
            antecedent = _previous_subject(head, index)
        resolved = _actor(antecedent, index, local, target) if antecedent is not None else None
        return resolved | {"text": head.text} if resolved else someone
    tokens = _phrase(head)
    entity = index.actor_at.get(head.i)
    if entity is None:  # "the object of Trump's admiration, Vladimir Putin": the apposition names it
        entity = next((index.actor_at[c.i] for c in head.children if c.dep_ == "appos" and c.i in index.actor_at), None)
    if entity is None:
        # not a place the phrase says they are in ("the Grand Mufti, the highest official of religious law in
        # Egypt": an Egyptian, not Egypt's state)
        entity = next((index.actor_at[t.i] for t in tokens if t.i in index.actor_at and not _located_in(t, head)),
                      None)
    kin = head.lower_ in _PEOPLE or head.lemma_.lower() in _PEOPLE
    if entity is not None and entity.type == "person" and head.pos_ == "NOUN" and (kin or target and _human(head)) \
            and any(t.dep_ == "poss" and t.i < head.i and index.actor_at.get(t.i) is entity for t in tokens):
        # "Barr's mother was arrested", "Trump's lawyer was charged": a person of theirs, not they (who
        # acts for them, "Obama's spokesman said", still stands for them)
        return {"id": None, "name": None, "country": entity.country or local,
                "sector": _sector_of(head) or "civilian", "text": _text(tokens)}
    if entity is not None and entity.type == "person" and head.pos_ == "NOUN" and head.i not in index.actor_at \
            and head.lemma_.lower() in ("government", "administration", "cabinet", "regime") \
            and any(t.dep_ in ("compound", "poss") and index.actor_at.get(t.i) is entity for t in tokens):
        # "the Trudeau government", "Maduro's regime": the state its leader heads, not the leader
        country = entity.country or local
        state = index.country_entity.get(country) if country else None
        if state is not None:
            return _state_actor(state, tokens)
        return {"id": None, "name": None, "country": country, "sector": "government", "text": _text(tokens)}
    if entity is not None and target and head.pos_ == "NOUN" and head.lemma_.lower() in _ENVOYS \
            and head.i not in index.actor_at \
            and any(t.dep_ == "poss" and t.i < head.i and index.actor_at.get(t.i) is entity for t in tokens):
        # "shot Russia's ambassador to Turkey": the envoy, a person, not the state that sent him
        return {"id": None, "name": None, "country": entity.country or local, "sector": "government",
                "text": _text(tokens)}
    if entity is not None and entity.type == "person" and target and head.pos_ == "NOUN" \
            and head.lemma_.lower() in _OWN_BODIES and head.i not in index.actor_at \
            and any(t.dep_ == "poss" and t.i < head.i and index.actor_at.get(t.i) is entity for t in tokens):
        # "ordered Senator Hale's political party to close its offices": the party is ordered, not Hale
        return {"id": None, "name": None, "country": entity.country or local, "sector": _sector_of(head),
                "text": _text(tokens)}
    if entity is not None and head.pos_ == "NOUN" and head.lower_ in _TIES and head.i not in index.actor_at \
            and not any(index.actor_at.get(t.i) is entity for t in head.doc[head.left_edge.i : head.i]):
        # "Opponents of President Bashar Assad accused ...": his opponents, not Assad
        return {"id": None, "name": None, "country": entity.country or local,
                "sector": _sector_of(head) or "civilian", "text": _text(tokens)}
    if entity is not None and entity.type != "person":
        # "U.S. Defense Secretary Mark Esper accused ...": the person named acts, not the country
        person = next((index.actor_at[t.i] for t in tokens
                       if t.i in index.actor_at and index.actor_at[t.i].type == "person"), None)
        entity = person or entity
        owner = any(t.dep_ == "poss" and index.actor_at.get(t.i) is entity for t in tokens)
        if entity is not None and not target and owner and head.pos_ == "NOUN" and _sector_of(head) is None \
                and not _human(head) and head.lemma_.lower() not in _QUANTITIES | _COLLECTIVES:
            return None  # "Obama's involvement offers ...": the involvement is no actor (a target
            # may be: "refused the idea of a US-led intervention" refuses the US)
    sector = _sector_of(head) or ("civilian" if entity is None and _human(head) else None)
    if sector is None and head.lemma_.lower() in _GENERIC_HEADS:
        sector = next((_sector_of(c) for c in head.children if c.dep_ in ("compound", "amod") and _sector_of(c)), None)
    if entity is not None and entity.type == "country" and head.pos_ == "NOUN" and sector is not None \
            and sector not in _STATE_SECTORS and _demonym_only(tokens, head, entity, index):
        # "Chinese activists were detained", "Syrian rebels": people of the country, not its state
        return {"id": None, "name": None, "country": entity.country, "sector": sector, "text": _text(tokens)}
    country = None
    if entity is not None:
        country = entity.country
        if entity.sector and (entity.type != "country" or sector is None):
            sector = entity.sector
        if sector is None and entity.role:
            sector = _SECTOR_BY_NOUN.get(entity.role.split()[-1].lower())
        if entity.type == "armed_group" and sector is None:
            sector = "rebel"
        if entity.type == "organization" and not entity.country and _MULTINATIONAL.search(entity.name):
            sector = "igo"  # "European Community", "Asia-Pacific Economic Cooperation": no one country
        if country and _ethnic(tokens, entity, index):
            country = None  # "ethnic Albanians" in Serbia are coded by where they live
    else:
        place = next((index.place_at[t.i] for t in tokens if t.i in index.place_at), None)
        named = _named_country(tokens)
        if place is None and sector is None and named is None:
            if _unknown_name(head):
                # a name the actors layer does not know ("Ethopia" misspelt; a parliament or a company the
                # tagger took for a building or a region, "the Verkhovna Rada", "WeWork", that the
                # gazetteer does not hold as a place): the words stand for it
                return {"name": None, "country": local, "sector": None, "text": _text(tokens)}
            return None  # "a formula", "any operation": a thing, not an actor
        country = place.country if place is not None else named
        state = (index.country_entity.get(country) if country and place is not None and head.i in index.place_at
                 and _seat_of_state(place) else None)
        if state is not None and sector is None:
            return _state_actor(state, tokens)
    if not country and sector != "igo":
        country = _named_country(tokens) or _country_nearby(head, index) or local
        if not country and any(t.lower_ == "local" and t.dep_ == "amod" or t.lower_ in ("country", "nation")
                               and t.dep_ == "poss" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].tag_ == "POS"
                               for t in tokens):
            # "local officials", "the country's rival parliaments": of the country the article is about
            country = index.focus
    return {"id": entity.id if entity else None, "name": entity.name if entity else None, "country": country,
            "sector": sector, "text": _text(tokens)}


def _located_in(token, head) -> bool:
    """Whether a word of an actor's phrase sits in a locative phrase inside it ("an official ... in Egypt")."""
    current = token
    while current.i != head.i and current.head.i != current.i:
        if current.dep_ == "pobj" and current.head.lower_ in ("in", "at", "inside", "near"):  # "from X" says whose
            return True
        current = current.head
    return False


def _demonym_only(tokens, head, entity: Entity, index: _Index) -> bool:
    """Whether the country is named in the phrase only by a word describing its people ("Chinese
    activists"), not as the head, an owner ("its neighbour") or a compound name."""
    on = [t for t in tokens if index.actor_at.get(t.i) is entity]
    return bool(on) and all(t.i != head.i and t.dep_ == "amod" for t in on)


def _named_country(tokens) -> str | None:
    """The country a demonym or group name among the words stands for ("Yoruba", "Sudanese")."""
    for token in tokens:
        if token.i > 0 and token.doc[token.i - 1].lower_ == "ethnic":
            continue
        word = token.text
        code = country_of_demonym(word) or _groups().get(word.lower()) or _groups().get(token.lemma_.lower())
        if code:
            return code
    return None


def _ethnic(tokens, entity, index: _Index) -> bool:
    """Whether the entity is named as an ethnic group ("ethnic Albanians"), not as a state."""
    return any(t.i > 0 and t.doc[t.i - 1].lower_ == "ethnic" and index.actor_at.get(t.i) is entity for t in tokens)


def _country_nearby(head, index: _Index) -> str | None:
    """The country of a place in the actor's own locative phrase: "rebels in the Ivory Coast"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "from", "inside", "within", "of"):
            for token in child.subtree:
                place = index.place_at.get(token.i)
                if place is not None and place.country:
                    return place.country
    return None


def _reciprocal(target) -> bool:
    """Whether an object is "each other" / "one another", or owned by them ("each other's policies")."""
    words = [target, *(c for c in target.children if c.dep_ == "poss")]
    return any(w.lower_ == "other" and any(c.lower_ == "each" for c in w.children)
               or w.lower_ == "one" and any(c.lower_ == "another" for c in w.children)
               or w.lower_ == "another" and w.i > 0 and w.doc[w.i - 1].lower_ == "one" for w in words)


def _first_only(head, index: _Index) -> dict | None:
    """The first of two coordinated actors alone ("Carter" of "Carter and Lopez")."""
    entity = index.actor_at.get(head.i)
    if entity is None:
        return None
    return {"id": entity.id, "name": entity.name, "country": entity.country, "sector": entity.sector,
            "text": head.text}


def _coordinated(head, index: _Index) -> bool:
    """Whether the source is two actors joined by "and" ("Jordan and Britain", "X along with Y")."""
    return any(c.dep_ == "conj" and index.names_actor(c) for c in head.children) and index.names_actor(head)


def _implied_target(kind: str, actor1: dict | None, local: str | None) -> dict | None:
    """The target PLOVER codes when the text names none: the authorities of the country where it
    happened (a protest, a curfew, a bombing there), else, for domestic acts, the source's own country."""
    country = local or (actor1.get("country") if actor1 and kind in _DOMESTIC else None)
    if not country:
        return None
    return {"name": None, "country": country, "sector": None, "text": "", "implied": True}


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    """Peoples, movements and regions tied to one country (data/plover_groups.tsv): word -> alpha-2."""
    text = resources.files("newsgraph.enrich.data").joinpath("plover_groups.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word.lower(): code.strip() for word, code in rows}


# Nouns that name a body of people with the actor before them ("the Kenyan side", "Amnesty's team").
# Bodies a person owns or leads that are actors of their own when an act is done to them ("Hale's party").
_OWN_BODIES = {"party", "company", "firm", "business", "foundation", "charity", "organization", "organisation",
               "club", "newspaper", "movement", "bank", "fund"}
_COLLECTIVES = {"side", "team", "delegation", "camp", "party", "group", "unit", "units", "members", "staff",
                "supporters", "loyalists", "followers", "allies", "men", "wing", "branch", "arm", "office",
                "spokesman", "spokeswoman", "spokesperson", "representative", "representatives", "envoy", "lawyer",
                "lawyers", "counsel", "campaign", "committee", "council", "board", "commission", "agency", "service",
                "services", "ministry", "department", "embassy", "mission", "bureau", "cabinet", "administration",
                "coalition", "alliance", "family", "son", "daughter", "wife", "husband", "brother", "sister",
                "mother", "father", "aide", "aides", "adviser", "advisers", "advisor", "official", "officials",
                "movement", "organization", "organisation", "faction", "factions", "network", "body", "militia",
                "force", "forces", "authority", "authorities", "regime", "leadership", "groups"}
# Heads that take their sector from their modifier: "opposition groups", "rebel factions".
_GENERIC_HEADS = {"group", "member", "faction", "supporter", "force", "unit", "activist", "leader", "figure"}
_HUMAN_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")
_NOT_HUMAN = {"number", "numbers", "order", "orders", "member", "letter", "letters", "paper", "papers", "power",
              "powers", "water", "border", "borders", "matter", "matters", "center", "centers", "sector", "sectors",
              "event", "events", "percent", "amount", "moment", "comment", "comments", "statement", "agreement",
              "government", "element", "elements", "incident", "incidents", "accident", "accidents", "content",
              "department", "investment", "parliament", "movement", "development", "president", "giant",
              "plant", "plants", "tower", "computer", "computers", "factor", "factors", "error", "errors",
              "meter", "meters", "quarter", "quarters", "layer", "layers", "chapter", "river", "weather",
              "disaster", "disasters", "cancer", "fever", "monitor", "reactor", "motor", "doctor's", "price",
              "prices", "rate", "rates", "answer", "answers", "offer", "offers", "pressure", "measure", "measures",
              "transfer", "transfers", "shelter", "barrier", "barriers", "murder", "murders", "danger", "anger",
              "disorder", "character", "register", "cover", "filter", "trailer", "poster", "chamber",
              "headquarters", "cluster", "encounter", "theater", "theatre", "summer", "winter", "october", "november",
              "september", "december", "talent", "intent", "extent", "consent", "patent", "component", "components"}


_PEOPLE = {"man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "teen", "teens",
           "teenager", "person", "persons", "suspect", "suspects", "victim", "victims", "father", "mother", "son",
           "daughter", "husband", "wife", "couple", "family", "youth", "youths", "student", "students", "patient",
           "resident", "residents", "driver", "passenger", "inmate", "prisoner", "detainee", "hostage", "guard",
           "candidate", "candidates", "nominee", "nominees", "rival", "rivals", "critic", "critics", "colleague",
           "colleagues", "attorney", "attorneys", "nurse", "nurses", "fan", "fans", "friend", "friends", "relative",
           "relatives", "ally", "allies", "staff", "staffer", "staffers", "employee", "employees", "baby", "infant",
           "adult", "adults", "veteran", "veterans", "pilgrim", "pilgrims", "girlfriend", "boyfriend", "crew",
           "individual", "individuals", "people", "opponent", "opponents", "supporter", "supporters",
           "detractor", "detractors", "enemy", "enemies", "foe", "foes", "admirer", "admirers"}
# People named by their tie to someone ("opponents of President Assad", "the mother of the victim"):
# they are not that someone.
_TIES = {"opponent", "opponents", "critic", "critics", "rival", "rivals", "supporter", "supporters", "detractor",
         "detractors", "enemy", "enemies", "foe", "foes", "fan", "fans", "admirer", "admirers", "friend", "friends",
         "relative", "relatives", "family", "mother", "father", "son", "daughter", "wife", "husband",
         "girlfriend", "boyfriend", "victim", "victims"}


def _human(head) -> bool:
    """Whether a common noun names people ("teachers", "workers", "activists", "a journalist", "a man")."""
    word = head.lower_
    if _substance(head):
        return False
    if head.pos_ == "NOUN" and (word in _PEOPLE or head.lemma_.lower() in _PEOPLE):
        return True
    if word in ("old", "olds") and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos") and any(
            c.lower_ in ("year", "years") and any(g.like_num for g in c.children) for c in head.children):
        return True  # "the 31-year-old said", "police arrested a 17-year-old" (the tokens "31 - year - old")
    return (head.pos_ == "NOUN" and word not in _NOT_HUMAN and head.lemma_.lower() not in _NOT_HUMAN
            and word.endswith(_HUMAN_SUFFIXES) and not word.endswith(("ment", "ments")) and len(word) > 4)


def _sector_of(head) -> str | None:
    """The sector a head noun names; a capitalised plural the tagger took for a name ("Rebels") too. A
    "nerve agent" or a "chemical agent" is a substance, not an agent of a service."""
    if _substance(head):
        return None
    for word in (head.lemma_.lower(), head.lower_, head.lower_.removesuffix("s")):
        if word in _SECTOR_BY_NOUN:
            return _SECTOR_BY_NOUN[word]
    return None


# What makes an "agent" a substance: poisoned "by a nerve agent" names no doer.
_SUBSTANCES = {"nerve", "chemical", "biological", "toxic", "blister", "blood", "choking", "riot-control", "warfare"}


def _substance(head) -> bool:
    return head.lemma_.lower() == "agent" and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _SUBSTANCES
                                                  for c in head.children)


# Nouns naming ground rather than people: the target of a fight over them is a place (the event's place).
_TERRITORY_NOUNS = {"territory", "territories", "city", "town", "village", "area", "areas", "region", "province",
                    "district", "land", "lands", "ground", "port", "capital", "suburb", "suburbs", "enclave",
                    "countryside", "neighborhood", "neighbourhood", "outskirts", "coast", "island"}


def _territory(head, actor: dict) -> bool:
    """Whether a target phrase names ground, not an actor: "more Libyan territories", "the city of X"."""
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() not in _TERRITORY_NOUNS and head.lower_ not in _TERRITORY_NOUNS:
        return False
    return actor.get("sector") is None


def _place_actor(head, index: _Index) -> dict | None:
    """A target named as a place ("attacked Tokyo"): its country stands for the target."""
    place = next((index.place_at[t.i] for t in _phrase(head) if t.i in index.place_at), None)
    if place is None or not place.country:
        return None
    state = index.country_entity.get(place.country)
    if state is not None:
        return _state_actor(state, _phrase(head))
    return {"name": None, "country": place.country, "sector": None, "text": _text(_phrase(head))}


# Things held by a side, whose owner an attack on them is aimed at ("rebel positions", "a police station").
_HELD_THINGS = {"position", "positions", "post", "outpost", "station", "base", "camp", "headquarters", "office",
                "embassy", "consulate", "convoy", "checkpoint", "stronghold", "hideout", "compound", "facility",
                "barracks", "patrol", "vehicle", "vessel", "ship", "jet", "plane", "aircraft", "drone", "warship"}


def _owner_of_thing(head, index: _Index, local: str | None) -> dict | None:
    """The side a target thing belongs to ("launched airstrikes on rebel positions": the rebels; "a police
    station": the police; "the Turkish embassy": Turkey), its words the thing's."""
    if head.lemma_.lower() not in _HELD_THINGS and head.lower_ not in _HELD_THINGS:
        return None
    for child in head.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < head.i and (
                _sector_of(child) is not None or index.names_actor(child)):
            owner = _actor(child, index, local, target=True)
            if owner is not None:
                return owner | {"text": _text(_phrase(head))}
    return None


def _seat_of_state(place: Place) -> bool:
    """Whether a place named as an actor stands for its country's state: a country, a region, a capital
    or a seat of government ("Moscow said", "visited Riyadh"), not any town ("UEFA charged Liverpool":
    the club, not the United Kingdom)."""
    feature = place.feature or ""
    return not feature.startswith("P.") or feature in ("P.PPLC", "P.PPLG")


def _state_actor(state: Entity, tokens) -> dict:
    """A place named as an actor standing for its country's state ("visited Riyadh": Saudi Arabia)."""
    return {"id": state.id, "name": state.name, "country": state.country, "sector": state.sector, "text": _text(tokens)}


def _text(tokens) -> str:
    """The words of an argument's phrase, its brackets closed: "the Garment Workers' Unity Council (GWUC)"
    where the parse hangs the closing bracket elsewhere, never "... Council (GWUC"."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    span = doc[first : last + 1]
    open_brackets = sum(t.text in _OPENING for t in span) - sum(t.text in _CLOSING for t in span)
    if open_brackets == 1 and last + 1 < len(doc) and doc[last + 1].text in _CLOSING:
        span = doc[first : last + 2]
    return balanced(span.text) or span.text


_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")


# -- place -------------------------------------------------------------------------------------


def _places(token, sent, source, triggers, index: _Index, target=None) -> tuple[dict | None, dict | None]:
    """(where it happened, the place around it), read in one pass over the trigger's phrases.

    Where it happened: a place in a phrase of the trigger that says where (in, at, near ...), or the very
    object of "to", "on", "of" ... ("a visit to Riyadh"); else the sentence's only place when it names no
    side ("has accused Beijing", "urged Vietnam to push back") and is no nationality of a person ("met the
    Russian president": not where it happened) — see ``_where``.

    The place around it, for the country of an actor who has none of its own: any place in the trigger's
    prepositional phrases, however deep, else the sentence's only place."""
    excluded = {t.i for t in _phrase(source)} if source is not None else set()
    heads = [token]
    if token.pos_ != "VERB" and token.head.pos_ == "VERB":
        heads.append(token.head)
    heads.extend(c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.i in triggers or c.dep_ == "xcomp")
    where: list[Place] = []
    around: list[Place] = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE_PREPS:
                # a place in a locative phrase, even if also named as an actor ("in a Libyan air base")
                deep = [index.place_at[t.i] for t in child.subtree if t.i in index.place_at and t.i not in excluded]
                around.extend(deep)
                # "a visit to Riyadh", "fighting for the city of Aleppo": the place itself, not one named deeper
                # in the phrase ("a condemnation of North Korea's test", "selling arms to Saudi Arabia")
                where.extend(deep if child.lower_ in _WHERE_PREPS else _place_itself(child, excluded, index))
            elif child.dep_ in ("dobj", "npadvmod", "compound", "nmod", "nsubjpass"):
                # a place as the object ("controls Sirte"), not a country standing for its government
                held = [index.place_at[t.i] for t in child.subtree
                        if t.i in index.place_at and t.i not in excluded and t.i not in index.actor_at]
                where.extend(held)
                around.extend(held)
    if where:  # (a place where it happened is also around it)
        return _most_precise(where), _most_precise(around)
    in_sentence: dict[object, Place] = {}  # one place named twice (the West Bank, "Palestinian") is one place
    mentions: dict[object, list] = {}
    for t in sent:
        if t.i in index.place_at and t.i not in excluded:
            place = index.place_at[t.i]
            in_sentence.setdefault(place.geonameid or id(place), place)
            mentions.setdefault(place.geonameid or id(place), []).append(t)
    only = next(iter(in_sentence.values())) if len(in_sentence) == 1 else None
    # whom a visit is paid to is where it happens ("visited South Africa")
    # and ground fought over or held is where ("controlled the city of Douma")
    visit = token.lemma_.lower() in ("visit", "tour")
    ground = target is not None and (target.lemma_.lower() in _TERRITORY_NOUNS
                                     or target.i in index.place_at and target.i not in index.actor_at)
    sides = {t.i for t in _phrase(target)} if target is not None and not (visit or ground) else set()
    if only is None:
        return None, _most_precise(around) if around else None
    said = any(_where(t, sides, index) for tokens in mentions.values() for t in tokens)
    return _place_dict(only) if said else None, _most_precise(around) if around else _place_dict(only)


def _most_precise(found: list[Place]) -> dict:
    return _place_dict(min(found, key=lambda p: _PRECISION_RANK[_precision(p)]))


def _place_dict(best: Place) -> dict:
    return {
        "name": best.name, "geonameid": best.geonameid, "country": best.country, "admin1": best.admin1,
        "lat": best.lat, "lon": best.lon, "feature": best.feature, "precision": _precision(best),
    }


# Prepositions whose phrase says where, however deep the place sits in it ("in a village near Gao").
_WHERE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "along"}


def _place_itself(prep, excluded: set[int], index: _Index) -> list[Place]:
    """The place a phrase after "to", "on", "of", "for", "over", "into" ... is, when its object is the place
    and not an actor ("a visit to Riyadh", "the battle for the city of Aleppo"), else nothing."""
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if pobj is not None and pobj.lemma_.lower() in _TERRITORY_NOUNS:
        pobj = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), pobj)
    if pobj is None or pobj.i not in index.place_at or pobj.i in excluded or pobj.i in index.actor_at:
        return []
    return [index.place_at[pobj.i]]


def _where(token, sides: set[int], index: _Index) -> bool:
    """Whether a sentence's only place mention can say where its act happened: not inside the phrase of the
    one acted on ("has accused Beijing of ...", "sanctions against Russian banks") nor the object of a
    preposition that does not say where ("sold arms to Saudi Arabia"), not a people's adjective
    on a person ("after meeting with Russian President Ivan Petrov"). A doer's own country stays ("Sweden
    has dropped its investigation", "according to Chicago police")."""
    place = index.place_at[token.i]
    while token.dep_ in ("compound", "flat") and index.place_at.get(token.head.i) is place:
        token = token.head  # "Saudi" of "Saudi Arabia": the name's head says how it is used
    locative = token.dep_ == "pobj" and token.head.lower_ in _WHERE_PREPS
    if token.i in sides and not locative:
        return False
    if token.dep_ == "pobj" and not locative and token.head.lower_ != "of":
        return False  # "selling artillery to Saudi Arabia", "imports from China": whom for, whence, not where
    # a people's adjective on a person ("met the Russian president Ivan Petrov") says whose, not where
    return not (token.dep_ == "amod" and (token.head.ent_type_ == "PERSON" or token.head.i in index.actor_at
                                          and index.actor_at[token.head.i].type == "person"))


def _precision(place: Place) -> str:
    feature = place.feature or ""
    return next((name for prefix, name in _PRECISION if feature.startswith(prefix)), "region")


# -- status ------------------------------------------------------------------------------------


def _avoided_under(word, token) -> bool:
    """Whether the act ``token`` names, below ``word`` on the status chain, did not happen because of it: a
    refusal or an avoidance ("declined to meet", "steered clear of criticizing"), an act kept from
    happening ("prevented the police from arresting"), an act done "without" it ("left without meeting
    them"), or one someone "has yet to" do. All but the first only for an act that is itself the
    complement ("fell short of the $20 demanded by X": the demand was made)."""
    lemma = word.lemma_.lower()
    if lemma in _REFUSALS | _AVOIDANCE:
        return True
    if token.dep_ not in ("pcomp", "xcomp"):
        return False
    if word.dep_ == "prep":
        if word.lower_ == "without":
            return True
        return word.lower_ == "from" and word.head.lemma_.lower() in _PREVENTION
    if word.dep_ in ("prt", "advmod", "acomp") and (word.head.lemma_.lower(), word.lower_) in _AVOIDANCE_PHRASES:
        return True  # "steering clear of criticizing": the parse hangs "of" on "clear"
    if word.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("prt", "advmod", "acomp") and (lemma, c.lower_) in _AVOIDANCE_PHRASES for c in word.children):
        return True
    return lemma in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in word.children) and any(
        c.dep_ == "xcomp" for c in word.children)  # "the rebels have yet to attack the town"


def _planned_act(token) -> str | None:
    """The status a nominal act takes from what is said of its taking place: "no arrests were made", "the
    talks never took place", "the summit was cancelled", "called off the strike" (negated); "the talks
    were postponed" (hypothetical)."""
    if token.pos_ not in _LIGHT_NOUN_TAGS:
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return "negated"
    head = token.head
    if head is token or head.pos_ not in ("VERB", "AUX"):
        return None
    lemma = head.lemma_.lower()
    cancelled = lemma in _CANCELLING or (lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children))
    if token.dep_ in ("nsubjpass", "dobj") and (cancelled or lemma in _FOILING):
        return "negated"  # "the summit was cancelled", "police foiled an attack"
    if token.dep_ in ("nsubjpass", "dobj") and lemma in _POSTPONING:
        return "hypothetical"
    occurring = lemma in _OCCURRING or any((lemma, c.lower_) in _OCCURRING_PHRASES for c in head.children)
    if token.dep_ == "nsubj" and occurring and any(c.dep_ == "neg" for c in head.children):
        return "negated"  # not "his refusal did not go over well"
    return None


def _status(token, index: _Index, kind: str | None = None) -> str:
    """negated, hypothetical, reported or asserted, in that order of precedence."""
    planned = _planned_act(token)
    if planned == "negated":
        return planned
    if token.pos_ == "VERB" and any(c.dep_ == "dobj" and (c.lower_ in _NEGATIVE_SUBJECTS | {"nobody", "noone"} or any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in token.children):
        return "negated"  # "police arrested no one", "detained no journalists"
    chain = [token]
    current = token
    while current.dep_ in _CHAIN | {"ccomp"} and current.head is not current:
        if current.dep_ == "ccomp" and current.head.lemma_.lower() not in _REFUSALS | _INTENTIONS:
            break
        current = current.head
        chain.append(current)
    for word in chain:
        if any(c.dep_ == "neg" for c in word.children) or (word is not token and _avoided_under(word, token)):
            return "negated"
        for subject in (c for c in word.children if c.dep_ in ("nsubj", "nsubjpass", "dep", "preconj")):
            if subject.lower_ in _NEGATIVE_SUBJECTS or any(c.lower_ == "no" and c.dep_ == "det" for c in subject.children):
                return "negated"
    if token.pos_ != "VERB" and any(c.dep_ == "amod" and c.lower_ in _HEDGES for c in token.children):
        return "hypothetical"
    if planned is not None:
        return planned
    if _supposed(token):
        return "hypothetical"
    for word in chain:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in word.children):
            return "hypothetical"
        if word is not token and word.lemma_.lower() in _INTENTIONS:
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in word.children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in word.children) and word.dep_ == "advcl" \
                and not _done_where_gathered(word, kind):
            return "hypothetical"  # purpose: "in order to attack", "to take over"
    for word in chain:
        if word is not token and word.lemma_.lower() in _HEARSAY:
            return "reported"
        if any(c.dep_ == "advmod" and c.lower_ in _HEARSAY_ADVERBS for c in word.children):
            return "reported"
    return "asserted"


# Verbs of coming together or travelling, and the acts done by being there: "leaders gathered on Friday to
# discuss the summit", "ministers travelled to the capital to push for more funds" tell the talks and the
# demands, not only a purpose (troops that "moved to attack" have not attacked yet).
_GATHERING = {"gather", "meet", "convene", "assemble", "rally", "march", "travel", "come", "fly", "arrive", "visit",
              "descend", "converge", "congregate", "turn"}
_DONE_BY_BEING_THERE = {"CONSULT", "REQUEST", "PROTEST", "ACCUSE", "SUPPORT", "REJECT"}


def _done_where_gathered(word, kind: str | None) -> bool:
    head = word.head
    return (kind in _DONE_BY_BEING_THERE and head.pos_ == "VERB" and head.lemma_.lower() in _GATHERING
            and head.tag_ in ("VBD", "VBN", "VBG") and not any(c.dep_ in ("aux", "auxpass") and (c.lower_ in _MODALS or c.lower_ == "to")
                                                             for c in head.children))


_SUPPOSING = {"say", "suppose", "supposing", "imagine", "assume"}


def _supposed(token) -> bool:
    """Whether the act is only supposed: its sentence opens with an imperative of supposing ("Say Mexico
    demanded that ...", "Imagine the army attacked ..."), however the parse attaches it (as the root, or as
    a dependant or even a name's compound of the verb it introduces)."""
    first = token.sent[0]
    return first.i != token.i and first.is_title and first.lower_ in _SUPPOSING and first.tag_ not in ("VBZ", "VBD", "VBN")


# Acts whose telling by someone other than the doer is that someone's account: violence, threats,
# and detention by a party that is not an authority (a kidnapping). PLOVER coders, and our guide's
# conventions (docs/annotation-guide.md), record those as "reported"; an official act relayed by a
# newspaper or an official ("police said two men were arrested"), an actor's account of its own act
# and what a speaker itself demands, accuses or rejects stay asserted.
_CONTESTED = {"ASSAULT", "THREATEN", "COERCE"}
_AUTHORITIES = {"police", "government", "judiciary", "military", "legislature"}
# "accused the army of shelling the town": the shelling is the accuser's allegation.
_ALLEGING = {"accuse", "allege", "charge", "suspect", "blame", "convict", "indict", "implicate"}
_FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}


def _relayed(token, kind: str, actor1: dict | None, index: _Index) -> bool:
    """Whether an act the parse reads as stated is only a claim the article relays."""
    if kind not in _CONTESTED:
        return False
    official = actor1 is not None and actor1.get("sector") in _AUTHORITIES
    if kind == "COERCE" and (actor1 is None or official):
        return False  # an arrest, a curfew, a sentence: an official act however it is sourced
    if _alleged(token):
        return True
    for start, end, claimant_id, claimant in index.claims:
        if not start <= token.idx < end:
            continue
        if actor1 is None:
            # "The army said hundreds of rebels had been killed": an authority telling of what it did
            return not any(_SECTOR_BY_NOUN.get(w) in ("police", "military") for w in claimant.lower().split())
        if (claimant_id is not None and actor1.get("id") == claimant_id) or (actor1.get("text") or "").lower() in _FIRST_PERSON:
            return False  # the speaker's own act
        same_side = official and any(_SECTOR_BY_NOUN.get(w) == actor1.get("sector") for w in claimant.lower().split())
        return not same_side
    return False


def _alleged(token) -> bool:
    """Whether the act is what someone is accused of ("accused the police of beating him")."""
    word = token
    for _ in range(4):
        if word.dep_ not in ("pcomp", "pobj", "prep", "xcomp", "advcl") or word.head.i == word.i:
            return False
        word = word.head
        if word.lemma_.lower() in _ALLEGING:
            return True
    return False


# -- date --------------------------------------------------------------------------------------

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a few": 3, "few": 3, "several": 4, "a couple of": 2}
_AGO = re.compile(r"\b(a few|a couple of|several|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                  r"(day|week|month|year)s?\s+(ago|earlier)\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")


def _parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _date(token, sent, index: _Index) -> tuple[str | None, str | None]:
    """The date of the trigger's clause, resolved against the publication date, with its precision."""
    dates = [ent for ent in ents_within(sent.doc, sent.start, sent.end) if ent.label_ == "DATE"]
    if not dates:
        return None, None
    attached = [ent for ent in dates if _attached(ent.root, token)]
    for ent in attached or (dates if len(dates) == 1 else []):
        resolved = resolve_date(ent.text, index.published)
        if resolved[0]:
            return resolved
    return None, None


def _attached(word, trigger) -> bool:
    """Whether a date phrase modifies the trigger's clause (not another verb's)."""
    current = word
    for _ in range(6):
        if current is trigger:
            return True
        if current.head is current or (current is not word and current.pos_ == "VERB"):
            return False
        current = current.head
    return False


def resolve_date(text: str, published: date | None) -> tuple[str | None, str | None]:
    """("2016-02-22", "day"), ("2011", "year"), ... for a date phrase; (None, None) if unresolvable."""
    phrase = " ".join(text.lower().split())
    if published is not None:
        if "yesterday" in phrase:
            return (published - timedelta(days=1)).isoformat(), "day"
        if phrase in ("today", "this morning", "tonight", "this afternoon", "this evening"):
            return published.isoformat(), "day"
        for name, weekday in _WEEKDAYS.items():
            if name in phrase:
                back = (published.weekday() - weekday) % 7 or (7 if "last" in phrase else 0)
                return (published - timedelta(days=back)).isoformat(), "day"
        ago = _AGO.search(phrase)
        if ago:
            amount, unit = ago.group(1), ago.group(2)
            count = int(amount) if amount.isdigit() else _NUMBERS[amount]
            vague = amount in ("a few", "few", "several")
            if unit == "day":
                return (published - timedelta(days=count)).isoformat(), "week" if vague else "day"
            if unit == "week":
                return (published - timedelta(weeks=count)).isoformat(), "week"
            if unit == "month":
                month = published.month - count
                year = published.year + (month - 1) // 12
                return f"{year:04d}-{(month - 1) % 12 + 1:02d}", "month"
            return f"{published.year - count:04d}", "year"
        for unit in ("week", "month", "year"):
            if phrase in (f"last {unit}", f"this {unit}", f"earlier this {unit}", f"past {unit}", f"the past {unit}"):
                if unit == "week":
                    shift = 7 if "last" in phrase or "past" in phrase else 0
                    return (published - timedelta(days=published.weekday() + shift)).isoformat(), "week"
                if unit == "month":
                    month = published.month - (1 if "last" in phrase or "past" in phrase else 0) or 12
                    year = published.year - (1 if month == 12 and published.month == 1 else 0)
                    return f"{year:04d}-{month:02d}", "month"
                return f"{published.year - (1 if 'last' in phrase or 'past' in phrase else 0):04d}", "year"
    return _absolute_date(phrase, published)


def _absolute_date(phrase: str, published: date | None) -> tuple[str | None, str | None]:
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        found = pattern.search(phrase)
        if found and found.group(month_group) in _MONTHS:
            year = int(found.group(3)) if found.group(3) else (published.year if published else None)
            if year is None:
                return None, None
            try:
                day = date(year, _MONTHS[found.group(month_group)], int(found.group(day_group)))
            except ValueError:
                return None, None
            if not found.group(3) and published and day > published + timedelta(days=2):
                day = day.replace(year=year - 1)
            return day.isoformat(), "day"
    year_found = _YEAR.search(phrase)
    month = next((m for name, m in _MONTHS.items() if re.search(rf"\b{name}\b", phrase)), None)
    if month and year_found:
        return f"{int(year_found.group(1)):04d}-{month:02d}", "month"
    if month and published:
        return f"{published.year:04d}-{month:02d}", "month"
    if year_found:
        return year_found.group(1), "year"
    return None, None
