"""The model's attribute ruler and lemmatizer, computed once per distinct token instead of per token.

spaCy's ``attribute_ruler`` runs a Matcher of 179 patterns over every token (mostly "this tag is
this part of speech and these features", some "this word with this tag"), and its rule
``lemmatizer`` re-derives the lemma of every token although the answer depends only on the word,
its part of speech and its features. Together they cost about as much as the tagger and parser
on news text. Here the same rules give the same annotations (``test_fastrules`` compares every
token's tag, part of speech, features, lemma and dependency with the model's own components):

* ``CachedAttributeRuler``: a pattern of one token whose conditions are plain values or IN /
  NOT_IN lists of the token's tag, lower-cased form, dependency label or being white space is
  decided once per distinct combination of those; the few others (several tokens, regular
  expressions) stay in a Matcher of their own. Each token gets the attributes of its matching
  patterns applied in the order of the patterns, as the AttributeRuler applies them.
* ``CachedLemmatizer``: the rule lemmatizer's answer kept per (word, part of speech, features), and
  its tables of known lemmas searched as sets rather than lists.

``nlp.load_nlp`` swaps them in for the model's components.
"""

from __future__ import annotations

import re
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Token attributes a pattern may test here, and the array column of each.
_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "TEXT": ORTH}
_OPERATORS = {"IN", "NOT_IN", "REGEX"}
_WRITTEN = (POS, MORPH, LEMMA)  # what the tag patterns set on nearly every token: written as arrays
_CACHE_LIMIT = 500_000


def _supported(pattern: list[dict]) -> bool:
    """Fixed tokens (no OP), each condition a value or IN / NOT_IN / REGEX of an attribute keyed on."""
    for token in pattern:
        for key, value in token.items():
            if key.upper() not in _KEYS:
                return False
            if isinstance(value, dict) and not set(value) <= _OPERATORS:
                return False
    return bool(pattern)


def _compiled(conditions: dict) -> list[tuple[str, object]]:
    """(attribute, condition) pairs, IN / NOT_IN lists as sets and REGEX compiled."""
    out = []
    for key, condition in conditions.items():
        if isinstance(condition, dict):
            condition = {op: (re.compile(v) if op == "REGEX" else set(v)) for op, v in condition.items()}
        out.append((key, condition))
    return out


def _holds(condition: object, value: object) -> bool:
    """A Matcher condition on one attribute's value (a string, or a bool for IS_SPACE)."""
    if isinstance(condition, dict):
        if "IN" in condition and value not in condition["IN"]:
            return False
        if "NOT_IN" in condition and value in condition["NOT_IN"]:
            return False
        if "REGEX" in condition and not re.search(condition["REGEX"], str(value)):  # str or compiled
            return False
        return True
    return condition == value


class CachedAttributeRuler:
    """The AttributeRuler's patterns, decided once per distinct combination of the attributes they test."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.ruler = None

    def use(self, ruler) -> None:
        """Take the patterns and normalised attributes of the model's AttributeRuler."""
        self.ruler = ruler
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.matcher = Matcher(self.vocab, validate=False)  # patterns this class does not decide itself
        self.has_matcher = False
        singles: list[tuple[int, dict]] = []
        self.multi: list[tuple[int, list[dict]]] = []  # (pattern number, its tokens' conditions)
        for i, entry in enumerate(ruler.patterns):
            alternatives = [[{k.upper(): v for k, v in token.items()} for token in p] for p in entry["patterns"]]
            if not all(_supported(p) for p in alternatives):
                self.matcher.add(str(i), entry["patterns"])
                self.has_matcher = True
                continue
            for p in alternatives:
                if len(p) == 1:
                    singles.append((i, p[0]))
                else:
                    self.multi.append((i, p))
        tested = {key for _, c in singles for key in c} | {key for _, p in self.multi for c in p for key in c}
        self.columns = sorted({_KEYS[k] for k in tested} | {LOWER})
        self.names = [[k for k in tested | {"LOWER"} if _KEYS[k] == col] for col in self.columns]
        # Index the one-token patterns, and the first tokens of the others (numbered below zero), by the
        # word, else the tag, they require; the rest are tried on every new key.
        self.by_lower: dict[str, list[tuple[int, list]]] = {}
        self.by_tag: dict[str, list[tuple[int, list]]] = {}
        self.always: list[tuple[int, list]] = []
        firsts = [(-1 - n, p[0]) for n, (_, p) in enumerate(self.multi)]
        for i, conditions in [*singles, *firsts]:
            entry = (i, _compiled(conditions))
            for name, index in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
                wanted = conditions.get(name)
                if isinstance(wanted, str) or (isinstance(wanted, dict) and set(wanted) == {"IN"}):
                    for value in [wanted] if isinstance(wanted, str) else wanted["IN"]:
                        index.setdefault(value, []).append(entry)
                    break
            else:
                self.always.append(entry)
        self.cache: dict[tuple, tuple[tuple[int, ...], dict | None, bool]] = {}

    def _values(self, key: tuple) -> dict[str, object]:
        strings = self.vocab.strings
        values: dict[str, object] = {}
        for value, names in zip(key, self.names):
            for name in names:
                values[name] = bool(value) if name == "IS_SPACE" else strings[value]
        return values

    def _decide(self, key: tuple) -> tuple[tuple[int, ...], dict | None, bool]:
        """The one-token patterns a token with this key matches, their attributes composed in order,
        and whether a pattern of several tokens may start at it."""
        values = self._values(key)
        candidates = [*self.by_lower.get(str(values["LOWER"]), ()), *self.by_tag.get(str(values.get("TAG", "")), ()),
                      *self.always]
        matched = {i for i, conditions in candidates if all(_holds(c, values[k]) for k, c in conditions)}
        hits = tuple(sorted(i for i in matched if i >= 0))
        starts = any(i < 0 for i in matched)
        composed: dict = {}
        for i in hits:
            composed.update(self.attrs[i])
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.cache[key] = decided = (hits, composed or None, starts)
        return decided

    def _multi_matches(self, keys: list[tuple], t: int) -> list[tuple[int, int, int]]:
        """(pattern number, start, end) of the patterns of several tokens matching from token t."""
        found = []
        for i, pattern in self.multi:
            if t + len(pattern) <= len(keys) and all(
                all(_holds(c, values[k]) for k, c in conditions.items())
                for conditions, values in zip(pattern, (self._values(keys[t + n]) for n in range(len(pattern))))
            ):
                found.append((i, t, t + len(pattern)))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = list(map(tuple, doc.to_array(self.columns).tolist()))
        cache = self.cache
        per_token = [cache.get(k) or self._decide(k) for k in keys]
        composed: list[dict | None] = [d[1] for d in per_token]
        matches = [m for t, d in enumerate(per_token) if d[2] for m in self._multi_matches(keys, t)]
        if self.has_matcher:
            matches += [(int(self.vocab.strings[m]), s, e) for m, s, e in self.matcher(doc, allow_missing=True)]
        if matches:  # tokens a pattern of several tokens touches: all their patterns again, in order
            extra: dict[int, list[int]] = {}
            for i, start, end in matches:
                index = self.indices[i]
                target = start + (index if index >= 0 else end - start + index)
                if start <= target < end:
                    extra.setdefault(target, []).append(i)
            for t, more in extra.items():
                again: dict = {}
                for i in sorted([*per_token[t][0], *more]):
                    again.update(self.attrs[i])
                composed[t] = again
        columns = doc.to_array(list(_WRITTEN))
        others = []
        for t, attrs in enumerate(composed):
            if attrs is None:
                continue
            for c, attr in enumerate(_WRITTEN):
                if attr in attrs:
                    columns[t, c] = attrs[attr]
            if len(attrs.keys() - _WRITTEN):
                others.append((t, attrs))
        doc.from_array(list(_WRITTEN), cast(Any, columns))
        for t, attrs in others:  # a tag or dependency set by a pattern (white space): rare
            set_token_attrs(doc[t], attrs)
        return doc


class CachedLemmatizer:
    """The rule lemmatizer's lemma per distinct (word, part of speech, morphological features)."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.lemmatizer: Any = None
        self.cache: dict[tuple[int, int, int], int] = {}

    def use(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        # The model keeps each part of speech's known lemmas as a list (58,000 nouns), which the rule
        # lemmatizer searches with `in` for every suffix rule it tries: sets answer the same.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos, words in list(index.items()):
            if isinstance(words, list):
                index[pos] = frozenset(words)

    def lemma(self, token: Any) -> str:
        """The rule lemmatizer's lemma of one token, as spaCy 3.8.8 and later choose it: of the forms its
        suffix rules make that are known lemmas of the part of speech, the last rule's. spaCy 3.8.7 and
        earlier take the first rule's ("hoping": "hope", not "hop"); the facts are fitted on the later
        choice, and the earlier releases are the ones whose parser and entity recogniser do not take
        Python's lock on every step (docs/benchmarks.md, "Cost of an article"), so it is made here."""
        lemmatizer = self.lemmatizer
        if type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:  # a language's own rules
            return lemmatizer.lemmatize(token)[0]
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space") or lemmatizer.is_base_form(token):
            return lemmatizer.lemmatize(token)[0]
        lookups = lemmatizer.lookups
        index = lookups.get_table("lemma_index", {}).get(univ_pos, {})
        exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos, {})
        rules = lookups.get_table("lemma_rules", {}).get(univ_pos, {})
        if not (index or exceptions or rules):
            return lemmatizer.lemmatize(token)[0]
        string = token.text.lower()
        known: list[str] = []  # forms that are known lemmas, the last rule's first
        other: list[str] = []  # forms with characters other than letters, in rule order
        unknown: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    known.insert(0, form)
                elif not form.isalpha():
                    other.append(form)
                else:
                    unknown.append(form)
        forms = list(dict.fromkeys(known + other))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or unknown or [token.text])[0]

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:  # not what the cache assumes
            return lemmatizer(doc)
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        cache, strings = self.cache, self.vocab.strings
        lemmas = []
        for t, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:  # not set by the attribute ruler
                lemma = cache.get((orth, pos, morph))
                if lemma is None:
                    lemma = strings.add(self.lemma(doc[t]))
                    if len(cache) > _CACHE_LIMIT:
                        cache.clear()
                    cache[(orth, pos, morph)] = lemma
            lemmas.append(lemma)
        doc.from_array([LEMMA], cast(Any, numpy.array(lemmas, dtype=numpy.uint64)))
        return doc


# The factories' parameters are not annotated: spaCy's config system (confection) builds a model of their
# types, and under ``from __future__ import annotations`` it would find the names of types, not types.
@Language.factory("newsgraph_attribute_ruler")
def _make_attribute_ruler(nlp, name):
    return CachedAttributeRuler(nlp.vocab)


@Language.factory("newsgraph_lemmatizer")
def _make_lemmatizer(nlp, name):
    return CachedLemmatizer(nlp.vocab)


def install(nlp: Language) -> None:
    """Swap the model's attribute ruler and rule lemmatizer for the cached ones (same output)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if not isinstance(ruler, CachedAttributeRuler):
            cast(CachedAttributeRuler, nlp.replace_pipe("attribute_ruler", "newsgraph_attribute_ruler")).use(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if not isinstance(lemmatizer, CachedLemmatizer) and getattr(lemmatizer, "mode", None) == "rule":
            cast(CachedLemmatizer, nlp.replace_pipe("lemmatizer", "newsgraph_lemmatizer")).use(lemmatizer)
