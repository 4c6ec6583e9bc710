"""One Article as the rows of the store's tables: the one mapping from the record to rows.

Pure functions, no I/O. The SQLite writer (``Store._add``, store/facts.py, store/events.py) gives
the shared rows (actors, places) their database ids and inserts them; the Spark job's Parquet
writer (scale/tables.py) gives them stable hashes. So both write the same columns from the same
code, and a fact added to the record is added to both in one place.

Rows name the article's actors and places by key, which each writer turns into its ids:
``actor_key`` (corpus/actors.py: "kb:<id>" for a known actor, "<type>:<name>" otherwise) and
``place_key`` ("geonames:<id>", else the name and country).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TypedDict

from newsgraph.corpus.actors import actor_key
from newsgraph.corpus.events import modality
from newsgraph.record import Article, Place


def place_key(place: Place) -> str:
    """GeoNames features by geonameid, unresolved places by name and country."""
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    return f"name:{place.name}\n{place.country or ''}"


def event_place(place: dict[str, Any]) -> Place:
    """The Place an event's place (a dict in the record) stands for."""
    return Place(place["name"], place.get("geonameid"), place.get("country"), place.get("admin1"),
                 place.get("lat"), place.get("lon"), place.get("feature"))


def text_key(actor: dict[str, Any]) -> str:
    """What an event's actor that is none of the article's actors merges by: the words naming it."""
    words = " ".join((actor.get("text") or "").lower().split())
    return f"text:{actor.get('country') or ''}:{words}"


# -- the rows, by table: dicts by column name (store/schema.py's names) ---------------------


class ArticleRow(TypedDict):
    title: str | None
    text: str
    url: str | None
    canonical_url: str | None
    site_name: str | None
    author: str | None
    published: str | None
    language: str | None
    word_count: int
    paragraph_offsets: str  # JSON [[start, end], ...]
    content_hash: str
    extraction_method: str
    origin: str
    fetched_at: str | None


class RelatedPostRow(TypedDict):
    position: int
    title: str
    snippet: str
    url: str | None


class OutlinkRow(TypedDict):
    position: int
    url: str


class ActorRow(TypedDict):
    """The shared row of an actor (one per key across articles), with the names it goes by here."""

    key: str
    name: str
    type: str
    country: str | None
    sector: str | None
    kb_id: str | None
    aliases: list[str]


class ArticleActorRow(TypedDict):
    actor: str  # the actor's key
    position: int
    role: str | None
    aliases: str  # JSON list
    mentions: int
    confidence: float | None


class ActorMentionRow(TypedDict):
    actor: str  # the actor's key
    start_offset: int
    end_offset: int
    text: str


class PlaceRow(TypedDict):
    """The shared row of a place (one per key across articles)."""

    key: str
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    feature: str | None


class PlaceMentionRow(TypedDict):
    place: str  # the place's key
    position: int
    start_offset: int
    end_offset: int
    text: str
    confidence: float | None


class QuoteRow(TypedDict):
    position: int
    text: str
    start_offset: int
    end_offset: int
    speaker: str | None
    speaker_actor: str | None  # the speaker's actor key
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    kind: str
    confidence: float | None


class CitationRow(TypedDict):
    position: int
    source: str
    source_actor: str | None  # the source's actor key
    cue: str
    start_offset: int
    end_offset: int
    confidence: float | None


class EventReportRow(TypedDict):
    """One sentence reporting an event. "actor1"/"actor2" are actor keys (None: no actor of the article),
    "actor1_text_key"/"actor2_text_key" what an unknown actor merges by, "place" a place key."""

    position: int
    type: str
    mode: str | None
    cameo_root: str | None
    actor1: str | None
    actor1_text_key: str | None
    actor2: str | None
    actor2_text_key: str | None
    place: str | None
    place_country: str | None
    place_precision: str | None
    start_offset: int
    end_offset: int
    trigger_start: int | None
    trigger_end: int | None
    status: str
    modality: str
    confidence: float | None
    text: str
    actor1_json: str | None
    actor2_json: str | None
    place_json: str | None
    date: str | None
    date_precision: str | None


class ArticleToneRow(TypedDict):
    """The article's GDELT GKG-style tone (record.Tone): shares of its words, in percent."""

    tone: float
    positive: float
    negative: float
    polarity: float
    activity: float
    self_group: float
    words: int


class SentenceToneRow(TypedDict):
    start_offset: int
    end_offset: int
    tone: float
    positive: float
    negative: float
    words: int


class ActorToneRow(TypedDict):
    actor: str  # the actor's key
    tone: float
    positive: float
    negative: float
    sentences: int
    words: int


class ArticleThemeRow(TypedDict):
    """A theme of the article (enrich/themes.py) with its evidence spans."""

    theme: str
    confidence: float
    support: float
    headline: bool
    evidence: str  # JSON [[start, end], ...]


@dataclass
class Rows:
    """Every table's rows for one article."""

    article: ArticleRow
    related_posts: list[RelatedPostRow] = field(default_factory=list)
    outlinks: list[OutlinkRow] = field(default_factory=list)
    actors: dict[str, ActorRow] = field(default_factory=dict)  # actor key -> the shared actor row
    article_actors: list[ArticleActorRow] = field(default_factory=list)
    actor_mentions: list[ActorMentionRow] = field(default_factory=list)
    places: dict[str, PlaceRow] = field(default_factory=dict)  # place key -> the shared place row
    place_mentions: list[PlaceMentionRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    citations: list[CitationRow] = field(default_factory=list)
    event_reports: list[EventReportRow] = field(default_factory=list)  # one per sentence reporting an event
    tone: ArticleToneRow | None = None
    sentence_tones: list[SentenceToneRow] = field(default_factory=list)
    actor_tones: list[ActorToneRow] = field(default_factory=list)  # one per actor key
    themes: list[ArticleThemeRow] = field(default_factory=list)


def article_rows(article: Article, origin: str) -> Rows:
    """The rows of one article. Ids are the writer's: rows refer to actors and places by key."""
    text = article.text
    rows = Rows(article={
        "title": article.title, "text": text, "url": article.url, "canonical_url": article.canonical_url,
        "site_name": article.site_name, "author": article.author, "published": article.published,
        "language": article.language, "word_count": len(text.split()),
        "paragraph_offsets": json.dumps([[p.start, p.end] for p in article.paragraphs]),
        "content_hash": article.content_hash, "extraction_method": article.extraction_method,
        "origin": origin, "fetched_at": article.fetched_at,
    })
    rows.related_posts = [{"position": i, "title": r.title, "snippet": r.snippet, "url": r.url}
                          for i, r in enumerate(article.related)]
    rows.outlinks = [{"position": i, "url": url} for i, url in enumerate(article.outlinks)]
    keys: dict[str, str] = {}  # entity name -> actor key
    id_keys: dict[str, str] = {}  # entity id -> actor key
    for position, entity in enumerate(article.entities):
        key = keys[entity.name] = actor_key(entity)
        if entity.id:
            id_keys[entity.id] = key
        rows.actors.setdefault(key, {"key": key, "name": entity.name, "type": entity.type, "country": entity.country,
                                     "sector": entity.sector, "kb_id": entity.kb_id, "aliases": list(entity.aliases)})
        rows.article_actors.append({
            "actor": key, "position": position, "role": entity.role,
            "aliases": json.dumps(entity.aliases, ensure_ascii=False), "mentions": len(entity.mentions),
            "confidence": _float(entity.confidence)})
        rows.actor_mentions += [{"actor": key, "start_offset": s, "end_offset": e, "text": text[s:e]}
                                for s, e in entity.mentions]
    for position, place in enumerate(article.places):
        key = _add_place(rows, place)
        rows.place_mentions += [{"place": key, "position": position, "start_offset": s, "end_offset": e,
                                 "text": text[s:e], "confidence": _float(place.confidence)}
                                for s, e in place.mentions]
    rows.quotes = [
        {"position": i, "text": q.text, "start_offset": q.start, "end_offset": q.end, "speaker": q.speaker,
         "speaker_actor": keys.get(q.speaker or ""), "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
         "cue": q.cue, "kind": q.kind, "confidence": _float(q.confidence)}
        for i, q in enumerate(article.quotes)
    ]
    rows.citations = [
        {"position": i, "source": c.source, "source_actor": keys.get(c.source), "cue": c.cue,
         "start_offset": c.start, "end_offset": c.end, "confidence": _float(c.confidence)}
        for i, c in enumerate(article.citations)
    ]
    for position, event in enumerate(article.events):
        actor1, actor1_text_key = _event_actor(keys, event.actor1)
        actor2, actor2_text_key = _event_actor(keys, event.actor2)
        where = event.place or {}
        rows.event_reports.append({
            "position": position, "type": event.type, "mode": event.mode, "cameo_root": event.cameo_root,
            "actor1": actor1, "actor1_text_key": actor1_text_key, "actor2": actor2, "actor2_text_key": actor2_text_key,
            "place": _add_place(rows, event_place(event.place)) if event.place else None,
            "place_country": where.get("country"), "place_precision": where.get("precision"),
            "start_offset": event.start, "end_offset": event.end,
            "trigger_start": event.trigger[0] if event.trigger else None,
            "trigger_end": event.trigger[1] if event.trigger else None,
            "status": event.status, "modality": modality(event.status), "confidence": _float(event.confidence),
            "text": text[event.start:event.end], "actor1_json": _json(event.actor1),
            "actor2_json": _json(event.actor2), "place_json": _json(event.place),
            "date": event.date, "date_precision": event.date_precision,
        })
    _tone_rows(rows, article, id_keys)
    rows.themes = [{"theme": t.theme, "confidence": float(t.confidence), "support": float(t.support),
                    "headline": bool(t.headline), "evidence": json.dumps(t.evidence)} for t in article.themes]
    return rows


def _tone_rows(rows: Rows, article: Article, id_keys: dict[str, str]) -> None:
    if article.tone is not None:
        t = article.tone
        rows.tone = {"tone": t.tone, "positive": t.positive, "negative": t.negative, "polarity": t.polarity,
                     "activity": t.activity, "self_group": t.self_group, "words": t.words}
    rows.sentence_tones = [{"start_offset": s.start, "end_offset": s.end, "tone": s.tone, "positive": s.positive,
                            "negative": s.negative, "words": s.words} for s in article.sentence_tones]
    by_key: dict[str, ActorToneRow] = {}  # two entities of one actor key: the first (the most mentioned) counts
    for a in article.actor_tones:
        key = id_keys.get(a.actor_id)
        if key is not None and key not in by_key:
            by_key[key] = {"actor": key, "tone": a.tone, "positive": a.positive, "negative": a.negative,
                           "sentences": a.sentences, "words": a.words}
    rows.actor_tones = list(by_key.values())


def _event_actor(keys: dict[str, str], actor: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """An event's actor as a report names it: its actor key when it is one of the article's actors,
    else (None and) the words it merges by."""
    known = keys.get(actor.get("name") or "") if actor else None
    return known, text_key(actor) if actor and known is None else None


def merge_key(actor_id: int | None, text_key: str | None) -> str | None:
    """What reports must share to be one event on this side: the actor's id, else the words."""
    return f"actor:{actor_id}" if actor_id is not None else text_key


def _add_place(rows: Rows, place: Place) -> str:
    key = place_key(place)
    rows.places.setdefault(key, {"key": key, "geonameid": place.geonameid, "name": place.name,
                                 "country": place.country, "admin1": place.admin1, "latitude": _float(place.lat),
                                 "longitude": _float(place.lon), "feature": place.feature})
    return key


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)
