"""A worker's models are put out of the cycle collector's reach once, after its first enriched pages."""

from __future__ import annotations

import json
import subprocess
import sys

# Run in a process of its own: the test session has enriched pages before, and freezing is once per process.
CODE = """
import gc, json, weakref
from newsgraph.ingest.page import RawPage
from newsgraph.pipeline import analyze_pages
from newsgraph.record import Article
from tests.pages import news_page

class Node:
    pass

def page(n):
    html = news_page(f"Harbour strike enters its {n}th day", [
        "Dockworkers at the port of Valencia stayed off the job on Thursday, the union said, after talks with "
        "the port authority broke down late on Wednesday night.",
        "Marta Ferrer, the union's general secretary, told reporters the strike would go on into next week.",
    ])
    return RawPage(f"page-{n}.html", html.encode(), url=f"https://www.harbour-courier.example/{n}.html")

unenriched = analyze_pages([page(0)], enrich=False)
before = gc.get_freeze_count()
cycle = Node()
cycle.self = cycle
gone = weakref.ref(cycle)
del cycle  # garbage in a reference cycle, which only the collector frees
first = analyze_pages([page(1)])
after_first = gc.get_freeze_count()
second = analyze_pages([page(2)])
print(json.dumps({"before": before, "first": after_first, "second": gc.get_freeze_count(),
                  "cycle_freed": gone() is None,
                  "articles": [isinstance(r, Article) for r in unenriched + first + second],
                  "actors": [sorted(e.name for e in r.entities) for r in first + second]}))
"""


def test_the_first_enriched_pages_freeze_what_is_alive_once_and_collect_the_garbage_first():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["articles"] == [True, True, True]
    assert seen["before"] == 0  # extraction alone loads no model: nothing frozen
    assert seen["first"] > 10_000  # the model, its vocabulary, the lexicons: far more than one page's objects
    # once per process: later pages' objects stay collectable (frozen ones freed since leave the count)
    assert seen["second"] <= seen["first"]
    assert seen["cycle_freed"]  # the garbage was collected before freezing, not kept for ever
    assert seen["actors"][0] and seen["actors"][0] == seen["actors"][1]  # the pages are enriched alike
