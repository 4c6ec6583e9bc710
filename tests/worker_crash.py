"""A stand-in for the pipeline's worker function that dies like a worker the OOM killer picks."""

from __future__ import annotations

import os
import signal

from newsgraph.pipeline import analyze_pages

MARKER = "THIS PAGE EXHAUSTS THE MACHINE"


def process_or_die(job):
    pages = job[0]
    if any(MARKER in (p.content if isinstance(p.content, str) else p.content.decode("utf-8", "replace")) for p in pages):
        os.kill(os.getpid(), signal.SIGKILL)
    return analyze_pages(*job)
