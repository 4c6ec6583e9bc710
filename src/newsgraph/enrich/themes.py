"""Themes: what a substantial part of an article is about (docs/themes.md), with the words that say so.

The taxonomy's terms are data (``data/themes.tsv``: theme, weight, phrases in lemma form), matched
with two spaCy PhraseMatchers over the shared parse: one on lemmas ("took to the streets" is "take
to the street"), one on lower-cased words with the usual English endings added to a phrase's last
word (a headline in title case, whose words the tagger reads as proper nouns and does not
lemmatise). A phrase marked "-" cancels the theme's hits inside it ("trade war" is no
ARMED_CONFLICT; "press release" no PRESS_FREEDOM). Hits inside page furniture (datelines, bylines,
links to other stories) do not count. The title, outside the text, is matched too and counts as
the lead.

A passing mention is not a theme (the labelling rule of docs/themes.md), so a theme needs support,
precision first:

- ``support``: the hits' weights, a term repeated counting less each time (1, 1/2, 1/3, ...), plus
  ``LEAD_BONUS`` times the weight found in the title and the lead (the first ``LEAD_CHARS``
  characters) and the support of the best paragraph (the rule's "a paragraph about it");
- at least ``MIN_TERMS`` distinct terms, and a term of weight 2 or more;
- ``support`` of at least ``MIN_SUPPORT``, and at least ``RELATIVE`` times the article's best theme's
  (a story about an election that names a court once is not about courts).

Events found by ``events`` add their sentence's trigger as a hit where the event type names a
theme (``EVENT_THEMES``: PROTEST events are PROTEST). Each theme kept carries its confidence (a
monotone function of its support, ``confidence``), its strongest hits as spans of
``Article.text`` and whether the title supports it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.enrich.layout import furniture, headline_end
from newsgraph.record import Article, ArticleTheme

REQUIRES = ("events",)
ASSIGNS = ("themes",)

# Tuned on the tuning half of bench/themes_gold/ (python -m bench.themes --tune), never the checking half.
MIN_SUPPORT = 15.0
MIN_TERMS = 2
MIN_SENTENCES = 2
MIN_DENSITY = 3.0
MAX_THEMES = 3
MIN_DECISIVE = 3
RELATIVE = 0.5
LEAD_CHARS = 300
LEAD_BONUS = 0.5
PARAGRAPH = 0.0
WEAK = 0.25
STRONG = 3.0
REPEAT = 1.0  # the n-th hit of a term counts 1/n**REPEAT of the first
MAX_EVIDENCE = 12
# Event types (PLOVER) whose events are hits of a theme, with the weight of each.
EVENT_THEMES: dict[str, tuple[str, float]] = {"PROTEST": ("PROTEST", 2.0)}

_ENDINGS = re.compile(r"^[a-z]+$")
_WORDS = re.compile(r"^[a-z]+(?: [a-z]+)*$")  # plain words, which the tokenizer would only split at spaces


@dataclass(frozen=True)
class Term:
    theme: str
    weight: float  # 0 for a phrase that cancels ("-")
    phrase: str


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """The lexicon of data/themes.tsv."""
    out: list[Term] = []
    text = resources.files("newsgraph.enrich").joinpath("data/themes.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        theme, weight, phrases = line.split("\t")
        for phrase in phrases.split(" | "):
            phrase = phrase.strip()
            if phrase:
                out.append(Term(theme, 0.0 if weight == "-" else float(weight), phrase))
    return tuple(out)


def theme_ids() -> tuple[str, ...]:
    """The themes the lexicon can assign, in the order of the data file."""
    return tuple(dict.fromkeys(t.theme for t in terms() if t.weight > 0))


def _singular(word: str) -> str:
    """A lower-case word without a plural ending ("protesters" -> "protester", "cities" -> "city")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class _Matchers:
    """The PhraseMatchers of the lexicon (lemmas; names as written), built once per vocabulary."""

    def __init__(self, vocab) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        # English's tokenizer rules on the parse's vocabulary: the patterns are cut as the texts are.
        tokenizer = self.tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        self.lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.orth = PhraseMatcher(vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, float, str]] = {}
        # Lower-case phrases by their first word, for headlines (``headline_hits``).
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, float, str]]] = defaultdict(list)
        patterns: dict[PhraseMatcher, dict[str, list]] = {m: defaultdict(list) for m in (self.lemma, self.orth)}
        for term in terms():
            key = f"{term.theme}\t{term.weight}\t{term.phrase}"
            if term.phrase != term.phrase.lower():
                # A name or an acronym ("WHO", "Ebola") matches as written, its plural and in capitals.
                for variant in {term.phrase, term.phrase + "s", term.phrase.upper()}:
                    patterns[self.orth][key].append(tokenizer(variant))
                continue
            words = term.phrase.split() if _WORDS.match(term.phrase) else [t.text for t in tokenizer(term.phrase)]
            patterns[self.lemma][key].append(Doc(vocab, words=words, lemmas=words))
            self.by_first[words[0]].append((tuple(words), term.theme, term.weight, term.phrase))
        for matcher, by_key in patterns.items():
            for key, docs in by_key.items():
                matcher.add(key, docs)
                theme, weight, phrase = key.split("\t")
                self.keys[vocab.strings[key]] = (theme, float(weight), phrase.lower())

    def hits(self, doc) -> list[tuple[str, float, str, int, int]]:
        """(theme, weight, phrase, start char, end char) of every match, once each."""
        from spacy.attrs import IDX, LENGTH

        found = {m for matcher in (self.lemma, self.orth) for m in matcher(doc)}
        if not found:
            return []
        offsets = doc.to_array([IDX, LENGTH]).tolist()
        out = []
        for key, start, end in found:
            theme, weight, phrase = self.keys[key]
            last = offsets[end - 1]
            out.append((theme, weight, phrase, offsets[start][0], last[0] + last[1]))
        return out

    def headline_hits(self, tokens) -> list[tuple[str, float, str, int, int]]:
        """The lower-case phrases in a headline, word by word without plural endings: in title case the
        tagger reads words as proper nouns, whose lemma is the word as written ("Protesters Clash")."""
        words = [t.lower_ for t in tokens]
        singular = [_singular(w) for w in words]
        out = []
        for i in range(len(words)):
            for first in {words[i], singular[i]}:
                for phrase_words, theme, weight, phrase in self.by_first.get(first, ()):
                    n = len(phrase_words)
                    if all(phrase_words[k] in (words[i + k], singular[i + k]) for k in range(1, n)) \
                            if i + n <= len(words) else False:
                        out.append((theme, weight, phrase, tokens[i].idx, tokens[i + n - 1].idx + len(tokens[i + n - 1])))
        return out


_MATCHERS: dict[int, _Matchers] = {}


def _matchers(vocab) -> _Matchers:
    found = _MATCHERS.get(id(vocab))
    if found is None:
        found = _MATCHERS[id(vocab)] = _Matchers(vocab)
    return found


@dataclass
class _Hit:
    phrase: str
    weight: float
    start: int
    end: int
    lead: bool
    sentence: int = 0
    paragraph: int = 0


def _kept(hits: list[tuple[str, float, str, int, int]], text: str) -> dict[str, list[_Hit]]:
    """Each theme's hits, without those a cancelling phrase covers, those inside page furniture,
    and shorter hits inside a longer one of the same theme."""
    cancel: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for theme, weight, _, start, end in hits:
        if weight == 0:
            cancel[theme].append((start, end))
    chrome = furniture(text)
    by_theme: dict[str, list[_Hit]] = defaultdict(list)
    for theme, weight, phrase, start, end in sorted(hits, key=lambda h: (h[3], -(h[4] - h[3]))):
        if weight == 0:
            continue
        if (theme in cancel and any(s <= start and end <= e for s, e in cancel[theme])) or \
                any(s <= start and end <= e for s, e in cancel.get("*", ())):
            continue
        if chrome and any(s < end and start < e for s, e in chrome):
            continue
        known = by_theme[theme]
        if known and known[-1].start <= start and end <= known[-1].end:
            continue  # inside a longer hit of the theme ("refugee camp" holds "refugee")
        known.append(_Hit(phrase, weight, start, end, start < LEAD_CHARS))
    return by_theme


def _value(hit: _Hit) -> float:
    """A weak term (weight 1) counts less (it supports a theme only beside stronger ones), a decisive one
    (weight 3) more: themes with many everyday words (economy, business) would otherwise outweigh those
    named by a few precise ones (racism, sanctions)."""
    return STRONG * hit.weight if hit.weight >= 3 else hit.weight if hit.weight >= 2 else WEAK * hit.weight


def _support(hits: list[_Hit], title_weight: float) -> float:
    """Repeated terms count less each time (1/n**REPEAT); the lead and the title and the best paragraph add."""
    seen: dict[str, int] = defaultdict(int)
    total = 0.0
    lead = 0.0
    paragraphs: dict[int, list[_Hit]] = defaultdict(list)
    for hit in hits:
        seen[hit.phrase] += 1
        total += _value(hit) / seen[hit.phrase] ** REPEAT
        if hit.weight >= 2:
            paragraphs[hit.paragraph].append(hit)
            if hit.lead:
                lead = max(lead, hit.weight)
    best = max((sum(h.weight for h in inside) for inside in paragraphs.values()
                if len({h.phrase for h in inside}) >= MIN_TERMS), default=0.0)
    return total + LEAD_BONUS * (lead + title_weight) + PARAGRAPH * best


def confidence(support: float) -> float:
    """A theme's confidence from its support: 0.5 at MIN_SUPPORT, nearing 1 as support grows."""
    return round(1.0 - 0.5 * math.exp(-(support - MIN_SUPPORT) / MIN_SUPPORT), 3) if support >= MIN_SUPPORT \
        else round(0.5 * support / MIN_SUPPORT, 3)


def _eligible(hits: list[_Hit], title_weight: float) -> bool:
    """Whether a theme can be kept at all: MIN_TERMS distinct terms (the title one), one of weight 2 or
    more, in MIN_SENTENCES sentences unless the title or a decisive term in the lead carries it."""
    if len({h.phrase for h in hits}) + (1 if title_weight else 0) < MIN_TERMS:
        return False
    if title_weight < 2 and max((h.weight for h in hits), default=0.0) < 2:
        return False
    lead = title_weight >= 2 or any(h.lead and h.weight >= 3 for h in hits)
    return lead or len({h.sentence for h in hits if h.weight >= 2}) >= MIN_SENTENCES


def assess(article: Article, doc) -> list[tuple[str, float, list[_Hit], float]]:
    """Every theme that could be kept: (theme, support, hits, title weight), best first."""
    return [(theme, support, hits, title) for theme, support, hits, title, eligible in candidates(article, doc)
            if eligible]


def candidates(article: Article, doc) -> list[tuple[str, float, list[_Hit], float, bool]]:
    """Every theme with a hit in the text or the title: (theme, support, hits, title weight, whether the rules
    could keep it at all, ``_eligible``), best first."""
    matchers = _matchers(doc.vocab)
    hits = matchers.hits(doc)
    end = headline_end(article.text)
    if end:
        headline = []
        for token in doc:
            if token.idx >= end:
                break
            headline.append(token)
        hits += matchers.headline_hits(headline)
    by_theme = _kept(sorted(set(hits)), article.text)  # sorted: the same hits in the same order on every run
    for event in article.events:
        mapped = EVENT_THEMES.get(event.type)
        if mapped and event.status == "asserted":
            start, end = event.trigger or (event.start, event.end)
            by_theme[mapped[0]].append(_Hit(f"event:{event.type}", mapped[1], start, end, start < LEAD_CHARS))
    title: dict[str, float] = {}
    if article.title:
        title_doc = matchers.tokenizer(article.title)
        found = [matchers.keys[key][:2] for key, _, _ in matchers.orth(title_doc)]
        found += [(theme, weight) for theme, weight, *_ in matchers.headline_hits(list(title_doc))]
        for theme, weight in found:
            if weight > 0:
                title[theme] = max(title.get(theme, 0.0), weight)
    sentences = [sent.start_char for sent in doc.sents]
    paragraphs = [p.start for p in article.paragraphs]
    out = []
    for theme in by_theme.keys() | title.keys():
        hits_of = sorted(by_theme.get(theme, []), key=lambda h: h.start)
        for hit in hits_of:
            hit.sentence = bisect_right(sentences, hit.start)
            hit.paragraph = bisect_right(paragraphs, hit.start)
        weight = title.get(theme, 0.0)
        out.append((theme, _support(hits_of, weight), hits_of, weight, _eligible(hits_of, weight)))
    return sorted(out, key=lambda x: -x[1])


def decide(assessed: list[tuple[str, float, list[_Hit], float]], tokens: int) -> list[ArticleTheme]:
    """The themes with enough support (the module's rule), best first: at least MIN_SUPPORT, at least
    MIN_DENSITY per 100 tokens of the text, at least RELATIVE times the best theme's, MAX_THEMES at most."""
    if not assessed:
        return []
    top = assessed[0][1]
    per = max(1.0, tokens / 100)
    kept: list[ArticleTheme] = []
    for theme, support, hits, title_weight in assessed:
        if support < MIN_SUPPORT or support / per < MIN_DENSITY:
            continue
        # A theme named by many decisive terms is kept beside a bigger one ("racism", "Jim Crow", "Black Lives
        # Matter" in an election story); others must come near the article's best theme.
        precise = len({h.phrase for h in hits if h.weight >= 3}) >= MIN_DECISIVE
        if not precise and (support < RELATIVE * top or len(kept) >= MAX_THEMES):
            continue
        strongest = sorted(hits, key=lambda h: (-h.weight, h.start))[:MAX_EVIDENCE]
        kept.append(ArticleTheme(theme=theme, confidence=confidence(support), support=round(support, 2),
                                 evidence=sorted([h.start, h.end] for h in strongest), headline=title_weight > 0))
    return kept




# -- the trained classifier -------------------------------------------------------------------
# Two kinds of L2 logistic regression (enrich/logistic.py's format), fitted by `python -m bench.train_themes` on
# articles we labelled (bench/themes_train/ and the tuning half of bench/themes_gold/): a word model per theme
# with enough labelled articles, over the article's content lemmas; and one chooser over every candidate theme,
# over what the rules found for it and the word model's probability on the whole article, its lead and its best
# passage (``candidate_features``, ``with_probabilities``), with the
# thresholds of ``choose``. ``data/themes_model.json`` holds both; without the file, the rules alone assign themes.

MODEL = "themes_model.json"
MAX_SENTENCE_EVIDENCE = 2
PASSAGE = 60  # content lemmas a passage (``passages``)


def model() -> dict:
    """The shipped classifier (read once per process); empty when absent."""
    from newsgraph.enrich import logistic

    return logistic.load(MODEL)


def content_lemmas(doc, text: str) -> list[str]:
    """The content lemmas (``w:`` and the lower-case lemma of an alphabetic word of 3 letters or more that is not a
    stop word) outside page furniture, in the order of the text."""
    from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH

    chrome = furniture(text)
    strings = doc.vocab.strings
    out: list[str] = []
    if not len(doc):
        return out
    for alpha, stop, length, idx, lemma in doc.to_array([IS_ALPHA, IS_STOP, LENGTH, IDX, LEMMA]).tolist():
        if not alpha or stop or length < 3:
            continue
        if chrome and any(s <= idx < e for s, e in chrome):
            continue
        out.append("w:" + strings[lemma].lower())
    return out


def word_counts(doc, text: str) -> dict[str, int]:
    """Content lemmas (``content_lemmas``) with their counts."""
    counts: dict[str, int] = defaultdict(int)
    for name in content_lemmas(doc, text):
        counts[name] += 1
    return counts


def passages(lemmas: list[str]) -> list[dict[str, int]]:
    """The article in passages of ``PASSAGE`` content lemmas, each starting half a passage after the one before;
    the first is the lead (the labelling rule's "the headline/lead" and "a paragraph about it")."""
    step = PASSAGE // 2
    out = []
    for start in range(0, max(1, len(lemmas) - step), step):
        counts: dict[str, int] = defaultdict(int)
        for name in lemmas[start:start + PASSAGE]:
            counts[name] += 1
        out.append(counts)
    return out


def passage_probabilities(lemmas: list[str], models: dict) -> tuple[dict[str, float], dict[str, float]]:
    """Each word model's probability on the article's lead and its highest on any passage (``passages``): a theme
    the whole text dilutes may fill one passage. The words alone (the models' rule features count as absent)."""
    import numpy as np

    if not models:
        return {}, {}
    names, index, matrix, bias, _ = _word_table(models)
    z = []
    for counts in passages(lemmas):
        present = [(index[n], v) for n, v in word_features(counts).items() if n in index]
        value = bias.copy()
        if present:
            rows, values = zip(*present)
            value += np.asarray(values) @ matrix[list(rows)]
        z.append(value)
    p = 1.0 / (1.0 + np.exp(-np.clip(np.vstack(z), -30.0, 30.0)))
    lead, best = p[0], p.max(axis=0)
    return ({theme: float(v) for theme, v in zip(names, lead)}, {theme: float(v) for theme, v in zip(names, best)})


def word_features(counts: dict[str, int]) -> dict[str, float]:
    """1 + log(count) per lemma, scaled to unit length (a long text is not more of everything)."""
    values = {name: 1.0 + math.log(n) for name, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {name: v / norm for name, v in values.items()}


def rule_features(support: float, title_weight: float, kept: bool) -> dict[str, float]:
    """The rules' evidence for one theme, as features of its model."""
    out = {}
    if support:
        out["r:support"] = math.log1p(support) / 4
    if title_weight:
        out["r:title"] = title_weight / 3
    if kept:
        out["r:kept"] = 1.0
    return out


_TABLES: dict[int, tuple] = {}


def _word_table(models: dict) -> tuple:
    """The word models as one table (lemma -> row of weights, a column per theme) built once per model file: an
    article's probabilities are then one small matrix product instead of a dictionary look-up per lemma and
    theme."""
    found = _TABLES.get(id(models))
    if found is None:
        import numpy as np

        names = list(models)
        lemmas = sorted({n for fitted in models.values() for n in fitted["weights"] if n.startswith("w:")})
        index = {n: i for i, n in enumerate(lemmas)}
        matrix = np.zeros((len(lemmas), len(names)))
        for j, theme in enumerate(names):
            for n, w in models[theme]["weights"].items():
                if n in index:
                    matrix[index[n], j] = w
        bias = np.array([models[theme]["bias"] for theme in names])
        found = _TABLES[id(models)] = (names, index, matrix, bias, models)  # the models kept alive with their id
    return found


def probabilities(words: dict[str, float], assessed: list[tuple[str, float, list[_Hit], float]],
                  kept: set[str], models: dict) -> dict[str, float]:
    """Each modelled theme's probability for an article (the rules' features count only in a model that
    has weights for them); the same as ``logistic.score`` of each model, computed at once."""
    import numpy as np

    if not models:
        return {}
    names, index, matrix, bias, _ = _word_table(models)
    present = [(index[n], v) for n, v in words.items() if n in index]
    z = bias.copy()
    if present:
        rows, values = zip(*present)
        z += np.asarray(values) @ matrix[list(rows)]
    by_theme = {theme: (support, title_weight) for theme, support, _, title_weight in assessed}
    for j, theme in enumerate(names):
        support, title_weight = by_theme.get(theme, (0.0, 0.0))
        weights = models[theme]["weights"]
        z[j] += sum(weights.get(n, 0.0) * v for n, v in rule_features(support, title_weight, theme in kept).items())
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return {theme: float(v) for theme, v in zip(names, p)}


def candidate_features(theme: str, support: float, hits: list[_Hit], title_weight: float, eligible: bool,
                       kept: bool, rank: int, top: float, tokens: int, sentences: int) -> dict[str, float]:
    """What the rules found for one candidate theme of an article, as features of the theme chooser (one model
    over every theme): the support, its share of the article's best, its rank, the title and the lead, distinct
    terms, the sentences and paragraphs its strong terms fill, whether the rules keep it, and the theme itself
    (``t:``; some themes' words mislead more than others)."""
    strong = [h for h in hits if h.weight >= 2]
    strong_sentences = {h.sentence for h in strong}
    paragraphs: dict[int, int] = defaultdict(int)
    for h in strong:
        paragraphs[h.paragraph] += 1
    per = max(1.0, tokens / 100)
    return {
        "c:support": math.log1p(support) / 5,
        "c:relative": support / top if top > 0 else 0.0,
        "c:density": min(support / per, 30.0) / 30,
        "c:title": title_weight / 3,
        "c:lead": max((h.weight for h in hits if h.lead), default=0.0) / 3,
        "c:terms": math.log1p(len({h.phrase for h in hits})) / 3,
        "c:strong_terms": math.log1p(len({h.phrase for h in strong})) / 3,
        "c:decisive": math.log1p(len({h.phrase for h in hits if h.weight >= 3})) / 2,
        "c:sentences": math.log1p(len(strong_sentences)) / 3,
        "c:sentence_share": len(strong_sentences) / max(1, sentences),
        "c:paragraphs": math.log1p(sum(1 for n in paragraphs.values() if n >= 2)) / 2,
        "c:eligible": float(eligible),
        "c:kept": float(kept),
        f"c:rank{min(rank, 3)}": 1.0,
        f"t:{theme}": 1.0,
    }


def candidate_rows(found: list[tuple[str, float, list[_Hit], float, bool]], kept: set[str], doc) \
        -> dict[str, dict[str, float]]:
    """The chooser's rule features (``candidate_features``) of every theme with a hit of the lexicon (``found``,
    from ``candidates``; ``kept``, the themes the rules keep)."""
    top = max((s for _, s, _, _, _ in found), default=0.0)
    sentences = sum(1 for _ in doc.sents) if len(doc) else 0
    return {theme: candidate_features(theme, support, hits, title_weight, eligible, theme in kept, rank, top,
                                      len(doc), sentences)
            for rank, (theme, support, hits, title_weight, eligible) in enumerate(found)}


def _logit(p: float) -> float:
    """Log odds, fifth part (a word model's 0.95 and 0.999 are far apart in evidence)."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p)) / 5


def with_probabilities(rows: dict[str, dict[str, float]], probs: dict[str, float],
                       by_passage: tuple[dict[str, float], dict[str, float]] | None = None) \
        -> dict[str, dict[str, float]]:
    """The candidates with the word classifier's probability of each modelled theme (absolute, as log odds and
    relative to the article's best) and, given ``by_passage`` (``passage_probabilities``), its log odds on the
    lead and on the article's passage where it is highest; a modelled theme no term named becomes a candidate of
    its words alone."""
    top = max(probs.values(), default=0.0)
    lead, best = by_passage or ({}, {})
    out = {theme: dict(features) for theme, features in rows.items()}
    for theme, p in probs.items():
        features = out.setdefault(theme, {"c:rank3": 1.0, f"t:{theme}": 1.0})
        features.update({"c:probability": p, "c:probability_relative": p / top if top > 0 else 0.0,
                         "c:logit": _logit(p), "c:modelled": 1.0})
        if theme in lead:
            features["c:lead_logit"] = _logit(lead[theme])
        if theme in best:
            features["c:passage_logit"] = _logit(best[theme])
    return out


def _sentence_evidence(doc, weights: dict[str, float]) -> list[list[int]]:
    """The sentences whose words weigh most for a theme (evidence of a theme no rule term names)."""
    scored = []
    for sent in doc.sents:
        value = sum(weights.get("w:" + t.lemma_.lower(), 0.0) for t in sent if t.is_alpha and not t.is_stop)
        if value > 0:
            scored.append((value, sent.start_char, sent.end_char))
    best = sorted(scored, reverse=True)[:MAX_SENTENCE_EVIDENCE]
    return sorted([start, end] for _, start, end in best)


def choose(scores: dict[str, float], how: dict) -> list[str]:
    """The chooser's themes of an article, best first: probability at least ``threshold`` (``second`` for every
    theme after the article's best, when given: a second subject must be surer than the first) and at least
    ``relative`` times the article's best, ``most`` at most."""
    top = max(scores.values(), default=0.0)
    second = how.get("second", how["threshold"])
    ranked = sorted(scores, key=lambda t: -scores[t])
    picked = [t for i, t in enumerate(ranked)
              if scores[t] >= (how["threshold"] if i == 0 else second) and scores[t] >= how["relative"] * top]
    return picked[:int(how["most"])]


def classify(article: Article, doc) -> list[ArticleTheme]:
    """The themes of an article, best first. Every candidate theme — a theme the lexicon found, or one the word
    classifier models — is scored by the trained chooser (``themes_model.json``), one logistic model over what the
    rules found for it and the word classifier's probability (``candidate_features``), and kept by ``choose``;
    confidence is the chooser's probability. Without the model file, the rules' themes. Evidence is the rules'
    hits of weight 2 or more where there are any, else the sentences with the theme's heaviest words (a modelled
    theme), else its weaker hits; a theme with none is not assigned."""
    found = candidates(article, doc)
    assessed = [(theme, support, hits_of, title) for theme, support, hits_of, title, ok in found if ok]
    by_rules = {t.theme: t for t in decide(assessed, len(doc))}
    trained = model()
    if "chooser" not in trained:
        return list(by_rules.values())
    models = trained["themes"]
    lemmas = content_lemmas(doc, article.text)
    counts: dict[str, int] = defaultdict(int)
    for name in lemmas:
        counts[name] += 1
    probs = probabilities(word_features(counts), assessed, set(by_rules), models)
    hits = {theme: (support, hits_of, title_weight) for theme, support, hits_of, title_weight, _ in found}
    from newsgraph.enrich import logistic

    rows = with_probabilities(candidate_rows(found, set(by_rules), doc), probs, passage_probabilities(lemmas, models))
    scores = {theme: logistic.score(trained["chooser"], features) for theme, features in rows.items()}
    out = []
    for theme in choose(scores, trained["chooser"]):
        p = scores[theme]
        if theme in by_rules:
            rule = by_rules[theme]
            out.append(ArticleTheme(theme, round(p, 3), rule.support, rule.evidence, rule.headline))
            continue
        support, hits_of, title_weight = hits.get(theme, (0.0, [], 0.0))
        strongest = sorted((h for h in hits_of if h.weight >= 2), key=lambda h: (-h.weight, h.start))[:MAX_EVIDENCE]
        evidence = sorted([h.start, h.end] for h in strongest)
        if not evidence and theme in models:
            evidence = _sentence_evidence(doc, models[theme]["weights"])
        if not evidence:
            evidence = sorted([h.start, h.end] for h in hits_of[:MAX_EVIDENCE])
        if not evidence:
            continue  # no word of the text speaks for it (an empty or foreign text: the model's prior alone)
        out.append(ArticleTheme(theme, round(p, 3), round(support, 2), evidence, title_weight > 0))
    return sorted(out, key=lambda t: -t.confidence)


def enrich(article: Article, doc) -> None:
    # The lexicon and the classifier are English: an article in another language gets no themes rather than wrong ones.
    article.themes = classify(article, doc) if (article.language or "en") == "en" else []
