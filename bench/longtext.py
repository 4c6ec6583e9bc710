"""Enrichment time per character of one long text, from 10,000 to 2,000,000 characters.

    python -m bench.longtext [--sizes 10000,100000,400000,2000000] [--repeat 1] [--whole]

The texts are written here, not taken from anywhere: paragraphs of news-like sentences (people
named in full then by surname, organisations, places, direct and indirect quotes, cited sources,
events), repeated with other names so that a long text keeps meeting new actors.  Each size is one
Article enriched as `newsgraph ingest` would (`enrich_articles`: windows of `enrich.windows.WINDOW_CHARS`
for a text over `LONG_TEXT`; one text in one process, the model loaded before the clock starts).  Prints wall
and CPU seconds, CPU seconds per 10,000 characters and the ratio to the smallest size (goal: at
most 1.5 at every size), with the facts found.  CPU time, not wall time, is compared: on a machine
others share, it is what stays comparable from one size to the next.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

FIRST = ["John", "Maria", "Ahmed", "Elena", "Peter", "Fatima", "Carlos", "Anna", "Omar", "Laura", "David", "Sofia",
         "Ibrahim", "Helen", "Mark", "Leila", "Thomas", "Nadia", "Samuel", "Irina"]
LAST = ["Kirby", "Hansen", "Haddad", "Petrova", "Walsh", "Mansour", "Ortega", "Novak", "Farouk", "Bennett", "Klein",
        "Rossi", "Saleh", "Morgan", "Dubois", "Karimi", "Fischer", "Nasser", "Reid", "Volkova"]
ORGS = ["the United Nations", "the European Union", "NATO", "the Red Cross", "the World Bank", "Reuters",
        "the Interior Ministry", "the Foreign Ministry", "Amnesty International", "the African Union"]
PLACES = ["Tripoli", "Benghazi", "Sirte", "Cairo", "Tunis", "Athens", "Rome", "Berlin", "Nairobi", "Baghdad",
          "Damascus", "Ankara", "Madrid", "Vienna", "Kyiv", "Warsaw"]
ROLES = ["the foreign minister", "a spokesman for the ministry", "the mayor", "a senior official",
         "the army commander", "a local councillor"]
QUOTED = ["We will not accept any delay in the talks", "The situation on the ground is getting worse every day",
          "Our forces withdrew from the area last night", "There is no military solution to this conflict",
          "We need more aid and we need it now", "The agreement will be signed next week"]


def long_text(chars: int, seed: int = 14) -> str:
    """About `chars` characters of news-like paragraphs separated by blank lines (cut at a paragraph end)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        org, place, other, role = rng.choice(ORGS), rng.choice(PLACES), rng.choice(PLACES), rng.choice(ROLES)
        said = rng.choice(QUOTED)
        day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
        kind = rng.randrange(5)
        if kind == 0:
            p = (f"{first} {last}, {role}, said on {day} that talks in {place} would resume. "
                 f"\u201c{said},\u201d {last} told reporters in {other}.")
        elif kind == 1:
            p = (f"Fighters attacked a checkpoint near {place} on {day}, killing three soldiers, "
                 f"{org} said in a statement. Government forces later retook the town.")
        elif kind == 2:
            p = (f"According to {org}, more than {rng.randrange(2, 90)} thousand people have fled {place} since the "
                 f"fighting began. {first} {last} said aid convoys had not reached {other}.")
        elif kind == 3:
            p = (f"The government of {place} asked {org} for help, {first} {last} said. "
                 f"\u201c{said},\u201d {last} added, before meeting officials from {other}.")
        else:
            p = (f"Police arrested {rng.randrange(2, 40)} protesters in {place} on {day}. "
                 f"Officials in {other} denied that the army had been deployed, {org} reported.")
        paragraphs.append(p)
        size += len(p) + 2
    return "\n\n".join(paragraphs)


def long_article(chars: int):  # -> Article (imported here so `long_text` needs nothing)
    from newsgraph.record import Article

    return Article.from_paragraphs(long_text(chars).split("\n\n"), title="A long report", language="en",
                                   url=f"https://example.org/long/{chars}", published="2024-05-01")


def enrich_one(article) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall and CPU seconds of the enrichment of one article (CPU time is what a busy machine leaves comparable)."""
    from newsgraph.enrich import enrich_articles

    wall, cpu = time.perf_counter(), time.process_time()
    enrich_articles([article])
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.longtext", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,400000,2000000")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per size")
    parser.add_argument("--whole", action="store_true", help="no windows: every text parsed and enriched whole (as before)")
    args = parser.parse_args(argv)
    if args.whole:
        from newsgraph.enrich import windows

        windows.LONG_TEXT = windows.WINDOW_CHARS = sys.maxsize
    from newsgraph.enrich.nlp import load_nlp

    load_nlp()
    enrich_one(long_article(3000))  # warm every component's caches
    first = None
    print(f"{'characters':>12} {'wall s':>8} {'CPU s':>8} {'CPU s/10k chars':>16} {'ratio':>6}  facts")
    for size in (int(s) for s in args.sizes.split(",")):
        best: tuple[float, float] | None = None
        for _ in range(args.repeat):
            article = long_article(size)
            seconds = enrich_one(article)
            best = seconds if best is None or seconds[1] < best[1] else best
        assert best is not None
        per = best[1] / len(article.text) * 10_000
        first = first or per
        facts = (f"{len(article.entities)} actors, {len(article.places)} places, {len(article.quotes)} quotes, "
                 f"{len(article.citations)} citations, {len(article.events)} events")
        print(f"{len(article.text):>12,} {best[0]:>8.1f} {best[1]:>8.1f} {per:>16.3f} {per / first:>6.2f}  {facts}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
