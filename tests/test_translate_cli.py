"""`bilingual translate` end to end on the tiny real model (mechanics, not wording)."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GLOSSARY = ROOT / "bilingual" / "glossaries" / "names.csv"
runner = CliRunner()


def translate(*args):
    return runner.invoke(app, ["translate", *map(str, args)])


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "scraped.txt"
    shutil.copy(EXAMPLES / "scraped.txt", path)
    return path


def test_json_output_gives_every_block_a_translation_and_every_name_a_status(installed_model, article, tmp_path):
    out = tmp_path / "out.json"
    result = translate(article, "-o", out, "-g", GLOSSARY)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    blocks = [b for a in data["articles"] for b in a["blocks"]]
    assert len(data["articles"]) == 2 and len(blocks) == 17
    names = [n for b in blocks for n in b["names"]]
    assert len(names) > 20
    for block in blocks:
        assert block["translation"].strip()
        assert [s["source"] for s in block["segments"]] == block["sentences"]
        for name in block["names"]:
            assert name["status"] in ("kept", "repaired", "missing")
            if name["status"] != "missing":
                core = name["english"][4:] if name["english"].startswith("the ") else name["english"]
                assert core in block["translation"]


def test_second_run_is_served_entirely_from_memory(installed_model, article, tmp_path):
    first = translate(article, "-o", tmp_path / "a.json", "--no-glossary")
    second = translate(article, "-o", tmp_path / "b.json", "--no-glossary")
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert "0 from memory" in first.output
    segments = [
        s for a in json.loads((tmp_path / "b.json").read_text())["articles"] for b in a["blocks"] for s in b["segments"]
    ]
    assert segments and all(s["from_memory"] for s in segments)
    assert f"{len(segments)} from memory" in second.output.replace("sentence(s) (", "")


def test_memory_served_run_gives_the_same_names_and_english(installed_model, article, tmp_path):
    """The memory keeps the attention alignment, so repairs do not change on a rerun."""
    translate(article, "-o", tmp_path / "a.json", "-g", GLOSSARY)
    translate(article, "-o", tmp_path / "b.json", "-g", GLOSSARY)

    def names_and_english(path):
        data = json.loads(path.read_text(encoding="utf-8"))
        blocks = [b for a in data["articles"] for b in a["blocks"]]
        return [(n["surface"], n["status"], n["rendered"]) for b in blocks for n in b["names"]], [
            b["translation"] for b in blocks
        ]

    assert names_and_english(tmp_path / "a.json") == names_and_english(tmp_path / "b.json")


def test_no_memory_flag_bypasses_the_memory(installed_model, article, tmp_path):
    translate(article, "-o", tmp_path / "a.json", "--no-glossary")
    translate(article, "-o", tmp_path / "b.json", "--no-glossary", "--no-memory")
    segments = [
        s for a in json.loads((tmp_path / "b.json").read_text())["articles"] for b in a["blocks"] for s in b["segments"]
    ]
    assert not any(s["from_memory"] for s in segments)


def test_default_output_is_a_docx_next_to_the_input(installed_model, article):
    result = translate(article, "--no-glossary")
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(article.with_suffix(".docx")))
    assert len(document.tables) >= 2  # one table per article (+ the Names table)
    assert article.read_text(encoding="utf-8") == (EXAMPLES / "scraped.txt").read_text(encoding="utf-8")


def test_docx_input_is_never_overwritten(installed_model, tmp_path):
    source = tmp_path / "article.docx"
    shutil.copy(EXAMPLES / "article.docx", source)
    before = source.read_bytes()
    result = translate(source, "--no-glossary")
    assert result.exit_code == 0, result.output
    assert source.read_bytes() == before
    assert (tmp_path / "article.bilingual.docx").exists()


def test_folder_in_folder_out(installed_model, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    result = translate(folder, "-o", f"{tmp_path / 'out'}/", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["article.docx", "plain.docx", "scraped.docx"]


def test_split_articles(installed_model, article, tmp_path):
    result = translate(article, "-o", tmp_path / "story.docx", "--split-articles", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("story-*.docx")) == ["story-01.docx", "story-02.docx"]


def test_stdin_to_stdout_json(installed_model):
    text = (EXAMPLES / "plain.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["translate", "-", "--format", "json", "--no-glossary"], input=text)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"][0]["blocks"][0]["kind"] == "headline"


@pytest.mark.parametrize(
    "extra, message",
    [
        (["-o", "x.docx", "EXTRA"], "need an output folder"),
        (["--format", "pdf"], "--format must be one of"),
        (["--rows", "page"], "--rows must be block or sentence"),
        (["--beam", "0"], "0 is not in the range 1<=x<=16"),
    ],
)
def test_bad_options_are_one_line_errors(installed_model, article, extra, message, tmp_path):
    extra = [str(article) if e == "EXTRA" else e for e in extra]
    result = translate(article, *extra)
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output


def test_without_a_model_says_how_to_install_one(article):
    result = translate(article, "--no-glossary")
    assert result.exit_code != 0
    assert "bilingual models install" in result.output and ".argosmodel" in result.output


def test_first_run_online_installs_the_model_by_itself(local_index, article, tmp_path):
    result = translate(article, "-o", tmp_path / "out.json", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert "downloading it from the Argos package index" in result.output
    assert any(hit.endswith(".argosmodel") for hit in local_index)
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["articles"]
