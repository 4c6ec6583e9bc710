"""Hostile inputs, each run in a process of its own with a time limit, its time and peak memory measured.

    python -m bench.stress                 # every case of every module
    python -m bench.stress store fetch:gzip_bomb --timeout 120

A module ``bench/stress/<name>.py`` defines ``CASES: dict[str, Callable[[pathlib.Path], str]]``: each case
gets a fresh empty folder to work in and returns its outcome as one line (what newsgraph did with the
input: the error line it printed, what was stored).  A module may set ``TIMEOUT`` (seconds) for its cases,
and ``BASELINES: dict[str, str]``: for a case, another case whose peak memory it is measured above
(by default the empty case).

``python -m bench.stress.run MODULE CASE FOLDER`` runs one case; the runner starts it in a new process
group, kills the group when the time is up, and reads the peak resident memory the child prints as it
ends (``PEAK``: its own high-water mark since it started, or, for a case that starts processes of its
own, the largest of them); a case killed at its time limit is measured by the ``rusage`` of ``os.wait4``.
The same process with nothing to do (``-`` as the case: the interpreter, the runner, the module imported)
is the baseline the table subtracts, unless the module names another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Case = Callable[[Path], str]
# What the child prints before its outcome line, so the runner can find it among other output.
OUTCOME = "stress-outcome: "
# The case's own peak memory in kB, printed by the case's process as it ends: the high-water mark of its
# memory since it started (VmHWM) and of the processes it waited for. The kernel's ru_maxrss of a child
# also counts the copy of its parent it began as, so a large parent (a test run with models loaded)
# would be measured instead of the case.
PEAK = "stress-peak-kb: "
