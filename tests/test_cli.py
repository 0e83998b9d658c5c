"""The command line as a user meets it: help, inspect, errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("translate", "inspect", "glossary", "models"):
        assert command in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from bilingual.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'ctranslate2', 'sentencepiece', 'docx', 'argostranslate', 'ahocorasick', 'rapidfuzz'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_inspect_json_contract_on_examples():
    result = runner.invoke(app, ["inspect", str(ROOT / "examples"), "--json", "--no-glossary"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 4
    for article in data["articles"]:
        assert set(article) >= {"headline", "source", "blocks"}
        for block in article["blocks"]:
            assert block["kind"] in ("headline", "caption", "paragraph")
            assert set(block) >= {"kind", "text", "sentences", "names"}
            assert "".join(block["sentences"]).replace(" ", "") == block["text"].replace(" ", "")


def test_inspect_tree_shows_articles_and_blocks():
    result = runner.invoke(app, ["inspect", str(ROOT / "examples" / "scraped.txt"), "--no-glossary"])
    assert result.exit_code == 0
    assert "Article 2" in result.output and "caption" in result.output and "TT" not in result.output


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00" * 20, "binary"),
        (b"caf\xe9 cr\xe8me br\xfbl\xe9e", "encoding"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_nonzero_exit(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "bilingual.cli", "inspect", str(path), "--no-glossary"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["inspect", str(tmp_path / "missing.txt"), "--no-glossary"])
    assert result.exit_code != 0 and "no such file" in result.output
