"""Throughput of `newsgraph ingest` beside a loop that calls trafilatura alone.

    python -m bench.ingest [--limit N] [--repeat 3]

Pages: the HTML pages of the extraction gold sets in ../shared/eval/extraction/ (gzip files, read
as they are). Prints pages/s and MB/s (of decompressed HTML) for trafilatura alone, and for the
whole `newsgraph ingest` command (reading, decoding, extraction, language detection, storing in
SQLite) with 1 and 2 worker processes; medians over --repeat runs, and the cost ratio against
trafilatura alone on one core (goal: at most 1.3).
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

EVAL = Path(os.environ.get("NEWSGRAPH_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval"))


def bench_pages(limit: int | None) -> list[Path]:
    pages = sorted((EVAL / "extraction").glob("*/html/*.html.gz"))
    return pages[:limit] if limit else pages


def trafilatura_alone(pages: list[Path]) -> float:
    import trafilatura

    start = time.perf_counter()
    for path in pages:
        trafilatura.extract(gzip.decompress(path.read_bytes()))
    return time.perf_counter() - start


def newsgraph_ingest(folder: Path, workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", str(db), "-q", "--workers", str(workers)]
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
    args = parser.parse_args()

    pages = bench_pages(args.limit)
    if not pages:
        sys.exit(f"no benchmark pages under {EVAL / 'extraction'} (set NEWSGRAPH_EVAL_DIR to the eval folder)")
    megabytes = sum(len(gzip.decompress(p.read_bytes())) for p in pages) / 1e6

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, path in enumerate(pages):  # one flat folder; names kept unique across the two sets
            shutil.copy(path, folder / f"{i:05}-{path.name}")
        runs = {
            "trafilatura alone, 1 process": [trafilatura_alone(pages) for _ in range(args.repeat)],
            "newsgraph ingest --workers 1": [newsgraph_ingest(folder, 1) for _ in range(args.repeat)],
            "newsgraph ingest --workers 2": [newsgraph_ingest(folder, 2) for _ in range(args.repeat)],
        }

    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, {os.cpu_count()} cores, median of {args.repeat} runs")
    print(f"{'':32} {'seconds':>8} {'pages/s':>8} {'MB/s':>6}")
    medians = {}
    for name, seconds in runs.items():
        medians[name] = median = statistics.median(seconds)
        print(f"{name:32} {median:8.2f} {len(pages) / median:8.1f} {megabytes / median:6.2f}")
    base = medians["trafilatura alone, 1 process"]
    print(f"cost of ingest (1 worker) against trafilatura alone: {medians['newsgraph ingest --workers 1'] / base:.2f}x (goal <= 1.3x)")
    print(f"speed-up from 1 to 2 workers: {medians['newsgraph ingest --workers 1'] / medians['newsgraph ingest --workers 2']:.2f}x")


if __name__ == "__main__":
    main()
