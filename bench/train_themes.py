"""Train the theme classifier (enrich/themes.py, docs/themes.md) on articles we labelled ourselves.

    python -m bench.train_themes              fit on bench/themes_train/*.jsonl + the TUNING half of bench/themes_gold/,
                                              choose how the classifier and the rules combine by 5-fold
                                              cross-validation, write src/newsgraph/enrich/data/themes_model.json
    python -m bench.train_themes --dry-run    the cross-validated figures only, nothing written

One L2 logistic regression per theme with at least ``MIN_POSITIVE`` labelled articles, over the article's
content lemmas (``themes.word_features``) and the rules' evidence for the theme (``themes.rule_features``:
its support, its title hit, whether the rules keep it). The regularisation and the two probability
thresholds of ``themes.chosen`` (alone; with the rules) are chosen on out-of-fold probabilities: the best
F1 among settings with precision >= ``PRECISION`` (precision first). The checking half of the gold set is
never read here. Each article is enriched once (as ``bench.themes`` does) and its features cached in
bench/out/ (delete the file after changing the rules or the features).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.themes import CHECKING, TUNING, enriched, gold, half, load_text, prf

TRAIN_DIR = Path(__file__).resolve().parent / "themes_train"
CACHE = Path(__file__).resolve().parent / "out" / "themes_features.json"
OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "enrich" / "data" / "themes_model.json"
MIN_POSITIVE = 4  # labelled articles a theme needs for a model (else the rules assign it)
MIN_DF = 2  # a lemma is a feature when at least this many training articles have it
PRECISION = 0.85
FOLDS = 5
L2S = (0.03, 0.1)
GRID = [x / 100 for x in range(5, 96, 5)]
RELATIVE = (0.0, 0.3, 0.5)
RULE_FEATURES = True  # the rules' evidence as features (set per run by main)
MIN_POSITIVES = (5,)


def training_labels() -> dict[str, set[str]]:
    """The training articles' themes (the first file, in name order, that labels an id; not_news left out)."""
    out: dict[str, set[str]] = {}
    for path in sorted(TRAIN_DIR.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                obj = json.loads(line)
                if not obj.get("not_news"):
                    out.setdefault(obj["id"], set(obj.get("themes", [])))
    return out


def pool() -> tuple[dict[str, set[str]], set[str]]:
    """Labels of every article the classifier may learn from, and the ids of the gold's tuning half among
    them. An id of the gold's checking half is never in it, even if a training file labels it."""
    labels, _, _ = gold()
    checking = {d for d in labels if half(d) == CHECKING}
    tuning = {d: t for d, t in labels.items() if half(d) == TUNING}
    out = {d: t for d, t in training_labels().items() if d not in checking and d not in tuning}
    out.update(tuning)
    return out, set(tuning)


def features(ids: list[str]) -> dict[str, dict]:
    """Per id: its lemma counts, the rules' (support, title weight) per theme and the themes the rules keep;
    cached by id and text."""
    from newsgraph.enrich import themes

    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    key = {d: hashlib.sha1(load_text(d).encode()).hexdigest()[:12] for d in ids}
    todo = [d for d in ids if cache.get(d, {}).get("key") != key[d]]
    for n in range(0, len(todo), 20):
        for doc_id, enriched_article, enriched_doc in enriched(todo[n:n + 20]):
            article: Any = enriched_article
            doc: Any = enriched_doc
            assessed = themes.assess(article, doc)
            cache[doc_id] = {"key": key[doc_id], "words": themes.word_counts(doc, article.text),
                             "rules": {t: [s, w] for t, s, _, w in assessed},
                             "kept": [t.theme for t in themes.decide(assessed, len(doc))]}
        CACHE.parent.mkdir(exist_ok=True)
        CACHE.write_text(json.dumps(cache))
        print(f"  enriched {min(n + 20, len(todo))}/{len(todo)}", file=sys.stderr)
    return {d: cache[d] for d in ids}


RULES = ("r:support", "r:title", "r:kept")


def word_matrix(rows: list[dict], columns: dict[str, int]) -> np.ndarray:
    """The articles' word features over the lemma columns (the same for every theme)."""
    from newsgraph.enrich import themes

    x = np.zeros((len(rows), len(columns)))
    for i, row in enumerate(rows):
        for name, value in themes.word_features(row["words"]).items():
            j = columns.get(name)
            if j is not None:
                x[i, j] = value
    return x


def design(words: np.ndarray, rows: list[dict], theme: str) -> np.ndarray:
    """One theme's design matrix: the word features, the rules' evidence for the theme, the bias column."""
    from newsgraph.enrich import themes

    extra = np.zeros((len(rows), len(RULES) + 1))
    extra[:, -1] = 1.0
    for i, row in enumerate(rows if RULE_FEATURES else []):
        support, title = row["rules"].get(theme, (0.0, 0.0))
        for name, value in themes.rule_features(support, title, theme in row["kept"]).items():
            extra[i, RULES.index(name)] = value
    return np.hstack([words, extra])


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """L2 logistic regression by Newton's method, each step solved in the n x n space (Woodbury: far
    fewer articles than lemmas). The bias column is shrunk too, lightly (its column is 1, the words'
    values are below 1)."""
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + l2 * w
        s = np.sqrt(p * (1 - p) + 1e-12)
        xs = x * s[:, None]
        inner = np.eye(x.shape[0]) * l2 + xs @ xs.T
        step = (grad - xs.T @ np.linalg.solve(inner, xs @ grad)) / l2
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def columns_of(rows: list[dict]) -> dict[str, int]:
    df: dict[str, int] = {}
    for row in rows:
        for name in row["words"]:
            df[name] = df.get(name, 0) + 1
    return {n: j for j, n in enumerate(sorted(n for n, c in df.items() if c >= MIN_DF))}


def modelled(labels: dict[str, set[str]], ids: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for d in ids:
        for t in labels[d]:
            counts[t] = counts.get(t, 0) + 1
    return sorted(t for t, c in counts.items() if c >= MIN_POSITIVE)


def predict(prob: dict[str, float], kept: list[str], how: dict[str, float]) -> set[str]:
    from newsgraph.enrich.themes import chosen

    top = max(prob.values(), default=0.0)
    return {t for t in set(prob) | set(kept) if chosen(prob.get(t), t in kept, how, top)}


def cross_validate(labels, rows, l2: float) -> dict[str, dict[str, float]]:
    """Out-of-fold probabilities of every modelled theme for every article."""
    ids = sorted(labels)
    order = ids[:]
    random.Random(16).shuffle(order)
    out: dict[str, dict[str, float]] = {d: {} for d in ids}
    for k in range(FOLDS):
        test = order[k::FOLDS]
        train = [d for d in order if d not in set(test)]
        cols = columns_of([rows[d] for d in train])
        train_rows, test_rows = [rows[d] for d in train], [rows[d] for d in test]
        train_words, test_words = word_matrix(train_rows, cols), word_matrix(test_rows, cols)
        for theme in modelled(labels, train):
            w = fit(design(train_words, train_rows, theme), np.array([float(theme in labels[d]) for d in train]), l2)
            p = 1.0 / (1.0 + np.exp(-design(test_words, test_rows, theme) @ w))
            for d, v in zip(test, p):
                out[d][theme] = float(v)
    return out


def best_setting(labels, rows, oof, ids) -> tuple[tuple[float, ...], dict[str, float]]:
    """The thresholds of ``themes.chosen`` with the best F1 on these articles among those with precision >=
    PRECISION (else the best precision)."""
    results = []
    for alone in GRID + [1.01]:
        for with_rules in [g for g in GRID if g <= alone] + [0.0]:
            for relative in RELATIVE:
                how = {"alone": alone, "with_rules": with_rules, "relative": relative}
                pairs = [(predict(oof[d], rows[d]["kept"], how), labels[d]) for d in ids]
                results.append((prf(pairs), how))
    good = [r for r in results if r[0][0] >= PRECISION]
    if good:
        return max(good, key=lambda r: (r[0][2], r[0][0]))
    return max(results, key=lambda r: (r[0][0], r[0][2]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true", help="print the cross-validated figures, write nothing")
    args = parser.parse_args(argv)
    labels, tuning = pool()
    rows = features(sorted(labels))
    print(f"{len(labels)} labelled articles ({len(tuning)} of the gold's tuning half, "
          f"{len(labels) - len(tuning)} training)")
    rules = [(set(rows[d]["kept"]), labels[d]) for d in labels]
    p, r, f, *_ = prf(rules)
    print(f"rules alone, all:          P={p:.3f} R={r:.3f} F1={f:.3f}")
    p, r, f, *_ = prf([(set(rows[d]["kept"]), labels[d]) for d in tuning])
    print(f"rules alone, tuning half:  P={p:.3f} R={r:.3f} F1={f:.3f}")
    global RULE_FEATURES, MIN_POSITIVE
    best = None
    for rule_features, min_positive, l2 in itertools.product((True, False), MIN_POSITIVES, L2S):
        RULE_FEATURES, MIN_POSITIVE = rule_features, min_positive
        oof = cross_validate(labels, rows, l2)
        (tp, tr, tf, *_), how = best_setting(labels, rows, oof, sorted(tuning))
        p, r, f, *_ = prf([(predict(oof[d], rows[d]["kept"], how), labels[d]) for d in labels])
        print(f"rule features {rule_features}, min positive {min_positive}, L2 {l2}: {how}: {FOLDS}-fold tuning half "
              f"P={tp:.3f} R={tr:.3f} F1={tf:.3f}; all P={p:.3f} R={r:.3f} F1={f:.3f}", flush=True)
        if best is None or (tp >= PRECISION, tf, tp) > best[0]:
            best = ((tp >= PRECISION, tf, tp), (rule_features, min_positive, l2), how)
    assert best is not None
    _, (RULE_FEATURES, MIN_POSITIVE, l2), how = best
    if args.dry_run:
        return 0
    ids = sorted(labels)
    cols = columns_of([rows[d] for d in ids])
    names = sorted(cols, key=cols.get) + list(RULES)  # type: ignore[arg-type]
    all_rows = [rows[d] for d in ids]
    words = word_matrix(all_rows, cols)
    models = {}
    for theme in modelled(labels, ids):
        w = fit(design(words, all_rows, theme), np.array([float(theme in labels[d]) for d in ids]), l2)
        models[theme] = {"bias": round(float(w[-1]), 4),
                         "weights": {n: round(float(w[j]), 4) for j, n in enumerate(names) if abs(w[j]) >= 1e-3},
                         "positive": sum(theme in labels[d] for d in ids)}
    out = {"about": f"fitted by `python -m bench.train_themes` on {len(ids)} articles ({len(tuning)} of the gold's "
                    f"tuning half, {len(ids) - len(tuning)} of bench/themes_train), L2 {l2}, thresholds by "
                    f"{FOLDS}-fold cross-validation, {date.today().isoformat()}",
           "combine": how, "themes": models}
    OUT.write_text(json.dumps(out, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(models)} themes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
