"""Calibrated confidence on every fact: the last enrichment component.

Each fact (actor, place, quote, cited source, event) is described by a few features the earlier
components know (an event's type, whether both actors are named, its status, whether it sits in
a quote; a place's feature class and whether the article is about that country; ...). A logistic
model per fact kind turns them into the probability that a careful analyst judges the fact right.
Its weights (``data/confidence.json``) are fitted by ``python -m bench.calibrate`` on the tuning
half of our real-news gold set (bench/facts_gold/, docs/annotation-guide.md), never on the
checking half; docs/accuracy.md shows how well the probabilities hold on that checking half.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cached_property, lru_cache

from newsgraph.enrich import logistic
from newsgraph.enrich.entindex import first_ent_touching
from newsgraph.enrich.layout import furniture, inside
from newsgraph.enrich.languages import profile_of
from newsgraph.enrich.places import STATE_ABBREVIATIONS, demonyms, is_modifier
from newsgraph.gazetteer import load_gazetteer, name_key
from newsgraph.record import Article

REQUIRES = ("entities", "places", "quotes", "citations", "events")
ASSIGNS = ("entities.confidence", "places.confidence", "quotes.confidence", "citations.confidence",
           "events.confidence")

KINDS = ("actors", "places", "quotes", "citations", "events")
# Quote kinds that attribute something but are not speech shown as a quote: an intention ("pledged to
# cut taxes"), a stance ("opposed the bill"), evidence ("footage shows ..."), a headline's clause, a
# refusal ("declined to say"), a title in quotation marks (“Face the Nation”), a statement not (yet) made
# ("will say", "is expected to announce", "if the mayor says"), a song's words sung (“…,” she sings).
NOT_SPEECH = ("intention", "stance", "evidence", "headline", "refusal", "title", "hypothetical", "sung")
NOT_SPEECH_CONFIDENCE = 0.2
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "i", "we", "you", "who", "his", "its", "their"}
def model() -> dict:
    """{kind: {"bias": b, "weights": {feature: w}}}; empty when not fitted yet."""
    return logistic.load("confidence.json")


def probability(kind: str, features: dict[str, float], fallback: float) -> float:
    params = model().get(kind)
    return logistic.score(params, features) if params else fallback


# -- features ----------------------------------------------------------------------------------------


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


class _Context:
    """What several fact kinds' features need: quote spans, the article's main country, sentences."""

    def __init__(self, article: Article, doc):
        self.article = article
        self.doc = doc
        self.direct = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
        self.furniture = furniture(article.text)
        countries: Counter[str] = Counter()
        for place in article.places:
            if place.country:
                countries[place.country] += len(place.mentions)
        self.focus = countries.most_common(1)[0][0] if countries else None
        self.by_name = {e.name: e for e in article.entities}
        self.by_id = {e.id: e for e in article.entities}
        self.person_org = [(s, e) for ent in article.entities if ent.type in ("person", "organization", "media", "igo")
                           for s, e in ent.mentions]
        first_line = article.text.split("\n", 1)[0]
        # Any first line, wider than layout.headline_end (which decides a quote's kind): a teaser above
        # the story counts too. Fitted with headline_end instead, shown quotes fell from 0.864 to 0.857.
        self.title_end = len(first_line) if "\n" in article.text else 0
        starts = [s.start_char for s in doc.sents]
        self.lead_end = starts[2] if len(starts) > 2 else len(article.text)
        # Where each type of event, and each doer's event of a type, is first told; events per sentence
        # (read once here: a long text gives thousands of events).
        self.first_told: dict[tuple[str, str | None], int] = {}
        for event in article.events:
            for key in {(event.type, None), (event.type, _doer(event))}:
                self.first_told[key] = min(self.first_told.get(key, event.start), event.start)
        self.events_at = Counter(event.start for event in article.events)

    @cached_property
    def lower_words(self) -> set[str]:
        """The words the article writes in lower case."""
        return {w for w in _WORD.findall(self.article.text) if w.islower()}

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.direct)

    def ner_label(self, start: int, end: int) -> str:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return "none"
        # The first entity holding the span's first token or starting inside the span.
        ent = first_ent_touching(self.doc, span.start, span.end)
        return ent.label_ if ent is not None else "none"


def event_features(event, ctx: _Context) -> dict[str, float]:
    p = min(max(float(event.confidence or 0.5), 0.01), 0.99)  # the event filter's probability
    f = {f"type={event.type}": 1.0, f"status={event.status}": 1.0, "rule": p, "rule_logit": math.log(p / (1 - p))}
    for slot, actor in (("a1", event.actor1), ("a2", event.actor2)):
        if not actor:
            f[f"{slot}=none"] = 1.0
        elif actor.get("implied"):
            f[f"{slot}=implied"] = 1.0
        elif actor.get("name"):
            entity = ctx.by_name.get(actor["name"])
            f[f"{slot}=entity"] = 1.0
            if entity is not None:
                f[f"{slot}type={entity.type}"] = 1.0
        elif (actor.get("text") or "").lower() in _PRONOUNS:
            f[f"{slot}=pronoun"] = 1.0
        else:
            f[f"{slot}=text"] = 1.0
    if event.trigger:
        span = ctx.doc.char_span(event.trigger[0], event.trigger[1], alignment_mode="expand")
        if span is not None:
            token = span[0]
            # how the trigger sits in its clause: "was arrested" (VBN, passive), "the arrest" (NN, pobj)
            f[f"pos={token.pos_}"] = f[f"tag={token.tag_}"] = f[f"dep={token.dep_}"] = 1.0
            if any(c.dep_ == "auxpass" for c in token.children):
                f["passive"] = 1.0
        if ctx.in_quote(event.trigger[0]):
            f["in_quote"] = 1.0
        if any(q.start <= event.trigger[0] < q.end for q in ctx.article.quotes):
            f["quoted"] = 1.0  # inside what someone is said to have said, direct or not
        if any(c.start <= event.trigger[0] < c.end or event.start <= c.start < event.end for c in ctx.article.citations):
            f["cited"] = 1.0  # its sentence names where it comes from ("according to police")
    if event.start < ctx.lead_end:
        f["lead"] = 1.0
    if event.place:
        f["place"] = 1.0
    if event.date:
        f["date"] = 1.0
    f.update(_event_telling(event, ctx))
    return f


def _event_telling(event, ctx: _Context) -> dict[str, float]:
    """How the event is told: both actors named; whether its actors' words are in its own sentence (not
    taken from an earlier one, "police" inferred for "was arrested"); whether an act of its type was
    told before in the article (a second telling; coders record the first), by the same doer; how many
    events its sentence gives and how long the sentence is."""
    f: dict[str, float] = {}
    named = [bool(a and a.get("name") and not a.get("implied")) for a in (event.actor1, event.actor2)]
    if all(named):
        f["both_named"] = 1.0
    text = ctx.article.text
    for slot, actor in (("a1", event.actor1), ("a2", event.actor2)):
        words = (actor or {}).get("text")
        if words:
            f[f"{slot}_in_sentence" if text.find(words, event.start, event.end) >= 0 else f"{slot}_elsewhere"] = 1.0
    if ctx.first_told.get((event.type, None), event.start) >= event.start:
        f["first_of_type"] = 1.0
    doer = _doer(event)
    if doer and ctx.first_told.get((event.type, doer), event.start) < event.start:
        f["told_before"] = 1.0
    f[f"sentence_events={min(ctx.events_at[event.start], 3)}"] = 1.0
    span = ctx.doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is not None:
        f[f"sentence_tokens={min(len(span) // 15, 4)}"] = 1.0
    return f


def _doer(event) -> str | None:
    actor = event.actor1 or {}
    return None if actor.get("implied") else actor.get("name") or actor.get("text")


def quote_features(quote, ctx: _Context) -> dict[str, float]:
    f = {f"kind={quote.kind}": 1.0}
    words = len(quote.text.split())
    f[f"words{_bucket(words, (3, 8, 60))}"] = 1.0
    entity = ctx.by_id.get(quote.speaker_id) or ctx.by_name.get(quote.speaker) if quote.speaker else None
    said = ctx.article.text[quote.speaker_start:quote.speaker_end].lower() if quote.speaker_start is not None else ""
    if not quote.speaker:
        f["speaker=none"] = 1.0
    elif entity is not None:
        f[f"speaker={entity.type}"] = 1.0
        if said in _PRONOUNS:
            f["speaker_pronoun_resolved"] = 1.0
    elif said in _PRONOUNS or quote.speaker.lower() in _PRONOUNS:
        f["speaker=pronoun"] = 1.0
    else:
        f["speaker=text"] = 1.0
    if quote.start < ctx.title_end:
        f["first_line"] = 1.0  # the headline, or a teaser line above the story
    cue = (quote.cue or "").lower()
    f["cue=say" if cue in ("said", "says", "say", "saying", "told", "tells") else
      "cue=according" if "according" in cue else f"cue={_quote_cue(cue)}" if cue else "cue=none"] = 1.0
    if quote.speaker and entity is None:
        if said in ("that", "which"):
            f["speaker=relative"] = 1.0  # "claims that said …": a thing, rarely a speaker
        elif quote.speaker.lower().split()[-1].rstrip("s") in _DOCUMENTS:
            f["speaker=document"] = 1.0  # "the indictment said", "one slide says": not a person or body
    if quote.speaker_start is not None and quote.speaker_end is not None:
        after = quote.speaker_start >= quote.end
        between = ctx.article.text[quote.end:quote.speaker_start] if after else ctx.article.text[quote.speaker_end:quote.start]
        if len(between) > 150 or "\n" in between:
            f["speaker_far"] = 1.0  # named sentences away: inherited, announced or a continuation
        elif after:
            f[f"speaker_after_{quote.kind}"] = 1.0  # “…,” X said; "…, X said" or "…, according to X"
    return f


# The head words of a document or a thing standing where a speaker should be (the kinds that speak for
# their owner are resolved to the owner by the quotes component when it can).
_DOCUMENTS = frozenset(
    """report statement document study letter communique memo release review assessment indictment claim
    complaint lawsuit suit filing warning slide post website affidavit notice ruling petition article story
    tweet message analysis survey poll""".split()
)


# Cues other than "said"/"told"/"according to", by what they tell of the words (first word, its start).
_QUOTE_CUES = (
    ("colon", (":",)),  # a transcript's or an interview's "NAME:" line
    ("report", ("report", "cit", "quot")),  # "reported", "citing": a source, rarely words said
    ("call", ("call",)),  # "called it “unstable”": a word or two given as a name
    ("belief", ("know", "knew", "found", "find", "show", "expect", "believ", "think", "thought", "hope", "fear",
                "feel", "felt", "worr", "reckon", "suspect", "guess", "learn", "discover", "impl", "hint", "signal",
                "indicat", "suggest", "wonder", "highlight", "emphasi", "estimat", "forecast")),
)


def _quote_cue(cue: str) -> str:
    word = cue.split()[0] if cue.split() else cue
    for name, starts in _QUOTE_CUES:
        if word.startswith(starts):
            return name
    return "other"


# The kind of cue a citation was found by (bench.calibrate weighs each): a verb's lemma to its class.
_CUE_VERBS = {
    **dict.fromkeys("say tell add note explain insist voice write tweet post".split(), "say"),
    **dict.fromkeys("report publish broadcast learn quote cite".split(), "report"),
    **dict.fromkeys("announce state declare confirm disclose reveal".split(), "announce"),
    **dict.fromkeys("claim allege admit acknowledge deny warn".split(), "claim"),
    **dict.fromkeys("show find indicate estimate predict suggest conclude".split(), "evidence"),
    "read": "document",
}
# What the source's head word says of it: a document, the press, an unnamed official, a body of state.
_SOURCE_WORDS = {
    **dict.fromkeys("""report reports statement statements document documents study studies survey poll polls
        analysis data figures statistics record records filing indictment complaint claim lawsuit letter release
        communique memo review assessment investigation audit database website site page account post tweet
        census research""".split(), "document"),
    **dict.fromkeys("""newspaper paper agency media press outlet television tv broadcaster channel news wire
        magazine journal times herald gazette tribune reporter daily telegraph guardian chronicle""".split(), "press"),
    **dict.fromkeys("source sources official officials spokesman spokeswoman spokesperson".split(), "anonymous"),
    **dict.fromkeys("""police authorities authority government ministry department army military commission
        office court prosecutors council committee""".split(), "authority"),
}


# What a reported clause holds when it gives a stance, not information: a modal of duty ("the issue
# should be dealt with stage by stage", "had to endorse"), a verb of attitude ("said they hoped",
# "said it condemned", "insisted that Pyongyang stop").
_DUTY_WORDS = frozenset("should must ought shall".split())
_ATTITUDE_VERBS = frozenset("""hope want wish condemn oppose welcome believe think feel hate urge call demand ask regret
    fear worry applaud praise deplore""".split())


def _cue_token(citation, ctx: _Context):
    """The citation's sentence as a span of the parse, and the cue's word in it (None for "according to",
    "per", "as reported by", "citing": no verb of the source's)."""
    cue = (citation.cue or "").lower()
    span = ctx.doc.char_span(citation.start, citation.end, alignment_mode="expand")
    if cue.startswith(("according", "citing", "quoting", "cite", "quote")) or cue == "per" or cue.endswith(" by"):
        return span, None
    word = cue.split()[0] if cue else ""
    return span, (next((t for t in span if t.lower_ == word), None) if span is not None and word else None)


def _cue_class(citation, span, token) -> tuple[str, bool]:
    """The cue's class, and whether it trails its sentence ("…, police said."): a fact sourced (span, token:
    ``_cue_token``)."""
    cue = (citation.cue or "").lower()
    if cue.startswith("according"):
        return "according", False
    if cue == "per" or cue.endswith(" by"):
        return "by", False  # "per the WHO", "as reported by the BBC"
    if cue in ("citing", "quoting"):
        # "…, the agency said, citing the ministry": the writer's "according to the ministry" in another word
        # (too rare in the training articles to be weighed apart: 2 of 334 citations)
        return "according", False
    if cue.startswith(("cite", "quote")):
        return "cite_verb", False  # "traders cited the uncertainty": a reason given as often as a source
    if span is None or token is None or token.pos_ not in ("VERB", "AUX"):
        return "channel", False  # "on the ministry's website", "in a statement"
    # trailing: the sentence's own verb after what it sources ("…, police said."), not a verb of a clause at its
    # end ("…, with some reports suggesting …", "…, as police have said.", "…, and said …")
    trailing = token.i - span.start > 0.6 * len(span) and (
        token.dep_ in ("ROOT", "parataxis") or any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children))
    return _CUE_VERBS.get(token.lemma_.lower(), "other_verb"), trailing


def _stance(token) -> bool:
    """Whether the clause a reporting verb introduces gives a stance (a duty, an attitude) rather than
    information: "said the issue should be dealt with", "said they hoped", "said it condemned"."""
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    # the lemma, or the word less its ending (the tagger reads "hoped" as a form of "hop")
    if any({c.lemma_.lower(), c.lower_, c.lower_[:-1], c.lower_[:-2]} & _ATTITUDE_VERBS for c in clauses):
        return True
    for clause in clauses:
        for t in clause.subtree:
            if t.lower_ in _DUTY_WORDS or (t.lemma_ == "have" and t.i + 1 < len(t.doc) and t.nbor().lower_ == "to"):
                return True
    return False


def _prediction(token) -> bool:
    """Whether the clause a reporting verb introduces tells what will or may be, not what is or was: "said
    the games will be rescheduled", "said the artillery would help", "say the puppies could be in danger"
    (the training articles' first readers held such a clause a citation 6 times in 32, their second
    reading 25 times)."""
    return any(t.lower_ in _MODALS for c in token.children if c.dep_ == "ccomp" for t in c.subtree)


_MODALS = frozenset("will would 'll wo could might may".split())

# Where a reporting verb says the words were given: a record ("said in a statement", "in a news release", "on
# its website", "at a briefing") or the press ("told Reuters", "told reporters", "told News 4").
_RECORDS = frozenset("""statement release letter post tweet interview briefing email filing conference website site
    twitter facebook telegram notice bulletin communique memo message update hearing""".split())
_PRESS_TOLD = frozenset("reporters journalists media press newspaper reuters ap afp bloomberg bbc cnn tv television radio news".split())


def _on_record(token) -> bool:
    """Whether the reporting verb names the record or the press its words were given in or to."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "at", "via", "through"):
            if any(o.dep_ == "pobj" and o.lemma_.lower() in _RECORDS for o in child.children):
                return True
        if token.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and any(t.lower_ in _PRESS_TOLD for t in child.subtree):
            return True
    return False


def citation_features(citation, ctx: _Context) -> dict[str, float]:
    span, token = _cue_token(citation, ctx)
    cue, trailing = _cue_class(citation, span, token)
    f = {f"cue={cue}": 1.0}
    if cue in ("according", "by", "citing", "channel") or (token is not None and _on_record(token)):
        # the writer marks where a fact comes from with a phrase of its own ("according to X", "per X", "as
        # reported by X", "…, citing X", "on X's website", and where X gave it: "X said in a statement", "X told
        # Reuters") rather than relaying what X says: one feature for them all, so the rare ones ("per",
        # "citing", a page, a statement) are read as the common one ("according to") is
        f["attributed"] = 1.0
    if trailing:
        f["trailing"] = 1.0
    entity = ctx.by_name.get(citation.source)
    if entity is not None:
        f[f"source={entity.type}"] = 1.0
    elif citation.source.lower() in _PRONOUNS:
        f["source=pronoun"] = 1.0
    else:
        f["source=text"] = 1.0
    words = citation.source.split()
    head = words[-1].lower().strip("’'.,") if words else ""
    f[f"head={_SOURCE_WORDS.get(head, 'other')}"] = 1.0
    f[f"source_words{_bucket(len(words), (1, 3))}"] = 1.0
    if any(citation.start < e and s < citation.end for s, e in ctx.direct):
        f["with_direct_quote"] = 1.0  # an opinion quoted, more often than a fact sourced
    # the same words are a quote's speaker in this sentence: a statement some readers record as a quote only
    if any(q.speaker == citation.source and q.start < citation.end and citation.start < q.end
           for q in ctx.article.quotes if q.kind not in NOT_SPEECH):
        f["quote_speaker"] = 1.0
    if any(ch.isdigit() for ch in ctx.article.text[citation.start:citation.end]):
        f["digits"] = 1.0  # a figure, a date: a fact sourced more often than an opinion
    if token is not None:
        if _stance(token):
            f["stance"] = 1.0  # "said it condemned ...", "said the issue should be ...": no information sourced
        if _prediction(token):
            f["prediction"] = 1.0  # "said the games will be rescheduled": a plan or a forecast, not a fact
    return f


def place_features(place, ctx: _Context) -> dict[str, float]:
    feature = place.feature or ""
    kind = ("country" if feature.startswith("A.PCL") else "admin1" if feature.startswith("A.ADM1")
            else "capital" if feature == "P.PPLC" else "city" if feature.startswith("P.") else "other")
    f = {f"feat={kind}": 1.0, f"mentions{_bucket(len(place.mentions), (1, 3))}": 1.0}
    if ctx.focus and place.country == ctx.focus:
        f["focus_country"] = 1.0
    elif ctx.focus:
        f["other_country"] = 1.0
    embedded = sum(any(s < pe and ps < e for ps, pe in ctx.person_org) for s, e in place.mentions)
    if embedded == len(place.mentions):
        f["inside_actor_name"] = 1.0
    labels = Counter(ctx.ner_label(s, e) for s, e in place.mentions[:3])
    f[f"ner={labels.most_common(1)[0][0]}"] = 1.0
    if all(inside(ctx.furniture, s, e) for s, e in place.mentions):
        f["dateline_only"] = 1.0
    if all(name_key(ctx.article.text[s:e]) in demonyms() for s, e in place.mentions):
        f["demonym_only"] = 1.0
    named = [(s, e) for s, e in place.mentions if name_key(ctx.article.text[s:e]) not in demonyms()]
    if named and all(is_modifier(ctx.doc, s, e) for s, e in named):
        f["modifier_only"] = 1.0  # "U.S. officials", "the Texas governor": analysts seldom count them
        f[f"modifier_{'country' if kind == 'country' else 'other'}"] = 1.0
    if named and kind != "country":
        said = ctx.article.text[named[0][0]:named[0][1]]
        if all(name_key(_unabbreviated(ctx.article.text[s:e])) != name_key(place.name) for s, e in named):
            f["alternate_name"] = 1.0  # "Paba" read as Pemba: matched through another name only
        if _bigger_namesake(said, place.geonameid):
            f["bigger_namesake"] = 1.0  # a namesake ten times bigger was passed over for the context
    if place.country and kind not in ("country", "capital") and not (kind == "city" and _is_anchor(place)) \
            and place.country not in _anchor_countries(ctx.article, place):
        f["unanchored"] = 1.0  # "Lakes" in South Sudan in a story about Miami: its country is named nowhere else
    return f


def _unabbreviated(said: str) -> str:
    """A US state's name for its abbreviation ("Ky." -> "Kentucky"), else the words as said."""
    return STATE_ABBREVIATIONS.get(said) or STATE_ABBREVIATIONS.get(said + ".") or said


def _is_anchor(place) -> bool:
    """A place that ties the article to its country: the country, a division, a capital, a city of
    100,000 people or more."""
    feature = place.feature or ""
    if feature.startswith(("A.PCL", "A.ADM1")) or feature == "P.PPLC":
        return True
    if feature.startswith("P.") and place.geonameid:
        c = load_gazetteer().get(place.geonameid)
        return c is not None and c.population >= 100_000
    return False


def _anchor_countries(article: Article, but: object) -> set[str]:
    """Countries the article's other places (``_is_anchor``) and its actors tie it to."""
    out = {e.country.upper() for e in article.entities if e.country}
    return out | {p.country for p in article.places if p is not but and p.country and _is_anchor(p)}


@lru_cache(maxsize=4096)
def _bigger_namesake(name: str, geonameid: int | None) -> bool:
    candidates = load_gazetteer().lookup(name)
    chosen = next((c for c in candidates if c.geonameid == geonameid), None)
    return chosen is not None and any(c.population > 10 * (chosen.population + 1000)
                                      for c in candidates if c.geonameid != geonameid)


def actor_features(entity, ctx: _Context) -> dict[str, float]:
    f = {f"type={entity.type}": 1.0, f"mentions{_bucket(len(entity.mentions), (1, 3))}": 1.0}
    if entity.kb_id:
        f["kb"] = 1.0
        if entity.type != "country":
            f["kb_body"] = 1.0  # a known organisation or group, not a country that may be only a location
    f["mentions_log"] = math.log1p(len(entity.mentions))  # named again and again: the story is about it
    if entity.role:
        f["role"] = 1.0
    s, e = entity.mentions[0]
    f[f"ner={ctx.ner_label(s, e)}"] = 1.0
    words = ctx.article.text[s:e]
    if words.isupper() and len(words) <= 5:
        f["acronym"] = 1.0
    if entity.type not in ("country", "igo") and not entity.kb_id and _is_place_name(entity.name):
        f["place_name"] = 1.0  # "Rajshahi", "Homestead": a town NER took for a person or an organisation
    if len(entity.name.split()) >= 5:
        f["long_name"] = 1.0  # "New Safety Recommendations Issued After ...": a headline, not a name
    if any(entity.name in ((ev.actor1 or {}).get("name"), (ev.actor2 or {}).get("name")) for ev in ctx.article.events):
        f["in_event"] = 1.0
    if any(q.speaker == entity.name for q in ctx.article.quotes):
        f["speaker"] = 1.0
    if entity.type == "person" and not entity.kb_id:
        f.update(_person_evidence(entity, ctx))
    return f


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _person_evidence(entity, ctx: _Context) -> dict[str, float]:
    """What says a "person" is a word the recogniser took for a name ("Drop", "Yellow", "Specs"; the
    issue's "Turnout", "Email"): every word of the name also written in lower case in the same article;
    a single word, never given as a full name."""
    f: dict[str, float] = {}
    words = _WORD.findall(entity.name)
    if words and all(w.lower() in ctx.lower_words for w in words):
        f["person_common_words"] = 1.0
    text = ctx.article.text
    if len(words) == 1 and all(len(_WORD.findall(text[s:e])) == 1 for s, e in entity.mentions):
        f["person_one_word"] = 1.0
    return f


@lru_cache(maxsize=4096)
def _is_place_name(name: str) -> bool:
    """A country or division's name, or a town of at least PLACE_NAME_POPULATION people."""
    return any(c.feature_class == "A" or c.population >= PLACE_NAME_POPULATION for c in load_gazetteer().lookup(name))


PLACE_NAME_POPULATION = 50_000

FEATURES = {
    "actors": ("entities", actor_features, 0.75),
    "places": ("places", place_features, 0.7),
    "quotes": ("quotes", quote_features, 0.7),
    "citations": ("citations", citation_features, 0.6),
}


def features(article: Article, doc) -> dict[str, list[dict[str, float]]]:
    """Every fact's features, by kind, in the order of the article's lists (for calibration)."""
    ctx = _Context(article, doc)
    out = {kind: [fn(fact, ctx) for fact in getattr(article, attr)] for kind, (attr, fn, _) in FEATURES.items()}
    out["events"] = [event_features(event, ctx) for event in article.events]
    return out


def enrich(article: Article, doc) -> None:
    """Set ``confidence`` on every fact from the calibrated model."""
    prof = profile_of(doc)
    if not prof.tuned:  # calibrated on English: the profiled rules set their facts' own confidence
        return
    feats = features(article, doc)
    for kind, (attr, _, fallback) in FEATURES.items():
        for fact, f in zip(getattr(article, attr), feats[kind]):
            fact.confidence = round(probability(kind, f, fallback), 3)
    for quote in article.quotes:
        if quote.kind in NOT_SPEECH:  # an intention or a stance is kept, never shown as a quote
            quote.confidence = min(quote.confidence or 0.0, NOT_SPEECH_CONFIDENCE)
    for event, f in zip(article.events, feats["events"]):
        event.confidence = round(probability("events", f, event.confidence or 0.5), 3)
