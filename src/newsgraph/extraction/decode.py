"""Bytes to text the way browsers do it, and refusal of what is not text.

Order: a byte-order mark, valid UTF-8, the charset the page or server declares,
then a guess.  Legacy Latin guesses collapse to windows-1252, the encoding the
HTML standard assumes for undeclared Western pages (statistical guessers often
pick a neighbouring code page on short texts and mangle accented names).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LATIN_GUESSES = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1254", "cp1257", "mac_roman", "ascii"}
_SAMPLE_BYTES = 8192
MIN_ASCII_SHARE = 0.3  # a UTF-16 or UTF-32 page decoded right: at least this share of its characters are ASCII
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class NotText(ValueError):
    """The bytes are not a text page (binary data, an image, an archive...)."""


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        if found and _codec(found.group(1)):
            return _codec(found.group(1))
    declared = _DECLARED.search(data[:4096])
    if declared:
        return _codec(declared.group(1) or declared.group(2))
    return None


def _declared_wide(data: bytes, content_type: str | None) -> str | None:
    """The UTF-16 or UTF-32 codec (with its byte order) of a page without a byte-order mark that
    declares one, in the HTTP header or in its own markup (read in each byte order), when the page
    decoded with it reads as text: most of a web page is markup, ASCII.  None otherwise."""
    head = data[:_SAMPLE_BYTES]
    declared = [declared_charset(head, content_type)]
    for order in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        declared.append(declared_charset(head.decode(order, "ignore").encode("ascii", "ignore")))
    family = next((name for name in declared if name and name.startswith(("utf-16", "utf-32"))), None)
    if family is None:
        return None
    candidates = [family] if family.endswith(("-le", "-be")) else [f"{family[:6]}-le", f"{family[:6]}-be"]
    share, best = max((_ascii_share(head.decode(name, "replace")), name) for name in candidates)
    return best if share >= MIN_ASCII_SHARE else None


def _ascii_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for char in text if " " <= char <= "~" or char in "\t\n\r") / len(text)


def decode_page(data: bytes | str, content_type: str | None = None) -> str:
    """Decode a page; raise NotText for binary content."""
    if isinstance(data, str):
        text = data
    else:
        text = _decode_bytes(data, content_type)
    sample = text[:8192]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 20):
        raise NotText("binary content, not a text or HTML page")
    return text


def _decode_bytes(data: bytes, content_type: str | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    if b"\x00" in data[:8192]:  # UTF-16 or UTF-32 without a BOM, if declared and it reads as text; else binary
        wide = _declared_wide(data, content_type)
        if wide is not None:
            return data.decode(wide, errors="replace")
        raise NotText("binary content, not a text or HTML page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared and declared not in ("utf-8", "utf_8"):
        return data.decode(declared, errors="replace")
    best = charset_normalizer.from_bytes(data[:65536]).best()
    guess = _codec(best.encoding) if best else None
    if guess is None or guess in _LATIN_GUESSES:
        guess = "cp1252"
    return data.decode(guess, errors="replace")
