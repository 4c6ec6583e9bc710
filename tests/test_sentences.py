"""Sentences: a blank line ends one, so a subheading, a deck or a headline is never the start of the next
paragraph's first sentence (every text here is invented, in the shape of real pages)."""

from __future__ import annotations

import newsgraph
from newsgraph.enrich.nlp import load_nlp

PAGE = ("Harbour talks resume\n\n"
        "Module efficiency\n\n"
        "The ministry also wants manufacturers to raise the efficiency of their panels to 24% by 2030, officials said. "
        "It did not say how.\n"
        "Trade groups welcomed the plan.")


def test_no_sentence_runs_over_a_blank_line():
    doc = load_nlp()(PAGE)
    sentences = [s.text.strip() for s in doc.sents]
    assert "Module efficiency" in sentences
    assert any(s.startswith("The ministry also wants") for s in sentences)
    assert not any("\n\n" in s for s in sentences)


def test_a_single_line_break_inside_a_paragraph_is_left_to_the_parser():
    doc = load_nlp()("The minister said the plan\nwould be published on Monday, officials said.")
    assert len(list(doc.sents)) == 1


def test_an_events_sentence_starts_after_the_subheading_above_it():
    text = ("Ferry strike enters second week\n\nPort closures\n\nTalks between the union and the ferry company were "
            "suspended on Monday.\n\nTravel advice\n\nPolice arrested two protesters outside the terminal.")
    article = newsgraph.analyze_text(text, published="2024-03-14")
    arrests = [e for e in article.events if e.type == "COERCE"]
    assert arrests and text[arrests[0].start:arrests[0].end] == "Police arrested two protesters outside the terminal."
