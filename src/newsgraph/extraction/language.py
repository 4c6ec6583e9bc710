"""Language of an article's text, from py3langid's bundled model (no download).

py3langid ships its model as an xz file (4.5 MB) and decompresses it (68 MB) every time a process
loads it: half a second of every ingest, of every worker. The decompressed model is kept once in
newsgraph's cache folder, by py3langid version, and loaded from there (a tenth of that time); the
model is the same, so are the answers. Where the folder cannot be written, py3langid loads its own.
"""

from __future__ import annotations

import importlib.metadata
import lzma
import os
import shutil
import zipfile
from pathlib import Path

import numpy as np
import py3langid
from py3langid import langid

# Below this many letters the guess is noise; keep what the page declares instead.
_MIN_LETTERS = 40


def detect_language(text: str, declared: str | None = None) -> str | None:
    sample = text[:1500]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return _primary(declared)
    if langid.IDENTIFIER is None:
        langid.IDENTIFIER = _cached_identifier()  # None: py3langid loads its own on the first call
    code, _score = py3langid.classify(sample)
    return code


def _primary(tag: str | None) -> str | None:
    """'en-GB' -> 'en'."""
    if not tag:
        return None
    return tag.replace("_", "-").split("-")[0].lower() or None


def model_cache_path() -> Path:
    from newsgraph.gazetteer.index import cache_dir

    return cache_dir() / f"langid-{importlib.metadata.version('py3langid')}.npz"


def _cached_identifier() -> langid.LanguageIdentifier | None:
    """py3langid's default identifier (all languages, raw scores) from the decompressed model."""
    path = model_cache_path()
    for _attempt in range(2):  # a copy that cannot be read is written again, once
        try:
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
                with lzma.open(langid.MODEL_DIR / langid.MODEL_FILE) as packed, open(partial, "wb") as out:
                    shutil.copyfileobj(packed, out, length=1 << 20)
                os.replace(partial, path)  # whole or not at all, whichever process writes it
            return _read(path)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            if not path.is_file():
                return None  # the folder cannot be written
            try:
                path.unlink()  # a damaged copy
            except OSError:
                return None
    return None


def _read(path: Path) -> langid.LanguageIdentifier:
    """The identifier from the arrays of the decompressed model, as py3langid.modelio.load_model reads them."""
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        return langid.LanguageIdentifier(
            np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
            _to_array(data["nextmove"]), data["out_feat"].tolist(), tk_row=_to_array(data["nextmove_row"]),
        )
