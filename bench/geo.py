"""Geoparsing benchmark: the places enricher on GeoWebNews and TR-News.

Each document's text goes through spaCy once and the places enricher (or, with
``--full``, through ``newsgraph.analyze_text``, every enricher); every mention
of every resolved place becomes one prediction line, scored by the shared
scorer (``eval/geo/score.py``): toponym P/R/F1 (exact spans), accuracy@161 km,
AUC of the error curve, F161, and documents per second.

Run from the repository root::

    python -m bench.geo [--sets gwn,trnews] [--full] [--limit N] [--keep DIR]

The eval data lives outside the repository (``../shared/eval/geo``, or
``$NEWSGRAPH_EVAL_DIR`` naming the eval directory or its ``geo`` folder);
nothing from it is copied here.
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

SETS = ("gwn", "trnews")


def predict(docs: list[dict], full: bool) -> tuple[list[dict], float]:
    """Prediction lines for the documents and the seconds spent on them."""
    from newsgraph.record import Article

    rows: list[dict] = []
    started = time.perf_counter()
    if full:
        import newsgraph

        articles = [newsgraph.analyze_text(d["text"]) for d in docs]
    else:
        from newsgraph.enrich.nlp import load_nlp
        from newsgraph.enrich.places import enrich

        nlp = load_nlp()
        articles = []
        for d, parsed in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=16)):
            article = Article(text=d["text"])
            enrich(article, parsed)
            articles.append(article)
    seconds = time.perf_counter() - started
    for d, article in zip(docs, articles):
        for place in article.places:
            for start, end in place.mentions:
                rows.append({"doc_id": d["doc_id"], "start": start, "end": end,
                             "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid})
    return rows, seconds


def score(gold: Path, pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(gold.parent / "score.py"), "score", "--gold", str(gold),
                          "--pred", str(pred), "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS), help="comma list of: " + ", ".join(SETS))
    parser.add_argument("--full", action="store_true", help="run every enricher (analyze_text), not places only")
    parser.add_argument("--limit", type=int, default=0, help="first N documents of each set")
    parser.add_argument("--keep", type=Path, help="write the predictions JSONL files into this folder")
    args = parser.parse_args(argv)

    root = eval_dir("geo")
    if not (root / "score.py").is_file():
        print(f"bench.geo: no geo eval data at {root} (shared/ is absent; set NEWSGRAPH_EVAL_DIR)",
              file=sys.stderr)
        return 2
    from newsgraph.gazetteer import load_gazetteer

    started = time.perf_counter()
    gaz = load_gazetteer()
    gaz.lookup("London")
    print(f"gazetteer {gaz.path.name} ready in {time.perf_counter() - started:.2f}s")
    for name in args.sets.split(","):
        gold = root / f"{name}.jsonl"
        docs = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
        if args.limit:
            docs = docs[: args.limit]
        rows, seconds = predict(docs, args.full)
        folder = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-geo-"))
        folder.mkdir(parents=True, exist_ok=True)
        pred = folder / f"{name}-pred.jsonl"
        pred.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
        gold_used = gold
        if args.limit:
            gold_used = folder / f"{name}-gold.jsonl"
            gold_used.write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")
            (folder / "score.py").write_bytes((root / "score.py").read_bytes())
        r = score(gold_used, pred)
        rec, res, e2e = r["recognition"], r["resolution"], r["end_to_end"]
        print(f"{name}: docs={r['docs']} gold={r['gold_toponyms']} pred={r['predictions']}  "
              f"P={rec['precision']:.3f} R={rec['recall']:.3f} F1={rec['f1']:.3f}  "
              f"acc@161={res['acc@161'] or 0:.3f} AUC={res['auc'] or 0:.3f} F161={e2e['f161']:.3f}  "
              f"{len(docs) / seconds:.1f} docs/s ({'all enrichers' if args.full else 'spaCy + places'})")
        if not args.keep and not args.limit:
            pred.unlink()
            folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
