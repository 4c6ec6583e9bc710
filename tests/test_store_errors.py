"""A database file that cannot be used as asked: one line naming it and the reason, from every command.

A read-only file, a path in a folder that does not exist, and a file that is not a SQLite database,
given to `ingest`, `serve`, `show`, `search` and `export`.  A read-only file still serves the commands
that only read.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.record import Article
from newsgraph.store import Store, StoredPage, StoreError, StoreReadOnly

TEXT = ("River floods force thousands from homes along the Danube after days of rain.\n\n"
        "Officials in the town said the water would not fall before the weekend, and that schools would stay shut.")


def _database(path: Path) -> Path:
    article = Article.from_paragraphs(TEXT.split("\n\n"), title="River floods", url="https://example.org/floods",
                                      extraction_method="trafilatura")
    with Store(path) as store:
        store.add_batch([StoredPage(article, "floods.html", "h1", article.url)])
    return path


@pytest.fixture
def read_only_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database newsgraph may read but not write (as root, file modes do not stop a write: the
    connections the store opens on the path are made read-only instead)."""
    path = _database(tmp_path / "ro.db")
    path.chmod(0o444)
    if os.geteuid() == 0:
        connect = sqlite3.connect

        def read_only(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
            if str(database) == str(path):
                return connect(f"{path.as_uri()}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
            return connect(database, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(sqlite3, "connect", read_only)
    return path


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text("Harbour workers strike\n\n" + TEXT.replace("River", "Harbour") * 3, encoding="utf-8")
    return path


def _one_line_error(result, path: Path) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.output
    return lines[0]


def _commands(db: Path, page: Path, tmp_path: Path) -> dict[str, list[str]]:
    return {
        "ingest": ["ingest", str(page), "--db", str(db), "-q"],
        "serve": ["serve", "--db", str(db)],
        "serve --allow-ingest": ["serve", "--allow-ingest", "--token", "t", "--db", str(db)],
        "show": ["show", "1", "--db", str(db)],
        "search": ["search", "floods", "--db", str(db)],
        "export": ["export", str(tmp_path / "out.jsonl"), "--format", "jsonl", "--db", str(db)],
    }


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    served: list[str] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.append("served"))
    return served


@pytest.mark.parametrize("bad", ["missing folder", "not sqlite", "not newsgraph"])
def test_a_database_that_cannot_be_used_is_one_line_from_every_command(tmp_path: Path, page: Path, bad: str,
                                                                       no_server: list[str]) -> None:
    if bad == "missing folder":
        db = tmp_path / "no" / "such" / "folder" / "news.db"
    elif bad == "not sqlite":
        db = tmp_path / "notes.db"
        db.write_text("These are my notes, not a database. " * 50, encoding="utf-8")
    else:
        db = tmp_path / "other.db"
        other = sqlite3.connect(db)
        other.execute("CREATE TABLE contacts (name TEXT)")
        other.commit()
        other.close()
    before = db.read_bytes() if db.exists() else None
    for name, args in _commands(db, page, tmp_path).items():
        line = _one_line_error(CliRunner().invoke(main, args), db)
        assert {"missing folder": "folder", "not sqlite": "not", "not newsgraph": "not"}[bad] in line, (name, line)
    assert no_server == []
    assert (db.read_bytes() if db.exists() else None) == before  # nothing written into a file not ours


def test_a_read_only_database_is_read_by_reading_commands_and_one_line_for_writing_ones(
        tmp_path: Path, read_only_db: Path, page: Path, no_server: list[str]) -> None:
    commands = _commands(read_only_db, page, tmp_path)
    for name in ("ingest", "serve --allow-ingest"):
        line = _one_line_error(CliRunner().invoke(main, commands[name]), read_only_db)
        assert "read-only" in line, (name, line)
    for name in ("show", "search", "export", "serve"):
        result = CliRunner().invoke(main, commands[name])
        assert result.exit_code == 0, (name, result.output)
    assert "River floods" in CliRunner().invoke(main, commands["show"]).output
    assert no_server == ["served"]
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_the_store_names_the_file_and_the_reason(tmp_path: Path, read_only_db: Path) -> None:
    with pytest.raises(StoreReadOnly, match=f"^{read_only_db}: read-only"):
        Store(read_only_db)
    with pytest.raises(StoreError, match="there is no folder"):
        Store(tmp_path / "nowhere" / "x.db")
    (tmp_path / "junk.db").write_bytes(b"\x89PNG\r\n" + bytes(4000))
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(tmp_path / "junk.db")
