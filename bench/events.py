"""Event coding accuracy on the PLOVER gold records, and what the events step costs.

    python -m bench.events [--limit N] [--texts N] [--keep PRED.jsonl]

Accuracy: each gold sentence goes through newsgraph.analyze_text on its own; the events it
states (negated ones left out: an event said not to happen is evidence, not an occurrence)
are written as predictions and scored by the gold set's own scorer (score.py score-events,
actor match by country/IGO code): event-type macro F1 and type+source+target F1, on the
whole set and on its two halves (odd and even positions), so a gain that is real shows on
both.  Also the confusion between gold types and the first predicted type per sentence.

Cost: the news texts of bench.enrich parsed once, every enricher timed on the shared Doc;
the events step's time against the rest of the enrichment pass (parse and other enrichers).
Goals: type F1 >= 0.70, triple F1 >= 0.45, events <= 20% on top of the enrichment pass.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.evaldata import eval_dir

SECTORS = {"government": "GOV", "military": "MIL", "police": "COP", "rebel": "REB", "civilian": "CVL",
           "media": "MED", "legislature": "LEG", "judiciary": "JUD", "business": "BUS", "opposition": "OPP",
           "intelligence": "SPY", "igo": None}


def events_dir() -> Path:
    """The folder with the gold records and scorer."""
    folder = eval_dir("events")
    if not (folder / "plover_gsr_gold.jsonl").is_file():
        sys.exit(f"no PLOVER gold records in {folder} (the shared eval folder beside the repository; "
                 "set NEWSGRAPH_EVAL_DIR to it)")
    return folder


def actor_code(actor: dict | None) -> dict | None:
    """Our actor as the gold's: 3-letter country code or IGO, and a sector code."""
    if not actor:
        return None
    import pycountry

    code = None
    if actor.get("sector") == "igo":
        code = "IGO"
    elif actor.get("country"):
        country = pycountry.countries.get(alpha_2=actor["country"])
        code = country.alpha_3 if country else None
    return {"text": actor.get("text"), "code": code, "sector": SECTORS.get(actor.get("sector") or "")}


def predict(rows: list[dict]) -> list[dict]:
    import newsgraph

    preds = []
    for row in rows:
        article = newsgraph.analyze_text(row["text"])
        events = [
            {"event": e.type, "source": [a for a in [actor_code(e.actor1)] if a],
             "target": [a for a in [actor_code(e.actor2)] if a],
             "location": e.place["name"] if e.place else None, "status": e.status}
            for e in article.events if e.status != "negated"
        ]
        preds.append({"id": row["id"], "events": events})
    return preds


def load_scorer(folder: Path):
    spec = importlib.util.spec_from_file_location("plover_score", folder / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(scorer, gold: list[dict], preds: list[dict], title: str) -> None:
    res = scorer.score_events(gold, preds, "code")
    print(f"{title:12} records={res['n_records']:4} type macro-F1={res['event_macro_f1']:.3f}  "
          f"type F1={res['event']['f1']:.3f}  triple F1={res['triple']['f1']:.3f}  "
          f"(P={res['triple']['precision']:.3f} R={res['triple']['recall']:.3f})")


def confusion(gold: list[dict], preds: list[dict]) -> None:
    first = {p["id"]: (p["events"][0]["event"] if p["events"] else "-") for p in preds}
    table: dict[str, Counter] = defaultdict(Counter)
    for row in gold:
        table[row["events"][0]["event"]][first.get(row["id"], "-")] += 1
    print("\nconfusion: gold type -> first predicted type ('-' = none)")
    for gold_type in sorted(table):
        counts = table[gold_type]
        right = counts[gold_type]
        others = ", ".join(f"{t} {n}" for t, n in counts.most_common() if t != gold_type)
        print(f"  {gold_type:10} {right:3}/{sum(counts.values()):3}  {others}")


def cost(limit: int) -> None:
    """Seconds of each enrichment step on the same parsed texts; events against the rest."""
    from bench.enrich import _article, bench_texts
    from newsgraph.enrich import ENRICHERS, enrichers
    from newsgraph.enrich.nlp import load_nlp

    texts = bench_texts(limit)
    if not texts:
        print("\ncost: no news texts for bench.enrich under the eval folder; skipped")
        return
    nlp = load_nlp()
    steps = list(zip(ENRICHERS, enrichers()))
    articles = [_article(t) for t in texts]
    for _name, step in steps:  # warm caches (gazetteer, lexicons) before the clock starts
        step(_article("Police arrested two men in Paris on Monday."), nlp("Police arrested two men in Paris on Monday."))
    spent: Counter = Counter()
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for article in articles:
        start = time.perf_counter()
        doc = next(docs)
        spent["parse"] += time.perf_counter() - start
        for step_name, step in steps:
            start = time.perf_counter()
            step(article, doc)
            spent[step_name] += time.perf_counter() - start
    count = len(articles)
    words = sum(len(t.split()) for t in texts)
    rest = sum(v for k, v in spent.items() if k != "events")
    print(f"\ncost on {count} news texts ({words} words), one process:")
    for name, seconds in spent.items():
        print(f"  {name:10} {seconds:7.2f} s")
    print(f"  events found: {sum(len(a.events) for a in articles)}")
    print(f"events step on top of the enrichment pass: {100 * spent['events'] / rest:.1f}% (goal <= 20%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="score only the first N gold records")
    parser.add_argument("--texts", type=int, default=200, help="news texts for the cost measure (0: skip)")
    parser.add_argument("--keep", help="write the predictions to this JSONL file")
    args = parser.parse_args()
    folder = events_dir()
    scorer = load_scorer(folder)
    gold = scorer.read_jsonl(folder / "plover_gsr_gold.jsonl")[: args.limit]
    preds = predict(gold)
    path = args.keep or tempfile.mkstemp(suffix=".jsonl")[1]
    scorer.write_jsonl(path, preds)
    print(f"predictions: {path}  (score: python3 {folder / 'score.py'} score-events --gold "
          f"{folder / 'plover_gsr_gold.jsonl'} --pred {path})")
    report(scorer, gold, preds, "all")
    report(scorer, gold[0::2], preds[0::2], "half A")
    report(scorer, gold[1::2], preds[1::2], "half B")
    confusion(gold, preds)
    if args.texts:
        cost(args.texts)


if __name__ == "__main__":
    main()
