"""Hostile cases for the database and the enrichment of long texts.

- two_ingests: two `newsgraph ingest` runs into one new database at once, sharing a third of their pages;
- four_openers: four processes opening one new database at the same moment, 20 times;
- long_text: one text of 2,000,000 characters through the pipeline (extraction and enrichment), measured
  above short_text, the same for 3,000 characters;
- near_query: a search NEAR(a a ... a) of 247 terms, from the command line and the API;
- read_only, missing_folder, not_sqlite: a database file newsgraph cannot use as asked.

Nothing here imports newsgraph at the top, so the baseline process stays the bare interpreter.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 900.0  # the 2M-character text takes a few minutes of CPU
# The long text's memory is measured above a short text's: both load the language model.
BASELINES = {"long_text": "short_text"}
NEAR_247 = "NEAR(" + " ".join(["a"] * 247) + ")"


def _page(n: int) -> str:
    """A plain-text page of its own: a headline and four paragraphs naming people and places."""
    return (f"Council {n} votes on the new bridge\n\n"
            f"The council of district {n} voted on Thursday to build a new footbridge across the river, ending a "
            f"debate that has divided residents for {n % 9 + 2} years.\n\n"
            f"Council chair Henrik Dahl said the bridge number {n} would be paid for by a regional grant and would "
            f"open before the end of next year.\n\n"
            f"\u201cThis is a good day for everyone who walks their children to school,\u201d Dahl told the meeting, "
            f"which ran late into the evening of day {n}.\n\n"
            f"Opponents had argued that the money would be better spent on repairing the old road bridge {n}.\n")


def _newsgraph(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsgraph", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)  # type: ignore[call-overload]


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def two_ingests(folder: Path) -> str:
    shared, own = 100, 200
    for name, first in (("a", 0), ("b", 10_000)):
        (folder / name).mkdir()
        for n in [*range(shared), *range(first + shared, first + shared + own)]:
            (folder / name / f"{n}.txt").write_text(_page(n), encoding="utf-8")
    db = folder / "news.db"
    runs = [_newsgraph("ingest", str(folder / name), "--db", str(db), "-q", "--no-enrich", "--batch-size", "5",
                       "--workers", "1") for name in ("a", "b")]
    answers = [run.communicate() for run in runs]
    codes = [run.returncode for run in runs]
    union = shared + 2 * own
    stored = _count(db, "articles")
    errors = [_last_line(err) for (_, err), code in zip(answers, codes) if code]
    return (f"2 ingests of {shared + own} pages ({shared} shared) into one new database: exit {codes}, "
            f"{stored} articles stored of {union} distinct" + (f"; {errors}" if errors else ""))


def _open(path: str, start: object, answers: object) -> None:
    from newsgraph.store import Store

    start.wait(10)  # type: ignore[attr-defined]
    try:
        Store(path).close()
        answers.put("ok")  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - counted
        answers.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]


def four_openers(folder: Path) -> str:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    import newsgraph.store  # noqa: F401  (imported once, before the forks)

    failed: list[str] = []
    trials = 20
    for trial in range(trials):
        start, answers = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(str(folder / f"new{trial}.db"), start, answers)) for _ in range(4)]
        for p in procs:
            p.start()
        outcomes = [answers.get(timeout=60) for _ in procs]
        for p in procs:
            p.join()
        failed += [o for o in outcomes if o != "ok"]
    return (f"{trials} trials of 4 processes opening one new database at once: "
            f"{trials * 4 - len(failed)} of {trials * 4} opened" + (f"; first failure: {failed[0]}" if failed else ""))


def long_text(folder: Path, chars: int = 2_000_000) -> str:
    from bench.longtext import long_text as text_of
    from newsgraph.ingest.page import RawPage
    from newsgraph.pipeline import analyze_pages

    text = "A long report\n\n" + text_of(chars)
    page = RawPage(str(folder / "long.txt"), text.encode("utf-8"), content_type="text/plain")
    started = time.perf_counter()
    [result] = analyze_pages([page])
    seconds = time.perf_counter() - started
    if not hasattr(result, "text"):
        return f"{len(text):,} characters: no article ({result.reason})"  # type: ignore[union-attr]
    return (f"{len(result.text):,} characters extracted and enriched in {seconds:.0f} s: {len(result.entities)} actors, "
            f"{len(result.quotes)} quotes, {len(result.events)} events")


def near_query(folder: Path) -> str:
    from fastapi.testclient import TestClient

    from newsgraph.record import Article
    from newsgraph.store import Store, StoredPage
    from newsgraph.web import create_app

    db = folder / "news.db"
    body = ("a river a town a flood a week a school a road a bridge a " * 60).strip()
    with Store(db) as store:
        store.add_batch([StoredPage(Article.from_paragraphs([f"{body} {n}."], title=f"A {n}", url=f"https://example.org/{n}"),
                                    f"{n}.txt", f"h{n}") for n in range(500)])
    started = time.process_time()
    cli = _newsgraph("search", NEAR_247, "--db", str(db))
    _, err = cli.communicate()
    client = TestClient(create_app(str(db)), raise_server_exceptions=False)
    api_started = time.process_time()
    response = client.get("/api/search", params={"q": NEAR_247})
    api_cpu = time.process_time() - api_started
    return (f"search NEAR(a x 247) on 500 articles: CLI exit {cli.returncode} `{_last_line(err)}`; API {response.status_code} "
            f"in {api_cpu * 1000:.0f} ms of CPU ({time.process_time() - started:.1f} s in all)")


def _write_page(folder: Path) -> Path:
    page = folder / "page.txt"
    page.write_text(_page(1), encoding="utf-8")
    return page


def read_only(folder: Path) -> str:
    """As root, file modes do not stop a write: then the store's connections are opened read-only (mode=ro)."""
    from click.testing import CliRunner

    from newsgraph.cli import main

    db = folder / "ro.db"
    assert _newsgraph("ingest", str(_write_page(folder)), "--db", str(db), "-q", "--no-enrich").wait() == 0
    (folder / "more.txt").write_text(_page(2), encoding="utf-8")
    db.chmod(0o444)
    how = "file mode 0444"
    if os.geteuid() == 0:
        connect = sqlite3.connect

        def connect_read_only(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
            if str(database) == str(db):
                return connect(f"{db.as_uri()}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
            return connect(database, *args, **kwargs)  # type: ignore[arg-type]

        sqlite3.connect = connect_read_only  # type: ignore[assignment]
        how = "opened with mode=ro (running as root)"
    runner = CliRunner()
    ingest = runner.invoke(main, ["ingest", str(folder / "more.txt"), "--db", str(db), "-q", "--no-enrich"])
    show = runner.invoke(main, ["show", "1", "--db", str(db)])
    return (f"read-only database ({how}): ingest exit {ingest.exit_code} `{_last_line(ingest.output)}`; "
            f"show exit {show.exit_code} ({'reads it' if 'Council 1' in show.output else 'does not read it'})")


def missing_folder(folder: Path) -> str:
    run = _newsgraph("ingest", str(_write_page(folder)), "--db", str(folder / "no" / "such" / "news.db"), "-q")
    _, err = run.communicate()
    return f"ingest exit {run.returncode}: `{_last_line(err)}`"


def not_sqlite(folder: Path) -> str:
    db = folder / "notes.db"
    db.write_text("My notes, not a database.\n" * 200, encoding="utf-8")
    lines = []
    for args in (["ingest", str(_write_page(folder)), "-q"], ["search", "bridge"], ["export", str(folder / "o.jsonl"), "--format", "jsonl"]):
        run = _newsgraph(*args, "--db", str(db))
        _, err = run.communicate()
        lines.append(f"{args[0]} exit {run.returncode}")
    return f"{', '.join(lines)}: `{_last_line(err)}`"


CASES: dict[str, Callable[[Path], str]] = {
    "two_ingests": two_ingests,
    "four_openers": four_openers,
    "short_text": lambda folder: long_text(folder, 3_000),
    "long_text": long_text,
    "near_query": near_query,
    "read_only": read_only,
    "missing_folder": missing_folder,
    "not_sqlite": not_sqlite,
}
