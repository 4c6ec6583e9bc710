"""Facts on real news: precision and recall of every fact kind against hand-made gold.

    python -m bench.facts [--split tune|check|all] [--outside] [--shown-only] [--errors KIND] [--json-out FILE]

Gold sets:
  * ours (bench/facts_gold/annotations/*.jsonl, docs/annotation-guide.md): 64 real news articles of
    ../shared/eval, split into a tuning half and a checking half (bench/facts_gold/manifest.json);
  * outside: ../shared/eval/facts/scrapinghub-gold.jsonl, 18 articles annotated outside the project
    by the same guide.

Each article's text is enriched with ``newsgraph.analyze_text`` (offsets into the same text the
gold points into) and every fact is judged the way docs/annotation-guide.md says ("Scoring"):
strict precision (the fact is right: type, point, speaker, source, both actors and status),
lenient precision (right or nearly right: overlapping a gold fact of that kind), recall. "shown"
rows count only the facts newsgraph shows and exports by default (confidence at or above the
threshold of ``newsgraph.confidence``; for events also: not negated or hypothetical unless gold agrees).

``--errors KIND`` prints each wrong fact of that kind on the tuning half only (never the checking half);
``--split train`` scores the event training articles (bench/event_train/), events only.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

from bench.evaldata import eval_dir
from bench.facts_texts import GOLD_DIR, available, load_text, manifest

KINDS = ("actors", "places", "quotes", "citations", "events")
# What a fact's confidence estimates: being right, for events the core of it (type, source actor and
# status: who did what, and whether it happened); the target is reported apart (strict precision).
TARGET = {"events": "core"}
# Predicted actor types that a gold type accepts (a government is an organisation for us, a
# country actor for some annotators).
_TYPE_OK = {
    "person": {"person"},
    "organization": {"organization", "country", "igo", "media", "armed_group"},
    "country": {"country", "organization"},
    "armed_group": {"armed_group", "organization"},
    "igo": {"igo", "organization"},
    "media": {"media", "organization"},
    "group": {"group", "organization", "armed_group"},
}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "and", "s", "to", "for", "on", "at", "by"}


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


# -- loading ---------------------------------------------------------------------------------------


def _jsonl_docs(paths) -> dict[str, dict]:
    docs = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                docs[doc["doc_id"]] = doc  # a later line for the same document replaces an earlier one
    return docs


def _with_events(doc: dict, layer: dict) -> dict:
    """The document with the events of another annotation layer (and the actors that layer added)."""
    known = {a["id"] for a in doc.get("actors", [])}
    actors = list(doc.get("actors", [])) + [a for a in layer.get("new_actors", []) if a["id"] not in known]
    return {**doc, "actors": actors, "events": layer.get("events", [])}


def load_ours(events: str = "adjudicated") -> list[dict]:
    """Our gold documents. ``events``: which events layer — "adjudicated" (bench/facts_gold/adjudicated/:
    two independent readings reconciled by a third, where that exists, else the first reading), "first"
    (the first annotators') or "second" (the independent second reading, bench/facts_gold/double/events_*)."""
    docs = _jsonl_docs(sorted((GOLD_DIR / "annotations").glob("*.jsonl")))
    layer = {}
    if events == "adjudicated":
        layer = _jsonl_docs(sorted((GOLD_DIR / "adjudicated").glob("events_*.jsonl")))
    elif events == "second":
        layer = _jsonl_docs(sorted((GOLD_DIR / "double").glob("events_*.jsonl")))
    split = {d["id"]: d["split"] for d in manifest()}
    out = []
    for doc_id, doc in docs.items():
        if doc_id in layer:
            doc = _with_events(doc, layer[doc_id])
        elif events == "second":
            continue
        doc["split"] = split.get(doc_id, "tune")
        doc["text"] = load_text(doc_id)
        out.append(doc)
    return out


TRAIN_DIR = Path(__file__).resolve().parent / "event_train"
FACTS_TRAIN_DIR = Path(__file__).resolve().parent / "facts_train"
# A second reading of the training articles' citations by the guide's rule on "X said" (a body's or a
# person's "said" sourcing information is a citation): the citations it adds to the first reading's.
REREAD_CITATIONS = FACTS_TRAIN_DIR / "reread" / "citations.jsonl"


def load_training(kinds: tuple[str, ...] = KINDS) -> list[dict]:
    """Training documents for the confidence models and the event filter: real news articles of
    ../shared/eval outside both gold sets, annotated by the guide (ids and offsets only) in two layers
    made apart — bench/event_train/ (events and the actors in them, with the adjudicated conventions)
    and bench/facts_train/ (actors, places, quotes, citations; with the citations a second reading
    added, ``REREAD_CITATIONS``; the first reading's alone in ``citations_first``). Split "train"; each document's
    ``kinds`` are the fact kinds its layer annotates (its other lists are empty, not judged)."""
    held = {d["id"] for d in manifest()} | {"scrapinghub:" + d["doc_id"] for d in load_outside()}
    reread = _jsonl_docs([REREAD_CITATIONS]) if REREAD_CITATIONS.exists() else {}
    out = []
    for folder, layer in ((TRAIN_DIR, ("events",)), (FACTS_TRAIN_DIR, ("actors", "places", "quotes", "citations"))):
        wanted = tuple(k for k in layer if k in kinds)
        if not wanted:
            continue
        for doc_id, doc in _jsonl_docs(sorted(folder.glob("*.jsonl"))).items():
            if doc_id in held:
                continue  # never train on a gold document
            for kind in KINDS:
                if kind not in layer and kind != "actors":  # the actors table is what events are judged by
                    doc[kind] = []
            if "citations" in layer and doc_id in reread:
                doc["citations_first"] = list(doc.get("citations", []))  # the first reading alone
                doc["citations"] = doc["citations_first"] + reread[doc_id].get("citations_added", [])
            doc.update(split="train", text=load_text(doc_id), kinds=wanted)
            out.append(doc)
    return out


def agreement() -> dict[str, dict]:
    """How far two independent human readings of the same articles' events agree, scored as
    ``judge`` scores newsgraph (the second reading as the prediction, the first as gold): the
    ceiling that single-annotator gold puts on any event coder's strict precision."""
    first = {d["doc_id"]: d for d in load_ours("first")}
    out: dict[str, dict] = {}
    for doc in load_ours("second"):
        gold = first[doc["doc_id"]]
        row = out.setdefault(doc["split"], {"second": 0, "first": 0, "matched": 0, "full": 0})
        row["second"] += len(doc["events"])
        row["first"] += len(gold["events"])
        used: set[int] = set()
        for ev in doc["events"]:
            for i, g in enumerate(gold["events"]):
                if i not in used and g["type"] == ev["type"] and _overlap(*ev["sentence"], *g["sentence"]):
                    used.add(i)
                    row["matched"] += 1
                    row["full"] += all(g.get(k) == ev.get(k) for k in ("actor1", "actor2", "status"))
                    break
    return out


def load_outside() -> list[dict]:
    path = eval_dir("facts") / "scrapinghub-gold.jsonl"
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            doc["split"] = "outside"
            doc["text"] = load_text("scrapinghub:" + doc["doc_id"])
            out.append(doc)
    return out


# -- judging one document ----------------------------------------------------------------------------


class _Doc:
    """One gold document with its prediction and the maps between predicted and gold actors."""

    def __init__(self, gold: dict, article):
        self.gold = gold
        self.article = article
        self.text = gold["text"]
        self.actors = {a["id"]: a for a in gold.get("actors", [])}
        # predicted entity name -> gold actor id (the gold actor its mentions overlap most)
        self.entity_gold: dict[str, str | None] = {}
        for entity in article.entities:
            self.entity_gold[entity.name] = self._gold_actor_of_spans(entity.mentions)

    def _gold_actor_of_spans(self, spans) -> str | None:
        votes: dict[str, int] = defaultdict(int)
        for s, e in spans:
            for aid, actor in self.actors.items():
                if any(_overlap(s, e, gs, ge) for gs, ge in actor.get("mentions", [])):
                    votes[aid] += 1
        return max(votes, key=votes.get) if votes else None

    def gold_actor_of_text(self, words: str | None, start: int, end: int) -> str | None:
        """The gold actor a phrase (searched for inside [start, end)) stands for."""
        if not words:
            return None
        pos = self.text.find(words, start, end)
        if pos >= 0:
            found = self._gold_actor_of_spans([[pos, pos + len(words)]])
            if found:
                return found
        wanted = _words(words)
        for aid, actor in self.actors.items():
            if wanted and wanted <= _words(actor["name"]) | {
                    w for s, e in actor.get("mentions", []) for w in _words(self.text[s:e])}:
                return aid
        return None

    def gold_actor_of_pred(self, actor: dict | None, start: int, end: int) -> str | None:
        if not actor or actor.get("implied"):
            return None
        if actor.get("name") and self.entity_gold.get(actor["name"]):
            return self.entity_gold[actor["name"]]
        return self.gold_actor_of_text(actor.get("text"), start, end)


def judge(gold: dict, article, threshold: float | None = None) -> dict[str, list[dict]]:
    """Per kind: one row per predicted fact (verdict) and one per gold fact (found or not); "shown"
    says whether the fact reaches ``threshold`` (None: its kind's threshold, newsgraph.confidence)."""
    from newsgraph.confidence import floor

    d = _Doc(gold, article)
    rows: dict[str, list[dict]] = {k: [] for k in KINDS}
    text = d.text

    def shown(conf, kind: str) -> bool:
        return conf is None or conf >= floor(kind, threshold)

    # actors
    found_actor = set()
    for index, entity in enumerate(article.entities):
        aid = d.entity_gold.get(entity.name)
        ok = aid is not None and entity.type in _TYPE_OK.get(d.actors[aid]["type"], {entity.type})
        if aid:
            found_actor.add(aid)
        rows["actors"].append({"pred": True, "index": index, "ok": ok, "lenient": aid is not None,
                               "shown": shown(entity.confidence, "actors"), "conf": entity.confidence,
                               "what": f"{entity.type} {entity.name!r} "
                                       f"{[text[s:e] for s, e in entity.mentions[:4]]}"})
    for aid, actor in d.actors.items():
        rows["actors"].append({"pred": False, "found": aid in found_actor, "what": f"{actor['type']} {actor['name']!r}"})

    # places: every predicted mention against the gold mentions it overlaps
    gold_places = gold.get("places", [])
    found_place = set()
    for index, place in enumerate(article.places):
        for s, e in place.mentions:
            hits = [i for i, g in enumerate(gold_places) if _overlap(s, e, g["start"], g["end"])]
            ok = lenient = False
            for i in hits:
                g = gold_places[i]
                lenient = True
                if place.lat is None or g.get("lat") is None:
                    continue
                coarse = g.get("level") in ("country", "admin1", "region")
                close = _km(place.lat, place.lon, g["lat"], g["lon"]) <= 161
                same = (place.country or "").upper() == (g.get("country") or "").upper()
                if close or (coarse and same and (place.feature or "").startswith("A.")):
                    ok = True
                    found_place.add(i)
            if not hits and (place.feature or "").startswith("A.PCL"):
                # "China said": a country named as an actor; annotators may mark it as an actor only
                actor = d._gold_actor_of_spans([[s, e]])
                if actor is not None and d.actors[actor]["type"] in ("country", "organization"):
                    lenient = True
                    ok = text[s:e].lower() == place.name.lower() or text[s:e].isupper()
            rows["places"].append({"pred": True, "index": index, "ok": ok, "lenient": lenient,
                                   "shown": shown(place.confidence, "places"), "conf": place.confidence,
                                   "what": f"{text[s:e]!r} -> {place.name} {place.country} ({place.lat}, {place.lon})"})
    for i, g in enumerate(gold_places):
        rows["places"].append({"pred": False, "found": i in found_place,
                               "what": f"{text[g['start']:g['end']]!r} {g.get('name')} {g.get('country')}"})

    # quotes
    gold_quotes = gold.get("quotes", [])
    found_quote = set()
    for index, q in enumerate(article.quotes):
        hits = [i for i, g in enumerate(gold_quotes) if _overlap(q.start, q.end, g["start"], g["end"])]
        speaker = None
        if q.speaker_start is not None:
            speaker = d._gold_actor_of_spans([[q.speaker_start, q.speaker_end]])
        if speaker is None and q.speaker:
            speaker = d.entity_gold.get(q.speaker) or d.gold_actor_of_text(q.speaker, 0, len(text))
        ok = False
        for i in hits:
            g = gold_quotes[i]
            gs = g.get("speaker")
            if gs is not None and speaker == gs or (gs is None and g.get("speaker_mention") and q.speaker_start is not None
                                                    and _overlap(q.speaker_start, q.speaker_end, *g["speaker_mention"])):
                ok = True
                found_quote.add(i)
        rows["quotes"].append({"pred": True, "index": index, "ok": ok, "lenient": bool(hits),
                               "shown": shown(q.confidence, "quotes"), "conf": q.confidence,
                               "what": f"{text[q.start:q.end][:80]!r} <- {q.speaker!r}"})
    for i, g in enumerate(gold_quotes):
        sp = d.actors.get(g.get("speaker") or "", {}).get("name")
        rows["quotes"].append({"pred": False, "found": i in found_quote,
                               "what": f"{text[g['start']:g['end']][:80]!r} <- {sp!r}"})

    # citations
    gold_cites = gold.get("citations", [])
    found_cite = set()
    for index, c in enumerate(article.citations):
        hits = [i for i, g in enumerate(gold_cites) if _overlap(c.start, c.end, g["start"], g["end"])]
        source = d.entity_gold.get(c.source) or d.gold_actor_of_text(c.source, c.start, c.end)
        ok = False
        for i in hits:
            g = gold_cites[i]
            label = (g.get("source_text") or "") + " " + d.actors.get(g.get("source") or "", {}).get("name", "")
            if (g.get("source") and source == g["source"]) or (_words(c.source) & _words(label)):
                ok = True
                found_cite.add(i)
        rows["citations"].append({"pred": True, "index": index, "ok": ok, "lenient": bool(hits),
                                  "shown": shown(c.confidence, "citations"), "conf": c.confidence,
                                  "what": f"{c.source!r} {c.cue!r}: {text[c.start:c.end][:80]!r}"})
    for i, g in enumerate(gold_cites):
        rows["citations"].append({"pred": False, "found": i in found_cite,
                                  "what": f"{g.get('source_text')!r}: {text[g['start']:g['end']][:80]!r}"})

    # events
    gold_events = gold.get("events", [])
    found_event, full_event = set(), set()
    for index, ev in enumerate(article.events):
        hits = [i for i, g in enumerate(gold_events)
                if g["type"] == ev.type and _overlap(ev.start, ev.end, *g["sentence"])]
        a1 = d.gold_actor_of_pred(ev.actor1, ev.start, ev.end)
        a2 = d.gold_actor_of_pred(ev.actor2, ev.start, ev.end)
        ok = core = False
        for i in hits:
            g = gold_events[i]
            found_event.add(i)
            if a1 == g.get("actor1") and ev.status == g.get("status"):
                core = True
                if a2 == g.get("actor2"):
                    ok = True
                    full_event.add(i)
        happened = ev.status in ("asserted", "reported")
        rows["events"].append({
            "pred": True, "index": index, "ok": ok, "lenient": bool(hits), "core": core,
            "shown": shown(ev.confidence, "events") and happened, "conf": ev.confidence,
            "what": f"{ev.type} {ev.status} {_actor_label(ev.actor1)} -> {_actor_label(ev.actor2)} "
                    f"[{text[ev.trigger[0]:ev.trigger[1]] if ev.trigger else ''}] conf={ev.confidence} "
                    f"{text[ev.start:ev.end][:100]!r}"})
    for i, g in enumerate(gold_events):
        name = lambda a: d.actors.get(a or "", {}).get("name")  # noqa: E731
        rows["events"].append({"pred": False, "found": i in found_event, "full": i in full_event,
                               "what": f"{g['type']} {g.get('status')} {name(g.get('actor1'))!r} -> "
                                       f"{name(g.get('actor2'))!r} {text[g['sentence'][0]:g['sentence'][1]][:100]!r}"})
    return rows


def _actor_label(actor: dict | None) -> str:
    if not actor:
        return "-"
    if actor.get("implied"):
        return f"({actor.get('country')})"
    return repr(actor.get("name") or actor.get("text"))


# -- figures -----------------------------------------------------------------------------------------


def figures(all_rows: list[dict[str, list[dict]]]) -> dict[str, dict]:
    out = {}
    for kind in KINDS:
        preds = [r for rows in all_rows for r in rows[kind] if r["pred"]]
        golds = [r for rows in all_rows for r in rows[kind] if not r["pred"]]
        n = len(preds)
        fig = {
            "predicted": n,
            "precision": sum(r["ok"] for r in preds) / n if n else None,
            "lenient": sum(r["lenient"] for r in preds) / n if n else None,
            "gold": len(golds),
            "recall": sum(r["found"] for r in golds) / len(golds) if golds else None,
        }
        if kind == "events":
            fig["recall_full"] = sum(r["full"] for r in golds) / len(golds) if golds else None
            fig["core"] = sum(r["core"] for r in preds) / n if n else None
        out[kind] = fig
    return out


def reliability(all_rows: list[dict[str, list[dict]]]) -> dict[str, dict]:
    """Per kind: expected calibration error and (mean confidence, share right, n) per confidence bin."""
    edges = (0.0, 0.3, 0.5, 0.7, 0.9, 1.01)
    out = {}
    for kind in KINDS:
        preds = [r for rows in all_rows for r in rows[kind] if r["pred"] and r.get("conf") is not None]
        bins = []
        ece = 0.0
        for lo, hi in zip(edges, edges[1:]):
            inside = [r for r in preds if lo <= r["conf"] < hi]
            if inside:
                conf = sum(r["conf"] for r in inside) / len(inside)
                right = sum(r[TARGET.get(kind, "ok")] for r in inside) / len(inside)
                ece += len(inside) / len(preds) * abs(conf - right)
                bins.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", round(conf, 3), round(right, 3), len(inside)))
        out[kind] = {"ece": round(ece, 3) if preds else None, "bins": bins}
    return out


def print_reliability(rel: dict[str, dict]) -> None:
    print("  reliability (confidence bin: mean confidence / share right / facts):")
    for kind, r in rel.items():
        cells = "  ".join(f"{b[0]}: {b[1]:.2f}/{b[2]:.2f}/{b[3]}" for b in r["bins"])
        print(f"    {kind:10} ECE {_fmt(r['ece'])}  {cells}")


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_table(title: str, figs: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(f"  {'fact':10} {'predicted':>9} {'P strict':>9} {'P lenient':>9} {'gold':>6} {'recall':>7} {'R full':>7}")
    for kind, f in figs.items():
        print(f"  {kind:10} {f['predicted']:9d} {_fmt(f['precision']):>9} {_fmt(f['lenient']):>9} {f['gold']:6d} "
              f"{_fmt(f['recall']):>7} {_fmt(f.get('recall_full')) if kind == 'events' else '':>7}")
    if "core" in figs.get("events", {}):
        print(f"  events: type, source actor and status right (the confidence's target): {_fmt(figs['events']['core'])}")


def predict(docs: list[dict]) -> list:
    from newsgraph import analyze_text

    out = []
    for i, doc in enumerate(docs, 1):
        out.append(analyze_text(doc["text"]))
        print(f"\r  enriching {i}/{len(docs)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "check", "all", "train"), default="all",
                        help="train: the event training articles (bench/event_train/), events only")
    parser.add_argument("--outside", action="store_true", help="only the outside gold (scrapinghub-gold.jsonl)")
    parser.add_argument("--errors", choices=KINDS, help="print the tuning half's wrong and missed facts of a kind")
    parser.add_argument("--events-gold", choices=("adjudicated", "first"), default="adjudicated",
                        help="our gold's events: the adjudicated double reading (default) or the first reading")
    parser.add_argument("--agreement", action="store_true",
                        help="only print how two independent human readings of the events agree")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    if not available():
        print("../shared/eval is absent (or NEWSGRAPH_EVAL_DIR points nowhere): nothing to score")
        return 1
    if args.agreement:
        print("events: a second human reading scored against the first (sentence and type; full: both actors and status)")
        print(f"  {'half':8} {'second':>7} {'first':>6} {'matched':>8} {'P':>6} {'R':>6} {'P full':>7} {'R full':>7}")
        for half, r in sorted(agreement().items()):
            print(f"  {half:8} {r['second']:7} {r['first']:6} {r['matched']:8} {r['matched'] / max(r['second'], 1):6.3f} "
                  f"{r['matched'] / max(r['first'], 1):6.3f} {r['full'] / max(r['second'], 1):7.3f} {r['full'] / max(r['first'], 1):7.3f}")
        return 0
    from newsgraph.confidence import shown_facts, thresholds

    sets: dict[str, list[dict]] = {}
    if not args.outside:
        ours = load_ours(args.events_gold)
        if args.errors:
            ours = [d for d in ours if d["split"] == "tune"]
        for name in ("tune", "check"):
            if args.split in (name, "all"):
                sets[name] = [d for d in ours if d["split"] == name]
    if args.split == "train":  # what the event models learn from, never a gold set
        sets = {"train": load_training(("events",))}
    elif not args.errors and (args.outside or args.split == "all"):
        sets["outside"] = load_outside()
    results = {}
    for name, docs in sets.items():
        if not docs:
            continue
        articles = predict(docs)
        rows = [judge(doc, art) for doc, art in zip(docs, articles)]
        shown_rows = [judge(doc, shown_facts(art)) for doc, art in zip(docs, articles)]
        if args.errors:
            for doc, r in zip(docs, rows):
                print(f"\n== {doc['doc_id']}")
                for row in r[args.errors]:
                    if row["pred"] and not row["ok"]:
                        print(f"  {'PARTIAL' if row['lenient'] else 'WRONG  '} {'shown' if row['shown'] else 'hidden'} {row['what']}")
                    elif not row["pred"] and not row["found"]:
                        print(f"  MISSED  {row['what']}")
            continue
        label = {"tune": "tuning half", "check": "checking half", "outside": "outside gold (scrapinghub-gold.jsonl)",
                 "train": "event training articles (events only)"}[name]
        every, shown = figures(rows), figures(shown_rows)
        print_table(f"{label}, {len(docs)} articles — every fact stored", every)
        at_least = ", ".join(f"{k} {t}" for k, t in thresholds().items())
        print_table(f"{label} — facts shown by default (confidence at least: {at_least})", shown)
        rel = reliability(rows)
        print_reliability(rel)
        results[name] = {"documents": len(docs), "all": every, "shown": shown, "reliability": rel}
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
