"""Provenance tables: LSH band keys, copied pairs with their passages, clusters, classes.

Called by `Store.add_batch` inside the batch's transaction, so a kill never
leaves half a cluster.  For each new article: its band keys are looked up in
`reuse_band_keys` (one index seek per key: the cost does not grow with the
corpus beyond the index depth), the few articles sharing at least MIN_SHARED_KEYS
keys are aligned with it (newsgraph.corpus.reuse: the parameters and decisions the Spark job
shares), pairs with a copied passage go
to `copies` (oriented from the later article to the earlier), the classes of both
ends are recomputed from all their sources, and the clusters they belong to are
merged (the smaller into the larger) with the earliest source kept up to date.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import Any, TypedDict

from newsgraph.record import Article
from newsgraph.corpus.reuse import (
    MAX_BUCKET, Alignment, Dated, Passage, align, article_class, band_keys, candidates, copy_link, earliest_two,
    evidence, flip, source_and_copy,
)
from newsgraph.corpus.reuse.shingles import Words, words
from newsgraph.store.cursor import inserted_id

MIN_COVER = 0.8  # share of a span a passage must cover for copies_reporting

# -- what the reads return ----------------------------------------------------------------

# An article as the provenance reads name it ("class": None when the stage has not classified it).
Described = TypedDict("Described", {
    "id": int, "title": str | None, "url": str | None, "site": str | None, "published": str | None, "class": str | None,
})


class Linked(Described):
    """One source or copy of an article: `share` is of this article's words, passages [this, other]."""

    share: float
    share_of_other: float
    passages: list[Passage]


class Earliest(Described):
    evidence: dict[str, Any]  # why it is taken as the source of its cluster (corpus.reuse.evidence)


class Cluster(TypedDict):
    id: int
    size: int
    classes: dict[str, int]  # class -> how many of its articles
    earliest: Earliest


# An article's provenance: its class, share copied, sources, copies and cluster.
Reuse = TypedDict("Reuse", {
    "class": str, "share_copied": float, "sources": list[Linked], "copies": list[Linked], "cluster": Cluster | None,
})


class CopiedSource(Described):
    copies: int
    full_copies: int
    partial_copies: int
    quoted: int


class Reporting(Described):
    """Another article carrying a span of this one: the span mapped into it, found `via` which article."""

    start: int
    end: int
    exact: bool  # the mapped span holds the same characters (else it is interpolated)
    via: int


# -- writing ------------------------------------------------------------------------------


def link_copies(conn: sqlite3.Connection, articles: Iterable[tuple[int, Article]]) -> None:
    """Index new articles and link them to every stored article they share passages with."""
    for article_id, article in articles:
        _link(conn, article_id, article.text, Dated(article_id, article.published, article.fetched_at))


def link_unindexed(conn: sqlite3.Connection, batch_size: int = 500) -> int:
    """Link articles stored before this stage existed (no `article_reuse` row), oldest first; how many."""
    done = 0
    while True:
        rows = conn.execute(
            "SELECT a.id, a.text, a.published, a.fetched_at FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM article_reuse r WHERE r.article_id = a.id) ORDER BY a.id LIMIT ?",
            (batch_size,),
        ).fetchall()
        if not rows:
            return done
        with conn:
            for article_id, text, published, fetched_at in rows:
                _link(conn, article_id, text, Dated(article_id, published, fetched_at))
        done += len(rows)


def _link(conn: sqlite3.Connection, article_id: int, text: str, dated: Dated) -> None:
    tokens = words(text)
    keys = band_keys(text, tokens=tokens)
    partners: list[tuple[Dated, Words, Alignment]] = []
    for other_id in _candidates(conn, article_id, keys):
        row = conn.execute("SELECT text, published, fetched_at FROM articles WHERE id = ?", (other_id,)).fetchone()
        other_tokens = words(row[0])
        found = align(text, row[0], words_a=tokens, words_b=other_tokens)
        if found.passages:
            partners.append((Dated(other_id, row[1], row[2]), other_tokens, found))
    conn.executemany(
        "INSERT OR IGNORE INTO reuse_band_keys (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, bucket, article_id) for band, bucket in keys],
    )
    for other, _, found in partners:
        row = copy_link(dated, other, found)
        conn.execute(
            "INSERT OR REPLACE INTO copies (article_id, source_article_id, share_of_article, share_of_source, "
            "copied_words, passages) VALUES (?, ?, ?, ?, ?, ?)",
            (*row[:5], json.dumps(row[5])),
        )
    cluster_id = _merge_clusters(conn, dated, [other for other, _, _ in partners])
    _set_class(conn, article_id, tokens, cluster_id)
    for other, other_tokens, _ in partners:
        if source_and_copy(dated, other)[0] is dated:  # the new article is an earlier source of this one
            _set_class(conn, other.id, other_tokens, cluster_id)


def copy_source(conn: sqlite3.Connection, text: str, min_share: float) -> tuple[int, Alignment] | None:
    """The stored article a new text is (nearly) a copy of: the candidate whose passages cover the most of
    the text's words, at least `min_share` of them, with the alignment `align(text, source)`; None if none."""
    tokens = words(text)
    best: tuple[int, Alignment] | None = None
    for other_id in _candidates(conn, -1, band_keys(text, tokens=tokens)):
        row = conn.execute("SELECT text FROM articles WHERE id = ?", (other_id,)).fetchone()
        if row is None:
            continue
        found = align(text, row[0], words_a=tokens)
        if found.share_a >= min_share and (best is None or found.share_a > best[1].share_a):
            best = (other_id, found)
    return best


def _candidates(conn: sqlite3.Connection, article_id: int, keys: list[tuple[int, int]]) -> list[int]:
    shared: Counter[int] = Counter()
    for band, bucket in keys:
        postings = [row[0] for row in conn.execute(
            "SELECT article_id FROM reuse_band_keys WHERE band = ? AND bucket = ? LIMIT ?",
            (band, bucket, MAX_BUCKET + 1),
        )]
        if len(postings) < MAX_BUCKET:  # with this article, a key of more than MAX_BUCKET is not used
            shared.update(postings)
    shared.pop(article_id, None)
    return candidates(shared)


def _set_class(conn: sqlite3.Connection, article_id: int, tokens: Words, cluster_id: int | None) -> None:
    """The article's class from the union of the passages of all its earlier sources."""
    spans = [
        (start, end)
        for (passages,) in conn.execute("SELECT passages FROM copies WHERE article_id = ?", (article_id,))
        for start, end, _, _ in json.loads(passages)
    ]
    conn.execute(
        "INSERT OR REPLACE INTO article_reuse (article_id, class, share_copied, cluster_id) VALUES (?, ?, ?, ?)",
        (article_id, *article_class(tokens, spans), cluster_id),
    )


def _merge_clusters(conn: sqlite3.Connection, new: Dated, partners: list[Dated]) -> int | None:
    """Put the new article and its partners in one cluster (the largest they touch); return its id."""
    if not partners:
        return None
    marks = ",".join("?" * len(partners))
    member_cluster = dict(
        conn.execute(
            f"SELECT article_id, cluster_id FROM article_reuse WHERE article_id IN ({marks})", [p.id for p in partners]
        ).fetchall()
    )
    cluster_ids = sorted({c for c in member_cluster.values() if c is not None})
    clusters = {
        row[0]: row[1:]
        for row in conn.execute(
            f"SELECT id, size, earliest_article_id, runner_up_article_id FROM copy_clusters "
            f"WHERE id IN ({','.join('?' * len(cluster_ids))})",
            cluster_ids,
        )
    }
    loose = [p for p in partners if member_cluster.get(p.id) is None]
    contenders = {new.id: new, **{p.id: p for p in loose}}
    for _, earliest_id, runner_id in clusters.values():
        for known in (earliest_id, runner_id):
            if known is not None and known not in contenders:
                contenders[known] = _dated(conn, known)
    size = 1 + len(loose) + sum(size for size, _, _ in clusters.values())
    top = earliest_two(contenders.values())
    runner = top[1] if len(top) > 1 else None
    why = json.dumps(evidence(top[0], runner, size), ensure_ascii=False)
    keep: int
    if clusters:
        keep = max(clusters, key=lambda c: (clusters[c][0], -c))
        absorbed = [c for c in clusters if c != keep]
        if absorbed:
            marks = ",".join("?" * len(absorbed))
            conn.execute(f"UPDATE article_reuse SET cluster_id = ? WHERE cluster_id IN ({marks})", [keep, *absorbed])
            conn.execute(f"DELETE FROM copy_clusters WHERE id IN ({marks})", absorbed)
        conn.execute(
            "UPDATE copy_clusters SET size = ?, earliest_article_id = ?, runner_up_article_id = ?, evidence = ? "
            "WHERE id = ?",
            (size, top[0].id, runner.id if runner else None, why, keep),
        )
    else:
        keep = inserted_id(conn.execute(
            "INSERT INTO copy_clusters (size, earliest_article_id, runner_up_article_id, evidence) VALUES (?, ?, ?, ?)",
            (size, top[0].id, runner.id if runner else None, why),
        ))
    conn.executemany(
        "UPDATE article_reuse SET cluster_id = ? WHERE article_id = ?", [(keep, p.id) for p in loose]
    )
    return keep


def _dated(conn: sqlite3.Connection, article_id: int) -> Dated:
    row = conn.execute("SELECT published, fetched_at FROM articles WHERE id = ?", (article_id,)).fetchone()
    return Dated(article_id, row[0], row[1])


# -- reading ------------------------------------------------------------------------------


def reuse_of(conn: sqlite3.Connection, article_id: int) -> Reuse:
    """An article's class, its sources and copies with shares and passages, and its cluster."""
    row = conn.execute(
        "SELECT class, share_copied, cluster_id FROM article_reuse WHERE article_id = ?", (article_id,)
    ).fetchone()
    klass, share, cluster_id = row if row else ("original", 0.0, None)
    sources = [
        _linked(conn, other, share_self, share_other, passages)
        for other, share_self, share_other, passages in conn.execute(
            "SELECT source_article_id, share_of_article, share_of_source, passages FROM copies "
            "WHERE article_id = ? ORDER BY share_of_article DESC, source_article_id",
            (article_id,),
        ).fetchall()
    ]
    copies = [
        _linked(conn, other, share_self, share_other, flip(json.loads(passages)))
        for other, share_self, share_other, passages in conn.execute(
            "SELECT article_id, share_of_source, share_of_article, passages FROM copies "
            "WHERE source_article_id = ? ORDER BY share_of_source DESC, article_id",
            (article_id,),
        ).fetchall()
    ]
    return {
        "class": klass,
        "share_copied": round(share, 4),
        "sources": sources,
        "copies": copies,
        "cluster": _cluster(conn, cluster_id) if cluster_id is not None else None,
    }


UNSTORED_ID = 2**62  # an article not in the database sorts after every stored one on equal dates


def reuse_of_unstored(conn: sqlite3.Connection, article: Article) -> Reuse:
    """`reuse_of` for an article that is not stored: the stored articles it shares passages with.

    Read-only (nothing is indexed or linked), for `newsgraph analyze --db`; no cluster.
    """
    tokens = words(article.text)
    dated = Dated(UNSTORED_ID, article.published, article.fetched_at)
    sources: list[Linked] = []
    copies: list[Linked] = []
    spans: list[tuple[int, int]] = []
    for other_id in _candidates(conn, UNSTORED_ID, band_keys(article.text, tokens=tokens)):
        row = conn.execute("SELECT text, published, fetched_at FROM articles WHERE id = ?", (other_id,)).fetchone()
        found = align(article.text, row[0], words_a=tokens)
        if not found.passages:
            continue
        linked = _linked(conn, other_id, found.share_a, found.share_b, [list(p) for p in found.passages])
        if source_and_copy(dated, Dated(other_id, row[1], row[2]))[0] is dated:
            copies.append(linked)
        else:
            sources.append(linked)
            spans += [(start, end) for start, end, _, _ in found.passages]
    kind, share = article_class(tokens, spans)
    return {
        "class": kind,
        "share_copied": round(share, 4),
        "sources": sorted(sources, key=lambda x: -x["share"]),
        "copies": sorted(copies, key=lambda x: -x["share"]),
        "cluster": None,
    }


def _linked(conn: sqlite3.Connection, other_id: int, share: float, share_other: float,
            passages: str | list[Passage]) -> Linked:
    """One source or copy of an article: `share` is of this article's words, passages [this, other]
    (as a list, or the JSON of one)."""
    spans: list[Passage] = json.loads(passages) if isinstance(passages, str) else passages
    return {
        **_describe(conn, other_id),
        "share": round(share, 4),
        "share_of_other": round(share_other, 4),
        "passages": spans,
    }


def _describe(conn: sqlite3.Connection, article_id: int) -> Described:
    row = conn.execute(
        "SELECT a.id, a.title, a.url, a.site_name, a.published, r.class FROM articles a "
        "LEFT JOIN article_reuse r ON r.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return {"id": row[0], "title": row[1], "url": row[2], "site": row[3], "published": row[4], "class": row[5]}


def _cluster(conn: sqlite3.Connection, cluster_id: int) -> Cluster:
    size, earliest_id, why = conn.execute(
        "SELECT size, earliest_article_id, evidence FROM copy_clusters WHERE id = ?", (cluster_id,)
    ).fetchone()
    classes = dict(
        conn.execute("SELECT class, count(*) FROM article_reuse WHERE cluster_id = ? GROUP BY class", (cluster_id,))
    )
    return {
        "id": cluster_id,
        "size": size,
        "classes": classes,
        "earliest": {**_describe(conn, earliest_id), "evidence": json.loads(why)},
    }


def largest_clusters(conn: sqlite3.Connection, limit: int = 10) -> list[Cluster]:
    """The clusters with the most articles, each with its earliest source and the classes of its members."""
    ids = [r[0] for r in conn.execute("SELECT id FROM copy_clusters ORDER BY size DESC, id LIMIT ?", (limit,))]
    return [_cluster(conn, cluster_id) for cluster_id in ids]


def most_copied_sources(conn: sqlite3.Connection, limit: int = 10) -> list[CopiedSource]:
    """The articles copied by the most later articles, with how many copied them fully or in part."""
    rows = conn.execute(
        "SELECT c.source_article_id, count(*) AS copies, "
        "sum(r.class = 'full_copy'), sum(r.class = 'partial_copy'), sum(r.class = 'quoted') "
        "FROM copies c JOIN article_reuse r ON r.article_id = c.article_id "
        "GROUP BY c.source_article_id ORDER BY copies DESC, c.source_article_id LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        {**_describe(conn, source), "copies": n, "full_copies": full, "partial_copies": partial, "quoted": quoted}
        for source, n, full, partial, quoted in rows
    ]


def iter_copies(conn: sqlite3.Connection) -> Iterator[tuple[int, int, list[list[int]]]]:
    """Every stored pair as (copy id, source id, passages [[start, end, source_start, source_end], ...])."""
    for article_id, source_id, passages in conn.execute(
        "SELECT article_id, source_article_id, passages FROM copies ORDER BY article_id, source_article_id"
    ):
        yield article_id, source_id, json.loads(passages)


def classes(conn: sqlite3.Connection) -> dict[int, str]:
    """Article id -> class, for every article the stage has seen."""
    return dict(conn.execute("SELECT article_id, class FROM article_reuse"))


def copies_reporting(conn: sqlite3.Connection, article_id: int, start: int, end: int) -> list[Reporting]:
    """Every other article whose copied passages carry text[start:end] of this one, with the span mapped into it.

    Follows copies of copies through the cluster.  `exact` tells whether the mapped
    span holds the same characters; otherwise it is interpolated inside the passage
    (a light edit changed something there).
    """
    texts: dict[int, str] = {}

    def text_of(aid: int) -> str:
        if aid not in texts:
            texts[aid] = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
        return texts[aid]

    found: dict[int, Reporting] = {}
    queue = deque([(article_id, start, end)])
    seen = {article_id}
    while queue:
        current, s, e = queue.popleft()
        for other, passages in _passages_from(conn, current):
            if other in seen:
                continue
            for p0, p1, o0, o1 in passages:
                if min(e, p1) - max(s, p0) < MIN_COVER * (e - s):
                    continue
                mapped = _map_span(text_of(current), text_of(other), s, e, (p0, p1, o0, o1))
                seen.add(other)
                found[other] = {**_describe(conn, other), "start": mapped[0], "end": mapped[1], "exact": mapped[2],
                                "via": current}
                queue.append((other, mapped[0], mapped[1]))
                break
    return list(found.values())


def _passages_from(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, list[list[int]]]]:
    """Every pair the article is in, passages oriented [this start, this end, other start, other end]."""
    linked = [
        (other, json.loads(p))
        for other, p in conn.execute("SELECT source_article_id, passages FROM copies WHERE article_id = ?", (article_id,))
    ]
    linked += [
        (other, flip(json.loads(p)))
        for other, p in conn.execute("SELECT article_id, passages FROM copies WHERE source_article_id = ?", (article_id,))
    ]
    return linked


def _map_span(text: str, other_text: str, s: int, e: int, passage: tuple[int, int, int, int]) -> tuple[int, int, bool]:
    p0, p1, o0, o1 = passage
    s, e = max(s, p0), min(e, p1)
    scale = (o1 - o0) / max(p1 - p0, 1)
    guess_s, guess_e = o0 + round((s - p0) * scale), o0 + round((e - p0) * scale)
    needle = text[s:e]
    window_start = max(o0, guess_s - 200)
    hit = other_text.find(needle, window_start, min(o1, guess_e + 200))
    if needle and hit >= 0:
        return hit, hit + len(needle), True
    return guess_s, min(guess_e, o1), False
