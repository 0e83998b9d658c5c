"""Outputs through the real `translate` command: unwritable, missing or folder-shaped
output paths are one-line errors found before any translating, a reviewer-edited DOCX is
never overwritten without --force, inputs are never modified and no temporary file is
ever left behind.

test_docx.py checks the overwrite guard on the renderer; test_translate_cli.py the
`.bilingual.docx` name for .docx inputs. Here the whole command is driven.
"""

from __future__ import annotations

import os
import shutil
import stat

import docx
import pytest
from cli_driver import (
    EXAMPLES,
    as_ordinary_user,
    assert_ok,
    assert_one_line_error,
    files_in,
    invoke,
    memory_path,
    memory_rows,
    run,
)

ARTICLE = "عنوان الخبر\n\nوصل الوفد إلى العاصمة صباح اليوم. وبدأت المحادثات فوراً.\n"


@pytest.fixture
def article(work_dir):
    path = work_dir / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _no_temporary_files(folder) -> None:
    leftovers = [name for name in files_in(folder) if name.endswith(".tmp") or os.path.basename(name).startswith(".")]
    assert leftovers == []


# --- unwritable, missing and folder-shaped output paths ----------------------------------------


@pytest.fixture
def read_only(work_dir):
    folder = work_dir / "read-only"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize("where", ["-o file", "-o folder/", "next to the input"])
def test_read_only_output_folder_is_one_line_before_translating(installed_model, work_dir, read_only, article, where):
    if where == "next to the input":
        source = read_only / "article.txt"
        shutil.copy(article, source)
        args = [source]
    else:
        source = article
        args = [source, "-o", read_only / "out.docx" if where == "-o file" else f"{read_only}/"]
    read_only.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    before = files_in(work_dir)
    outcome = run("translate", *args, "--no-glossary", preexec_fn=as_ordinary_user())
    assert_one_line_error(outcome, f"{read_only}: output folder is not writable")
    assert files_in(work_dir) == before
    assert memory_rows(memory_path()) == 0  # refused before translating


def test_unwritable_memory_is_one_line(installed_model, article, work_dir):
    cache = memory_path().parent
    cache.mkdir(parents=True)
    cache.chmod(0o555)
    try:
        outcome = run("translate", article, "--no-glossary", preexec_fn=as_ordinary_user())
        assert_one_line_error(outcome, "cannot open the translation memory", "--no-memory")
        assert_ok(run("translate", article, "--no-glossary", "--no-memory", preexec_fn=as_ordinary_user()))
    finally:
        cache.chmod(0o755)


def test_missing_output_folders_are_created(installed_model, work_dir, article):
    assert_ok(run("translate", article, "-o", work_dir / "missing" / "dir" / "out.docx", "--no-glossary"))
    assert files_in(work_dir / "missing") == ["dir/out.docx"]
    assert_ok(invoke("translate", article, "-o", f"{work_dir / 'new' / 'deeper'}/", "--no-glossary"))
    assert files_in(work_dir / "new") == ["deeper/article.docx"]


def test_output_folder_under_a_file_is_one_line(installed_model, work_dir, article):
    assert_one_line_error(
        invoke("translate", article, "-o", f"{article}/out/", "--no-glossary"), "cannot create the output folder"
    )


def test_an_existing_folder_as_output_receives_the_file(installed_model, work_dir, article):
    (work_dir / "out").mkdir()
    assert_ok(invoke("translate", article, "-o", work_dir / "out", "--no-glossary"))
    assert files_in(work_dir / "out") == ["article.docx"]


@pytest.mark.parametrize(
    "args, blocker",
    [
        ([], "article.docx"),
        (["--split-articles", "-o", "story.docx"], "story-01.docx"),
        (["-o", "out/"], "out/article.docx"),
    ],
    ids=["next to the input", "split articles", "folder output"],
)
def test_output_file_that_is_a_folder_is_one_line(installed_model, work_dir, article, args, blocker):
    (work_dir / blocker).mkdir(parents=True)
    args = [str(work_dir / a) if a.endswith((".docx", "/")) else a for a in args]
    outcome = invoke("translate", article, *args, "--no-glossary")
    assert_one_line_error(outcome, str(work_dir / blocker).rstrip("/"))
    assert (work_dir / blocker).is_dir() and list((work_dir / blocker).iterdir()) == []


# --- a reviewer's document at the output path ------------------------------------------------------


def _edit_first_english_cell(path, text="Reviewer's better wording.") -> None:
    document = docx.Document(str(path))
    document.tables[0].rows[1].cells[0].paragraphs[0].runs[0].text = text
    document.save(str(path))


def test_reviewer_edited_docx_is_refused_then_replaced_with_force(installed_model, work_dir, article):
    out = work_dir / "article.docx"
    assert_ok(invoke("translate", article, "--no-glossary"))
    _edit_first_english_cell(out)
    edited = out.read_bytes()
    article.write_text(ARTICLE + "\nجملة جديدة لم تترجم من قبل.\n", encoding="utf-8")
    rows = memory_rows(memory_path())

    outcome = invoke("translate", article, "--no-glossary")
    assert_one_line_error(outcome, f"{out}: edited since bilingual wrote it", "--force")
    assert out.read_bytes() == edited
    assert memory_rows(memory_path()) == rows  # refused before translating anything

    assert_ok(invoke("translate", article, "--no-glossary", "--force"))
    assert "Reviewer's better wording." not in "".join(
        c.text for r in docx.Document(str(out)).tables[0].rows for c in r.cells
    )
    assert_ok(invoke("translate", article, "--no-glossary"))  # bilingual's own output: overwritable again
    _no_temporary_files(work_dir)


def test_a_document_bilingual_did_not_write_is_refused(installed_model, work_dir, article):
    out = work_dir / "article.docx"
    shutil.copy(EXAMPLES / "article.docx", out)
    before = out.read_bytes()
    assert_one_line_error(invoke("translate", article, "--no-glossary"), "was not written by bilingual", "--force")
    assert out.read_bytes() == before


def test_one_edited_output_in_a_folder_run_stops_every_write(installed_model, work_dir):
    source = work_dir / "in"
    source.mkdir()
    for name in ("a", "b", "c"):
        (source / f"{name}.txt").write_text(ARTICLE.replace("الوفد", f"الوفد {name}"), encoding="utf-8")
    out = work_dir / "out"
    assert_ok(invoke("translate", source, "-o", f"{out}/", "--no-glossary"))
    _edit_first_english_cell(out / "b.docx")
    stamps = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()}
    assert_one_line_error(
        invoke("translate", source, "-o", f"{out}/", "--no-glossary"), "b.docx: edited since bilingual wrote it"
    )
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()} == stamps


# --- inputs are only ever read ---------------------------------------------------------------


def _snapshot(folder):
    return {
        p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_inputs_are_never_modified(installed_model, work_dir):
    source = work_dir / "in"
    source.mkdir()
    (source / "utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "legacy.txt").write_bytes(ARTICLE.replace("الخبر", "الخبر القديم").encode("cp1256"))
    (source / "windows.txt").write_bytes(ARTICLE.replace("الخبر", "الخبر الآخر").encode("utf-16"))
    shutil.copy(EXAMPLES / "article.docx", source / "story.docx")
    before = _snapshot(source)
    assert_ok(invoke("translate", source, "-o", f"{work_dir / 'out'}/", "--no-glossary"))
    assert_ok(invoke("translate", source, "--no-glossary", "--format", "json"))  # outputs beside the inputs
    assert_ok(invoke("translate", source / "story.docx", "--no-glossary", "--rows", "sentence"))
    after = _snapshot(source)
    assert {p: after[p] for p in before} == before
    assert sorted(p.name for p in after if p not in before) == [
        "legacy.json",
        "story.bilingual.docx",
        "story.json",
        "utf8.json",
        "windows.json",
    ]
    _no_temporary_files(work_dir)


@pytest.mark.parametrize("output", ["story.docx", "./story.docx", "../work/story.docx"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_the_input_as_output_is_refused(installed_model, work_dir, output, force, monkeypatch):
    monkeypatch.chdir(work_dir)
    shutil.copy(EXAMPLES / "article.docx", work_dir / "story.docx")
    before = (work_dir / "story.docx").read_bytes()
    outcome = invoke("translate", "story.docx", "-o", output, "--no-glossary", *force)
    assert_one_line_error(outcome, "is one of the inputs; inputs are never overwritten")
    assert (work_dir / "story.docx").read_bytes() == before


def test_a_text_input_as_output_is_refused_by_its_extension(installed_model, work_dir, article, monkeypatch):
    monkeypatch.chdir(work_dir)
    before = article.read_bytes()
    outcome = run("translate", "article.txt", "-o", "article.txt", "--format", "json", "--no-glossary", cwd=work_dir)
    assert_one_line_error(outcome, "'.txt' is not a format bilingual writes", code=2)
    assert article.read_bytes() == before


def test_two_inputs_for_one_output_are_refused(installed_model, work_dir):
    (work_dir / "story.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(EXAMPLES / "article.docx", work_dir / "story.docx")
    before = _snapshot(work_dir)
    out = work_dir / "out"
    assert_one_line_error(invoke("translate", work_dir, "-o", f"{out}/", "--no-glossary"), "would both be written to")
    # into the inputs' own folder, story.docx would replace an input
    assert_one_line_error(
        invoke("translate", work_dir, "-o", f"{work_dir}/", "--no-glossary"), "story.docx: is one of the inputs"
    )
    assert _snapshot(work_dir) == before
