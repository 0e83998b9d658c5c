"""Output names that mean what they say, and files that are never harmed (issue 11 item 4,
issue 15 items 1 and 7): every check drives the real `translate` command in a subprocess
with the tiny real model, except the grouping test, which needs a small group size."""

from __future__ import annotations

import json
import shutil
import time

import pytest
from cli_driver import EXAMPLES, assert_ok, assert_one_line_error, files_in, run, write_articles

ARTICLE = "عنوان الخبر\n\nوصل الوفد إلى العاصمة صباح اليوم. وبدأت المحادثات فوراً.\n"
TWO_ARTICLES = (
    "العنوان الأول\n\nوصل الوفد إلى العاصمة صباح اليوم.\n\n\n\nالعنوان الثاني\n\nبدأت المحادثات حول الاقتصاد والطاقة.\n"
)


@pytest.fixture
def article(work_dir):
    path = work_dir / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- -o names and formats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["-o", "x.pdf"], "'.pdf' is not a format bilingual writes; name a file ending in .docx, .json, .xliff, .xlf"),
        (["-o", "x.docx", "--format", "json"], "the extension says docx but --format says json"),
        (["--format", "xlsx"], "--format must be one of docx, json, xliff"),
        (["-o", "-", "--split-articles", "--format", "json"], "--split-articles writes one file per article"),
    ],
)
def test_contradictory_outputs_are_usage_errors_and_nothing_is_written(
    installed_model, work_dir, article, args, fragment
):
    outcome = run("translate", article, "--no-glossary", *args, cwd=work_dir)
    assert_one_line_error(outcome, fragment, code=2)
    assert files_in(work_dir) == ["article.txt"]


@pytest.mark.parametrize("fmt", ["docx", "json", "xliff"])
def test_split_articles_works_with_every_format(installed_model, work_dir, fmt):
    story = work_dir / "story.txt"
    story.write_text(TWO_ARTICLES, encoding="utf-8")
    assert_ok(run("translate", story, "--no-glossary", "--split-articles", "-o", work_dir / "out" / f"s.{fmt}"))
    assert files_in(work_dir / "out") == [f"s-01.{fmt}", f"s-02.{fmt}"]
    if fmt == "json":
        headlines = [
            json.loads((work_dir / "out" / f"s-0{i}.json").read_text(encoding="utf-8"))["articles"][0]["headline"]
            for i in (1, 2)
        ]
        assert headlines == ["العنوان الأول", "العنوان الثاني"]
    # a second run replaces its own unedited outputs
    assert_ok(run("translate", story, "--no-glossary", "--split-articles", "-o", work_dir / "out" / f"s.{fmt}"))


# --- protected files --------------------------------------------------------------------------


def test_json_that_bilingual_did_not_write_is_protected(installed_model, work_dir, article):
    theirs = work_dir / "report.json"
    theirs.write_text('{"owner": "the graphics desk"}\n', encoding="utf-8")
    before = theirs.read_bytes()
    outcome = run("translate", article, "--no-glossary", "-o", theirs)
    assert_one_line_error(outcome, "report.json: exists and was not written by bilingual as JSON", "--force", code=1)
    assert theirs.read_bytes() == before
    assert_ok(run("translate", article, "--no-glossary", "-o", theirs, "--force"))
    assert "fingerprint" in json.loads(theirs.read_text(encoding="utf-8"))


def test_own_json_is_replaced_edited_json_is_not(installed_model, work_dir, article):
    out = work_dir / "article.json"
    assert_ok(run("translate", article, "--no-glossary", "-o", out))
    data = json.loads(out.read_text(encoding="utf-8"))
    out.write_text(json.dumps(data, ensure_ascii=False, indent=4), encoding="utf-8")  # re-indented: same content
    assert_ok(run("translate", article, "--no-glossary", "-o", out))
    data = json.loads(out.read_text(encoding="utf-8"))
    data["articles"][0]["blocks"][0]["translation"] = "An editor's better headline"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    edited = out.read_bytes()
    assert_one_line_error(
        run("translate", article, "--no-glossary", "-o", out), "edited since bilingual wrote it", code=1
    )
    assert out.read_bytes() == edited


def test_own_xliff_is_replaced_a_translators_edits_are_not(installed_model, work_dir, article):
    out = work_dir / "article.xlf"
    assert_ok(run("translate", article, "--no-glossary", "-o", out))
    assert_ok(run("translate", article, "--no-glossary", "-o", out))  # own, unedited: replaced
    text = out.read_text(encoding="utf-8")
    start = text.index("<target")
    end = text.index("</target>", start)
    edited = text[: text.index(">", start) + 1] + "A translator's English" + text[end:]
    out.write_text(edited, encoding="utf-8")
    outcome = run("translate", article, "--no-glossary", "-o", out)
    assert_one_line_error(outcome, "edited since bilingual wrote it", code=1)
    assert out.read_text(encoding="utf-8") == edited
    assert_ok(run("translate", article, "--no-glossary", "-o", out, "--force"))
    assert "A translator's English" not in out.read_text(encoding="utf-8")


def test_a_docx_at_a_json_path_is_protected(installed_model, work_dir, article):
    """issue 15: `--format json -o edited.docx` overwrote a reviewer's DOCX; a DOCX renamed
    to .json is not bilingual's JSON either."""
    renamed = work_dir / "review.json"
    shutil.copy(EXAMPLES / "article.docx", renamed)
    before = renamed.read_bytes()
    assert_one_line_error(run("translate", article, "--no-glossary", "-o", renamed), "not written by bilingual", code=1)
    assert renamed.read_bytes() == before


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_glossary_in_use_is_never_an_output(installed_model, work_dir, article, force):
    glossary = work_dir / "desk.json"  # any name: -g reads CSV whatever the extension
    glossary.write_text("arabic,english\nالوفد,the delegation\n", encoding="utf-8")
    before = glossary.read_bytes()
    outcome = run("translate", article, "-g", glossary, "-o", glossary, *force)
    assert_one_line_error(outcome, "is an input or a glossary in use; it is never overwritten", code=1)
    assert glossary.read_bytes() == before


def test_a_symlink_to_an_input_is_never_an_output(installed_model, work_dir):
    story = work_dir / "story.docx"
    shutil.copy(EXAMPLES / "article.docx", story)
    (work_dir / "link.docx").symlink_to(story)
    before = story.read_bytes()
    outcome = run("translate", story, "--no-glossary", "-o", work_dir / "link.docx", "--force")
    assert_one_line_error(outcome, "never overwritten", code=1)
    assert story.read_bytes() == before


# --- folder runs: keep going, write as documents finish ---------------------------------------


def test_keep_going_finishes_past_a_bad_file(installed_model, work_dir):
    inputs = work_dir / "in"
    write_articles(inputs, articles=3, paragraphs=1, sentences=2)
    (inputs / "article01.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    out = work_dir / "out"
    stopped = run("translate", inputs, "-o", f"{out}/", "--no-glossary")
    assert_one_line_error(stopped, "article01.txt", code=2)
    assert not out.exists()
    outcome = run("translate", inputs, "-o", f"{out}/", "--no-glossary", "--keep-going")
    assert outcome.code == 1, outcome.output
    assert "Traceback" not in outcome.output
    assert files_in(out) == ["article00.docx", "article02.docx"]
    last = outcome.stderr.strip().splitlines()[-1]
    assert "1 input(s) failed" in last and "article01.txt" in last


def test_keep_going_skips_a_protected_output(installed_model, work_dir):
    inputs = work_dir / "in"
    write_articles(inputs, articles=2, paragraphs=1, sentences=2)
    out = work_dir / "out"
    out.mkdir()
    (out / "article00.docx").write_bytes(b"someone else's file")
    outcome = run("translate", inputs, "-o", f"{out}/", "--no-glossary", "--keep-going")
    assert outcome.code == 1 and "article00.docx: exists and was not written by bilingual" in outcome.stderr
    assert (out / "article00.docx").read_bytes() == b"someone else's file"
    assert (out / "article01.docx").stat().st_size > 1000


def test_documents_are_written_as_their_group_finishes(installed_model, work_dir, monkeypatch):
    """With a group of one sentence, each document is written before the next one is
    translated: the first `Wrote` comes before the last sentence is translated."""
    from bilingual.api import translate_files
    from bilingual.outputs import run as run_module
    from bilingual.outputs.plan import TranslateOptions

    write_articles(work_dir / "in", articles=3, paragraphs=1, sentences=2)
    monkeypatch.setattr(run_module, "GROUP_SENTENCES", 1)
    events: list[str] = []
    report = translate_files(
        [str(work_dir / "in")],
        TranslateOptions(output=f"{work_dir / 'out'}/", format="json", glossaries=[]),
        on_progress=lambda done, total: events.append("progress"),
        notify=lambda line: events.append("wrote" if line.startswith("Wrote") else "other"),
    )
    assert len(report.written) == 3 and not report.failed
    assert events.index("wrote") < len(events) - 1 - events[::-1].index("progress")


# --- scale --------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_ten_thousand_small_files_plan_in_linear_time(work_dir):
    """10,000 inputs are planned, read and checked up to the model (none installed here,
    so the run stops there): linear work, a few seconds; quadratic planning took minutes
    for 2,000. The bound is on the test (pytest-timeout), not on the tool."""
    folder = work_dir / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"a{i:05d}.txt").write_text(f"عنوان {i}\n\nوصل الوفد إلى العاصمة {i}.\n", encoding="utf-8")
    start = time.perf_counter()
    outcome = run("translate", folder, "-o", f"{work_dir / 'out'}/", "--no-glossary", timeout=220)
    elapsed = time.perf_counter() - start
    assert_one_line_error(outcome, "no Arabic→English model installed")
    assert not (work_dir / "out").exists()
    print(f"10,000 inputs planned and read in {elapsed:.1f} s")
