"""Train the sentence-level event classifier shipped in src/newsgraph/enrich/data/event_sentences/.

    python -m bench.train_events [--epochs 12] [--seed 0] [--held-out 0.2] [--dry-run]

Data: bench/event_sentences/labels.jsonl — 3,150 sentences of real news in ../shared/eval (pages
outside the real-news gold set: other scrapinghub pages, GeoWebNews, TR-News, PolNeAR documents),
each labelled by reading with the PLOVER types of the events a coder records from it (or none),
ids and offsets only. The model is a spaCy ``textcat_multilabel`` over a bag of words and word
pairs (``spacy.TextCatBOW.v3``, 2**16 hash buckets: a few MB, no vectors, fast on a sentence).

It first trains on (1 - held-out) of the sentences and prints precision/recall per type on the rest,
then trains on all of them with the same settings and writes the model (unless --dry-run). The
events component uses it to keep a rule-found event only where the sentence reads as reporting an
event of that type (newsgraph.enrich.events, docs/accuracy.md).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from importlib import resources
from pathlib import Path

from bench.facts_texts import available, load_text

LABELS = Path(__file__).resolve().parent / "event_sentences" / "labels.jsonl"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EVENT = "EVENT"  # any event at all


def load() -> list[tuple[str, dict[str, float]]]:
    data = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = load_text(item["doc_id"])[item["start"]:item["end"]]
        kinds = {e["type"] for e in item["events"]}
        cats = {t: float(t in kinds) for t in TYPES}
        cats[EVENT] = float(bool(kinds))
        data.append((text, cats))
    return data


def train(data, epochs: int, seed: int):
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": 2 ** 16}})
    for label in (*TYPES, EVENT):
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in data]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.0, losses=losses)
        print(f"  epoch {epoch + 1}: loss {losses.get('textcat_multilabel', 0):.2f}", file=sys.stderr)
    return nlp


def evaluate(nlp, data, threshold: float = 0.5) -> None:
    counts = {t: [0, 0, 0] for t in (*TYPES, EVENT)}  # tp, fp, fn
    for doc, (_, cats) in zip(nlp.pipe(t for t, _ in data), data):
        for label, gold in cats.items():
            pred = doc.cats[label] >= threshold
            if pred and gold:
                counts[label][0] += 1
            elif pred:
                counts[label][1] += 1
            elif gold:
                counts[label][2] += 1
    print(f"\nheld-out sentences: {len(data)}; per type at {threshold}: precision / recall (gold count)")
    for label, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        print(f"  {label:10} {p:.2f} / {r:.2f} ({tp + fn})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--held-out", type=float, default=0.2)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if not available():
        print("../shared/eval is absent: the labelled sentences' texts are needed")
        return 1
    data = load()
    rng = random.Random(args.seed)
    order = list(range(len(data)))
    rng.shuffle(order)
    cut = int(len(data) * (1 - args.held_out))
    train_part = [data[i] for i in order[:cut]]
    test_part = [data[i] for i in order[cut:]]
    print(f"{len(data)} sentences, {sum(c[EVENT] for _, c in data):.0f} with an event; training on {len(train_part)}")
    model = train(train_part, args.epochs, args.seed)
    for threshold in (0.5, 0.3, 0.15):
        evaluate(model, test_part, threshold)
    if args.dry_run:
        return 0
    nlp = train(data, args.epochs, args.seed)
    target = resources.files("newsgraph.enrich.data").joinpath("event_sentences")
    with resources.as_file(target) as path:
        if path.exists():
            shutil.rmtree(path)
        nlp.to_disk(path)
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        print(f"wrote {path} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
