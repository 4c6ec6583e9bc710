"""The cost of one full-text query is bounded before it runs: too many terms, or a NEAR group of too many
phrases (whose cost grows with the square of its size, inside one step SQLite cannot interrupt), is a
one-line QueryError, a 400 in the API, a one-line error from `newsgraph search`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsgraph.cli import main
from newsgraph.record import Article
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters, QueryError
from newsgraph.store.read.filters import MAX_NEAR_PHRASES, MAX_QUERY_TERMS
from newsgraph.web import create_app

NEAR_247 = "NEAR(" + " ".join(["a"] * 247) + ")"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "q.db")
    text = ("a river a town a flood a week a school a road a bridge " * 10).strip()
    pages = []
    for n in range(60):
        article = Article.from_paragraphs([f"Story {n}: {text}.", f"Paragraph two of story {n}, a short one."],
                                          title=f"Story {n}", url=f"https://example.org/{n}", extraction_method="textdump")
        pages.append(StoredPage(article, f"{n}.txt", f"h{n}", article.url))
    with Store(path) as store:
        store.add_batch(pages)
    return path


@pytest.mark.parametrize("query", [
    NEAR_247,
    "NEAR(" + " ".join(["a"] * (MAX_NEAR_PHRASES + 1)) + ", 10)",
    " ".join(["flood"] * (MAX_QUERY_TERMS + 1)),
    " OR ".join(f'"a {n}"' for n in range(MAX_QUERY_TERMS)),
    "&&& " + " ".join(["a"] * (MAX_QUERY_TERMS + 1)),  # not FTS5 syntax: read as plain words, still counted
])
def test_a_query_over_the_cost_limit_is_refused_before_it_runs(query: str) -> None:
    with pytest.raises(QueryError) as refused:
        Filters(q=query)
    assert str(refused.value).startswith("q: ") and "\n" not in str(refused.value)


@pytest.mark.parametrize("query", [
    "flood", '"river floods" danube', "NEAR(river town, 10) OR school*", "title: bridge NOT road",
    "NEAR(" + " ".join(["a"] * MAX_NEAR_PHRASES) + ")", " ".join(["flood"] * MAX_QUERY_TERMS),
])
def test_ordinary_queries_pass(query: str, db: str) -> None:
    with Store.open_read_only(db) as store:
        store.search_page(Filters(q=query))


def test_the_api_answers_400_at_once_and_the_cli_one_line(db: str) -> None:
    client = TestClient(create_app(db), raise_server_exceptions=False)
    started = time.process_time()
    response = client.get("/api/search", params={"q": NEAR_247})
    assert time.process_time() - started < 0.5
    assert response.status_code == 400
    assert "NEAR" in response.text
    result = CliRunner().invoke(main, ["search", NEAR_247, "--db", db])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and result.output.startswith("Error: q: ")
