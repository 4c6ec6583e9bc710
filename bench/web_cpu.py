"""CPU one request of the events table costs, in one process, without HTTP or concurrency.

    python -m bench.web_cpu [--db PATH] [--requests 100] [--repeats 5]

On the database bench.web builds (100,000 generated articles, cached in the system's temp folder;
run bench.web once first), the events page and the events API are asked, in process through
Starlette's test client, the requests bench.web sends them (newest first, a type, a country, an
actor, a month, later pages); each line is the CPU time per request (the process's, so the thread
pool's and SQLite's work count) of the fastest of `repeats` rounds, after one round that warms the
caches and the remembered totals.  A shared machine inflates latencies with queueing; this figure
moves only with what a request costs.  To compare with older code, run it with that code first on
PYTHONPATH.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import warnings
from pathlib import Path

from bench.web import COUNTRIES, EVENTS, SEED


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "newsgraph-bench-web-100000.db")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such database (python -m bench.web builds it)")
    warnings.simplefilter("ignore")  # the test client's deprecation notice
    from starlette.testclient import TestClient

    from newsgraph.store import Store
    from newsgraph.store.read import Filters
    from newsgraph.web import create_app

    with Store.open_read_only(str(args.db), 0, None) as store:
        actor_ids = [r["id"] for r in store.actors_page(Filters(), 500).items]
    rng = random.Random(SEED)
    pages = [rng.choice([
        "/events", f"/events?event_type={rng.choice(EVENTS)[0].lower()}", f"/events?country={rng.choice(COUNTRIES)}",
        f"/events?actor={rng.choice(actor_ids)}", "/events?date_from=2025-{0:02d}-01&date_to=2025-{0:02d}-28".format(
            rng.randint(1, 12)), f"/events?offset={50 * rng.randint(1, 20)}"]) for _ in range(args.requests)]
    api = [rng.choice(["/api/events", f"/api/events?event_type={rng.choice(EVENTS)[0]}",
                       f"/api/events?actor={rng.choice(actor_ids)}"]) for _ in range(args.requests)]
    print(f"{'endpoint':<16}{'CPU ms/request':>16}")
    with TestClient(create_app(str(args.db))) as client:
        for name, paths in (("events page", pages), ("events (API)", api)):
            rounds = []
            for _ in range(args.repeats + 1):
                started = time.process_time()
                for path in paths:
                    if client.get(path).status_code != 200:
                        raise SystemExit(f"{path}: not answered")
                rounds.append((time.process_time() - started) / len(paths) * 1000)
            print(f"{name:<16}{min(rounds[1:]):>16.2f}", flush=True)


if __name__ == "__main__":
    main()
