"""Extraction benchmark: our HTML and text-dump extractors against their baselines.

Scores with the shared official scorer (eval/extraction/score.py), so the figures
are comparable with published ones:

* HTML: ``extract_html`` (body = paragraphs joined by blank lines) beside
  trafilatura called directly (``trafilatura.extract(html, url=url,
  include_comments=False)``, the scorer's own "trafilatura" adapter, whose
  figures are the ones we must match); both run page by page, order rotated,
  timed around the call only.
* Text dumps (``text-dumps/<id>.txt``): ``segment_text_dump`` beside the
  keep-all-text baseline, scored from predictions files as ``--predictions`` does.

Run from the repository root::

    python -m bench.extraction [--only html|textdump] [--limit N] [--json-out FILE]

The eval data lives outside the repository (``../shared/eval/extraction``, or
the directory named by ``NEWSGRAPH_EVAL_DIR``); nothing from it is copied here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from bench.evaldata import eval_dir

BENCHMARKS = ("scrapinghub", "wcxb-dev-articles")


def load_scorer(root: Path) -> ModuleType:
    """Import the official score.py from the eval directory."""
    spec = importlib.util.spec_from_file_location("extraction_score", root / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def ours(html: str, url: str) -> str:
    from newsgraph.extraction.html import extract_html

    return "\n\n".join(extract_html(html, url or None).paragraphs)


def trafilatura_plain(html: str, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, url=url or None, include_comments=False)


def bench_html(score: ModuleType, bench: Path, limit: int) -> list[dict]:
    kind, pages = score.load_benchmark(bench)
    pages = pages[:limit] if limit else pages
    megabytes = sum(len(page.read_html().encode("utf-8")) for page in pages) / 1e6
    extractors = [
        score.Extractor("ours: extract_html", ours),
        score.Extractor("trafilatura.extract", trafilatura_plain, score._dist_version("trafilatura")),
    ]
    rows = []
    for run in score.run_side_by_side(extractors, pages, timeout=60.0, progress=False):
        metrics, _ = score.evaluate(kind, pages, run.outputs, n_boot=0, seed=1)
        seconds = sum(run.seconds.values())
        metrics.update(pages=len(pages), seconds=seconds, pages_per_s=len(pages) / seconds,
                       mb_per_s=megabytes / seconds, errors=len(run.errors))
        rows.append({"benchmark": bench.name, "input": "html", "name": run.extractor.name, "metrics": metrics})
    return rows


def keep_all_text(text: str) -> str:
    return text


def segmenter():
    """Our text-dump segmenter as text -> body, or None when it is not there yet."""
    try:
        from newsgraph.extraction.textdump import segment_text_dump
    except ImportError:
        return None
    return lambda text: "\n\n".join(segment_text_dump(text).paragraphs)


def bench_textdump(score: ModuleType, bench: Path, limit: int, segment) -> list[dict]:
    kind, pages = score.load_benchmark(bench)
    pages = pages[:limit] if limit else pages
    dumps = {page.key: (bench / "text-dumps" / f"{page.key}.txt").read_text(encoding="utf-8") for page in pages}
    megabytes = sum(len(text.encode("utf-8")) for text in dumps.values()) / 1e6
    candidates = [("keep all text", keep_all_text)] + ([("ours: segment_text_dump", segment)] if segment else [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, func in candidates:
            outputs, seconds, errors = {}, 0.0, 0
            for key, text in dumps.items():
                start = time.perf_counter()
                try:
                    outputs[key] = {"articleBody": func(text)}
                except Exception as err:  # a crash counts as an empty extraction
                    outputs[key] = {"articleBody": ""}
                    errors += 1
                    print(f"  {name} failed on {key}: {type(err).__name__}: {err}", file=sys.stderr)
                seconds += time.perf_counter() - start
            path = Path(tmp) / "predictions.json"
            path.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
            predicted, _ = score.load_predictions(path)
            metrics, _ = score.evaluate(kind, pages, predicted, n_boot=0, seed=1)
            metrics.update(pages=len(pages), seconds=seconds,
                           pages_per_s=len(pages) / seconds if seconds else float("inf"),
                           mb_per_s=megabytes / seconds if seconds else float("inf"), errors=errors)
            rows.append({"benchmark": bench.name, "input": "text-dump", "name": name, "metrics": metrics})
    return rows


def print_rows(rows: list[dict]) -> None:
    print(f"  {'extractor':<26} {'F1':>6} {'P':>6} {'R':>6} {'wordF1':>7} {'pages/s':>8} {'MB/s':>6} {'err':>4}")
    for row in rows:
        m = row["metrics"]
        print(f"  {row['name']:<26} {m['f1']:6.3f} {m['precision']:6.3f} {m['recall']:6.3f} "
              f"{m['word_f1']:7.3f} {m['pages_per_s']:8.1f} {m['mb_per_s']:6.2f} {m['errors']:>4}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("html", "textdump"), help="run one input kind only")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each benchmark")
    parser.add_argument("--json-out", type=Path, help="write all figures as JSON")
    args = parser.parse_args(argv)

    root = eval_dir("extraction")
    if not (root / "score.py").is_file():
        print(f"extraction eval data not found at {root} (set NEWSGRAPH_EVAL_DIR to the directory "
              "holding score.py and the benchmarks)", file=sys.stderr)
        return 2
    score = load_scorer(root)
    segment = segmenter() if args.only != "html" else None
    if args.only != "html" and segment is None:
        print("text-dump segmenter not available")

    rows: list[dict] = []
    for name in BENCHMARKS:
        bench = root / name
        if not bench.is_dir():
            print(f"{name}: not found under {root}, skipped")
            continue
        if args.only != "textdump":
            print(f"{name} — HTML")
            found = bench_html(score, bench, args.limit)
            print_rows(found)
            rows += found
        if args.only != "html" and (bench / "text-dumps").is_dir():
            print(f"{name} — text dumps")
            found = bench_textdump(score, bench, args.limit, segment)
            print_rows(found)
            rows += found

    if args.json_out:
        args.json_out.write_text(json.dumps({"eval_dir": str(root), "limit": args.limit, "results": rows},
                                            indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
