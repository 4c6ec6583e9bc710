"""Language detection: py3langid's model from the decompressed copy in the cache folder."""

from __future__ import annotations

import numpy as np
from py3langid import langid

from newsgraph.extraction import language

TEXTS = [
    "The government said on Monday that the talks would resume next week in Geneva.",
    "Le gouvernement a annoncé lundi que les négociations reprendraient la semaine prochaine.",
    "Die Regierung teilte am Montag mit, dass die Gespräche nächste Woche fortgesetzt werden.",
    "El gobierno dijo el lunes que las conversaciones se reanudarán la próxima semana.",
]


def test_the_cached_model_is_py3langids_own(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    built = language._cached_identifier()  # decompresses into the cache folder
    assert built is not None and language.model_cache_path().is_file()
    loaded = language._cached_identifier()  # reads the copy
    own = langid._load_identifier()
    for identifier in (built, loaded):
        assert identifier.nb_classes == own.nb_classes and identifier.tk_output == own.tk_output
        assert np.array_equal(identifier.nb_ptc, own.nb_ptc) and np.array_equal(identifier.nb_pc, own.nb_pc)
        assert identifier.tk_nextmove == own.tk_nextmove and identifier.tk_row == own.tk_row
        assert [identifier.classify(t) for t in TEXTS] == [own.classify(t) for t in TEXTS]
    assert [own.classify(t)[0] for t in TEXTS] == ["en", "fr", "de", "es"]


def test_an_unwritable_cache_leaves_py3langid_to_load_its_own(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(blocker / "cache"))
    assert language._cached_identifier() is None
    monkeypatch.setattr(langid, "IDENTIFIER", None)
    assert language.detect_language(TEXTS[1]) == "fr"


def test_a_damaged_copy_is_written_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    language.model_cache_path().write_bytes(b"PK\x03\x04 not a model")
    identifier = language._cached_identifier()
    assert identifier is not None and identifier.classify(TEXTS[2])[0] == "de"
    assert language.model_cache_path().stat().st_size > 1_000_000
