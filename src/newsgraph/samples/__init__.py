"""The bundled sample corpus: invented news pages in every input shape newsgraph reads.

See README.md in this folder for what each file is and which pages are copies of which;
manifest.json holds the same facts in machine-readable form (file, shape, outlet, url,
published, language, title, copy_of).
"""

from __future__ import annotations

import pathlib

SAMPLES_DIR: pathlib.Path = pathlib.Path(__file__).resolve().parent

# The folders `make demo` ingests, one per input shape.
INPUT_DIRS: tuple[str, ...] = ("html", "blogger", "wordpress", "amp", "textdumps", "feeds", "warc")

# File endings that are inputs; scripts (make_warc.py), notes and caches are not.
_INPUT_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".txt", ".xml", ".atom", ".rss", ".warc.gz", ".warc", ".wet.gz")


def _is_input(path: pathlib.Path) -> bool:
    if not path.is_file():
        return False
    rel = path.relative_to(SAMPLES_DIR)
    if any(part.startswith(("_", ".")) for part in rel.parts):
        return False
    return path.name.lower().endswith(_INPUT_SUFFIXES)


def sample_paths() -> list[pathlib.Path]:
    """All sample inputs, in a stable order (sorted by path inside the samples folder)."""
    found: list[pathlib.Path] = []
    for name in INPUT_DIRS:
        folder = SAMPLES_DIR / name
        if folder.is_dir():
            found.extend(p for p in folder.rglob("*") if _is_input(p))
    return sorted(found, key=lambda p: p.relative_to(SAMPLES_DIR).as_posix())


__all__ = ["SAMPLES_DIR", "INPUT_DIRS", "sample_paths"]
