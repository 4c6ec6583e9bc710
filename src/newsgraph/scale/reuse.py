"""Cross-document stage: text reuse over a run's Parquet output, with newsgraph.reuse's pure functions.

The store finds copies one article at a time against an index of band keys; on a corpus the same
work is three Spark steps: band keys of every article (a map), candidate pairs as a join on
(band, key) keeping pairs that share MIN_SHARED_KEYS keys, and alignment of each candidate pair (a
map).  Connected components of the copied pairs are the clusters (on the driver: one edge per
copied pair, far fewer than articles); an article's class comes from the passages of all its
earlier sources, as in the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsgraph.reuse import Dated, align, band_keys, classify, source_and_copy
from newsgraph.reuse.clusters import components, covered_words
from newsgraph.reuse.shingles import words
from newsgraph.store.reuse import MIN_SHARED_KEYS

MAX_BUCKET = 50  # a band key shared by more articles than this is boilerplate, not a copied passage

COPIES = ("`article_id` long, `source_article_id` long, `share_of_article` double, `share_of_source` double, "
          "`copied_words` long, `passages` string")
ARTICLE_REUSE = "`article_id` long, `class` string, `share_copied` double, `cluster_id` long"


def _keys(rows) -> Iterator[tuple[int, int, int]]:
    for row in rows:
        for band, key in band_keys(row.text):
            yield row.id, band, key


def _aligned(pairs) -> Iterator[tuple]:
    """A `copies` row for each candidate pair with a copied passage (the later article is the copy)."""
    for pair in pairs:
        found = align(pair.text_a, pair.text_b)
        if not found.passages:
            continue
        a = Dated(pair.a, pair.published_a, pair.fetched_a)
        b = Dated(pair.b, pair.published_b, pair.fetched_b)
        source, _ = source_and_copy(a, b)
        if source is b:
            yield (pair.a, pair.b, found.share_a, found.share_b, found.words_a,
                   json.dumps([list(p) for p in found.passages]))
        else:
            yield (pair.b, pair.a, found.share_b, found.share_a, found.words_b,
                   json.dumps([[c, d, s, e] for s, e, c, d in found.passages]))


def _classes(groups, cluster_of: dict[int, int]) -> Iterator[tuple]:
    for article_id, text, passage_lists in groups:
        tokens = words(text)
        spans = [(s, e) for passages in passage_lists for s, e, _, _ in json.loads(passages)]
        copied = covered_words(tokens.starts, spans)
        total = len(tokens)
        yield article_id, classify(copied, total), copied / total if total else 0.0, cluster_of.get(article_id)


def reuse_stage(spark, output: str, mode: str = "errorifexists") -> None:
    """Write `copies` and `article_reuse` (class and cluster of every article in a copied pair)."""
    from pyspark.sql import functions as F

    from newsgraph.scale.job import read_table

    articles = read_table(spark, output, "articles").select("id", "text", "published", "fetched_at")
    keys = spark.createDataFrame(articles.rdd.mapPartitions(_keys), "article_id long, band int, key long")
    buckets = keys.groupBy("band", "key").agg(F.collect_set("article_id").alias("ids")).where(
        (F.size("ids") > 1) & (F.size("ids") <= MAX_BUCKET))
    members = buckets.select("band", "key", F.explode("ids").alias("article_id"))
    shared = (members.alias("x").join(members.alias("y"), ["band", "key"])
              .where(F.col("x.article_id") < F.col("y.article_id"))
              .groupBy(F.col("x.article_id").alias("a"), F.col("y.article_id").alias("b")).count()
              .where(F.col("count") >= MIN_SHARED_KEYS))
    left = articles.select(F.col("id").alias("a"), F.col("text").alias("text_a"),
                           F.col("published").alias("published_a"), F.col("fetched_at").alias("fetched_a"))
    right = articles.select(F.col("id").alias("b"), F.col("text").alias("text_b"),
                            F.col("published").alias("published_b"), F.col("fetched_at").alias("fetched_b"))
    candidates = shared.join(left, "a").join(right, "b")
    copies = spark.createDataFrame(candidates.rdd.mapPartitions(_aligned), COPIES)
    copies.write.mode(mode).parquet(f"{output}/copies")

    copies = spark.read.schema(COPIES).parquet(f"{output}/copies")
    cluster_of = components(
        (r.article_id, r.source_article_id) for r in copies.select("article_id", "source_article_id").toLocalIterator()
    )
    clusters = spark.sparkContext.broadcast(cluster_of)
    in_pairs = spark.createDataFrame([(k,) for k in cluster_of], "article_id long")
    passages = copies.groupBy("article_id").agg(F.collect_list("passages").alias("passages"))
    groups = (in_pairs.join(articles.withColumnRenamed("id", "article_id"), "article_id")
              .join(passages, "article_id", "left").select("article_id", "text", "passages"))
    rows = groups.rdd.map(lambda r: (r.article_id, r.text, r.passages or [])).mapPartitions(
        lambda g: _classes(g, clusters.value))
    spark.createDataFrame(rows, ARTICLE_REUSE).write.mode(mode).parquet(f"{output}/article_reuse")
