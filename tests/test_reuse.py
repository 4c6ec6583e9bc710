"""The pure reuse functions: MinHash estimates, passage alignment, classes, source order."""

import random

import numpy as np

from newsgraph.corpus.reuse import Dated, align, band_keys, classify, earliest_two, evidence, source_and_copy
from newsgraph.corpus.reuse.clusters import components, covered_words
from newsgraph.corpus.reuse.minhash import signature, similarity
from newsgraph.corpus.reuse.shingles import shingle_hashes, words

STORY = [
    "TUNIS, March 9 (MPA) – Libya's two rival administrations agreed on Monday to exchange 240 detainees "
    "captured during last year's fighting on the southern edge of Tripoli, the United Nations said.",
    "The deal was signed late on Sunday by delegations of the Tripoli-based government and the eastern "
    "command, which controls Benghazi and most of the country's east, after three weeks of talks.",
    "Under its terms, prisoners will be handed over in three phases at a checkpoint near Abu Grein, a town "
    "on the coastal road between Misrata and the oil terminals of the Gulf of Sirte.",
    "“This is a small door, but it is a door,” the UN special envoy for Libya told reporters after the "
    "signing ceremony at a hotel in Gammarth, north of Tunis, on Sunday evening.",
    "The International Committee of the Red Cross would check the lists of names, visit detainees before "
    "their release and provide the buses used for the transfers, the envoy said.",
    "Diplomats said the agreement could open the way to talks on the reunification of the central bank, "
    "which has been split between the two camps since the fighting of last summer.",
]
OTHER = [
    "Families in Misrata gathered outside the municipal building on Wednesday, waiting for news of relatives "
    "held in the east since the fighting on the southern edge of Tripoli last year.",
    "Many said they had heard about the Tunis agreement on the radio and did not know whether their sons "
    "were on the lists the two sides exchanged through the United Nations mission.",
    "A local council member said buses had been promised for Thursday, but no one had told the families "
    "where the checkpoint would be or how long the handover might take.",
    "The Red Cross said it had visited some detainees in Benghazi, but declined to give numbers, citing the "
    "confidentiality of its work with both Libyan administrations.",
]


def _text(paragraphs):
    return "\n\n".join(paragraphs)


def _normalised(text):
    return " ".join(text.split())


def test_minhash_estimates_jaccard_similarity():
    rng = random.Random(1)
    base = [rng.randrange(10**9) for _ in range(2000)]
    a = np.array(base[:1500], np.uint64)
    b = np.array(base[500:], np.uint64)  # Jaccard 1000 / 2000 = 0.5
    assert similarity(signature(a), signature(np.concatenate([a, a]))) == 1.0  # sets: duplicates do not matter
    estimates = []
    for seed in range(40):  # the signature is small (8 minima): average over disjoint relabellings
        salt = np.uint64(seed * 7919 + 1)
        estimates.append(similarity(signature(a * salt), signature(b * salt)))
    assert abs(np.mean(estimates) - 0.5) < 0.1


def test_band_keys_are_deterministic_and_shared_by_copies():
    original = _text(STORY)
    copy = "Libya deal: prisoners to be swapped\n\nShare this article\n\n" + original + "\n\nSource: MPA"
    assert band_keys(original) == band_keys(original)
    assert len(set(band_keys(original)) & set(band_keys(copy))) >= 2
    assert not set(band_keys(original)) & set(band_keys(_text(OTHER)))
    assert band_keys("Too short to index.") == []


def test_a_texts_keys_and_words_are_the_same_asked_again_or_after_a_caller_changed_its_list():
    original = _text(STORY)
    first = band_keys(original)
    first.append((99, 99))  # a caller's own list: what it does with it reaches no later caller
    assert (99, 99) not in band_keys(original)
    assert band_keys(original) == band_keys(original, tokens=words(original)) == first[:-1]
    assert band_keys("".join(original)) == first[:-1]  # an equal text that is another string object
    long = (original + "\n\n") * 250  # longer than the texts kept: the same keys, computed each time
    assert len(long) > 200_000 and band_keys(long) == band_keys(long)
    assert len(words(long)) == 250 * len(words(original))


def test_alignment_offsets_slice_the_same_text_in_both_documents():
    original = _text(STORY)
    copy = (
        "Libya rivals strike prisoner-swap deal\n\nADVERTISEMENT\n\n"
        + _text(STORY[:3])
        + "\n\n[Editor's note: this story was updated with the envoy's comments.]\n\n"
        + _text(STORY[3:5])
    )
    found = align(copy, original)
    assert len(found.passages) == 2
    for start, end, other_start, other_end in found.passages:
        assert _normalised(copy[start:end]) == _normalised(original[other_start:other_end])
    assert found.share_a > 0.8 and 0.7 < found.share_b < 0.9
    assert "Editor's note" not in "".join(copy[s:e] for s, e, _, _ in found.passages)


def test_light_edits_and_reordered_paragraphs_stay_aligned():
    original = _text(STORY)
    edited = _text([STORY[5], STORY[0], STORY[1], STORY[2], STORY[3], STORY[4]])
    edited = (
        edited.replace("detainees", "detainess")
        .replace("administrations", "governments")
        .replace("Tunis", "Tunsian")
        .replace("the buses", "busses")
    )
    found = align(edited, original)
    assert found.share_a > 0.9 and found.share_b > 0.9
    moved = [p for p in found.passages if p[0] == 0][0]
    assert original[moved[2] : moved[3]].startswith("Diplomats said")


def test_partial_copy_inside_another_text():
    host = _text(OTHER[:2] + STORY[2:4] + OTHER[2:])
    found = align(host, _text(STORY))
    assert len(found.passages) == 1
    start, end, other_start, other_end = found.passages[0]
    assert _normalised(host[start:end]) == _normalised(_text(STORY[2:4]))
    assert 0.3 < found.share_a < 0.5


def test_same_topic_texts_are_not_matched():
    assert align(_text(OTHER), _text(STORY)).passages == []
    shared = set(band_keys(_text(OTHER))) & set(band_keys(_text(STORY)))
    assert len(shared) < 2


def test_shingles_ignore_case_and_punctuation():
    a = shingle_hashes(words("The deal, signed on Sunday; was final.").hashes)
    b = shingle_hashes(words("the deal signed on sunday was FINAL").hashes)
    assert a.tolist() == b.tolist()


def test_classes():
    assert classify(0, 500) == "original"
    assert classify(420, 500) == "full_copy"
    assert classify(150, 500) == "partial_copy"
    assert classify(30, 500) == "quoted"


def test_source_order_published_then_fetched_then_id():
    agency = Dated(7, "2026-03-09T09:14:00+00:00")
    paper = Dated(3, "2026-03-09T12:41:00+02:00")  # 10:41 UTC: later
    undated = Dated(1)
    assert source_and_copy(paper, agency) == (agency, paper)
    assert earliest_two([undated, paper, agency]) == [agency, paper]
    same_day = [Dated(5, "2026-03-09", "2026-03-09T10:00:00Z"), Dated(2, "2026-03-09", "2026-03-09T11:00:00Z")]
    first, second = earliest_two(same_day)
    assert first.id == 5 and evidence(first, second, 2)["rule"] == "fetched_at"
    assert evidence(Dated(2, "2026-03-09"), Dated(5, "2026-03-09"), 2)["rule"] == "id"


def test_components_and_covered_words():
    assert components([(1, 2), (3, 4), (2, 4), (8, 9)]) == {1: 1, 2: 1, 3: 1, 4: 1, 8: 8, 9: 8}
    tokens = words("one two three four five")
    assert covered_words(tokens.starts, [(0, 7), (4, 13), (19, 23)]) == 4


DOTTED_I = [  # "İ" (U+0130) lower-cases to two code points, "i" and a combining dot above
    "İZMİR, March 4 – Ferry services between İzmir and the island of Lesbos were suspended on Tuesday after "
    "gale-force winds swept the Aegean coast, the İzmir port authority said in a statement.",
    "The İçişleri Bakanlığı said coast guard boats had been sent to İzmir, Çeşme and Dikili, where dozens of "
    "fishing boats were sheltering in the harbours waiting for the wind to drop.",
    "Passengers stranded at the ferry terminal were offered hotel rooms in the city, and the operator İDO "
    "said it expected services to resume on Thursday morning if the forecast held.",
]


def test_words_keep_one_span_per_token_when_lower_case_is_longer():
    text = "İstanbul and İZMİR, then Diyarbakır."
    tokens = words(text)
    assert len(tokens.starts) == len(tokens) == len(tokens.ends)
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends)] == [
        "İ", "stanbul", "and", "İ", "ZMİ", "R", "then", "Diyarbakır"]  # split where "İ".lower() puts its dot
    # the tokens are those of the lower-cased text, so band keys stored before stay valid
    assert words("İstanbul").hashes.tolist() == words("i\u0307stanbul").hashes.tolist()


def test_alignment_offsets_with_dotted_capital_i_slice_the_same_text():
    original = _text(DOTTED_I)
    copy = "Storm halts İzmir ferries\n\nADVERTISEMENT\n\n" + original + "\n\nMore from İstanbul and İzmir"
    found = align(copy, original)
    [(start, end, other_start, other_end)] = found.passages
    assert copy[start:end] == original[other_start:other_end] == original
    assert found.share_b == 1.0
    flipped = align(original, copy)
    assert [(c, d, a, b) for a, b, c, d in flipped.passages] == found.passages
