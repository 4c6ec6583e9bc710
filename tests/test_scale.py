"""The Spark job against `newsgraph ingest` on the same WARC files, and the loader.

The WARC files are written here with warcio: news pages in the shape of real ones, a 404 to skip,
and garbage where a record should be.  One SparkSession (local[2]) and one run serve the module.
The Spark tests skip, saying why, when pyspark or Java is missing.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.cli import main
from newsgraph.errors import NewsgraphError
from newsgraph.record import Article
from newsgraph.scale.inputs import S3Settings, is_remote, list_inputs
from newsgraph.scale.job import JobOptions, in_range, wanted_host
from newsgraph.scale.tables import TABLES, article_id, hash63, partition_date
from newsgraph.store import Store
from tests.pages import STORY_PARAGRAPHS, news_page


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    java = shutil.which("java")
    if java is None or subprocess.run([java, "-version"], capture_output=True).returncode != 0:
        return "Java (17) is not installed: Spark needs it"
    return None


needs_spark = pytest.mark.skipif(_spark_missing() is not None, reason=str(_spark_missing()))

COURIER = "https://www.harbour-courier.example"
LEDGER = "https://news.valley-ledger.example"
PAGES_A = {
    f"{COURIER}/world/2026/03/danube-floods.html": news_page(
        "River floods force thousands from homes along the Danube", STORY_PARAGRAPHS,
        url=f"{COURIER}/world/2026/03/danube-floods.html"),
    f"{COURIER}/world/2026/03/libya-talks.html": news_page("UN envoy opens talks in Tripoli on unity government", [
        "The United Nations envoy opened a new round of talks in Tripoli on Monday, urging rival factions in "
        "Libya to agree on a unity government before the end of the month.",
        "“Libyans have waited long enough for a government that serves all of them,” the envoy, Maria Lindqvist, "
        "told reporters after the first session.",
        "According to Reuters, delegates from Benghazi and Misrata attended the meeting, while representatives of "
        "the eastern parliament stayed away.",
        "The European Union said it would support any agreement reached under the auspices of the United Nations.",
    ], url=f"{COURIER}/world/2026/03/libya-talks.html", published="2026-03-16T10:00:00Z"),
}
PAGES_B = {
    f"{LEDGER}/local/bridge-closure.html": news_page("Bridge inspection finds cracks in two piers", [
        "Inspectors closed the eastern lane of the river bridge in Cardiff on Thursday after finding cracks in two "
        "of its piers, the city council said.",
        "“Safety comes first, and we will not reopen the lane until engineers are satisfied,” said council leader "
        "Tomos Griffiths at a press conference outside the town hall.",
        "Commuters faced delays of up to forty minutes during the morning rush, according to the regional "
        "transport authority.",
    ], site="The Valley Ledger", url=f"{LEDGER}/local/bridge-closure.html", published="2026-03-12T07:15:00Z"),
    f"{LEDGER}/world/un-aid.html": news_page("Aid convoy reaches flooded villages near Giurgiu", [
        "A United Nations aid convoy reached flooded villages near Giurgiu in Romania on Friday, delivering food, "
        "clean water and blankets to families cut off for five days.",
        "“The water is going down, but the damage will take months to repair,” said Ioana Petrescu, the regional "
        "emergency coordinator.",
        "The World Health Organization warned of the risk of disease where wells had been contaminated.",
    ], site="The Valley Ledger", url=f"{LEDGER}/world/un-aid.html", published="2026-03-16T12:00:00Z"),
}
REPUBLISHED = f"{LEDGER}/world/libya-talks-copy.html"  # the Courier's Libya story, republished a day later
PAGES_B[REPUBLISHED] = PAGES_A[f"{COURIER}/world/2026/03/libya-talks.html"].replace(
    "2026-03-16T10:00:00Z", "2026-03-17T06:00:00Z").replace("The Harbour Courier", "The Valley Ledger")
FETCHED = "2026-03-17T08:30:00Z"


def write_warc(path: Path, pages: dict[str, str], garbage_before: int | None = None) -> Path:
    """A gzip WARC with a response per page and a 404; garbage before page number `garbage_before`."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test crawler"}))
    for i, (url, html) in enumerate(list(pages.items()) + [(url_404(pages), None)]):
        if i == garbage_before:
            buffer.write(b"\x00garbage left by a broken crawler\r\n" * 40)
        status, body = ("200 OK", gzip.compress(html.encode())) if html else ("404 Not Found", b"not here")
        headers = [("Content-Type", "text/html; charset=utf-8")] + ([("Content-Encoding", "gzip")] if html else [])
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                      warc_headers_dict={"WARC-Date": FETCHED}))
    path.write_bytes(buffer.getvalue())
    return path


def url_404(pages: dict[str, str]) -> str:
    return next(iter(pages)).rsplit("/", 1)[0] + "/gone.html"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crawl")
    write_warc(folder / "a.warc.gz", PAGES_A)
    write_warc(folder / "b.warc.gz", PAGES_B, garbage_before=1)
    return folder


@pytest.fixture(scope="module")
def spark():
    from newsgraph.scale.job import spark_session

    session = spark_session("local[2]", "newsgraph-tests", {
        "spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.driver.memory": "1g", "spark.ui.showConsoleProgress": "false",
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_run(spark, crawl, tmp_path_factory) -> tuple[Path, dict]:
    from newsgraph.scale.job import run_job

    out = tmp_path_factory.mktemp("spark") / "out"
    counts = run_job(spark, [str(crawl / "*.warc.gz")], str(out), JobOptions())
    return out, counts


@pytest.fixture(scope="module")
def ingested(crawl, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    result = CliRunner().invoke(main, ["ingest", str(crawl / "a.warc.gz"), str(crawl / "b.warc.gz"),
                                       "--db", str(db), "-q"])
    assert result.exit_code == 1, result.output  # 1: the corrupt record is a failure
    return db


def table(out: Path, name: str) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table().to_pylist()


def stored_articles(db: Path) -> dict[tuple, Article]:
    with Store(db) as store:
        return {(a.content_hash, a.url): a for _, _, a in store.iter_articles()}


# -- without Spark ----------------------------------------------------------------------------

def test_ids_are_positive_63_bit_and_follow_the_store_identity():
    one = Article.from_paragraphs(["Same text."], url="https://a.example/1")
    again = Article.from_paragraphs(["Same  text."], url="https://a.example/1")  # same normalised text
    elsewhere = Article.from_paragraphs(["Same text."], url="https://b.example/1")
    assert article_id(one) == article_id(again) != article_id(elsewhere)
    assert all(0 < hash63(key) < 2**63 for key in ("", "x", "actor\nkb:islamic-state"))


def test_partition_date_is_published_else_fetched_else_unknown():
    assert partition_date(Article("t", published="2026-03-14T08:30:00Z", fetched_at="2026-04-01")) == "2026-03-14"
    assert partition_date(Article("t", published="March 2026", fetched_at="2026-04-01T10:00:00Z")) == "2026-04-01"
    assert partition_date(Article("t")) == "unknown"


def test_host_and_date_filters():
    assert wanted_host("https://news.valley-ledger.example/x", ("valley-ledger.example",))
    assert not wanted_host("https://evil-valley-ledger.example/x", ("valley-ledger.example",))
    assert wanted_host(None, ())
    options = JobOptions(date_from="2026-03-13", date_to="2026-03-16")
    assert in_range("2026-03-16", options) and not in_range("2026-03-12", options)
    assert not in_range("unknown", options) and in_range("unknown", JobOptions())


def test_inputs_local_globs_and_s3a_settings(tmp_path):
    for name in ("b.warc.gz", "a.warc.gz", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert list_inputs(None, [str(tmp_path / "*.warc.gz")]) == [str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc.gz")]
    with pytest.raises(NewsgraphError, match="no file matches"):
        list_inputs(None, [str(tmp_path / "*.wet.gz")])
    assert is_remote("s3a://commoncrawl/crawl-data/x.warc.gz") and not is_remote(f"file://{tmp_path}/a.warc.gz")
    conf = {"spark.hadoop.fs.s3a.access.key": "AKIAEXAMPLE", "spark.hadoop.fs.s3a.endpoint": "minio.internal:9000"}
    settings = S3Settings.from_conf(conf)
    assert settings.aws_access_key_id == "AKIAEXAMPLE" and settings.endpoint_url == "https://minio.internal:9000"
    assert settings.aws_secret_access_key is None  # boto3's own lookup then


# -- the Spark job against ingest -------------------------------------------------------------

@needs_spark
def test_every_table_is_written_and_counted(spark_run):
    out, counts = spark_run
    assert {p.name for p in out.iterdir()} >= set(TABLES) | {"actors", "actor_aliases", "copies", "article_reuse",
                                                             "events", "event_members"}
    assert counts == {"files": 2, "pages": 5, "filtered": 0, "articles": 5, "errors": 1}


@needs_spark
def test_same_articles_as_ingest(spark_run, ingested):
    out, _ = spark_run
    expected = stored_articles(ingested)
    rows = {(r["content_hash"], r["url"]): r for r in table(out, "articles")}
    assert set(rows) == set(expected) and len(rows) == 5
    for key, article in expected.items():
        row = rows[key]
        assert (row["title"], row["text"], row["published"], row["site_name"]) == (
            article.title, article.text, article.published, article.site_name)
        assert row["id"] == article_id(article)
        assert row["date"] == article.published[:10]


@needs_spark
def test_same_enrichments_as_ingest(spark_run, ingested):
    out, _ = spark_run
    ids = {r["id"]: (r["content_hash"], r["url"]) for r in table(out, "articles")}
    found = defaultdict(lambda: defaultdict(set))
    for r in table(out, "article_actors"):
        found[ids[r["article_id"]]]["actors"].add((r["name"], r["type"], r["kb_id"]))
    places = {r["id"]: r["geonameid"] for r in table(out, "places")}
    for r in table(out, "place_mentions"):
        found[ids[r["article_id"]]]["places"].add((places[r["place_id"]], r["start_offset"], r["text"]))
    for r in table(out, "quotes"):
        found[ids[r["article_id"]]]["quotes"].add((r["text"], r["speaker"], r["kind"]))
    for r in table(out, "citations"):
        found[ids[r["article_id"]]]["citations"].add((r["source"], r["start_offset"]))
    for r in table(out, "event_reports"):
        found[ids[r["article_id"]]]["events"].add((r["type"], r["start_offset"], r["status"], r["event_date"]))
    for r in table(out, "article_tone"):
        found[ids[r["article_id"]]]["tone"].add((r["tone"], r["words"]))
    for r in table(out, "sentence_tones"):
        found[ids[r["article_id"]]]["sentence_tones"].add((r["start_offset"], r["end_offset"], r["tone"]))
    for r in table(out, "actor_tones"):
        found[ids[r["article_id"]]]["actor_tones"].add((r["tone"], r["sentences"]))

    expected = stored_articles(ingested)
    assert sum(len(a.entities) for a in expected.values()) > 8 and sum(len(a.quotes) for a in expected.values()) >= 4
    assert sum(len(a.events) for a in expected.values()) >= 2
    assert sum(len(a.sentence_tones) for a in expected.values()) > 10
    for key, a in expected.items():
        assert found[key]["actors"] == {(e.name, e.type, e.kb_id) for e in a.entities}
        assert found[key]["places"] == {(p.geonameid, s, a.text[s:e]) for p in a.places for s, e in p.mentions}
        assert found[key]["quotes"] == {(q.text, q.speaker, q.kind) for q in a.quotes}
        assert found[key]["citations"] == {(c.source, c.start) for c in a.citations}
        assert found[key]["events"] == {(e.type, e.start, e.status, e.date) for e in a.events}
        assert found[key]["tone"] == ({(a.tone.tone, a.tone.words)} if a.tone else set())
        assert found[key]["sentence_tones"] == {(t.start, t.end, t.tone) for t in a.sentence_tones}
        assert found[key]["actor_tones"] == {(t.tone, t.sentences) for t in a.actor_tones}


@needs_spark
def test_corrupt_record_is_in_the_errors_table(spark_run, crawl, ingested):
    out, _ = spark_run
    [error] = table(out, "errors")
    assert error["input"] == str(crawl / "b.warc.gz") and error["origin"] == str(crawl / "b.warc.gz")
    assert error["reason"].startswith("malformed WARC record at offset")
    with Store(ingested) as store:
        assert store.stats()["failures"] == 1


@needs_spark
def test_canonical_actors_count_articles_across_documents(spark_run):
    out, _ = spark_run
    actors = table(out, "actors")
    assert len({a["actor_key"] for a in actors}) == len(actors)
    per_article = defaultdict(set)
    for r in table(out, "article_actors"):
        per_article[r["actor_id"]].add(r["article_id"])
    assert {a["id"]: a["articles"] for a in actors} == {k: len(v) for k, v in per_article.items()}
    assert max(a["articles"] for a in actors) >= 2  # the United Nations, in stories from both outlets
    aliases = defaultdict(list)
    for r in table(out, "actor_aliases"):
        aliases[r["actor_id"]].append(r["alias"])
    assert {a["id"]: a["aliases"] for a in actors if a["aliases"]} == {k: sorted(v) for k, v in aliases.items()}


@needs_spark
def test_reuse_stage_finds_the_republished_story_and_its_source(spark_run):
    out, _ = spark_run
    ids = {r["url"]: r["id"] for r in table(out, "articles")}
    [copy] = table(out, "copies")
    source = ids[f"{COURIER}/world/2026/03/libya-talks.html"]
    assert (copy["article_id"], copy["source_article_id"]) == (ids[REPUBLISHED], source)
    assert copy["share_of_article"] > 0.9 and json.loads(copy["passages"])
    reuse = {r["article_id"]: r for r in table(out, "article_reuse")}
    assert reuse[ids[REPUBLISHED]]["class"] == "full_copy" and reuse[source]["class"] == "original"
    assert reuse[ids[REPUBLISHED]]["cluster_id"] == reuse[source]["cluster_id"] == min(source, ids[REPUBLISHED])


@needs_spark
def test_event_stage_merges_reports_as_the_store_does(spark_run, ingested):
    out, _ = spark_run
    urls = {r["id"]: r["url"] for r in table(out, "articles")}
    reports = {r["id"]: (urls[r["article_id"]], r["position"]) for r in table(out, "event_reports")}
    members = defaultdict(set)
    for r in table(out, "event_members"):
        members[r["event_id"]].add(reports[r["event_report_id"]])
    assert set(members) == {e["id"] for e in table(out, "events")}
    with Store(ingested) as store:
        stored = defaultdict(set)
        for event_id, url, position in store.conn.execute(
                "SELECT r.event_id, a.url, r.position FROM event_reports r JOIN articles a ON a.id = r.article_id"):
            stored[event_id].add((url, position))
    assert stored and sorted(map(sorted, members.values())) == sorted(map(sorted, stored.values()))

    # The republished Libya story reports the same events as its source: one event each, two
    # articles, one independent source.
    source, copy = f"{COURIER}/world/2026/03/libya-talks.html", REPUBLISHED
    events = {e["id"]: e for e in table(out, "events")}
    shared = [events[i] for i, m in members.items() if {u for u, _ in m} == {source, copy}]
    assert shared and all(e["articles"] == 2 and e["independent_articles"] == 1 for e in shared)
    assert all(e["reports"] == len(members[e["id"]]) for e in events.values())
    alone = [e for i, e in events.items() if len({u for u, _ in members[i]}) == 1]
    assert all(e["independent_articles"] == 1 for e in alone)


@needs_spark
def test_load_gives_the_ingest_database_and_loading_twice_changes_nothing(spark_run, ingested, tmp_path):
    out, _ = spark_run
    db = tmp_path / "loaded.db"
    runner = CliRunner()
    first = runner.invoke(main, ["load", str(out), "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    assert "stored: 5" in first.output
    loaded = stored_articles(db)
    expected = stored_articles(ingested)
    assert {k: a.to_dict() for k, a in loaded.items()} == {k: a.to_dict() for k, a in expected.items()}
    facts = ("articles", "pages", "actors", "actor_mentions", "places", "quotes", "citations", "related_posts",
             "events", "event_reports", "copies")
    with Store(db) as store, Store(ingested) as reference:
        assert {k: store.stats()[k] for k in facts} == {k: reference.stats()[k] for k in facts}
        before = store.stats()

    again = runner.invoke(main, ["load", str(out), "--db", str(db), "-q"])
    assert again.exit_code == 0 and "stored: 0" in again.output
    with Store(db) as store:
        assert store.stats() == before
    assert {k: a.to_dict() for k, a in stored_articles(db).items()} == {k: a.to_dict() for k, a in loaded.items()}


@needs_spark
def test_host_and_date_filters_in_the_job(spark, crawl, tmp_path):
    from newsgraph.scale.job import run_job

    options = JobOptions(filter_hosts=("valley-ledger.example",), date_from="2026-03-13")
    counts = run_job(spark, [str(crawl / "*.warc.gz")], str(tmp_path / "out"), options)
    assert {r["url"] for r in table(tmp_path / "out", "articles")} == {f"{LEDGER}/world/un-aid.html", REPUBLISHED}
    assert counts["filtered"] == 3 and counts["articles"] == 2 and counts["errors"] == 1


@pytest.fixture
def object_store():
    """An S3 server (moto) on a free local port; yields its settings and a boto3 client."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        settings = S3Settings("testing", "testing", None, f"http://{host}:{port}")
        client = boto3.client("s3", region_name="us-east-1", aws_access_key_id="testing",
                              aws_secret_access_key="testing", endpoint_url=settings.endpoint_url)
        yield settings, client
    finally:
        server.stop()


def test_s3a_patterns_match_within_one_level_and_name_what_fails(object_store):
    settings, client = object_store
    client.create_bucket(Bucket="crawl-data")
    for key in ("CC-NEWS/2026/03/a.warc.gz", "CC-NEWS/2026/03/b.warc.gz", "CC-NEWS/2026/03/old/c.warc.gz",
                "CC-NEWS/2026/04/d.warc.gz"):
        client.put_object(Bucket="crawl-data", Key=key, Body=b"")
    found = list_inputs(None, ["s3a://crawl-data/CC-NEWS/2026/03/*.warc.gz"], settings)
    assert found == ["s3a://crawl-data/CC-NEWS/2026/03/a.warc.gz", "s3a://crawl-data/CC-NEWS/2026/03/b.warc.gz"]
    assert len(list_inputs(None, ["s3a://crawl-data/CC-NEWS/2026/0?/*.warc.gz"], settings)) == 3
    with pytest.raises(NewsgraphError, match="no file matches"):
        list_inputs(None, ["s3a://crawl-data/CC-NEWS/2025/*.warc.gz"], settings)
    with pytest.raises(NewsgraphError, match="cannot list: .*NoSuchBucket"):
        list_inputs(None, ["s3a://no-such-bucket/*.warc.gz"], settings)
    with pytest.raises(NewsgraphError, match="only"):
        list_inputs(None, ["gs://bucket/*.warc.gz"], settings)


def test_task_tables_go_to_an_object_store_one_file_per_table(object_store):
    import pyarrow.dataset as ds
    from pyarrow import fs as pafs

    from newsgraph.scale.writer import TaskTables, output_filesystem, prepare_output

    settings, client = object_store
    client.create_bucket(Bucket="results")
    output = "s3a://results/run-1"
    prepare_output(output, settings, overwrite=False)
    tables = TaskTables(output, "s3a://crawl-data/a.warc.gz", settings)
    tables.add("outlinks", (7, 0, "https://example.org/a", "2026-03-14"))
    tables.add("outlinks", (7, 1, "https://example.org/b", "2026-03-14"))
    tables.add("outlinks", (8, 0, "https://example.org/c", "unknown"))
    tables.add("errors", ("s3a://crawl-data/a.warc.gz#3", "no article", "s3a://crawl-data/a.warc.gz"))
    tables.close()
    filesystem, root = output_filesystem(output, settings)
    assert isinstance(filesystem, pafs.S3FileSystem) and root == "results/run-1"
    outlinks = ds.dataset(f"{root}/outlinks", filesystem=filesystem, format="parquet", partitioning="hive")
    assert sorted(outlinks.to_table().to_pylist(), key=lambda r: r["url"]) == [
        {"article_id": 7, "position": 0, "url": "https://example.org/a", "date": "2026-03-14"},
        {"article_id": 7, "position": 1, "url": "https://example.org/b", "date": "2026-03-14"},
        {"article_id": 8, "position": 0, "url": "https://example.org/c", "date": "unknown"},
    ]
    assert ds.dataset(f"{root}/errors", filesystem=filesystem, format="parquet").count_rows() == 1
    written = [f.path for f in filesystem.get_file_info(pafs.FileSelector(f"{root}/outlinks", recursive=True))]
    assert written == [f"{root}/outlinks/{tables.name}"]  # one file for the input file, its dates a column
    with pytest.raises(NewsgraphError, match="already exists"):
        prepare_output(output, settings, overwrite=False)
    prepare_output(output, settings, overwrite=True)
    assert not [f for f in filesystem.get_file_info(pafs.FileSelector(root, recursive=True)) if f.type == pafs.FileType.File]
    with pytest.raises(NewsgraphError, match="cannot write hdfs:// outputs"):
        prepare_output("hdfs://namenode/runs/1", settings, overwrite=False)


@needs_spark
def test_the_job_reads_warc_files_from_an_object_store(spark, crawl, object_store, tmp_path):
    settings, client = object_store
    client.create_bucket(Bucket="crawl-data")
    for name in ("a.warc.gz", "b.warc.gz"):
        client.upload_file(str(crawl / name), "crawl-data", f"CC-NEWS/2026/03/{name}")
    from newsgraph.scale.job import run_job

    counts = run_job(spark, ["s3a://crawl-data/CC-NEWS/2026/03/*.warc.gz"], str(tmp_path / "out"),
                     JobOptions(enrich=False), s3=settings)
    assert counts == {"files": 2, "pages": 5, "filtered": 0, "articles": 5, "errors": 1}
    assert {r["url"] for r in table(tmp_path / "out", "articles")} == set(PAGES_A) | set(PAGES_B)
    [error] = table(tmp_path / "out", "errors")
    assert error["origin"].startswith("s3a://crawl-data/CC-NEWS/2026/03/b.warc.gz") and "malformed" in error["reason"]


@needs_spark
def test_an_earlier_output_is_kept_unless_overwrite_is_given(spark, crawl, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("an earlier run")
    result = CliRunner().invoke(main, ["spark", "--input", str(crawl / "a.warc.gz"), "--output", str(out)])
    assert result.exit_code == 1 and "already exists" in result.output and (out / "notes.txt").exists()
    again = CliRunner().invoke(main, ["spark", "--input", str(crawl / "a.warc.gz"), "--output", str(out),
                                      "--overwrite", "--no-enrich"])
    assert again.exit_code == 0, again.output
    assert not (out / "notes.txt").exists() and {r["url"] for r in table(out, "articles")} == set(PAGES_A)


@needs_spark
def test_a_local_jvm_runs_with_the_quick_compiler_and_the_serial_collector(spark):
    """In local mode the JVM shares the cores of the Python workers: no optimising compiler, no collector threads."""
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    arguments = list(runtime.getInputArguments())
    assert "-XX:TieredStopAtLevel=1" in arguments and "-XX:+UseSerialGC" in arguments
    collectors = [bean.getName() for bean in spark.sparkContext._jvm.java.lang.management.ManagementFactory
                  .getGarbageCollectorMXBeans()]
    assert not any("G1" in name for name in collectors), collectors


@needs_spark
def test_missing_input_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["spark", "--input", str(tmp_path / "none*.warc.gz"), "--output",
                                       str(tmp_path / "out"), "--master", "local[1]"])
    assert result.exit_code == 1 and "no file matches" in result.output
