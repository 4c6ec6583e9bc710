"""Train the event sentence classifier and the event filter (src/newsgraph/enrich/data/event_sentences/,
event_filter.json).

    python -m bench.train_events [--l2 1.0] [--held-out 0.2] [--seed 0] [--dry-run]

Data, ids and offsets only (the texts stay in ../shared/eval), from pages outside the real-news gold
set (other scrapinghub pages, GeoWebNews, TR-News, PolNeAR documents):
- bench/event_sentences/labels.jsonl — 3,150 sentences, each labelled by reading with the PLOVER
  types of the events a coder records from it (or none);
- bench/event_sentences/candidates.jsonl — candidate events of the rules in other sentences, each
  checked by reading: is the marked word an event of that type (yes, no, or another type)?
- bench/event_train/*.jsonl — whole articles outside both gold sets with every actor and event
  annotated by docs/annotation-guide.md and the adjudicated conventions; a candidate there is right
  when an event of its type is told in its sentence, and each of their sentences is labelled with
  the types told in it.

First the sentence classifier (newsgraph.enrich.event_sentences: spaCy's ``textcat_multilabel``, a
bag of words and word pairs, one label per PLOVER type and ``ANY``) learns from the labelled
sentences and the training articles' sentences. Each labelled sentence's article goes through the
enrichment components up to the events component, which proposes its candidate events
(newsgraph.enrich.events.find_events); a candidate in a labelled sentence is right when the
sentence's labels include its type. One L2-regularised logistic regression over the candidates'
parse features and the classifier's two scores (newsgraph.enrich.event_filter) learns that. The
classifier's scores it learns from are cross-fitted (each sentence scored by a classifier fitted
without its article; written to bench/event_sentences/cross_fitted.json by digest, for
``bench.calibrate`` too). The script fits the filter on the documents outside a held-out fifth and
prints how it does on the held-out candidates with and without the classifier, then fits both on
everything and writes them (unless --dry-run).
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
from newsgraph.enrich.event_filter import sentence_features
from newsgraph.enrich.event_sentences import MAX_CHARS, MODEL_DIR, digest

LABELS = Path(__file__).resolve().parent / "event_sentences" / "labels.jsonl"
# Candidate events checked one by one: (document, trigger offsets, type) -> right or not.
CHECKED = Path(__file__).resolve().parent / "event_sentences" / "candidates.jsonl"
L2 = 1.0  # the filter's regularisation (--l2)
# The sentence classifier's cross-fitted scores of the training candidates' sentences, by digest.
CROSS_FITTED = Path(__file__).resolve().parent / "event_sentences" / "cross_fitted.json"
# The sentence classifier: spaCy's bag of words and word pairs, one label per type and ANY.
CLASSIFIER = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
              "no_output_layer": False, "length": 2**16}
EPOCHS = 8
CLASSIFIER_FOLDS = 5
TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
         "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")


def collect() -> tuple[list[tuple[str, str, str, dict, bool]], list[tuple[str, str, list[str]]]]:
    """One parse of every labelled document: the candidate events inside labelled sentences as
    (document id, sentence text, type, parse features, right), and the sentences the classifier
    learns from as (document id, text, PLOVER types told there)."""
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
    # told in its sentence (bench.facts' lenient match); every sentence of theirs is one to learn from.
    annotated = {d["doc_id"]: d["events"] for d in load_training(("events",))}
    for doc_id in annotated:
        by_doc.setdefault(doc_id, [])
    nlp = load_nlp()
    before_events = pipeline(ENRICHERS[: ENRICHERS.index("events")])
    out: list[tuple[str, str, str, dict, bool]] = []
    sentences: list[tuple[str, str, list[str]]] = []
    ids = sorted(by_doc)
    texts = [load_text(i) for i in ids]
    for n, (doc_id, text, doc) in enumerate(zip(ids, texts, nlp.pipe(texts, batch_size=8)), 1):
        article = Article(text=text, paragraphs=Article.paragraph_spans(text))
        for component in before_events:
            component.run(article, doc)
        for item in by_doc[doc_id]:
            sentences.append((doc_id, text[item["start"]:item["end"]], sorted({e["type"] for e in item["events"]})))
        if doc_id in annotated:
            for sent in doc.sents:
                told = {g["type"] for g in annotated[doc_id] if g["sentence"][0] < sent.end_char and sent.start_char < g["sentence"][1]}
                sentences.append((doc_id, sent.text, sorted(told)))
        for event, feats in find_events(article, doc):
            feats = {k: v for k, v in feats.items() if not k.startswith("tc_")}  # the shipped classifier's: set apart
            sentence = doc.char_span(event.trigger[0], event.trigger[1], alignment_mode="expand")[0].sent.text
            key = (doc_id, event.trigger[0], event.type)
            right: bool | None = None
            if doc_id in annotated:
                right = any(g["type"] == event.type and g["sentence"][0] < event.end and event.start < g["sentence"][1]
                            for g in annotated[doc_id])
            elif key in checked:
                right = checked[key]
            else:
                for item in by_doc[doc_id]:
                    if item["start"] <= event.trigger[0] < item["end"]:
                        right = event.type in {e["type"] for e in item["events"]}
                        break
            if right is not None:
                out.append((doc_id, sentence, event.type, feats, right))
        if n % 50 == 0 or n == len(ids):
            print(f"  {n}/{len(ids)} documents, {len(out)} candidates, {len(sentences)} sentences", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out, sentences


def train_classifier(sentences: list[tuple[str, str, list[str]]], seed: int = 0):
    """The sentence classifier (newsgraph.enrich.event_sentences) fitted on these sentences."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": dict(CLASSIFIER)})
    for label in [*TYPES, "ANY"]:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text[:MAX_CHARS]),
                                  {"cats": {**{t: float(t in told) for t in TYPES}, "ANY": float(bool(told))}})
                for _, text, told in sentences]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, 32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def cross_fit(sentences, data, folds: int = CLASSIFIER_FOLDS, seed: int = 0) -> dict[str, dict[str, float]]:
    """Each candidate's sentence scored by a classifier fitted without its article's sentences, by
    digest: what the filter and the confidence learn from must not be the classifier's own training
    sentences, which it reads more surely than any new one."""
    docs = sorted({d for d, _, _ in sentences} | {d for d, *_ in data})
    random.Random(seed).shuffle(docs)
    fold_of = {doc: i % folds for i, doc in enumerate(docs)}
    table: dict[str, dict[str, float]] = {}
    for k in range(folds):
        nlp = train_classifier([row for row in sentences if fold_of[row[0]] != k], seed)
        wanted = sorted({sentence for doc_id, sentence, *_ in data if fold_of[doc_id] == k})
        for text, doc in zip(wanted, nlp.pipe(t[:MAX_CHARS] for t in wanted)):
            table.setdefault(digest(text), {label: round(p, 4) for label, p in doc.cats.items()})
        print(f"  classifier fold {k + 1}/{folds}", file=sys.stderr, flush=True)
    return table


def with_sentence_features(data, table) -> list[tuple[str, dict, bool]]:
    """(document id, features, right) with the cross-fitted classifier's features added."""
    out = []
    for doc_id, sentence, kind, feats, right in data:
        cats = table.get(digest(sentence))
        out.append((doc_id, {**feats, **sentence_features(cats, kind)} if cats else feats, right))
    return out


def candidates() -> list[tuple[str, dict, bool]]:
    """(document id, features, right) for every candidate event inside a labelled sentence, the
    sentence classifier's features cross-fitted (CROSS_FITTED, written by this command)."""
    data, _ = collect()
    return with_sentence_features(data, cross_fitted())


def cross_fitted() -> dict[str, dict[str, float]]:
    """The cross-fitted sentence scores of the training candidates, by digest (empty before the first run)."""
    if not CROSS_FITTED.is_file():
        return {}
    return json.loads(CROSS_FITTED.read_text(encoding="utf-8"))["scores"]


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
    data, sentences = collect()
    print(f"{len(sentences)} labelled sentences ({sum(bool(t) for _, _, t in sentences)} telling an event); "
          f"the sentence classifier cross-fitted over {CLASSIFIER_FOLDS} folds of articles")
    table = cross_fit(sentences, data, seed=args.seed)
    rows = with_sentence_features(data, table)
    docs = sorted({d for d, _, _ in rows})
    random.Random(args.seed).shuffle(docs)
    held_docs = set(docs[: int(len(docs) * args.held_out)])
    held = [row for row in rows if row[0] in held_docs]
    print(f"{len(rows)} candidates in {len(docs)} documents; fitting on {len(rows) - len(held)}")
    print("without the sentence classifier:", end="")
    report(fit([({k: v for k, v in f.items() if not k.startswith("tc_")}, ok) for d, f, ok in rows if d not in held_docs], args.l2),
           [(d, {k: v for k, v in f.items() if not k.startswith("tc_")}, ok) for d, f, ok in held])
    print("with it:", end="")
    report(fit([(f, ok) for d, f, ok in rows if d not in held_docs], args.l2), held)
    if args.dry_run:
        return 0
    stamp = f"`python -m bench.train_events --l2 {args.l2} --seed {args.seed}`, {date.today().isoformat()}"
    CROSS_FITTED.write_text(json.dumps({"about": f"cross-fitted sentence scores by digest, written by {stamp}",
                                        "scores": table}, sort_keys=True) + "\n")
    classifier = train_classifier(sentences, args.seed)
    classifier.meta["description"] = f"newsgraph's event sentence classifier: {len(sentences)} sentences, {stamp}"
    folder = resources.files("newsgraph.enrich.data").joinpath(MODEL_DIR)
    with resources.as_file(folder) as path:
        classifier.to_disk(path)
        size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        print(f"wrote {path} ({size / 1e6:.1f} MB)")
    model = fit([(f, ok) for _, f, ok in rows], args.l2)
    model["about"] = (f"fitted by {stamp} on {len(rows)} candidate events in {len(docs)} documents")
    target = resources.files("newsgraph.enrich.data").joinpath("event_filter.json")
    with resources.as_file(target) as path:
        path.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n")
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB, {len(model['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
