"""Enrich a text once: a republished copy takes its source's facts through the alignment (pages written here)."""

from __future__ import annotations

import pickle

import pytest

from newsgraph import pipeline
from newsgraph.corpus.reuse import align
from newsgraph.corpus.reuse.recent import RecentSources
from newsgraph.corpus.reuse.transfer import OffsetMap, facts_through, remainder
from newsgraph.ingest.page import RawPage
from newsgraph.ingest.service import ServiceOptions, StoredSources, ingest_items
from newsgraph.record import Article, Entity, Quote
from newsgraph.store import Store
from tests.pages import news_page

SOURCE_URL = "https://www.harbour-courier.example/world/2026/03/port-talks.html"
COPY_URL = "https://www.valley-gazette.example/news/2026/03/15/port-talks-collapse.html"

STORY = [
    "Talks between the dockworkers' union and the port authority of Valencia collapsed on Thursday after "
    "eleven hours of negotiations, and the union said the strike that has closed the container terminals "
    "since Monday would go on into next week.",
    "“They came to the table with nothing new, nothing at all,” said Marta Ferrer, the union's general "
    "secretary, speaking outside the authority's offices as several hundred strikers gathered behind a "
    "line of police vans.",
    "The port authority said in a statement that it had offered to guarantee every current job until 2030 "
    "and to retrain workers for the automated cranes, an offer it described as the most generous in the "
    "history of the port.",
    "Shipping companies have diverted at least fourteen vessels to Barcelona and Marseille since the walkout "
    "began, according to the regional chamber of commerce, which put the cost to local businesses at about "
    "nine million euros a day.",
    "Spain's transport minister, Raúl Ortega, urged both sides to return to the talks. “Every day the port "
    "stays shut hurts families far beyond the docks,” Ortega told the national broadcaster on Thursday "
    "evening.",
    "The union has called a demonstration in the city centre for Saturday, and dockworkers in Bilbao and "
    "Algeciras said they would stop work for two hours on Friday in solidarity with the strikers.",
    "“We will not be blackmailed by a few hundred people who refuse to accept change,” said Jorge Lluch, the "
    "president of the port authority, in an interview published late on Thursday by the newspaper Levante.",
]
NOTE = "Editor's note: this story was first published by the Harbour Courier and is republished with permission."


def source_page() -> str:
    return news_page("Valencia port talks collapse as strike goes on", STORY, url=SOURCE_URL)


def copy_page() -> str:
    """Republished: a new headline, an editor's note inserted, the last paragraph trimmed."""
    return news_page("Strike at Valencia port to continue after talks fail", [NOTE, *STORY[:-1]], url=COPY_URL,
                     site="The Valley Gazette", author="Staff", published="2026-03-15T06:00:00Z")


def analyzed(*contents: tuple[str, str], find_source=None) -> list[Article]:
    pages = [RawPage(origin=url, content=html, url=url) for url, html in contents]
    results = pipeline.analyze_pages(pages, find_source=find_source)
    assert all(isinstance(r, Article) for r in results), results
    return results  # type: ignore[return-value]


@pytest.fixture(scope="module")
def pair() -> tuple[Article, Article]:
    return tuple(analyzed((SOURCE_URL, source_page()), (COPY_URL, copy_page())))  # type: ignore[return-value]


def test_copy_takes_the_sources_quotes_at_its_own_offsets(pair):
    source, copy = pair
    assert source.facts_from is None and copy.facts_from == source.content_hash
    assert copy.text != source.text and NOTE in copy.text
    kept = [q for q in source.quotes if "blackmailed" not in q.text]
    assert kept, "the source has quotes outside its last paragraph"
    assert sorted(q.text for q in copy.quotes) == sorted(q.text for q in kept)
    for quote, original in zip(sorted(copy.quotes, key=lambda q: q.start), sorted(kept, key=lambda q: q.start)):
        assert copy.text[quote.start:quote.end] == source.text[original.start:original.end]
        assert quote.text in copy.text[quote.start:quote.end]
        assert copy.text[quote.speaker_start:quote.speaker_end] == \
            source.text[original.speaker_start:original.speaker_end]  # type: ignore[misc]
        if original.speaker_id:  # the speaker is the same actor, under the copy's id
            [speaker] = [e for e in copy.entities if e.id == quote.speaker_id]
            assert speaker.name == original.speaker
    confidences = {q.text: q.confidence for q in source.quotes}
    assert all(q.confidence == confidences[q.text] for q in copy.quotes)


def test_actors_places_and_events_are_carried_to_the_copys_offsets(pair):
    source, copy = pair
    source_names = {e.name for e in source.entities}
    assert "Marta Ferrer" in {e.name for e in copy.entities} <= source_names
    originals = {e.name: e for e in source.entities}
    for entity in copy.entities:
        said = [source.text[s:e] for s, e in originals[entity.name].mentions]
        assert [copy.text[s:e] for s, e in entity.mentions] == said[:len(entity.mentions)]
    by_text = {source.text[e.start:e.end] for e in source.events}
    assert copy.events and all(copy.text[e.start:e.end] in by_text for e in copy.events)
    place_names = {p.name for p in source.places}
    assert {p.name for p in copy.places} <= place_names
    for place in copy.places:
        assert all(copy.text[s:e] for s, e in place.mentions)
    for theme in copy.themes:
        assert all(0 <= s < e <= len(copy.text) for s, e in theme.evidence)
    assert copy.tone is not None and copy.sentence_tones


def test_a_fact_in_the_trimmed_paragraph_is_not_carried(pair):
    source, copy = pair
    assert any("blackmailed" in q.text for q in source.quotes)
    assert not any("blackmailed" in q.text for q in copy.quotes)
    assert "Jorge Lluch" in {e.name for e in source.entities}
    assert "Jorge Lluch" not in {e.name for e in copy.entities}
    assert "Levante" not in copy.text


def test_same_facts_whether_the_source_is_stored_or_earlier_in_the_batch(pair, tmp_path):
    source, in_batch = pair
    with Store(tmp_path / "db.sqlite") as store:
        ingest_items([RawPage(SOURCE_URL, source_page(), url=SOURCE_URL)], store, ServiceOptions(workers=1))
        [from_store] = analyzed((COPY_URL, copy_page()), find_source=StoredSources(store))
        assert from_store.facts_from == source.content_hash
        assert from_store.to_dict() == in_batch.to_dict()
        # as a worker process gets it: pickled, it opens the database read-only itself
        [from_worker] = analyzed((COPY_URL, copy_page()), find_source=pickle.loads(pickle.dumps(StoredSources(store))))
        assert from_worker.to_dict() == in_batch.to_dict()
        seen = []
        ingest_items([RawPage(COPY_URL, copy_page(), url=COPY_URL)], store,
                     ServiceOptions(workers=1, on_batch=lambda report: seen.extend(report.results)))
        [result] = seen
        stored, _ = store.get(result.article_id)  # type: ignore[misc]
        assert store.reuse_of(result.article_id)["class"] == "full_copy"
    assert [(q.text, q.start, q.end, q.speaker) for q in stored.quotes] == \
        [(q.text, q.start, q.end, q.speaker) for q in in_batch.quotes]
    assert sorted((e.name, e.mentions) for e in stored.entities) == sorted((e.name, e.mentions) for e in in_batch.entities)
    assert [(e.type, e.start, e.end) for e in stored.events] == [(e.type, e.start, e.end) for e in in_batch.events]


def test_a_text_well_below_the_threshold_is_parsed_itself():
    half = news_page("Valencia strike: what we know", [STORY[0], STORY[3],
                     "Here is everything else we know about the dispute, from the first walkout to the latest offer, "
                     "and what the automation plan means for the people who load and unload the ships every day. "
                     "The plan was announced in January and has been opposed by the union from the start, "
                     "which calls it a threat to more than a thousand jobs at the port over the next decade."],
                     url="https://www.valley-gazette.example/explainer.html")
    source, other = analyzed((SOURCE_URL, source_page()), ("https://www.valley-gazette.example/explainer.html", half))
    assert other.facts_from is None


def test_length_changing_case_mappings_align_and_map_offsets():
    # "İ" lower-cases to two code points; the texts' offsets must still map exactly.
    base = ("İstanbul belediyesi İSKİ yetkilileri perşembe günü yaptığı açıklamada barajlardaki su seviyesinin "
            "yüzde otuzun altına düştüğünü ve İstanbul'un bazı ilçelerinde geceleri su kesintisi "
            "uygulanacağını duyurdu. ")
    source_text = base * 4 + "Son paragraf kaldırıldı ve burada kalmadı bile, hiç kimse okumadı bunu."
    copy_text = "Düzeltme: haber güncellendi.\n\n" + base * 4
    source = Article(text=source_text, language="tr")
    quote_at = source_text.index("barajlardaki")
    source.quotes = [Quote(text="barajlardaki su seviyesinin", start=quote_at, end=quote_at + 27, confidence=0.7)]
    last = source_text.index("Son paragraf")
    source.entities = [Entity(name="İSKİ", type="organization", mentions=[[20, 24], [last, last + 3]], id="e1")]
    copy = Article(text=copy_text, language="tr")
    found = align(copy_text, source_text)
    assert found.passages
    result = facts_through(found, source, copy)
    [quote] = result.quotes
    assert result.text[quote.start:quote.end] == "barajlardaki su seviyesinin" and quote.confidence == 0.7
    [entity] = result.entities
    assert [result.text[s:e] for s, e in entity.mentions] == ["İSKİ"]


def test_an_edited_word_inside_a_passage_maps_around_it():
    source_text = " ".join(f"word{i}" for i in range(60))
    copy_text = source_text.replace("word30", "changed")
    mapping = OffsetMap(align(copy_text, source_text).passages, source_text, copy_text)
    at = source_text.index("word10")
    assert mapping.span(at, at + 6) == (at, at + 6)
    at = source_text.index("word40")
    shift = len("changed") - len("word30")
    assert mapping.span(at, at + 6) == (at + shift, at + shift + 6)


def test_remainder_keeps_long_unaligned_parts_only():
    text = "a" * 100 + " " + "b" * 400 + " " + "c" * 50
    assert remainder(text, [(0, 100, 0, 100), (502, 553, 0, 51)]) == [(101, 501)]


def test_a_spark_worker_takes_a_copys_facts_from_an_article_it_enriched_in_an_earlier_chunk(pair):
    recent = RecentSources()  # what each Spark Python worker keeps (scale/job.py)
    [source] = analyzed((SOURCE_URL, source_page()), find_source=recent)
    [copy] = analyzed((COPY_URL, copy_page()), find_source=recent)
    assert source.facts_from is None and copy.facts_from == source.content_hash
    assert copy.to_dict() == pair[1].to_dict()
