"""Accuracy, speed and memory of the reuse (provenance) stage on generated reuse corpora.

    python -m bench.reuse [--docs 12000] [--speed-docs 50000] [--slice 10000] [--seed 1]

Accuracy (--docs documents, at least 10,000): originals are written by a word-bigram model
trained on the texts of our own sample pages (newsgraph.samples, extracted with newsgraph's
extraction), so they read like news and share its stock phrases, but no two of them share a
sentence.  Each belongs to a topic whose names and phrases ("Government of National
Reconciliation", "240 detainees") recur in every article of the topic.  Derived documents:

- full: a new headline, standfirst and chrome lines ("ADVERTISEMENT", "Share this article",
  "Source: ...") around the original's paragraphs, sometimes the last ones trimmed;
- partial: two to four of the original's paragraphs inside a new article of the same topic;
- light: the original with typos, changed words, swapped sentences and an inserted sentence;
- quoted: one sentence of 20+ words of the original inside a new article;
- same-topic: new originals on the topic of another (must match nothing).

Every document goes through `Store.add_batch` (so through the stage exactly as `newsgraph
ingest` runs it); the time spent in the stage itself (`newsgraph.store.reuse.link_copies`) is
measured apart.  Pair-level precision (a found pair is right when both texts descend from the
same original), recall per kind (the derived document paired with its original), same-topic
false matches, overlap of the found passages with the true copied spans (character IoU on each
side) and class accuracy.

Speed (--speed-docs documents, 0 to skip): cheaper synthetic texts (Zipf-distributed words, 20% of
them copies), documents/s of the stage for each --slice as the database grows (near-linear cost
means a flat documents/s), peak memory of the process (ru_maxrss) and the database size.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsgraph.record import Article
from newsgraph.store import Store, StoredPage
from newsgraph.store import reuse as store_reuse

KINDS = ("full", "partial", "light", "quoted")
EXPECTED_CLASS = {"full": "full_copy", "partial": "partial_copy", "light": "full_copy", "quoted": "quoted"}
CHROME = ["ADVERTISEMENT", "Share this article", "Read more:", "Subscribe to our newsletter", "Advertisement"]
STOCK = [
    "said in a statement on", "according to a joint statement released by the", "told reporters after the meeting",
    "the ministry said in a statement", "officials said on condition of anonymity", "it was not immediately clear",
    "did not respond to a request for comment", "the United Nations said", "local media reported",
]


# -- a news-like text generator trained on our sample pages ---------------------------------


def sample_texts() -> list[str]:
    """Bodies of the English sample pages, extracted as newsgraph extracts them."""
    from newsgraph.extraction import extract_page
    from newsgraph.ingest import IngestOptions, read_sources
    from newsgraph.ingest.page import Failure
    from newsgraph.samples import sample_paths

    texts = []
    for page in read_sources([str(p) for p in sample_paths()], IngestOptions()):
        if isinstance(page, Failure):
            continue
        try:
            article = extract_page(page)
        except Exception:
            continue
        if article.language == "en":
            texts.append(article.text)
    return texts


class Writer:
    """Sentences from a word-bigram model, a third of the words drawn from the unigram distribution instead."""

    def __init__(self, texts: list[str], rng: random.Random):
        self.rng = rng
        tokens = [w for t in texts for w in t.replace("\n", " ").split()]
        self.vocab = sorted(set(tokens))
        index = {w: i for i, w in enumerate(self.vocab)}
        self.unigram = [index[w] for w in tokens]
        self.follow: dict[int, list[int]] = defaultdict(list)
        for a, b in zip(tokens, tokens[1:]):
            self.follow[index[a]].append(index[b])
        self.capitalised = [w for w in self.vocab if w[:1].isupper() and w.isalpha() and len(w) > 3]

    def sentence(self, topic: list[str]) -> str:
        rng = self.rng
        n = rng.randint(14, 30)
        word = rng.choice(self.unigram)
        out = []
        while len(out) < n:
            if rng.random() < 0.08:
                out.extend(rng.choice(topic).split())
            elif rng.random() < 0.04:
                out.extend(rng.choice(STOCK).split())
            out.append(self.vocab[word])
            nexts = self.follow.get(word)
            word = rng.choice(nexts) if nexts and rng.random() < 0.67 else rng.choice(self.unigram)
        text = " ".join(out).rstrip(".,;:")
        return text[0].upper() + text[1:] + "."

    def paragraph(self, topic: list[str]) -> str:
        return " ".join(self.sentence(topic) for _ in range(self.rng.randint(2, 4)))

    def topic(self) -> list[str]:
        """Names and phrases every article of a topic repeats."""
        rng = self.rng
        names = [" ".join(rng.sample(self.capitalised, rng.randint(2, 4))) for _ in range(4)]
        numbers = [f"{rng.randint(2, 900)} {rng.choice(['detainees', 'families', 'soldiers', 'workers'])}"]
        return names + numbers


# -- corpus with ground truth --------------------------------------------------------------


@dataclass
class Doc:
    text: str
    kind: str  # original, same_topic, full, partial, light, quoted
    root: int  # index of the original it descends from (itself for originals)
    topic: int
    published: str
    copied: list[tuple[int, int, int, int]] = field(default_factory=list)  # true spans: doc start/end, source start/end


class Builder:
    """A document assembled piece by piece, remembering where each copied piece came from."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.copied: list[tuple[int, int, int, int]] = []

    def add(self, text: str, source_span: tuple[int, int] | None = None) -> None:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        if source_span is not None:
            self.copied.append((self.length, self.length + len(text), *source_span))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for para in text.split("\n\n"):
        spans.append((start, start + len(para)))
        start += len(para) + 2
    return spans


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return rng.choice([word[:i] + word[i + 1 :], word[:i] + word[i + 1] + word[i] + word[i + 2 :], word[:i] + word[i] + word[i:]])


def accuracy_corpus(n_docs: int, rng: random.Random) -> list[Doc]:
    writer = Writer(sample_texts(), rng)
    n_topics = max(10, n_docs // 40)
    topics = [writer.topic() for _ in range(n_topics)]
    docs: list[Doc] = []
    originals: list[int] = []

    def date(day: int) -> str:
        return f"2026-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"

    while len(docs) < n_docs:
        kind = rng.choices(["original", "same_topic", *KINDS], weights=[30, 15, 15, 15, 15, 10])[0]
        if kind in ("original", "same_topic") or not originals:
            t = rng.randrange(n_topics) if kind == "original" or not originals else docs[rng.choice(originals)].topic
            text = "\n\n".join(writer.paragraph(topics[t]) for _ in range(rng.randint(6, 12)))
            docs.append(Doc(text, "original" if kind == "original" else "same_topic", len(docs), t, date(rng.randint(0, 200))))
            originals.append(len(docs) - 1)
            continue
        src_index = rng.choice(originals)
        src = docs[src_index]
        paras = _paragraph_spans(src.text)
        topic = topics[src.topic]
        b = Builder()
        if kind == "full":
            b.add(writer.sentence(topic))  # new standfirst
            keep = len(paras) - rng.randint(0, min(3, len(paras) // 3))
            for s, e in paras[:keep]:
                b.add(src.text[s:e], (s, e))
                if rng.random() < 0.15:
                    b.add(rng.choice(CHROME))
            b.add(f"Source: {rng.choice(writer.capitalised)} Agency")
        elif kind == "partial":
            own = [writer.paragraph(topic) for _ in range(rng.randint(4, 8))]
            k = rng.randint(2, min(4, len(paras)))
            first = rng.randrange(len(paras) - k + 1)
            taken = paras[first : first + k] if rng.random() < 0.5 else sorted(rng.sample(paras, k))
            at = rng.randrange(len(own) + 1)
            for p in own[:at]:
                b.add(p)
            for s, e in taken:
                b.add(src.text[s:e], (s, e))
            for p in own[at:]:
                b.add(p)
        elif kind == "light":
            order = list(range(len(paras)))
            if rng.random() < 0.5:  # move one paragraph
                order.insert(rng.randrange(len(order)), order.pop(rng.randrange(len(order))))
            for i in order:
                s, e = paras[i]
                sentences = src.text[s:e].split(". ")
                if len(sentences) > 1 and rng.random() < 0.3:
                    j = rng.randrange(len(sentences) - 1)
                    sentences[j], sentences[j + 1] = sentences[j + 1].rstrip("."), sentences[j] + "."
                words = ". ".join(sentences).split(" ")
                for _ in range(max(1, len(words) // 40)):
                    w = rng.randrange(len(words))
                    words[w] = _typo(words[w], rng) if rng.random() < 0.7 else rng.choice(writer.vocab)
                edited = " ".join(words)
                if rng.random() < 0.15:
                    edited += " " + writer.sentence(topic)
                b.add(edited, (s, e))
        else:  # quoted: one long sentence of the original inside a new text
            sentences = [(s, e) for s, e in _sentence_spans(src.text) if len(src.text[s:e].split()) >= 20]
            if not sentences:
                continue
            s, e = rng.choice(sentences)
            own = [writer.paragraph(topic) for _ in range(rng.randint(4, 8))]
            at = rng.randrange(1, len(own) + 1)
            for p in own[:at]:
                b.add(p)
            b.add(f"As {rng.choice(writer.capitalised)} put it: {src.text[s:e]}", None)
            lead = len(b.text()) - (e - s)
            b.copied.append((lead, lead + (e - s), s, e))
            for p in own[at:]:
                b.add(p)
        later = src.published[:8] + f"{min(28, int(src.published[8:10]) + rng.randint(0, 2)):02d}" + src.published[10:]
        docs.append(Doc(b.text(), kind, src_index, src.topic, later if later > src.published else src.published[:-1] + "Z", b.copied))
    return docs


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] in " \n"):
            spans.append((start, i + 1))
            start = i + 2
    return spans


# -- running the stage ---------------------------------------------------------------------


class StageClock:
    """Wraps the store's reuse stage to time it apart from the rest of storing."""

    def __init__(self):
        self.seconds = 0.0
        self._inner = store_reuse.link_copies

    def __enter__(self) -> StageClock:
        def timed(conn, articles):
            start = time.perf_counter()
            self._inner(conn, articles)
            self.seconds += time.perf_counter() - start

        store_reuse.link_copies = timed
        return self

    def __exit__(self, *exc) -> None:
        store_reuse.link_copies = self._inner


def store_docs(store: Store, texts_and_dates, offset: int = 0, batch_size: int = 500) -> None:
    """Store (text, published) documents through Store.add_batch, as ingest does."""
    batch = []
    for n, (text, published) in enumerate(texts_and_dates, offset):
        url = f"https://site{n % 97}.example/{n}"
        article = Article(text=text, paragraphs=Article.paragraph_spans(text), url=url, published=published,
                          extraction_method="bench")
        article.content_hash = f"bench-{n}"
        batch.append(StoredPage(article, url, page_hash=url, url=url))
        if len(batch) == batch_size:
            store.add_batch(batch)
            batch = []
    if batch:
        store.add_batch(batch)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [tuple(x) for x in out]


def _iou(found: list[tuple[int, int]], truth: list[tuple[int, int]]) -> float:
    found, truth = _union(found), _union(truth)
    inter = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in found for s2, e2 in truth)
    total = sum(e - s for s, e in found) + sum(e - s for s, e in truth) - inter
    return inter / total if total else 1.0


def run_accuracy(n_docs: int, seed: int) -> None:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    docs = accuracy_corpus(n_docs, rng)
    print(f"accuracy corpus: {len(docs)} documents ({dict(Counter(d.kind for d in docs))}), "
          f"generated in {time.perf_counter() - t0:.1f}s")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "reuse.db") as store, StageClock() as clock:
        t0 = time.perf_counter()
        store_docs(store, ((d.text, d.published) for d in docs))
        total = time.perf_counter() - t0
        pairs = {(c - 1, s - 1): passages for c, s, passages in store_reuse.iter_copies(store.conn)}
        classes = {k - 1: v for k, v in store_reuse.classes(store.conn).items()}
    print(f"stored in {total:.1f}s; reuse stage {clock.seconds:.1f}s = {len(docs) / clock.seconds:,.0f} documents/s")

    right = wrong = same_topic = 0
    for a, b in pairs:
        if docs[a].root == docs[b].root:
            right += 1
        else:
            wrong += 1
            same_topic += docs[a].topic == docs[b].topic
    print(f"pairs found: {len(pairs)}  precision {right / max(1, len(pairs)):.4f}  "
          f"wrong pairs {wrong} (same-topic unrelated: {same_topic})")
    for kind in KINDS:
        members = [i for i, d in enumerate(docs) if d.kind == kind]
        found = [i for i in members if (i, docs[i].root) in pairs]
        ious_copy, ious_source = [], []
        for i in found:
            passages = pairs[(i, docs[i].root)]
            ious_copy.append(_iou([(p[0], p[1]) for p in passages], [(c[0], c[1]) for c in docs[i].copied]))
            ious_source.append(_iou([(p[2], p[3]) for p in passages], [(c[2], c[3]) for c in docs[i].copied]))
        right_class = sum(classes.get(i) == EXPECTED_CLASS[kind] for i in members)
        print(f"  {kind:8} n={len(members):5}  recall {len(found) / max(1, len(members)):.4f}  "
              f"passage overlap (IoU) copy {statistics.fmean(ious_copy or [0]):.3f} "
              f"source {statistics.fmean(ious_source or [0]):.3f}  "
              f"class {EXPECTED_CLASS[kind]} {right_class / max(1, len(members)):.4f}")
    unrelated = [i for i, d in enumerate(docs) if d.kind in ("original", "same_topic")]
    print(f"  originals n={len(unrelated)}: class original {sum(classes.get(i) == 'original' for i in unrelated) / len(unrelated):.4f}")


# -- speed and growth ----------------------------------------------------------------------


def speed_texts(n_docs: int, seed: int):
    """Zipf-distributed words; 20% of the documents copy (fully or in part) a recent one."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(50_000)])
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    cumulative = np.cumsum(weights / weights.sum())
    recent: list[str] = []
    for n in range(n_docs):
        if recent and rng.random() < 0.2:
            source = recent[rng.integers(len(recent))]
            paras = source.split("\n\n")
            if rng.random() < 0.5:
                text = "New headline here\n\n" + source
            else:
                own = np.searchsorted(cumulative, rng.random(200))
                text = " ".join(vocab[own]) + "\n\n" + "\n\n".join(paras[:3])
        else:
            idx = np.searchsorted(cumulative, rng.random(int(rng.integers(250, 600))))
            words = vocab[idx]
            text = "\n\n".join(" ".join(words[i : i + 60]) for i in range(0, len(words), 60))
            recent.append(text)
            if len(recent) > 2000:
                recent.pop(0)
        yield text, f"2026-01-01T00:00:{n % 60:02d}Z"


def run_speed(n_docs: int, slice_size: int, seed: int) -> None:
    print(f"speed: {n_docs:,} synthetic documents, figures per slice of {slice_size:,}")
    texts = speed_texts(n_docs, seed)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "speed.db") as store:
        done = 0
        while done < n_docs:
            size = min(slice_size, n_docs - done)
            with StageClock() as clock:
                t0 = time.perf_counter()
                chunk = [next(texts) for _ in range(size)]
                t1 = time.perf_counter()
                store_docs(store, chunk, done)
                t2 = time.perf_counter()
            done += size
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  docs {done - size:>9,}-{done:<9,} reuse stage {size / clock.seconds:7,.0f} docs/s "
                  f"({clock.seconds * 1e6 / size:6.0f} us/doc)  storing all {size / (t2 - t1):6,.0f} docs/s  "
                  f"generation {t1 - t0:5.1f}s  peak RSS {rss:,.0f} MB")
            sys.stdout.flush()
        size_mb = (Path(tmp) / "speed.db").stat().st_size / 2**20
        print(f"  database {size_mb:,.0f} MB for {done:,} documents")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=12_000, help="documents in the accuracy corpus (0: skip)")
    parser.add_argument("--speed-docs", type=int, default=50_000, help="documents in the speed run (0: skip)")
    parser.add_argument("--slice", type=int, default=10_000, help="documents per speed figure")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.docs:
        run_accuracy(args.docs, args.seed)
    if args.speed_docs:
        run_speed(args.speed_docs, args.slice, args.seed)


if __name__ == "__main__":
    main()
