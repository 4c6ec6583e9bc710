"""Train the event filter shipped as src/newsgraph/enrich/data/event_filter.json.

    python -m bench.train_events [--l2 1.0] [--held-out 0.2] [--seed 0] [--dry-run]

Data, ids and offsets only (the texts stay in ../shared/eval), from pages outside the real-news gold
set (other scrapinghub pages, GeoWebNews, TR-News, PolNeAR documents):
- bench/event_sentences/labels.jsonl — 3,150 sentences, each labelled by reading with the PLOVER
  types of the events a coder records from it (or none);
- bench/event_sentences/candidates.jsonl — candidate events of the rules in other sentences, each
  checked by reading: is the marked word an event of that type (yes, no, or another type)?
- bench/event_train/*.jsonl — whole articles outside both gold sets with every actor and event
  annotated by docs/annotation-guide.md and the adjudicated conventions; a candidate there is right
  when an event of its type is told in its sentence.

Each labelled sentence's article goes through the enrichment components up to the events
component, which proposes its candidate events (newsgraph.enrich.events.find_events); a candidate
in a labelled sentence is right when the sentence's labels include its type. One L2-regularised
logistic regression over the candidates' parse features (newsgraph.enrich.event_filter) learns
that. The script first fits on the documents outside a held-out fifth and prints how the filter
does on the held-out candidates, then fits on everything and writes the model (unless --dry-run).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from datetime import date
from importlib import resources
from pathlib import Path

from bench.calibrate import fit
from bench.facts_texts import available, load_text

LABELS = Path(__file__).resolve().parent / "event_sentences" / "labels.jsonl"
# Candidate events checked one by one: (document, trigger offsets, type) -> right or not.
CHECKED = Path(__file__).resolve().parent / "event_sentences" / "candidates.jsonl"
L2 = 1.0  # the filter's regularisation (--l2)


def candidates() -> list[tuple[str, dict, bool]]:
    """(document id, features, right) for every candidate event inside a labelled sentence."""
    from newsgraph.enrich import ENRICHERS, pipeline
    from newsgraph.enrich.events import find_events
    from newsgraph.enrich.nlp import load_nlp
    from newsgraph.record import Article

    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            by_doc[item["doc_id"]].append(item)
    checked: dict[tuple, bool] = {}
    if CHECKED.is_file():
        for line in CHECKED.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                checked[(item["doc_id"], item["trigger"][0], item["type"])] = item["answer"] == "yes"
                by_doc.setdefault(item["doc_id"], [])
    from bench.facts import load_training

    # Whole articles with every event annotated: a candidate is right when an event of its type is
    # told in its sentence (bench.facts' lenient match).
    annotated = {d["doc_id"]: d["events"] for d in load_training(("events",))}
    for doc_id in annotated:
        by_doc.setdefault(doc_id, [])
    nlp = load_nlp()
    before_events = pipeline(ENRICHERS[: ENRICHERS.index("events")])
    out = []
    ids = sorted(by_doc)
    texts = [load_text(i) for i in ids]
    for n, (doc_id, text, doc) in enumerate(zip(ids, texts, nlp.pipe(texts, batch_size=8)), 1):
        article = Article(text=text, paragraphs=Article.paragraph_spans(text))
        for component in before_events:
            component.run(article, doc)
        for event, feats in find_events(article, doc):
            key = (doc_id, event.trigger[0], event.type)
            if doc_id in annotated:
                out.append((doc_id, feats, any(g["type"] == event.type and g["sentence"][0] < event.end
                                               and event.start < g["sentence"][1] for g in annotated[doc_id])))
                continue
            if key in checked:
                out.append((doc_id, feats, checked[key]))
                continue
            for item in by_doc[doc_id]:
                if item["start"] <= event.trigger[0] < item["end"]:
                    out.append((doc_id, feats, event.type in {e["type"] for e in item["events"]}))
                    break
        if n % 50 == 0 or n == len(ids):
            print(f"  {n}/{len(ids)} documents, {len(out)} candidates", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def report(model: dict, held: list[tuple[str, dict, bool]]) -> None:
    from newsgraph.enrich.logistic import score

    scored = sorted(((score(model, f), ok) for _, f, ok in held), reverse=True)
    right = sum(ok for _, ok in scored)
    print(f"\nheld-out candidates: {len(scored)}, right {right} ({right / len(scored):.2f})")
    pos = [s for s, ok in scored if ok]
    neg = [s for s, ok in scored if not ok]
    auc = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg)) if pos and neg else float("nan")
    print(f"  ranking AUC {auc:.3f}")
    for cut in (0.15, 0.2, 0.3, 0.5):
        kept = [(s, ok) for s, ok in scored if s >= cut]
        kept_right = sum(ok for _, ok in kept)
        print(f"  keep >= {cut:.2f}: {len(kept)} kept, precision {kept_right / len(kept) if kept else float('nan'):.2f}, "
              f"right ones kept {kept_right / right if right else float('nan'):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--held-out", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if not available():
        print("../shared/eval is absent: the labelled sentences' texts are needed")
        return 1
    data = candidates()
    docs = sorted({d for d, _, _ in data})
    random.Random(args.seed).shuffle(docs)
    held_docs = set(docs[: int(len(docs) * args.held_out)])
    train_part = [(f, ok) for d, f, ok in data if d not in held_docs]
    held = [row for row in data if row[0] in held_docs]
    print(f"{len(data)} candidates in {len(docs)} documents; fitting on {len(train_part)}")
    report(fit(train_part, args.l2), held)
    if args.dry_run:
        return 0
    model = fit([(f, ok) for _, f, ok in data], args.l2)
    model["about"] = (f"fitted by `python -m bench.train_events --l2 {args.l2}` on {len(data)} candidate events in "
                      f"{len(docs)} documents, {date.today().isoformat()}")
    target = resources.files("newsgraph.enrich.data").joinpath("event_filter.json")
    with resources.as_file(target) as path:
        path.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n")
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB, {len(model['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
