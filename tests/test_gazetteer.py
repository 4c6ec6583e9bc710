"""The gazetteer: bundled index lookups and the GeoNames dump importer."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import newsgraph.gazetteer as gazetteer_module
from newsgraph.gazetteer import Gazetteer, load_gazetteer, name_key
from newsgraph.gazetteer.importer import import_geonames_dump

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer" / "allCountries-sample.txt"


def test_name_key_ignores_case_accents_and_dots():
    assert name_key("São Paulo") == name_key("SAO PAULO") == "sao paulo"
    assert name_key("U.S.") == name_key("US") == "us"
    assert name_key("  Côte   d’Ivoire ") == "cote d'ivoire"


@pytest.fixture(scope="module")
def bundled() -> Gazetteer:
    from newsgraph.gazetteer.bundled import bundled_index

    return Gazetteer(bundled_index())


def test_bundled_lookup_has_both_tripolis_with_population(bundled):
    countries = {c.country for c in bundled.lookup("tripoli")}
    assert {"LY", "LB"} <= countries
    libyan = next(c for c in bundled.lookup("Tripoli") if c.country == "LY" and c.feature_class == "P")
    assert libyan.population > 1_000_000 and libyan.feature_code == "PPLC"


def test_bundled_countries_divisions_and_alternate_names(bundled):
    libya = bundled.country("LY")
    assert (libya.geonameid, libya.lat, libya.lon) == (2215636, 28.0, 17.0)
    assert bundled.lookup("U.S.")[0].geonameid == 6252001
    georgia = {c.feature_code for c in bundled.lookup("Georgia")}
    assert {"PCLI", "ADM1"} <= georgia
    texas = bundled.admin1("US", "TX")
    assert texas.name == "Texas" and 29 < texas.lat < 34 and -102 < texas.lon < -96
    assert any(c.country == "BR" for c in bundled.lookup("sao paulo"))


def test_import_dump_streams_rows_into_an_index(tmp_path):
    out = tmp_path / "geonames.sqlite"
    counts = import_geonames_dump(FIXTURE, out)
    assert counts == {"rows": 7, "places": 6, "names": counts["names"], "skipped": 1, "malformed": 1}
    gaz = Gazetteer(out)
    tripolis = gaz.lookup("Tarabulus")
    assert [c.country for c in tripolis] == ["LY"]
    assert {c.country for c in gaz.lookup("tripoli")} == {"LY", "LB"}
    assert gaz.lookup("Olive Grove Farm") == []
    assert gaz.country("LY").lat == 28.0
    assert gaz.admin1("US", "TX").name == "Texas"
    assert gaz.lookup("Libia")[0].geonameid == 2215636


def test_import_reads_zip_and_env_var_selects_the_index(tmp_path, monkeypatch):
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURE, "allCountries.txt")
    out = tmp_path / "dump.sqlite"
    assert import_geonames_dump(archive, out)["places"] == 6
    monkeypatch.setenv("NEWSGRAPH_GAZETTEER", str(out))
    monkeypatch.setattr(gazetteer_module, "_loaded", None)
    assert load_gazetteer().path == out
    monkeypatch.setattr(gazetteer_module, "_loaded", None)


def test_import_refuses_a_file_in_another_format(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\nworld\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no GeoNames rows"):
        import_geonames_dump(bad, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_country_read_in_one_pass_answers_as_the_query(bundled):
    fresh = Gazetteer(bundled.path)
    codes = [row[0] for row in fresh._db.execute("SELECT DISTINCT country FROM places") if row[0]]
    for code in [*codes, "xx", "gb", "ZZ"]:
        row = fresh._db.execute(
            "SELECT id FROM places WHERE country = ? AND fcode LIKE 'PCL%' ORDER BY population DESC LIMIT 1",
            (code.upper(),),
        ).fetchone()
        found = bundled.country(code)
        assert (found.geonameid if found else None) == (row[0] if row else None), code
    assert bundled.country("ly") is bundled.country("LY")


def test_a_division_is_shown_by_its_english_name_where_its_names_give_one():
    from newsgraph.gazetteer.labels import english_name

    # An inverted local name: the name it is built on, or the English name like it.
    assert english_name("Vardonia, Respublika", ["Vardonia Republic", "Респ. Вардония"]) == "Vardonia"
    assert english_name("Stînga Quolarului, unitatea teritorială din",
                        ["Stînga Quolarului", "Transquolaria", "Units of the Left Bank of the Quolar"]) == "Transquolaria"
    # Transliteration marks: the same name as an English alternate name writes it.
    assert english_name("Ḩamrād", ["Hamrad Governorate", "محافظة"]) == "Hamrad"
    # A name built on another English name the division also goes by alone.
    assert english_name("Al Ḩaţāb", ["Halteppo", "Halteppo Governorate"]) == "Halteppo"
    # A kind of division in lower case: the English name keeps its kind (its base may be the city).
    assert english_name("Vorinskaya oblast'", ["Vorinsk", "Vorinsk Oblast", "Воринская область"]) == "Vorinsk Oblast"
    # A local word for the kind after a name in English letters.
    assert english_name("Qianhe Sheng", ["Qianhe", "Qianhe Province"]) == "Qianhe"
    # English names stay; another language's name of the division is not taken for one.
    assert english_name("Southern", ["Ngwarelo", "Ngwarelo District"]) is None
    assert english_name("Castilla del Norte", ["Castela do Norte", "Northern Castile"]) is None
    assert english_name("Nations, Peoples and Tribes", []) is None


def test_the_bundled_divisions_are_shown_by_english_names(bundled):
    transnistria = next(c for c in bundled.lookup("Transnistria") if c.is_admin1)
    assert transnistria.name.startswith("Stînga Nistrului")  # lookups still see the gazetteer's own name
    assert bundled.label(transnistria) == "Transnistria"
    assert bundled.label(bundled.admin1("RU", "73")) == "Tatarstan"
    assert bundled.label(bundled.admin1("US", "TX")) == "Texas"
