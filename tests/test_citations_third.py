"""Cited sources, third round on pages in no gold set: knowledge in general is no source (invented text)."""

from __future__ import annotations

from tests.test_citations import run


def test_data_research_and_evidence_in_general_cite_nobody():
    for sentence in ("Data suggests that pupils who met a tutor twice a week gained a full year of reading.",
                     "Research shows that smaller classes help the youngest pupils most.",
                     "New research shows that the effect fades by the age of twelve.",
                     "Evidence indicates that the ferry was overloaded when it left the harbour."):
        assert run(sentence).citations == [], sentence


def test_someone_s_data_or_research_is_still_cited():
    assert [c.source for c in run("Census data show that the town grew by a third in ten years.").citations] == [
        "Census data"]
    cited = run("Research by the Marlow Institute shows that rents rose in every district.").citations
    assert [c.source for c in cited] == ["Research by the Marlow Institute"]
    # a bare plural of a countable finding stays a citation, as the guide counts it
    assert run("Studies have shown that pupils who are tutored read better.").citations
