"""A text longer than the parser takes at once is enriched in windows, with linear cost, and its facts
point into the whole text.

The window and the parser's limit are made small here, so a text of a few tens of thousands of
characters stands for the texts of millions they are meant for.
"""

from __future__ import annotations

import random

import pytest

from newsgraph.enrich import enrich_articles, windows
from newsgraph.enrich.nlp import load_nlp
from newsgraph.ingest.page import RawPage
from newsgraph.pipeline import analyze_pages
from newsgraph.record import Article

NAMES = [("John", "Kirby"), ("Maria", "Hansen"), ("Ahmed", "Haddad"), ("Elena", "Petrova"), ("Peter", "Walsh")]
PLACES = ["Tripoli", "Benghazi", "Cairo", "Tunis", "Athens", "Berlin"]


def _paragraphs(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first, last = rng.choice(NAMES)
        place, other = rng.choice(PLACES), rng.choice(PLACES)
        if i % 2:
            out.append(f"{first} {last}, a senior official, said on Monday that talks in {place} would resume. "
                       f"\u201cWe will not accept any delay in the talks number {i},\u201d {last} told reporters in {other}.")
        else:
            out.append(f"Fighters attacked a checkpoint near {place} on Tuesday, the United Nations said in a "
                       f"statement. Police arrested {i} protesters in {other}.")
    return out


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts over 8,000 characters in windows of at most 4,000, and a parser that refuses texts over 10,000."""
    monkeypatch.setattr(windows, "LONG_TEXT", 8_000)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 4_000)
    monkeypatch.setattr(load_nlp(), "max_length", 10_000)


def _check_offsets(article: Article) -> None:
    text = article.text
    for entity in article.entities:
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(text)
    for quote in article.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end].strip()
    for event in article.events:
        assert 0 <= event.start < event.end <= len(text)
    ids = {e.id for e in article.entities}
    assert len(ids) == len(article.entities)
    assert {q.speaker_id for q in article.quotes if q.speaker_id} <= ids
    assert {c.source_id for c in article.citations if c.source_id} <= ids
    assert {a["id"] for ev in article.events for a in (ev.actor1, ev.actor2) if a and a.get("id")} <= ids


def test_a_text_over_the_parsers_limit_is_enriched_whole(small_windows: None) -> None:
    article = Article.from_paragraphs(_paragraphs(160), title="A long report", language="en")
    assert len(article.text) > 20_000
    [done] = enrich_articles([article])
    _check_offsets(done)
    # Facts from the first window to the last, none lost at the seams.
    assert done.quotes[0].start < 4_000 and done.quotes[-1].start > len(article.text) - 4_000
    assert len(done.quotes) >= 80 - 2
    # One actor per person across windows, with every mention: "Kirby" in every window is John Kirby.
    kirby = [e for e in done.entities if "Kirby" in e.name]
    assert len(kirby) == 1 and kirby[0].name == "John Kirby"
    assert kirby[0].mentions[-1][0] > len(article.text) - 10_000
    speakers = {q.speaker for q in done.quotes if q.speaker}
    assert "John Kirby" in speakers and "Kirby" not in speakers


def test_the_pipeline_never_shows_the_parsers_message(small_windows: None) -> None:
    html = "<html><body><article><h1>A long report</h1>" + "".join(f"<p>{p}</p>" for p in _paragraphs(160)) + \
        "</article></body></html>"
    [result] = analyze_pages([RawPage("long.html", html.encode(), url="https://example.org/long")])
    assert isinstance(result, Article), result
    assert len(result.text) > 20_000 and result.quotes


def test_windows_are_cut_at_paragraph_ends_and_a_long_paragraph_at_sentence_ends(small_windows: None) -> None:
    paragraphs = _paragraphs(40)
    paragraphs[10] = " ".join(paragraphs[:30])  # one paragraph over the window
    article = Article.from_paragraphs(paragraphs)
    cuts = windows.spans(article)
    assert all(end - start <= windows.WINDOW_CHARS for start, end in cuts)
    assert all(a[1] <= b[0] for a, b in zip(cuts, cuts[1:]))
    ends = {p.end for p in article.paragraphs}
    text = article.text
    for start, end in cuts:
        assert end in ends or text[end - 1] in ".!?\u201d"  # a paragraph or a sentence ends there
        assert text[start:end] == text[start:end].strip()
    # Nothing but white space falls between two windows.
    covered = "".join(text[s:e] for s, e in cuts)
    assert "".join(text.split()) == "".join(covered.split())


def test_ordinary_texts_are_not_cut() -> None:
    article = Article.from_paragraphs(_paragraphs(300))
    assert 30_000 < len(article.text) <= windows.LONG_TEXT
    assert windows.spans(article) == [(0, len(article.text))]


def test_windowed_facts_are_the_facts_of_each_window(small_windows: None) -> None:
    """The quotes of a windowed text are those of its windows enriched alone, shifted to their place."""
    article = Article.from_paragraphs(_paragraphs(60), title="A long report", language="en")
    [whole] = enrich_articles([Article.from_dict(article.to_dict())])
    expected = []
    for start, end in windows.spans(article):
        part = windows.part(article, start, end)
        enrich_articles([part])
        expected += [(q.start + start, q.end + start, q.kind) for q in part.quotes]
    assert [(q.start, q.end, q.kind) for q in whole.quotes] == expected
