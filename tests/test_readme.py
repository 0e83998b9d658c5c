"""The README's library example runs as written (with the tiny test model installed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx

README = Path(__file__).resolve().parent.parent / "README.md"


def _library_example() -> str:
    section = README.read_text(encoding="utf-8").split("## As a library", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_library_example_runs(installed_model, work_dir, monkeypatch, capsys):
    (work_dir / "article.txt").write_text(
        "بيسكوف يزور كييف\n\nقال دميتري بيسكوف إن الكرملين يتابع المحادثات في كييف.\n", encoding="utf-8"
    )
    monkeypatch.chdir(work_dir)
    exec(compile(_library_example(), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "headline" in printed and "sentence(s)" in printed
    data = json.loads((work_dir / "article.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["blocks"][0]["text"] == "بيسكوف يزور كييف"
    table = docx.Document(str(work_dir / "article.docx")).tables[0]
    assert any("قال دميتري بيسكوف" in cell.text for row in table.rows for cell in row.cells)
