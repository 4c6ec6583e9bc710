"""Events in the store: one row per distinct event, one report per article sentence."""

from __future__ import annotations

import newsgraph
from newsgraph.store import Store, StoredPage

STORY = (
    "Rebels shelled the airport in Goma on Monday, killing four soldiers.\n\n"
    "The army said it would not negotiate with the rebels."
)


def _stored(db_path, *articles):
    store = Store(db_path)
    store.add_batch([StoredPage(a, f"origin-{i}", f"hash-{i}", a.url) for i, a in enumerate(articles)])
    return store


def _copy(url: str, site: str, text: str = STORY, published: str = "2024-03-14"):
    article = newsgraph.analyze_text(text, published=published)
    article.url, article.site_name = url, site
    return article


def test_republished_copies_share_one_event(db_path):
    first, second = _copy("https://wire.example/a", "Wire"), _copy("https://blog.example/b", "Blog")
    with _stored(db_path, first, second) as store:
        rows = [r for r in store.iter_events(min_confidence=0) if r["type"] == "ASSAULT"]
        assert len(rows) == 1
        assert len(rows[0]["reports"]) == 2
        assert rows[0]["sources"] == ["https://blog.example/b", "https://wire.example/a"]
        assert rows[0]["place"]["name"] == "Goma" and rows[0]["date"] == "2024-03-11"
        report = rows[0]["reports"][0]
        assert report["text"].startswith("Rebels shelled") and report["status"] == "asserted"


def test_another_outlet_with_other_words_joins_the_event(db_path):
    first = _copy("https://wire.example/a", "Wire")
    other = _copy("https://other.example/c", "Other", "Rebels shelled the airport in Goma on Tuesday.", "2024-03-13")
    with _stored(db_path, first, other) as store:
        rows = [r for r in store.iter_events(min_confidence=0) if r["type"] == "ASSAULT"]
        assert len(rows) == 1 and len(rows[0]["reports"]) == 2


def test_a_different_place_is_another_event(db_path):
    first = _copy("https://wire.example/a", "Wire")
    other = _copy("https://other.example/c", "Other", "Rebels shelled the airport in Kisangani on Monday.")
    with _stored(db_path, first, other) as store:
        assert len([r for r in store.iter_events(min_confidence=0) if r["type"] == "ASSAULT"]) == 2


def test_article_reads_back_with_its_events(db_path):
    article = _copy("https://wire.example/a", "Wire")
    assert article.events
    with _stored(db_path, article) as store:
        stored, _origin = store.get(1)
        assert stored.events == article.events


def test_negated_events_are_left_out_unless_asked(db_path):
    article = _copy("https://wire.example/a", "Wire", "The army did not attack the rebel camp.")
    with _stored(db_path, article) as store:
        assert not list(store.iter_events(min_confidence=0))
        assert [r["negated"] for r in store.iter_events(include_negated=True, min_confidence=0)] == [True]
