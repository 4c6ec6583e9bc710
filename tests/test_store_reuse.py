"""The reuse stage in the store: the sample corpus's agency story and its republications."""

import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.record import Article
from newsgraph.samples import SAMPLES_DIR, sample_paths
from newsgraph.store import Store, StoredPage

ORIGINAL = "html/meridian-press/world/2026-03-09-libya-rival-camps-agree-to-swap-240-detainees.html"
FULL_COPIES = [
    "html/northbridge-herald/world/2026/mar/09/libya-rivals-strike-prisoner-swap-deal-in-tunisia.html",
    "textdumps/desert-dispatches-libya-prisoner-exchange.txt",
    "wordpress/north-africa-monitor/tunis-talks-240-detainees-exchanged.html",
    "amp/metropulse/un-libyan-factions-sign-prisoner-exchange-deal.amp.html",
]
PARTIAL_COPY = "html/harbourline-times/2026-03-11-libya-oil-ports-prisoners-fragile-thaw.html"
SAME_TOPIC = [
    "html/northbridge-herald/world/2026/mar/12/misrata-families-wait-prisoner-exchange-libya.html",
    "What the Tunis prisoner deal does",  # an Atom entry, found by title
    "Fuel is the new front line in northern Mali",
]


def _ingest(db_path: str) -> None:
    result = CliRunner().invoke(main, ["ingest", *map(str, sample_paths()), "--db", db_path, "-q", "--no-enrich"])
    assert result.exit_code == 0, result.output


def _ids(store: Store) -> dict[str, int]:
    """Sample file (or Atom entry title) -> article id."""
    ids = {}
    for article_id, origin, article in store.iter_articles():
        ids[origin.split(str(SAMPLES_DIR) + "/")[-1]] = article_id
        ids[article.title or ""] = article_id
    return ids


def _find(ids: dict[str, int], key: str) -> int:
    return next(article_id for name, article_id in ids.items() if name.startswith(key))


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    db_path = str(tmp_path_factory.mktemp("reuse") / "samples.db")
    _ingest(db_path)
    return db_path


def test_agency_story_cluster(sample_db):
    with Store(sample_db) as store:
        ids = _ids(store)
        original = ids[ORIGINAL]
        reuse = store.reuse_of(original)
        assert reuse["class"] == "original" and reuse["sources"] == []
        cluster = reuse["cluster"]
        assert cluster["earliest"]["id"] == original
        assert cluster["earliest"]["site"] == "Meridian Press Agency"
        assert cluster["earliest"]["evidence"]["text"]
        assert cluster["size"] == 6
        assert {c["id"] for c in reuse["copies"]} == {ids[f] for f in FULL_COPIES} | {ids[PARTIAL_COPY]}
        for name in FULL_COPIES:
            copy = store.reuse_of(ids[name])
            assert copy["class"] == "full_copy", name
            assert copy["cluster"]["id"] == cluster["id"]
            assert original in {s["id"] for s in copy["sources"]}
        partial = store.reuse_of(ids[PARTIAL_COPY])
        assert partial["class"] == "partial_copy"
        assert 0.1 < partial["share_copied"] < 0.5
        for key in SAME_TOPIC:
            other = store.reuse_of(_find(ids, key))
            assert other["class"] == "original" and other["cluster"] is None, key


def test_passages_point_at_the_same_text(sample_db):
    with Store(sample_db) as store:
        ids = _ids(store)
        copy_text = store.get(ids[FULL_COPIES[0]])[0].text
        source_text = store.get(ids[ORIGINAL])[0].text
        [source] = [s for s in store.reuse_of(ids[FULL_COPIES[0]])["sources"] if s["id"] == ids[ORIGINAL]]
        assert source["share"] > 0.9
        for start, end, other_start, other_end in source["passages"]:
            assert " ".join(copy_text[start:end].split()) == " ".join(source_text[other_start:other_end].split())


def test_copies_reporting_a_sentence(sample_db):
    with Store(sample_db) as store:
        ids = _ids(store)
        text = store.get(ids[ORIGINAL])[0].text
        sentence = "Under its terms, prisoners will be handed over in three phases at a checkpoint near Abu Grein"
        start = text.index(sentence)
        found = {r["id"]: r for r in store.copies_reporting(ids[ORIGINAL], start, start + len(sentence))}
        assert set(found) == {ids[f] for f in FULL_COPIES}  # the partial copy took other paragraphs
        for article_id, row in found.items():
            copy_text = store.get(article_id)[0].text
            assert row["exact"] and copy_text[row["start"] : row["end"]] == sentence


def test_largest_clusters_and_most_copied_sources(sample_db):
    with Store(sample_db) as store:
        ids = _ids(store)
        [largest] = store.largest_clusters(1)
        assert largest["earliest"]["id"] == ids[ORIGINAL]
        assert largest["classes"] == {"original": 1, "full_copy": 4, "partial_copy": 1}
        top = store.most_copied_sources(1)[0]
        assert top["id"] == ids[ORIGINAL] and top["copies"] == 5 and top["partial_copies"] == 1
        json.dumps(store.reuse_of(ids[ORIGINAL]))  # plain JSON for `show --json`


def test_reingesting_changes_nothing(sample_db, tmp_path):
    def snapshot():
        with Store(sample_db) as store:
            return [
                store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("reuse_band_keys", "copies", "copy_clusters", "article_reuse")
            ]

    before = snapshot()
    _ingest(sample_db)
    assert [list(map(tuple, t)) for t in snapshot()] == [list(map(tuple, t)) for t in before]


def _page(paragraphs: list[str], url: str, published: str) -> StoredPage:
    article = Article.from_paragraphs(paragraphs, title="T", url=url, published=published, extraction_method="test")
    return StoredPage(article, url, page_hash=url, url=url)


STORY = [
    "The port authority said on Tuesday that cranes at the northern terminal had been idle for nine days "
    "because of a dispute over night-shift pay, leaving more than forty ships waiting at anchor offshore.",
    "Union leaders said the authority had broken a promise made in January to review overtime rates, and "
    "that workers would not return until a written offer was on the table from the terminal operators.",
    "Shipping agents estimated the cost of the delays at several million dollars a day and warned that "
    "perishable cargo, including fruit bound for northern markets, was already being diverted elsewhere.",
]


def test_copy_stored_before_its_source_becomes_the_copy(db_path):
    """Ingest order does not decide: the earlier published article is the source whenever it arrives."""
    with Store(db_path) as store:
        [copy] = store.add_batch([_page(["New headline for the port strike"] + STORY, "https://b.example/1",
                                         "2026-03-10T08:00:00Z")])
        assert store.reuse_of(copy.article_id)["class"] == "original"
        [source] = store.add_batch([_page(STORY, "https://a.example/1", "2026-03-09T08:00:00Z")])
        assert store.reuse_of(copy.article_id)["class"] == "full_copy"
        reuse = store.reuse_of(source.article_id)
        assert reuse["class"] == "original"
        assert [c["id"] for c in reuse["copies"]] == [copy.article_id]
        assert reuse["cluster"]["earliest"]["id"] == source.article_id
        assert reuse["cluster"]["earliest"]["evidence"]["rule"] == "published"


def test_articles_stored_before_the_stage_are_linked_later(db_path):
    with Store(db_path) as store:
        store.add_batch([_page(STORY, "https://a.example/1", "2026-03-09"),
                         _page(STORY[:2] + ["An unrelated closing paragraph about something else."],
                               "https://b.example/1", "2026-03-10")])
        before = store.reuse_of(2)
        with store.conn:
            for table in ("reuse_band_keys", "copies", "article_reuse", "copy_clusters"):
                store.conn.execute(f"DELETE FROM {table}")
        assert store.link_unindexed_copies() == 2
        assert store.link_unindexed_copies() == 0
        assert store.reuse_of(2)["class"] == before["class"] == "full_copy"


# A story with dotted capital I (U+0130), whose lower case is two code points ("i" and a combining dot).
ISTANBUL_STORY = [
    "İstanbul's municipal water authority İSKİ said on Wednesday that reservoirs feeding the city had fallen "
    "to their lowest level in nine years, and asked residents on both shores of the Bosphorus to save water.",
    "The İçişleri Bakanlığı, the interior ministry, said it would meet the governors of İstanbul, İzmir and "
    "Kocaeli on Friday to discuss rationing plans for the summer months if the dry weather continued.",
    "Engineers from İSKİ said the Ömerli and Darlık reservoirs held less than a quarter of their capacity, "
    "while the Istrancalar dams near the Black Sea coast had almost run dry after a winter with little snow.",
    "“We are not yet at the point of cutting supplies, but every household can help,” said İlknur Aydın, a "
    "spokeswoman for the authority, at a press conference in the İSKİ headquarters in Kağıthane.",
]


def test_a_copy_of_a_story_with_dotted_capital_i_is_found_and_its_passages_point_at_the_same_text(db_path):
    """Lower-casing "İ" gives two code points; the passages must still be offsets into the stored text."""
    copy_paragraphs = (["Drought: İstanbul asks residents to save water", "By our staff in İzmir"]
                       + ISTANBUL_STORY + ["Read more: İstanbul traffic, İzmir weather."])
    with Store(db_path) as store:
        [source] = store.add_batch([_page(ISTANBUL_STORY, "https://a.example/iski", "2026-03-09T08:00:00Z")])
        [copy] = store.add_batch([_page(copy_paragraphs, "https://b.example/iski", "2026-03-10T08:00:00Z")])
        assert copy.status == "stored"
        reuse = store.reuse_of(copy.article_id)
        source_text = store.get(source.article_id)[0].text
        copy_text = store.get(copy.article_id)[0].text
    assert reuse["class"] == "full_copy"
    [found] = reuse["sources"]
    assert found["id"] == source.article_id
    spans = [(s, e) for s, e, _, _ in found["passages"]]
    for start, end, source_start, source_end in found["passages"]:
        assert " ".join(copy_text[start:end].split()) == " ".join(source_text[source_start:source_end].split())
    copied = " ".join(" ".join(copy_text[s:e].split()) for s, e in spans)
    assert copied.startswith("İstanbul's municipal water authority İSKİ")
    assert copied.endswith("headquarters in Kağıthane.")
