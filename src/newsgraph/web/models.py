"""Response models of the events routes (and an actor's tone), for the OpenAPI document.

The routes return ``JSONResponse`` themselves (the store gives plain JSON values, and FastAPI's
encoder would walk each of them again), so these models describe the answers without validating
them on every request; ``tests/test_web_events.py`` checks that real answers fit them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class EventRow(_Open):
    """One distinct event, merged across the articles that report it."""

    id: int
    type: str = Field(description="PLOVER event type")
    mode: str | None = Field(None, description="PLOVER mode")
    cameo_root: str | None = None
    modality: str = Field(description="happened, negated or hypothetical")
    confidence: float | None = Field(None, description="the best confidence of its reports")
    date: str | None = Field(None, description="as the text states it (a day, a month, a year), else the day of its first report")
    date_stated: str | None = Field(None, description="the date the text gives, if any")
    date_precision: str | None = None
    date_from_report: bool = Field(description="date is the first report's publication day (the text gives none)")
    actor1_id: int | None = Field(None, description="the source, when it is a known actor")
    actor1_name: str | None = None
    actor1_text: str | None = Field(None, description="the words of the first report for the source")
    actor2_id: int | None = Field(None, description="the target, when it is a known actor")
    actor2_name: str | None = None
    actor2_text: str | None = None
    place_id: int | None = None
    place_name: str | None = None
    place_country: str | None = None
    place_area: str = Field(description="point, admin1 or country: what the place stands for")
    latitude: float | None = None
    longitude: float | None = None
    reports: int = Field(description="sentences reporting it")
    articles: int = Field(description="articles reporting it")
    sources: int = Field(description="independent sources: reporting articles that are not copies of one another")
    sentence: str | None = Field(None, description="the first report's sentence")
    article_id: int | None = Field(None, description="the first report's article")
    report_id: int | None = None


class EventPage(_Open):
    total: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[EventRow]
    note: str | None = None


class EventReport(_Open):
    """A sentence of an article that reports the event, as that article states it."""

    report_id: int
    article_id: int
    article_title: str | None
    url: str | None
    site_name: str | None
    published: str | None
    sentence: str
    trigger: list[int] | None = Field(description="the trigger word's offsets in the sentence")
    status: str = Field(description="asserted, reported, negated or hypothetical")
    confidence: float | None
    copy_of: int | None = Field(description="the report of the earliest copy of the same text, if this is a copy")


class EventSourceGroup(_Open):
    cluster_id: int | None
    first: int = Field(description="report id of the earliest article of the group")
    copies: list[int]


class EventDetailModel(_Open):
    event: EventRow
    reports: list[EventReport]
    groups: list[EventSourceGroup]
    articles: int
    sources: int


class PeriodCountsModel(_Open):
    period: str
    counts: dict[str, int]


class EventCountsModel(_Open):
    interval: str
    types: list[str]
    series: list[PeriodCountsModel]
    total: int
    undated: int = Field(description="events with no date and no dated report: not on the time axis")
    coarse: int = Field(description="events dated only to a month or a year: not on the time axis")
    note: str | None = None


class MapPoint(_Open):
    id: int
    name: str
    country: str | None
    latitude: float
    longitude: float
    count: int
    types: list[str]
    area: str | None = Field(None, description="point, admin1 or country: what the place stands for")
    by_type: dict[str, int] | None = None


class MapPointsModel(_Open):
    layer: str
    points: list[MapPoint]
    total: int | None = Field(None, description="events selected")
    unplaced: int | None = Field(None, description="of them, without a place on the map")
    note: str | None = None


class TonePoint(_Open):
    """An actor's tone in one period: the sentences of that period's articles that name it, pooled."""

    period: str
    tone: float = Field(description="% positive words - % negative words (GDELT's tone, -100 to +100)")
    positive: float = Field(description="% of the words that are positive")
    negative: float = Field(description="% of the words that are negative")
    articles: int
    sentences: int = Field(description="sentences naming the actor")
    words: int


class ToneSeriesModel(_Open):
    interval: str
    series: list[TonePoint]
