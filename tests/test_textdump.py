"""The text-dump segmenter: what a user sees from a page dump (title, body, byline, teasers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extraction.textdump import SegmentedDump, segment_text_dump

FIXTURES = Path(__file__).parent / "fixtures" / "textdumps"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "blog-page-dump.txt"


def segment(name: str) -> SegmentedDump:
    return segment_text_dump((FIXTURES / name).read_text(encoding="utf-8"))


def body_text(dump: SegmentedDump) -> str:
    return "\n".join(dump.paragraphs)


def test_blogger_post_keeps_article_and_sets_teasers_apart():
    dump = segment("blogger_post.txt")
    assert dump.title == "Harbour town votes to rebuild its flooded sea wall"
    assert dump.paragraphs[0].startswith("Residents of the small harbour town of Kelmouth")
    assert dump.paragraphs[-1].endswith("publish the full cost by the end of the month.")
    assert len(dump.paragraphs) == 5
    body = body_text(dump)
    for chrome in ("Skip to main content", "Comments", "Popular posts", "Night Ferry", "robot"):
        assert chrome not in body
    assert dump.title not in dump.paragraphs
    assert [post.title for post in dump.related] == [
        "Why Small Ports Are Betting on Offshore Wind",
        "The Quiet Return of the Night Ferry",
        "LOCAL SCHOOL WINS NATIONAL ROBOTICS PRIZE",
    ]
    assert dump.related[1].snippet.startswith("Sleeper ferries were written off")


def test_news_site_drops_menu_share_buttons_byline_and_footer():
    dump = segment("news_site.txt")
    assert dump.title == "Glacier retreat in the Andes doubles in a decade, survey finds"
    assert dump.author == "Maria Okafor"
    assert dump.published == "2024-03-03"
    assert dump.paragraphs[0].startswith("Glaciers in the southern Andes lost ice twice as fast")
    assert dump.paragraphs[-1].startswith("The team plans to return to the glaciers next year")
    body = body_text(dump)
    for chrome in ("Middle East", "Subscribe", "Share", "Tweet", "By Maria Okafor", "March 3, 2024",
                   "Advertisement", "Related stories", "Privacy Policy", "All rights reserved"):
        assert chrome not in body
    assert [post.title for post in dump.related] == [
        "Ice shelf crack widens in Antarctic summer",
        "Why mountain towns are running out of water",
        "The farmers who plant trees to save a river",
    ]


def test_cookie_banner_and_related_stories_are_not_body():
    dump = segment("cookie_related.txt")
    assert dump.title == "City library to open on Sundays from next month"
    assert dump.paragraphs[0].startswith("Northfield's central library will open on Sundays")
    assert dump.paragraphs[-1].startswith("Librarians' representatives said they welcomed")
    body = body_text(dump)
    assert "cookie" not in body.lower()
    assert "Bus routes" not in body and "cycle lanes" not in body
    assert len(dump.related) == 2
    assert dump.related[0].title == "Bus routes to change after bridge closure"
    assert dump.related[0].snippet.startswith("The number 12 and 14 buses")


def test_page_of_menus_only_has_no_article():
    dump = segment("menus_only.txt")
    assert dump.paragraphs == []
    assert dump.title is None


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n\t", "x", "\x00\x01\ufffd" * 50, "word " * 50_000, "A sentence that goes on. " * 40_000,
     "\n" * 10_000, "By\n", "Comments\nPopular posts from this blog\n"],
)
def test_never_raises_on_odd_input(text):
    dump = segment_text_dump(text)
    assert isinstance(dump, SegmentedDump)
    assert all(p == p.strip() and p for p in dump.paragraphs)


def test_one_megabyte_dump_still_gives_one_article():
    """A page repeated to 1 MB (a crawler's concatenated dump): one body, taken from one copy."""
    page = (FIXTURES / "news_site.txt").read_text(encoding="utf-8")
    big = segment_text_dump(page * (1_000_000 // len(page) + 1))
    assert big.paragraphs and set(big.paragraphs) <= set(segment_text_dump(page).paragraphs)


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed dump not found at {SEED} (needs the shared/ checkout)")
def test_seed_blog_page():
    dump = segment_text_dump(SEED.read_text(encoding="utf-8"))
    assert dump.title == "ISIS releases footage of its 'police' patrolling Libya streets"
    assert dump.paragraphs[0].startswith("Islamic State (IS, formerly ISIS/ISIL) has released footage")
    assert dump.paragraphs[-1].endswith("Obama said a few days ago.")
    body = body_text(dump)
    assert "Skip to main content" not in body
    assert "Comments" not in body and "Popular posts from this blog" not in body
    titles = [post.title for post in dump.related]
    assert len(titles) == 3
    assert titles[0] == "Why States Still Use Barrel Bombs"
    assert titles[1] == "Russia Looks East for New Oil Markets"
    assert titles[2].startswith("LONDON POLICE INDIRECTLY ENCOURAGE")
    assert all(post.snippet for post in dump.related)


def test_sentence_starting_with_by_stays_in_body():
    page = (FIXTURES / "news_site.txt").read_text(encoding="utf-8")
    page = page.replace("\nAdvertisement\n", "\nBy Friday the first results were online.\n")
    dump = segment_text_dump(page)
    assert "By Friday the first results were online." in dump.paragraphs
    assert dump.author == "Maria Okafor"
