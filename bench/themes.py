"""Themes (docs/themes.md) against our gold set (bench/themes_gold/).

    python -m bench.themes ids [SET]            candidate ids of every set (sh, pn, gwn, wcxb) with their half
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
SETS = ("sh", "pn", "gwn", "wcxb")
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


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
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
