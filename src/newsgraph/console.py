"""What every command shares: the terminal (scraped text made safe), progress bars, the --db option
and opening the database.  Both `newsgraph.cli` and `newsgraph.scale.cli` import it; it imports
neither, so the commands have no import cycle."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph.settings import DEFAULTS

if TYPE_CHECKING:
    from rich.progress import TaskID

    from newsgraph.ingest.service import BatchReport
    from newsgraph.store import Store

DEFAULT_DB = DEFAULTS.store.database
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
# Output read by another program (a pipe, a file) is never wrapped: one record stays one line.
out.soft_wrap = not out.is_terminal
err.soft_wrap = not err.is_terminal
if not out.is_terminal:  # tables too: as wide as their longest cell
    out.width = 100_000


def safe(text: object) -> str:
    """Scraped text made harmless for a terminal: no escape sequences, no rich markup."""
    return escape(_TERMINAL_CONTROL.sub(" ", str(text)))


db_option: Callable[[Any], Any] = click.option(
    "--db",
    "db_path",
    envvar="NEWSGRAPH_DB",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file (or set NEWSGRAPH_DB).",
)


def open_store(db_path: str, must_exist: bool = True, write: bool = False) -> Store:
    """The database; a missing one is an error unless the command creates it (`ingest`, `load`).

    A command that only reads (`must_exist` and not `write`) still opens a file it may not write,
    read-only; any other file the store cannot use is a one-line error naming it."""
    from newsgraph.store import Store, StoreError, StoreReadOnly

    if must_exist and not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run `newsgraph ingest ... --db {db_path}` first)")
    try:
        try:
            return Store(db_path)
        except StoreReadOnly:
            if write or not must_exist:
                raise
            return Store.open_read_only(db_path, time_limit=None)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def progress_bar(quiet: bool) -> Progress:
    """A progress bar on stderr (none with --quiet); print through its console while it runs."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )


def batch_reporter(progress: Progress, task: TaskID) -> Callable[[BatchReport], None]:
    """The ingest service's `on_batch` for a command: each failure on its own line, the bar moved on."""

    def report(batch: BatchReport) -> None:
        for failure in batch.failures:
            progress.console.print(f"[red]error[/red] {safe(failure.origin)}: {safe(failure.reason)}", soft_wrap=True)
        progress.update(task, advance=batch.read)

    return report


def say_interrupted() -> None:
    err.print("[yellow]interrupted[/yellow]: every batch stored so far is kept; run the same command to resume")
