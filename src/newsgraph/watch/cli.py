"""The `newsgraph watch`, `newsgraph sources` and `newsgraph alerts` commands (registered in newsgraph.cli,
whose shared pieces they take from newsgraph.console, never from newsgraph.cli)."""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.table import Table

from newsgraph.console import db_option, err, open_store, out, safe
from newsgraph.settings import DEFAULTS

MB = 1024 * 1024


def _duration(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    from newsgraph.watch.sources import WatchError, parse_duration

    if value is None:
        return None
    try:
        return parse_duration(value)
    except WatchError as exc:
        raise click.BadParameter(exc.reason) from None


def _state(db_path: str, must_exist: bool = True):
    from newsgraph.store.watch import WatchState

    store = open_store(db_path, must_exist=must_exist, write=True)
    return store, WatchState(store)


@click.command("watch")
@click.argument("sources", nargs=-1)
@db_option
@click.option("--every", default="15m", show_default=True, callback=_duration,
              help="How often each source is polled: 90s, 15m, 2h, 1d.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private and loopback addresses.")
@click.option("--once", is_flag=True, help="Poll every source once, deliver the alerts, and stop.")
@click.option("--export-dir", type=click.Path(file_okay=False), help="Write each cycle's new events here, one file named by time.")
@click.option("--export-format", default="gdelt-events", show_default=True,
              type=click.Choice(["gdelt-events", "acled", "plover-json", "jsonl", "csv"]))
@click.option("--workers", default=DEFAULTS.ingest.workers, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes.")
@click.option("--batch-size", default=DEFAULTS.ingest.batch_size, show_default=True, type=click.IntRange(1, 10000),
              help="Pages per transaction (alerts are evaluated after each).")
@click.option("--max-page-mb", default=DEFAULTS.ingest.max_page_mb, show_default=True, type=click.FloatRange(0.001))
@click.option("--no-enrich", is_flag=True, help="Extraction only: no actors, places, quotes, events (and no alerts).")
@click.option("--smtp", metavar="HOST[:PORT]", help="SMTP server for rules with --email [default: localhost:25].")
@click.option("--quiet", "-q", is_flag=True, help="Only errors and alerts.")
def watch(sources, db_path, every, allow_private, once, export_dir, export_format, workers, batch_size, max_page_mb,
          no_enrich, smtp, quiet):
    """Keep the database current from SOURCES: RSS/Atom feeds, news sitemaps and sitemap indexes, URL
    lists (URLs or files) and folders where new WARC or HTML files appear (and the [[watch]] entries
    of newsgraph.toml, each with its own interval).

    Each source is polled on its own schedule with conditional requests; a failing one is retried
    later and later and shown unhealthy. Sources given before are remembered in the database: run
    `newsgraph watch --db FILE` alone to go on with them. SIGTERM or Ctrl-C finishes the batch in
    flight and stops; the next run resumes without fetching a page twice. With --once, the exit
    status is 1 when a source failed.
    """
    from newsgraph.ingest.service import ServiceOptions
    from newsgraph.watch.deliveries import Mail
    from newsgraph.watch.poll import WatchOptions, Watcher

    from newsgraph.watch.sources import WatchError, parse_duration

    settings = _settings()
    service = ServiceOptions.from_settings(settings.ingest, workers=workers, batch_size=batch_size,
                                           max_page_bytes=int(max_page_mb * MB), allow_private=allow_private,
                                           enrich=not no_enrich, database=db_path)
    mail = None
    if smtp:
        host, _, port = smtp.partition(":")
        mail = Mail(host or "localhost", int(port or 25))

    def line(level: str, text: str) -> None:
        if quiet and level == "info":
            return
        colour = {"error": "red", "alert": "magenta"}.get(level, "green")
        stamp = datetime.now(UTC).strftime("%H:%M:%S")
        err.print(f"{stamp} [{colour}]{level}[/{colour}] {safe(text)}", soft_wrap=True)

    options = WatchOptions(service=service, export_dir=Path(export_dir) if export_dir else None,
                           export_format=export_format, mail=mail, on_line=line)
    with open_store(db_path, must_exist=False, write=True) as store, Watcher(store, options) as watcher:
        for entry in settings.watch:  # [[watch]] entries of newsgraph.toml, each on its own schedule
            try:
                watcher.add([entry.source], parse_duration(entry.every, "watch.every"))
            except WatchError as exc:
                raise click.ClickException(str(exc)) from None
        if sources:
            watcher.add(list(sources), every)
        known = watcher.state.sources()
        if not known:
            raise click.ClickException(f"{db_path}: no sources to watch (give feeds, sitemaps, URL lists or folders)")
        line("info", f"watching {len(known)} source{'s' if len(known) > 1 else ''} -> {db_path}"
                     f"{'' if once else '  (Ctrl-C or SIGTERM to stop)'}")
        report = watcher.run(once=once)
        if watcher.stopping.is_set():
            err.print("[yellow]stopped[/yellow]: every batch stored so far is kept; run `newsgraph watch` again to resume")
        if once:
            _print_sources(watcher.state.sources(), to_err=True)
            if report is not None and any(p.error for p in report.polls):
                sys.exit(1)


def _settings():
    """The settings the `newsgraph` command loaded (the defaults when a command runs on its own)."""
    from newsgraph.settings import Settings

    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().obj if ctx is not None else None
    return found if isinstance(found, Settings) else DEFAULTS


@click.command("sources")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@click.option("--remove", metavar="SOURCE", help="Stop watching this source.")
def sources(db_path, as_json, remove):
    """List the watched sources with their health: last poll, failures, next due time, pages stored."""
    store, state = _state(db_path)
    with store:
        if remove:
            if not state.remove_source(remove) and not state.remove_source(str(Path(remove).absolute())):
                raise click.ClickException(f"{remove}: not a watched source (newsgraph sources lists them)")
            err.print(f"no longer watching {safe(remove)}")
            return
        found = state.sources()
        if as_json:
            for s in found:
                out.print(json.dumps({**s.__dict__, "health": s.health}, ensure_ascii=False), markup=False)
            return
        _print_sources(found)
        if any(not s.healthy for s in found):
            sys.exit(1)


def _print_sources(found, to_err: bool = False) -> None:
    table = Table("source", "kind", "health", "polls", "304/unchanged", "pages", "next due", "last error")
    now = time.time()
    for s in found:
        colour = {"ok": "green", "new": "white", "failing": "yellow", "unhealthy": "red"}[s.health]
        due = "now" if s.next_due <= now else f"in {s.next_due - now:.0f}s"
        table.add_row(safe(s.source), s.kind or "", f"[{colour}]{s.health}[/{colour}]", str(s.polls),
                      str(s.not_modified), str(s.pages), due, safe(s.last_error or ""))
    (err if to_err else out).print(table)


@click.group("alerts")
def alerts() -> None:
    """Alert rules: told when an event matching a search reaches N independent sources."""


@alerts.command("add")
@click.argument("name")
@db_option
@click.option("--on", "target", type=click.Choice(["events", "articles"]), default="events", show_default=True,
              help="Match events (with their sources), or each new article the filters select.")
@click.option("--query", "q", help="Full-text query on the articles (reporting the event) (FTS5 syntax).")
@click.option("--actor", help="An actor taking part (name or id; looked up as articles arrive).")
@click.option("--country", metavar="CC", help="ISO 3166 alpha-2: the event happened in this country.")
@click.option("--event-type", metavar="TYPE", help="PLOVER event type (ASSAULT, PROTEST, ...).")
@click.option("--theme", metavar="THEME", help="Theme id (docs/themes.md): articles about it (events they report).")
@click.option("--status", "event_status", type=click.Choice(["happened", "negated", "hypothetical", "all"]),
              help="Events stated as having happened (default), negated, hypothetical, or all.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Events at or above this confidence [default: the threshold].")
@click.option("--min-sources", default=1, show_default=True, type=click.IntRange(1),
              help="Independent sources reporting it (copies of one text are one).")
@click.option("--window", callback=_duration, help="Count sources among reports stored within this long: 24h, 30m.")
@click.option("--webhook", metavar="URL", help="POST each match here as JSON, signed with HMAC-SHA256.")
@click.option("--secret", help="The webhook's signing key [default: generated, shown by `alerts list --secrets`].")
@click.option("--email", metavar="ADDR", help="Mail each match to this address (watch --smtp).")
def alerts_add(name, db_path, target, q, actor, country, event_type, theme, event_status, min_confidence, min_sources,
               window, webhook, secret, email):
    """Add the rule NAME; it matches what is stored from now on (`alerts test` tries it on what is stored)."""
    from newsgraph.watch.alerts import add_rule

    store, state = _state(db_path, must_exist=False)
    with store:
        rule = add_rule(state, name, {"q": q, "country": country, "event_type": event_type, "theme": theme,
                                      "event_status": event_status, "min_confidence": min_confidence}, actor,
                        min_sources, window, webhook, secret, email, target=target)
    err.print(f"rule {safe(rule.name)} added; its feed: /alerts/{safe(rule.name)}.atom"
              + ("; webhook signed with the secret shown by `newsgraph alerts list --secrets`" if rule.webhook else ""))


@alerts.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True)
@click.option("--secrets", is_flag=True, help="Show each webhook's signing secret.")
def alerts_list(db_path, as_json, secrets):
    """The rules, with their filters, deliveries and matches so far."""
    store, state = _state(db_path)
    with store:
        counts = state.match_counts()
        rules = state.rules()
        if as_json:
            for r in rules:
                record = {**r.__dict__, "matches": counts.get(r.id, 0)}
                if not secrets:
                    record.pop("secret")
                out.print(json.dumps(record, ensure_ascii=False), markup=False)
            return
        table = Table("rule", "on", "filters", "min sources", "window", "delivers to", "matches")
        for r in rules:
            filters = " ".join(f"{k}={v}" for k, v in {**r.filters, "actor": r.actor}.items() if v is not None)
            to = ", ".join(x for x in (r.webhook, r.email) if x) + (f" (secret {r.secret})" if secrets and r.secret else "")
            table.add_row(safe(r.name), r.target, safe(filters), str(r.min_sources), f"{r.window_seconds:g}s" if r.window_seconds else "",
                          safe(to), str(counts.get(r.id, 0)))
        out.print(table)


@alerts.command("remove")
@click.argument("name")
@db_option
def alerts_remove(name, db_path):
    """Remove the rule NAME and its matches."""
    store, state = _state(db_path)
    with store:
        if not state.remove_rule(name):
            raise click.ClickException(f"{name}: no such rule (newsgraph alerts list shows them)")
    err.print(f"rule {safe(name)} removed")


@alerts.command("test")
@click.argument("name")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True)
def alerts_test(name, db_path, limit, as_json):
    """What the rule NAME would match among every article stored (nothing is recorded or sent)."""
    from newsgraph.watch.alerts import find
    from newsgraph.watch.deliveries import title

    store, state = _state(db_path)
    with store:
        rule = state.rule(name)
        if rule is None:
            raise click.ClickException(f"{name}: no such rule (newsgraph alerts list shows them)")
        found = find(state, rule, 0, include_matched=True)
    for match in found[:limit]:
        if as_json:
            out.print(json.dumps(match.payload, ensure_ascii=False), markup=False)
        else:
            out.print(f"{safe(title(match.payload))}  ({match.sources} source{'s' if match.sources != 1 else ''})\n"
                      f"  {safe(match.payload['sentence'])}\n"
                      f"  {safe(match.payload['article']['title'] or '')} {safe(match.payload['article']['url'] or '')}")
    what = "event" if rule.target == "events" else "article"
    err.print(f"{len(found)} {what}{'s' if len(found) != 1 else ''} would match")
