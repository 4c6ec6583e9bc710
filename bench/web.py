"""Latency of the web application on a large generated database.

    python -m bench.web [--articles 100000] [--requests 200] [--db PATH] [--only WORD] [--workers N]

Generates a database of news-like articles (synthetic text with actors, places, quotes,
cited sources and events at known offsets; stored through `Store.bulk_add`, cached by size
in the system's temp folder unless --db says where), starts `newsgraph serve` on it in a
subprocess (as users run it, with its defaults, unless --workers says how many processes), and
measures p50/p95 of search, article, actor, map and events (the table and one event) requests
with 1 and 8 concurrent clients (http.client, one connection per thread), and the CPU a request
costs the server and the load generator (both on the same machine).  Goals: search and the events
pages p95 < 100 ms, article p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import httpx

from newsgraph.record import Article, Citation, Entity, Event, Paragraph, Place, Quote
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters

SEED = 20261125
WORDS = (
    "the government said officials forces security council talks agreement attack city region border police "
    "minister president army rebels ceasefire aid refugees election protest court report statement week "
    "monday tuesday wednesday thursday friday weekend morning evening capital province village port airport "
    "oil gas trade sanctions deal negotiations envoy delegation opposition parliament vote law budget economy "
    "prices inflation flood drought storm earthquake fire hospital school market road bridge convoy checkpoint "
    "troops militia group leaders spokesman ministry agency reporters residents witnesses families workers union "
    "strike investigation arrest prisoners detainees exchange release hostages fighting clashes shelling strike "
    "drone missile killed wounded injured displaced fled returned reopened closed announced denied accused "
    "warned urged called agreed rejected signed met visited demanded promised threatened condemned welcomed"
).split()
RARE = [f"{a}{b}" for a in ("zan", "kor", "mel", "tuv", "sar", "pol", "bri", "qua") for b in ("ith", "ova", "eru", "ak", "um")]
FIRST = "Amina Boris Carla Dmitri Elena Farid Grace Hassan Ines Jonas Karim Lena Marco Nadia Omar Priya Rafael Sara Tariq Yusuf".split()
LAST = "Abbas Berg Chen Diallo Esposito Fischer Garcia Haddad Ivanova Jensen Kovac Lopez Mensah Novak Okafor Petrov Rossi Silva Tanaka Weber".split()
ORGS = ["Ministry of Interior", "National Army", "United Nations", "Red Crescent", "Port Authority", "Central Bank",
        "Liberation Front", "Workers Union", "Supreme Court", "Electoral Commission", "Coast Guard", "Health Ministry"]
COUNTRIES = ["LY", "TN", "EG", "SD", "ML", "NE", "NG", "KE", "SO", "ET", "UA", "GE", "SY", "IQ", "YE", "CO", "VE",
             "PE", "BD", "LK", "PH", "ID", "FR", "DE"]
EVENTS = [("ASSAULT", "beat"), ("PROTEST", "demo"), ("CONSULT", "meet"), ("REQUEST", "assist"), ("AGREE", None),
          ("ACCUSE", None), ("COERCE", "arrest"), ("AID", "humanitarian"), ("MOBILIZE", "troops"), ("REJECT", None)]


def make_actors(rng: random.Random) -> list[tuple[str, str, str | None]]:
    people = [(f"{f} {last}", "person", rng.choice(COUNTRIES)) for f in FIRST for last in LAST]
    orgs = [(f"{c} {o}", "organization", c) for c in COUNTRIES for o in ORGS]
    return people + orgs


def make_places(rng: random.Random, n: int = 600) -> list[dict]:
    places = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        places.append({"name": f"{rng.choice(RARE).title()}{rng.choice(['ville', 'abad', 'grad', 'pur', 'polis'])} {i}",
                       "geonameid": 9_000_000 + i, "country": country,
                       "lat": round(rng.uniform(-45, 65), 4), "lon": round(rng.uniform(-120, 140), 4)})
    return places


def make_article(rng: random.Random, i: int, actors, places) -> Article:
    """One article: six paragraphs of generated prose naming actors and places, a quote, a citation, events."""
    pieces: list[str] = []
    length = 0
    spans: dict[str, list] = {"actors": [], "places": []}

    def add(text: str, kind: str | None = None, ref=None) -> tuple[int, int]:
        nonlocal length
        start = length
        pieces.append(text)
        length += len(text)
        if kind:
            spans[kind].append((ref, start, length))
        return start, length

    cast = rng.sample(actors, 4)
    where = rng.sample(places, 2)
    paragraphs = []
    quote = None
    for p in range(6):
        p_start = length
        for s in range(3):
            words = rng.choices(WORDS, k=rng.randint(8, 16))
            if rng.random() < 0.05:
                words.append(rng.choice(RARE))
            add(" ".join(words).capitalize() + " ")
            if s == 0:
                add(cast[(p + s) % 4][0], "actors", cast[(p + s) % 4])
                add(" " + rng.choice(["said", "met", "warned", "visited"]) + " ")
                add(where[p % 2]["name"], "places", where[p % 2])
                add(". ")
        if p == 2:
            said = " ".join(rng.choices(WORDS, k=12))
            add("\u201c")
            q_start, q_end = add(said.capitalize())
            add(",\u201d ")
            s_start, s_end = add(cast[0][0], "actors", cast[0])
            add(" said.")
            quote = Quote(said.capitalize(), q_start, q_end, cast[0][0], s_start, s_end, "said", "direct")
        paragraphs.append((p_start, length))
        if p < 5:
            add("\n\n")
    text = "".join(pieces)
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    article = Article(text=text, title=f"{cast[0][0]} {rng.choice(WORDS)} {where[0]['name']} {rng.choice(WORDS)}",
                      url=f"https://site{i % 40}.example/{day}/story-{i}", site_name=f"Site {i % 40}",
                      published=day, language="en", content_hash=f"bench-{i}", extraction_method="bench")
    article.paragraphs = [Paragraph(s, e) for s, e in paragraphs]
    mentions: dict[tuple, list] = {}
    for ref, s, e in spans["actors"]:
        mentions.setdefault(ref, []).append([s, e])
    article.entities = [Entity(name, kind, [], None, m, country) for (name, kind, country), m in mentions.items()]
    place_mentions: dict[str, list] = {}
    for ref, s, e in spans["places"]:
        place_mentions.setdefault(ref["name"], [ref, []])[1].append([s, e])
    article.places = [Place(p["name"], p["geonameid"], p["country"], None, p["lat"], p["lon"], "P.PPL", m)
                      for p, m in place_mentions.values()]
    article.quotes = [quote]
    article.citations = [Citation(cast[1][0], "said", paragraphs[1][0], paragraphs[1][1])]
    for k in range(rng.randint(1, 2)):
        kind, mode = rng.choice(EVENTS)
        s, e = paragraphs[k]
        article.events.append(Event(kind, s, e, mode=mode, actor1={"name": cast[k][0]}, actor2={"name": cast[k + 1][0]},
                                    place=where[k], date=day, date_precision="day"))
    return article


def build(path: Path, n: int) -> None:
    rng = random.Random(SEED)
    actors, places = make_actors(rng), make_places(rng)
    started = time.perf_counter()
    with Store(path) as store:
        for first in range(0, n, 2000):
            batch = [make_article(rng, i, actors, places) for i in range(first, min(n, first + 2000))]
            store.bulk_add([StoredPage(a, f"bench:{first + j}", f"bench-page-{first + j}") for j, a in enumerate(batch)])
            print(f"\r  generated {first + len(batch):,} articles", end="", file=sys.stderr, flush=True)
        store.conn.execute("ANALYZE")
    print(f"\n  built in {time.perf_counter() - started:.0f} s: {path}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int | None = None) -> subprocess.Popen:
    """`newsgraph serve` on the database, once it answers."""
    options = ["--workers", str(workers)] if workers else []
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def server_cpu(pid: int) -> float | None:
    """Seconds of CPU the server has used: its process and its children (workers), from /proc."""
    import os

    if not Path("/proc").is_dir():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry) == pid or int(fields[1]) == pid:
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def measure(base: str, paths: list[str], clients: int) -> list[float]:
    """Milliseconds per request, paths shared out among `clients` threads each with its own connection.

    The clients are the standard library's http.client (a keep-alive connection each, the whole body
    read): the load generator shares the machine's cores with the server, and httpx cost 1.6 ms of CPU a
    request with one client and ~3 ms with eight (its threads contending for the interpreter's lock),
    about half of what the server spent on an events page; http.client costs ~0.3 ms."""
    times: list[float] = []
    failed: list[BaseException] = []
    lock = threading.Lock()
    url = urlsplit(base)

    def work(mine: list[str]) -> None:
        connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
        try:
            for path in mine:
                t = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                elapsed = (time.perf_counter() - t) * 1000
                if response.status != 200:
                    raise SystemExit(f"{path}: {response.status} {body[:200]!r}")
                with lock:
                    times.append(elapsed)
        except BaseException as error:  # a client that stops is a failed measure, not a shorter one
            with lock:
                failed.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(paths[i::clients],)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise SystemExit(f"a client failed: {failed[0]!r}")
    return times


def own_cpu() -> float:
    """Seconds of CPU this process (the load generator) has used."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint and concurrency")
    parser.add_argument("--db", type=Path, help="database to use or build [default: cached in the temp folder]")
    parser.add_argument("--only", metavar="WORD", help="only the endpoints whose name starts with WORD (events: the events table and its API)")
    parser.add_argument("--workers", type=int, help="serve's processes [default: serve's own default]")
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"newsgraph-bench-web-{args.articles}.db"
    if not db.exists():
        print(f"generating {args.articles:,} articles", file=sys.stderr)
        build(db, args.articles)
    with Store(db) as store:
        figures = store.stats()
        actor_ids = [r["id"] for r in store.actors_page(Filters(), 500).items]
        event_count = max(1, store.events_page(Filters(min_confidence=0, event_status="all"), 1).total)
    print(f"database: {db} ({figures['articles']:,} articles, {figures['actors']:,} actors, "
          f"{figures['quotes']:,} quotes, {db.stat().st_size / 1e6:.0f} MB)")
    rng = random.Random(SEED)
    n = args.requests
    queries = [rng.choice(WORDS) for _ in range(n // 2)] + [rng.choice(RARE) for _ in range(n // 4)] + [
        f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(n - n // 2 - n // 4)]
    rng.shuffle(queries)
    ids = [rng.randint(1, figures["articles"]) for _ in range(n)]
    endpoints = {
        "search (API, 20 hits)": [f"/api/search?q={quote_plus(q)}" for q in queries],
        "search page (facets)": [f"/?q={quote_plus(q)}" for q in queries],
        "article (API)": [f"/api/articles/{i}" for i in ids],
        "article page": [f"/articles/{i}" for i in ids],
        "actor (API)": [f"/api/actors/{rng.choice(actor_ids)}" for _ in range(n)],
        "actor page": [f"/actors/{rng.choice(actor_ids)}" for _ in range(n)],
        "actor network": [f"/api/actors/{rng.choice(actor_ids)}/network" for _ in range(n)],
        "map (all events)": ["/api/map"] * (n // 4) + [f"/api/map?event_type={rng.choice(EVENTS)[0]}" for _ in range(n - n // 4)],
        # the events table: newest first, or one filter (type, country, actor, a month), a page of 50
        "events page": [rng.choice([
            "/events", f"/events?event_type={rng.choice(EVENTS)[0].lower()}", f"/events?country={rng.choice(COUNTRIES)}",
            f"/events?actor={rng.choice(actor_ids)}", "/events?date_from=2025-{0:02d}-01&date_to=2025-{0:02d}-28".format(
                rng.randint(1, 12)), f"/events?offset={50 * rng.randint(1, 20)}"]) for _ in range(n)],
        "events (API)": [rng.choice([
            "/api/events", f"/api/events?event_type={rng.choice(EVENTS)[0]}", f"/api/events?actor={rng.choice(actor_ids)}"])
            for _ in range(n)],
        "event page": [f"/events/{rng.randint(1, event_count)}" for _ in range(n)],
        "event (API)": [f"/api/events/{rng.randint(1, event_count)}" for _ in range(n)],
    }
    if args.only:
        endpoints = {name: paths for name, paths in endpoints.items() if name.startswith(args.only)}
    port = free_port()
    server = start_server(db, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        measure(base, ["/api/search?q=talks", "/api/articles/1", "/api/map"] * 3, 1)  # warm the page cache
        # server CPU: what a request costs the server whatever else runs on the machine (the latencies
        # of a shared machine are mostly queueing)
        print(f"\n{'endpoint':<24}{'clients':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}{'server CPU ms/req':>19}"
              f"{'client CPU ms/req':>19}")
        for name, paths in endpoints.items():
            for clients in (1, 8):
                started, cpu, mine = time.perf_counter(), server_cpu(server.pid), own_cpu()
                times = measure(base, paths, clients)
                rate = len(times) / (time.perf_counter() - started)
                spent = (own_cpu() - mine) / len(times) * 1000
                p50 = statistics.median(times)
                p95 = statistics.quantiles(times, n=20)[-1]
                used = server_cpu(server.pid)
                per = f"{(used - cpu) / len(times) * 1000:>19.1f}" if used is not None and cpu is not None else f"{'':>19}"
                print(f"{name:<24}{clients:>8}{p50:>9.1f}{p95:>9.1f}{rate:>8.0f}{per}{spent:>19.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
