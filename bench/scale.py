"""Scaling: articles/s of `ingest --workers 1|2` and of `newsgraph spark` on local[1]|local[2], same WARC input.

    python -m bench.scale [--limit 400] [--files 16] [--repeat 2] [--copies 0.33] [--only ingest1 --only spark1]

Input: the HTML pages of the extraction gold sets (../shared/eval/extraction/*/html/*.html.gz)
wrapped into WARC response records, split over --files WARC files in a temporary folder (never
committed); without ../shared, the bundled sample pages replicated under distinct URLs.  Every
command runs the whole pipeline (extraction and enrichment) as a subprocess, start-up included;
runs are interleaved and medians reported.  Each command also runs on a one-page input, its
fixed cost (start-up, model loading, Spark's jobs), so the marginal rate of a long run shows.  Prints the scaling ratio from 1 to 2 cores (goal
>= 1.8x), Spark's cost against ingest on the same cores (goal <= 1.3x), and the peak resident
memory (VmHWM, read from /proc while the command runs) of the largest Python process and of the JVM
(goal < 1.5 GB per worker).

--copies 0.33 makes a CC-NEWS-like input: after the --limit pages, copies of some of them with small
edits (bench.pipeline.copy_of: a new headline, an editor's note, the last paragraph trimmed), a third
of all pages, after the originals in a shuffled order (seed 1), the files written in page order (a
crawl's files follow time, and a republished story comes after its source). Prints what a month of
CC-NEWS (11 million articles) would cost in core-hours at each command's marginal rate per core.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.evaldata import eval_dir

SPARK_CONF = ["--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=2",
              "--conf", "spark.ui.showConsoleProgress=false"]


def source_pages(limit: int) -> list[tuple[str, bytes]]:
    """(url, html) pairs: the eval pages, else the bundled samples repeated under new URLs."""
    gold = sorted((eval_dir("extraction")).glob("*/html/*.html.gz"))[:limit]
    if gold:
        return [(f"https://{p.parent.parent.name}.example/{p.name.removesuffix('.html.gz')}.html",
                 gzip.decompress(p.read_bytes())) for p in gold]
    from newsgraph.samples import sample_paths

    samples = [p for p in sample_paths() if p.suffix == ".html"]
    return [(f"https://copy{i // len(samples)}.example/{samples[i % len(samples)].name}",
             samples[i % len(samples)].read_bytes()) for i in range(limit)]


def write_warcs(pages: list[tuple[str, bytes]], folder: Path, files: int, in_order: bool = False) -> list[Path]:
    """The pages over `files` WARC files: round robin, or (`in_order`) in runs of consecutive pages, as a
    crawl writes its files in time order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paths = []
    for n in range(files):
        path = folder / f"bench-{n:03}.warc.gz"
        with open(path, "wb") as out:
            writer = WARCWriter(out, gzip=True)
            size = -(-len(pages) // files)
            for url, html in (pages[n * size:(n + 1) * size] if in_order else pages[n::files]):
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html), http_headers=http,
                    warc_headers_dict={"WARC-Date": "2026-03-14T08:30:00Z"}))
        paths.append(path)
    return paths


_TICKS = os.sysconf("SC_CLK_TCK")


class PeakMemory:
    """Polls /proc for the process tree under `pid`; keeps each process's VmHWM (peak RSS)."""

    def __init__(self, pid: int):
        self.pid, self.peaks, self._stop = pid, {}, threading.Event()
        self.cpu: dict[int, float] = {}  # each process's own user + system seconds, at its last poll
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            for pid in self._tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    name = Path(f"/proc/{pid}/comm").read_text().strip()
                except OSError:
                    continue
                kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    self.cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICKS
                except (OSError, IndexError, ValueError):
                    pass
                self.peaks[pid] = (name, max(kb, self.peaks.get(pid, ("", 0))[1]))

    def _tree(self) -> set[int]:
        parents = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        tree, grew = {self.pid}, True
        while grew:
            new = {p for p, parent in parents.items() if parent in tree} - tree
            tree |= new
            grew = bool(new)
        return tree

    def stop(self) -> dict[str, float]:
        """Peak MB of the largest Python process and of the JVM."""
        self._stop.set()
        self._thread.join()
        python = [kb for name, kb in self.peaks.values() if name.startswith(("python", "newsgraph", "pyspark"))]
        java = [kb for name, kb in self.peaks.values() if name == "java"]
        java_cpu = sum(cpu for pid, cpu in self.cpu.items() if self.peaks.get(pid, ("", 0))[0] == "java")
        return {"python": max(python, default=0) / 1024, "java": max(java, default=0) / 1024,
                "cpu": sum(self.cpu.values()), "cpu_java": java_cpu}


def timed(cmd: list[str]) -> tuple[float, dict[str, float]]:
    """Wall seconds, and the peaks with "cpu": the CPU seconds (user + system) of the command's process tree
    (the JVM and Spark's Python workers too: each process's own, polled from /proc every 0.2 s), steadier than
    wall time on a shared machine."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(process.pid)
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peaks = memory.stop()
    if process.returncode not in (0, 1):  # 1: some pages had no article, as expected on real pages
        sys.exit(f"{' '.join(cmd)} failed:\n{stderr[-3000:]}")
    return seconds, peaks


def run_ingest(warcs: list[Path], workers: int, tmp: Path) -> tuple[float, dict, int]:
    from newsgraph.store import Store

    db = tmp / f"ingest-{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    seconds, peaks = timed([sys.executable, "-m", "newsgraph", "ingest", *map(str, warcs), "--db", str(db), "-q",
                            "--workers", str(workers)])
    with Store(db) as store:
        return seconds, peaks, store.stats()["articles"]


def run_spark(warcs: list[Path], cores: int, tmp: Path) -> tuple[float, dict, int]:
    from newsgraph.scale.load import count_documents

    out = tmp / f"spark-{cores}"
    seconds, peaks = timed([sys.executable, "-m", "newsgraph", "spark", "--input", str(warcs[0].parent / "*.warc.gz"),
                            "--output", str(out), "--master", f"local[{cores}]", "--overwrite", *SPARK_CONF])
    return seconds, peaks, count_documents(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=400, help="pages in the input")
    parser.add_argument("--files", type=int, default=16, help="WARC files the pages are split over")
    parser.add_argument("--repeat", type=int, default=2, help="runs per configuration (median reported)")
    parser.add_argument("--copies", type=float, default=0.0, help="share of the pages that are copies with small edits")
    parser.add_argument("--only", action="append", choices=("ingest1", "ingest2", "spark1", "spark2"),
                        help="run only these configurations (repeatable)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-scale-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "warc").mkdir()
        pages = source_pages(args.limit)
        if args.copies > 0:
            import random

            from bench.pipeline import copy_of

            count = round(len(pages) * args.copies / (1 - args.copies))
            copies = [(f"https://republisher{n % 7}.example/story-{n}.html", copy_of(pages[(n * len(pages)) // count][1], n))
                      for n in range(count)]
            rest = copies[:]
            random.Random(1).shuffle(rest)
            pages = pages + rest  # the copies after the originals, as republishing follows publishing
        warcs = write_warcs(pages, tmp / "warc", args.files, in_order=args.copies > 0)
        megabytes = sum(p.stat().st_size for p in warcs) / 1e6
        (tmp / "one").mkdir()
        one_page = write_warcs(pages[:1], tmp / "one", 1)  # the fixed cost: start-up, model loading, Spark jobs
        configs = {
            "ingest --workers 1": lambda w: run_ingest(w, 1, tmp),
            "ingest --workers 2": lambda w: run_ingest(w, 2, tmp),
            "spark local[1]": lambda w: run_spark(w, 1, tmp),
            "spark local[2]": lambda w: run_spark(w, 2, tmp),
        }
        if args.only:
            names = {"ingest1": "ingest --workers 1", "ingest2": "ingest --workers 2", "spark1": "spark local[1]",
                     "spark2": "spark local[2]"}
            configs = {names[o]: configs[names[o]] for o in args.only}
        runs: dict[str, list] = {name: [] for name in configs}
        fixed: dict[str, list] = {name: [] for name in configs}
        fixed_cpu: dict[str, list] = {name: [] for name in configs}
        fixed_java: dict[str, list] = {name: [] for name in configs}
        for _ in range(args.repeat):  # interleaved: a change in the machine's load hits every one alike
            for name, run in configs.items():
                runs[name].append(run(warcs))
                one = run(one_page)
                fixed[name].append(one[0])
                fixed_cpu[name].append(one[1]["cpu"])
                fixed_java[name].append(one[1]["cpu_java"])
                print(f"  {name}: {runs[name][-1][0]:.1f} s, CPU {runs[name][-1][1]['cpu']:.1f} s; one page "
                      f"{fixed[name][-1]:.1f} s, CPU {fixed_cpu[name][-1]:.1f} s", file=sys.stderr,
                      flush=True)

    print(f"{len(pages)} pages in {len(warcs)} WARC files ({megabytes:.1f} MB gzip), {os.cpu_count()} cores, "
          f"whole pipeline, start-up included, median of {args.repeat} interleaved runs")
    print("articles/s: whole command; marginal: (articles - 1) / (seconds - seconds on a one-page input)")
    print(f"{'':20} {'seconds':>8} {'fixed s':>8} {'articles':>8} {'articles/s':>10} {'marginal/s':>10} "
          f"{'peak Python MB':>14} {'peak JVM MB':>11}")
    rate, marginal = {}, {}
    for name, results in runs.items():
        seconds = statistics.median(r[0] for r in results)
        fixed_seconds = statistics.median(fixed[name])
        articles = results[-1][2]
        rate[name] = articles / seconds
        marginal[name] = (articles - 1) / max(seconds - fixed_seconds, 1e-9)
        python = max(r[1]["python"] for r in results)
        java = max(r[1]["java"] for r in results)
        print(f"{name:20} {seconds:8.1f} {fixed_seconds:8.1f} {articles:8} {rate[name]:10.2f} {marginal[name]:10.2f} "
              f"{python:14.0f} {java or float('nan'):11.0f}")
    cpu_rate = {}
    for name, results in runs.items():
        cpu = statistics.median(r[1]["cpu"] for r in results)
        cpu_fixed = statistics.median(fixed_cpu[name])
        cpu_rate[name] = (results[-1][2] - 1) / max(cpu - cpu_fixed, 1e-9)
        print(f"{name:20} CPU s {cpu:7.1f}, one page {cpu_fixed:5.1f}: marginal {cpu_rate[name]:.2f} articles per CPU second")
    for name, results in runs.items():
        if any(r[1]["cpu_java"] for r in results):  # Spark: the JVM's share of the fixed and the marginal CPU
            java = statistics.median(r[1]["cpu_java"] for r in results)
            java_fixed = statistics.median(fixed_java[name])
            print(f"{name:20} of which the JVM: {java:.1f} s, one page {java_fixed:.1f} s; marginal CPU per article: "
                  f"JVM {1000 * (java - java_fixed) / (results[-1][2] - 1):.0f} ms, Python "
                  f"{1000 * (1 / cpu_rate[name] - (java - java_fixed) / (results[-1][2] - 1)):.0f} ms")
    for name, r in cpu_rate.items():
        print(f"a month of CC-NEWS (11 million articles) at {name}'s marginal CPU rate: "
              f"{11e6 / r / 3600:,.0f} core-hours (goal <= 400)")
    if "ingest --workers 1" in cpu_rate and "spark local[1]" in cpu_rate:
        print(f"spark's CPU per article against ingest's: {cpu_rate['ingest --workers 1'] / cpu_rate['spark local[1]']:.2f}x "
              "(goal <= 1.15x)")
        # The same within each round (the two commands run minutes apart, so a drift of the machine's speed
        # over the hour hits both alike), each less its median one-page run.
        ingest, spark = runs["ingest --workers 1"], runs["spark local[1]"]
        rounds = [((s[1]["cpu"] - statistics.median(fixed_cpu["spark local[1]"])) / (s[2] - 1))
                  / ((i[1]["cpu"] - statistics.median(fixed_cpu["ingest --workers 1"])) / (i[2] - 1))
                  for i, s in zip(ingest, spark)]
        print(f"the same round by round: {', '.join(f'{r:.2f}x' for r in rounds)} (median {statistics.median(rounds):.2f}x)")
    for name, r in marginal.items():
        per_core = r / (2 if name.endswith(("2", "[2]")) else 1)
        print(f"a month of CC-NEWS (11 million articles) at {name}'s marginal rate: "
              f"{11e6 / per_core / 3600:,.0f} core-hours (goal <= 400)")
    for label, r in (("whole command", rate), ("marginal", marginal)):
        if not {"ingest --workers 1", "ingest --workers 2", "spark local[1]", "spark local[2]"} <= set(r):
            for cores in ("1", "2"):
                i, s = r.get(f"ingest --workers {cores}"), r.get(f"spark local[{cores}]")
                if i and s:
                    print(f"{label}: spark's cost against ingest on {cores} core(s): {i / s:.2f}x")
            continue
        print(f"{label}: scaling 1 -> 2 cores: ingest {r['ingest --workers 2'] / r['ingest --workers 1']:.2f}x, "
              f"spark {r['spark local[2]'] / r['spark local[1]']:.2f}x (goal >= 1.8x); spark's cost against "
              f"ingest: 1 core {r['ingest --workers 1'] / r['spark local[1]']:.2f}x, "
              f"2 cores {r['ingest --workers 2'] / r['spark local[2]']:.2f}x (goal <= 1.3x)")


if __name__ == "__main__":
    main()
