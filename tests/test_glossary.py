"""The names glossary: file format, validation messages, discovery, add and list."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import BilingualError
from bilingual.names.glossary import (
    Entry,
    Glossary,
    add_entry,
    check_glossaries,
    check_glossary,
    discover_glossaries,
    load_glossaries,
    search_entries,
)

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "bilingual" / "glossaries" / "names.csv"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def messages(path: Path) -> list[str]:
    return [problem.display() for problem in check_glossary(path)]


# --- reading the format ---------------------------------------------------------------


def test_reads_a_plain_csv_with_line_numbers(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english,kind,note\nبوتين,Putin,person,\nكييف,Kyiv,place,house style\n")
    glossary = load_glossaries([path])
    assert glossary.entries == [
        Entry("بوتين", "Putin", "person", "", path, 2),
        Entry("كييف", "Kyiv", "place", "house style", path, 3),
    ]
    assert glossary.paths == [path] and glossary.warnings == []


def test_excel_bom_crlf_comments_and_blank_rows(tmp_path):
    text = "\ufeffarabic,english,kind,note\r\n# a comment, with commas\r\n\r\n,,,\r\nموسكو,Moscow,place,\r\n"
    path = write(tmp_path / "g.csv", text)
    [entry] = load_glossaries([path]).entries
    assert (entry.arabic, entry.english, entry.line) == ("موسكو", "Moscow", 5)


def test_kind_and_note_columns_are_optional(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\nحماس,Hamas\n")
    [entry] = load_glossaries([path]).entries
    assert (entry.kind, entry.note) == ("other", "")


def test_columns_may_come_in_any_order_and_any_case(tmp_path):
    path = write(tmp_path / "g.csv", "English,Arabic,Kind\nTehran,طهران,PLACE\n")
    [entry] = load_glossaries([path]).entries
    assert (entry.arabic, entry.english, entry.kind) == ("طهران", "Tehran", "place")


def test_tsv_and_semicolon_files(tmp_path):
    tsv = write(tmp_path / "g.tsv", "arabic\tenglish\tkind\tnote\nأنقرة\tAnkara\tplace\t\n")
    semi = write(tmp_path / "h.csv", "arabic;english;kind\nغزة;Gaza;place\n")
    assert [e.english for e in load_glossaries([tsv, semi]).entries] == ["Ankara", "Gaza"]


def test_excel_utf16_unicode_text(tmp_path):
    path = write(tmp_path / "g.tsv", "arabic\tenglish\nبيروت\tBeirut\n", encoding="utf-16")
    assert [e.english for e in load_glossaries([path]).entries] == ["Beirut"]


def test_quoted_cells_with_commas_and_newlines_keep_line_numbers(tmp_path):
    text = 'arabic,english,kind,note\nبوتين,Putin,person,"a note, with a comma\nand a second line"\nكييف,Kyiv,place,\n'
    path = write(tmp_path / "g.csv", text)
    glossary = load_glossaries([path])
    assert [(e.english, e.line) for e in glossary.entries] == [("Putin", 2), ("Kyiv", 4)]
    assert glossary.entries[0].note == "a note, with a comma\nand a second line"
    assert glossary.warnings == []


# --- validation messages --------------------------------------------------------------


def test_missing_header(tmp_path):
    path = write(tmp_path / "g.csv", "بوتين,Putin\n")
    assert messages(path) == [
        f"{path}:1: missing header: the first row must be arabic,english,kind,note (found: بوتين,Putin)"
    ]


def test_empty_file_has_no_header(tmp_path):
    path = write(tmp_path / "g.csv", "")
    assert messages(path) == [f"{path}:1: missing header: the first row must be arabic,english,kind,note"]


def test_cell_errors_point_at_their_line(tmp_path):
    text = (
        "arabic,english,kind\n"
        ",Putin,person\n"  # 2 empty arabic
        "بوتين,,person\n"  # 3 empty english
        "Putin,Putin,person\n"  # 4 no Arabic letters
        "بوتين,بوتين,person\n"  # 5 Arabic in english
        "بوتين,Putin,president\n"  # 6 unknown kind
        "بوتين,Putin,person,extra\n"  # 7 too many cells
    )
    path = write(tmp_path / "g.csv", text)
    assert messages(path) == [
        f"{path}:2: empty arabic cell",
        f"{path}:3: empty english cell",
        f"{path}:4: the arabic cell 'Putin' has no Arabic letters",
        f"{path}:5: the english cell 'بوتين' contains Arabic letters (columns swapped?)",
        f"{path}:6: unknown kind 'president' (use one of: person, place, org, agency, other)",
        f"{path}:7: 4 cells but the header has 3 columns (a comma inside a cell must be quoted)",
    ]


def test_same_arabic_after_normalization_with_two_targets_is_an_error_naming_both_lines(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\nزيلينسكي,Zelensky\nكييف,Kyiv\nزيلينسكى,Zelenskyy\n")
    assert messages(path) == [
        f"{path}:4: 'زيلينسكى' maps to 'Zelenskyy' here but 'زيلينسكي' maps to 'Zelensky' on line 2 "
        "(the same name once normalized)"
    ]


def test_conflicts_across_files_name_the_other_file(tmp_path):
    a = write(tmp_path / "a.csv", "arabic,english\nكييف,Kyiv\n")
    b = write(tmp_path / "b.csv", "arabic,english\nكييف,Kiev\n")
    [problem] = check_glossaries([a, b])
    assert (
        str(problem)
        == f"{b}:2: 'كييف' maps to 'Kiev' here but 'كييف' maps to 'Kyiv' on {a}:2 (the same name once normalized)"
    )


def test_duplicates_and_stray_whitespace_are_warnings(tmp_path):
    text = "arabic,english\nبوتين,Putin\nبوتين,Putin\nبوتينُ,Putin\n كييف ,Kyiv  \n"
    path = write(tmp_path / "g.csv", text)
    assert messages(path) == [
        f"{path}:3: warning: duplicate of line 2",
        f"{path}:4: warning: 'بوتينُ' is the same name as 'بوتين' on line 2 once normalized",
        f"{path}:5: warning: stray whitespace in the arabic cell",
        f"{path}:5: warning: stray whitespace in the english cell",
    ]
    glossary = load_glossaries([path])  # warnings do not stop loading
    assert [e.arabic for e in glossary.entries][-1] == "كييف"
    assert len(glossary.warnings) == 4


def test_function_word_collision_is_a_warning(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\nعلي,Ali\n")
    [message] = messages(path)
    assert message.startswith(f"{path}:2: warning: 'علي' reads as the common word 'على'")
    assert "exact spelling" in message


def test_not_utf8_points_at_the_line(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes(b"arabic,english\n" + "بوتين,Putin\n".encode("cp1256"))
    [message] = messages(path)
    assert message.startswith(f"{path}:2: not UTF-8 text")


def test_unknown_columns_are_a_warning_and_duplicate_columns_an_error(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english,source,english\nبوتين,Putin,x,Putin\n")
    assert messages(path) == [
        f"{path}:1: column 'english' appears twice in the header",
        f"{path}:1: warning: unknown column 'source' is ignored",
    ]


def test_load_stops_on_the_first_error_and_counts_the_rest(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\n,Putin\nبوتين,\nكييف,Kyiv,\n")
    with pytest.raises(BilingualError) as info:
        load_glossaries([path])
    assert str(info.value) == (
        f"{path}:2: empty arabic cell (and 1 more error); run 'bilingual glossary check' for the full list"
    )


def test_missing_file_is_a_problem(tmp_path):
    assert [str(p) for p in check_glossary(tmp_path / "nope.csv")] == [f"{tmp_path / 'nope.csv'}: file not found"]


# --- discovery ------------------------------------------------------------------------


def test_discovery_is_the_starter_then_the_house_folder_sorted(tmp_path, monkeypatch):
    folder = tmp_path / "house"
    folder.mkdir()
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(folder))
    for name in ("b.tsv", "a.csv", "notes.txt", "C.CSV"):
        (folder / name).write_text("arabic,english\n")
    found = discover_glossaries([])
    assert found[0] == STARTER
    assert [p.name for p in found[1:]] == ["C.CSV", "a.csv", "b.tsv"]
    assert discover_glossaries([], no_glossary=True) == []


def test_discovery_ignores_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "a.csv").write_text("arabic,english\n")
    assert discover_glossaries([]) == [STARTER]  # no house folder yet: the starter alone


def test_explicit_files_win_and_must_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = write(tmp_path / "mine.csv", "arabic,english\n")
    assert discover_glossaries([Path("mine.csv")]) == [Path("mine.csv")]
    assert discover_glossaries([mine]) == [mine]
    with pytest.raises(BilingualError, match="missing.csv: glossary file not found"):
        discover_glossaries([Path("missing.csv")])


# --- add and list ---------------------------------------------------------------------


def test_add_creates_the_file_with_its_header(tmp_path):
    path = tmp_path / "new" / "names.csv"
    entry, added = add_entry(path, "بوتين", "Putin")
    assert added and entry.line == 2 and entry.kind == "person"
    assert path.read_text() == "arabic,english,kind,note\nبوتين,Putin,person\n"
    assert load_glossaries([path]).entries == [Entry("بوتين", "Putin", "person", "", path, 2)]


def test_add_appends_without_touching_other_lines(tmp_path):
    original = '\ufeffarabic,english,kind,note\r\n# editors\' comment\r\n"كييف" ,Kyiv,place,\r\nموسكو,Moscow,place'
    path = write(tmp_path / "g.csv", original)
    entry, added = add_entry(path, "  بيونغ   يانغ ", "Pyongyang", kind="place", note="capital, North Korea")
    data = path.read_bytes()
    assert data.startswith(original.encode())
    assert data == (original + '\r\nبيونغ يانغ,Pyongyang,place,"capital, North Korea"\r\n').encode()
    assert added and entry.line == 5
    assert load_glossaries([path]).entries[-1] == entry


def test_add_to_a_tsv_uses_tabs(tmp_path):
    path = write(tmp_path / "g.tsv", "arabic\tenglish\n")
    add_entry(path, "غزة", "Gaza", kind="place")
    assert path.read_text() == "arabic\tenglish\nغزة\tGaza\n"


def test_add_refuses_a_conflict_naming_the_line(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\nكييف,Kyiv\nزيلينسكي,Zelensky\n")
    before = path.read_bytes()
    with pytest.raises(BilingualError) as info:
        add_entry(path, "زيلينسكى", "Zelenskyy")
    assert str(info.value) == (
        f"{path}:3: 'زيلينسكي' is already mapped to 'Zelensky'; edit that line instead of adding 'Zelenskyy'"
    )
    assert path.read_bytes() == before


def test_add_refuses_a_conflict_in_another_glossary(tmp_path):
    other = write(tmp_path / "other.csv", "arabic,english\nكييف,Kyiv\n")
    with pytest.raises(BilingualError, match="other.csv:2: 'كييف' is already mapped to 'Kyiv'"):
        add_entry(tmp_path / "g.csv", "كييف", "Kiev", others=[other])


def test_add_an_existing_entry_changes_nothing(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\nكييف,Kyiv\n")
    entry, added = add_entry(path, "كييف", "Kyiv", kind="place")
    assert not added and entry.line == 2
    assert path.read_text() == "arabic,english\nكييف,Kyiv\n"


@pytest.mark.parametrize(
    "arabic, english, kind, message",
    [
        ("Putin", "Putin", "person", "the arabic cell 'Putin' has no Arabic letters"),
        ("بوتين", "بوتين", "person", "the english cell 'بوتين' contains Arabic letters (columns swapped?)"),
        ("بوتين", "Putin", "leader", "unknown kind 'leader' (use one of: person, place, org, agency, other)"),
        ("  ", "Putin", "person", "empty arabic cell"),
    ],
)
def test_add_validates_the_new_row(tmp_path, arabic, english, kind, message):
    path = tmp_path / "g.csv"
    with pytest.raises(BilingualError) as info:
        add_entry(path, arabic, english, kind=kind)
    assert str(info.value) == message
    assert not path.exists()


def test_add_refuses_a_broken_file(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\n,Putin\n")
    with pytest.raises(BilingualError, match=r"g.csv:2: empty arabic cell"):
        add_entry(path, "كييف", "Kyiv")


def test_search_matches_either_side_and_kind(tmp_path):
    path = write(
        tmp_path / "g.csv",
        "arabic,english,kind\nزيلينسكي,Zelensky,person\nفولوديمير زيلنسكي,Volodymyr Zelensky,person\nكييف,Kyiv,place\n",
    )
    glossary = load_glossaries([path])
    assert [e.english for e in search_entries(glossary, "zelensky")] == ["Zelensky", "Volodymyr Zelensky"]
    assert [e.english for e in search_entries(glossary, "زيلينسكى")] == ["Zelensky"]  # folded ى
    assert [e.english for e in search_entries(glossary, kind="place")] == ["Kyiv"]
    assert [e.english for e in search_entries(glossary, "kyiv", kind="person")] == []
    assert len(search_entries(glossary)) == 3
    with pytest.raises(BilingualError, match="unknown kind 'leader'"):
        search_entries(glossary, kind="leader")


def test_add_then_list_round_trip(tmp_path):
    path = tmp_path / "g.csv"
    add_entry(path, "كييف", "Kyiv", kind="place")
    add_entry(path, "بوتين", "Putin", note="Russian president")
    glossary = load_glossaries([path])
    assert [(e.arabic, e.english, e.kind, e.note, e.line) for e in search_entries(glossary)] == [
        ("كييف", "Kyiv", "place", "", 2),
        ("بوتين", "Putin", "person", "Russian president", 3),
    ]


# --- the CLI --------------------------------------------------------------------------

runner = CliRunner()


def test_cli_check_prints_problems_and_exits_1_on_errors(tmp_path):
    bad = write(tmp_path / "bad.csv", "arabic,english\nبوتين,Putin\nبوتين,Poutine\nعلي,Ali\n")
    result = runner.invoke(app, ["glossary", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3: 'بوتين' maps to 'Poutine' here" in result.output
    assert f"{bad}:4: warning: 'علي' reads as the common word" in result.output


def test_cli_check_exits_0_with_warnings_only(tmp_path):
    path = write(tmp_path / "ok.csv", "arabic,english\nبوتين,Putin\nبوتين,Putin\n")
    result = runner.invoke(app, ["glossary", "check", str(path)])
    assert result.exit_code == 0
    assert f"{path}:3: warning: duplicate of line 2" in result.output


def test_cli_add_and_list(tmp_path):
    path = tmp_path / "g.csv"
    result = runner.invoke(app, ["glossary", "add", "كييف", "Kyiv", "--kind", "place", "-g", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:2: added كييف → Kyiv (place)" in result.output
    result = runner.invoke(app, ["glossary", "add", "كييف", "Kiev", "-g", str(path)])
    assert result.exit_code == 1
    assert "is already mapped to 'Kyiv'" in result.output
    result = runner.invoke(app, ["glossary", "list", "kyiv", "-g", str(path)])
    assert result.exit_code == 0
    assert "كييف" in result.output and "1 of 1 entries" in result.output


def test_cli_list_stops_on_glossary_errors(tmp_path):
    path = write(tmp_path / "g.csv", "arabic,english\n,Putin\n")
    result = runner.invoke(app, ["glossary", "list", "-g", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: empty arabic cell" in result.output


def test_glossary_cli_module_imports_only_typer():
    import subprocess
    import sys

    code = "import sys, bilingual.cli.glossary; print(sorted(m for m in sys.modules if m.startswith(('bilingual.names.glossary', 'bilingual.names.matcher', 'rich', 'ahocorasick'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the starter glossary -------------------------------------------------------------


def test_starter_glossary_is_clean_and_large_enough():
    assert [str(p) for p in check_glossary(STARTER)] == []
    glossary = load_glossaries([STARTER])
    assert len(glossary.entries) >= 200
    assert {e.kind for e in glossary.entries} >= {"person", "place", "org", "agency"}


def test_starter_glossary_uses_house_style():
    english = {e.arabic: e.english for e in load_glossaries([STARTER]).entries}
    assert english["كييف"] == "Kyiv"
    assert english["زيلينسكي"] == english["زيلنسكي"] == "Zelensky"
    assert english["كيم جونغ أون"] == "Kim Jong Un"
    assert english["بيونغ يانغ"] == "Pyongyang"
    assert english["الكرملين"] == "the Kremlin"
    assert english["الأمم المتحدة"] == "the United Nations"
    assert english["أ.ف.ب"] == english["أ ف ب"] == "AFP"
    assert english["د ب أ"] == "dpa" and english["إ.ب.أ"] == "EPA" and english["رويترز"] == "Reuters"


def test_starter_glossary_leaves_out_ambiguous_common_words():
    """Left out, or kept only with context=cue (read after في، مدينة… or in a list of places)."""
    context = {e.arabic: e.context for e in load_glossaries([STARTER]).entries}
    for word in ("علي", "عمان", "سورية", "مالي", "صور", "فتح", "لولا", "القاعدة", "مسقط", "الجزيرة"):
        assert context.get(word, "cue") == "cue", word


def test_glossary_type_defaults():
    assert Glossary().entries == [] and Glossary().paths == []
