"""Acts an analyst of conflict and crime records that the trigger lexicon used to miss or mistype:
stabbings, stranglings, lynchings and poisonings (ASSAULT), verbs whose lemma the tagger cuts to
another word ("raped": "rap"), fines, sieges, annexations and being taken into custody (COERCE),
convictions and verbal attacks ("blasted", "mocked": ACCUSE), overruling (REJECT), assurances (AGREE),
guilty pleas, confessions, admitted wrongdoing and dropped charges (CONCEDE, not a plea to someone)."""

from __future__ import annotations

import pytest

import newsgraph


def _events(text: str):
    article = newsgraph.analyze_text(text, published="2024-03-14")
    return [(e.type, article.text[e.trigger[0] : e.trigger[1]], e) for e in article.events if e.trigger]


@pytest.mark.parametrize(("text", "kind", "trigger"), [
    ("A man stabbed two shoppers outside a supermarket in Leeds on Saturday, police said.", "ASSAULT", "stabbed"),
    ("Militiamen raped several women in the village of Kalehe last week, the United Nations said.", "ASSAULT", "raped"),
    ("Gunmen strangled the mayor of the town in his office on Monday, prosecutors said.", "ASSAULT", "strangled"),
    ("A mob lynched two men accused of cattle theft in the district on Sunday.", "ASSAULT", "lynched"),
    ("The competition regulator fined the bank $10 million on Monday.", "COERCE", "fined"),
    ("Government forces besieged the rebel-held town of Maarib for months.", "COERCE", "besieged"),
    ("Russia annexed the peninsula after a disputed referendum.", "COERCE", "annexed"),
    ("The suspect was taken into custody by police in Kano on Friday.", "COERCE", "taken"),
    ("A court in Ankara convicted the opposition leader of insulting the president.", "ACCUSE", "convicted"),
    ("The former governor pleaded guilty to fraud at a court in Lagos on Tuesday.", "CONCEDE", "pleaded"),
    ("The militia commander confessed to the killings during his trial in The Hague.", "CONCEDE", "confessed"),
    ("Prosecutors in Lyon dropped the charges against the two activists on Monday.", "CONCEDE", "dropped"),
    ("The bank admitted wrongdoing and agreed to pay a penalty to the regulator.", "CONCEDE", "admitted"),
    ("The opposition leader blasted the finance minister over the budget on Tuesday.", "ACCUSE", "blasted"),
    ("The senator mocked the governor at a rally in Dayton.", "ACCUSE", "mocked"),
    ("The Supreme Court overruled the electoral commission on Friday.", "REJECT", "overruled"),
    ("The prime minister assured the farmers' union that the subsidy would continue.", "AGREE", "assured"),
])
def test_acts_the_lexicon_names(text, kind, trigger):
    found = _events(text)
    assert any(k == kind and t == trigger for k, t, _ in found), found


def test_a_guilty_plea_is_no_request():
    found = _events("The former governor pleaded guilty to fraud at a court in Lagos on Tuesday.")
    assert not any(k == "REQUEST" for k, _, _ in found), found


def test_a_poison_is_not_the_attacker():
    found = _events("The former spy and his daughter were poisoned by a nerve agent in Bergen, police said on Monday.")
    assert not any(e.actor1 and "agent" in (e.actor1.get("text") or "") for _, _, e in found), found
