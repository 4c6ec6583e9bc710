"""Cross-document stage: text reuse over a run's Parquet output, with newsgraph.corpus.reuse's pure functions.

The store finds copies one article at a time against an index of band keys; on a corpus the same
work is three Spark steps: band keys of every article (a map), candidate pairs as a join on
(band, key) keeping pairs that share MIN_SHARED_KEYS keys (keys of more than MAX_BUCKET articles
left out, at most MAX_CANDIDATES partners per article), and alignment of each candidate pair (a
map). Parameters and decisions are newsgraph.corpus.reuse's, the store's too. Connected components
of the copied pairs are the clusters (on the driver: one edge per copied pair, far fewer than
articles); an article's class comes from the passages of all its earlier sources, as in the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsgraph.corpus.reuse import (
    MAX_BUCKET, MAX_CANDIDATES, MIN_SHARED_KEYS, Dated, align, article_class, band_keys, copy_link,
)
from newsgraph.corpus.reuse.clusters import components
from newsgraph.corpus.reuse.shingles import words

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
        if found.passages:
            row = copy_link(Dated(pair.a, pair.published_a, pair.fetched_a),
                            Dated(pair.b, pair.published_b, pair.fetched_b), found)
            yield (*row[:5], json.dumps(row[5]))


def _classes(groups, cluster_of: dict[int, int]) -> Iterator[tuple]:
    for article_id, text, passage_lists in groups:
        spans = [(s, e) for passages in passage_lists for s, e, _, _ in json.loads(passages)]
        yield article_id, *article_class(words(text), spans), cluster_of.get(article_id)


def reuse_stage(spark, output: str, mode: str = "errorifexists") -> None:
    """Write `copies` and `article_reuse` (class and cluster of every article in a copied pair)."""
    from pyspark.sql import Window
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
    # At most MAX_CANDIDATES partners per article, most shared keys first, as the store ranks the
    # stored articles for a new one (the store sees only the articles stored before it).
    by_a = Window.partitionBy("a").orderBy(F.desc("count"), "b")
    by_b = Window.partitionBy("b").orderBy(F.desc("count"), "a")
    shared = (shared.withColumn("rank_a", F.row_number().over(by_a)).withColumn("rank_b", F.row_number().over(by_b))
              .where((F.col("rank_a") <= MAX_CANDIDATES) | (F.col("rank_b") <= MAX_CANDIDATES)).select("a", "b"))
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
