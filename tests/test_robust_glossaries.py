"""Bad glossaries through the real CLI: Excel's dialects are read, broken files are a
clear one-line error that points at the row, big files are fast, and nothing bilingual
writes can run as a spreadsheet formula.

test_glossary.py covers the parser and validator function by function; here the same
files go through `glossary check/list/export/add`, `inspect` and `translate`.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import time

import pytest
from cli_driver import assert_ok, assert_one_line_error, invoke

TEXT = "قال بيسكوف إن الكرملين يرحب بالمحادثات في كييف.\n"
ROWS = [
    ("بيسكوف", "Peskov", "person", "Kremlin spokesman, since 2012"),
    ("الكرملين", "the Kremlin", "org", ""),
    ("كييف", "Kyiv", "place", ""),
]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _found(outcome) -> list[str]:
    data = json.loads(outcome.stdout)
    return [n["english"] for a in data["articles"] for b in a["blocks"] for n in b["names"]]


def _excel_bytes(
    delimiter: str, *, bom: bool = True, crlf: bool = True, hint: bool = False, encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    if hint:
        out.write(f"sep={delimiter}" + ("\r\n" if crlf else "\n"))
    writer.writerow(["arabic", "english", "kind", "note"])
    writer.writerows(ROWS)
    prefix = "\ufeff" if bom else ""
    return (prefix + out.getvalue()).encode(encoding)


EXCEL_FILES = {
    "csv utf-8 (bom, crlf)": ("names.csv", lambda: _excel_bytes(",")),
    "csv with ; (european excel)": ("names.csv", lambda: _excel_bytes(";")),
    "csv with sep=; hint line": ("names.csv", lambda: _excel_bytes(";", hint=True)),
    "csv with sep=, hint line": ("names.csv", lambda: _excel_bytes(",", hint=True, bom=False)),
    "unicode text (utf-16, tabs)": ("names.csv", lambda: _excel_bytes("\t", encoding="utf-16")),
    "tsv, lf, no bom": ("names.tsv", lambda: _excel_bytes("\t", bom=False, crlf=False)),
}


@pytest.mark.parametrize("case", sorted(EXCEL_FILES))
def test_excel_dialects_are_read_and_used(case, tmp_path, article, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # the list table on one line per entry
    name, make = EXCEL_FILES[case]
    glossary = tmp_path / name
    glossary.write_bytes(make())
    check = invoke("glossary", "check", glossary)
    assert_ok(check)
    assert "0 error(s), 0 warning(s)" in check.stderr
    outcome = invoke("inspect", article, "--json", "-g", glossary)
    assert_ok(outcome)
    assert _found(outcome) == ["Peskov", "the Kremlin", "Kyiv"]
    listed = invoke("glossary", "list", "-g", glossary)
    assert_ok(listed)
    assert "Kremlin spokesman, since 2012" in listed.stdout


BROKEN = {
    # name: (file text, line:message the one-line error must contain)
    "wrong header": ("Arabic Name,English Name\nبيسكوف,Peskov\n", "g.csv:1: missing header"),
    "no header at all": ("بيسكوف,Peskov,person\n", "g.csv:1: missing header"),
    "only a sep= line": ("sep=;\n", "g.csv:1: missing header"),
    "unknown separator": ("arabic|english\nبيسكوف|Peskov\n", "g.csv:1: missing header"),
    "empty english cell": ("arabic,english,kind\nبيسكوف,Peskov,person\nكييف,,place\n", "g.csv:3: empty english cell"),
    "empty arabic cell": ("arabic,english\n,Peskov\n", "g.csv:2: empty arabic cell"),
    "columns swapped": ("arabic,english\nPeskov,بيسكوف\n", "g.csv:2: the arabic cell 'Peskov' has no Arabic letters"),
    "unknown kind": ("arabic,english,kind\nبيسكوف,Peskov,spokesman\n", "g.csv:2: unknown kind 'spokesman'"),
    "too many cells": (
        "arabic,english,kind\nبيسكوف,Peskov, Dmitry,person\n",
        "g.csv:2: 4 cells but the header has 3 columns",
    ),
    "conflict": ("arabic,english\nبيسكوف,Peskov\nبيسكوف,Peskoff\n", "g.csv:3: 'بيسكوف' maps to 'Peskoff' here but"),
    "conflict after normalization": ("arabic,english\nكييف,Kyiv\nكيِيف,Kiev\n", "g.csv:3: 'كيِيف' maps to 'Kiev'"),
    "conflict through a hyphen": (
        "arabic,english\nكيم جونغ أون,Kim Jong Un\nكيم جونغ-أون,Kim Jong-un\n",
        "g.csv:3: 'كيم جونغ-أون' maps to 'Kim Jong-un' here but 'كيم جونغ أون' maps to 'Kim Jong Un' on line 2",
    ),
    "not utf-8": (None, "g.csv:2: not UTF-8 text"),
    "unclosed quote swallowing the next rows": (
        'arabic,english,kind,note\nبيسكوف,Peskov,person,"spokesman\nكييف,Kyiv,place,\nالكرملين,the Kremlin,org,\n',
        'g.csv:2: unreadable row (a quote (") opened in this row is never closed',
    ),
    "unclosed quote running into a later quoted cell": (
        'arabic,english,kind,note\nبيسكوف,Peskov,person,"spokesman\nكييف,Kyiv,place,\nالكرملين,the Kremlin,org,"the seat"\n',
        "g.csv:2: unreadable row",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_glossary_is_one_line_pointing_at_the_row(case, tmp_path, article):
    text, message = BROKEN[case]
    glossary = tmp_path / "g.csv"
    glossary.write_bytes("arabic,english\nبيسكوف,Peskov\n".encode("cp1256") if text is None else text.encode("utf-8"))
    for command in (["inspect", article, "--json"], ["translate", article, "--format", "json", "-o", "-"]):
        outcome = invoke(*command, "-g", glossary)
        line = assert_one_line_error(outcome, message)
        assert "bilingual glossary check" in line
    check = invoke("glossary", "check", glossary)
    assert check.code == 1 and check.exception is None
    assert any(message.replace("g.csv", str(glossary)) in line for line in check.stdout.splitlines())


def test_multi_line_notes_from_excel_are_still_fine(tmp_path, article):
    """Alt+Enter in a note cell: Excel quotes it properly, and that is not a stray quote."""
    glossary = tmp_path / "g.csv"
    glossary.write_bytes(
        'arabic,english,kind,note\r\nبيسكوف,Peskov,person,"line one\r\nline ""two"""\r\nكييف,Kyiv,place,\r\n'.encode()
    )
    assert "0 error(s)" in invoke("glossary", "check", glossary).stderr
    assert _found(invoke("inspect", article, "--json", "-g", glossary)) == ["Peskov", "Kyiv"]


def test_conflict_across_two_files_names_both(tmp_path, article):
    (tmp_path / "a.csv").write_text("arabic,english\nكييف,Kyiv\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("arabic\tenglish\nكييف\tKiev\n", encoding="utf-8")
    outcome = invoke("inspect", article, "-g", tmp_path / "a.csv", "-g", tmp_path / "b.tsv")
    assert_one_line_error(outcome, "b.tsv:2:", "a.csv:2")


# --- size -------------------------------------------------------------------------------------


def _big_glossary(path, rows: int, conflict_at_end: bool = False) -> list[str]:
    """Write `rows` distinct Arabic names (four letters + ون, so none folds onto another),
    every thousandth with a formula-like note; return the names."""
    letters = "بتثجحخدذرزسشصضطظعغفقكلمن"
    names = ["".join(combo) + "ون" for combo in itertools.islice(itertools.product(letters, repeat=4), rows)]
    lines = ["arabic,english,kind,note"]
    lines += [f"{name},Name {i},person,{'=note' if i % 1000 == 0 else ''}" for i, name in enumerate(names)]
    if conflict_at_end:
        lines.append(f"{names[0]},Someone Else,person,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def _timed(*args):
    started = time.perf_counter()
    outcome = invoke(*args)
    return outcome, time.perf_counter() - started


@pytest.mark.slow
def test_100000_rows_are_fast_and_linear(tmp_path):
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    _big_glossary(small, 25_000)
    names = _big_glossary(big, 100_000)
    text = tmp_path / "article.txt"
    text.write_text(f"قال {names[0]} إن " + f"{names[1]} " * 50 + "وصل.\n", encoding="utf-8")

    _, small_seconds = _timed("glossary", "check", small)
    check, seconds = _timed("glossary", "check", big)
    assert_ok(check)
    assert "0 error(s)" in check.stderr
    assert seconds < 20, f"check took {seconds:.1f} s"
    assert seconds < 8 * small_seconds + 1.0, f"4x the rows took {seconds / small_seconds:.1f}x the time"

    inspected, seconds = _timed("inspect", text, "--json", "-g", big)
    assert_ok(inspected)
    assert seconds < 20
    assert _found(inspected)[:2] == ["Name 0", "Name 1"] and len(_found(inspected)) == 51

    listed, seconds = _timed("glossary", "list", "Name 99999", "-g", big)
    assert_ok(listed)
    assert "1 of 100000 entries" in listed.stdout and seconds < 20

    exported, seconds = _timed("glossary", "export", "-g", big, "-o", tmp_path / "all.csv")
    assert_ok(exported)
    assert seconds < 20
    assert len((tmp_path / "all.csv").read_text(encoding="utf-8-sig").splitlines()) == 100_001


def test_an_error_on_row_100001_is_found_and_named(tmp_path):
    big = tmp_path / "big.csv"
    first = _big_glossary(big, 100_000, conflict_at_end=True)[0]
    outcome = invoke("inspect", "-", "-g", big, input="نص.")
    assert_one_line_error(
        outcome, f"{big}:100002: '{first}' maps to 'Someone Else' here but '{first}' maps to 'Name 0' on line 2"
    )


# --- formula injection ----------------------------------------------------------------------

DANGEROUS = [
    ("بيسكوف", '=HYPERLINK("http://evil.example","Peskov")', "person", "+7 495 606 3602"),
    ("كييف", "Kyiv", "place", "-see also Kiev"),
    ("الكرملين", "@Kremlin", "org", "\tindented"),
    ("=بوتين", "Putin", "person", "\rcarriage"),
    ("زيلينسكي", "Zelensky", "person", "note with [/] and [bold]markup[/bold]"),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def dangerous_glossary(tmp_path):
    path = tmp_path / "dangerous.csv"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # so that cells with a CR are quoted
    writer.writerow(["arabic", "english", "kind", "note"])
    writer.writerows(DANGEROUS)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _cells(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_export_never_writes_a_cell_a_spreadsheet_would_run(dangerous_glossary, tmp_path, fmt, to_file):
    args = ["glossary", "export", "-g", dangerous_glossary, "--format", fmt]
    out = tmp_path / f"export.{fmt}"
    outcome = invoke(*args, *(["-o", out] if to_file else []))
    assert_ok(outcome)
    text = out.read_text(encoding="utf-8-sig") if to_file else outcome.stdout
    rows = _cells(text, "\t" if fmt == "tsv" else ",")
    assert rows[0] == ["arabic", "english", "kind", "note"] and len(rows) == 1 + len(DANGEROUS)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    # ...and bilingual reads its export back to exactly the entries it came from
    if to_file:
        again = invoke("glossary", "export", "-g", out, "--format", fmt)
        assert_ok(again)
        assert _cells(again.stdout, "\t" if fmt == "tsv" else ",") == rows
        found = invoke("inspect", "-", "--json", "-g", out, input="قال بيسكوف في كييف")
        assert _found(found) == [DANGEROUS[0][1], "Kyiv"]


def test_export_merges_every_glossary_in_use(tmp_path, monkeypatch):
    """The starter glossary, then the house folder's files in name order; a house row
    replaces the starter's row for the same Arabic instead of conflicting with it."""
    house = tmp_path / "house"
    house.mkdir()
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(house))
    (house / "a.csv").write_text("arabic,english,kind\nكييف,Kiev,place\nبيسكوف,Peskov,person\n", encoding="utf-8")
    (house / "b.tsv").write_text(
        "arabic\tenglish\tkind\nبيسكوف\tPeskov\tperson\nالكرملين\tthe Kremlin\torg\n", encoding="utf-8"
    )
    outcome = invoke("glossary", "export")
    assert_ok(outcome)
    rows = [row[:2] for row in _cells(outcome.stdout, ",")[1:]]
    assert rows[-3:] == [["كييف", "Kiev"], ["بيسكوف", "Peskov"], ["الكرملين", "the Kremlin"]]
    assert ["كييف", "Kyiv"] not in rows  # the starter's row, overridden
    assert len(rows) > 10_000  # the starter glossary is underneath


def test_export_refuses_to_overwrite_a_glossary_it_reads(dangerous_glossary):
    before = dangerous_glossary.read_bytes()
    assert_one_line_error(
        invoke("glossary", "export", "-g", dangerous_glossary, "-o", dangerous_glossary),
        "is one of the glossaries being exported",
    )
    assert dangerous_glossary.read_bytes() == before


def test_export_errors_are_one_line(tmp_path, monkeypatch, dangerous_glossary):
    assert_one_line_error(
        invoke("glossary", "export", "-g", dangerous_glossary, "--format", "xlsx"), "--format must be csv or tsv"
    )
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(dangerous_glossary))
    assert_one_line_error(invoke("glossary", "export"), "the house glossary folder is a file")
    assert_one_line_error(invoke("glossary", "export", "-g", tmp_path / "none.csv"), "glossary file not found")
    assert_one_line_error(
        invoke("glossary", "export", "-g", dangerous_glossary, "-o", tmp_path / "missing" / "x.csv"),
        "output folder does not exist",
    )


def test_list_shows_cells_literally(dangerous_glossary, monkeypatch):
    """`list` prints a table, not CSV; its cells are shown as written (rich markup in a note
    used to be interpreted, and "[/]" crashed the command)."""
    monkeypatch.setenv("COLUMNS", "400")
    outcome = invoke("glossary", "list", "-g", dangerous_glossary)
    assert_ok(outcome)
    flat = " ".join(outcome.stdout.replace("│", " ").split())
    assert "[/]" in flat and "[bold]markup[/bold]" in flat
    assert "5 of 5 entries" in outcome.stdout
    for line in outcome.stdout.splitlines():
        assert not line.startswith(FORMULA_STARTS)


def test_add_writes_formula_cells_escaped_and_reads_them_back(tmp_path):
    glossary = tmp_path / "names.csv"
    outcome = invoke("glossary", "add", "بيسكوف", "@Peskov", "--note", "-spokesman", "-g", glossary)
    assert_ok(outcome)
    rows = _cells(glossary.read_text(encoding="utf-8"), ",")
    assert rows[1] == ["بيسكوف", "'@Peskov", "person", "'-spokesman"]
    found = invoke("inspect", "-", "--json", "-g", glossary, input="قال بيسكوف")
    assert _found(found) == ["@Peskov"]
    again = invoke("glossary", "add", "بيسكوف", "@Peskov", "-g", glossary)
    assert "already there" in again.stdout
