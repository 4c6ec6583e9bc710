"""The record that flows through the pipeline: an Article and its parts.

The Article owns its text; every fact about it (paragraph, mention, quote,
event, ...) is a span of character offsets into ``Article.text``, so any fact
can be shown next to the sentence that states it.  Everything serialises to
plain JSON (see docs/record.md) and reads back unchanged.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S(?:.*\S)?)*")

Span = list[int]  # [start, end), character offsets into Article.text


@dataclass
class Paragraph:
    start: int
    end: int


@dataclass
class RelatedPost:
    """A teaser of another post ("Popular posts", "Read more"): kept apart from the body."""

    title: str
    snippet: str = ""
    url: str | None = None


@dataclass
class Entity:
    """An actor: one identity however the text names it ("Islamic State", "IS", "the terror group")."""

    name: str  # canonical name
    type: str  # person, organization, country, armed_group, igo, media, ... (docs/record.md)
    aliases: list[str] = field(default_factory=list)  # other names used for it in this text
    role: str | None = None  # "US State Department spokesman"
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-2 of the country it belongs to, if known
    sector: str | None = None  # government, military, police, rebel, igo, media, civilian, business, ...
    kb_id: str | None = None  # id in newsgraph's actor knowledge base, when it is a known actor
    confidence: float | None = None  # estimated probability that the fact is right (newsgraph.confidence)
    id: str | None = None  # "e1", "e2", ...: how the article's other facts refer to this actor


@dataclass
class Place:
    name: str
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    mentions: list[Span] = field(default_factory=list)
    confidence: float | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    kind: str = "direct"
    confidence: float | None = None
    speaker_id: str | None = None  # the speaker's Entity.id, when the speaker is one of the actors


@dataclass
class Citation:
    source: str
    cue: str
    start: int
    end: int
    confidence: float | None = None
    source_id: str | None = None  # the source's Entity.id, when the source is one of the actors


@dataclass
class Event:
    type: str
    start: int
    end: int
    mode: str | None = None
    cameo_root: str | None = None
    actor1: dict[str, Any] | None = None
    actor2: dict[str, Any] | None = None
    place: dict[str, Any] | None = None
    date: str | None = None
    date_precision: str | None = None
    status: str = "asserted"
    trigger: Span | None = None
    confidence: float | None = None


@dataclass
class Tone:
    """GDELT GKG's V1.5 TONE of a text (enrich/tone.py, docs/tone.md): shares of its words, in percent."""

    tone: float  # positive - negative: -100 (all negative) to +100 (all positive)
    positive: float  # words of positive valence
    negative: float  # words of negative valence
    polarity: float  # positive + negative: how emotive the text is
    activity: float  # verbs (GDELT's activity reference density)
    self_group: float  # personal pronouns (GDELT's self/group reference density)
    words: int  # word count


@dataclass
class SentenceTone:
    """The tone of one sentence, text[start:end]."""

    start: int
    end: int
    tone: float
    positive: float
    negative: float
    words: int


@dataclass
class ActorTone:
    """The tone of the sentences that mention one actor (by any name), pooled."""

    actor_id: str  # the actor's Entity.id
    tone: float
    positive: float
    negative: float
    sentences: int
    words: int


@dataclass
class ArticleTheme:
    """A theme of the article (enrich/themes.py, docs/themes.md) with the spans that support it."""

    theme: str  # an id of docs/themes.md's taxonomy, e.g. "ARMED_CONFLICT"
    confidence: float  # from its support: 0.5 at the threshold that keeps it
    support: float  # the weighted hits of its terms (enrich/themes.py)
    evidence: list[Span] = field(default_factory=list)  # its strongest hits, offsets into Article.text
    headline: bool = False  # whether the title supports it too


_PARTS = {
    "paragraphs": Paragraph,
    "related": RelatedPost,
    "entities": Entity,
    "places": Place,
    "quotes": Quote,
    "citations": Citation,
    "events": Event,
    "sentence_tones": SentenceTone,
    "actor_tones": ActorTone,
    "themes": ArticleTheme,
}


def text_hash(text: str) -> str:
    """Hash of the normalised text: the same article re-extracted hashes the same."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Article:
    text: str
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date (or datetime) as the page states it
    language: str | None = None  # ISO 639-1
    outlinks: list[str] = field(default_factory=list)
    related: list[RelatedPost] = field(default_factory=list)
    content_hash: str = ""
    extraction_method: str = ""  # "trafilatura", "readability", "textdump", "plain"
    fetched_at: str | None = None
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    tone: Tone | None = None  # the whole text's (enrich/tone.py)
    sentence_tones: list[SentenceTone] = field(default_factory=list)
    actor_tones: list[ActorTone] = field(default_factory=list)
    themes: list[ArticleTheme] = field(default_factory=list)  # enrich/themes.py
    # content_hash of the article whose facts this copy took through the alignment instead of a parse
    # (newsgraph.corpus.reuse.transfer); None when it was enriched itself
    facts_from: str | None = None

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = text_hash(self.text)

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        data = {"schema_version": SCHEMA_VERSION}
        data.update(_plain(self))
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        for name, part in _PARTS.items():
            kwargs[name] = [part(**item) for item in kwargs.get(name) or []]
        if kwargs.get("tone"):
            kwargs["tone"] = Tone(**kwargs["tone"])
        return cls(**kwargs)

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(json.loads(text))

    @staticmethod
    def paragraph_spans(text: str) -> list[Paragraph]:
        """Paragraphs of a text as given: runs of non-blank lines, offsets into the text."""
        return [Paragraph(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str], **meta: Any) -> Article:
        """Join paragraphs with blank lines and record each one's offsets."""
        parts: list[str] = []
        spans: list[Paragraph] = []
        pos = 0
        for para in paragraphs:
            para = para.strip()
            if not para:
                continue
            if parts:
                parts.append("\n\n")
                pos += 2
            spans.append(Paragraph(pos, pos + len(para)))
            parts.append(para)
            pos += len(para)
        return cls(text="".join(parts), paragraphs=spans, **meta)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` for the record's values: fresh dicts and lists down to the leaves, which are
    immutable (str, numbers, None) and so are not deep-copied (asdict's copies were half the cost of a
    record's JSON: 2.0 -> 1.0 ms an article; Spark writes one per article, `documents`)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and hasattr(kind, "__dataclass_fields__"):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return kind(_plain(item) for item in value)
    if isinstance(value, dict):
        return kind((_plain(key), _plain(item)) for key, item in value.items())
    return deepcopy(value)
