"""Cited sources: who a sentence names as the origin of what it states.

A news sentence often carries its own provenance: "RIA Novosti reported citing
the Foreign Ministry", "according to the UN report", "the Pentagon admitted",
"photos appeared on the Libyan Air Force's Facebook page", "state media said".
Quotes already record what people said; citations record the institutional
sources (agencies, governments, reports, media, anonymous "sources" and
"officials") so an analyst can weigh each sentence by where it came from.

Rules over the shared spaCy parse, one pass over its tokens:

* the subject of a reporting verb ("X reported", "the report read"; a study, poll or analysis that
  "found" or "shows"), not of a statement not made ("Time will tell", "may find"),
* the object of "citing" / "quoting" / "according to" / "per" when it names a source, not a reason
  ("citing office rules", "according to standard procedure"),
* the agent of a passive report ("as reported by the BBC", "published by The Washington Post"),
* the owner of a page, account or statement things appeared on or in
  ("on the Libyan Air Force's Facebook page"),
* the court or jury of a trial's account ("…, a court heard.", "the Old Bailey heard", "a jury was told"),

kept when the source is not a single person (a PERSON entity, a personal
pronoun, one office holder such as "the Senator from Ohio", a relative or a passer-by such as "his wife"
or "a man", a name with an office beside it or a title before it; a named person only when the writer
names them the source with "according to" or "per": "according to Maria Lopez, a nurse at the clinic")
nor nobody in particular
("People say", "No one", "41 percent said", "nearly eight of 10 voters say"), nor what the parse offers in
the teller's place (the one told: "tell Qanon to ..."; an example: "— say, Costco —").  The source is the
canonical actor when the actors enricher found one overlapping it, else the noun phrase as written
("reports from The Wrap and Deadline" with whose reports they are); start/end are the sentence, or the
sentence before too when this one holds nothing but its source ("The Daily Beast reported.").
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from newsgraph.enrich.languages import profile_of
from newsgraph.enrich.layout import furniture, headline_end, inside
from newsgraph.enrich.profiled import citations as profiled_citations
from newsgraph.enrich.quotes import DOCUMENT_NOUNS, NON_SPEAKERS, earlier_owner, np_span, subject_of
from newsgraph.record import Article, Citation

# Verbs by which a source vouches for a statement ("admitted", "confirmed", "showed").
CITING_VERBS = frozenset(
    """say tell report state announce confirm admit acknowledge claim write read reveal disclose
    show find publish broadcast note add warn insist deny indicate allege estimate predict voice
    explain declare conclude suggest tweet post learn quote cite project forecast""".split()
)
# Prepositional cues whose object is the source.
_OBJECT_CUES = {"citing": "citing", "quoting": "quoting", "cite": "citing", "quote": "quoting"}
# Nouns naming a channel owned by its source ("the ministry's website").
CHANNEL_NOUNS = frozenset(
    """page account website site channel feed blog statement report communique newspaper
    television broadcast broadcaster tweet post profile handle""".split()
)
# Singular nouns naming one person by their office or trade: a quote's speaker, not an institution.
ROLE_NOUNS = frozenset("""secretary congressman congresswoman senator commissioner officer advocate spokesman
    spokeswoman spokesperson minister president governor mayor lawyer attorney judge director chief doctor
    professor analyst expert leader candidate chairman chairwoman chair ambassador envoy general colonel
    commander sheriff detective prosecutor representative aide adviser advisor manager executive founder
    owner resident witness victim survivor""".split())
# One person named by kin, sex, age or walk of life ("his wife told", "a man who picked up the phone said",
# "the billionaire estate mogul claimed"): a quote's speaker, not an institution.
_ONE_PERSON = frozenset("""man woman boy girl child kid teen teenager mother father mom dad parent son daughter wife
    husband brother sister uncle aunt cousin grandmother grandfather grandson granddaughter widow widower girlfriend
    boyfriend fiance fiancee partner mogul tycoon billionaire millionaire businessman businesswoman entrepreneur
    strategist diplomat activist campaigner consultant pollster economist historian teacher student""".split())
# Titles written before a name ("PM Cerar", "Gov. Walker", "legal director Baher Azmy"): one person.
_TITLES = frozenset("pm gov gov. sen sen. rep rep. mr mr. mrs mrs. ms ms. dr dr. prof prof. lt lt. gen gen. col col. capt capt. sgt sgt.".split())
# One person writing or posting (lower case: "The Hollywood Reporter" is a paper).
_WRITERS = frozenset("reporter correspondent journalist columnist commenter commentator user blogger writer editor".split())
# Verbs by which evidence "shows" or "finds": a source only when an actor is their subject.
_EVIDENCE_VERBS = frozenset("show find indicate reveal learn estimate predict suggest confirm project forecast".split())
# Evidence verbs that are also acts ("police found a body", "officers showed restraint"): a source
# only when its subject is a finding ("the study found") or a named actor.
_ACT_VERBS = frozenset("show find learn".split())
# Verbs that source a statement only with a clause ("noted that ...", "warned that ..."): with an
# object alone they name an act ("noted the comments", "warned people to stay away", "denied the charge",
# "announced the arrest of three men", "confirmed the death of a soldier", "wrote an open letter").
_CLAUSE_VERBS = frozenset("""note warn add insist explain voice deny admit acknowledge declare conclude suggest tell
    write announce confirm""".split())
_DEMONSTRATIVES = frozenset({"this", "that", "it", "these", "those"})
_REFLEXIVES = frozenset("itself themselves himself herself ourselves myself yourself".split())
# A verb that only reads a document aloud: its subject must be one ("the statement read", not "the
# electronic signature reads").
_DOCUMENT_VERBS = frozenset({"read"})
# Auxiliaries of a statement not (yet) made: "Time will tell", "may find it uncomfortable".
_CONDITIONS = frozenset({"if", "unless", "whether"})
_UNREAL_AUX = frozenset("may might could would will should can must 'll wo ca".split())
# Heads that name nobody in particular: "People say", "Others reported", "No one told me", "Time will tell".
_NOBODY = frozenset("""people others other one someone somebody anyone anybody everyone everybody nobody none
    time way percent majority minority most many some few all""".split())
# Objects of "citing" / "quoting" that are reasons, not sources ("citing office rules",
# "citing the strategic importance"): a source is an actor, a name, or a noun that names one.
SOURCE_NOUNS = frozenset("""source sources official officials police authority authorities spokesman spokeswoman
    spokesperson government ministry department agency office commission committee council court judge
    prosecutor prosecutors witness witnesses resident residents expert experts analyst analysts researcher
    researchers datum scientist scientists doctor doctors medium media newspaper paper outlet network broadcaster
    wire press journal magazine website site report reports statement statements document documents data
    figure figures statistic statistics study studies survey surveys poll polls record records census
    filing filings indictment complaint lawsuit claim letter release communique memo review assessment
    investigation investigators investigator audit analysis research database account accounts testimony
    diplomat diplomats observer observers monitor monitors group organization organisation union company
    firm bank army military service lawyer lawyers attorney attorneys family relatives friends neighbours
    neighbors""".split())
# Nouns whose owner speaks through them: "the report found", "the study showed" (evidence verbs).
_FINDING_NOUNS = frozenset("""report study studies survey poll analysis research review audit investigation
    inquiry census data datum statistics figures assessment paper document record filing""".split())
# Nouns that name a document ("a press release") or an act ("the release of 200 prisoners"): with "of"
# after them, the act, which is a reason, not a source.
_ACT_OR_DOCUMENT = frozenset({"release"})
# The writer's own phrases naming where a fact comes from: their object is the source, a named person too
# ("according to Dr. Ana Ruiz of the city hospital", "per the coroner").
_ATTRIBUTING = frozenset({"according to", "per"})
# Cues that attribute through "by": "as reported by the BBC", "images broadcast by WSVN".
_BY_VERBS = frozenset("report publish broadcast reveal disclose".split())
# What hears a trial's evidence: "a court heard", "the Old Bailey heard", "a jury was told".
_COURTS = frozenset("court jury tribunal inquest hearing magistrates bailey".split())
_PEOPLE_PRONOUNS = frozenset({"he", "she", "i", "you", "we", "they", "him", "her", "it", "who", "this", "that", "which"})


class _Sources:
    """Names a source span: canonical actor when one overlaps it, else the words as written."""

    def __init__(self, article: Article, doc: Doc):
        self.text = doc.text
        self.mentions = sorted((s, e, entity) for entity in article.entities for s, e in entity.mentions)
        self.starts = [m[0] for m in self.mentions]
        self.person_chars = _person_tokens(article, doc)

    def entity_at(self, head: Token):
        """The actor with a mention covering this token, if any."""
        i = bisect.bisect_right(self.starts, head.idx)
        for s, e, entity in reversed(self.mentions[max(0, i - 20) : i]):
            if s <= head.idx < e:
                return entity
        return None

    def is_person(self, head: Token) -> bool:
        if head.lower_ in _PEOPLE_PRONOUNS and not (head.text.isupper() and len(head.text) > 1):
            return True  # "who", not the WHO
        if head.tag_ == "NN" and head.lemma_.lower() in _WRITERS:
            return True  # "a reporter for USA Today reported", "one Weibo commenter said" (not "The Hollywood Reporter")
        if head.tag_ in ("NN", "NNP") and head.lemma_.lower() in ROLE_NOUNS:
            return True  # "the former secretary said", "the California congressman said": one person
        if head.tag_ == "NN" and head.lower_ in _ONE_PERSON:
            return True  # "his wife told", "the billionaire estate mogul claimed", "the top Chinese diplomat said"
        if head.pos_ == "PROPN" and (any(_titled(c) for c in head.children)
                                     or (head.left_edge.i > 0 and head.doc[head.left_edge.i - 1].lower_ in _TITLES)):
            return True  # "Jean-Marc Ayrault, the foreign minister of France, said", "PM Cerar said" (typed an organisation)
        if head.lemma_.lower() in ROLE_NOUNS and any(c.dep_ == "appos" and c.idx in self.person_chars for c in head.children):
            return True  # "The state Commissioner of Police, Mr. Olafimihan Adeoye, disclosed"
        if head.ent_type_ == "PERSON" and self.entity_at(head) is None:
            return True  # a name the parser knows as a person's that no actor claims otherwise
        return head.idx in self.person_chars

    def name(self, start: int, end: int, head: int | None = None) -> str:
        """The actor named by the span (a mention covering its head word), else the words."""
        i = bisect.bisect_left(self.starts, end)
        for s, e, entity in reversed(self.mentions[max(0, i - 50) : i]):
            covers = s <= head < e if head is not None else e - s >= (end - start) / 3
            if s < end and e > start and covers:  # "the Syrian army" is the army, not Syria
                return entity.name
        return self.text[start:end].strip()


_NOT_SOURCE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"})


def _acronym(tok: Token) -> bool:
    """"WHO", "CDC": a body's initials, whatever the tagger made of them (it reads "WHO" as a pronoun)."""
    if not (tok.text.isupper() and tok.text.isalpha() and len(tok.text) >= 2):
        return False
    return not tok.is_stop or any(c.lower_ == "the" for c in tok.children)  # "the WHO", not "WHAT SAY YOU"


def _titled(child: Token) -> bool:
    """Whether a name's dependent gives it one person's office: an apposition ("X, the foreign minister",
    "X, a writer for The Atlantic") or a title before it ("PM Cerar", "legal director Baher Azmy")."""
    lemma = child.lemma_.lower()
    if child.dep_ == "appos" and child.tag_ == "NN":
        return lemma in ROLE_NOUNS or lemma in _WRITERS or child.lower_ in _ONE_PERSON
    return child.dep_ == "compound" and child.i < child.head.i and (lemma in ROLE_NOUNS or child.lower_ in _TITLES)


def _office_and_name_before(cue: Token, sources: _Sources) -> bool:
    """Whether the words just before a reporting verb are an office and a person's name ("… legal director
    Baher Azmy says"): that person speaks, whatever the parse made the verb's subject."""
    i = cue.i - 1
    while i >= 0 and cue.doc[i].pos_ == "AUX":
        i -= 1  # "… director Baher Azmy has said"
    end = i
    while i >= 0 and cue.doc[i].pos_ == "PROPN" and cue.doc[i].idx in sources.person_chars:
        i -= 1
    if i == end or i < 0:
        return False
    name = cue.doc[end]
    if name.dep_ == "pobj" or any(a.dep_ == "prep" for a in name.ancestors if a.i != cue.i):
        return False  # "advisers to President Obama say": the advisers speak
    title = cue.doc[i]
    return title.tag_ == "NN" and title.lemma_.lower() in ROLE_NOUNS or title.lower_ in _TITLES


def _headline_line(text: str, pos: int) -> bool:
    """Whether the line holding pos is a headline: a line of its own of at most 20 words that ends no sentence
    ("Police say suspect in bank robbery caught", a related story's link under the article)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = end if end >= 0 else len(text)
    line = text[start:end].strip()
    if not line or len(line.split()) > 20 or not line[0].isupper() and not line[0].isdigit():
        return False
    if line.endswith((".", "!", "?", "”", '"', "’", "'", ")", ":", ";", ",")):
        return False
    after = text[end + 1 : end + 3]
    return not after[:1].islower()  # a hard-wrapped paragraph goes on in lower case on the next line


def _nobody(head: Token) -> bool:
    """"People say", "No one told me", "Q: tell me", "Moon Jae-in said" cut at "in": nobody as a source."""
    if head.lower_ in _NOBODY or len(head.text) < 2:
        return True
    if head.is_stop and not head.text.isupper():
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)


def _not_a_teller(cue: Token, head: Token) -> bool:
    """Words a reporting verb's parse offers that are not who reports: a poll's share of respondents
    ("Nearly eight of 10 voters say", "three in four residents said"), the one told ("tell Qanon to DM
    me"), an example ("a U.S. importer — say, Costco")."""
    if any(any(q.dep_ == "quantmod" and q.lower_ in ("of", "in", "out") for q in n.children)
           for n in head.children if n.dep_ == "nummod"):
        return True
    if cue.lemma_ == "tell" and head.dep_ in ("dobj", "dative") and head.head.i == cue.i:
        return True
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    return cue.lower_ == "say" and nxt is not None and nxt.text == "," and head.i > cue.i


def _hearsay(tok: Token) -> bool:
    """"said to be", "reported to have": a passive whose "is" the parse lost ("… and said to be homeless"),
    with nobody as the teller."""
    doc = tok.doc
    return (tok.tag_ in ("VBN", "VBD") and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to"
            and doc[tok.i + 2].tag_ == "VB" and not any(c.dep_ == "ccomp" for c in tok.children))


def _court_heard(tok: Token) -> tuple[Token, str] | None:
    """A trial's account: "…, a court heard.", "the Old Bailey heard that …", "…, a jury was told." (the
    court or jury with the clause it heard; not "the court heard an appeal", "the judge heard from")."""
    if tok.pos_ != "VERB" or tok.lemma_ not in ("hear", "tell") or not any(c.dep_ == "ccomp" for c in tok.children):
        return None
    passive = [c for c in tok.children if c.dep_ == "auxpass"]
    if tok.lemma_ == "tell" and not passive or any(c.dep_ == "dobj" for c in tok.children):
        return None
    subject = next((c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "nsubj")), None)
    if subject is None or subject.lemma_.lower() not in _COURTS:
        return None
    return subject, " ".join(t.text for t in (*passive, tok))


def _named_author(head: Token) -> Token | None:
    """The "from" / "by" phrase naming whose a document is ("reports from The Wrap and Deadline"),
    when it names someone (a proper name)."""
    if head.lemma_.lower() not in _FINDING_NOUNS and head.lemma_.lower() not in ("report", "reports"):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN":
                return child
    return None


def _bare(sentence, start: int, end: int, cue: str) -> bool:
    """Whether a sentence holds nothing but its source and cue ("The Daily Beast reported.")."""
    if sentence is None:
        return False
    cue_words = {w.lower() for w in cue.split()}
    return not any(t.is_alpha and not t.is_stop and not (start <= t.idx < end) and t.lower_ not in cue_words
                   for t in sentence)


def _person_tokens(article: Article, doc: Doc) -> set[int]:
    """Start offsets of tokens inside person mentions (the actors' or spaCy's)."""
    spans = [(s, e) for entity in article.entities if entity.type == "person" for s, e in entity.mentions]
    if not article.entities:
        spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
    starts: set[int] = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            starts.update(t.idx for t in span)
    return starts


def _owner(head: Token) -> Token | None:
    """The possessor of a channel noun: "the Libyan Air Force's Facebook page" -> Force."""
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
    for child in head.children:  # "the Facebook page of the Libyan Air Force"
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _names_source(head: Token, sources: _Sources) -> bool:
    """Whether the object of "citing" / "according to" names a source rather than a reason."""
    if head.pos_ == "PROPN" or _acronym(head) or sources.entity_at(head) is not None:
        return True
    lemma = head.lemma_.lower()
    if lemma in _ACT_OR_DOCUMENT and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return False  # "citing the release of 200 prisoners": the act, not a press release
    if lemma in SOURCE_NOUNS or lemma in CHANNEL_NOUNS or lemma in NON_SPEAKERS:
        return True
    # people named by what they do: "some sociologists", "campaigners", "the organisers"
    return head.tag_ == "NNS" and head.lower_.endswith(("ists", "ers", "ors", "ians", "ants", "ents"))


def _by_agent(tok: Token) -> Token | None:
    """The source of a passive report: "as reported by the BBC", "images broadcast by WSVN"."""
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


# Mass nouns for knowledge in general: bare ("Data suggests", "Research shows", "evidence indicates") they name no
# one's data or research (unlike "Census data show", "research by the Marlow Institute", "the data"); a bare
# plural of a countable finding ("Studies have shown", "recent polls") is a citation by the guide and stays.
_IN_GENERAL = frozenset({"data", "datum", "research", "evidence", "science"})


def _in_general(head: Token) -> bool:
    return head.lower_ in _IN_GENERAL and not head.ent_type_ and not any(
        c.dep_ in ("det", "poss", "compound", "prep", "acl", "relcl", "appos", "nmod", "nummod") for c in head.children)


def _source_head(tok: Token, sources: _Sources) -> tuple[Token, str] | None:
    """(source head, cue) when tok is a citing cue."""
    low = tok.lower_
    if low == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None or not _names_source(obj, sources):
            return None  # "according to standard procedure": a rule, not a source
        if obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None  # "according to Nuiry was booked into jail": the source's name lost with its link
        return obj, "according to"
    if low == "per" and tok.dep_ == "prep":  # "per the WHO", "per a police report"; not "per share"
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is not None and any(c.dep_ in ("det", "poss") for c in obj.children) and _names_source(obj, sources):
            return obj, "per"
        return None
    if low in _OBJECT_CUES and tok.pos_ == "VERB" and tok.dep_ in ("advcl", "xcomp", "acl", "prep", "conj"):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        if obj is None or not _names_source(obj, sources):
            return None  # "citing office rules", "citing the strategic importance": a reason
        return obj, tok.text
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_ in _BY_VERBS:
        agent = _by_agent(tok)
        if agent is not None:
            return agent, f"{tok.text} by"
    court = _court_heard(tok)
    if court is not None:
        return court
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_ in CITING_VERBS and tok.dep_ != "amod":
        if tok.dep_ == "acl" or any(c.dep_ in ("neg", "auxpass") for c in tok.children):
            return None  # "3248 cases reported", "was reported in China", "may not be published"
        if _hearsay(tok):
            return None  # "arrested Paul Floyd, 47 and said to be homeless": what is said of someone, by nobody named
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in tok.children):
            return None  # "can leave only if a licensed doctor concludes he is well": a condition, nothing concluded
        if tok.tag_ == "VBG" and tok.dep_ == "conj" and tok.head.tag_ in ("VBD", "VBN", "VBZ", "VBP") and not any(
                c.dep_ == "aux" for c in tok.children):
            return None  # "studies pointed to math or reading gains": a gerund the parse joined to the verb, no cue
        verbs = (tok, tok.head) if tok.dep_ == "conj" else (tok,)  # "must end … and show respect"
        if any(c.dep_ == "aux" and (c.lower_ in _UNREAL_AUX or c.lower_ == "to") for v in verbs for c in v.children):
            return None  # "Time will tell", "may find it uncomfortable", "tried to find out": nothing stated
        if tok.lemma_ in ("cite", "quote") and any(c.dep_ == "dobj" and not _names_source(c, sources) for c in tok.children):
            return None  # "dealers cited the uncertainty as a reason": a reason given, not a source
        if tok.lemma_ in _CLAUSE_VERBS and not any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
            return None  # "noted Clinton's comments", "warned people to stay away": no statement sourced
        if tok.lemma_ in _ACT_VERBS and any((c.dep_ == "dobj" and c.lower_ == "way") or c.lower_ in _REFLEXIVES
                                            or any(g.dep_ == "nsubj" and g.lower_ in _REFLEXIVES for g in c.children)
                                            for c in tok.children):
            return None  # "Israel found itself isolated", "the report found its way to the press": no finding
        if any(c.dep_ == "dobj" and c.lower_ in _DEMONSTRATIVES for c in tok.children):
            return None  # "disclosed this while addressing journalists": the statement is elsewhere
        subject = subject_of(tok)
        if subject is not None and _in_general(subject):
            return None  # "Data suggests …", "Research shows …": nobody's data, no source one could ask
        if subject is not None and subject.i < len(tok.doc) and subject.dep_ != "nsubjpass":
            if tok.lemma_ in _DOCUMENT_VERBS and subject.lemma_.lower() not in DOCUMENT_NOUNS | CHANNEL_NOUNS:
                return None  # "The electronic signature reads": only a document reads out what it says
            return subject, tok.text
        return None
    if tok.pos_ == "NOUN" and tok.lemma_ in CHANNEL_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "in", "from", "via"):
        owner = _owner(tok)
        if owner is not None and owner.i > tok.i and owner.pos_ != "PROPN" and sources.entity_at(owner) is None:
            return None  # "his statement of claim": what the statement is, not whose
        if owner is not None:
            first = min(c.i for c in tok.subtree if c.i > owner.right_edge.i) if tok.i > owner.i else tok.i
            words = tok.doc[first : tok.i + 1].text
            words = re.sub(r"^[’']s?\s*", "", words).strip()  # "the Navy's Facebook page": not "s Facebook page"
            return owner, words or tok.text
    return None


def find_citations(article: Article, doc: Doc) -> list[Citation]:
    """Every institutional source named in the text, with the sentence it supports."""
    sources = _Sources(article, doc)
    text = article.text
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    sentence_starts = [start for start, _ in sentences]
    paragraphs = [(p.start, p.end) for p in article.paragraphs or Article.paragraph_spans(text)]
    para_starts = [start for start, _ in paragraphs]
    found: list[Citation] = []
    seen: set[tuple[str, int, int]] = set()
    clutter = furniture(text)
    ids = {entity.name: entity.id for entity in article.entities}
    title_end = headline_end(text)
    for tok in doc:
        hit = _source_head(tok, sources)
        if hit is None:
            continue
        head, cue = hit
        if not (head.pos_ in ("NOUN", "PROPN") or _acronym(head)) or _nobody(head):
            continue
        if sources.is_person(head) and not (cue in _ATTRIBUTING and head.lower_ not in _PEOPLE_PRONOUNS):
            continue  # a person's words are a quote, unless the writer names them as the source of a fact
        if head.i < tok.i and _office_and_name_before(tok, sources):
            continue  # "Center for Constitutional Rights legal director Baher Azmy says": the parse took the body for the teller
        if _not_a_teller(tok, head):
            continue
        finding = head.lemma_.lower() in _FINDING_NOUNS  # "a study found", "the poll shows"
        if (head.lemma_.lower() in NON_SPEAKERS and not finding) or head.ent_type_ in _NOT_SOURCE_ENTS:
            continue  # "Video footage shows", "Tests have confirmed", "73 percent said": not a source
        if (tok.lemma_ in _EVIDENCE_VERBS and head.pos_ == "NOUN" and sources.entity_at(head) is None and not finding
                and not (tok.lemma_ not in _ACT_VERBS and head.lemma_.lower() in SOURCE_NOUNS)):
            continue  # "a bacteria usually found in", "No one has shown symptoms"; not "health authorities confirmed"
        if min(tok.idx, head.idx) < title_end or inside(clutter, tok.idx, tok.idx + 1):
            continue  # the headline; page furniture
        if "\n" in text[min(tok.idx, head.idx) : max(tok.idx, head.idx)]:
            continue  # the source and its cue in different lines: a parse across a headline or a list
        if _headline_line(text, tok.idx):
            continue  # "Police say suspect in bank robbery caught" under "Related stories": another story's headline
        start, end = np_span(head)
        if head.dep_ == "poss" or (head.i + 1 < len(doc) and doc[head.i + 1].dep_ == "case"):
            end = head.idx + len(head)
        elif head.head.i == tok.i and tok.lower_ in _OBJECT_CUES:
            # "citing the ministry in Tripoli": the place attaches to the verb, belongs to the source
            nxt = doc[head.right_edge.i + 1] if head.right_edge.i + 1 < len(doc) else None
            if nxt is not None and nxt.head.i == tok.i and nxt.dep_ == "prep" and nxt.lower_ in ("in", "of", "at"):
                end = nxt.right_edge.idx + len(nxt.right_edge)
        by = _named_author(head)
        if by is not None and by.right_edge.idx + len(by.right_edge) > end and by.right_edge.i - head.i <= 12:
            end = by.right_edge.idx + len(by.right_edge)  # "reports from The Wrap and Deadline": whose reports
        k = bisect.bisect_right(sentence_starts, tok.idx) - 1
        sent_start, sent_end = sentences[k]
        if k > 0 and _bare(doc.char_span(sent_start, sent_end, alignment_mode="expand"), start, end, cue):
            # "The Daily Beast reported.", "That's according to a new survey from X.": the sentence before
            # holds what is sourced (on the same line)
            before = sentences[k - 1][0]
            if "\n" not in text[before:sent_start].rstrip():
                sent_start = before
        name = sources.name(start, end, head.idx)
        owner = None
        if text[start:end].lower() == f"the {head.lower_}" and head.lemma_.lower() in DOCUMENT_NOUNS | CHANNEL_NOUNS:
            owner = earlier_owner(head)
        if owner is not None:  # "the report" after "the UN ... in its latest report"
            name = f"{sources.name(*np_span(owner))} {head.text}"
        key = (name.lower(), sent_start, sent_end)
        if key in seen:
            continue
        seen.add(key)
        # a sentence the parser ran across a paragraph break ("… other estimates:" / "One possible
        # explanation …"): the sourced clause is in the cue's paragraph only
        p = bisect.bisect_right(para_starts, tok.idx) - 1
        if p >= 0:
            sent_start, sent_end = max(sent_start, paragraphs[p][0]), min(sent_end, paragraphs[p][1])
        s, e = sent_start, sent_end
        while e > s and text[e - 1].isspace():
            e -= 1
        found.append(Citation(source=name, cue=cue, start=s, end=e, source_id=ids.get(name)))
    return found


# Declared for the component pipeline (newsgraph.enrich): what it reads and what it replaces.
REQUIRES = ("entities",)
ASSIGNS = ("citations",)


def enrich(article: Article, doc: Doc) -> None:
    """Fill article.citations from the parsed text."""
    prof = profile_of(doc)
    if not prof.tuned:
        article.citations = profiled_citations.find_citations(article, doc, prof)
        return
    article.citations = find_citations(article, doc)
