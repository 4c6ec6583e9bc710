"""``python -m bench.stress [MODULE[:CASE] ...] [--timeout S] [--markdown]``: every hostile case in a fresh
process, with its wall time, the child's peak memory above the baseline, and its outcome line."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench.stress
from bench.stress import OUTCOME, PEAK

DEFAULT_TIMEOUT = 120.0
_NOT_CASES = {"run", "__main__"}


@dataclass
class Result:
    module: str
    case: str
    seconds: float
    peak_mb: float
    outcome: str
    status: str  # ok, failed (exit status), timeout
    group: int = 0  # the process group the case ran in (the child's pid)


def modules() -> list[str]:
    here = Path(bench.stress.__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in _NOT_CASES and not m.name.startswith("_"))


def run_case(module: str, case: str, timeout: float) -> Result:
    """One case in a new process (and process group) with a fresh folder; killed when `timeout` has passed."""
    with tempfile.TemporaryDirectory(prefix=f"stress-{module}-") as folder, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "bench.stress.run", module, case, folder],
                                 stdout=out, stderr=errors, stdin=subprocess.DEVNULL, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                os.killpg(child.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        try:
            os.killpg(child.pid, signal.SIGKILL)  # what the case left running
        except (ProcessLookupError, PermissionError):
            pass
        out.seek(0)
        errors.seek(0)
        lines = out.read().decode("utf-8", "replace").splitlines()
        outcome = next((line[len(OUTCOME):] for line in reversed(lines) if line.startswith(OUTCOME)), None)
        reported = next((int(line[len(PEAK):]) for line in reversed(lines) if line.startswith(PEAK)), None)
        peak_kb = reported if reported is not None else usage.ru_maxrss  # killed: the kernel's figure
        if outcome is None:
            tail = [line for line in errors.read().decode("utf-8", "replace").splitlines() if line.strip()]
            outcome = f"no outcome line (exit {child.returncode}): {tail[-1] if tail else ''}"
        if timed_out:
            outcome = f"killed after {timeout:g} s: {outcome}"
        status_word = "timeout" if timed_out else ("ok" if child.returncode == 0 else f"exit {child.returncode}")
        return Result(module, case, seconds, peak_kb / 1024, outcome, status_word, child.pid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stress", description=__doc__)
    parser.add_argument("cases", nargs="*", metavar="MODULE[:CASE]", help="default: every case of every module")
    parser.add_argument("--timeout", type=float, help=f"seconds per case (default: the module's TIMEOUT, else {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--list", action="store_true", help="name the cases and stop")
    args = parser.parse_args(argv)
    wanted: list[tuple[str, str | None]] = [(c.partition(":")[0], c.partition(":")[2] or None) for c in args.cases] \
        or [(m, None) for m in modules()]
    if args.list:
        for module_name, only in wanted:
            print("\n".join(f"{module_name}:{c}" for c in ([only] if only else importlib.import_module(
                f"bench.stress.{module_name}").CASES)))
        return 0
    failed = 0
    print("| case | wall s | peak MB | above baseline MB | outcome |")
    print("| --- | ---: | ---: | ---: | --- |")
    for module_name, only in wanted:
        module = importlib.import_module(f"bench.stress.{module_name}")
        cases = [only] if only else list(module.CASES)
        timeout = args.timeout or getattr(module, "TIMEOUT", DEFAULT_TIMEOUT)
        baselines = {"-": run_case(module_name, "-", timeout)}
        for case in cases:
            # A case may name another as its baseline (BASELINES): a short text beside a long one
            # subtracts the model both load, not only the bare interpreter.
            base = getattr(module, "BASELINES", {}).get(case, "-")
            if base not in baselines:
                baselines[base] = run_case(module_name, base, timeout)
            r = run_case(module_name, case, timeout)
            failed += r.status != "ok"
            above = f"{r.peak_mb - baselines[base].peak_mb:+.0f}" + ("" if base == "-" else f" (vs {base})")
            print(f"| {module_name}:{case} | {r.seconds:.1f} | {r.peak_mb:.0f} | {above} | "
                  f"{r.outcome.replace('|', '/')}{'' if r.status == 'ok' else f' ({r.status})'} |", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
