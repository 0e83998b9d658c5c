"""Suggesting names the glossary does not know yet (cue-announced words)."""

import csv
from pathlib import Path

from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.document import Document
from bilingual.names.glossary import Entry
from bilingual.names.matcher import NameMatcher, annotate_names
from bilingual.names.suggest import suggest_names
from bilingual.reading.layout import parse_text

TEXT = """اجتماع في فيلنيوس

وقال وزير الخارجية الليتواني كيستوتيس بودريس إن بلاده مستعدة. وأكد الناطق باسم الكرملين دميتري بيسكوف للصحافيين أن موسكو تتابع.
وفي مدينة شياولياي، قال رئيس البلدية أرتوراس فيسوكاس إن الوضع هادئ، بحسب وكالة إلتا للأنباء. والتقى بودريس لاحقاً الرئيس الذي انتخب حديثاً.
وقال وزير الخارجية الليتواني كيستوتيس بودريس مرة أخرى إن الحوار مستمر.
وأكد الوزير مازن الفراية أن مخيم الزعتري عائدين إليه كثر.
"""


def suggestions(glossary_rows):
    document = Document("t.txt", parse_text(TEXT))
    annotate_names(document, NameMatcher([Entry(a, e, k) for a, e, k in glossary_rows]))
    return {(s.arabic, s.kind): s.count for s in suggest_names([document])}


def test_cue_announced_names_are_suggested_with_counts():
    found = suggestions([("دميتري بيسكوف", "Dmitry Peskov", "person")])
    assert found[("كيستوتيس بودريس", "person")] == 2
    assert found[("شياولياي", "place")] == 1
    assert found[("أرتوراس فيسوكاس", "person")] == 1
    assert found[("وكالة إلتا", "org")] == 1
    assert found[("مازن الفراية", "person")] == 1  # family names with the article stay whole
    assert found[("الزعتري", "place")] == 1


def test_names_the_glossary_knows_are_not_suggested():
    found = suggestions(
        [("دميتري بيسكوف", "Dmitry Peskov", "person"), ("كيستوتيس بودريس", "Kestutis Budrys", "person")]
    )
    assert not any("بيسكوف" in arabic or "بودريس" in arabic for arabic, _ in found)


def test_no_suggestion_without_a_name_after_the_cue():
    found = suggestions([])
    assert not any(arabic.startswith(("الذي", "الليتواني", "الخارجية")) for arabic, _ in found)
    assert ("دميتري بيسكوف", "person") in found  # without a glossary it is a suggestion


def test_cli_prints_fill_in_rows(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["glossary", "suggest", str(article), "--no-glossary", "--csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "arabic,english,kind,note"
    row = next(line for line in lines if line.startswith("كيستوتيس بودريس,"))
    arabic, english, kind, note = next(csv.reader([row]))
    assert (english, kind) == ("Kistotis Budris", "person")  # a transliteration, marked as a guess
    assert note.startswith("english guessed; cue; seen 2x; ") and "بودريس" in note
