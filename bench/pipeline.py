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

    python -m bench.pipeline --limit 100 --profile pipeline.prof

profiles instead, in this process, `newsgraph.pipeline.analyze_pages` on the same pages in batches of
64 (as `ingest` does; models loaded before the profiler starts) with cProfile, and writes its stats
to the file (read it with `python -m pstats`, or draw a flame graph of it with flameprof).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.evaldata import eval_dir

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
    parser.add_argument("--profile", type=Path, metavar="FILE", help="cProfile analyze_pages into FILE instead")
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
    megabytes = sum(len(gzip.decompress(p.read_bytes())) for p in pages) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        folder, first, db_dir = Path(tmp) / "pages", Path(tmp) / "first", Path(tmp) / "db"
        for made in (folder, first, db_dir):
            made.mkdir()
        for i, path in enumerate(pages):  # one flat folder; names kept unique across the two sets
            shutil.copy(path, folder / f"{i:05}-{path.name}")
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
    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, {os.cpu_count()} cores, "
          f"median of {args.repeat} runs, load average {load:.1f} at the end")
    print(f"{'':28} {'seconds':>8} {'pages/s':>8} {'CPU s':>7} {'start-up':>8} {'marginal':>8}   runs (s)")
    wall, cpu, marginal = {}, {}, {}
    for name, times in runs.items():
        wall[name] = statistics.median(t for t, _ in times)
        cpu[name] = statistics.median(c for _, c in times)
        start = statistics.median(starts[name])
        marginal[name] = (len(pages) - 1) / max(wall[name] - start, 1e-9)
        every = " ".join(f"{t:.1f}" for t, _ in times)
        shown_cpu = "-" if name == INGEST_2 else f"{cpu[name]:.1f}"
        print(f"{name:28} {wall[name]:8.2f} {len(pages) / wall[name]:8.2f} {shown_cpu:>7} {start:8.2f} "
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
