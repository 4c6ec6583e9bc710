import sqlite3

import pytest

from newsgraph.record import Article, RelatedPost
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters, QueryError
from newsgraph.store.schema import MIGRATIONS


def _page(text: str, url: str | None = "https://example.org/a", origin: str = "a.html", title: str = "T") -> StoredPage:
    article = Article.from_paragraphs(text.split("\n\n"), title=title, url=url, extraction_method="trafilatura")
    return StoredPage(article, origin, page_hash=origin + "|" + article.content_hash, url=url)


def test_new_database_has_readable_schema(db_path):
    with Store(db_path) as store:
        assert store.schema_version == max(version for version, _, _ in MIGRATIONS)
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "pages", "related_posts", "outlinks", "ingest_failures", "schema_migrations", "articles_fts"} <= tables
    # The file opens in any sqlite3 client, in WAL mode.
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version, description FROM schema_migrations").fetchall()[0][0] == 1


def test_reingesting_the_same_page_adds_nothing(db_path):
    with Store(db_path) as store:
        first = store.add_batch([_page("Storm hits the coast.\n\nHundreds evacuated.")])
        again = store.add_batch([_page("Storm  hits the coast.\n\nHundreds   evacuated.", origin="copy.html")])
        assert [r.status for r in first] == ["stored"]
        assert [r.status for r in again] == ["duplicate"]
        assert again[0].article_id == first[0].article_id
        assert store.stats()["articles"] == 1
        # The same text at another address is another article (a republication).
        other = store.add_batch([_page("Storm hits the coast.\n\nHundreds evacuated.", url="https://other.example/x")])
        assert other[0].status == "stored"


def test_round_trip_of_stored_article(db_path):
    page = _page("Ministers met in Lisbon.\n\nThey signed a deal.")
    page.article.related = [RelatedPost("Another post", "Snippet", "https://example.org/b")]
    page.article.outlinks = ["https://example.org/source"]
    page.article.language = "en"
    with Store(db_path) as store:
        [result] = store.add_batch([page])
        article, origin = store.get(result.article_id)
    assert origin == "a.html"
    assert article == page.article
    assert article.paragraph_texts() == ["Ministers met in Lisbon.", "They signed a deal."]


def test_batch_is_all_or_nothing(db_path):
    with Store(db_path) as store:
        store.add_batch([_page("Kept article text here.")])
        bad = _page("This one breaks the batch.", origin="b.html")
        bad.article.published = object()  # a value SQLite cannot bind, in the middle of the batch
        with pytest.raises(sqlite3.Error):
            store.add_batch([_page("Would be stored first.", origin="c.html"), bad])
        assert store.stats()["articles"] == 1
        assert store.known_pages(["c.html|x"]) == set()


def test_known_pages_lets_a_resume_skip_work(db_path):
    with Store(db_path) as store:
        page = _page("Some text.")
        store.add_batch([page])
        assert store.known_pages([page.page_hash, "unknown"]) == {page.page_hash}


def test_search_ranks_and_highlights(db_path):
    with Store(db_path) as store:
        store.add_batch([
            _page("The harbour strike entered its third day as dockworkers marched.", origin="1", title="Dock strike grows"),
            _page("A football match ended in a draw; the strike by the keeper was saved.", origin="2",
                  url="https://example.org/b", title="Draw at home"),
            _page("Nothing relevant here at all.", origin="3", url="https://example.org/c"),
        ])
        search = lambda q: store.search_page(Filters(q=q)).items  # noqa: E731
        hits = search("strike")
        assert [h["title"] for h in hits] == ["Dock strike grows", "Draw at home"]
        assert ["strike", True] in hits[0]["snippet"]
        assert search('"third day"')[0]["title"] == "Dock strike grows"
        # Not valid FTS5 syntax: searched as plain words instead of failing.
        assert [h["title"] for h in search('harbour-strike "third')] == ["Dock strike grows"]
        with pytest.raises(QueryError, match="needs words"):
            search("   ")


def test_failures_are_recorded(db_path):
    with Store(db_path) as store:
        store.add_batch([], failures=[("bad.bin", "binary content")])
        assert store.stats()["failures"] == 1


def _with_facts(text: str, url: str) -> StoredPage:
    from newsgraph.record import Citation, Entity, Place, Quote

    page = _page(text, url=url, origin=url)
    art = page.article
    at = lambda word: [art.text.index(word), art.text.index(word) + len(word)]  # noqa: E731
    art.entities = [
        Entity("Islamic State", "armed_group", ["IS"], None, [at("Islamic State"), at("IS")],
               None, "rebel", "islamic-state", id="e1"),
        Entity("Amara Okonjo", "person", ["Okonjo"], "Interior Minister", [at("Amara Okonjo")], "LY", "government",
               id="e2"),
    ]
    art.places = [Place("Sirte", 2210554, "LY", "Surt", 31.2089, 16.5887, "P.PPLA", [at("Sirte")])]
    art.quotes = [Quote("We will hold the line", at("We will")[0], at("line")[1], "Amara Okonjo",
                        at("Amara Okonjo")[0], at("Amara Okonjo")[1], "said", "direct", speaker_id="e2")]
    art.citations = [Citation("Islamic State", "claimed", 0, len(art.text), source_id="e1")]
    return page


def test_facts_round_trip_and_actors_are_shared_across_articles(db_path):
    first = _with_facts("Islamic State fighters entered Sirte. IS claimed the town.\n\n"
                        "\u201cWe will hold the line,\u201d Interior Minister Amara Okonjo said.", "https://a.example/1")
    second = _with_facts("In Sirte, Islamic State said IS was in control.\n\n"
                         "Amara Okonjo replied: \u201cWe will hold the line.\u201d", "https://b.example/2")
    with Store(db_path) as store:
        [r1, r2] = store.add_batch([first, second])
        article, _ = store.get(r1.article_id)
        stats = store.stats()
        actors = store.conn.execute("SELECT name, type, country, kb_id FROM actors ORDER BY name").fetchall()
        by_actor = store.conn.execute(
            "SELECT a.name, count(DISTINCT m.article_id) FROM actor_mentions m JOIN actors a ON a.id = m.actor_id "
            "GROUP BY a.name ORDER BY a.name").fetchall()
        speaker = store.conn.execute(
            "SELECT a.name FROM quotes q JOIN actors a ON a.id = q.speaker_actor_id").fetchall()
    assert article.entities == first.article.entities
    assert article.places == first.article.places
    assert article.quotes == first.article.quotes and article.citations == first.article.citations
    assert [tuple(r) for r in actors] == [("Amara Okonjo", "person", "LY", None),
                                          ("Islamic State", "armed_group", None, "islamic-state")]
    assert [tuple(r) for r in by_actor] == [("Amara Okonjo", 2), ("Islamic State", 2)]
    assert [r[0] for r in speaker] == ["Amara Okonjo", "Amara Okonjo"]
    assert stats["actors"] == 2 and stats["places"] == 1 and stats["quotes"] == 2
