"""Screenshots of the main pages for docs/screenshots/, from the bundled samples.

    python -m bench.screenshots [--out docs/screenshots]

Ingests the samples into a temporary database, serves it, and photographs the search,
article, actor, events, event, map and timeline pages in Debian's headless chromium (Playwright),
at a desktop's size (NAME.png) and the events, map and article pages at a phone's (NAME-phone.png).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from bench.web import free_port, start_server
from newsgraph.samples import sample_paths

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "samples.db"
        subprocess.run([sys.executable, "-m", "newsgraph", "ingest", *map(str, sample_paths()), "--db", str(db),
                        "--quiet"], check=False)
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            hit = httpx.get(base + "/api/search", params={"q": "detainees", "limit": 1}).json()["items"][0]
            actor = httpx.get(base + "/api/actors", params={"type": "person", "limit": 1}).json()["items"][0]
            event = httpx.get(base + "/api/events", params={"sort": "reports", "limit": 1, "min_confidence": 0}).json()
            pages = {
                "search": "/?q=detainees",
                "article": f"/articles/{hit['id']}",
                "actor": f"/actors/{actor['id']}",
                "events": "/events?min_confidence=0",
                "event": f"/events/{event['items'][0]['id']}" if event["items"] else "/events",
                "map": "/map?min_confidence=0",
                "timeline": "/timeline?min_confidence=0",
            }
            phone = {"events", "map", "article"}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                desktop = browser.new_page(viewport={"width": 1280, "height": 860})
                small = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                            device_scale_factor=2).new_page()
                for name, path in pages.items():
                    for page, suffix in [(desktop, "")] + ([(small, "-phone")] if name in phone else []):
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        if name == "map" and not suffix:  # a point's popup open
                            page.locator("#map a.marker-link").first.click()
                            page.wait_for_load_state("networkidle")
                        target = args.out / f"{name}{suffix}.png"
                        page.screenshot(path=str(target))
                        print(f"{target}  <- {path}")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
