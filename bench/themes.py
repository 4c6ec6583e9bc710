"""Themes (docs/themes.md) against our gold set (bench/themes_gold/).

    python -m bench.themes                      precision, recall, F1 per half and per theme
    python -m bench.themes --half tuning        one half only (the other is not enriched)
    python -m bench.themes --tune               search the thresholds of enrich/themes.py on the TUNING half
    python -m bench.themes --cost               the time inside the component against the whole enrichment
    python -m bench.themes ids [SET]            candidate ids of every set (sh, pn, gwn, wcxb, trnews) with their half
    python -m bench.themes show ID              the text, each line prefixed with its offset
    python -m bench.themes span ID START END    print text[START:END]
    python -m bench.themes check FILE.jsonl     validate a gold file

The half of an id is fixed by a hash (``half``): tuning or checking. Rules and thresholds are
tuned on the tuning half only.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import cache
from pathlib import Path

from bench.facts_texts import load_text as _facts_text
from bench.evaldata import eval_dir

GOLD_DIR = Path(__file__).resolve().parent / "themes_gold"
SETS = ("sh", "pn", "gwn", "wcxb", "trnews")
TUNING, CHECKING = "tuning", "checking"


def half(doc_id: str) -> str:
    """The half an id belongs to: the last hex digit of sha1(id) even is tuning, odd checking."""
    return TUNING if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else CHECKING


def load_text(doc_id: str) -> str:
    """The exact text a gold line's offsets point into (ids as in bench/themes_gold/README.md)."""
    kind, _, ident = doc_id.partition(":")
    if kind == "sh":
        return _facts_text(f"scrapinghub:{ident}")
    if kind == "pn":
        return _facts_text(f"polnear:{ident}")
    if kind == "gwn":
        return _facts_text(doc_id)
    if kind == "wcxb":
        return _facts_text(f"wcxb:{ident}")
    if kind == "trnews":
        return _facts_text(doc_id)
    raise KeyError(f"unknown theme gold id {doc_id!r} (sets: {', '.join(SETS)})")


@cache
def all_ids(which: str | None = None) -> list[str]:
    """Every candidate id of the eval sets (or of one set)."""
    out: list[str] = []
    if which in (None, "sh"):
        path = eval_dir("extraction") / "scrapinghub" / "ground-truth.json"
        out += [f"sh:{key}" for key in json.loads(path.read_text())]
    if which in (None, "pn"):
        path = eval_dir("quotes") / "polnear_dev_docs.jsonl"
        out += [f"pn:{json.loads(line)['doc_id']}" for line in path.read_text().splitlines() if line.strip()]
    if which in (None, "gwn"):
        path = eval_dir("geo") / "gwn.jsonl"
        out += [str(json.loads(line)["doc_id"]) for line in path.read_text().splitlines() if line.strip()]
    if which in (None, "wcxb"):
        folder = eval_dir("extraction") / "wcxb-dev-articles" / "ground-truth"
        out += [f"wcxb:{p.stem}" for p in sorted(folder.glob("*.json"))]
    if which in (None, "trnews"):  # TR-News: local news, labelled for training only (not in the gold)
        path = eval_dir("geo") / "trnews.jsonl"
        out += [str(json.loads(line)["doc_id"]) for line in path.read_text().splitlines() if line.strip()]
    return out


@cache
def theme_ids() -> tuple[str, ...]:
    """The theme ids of docs/themes.md's tables, in order."""
    doc = Path(__file__).resolve().parents[1] / "docs" / "themes.md"
    return tuple(re.findall(r"^\| `([A-Z_]+)` \|", doc.read_text(), flags=re.M))


def _show(doc_id: str) -> None:
    text = load_text(doc_id)
    pos = 0
    print(f"# {doc_id} ({half(doc_id)} half)")
    for line in text.split("\n"):
        print(f"{pos:6d} | {line}")
        pos += len(line) + 1
    print(f"{len(text):6d} | <end>")


def check_file(path: Path) -> list[str]:
    """Problems of one gold file, one line each (empty when it is well formed)."""
    known = set(theme_ids())
    errors: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not JSON ({exc.msg})")
            continue
        doc_id = obj.get("id")
        if not isinstance(doc_id, str):
            errors.append(f"{where}: no id")
            continue
        if doc_id in seen:
            errors.append(f"{where}: {doc_id} labelled twice in one file")
        seen.add(doc_id)
        try:
            text = load_text(doc_id)
        except (KeyError, FileNotFoundError, OSError) as exc:
            errors.append(f"{where}: {doc_id}: text not found ({exc})")
            continue
        if obj.get("not_news"):
            continue
        for theme in obj.get("themes", []):
            if theme not in known:
                errors.append(f"{where}: {doc_id}: unknown theme {theme!r}")
        for span in obj.get("evidence", []):
            ok = (isinstance(span, list) and len(span) in (2, 3) and all(isinstance(v, int) for v in span[:2])
                  and 0 <= span[0] < span[1] <= len(text))
            if not ok or (len(span) == 3 and span[2] not in known):
                errors.append(f"{where}: {doc_id}: bad evidence {span!r}")
    return errors


# -- scoring -------------------------------------------------------------------------------


def gold() -> tuple[dict[str, set[str]], list[str], dict[tuple[str, str], dict[str, set[str]]]]:
    """The gold themes of each labelled news article (the first file, in name order, that labelled
    it), the files read, and each pair of files' labels on the ids both labelled."""
    files = sorted(GOLD_DIR.glob("*.jsonl"))
    labels: dict[str, dict[str, set[str]]] = {}
    for path in files:
        mine: dict[str, set[str]] = {}
        for line in path.read_text().splitlines():
            if line.strip():
                obj = json.loads(line)
                if not obj.get("not_news"):
                    mine[obj["id"]] = set(obj.get("themes", []))
        labels[path.name] = mine
    out: dict[str, set[str]] = {}
    for name in labels:
        for doc_id, themes in labels[name].items():
            out.setdefault(doc_id, themes)
    pairs = {}
    names = list(labels)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = labels[a].keys() & labels[b].keys()
            if shared:
                pairs[(a, b)] = {"a": {d: labels[a][d] for d in shared}, "b": {d: labels[b][d] for d in shared}}  # type: ignore[dict-item]
    return out, [p.name for p in files], pairs


def article_of(doc_id: str):
    """The Article enrichment sees for a gold id: the text, its paragraphs, the title where the set has one."""
    from newsgraph.record import Article

    text = load_text(doc_id)
    title = None
    if doc_id.startswith("wcxb:"):
        path = eval_dir("extraction") / "wcxb-dev-articles" / "ground-truth" / f"{doc_id.partition(':')[2]}.json"
        title = json.loads(path.read_text())["ground_truth"].get("title") or None
    return Article(text=text, title=title, paragraphs=Article.paragraph_spans(text))


def enriched(ids: list[str]) -> list[tuple[str, object, object]]:
    """(id, article, doc) of each id, enriched by every component up to themes (docs kept for --tune)."""
    from newsgraph.enrich import ENRICHERS, pipeline
    from newsgraph.enrich.nlp import load_nlp

    names = ENRICHERS[:ENRICHERS.index("events") + 1] + ("themes",)
    steps = pipeline(names)
    nlp = load_nlp()
    articles = [article_of(i) for i in ids]
    out = []
    for doc_id, article, doc in zip(ids, articles, nlp.pipe((a.text for a in articles), batch_size=8)):
        for step in steps:
            step.run(article, doc)
        out.append((doc_id, article, doc))
    return out


def prf(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float, float, int, int, int]:
    """Micro precision, recall, F1 over article-theme pairs, and the counts (true, predicted, gold)."""
    tp = sum(len(p & g) for p, g in pairs)
    npred = sum(len(p) for p, _ in pairs)
    ngold = sum(len(g) for _, g in pairs)
    precision = tp / npred if npred else 0.0
    recall = tp / ngold if ngold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, npred, ngold


def _line(name: str, pairs: list[tuple[set[str], set[str]]]) -> str:
    p, r, f, tp, npred, ngold = prf(pairs)
    return f"{name:28s} P={p:.3f} R={r:.3f} F1={f:.3f}  (correct {tp}, predicted {npred}, gold {ngold}, articles {len(pairs)})"


def report(halves: list[str], verbose: bool = False) -> int:
    labels, files, agreement = gold()
    if not labels:
        print(f"no gold yet: {GOLD_DIR}/*.jsonl holds no labelled article")
        return 1
    print(f"gold: {', '.join(files)}; {len(labels)} labelled news articles "
          f"({sum(half(d) == TUNING for d in labels)} tuning, {sum(half(d) == CHECKING for d in labels)} checking)")
    for (a, b), both in agreement.items():
        pairs = [(both["a"][d], both["b"][d]) for d in both["a"]]
        same = sum(x == y for x, y in pairs)
        p, r, f, *_ = prf(pairs)
        print(f"agreement {a} vs {b}: {len(pairs)} shared articles, same themes on {same}; "
              f"F1 of one against the other {f:.3f} (P {p:.3f} R {r:.3f} taking {b} as gold)")
    for which in halves:
        ids = sorted(d for d in labels if half(d) == which)
        if not ids:
            continue
        results = [(doc_id, {t.theme for t in article.themes}) for doc_id, article, _ in enriched(ids)]
        pairs = [(pred, labels[doc_id]) for doc_id, pred in results]
        print(f"\n== {which} half")
        print(_line("all themes (micro)", pairs))
        themes = sorted({t for p, g in pairs for t in p | g})
        for theme in themes:
            sub = [({theme} & p, {theme} & g) for p, g in pairs]
            print("  " + _line(theme, sub))
        if verbose:
            for doc_id, pred in results:
                g = labels[doc_id]
                if pred != g:
                    print(f"  {doc_id}: missed {sorted(g - pred)} extra {sorted(pred - g)}")
    return 0


TUNED = ("WEAK", "STRONG", "REPEAT", "PARAGRAPH", "LEAD_BONUS", "MIN_SENTENCES", "RELATIVE", "MIN_SUPPORT", "MIN_DENSITY",
         "MAX_THEMES", "MIN_DECISIVE")


def tune() -> int:
    """Grid search of enrich/themes.py's thresholds on the TUNING half only; prints the best by F1
    among those with precision >= 0.85 (else the best precision)."""
    import itertools

    from newsgraph.enrich import themes as component

    labels, _, _ = gold()
    ids = sorted(d for d in labels if half(d) == TUNING)
    if not ids:
        print("no tuning-half gold yet")
        return 1
    docs = enriched(ids)
    saved = {k: getattr(component, k) for k in TUNED}
    rows = []
    for weak, strong, repeat, paragraph, lead, min_sentences in itertools.product(
            (0.25,), (2.0, 3.0, 4.0), (0.5, 1.0), (0.0,), (0.5,), (2,)):
        component.WEAK, component.STRONG, component.PARAGRAPH, component.LEAD_BONUS = weak, strong, paragraph, lead
        component.REPEAT = repeat
        component.MIN_SENTENCES = min_sentences
        assessed = [(i, component.assess(a, d), len(d)) for i, a, d in docs]
        for relative, min_support, density, most, decisive in itertools.product(
                (0.4, 0.5, 0.6), (10, 15, 20, 30, 40, 60), (0, 2, 3, 4), (1, 2, 3), (3, 4, 99)):
            component.RELATIVE, component.MIN_SUPPORT, component.MIN_DENSITY, component.MAX_THEMES = \
                relative, float(min_support), float(density), most
            component.MIN_DECISIVE = decisive
            pairs = [({t.theme for t in component.decide(x, n)}, labels[i]) for i, x, n in assessed]
            rows.append((prf(pairs), (weak, strong, repeat, paragraph, lead, min_sentences, relative, min_support, density,
                                      most, decisive)))
    for k, v in saved.items():
        setattr(component, k, v)
    print(" ".join(TUNED) + f" -> P R F1 (tuning half, {len(ids)} articles)")
    for floor in (0.85, 0.8, 0.0):
        good = sorted((r for r in rows if r[0][0] >= floor), key=lambda r: (-r[0][2], -r[0][0]))[:6]
        print(f"best F1 with precision >= {floor}:")
        for (p, r, f, *_), params in good:
            print("  " + " ".join(str(x) for x in params), f"-> P={p:.3f} R={r:.3f} F1={f:.3f}")
    return 0


def cost(limit: int = 120, repeat: int = 3) -> int:
    """The time inside the themes component against the whole enrichment, on bench.enrich's texts, in
    one process (the lexicon's matchers are built before the clock starts, as the model is loaded)."""
    import statistics
    import time

    from bench.enrich import _article, bench_texts
    from newsgraph.enrich import ENRICHERS, enrich_articles, pipeline
    from newsgraph.enrich import themes as component

    texts = bench_texts(limit)
    enrich_articles([_article("Warm-up text. Protesters marched on parliament.")])
    spent = [0.0]
    inner = component.enrich

    def timed(article, doc) -> None:
        start = time.perf_counter()
        inner(article, doc)
        spent[0] += time.perf_counter() - start

    steps = pipeline(ENRICHERS)  # the cached components enrich_articles runs
    at = [s.name for s in steps].index("themes")
    object.__setattr__(steps[at], "run", timed)
    totals, inside = [], []
    try:
        for _ in range(repeat):
            spent[0] = 0.0
            start = time.perf_counter()
            enrich_articles([_article(t) for t in texts])
            totals.append(time.perf_counter() - start)
            inside.append(spent[0])
    finally:
        object.__setattr__(steps[at], "run", inner)
    total, mine = statistics.median(totals), statistics.median(inside)
    print(f"{len(texts)} texts, one process, median of {repeat}: enrichment {total:.2f} s, of which themes "
          f"{mine:.2f} s ({100 * mine / total:.1f}%)")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("--"):
        if "--tune" in argv:
            return tune()
        if "--cost" in argv:
            return cost()
        halves = [argv[argv.index("--half") + 1]] if "--half" in argv else [TUNING, CHECKING]
        return report(halves, verbose="-v" in argv)
    cmd, rest = argv[0], argv[1:]
    if cmd == "ids":
        for doc_id in all_ids(rest[0] if rest else None):
            print(doc_id, half(doc_id))
        return 0
    if cmd == "show" and len(rest) == 1:
        _show(rest[0])
        return 0
    if cmd == "span" and len(rest) == 3:
        print(repr(load_text(rest[0])[int(rest[1]):int(rest[2])]))
        return 0
    if cmd == "check" and rest:
        problems = [p for name in rest for p in check_file(Path(name))]
        print("\n".join(problems) if problems else "ok")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
