"""The read side of the store: lists with filters that combine, counts over time, facets.

Every interface (API, pages, CSV) asks these functions, so a filter means the same thing
everywhere and no SQL leaks out of ``store/``.  One ``Filters`` value selects a set of articles
(``filters.article_where``, the one query builder); lists of actors, places, quotes, citations and
events are the rows belonging to that set.  Tables of later stages (events, reuse) may be missing
from a database; the lists that need them then come back empty, and ``missing`` says why.

| module | reads |
| --- | --- |
| ``filters`` | ``Filters``, ``Page``, ``QueryError``; the conditions every query starts from |
| ``articles`` | the article list, search with snippets, facets, counts per period, themes (and over time), an article's links |
| ``actors``, ``places`` | their lists and pages, an actor's timeline, network and places |
| ``tone`` | an actor's tone, over all its articles and per period |
| ``facts`` | quotes and cited sources |
| ``events`` | distinct events (the table, one event with its reports), reports, counts per period and type, the map |
| ``reuse`` | clusters of copies, an article's provenance |
| ``exports`` | what the exports stream: selected events with their reports, the rows of each fact table |
| ``connection`` | the read-only connection of a server and the time limit of a query |
| ``totals`` | totals remembered until the database changes, shared by a server's connections |

``ReadSide`` is what ``Store`` inherits: each method is one read, run under the store's time limit
when it has one (a server's store: ``Store.open_read_only``).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from newsgraph.store.read import actors, articles, events, exports, facts, places, reuse, tone
from newsgraph.store.read.connection import (
    QUERY_TIME_LIMIT,
    DatabaseMissing,
    NotADatabase,
    QueryTimeout,
    SchemaTooOld,
    StoreUnavailable,
    TimeLimit,
    open_read_only,
)
from newsgraph.store.read.filters import Filters, Page, QueryError, check_fts_syntax, table_exists
from newsgraph.store.read.totals import Counter, Totals

if TYPE_CHECKING:  # newsgraph.store imports this package
    from newsgraph.store.reuse import Reuse

__all__ = [
    "QUERY_TIME_LIMIT", "DatabaseMissing", "Filters", "NotADatabase", "Page", "QueryError", "QueryTimeout",
    "ReadSide", "SchemaTooOld", "StoreUnavailable", "TimeLimit", "Totals", "bounded", "open_read_only",
]

R = TypeVar("R", bound="ReadSide")
P = ParamSpec("P")
T = TypeVar("T")


def bounded(method: Callable[Concatenate[R, P], T]) -> Callable[Concatenate[R, P], T]:
    """The method is one read: it runs under the store's time limit, if it has one."""

    @functools.wraps(method)
    def read(self: R, /, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.time_limited():
            return method(self, *args, **kwargs)

    return read


class ReadSide:
    """The Store's read methods for the interfaces; the SQL is in the modules of this package."""

    conn: sqlite3.Connection
    time_limit: TimeLimit | None = None
    _counter: Counter | None = None

    def share_totals(self, totals: Totals) -> None:
        """Remember totals (of the events table, the map) in `totals`, shared with the other stores of
        this process on the same database (a server's threads), rather than in this store's own."""
        self._counter = Counter(totals)

    def counter(self) -> Counter:
        """This store's connection's way to the totals it remembers (see ``totals``)."""
        if self._counter is None:
            self._counter = Counter()
        return self._counter

    def time_limited(self) -> AbstractContextManager[None]:
        """One read under the time limit (raising QueryTimeout when it runs over), or as it is without one."""
        return self.time_limit() if self.time_limit else nullcontext()

    @bounded
    def has_table(self, name: str) -> bool:
        return table_exists(self.conn, name)

    @bounded
    def articles_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return articles.list_articles(self.conn, filters, limit, offset)

    @bounded
    def check_search(self, query: str) -> None:
        """QueryError when FTS5 cannot read the query as written (search_page would read its plain words)."""
        check_fts_syntax(self.conn, query)

    @bounded
    def search_page(self, filters: Filters, limit: int = 20, offset: int = 0) -> Page:
        return articles.search(self.conn, filters, limit, offset)

    @bounded
    def facets(self, filters: Filters, size: int = 10, more: str | None = None) -> dict[str, list[dict[str, Any]]]:
        return articles.facets(self.conn, filters, size, more)

    @bounded
    def article_counts(self, filters: Filters, interval: str = "day") -> list[dict[str, Any]]:
        return articles.article_counts(self.conn, filters, interval)

    @bounded
    def themes(self, filters: Filters) -> list[dict[str, Any]]:
        return articles.themes(self.conn, filters)

    @bounded
    def theme_counts(self, filters: Filters, interval: str = "month", top: int = 8,
                     themes: list[str] | None = None) -> dict[str, Any]:
        return articles.theme_counts(self.conn, filters, interval, top, themes)

    @bounded
    def article_links(self, article_id: int) -> articles.ArticleLinks:
        return articles.article_links(self.conn, article_id)

    @bounded
    def article_reuse(self, article_id: int) -> Reuse | reuse.NoReuse:
        return reuse.reuse_links(self, article_id)

    @bounded
    def actors_page(self, filters: Filters, limit: int = 50, offset: int = 0, type_: str | None = None,
                    name: str | None = None) -> Page:
        return actors.list_actors(self.conn, filters, limit, offset, type_, name)

    @bounded
    def actor(self, actor_id: int) -> dict[str, Any] | None:
        return actors.actor(self.conn, actor_id)

    @bounded
    def actor_timeline(self, actor_id: int, interval: str = "week") -> list[dict[str, Any]]:
        return actors.actor_timeline(self.conn, actor_id, interval)

    @bounded
    def actor_tone_timeline(self, actor_id: int, interval: str = "week") -> list[dict[str, Any]]:
        return tone.actor_tone_timeline(self.conn, actor_id, interval)

    @bounded
    def actor_network(self, actor_id: int) -> actors.Network:
        return actors.cooccurring_actors(self.conn, actor_id)

    @bounded
    def actor_places(self, actor_id: int) -> actors.ActorPlaces:
        return actors.actor_places(self.conn, actor_id)

    @bounded
    def places_page(self, filters: Filters, limit: int = 50, offset: int = 0, name: str | None = None) -> Page:
        return places.list_places(self.conn, filters, limit, offset, name)

    @bounded
    def place(self, place_id: int) -> dict[str, Any] | None:
        return places.place(self.conn, place_id)

    @bounded
    def quotes_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return facts.list_quotes(self.conn, filters, limit, offset)

    @bounded
    def citations_page(self, filters: Filters, limit: int = 50, offset: int = 0, source: str | None = None) -> Page:
        return facts.list_citations(self.conn, filters, limit, offset, source)

    @bounded
    def events_page(self, filters: Filters, limit: int = 50, offset: int = 0, sort: str = "date",
                    descending: bool = True) -> Page:
        return events.list_events(self.conn, filters, limit, offset, sort, descending, self.counter())

    @bounded
    def hidden_events(self, filters: Filters) -> int:
        return events.count_hidden_events(self.conn, filters, self.counter())

    @bounded
    def event(self, event_id: int) -> events.EventDetail | None:
        return events.event(self.conn, event_id)

    @bounded
    def event_reports_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return events.list_reports(self.conn, filters, limit, offset)

    @bounded
    def article_event_reports(self, article_id: int) -> list[dict[str, Any]]:
        return events.article_reports(self.conn, article_id)

    @bounded
    def event_types(self) -> list[str]:
        return events.event_types(self.conn)

    @bounded
    def filter_labels(self, filters: Filters) -> dict[str, str]:
        """Names for the filters that are ids (actor, speaker, place), for a page to show."""
        out = {}
        for name in ("actor", "speaker"):
            value = getattr(filters, name)
            label = actors.actor_name(self.conn, value) if value is not None else None
            if label:
                out[name] = label
        if filters.place is not None:
            label = places.place_name(self.conn, filters.place)
            if label:
                out["place"] = label
        return out

    @bounded
    def event_counts(self, filters: Filters, interval: str = "week") -> events.EventCounts:
        return events.event_counts(self.conn, filters, interval)

    @bounded
    def map_points(self, filters: Filters, layer: str = "events") -> events.MapPoints:
        return events.map_points(self.conn, filters, layer, counts=self.counter())

    @bounded
    def clusters_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return reuse.list_clusters(self.conn, filters, limit, offset)

    # -- what the exports stream (generators: not bounded by the time limit of one read) ------

    def export_events(self, filters: Filters) -> Iterator[dict[str, Any]]:
        """The distinct events the filters select (filters.event_where), each with every report."""
        return exports.events(self.conn, filters)

    def export_rows(self, table: str, filters: Filters) -> Iterator[dict[str, Any]]:
        """One flat dict per row of a fact table (exports.TABLES) for the filters."""
        return exports.fact_rows(self.conn, table, filters)

    def export_article_ids(self, filters: Filters) -> Iterator[int]:
        """The ids of the articles the filters select, in id order."""
        return exports.article_ids(self.conn, filters)
