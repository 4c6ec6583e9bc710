"""The articles a process enriched last, indexed by band keys: the sources of copies where there is no store.

A Spark task has no database to ask which earlier article a text copies; each Python worker
process keeps the last `limit` articles it enriched (text, facts, band keys) and is asked before
a parse (`newsgraph.pipeline.analyze_pages`' `find_source`; it is told of each enriched article
through `remember`). A copy whose source went through the same process, not too long before,
takes the source's facts (newsgraph.corpus.reuse.transfer); any other is parsed as before.
Pure, in memory; the oldest article is forgotten first.
"""

from __future__ import annotations

from collections import OrderedDict

from newsgraph.corpus.reuse import MAX_BUCKET, candidates
from newsgraph.corpus.reuse.align import Alignment, align
from newsgraph.corpus.reuse.minhash import band_keys
from newsgraph.corpus.reuse.transfer import MIN_SHARE
from newsgraph.record import Article

LIMIT = 2_000  # articles remembered per process (~20 KB each with their facts: ~40 MB)


class RecentSources:
    def __init__(self, limit: int = LIMIT, min_share: float = MIN_SHARE):
        self.limit, self.min_share = limit, min_share
        self._articles: OrderedDict[int, tuple[Article, list[tuple[int, int]]]] = OrderedDict()
        self._postings: dict[tuple[int, int], list[int]] = {}
        self._next = 0
        self.found = 0  # lookups that gave a source

    def __call__(self, article: Article) -> tuple[Article, Alignment] | None:
        shared: dict[int, int] = {}
        for key in band_keys(article.text):
            postings = self._postings.get(key, ())
            if len(postings) <= MAX_BUCKET:
                for n in postings:
                    shared[n] = shared.get(n, 0) + 1
        best: tuple[Article, Alignment] | None = None
        for n in candidates(shared):
            source = self._articles[n][0]
            found = align(article.text, source.text)
            if found.share_a >= self.min_share and (best is None or found.share_a > best[1].share_a):
                best = (source, found)
        self.found += best is not None
        return best

    def remember(self, article: Article) -> None:
        keys = band_keys(article.text)
        number, self._next = self._next, self._next + 1
        self._articles[number] = (article, keys)
        for key in keys:
            self._postings.setdefault(key, []).append(number)
        while len(self._articles) > self.limit:
            old, (_, old_keys) = self._articles.popitem(last=False)
            for key in old_keys:
                postings = self._postings[key]
                postings.remove(old)
                if not postings:
                    del self._postings[key]
