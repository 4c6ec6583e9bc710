"""Quotes read on pages in no gold set: a document noun's owner is the body that reported just before it
(every text here is invented)."""

from __future__ import annotations

import newsgraph


def test_the_report_that_states_is_the_body_s_that_reported_just_before():
    text = ("As part of its yearly hiking trends report, Trailmark shared that night hikes doubled in 2024. The "
            "Trailmark trends report showed that desert trails were the most booked.\n\nThe American Council on "
            "Walking reported that guided walks are the top trend going into 2025, though the council has ranked "
            "them first before.\n\n“These walks give people a safe way to start,” the trends report stated. "
            "“Guides can support new hikers with routes and advice.”\n")
    article = newsgraph.analyze_text(text, published="2024-03-14")
    walks = [q for q in article.quotes if q.text.startswith("These walks")]
    assert walks and all(q.speaker == "American Council on Walking" for q in walks)
    # where no body reported just before, the report stays the one the page named with its owner
    trailmark = text.replace("The American Council on Walking reported that", "Some say that")
    walks = [q for q in newsgraph.analyze_text(trailmark, published="2024-03-14").quotes
             if q.text.startswith("These walks")]
    assert walks and all(q.speaker == "Trailmark" for q in walks)
