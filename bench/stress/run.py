"""Run one stress case in this process: ``python -m bench.stress.run MODULE CASE FOLDER`` (``-`` as CASE: nothing,
the baseline).  Prints the outcome line after ``bench.stress.OUTCOME``; a case that raises prints the exception's
last line as its outcome and exits 1."""

from __future__ import annotations

import importlib
import resource
import sys
from pathlib import Path

from bench.stress import OUTCOME, PEAK


def peak_kb() -> int:
    """This process's memory high-water mark since exec, and its waited-for children's."""
    own = 0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            own = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except OSError:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def main(argv: list[str]) -> int:
    try:
        return _run(argv)
    finally:
        print(PEAK + str(peak_kb()), flush=True)


def _run(argv: list[str]) -> int:
    module_name, case, folder = argv
    module = importlib.import_module(f"bench.stress.{module_name}")
    if case == "-":
        print(OUTCOME + "baseline", flush=True)
        return 0
    try:
        outcome = module.CASES[case](Path(folder))
    except BaseException as exc:  # noqa: BLE001 - what broke is the outcome
        said = " ".join(str(exc).split()).replace(folder, "$TMP")[:300]
        print(OUTCOME + f"raised {type(exc).__name__}: {said}", flush=True)
        return 1
    print(OUTCOME + " ".join(str(outcome).split()).replace(folder, "$TMP"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
