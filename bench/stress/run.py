"""Run one stress case in this process: ``python -m bench.stress.run MODULE CASE FOLDER`` (``-`` as CASE: nothing,
the baseline).  Prints the outcome line after ``bench.stress.OUTCOME``; a case that raises prints the exception's
last line as its outcome and exits 1."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from bench.stress import OUTCOME


def main(argv: list[str]) -> int:
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
