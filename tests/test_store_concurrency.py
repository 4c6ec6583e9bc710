"""Several processes writing one database at once: each finishes, and the union of what they wrote is stored.

The writers start together on a file that does not exist yet (so they also race to create and
migrate it) and store overlapping batches: the articles both of them read are stored once, as
"already stored" for the later one, never as an error.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from newsgraph.record import Article
from newsgraph.store import Store, StoredPage
from newsgraph.store.schema import MIGRATIONS


def _page(n: int, origin: str) -> StoredPage:
    text = f"Article number {n} reports that the river rose by {n} centimetres.\n\nResidents of town {n} were moved."
    article = Article.from_paragraphs(text.split("\n\n"), title=f"Story {n}", url=f"https://example.org/{n}",
                                      extraction_method="trafilatura")
    return StoredPage(article, origin, page_hash=f"{origin}|{n}", url=article.url)


def _writer(db_path: str, me: int, numbers: list[int], start: multiprocessing.synchronize.Barrier,  # type: ignore[name-defined]
            answers: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        start.wait(10)
        statuses = []
        with Store(db_path) as store:
            for i in range(0, len(numbers), 5):
                results = store.add_batch([_page(n, f"w{me}") for n in numbers[i : i + 5]])
                statuses += [r.status for r in results]
        answers.put((me, "ok", statuses))
    except BaseException as exc:  # noqa: BLE001 - the test reports whatever ended a writer
        answers.put((me, "error", f"{type(exc).__name__}: {exc}"))


def _run_writers(db_path: str, plans: list[list[int]]) -> dict[int, tuple[str, object]]:
    ctx = multiprocessing.get_context("fork")
    start = ctx.Barrier(len(plans))
    answers = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(db_path, me, numbers, start, answers)) for me, numbers in enumerate(plans)]
    for p in procs:
        p.start()
    got = {}
    for _ in procs:
        me, outcome, detail = answers.get(timeout=60)
        got[me] = (outcome, detail)
    for p in procs:
        p.join(10)
    return got


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_on_a_new_database_all_finish_with_the_union_stored(tmp_path: Path, writers: int) -> None:
    db_path = str(tmp_path / "new.db")
    # Each writer has 20 articles of its own and 10 that every writer stores too.
    shared = list(range(1000, 1010))
    plans = [shared + list(range(me * 100, me * 100 + 20)) for me in range(writers)]
    got = _run_writers(db_path, plans)
    assert {me: outcome for me, (outcome, _) in got.items()} == dict.fromkeys(range(writers), "ok"), got
    conn = sqlite3.connect(db_path)
    urls = {row[0] for row in conn.execute("SELECT url FROM articles")}
    assert urls == {f"https://example.org/{n}" for plan in plans for n in plan}
    # Every shared article stored once: by one writer, "duplicate" for the others.
    stored = sum(statuses.count("stored") for _, statuses in got.values())  # type: ignore[union-attr]
    assert stored == len(urls)
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == sum(len(p) for p in plans)
    # Every migration applied once.
    assert sorted(r[0] for r in conn.execute("SELECT version FROM schema_migrations")) == sorted(v for v, _, _ in MIGRATIONS)


def test_opening_a_new_database_from_many_processes_at_once(tmp_path: Path) -> None:
    for trial in range(5):
        db_path = str(tmp_path / f"new{trial}.db")
        got = _run_writers(db_path, [[]] * 4)
        assert all(outcome == "ok" for outcome, _ in got.values()), got


def test_opening_a_database_that_is_up_to_date_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    with Store(db_path) as store:
        store.add_batch([_page(1, "a")])
    before = db_path.read_bytes()
    for _ in range(3):
        Store(db_path).close()
    assert db_path.read_bytes() == before


def test_two_ingest_commands_into_one_new_database_both_finish(tmp_path: Path) -> None:
    import subprocess
    import sys

    for name, first in (("a", 0), ("b", 1000)):
        (tmp_path / name).mkdir()
        for n in [*range(20), *range(first + 20, first + 60)]:
            (tmp_path / name / f"{n}.txt").write_text(
                f"Council {n} votes on the bridge\n\nThe council of district {n} voted on Thursday to build a new "
                f"footbridge across the river number {n}, ending a long debate among its residents.\n\n"
                f"Opponents had argued that the money would be better spent on the old road bridge {n}.\n",
                encoding="utf-8")
    db = tmp_path / "news.db"
    runs = [subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(tmp_path / name), "--db", str(db), "-q",
                              "--no-enrich", "--batch-size", "3", "--workers", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    answers = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], answers
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 20 + 2 * 40
