"""The `newsgraph` command: thin over the pipeline, the store and the exporters."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click
from rich.table import Table

from newsgraph import __version__
from newsgraph.confidence import HAPPENED, shown_facts
from newsgraph.console import batch_reporter, db_option, err, open_store, out, progress_bar, safe, say_interrupted
from newsgraph.settings import DEFAULTS, Settings, SettingsError
from newsgraph.settings import load as load_settings

MB = 1024 * 1024
# Command options whose defaults come from the settings (newsgraph.toml, NEWSGRAPH_* variables).
SETTING_OF_OPTION = {
    "db_path": ("store", "database"), "query_time_limit": ("store", "query_time_limit"),
    "workers": ("ingest", "workers"), "batch_size": ("ingest", "batch_size"),
    "max_page_mb": ("ingest", "max_page_mb"), "allow_private": ("ingest", "allow_private"),
    "host": ("web", "host"), "port": ("web", "port"), "web_workers": ("web", "workers"),
}


class _Commands(click.Group):
    """The `newsgraph` group: an error about one input (NewsgraphError) that no command caught is one
    line naming it, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from newsgraph.errors import NewsgraphError

        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("--config", type=click.Path(dir_okay=False), metavar="FILE",
              help="Settings file (TOML) [default: $NEWSGRAPH_CONFIG, else ./newsgraph.toml if there is one].")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """Turn raw news and blog pages into a database of articles and the facts they state.

    Defaults come from newsgraph.toml and NEWSGRAPH_<SECTION>_<KEY> variables (docs/settings.md);
    an option given on the command line wins.
    """
    try:
        settings = load_settings(config)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    ctx.obj = settings
    if isinstance(ctx.command, click.Group):  # always: this is the `newsgraph` group's callback
        ctx.default_map = _default_map(ctx.command, settings)


def _settings() -> Settings:
    """The settings the `newsgraph` command loaded (the defaults when a command runs on its own)."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().obj if ctx is not None else None
    return found if isinstance(found, Settings) else DEFAULTS


def _has_default(param: click.Option) -> bool:
    """Whether the option has a default of its own (without one, "not given" means something else)."""
    return param.default is not None and type(param.default).__name__ != "Sentinel"


def _default_map(group: click.Group, settings: Settings) -> dict:
    """Each command's option defaults from the settings, as click's default_map."""
    out: dict = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out[name] = _default_map(command, settings)
            continue
        for param in command.params:
            where = SETTING_OF_OPTION.get(param.name or "")
            if where and isinstance(param, click.Option) and (param.is_flag or _has_default(param)):
                out.setdefault(name, {})[param.name] = getattr(getattr(settings, where[0]), where[1])
    return out


@main.command()
@click.argument("page")
@click.option("--url", help="The page's address, when PAGE is a file or stdin.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private and loopback addresses.")
@click.option("--indent/--compact", default=True, help="Pretty-print the JSON.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, exists=True),
              help="Also say which stored articles this text copies, or is copied by (a `reuse` object).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Facts at or above this confidence (default: the threshold of each kind; 0: every fact found).")
def analyze(page: str, url: str | None, allow_private: bool, indent: bool, db_path: str | None,
            min_confidence: float | None) -> None:
    """Run one PAGE (a file, a URL or - for stdin) through the whole pipeline; print the Article as JSON.

    The facts are those newsgraph would defend, as the web pages and exports show them: each at or
    above its kind's confidence threshold (events with their status); `hidden` counts the others,
    which `--min-confidence 0` prints too. Nothing is stored.
    """
    from newsgraph.confidence import shown_facts
    from newsgraph.errors import NewsgraphError
    from newsgraph.ingest import IngestOptions, read_sources
    from newsgraph.ingest.page import Failure
    from newsgraph.pipeline import analyze_page

    for item in read_sources([page], IngestOptions(allow_private=allow_private)):
        if isinstance(item, Failure):
            raise click.ClickException(str(item))
        if url:
            item.url = url
        try:
            article = analyze_page(item)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from None
        shown = shown_facts(article, min_confidence, all_statuses=True)
        record = shown.to_dict()
        record["hidden"] = {kind: len(getattr(article, part)) - len(getattr(shown, part)) for kind, part in
                            (("actors", "entities"), ("places", "places"), ("quotes", "quotes"),
                             ("citations", "citations"), ("events", "events"))}
        if db_path:
            with open_store(db_path) as store:
                record["reuse"] = store.reuse_of_unstored(article)
        click.echo(json.dumps(record, ensure_ascii=False, indent=2 if indent else None))
        return
    raise click.ClickException(f"{page}: no page found")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--workers", default=DEFAULTS.ingest.workers, show_default=True, type=click.IntRange(1, 64), help="Extraction processes.")
@click.option("--batch-size", default=DEFAULTS.ingest.batch_size, show_default=True, type=click.IntRange(1, 10000),
              help="Pages per transaction.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private and loopback addresses.")
@click.option("--max-page-mb", default=DEFAULTS.ingest.max_page_mb, show_default=True, type=click.FloatRange(0.001),
              help="Refuse larger pages.")
@click.option("--favor-precision", is_flag=True, help="HTML: less chrome, maybe less text.")
@click.option("--favor-recall", is_flag=True, help="HTML: more text, maybe some chrome.")
@click.option("--no-enrich", is_flag=True, help="Extraction only: clean text and metadata, no actors, places, quotes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(sources, db_path, workers, batch_size, allow_private, max_page_mb, favor_precision, favor_recall, no_enrich,
           quiet):
    """Read pages from SOURCES (files, folders, WARC/WET, feeds, URL lists, URLs, -) into the database.

    Interrupted? Run the same command again: stored pages are skipped.
    """
    from newsgraph.extraction.html import HtmlOptions
    from newsgraph.ingest import estimate_total
    from newsgraph.ingest.service import Interrupted, ServiceOptions
    from newsgraph.ingest.service import ingest as ingest_sources

    with open_store(db_path, must_exist=False) as store, progress_bar(quiet) as progress:
        task = progress.add_task("ingesting", total=estimate_total(sources, database=db_path))

        def note(origin: str, text: str) -> None:
            progress.console.print(f"[yellow]note[/yellow] {safe(origin)}: {safe(text)}", soft_wrap=True)

        options = ServiceOptions.from_settings(
            _settings().ingest,
            workers=workers, batch_size=batch_size, max_page_bytes=int(max_page_mb * MB), allow_private=allow_private,
            enrich=not no_enrich, html=HtmlOptions(favor_precision=favor_precision, favor_recall=favor_recall),
            database=db_path, on_note=note, on_batch=batch_reporter(progress, task),
        )
        try:
            counts = ingest_sources(sources, store, options)
        except Interrupted as stop:
            say_interrupted()
            _summary(stop.counts, db_path)
            sys.exit(130)
    _summary(counts, db_path)
    if counts.failures:
        sys.exit(1)


def _summary(counts, db_path: str) -> None:
    """One line of counts, then one per kind of failure (newsgraph.errors.FailureKind)."""
    err.print(
        f"pages read: {counts.read}  stored: {counts.stored}  duplicates: {counts.duplicate + counts.skipped}  "
        f"failures: {counts.failures}  -> {safe(db_path)}"
    )
    for kind, n in counts.failed.most_common():
        err.print(f"  {n} x {safe(kind.label)} [dim]({kind})[/dim]")


def filter_options(command):
    """The filters of the events pages, shared by `search`, `show --events` and `export` (store.read.filters)."""
    options = [
        click.option("--from", "date_from", metavar="YYYY-MM-DD", help="From this day on (events: their date; articles: published)."),
        click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Up to this day, inclusive."),
        click.option("--type", "event_type", metavar="TYPE", help="PLOVER event type, any case (ASSAULT, PROTEST, ...)."),
        click.option("--actor", metavar="NAME|ID", help="An actor by id or name (events: taking part; articles: naming it)."),
        click.option("--actor-role", type=click.Choice(["either", "source", "target"]), default="either", show_default=True,
                     help="Events: the actor as their source, their target or either."),
        click.option("--country", metavar="CC", help="ISO 3166 alpha-2 code: what happened in the country (any place inside it)."),
        click.option("--site", metavar="NAME", help="Articles of this site only."),
        click.option("--status", "event_status", type=click.Choice(["happened", "negated", "hypothetical", "all"]),
                     help="Events stated as having happened (default), negated, hypothetical, or all."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                     help="Facts at or above this confidence (default: the threshold of each kind, docs/accuracy.md; "
                          "0: every fact the database holds)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(store, q: str | None = None, actor: str | None = None, **given):
    """The Filters of the command's options; an actor given by name is looked up (one line if not found)."""
    from newsgraph.store.read import Filters, QueryError

    if given.get("actor_role") == "either":
        given["actor_role"] = None
    try:
        return Filters(q=q, actor=_actor_id(store, actor) if actor else None, **given)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None


def _actor_id(store, name: str) -> int:
    """An actor's id from its id or its name (the exact name, else the only name containing the words)."""
    from newsgraph.store.read import Filters

    if name.isdigit():
        return int(name)
    found = store.actors_page(Filters(min_confidence=0), limit=20, name=name).items
    exact = [a for a in found if a["name"].casefold() == name.casefold()]
    if exact or len(found) == 1:
        return int((exact or found)[0]["id"])
    if not found:
        raise click.ClickException(f"actor: no actor named {name!r} (newsgraph search, or the web app's /actors, lists them)")
    some = ", ".join(f"{a['name']} (#{a['id']})" for a in found[:5])
    raise click.ClickException(f"actor: {name!r} names {len(found)} actors: {some}; give the id or the full name")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@filter_options
def search(query, db_path, limit, offset, as_json, **filters):
    """Full-text search of the stored articles, words stemmed ("strike" finds "strikes", "striking").

    FTS5 syntax: "a phrase", OR, NOT, AND, prefix*, NEAR(a b); a query FTS5 cannot read is an error.
    The number of matches goes to stderr, the hits to stdout.
    """
    from newsgraph.store.read import QueryError

    with open_store(db_path) as store:
        try:
            store.check_search(query)
            page = store.search_page(_filters(store, q=query, **filters), limit, offset)
        except QueryError as exc:
            raise click.ClickException(str(exc)) from None
    total = f"{page.total:,}{'+' if page.capped else ''}"
    shown = f"; {offset + 1}-{offset + len(page.items)} shown" if page.items else ""
    err.print(f"{total} article{'s match' if page.total != 1 else ' matches'} {safe(query)}{shown}", soft_wrap=True)
    if page.windowed:
        err.print(page.window_note, soft_wrap=True)
    if as_json:
        for hit in page.items:
            row = {**hit, "snippet": "".join(text for text, _ in hit["snippet"]),
                   "highlights": [text for text, match in hit["snippet"] if match]}
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for hit in page.items:
        snippet = "".join(f"[bold yellow]{safe(_one_line(t))}[/bold yellow]" if m else safe(_one_line(t))
                          for t, m in hit["snippet"])
        out.print(f"[bold cyan]{hit['id']}[/bold cyan]  [bold]{safe(hit['title'] or '(untitled)')}[/bold]")
        out.print(f"    {safe(hit['site_name'] or '')}  {safe(hit['published'] or '')}  {safe(hit['url'] or '')}")
        out.print(f"    {snippet}\n")


@main.command()
@click.argument("article_id", type=int, required=False)
@db_option
@click.option("--event", "event_id", type=int, help="Show this event instead: its fields and every report of it.")
@click.option("--events", "list_events", is_flag=True, help="List the events the filters select, newest first.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000), help="With --events: how many.")
@click.option("--offset", default=0, type=click.IntRange(0), help="With --events: from which.")
@click.option("--json", "as_json", is_flag=True, help="JSON: the stored Article with its id and origin, the event, or one event per line.")
@filter_options
def show(article_id, db_path, event_id, list_events, limit, offset, as_json, **filters):
    """Show one stored article (ARTICLE_ID) and the facts newsgraph would defend, events with their status
    and id; or one event (--event ID) with every report; or the events the filters select (--events)."""
    if sum(x is not None and x is not False for x in (article_id, event_id, list_events or None)) != 1:
        raise click.UsageError("give one of ARTICLE_ID, --event ID or --events")
    if event_id is not None:
        return _show_event(db_path, event_id, as_json)
    if list_events:
        return _show_events(db_path, limit, offset, as_json, filters)
    min_confidence = filters["min_confidence"]
    with open_store(db_path) as store:
        found = store.get(article_id)
        reuse = store.reuse_of(article_id) if found else None
        event_ids = _event_ids(store, article_id, found[0]) if found else {}
    if found is None:
        raise click.ClickException(f"article {article_id}: not in {db_path}")
    article, origin = found
    if as_json:
        record = {"id": article_id, "origin": origin, **article.to_dict(), "reuse": reuse}
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{safe(article.title or '(untitled)')}[/bold]")
    for label, value in [
        ("site", article.site_name), ("url", article.url), ("author", article.author),
        ("published", article.published), ("language", article.language),
        ("extracted by", article.extraction_method), ("origin", origin),
    ]:
        if value:
            out.print(f"[dim]{label}:[/dim] {safe(value)}")
    out.print()
    for paragraph in article.paragraph_texts():
        out.print(safe(paragraph) + "\n")
    if article.related:
        out.print("[bold]Related posts (not part of the article)[/bold]")
        for post in article.related:
            out.print(f"  - {safe(post.title)}" + (f"  {safe(post.url)}" if post.url else ""))
    shown = shown_facts(article, min_confidence, all_statuses=True)
    _print_facts(shown, event_ids)
    hidden = sum(len(getattr(article, part)) - len(getattr(shown, part))
                 for part in ("entities", "places", "quotes", "citations", "events"))
    if hidden:
        out.print(f"\n[dim]{hidden} stored fact{'s' if hidden != 1 else ''} below the confidence shown by default "
                  f"(--min-confidence 0 shows every one)[/dim]")
    _print_reuse(reuse)


def _event_ids(store, article_id: int, article) -> dict[int, int]:
    """The stored event id of each of the article's events (by its position in the article's list)."""
    reports = store.article_event_reports(article_id) if store.has_table("event_reports") else []
    ids = {}
    for position, report in enumerate(reports):
        if position < len(article.events):
            ids[id(article.events[position])] = report["event_id"]
    return ids


def _show_event(db_path: str, event_id: int, as_json: bool) -> None:
    with open_store(db_path) as store:
        detail = store.event(event_id)
    if detail is None:
        raise click.ClickException(f"event {event_id}: not in {db_path}")
    if as_json:
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2))
        return
    e = detail["event"]
    out.print(f"[bold]event {e['id']}[/bold]: {_event_line(e)}", soft_wrap=True)
    out.print(f"[dim]{detail['articles']} article{'s' if detail['articles'] != 1 else ''}, {detail['sources']} "
              f"independent source{'s' if detail['sources'] != 1 else ''}, {e['reports']} report"
              f"{'s' if e['reports'] != 1 else ''}[/dim]", soft_wrap=True)
    for r in detail["reports"]:
        copy = f" [dim](copy of report {r['copy_of']})[/dim]" if r.get("copy_of") else ""
        out.print(f"  #{r['article_id']} {safe(r.get('site_name') or '')} {safe(r.get('published') or '')} "
                  f"[dim]({safe(r['status'])}{_sure(r.get('confidence'))})[/dim]{copy}: {safe(_clip(r['sentence'], 400))}",
                  soft_wrap=True)


def _show_events(db_path: str, limit: int, offset: int, as_json: bool, filters: dict) -> None:
    from newsgraph.store.read import QueryError

    with open_store(db_path) as store:
        try:
            page = store.events_page(_filters(store, **filters), limit, offset)
        except QueryError as exc:
            raise click.ClickException(str(exc)) from None
    shown = f"; {offset + 1}-{offset + len(page.items)} shown" if page.items else ""
    err.print(f"{page.total:,} event{'s' if page.total != 1 else ''}{shown}" + (f" ({page.missing})" if page.missing else ""),
              soft_wrap=True)
    for e in page.items:
        if as_json:
            click.echo(json.dumps(e, ensure_ascii=False))
        else:
            out.print(f"[bold cyan]{e['id']}[/bold cyan]  {_event_line(e)}", soft_wrap=True)
            if e.get("sentence"):
                out.print(f"    [dim]#{e['article_id']}[/dim] {safe(_clip(e['sentence'], 400))}", soft_wrap=True)


def _event_line(e: dict) -> str:
    """One event of the events table: type, status, actors, place, date, confidence, reports."""
    def side(n: str) -> str:
        return safe(e.get(f"actor{n}_name") or (f"\"{_clip(e[f'actor{n}_text'])}\"" if e.get(f"actor{n}_text") else "-"))

    status = "" if e.get("modality") in (None, "happened") else f" [bold]{safe(e['modality'])}[/bold]"
    where = f" in {safe(e['place_name'])}" if e.get("place_name") else ""
    when = safe(e.get("date") or "undated") + (" (first report)" if e.get("date_from_report") else "")
    return (f"{safe(e['type'])}{'/' + safe(e['mode']) if e.get('mode') else ''}{status}: {side('1')} -> {side('2')}{where}"
            f" [dim]({when}{_sure(e.get('confidence'))}, {e.get('reports', 0)} reports)[/dim]")


def _print_reuse(reuse: dict) -> None:
    """Where this text came from and where it went: sources and copies with their shares."""
    out.print(f"\n[bold]Provenance[/bold]: {safe(reuse['class'].replace('_', ' '))}")
    for label, others in (("copied from", reuse["sources"]), ("copied by", reuse["copies"])):
        for other in others:
            out.print(f"  {label} #{other['id']} {safe(other.get('site') or '')} {safe(other.get('published') or '')}"
                      f"  {other['share']:.0%} shared, {len(other['passages'])} passages  {safe(other.get('url') or '')}")
    cluster = reuse.get("cluster")
    if cluster and cluster.get("earliest"):
        first = cluster["earliest"]
        out.print(f"  cluster of {cluster['size']}; earliest: #{first['id']} {safe(first.get('site') or '')} "
                  f"{safe(first.get('published') or '')} [dim]({safe((first.get('evidence') or {}).get('text', ''))})[/dim]")


def _print_facts(article, event_ids: dict[int, int] | None = None) -> None:
    """Actors, places, quotes and cited sources, each with where the text states it."""
    if article.entities:
        out.print("\n[bold]Actors[/bold]")
        for e in article.entities:
            extra = ", ".join(x for x in [e.role, e.country, e.sector] if x)
            aliases = f"  aka {safe(', '.join(e.aliases))}" if e.aliases else ""
            out.print(f"  {safe(e.name)} [dim]({safe(e.type)}{'; ' + safe(extra) if extra else ''})[/dim]"
                      f"{aliases}  x{len(e.mentions)}")
    if article.places:
        out.print("\n[bold]Places[/bold]")
        for p in article.places:
            where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "unresolved"
            out.print(f"  {safe(p.name)} [dim]({safe(p.country or '?')}, {where}, geonames {p.geonameid})[/dim]"
                      f"  x{len(p.mentions)}")
    if article.quotes:
        out.print("\n[bold]Quotes[/bold]")
        for q in article.quotes:
            out.print(f"  {safe(q.speaker or 'unknown')} [dim]({safe(q.cue or '')}, {q.kind}{_sure(q.confidence)})[/dim]: "
                      f"“{safe(_clip(q.text))}”")
    if article.citations:
        out.print("\n[bold]Cited sources[/bold]")
        for c in article.citations:
            out.print(f"  {safe(c.source)} [dim]({safe(c.cue)}{_sure(c.confidence)})[/dim]: "
                      f"{safe(_clip(article.text[c.start:c.end]))}")
    if article.events:
        out.print("\n[bold]Events[/bold]")
        for ev in article.events:
            where = f" in {safe(ev.place['name'])}" if ev.place else ""
            status = "" if ev.status in HAPPENED else f" [bold]{safe(ev.status)}[/bold]"
            number = (event_ids or {}).get(id(ev))
            out.print(f"  {'#' + str(number) + ' ' if number else ''}{safe(ev.type)}{status}: "
                      f"{safe(_event_actor(ev.actor1))} -> {safe(_event_actor(ev.actor2))}{where}"
                      f" [dim]({ev.date or 'undated'}{_sure(ev.confidence)})[/dim]: {safe(_clip(article.text[ev.start:ev.end]))}")


def _event_actor(actor: dict | None) -> str:
    """An event's actor as the article names it: the actor's name, else the words, else '-'."""
    if not actor:
        return "-"
    return str(actor.get("name") or f"\"{_clip(actor.get('text') or '')}\"")


def _sure(confidence: float | None) -> str:
    return "" if confidence is None else f", confidence {confidence:.2f}"


def _one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space (the spaces at either end kept)."""
    return re.sub(r"\s+", " ", text)


def _clip(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True)
def stats(db_path, as_json):
    """What the database holds."""
    with open_store(db_path) as store:
        figures = store.stats()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"newsgraph database {safe(db_path)}", show_header=False)
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {n}" for k, n in value.items())
        table.add_row(key.replace("_", " "), safe(value))
    out.print(table)


@main.command()
@click.argument("out_path", metavar="OUT", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt-events", "acled", "plover-json"]),
              required=True,
              help="jsonl: articles with their facts; csv, parquet: one table (--table); gdelt-events: GDELT 2.0's "
                   "event table (61 columns, tab-separated, no header); acled: ACLED's 31-column CSV; plover-json: "
                   "PLOVER records, one per line.")
@click.option("--table", type=click.Choice(["articles", "events", "actors", "places", "quotes", "citations"]),
              default="articles", show_default=True, help="csv and parquet: which table.")
@filter_options
@click.option("--all-statuses", is_flag=True, hidden=True, help="The same as --status all.")
@db_option
def export(out_path, fmt, table, all_statuses, db_path, **filters):
    """Write what the filters select to OUT: by default only the facts newsgraph would defend (each
    kind's confidence threshold) and only events stated as having happened (docs/exports.md)."""
    from newsgraph.export import ExportError, write

    if all_statuses and not filters.get("event_status"):
        filters["event_status"] = "all"
    what = "events" if fmt in ("gdelt-events", "acled", "plover-json") else "articles" if fmt == "jsonl" else table
    skipped: dict[str, int] = {}
    with open_store(db_path) as store:
        chosen = _filters(store, **filters)
        try:
            n = write(store, fmt, out_path, chosen, table=table, skipped=skipped)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from None
    label = what if n != 1 else what[:-1] if what != "citations" else "citation"
    err.print(f"{n} {label} -> {safe(out_path)}", soft_wrap=True)
    for why, count in sorted(skipped.items()):
        err.print(f"  {count} event{'s' if count != 1 else ''} left out: {safe(why)}", soft_wrap=True)


@main.command()
@db_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True)
def reuse(db_path, limit, as_json):
    """Republished text: the largest clusters of copies and the most-copied sources."""
    with open_store(db_path) as store:
        clusters, sources = store.largest_clusters(limit), store.most_copied_sources(limit)
    if as_json:
        click.echo(json.dumps({"clusters": clusters, "most_copied_sources": sources}, ensure_ascii=False, indent=2))
        return
    out.print("[bold]Largest clusters of copies[/bold]")
    for cluster in clusters:
        first = cluster.get("earliest") or {}
        out.print(f"  {cluster['size']} articles; earliest #{first.get('id')} {safe(first.get('site') or '')} "
                  f"{safe(first.get('published') or '')}: {safe(first.get('title') or '')}")
    out.print("\n[bold]Most-copied sources[/bold]")
    for source in sources:
        out.print(f"  #{source['id']} {safe(source.get('site') or '')}: {source['copies']} copies  "
                  f"{safe(source.get('title') or '')}")


@main.group()
def gazetteer() -> None:
    """The GeoNames gazetteer used to resolve places."""


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Where to write the index [default: the location newsgraph reads].")
def gazetteer_import(dump, out_path):
    """Build a larger gazetteer from a GeoNames DUMP (allCountries.txt or .zip, or a country file).

    Download it from https://download.geonames.org/export/dump/ yourself; newsgraph then resolves
    places against it (also set NEWSGRAPH_GAZETTEER=PATH when --out is elsewhere).
    """
    from newsgraph.gazetteer import default_dump_path
    from newsgraph.gazetteer.importer import import_geonames_dump

    out_path = out_path or str(default_dump_path())
    err.print(f"importing {safe(dump)} -> {safe(out_path)} (a full dump takes a while)")
    try:
        counts = import_geonames_dump(dump, out_path)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    err.print("  ".join(f"{k}: {v}" for k, v in counts.items()))


@main.command()
@db_option
@click.option("--host", default=DEFAULTS.web.host, show_default=True)
@click.option("--port", default=DEFAULTS.web.port, show_default=True, type=int)
@click.option("--allow-ingest", is_flag=True, help="Accept POST /api/ingest (a page, a URL or a file) with the token.")
@click.option("--token", envvar="NEWSGRAPH_TOKEN", help="Bearer token for ingest [default: generated and printed].")
@click.option("--query-time-limit", type=click.FloatRange(min=0), metavar="SECONDS",
              default=DEFAULTS.store.query_time_limit,
              show_default=True, help="Stop a query running longer, answering 503 (0: no limit).")
@click.option("--workers", "web_workers", default=DEFAULTS.web.workers, show_default=True, type=click.IntRange(1, 64),
              help="Processes answering requests (each answers on one core at a time).")
def serve(db_path, host, port, allow_ingest, token, query_time_limit, web_workers):
    """Serve the database in the browser (and as JSON under /api); read-only unless --allow-ingest."""
    _serve(db_path, host, port, allow_ingest, token, query_time_limit, web_workers)


def _serve(db_path: str, host: str, port: int, allow_ingest: bool = False, token: str | None = None,
           query_time_limit: float | None = None, workers: int = 1) -> None:
    import secrets

    from newsgraph.store import Store
    from newsgraph.store.read import QUERY_TIME_LIMIT, StoreUnavailable
    from newsgraph.web import serving

    limit = QUERY_TIME_LIMIT if query_time_limit is None else (query_time_limit or None)
    if allow_ingest:  # a server that writes brings the file up to date, as ingest does
        open_store(db_path, write=True).close()
    else:  # pages and API read through read-only connections: the file must exist and be migrated
        try:
            Store.open_read_only(db_path).close()
        except StoreUnavailable as exc:
            raise click.ClickException(str(exc)) from None
    if allow_ingest and not token:
        token = secrets.token_urlsafe(24)
        err.print(f"ingest token: {token}")
    err.print(f"serving {safe(db_path)} on http://{host}:{port}{'  (ingest allowed)' if allow_ingest else ''}"
              f"{f'  ({workers} processes)' if workers > 1 else ''}  (Ctrl-C to stop)")
    serving.run(db_path, host, port, workers, allow_ingest, token, limit)


@main.command()
@db_option
@click.option("--serve/--no-serve", "then_serve", default=True, help="Serve the result in the browser (web.host, --port).")
@click.option("--port", default=DEFAULTS.web.port, show_default=True, type=int)
@click.pass_context
def demo(ctx, db_path, then_serve, port):
    """Ingest the bundled sample corpus into the database, show what it holds, serve it."""
    from newsgraph.samples import sample_paths

    try:
        ctx.invoke(ingest, sources=[str(p) for p in sample_paths()], db_path=db_path)
    except SystemExit as exc:
        if exc.code not in (0, 1, None):  # 1 = some sample pages failed; still worth serving
            raise
    err.print(f"database: {safe(Path(db_path).resolve())}")
    ctx.invoke(stats, db_path=db_path, as_json=False)
    if then_serve:
        _serve(db_path, _settings().web.host, port, workers=_settings().web.workers)


from newsgraph.scale import cli as scale_cli  # noqa: E402  (spark and load: pyspark only imported when run)
main.add_command(scale_cli.spark)
main.add_command(scale_cli.load)
from newsgraph.watch import cli as watch_cli  # noqa: E402  (watch, sources, alerts)
main.add_command(watch_cli.watch)
main.add_command(watch_cli.sources)
main.add_command(watch_cli.alerts)

if __name__ == "__main__":
    main()
