"""Texts of the real-news gold set (bench/facts_gold/): read from ../shared/eval by document id.

A document id names its set and its id there:

    scrapinghub:<id>   the page's ``articleBody`` in extraction/scrapinghub/ground-truth.json
    wcxb:<id>          ``ground_truth.main_content`` in extraction/wcxb-dev-articles/ground-truth/<id>.json
    gwn:<n>            the ``text`` of that document in geo/gwn.jsonl
    polnear:<id>       the ``text`` of that document in quotes/polnear_dev_docs.jsonl
    trnews:<n>         the ``text`` of that document in geo/trnews.jsonl (event sentences only)

Only ids and offsets are kept in the project; the texts stay in ../shared/eval.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from bench.evaldata import eval_dir

GOLD_DIR = Path(__file__).resolve().parent / "facts_gold"


@cache
def _scrapinghub() -> dict[str, str]:
    path = eval_dir("extraction") / "scrapinghub" / "ground-truth.json"
    return {k: v.get("articleBody") or "" for k, v in json.loads(path.read_text()).items()}


@cache
def _jsonl(name: str, path_parts: tuple[str, ...]) -> dict[str, str]:
    path = eval_dir(name).joinpath(*path_parts)
    out = {}
    for line in path.read_text().splitlines():
        if line.strip():
            obj = json.loads(line)
            out[str(obj["doc_id"])] = obj["text"]
    return out


def available() -> bool:
    """Whether ../shared/eval (or $NEWSGRAPH_EVAL_DIR) holds the sets the gold set points into."""
    return (eval_dir("extraction") / "scrapinghub" / "ground-truth.json").is_file()


def load_text(doc_id: str) -> str:
    """The exact text a gold annotation's offsets point into."""
    kind, _, ident = doc_id.partition(":")
    if kind == "scrapinghub":
        return _scrapinghub()[ident]
    if kind == "wcxb":
        path = eval_dir("extraction") / "wcxb-dev-articles" / "ground-truth" / f"{ident}.json"
        return json.loads(path.read_text())["ground_truth"].get("main_content") or ""
    if kind == "gwn":
        return _jsonl("geo", ("gwn.jsonl",))[doc_id]
    if kind == "polnear":
        return _jsonl("quotes", ("polnear_dev_docs.jsonl",))[ident]
    if kind == "trnews":
        return _jsonl("geo", ("trnews.jsonl",))[doc_id]
    raise KeyError(f"unknown gold document id {doc_id!r}")


def manifest() -> list[dict]:
    """The gold set's documents: id, split ("tune" or "check"), topic."""
    return json.loads((GOLD_DIR / "manifest.json").read_text())["documents"]
