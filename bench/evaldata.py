"""Where the public gold sets are: ../shared/eval beside the repository, or $NEWSGRAPH_EVAL_DIR.

The variable may name the eval folder, the shared/ folder above it, or one set's own folder, so
every benchmark accepts the same setting.
"""

from __future__ import annotations

import os
from pathlib import Path


def eval_dir(name: str) -> Path:
    """The folder of one gold set ("extraction", "geo", "quotes", "events"); may not exist."""
    override = os.environ.get("NEWSGRAPH_EVAL_DIR")
    base = Path(override).expanduser() if override else Path(__file__).resolve().parents[2] / "shared" / "eval"
    for candidate in (base / name, base / "eval" / name):
        if candidate.is_dir():
            return candidate
    return base if base.name == name else base / name
