"""Who said what: direct and indirect quotes with their speakers.

News reports speech in a few fixed shapes, so rules over the shared spaCy parse
do this well and cheaply (one linear pass over marks and tokens, no second parse):

* Direct quotes are found from the quotation marks themselves, not from the
  tokenizer: marks are paired within a paragraph, a quote left open at a
  paragraph's end continues only when the next paragraph reopens with a mark
  (the English convention), and anything else is a stray mark that is dropped,
  so one unpaired mark never swallows the rest of a document.  The document's
  primary style decides whether single marks quote (British) or are nested or
  scare quotes and apostrophes (American).
* The speaker of a direct quote is the subject of the reporting verb in the
  clause around it ("…,” X said", "X said: “…”"), else the previous quote's
  speaker in the paragraph, else the speaker announced by the sentence or
  paragraph before ("X continued:").  Pronouns and "who" keep their own span
  and are resolved to the nearest fitting actor for the name.
* Indirect quotes are the clausal complements of reporting verbs ("X said
  (that) …", "X told reporters …") and the clauses governed by "according to X".
* Transcript lines ("NAME: …") quote the rest of their paragraph.

Speaker names are canonical actors when the actors enricher found one whose
mention overlaps the speaker; otherwise the PERSON chain of the document
("Kirby" after "John Kirby") or the words as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.enrich.entindex import ents_within
from newsgraph.enrich.languages import profile_of
from newsgraph.enrich.layout import datelines, furniture, headline_end, inside
from newsgraph.enrich.profiled import quotes as profiled_quotes
from newsgraph.gazetteer import load_gazetteer
from newsgraph.record import Article, Entity, Quote

# Lemmas of verbs that report speech or writing: the cue of a direct quote.
REPORTING_VERBS = frozenset(
    """say tell add warn tweet write state note argue claim insist explain announce declare ask
    reply urge admit acknowledge continue respond recall suggest report emphasize emphasise
    stress observe remark comment conclude predict promise vow pledge confirm deny complain
    contend maintain assert allege testify caution concede agree boast joke quip muse recount
    describe call retort counter shout yell scream chant whisper mutter exclaim lament plead
    demand question wonder reiterate assure advise inform reveal disclose indicate post read
    blog accuse charge criticize criticise blast slam praise proclaim recommend begin finish
    compare dub label brand term quote cite voice repeat tout thunder mock scoff sigh laugh
    interject affirm answer counsel decry denounce estimate sing encourage rate rule liken
    dismiss hail laud scold exhort characterize characterise blame reference identify specify
    bemoan type condemn attack deride concur lecture preach brag gush rail""".split()
)
# Verbs whose clausal complement is an indirect quote: reporting plus belief and finding.
INDIRECT_VERBS = REPORTING_VERBS | frozenset(
    """believe think know show find hope fear expect feel worry reckon suspect guess
    acknowledge learn discover estimate forecast project imply hint signal mean""".split()
)
# Verbs whose object is what the subject said or stands for ("cited the figures", "denied any role").
OBJECT_VERBS = frozenset(
    """cite stress emphasize emphasise deny reject support oppose approve compare liken tout
    reference mention condemn criticize criticise praise dismiss blame propose endorse back
    defend dispute challenge welcome decry denounce applaud slam blast attack highlight""".split()
)
# Of those, the verbs whose object is itself what was said ("denied any role", "cited the figures");
# "defended everyone", "welcomed the decision" are acts, not speech.
SPEECH_OBJECT_VERBS = frozenset(
    """cite stress emphasize emphasise deny reference mention propose tout highlight reiterate""".split()
)
# Words heading a subject that cannot speak: what "shows", "finds" or "confirms" is evidence, not a quote.
NON_SPEAKERS = frozenset(
    """data footage video videos image images picture pictures photo photos evidence figure figures statistic
    statistics study studies survey surveys research analysis test tests record records document documents
    account accounts bacteria virus disease result results number numbers map maps chart graph poll polls
    investigation inquiry autopsy sign signs trend trends estimate estimates model models""".split()
)
# Documents that speak for their owner ("the report read", "the statement said").
DOCUMENT_NOUNS = frozenset("report statement document study letter communique memo release review assessment".split())
# Nouns whose "that" clause is what their owner said ("the ministry's claim that …").
CLAIM_NOUNS = frozenset(
    """claim statement assertion argument warning promise pledge allegation charge suggestion
    belief view insistence comment remark accusation announcement admission vow contention
    prediction assessment conclusion finding""".split()
)
# Verbs whose infinitive complement is a stated intention ("pledged to cut taxes").
INTENT_VERBS = frozenset(
    """want plan refuse pledge promise vow decline agree threaten vow intend urge demand
    seek hope aim offer""".split()
)
# Words that name a quote's governing verb without making it a report ("so-called “X”").
_SCARE_CUES = frozenset({"so", "called", "so-called", "dubbed", "known", "termed", "nicknamed"})
_NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "term", "describe", "characterize", "deem"})
# Labels that open a line like a speaker's name but are page furniture ("Correction: …").
_LABELS = frozenset(
    {"correction", "corrections", "update", "updated", "note", "editor's note", "related", "photo",
     "photos", "video", "watch", "read more", "source", "sources", "credit", "caption", "the latest",
     "advertisement", "share", "tags", "see also", "listen", "disclaimer",
     "transcript", "copyright", "more", "also read"}
)
_CONNECTIVE = re.compile(r"(?:However|But|And|Yet|Still|Meanwhile|Moreover|Nevertheless|Instead),?\s+")
_NARRATOR = re.compile(r"^([A-Z][A-Z.’'\- ]+[A-ZÀ-Ý]),\s*(?:BYLINE|HOST)\s*:", re.MULTILINE)
_QUOTE_TOKENS = frozenset({"“", "”", '"', "«", "»", "„", "''", "’’", "‘", "’"})
_NO_SOURCE = frozenset({"there", "this", "what"})
_DASHES = frozenset({"―", "—", "–", "--"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
# Last words of a name that make it a place or a body, even one named after a person.
_INSTITUTIONS = frozenset(
    """hospital school university college academy institute centre center clinic foundation museum library
    church mosque temple cathedral stadium airport station hotel bank company corporation group trust fund
    prize award bridge street road avenue park hall house""".split()
)
# Nouns of a person who speaks for a body they are named with ("an officer from the PSNI").
_PERSON_NOUNS = frozenset(
    """officer chairman chairwoman chair spokesman spokeswoman spokesperson official minister secretary director
    chief president member lawyer employee worker representative analyst economist professor researcher expert
    doctor commander leader head manager executive correspondent reporter editor source aide adviser advisor
    staffer agent detective inspector sergeant constable captain lieutenant colonel general""".split()
)
# People who speak for someone else, or about them: "X's lawyer said" is the lawyer's statement, not X's.
_PROXIES = frozenset(
    """lawyer attorney counsel solicitor barrister father mother parent son daughter wife husband brother
    sister family relative friend spokesman spokeswoman spokesperson representative aide adviser advisor agent
    publicist neighbor neighbour widow widower partner girlfriend boyfriend cousin uncle aunt nephew niece
    grandmother grandfather colleague relatives parents source sources doctor physician coach manager teammate
    biographer lawyers attorneys aides advisers friends colleagues""".split()
)
_PLURAL = frozenset({"they", "them", "we"})
_WHO_AFTER = re.compile(r",\s+who\s")
_RELATIVE = frozenset({"who", "which", "that"})

_CITY = 100_000  # a line's label naming a place this size is a dateline ("Lagos: …"), not a speaker
MAX_QUOTE_CHARS = 6000  # a quote kept open longer than this is a stray mark
MAX_QUOTE_PARAGRAPHS = 6
MIN_INDIRECT_TOKENS = 3
_WINDOW_TOKENS = 30  # how far a reporting clause may sit from its quote

_DOUBLE_MARKS = re.compile(r"''|‘‘|’’|``|[“”„‟«»\"]")
_SINGLE_MARKS = re.compile(r"[‘’'‚‛]")
_DOUBLE_OPEN = frozenset({"“", "„", "«", "‘‘", "``"})
_DOUBLE_CLOSE = frozenset({"”", "»", "’’", "‟"})
_SINGLE_OPEN = frozenset({"‘", "‚", "‛"})
_SINGLE_CLOSE = frozenset({"’"})
_ELISION = re.compile(r"(?:\d\d|em\b|til\b|cause\b|n\b|tis\b|twas\b)", re.IGNORECASE)
_TRANSCRIPT = re.compile(
    r"(?P<name>(?:[A-Z][\w.’'-]*|[A-Z]{2,}\.?)(?: (?:[A-Z][\w.’'-]*|de|van|von|al|bin)){0,3}):[ \t]+(?=\S)"
)
_OPEN_CONTEXT = frozenset(" \t\n([{—–-/")
_GLOSS = re.compile(r"[(\[](“|\")[^“”\"()\[\]\n]{1,60}(”|\")[,.;]?[)\]]")
_ELIDED = re.compile(r"\s*[\[(](?:\.\s?\.\s?\.|…)[\])]\s*")  # an editor's cut: "[...]", "(…)"
# The writer's own naming just before an opening mark: "so-called", "(also) known as (the)", "referred to as".
_WRITERS_NAME = re.compile(
    r"(?:\bso[- ]called|\bknown as|\breferred to as|\bnicknamed"
    # a participle without a subject: "periods, sometimes called “labs”", "a unit, dubbed “the vault”"
    r"|(?:,|\b(?:sometimes|often|also|commonly|widely|popularly|informally|locally|usually))\s+(?:called|dubbed|termed))"
    r"(?: (?:the|a|an))?\s*$")


@dataclass
class _Found:
    """A quote found in the text, before it becomes a record."""

    start: int
    end: int
    kind: str
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_name: str | None = None
    cue: str | None = None


# ----------------------------------------------------------------- quote marks
def _paragraphs(article: Article) -> list[tuple[int, int]]:
    paras = article.paragraphs or Article.paragraph_spans(article.text)
    return [(p.start, p.end) for p in paras]


def _primary_style(text: str) -> str:
    """"double" unless single marks clearly open more quotes than double marks do."""
    doubles = sum(1 for _ in _DOUBLE_MARKS.finditer(text))
    singles = sum(
        1 for m in _SINGLE_MARKS.finditer(text) if (m.start() == 0 or text[m.start() - 1] in _OPEN_CONTEXT)
        and not _ELISION.match(text, m.end())
    )
    return "single" if singles > doubles + 1 else "double"


def _marks(text: str, style: str) -> list[tuple[int, int, str]]:
    """Candidate quotation marks of the style, apostrophes left out."""
    if style == "double":
        return [(m.start(), m.end(), m.group()) for m in _DOUBLE_MARKS.finditer(text)]
    out = []
    for m in _SINGLE_MARKS.finditer(text):
        s = m.start()
        before = text[s - 1] if s else " "
        after = text[s + 1] if s + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # don't, Libya's
        if before in _OPEN_CONTEXT and _ELISION.match(text, s + 1):
            continue  # '90s, 'em
        out.append((s, m.end(), m.group()))
    return out


def _role(text: str, s: int, e: int, mark: str, open_mark: str | None) -> str:
    """What a mark does here: "open", "close", "reopen" (previous opener was stray) or "skip"."""
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    looks_open = (before in _OPEN_CONTEXT or not before.isalnum() and before not in ".,;:!?") and not after.isspace()
    if mark in _DOUBLE_OPEN or mark in _SINGLE_OPEN:
        if open_mark is None:
            return "open"
        if not after.isalnum() or (mark == "«" and open_mark == "»"):
            return "close"  # „…“, sloppy “…“
        return "reopen"
    if mark in _DOUBLE_CLOSE or mark in _SINGLE_CLOSE:
        if open_mark is not None:
            return "close"
        return "open" if mark == "»" and looks_open else "skip"
    # straight marks
    if open_mark is None:
        return "skip" if after.isspace() or after in ".,;:!?" else "open"
    if looks_open and before.isspace() and after.isalnum():
        return "reopen"
    return "close"


def direct_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(open mark start, close mark end) of every paired quote; stray marks are dropped."""
    style = _primary_style(text)
    marks = _marks(text, style)
    found: list[tuple[int, int]] = []
    para_starts = [p[0] for p in paragraphs]
    opened: tuple[int, str, int, int] | None = None  # (start, mark, paragraph, paragraphs spanned)
    # “We expect forty places (“seats”) in the chamber,” he said: a word quoted in brackets inside an open quote
    # is the speaker's gloss, its marks neither end the quote nor start another
    glossed = {m.start(1): m.start(2) for m in _GLOSS.finditer(text)}
    skip_to = -1
    for s, e, mark in marks:
        if s <= skip_to:
            continue
        if opened is not None and s in glossed:
            skip_to = glossed[s]
            continue
        para = max(bisect.bisect_right(para_starts, s) - 1, 0)
        if opened is not None and para != opened[2]:
            # left open at a paragraph's end: continues only if this paragraph reopens at once
            reopens = (
                para == opened[2] + 1
                and not text[paragraphs[para][0] : s].strip()
                and _role(text, s, e, mark, None) == "open"
                and opened[3] < MAX_QUOTE_PARAGRAPHS
                and s - opened[0] < MAX_QUOTE_CHARS
            )
            if reopens:
                opened = (opened[0], opened[1], para, opened[3] + 1)
                continue
            opened = None
        role = _role(text, s, e, mark, opened[1] if opened else None)
        if role in ("open", "reopen"):
            opened = (s, mark, para, 1)
        elif role == "close" and opened is not None:
            if e - opened[0] <= MAX_QUOTE_CHARS and text[opened[0] + len(opened[1]) : s].strip():
                found.append((opened[0], e))
            opened = None
    return found


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words inside the marks: no marks, edge spaces or trailing comma."""
    s = start + (2 if text[start : start + 2] in ("''", "‘‘", "``") else 1)
    e = end - (2 if text[end - 2 : end] in ("''", "’’") else 1)
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
        e -= 1
    return s, e


# ------------------------------------------------------------------ speakers
def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, in order (one array read: a loop over the Token objects cost ten times more)."""
    from spacy.attrs import IDX

    starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
    return starts


class _Speakers:
    """Finds the subject of a reporting verb and names it."""

    def __init__(self, article: Article, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.token_starts = token_starts(doc)
        mentions = []
        for entity in article.entities:
            for s, e in entity.mentions:
                mentions.append((s, e, entity))
        mentions.sort(key=lambda m: m[0])
        self.mentions = mentions
        self.mention_starts = [m[0] for m in mentions]
        self.people = self._people(article, doc)
        self.sexes = _sexes(article)
        self.people_starts = [p[0] for p in self.people]
        self.groups = [(ent.start_char, ent.end_char, ent.text) for ent in doc.ents if ent.label_ in ("ORG", "NORP", "GPE")]
        self.group_starts = [g[0] for g in self.groups]
        self.quoted: list[tuple[int, int]] = []  # direct quotes' spans: a name inside one is not who speaks

    @staticmethod
    def _people(article: Article, doc: Doc) -> list[tuple[int, int, str]]:
        """Person mentions in order with their full names, chained within the document."""
        out: list[tuple[int, int, str]] = []
        persons = any(entity.type == "person" and entity.name.split()[-1].lower() not in _INSTITUTIONS
                      for entity in article.entities)
        for entity in article.entities:
            # "Karl Bremer Hospital" typed a person (named after one) is no one a "she" can be
            if entity.type == "person" and entity.name.split()[-1].lower() not in _INSTITUTIONS:
                # not "Bush" of "the Bush-era whistleblower": a name in a compound word is no one a "he" can be
                out.extend((s, e, entity.name) for s, e in entity.mentions if article.text[e : e + 1] not in "-‐‑"
                           or e == len(article.text))
            elif entity.type != "person" and entity.name.split()[-1].lower() not in _INSTITUTIONS:
                # "Hugo Marsh, who represents the guard, said …" typed a body: "who" makes the name a person's,
                # whom the next sentence's "He said" may mean
                out.extend((s, e, entity.name) for s, e in entity.mentions if _WHO_AFTER.match(article.text, e))
        if persons:
            out.extend(_described_speakers(article, doc))
        out.sort()
        return out

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The actor with a mention overlapping [start, end): the one holding its last word first."""
        i = bisect.bisect_left(self.mention_starts, end)
        best = None
        for s, e, entity in reversed(self.mentions[max(0, i - 50) : i]):
            if s < end and e > start:
                rank = (e >= end, e - s)  # "US State Department spokesman John Kirby" is Kirby
                if best is None or rank > best[0]:
                    best = (rank, entity)
        return best[1] if best else None

    def nearest_before(self, pos: int, plural: bool, sex: str | None = None) -> str | None:
        """The nearest person (or group, for they/we) mentioned before pos, subjects first; for "he" or
        "she" never a person the actors layer knows as of the other sex."""
        starts, items = (self.group_starts, self.groups) if plural else (self.people_starts, self.people)
        i = bisect.bisect_left(starts, pos)
        # "“The plan Donald has put forth …,” she said": not Donald
        near = [item for item in items[max(0, i - 8) : i] if not any(qs <= item[0] < qe for qs, qe in self.quoted)
                and (sex is None or self.sexes.get(item[2], sex) == sex)][-4:]
        if plural:
            teller = self._plural_teller(pos)
            if teller is not None:
                return teller
        if not near:
            return None
        # a subject in the pronoun's own sentence ("when asked how much Elliot was charged, “…,” she
        # said"), then a main clause's subject ("Trump said Clinton lied. He said …"), then any subject
        sent_start = self.doc[max(bisect.bisect_right(self.token_starts, pos) - 1, 0)].sent.start_char
        for own, main in ((True, False), (False, True), (False, False)):
            for s, _, name in reversed(near):
                if (not own or s >= sent_start) and self._is_subject(s, main):
                    return name
        return near[-1][2]

    def _plural_teller(self, pos: int, depth: int = 0) -> str | None:
        """The plural noun a sentence before gave as a source, for "they" ("…, according to people
        familiar with the inquiries. However, they said …. They said …"), when no group is named after it."""
        i = max(bisect.bisect_right(self.token_starts, pos) - 1, 0)
        sent = self.doc[i].sent
        lo = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        after = max((g[0] for g in self.groups if g[0] < pos), default=-1)
        for tok in reversed(self.doc[lo:i]):
            if tok.idx <= after:
                return None
            if tok.lower_ == "they" and tok.dep_ == "nsubj" and _is_reporting(tok.head) and depth < 3:
                return self._plural_teller(tok.idx, depth + 1)  # "… They said …": the same tellers
            if tok.tag_ != "NNS" or any(qs <= tok.idx < qe for qs, qe in self.quoted):
                continue
            according = tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
            if according or tok.dep_ == "nsubj" and _is_reporting(tok.head):
                start, end = np_span(tok)
                return self.text[start:end]
        return None

    def _employer(self, entity: Entity, start: int, end: int) -> bool:
        """Whether the actor is only a modifier of the speaker's words ("Chicago police", "a lawyer for
        the woman"): then the speaker is those words, not the actor."""
        if entity.type == "person":
            return False
        last = self.doc.char_span(start, end, alignment_mode="expand")
        if last is not None and len(last) > 1:
            last = _without_seat(last)  # "the Foreign Ministry in Tripoli": the body named before where it sits
            end = last.end_char
        covered = any(s < end and e >= end for s, e in entity.mentions)
        # "Tulsa police Chief Chuck Jordan": the words end on someone the actor does not cover
        return not covered and last is not None and len(last) > 0 and last[-1].pos_ in ("NOUN", "PROPN")

    def _modifies(self, mentions: Sequence[Sequence[int]], start: int, end: int) -> bool:
        """Whether a person (their mentions) is only named inside the speaker's words, whose head is a
        common noun ("Associates of Steele", "People familiar with Steele's activities"): the speaker
        is the words."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        common = root.pos_ == "NOUN" or root.pos_ == "PROPN" and not root.ent_type_  # "Associates of Steele"
        if not common or any(s <= root.idx < e for s, e in mentions):
            return False
        if any(start <= s and e < end and self.text[e] in "-‐‑" for s, e in mentions):
            return True  # "The Bush-era whistleblower", "a Trump-appointed judge": named in a compound word
        # named in a phrase after the head ("of Steele", "with Steele's activities"), or as the owner of
        # someone who speaks for them ("Pagliano's lawyer", "Matson's father": not Pagliano, not Matson);
        # "his defense team" and "Steele's campaign" speak for the person
        after = [t.idx for c in root.children if c.dep_ in ("prep", "amod") and c.i > root.i
                 or c.dep_ == "poss" and root.lemma_.lower() in _PROXIES for t in c.subtree]
        return any(s <= idx < e for s, e in mentions for idx in after)

    def _people_of(self, start: int, end: int) -> bool:
        """Whether the speaker's words are headed by a common noun of people ("Colleagues of …", "Neighbours of
        …"), not a document that speaks for its owner ("a report from …") nor a name ("Wee of the Times")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        return root.pos_ == "NOUN" and root.tag_ == "NNS" and root.lemma_.lower() not in DOCUMENT_NOUNS | NON_SPEAKERS \
            | CLAIM_NOUNS

    def _works_for(self, mentions: Sequence[Sequence[int]], start: int, end: int) -> bool:
        """Whether the speaker's words are a person who works for the body named after them ("A police
        officer from the PSNI", "Wee of the Times", "the chairman of the party"): the person speaks."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        if not (root.ent_type_ == "PERSON" or root.lemma_.lower() in _PERSON_NOUNS) or any(
                s <= root.idx < e for s, e in mentions):
            return False
        after = [t.idx for c in root.children if c.dep_ == "prep" and c.i > root.i
                 and c.lower_ in ("of", "from", "for", "at", "with") for t in c.subtree]
        return any(s <= idx < e for s, e in mentions for idx in after)

    def _is_subject(self, pos: int, main: bool = False) -> bool:
        tok = self.doc[max(bisect.bisect_right(self.token_starts, pos) - 1, 0)]
        # "Trump's top economic adviser, Larry Kudlow, said ...": the name in apposition to a subject
        while tok.dep_ in ("compound", "flat", "amod", "appos") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "ROOT" and tok.pos_ == "PROPN":
            # "Mahathir, Asia's longest serving leader ..., called the order …" parsed with the name as
            # the root and its verb hanging from it: the name is still the sentence's subject
            return any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i > tok.i for c in tok.children)
        if main and tok.dep_ in ("nsubj", "nsubjpass"):
            verb = tok.head
            return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"
        return tok.dep_ in ("nsubj", "nsubjpass")

    def name(self, start: int, end: int) -> str:
        """Canonical name for the speaker written at [start, end)."""
        words = self.text[start:end]
        low = words.lower()
        if low in _PERSONAL or low in _PLURAL or low in _RELATIVE:
            entity = None
        else:
            entity = self.entity_at(start, end)
        if entity is not None and (entity.type == "person" or self._people_of(start, end)) and self._modifies(
                entity.mentions, start, end):
            # "Associates of Steele", "People familiar with Steele's work", "Colleagues of Martin Hale" where the
            # actors typed him a body
            return _strip_possessive(words)
        if entity is not None and entity.type != "person" and self._works_for(entity.mentions, start, end):
            return _strip_possessive(words)  # "A police officer from the PSNI", "Wee of the Times": not the body
        if entity is not None and not self._employer(entity, start, end):
            return entity.name
        if low in _PERSONAL:
            return self.nearest_before(start, plural=False, sex=_PRONOUN_SEX[low]) or words
        if low == "we":
            return words  # outside a quotation "we" is most often the newsroom ("customers we spoke to")
        if low in _PLURAL:
            return self.nearest_before(start, plural=True) or words
        i = bisect.bisect_left(self.people_starts, end)
        for s, e, full in reversed(self.people[max(0, i - 5) : i]):
            if s < end and e > start:
                return _strip_possessive(words) if self._modifies([(s, e)], start, end) else full
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        ents = list(ents_within(self.doc, span.start, span.end)) if span is not None else []
        for ent in ents:
            if ent.label_ in ("ORG", "GPE", "NORP") and ent.end_char >= end:  # not "Chicago" of "Chicago police"
                if self._modifies([(ent.start_char, ent.end_char)], start, end):
                    break  # "a lawyer for the Hale family": the lawyer
                if span is not None and _without_seat(span).end <= ent.start:
                    # "the Defence Ministry in Carlsburg": the body, not where it sits
                    body = next((b for b in ents if b.label_ == "ORG" and b.start <= span.root.i < b.end), None)
                    return _strip_possessive(body.text if body is not None else words)
                return _strip_possessive(ent.text)
        return _strip_possessive(words)


def _without_seat(span: Span) -> Span:
    """A body's words without the place it sits in that closes them ("the Foreign Ministry in Tripoli": "the
    Foreign Ministry"); the words as they are when no "in"/"at" phrase after their head ends them."""
    root = span.root
    seat = any(c.dep_ == "prep" and c.lower_ in ("in", "at") and c.i > root.i and c.right_edge.i == span[-1].i
               for c in root.children)
    return span.doc[span.start : root.i + 1] if seat and root.i > span.start else span


_PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _sexes(article: Article) -> dict[str, str]:
    """The sex of each person whose third-person pronouns the actors layer found all of one sex ("Levin" with
    "he", "his": m), by name; a person with none, or with both, is left out."""
    out = {}
    for entity in article.entities:
        if entity.type != "person":
            continue
        found = {_PRONOUN_SEX[w] for s, e in entity.mentions if (w := article.text[s:e].lower()) in _PRONOUN_SEX}
        if len(found) == 1:
            out[entity.name] = found.pop()
    return out


def _described_speakers(article: Article, doc: Doc) -> list[tuple[int, int, str]]:
    """Names no actor holds that speak as people: the capitalised subject of a reporting verb described as a
    person ("Eswar Prasad, a trade professor at Cornell, said …", "Hugo Marsh, who represents …, said"), whom a
    later "he said" may mean (the recogniser had typed the first an organisation and the actors left it out)."""
    covered = [(s, e) for entity in article.entities for s, e in entity.mentions]
    out = []
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or not _is_reporting(tok.head):
            continue
        described = any(
            c.dep_ == "appos" and c.lemma_.lower() in _PERSON_NOUNS
            or c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj" for w in c.children)
            for c in tok.children)
        if not described:
            continue
        first = min((c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"),
                    key=lambda c: c.i, default=tok)
        start, end = first.idx, tok.idx + len(tok)
        if any(s < end and e > start for s, e in covered):
            continue
        out.append((start, end, _strip_possessive(article.text[start:end])))
    return out


def earlier_owner(head: Token, reach: int = 400) -> Token | None:
    """Who owned the same document noun when it was last mentioned with an owner."""
    doc = head.doc
    for i in range(head.i - 1, max(head.i - reach, -1), -1):
        tok = doc[i]
        if tok.lemma_ != head.lemma_:
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            continue
        if poss.pos_ != "PRON":
            return poss
        root = tok.sent.root
        return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _strip_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name.strip())


# Head words of a paper, an agency or a broadcaster: what it carries ("…, the agency reported, citing the ministry")
# is the words of whom it cites.
_CARRIER_NOUNS = frozenset(
    """agency agencies newspaper newspapers paper daily weekly tabloid broadcaster television tv radio channel station
    outlet outlets media network website wire newswire magazine journal""".split()
)
# The verbs by which one names whose words one gives: "quoted X as saying", "cited X as saying", "reported citing X".
_RELAY_VERBS = frozenset({"quote", "cite"})
# Who or what can have said something, as the object of "citing" / "quoting" (not "citing office rules").
_VOICES = _PERSON_NOUNS | _PROXIES | frozenset(
    """official officials ministry ministries government department office police authority authorities agency
    army military spokesperson spokespeople diplomat diplomats witness witnesses resident residents commander
    commanders leaders people person governor mayor prosecutor prosecutors court embassy council committee
    commission service""".split()
)


def _carrier(subject: Token) -> bool:
    """Whether a reporting verb's subject is named as a paper, an agency or a broadcaster by its head word ("the
    agency", "the Interfax news agency", "state television"); the media actors are the actors layer's."""
    return subject.lemma_.lower() in _CARRIER_NOUNS or subject.lower_ in _CARRIER_NOUNS or any(
        c.dep_ == "compound" and c.lower_ in ("news", "press") for c in subject.children)


def _voice(tok: Token) -> bool:
    """Whether the object of "citing"/"quoting" (or of "quoted … as saying") can have said something: a named
    person or body, or a noun of one ("officials", "a source", "the ministry"), not a reason ("office rules")."""
    if tok.lemma_.lower() in DOCUMENT_NOUNS or tok.lemma_.lower() in NON_SPEAKERS:
        return False
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN" or tok.pos_ == "PRON" \
        or tok.lemma_.lower() in _VOICES or tok.lower_ in _VOICES


def _quoted_as(verb: Token) -> Token | None:
    """Whom "X quoted/cited Y as saying …" gives the words of: Y (the object, or the passive's subject: "Y was
    quoted by X as saying"), for the verb "quoted" and for its "saying"."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "as" \
            and verb.head.head.lemma_ in _RELAY_VERBS and verb.head.head.pos_ == "VERB":
        verb = verb.head.head
    elif not (verb.lemma_ in _RELAY_VERBS and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(p.dep_ == "pcomp" and _is_reporting(p) for p in c.children)
            for c in verb.children)):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and _voice(child):
            return child
    return None


# Verbs by which one gives words out of a document another wrote ("read from a report issued by X").
_READING_VERBS = frozenset({"read", "quote", "cite"})
# Nouns of what someone writes and another reads out.
_WRITINGS = DOCUMENT_NOUNS | frozenset({"note", "email", "e-mail", "message", "post", "diary", "testimony", "affidavit"})


def _author_read_from(verb: Token) -> Token | None:
    """Who wrote what is read out: "X read from a report issued by Y, saying that …", "X quoted from Y's letter:
    “…”" are Y's words (the document's author, by "by Y" or "Y's"), not the reader's."""
    reader = verb
    if verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG" and verb.head.i < verb.i:
        reader = verb.head  # "…, saying that …", "…, admitting that …": what the document says
    if reader.lemma_ not in _READING_VERBS:
        return None
    for prep in reader.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in _WRITINGS:
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            if owner is not None:
                return owner
            for acl in noun.children:
                if acl.dep_ in ("acl", "prep") and (acl.dep_ == "acl" or acl.lower_ == "by"):
                    agent = acl if acl.dep_ == "prep" else next((c for c in acl.children if c.dep_ == "agent"), None)
                    author = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                    if author is not None and _voice(author):
                        return author
    return None


def _unclosed_apposition(subject: Token, verb: Token) -> Token | None:
    """The name the parse hung as an apposition on a name in an opening phrase, with no comma closing it before the
    verb ("To understand the real Dred Scott, Chief Justice Roberts said, …": Roberts speaks, not Scott): an
    apposition is set off by commas on both sides ("Ana Velez, the firm's lawyer, said"). Opened by no comma, only a
    person's name is taken so ("The newspaper El Heraldo said" stays as the parse has it)."""
    if subject.i > verb.i:
        return None
    for appos in subject.children:
        if appos.dep_ != "appos" or appos.pos_ != "PROPN" or appos.right_edge.i >= verb.i:
            continue
        opened = appos.left_edge.i > 0 and verb.doc[appos.left_edge.i - 1].text == ","
        if (opened or appos.ent_type_ == "PERSON") and not any(
                t.is_punct for t in verb.doc[appos.right_edge.i + 1 : verb.i]):
            return appos
    return None


def _relayed(verb: Token) -> Token | None:
    """Whose words a paper's or an agency's report carries: the object of its "citing"/"quoting" ("…, RIA
    Novosti reported citing the Foreign Ministry"), when that object can speak. Only "reported": an agency that
    "said, citing the commission" speaks itself, as our gold reads it."""
    for child in verb.children:
        if verb.lemma_ == "report" and child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_ in _RELAY_VERBS \
                and child.tag_ == "VBG":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            if obj is not None and _voice(obj):
                return obj
    return None


# Verbs whose passive subject is who heard, not who spoke ("he was told by a leaker that …").
_TOLD = frozenset("tell inform advise warn remind assure reassure brief notify instruct ask caution".split())


def _teller(verb: Token, media: Callable[[Token], bool] = _carrier) -> Token | None:
    """Who spoke through a reporting verb: its subject, but for a passive "was told (by X)" the one who told (X),
    or nobody named: "he was told by an anonymous leaker that …" is the leaker's statement, not his; and never the
    agency or paper that carried the words: "Interfax quoted X as saying", "RIA Novosti reported citing X" are X's."""
    quoted = _quoted_as(verb) or _author_read_from(verb)
    if quoted is not None:
        return quoted
    subject = subject_of(verb)
    if subject is not None:
        subject = _unclosed_apposition(subject, verb) or subject
    if subject is not None and media(subject):
        relayed = _relayed(verb)
        if relayed is not None:
            return relayed
    if subject is None or subject.dep_ != "nsubjpass" or subject.head.lemma_ not in _TOLD:
        return subject
    agent = next((c for c in subject.head.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a reporting verb, climbing coordinations and participles."""
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") and _wordy(c)]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - verb.i))
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl") and verb.head.i != verb.i:
            if verb.dep_ in ("acl", "relcl"):
                noun = verb.head
                if noun.dep_ == "dobj" and verb.dep_ == "acl":  # "X issued a statement calling …"
                    issuer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
                    if issuer is not None:
                        return issuer
                return noun if noun.pos_ in ("NOUN", "PROPN", "PRON") else None
            outer = verb.head.head
            if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and outer.lemma_ == verb.lemma_ and outer.i < verb.head.i:
                # "X said it viewed the move as … and said it would …": the parse joined the second "said" to the
                # reported verb; it is X's, as the first (not "he … called her a liar and said, “…,” the office
                # said": an attribution told after its words)
                verb = outer
                continue
            verb = verb.head
            continue
        break
    for child in verb.rights:  # inverted order: "…,” said Caddell."
        if child.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd") and (
            child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG")
        ):
            return child
    return None


_NP_RIGHT = frozenset({"compound", "flat", "prep", "pobj", "nummod", "amod", "case"})


def np_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by head, without clauses or appositions."""
    tokens = [t for t in head.subtree if t.i <= head.i and (_wordy(t) or _joins(t)) and head.i - t.i <= 8]
    first = head
    for t in reversed(tokens):  # the contiguous run of words ending at head
        if t.i < first.i - 1:
            break
        first = t if t.i < first.i else first
    last = head
    for child in head.rights:
        if child.dep_ not in _NP_RIGHT or not all(_wordy(t) and t.dep_ not in ("cc", "conj") for t in child.subtree):
            break
        if child.right_edge.i - head.i > 8:
            break
        last = child.right_edge
    return first.idx, last.idx + len(last.text)


def _wordy(tok: Token) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def _joins(tok: Token) -> bool:
    """A hyphen inside a word ("Beijing-based analysts": not "based analysts")."""
    return tok.text in ("-", "‐", "‑") and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


# ------------------------------------------------------------------- finder
class _Finder:
    def __init__(self, article: Article, doc: Doc):
        self.article = article
        self.doc = doc
        self.text = doc.text
        self.paragraphs = _paragraphs(article)
        self.para_starts = [p[0] for p in self.paragraphs]
        self.speakers = _Speakers(article, doc)
        self.token_starts = self.speakers.token_starts
        self.speakers.quoted = direct_spans(self.text, self.paragraphs)

    def token_at(self, pos: int) -> int:
        return max(bisect.bisect_right(self.token_starts, pos) - 1, 0)

    def para_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.para_starts, pos) - 1, 0)

    # -- direct
    def directs(self) -> list[_Found]:
        spans = self.speakers.quoted
        found = []
        previous: _Found | None = None
        previous_para = -1
        for open_at, close_end in spans:
            start, end = _content(self.text, open_at, close_end)
            if end <= start:
                continue
            quote = _Found(start, end, "direct")
            para = self.para_of(open_at)
            if not self._attribute_direct(quote, open_at, close_end, spans):
                # “the so-called “709 crackdown”": a name the writer quotes, nobody's words (not the
                # previous quote's speaker's)
                inherit = not self._named_by_writer(open_at) and previous is not None and (
                    previous_para == para
                    or (previous_para == para - 1 and not self.text[self.paragraphs[para][0] : open_at].strip())
                ) and not self._writers_fragment(open_at, close_end, para) and not self._subheading(open_at, close_end, para)
                if inherit and previous is not None and previous.speaker_span:
                    quote.speaker_span, quote.speaker_name, quote.cue = (
                        previous.speaker_span, previous.speaker_name, previous.cue)
                elif not self._announced(quote, open_at):
                    if not self._is_full_quote(open_at, close_end, para):
                        continue  # a scare quote or title, not speech
            found.append(quote)
            previous, previous_para = quote, self.para_of(close_end - 1)
        return found

    def _writers_fragment(self, open_at: int, close_end: int, para: int) -> bool:
        """Whether quoted words with no reporting verb of their own modify the noun after them inside the writer's
        sentence ("pupils in the “business as usual” control group"): a term the writer marks, not more of the
        previous quote's speaker's words (a fragment the sentence uses as its object, "pounding Trump as a “con
        artist”", may still be theirs)."""
        if len(self.text[open_at:close_end].split()) > 4:
            return False
        last = self.doc[self.token_at(max(close_end - 2, open_at + 1))]
        while last.i > 0 and last.idx > open_at and last.is_punct:
            last = self.doc[last.i - 1]
        head = last.head
        return head.idx >= close_end and head.pos_ == "NOUN" and head.i - last.i <= 4 and not any(
            _is_reporting(t) or _says(t) for t in last.sent if not open_at <= t.idx < close_end)

    def _subheading(self, open_at: int, close_end: int, para: int) -> bool:
        """Whether the quoted words are a paragraph of their own with no mark ending a sentence or a clause
        (“A corridor that nobody guards” above a section): the writer's subheading quoting someone, not more of
        the previous paragraph's speaker's words."""
        p_start, p_end = self.paragraphs[para]
        if self.text[p_start:open_at].strip() or self.text[close_end:p_end].strip():
            return False
        inner = self.text[open_at:close_end].strip("\"'”’»“„«‘ \n")
        return bool(inner) and not inner.endswith((".", "!", "?", "…", ",", ";", ":", "—", "–", "-"))

    def _named_by_writer(self, open_at: int) -> bool:
        """Whether the quoted words are a name the writer gives ("the so-called “…”", "known as the “…”")."""
        lead = self.text[max(0, open_at - 24) : open_at].lower().replace("\u2011", "-")
        return bool(_WRITERS_NAME.search(lead))

    def _is_full_quote(self, open_at: int, close_end: int, para: int) -> bool:
        """A quote of a sentence or more, worth keeping without a speaker (unlike a scare quote)."""
        body = self.text[open_at:close_end].rstrip("\"'”’»“")
        if len(body.split()) < 8:
            return False
        return body.endswith((".", "!", "?", "…")) or not self.text[self.paragraphs[para][0] : open_at].strip()

    def _window(self, open_at: int, close_end: int, spans: list[tuple[int, int]]) -> tuple[list[Token], list[Token]]:
        """Tokens of the clause before the quote and after it, up to a sentence end or another quote."""
        doc = self.doc
        para = self.paragraphs[self.para_of(open_at)]
        para_end = self.paragraphs[self.para_of(close_end - 1)][1]
        marks = {s for s, _ in spans} | {e - 1 for _, e in spans}
        before: list[Token] = []
        i = self.token_at(open_at) - 1
        while i >= 0 and len(before) < _WINDOW_TOKENS:
            tok = doc[i]
            if tok.idx < para[0] or tok.text in (".", "!", "?") or tok.idx in marks or tok.idx + len(tok) - 1 in marks:
                break
            before.append(tok)
            i -= 1
        before.reverse()
        after: list[Token] = []
        i = self.token_at(close_end - 1) + 1
        while i < len(doc) and len(after) < _WINDOW_TOKENS:
            tok = doc[i]
            if tok.idx >= para_end or tok.idx in marks:
                break
            if tok.text in (".", "!", "?"):
                break
            if tok.idx >= close_end:
                after.append(tok)
            i += 1
        return before, after

    def _attribute_direct(self, quote: _Found, open_at: int, close_end: int, spans) -> bool:
        """Speaker from the clause around the quote; False when that clause names none."""
        lead = self.text[max(0, open_at - 12) : open_at].lower()
        if any(cue in lead.split()[-2:] for cue in _SCARE_CUES) or lead.endswith(("so-called ", "so-called")):
            return False  # so-called “…”, known as “…”
        closed = self._closes_sentence(open_at, close_end)
        before, after = self._window(open_at, close_end, spans)
        if len(before) >= 2 and before[-1].text in (",", ":") and _is_reporting(before[-2]):
            # He said, “…,” the U.S. attorney's office said: the speaker whose "said" stands right before the
            # words and after its subject, not a second attribution told after them
            teller = _teller(before[-2], self._media)  # its own subject, not one climbed to ("…, adding, “…”")
            if teller is not None and teller.head.i == before[-2].i and teller.i < before[-2].i and self._set_speaker(
                    quote, before[-2]):
                return True
        for verb in self._reporting_ancestors(open_at, close_end):
            if closed and verb.idx >= close_end:
                continue  # the next sentence's verb: “… growth.” Sen. Ben Sasse said …
            if self._set_speaker(quote, verb):
                return True
        if not closed and self._named_after(quote, open_at, close_end):
            return True
        if closed or after and after[0].lower_ in ("and", "but", "or", "yet", "while", "whereas"):
            # “… patently false,” and several analysts told …: a clause of its own joined after the quote,
            # whose teller is not the quote's speaker
            after = []
        elif after and after[0].is_alpha and after[0].tag_ in ("VBZ", "VBD", "VBP", "MD") and not (_is_reporting(after[0]) or _says(after[0])) \
                and not self.text[open_at:close_end].rstrip("\"'”’»“ ").endswith((",", "?", "!", "—", "–")):
            # “Meth. We're on it” is rolling out on billboards in which people say …: words the sentence names as
            # its subject (a slogan, a title), not words a later verb reports
            after = []
        if after and after[0].text in _DASHES and len(after) > 1 and after[1].pos_ == "PROPN":
            # a caption or vox-pop: “…” ― Name
            self._set_from_token(quote, _phrase_head(after[1]), after[0].text)
            return True
        verb_before: Token | None = next((t for t in reversed(before) if _is_reporting(t)), None)
        verb_after = next((t for t in after if _is_reporting(t)), None)
        if before and before[-1].text == ":" and verb_before is None:
            # "Caddell continued:" / "The statement:": the subject before the colon
            verb_before = next((t for t in reversed(before) if _announcing(t)), None)
        order = [verb_after, verb_before]
        if verb_before is not None and (before[-1].text == ":" or before[-1].i - verb_before.i <= 2):
            order = [verb_before, verb_after]
        for reporting in order:
            if reporting is not None and self._set_speaker(quote, reporting):
                return True
        according = _according(before + after)
        if according is not None:
            self._set_from_token(quote, according, "according to")
            return True
        return False

    def _named_after(self, quote: _Found, open_at: int, close_end: int) -> bool:
        """The speaker named right after a quote that does not end its sentence: “…,” says X. / “…,” X said. /
        “…,” said X, a … — read from the words, for where the parse gives the verb no subject (a surname that is
        also a word, “says Early”, parsed as an adverb): else the quote went to the previous quote's speaker."""
        inner = self.text[open_at:close_end].rstrip("\"'”’»“ ")
        if not inner.endswith((",", "?", "!", "—", "–")):
            return False
        para_end = self.paragraphs[self.para_of(close_end - 1)][1]
        doc = self.doc
        words: list[Token] = []
        i = self.token_at(close_end - 1) + 1
        while i < len(doc) and len(words) < 8 and doc[i].idx < para_end:
            if doc[i].idx >= close_end and not doc[i].is_space:
                words.append(doc[i])
            i += 1
        if len(words) < 2:
            return False
        verb: Token | None = words[0]
        if _says(words[0]):  # “…,” says X / said he
            run = _name_run(words[1:])
        else:  # “…,” X said / he said
            run = _name_run(words)
            rest = words[len(run):]
            while rest and rest[0].lower_ in _FRAME_ADVERBS:
                rest = rest[1:]
            verb = rest[0] if rest and _says(rest[0]) else None
        if verb is None or not run:
            return False
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        quote.speaker_span = (start, end)
        quote.speaker_name = self.speakers.name(start, end)
        quote.cue = verb.text
        return True

    def _closes_sentence(self, open_at: int, close_end: int) -> bool:
        """Whether the quoted words end their sentence and a new one starts after the closing mark
        (“… economic growth.” Sen. Ben Sasse …): what follows is not this quote's attribution."""
        inner = self.text[open_at:close_end].rstrip("\"'”’»“ ")
        cut = _ELIDED.match(self.text, close_end)
        if cut is not None:
            # “… out there.” [...] Farm economists say …: the editor's cut ends the passage, whatever the quote
            # ends with; the words after it are another passage's
            rest = self.text[cut.end() : cut.end() + 1]
            return bool(rest) and (rest.isupper() or rest in _DOUBLE_OPEN)
        rest = self.text[close_end : close_end + 3].lstrip()  # a line break too: the next line's words
        return inner.endswith((".", "…")) and bool(rest) and rest[0].isupper()

    def _reporting_ancestors(self, open_at: int, close_end: int) -> list[Token]:
        """Reporting verbs outside the quote that the quoted words hang from, nearest first."""
        doc = self.doc
        first = self.token_at(open_at + 1)
        last = self.token_at(max(close_end - 2, open_at + 1))
        lo = self.paragraphs[self.para_of(open_at)][0]
        hi = self.paragraphs[self.para_of(close_end - 1)][1]
        verbs: list[Token] = []
        for i in (last, first):
            tok = doc[i]
            for _ in range(12):
                if tok.head.i == tok.i:
                    break
                tok = tok.head
                if not lo <= tok.idx < hi:
                    break
                outside = tok.idx < open_at or tok.idx >= close_end
                if outside and _is_reporting(tok) and all(v.i != tok.i for v in verbs):
                    verbs.append(tok)
                    break
        return verbs

    def _announced(self, quote: _Found, open_at: int) -> bool:
        """A speaker announced by the sentence before: "X said:" closing the previous paragraph,
        or "X said." / "X added:" just before the quote in its own paragraph."""
        para = self.para_of(open_at)
        para_start = self.paragraphs[para][0]
        lead = self.text[para_start:open_at].rstrip()
        if lead:
            if not lead.endswith((".", ":")):
                return False
            start, end = para_start, para_start + len(lead)
        elif para > 0:
            start, end = self.paragraphs[para - 1]
            if not self.text[start:end].rstrip().endswith(":"):
                return False
        else:
            return False
        i = self.token_at(end - 1)
        for j in range(i - 1, max(i - _WINDOW_TOKENS, -1), -1):
            tok = self.doc[j]
            if tok.idx < start or tok.text in (".", "!", "?") or tok.text in _QUOTE_TOKENS:
                break
            # "Caddell continued:" announces a speaker; "Here are the highlights:" does not
            if (_is_reporting(tok) or self.text[end - 1] == ":" and _announcing(tok)) and self._set_speaker(
                quote, tok
            ):
                return True
        return False

    def _media(self, subject: Token) -> bool:
        """Whether a reporting verb's subject is a paper, an agency or a broadcaster: by its head word, or an
        actor the actors layer typed media ("RIA Novosti")."""
        if _carrier(subject):
            return True
        entity = self.speakers.entity_at(subject.idx, subject.idx + len(subject))
        return entity is not None and entity.type == "media"

    def _set_speaker(self, quote: _Found, verb: Token) -> bool:
        subject = _teller(verb, self._media)
        if subject is None or subject.lower_ in _NO_SOURCE:
            return False
        if quote.kind == "direct" and quote.start <= subject.idx < quote.end:
            return False  # “... We will achieve justice,” the chief said: a word of the quote is not its speaker
        cue = verb.text
        return self._set_from_token(quote, subject, cue)

    def _set_from_token(self, quote: _Found, head: Token, cue: str) -> bool:
        head = _named_example(head)
        start, end = np_span(head) if head.lower_ not in _RELATIVE else (head.idx, head.idx + len(head))
        quote.speaker_span = (start, end)
        if head.lower_ in _RELATIVE and head.dep_ in ("nsubj", "nsubjpass"):
            antecedent = head.head.head if head.head.dep_ == "relcl" else None
            quote.speaker_name = self.speakers.name(*np_span(antecedent)) if antecedent is not None else head.text
        else:
            # "Its spokesman, Harsha de Alwis-Perera, said": the person in apposition (by the recogniser, or by the
            # actors layer where the recogniser took the name for an organisation)
            appos = next((c for c in head.rights if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or (
                (entity := self.speakers.entity_at(c.idx, c.idx + len(c))) is not None and entity.type == "person"))), None)
            named = np_span(appos) if appos is not None and head.ent_type_ != "PERSON" else (start, end)
            quote.speaker_name = self.speakers.name(*named)
            if head.lemma_.lower() in DOCUMENT_NOUNS and self.text[start:end].lower() == f"the {head.lower_}":
                owner = earlier_owner(head)  # "the report" after "the UN ... in its latest report"
                if owner is not None:
                    quote.speaker_name = self.speakers.name(*np_span(owner))
        quote.cue = cue
        return True

    # -- indirect
    def indirects(self, taken: list[tuple[int, int]]) -> list[_Found]:
        taken = sorted(taken)
        starts = [s for s, _ in taken]

        def covered(s: int, e: int) -> int:
            i = bisect.bisect_left(starts, e)
            return sum(max(0, min(e, te) - max(s, ts)) for ts, te in taken[max(0, i - 8) : i])

        # Intentions ("pledged to cut taxes") and stances ("opposed the bill") are attributions but
        # not speech: kept with their own kind, never shown as quotes (enrich/confidence.py).
        verbs = INDIRECT_VERBS | OBJECT_VERBS | INTENT_VERBS | _NAMING_VERBS
        found = []
        for tok in self.doc:
            if tok.lemma_ == "accord" and tok.lower_ == "according":
                quote = self._according_quote(tok)
            elif tok.pos_ in ("VERB", "AUX") and tok.lemma_ in verbs:
                quote = self._complement_quote(tok)
            elif tok.pos_ == "NOUN" and tok.lemma_ in CLAIM_NOUNS:
                quote = self._claim_quote(tok)
            else:
                continue
            if quote is None or covered(tok.idx, tok.idx + 1):
                continue
            # a clause quoting a few words directly ("said it was “a disgrace”") is still reported speech
            if covered(quote.start, quote.end) * 2 > quote.end - quote.start:
                continue
            found.append(quote)
        return found

    def _complement_quote(self, verb: Token) -> _Found | None:
        """What a reporting verb's subject said, believed, stood for or intended."""
        deps = {"ccomp"} if verb.lemma_ in INDIRECT_VERBS else set()
        if verb.lemma_ in OBJECT_VERBS:
            deps.add("dobj")
        if verb.lemma_ in INTENT_VERBS:
            deps.add("xcomp")
        # "Farmers seemed motivated …: during his appearance, Dale said …": a clause set off from the verb
        # by a colon or a semicolon is the writer's, not what the verb's subject said
        comps = [c for c in verb.children if c.dep_ in deps and not _set_off(c, verb)]
        if not comps and "ccomp" in deps:
            # "said in a statement carried by the agency that …": the parse hung the "that" clause on the statement
            comps = _in_statement(verb)
        # "Lee has said she is hopeful … and, on her way in, she told reporters that …": a clause
        # that is someone's own report is not what this verb's subject said, when another clause is
        own = [c for c in comps if not (c.dep_ == "ccomp" and _is_reporting(c)
                                        and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children))]
        comp: Token | None = (own or comps)[0] if comps else None
        refused = any(c.dep_ == "neg" for c in verb.children) or _not_yet(verb) or (
            verb.dep_ in ("xcomp", "acl") and verb.head.lemma_ in ("refuse", "decline", "fail", "refusal", "reluctance", "failure"))
        subject = _teller(verb, self._media)
        if subject is None or subject.lower_ in _NO_SOURCE or _turn_of_phrase(subject, verb):
            return None
        if verb.lemma_ in _RELAY_VERBS and comp is not None and (comp.ent_type_ or comp.dep_ == "dobj" and (
                _voice(comp) or _quoted_as(verb) is not None)):
            # "reported citing the ministry", "citing two officials": a source (citations), not what was said;
            # "cited an official as saying that …": what was said is the "saying"'s
            return None
        naming = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp")
                  or c.dep_ == "prep" and c.lower_ in ("for", "on")]
        if verb.lemma_ in _NAMING_VERBS and naming:
            # "called the senator a “nasty guy”", "called for a recount", "labelled it a failure"
            tokens = list(verb.doc[naming[0].left_edge.i : naming[-1].right_edge.i + 1])
        elif comp is not None:
            tokens = list(comp.subtree)
        elif verb.dep_ == "parataxis" and verb.lemma_ in REPORTING_VERBS:
            # "Too often, Mr. Clarke said, the debate …": the sentence around the aside
            inner = {t.i for t in verb.subtree}
            tokens = [t for t in verb.sent if t.i not in inner]
            # the statement goes on after the aside: that part alone, not a span running over "X said"
            after = [t for t in tokens if t.i > verb.right_edge.i]
            if sum(1 for t in after if _wordy(t)) >= MIN_INDIRECT_TOKENS:
                tokens = after
        else:
            return None
        para_start, para_end = self.paragraphs[self.para_of(verb.idx)]
        if tokens and not (para_start <= tokens[0].idx and tokens[-1].idx < para_end):
            # the parser ran the clause across a paragraph break ("… told lawmakers. Here are the
            # highlights:" + the next paragraph): only what stands in the verb's own paragraph
            tokens = [t for t in tokens if para_start <= t.idx < para_end]
            if sum(1 for t in tokens if _wordy(t)) < MIN_INDIRECT_TOKENS:
                # a headline above hung from the verb: the complement in the verb's own paragraph
                in_para = next((c for c in comps if para_start <= c.idx < para_end), None)
                tokens = list(in_para.subtree) if in_para is not None else tokens
        if tokens and verb.i > tokens[-1].i:
            # "X has already amended his testimony once — “I now recall …,” he said": the words quoted after a dash
            # or a colon are what the verb after them reports; the writer's narration before is no one's speech
            opens = {s for s, _ in self.speakers.quoted}
            cut = next((t for t in reversed(tokens) if (t.text in _DASHES or t.text == ":") and t.i + 1 < len(self.doc)
                        and self.doc[t.i + 1].idx in opens), None)
            if cut is not None:
                tokens = [t for t in tokens if t.i > cut.i]
        while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].text == ","):
            tokens.pop()  # "… could be reached and, on her way …": not the dangling "and"
        if len(tokens) < MIN_INDIRECT_TOKENS:
            return None
        first, last = tokens[0], tokens[-1]
        if first.lower_ == "that" and first.dep_ == "mark":
            first = self.doc[first.i + 1]
        start, end = _trim(self.text, first.idx, last.idx + len(last), ".")
        if end - start < 10:
            return None
        kind = "indirect"
        if comp is not None and tokens[0].i < subject.i and tokens[0].lower_ in _FREE_RELATIVE:
            kind = "stance"  # "the gap between what Trump says his plan would do and ...": a claim, no words
        elif refused or comp is not None and comp.lemma_ in _NO_COMMENT and any(c.dep_ == "neg" for c in comp.children):
            # "refused to say which side he would be on", "did not say", "told the paper she could not
            # confirm or deny that …": no speech
            kind = "refusal"
        elif subject.lower_ in _NOBODY:
            kind = "refusal"  # "Nobody has claimed that …": no one said it
        elif comp is not None and comp.dep_ != "xcomp" and _unsaid(verb):
            kind = "hypothetical"  # "will say", "is expected to announce", "if the mayor says": not (yet) said
        elif verb.dep_ == "relcl" and verb.head.lemma_ in ("way", "manner", "extent"):
            kind = "stance"  # "concerns about the way he says the offer was delivered": no words given
        elif verb.lemma_ in _NAMING_VERBS and naming and naming[0].dep_ == "prep":
            kind = "stance"  # "called for the complete repeal of the law": a demand, not words said
        elif comp is not None and comp.dep_ == "xcomp" and verb.lemma_ not in _NAMING_VERBS:
            kind = "intention"
        elif comp is not None and comp.dep_ == "dobj" and verb.lemma_ not in SPEECH_OBJECT_VERBS | _NAMING_VERBS:
            kind = "stance"
        quote = _Found(start, end, kind)
        self._set_from_token(quote, subject, _cue(verb))
        return quote

    def _claim_quote(self, noun: Token) -> _Found | None:
        """"the police's earlier claim that …": the owner of a claim noun said its clause."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(t.lower_ == "that" and t.dep_ == "mark" for t in c.children)), None)
        if owner is None or clause is None:
            return None
        tokens = list(clause.subtree)
        first = tokens[0]
        if first.lower_ == "that" and first.dep_ == "mark":
            first = self.doc[first.i + 1]
        start, end = _trim(self.text, first.idx, tokens[-1].idx + len(tokens[-1]), ".")
        if end - start < 10:
            return None
        # "his vow that Britain would leave the EU": a promise is an intention, not what was said
        quote = _Found(start, end, "intention" if noun.lemma_ in ("promise", "pledge", "vow") else "indirect")
        self._set_from_token(quote, owner, noun.text)
        return quote

    def _according_quote(self, according: Token) -> _Found | None:
        to = next((c for c in according.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            return None
        clause = according.head
        if _relays_report(clause) and self._media(source):
            return None  # "The ministry said the talks had failed, according to Tass": the ministry's words, carried
        sent = according.sent
        lo, hi = according.left_edge.i, according.right_edge.i
        if clause.i == according.i:
            return None
        tokens = [t for t in sent if not (lo <= t.i <= hi)]
        if lo > sent.start and hi < sent.end - 2:
            tokens = [t for t in clause.subtree if not (lo <= t.i <= hi)]
        para_start, para_end = self.paragraphs[self.para_of(according.idx)]
        tokens = [t for t in tokens if not t.is_space and para_start <= t.idx < para_end]  # not a headline above
        while tokens and tokens[-1].is_punct:
            tokens.pop()  # "…, according to the engineer, who inspected it.": not up to the full stop
        if len(tokens) < MIN_INDIRECT_TOKENS:
            return None
        start, end = _trim(self.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]), ".")
        quote = _Found(start, end, "indirect")
        self._set_from_token(quote, source, "according to")
        return quote

    def _label_inside_sentences(self, label: str) -> bool:
        """Whether a line's "Name:" also stands inside a paragraph ("..., Star Wars Jedi: Fallen Order finds"):
        a title with a subtitle; a transcript's speaker is named so only at the start of a line."""
        at = self.text.find(label)
        while at >= 0:
            before = self.text[self.para_starts[self.para_of(at)] : at]
            if any(ch.islower() or ch in ",." for ch in before):  # not "TRAVIS CANTWELL:" for "CANTWELL:"
                return True
            at = self.text.find(label, at + 1)
        return False

    def _an_entry(self, start: int, end: int) -> bool:
        """Whether a line's words after "Name:" are an entry of a list (the charges each suspect faces, a
        player's record) rather than speech: several words with no finite verb and nobody speaking in the first
        or second person. A speaker's short answer ("Yes, absolutely.", "Thank you.") stays a line."""
        words = [t for t in self.doc[self.token_at(start) : self.token_at(end - 1) + 1] if not t.is_punct]
        if len(words) < 5:
            return False
        return not any(
            "Fin" in t.morph.get("VerbForm", []) or t.tag_ in ("VBD", "VBZ", "VBP", "MD")
            or t.lower_ in ("i", "we", "you", "me", "us", "my", "our", "your")
            for t in words)

    # -- transcripts
    def transcripts(self, taken: list[tuple[int, int]]) -> list[_Found]:
        found = []
        dateline = furniture(self.text)
        # A transcript's narrators ("SERGIO MARTÍNEZ-BELTRÁN, BYLINE:", "A MARTÍNEZ, HOST:") tell the
        # story; their lines are the article's own words, not quotes.
        narrators = {m.group(1).split()[-1].upper() for m in _NARRATOR.finditer(self.text)}
        title_end = headline_end(self.text)
        for p_start, p_end in self.paragraphs:
            m = _TRANSCRIPT.match(self.text, p_start, p_end)
            if m is None or any(s < p_end and e > p_start for s, e in taken):
                continue
            if inside(dateline, m.start("name"), m.end("name")):
                continue  # "NEW DELHI: Their dream ..." is a dateline, not a speaker
            if m.group("name").split()[-1].upper().strip(",") in narrators or "BYLINE" in m.group("name").upper():
                continue
            start, end = _trim(self.text, m.end(), p_end)
            if end <= start:
                continue
            name = m.group("name")
            if name.lower() in _LABELS or _letter_or_place(self.doc, name, m.start("name"), m.end("name")):
                continue
            if self._label_inside_sentences(m.group(0).rstrip()):
                continue  # "Star Wars Jedi: Fallen Order is ...": a title with a subtitle, not a speaker's line
            if p_start >= title_end and self._an_entry(start, end):  # a headline "Poll: …" is kept as one
                continue  # "Anna Ruiz: Possession of heroin, held on $5,000 bond.": a list's entry, not her words
            quote = _Found(start, end, "direct", cue=":")
            quote.speaker_span = (m.start("name"), m.end("name"))
            quote.speaker_name = self.speakers.name(m.start("name"), m.end("name")) if name.upper() != name else name
            found.append(quote)
        return found


_NOBODY = frozenset({"nobody", "none", "neither", "noone"})
# Modals that make a statement one still to come or only possible ("will say", "may argue"); "would" is
# also the past's future ("he would later tell reporters"), so it is left out.
_UNSAID_MODALS = frozenset({"will", "'ll", "shall", "may", "might", "could", "should", "must", "can"})
# Words whose infinitive is a statement expected or wanted, not made ("is expected to announce").
_UNSAID_HEADS = frozenset(
    """expect set due likely schedule plan want hope intend aim seek go try prepare need wish""".split()
)


def _in_statement(verb: Token) -> list[Token]:
    """The "that" clause the parse hung on the statement a verb's words were given in ("said in a statement
    carried by the agency that …", "said in an interview published on Monday that …"): the verb's complement."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_ not in CLAIM_NOUNS | DOCUMENT_NOUNS | {"interview"}:
                continue
            for clause in noun.subtree:
                if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in ("VERB", "AUX") and any(
                        c.lower_ == "that" and c.dep_ == "mark" for c in clause.children):
                    return [clause]
    return []


def _relays_report(clause: Token) -> bool:
    """Whether the clause an "according to X" hangs on is someone's report told in full ("The ministry said the
    talks had failed, according to Tass", "The minister said, according to Interfax, that …"): X carried the
    words, which are the report's own speaker's, not X's."""
    for _ in range(3):
        if _is_reporting(clause) and clause.dep_ == "ROOT" and any(
                c.dep_ in ("nsubj", "nsubjpass") and _wordy(c) and c.lower_ not in _NO_SOURCE for c in clause.children):
            return True
        if clause.dep_ != "ccomp":
            return False
        clause = clause.head
    return False


def _unsaid(verb: Token) -> bool:
    """Whether a reporting verb tells a statement not made: to come, possible, wanted or conditional."""
    if any(c.dep_ == "aux" and c.lower_ in _UNSAID_MODALS for c in verb.children):
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if "have" in auxes and auxes & {"would", "'d"} and verb.tag_ == "VBN":
        return True  # "would then have claimed": what might have been said, not what was
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _UNSAID_HEADS


def _named_example(head: Token) -> Token:
    """The one person a plural speaker is given by ("advocates such as Mannie Witz … said": Witz), else head."""
    if head.tag_ not in ("NNS", "NNPS"):
        return head
    for prep in head.children:
        if prep.dep_ == "prep" and (prep.lower_ in ("like", "including") or prep.lower_ == "as" and any(
                c.lower_ == "such" for c in prep.children)):
            names = [c for c in prep.children if c.dep_ == "pobj"]
            if len(names) == 1 and names[0].ent_type_ == "PERSON" and not any(
                    c.dep_ == "conj" for c in names[0].children):
                return names[0]
    return head


def _announcing(tok: Token) -> bool:
    """A verb before a colon that can announce a speaker ("Caddell continued:"), not a copula ("Here are
    the highlights:", "These were his words:")."""
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_ != "be"


def _set_off(clause: Token, verb: Token) -> bool:
    """Whether a colon or a semicolon stands between a clause before its verb and the verb."""
    if clause.i > verb.i:
        return False
    return any(t.text in (":", ";") for t in verb.doc[clause.i + 1 : verb.i])


def _not_yet(verb: Token) -> bool:
    """A verb negated by an adverb ("she no longer feels", "he has yet to explain"): no statement made."""
    if any(c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children) for c in verb.children):
        return True  # "no longer", "not yet"
    return verb.dep_ == "xcomp" and verb.head.lemma_ in ("have", "be") and any(
        c.lower_ == "yet" and c.dep_ == "advmod" for c in verb.head.children)


def _letter_or_place(doc: Doc, name: str, start: int, end: int) -> bool:
    """Whether a line's label is no one's voice: an interview's "Q"/"A", a letter's "DEAR ABBY", a place
    ("Kuala Lumpur: Malaysian authorities ordered …" is a dateline)."""
    if len(name.rstrip(".")) == 1 or name.split()[0].lower() == "dear":
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and any(ent.label_ in ("GPE", "LOC") and ent.start_char <= start and ent.end_char >= end
                                for ent in ents_within(doc, span.start, span.end)):
        return True
    if name.isupper():
        return False  # "KING:", a speaker's name in capitals (a capitals dateline is layout's)
    found = load_gazetteer().lookup(name)
    return bool(found) and (found[0].population >= _CITY or found[0].feature_code.startswith("PCL"))


def _is_reporting(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_ in REPORTING_VERBS and tok.dep_ != "amod"


# The forms of the commonest reporting verbs, known without the parse (which may not take them for verbs).
_SAYS = frozenset(
    """say says said add adds added ask asks asked tell tells told explain explains explained continue continues
    continued note notes noted recall recalls recalled insist insists insisted reply replies replied write writes
    wrote argue argues argued admit admits admitted warn warns warned""".split()
)
_FRAME_ADVERBS = frozenset({"also", "later", "then", "once", "now", "simply", "recently"})
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "du", "la", "le", "al", "bin", "ben", "el", "di"})


def _says(tok: Token) -> bool:
    return tok.lower_ in _SAYS


def _name_run(tokens: Sequence[Token]) -> list[Token]:
    """The person named at the start of tokens: a personal pronoun, or a run of capitalised words (with a
    particle inside, “Ana de Souza”); empty when the first word is neither."""
    if not tokens:
        return []
    if tokens[0].lower_ in ("he", "she", "they"):
        return [tokens[0]]
    run: list[Token] = []
    for k, tok in enumerate(tokens):
        capital = tok.text[:1].isupper() and any(ch.isalpha() for ch in tok.text) and not _says(tok)
        particle = (run and tok.lower_ in _PARTICLES and k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper())
        if not (capital or particle):
            break
        run.append(tok)
    return run


def _according(tokens: list[Token]) -> Token | None:
    """The source X of an "according to X" among tokens."""
    for tok in tokens:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is not None:
                return next((c for c in to.children if c.dep_ == "pobj"), None)
    return None


def _phrase_head(tok: Token) -> Token:
    """The last token of the proper-name run starting at tok."""
    while tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN" and tok.doc[tok.i + 1].idx == tok.idx + len(tok) + 1:
        tok = tok.doc[tok.i + 1]
    return tok


def _cue(verb: Token) -> str:
    """The reporting verb as written, with its particle ("pointed out")."""
    prt = next((c for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.text} {prt.text}" if prt is not None and prt.i == verb.i + 1 else verb.text


def _trim(text: str, start: int, end: int, also: str = "") -> tuple[int, int]:
    """Span without edge spaces and clause punctuation (and the characters in also at the end)."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-" + also):
        end -= 1
    return start, end


# "called her “Miss Piggy”": a name someone gave, their words, unlike a title in quotation marks.
_NAMING_BEFORE = re.compile(r"\b(?:call(?:s|ed|ing)?|nam(?:e|es|ed|ing)|dubb(?:ed|ing)|label(?:l?ed|l?ing))\b[^.“\"]{0,20}[“\"]?$")
_TITLE_SMALL = frozenset("a an and as at but by for from in into of on or the to with".split())


def _is_title(quoted: str) -> bool:
    """Whether quoted words are a title: two to ten words, each capitalised but the small ones, no sentence."""
    quoted = quoted.strip(" ,")
    words = quoted.split()
    if quoted.endswith(".") and len(words) >= 3 and any(w in _TITLE_SMALL for w in words[1:-1]):
        quoted = quoted[:-1]  # on CNN's “State of the Union.”: the sentence's full stop inside the marks
    if len(words) == 1 and "-" in words[0]:
        words = words[0].split("-")  # “Commander-In-Chief”: one hyphenated name
    if not 2 <= len(words) <= 10 or any(mark in quoted for mark in ".!?;:") or quoted.isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words) and words[0][:1].isupper()


# Forms of "sing": what someone sings (a song's lyrics) is not what they say.
_SUNG = frozenset({"sing", "sings", "sang", "sung", "singing"})
# Parts of speech of the word before a name in a noun phrase: "the set of “Fargo”", "a song like “Glasgow”",
# "the film “Wild Rose”", "Fox's “Empire”".
_BEFORE_A_NAME = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "SCONJ", "NUM"})


def _short_name(quoted: str, doc: Doc, first: int, last: int) -> bool:
    """Whether one to three quoted words are a name in a sentence, the title of a show, a song or a film
    ("from the Chicago set of “Fargo,”", "a song like “Glasgow”", "said “Fargo” was never meant to ..."):
    capitalised like a name, no sentence, and either a proper name the sentence around uses as a noun (its
    subject, object, ...) or after a preposition, an article or a noun; not after a verb or a colon that gives
    words said (he said “Never.”, “Yes,” she replied)."""
    quoted = quoted.strip(" ,")
    if quoted.endswith(".") and len(quoted) > 1 and quoted[-2].isalpha():
        quoted = quoted[:-1]  # their podcast “Beyond Finances.”: the sentence's full stop inside the marks
    words = quoted.split()
    if not 1 <= len(words) <= 3 or any(mark in quoted for mark in ".!?;:") or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words):
        return False
    if len(words) == 1 and doc[first].pos_ in ("INTJ", "ADV", "VERB", "AUX", "PRON"):
        return False  # “Absolutely”, “Never”, “Thanks”: an answer in one word
    inner = [t for t in doc[first : last + 1] if t.text not in _QUOTE_TOKENS and not t.is_punct]
    root = next((t for t in inner if not first <= t.head.i <= last or t.head.i == t.i), None)
    if inner and all(t.pos_ == "PROPN" or t.lower_ in _TITLE_SMALL for t in inner) and root is not None \
            and root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "compound", "poss", "conj"):
        return True  # “Fargo” was never meant to run this long
    i = first - 1
    while i >= 0 and (doc[i].text in _QUOTE_TOKENS or doc[i].is_space):
        i -= 1
    if i < 0:
        return False
    before = doc[i]
    return before.pos_ in _BEFORE_A_NAME or before.tag_ == "POS"


_FREE_RELATIVE = frozenset({"what", "whatever", "how", "where", "when", "why", "which"})
# Verbs of a statement declined ("could not confirm", "would not comment"): said, they are a refusal.
_NO_COMMENT = frozenset("confirm comment say disclose discuss elaborate specify reveal".split())


def _turn_of_phrase(subject: Token, verb: Token) -> bool:
    """"That said, ...", "This being said, ...": a turn of phrase opening a sentence, nobody speaking."""
    if subject.lower_ not in ("that", "this") or verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].text != ",":
        return False
    between = verb.doc[subject.i + 1 : verb.i]
    before = verb.doc[verb.sent.start : subject.i]
    return all(t.lower_ == "being" for t in between) and all(t.pos_ in ("CCONJ", "PUNCT") for t in before)


def _not_a_speaker(doc: Doc, start: int | None, end: int | None) -> bool:
    """Whether the words before the cue cannot be a speaker: evidence, a date, a quantity."""
    if start is None or end is None or end <= start:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if root.lemma_.lower() in NON_SPEAKERS or root.lower_ in NON_SPEAKERS:
        return True
    return root.ent_type_ in ("DATE", "TIME", "QUANTITY", "CARDINAL", "MONEY", "PERCENT")


_SUFFIXES = frozenset("QC KC MP MEP Jr Sr II III IV MBE OBE CBE PhD".split())
_GENERATIONS = frozenset("Jr Sr II III IV".split())
_TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady rev sen rep gov gen col capt lt sgt det insp judge justice
    president prosecutor minister secretary chancellor mayor senator governor""".split()
)


def _fullest_names(article: Article, doc: Doc) -> dict[str, str]:
    """A person named by one word ("Peskov") to the one fuller name the page gives ("Dmitry Peskov"): the
    longest person name ending with that word, when every such name is a form of the same one (not
    "Bill Clinton" and "Hillary Clinton")."""
    names = {e.name for e in article.entities if e.type == "person"}
    names |= {article.text[s:e] for ent in article.entities if ent.type == "person" for s, e in ent.mentions}
    names |= {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    by_last: dict[str, set[str]] = {}
    for name in names:
        # "Ms Orchard" and "Anthony Orchard QC" are both Orchard: titles and letters after the name aside
        words = [w for w in _strip_possessive(name).split() if w.rstrip(".").lower() not in _TITLES]
        key = [w for w in words if w.rstrip(".,") not in _SUFFIXES]
        if len(key) > 1 and all(w[:1].isupper() for w in words):
            by_last.setdefault(key[-1], set()).add(" ".join(words))
    out = {}
    for last, full in by_last.items():
        longest = max(full, key=len)
        # not "Bill Clinton" and "Hillary Clinton", nor "Donald Trump" and "Donald Trump Jr."
        generations = {frozenset(w.rstrip(".") for w in f.split()) & _GENERATIONS for f in full}
        if all(set(f.split()) <= set(longest.split()) for f in full) and len(generations) == 1:
            out[last] = longest
    return out


def find_quotes(article: Article, doc: Doc) -> list[Quote]:
    """Every direct, transcript and indirect quote of the article, in text order."""
    finder = _Finder(article, doc)
    directs = finder.directs()
    spans = finder.speakers.quoted
    transcripts = finder.transcripts(spans)
    indirects = finder.indirects(spans + [(q.start, q.end) for q in transcripts])
    title_end = headline_end(article.text)
    clutter = furniture(article.text)
    ids = {e.name: e.id for e in article.entities}
    people = {e.name for e in article.entities if e.type == "person"}
    fullest = _fullest_names(article, doc)
    dated = datelines(article.text)
    quotes = []
    for q in sorted(directs + transcripts + indirects, key=lambda q: q.start):
        s, e = q.speaker_span or (None, None)
        kind = q.kind
        if s is not None and e is not None and inside(clutter, s, e):
            continue  # a speaker taken from a byline or another story's headline between paragraphs
        if kind == "direct" and (_is_title(article.text[q.start : q.end]) or _short_name(
                article.text[q.start : q.end], doc, finder.token_at(q.start), finder.token_at(q.end - 1))) and not _NAMING_BEFORE.search(
                article.text, max(0, q.start - 30), q.start):
            kind = "title"  # “The Steve Harvey Morning Show”, the set of “Fargo”: a title in quotation marks
        if kind != "direct":  # "However, the Tripoli government could ...": the writer's connective
            for d_start, d_end in dated:
                if d_start <= q.start < d_end < q.end:
                    q.start, q.end = _trim(article.text, d_end, q.end)  # "Hanoi (VNA) – Vietnam …": not the dateline
            connective = _CONNECTIVE.match(article.text, q.start, q.end)
            if connective:
                q.start = connective.end()
        if kind != "direct" and _not_a_speaker(doc, s, e):
            kind = "evidence"  # "Video footage shows ...": what evidence shows, not what someone said
        elif (kind != "direct" or q.cue == ":") and q.start < title_end:
            kind = "headline"  # the headline's clause, told again in the body; "Poll: Clinton and Trump …"
        if kind in ("direct", "indirect") and q.cue is not None and q.cue.split()[0].lower() in _SUNG:
            kind = "sung"  # “Had to find my own way …,” she sings: a song's words, not what the singer says
        speaker = fullest.get(q.speaker_name or "", q.speaker_name)
        if kind == "direct" and speaker in people and _names_itself(article.text[q.start : q.end], speaker):
            s = e = speaker = q.speaker_name = None  # "It could have been easy for Mary Steenburgen to ...": about her, so not hers
        quotes.append(
            Quote(
                text=article.text[q.start : q.end],
                start=q.start,
                end=q.end,
                speaker=speaker,
                speaker_start=s,
                speaker_end=e,
                cue=q.cue,
                kind=kind,
                speaker_id=ids.get(q.speaker_name or ""),
            )
        )
    return quotes


def _names_itself(words: str, speaker: str | None) -> bool:
    """Whether a person's quoted words name that person in full ("Ms Marsh" aside): people speak of others by
    their full names, of themselves with "I", so the speaker found is not the one speaking. (Direct quotes only:
    an indirect one's span may hold its own attribution, "He had, according to Alex Horton, killed …".)"""
    if not speaker or len(speaker.split()) < 2:
        return False
    return re.search(r"(?<!\w)" + re.escape(speaker) + r"(?!\w)", words) is not None


# Declared for the component pipeline (newsgraph.enrich): what it reads and what it replaces.
REQUIRES = ("entities",)
ASSIGNS = ("quotes",)


def enrich(article: Article, doc: Doc) -> None:
    """Fill article.quotes from the parsed text."""
    prof = profile_of(doc)
    if not prof.tuned:
        article.quotes = profiled_quotes.find_quotes(article, doc, prof)
        return
    article.quotes = find_quotes(article, doc)


__all__ = ["enrich", "find_quotes", "direct_spans", "np_span", "subject_of", "REPORTING_VERBS", "INDIRECT_VERBS"]
