"""Actors, the shown facts' reading round (stop 29): initials that count things are no body."""

from __future__ import annotations

import newsgraph


def names(text: str) -> set[str]:
    return {e.name for e in newsgraph.analyze_text(text).entities}


def test_initials_written_in_the_plural_count_things():
    found = names("Collectors bought NFTs worth millions last year. The NFT market later collapsed, and one "
                  "NFT sold for a dollar. The SEC said it would look at the trades.")
    assert "NFT" not in found
    assert "SEC" in found  # a body that says something stays


def test_initials_after_a_of_their_own_count_things():
    found = names("Most monitoring centres now run a PSIM. The PSIM collects alarms from every camera, and "
                  "operators say PSIMs save time. The FBI said its agents use one too.")
    assert "PSIM" not in found
    assert "FBI" in found


def test_the_long_form_of_counted_initials_is_no_body_either():
    found = names("Most monitoring centres now run a Physical Security Information Management (PSIM) system. The "
                  "PSIM collects alarms from every camera, and operators say PSIMs save time. The FBI said its "
                  "agents use one too.")
    assert not any("PSIM" in n or "Physical Security" in n for n in found)
    assert "FBI" in found
