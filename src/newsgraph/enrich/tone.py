"""Tone: how positive or negative the words of an article, of each sentence and around each actor are.

The figures are GDELT GKG's V1.5 TONE (docs/tone.md): the share of the words (in percent) that are
positive, the share that are negative, their difference (``tone``, -100 to +100; news mostly falls
between -10 and +10), their sum (``polarity``: how emotive the text is, however balanced), the share
of verbs (``activity``, GDELT's activity reference density) and of personal pronouns (``self_group``,
its self/group reference density), and the word count.

Words are scored with the lexicon vaderSentiment ships (7,500 words and their mean valence as rated
by people; a positive mean makes a word positive, a negative one negative), looked up by each spaCy
token's lower-case form, else its lemma, with the rules of VADER that change a word's sign: a word
within three words after a negator ("not", "never", "n't", "without", ... and "no") counts with the
opposite sign.  Function words (prepositions, determiners, conjunctions, particles, pronouns) and
words inside named entities are not scored: "like" as a preposition, "no" as a determiner, "United"
of "United Nations" and "Security" of "Security Council" carry no tone (an actor's name would
otherwise colour every sentence naming it).  VADER's own ``polarity_scores`` is not run: it
tokenises each sentence again with regular expressions, and the parse gives the words already
(bench/tone.py measures how far the two agree, and both against sentences people labelled).

A sentence's tone is that of its words; an actor's is that of the sentences mentioning it (by any
name, pronoun or description the actors component resolved), pooled as one text; the article's is
that of all its words.  Tone is measured for English text (the lexicon's language): an article whose
language is known and not English has none.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgraph.record import ActorTone, Article, Entity, SentenceTone, Tone

REQUIRES = ("entities",)
ASSIGNS = ("tone", "sentence_tones", "actor_tones")

# Words a negator reaches: VADER looks three words back.
NEGATION_WINDOW = 3
# Parts of speech whose words are scored: not the function words (prepositions, determiners,
# conjunctions, particles, pronouns, numbers), so "like" as a preposition and "no" as a determiner
# carry no tone (bench/tone.py: chosen on the tuning half of the labelled sentences).
_SCORED = frozenset({"NOUN", "VERB", "ADJ", "ADV", "INTJ", "PROPN", "AUX", "X"})
_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
# Pieces spaCy splits off a word ("Balogun's", "don't"): part of the word before, not words of their own.
_CLITICS = frozenset({"'s", "\u2019s", "'", "\u2019", "n't", "n\u2019t", "'re", "\u2019re", "'ve", "\u2019ve", "'ll",
                      "\u2019ll", "'d", "\u2019d", "'m", "\u2019m"})
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*|n't")


@functools.cache
def lexicon() -> dict[str, int]:
    """word -> +1 (positive) or -1 (negative): the sign of its mean valence in VADER's lexicon."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {word: 1 if valence > 0 else -1
            for word, valence in SentimentIntensityAnalyzer().lexicon.items() if valence}


@functools.cache
def negators() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE) | {"n't", "no", "nobody", "neither"}


@dataclass
class Counts:
    """Word counts of a text: all words, positive, negative, verbs, personal pronouns."""

    words: int = 0
    positive: int = 0
    negative: int = 0
    verbs: int = 0
    pronouns: int = 0

    def add(self, other: Counts) -> None:
        self.words += other.words
        self.positive += other.positive
        self.negative += other.negative
        self.verbs += other.verbs
        self.pronouns += other.pronouns

    def tone(self) -> Tone | None:
        if not self.words:
            return None
        pct = 100 / self.words
        positive, negative = self.positive * pct, self.negative * pct
        return Tone(tone=_r(positive - negative), positive=_r(positive), negative=_r(negative),
                    polarity=_r(positive + negative), activity=_r(self.verbs * pct),
                    self_group=_r(self.pronouns * pct), words=self.words)


def enrich(article: Article, doc) -> None:
    """Replace the article's tone, sentence tones and actor tones with those of this parse."""
    article.tone, article.sentence_tones, article.actor_tones = None, [], []
    if not measured(article):
        return
    total = Counts()
    for sent in doc.sents:
        counts = _count(sent)
        if not counts.words:
            continue
        total.add(counts)
        article.sentence_tones.append(_sentence(sent.start_char, sent.start_char + len(sent.text.rstrip()), counts))
    article.tone = total.tone()
    article.actor_tones = actor_tones(article.entities, article.sentence_tones)


def measured(article: Article) -> bool:
    """Tone is measured in English text, and in text whose language is not known."""
    return (article.language or "en").lower().split("-")[0] == "en"


def _count(tokens: Iterable) -> Counts:
    signs, negate = lexicon(), negators()
    counts = Counts()
    recent: list[str] = []  # the last words, lower case, for negation
    for token in tokens:
        if token.is_punct or token.is_space:
            continue
        lower = token.lower_
        if lower in _CLITICS:
            recent.append("n't" if lower in ("n't", "n\u2019t") else lower)
            continue
        counts.words += 1
        pos = token.pos_
        if pos == "VERB":
            counts.verbs += 1
        elif token.tag_ in _PRONOUN_TAGS:
            counts.pronouns += 1
        if pos in _SCORED and not token.ent_type:
            sign = signs.get(lower) or signs.get(token.lemma_.lower(), 0)
            if sign and any(word in negate for word in recent):
                sign = -sign
            if sign > 0:
                counts.positive += 1
            elif sign < 0:
                counts.negative += 1
        recent.append(lower)
        if len(recent) > NEGATION_WINDOW:
            del recent[0]
    return counts


def text_tone(text: str) -> float | None:
    """The tone of a plain text without a parse (words by a regular expression, every word scored,
    VADER's negation): for text stored before tone was (an old database's event reports)."""
    signs, negate = lexicon(), negators()
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    if not words:
        return None
    score = 0
    for i, word in enumerate(words):
        sign = signs.get(word, 0)
        if sign and any(w in negate for w in words[max(0, i - NEGATION_WINDOW):i]):
            sign = -sign
        score += sign
    return _r(100 * score / len(words))


def _sentence(start: int, end: int, counts: Counts) -> SentenceTone:
    tone = counts.tone()
    assert tone is not None
    return SentenceTone(start=start, end=end, tone=tone.tone, positive=tone.positive, negative=tone.negative,
                        words=tone.words)


def actor_tones(entities: Sequence[Entity], sentences: Sequence[SentenceTone]) -> list[ActorTone]:
    """Each actor's tone: that of the sentences mentioning it, pooled (weighted by their words)."""
    starts = [s.start for s in sentences]
    out = []
    for entity in entities:
        if entity.id is None:
            continue
        found: dict[int, SentenceTone] = {}
        for start, _ in entity.mentions:
            i = bisect_right(starts, start) - 1
            if i >= 0 and start < sentences[i].end:
                found[i] = sentences[i]
        if not found:
            continue
        pooled = pool(list(found.values()))
        out.append(ActorTone(actor_id=entity.id, tone=pooled.tone, positive=pooled.positive, negative=pooled.negative,
                             sentences=len(found), words=pooled.words))
    return out


def pool(tones: Sequence[SentenceTone | Tone]) -> Tone:
    """Tones of parts as the tone of their words together (each part weighted by its words)."""
    words = sum(t.words for t in tones)
    if not words:
        return Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)

    def mean(name: str) -> float:
        return _r(sum(getattr(t, name) * t.words for t in tones) / words)

    positive, negative = mean("positive"), mean("negative")
    return Tone(tone=_r(positive - negative), positive=positive, negative=negative, polarity=_r(positive + negative),
                activity=mean("activity") if all(isinstance(t, Tone) for t in tones) else 0.0,
                self_group=mean("self_group") if all(isinstance(t, Tone) for t in tones) else 0.0, words=words)


def _r(value: float) -> float:
    return round(value, 4)
