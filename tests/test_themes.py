"""Themes (enrich/themes.py, docs/themes.md): what an article is about, with the words that say so,
stored, filtered, counted. The texts are our own."""

from __future__ import annotations

import pytest

from newsgraph.enrich import ENRICHERS, enrich_articles
from newsgraph.record import Article
from newsgraph.store import Store, StoredPage
from newsgraph.store.read import Filters, QueryError

PROTEST = (
    "Thousands protest in Veloria as police fire tear gas\n\n"
    "Thousands of protesters took to the streets of Veloria on Saturday, demanding the resignation of the "
    "prime minister over a corruption scandal.\n\n"
    "Riot police fired tear gas and water cannon at demonstrators who tried to march on parliament. "
    "Organisers said the rally had been peaceful until the police charged.\n\n"
    "The prime minister has denied accepting bribes from a construction company. Prosecutors opened an "
    "investigation into the kickbacks last month, and two of his advisers were questioned on suspicion of "
    "embezzlement. Anti-corruption campaigners say the graft case is the largest in a decade, and the "
    "bribery charges could reach the cabinet.\n\n"
    "Separately, the central bank kept interest rates unchanged."
)
MATCH = (
    "Harbor City beat the Rovers 3-1 on Sunday in front of 40,000 fans, their third win of the season.\n\n"
    "The striker scored twice before half-time, and the coach praised a team that has lost only once in the "
    "league. It was a battle, the captain said after the match, but the players never gave up.\n\n"
    "The club's next game is against the league leaders, who have won every match this season."
)
TRADE = (
    "Tariffs on steel rise as trade war deepens\n\n"
    "The government raised tariffs on imported steel and aluminium on Tuesday, the latest step in a trade war "
    "that has halved exports between the two countries. Exporters warned that the new duties would hit "
    "their supply chains.\n\n"
    "Trade negotiators are due to meet next week, but officials on both sides said a trade deal was unlikely "
    "before the tariffs take effect. The World Trade Organization has been asked to rule on the dispute."
)
FLOOD = (
    "Floods force thousands from their homes in the Amsel valley\n\n"
    "Heavy rains swelled the Amsel river on Wednesday, flooding three towns and forcing 6,000 people to "
    "evacuate. Rescue teams used boats to reach families trapped on rooftops.\n\n"
    "The regional government declared a state of disaster as forecasters warned of more torrential rain. "
    "Two people drowned when their car was swept away by the flood waters, the fire brigade said."
)


def themed(text: str, title: str | None = None, **meta) -> Article:
    article = Article(text=text, title=title, paragraphs=Article.paragraph_spans(text), **meta)
    names = ENRICHERS if "themes" in ENRICHERS else ENRICHERS[:ENRICHERS.index("events") + 1] + ("themes",)
    enrich_articles([article], components=names)
    return article


def themes_of(article: Article) -> set[str]:
    return {t.theme for t in article.themes}


def test_a_protest_story_is_about_protest_and_corruption_with_the_words_that_say_so():
    article = themed(PROTEST)
    assert {"PROTEST", "CORRUPTION"} <= themes_of(article)
    protest = next(t for t in article.themes if t.theme == "PROTEST")
    words = {article.text[s:e].lower() for s, e in protest.evidence}
    assert {"protesters", "tear gas", "demonstrators"} <= words
    assert 0.5 <= protest.confidence <= 1


def test_a_sentence_in_passing_is_not_a_theme():
    # The last paragraph names the central bank and interest rates once: not an economy story.
    assert "ECONOMY" not in themes_of(themed(PROTEST))


def test_a_football_match_is_sport_and_its_battle_no_war():
    themes = themes_of(themed(MATCH))
    assert "SPORTS" in themes
    assert "ARMED_CONFLICT" not in themes


def test_a_trade_war_is_trade_not_armed_conflict():
    themes = themes_of(themed(TRADE))
    assert "TRADE" in themes
    assert "ARMED_CONFLICT" not in themes


def test_a_flood_is_a_natural_disaster_and_its_headline_counts():
    article = themed(FLOOD)
    assert "NATURAL_DISASTER" in themes_of(article)
    disaster = next(t for t in article.themes if t.theme == "NATURAL_DISASTER")
    assert any(e <= FLOOD.index("\n") for _, e in disaster.evidence)  # "Floods" in the headline line


def test_the_title_supports_a_theme():
    text = FLOOD.partition("\n\n")[2]
    article = themed(text, title="Floods force thousands from their homes")
    assert next(t for t in article.themes if t.theme == "NATURAL_DISASTER").headline


def test_an_article_in_another_language_gets_no_themes():
    assert themed(PROTEST, language="fr").themes == []


def test_themes_survive_json():
    article = themed(PROTEST)
    again = Article.from_json(article.to_json())
    assert again.themes == article.themes


ELECTION = (
    "Veloria votes in a tight presidential election\n\n"
    "Voters in Veloria went to the polls on Sunday in a presidential election that opinion polls showed too close "
    "to call. Turnout was high in the capital, where queues formed outside polling stations before dawn.\n\n"
    "The incumbent, seeking a second term, campaigned on jobs and roads; his challenger, a former mayor, promised "
    "to clean up the electoral roll and accused the ruling party of buying votes. Both candidates held final "
    "campaign rallies on Friday.\n\n"
    "The electoral commission said it would publish preliminary results on Monday. If no candidate wins a "
    "majority of the ballots, the two leading candidates meet in a run-off in three weeks."
)
SPORTS_WITH_A_WAR = (
    "Kestrel wins the marathon in record time\n\n"
    "Ana Kestrel won the city marathon on Sunday in two hours and nineteen minutes, a course record, pulling "
    "away from the leading group after thirty kilometres.\n\n"
    "Kestrel, whose family left their country when the war began, has trained in the city for six years. She "
    "thanked her coach and the crowds along the route, and said she would now prepare for the world "
    "championships in August.\n\n"
    "The men's race was won by a sprint finish, the first in the event's history, and more than 20,000 runners "
    "finished the course."
)


def test_an_election_story_gets_elections_with_its_evidence():
    article = themed(ELECTION)
    elections = next(t for t in article.themes if t.theme == "ELECTIONS")
    assert elections.evidence
    assert all(0 <= s < e <= len(ELECTION) for s, e in elections.evidence)
    assert any(w in ELECTION[s:e].lower() for s, e in elections.evidence for w in ("election", "vote", "poll"))
    assert 0.5 <= elections.confidence <= 1


def test_a_sports_story_with_a_war_in_passing_is_no_armed_conflict():
    themes = themes_of(themed(SPORTS_WITH_A_WAR))
    assert "SPORTS" in themes
    assert "ARMED_CONFLICT" not in themes


def test_the_classifier_is_package_data_and_its_themes_are_known():
    from newsgraph.enrich import themes as component

    trained = component.model()
    assert trained["themes"], "enrich/data/themes_model.json is missing or empty"
    assert set(trained["themes"]) <= set(component.theme_ids())
    chooser = trained["chooser"]
    assert 0 < chooser["threshold"] <= chooser.get("second", chooser["threshold"]) < 1
    assert 0 <= chooser["relative"] < 1 and chooser["most"] >= 1
    assert any(name.startswith("c:") for name in chooser["weights"])
    assert {name[2:] for name in chooser["weights"] if name.startswith("t:")} <= set(component.theme_ids())
    assert component.model() is trained  # read once per process


def test_the_chooser_keeps_themes_above_its_floors_best_first():
    from newsgraph.enrich.themes import choose

    scores = {"SPORTS": 0.9, "CRIME": 0.5, "ECONOMY": 0.3}
    assert choose(scores, {"threshold": 0.4, "relative": 0.0, "most": 99}) == ["SPORTS", "CRIME"]
    assert choose(scores, {"threshold": 0.4, "relative": 0.6, "most": 99}) == ["SPORTS"]
    assert choose(scores, {"threshold": 0.2, "relative": 0.0, "most": 2}) == ["SPORTS", "CRIME"]
    assert choose({}, {"threshold": 0.4, "relative": 0.0, "most": 3}) == []
    # A theme after the article's best needs the (higher) floor of a second subject.
    assert choose(scores, {"threshold": 0.4, "second": 0.6, "relative": 0.0, "most": 99}) == ["SPORTS"]
    assert choose(scores, {"threshold": 0.4, "second": 0.45, "relative": 0.0, "most": 99}) == ["SPORTS", "CRIME"]
    assert choose({"CRIME": 0.5}, {"threshold": 0.4, "second": 0.6, "relative": 0.0, "most": 99}) == ["CRIME"]


def test_a_modelled_theme_no_term_names_is_still_a_candidate_of_its_words():
    from newsgraph.enrich.themes import with_probabilities

    rules = {"SPORTS": {"c:support": 0.8, "c:rank0": 1.0, "t:SPORTS": 1.0}}
    rows = with_probabilities(rules, {"SPORTS": 0.6, "CULTURE_ENTERTAINMENT": 0.3})
    assert rows["SPORTS"]["c:support"] == 0.8 and rows["SPORTS"]["c:probability_relative"] == 1.0
    assert rows["CULTURE_ENTERTAINMENT"]["c:probability"] == 0.3
    assert rows["CULTURE_ENTERTAINMENT"]["c:probability_relative"] == 0.5
    assert "c:support" not in rows["CULTURE_ENTERTAINMENT"]
    assert "c:probability" not in rules["SPORTS"]  # the rules' rows are not changed
    assert rows["SPORTS"]["c:logit"] > 0 > rows["CULTURE_ENTERTAINMENT"]["c:logit"]  # log odds: 0.6 for, 0.3 against


def test_the_main_theme_outranks_a_theme_named_in_passing():
    from newsgraph.enrich import themes as component
    from newsgraph.enrich.nlp import load_nlp

    article = Article(text=PROTEST, paragraphs=Article.paragraph_spans(PROTEST))
    doc = load_nlp()(PROTEST)
    found = component.candidates(article, doc)
    rows = component.candidate_rows(found, set(), doc)
    assert rows["PROTEST"]["c:support"] > rows.get("ECONOMY", {}).get("c:support", 0.0)
    assert rows["PROTEST"]["c:sentences"] > rows.get("ECONOMY", {}).get("c:sentences", 0.0)
    assert rows["PROTEST"]["c:lead"] > 0  # named in the headline and the lead


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "!!! ??? ...", "1 2 3 4 5", "a" * 3000, "War. " * 200,
                                  "Élection présidentielle 🗳️ — résultats", "<p>&amp;</p>"])
def test_empty_or_odd_text_does_not_crash(text):
    article = themed(text)
    if not text.strip() or not any(c.isalpha() for c in text):
        assert article.themes == []
    for theme in article.themes:
        assert 0 <= theme.confidence <= 1
        assert all(0 <= s < e <= len(text) for s, e in theme.evidence)


@pytest.fixture
def store(db_path):
    articles = [themed(PROTEST, url="https://news.example/protest", published="2024-03-02", site_name="News"),
                themed(MATCH, url="https://news.example/match", published="2024-03-03", site_name="News"),
                themed(FLOOD, url="https://news.example/flood", published="2024-04-10", site_name="News")]
    with Store(db_path) as s:
        s.add_batch([StoredPage(a, f"origin-{i}", f"hash-{i}", a.url) for i, a in enumerate(articles)])
        yield s


def test_themes_are_stored_and_read_back(store):
    page = store.articles_page(Filters(q="protesters"))
    article, _ = store.get(page.items[0]["id"])
    assert {"PROTEST", "CORRUPTION"} <= themes_of(article)
    protest = next(t for t in article.themes if t.theme == "PROTEST")
    assert all(0 <= s < e <= len(article.text) for s, e in protest.evidence)


def test_the_theme_filter_selects_articles_and_their_events(store):
    selected = store.articles_page(Filters(theme="protest")).items
    assert [r["url"] for r in selected] == ["https://news.example/protest"]
    events = store.events_page(Filters(theme="PROTEST", min_confidence=0, event_status="all"))
    everything = store.events_page(Filters(min_confidence=0, event_status="all"))
    assert 1 <= events.total < everything.total  # the flood's events are not the protest article's
    for event in events.items:
        detail = store.event(event["id"])
        assert detail is not None
        assert {r["article_id"] for r in detail["reports"]} == {selected[0]["id"]}
    assert store.articles_page(Filters(theme="EPIDEMICS")).total == 0


def test_a_theme_that_is_no_id_is_refused():
    with pytest.raises(QueryError, match="theme"):
        Filters(theme="armed conflict!")


def test_theme_facet_and_themes_over_time(store):
    facet = {f["value"]: f["count"] for f in store.facets(Filters())["theme"]}
    assert facet["PROTEST"] == 1 and facet["NATURAL_DISASTER"] == 1
    chart = store.theme_counts(Filters(), interval="month")
    assert {"PROTEST", "NATURAL_DISASTER", "SPORTS"} <= set(chart["themes"])
    rows = {r["period"]: r for r in chart["series"]}
    assert list(rows) == ["2024-03", "2024-04"]
    assert rows["2024-03"]["articles"] == 2 and rows["2024-04"]["articles"] == 1
    assert (rows["2024-03"]["PROTEST"], rows["2024-04"]["PROTEST"]) == (1, 0)
    assert (rows["2024-03"]["NATURAL_DISASTER"], rows["2024-04"]["NATURAL_DISASTER"]) == (0, 1)


@pytest.fixture
def client(store, db_path):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    store.close()
    return TestClient(create_app(db_path))


def test_the_web_pages_show_and_filter_by_theme(client):
    search = client.get("/", params={"theme": "PROTEST"}).text
    assert '<h1 id="result-count">1 article</h1>' in search
    assert 'name="theme"' in search and 'value="PROTEST" selected' in search  # the filter form keeps it
    facets = client.get("/").text
    assert "/?theme=NATURAL_DISASTER" in facets  # the theme facet links to its articles
    events = client.get("/events", params={"theme": "NATURAL_DISASTER"})
    assert events.status_code == 200
    assert client.get("/api/events", params={"theme": "not a theme!"}).status_code in (400, 422)


def test_the_article_page_lists_its_themes_with_their_words_marked(client):
    article_id = client.get("/api/articles", params={"theme": "NATURAL_DISASTER"}).json()["items"][0]["id"]
    page = client.get(f"/articles/{article_id}").text
    assert 'id="article-themes"' in page and "natural disaster" in page
    assert 'class="hl-theme"' in page and 'title="Theme: natural disaster"' in page
    data = client.get(f"/api/articles/{article_id}").json()
    assert "NATURAL_DISASTER" in {t["theme"] for t in data["themes"]}


def test_the_themes_page_and_its_chart_data(client):
    page = client.get("/themes").text
    assert 'id="themes-chart"' in page and "data-series=" in page and "/?theme=PROTEST" in page
    counts = client.get("/api/themes/counts", params={"interval": "month", "themes": "protest,sports"}).json()
    assert counts["themes"] == ["PROTEST", "SPORTS"]
    assert [r["period"] for r in counts["series"]] == ["2024-03", "2024-04"]
    assert client.get("/api/themes/counts", params={"themes": "NOT_A_THEME"}).status_code == 400
    listed = {r["theme"]: r["articles"] for r in client.get("/api/themes").json()["themes"]}
    assert listed["PROTEST"] == 1


def test_an_alert_rule_on_a_theme(db_path, store):
    from newsgraph.store.watch import WatchState
    from newsgraph.watch.alerts import add_rule, rule_filters

    state = WatchState(store)
    rule = add_rule(state, "floods", {"theme": "natural_disaster"}, target="articles")
    filters = rule_filters(state, rule)
    assert filters is not None and filters.theme == "NATURAL_DISASTER"
    assert [r["url"] for r in store.articles_page(filters).items] == ["https://news.example/flood"]


def test_the_word_models_score_an_article_as_each_model_would_alone():
    from newsgraph.enrich import logistic
    from newsgraph.enrich.themes import probabilities, word_features

    models = {"SPORTS": {"bias": -1.0, "weights": {"w:match": 2.0, "w:goal": 1.5, "w:war": -0.5}},
              "ARMED_CONFLICT": {"bias": -2.0, "weights": {"w:war": 3.0, "r:kept": 1.0}},
              "TRADE": {"bias": 0.5, "weights": {}}}
    words = word_features({"w:match": 3, "w:war": 1, "w:crowd": 2})
    got = probabilities(words, [("ARMED_CONFLICT", 20.0, [], 0.0)], {"ARMED_CONFLICT"}, models)
    assert got["SPORTS"] == pytest.approx(logistic.score(models["SPORTS"], words))
    assert got["ARMED_CONFLICT"] == pytest.approx(logistic.score(models["ARMED_CONFLICT"], {**words, "r:kept": 1.0}))
    assert got["TRADE"] == pytest.approx(logistic.score(models["TRADE"], words))
    assert probabilities({}, [], set(), models)["SPORTS"] == pytest.approx(logistic.score(models["SPORTS"], {}))


def test_a_theme_that_fills_one_passage_scores_higher_there_than_over_the_whole_article():
    from newsgraph.enrich import logistic
    from newsgraph.enrich.themes import PASSAGE, passage_probabilities, passages, word_features

    models = {"NATURAL_DISASTER": {"bias": -2.0, "weights": {"w:flood": 2.0, "w:river": 1.0, "w:rain": 1.0}},
              "SPORTS": {"bias": -1.0, "weights": {"w:match": 2.0}}}
    lead = ["w:flood", "w:river", "w:rain"] * (PASSAGE // 3)
    rest = ["w:council", "w:budget", "w:meeting", "w:road"] * PASSAGE
    lemmas = lead + rest
    parts = passages(lemmas)
    assert len(parts) > 4 and sum(parts[0].values()) == PASSAGE  # the lead is the first passage
    by_lead, best = passage_probabilities(lemmas, models)
    assert by_lead["NATURAL_DISASTER"] == pytest.approx(logistic.score(models["NATURAL_DISASTER"],
                                                                       word_features(parts[0])))
    whole: dict[str, int] = {}
    for name in lemmas:
        whole[name] = whole.get(name, 0) + 1
    over_all = logistic.score(models["NATURAL_DISASTER"], word_features(whole))
    assert best["NATURAL_DISASTER"] >= by_lead["NATURAL_DISASTER"] > over_all + 0.2
    assert best["SPORTS"] == pytest.approx(logistic.score(models["SPORTS"], {}))  # no passage names it
    assert passage_probabilities([], models)[0]["SPORTS"] == pytest.approx(logistic.score(models["SPORTS"], {}))
    assert passage_probabilities(lemmas, {}) == ({}, {})


def test_the_chooser_reads_the_lead_and_the_best_passage():
    from newsgraph.enrich import themes as component

    rows = component.with_probabilities({}, {"SPORTS": 0.3, "CRIME": 0.2}, ({"SPORTS": 0.9}, {"SPORTS": 0.95, "CRIME": 0.1}))
    assert rows["SPORTS"]["c:lead_logit"] > 0 > rows["SPORTS"]["c:logit"]  # the lead is about it, the whole less so
    assert rows["SPORTS"]["c:passage_logit"] > rows["SPORTS"]["c:lead_logit"]
    assert rows["CRIME"]["c:passage_logit"] < 0 and "c:lead_logit" not in rows["CRIME"]
    assert "c:lead_logit" not in component.with_probabilities({}, {"SPORTS": 0.3})["SPORTS"]
    weights = component.model()["chooser"]["weights"]
    assert weights.get("c:lead_logit", 0) > 0  # the shipped chooser counts a lead about the theme for it
