"""Quotes: every quote style, quotes across paragraphs, fragments, stray marks, speakers.

The texts are invented news written in the shapes real reporting takes.
"""

from __future__ import annotations

import pytest

import newsgraph

from newsgraph import Article, extract
from newsgraph.record import Entity
from newsgraph.enrich import actors, quotes
from newsgraph.enrich.nlp import load_nlp


def run(*paragraphs: str) -> Article:
    article = Article.from_paragraphs(list(paragraphs))
    doc = load_nlp()(article.text)
    actors.enrich(article, doc)  # the people a pronoun may mean are the actors layer's, as in the pipeline
    quotes.enrich(article, doc)
    for q in article.quotes:  # every offset slices what the record says
        assert article.text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert q.speaker_end > q.speaker_start
    return article


def only(article: Article, fragment: str):
    found = [q for q in article.quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in article.quotes]
    return found[0]


def speaker_text(article: Article, quote) -> str:
    return article.text[quote.speaker_start : quote.speaker_end]


@pytest.mark.parametrize(
    "opening, closing",
    [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“")],
)
def test_each_double_quote_style(opening, closing):
    article = run(
        "Floodwaters reached the old town of Passau on Tuesday.",
        f"{opening}We have never seen the river this high,{closing} Mayor Anna Berger said at the town hall.",
    )
    q = only(article, "never seen the river")
    assert q.text == "We have never seen the river this high"
    assert q.kind == "direct" and q.cue == "said"
    assert q.speaker == "Anna Berger"
    assert speaker_text(article, q) == "Mayor Anna Berger"


def test_single_quotes_in_a_british_style_text():
    article = run(
        "Ferry services to the islands were cancelled on Friday.",
        "‘The crossing is simply not safe in this swell,’ harbour master Colin Fraser said.",
        "He added: ‘We will look again in the morning and the council’s boats will stay in port.’",
    )
    first = only(article, "crossing is simply")
    assert first.speaker == "Colin Fraser" and first.cue == "said"
    second = only(article, "look again")
    assert second.text == "We will look again in the morning and the council’s boats will stay in port."
    assert second.cue == "added" and second.speaker == "Colin Fraser"
    assert speaker_text(article, second) == "He"


def test_a_quote_spanning_two_paragraphs():
    article = run(
        "The minister spoke for an hour.",
        "“We will rebuild every bridge that was lost. The money is already in the budget.",
        "“Nobody in this valley will be left behind,” Interior Minister Tomas Varga said.",
    )
    q = only(article, "rebuild every bridge")
    assert q.text.endswith("Nobody in this valley will be left behind")
    assert "\n\n“Nobody" in q.text
    assert q.speaker == "Tomas Varga"


def test_fragment_hanging_off_a_reporting_clause():
    article = run(
        "Police chief Maria Lopez compared the unrest in the port district to a “slow-burning fire” on Monday.",
    )
    q = only(article, "slow-burning fire")
    assert q.text == "slow-burning fire"
    assert q.speaker == "Maria Lopez" and q.cue == "compared"


def test_a_stray_mark_does_not_swallow_the_following_paragraphs():
    article = run(
        "Protesters gathered outside parliament in Tbilisi on Sunday.",
        "The so-called “citizens' assembly had been planned for weeks, organisers said.",
        "Riot police blocked the main avenue until late evening.",
        "“We are not going home,” said student leader Nino Beridze.",
        "Talks with the government are expected to resume on Wednesday.",
    )
    q = only(article, "not going home")
    assert q.text == "We are not going home" and q.speaker == "Nino Beridze"
    assert all(len(q.text) < 200 for q in article.quotes if q.kind == "direct")


def test_apostrophes_are_not_quote_marks():
    article = run(
        "Libya's oil output didn't recover in the '90s, and the fields' owners haven't forgotten it.",
        "The company's chief executive, Omar Haddad, said production wouldn't rise before 2027.",
    )
    assert all(q.kind == "indirect" for q in article.quotes)
    q = only(article, "production")
    assert q.speaker == "Omar Haddad"


def test_speaker_after_the_quote_and_the_next_quote_in_the_paragraph():
    article = run(
        "“The dam held,” she said. “But the villages below it are cut off.”",
    )
    assert [q.text for q in article.quotes] == ["The dam held", "But the villages below it are cut off."]
    assert all(speaker_text(article, q) == "she" and q.cue == "said" for q in article.quotes)


def test_pronoun_speaker_resolves_to_the_nearest_person():
    article = run(
        "Aid coordinator Leila Haddad toured the camp near Gao on Thursday.",
        "“We need water trucks before we need anything else,” she said.",
    )
    q = only(article, "water trucks")
    assert q.speaker == "Leila Haddad"
    assert speaker_text(article, q) == "she"


def test_colon_introduces_a_quote():
    article = run(
        "Union leader Pedro Alves addressed the strikers at the gate. He added: “Not one container leaves this port until the contract is signed.”",
    )
    q = only(article, "Not one container")
    assert q.cue == "added" and q.speaker == "Pedro Alves"


def test_indirect_said_that_and_according_to():
    article = run(
        "Health Minister Ruth Okoye said that the clinics in the north would reopen next week.",
        "According to the regional health office, more than 300 cases were recorded in March.",
        "The governor told reporters the roads to the camps had been cleared.",
    )
    said = only(article, "clinics in the north")
    assert said.kind == "indirect" and said.cue == "said" and said.speaker == "Ruth Okoye"
    assert said.text == "the clinics in the north would reopen next week"
    according = only(article, "300 cases")
    assert according.kind == "indirect" and according.cue == "according to"
    assert according.speaker == "the regional health office"
    assert according.text == "more than 300 cases were recorded in March"
    told = only(article, "roads to the camps")
    assert told.cue == "told" and speaker_text(article, told) == "The governor"


def test_transcript_lines():
    article = run(
        "An excerpt from the interview follows.",
        "HOST: Will the ceasefire hold through the winter?",
        "KOVAL: It will hold if both sides keep their artillery back from the line.",
    )
    host = only(article, "ceasefire hold")
    assert host.speaker == "HOST" and host.kind == "direct"
    assert only(article, "artillery back").speaker == "KOVAL"


def test_scare_quotes_are_not_speech():
    article = run("The group calls itself the so-called “Harbour Watch” and meets on Fridays.")
    assert not [q for q in article.quotes if q.kind == "direct"]


def test_an_empty_or_unquoted_text_gives_nothing():
    assert run("Rain is expected in the afternoon.").quotes == []


def test_seed_page(seed_dump):
    article = extract(seed_dump.read_text(encoding="utf-8"))
    doc = load_nlp()(article.text)
    actors.enrich(article, doc)
    quotes.enrich(article, doc)
    direct = {q.text[:25]: q for q in article.quotes if q.kind == "direct"}
    speakers = {key: q.speaker for key, q in direct.items()}
    assert speakers["In Iraq and Syria, ISIL h"] == "John Kirby"
    assert speakers["growing tumor."] == "Ashton Carter"
    assert speakers["Even as we work to defeat"] == "Ashton Carter"
    assert speakers["While currently concentra"] == "United Nations"  # "the report" of "the UN ... its report"
    assert speakers["This decision could be ma"] == "Ali Abu Zaakouk"
    assert speakers["the task that must be the"] == "Obama"
    assert speakers["There was a failure on th"] == "Obama"
    assert len(direct) == 7


def test_speaker_announced_by_the_sentence_before():
    article = run(
        "Fisheries officer Jonas Berg spoke after the meeting. Berg said. “The quota is final and the boats stay in port until June.”",
    )
    q = only(article, "quota is final")
    assert q.speaker == "Jonas Berg" and q.cue == "said"


@pytest.mark.parametrize("opener", ["That said,", "This said,", "That being said,", "But that said,"])
def test_that_said_is_a_turn_of_phrase_not_an_attribution(opener):
    article = run(
        "The two chains never agreed on a price for the printing plants.",
        f"{opener} the two companies might have made a good fit, as their papers serve different towns.",
    )
    assert [q.speaker for q in article.quotes if "good fit" in q.text] == []


def test_what_someone_says_in_a_clause_is_not_speech():
    article = run("The sharp difference between what Mayor Dana Whitcomb says her budget would do and how "
                  "auditors say it would work has lasted all year.")
    assert [q.kind for q in article.quotes if "budget" in q.text] in ([], ["stance"])
    shown = newsgraph.analyze_text("The sharp difference between what Mayor Dana Whitcomb says her budget would do "
                                   "and how auditors say it would work has lasted all year.")
    assert [q.text for q in shown.quotes if "budget" in q.text and q.confidence >= 0.5] == []


def test_she_after_a_quote_is_not_the_man_named_inside_it():
    article = run(
        "Senator Maria Lopez has attacked the governor's plan all week.",
        "“The kind of plan that Frank has put forth would be the same old cuts,” she said in the debate.",
    )
    quote = only(article, "same old cuts")
    assert quote.speaker == "Maria Lopez"


def test_a_quote_ending_its_sentence_is_not_given_to_the_next_person_named():
    article = newsgraph.analyze_text(
        '"If the dispute lasts for a long time, it will have a big impact on the factories," said Li Wen, an '
        'independent commentator in Shanghai. "In the long run, losses in manufacturing will lead to lower tax '
        'revenue." Sen. Mark Dalton, a Republican, said the plan was reckless.')
    quote = next(q for q in article.quotes if "long run" in q.text)
    assert quote.speaker == "Li Wen"


def test_he_is_the_named_subject_in_apposition_not_an_earlier_subject():
    article = newsgraph.analyze_text(
        "President Frank Miller said on Thursday that tariffs had brought in billions.\n\n"
        "Miller's top economic adviser, Larry Kudlow, said earlier on Thursday in an interview that talks were "
        'ongoing. But, he said, "at the end of the day, these unfair trading actions are damaging to growth for everyone."')
    quote = next(q for q in article.quotes if "end of the day" in q.text)
    assert quote.speaker == "Larry Kudlow"


def test_a_quote_ending_its_line_is_not_given_to_the_person_the_next_line_names():
    # one line per paragraph, single newlines: the next line's speaker is not this quote's
    article = newsgraph.analyze_text(
        "Mayor Tom Reyes said the county had been shut out of the talks.\n"
        '"The all or nothing attitude coming from the governor\'s office is not helpful, it is not fair, '
        'and it is frankly not acceptable," Reyes said.\n'
        '"That is a shame. It is a long way from what the governor promised when she took office."\n'
        "Councillor Ann Broda said if the towns accept the offer then their share of the budget will fall.")
    quote = next(q for q in article.quotes if "That is a shame" in q.text)
    assert "Broda" not in (quote.speaker or "")


def test_a_name_modifying_the_speaker_is_not_the_speaker():
    article = run(
        "Colleagues of Martin Hale said on Tuesday that he was travelling and could not be reached. "
        "People familiar with Hale's business said his firm had been hired by the league in 2010.",
    )
    assert [q.speaker for q in article.quotes if "travelling" in q.text] == ["Colleagues of Martin Hale"]
    later = newsgraph.analyze_text(
        "The reports circulated for months among news outlets. Associates of Wexler said on Wednesday he was "
        "unavailable for comment.")
    assert [q.speaker for q in later.quotes if "unavailable" in q.text] == ["Associates of Wexler"]
    assert [q.speaker for q in article.quotes if "hired by the league" in q.text] == [
        "People familiar with Hale's business"]


def test_a_hyphenated_name_in_quotation_marks_is_a_title_not_speech():
    article = run(
        "He cited the criticism of the host, who was attacked for his questions during a \"Commander-In-Chief\" "
        "forum earlier this month.",
    )
    assert [q.kind for q in article.quotes if q.text == "Commander-In-Chief"] in ([], ["title"])


def test_he_is_the_name_the_parser_left_without_a_verb():
    # "Daud, who ..., called ..." parsed with the name as the sentence's root: still its subject
    article = newsgraph.analyze_text(
        "Prime Minister Razif Omar is widely expected to call an election on Friday. "
        "Support for Razif's coalition has fallen in the last two polls. "
        "Daud Karim, the country's longest serving leader when he retired in 2003, called Thursday's order "
        '"tyranny" and unconstitutional. He said the party was being targeted despite explaining its case to the registrar.')
    quote = next(q for q in article.quotes if "being targeted" in q.text)
    assert quote.speaker == "Daud Karim"


def test_they_after_according_to_people_is_those_people_not_the_body_named_before():
    article = newsgraph.analyze_text(
        "The Tax Office opened an inquiry into the firm's dealings that was based on the leaked files, "
        "according to people familiar with the inquiry.\n"
        "However, they said the office slowed its work in the weeks before the vote to avoid any charge of bias. "
        "They said the head of the office grew tired of the case.")
    quote = next(q for q in article.quotes if "slowed its work" in q.text)
    assert quote.speaker == "people familiar with the inquiry"
    assert [q.speaker for q in article.quotes if "grew tired" in q.text] == ["people familiar with the inquiry"]


def test_they_is_the_main_clause_subject_not_a_country_in_a_subordinate_clause():
    article = newsgraph.analyze_text(
        "After a late meeting, the Security Council issued a statement calling the test a clear violation. "
        "The statement noted they had earlier promised further measures if North Korea conducted another test.\n\n"
        '"In line with this commitment, the members of the council will begin work on new measures at once," '
        "they said.")
    quote = next(q for q in article.quotes if "In line with" in q.text)
    assert quote.speaker == "Security Council"


def test_a_second_report_in_the_sentence_is_not_what_the_first_speaker_said():
    article = newsgraph.analyze_text(
        "Mayor Joan Lee met the union leaders on Sunday.\n\n"
        'Lee has said she is "cautiously hopeful" that a deal could be reached and, on her way into the dinner, '
        "she told reporters that the city planned to put forward a plan focused on housing and transit.")
    told = [q.text for q in article.quotes if q.cue == "told"]
    assert all("has said" not in t for t in told), told
    said = [q.text for q in article.quotes if q.cue == "said" and q.kind == "indirect"]
    assert said and all(not t.endswith(" and") for t in said), said


def test_saying_one_cannot_confirm_is_a_refusal_and_the_way_one_says_is_no_speech():
    article = newsgraph.analyze_text(
        "Sara Blum, a co-founder of the firm, told the Financial Times, which first printed the name, that she "
        "could not confirm or deny that the firm had written the reports.\n\n"
        "Councillor Ray Dunn said he did not think his town would be better off.\n\n"
        "He also raised concerns about the way he says the offer was delivered.")
    assert [q.kind for q in article.quotes if q.text.startswith("she could not confirm")] == ["refusal"]
    assert [q.kind for q in article.quotes if q.text == "the offer was delivered"] in ([], ["stance"])


def test_she_is_the_subject_named_earlier_in_her_own_sentence():
    article = newsgraph.analyze_text(
        'Tom Baker said, "They charged me about $8,000 more, maybe."\n\n'
        'And when asked how much Jane Ortiz was overcharged, "Oh, we paid 18,000," she said.')
    quote = next(q for q in article.quotes if q.text == "Oh, we paid 18,000")
    assert quote.speaker == "Jane Ortiz"


def test_words_the_writer_calls_so_called_are_nobodys_quote():
    article = run(
        "“We will keep the harbour open all winter,” said port director Elena Marsh. She is the last "
        "official of the so-called “Blue Harbour plan” still in office, and the group known as the "
        "“Harbour Four” has since broken up.",
    )
    assert only(article, "harbour open").speaker == "Elena Marsh"
    for name in ("Blue Harbour plan", "Harbour Four"):
        assert all(q.speaker is None for q in article.quotes if name in q.text), [
            (q.text, q.speaker) for q in article.quotes]


def test_a_programme_title_ending_the_sentence_is_a_title():
    article = run(
        "The storms will pass by Friday, the forecaster said on “Good Morning with the Coast.”",
        "“I have never seen a season like it,” she added.",
    )
    title = only(article, "Good Morning")
    assert title.kind == "title"
    assert only(article, "never seen a season").kind == "direct"


def test_a_belief_no_longer_held_and_an_explanation_not_yet_given_are_no_speech():
    article = run(
        "Because she no longer feels the old bridge is safe for her children, Maria Soto drives them to school.",
        "At the very least, the mayor has yet to explain why the repairs were delayed for two years.",
        "The engineer said the cables had rusted through in places.",
    )
    assert only(article, "old bridge is safe").kind == "refusal"
    assert only(article, "repairs were delayed").kind == "refusal"
    assert only(article, "cables had rusted").kind == "indirect"


def test_a_clause_set_off_by_a_colon_is_not_what_the_next_speaker_said():
    article = run(
        "Farmers seemed moved by the need to keep milk prices up: during the hearing, Mr. Dale said "
        "the union had demanded access to the ledgers.",
    )
    said = [q for q in article.quotes if q.kind == "indirect"]
    assert [q.text for q in said] == ["the union had demanded access to the ledgers"]
    assert said[0].speaker == "Dale" or said[0].speaker.endswith("Dale")


def test_a_lawyer_or_a_relative_speaks_for_themselves_not_for_the_person_named():
    article = run(
        "Peter Galloway was charged with fraud on Monday.",
        "Galloway's lawyer said her client would plead not guilty at the hearing in May.",
        "Galloway's father told reporters the family had not spoken to him in years.",
    )
    lawyer = only(article, "plead not guilty")
    assert lawyer.speaker == "Galloway's lawyer"
    father = only(article, "not spoken to him")
    assert father.speaker == "Galloway's father"


def test_an_aside_attribution_is_not_inside_the_statement():
    article = run(
        "In recent weeks, aides to the governor say, the governor has grown tired of the long campaign.",
    )
    said = [q for q in article.quotes if q.kind == "indirect"]
    assert len(said) == 1
    assert said[0].text == "the governor has grown tired of the long campaign"
    assert speaker_text(article, said[0]) == "aides to the governor"


def test_interview_letters_a_letter_salutation_and_a_place_label_are_no_speakers():
    article = run(
        "Q: How did the season go for the club?",
        "A: Better than any of us dared to hope in August.",
        "DEAR ANNA: My neighbour keeps parking across my driveway every night.",
        "Lagos: Traders closed their stalls early on Friday after the market fire.",
        "MARTHA KING: We lost everything we had in that fire.",
    )
    speakers = {q.speaker for q in article.quotes}
    assert not {"Q", "A", "DEAR ANNA", "Lagos"} & speakers, speakers
    assert only(article, "lost everything").speaker == "MARTHA KING"


def test_a_speaker_named_by_surname_gets_the_fullest_name_the_page_gives():
    article = newsgraph.analyze_text(
        "Gunman jailed for cafe shooting\n\n"
        "Prosecutor Helen Marsh QC said the gunman had planned the attack for weeks.\n\n"
        "Ms Marsh told the court: “He chose the busiest hour of the day.”"
    )
    # the actor's name: "QC" after it is a rank, not part of the name (the actors component chains "Marsh QC" with "Marsh")
    assert only(article, "busiest hour").speaker == "Helen Marsh"


def test_here_are_the_highlights_announces_no_speaker_and_no_clause_crosses_a_paragraph():
    article = run(
        "After the hearing ended, the panel questioned Dale about his testimony, and the clerk took notes.",
        "Here are some of the highlights:",
        '"My warnings were ignored"',
        'Dale told the committee, "I warned them in March how the deal would look. My warnings were ignored."',
    )
    assert not any("highlights" in (q.speaker or "") or "highlights" in q.text for q in article.quotes), [
        (q.text, q.speaker) for q in article.quotes]
    assert only(article, "warned them in March").speaker == "Dale"
    for q in article.quotes:
        assert "\n" not in q.text


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("The minister is expected to announce that the border will reopen next week.", "border will reopen"),
        ("The governor will say on Monday that the budget is balanced.", "budget is balanced"),
        ("Critics may argue that the new law goes too far.", "law goes too far"),
        ("If the mayor says the bridge is safe, the buses will run again.", "bridge is safe"),
    ],
)
def test_a_statement_still_to_come_or_only_possible_is_not_speech(sentence, words):
    article = run("Storm damage in the valley", sentence)
    assert only(article, words).kind == "hypothetical"


def test_what_nobody_claimed_is_not_speech_and_what_was_said_is():
    article = run(
        "Nobody has claimed that the fire was set on purpose.",
        "The fire chief said that the blaze started in the kitchen.",
    )
    assert only(article, "set on purpose").kind == "refusal"
    assert only(article, "started in the kitchen").kind == "indirect"


def test_a_person_named_with_the_body_they_work_for_speaks_not_the_body():
    article = newsgraph.analyze_text(
        "Two men charged over harbour attack\n\n"
        "Two men were charged on Monday with attacking a ferry in the harbour at Larne.\n\n"
        "A police officer from the Harbour Constabulary told the court that the men had planned the attack "
        "for weeks.\n\n"
        "The chairman of the Ferry Workers Union said the crew would return to work on Friday.\n\n"
        "The men will appear again in May."
    )
    assert only(article, "planned the attack").speaker == "A police officer from the Harbour Constabulary"
    assert only(article, "return to work").speaker == "The chairman of the Ferry Workers Union"


def test_a_headline_in_the_shape_of_a_transcript_line_is_a_headline():
    article = newsgraph.analyze_text(
        "Tom Reyes: voters are tired of the stadium fight, and it shows\n\n"
        "Voters in the city are evenly split over the new stadium, a poll published on Thursday found.\n\n"
        "Mayor Clara Diaz said the city would respect the result whatever it was.\n\n"
        "The vote is on Sunday."
    )
    assert only(article, "tired of the stadium").kind == "headline"
    assert only(article, "respect the result").kind == "indirect"


def test_the_one_person_a_group_is_given_by_is_the_speaker():
    article = run(
        "But defence lawyers such as Peter Marsh, who has defended gangsters for decades, said the state "
        "would struggle to prove its case.",
        "Lawyers such as Ann Hale and Tom Bright said the trial could take years.",
    )
    marsh = only(article, "struggle to prove")
    assert marsh.speaker == "Peter Marsh" and speaker_text(article, marsh) == "Peter Marsh"
    assert only(article, "take years").speaker == "Lawyers"  # two people named: the group


def test_an_indirect_quote_opening_the_article_leaves_out_the_dateline():
    article = newsgraph.analyze_text(
        "Lima (AP) — The port will reopen to container ships next week, Transport Minister Rosa Vega "
        "said on Monday.\n\nThe port was closed after a storm damaged two of its cranes."
    )
    q = only(article, "port will reopen")
    assert q.text == "The port will reopen to container ships next week"
    assert q.speaker == "Rosa Vega"


def test_she_is_never_a_hospital_named_after_a_person():
    text = ("Ama Boateng's daughter was treated on Monday, and Kofi Annan Hospital kept her overnight.\n\n"
            "She said the nurses had been kind to them.")
    article = Article.from_paragraphs(text.split("\n\n"))
    hospital = text.index("Kofi Annan Hospital")
    mother = text.index("Ama Boateng")
    # the actors component sometimes types a hospital named after a person as a person
    article.entities = [
        Entity(name="Ama Boateng", type="person", mentions=[(mother, mother + 11)], id="e1"),
        Entity(name="Kofi Annan Hospital", type="person", mentions=[(hospital, hospital + 19)], id="e2"),
    ]
    quotes.enrich(article, load_nlp()(article.text))
    assert only(article, "nurses had been kind").speaker == "Ama Boateng"


def test_the_first_sentence_under_a_headline_is_quoted_without_the_headline():
    article = run(
        "Storm hits the coast",
        "The minister told reporters on Monday that the talks had failed and that he would resign.",
    )
    q = only(article, "talks had failed")
    assert q.kind == "indirect" and q.text.startswith("the talks had failed")
    assert q.speaker == "The minister"


def test_according_to_under_a_headline_quotes_its_own_sentence_only():
    article = run(
        "Storm hits the coast",
        "The old bridge is safe, according to the city engineer, who inspected it on Friday.",
        "The ferry will run again on Monday, according to the harbour master, who spoke to the crew.",
    )
    assert only(article, "ferry will run").text == "The ferry will run again on Monday"
    q = only(article, "bridge is safe")
    assert q.text == "The old bridge is safe" and q.kind == "indirect"
    assert q.speaker == "the city engineer"


def test_a_document_as_the_speaker_is_not_shown_by_default_a_named_prosecutor_is():
    from newsgraph.confidence import threshold

    article = newsgraph.analyze_text(
        "Trader charged with fraud\n\n"
        "A former bank trader was charged on Monday with four counts of securities fraud.\n\n"
        "The indictment said the trader hid losses of 40 million dollars from his employer for two years.\n\n"
        "Prosecutor Helen Marsh said the trader had lied to auditors at least six times.\n\n"
        "The trader will appear in court in May."
    )
    assert only(article, "hid losses").confidence < threshold("quotes")
    assert only(article, "lied to auditors").confidence >= threshold("quotes")


def test_words_that_name_their_speaker_in_full_are_not_that_speakers():
    article = newsgraph.analyze_text(
        "Composer wins her first award\n\n"
        "“I spent a year learning to write for voices,” Laura Brennan said. Not long after that, Brennan "
        "bought a house in Galway.\n\n"
        "Her producer still laughs at the memory of the first session. “It could have been easy for Laura Brennan "
        "to lend her name and walk away, but she did not do that,” she said."
    )
    assert only(article, "a year learning").speaker == "Laura Brennan"
    about_her = only(article, "lend her name")
    assert about_her.speaker != "Laura Brennan" and about_her.speaker_id is None


def test_a_hyphenated_word_stays_whole_in_a_speakers_name():
    article = newsgraph.analyze_text(
        "Trade talks stall\n\nThe talks stalled again on Friday. Beijing-based analysts said they could not see how "
        "the deal would work. New York-based bankers said markets were calm."
    )
    assert only(article, "deal would work").speaker == "Beijing-based analysts"
    assert only(article, "markets were calm").speaker == "New York-based bankers"
