"""A small database of events written for the export tests: articles built by hand (no parse), so
each event's actors, place, date, status and confidence are exactly what a test expects.

| event | what | reported by |
| --- | --- | --- |
| shelling | rebels shelled Goma airport, "killing at least 12 people" (CD, 2024-03-12) | wire, copy on blog, radio says "9 people were killed" |
| arrest | Ukrainian police arrested protesters in Kyiv (UA, 2024-03-11, day) | wire |
| protest | protesters rallied in Chicago (US, a month: 2024-02) | blog |
| strikes | NATO aircraft struck Tripoli in 2011 (LY, a year) | wire |
| talks | China and Australia held talks in Canberra (AU, undated) | blog |
| threat | rebels "may attack" Goma (hypothetical) | wire |
| denial | the army "did not shell" Juba (negated) | wire |
| unsure | a low-confidence clash in Sirte (0.3) | radio |
"""

from __future__ import annotations

from typing import Any

from newsgraph.record import Article, Entity, Event, Paragraph, Place
from newsgraph.store import Store, StoredPage

GOMA = {"name": "Goma", "geonameid": 216281, "country": "CD", "admin1": "11", "lat": -1.67409, "lon": 29.22845,
        "feature": "P.PPLA", "precision": "point"}
KYIV = {"name": "Kyiv", "geonameid": 703448, "country": "UA", "admin1": "12", "lat": 50.45466, "lon": 30.5238,
        "feature": "P.PPLC", "precision": "point"}
CHICAGO = {"name": "Chicago", "geonameid": 4887398, "country": "US", "admin1": "IL", "lat": 41.85003, "lon": -87.65005,
           "feature": "P.PPLA2", "precision": "point"}
TRIPOLI = {"name": "Tripoli", "geonameid": 2210247, "country": "LY", "admin1": "77", "lat": 32.88743, "lon": 13.18733,
           "feature": "P.PPLC", "precision": "point"}
CANBERRA = {"name": "Canberra", "geonameid": 2172517, "country": "AU", "admin1": "01", "lat": -35.28346, "lon": 149.12807,
            "feature": "P.PPLC", "precision": "point"}
JUBA = {"name": "Juba", "geonameid": 373303, "country": "SS", "admin1": "01", "lat": 4.85165, "lon": 31.58247,
        "feature": "P.PPLC", "precision": "point"}
SIRTE = {"name": "Sirte", "geonameid": 2210554, "country": "LY", "admin1": "76", "lat": 31.20892, "lon": 16.58866,
         "feature": "P.PPLA", "precision": "point"}
LIBYA = {"name": "Libya", "geonameid": 2215636, "country": "LY", "admin1": None, "lat": 28.0, "lon": 17.0,
         "feature": "A.PCLI", "precision": "country"}


def _rebels(text: str) -> dict[str, Any]:
    return {"name": None, "country": "CD", "sector": "rebel", "text": text}


def _article(url: str, site: str, published: str, sentences: list[tuple[str, Event | None]],
             entities: list[Entity] = (), places: list[dict[str, Any]] = ()) -> Article:  # type: ignore[assignment]
    """An article of one paragraph per sentence; each event's offsets are its sentence's."""
    text, paragraphs, events = "", [], []
    for sentence, event in sentences:
        start = len(text)
        text += sentence
        paragraphs.append(Paragraph(start, len(text)))
        if event is not None:
            event.start, event.end = start, len(text)
            event.trigger = [start, start + 5]
            events.append(event)
        text += "\n\n"
    text = text.rstrip()
    article = Article(text=text, title=sentences[0][0][:60], paragraphs=paragraphs, url=url, site_name=site,
                      published=published, language="en", extraction_method="plain",
                      content_hash=f"hash:{url}", entities=list(entities), events=events)
    article.places = [Place(name=p["name"], geonameid=p["geonameid"], country=p["country"], admin1=p["admin1"],
                            lat=p["lat"], lon=p["lon"], feature=p["feature"], mentions=[[0, 1]], confidence=0.9)
                      for p in places]
    return article


def _event(kind: str, mode: str | None, root: str, actor1: dict[str, Any] | None, actor2: dict[str, Any] | None,
           place: dict[str, Any] | None, date: str | None, precision: str | None, status: str = "asserted",
           confidence: float = 0.9) -> Event:
    return Event(type=kind, start=0, end=0, mode=mode, cameo_root=root, actor1=actor1, actor2=actor2, place=place,
                 date=date, date_precision=precision, status=status, confidence=confidence)


SHELLING = "Rebels shelled the airport in Goma on Tuesday, killing at least 12 people."


def articles() -> list[Article]:
    police = Entity(name="National Police of Ukraine", type="organization", country="UA", sector="police",
                    mentions=[[0, 6]], confidence=0.95)
    nato = Entity(name="NATO", type="igo", sector="igo", kb_id="nato", mentions=[[0, 4]], confidence=0.95)
    china = Entity(name="China", type="country", country="CN", sector="government", kb_id="cn", mentions=[[0, 5]],
                   confidence=0.95)
    australia = Entity(name="Australia", type="country", country="AU", sector="government", kb_id="au",
                       mentions=[[10, 19]], confidence=0.95)

    def shelling(text: str) -> Event:
        return _event("ASSAULT", "heavy-weapons", "19", _rebels(text), None, GOMA, "2024-03-12", "day")

    wire = _article("https://wire.example/goma", "Wire Service", "2024-03-14", [
        (SHELLING, shelling("Rebels")),
        ("Police arrested 30 protesters in Kyiv on Monday.",
         _event("COERCE", "arrest", "17", {"name": "National Police of Ukraine", "country": "UA", "sector": "police",
                                            "text": "Police"}, {"name": None, "country": "UA", "sector": "civilian",
                                                                "text": "protesters"}, KYIV, "2024-03-11", "day")),
        ("In 2011 NATO aircraft struck Tripoli.",
         _event("ASSAULT", "aerial", "19", {"name": "NATO", "country": None, "sector": "igo", "text": "NATO aircraft"},
                None, TRIPOLI, "2011", "year")),
        ("The rebels may attack Goma next.",
         _event("ASSAULT", None, "19", _rebels("The rebels"), None, GOMA, None, None, status="hypothetical")),
        ("The army did not shell Juba.",
         _event("ASSAULT", "heavy-weapons", "19", {"name": None, "country": "SS", "sector": "military", "text": "The army"},
                None, JUBA, None, None, status="negated")),
    ], entities=[police, nato], places=[GOMA, KYIV, TRIPOLI, JUBA])
    blog = _article("https://blog.example/copy", "Valley Blog", "2024-03-15", [
        (SHELLING, shelling("Rebels")),
        ("Thousands of protesters\trallied in Chicago in February.",
         _event("PROTEST", "demo", "14", {"name": None, "country": "US", "sector": "civilian",
                                          "text": "Thousands of\nprotesters"}, None, CHICAGO, "2024-02", "month")),
        ("China and Australia held talks in Canberra.",
         _event("CONSULT", None, "04", {"name": "China", "country": "CN", "sector": "government", "text": "China"},
                {"name": "Australia", "country": "AU", "sector": "government", "text": "Australia"}, CANBERRA, None, None)),
    ], entities=[china, australia], places=[GOMA, CHICAGO, CANBERRA])
    radio = _article("https://radio.example/news", "Radio Lake", "2024-03-13", [
        ("Nine people were killed when rebels shelled Goma airport.", shelling("rebels")),
        ("Fighters clashed near Sirte.",
         _event("ASSAULT", None, "19", None, None, SIRTE, "2024-03-10", "day", confidence=0.3)),
        ("Libya is calm.", None),
    ], places=[GOMA, SIRTE, LIBYA])
    return [wire, blog, radio]


def build(db_path: str) -> str:
    with Store(db_path) as store:
        store.add_batch([StoredPage(a, a.url or "", f"page:{a.url}", a.url) for a in articles()])
    return db_path
