"""Quotes benchmark: who said what on PolNeAR dev, scored by the shared scorer.

Runs the enrichers on every document as given (``newsgraph.analyze_text``, or
with ``--quotes-only`` just the spaCy parse and the quotes enricher), writes
predictions JSONL and scores them with ``eval/quotes/score.py`` in three modes:

* direct segments, exact (``--gold-segments``): every double-quoted segment of
  the gold is a unit; we submit the direct quotes opened by a double
  quotation mark (the scorer's unit: ''…'' quotes are not segments there).
  The quote F1 and the attribution (quote + speaker) F1 are the two figures.
* all attributions (direct, mixed, indirect) at gold coverage >= 0.3, with and
  without ``--merge-pred`` (which joins '"A," said X. "B."' into the one
  PolNeAR unit).

``--half 1|2`` keeps the even or odd documents, to tune on one half and
confirm on the other.  Run from the repository root::

    python -m bench.quotes [--half 1|2] [--quotes-only] [--keep DIR]

The eval data lives outside the repository (``../shared/eval/quotes``, or the
directory named by ``NEWSGRAPH_EVAL_DIR``); nothing from it is copied here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.evaldata import eval_dir

# The scorer's segments are spans between double quotation marks; the segment
# mode gets the quotes opened by one of these.
DOUBLE_MARKS = "\"“”«»„‟"


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(docs: list[dict], quotes_only: bool) -> tuple[list[dict], float]:
    """Predictions for every document and the seconds it took (model loading excluded)."""
    from newsgraph import Article, analyze_text
    from newsgraph.enrich import quotes
    from newsgraph.enrich.nlp import load_nlp

    nlp = load_nlp()
    nlp("warm up")
    preds = []
    began = time.perf_counter()
    for doc in docs:
        text = doc["text"]
        if quotes_only:
            article = Article(text=text, paragraphs=Article.paragraph_spans(text))
            quotes.enrich(article, nlp(text))
        else:
            article = analyze_text(text)
        for q in article.quotes:
            marked = q.start > 0 and text[q.start - 1] in DOUBLE_MARKS
            preds.append(
                {
                    "doc_id": doc["doc_id"],
                    "quote_start": q.start,
                    "quote_end": q.end,
                    "speaker": q.speaker,
                    "speaker_start": q.speaker_start,
                    "speaker_end": q.speaker_end,
                    # PolNeAR counts every quoted segment, a title or a song's words in quotation marks included
                    "marked": q.kind in ("direct", "title", "sung") and marked,
                }
            )
    return preds, time.perf_counter() - began


def score(root: Path, gold: Path, docs: Path, preds: Path, *flags: str) -> dict:
    """Run the shared scorer and return its JSON result."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [sys.executable, str(root / "score.py"), "score", "--gold", str(gold), "--pred", str(preds),
               "--docs", str(docs), "--json", out.name, *flags]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return json.load(open(out.name))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", type=int, choices=(1, 2), help="only the even (1) or odd (2) documents")
    ap.add_argument("--quotes-only", action="store_true", help="parse + quotes enricher, no other enrichers")
    ap.add_argument("--keep", help="write predictions and the subsets here instead of a temporary directory")
    args = ap.parse_args(argv)

    root = eval_dir("quotes")
    if not (root / "polnear_dev_docs.jsonl").is_file():
        print(f"quotes benchmark: no eval data at {root} (set NEWSGRAPH_EVAL_DIR to the eval/quotes directory)",
              file=sys.stderr)
        return 2
    docs = read_jsonl(root / "polnear_dev_docs.jsonl")
    gold = read_jsonl(root / "polnear_dev_gold.jsonl")
    if args.half:
        docs = docs[args.half - 1 :: 2]
        ids = {d["doc_id"] for d in docs}
        gold = [g for g in gold if g["doc_id"] in ids]

    preds, seconds = predict(docs, args.quotes_only)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-quotes-"))
    work.mkdir(parents=True, exist_ok=True)
    paths = {name: work / f"{name}.jsonl" for name in ("docs", "gold", "all", "direct")}
    for name, rows in (("docs", docs), ("gold", gold), ("all", preds), ("direct", [p for p in preds if p["marked"]])):
        with open(paths[name], "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    seg = score(root, paths["gold"], paths["docs"], paths["direct"], "--gold-segments")
    every = score(root, paths["gold"], paths["docs"], paths["all"], "--thresholds", "0.3")
    merged = score(root, paths["gold"], paths["docs"], paths["all"], "--thresholds", "0.3", "--merge-pred")

    words = sum(len(d["text"].split()) for d in docs)
    mode = "parse + quotes" if args.quotes_only else "analyze_text (all enrichers)"
    print(f"PolNeAR dev{f' half {args.half}' if args.half else ''}: {len(docs)} docs, {len(gold)} gold attributions; {mode}")
    print(f"  speed: {len(docs) / seconds:.1f} docs/s, {words / seconds:.0f} words/s")
    rows = [
        ("direct segments, exact", seg["exact"]),
        ("all attributions, overlap>=0.3", every["overlap@0.3"]),
        ("  same, --merge-pred", merged["overlap@0.3"]),
    ]
    print(f"  {'mode':<34}{'quote P':>8}{'R':>7}{'F1':>7}{'spk acc':>9}{'attr P':>8}{'R':>7}{'F1':>7}")
    for name, r in rows:
        q, a = r["quote"], r["attribution"]
        print(f"  {name:<34}{q['precision']:>8.3f}{q['recall']:>7.3f}{q['f1']:>7.3f}{r['speaker_accuracy']:>9.3f}"
              f"{a['precision']:>8.3f}{a['recall']:>7.3f}{a['f1']:>7.3f}")
    print(f"  predictions in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
