"""Driving the real `bilingual` CLI from the robustness tests (`test_robust_*.py`).

`invoke` runs the Typer app in-process (fast; exceptions that escape the CLI surface as
`result.exception`), `run` starts `python -m bilingual.cli` in a subprocess (real signals,
real stderr, real exit codes, a real traceback if one escaped). Both return an `Outcome`
so the assertions read the same either way.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
HOUSE_GLOSSARY = ROOT / "bilingual" / "glossaries" / "names.csv"

_runner = CliRunner()


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(*args, input: str | bytes | None = None) -> Outcome:
    """The CLI in this process (CliRunner), arguments str()-ed."""
    from bilingual.cli import app

    result = _runner.invoke(app, [str(a) for a in args], input=input)
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(result.exit_code, result.stdout, result.stderr, escaped)


def cli_command(*args) -> list[str]:
    return [sys.executable, "-m", "bilingual.cli", *map(str, args)]


def entry_point() -> Path:
    """The `bilingual` console script installed next to this Python (what a user runs)."""
    script = Path(sys.executable).with_name("bilingual")
    assert script.exists(), f"no installed entry point at {script}: run `uv sync`"
    return script


def run_installed(*args, input: str | None = None, cwd: Path | None = None, timeout: float = 120) -> Outcome:
    """The installed `bilingual` command in a subprocess, with this test's environment."""
    return _subprocess([str(entry_point()), *map(str, args)], input, cwd, timeout)


def run(*args, input: str | None = None, cwd: Path | None = None, timeout: float = 120, **kwargs) -> Outcome:
    """The CLI as a subprocess, with this test's environment (its XDG and packages dirs)."""
    return _subprocess(cli_command(*args), input, cwd, timeout, **kwargs)


def _subprocess(command: list[str], input: str | None, cwd: Path | None, timeout: float, **kwargs) -> Outcome:
    proc = subprocess.run(
        command,
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=dict(os.environ),
        timeout=timeout,
        **kwargs,
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(outcome: Outcome, *fragments: str, code: int | None = None) -> str:
    """A user error as the issue wants it: non-zero exit, exactly one line on stderr that
    names the problem, no traceback anywhere. Returns that line."""
    assert outcome.exception is None, f"exception escaped the CLI: {outcome.exception!r}"
    assert outcome.code != 0, outcome.output
    if code is not None:
        assert outcome.code == code, outcome.output
    assert "Traceback" not in outcome.output and "internal error" not in outcome.output, outcome.output
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def assert_ok(outcome: Outcome) -> None:
    assert outcome.exception is None, f"exception escaped the CLI: {outcome.exception!r}"
    assert outcome.code == 0, outcome.output
    assert "Traceback" not in outcome.output


def files_in(folder: Path) -> list[str]:
    """Every file name under `folder`, hidden and temporary ones included."""
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p.is_file())


_WORDS = [
    "وصل",
    "الوفد",
    "إلى",
    "العاصمة",
    "صباح",
    "اليوم",
    "وبدأت",
    "المحادثات",
    "فورا",
    "حول",
    "الاقتصاد",
    "والطاقة",
    "والمياه",
    "في",
    "المنطقة",
    "وقال",
    "المتحدث",
    "إن",
    "الحكومة",
    "ستعلن",
    "قرارها",
    "بعد",
    "الاجتماع",
]


def write_articles(folder: Path, articles: int, paragraphs: int, sentences: int = 10) -> int:
    """Write `articles` plain-layout .txt files of unique generated Arabic sentences (each
    numbered, so none repeats and none is in the memory already); return the count."""
    import random

    rng = random.Random(articles * 1000 + paragraphs)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for a in range(articles):
        lines = [f"عنوان المقال رقم {a}", ""]
        for p in range(paragraphs):
            body = []
            for s in range(sentences):
                words = " ".join(rng.choice(_WORDS) for _ in range(12))
                body.append(f"{words} رقم {a}-{p}-{s}.")
            lines += [" ".join(body), ""]
            total += sentences
        (folder / f"article{a:02d}.txt").write_text("\n".join(lines), encoding="utf-8")
        total += 1  # the headline
    return total


def memory_path() -> Path:
    """The translation memory of this test's runs (conftest points XDG_DATA_HOME at the
    test's own folder; subprocesses inherit it)."""
    return Path(os.environ["XDG_DATA_HOME"]) / "bilingual" / "memory.sqlite3"


def memory_rows(path: Path) -> int:
    """Sentences in a translation memory file another process is writing (0 until the
    table exists)."""
    import sqlite3

    if not Path(path).exists():
        return 0
    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            return db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0  # schema not created yet


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def as_ordinary_user():
    """A preexec_fn under which file permissions apply even to root: the child drops the
    capabilities that let root ignore them (tests run as root in some CI containers)."""
    if os.geteuid() != 0:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop
