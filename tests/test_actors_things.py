"""Actors, things named like organisations (stop 29): software, languages, standards and products are no actors,
nor initials a page counts ("NFTs", "a PSIM"); the firms that make them stay where they act (every text here is
invented, in the shape of the pages read)."""

from __future__ import annotations

import newsgraph


def names(text: str) -> set[str]:
    return {e.name for e in newsgraph.analyze_text(text).entities}


def test_initials_that_only_qualify_a_kind_of_thing_are_no_body():
    found = names("Most outages blamed on the network start elsewhere. A slow QRN lookup can stall a whole site, and "
                  "QRN records are cached for hours. Engineers at Telvora said the fault was in their own load "
                  "balancer.")
    assert "QRN" not in found
    assert "Telvora" in found  # a firm whose engineers speak stays


def test_a_tool_used_and_its_output_are_no_body():
    found = names("Jo Park built the tool with an LXM agent. The LXM prompt was short, and LXM output needed checks. "
                  "Park said the code is written in Python.")
    assert "LXM" not in found
    assert "Jo Park" in found


def test_what_a_program_is_built_on_is_no_body():
    found = names("The new ledger is written in Kestrel and built on Halyard, a scheduler. Ben Cole, who leads the "
                  "project, said the team chose Kestrel for its speed.")
    assert "Halyard" not in found
    assert "Ben Cole" in found


def test_a_firm_that_acts_stays_though_its_name_qualifies_its_products():
    found = names("Nordvik Software said on Tuesday it would buy a rival for $2 billion. The Nordvik app has 40 "
                  "million users, and Nordvik engineers will run the merged team.")
    assert "Nordvik Software" in found
    found = names("Larkspur decided last year to drop its old typeface. Larkspur designers drew the new Larkspur "
                  "typeface over two years, and the Larkspur apps now use it, Ana Ruiz said.")
    assert "Larkspur" in found


def test_a_long_form_ending_in_a_kind_of_thing_is_no_body():
    found = names("Many projects have moved to the Shared Parts Licence (SPL). Under the SPL, files may be printed at "
                  "home. Dana Wexler said the Shared Parts Licence was written for makers.")
    assert not any("Licence" in n for n in found)
    assert "Dana Wexler" in found
    found = names("We tested the Qorvo CLI and the Lumen CLI on the same repository. The Qorvo CLI finished first, "
                  "Sam Ortiz wrote.")
    assert not any(n.endswith("CLI") for n in found)


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
