"""Tone: what a reader sees of it in the record, the store, the pages, the API and the GDELT export.

Every text here is written for the tests (invented events and people, in the shape of news copy).
"""

from __future__ import annotations

import io
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from newsgraph.enrich import enrich_articles, windows
from newsgraph.enrich.tone import text_tone
from newsgraph.export import write as export
from newsgraph.export.gdelt import COLUMNS
from newsgraph.record import Article
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters
from newsgraph.web import create_app

WAR = ("Gunmen loyal to commander Idris Balogun attacked the village of Marsa on Monday, killing twelve civilians "
       "and wounding dozens.\n\n"
       "Survivors said Balogun's fighters burned homes and murdered farmers in a brutal assault.\n\n"
       "Aid workers fear the death toll will rise as the violence spreads.")
PEACE = ("The rival parties signed a historic peace agreement in Marsa on Friday, and crowds celebrated in the "
         "streets.\n\n"
         "Mediator Clara Voss praised the generous support of donors and called the deal a great success.\n\n"
         "Families said they were happy and hopeful for a better future.")
MIXED = ("Commander Idris Balogun ordered the deadly shelling of the market, killing six traders.\n\n"
         "Mediator Clara Voss praised the brave volunteers and thanked the generous donors.\n\n"
         "Balogun was blamed for the brutal attack.\n\n"
         "Voss said she was proud of the wonderful aid workers.")


def _article(text: str, url: str, title: str, published: str = "2026-05-04", language: str | None = "en") -> Article:
    return Article.from_paragraphs(text.split("\n\n"), title=title, url=url, site_name="Courier",
                                   published=published, language=language)


@pytest.fixture(scope="module")
def enriched() -> dict[str, Article]:
    articles = {"war": _article(WAR, "https://courier.example/war", "Gunmen kill twelve in Marsa"),
                "peace": _article(PEACE, "https://courier.example/peace", "Peace deal signed in Marsa",
                                  published="2026-05-15"),
                "mixed": _article(MIXED, "https://courier.example/mixed", "Shelling and relief in Marsa")}
    enrich_articles(list(articles.values()))
    return articles


@pytest.fixture(scope="module")
def db(enriched, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("tone") / "tone.db")
    with Store(path) as store:
        store.add_batch([StoredPage(a, a.url or "", f"page-{name}", a.url) for name, a in enriched.items()])
    return path


def _actor_tone(article: Article, name: str):
    [entity] = [e for e in article.entities if e.name.endswith(name)]
    [tone] = [t for t in article.actor_tones if t.actor_id == entity.id]
    return tone


# -- the figures -----------------------------------------------------------------------------


def test_war_reads_negative_and_peace_positive(enriched):
    war, peace = enriched["war"].tone, enriched["peace"].tone
    assert war is not None and peace is not None
    assert war.tone < 0 < peace.tone
    assert war.negative > war.positive and peace.positive > peace.negative
    assert war.polarity == pytest.approx(war.positive + war.negative, abs=1e-3)
    assert war.words == len(re.findall(r"\w+(?:'\w+)?", WAR))  # every word counted, punctuation not
    assert all(s.tone < 0 for s in enriched["war"].sentence_tones)
    assert all(s.tone > 0 for s in enriched["peace"].sentence_tones)


def test_each_sentence_tone_is_a_span_of_the_text(enriched):
    article = enriched["war"]
    sentences = [article.text[s.start:s.end] for s in article.sentence_tones]
    assert sentences == WAR.split("\n\n")


def test_an_actor_named_only_in_negative_sentences_reads_negative(enriched):
    mixed = enriched["mixed"]
    balogun, voss = _actor_tone(mixed, "Balogun"), _actor_tone(mixed, "Voss")
    assert balogun.tone < 0 < voss.tone
    assert balogun.sentences == 2 and voss.sentences == 2  # "Balogun", "Voss", "she": by name and by pronoun


def test_a_negated_word_counts_with_the_opposite_sign():
    plain = _article("The talks were a success and the envoys were happy.", "https://x.example/1", "Talks")
    negated = _article("The talks were not a success and the envoys were never happy.", "https://x.example/2", "Talks")
    enrich_articles([plain, negated])
    assert plain.tone is not None and negated.tone is not None
    assert plain.tone.tone > 0 > negated.tone.tone


@pytest.mark.parametrize("text", ["", "!!! ... ???", "\u2014 \u2014", "Президент подписал указ о мире.",
                                  "他说这是一个好消息。", "\U0001f600\U0001f622", "a" * 3 + " <b>&amp;</b>"])
def test_odd_text_gives_a_tone_or_none_without_failing(text):
    article = Article(text=text, paragraphs=Article.paragraph_spans(text))
    enrich_articles([article])
    if article.tone is None:
        assert article.sentence_tones == [] and article.actor_tones == []
    else:
        assert -100 <= article.tone.tone <= 100 and article.tone.words > 0
    assert Article.from_json(article.to_json()) == article


def test_an_article_in_another_language_has_no_tone():
    article = _article("Les rebelles ont attaqué le village. Le ministre a salué la paix.", "https://x.example/fr",
                       "Attaque", language="fr")
    enrich_articles([article])
    assert article.tone is None and article.sentence_tones == []


def test_the_record_keeps_tone_through_json(enriched):
    article = enriched["mixed"]
    again = Article.from_json(article.to_json())
    assert again.tone == article.tone and again.sentence_tones == article.sentence_tones
    assert again.actor_tones == article.actor_tones


def test_a_long_text_in_windows_has_the_tone_of_its_sentences(monkeypatch):
    whole = _article(MIXED, "https://x.example/w", "Windows")
    cut = _article(MIXED, "https://x.example/w", "Windows")
    enrich_articles([whole])
    monkeypatch.setattr(windows, "LONG_TEXT", 100)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 100)
    assert len(windows.spans(cut)) > 1
    enrich_articles([cut])
    assert [(s.start, s.end, s.tone) for s in cut.sentence_tones] == \
        [(s.start, s.end, s.tone) for s in whole.sentence_tones]
    assert cut.tone is not None and whole.tone is not None
    assert cut.tone.words == whole.tone.words and cut.tone.tone == pytest.approx(whole.tone.tone, abs=1e-3)
    # an actor found with the same mentions in the windows as in the whole text has the same tone
    voss = [e for e in cut.entities if e.name == "Clara Voss"][0]
    assert voss.mentions == [e for e in whole.entities if e.name == "Clara Voss"][0].mentions
    assert _actor_tone(cut, "Voss") == _actor_tone(whole, "Voss")


# -- the store -------------------------------------------------------------------------------


def test_the_store_gives_back_the_tone_it_was_given(db, enriched):
    with Store(db) as store:
        stored = {a.url: a for _, _, a in store.iter_articles()}
    for article in enriched.values():
        back = stored[article.url]
        assert back.tone == article.tone and back.sentence_tones == article.sentence_tones
        assert [(t.tone, t.sentences) for t in back.actor_tones] == [(t.tone, t.sentences) for t in article.actor_tones]


def test_a_retried_article_does_not_add_tone_rows(enriched, tmp_path):
    article = enriched["war"]
    first = len(article.sentence_tones)
    enrich_articles([article])  # enriched again: the component replaces what it assigns
    assert len(article.sentence_tones) == first
    path = str(tmp_path / "retry.db")
    with Store(path) as store:
        store.add_batch([StoredPage(article, "war.html", "p1", article.url)])
        store.add_batch([StoredPage(article, "war.html", "p2", article.url)])  # fetched again
        counts = [store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("article_tone", "sentence_tones", "actor_tones")]
    assert counts == [1, first, len(article.actor_tones)]


# -- pages, API, export ----------------------------------------------------------------------


def test_the_article_page_and_api_show_its_tone(db, enriched):
    client = TestClient(create_app(db))
    items = client.get("/api/articles", params={"limit": 10}).json()["items"]
    war_id = next(i["id"] for i in items if i["url"].endswith("/war"))
    data = client.get(f"/api/articles/{war_id}").json()
    assert data["tone"]["tone"] == enriched["war"].tone.tone < 0
    assert set(data["tone"]) == {"tone", "positive", "negative", "polarity", "activity", "self_group", "words"}
    assert [s["tone"] for s in data["sentence_tones"]] == [s.tone for s in enriched["war"].sentence_tones]
    [balogun] = [t for t in data["actor_tones"] if t["actor"].endswith("Balogun")]
    assert balogun["tone"] < 0 and client.get(f"/api/actors/{balogun['actor_id']}").status_code == 200
    page = client.get(f"/articles/{war_id}").text
    assert 'id="article-tone"' in page and f"{enriched['war'].tone.tone:+.2f}" in page
    assert "Most negative sentence" in page


def test_scraped_text_in_the_tone_section_is_escaped(tmp_path):
    text = "Raiders <script>alert(1)</script> killed and wounded villagers in a brutal attack."
    article = _article(text, "https://x.example/esc", "Escape")
    enrich_articles([article])
    path = str(tmp_path / "esc.db")
    with Store(path) as store:
        [result] = store.add_batch([StoredPage(article, "esc.html", "p", article.url)])
    page = TestClient(create_app(path)).get(f"/articles/{result.article_id}").text
    section = page[page.index('id="article-tone"'):]
    assert "Most negative sentence" in section and "&lt;script&gt;" in section and "<script>alert" not in section


def test_the_actor_page_and_api_show_tone_over_time(db):
    client = TestClient(create_app(db))
    [voss] = [a for a in client.get("/api/actors", params={"name": "Voss"}).json()["items"]]
    one = client.get(f"/api/actors/{voss['id']}").json()
    assert one["tone"]["tone"] > 0 and one["tone"]["articles"] >= 1
    series = client.get(f"/api/actors/{voss['id']}/tone", params={"interval": "day"}).json()["series"]
    assert series and all(p["tone"] > 0 for p in series) and series[0]["period"].startswith("2026-05")
    [balogun] = [a for a in client.get("/api/actors", params={"name": "Balogun"}).json()["items"]]
    series = client.get(f"/api/actors/{balogun['id']}/tone", params={"interval": "day"}).json()["series"]
    assert [p["period"] for p in series] == ["2026-05-04"] and series[0]["tone"] < 0
    page = client.get(f"/actors/{balogun['id']}").text
    assert 'id="actor-tone-chart"' in page and 'data-kind="tone"' in page
    assert client.get("/api/actors/999999/tone").status_code == 404
    csv_text = client.get(f"/api/actors/{balogun['id']}/tone", params={"format": "csv", "interval": "day"}).text
    assert csv_text.splitlines()[0].startswith("period,tone") and "2026-05-04" in csv_text


def _gdelt(db: str) -> list[dict[str, str]]:
    out = io.BytesIO()
    with Store(db) as store:
        export(store, "gdelt-events", out, Filters(min_confidence=0))  # every event, however sure
    return [dict(zip(COLUMNS, line.split("\t"))) for line in out.getvalue().decode().splitlines()]


def test_gdelt_avgtone_is_the_stored_tone_of_the_reporting_sentences(db, tmp_path):
    copy = str(tmp_path / "copy.db")
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    rows = _gdelt(copy)
    assert len(rows) > 1, "the articles report events"
    conn = sqlite3.connect(copy)

    def reports(event_id: int, sql: str) -> list:
        return [r[0] for r in conn.execute(sql, (event_id,))]

    for row in rows:
        tones = reports(int(row["GLOBALEVENTID"]),
                        "SELECT s.tone FROM event_reports r JOIN sentence_tones s ON s.article_id = r.article_id "
                        "AND s.start_offset = r.start_offset WHERE r.event_id = ?")
        assert tones and float(row["AvgTone"]) == pytest.approx(sum(tones) / len(tones), abs=1e-3)
    # The stored figure is what is exported: change it, and the export follows.
    conn.execute("UPDATE sentence_tones SET tone = -42.5")
    conn.commit()
    assert {float(r["AvgTone"]) for r in _gdelt(copy)} == {-42.5}
    # An article stored before tone was measured: its sentence is scored from its text, by the same lexicon.
    conn.execute("DELETE FROM sentence_tones")
    conn.execute("DELETE FROM article_tone")
    conn.commit()
    for row in _gdelt(copy):
        texts = reports(int(row["GLOBALEVENTID"]), "SELECT text FROM event_reports WHERE event_id = ?")
        expected = [text_tone(t) for t in texts]
        assert float(row["AvgTone"]) == pytest.approx(sum(expected) / len(expected), abs=1e-3)
