"""Throughput of `newsgraph ingest` beside a loop that calls trafilatura alone.

    python -m bench.ingest [--limit N] [--repeat 3] [--full]

Pages: the HTML pages of the extraction gold sets in ../shared/eval/extraction/ (gzip files, read
as they are). Prints pages/s and MB/s (of decompressed HTML) for trafilatura alone, and for the
`newsgraph ingest --no-enrich` command (reading, decoding, extraction, language detection,
storing in SQLite: everything but the enrichment, which bench.enrich measures) with 1 and 2
worker processes; medians over --repeat runs, and the cost ratio against trafilatura alone on one
core (goal: at most 1.3), and against trafilatura asked for the metadata we also extract
(`with_metadata=True`). --full adds the whole pipeline (with enrichment) with 1 and 2 workers.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.evaldata import eval_dir



def bench_pages(limit: int | None) -> list[Path]:
    pages = sorted((eval_dir("extraction")).glob("*/html/*.html.gz"))
    return pages[:limit] if limit else pages


def trafilatura_alone(pages: list[Path], with_metadata: bool = False) -> float:
    import trafilatura

    start = time.perf_counter()
    for path in pages:
        trafilatura.extract(gzip.decompress(path.read_bytes()), with_metadata=with_metadata)
    return time.perf_counter() - start


def newsgraph_extraction_alone(pages: list[Path]) -> float:
    """Our extraction (decode, trafilatura + metadata + teasers, language) without reading or storing."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.extraction import extract_page
    from newsgraph.ingest.page import RawPage

    start = time.perf_counter()
    for path in pages:
        try:
            extract_page(RawPage(str(path), gzip.decompress(path.read_bytes())))
        except NewsgraphError:
            pass
    return time.perf_counter() - start


def newsgraph_ingest(folder: Path, workers: int, enrich: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", str(db), "-q", "--workers", str(workers)]
        cmd += [] if enrich else ["--no-enrich"]
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 1):  # 1: some pages had no article, as expected on real pages
            sys.exit(f"newsgraph ingest failed:\n{done.stderr[-2000:]}")
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration (median reported)")
    parser.add_argument("--full", action="store_true", help="also time the whole pipeline, enrichment included")
    args = parser.parse_args()

    pages = bench_pages(args.limit)
    if not pages:
        sys.exit(f"no benchmark pages under {eval_dir('extraction')} (set NEWSGRAPH_EVAL_DIR to the eval folder)")
    megabytes = sum(len(gzip.decompress(p.read_bytes())) for p in pages) / 1e6

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, path in enumerate(pages):  # one flat folder; names kept unique across the two sets
            shutil.copy(path, folder / f"{i:05}-{path.name}")
        configs = {
            "trafilatura alone, 1 process": lambda: trafilatura_alone(pages),
            "trafilatura with metadata": lambda: trafilatura_alone(pages, with_metadata=True),
            "our extraction alone, 1 process": lambda: newsgraph_extraction_alone(pages),
            "ingest --no-enrich --workers 1": lambda: newsgraph_ingest(folder, 1, False),
            "ingest --no-enrich --workers 2": lambda: newsgraph_ingest(folder, 2, False),
        }
        if args.full:
            configs["ingest (enriched) --workers 1"] = lambda: newsgraph_ingest(folder, 1, True)
            configs["ingest (enriched) --workers 2"] = lambda: newsgraph_ingest(folder, 2, True)
        newsgraph_extraction_alone(pages[:3])  # load py3langid's model before the clock
        runs = {name: [] for name in configs}
        for _ in range(args.repeat):  # interleaved, so a change in the machine's load hits every one alike
            for name, run in configs.items():
                runs[name].append(run())

    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, {os.cpu_count()} cores, median of {args.repeat} runs")
    print(f"{'':32} {'seconds':>8} {'pages/s':>8} {'MB/s':>6}")
    medians = {}
    for name, seconds in runs.items():
        medians[name] = median = statistics.median(seconds)
        print(f"{name:32} {median:8.2f} {len(pages) / median:8.1f} {megabytes / median:6.2f}")
    base = medians["trafilatura alone, 1 process"]
    one, two = medians["ingest --no-enrich --workers 1"], medians["ingest --no-enrich --workers 2"]
    ours = medians["our extraction alone, 1 process"]
    print(f"cost of ingest --no-enrich (1 worker) against trafilatura alone: {one / base:.2f}x (goal <= 1.3x)")
    with_metadata = medians["trafilatura with metadata"]
    print(f"against trafilatura asked for the same metadata (title, author, date, site): {one / with_metadata:.2f}x")
    print(f"  of which our extraction against trafilatura alone: {ours / base:.2f}x; "
          f"reading + storing + start-up on top of our extraction: {one / ours:.2f}x")
    print(f"speed-up from 1 to 2 workers: {one / two:.2f}x")


if __name__ == "__main__":
    main()
