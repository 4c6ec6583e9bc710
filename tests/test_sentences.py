"""Sentences: a blank line after a line that ends no sentence (a subheading, a deck, a headline) ends one, so
such a line is never the start of the next paragraph's first sentence; after a paragraph that ends its sentence
the parser decides (every text here is invented, in the shape of real pages)."""

from __future__ import annotations

import newsgraph
from newsgraph.enrich.nlp import load_nlp, paragraph_breaks

PAGE = ("Harbour talks resume\n\n"
        "Module efficiency\n\n"
        "The ministry also wants manufacturers to raise the efficiency of their panels to 24% by 2030, officials said. "
        "It did not say how.\n"
        "Trade groups welcomed the plan.")


def test_no_sentence_runs_over_a_subheading():
    doc = load_nlp()(PAGE)
    sentences = [s.text.strip() for s in doc.sents]
    assert "Module efficiency" in sentences
    assert any(s.startswith("The ministry also wants") for s in sentences)
    assert not any("\n\n" in s.text.strip() for s in doc.sents)


def test_a_single_line_break_inside_a_paragraph_is_left_to_the_parser():
    doc = load_nlp()("The minister said the plan\nwould be published on Monday, officials said.")
    assert len(list(doc.sents)) == 1


def test_after_a_paragraph_that_ends_its_sentence_the_parser_decides():
    text = ("Ferry strike enters second week\n\n"
            "\u201cWe will not sail,\u201d the union said. \u201cNot this week.\u201d\n\n"
            "Talks were suspended on Monday.\n\n"
            "Why now?\n\n"
            "Port closures\n\n"
            "Police arrested two protesters.")
    doc = paragraph_breaks(load_nlp().make_doc(text))
    starts = [tok.text for tok in doc[1:] if tok.is_sent_start]
    assert starts == ["\u201c", "Police"]  # after the headline and the subheading; not after ”, . or ?


def test_an_events_sentence_starts_after_the_subheading_above_it():
    text = ("Ferry strike enters second week\n\nPort closures\n\nTalks between the union and the ferry company were "
            "suspended on Monday.\n\nTravel advice\n\nPolice arrested two protesters outside the terminal.")
    article = newsgraph.analyze_text(text, published="2024-03-14")
    arrests = [e for e in article.events if e.type == "COERCE"]
    assert arrests and text[arrests[0].start:arrests[0].end] == "Police arrested two protesters outside the terminal."
