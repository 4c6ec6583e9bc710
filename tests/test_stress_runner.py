"""The stress runner: each case in a process of its own, its outcome line, its peak memory, and a case
that runs over its time killed with everything it started."""

from __future__ import annotations

import os
import time

from bench.stress.__main__ import modules, run_case


def test_the_runner_finds_the_modules_and_reports_a_case() -> None:
    assert "store" in modules() and "run" not in modules()
    result = run_case("store", "missing_folder", timeout=60)
    assert result.status == "ok", result
    assert "cannot create the database" in result.outcome and "$TMP" in result.outcome
    assert 10 < result.peak_mb < 1000


def test_a_case_over_its_time_is_killed_with_its_children() -> None:
    result = run_case("store", "two_ingests", timeout=1.5)
    assert result.status == "timeout" and result.outcome.startswith("killed after 1.5 s")
    assert result.seconds < 10
    # Nothing of the case's process group is left running (a killed process takes a moment to go).
    deadline = time.monotonic() + 10
    while _members(result.group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _members(result.group) == []


def _members(group: int) -> list[int]:
    members = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(pid))
    return members
