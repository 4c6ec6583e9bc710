"""French enrichment: precision and recall on our French gold set, and the cost of a French article.

    python -m bench.french [--split tune|check|all] [--errors KIND] [--rules] [--cost-only] [--repeats N]

Gold: ``bench/fr_gold/texts/*.txt`` (24 French news articles written for the project) and
``bench/fr_gold/gold.jsonl`` (actors, places, quotes with speakers, by offsets; the format of
docs/annotation-guide.md). Files 01-12 (by name) are the tuning half, 13-24 the checking half.
Each text is enriched as ``newsgraph.analyze_text`` does (language detected, so the French model
and profile) and judged with bench.facts' rules: strict precision (the fact is right), lenient
precision (it overlaps a gold fact of its kind), recall; "shown" rows count only the facts newsgraph
shows by default (confidence at or above its kind's threshold).

``--rules`` prints, for the tuning half, how many facts of each rule of the French profile are right:
the measurement behind the profile's ``[confidence]`` table.

Cost: seconds of ``enrich_articles`` per 1,000 characters, French articles (fr_core_news_md) against
English ones (en_core_web_sm: the English gold texts of ../shared/eval when present, else the English
sample pages), models loaded before the clock starts, best of ``--repeats`` runs each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench.facts import figures, judge, print_table

FR_DIR = Path(__file__).resolve().parent / "fr_gold"
KINDS = ("actors", "places", "quotes")


def texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((FR_DIR / "texts").glob("*.txt"))}


def split_of(name: str, names: list[str]) -> str:
    return "tune" if sorted(names).index(name) < len(names) // 2 else "check"


def load_gold() -> dict[str, dict]:
    path = FR_DIR / "gold.jsonl"
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            out[Path(str(doc["doc_id"])).stem] = doc
    return out


def enrich(text: str):
    from newsgraph import analyze_text

    return analyze_text(text)


def cost(repeats: int) -> None:
    from newsgraph.enrich import enrich_articles
    from newsgraph.enrich.nlp import load_nlp
    from newsgraph.record import Article

    french = list(texts().values())
    english = _english_texts(len(french))
    load_nlp("en"), load_nlp("fr")

    def run(batch: list[str], language: str) -> float:
        best = float("inf")
        for _ in range(repeats):
            articles = [Article(text=t, paragraphs=Article.paragraph_spans(t), language=language) for t in batch]
            start = time.perf_counter()
            enrich_articles(articles)
            best = min(best, time.perf_counter() - start)
        return best / (sum(map(len, batch)) / 1000)

    def parse(batch: list[str], language: str) -> float:
        nlp = load_nlp(language)
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            for _doc in nlp.pipe(batch, batch_size=16):
                pass
            best = min(best, time.perf_counter() - start)
        return best / (sum(map(len, batch)) / 1000)

    run(french[:2], "fr"), run(english[:2], "en")  # warm caches
    fr, en = run(french, "fr"), run(english, "en")
    fr_parse, en_parse = parse(french, "fr"), parse(english, "en")
    print(f"\ncost (best of {repeats} runs, shared 2-core machine): seconds per 1,000 characters")
    print(f"  English ({len(english)} articles, {sum(map(len, english)):,} chars, en_core_web_sm): {en:.4f}")
    print(f"  French  ({len(french)} articles, {sum(map(len, french)):,} chars, fr_core_news_md): {fr:.4f}")
    print(f"  French / English: {fr / en:.2f}x")
    print(f"  of which the spaCy parse alone: English {en_parse:.4f}, French {fr_parse:.4f} "
          f"({fr_parse / en_parse:.2f}x); the rest is the components")


def _english_texts(n: int) -> list[str]:
    try:
        from bench.facts_texts import available, load_text, manifest

        if available():
            out = []
            for doc in manifest():
                text = load_text(doc["id"])
                if 1500 <= len(text) <= 4000:
                    out.append(text)
                if len(out) == n:
                    return out
    except (OSError, KeyError, ValueError):
        pass
    from newsgraph import extract

    samples = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "samples" / "html"
    out = []
    for path in sorted(samples.glob("*.html")):
        article = extract(path.read_bytes(), url=path.as_uri())
        if article.language == "en":
            out.append(article.text)
    return out[:n]


def rules() -> None:
    """Per rule of the profile: facts right / facts, tuning half."""
    from collections import defaultdict

    from newsgraph.enrich.languages import profile

    prof = profile("fr")
    assert prof is not None
    saved = dict(prof.confidence)
    codes = {}
    for n, rule in enumerate(sorted(saved)):  # a distinct confidence per rule tells them apart
        prof.confidence[rule] = codes_value = round(0.6 + n * 0.01, 2)
        codes[codes_value] = rule
    try:
        gold, all_texts = load_gold(), texts()
        names = sorted(all_texts)
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for name in names:
            if split_of(name, names) != "tune" or name not in gold:
                continue
            rows = judge(dict(gold[name], text=all_texts[name], doc_id=name), enrich(all_texts[name]), threshold=0.0)
            for kind in KINDS:
                for row in rows[kind]:
                    if row["pred"]:
                        cell = counts[(kind, codes.get(row["conf"], str(row["conf"])))]
                        cell[0] += row["ok"]
                        cell[1] += 1
    finally:
        prof.confidence.clear()
        prof.confidence.update(saved)
    print("\nFrench tuning half, facts right per rule (the profile's [confidence] is (right + 1) / (facts + 2)):")
    for (kind, rule), (ok, n) in sorted(counts.items()):
        print(f"  {kind:8} {rule:26} {ok:3d} / {n:3d}   {(ok + 1) / (n + 2):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--errors", choices=KINDS, help="the tuning half's wrong and missed facts of a kind")
    parser.add_argument("--rules", action="store_true", help="facts right per rule of the profile, tuning half")
    parser.add_argument("--cost-only", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    from newsgraph.confidence import shown_facts

    if args.rules:
        rules()
        return 0
    if not args.cost_only:
        gold = load_gold()
        if not gold:
            print(f"no gold: {FR_DIR / 'gold.jsonl'} is absent")
            return 1
        all_texts = texts()
        names = sorted(all_texts)
        halves = ("tune",) if args.errors else ("tune", "check") if args.split == "all" else (args.split,)
        for half in halves:
            docs = [dict(gold[n], text=all_texts[n], doc_id=n) for n in names
                    if split_of(n, names) == half and n in gold]
            if not docs:
                continue
            articles = [enrich(d["text"]) for d in docs]
            rows = [judge(d, a) for d, a in zip(docs, articles)]
            if args.errors:
                for doc, r in zip(docs, rows):
                    print(f"\n== {doc['doc_id']}")
                    for row in r[args.errors]:
                        if row["pred"] and not row["ok"]:
                            print(f"  {'PARTIAL' if row['lenient'] else 'WRONG  '} "
                                  f"{'shown' if row['shown'] else 'hidden'} {row['what']}")
                        elif not row["pred"] and not row["found"]:
                            print(f"  MISSED  {row['what']}")
                continue
            shown_rows = [judge(d, shown_facts(a)) for d, a in zip(docs, articles)]
            label = {"tune": "tuning half (01-12)", "check": "checking half (13-24)"}[half]
            keep = lambda figs: {k: v for k, v in figs.items() if k in KINDS}  # noqa: E731
            print_table(f"French, {label}, {len(docs)} articles — every fact stored", keep(figures(rows)))
            print_table(f"French, {label} — facts shown by default", keep(figures(shown_rows)))
    if not args.errors:
        cost(args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
