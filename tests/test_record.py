import json

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.record import Article, Entity, Quote, RelatedPost, text_hash


def test_paragraph_offsets_point_into_text():
    article = Article.from_paragraphs(["  First paragraph. ", "", "Second one."], title="T")
    assert article.text == "First paragraph.\n\nSecond one."
    assert article.paragraph_texts() == ["First paragraph.", "Second one."]


def test_json_round_trip_keeps_every_part():
    article = Article.from_paragraphs(
        ["Minister Ana Duarte said the port would reopen.", "“We are ready,” she said."],
        title="Port to reopen",
        url="https://example.org/a",
        related=[RelatedPost("Other story", "A teaser", "https://example.org/b")],
    )
    article.entities.append(Entity("Ana Duarte", "PERSON", ["Duarte"], "Minister", [[9, 19]]))
    article.quotes.append(Quote("We are ready", 50, 62, "Ana Duarte", None, None, "said", "direct"))
    data = json.loads(article.to_json())
    assert data["schema_version"] == 1
    assert data["paragraphs"] == [{"start": 0, "end": 47}, {"start": 49, "end": 74}]
    for key in ("entities", "places", "quotes", "events", "citations", "related", "outlinks"):
        assert isinstance(data[key], list)
    assert Article.from_json(article.to_json()) == article


def test_content_hash_ignores_whitespace_only():
    assert text_hash("a  b\n c") == text_hash("a b c")
    assert text_hash("a b c") != text_hash("a b d")
    assert Article("a  b").content_hash == Article("a b").content_hash


@given(st.lists(st.text(min_size=1, max_size=40), max_size=8))
def test_from_paragraphs_offsets_always_valid(paragraphs):
    article = Article.from_paragraphs(paragraphs)
    kept = [p.strip() for p in paragraphs if p.strip()]
    assert article.paragraph_texts() == kept
    assert Article.from_json(article.to_json()) == article


def test_public_functions_keep_their_names_after_submodules_load():
    import newsgraph
    import newsgraph.extraction.html  # noqa: F401  (a subpackage import must not shadow the function)

    assert callable(newsgraph.extract) and callable(newsgraph.analyze) and callable(newsgraph.analyze_text)
    article = newsgraph.extract("<html><body><article><p>" + "Ministers met in the capital on Monday. " * 5
                                + "</p></article></body></html>")
    assert article.text.startswith("Ministers met in the capital")
