"""Tone against sentences people labelled, beside VADER's own compound score on the same sentences.

    python -m bench.tone            # correlations on the labelled sentences, both halves
    python -m bench.tone --sample   # the sentences to label (id, offsets, text), for a labeller; not stored
    python -m bench.tone --cost [--limit 120] [--repeat 3]   # the component's share of enrichment time

Gold: bench/tone_gold/polnear.jsonl, one line per sentence of a PolNeAR news document
(../shared/eval/quotes/polnear_dev_docs.jsonl): its doc id, start and end offsets, and a label on a
5-point scale (-2 very negative, -1 negative, 0 neutral, +1 positive, +2 very positive: how good or
bad what the sentence says reads for a news reader).  The text stays in the shared set; only ids and
offsets are here.  The sentences were labelled before any score was looked at.  Halves: a sentence
whose sha1(doc id:start) ends in an even hex digit is "tune", else "check"; nothing was tuned on
either (the figures are given for both).

Printed for each scorer, per half and all: Pearson's r and Spearman's rho with the labels, and the
share of sentences labelled non-neutral whose sign the scorer gets right (a score of 0 is wrong):
  - newsgraph: the tone component (enrich/tone.py) on the parse of the sentence;
  - text_tone: the same lexicon on words cut by a regular expression (the export's fallback);
  - vader compound: vaderSentiment's SentimentIntensityAnalyzer().polarity_scores(text)["compound"].
Then how far newsgraph agrees with VADER's compound over every sentence of the documents.

--cost: on bench/enrich.py's texts, in one process, the whole enrichment with and without the tone
component (interleaved, median of --repeat runs), and the time spent inside the component itself;
and the time VADER's polarity_scores would take on the same sentences (what the component avoids).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from bench.evaldata import eval_dir

GOLD = Path(__file__).resolve().parent / "tone_gold" / "polnear.jsonl"
_SENTENCE = re.compile(r"[^\s].*?(?:[.!?][\"'\u201d\u2019)]*(?=\s)|$)", re.S)


def documents() -> dict[str, str]:
    path = eval_dir("quotes") / "polnear_dev_docs.jsonl"
    if not path.is_file():
        sys.exit(f"the PolNeAR documents are not here ({path}); they live in ../shared/eval/quotes")
    return {d["doc_id"]: d["text"] for d in map(json.loads, path.read_text().splitlines()) if d.get("text")}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentences by punctuation (not by our parse, so the gold does not depend on it), within paragraphs."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        for m in _SENTENCE.finditer(para.group()):
            start, end = para.start() + m.start(), para.start() + m.end()
            if 40 <= end - start <= 300:
                out.append((start, end))
    return out


def half(doc_id: str, start: int) -> str:
    return "tune" if int(hashlib.sha1(f"{doc_id}:{start}".encode()).hexdigest()[-1], 16) % 2 == 0 else "check"


def sample(docs: dict[str, str], per_doc: int = 2) -> list[tuple[str, int, int]]:
    """Two sentences of each document, chosen by hash (not by content)."""
    picked = []
    for doc_id, text in sorted(docs.items()):
        ranked = sorted(sentences(text), key=lambda s: hashlib.sha1(f"{doc_id}:{s[0]}".encode()).hexdigest())
        picked += [(doc_id, s, e) for s, e in ranked[:per_doc]]
    return picked


def pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx = sum((a - mx) ** 2 for a in x) ** 0.5
    sy = sum((b - my) ** 2 for b in y) ** 0.5
    return sxy / (sx * sy) if sx and sy else float("nan")


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x: list[float], y: list[float]) -> float:
    return pearson(ranks(x), ranks(y))


def sign_right(scores: list[float], labels: list[float]) -> float:
    pairs = [(s, g) for s, g in zip(scores, labels) if g]
    return sum((s > 0) == (g > 0) and s != 0 for s, g in pairs) / len(pairs) if pairs else float("nan")


def scorers():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newsgraph.enrich import tone
    from newsgraph.enrich.nlp import load_nlp

    nlp = load_nlp()
    vader = SentimentIntensityAnalyzer()

    def ours(text: str) -> float:
        found = tone._count(nlp(text)).tone()
        return found.tone if found else 0.0

    return {"newsgraph": ours, "text_tone": lambda t: tone.text_tone(t) or 0.0,
            "vader compound": lambda t: vader.polarity_scores(t)["compound"]}


def cost(limit: int | None, repeat: int) -> None:
    import statistics
    import time

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from bench.enrich import bench_texts
    from newsgraph.enrich import ENRICHERS, enrich_articles, tone
    from newsgraph.enrich.nlp import load_nlp
    from newsgraph.record import Article

    inside = [0.0]
    measure = tone.enrich

    def timed_enrich(article, doc) -> None:  # installed before the pipeline is first built
        start = time.perf_counter()
        measure(article, doc)
        inside[0] += time.perf_counter() - start

    tone.enrich = timed_enrich  # type: ignore[assignment]
    texts = bench_texts(limit)
    if not texts:
        sys.exit("no benchmark texts (bench/enrich.py reads ../shared/eval)")
    without = tuple(c for c in ENRICHERS if c != "tone")
    enrich_articles([Article(text="Warm-up. The minister said it.")])
    enrich_articles([Article(text="Warm-up. The minister said it.")], components=without)
    runs: dict[str, list[float]] = {"with": [], "without": [], "inside": []}
    for _ in range(repeat):
        for name, components in (("with", ENRICHERS), ("without", without)):
            articles = [Article(text=t, paragraphs=Article.paragraph_spans(t)) for t in texts]
            inside[0] = 0.0
            start = time.perf_counter()
            enrich_articles(articles, components=components)
            runs[name].append(time.perf_counter() - start)
            if name == "with":
                runs["inside"].append(inside[0])
    with_, without_, inside_ = (statistics.median(runs[k]) for k in ("with", "without", "inside"))
    vader = SentimentIntensityAnalyzer()
    sents = [s.text for doc in load_nlp().pipe(texts) for s in doc.sents]
    start = time.perf_counter()
    for sentence in sents:
        vader.polarity_scores(sentence)
    vader_seconds = time.perf_counter() - start
    print(f"{len(texts)} articles, median of {repeat} interleaved runs in one process")
    print(f"enrichment with tone {with_:.2f} s, without {without_:.2f} s: "
          f"{100 * (with_ / without_ - 1):+.1f}% (wall time: noisy on a shared machine)")
    print(f"inside the tone component: {inside_:.3f} s = {100 * inside_ / with_:.1f}% of enrichment (goal <= 5%)")
    print(f"VADER's polarity_scores on the same {len(sents)} sentences: {vader_seconds:.3f} s "
          f"= {100 * vader_seconds / with_:.1f}% of enrichment")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", action="store_true", help="print the sentences to label (not stored)")
    parser.add_argument("--cost", action="store_true", help="the component's share of enrichment time")
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.cost:
        cost(args.limit, args.repeat)
        return
    docs = documents()
    if args.sample:
        for doc_id, start, end in sample(docs):
            print(json.dumps({"doc_id": doc_id, "start": start, "end": end, "text": docs[doc_id][start:end]},
                             ensure_ascii=False))
        return
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    items = [(g, docs[g["doc_id"]][g["start"]:g["end"]]) for g in gold if g["doc_id"] in docs]
    score = scorers()
    results = {name: [fn(text) for _, text in items] for name, fn in score.items()}
    labels = [float(g["label"]) for g, _ in items]
    halves = [half(g["doc_id"], g["start"]) for g, _ in items]
    print(f"{len(items)} labelled sentences ({halves.count('tune')} tune, {halves.count('check')} check); "
          f"labels: " + ", ".join(f"{v:+d}: {labels.count(v)}" for v in (-2, -1, 0, 1, 2)))
    print(f"{'scorer':16} {'half':6} {'n':>4} {'pearson':>8} {'spearman':>9} {'sign right':>11}")
    for name, scores in results.items():
        for part in ("tune", "check", "all"):
            keep = [i for i, h in enumerate(halves) if part in (h, "all")]
            x, y = [scores[i] for i in keep], [labels[i] for i in keep]
            print(f"{name:16} {part:6} {len(keep):4d} {pearson(x, y):8.3f} {spearman(x, y):9.3f} "
                  f"{sign_right(x, y):11.3f}")
    every = [docs[d][s:e] for d in sorted(docs) for s, e in sentences(docs[d])]
    ours = [score["newsgraph"](t) for t in every]
    vader = [score["vader compound"](t) for t in every]
    both = [(a, b) for a, b in zip(ours, vader) if a and b]
    print(f"agreement with VADER's compound over {len(every)} sentences of {len(docs)} documents: "
          f"pearson {pearson(ours, vader):.3f}, spearman {spearman(ours, vader):.3f}, "
          f"same sign where both are non-zero {sum((a > 0) == (b > 0) for a, b in both) / max(1, len(both)):.3f} "
          f"({len(both)} sentences)")


if __name__ == "__main__":
    main()
