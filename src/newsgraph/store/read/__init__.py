"""The read side of the store: lists with filters that combine, counts over time, facets.

Every interface (API, pages, CSV) asks these functions, so a filter means the same thing
everywhere and no SQL leaks out of ``store/``.  One ``Filters`` value selects a set of articles
(``filters.article_where``, the one query builder); lists of actors, places, quotes, citations and
events are the rows belonging to that set.  Tables of later stages (events, reuse) may be missing
from a database; the lists that need them then come back empty, and ``missing`` says why.

| module | reads |
| --- | --- |
| ``filters`` | ``Filters``, ``Page``, ``QueryError``; the conditions every query starts from |
| ``articles`` | the article list, search with snippets, facets, counts per period, an article's links |
| ``actors``, ``places`` | their lists and pages, an actor's timeline, network and places |
| ``facts`` | quotes and cited sources |
| ``events`` | event reports, counts per period and type, the map |
| ``reuse`` | clusters of copies, an article's provenance |

``ReadSide`` is what ``Store`` inherits: one method per read.
"""

from __future__ import annotations

import sqlite3

from newsgraph.store.read import actors, articles, events, facts, places, reuse
from newsgraph.store.read.filters import Filters, Page, QueryError, table_exists

__all__ = ["Filters", "Page", "QueryError", "ReadSide"]


class ReadSide:
    """The Store's read methods for the interfaces; the SQL is in the modules of this package."""

    conn: sqlite3.Connection

    def has_table(self, name: str) -> bool:
        return table_exists(self.conn, name)

    def articles_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return articles.list_articles(self.conn, filters, limit, offset)

    def search_page(self, filters: Filters, limit: int = 20, offset: int = 0) -> Page:
        return articles.search(self.conn, filters, limit, offset)

    def facets(self, filters: Filters) -> dict:
        return articles.facets(self.conn, filters)

    def article_counts(self, filters: Filters, interval: str = "day") -> list[dict]:
        return articles.article_counts(self.conn, filters, interval)

    def article_links(self, article_id: int) -> dict:
        return articles.article_links(self.conn, article_id)

    def article_reuse(self, article_id: int) -> dict:
        return reuse.reuse_links(self, article_id)

    def actors_page(self, filters: Filters, limit: int = 50, offset: int = 0, type_=None, name=None) -> Page:
        return actors.list_actors(self.conn, filters, limit, offset, type_, name)

    def actor(self, actor_id: int) -> dict | None:
        return actors.actor(self.conn, actor_id)

    def actor_timeline(self, actor_id: int, interval: str = "week") -> list[dict]:
        return actors.actor_timeline(self.conn, actor_id, interval)

    def actor_network(self, actor_id: int) -> dict:
        return actors.cooccurring_actors(self.conn, actor_id)

    def actor_places(self, actor_id: int) -> dict:
        return actors.actor_places(self.conn, actor_id)

    def places_page(self, filters: Filters, limit: int = 50, offset: int = 0, name=None) -> Page:
        return places.list_places(self.conn, filters, limit, offset, name)

    def place(self, place_id: int) -> dict | None:
        return places.place(self.conn, place_id)

    def quotes_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return facts.list_quotes(self.conn, filters, limit, offset)

    def citations_page(self, filters: Filters, limit: int = 50, offset: int = 0, source=None) -> Page:
        return facts.list_citations(self.conn, filters, limit, offset, source)

    def events_page(self, filters: Filters, limit: int = 50, offset: int = 0, by_actor: int | None = None) -> Page:
        return events.list_events(self.conn, filters, limit, offset, by_actor)

    def event_counts(self, filters: Filters, interval: str = "week") -> dict:
        return events.event_counts(self.conn, filters, interval)

    def map_points(self, filters: Filters, layer: str = "events") -> dict:
        return events.map_points(self.conn, filters, layer)

    def clusters_page(self, filters: Filters, limit: int = 50, offset: int = 0) -> Page:
        return reuse.list_clusters(self.conn, filters, limit, offset)
