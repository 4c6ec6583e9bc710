"""Throughput of the whole enrichment beside spaCy's en_core_web_sm alone, on the same texts.

    python -m bench.enrich [--limit N] [--workers 2] [--repeat 3]

Texts: news article bodies from ../shared/eval/ (the extraction gold bodies and the PolNeAR
documents). Each configuration runs in --workers processes, each parsing its share of the texts
with nlp.pipe; model loading is excluded (done before the clock starts). Prints articles/s and
words/s, medians over --repeat runs, and the cost ratio (goal: at most 1.5).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import time

from bench.evaldata import eval_dir



def bench_texts(limit: int | None) -> list[str]:
    texts = []
    truth = eval_dir("extraction") / "scrapinghub" / "ground-truth.json"
    if truth.is_file():
        texts += [item["articleBody"] for item in json.loads(truth.read_text()).values() if item.get("articleBody")]
    docs = eval_dir("quotes") / "polnear_dev_docs.jsonl"
    if docs.is_file():
        texts += [json.loads(line)["text"] for line in docs.read_text().splitlines() if line.strip()]
    return texts[:limit] if limit else texts


def _warm(kind: str):
    if kind == "spacy":
        import spacy

        from newsgraph.enrich.nlp import MODEL

        return spacy.load(MODEL)
    from newsgraph.enrich import enrich_articles

    enrich_articles([_article("Warm-up text. The minister said it.")])
    return None


def _article(text: str):
    from newsgraph.record import Article

    return Article(text=text, paragraphs=Article.paragraph_spans(text))


def _run(job: tuple[str, list[str], multiprocessing.Barrier]) -> float:
    kind, texts, barrier = job
    nlp = _warm(kind)
    barrier.wait()
    start = time.perf_counter()
    if kind == "spacy":
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
    else:
        from newsgraph.enrich import enrich_articles

        enrich_articles([_article(t) for t in texts])
    return time.perf_counter() - start


def timed(kind: str, texts: list[str], workers: int) -> float:
    """Wall time of the slowest worker, each on its share of the texts."""
    shares = [texts[i::workers] for i in range(workers)]
    with multiprocessing.Manager() as manager:
        barrier = manager.Barrier(workers)
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            return max(pool.map(_run, [(kind, share, barrier) for share in shares]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = bench_texts(args.limit)
    if not texts:
        sys.exit(f"no benchmark texts in {eval_dir('extraction')} or {eval_dir('quotes')} "
                 "(set NEWSGRAPH_EVAL_DIR to the eval folder)")
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words, {args.workers} worker processes, median of {args.repeat} runs")
    print(f"{'':34} {'seconds':>8} {'articles/s':>10} {'words/s':>9}")
    configs = {"spacy": "spaCy en_core_web_sm alone", "enrich": "newsgraph enrichment (all steps)"}
    seconds = {kind: [] for kind in configs}
    for _ in range(args.repeat):  # interleaved, so a change in the machine's load hits both alike
        for kind in configs:
            seconds[kind].append(timed(kind, texts, args.workers))
    medians = {}
    for kind, name in configs.items():
        medians[kind] = median = statistics.median(seconds[kind])
        print(f"{name:34} {median:8.2f} {len(texts) / median:10.1f} {words / median:9.0f}")
    print(f"cost of enrichment against spaCy alone: {medians['enrich'] / medians['spacy']:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
