"""Quotes, the shown facts' reading round (stop 29): "he" or "she" never a speaker of the other sex."""

from __future__ import annotations

import newsgraph


def speakers(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in newsgraph.analyze_text(text).quotes}


def test_she_is_not_the_man_who_was_the_last_subject():
    text = ('Marta Lind, a philosopher in Oslo, studies slime molds. Tissues can learn, says biologist Mark '
            'Holt of Tufts. "Cells are clever," Holt says. '
            '"It is a slow change," he says. For Oslo\'s Lind, kinship is the real promise of the field. '
            '"We think we are the crown of creation," she says. "But we share a lot with grass."')
    found = speakers(text)
    assert found["It is a slow change"] == "Mark Holt"
    assert found["We think we are the crown of creation"] == "Marta Lind"
    assert found["But we share a lot with grass."] == "Marta Lind"


def test_he_after_according_to_is_not_the_woman_quoted_before():
    text = ('Meet the experts: Paul Brandt is a dietitian in Ohio. Nora Keller is the author of a diet book. '
            '"Protein is a priority," says Paul Brandt. "People want quality now," he says. But fiber matters '
            'too, says Nora Keller. "Do not focus on protein alone," she says. Those who can afford it will seek '
            'personal plans this year, according to Brandt. "Tests are getting cheaper," he says.')
    found = speakers(text)
    assert found["Do not focus on protein alone"] == "Nora Keller"
    assert found["Tests are getting cheaper"] == "Paul Brandt"
