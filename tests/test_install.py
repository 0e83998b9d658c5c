"""The tool as a user installs and meets it: the `bilingual` entry point, usage mistakes,
--version, shell completion, help placeholders, and a light wheel (issue 11, items 1-2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from cli_driver import ROOT, run_installed


@pytest.mark.parametrize(
    "args, hint",
    [
        (["translate"], "Missing argument 'PATH...'"),
        (["translat", "x.txt"], "No such command 'translat'. Did you mean 'translate'?"),
        (["inspect", "--bogus", "x.txt"], "No such option: --bogus"),
        (["translate", "x.txt", "--beam", "abc"], "'abc' is not a valid int"),
        (["glossary", "ad", "x", "y"], "Did you mean 'add'?"),
        (["glossary", "add", "بيسكوف"], "Missing argument 'ENGLISH'"),
        (["models", "install"], "Missing argument"),
    ],
)
def test_usage_mistakes_exit_2_with_the_usage_line(args, hint, work_dir):
    outcome = run_installed(*args, cwd=work_dir)
    assert outcome.code == 2, outcome.output
    assert outcome.stderr.startswith("Usage: bilingual"), outcome.stderr
    assert hint in outcome.stderr
    assert "internal error" not in outcome.output and "Traceback" not in outcome.output
    assert list(work_dir.iterdir()) == []  # nothing written


def test_an_unwritable_output_extension_is_a_usage_error(work_dir):
    tmp_path = work_dir
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nقال الوزير إن المحادثات بدأت.\n", encoding="utf-8")
    for name in ("x.pdf", "x.xlsx", "x.txt", "noextension"):
        outcome = run_installed("translate", article, "-o", tmp_path / name, cwd=tmp_path)
        assert outcome.code == 2, outcome.output
        assert ".docx, .json" in outcome.stderr and len(outcome.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_version():
    from bilingual import __version__

    outcome = run_installed("--version")
    assert outcome.code == 0 and outcome.stdout.strip() == f"bilingual {__version__}"


def _from_bash(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command started by an interactive-looking bash, as a user types it:
    Typer finds the shell to complete for among the process's parents (shellingham), so a
    test started without a shell above it (a detached runner) would otherwise see none. The
    trailing `exit` keeps bash from replacing itself with the command."""
    from cli_driver import entry_point

    if shutil.which("bash") is None:
        pytest.skip("no bash")
    line = " ".join(f"'{a}'" for a in (str(entry_point()), *args)) + "; exit $?"
    return subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True, timeout=60)


def test_shell_completion_script():
    outcome = _from_bash("--show-completion")
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "_bilingual_completion" in outcome.stdout and "complete " in outcome.stdout
    assert "--install-completion" in run_installed("--help").stdout


def test_completion_completes_commands():
    env = dict(os.environ, _BILINGUAL_COMPLETE="complete_bash", COMP_WORDS="bilingual tr", COMP_CWORD="1")
    from cli_driver import entry_point

    proc = subprocess.run([str(entry_point())], env=env, capture_output=True, text=True, timeout=60)
    assert "translate" in proc.stdout.split()


def test_install_completion_writes_a_script_the_shell_sources(tmp_path):
    """--install-completion for bash, in a HOME of its own: the script is written and sourced
    from .bashrc, and bash, sourcing it, completes `bilingual tr` to translate."""
    from cli_driver import entry_point

    env = dict(os.environ, HOME=str(tmp_path), SHELL="/bin/bash")
    proc = _from_bash("--install-completion", env=env)
    assert proc.returncode == 0, proc.stderr
    script = tmp_path / ".bash_completions" / "bilingual.sh"
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
    probe = (
        f"source '{script}'; PATH='{entry_point().parent}':$PATH; "
        "COMP_WORDS=(bilingual tr); COMP_CWORD=1; _bilingual_completion bilingual; echo ${COMPREPLY[@]}"
    )
    completed = subprocess.run(["bash", "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert "translate" in completed.stdout.split(), completed.stdout + completed.stderr


@pytest.mark.parametrize(
    "command, placeholders",
    [
        (["translate"], ["PATH...", "-o, --output FILE|FOLDER/", "--beam N", "--threads N", "-g, --glossary FILE"]),
        (["inspect"], ["PATH...", "-g, --glossary FILE"]),
        (["glossary", "add"], ["ARABIC", "ENGLISH", "--kind KIND", "-g, --glossary FILE"]),
        (["glossary", "export"], ["-o, --output FILE"]),
        (["models", "install"], ["FILE|PAIR"]),
    ],
)
def test_help_shows_real_placeholders(command, placeholders):
    outcome = run_installed(*command, "--help")
    assert outcome.code == 0
    for placeholder in placeholders:
        assert placeholder in outcome.stdout, outcome.stdout
    for generic in ("INTEGER", "INPUTS", "SOURCE", "OUTPUT", "GLOSSARY "):
        assert generic not in outcome.stdout, outcome.stdout


# --- the light install --------------------------------------------------------------------

HEAVY = {"argostranslate", "stanza", "spacy", "torch", "minisbd"}


def _build_wheel(out: Path) -> Path:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:  # pip or hatchling missing in this environment: try uv
        proc = subprocess.run(["uv", "build", "--wheel", "-o", str(out), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return next(out.glob("bilingual-*.whl"))


@pytest.mark.slow
def test_the_wheel_is_light_and_carries_the_starter_glossary(tmp_path):
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(archive.read(metadata).decode("utf-8"))
        starter = archive.read("bilingual/glossaries/names.csv")
    requires = [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    names_required = {
        r.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower() for r in requires
    }
    assert not names_required & HEAVY, requires
    for needed in ("ctranslate2", "sentencepiece", "typer", "lxml", "python-docx", "filelock", "platformdirs"):
        assert needed in names_required, requires
    assert starter == (ROOT / "bilingual" / "glossaries" / "names.csv").read_bytes()


_OFFLINE = ("NewConnectionError", "No matching distribution", "Could not find a version", "Network is unreachable")


def _assert_installed_tool_works(bilingual: Path, site_packages: Path, tmp_path: Path) -> None:
    """What a user meets after installing: no heavy packages, names marked with the shipped
    glossary from an empty folder, a usage mistake answered with exit 2, nothing written."""
    installed = {p.name.split("-")[0].lower() for p in site_packages.glob("*.dist-info")}
    assert installed, f"no packages under {site_packages}"
    assert not installed & HEAVY, installed & HEAVY
    empty = tmp_path / "empty"
    empty.mkdir()
    article = tmp_path / "article.txt"
    article.write_text("عنوان\n\nقال المتحدث باسم الكرملين دميتري بيسكوف في موسكو إن الوفد وصل إلى كييف.\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILINGUAL_")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no house glossary: the shipped one alone
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bilingual), *args], cwd=empty, capture_output=True, text=True, env=env, timeout=120)

    inspect = run("inspect", str(article), "--json")
    assert inspect.returncode == 0, inspect.stderr
    assert "Peskov" in inspect.stdout and "Kyiv" in inspect.stdout
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if seeds:  # the user's sample article, beside the checkout (never copied into it)
        seed = run("inspect", str(seeds[0]), "--json")
        assert seed.returncode == 0, seed.stderr
        marked = [n for a in json.loads(seed.stdout)["articles"] for b in a["blocks"] for n in b["names"]]
        assert len(marked) >= 20, len(marked)
    mistake = run("translat", str(article))
    assert mistake.returncode == 2 and mistake.stderr.startswith("Usage: bilingual"), mistake.stderr
    refused = run("translate", str(article), "-o", "x.pdf")
    assert refused.returncode == 2 and ".docx" in refused.stderr, refused.stderr
    assert list(empty.iterdir()) == []


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_pip_install_in_a_fresh_venv_marks_names_from_an_empty_folder(tmp_path):
    """`pip install CHECKOUT` into a new virtual environment (PyPI must be reachable; the
    test skips when it is not), then the tool from an empty folder."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=800,
    )
    if proc.returncode != 0 and any(sign in proc.stderr for sign in _OFFLINE):
        pytest.skip("PyPI is not reachable")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site_packages = next((venv / "lib").glob("python3*/site-packages"))
    _assert_installed_tool_works(venv / "bin" / "bilingual", site_packages, tmp_path)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_uv_tool_install_marks_names_from_an_empty_folder(tmp_path):
    """`uv tool install CHECKOUT` (the tool's own environment and bin folder kept under
    tmp_path), then the tool from an empty folder."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    env = dict(os.environ, UV_TOOL_DIR=str(tmp_path / "tools"), UV_TOOL_BIN_DIR=str(tmp_path / "bin"))
    proc = subprocess.run(
        [uv, "tool", "install", "--quiet", str(ROOT)], capture_output=True, text=True, env=env, timeout=800
    )
    if proc.returncode != 0 and any(sign in proc.stderr for sign in _OFFLINE):
        pytest.skip("PyPI is not reachable")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site_packages = next((tmp_path / "tools" / "bilingual" / "lib").glob("python3*/site-packages"))
    _assert_installed_tool_works(tmp_path / "bin" / "bilingual", site_packages, tmp_path)


def test_first_run_without_a_model_says_what_to_do_online_and_offline(work_dir):
    article = work_dir / "a.txt"
    article.write_text("عنوان\n\nقال الوزير إن المحادثات بدأت.\n", encoding="utf-8")
    outcome = run_installed("translate", article, "--no-glossary", cwd=work_dir)
    assert outcome.code == 1 and len(outcome.stderr.strip().splitlines()) == 1, outcome.output
    for fragment in (
        "online: bilingual models install ar-en",
        "bilingual models install translate-ar_en-1_0.argosmodel",
    ):
        assert fragment in outcome.stderr


def test_inspect_in_a_pipe_prints_the_same_tree_without_rich(work_dir):
    """Piped, `inspect` prints the tree rich would draw (same lines and guides, no colour)
    without importing rich, which is a good part of its start-up."""
    from rich.console import Console

    from bilingual.api import inspect
    from bilingual.cli.inspect import outline, render_tree

    article = ROOT / "examples" / "scraped.txt"
    piped = run_installed("inspect", article, cwd=work_dir)
    assert piped.code == 0, piped.output
    console = Console(width=10_000, force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(render_tree(outline(inspect([article])[0])))
    assert [line.rstrip() for line in piped.stdout.splitlines()] == [
        line.rstrip() for line in captured.get().splitlines()
    ]
    code = (
        "import sys, runpy; sys.argv = ['bilingual', 'inspect', sys.argv[1]]\n"
        "try:\n    runpy.run_module('bilingual.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "False"
