"""The events table's rows (web/event_rows.py) and the filter form's remembered choices: every value of an
event is escaped, and a chosen type or theme stays chosen."""

from __future__ import annotations

from newsgraph.web.event_rows import event_rows
from newsgraph.web.pages import select_options, templates

HOSTILE = '<img src=x onerror="alert(1)">'


def _event(**change) -> dict:
    event = {"id": 7, "modality": "hypothetical", "date": "2026-03-09", "date_from_report": False, "type": "ASSAULT",
             "mode": "beat", "actor1_id": 3, "actor1_name": "Islamic State", "actor1_text": "fighters", "actor2_id": None,
             "actor2_name": None, "actor2_text": "the guards", "place_id": 9, "place_name": "Tripoli",
             "place_area": "point", "place_country": "LY", "reports": 3, "articles": 2, "sources": 1,
             "confidence": 0.9, "sentence": "Fighters attacked Tripoli on Monday."}
    return {**event, **change}


def test_every_value_of_an_event_is_escaped():
    hostile = _event(date=HOSTILE, type=HOSTILE, mode=HOSTILE, modality=HOSTILE, actor1_name=HOSTILE, actor2_text=HOSTILE,
                     place_name=HOSTILE, sentence=HOSTILE)
    for base in (None, "", f"q={HOSTILE}"):
        html = str(event_rows(templates.env, [hostile], base))
        assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    unknown = str(event_rows(templates.env, [_event(actor1_id=None, actor1_text=HOSTILE)]))
    assert "“&lt;img" in unknown and "<img" not in unknown


def test_values_are_escaped_as_markupsafe_escapes_them():
    """Quotes and ampersands too (an attribute's value or a name like O'Brien & Sons), the same text as escape()."""
    from markupsafe import escape

    name = "O'Brien & Sons \"<b>\""
    html = str(event_rows(templates.env, [_event(actor1_name=name, place_name=name, sentence=name, mode=name)], ""))
    assert html.count(str(escape(name))) == 5 and "O'Brien" not in html and "<b>" not in html  # two for the actor


def test_rows_link_names_to_the_table_or_to_their_pages():
    narrowed = str(event_rows(templates.env, [_event()], "country=LY"))
    assert 'href="/events?country=LY&amp;actor=3&amp;actor_role=source"' in narrowed
    assert 'href="/events?country=LY&amp;place=9"' in narrowed and 'href="/actors/3"' in narrowed
    linked = str(event_rows(templates.env, [_event()]))
    assert 'href="/places/9"' in linked and "actor_role" not in linked
    assert "3 reports in 2 articles" in linked and "1 source<" in linked and "(2 articles)" in linked
    assert "0.90" in linked and "status-hypothetical" in linked and "“the guards”" in linked
    assert "No events for these filters" in str(event_rows(templates.env, []))


def test_long_sentences_are_cut_at_a_word():
    html = str(event_rows(templates.env, [_event(sentence="word " * 100)]))
    shown = html.split('colspan="8">', 1)[1].split("</td>", 1)[0]
    assert shown.endswith("word...") and len(shown) <= 260


def test_a_chosen_type_or_theme_stays_chosen():
    assert 'value="PROTEST" selected>protest<' in select_options("event_type", "PROTEST")
    assert " selected" not in select_options("event_type", "protest")  # the form adds it as typed
    themes = str(select_options("theme", "ARMED_CONFLICT"))
    assert themes.count(" selected") == 1 and 'value="ARMED_CONFLICT" selected>armed conflict<' in themes
    assert " selected" not in select_options("theme", None) and themes.count("<option") > 10


def test_a_pages_links_carry_its_filters_as_urlencode_writes_them():
    """The links of a page (pager, sorting, chips) keep its filters: plain values as they are, others quoted."""
    from urllib.parse import urlencode

    from newsgraph.store.read import Filters
    from newsgraph.web.pages import _query

    f = Filters(q='"cease fire" & talks/é', country="LY", event_type="protest", min_confidence=0.5, actor=3,
                date_from="2026-03-01")
    assert _query(f, offset=50, sort="date", actor=None) == urlencode(
        {**{k: v for k, v in f.active().items() if k != "actor"}, "offset": 50, "sort": "date"})
    assert _query(Filters()) == ""
