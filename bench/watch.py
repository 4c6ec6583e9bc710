"""`newsgraph watch` at scale: many feeds on a local server, the polling cycle compressed.

    python -m bench.watch [--feeds 1000] [--cycles 100] [--new 500] [--enrich] [--db PATH]

A threaded local server serves FEEDS RSS feeds (each with an ETag) and their article pages. The
watcher polls them all (rate limit off, private addresses allowed), then:

- cycles with nothing new: each feed answers 304; prints the time of a cycle (median, max) and the
  process's memory (RSS) after the first and the last, which should stay flat;
- one cycle in which NEW feeds each gain one new article: prints its time and the pages stored
  per second (extraction only unless --enrich).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsgraph.ingest.service import ServiceOptions
from newsgraph.store import Store
from newsgraph.watch.poll import WatchOptions, Watcher

WORDS = ("the harbour authority said on monday that the new ferry terminal would open after two years of "
         "building work while residents and fishing crews asked for more berths and lower prices").split()


def _page(feed: int, n: int) -> bytes:
    rng = random.Random(feed * 100_003 + n)
    paragraphs = "".join(f"<p>{' '.join(rng.choice(WORDS) for _ in range(60))}.</p>" for _ in range(4))
    return (f"<!DOCTYPE html><html><head><title>Story {feed}-{n}</title></head><body><article>"
            f"<h1>Story {feed}-{n}</h1>{paragraphs}</article></body></html>").encode()


class Server:
    def __init__(self, feeds: int):
        self.items: dict[int, int] = dict.fromkeys(range(feeds), 1)  # articles per feed
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests += 1
                parts = self.path.strip("/").split("/")
                if parts[0] == "feed":
                    feed = int(parts[1])
                    base = f"http://{self.headers['Host']}"
                    items = "".join(f"<item><title>s</title><link>{base}/page/{feed}/{n}</link></item>"
                                    for n in range(server.items[feed]))
                    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()
                    kind = "application/rss+xml"
                elif parts[0] == "page":
                    body, kind = _page(int(parts[1]), int(parts[2])), "text/html; charset=utf-8"
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()


def _rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux: /proc; else the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--new", type=int, default=500, help="feeds that gain an article in the last cycle")
    parser.add_argument("--enrich", action="store_true", help="also run the enrichers on the new pages")
    parser.add_argument("--db", help="database file [default: a temporary one]")
    args = parser.parse_args()

    server = Server(args.feeds)
    folder = tempfile.mkdtemp(prefix="bench-watch-")
    db = args.db or str(Path(folder) / "watch.db")
    service = ServiceOptions(workers=1, allow_private=True, rate_limit=0, timeout=10, enrich=args.enrich)
    with Store(db) as store, Watcher(store, WatchOptions(service=service)) as watcher:
        watcher.add([f"{server.base}/feed/{i}" for i in range(args.feeds)], every=3600)
        started = time.perf_counter()
        first = watcher.cycle(everything=True)
        print(f"first cycle: {args.feeds} feeds, {sum(p.stored for p in first.polls)} pages stored in "
              f"{time.perf_counter() - started:.1f} s")
        times, memory = [], []
        for _ in range(args.cycles):
            before = server.requests
            started = time.perf_counter()
            report = watcher.cycle(everything=True)
            times.append(time.perf_counter() - started)
            memory.append(_rss_mb())
            assert all(p.outcome == "not_modified" for p in report.polls), "a feed changed"
            assert server.requests - before == args.feeds
        print(f"{args.cycles} cycles with nothing new ({args.feeds} conditional GETs, each a 304): "
              f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
              f"({args.feeds / statistics.median(times):.0f} feeds/s)")
        print(f"memory (RSS): {memory[0]:.0f} MB after the first such cycle, {memory[-1]:.0f} MB after the last "
              f"(max {max(memory):.0f} MB)")
        for feed in range(min(args.new, args.feeds)):
            server.items[feed] += 1
        started = time.perf_counter()
        report = watcher.cycle(everything=True)
        took = time.perf_counter() - started
        stored = sum(p.stored for p in report.polls)
        print(f"cycle with {args.new} new pages: {stored} stored in {took:.1f} s ({stored / took:.1f} pages/s, "
              f"{'with' if args.enrich else 'without'} enrichment)")


if __name__ == "__main__":
    main()
