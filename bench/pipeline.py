"""The cost of an article: `newsgraph ingest` beside a naive trafilatura + spaCy script.

    python -m bench.pipeline [--limit 120] [--repeat 3]

Pages: the first --limit HTML pages of the extraction gold sets in ../shared/eval/extraction/
(gzip files, read as they are; the same pages as `python -m bench.ingest --limit N`).

Three variants, each a process of its own started afresh for every run, so importing the
libraries and loading the models count alike for all of them:

  * naive: a script that only extracts each page with `trafilatura.extract` and parses the texts
    with spaCy's `en_core_web_sm` (its full default pipeline, `nlp.pipe`), keeping nothing;
  * `newsgraph ingest --workers 1` into a fresh database, every enrichment on;
  * `newsgraph ingest --workers 2`, the same.

Runs are interleaved (a change in the machine's load hits every variant alike). Each run is
followed by a run of the same variant on the first page alone: its start-up (imports, models,
first page). Prints, for each variant, the median wall time, pages/s, CPU seconds (user + system
of the process and the children it waited for: the workers of --workers 2 are not counted), the
start-up and the marginal rate without it ((N - 1) pages / (time - start-up)); then the speed of
ingest against the naive script (goal: --workers 1 at least 1.0x) and the speed-up from 1 to 2
workers (goal: at least 1.8x on a quiet machine), whole commands and marginal rates.

    python -m bench.pipeline --copies 0.33

a CC-NEWS-like mix: after the --limit pages, copies of some of them (a third of all pages with 0.33),
each republished with small edits (a new headline, an editor's note inserted after the first
paragraph, the last paragraph trimmed), as agencies' stories are republished; every variant gets
the same pages. `ingest` takes a copy's facts from its source (newsgraph.corpus.reuse.transfer),
the naive script parses it again.

    python -m bench.pipeline --limit 100 --profile pipeline.prof

profiles instead, in this process, `newsgraph.pipeline.analyze_pages` on the same pages in batches of
64 (as `ingest` does; models loaded before the profiler starts) with cProfile, and writes its stats
to the file (read it with `python -m pstats`, or draw a flame graph of it with flameprof).

    python -m bench.pipeline --limit 120 --components

prints the CPU seconds of extraction and of each component of the English spaCy pipeline (tokenizer,
tok2vec, tagger, parser, the cached attribute ruler and lemmatizer, ner, the actor ruler) on the pages,
in this process, two rounds.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.evaldata import eval_dir
from newsgraph.corpus.reuse import align

NAIVE = "naive (trafilatura + spaCy)"
INGEST_1 = "ingest --workers 1"
INGEST_2 = "ingest --workers 2"


def bench_pages(limit: int | None) -> list[Path]:
    pages = sorted(eval_dir("extraction").glob("*/html/*.html.gz"))
    return pages[:limit] if limit else pages


def naive(folder: Path) -> None:
    """The naive script: trafilatura's text of every page, then one spaCy pass over the texts."""
    import spacy
    import trafilatura

    from newsgraph.enrich.nlp import MODEL  # en_core_web_sm 3.8.0, as the project installs it

    texts = []
    for path in sorted(folder.iterdir()):
        text = trafilatura.extract(gzip.decompress(path.read_bytes()))
        if text:
            texts.append(text)
    nlp = spacy.load(MODEL)
    nlp.max_length = 2_000_000
    for _doc in nlp.pipe(texts):
        pass


_PARAGRAPH = re.compile(rb"<p[ >].*?</p>", re.S | re.I)
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S | re.I)
NOTE = (b"<p>Editor's note: this story was first published by a partner site and is republished here "
        b"with permission; it has been shortened.</p>")


def copy_of(html: bytes, n: int) -> bytes:
    """The page republished: a new headline, an editor's note after its first paragraph, its last paragraph trimmed."""
    paragraphs = [m for m in _PARAGRAPH.finditer(html) if len(m.group()) > 120]
    if len(paragraphs) >= 3:
        last = paragraphs[-1]
        html = html[: last.start()] + html[last.end():]
        first = paragraphs[0]
        html = html[: first.end()] + NOTE + html[first.end():]
    return _TITLE.sub(lambda m: b"<title>Republished (" + str(n).encode() + b"): " + m.group(1) + b"</title>", html, count=1)


def with_copies(pages: list[Path], share: float, folder: Path) -> int:
    """Write copies of the first pages into the folder (gzip, after the originals in name order) so that
    `share` of all the pages are copies; how many."""
    count = round(len(pages) * share / (1 - share)) if share > 0 else 0
    step = max(1, len(pages) // max(count, 1))
    for n in range(count):
        source = pages[(n * step) % len(pages)]
        (folder / f"{len(pages) + n:05}-copy-{source.name}").write_bytes(
            gzip.compress(copy_of(gzip.decompress(source.read_bytes()), n), mtime=0))
    return count


def check_transfer(pages: list[Path]) -> None:
    """Facts a copy takes from its source against the facts a parse of the copy finds, by the share of the
    copy's words aligned with the source (copies of each page with 1 to 4 last paragraphs replaced by another
    page's), and the seconds each way; with the threshold lowered to 0.3 so every share is seen."""
    from newsgraph import pipeline
    from newsgraph.ingest.page import RawPage
    from newsgraph.record import Article

    raw = [gzip.decompress(p.read_bytes()) for p in pages]
    pipeline._load_models(True)
    pipeline.analyze_pages([RawPage("warm", raw[0])])
    sources = [r for r in pipeline.analyze_pages([RawPage(str(p), h) for p, h in zip(pages, raw)])]
    kinds = {
        "quotes": lambda a: {(q.start, q.end, q.speaker) for q in a.quotes},
        "actors": lambda a: {(e.name, tuple(map(tuple, e.mentions))) for e in a.entities},
        "places": lambda a: {(p.name, tuple(map(tuple, p.mentions))) for p in a.places},
        "events": lambda a: {(e.type, e.start, e.end) for e in a.events},
        "citations": lambda a: {(c.start, c.end) for c in a.citations},
        "themes": lambda a: {t.theme for t in a.themes},
    }
    buckets: dict[str, dict[str, list[int]]] = {}
    seconds = {"transfer": 0.0, "parse": 0.0, "n": 0.0}
    pipeline.MIN_SHARE = 0.3
    for i, (html, source) in enumerate(zip(raw, sources)):
        other = raw[(i + len(raw) // 2) % len(raw)]
        others = [m.group() for m in _PARAGRAPH.finditer(other) if len(m.group()) > 120]
        for cut in (1, 2, 4):
            paragraphs = [m for m in _PARAGRAPH.finditer(html) if len(m.group()) > 120]
            if not isinstance(source, Article) or len(paragraphs) < cut + 3:
                continue
            copied = html[: paragraphs[-cut].start()] + b"".join(others[:cut]) + html[paragraphs[-1].end():]
            page = RawPage(f"copy-{i}-{cut}", _TITLE.sub(b"<title>Republished</title>", copied, count=1))
            start = time.perf_counter()
            [parsed] = pipeline.analyze_pages([page])
            middle = time.perf_counter()
            [taken] = pipeline.analyze_pages([page], find_source=lambda a, s=source: (s, align(a.text, s.text)))
            seconds["parse"] += middle - start
            seconds["transfer"] += time.perf_counter() - middle
            seconds["n"] += 1
            if not (isinstance(parsed, Article) and isinstance(taken, Article) and taken.facts_from):
                continue
            share = align(taken.text, source.text).share_a
            bucket = f"{min(int(share * 10), 9) / 10:.1f}-{min(int(share * 10), 9) / 10 + 0.1:.1f}"
            row = buckets.setdefault(bucket, {k: [0, 0, 0] for k in [*kinds, "copies"]})
            row["copies"][0] += 1
            for kind, facts in kinds.items():
                a, b = facts(taken), facts(parsed)
                row[kind][0] += len(a & b)
                row[kind][1] += len(a)
                row[kind][2] += len(b)
    print(f"{int(seconds['n'])} copies: parse {1000 * seconds['parse'] / seconds['n']:.0f} ms a copy, "
          f"facts from the source {1000 * seconds['transfer'] / seconds['n']:.0f} ms a copy (remainders enriched)")
    print("agreement with a parse of the copy (F1 of the facts: same offsets, same names), by share aligned:")
    print(f"{'share':10} {'copies':>6} " + " ".join(f"{k:>9}" for k in kinds))
    for bucket in sorted(buckets):
        row = buckets[bucket]
        f1 = [2 * row[k][0] / max(row[k][1] + row[k][2], 1) for k in kinds]
        print(f"{bucket:10} {row['copies'][0]:6} " + " ".join(f"{v:9.3f}" for v in f1))


def profile(pages: list[Path], out: Path, batch: int = 64) -> None:
    """cProfile over analyze_pages on the pages, as the ingest command runs it with one worker."""
    import cProfile
    import pstats

    from newsgraph.ingest.page import RawPage
    from newsgraph.pipeline import _load_models, analyze_pages

    raw = [RawPage(str(path), gzip.decompress(path.read_bytes())) for path in pages]
    _load_models(True)
    analyze_pages(raw[:1])  # the first call's imports and lazy loads (gazetteer, lexicons) out of the profile
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for i in range(0, len(raw), batch):
        analyze_pages(raw[i : i + batch])
    profiler.disable()
    seconds = time.perf_counter() - start
    profiler.dump_stats(out)
    print(f"{len(raw)} pages in {seconds:.1f} s under the profiler ({1000 * seconds / len(raw):.0f} ms a page); "
          f"stats in {out}")
    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(25)


def components(pages: list[Path], rounds: int = 2) -> None:
    """CPU seconds of extraction and of each component of the English spaCy pipeline on the pages' texts, in
    this process (models loaded first), each round in full; the second round is the one to read (caches warm)."""
    from newsgraph.enrich.nlp import load_nlp
    from newsgraph.ingest.page import RawPage
    from newsgraph.pipeline import _extract, _load_models
    from newsgraph.record import Article

    raw = [RawPage(str(path), gzip.decompress(path.read_bytes())) for path in pages]
    _load_models(True)
    nlp = load_nlp()
    for n in range(rounds):
        start = time.process_time()
        articles = [a for a in (_extract(page, None) for page in raw) if isinstance(a, Article)]
        split = {"extraction": time.process_time() - start}
        start = time.process_time()
        docs = [nlp.make_doc(a.text) for a in articles]
        split["tokenizer"] = time.process_time() - start
        for name, component in nlp.pipeline:
            start = time.process_time()
            docs = list(component.pipe(docs, batch_size=16)) if hasattr(component, "pipe") else [component(d) for d in docs]
            split[name] = time.process_time() - start
        print(f"round {n + 1}: {len(articles)} articles, {sum(map(len, docs))} tokens; CPU s "
              + ", ".join(f"{k} {v:.2f}" for k, v in split.items()) + f"; spaCy {sum(split.values()) - split['extraction']:.2f}")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, children included) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: some pages had no article, as expected on real pages
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def commands(db_dir: Path) -> dict[str, object]:
    """Each variant: the command for a folder of pages."""
    def ingest(folder: Path, workers: int) -> list[str]:
        db = db_dir / f"run-{time.monotonic_ns()}.db"  # a fresh database every run
        return [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", str(db), "-q",
                "--workers", str(workers)]

    return {
        NAIVE: lambda folder: [sys.executable, "-m", "bench.pipeline", "--naive", str(folder)],
        INGEST_1: lambda folder: ingest(folder, 1),
        INGEST_2: lambda folder: ingest(folder, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=120, help="the first N pages (0: all 974)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant (medians reported)")
    parser.add_argument("--only", choices=("naive", "1", "2"), action="append",
                        help="run only these variants (repeatable)")
    parser.add_argument("--copies", type=float, default=0.0,
                        help="share of the pages that are copies of others with small edits (0.33: a third)")
    parser.add_argument("--check-transfer", action="store_true",
                        help="facts taken from a source against a parse of the copy, by share aligned (in this process)")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="cProfile analyze_pages into FILE instead")
    parser.add_argument("--components", action="store_true",
                        help="CPU seconds of extraction and of each spaCy component on the pages (in this process)")
    parser.add_argument("--naive", type=Path, metavar="FOLDER", help=argparse.SUPPRESS)  # the naive script itself
    args = parser.parse_args(argv)
    if args.naive:
        naive(args.naive)
        return

    pages = bench_pages(args.limit)
    if not pages:
        sys.exit(f"no benchmark pages under {eval_dir('extraction')} (set NEWSGRAPH_EVAL_DIR to the eval folder)")
    if args.profile:
        profile(pages, args.profile)
        return
    if args.check_transfer:
        check_transfer(pages)
        return
    if args.components:
        components(pages)
        return
    megabytes = sum(len(gzip.decompress(p.read_bytes())) for p in pages) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        folder, first, db_dir = Path(tmp) / "pages", Path(tmp) / "first", Path(tmp) / "db"
        for made in (folder, first, db_dir):
            made.mkdir()
        for i, path in enumerate(pages):  # one flat folder; names kept unique across the two sets
            shutil.copy(path, folder / f"{i:05}-{path.name}")
        copies = with_copies(pages, args.copies, folder)
        shutil.copy(pages[0], first / pages[0].name)
        variants = commands(db_dir)
        if args.only:
            keep = {"naive": NAIVE, "1": INGEST_1, "2": INGEST_2}
            variants = {keep[o]: variants[keep[o]] for o in args.only}
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        starts: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.repeat):  # interleaved
            for name, cmd in variants.items():
                runs[name].append(timed(cmd(folder)))
                starts[name].append(timed(cmd(first))[0])
                for db in db_dir.iterdir():
                    db.unlink()

    load = os.getloadavg()[0]
    print(f"{len(pages)} pages and {copies} copies of them, {megabytes:.1f} MB of HTML (originals), {os.cpu_count()} cores, "
          f"median of {args.repeat} runs, load average {load:.1f} at the end")
    print(f"{'':28} {'seconds':>8} {'pages/s':>8} {'CPU s':>7} {'start-up':>8} {'marginal':>8}   runs (s)")
    wall, cpu, marginal = {}, {}, {}
    for name, times in runs.items():
        wall[name] = statistics.median(t for t, _ in times)
        cpu[name] = statistics.median(c for _, c in times)
        start = statistics.median(starts[name])
        marginal[name] = (len(pages) + copies - 1) / max(wall[name] - start, 1e-9)
        every = " ".join(f"{t:.1f}" for t, _ in times)
        shown_cpu = "-" if name == INGEST_2 else f"{cpu[name]:.1f}"
        print(f"{name:28} {wall[name]:8.2f} {(len(pages) + copies) / wall[name]:8.2f} {shown_cpu:>7} {start:8.2f} "
              f"{marginal[name]:8.2f}   {every}")
    if NAIVE in wall:
        for name in (INGEST_1, INGEST_2):
            if name in wall:
                print(f"speed of {name} against the naive script: {wall[NAIVE] / wall[name]:.2f}x"
                      + (" (goal >= 1.0x)" if name == INGEST_1 else "")
                      + f"; marginal {marginal[name] / marginal[NAIVE]:.2f}x"
                      + (f"; CPU {cpu[name] / cpu[NAIVE]:.2f}x the naive script's" if name == INGEST_1 else ""))
    if INGEST_1 in wall and INGEST_2 in wall:
        print(f"speed-up from 1 to 2 workers: {wall[INGEST_1] / wall[INGEST_2]:.2f}x (goal >= 1.8x); "
              f"marginal {marginal[INGEST_2] / marginal[INGEST_1]:.2f}x")


if __name__ == "__main__":
    main()
