"""Interruption and concurrency of real `bilingual translate` processes.

Ctrl-C (SIGINT) or SIGTERM in the middle of a multi-article run: one clean line, exit 130,
no DOCX and no temporary file on disk, every finished sentence kept in the translation
memory, and the next run resumes from them. Two runs sharing the memory at once both
finish with complete outputs.

test_memory.py interrupts the engine and the memory directly and runs concurrent writers
against the memory alone; here the whole command is the process that gets the signal.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time

import docx
import pytest
from cli_driver import assert_ok, cli_command, files_in, invoke, memory_path, memory_rows, write_articles

SUMMARY = re.compile(r"(\d+) article\(s\), (\d+) sentence\(s\) \((\d+) from memory, (\d+) translated\)")


def _summary(stderr: str) -> tuple[int, int, int, int]:
    match = SUMMARY.search(stderr)
    assert match, stderr
    return tuple(int(g) for g in match.groups())


def _start(*args) -> subprocess.Popen:
    return subprocess.Popen(cli_command("translate", *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _interrupt_once_saving(proc: subprocess.Popen, rows: int, sig: int, timeout: float = 60) -> int:
    """Wait until the run has saved `rows` sentences, then signal it; return the rows seen."""
    deadline = time.monotonic() + timeout
    seen = 0
    while seen < rows and time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be interrupted: " + proc.communicate()[1]
        time.sleep(0.02)
        seen = memory_rows(memory_path())
    assert seen >= rows, "the run saved nothing to the memory while it ran"
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(sig)
    return seen


def _wait_for_model_workers(proc: subprocess.Popen, workers: int, timeout: float = 60) -> None:
    """Without a memory there is nothing on disk to poll: wait until the model is loaded,
    which is when CTranslate2 has started its worker threads (Linux /proc)."""
    status = f"/proc/{proc.pid}/status"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be interrupted: " + proc.communicate()[1]
        with open(status) as f:
            threads = int(next(line for line in f if line.startswith("Threads:")).split()[1])
        if threads > workers:
            return
        time.sleep(0.02)
    raise AssertionError("the model never started its workers")


@pytest.fixture
def big_input(tmp_path):
    """Six articles, 1,506 unique sentences: a few seconds on the tiny model."""
    folder = tmp_path / "in"
    return folder, write_articles(folder, articles=6, paragraphs=25)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_run_writes_nothing_keeps_the_memory_and_resumes(installed_model, tmp_path, big_input, sig):
    source, total = big_input
    out = tmp_path / "out"
    out.mkdir()
    proc = _start(source, "-o", f"{out}/", "--no-glossary")
    try:
        seen = _interrupt_once_saving(proc, rows=20, sig=sig)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()

    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    (line,) = stderr.strip().splitlines()
    assert line.startswith("Interrupted: no output written;")
    kept_said = int(re.search(r"(\d+) sentence\(s\) translated in this run are kept", line).group(1))
    assert files_in(out) == []  # no DOCX, no temporary file
    kept = memory_rows(memory_path())
    assert seen <= kept < total
    assert kept_said <= kept

    resumed = invoke("translate", source, "-o", f"{out}/", "--no-glossary")
    assert_ok(resumed)
    articles, sentences, from_memory, translated = _summary(resumed.stderr)
    assert (articles, sentences) == (6, total)
    assert from_memory >= kept and from_memory + translated == total
    assert files_in(out) == [f"article{i:02d}.docx" for i in range(6)]
    for path in out.iterdir():
        assert len(docx.Document(str(path)).tables) >= 1


def test_interrupted_run_without_memory_says_nothing_was_kept(installed_model, tmp_path, big_input):
    source, _ = big_input
    out = tmp_path / "out"
    out.mkdir()
    proc = _start(source, "-o", f"{out}/", "--no-glossary", "--no-memory", "--threads", "2")
    try:
        _wait_for_model_workers(proc, workers=2)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("Interrupted")
    assert files_in(out) == [] and not memory_path().exists()


def _run_together(arg_lists):
    """Start one `translate` per argument list at the same moment; wait for all."""
    runs = [_start(*args) for args in arg_lists]
    try:
        return runs, [proc.communicate(timeout=120) for proc in runs]
    finally:
        for proc in runs:
            if proc.poll() is None:
                proc.kill()


@pytest.mark.slow
def test_two_runs_sharing_the_memory_both_finish(installed_model, tmp_path):
    """Both runs start on a new memory file at the same moment, translate overlapping
    text, and both write complete outputs; a third run is served from the memory alone."""
    shared = tmp_path / "shared"
    total = write_articles(shared, articles=3, paragraphs=15)
    out_a, out_b = tmp_path / "a", tmp_path / "b"
    runs, results = _run_together([(shared, "-o", f"{out}/", "--no-glossary") for out in (out_a, out_b)])
    for proc, (_, stderr) in zip(runs, results):
        assert proc.returncode == 0, stderr
        assert "Traceback" not in stderr
        assert _summary(stderr)[:2] == (3, total)
    names = [f"article{i:02d}.docx" for i in range(3)]
    assert files_in(out_a) == names and files_in(out_b) == names
    assert memory_rows(memory_path()) == total

    third = invoke("translate", shared, "-o", f"{tmp_path / 'c'}/", "--no-glossary")
    assert_ok(third)
    assert _summary(third.stderr)[2:] == (total, 0)


@pytest.mark.slow
def test_two_runs_writing_the_same_outputs_at_once_leave_whole_documents(installed_model, tmp_path):
    source = tmp_path / "in"
    write_articles(source, articles=2, paragraphs=10)
    out = tmp_path / "out"
    runs, results = _run_together([(source, "-o", f"{out}/", "--no-glossary")] * 2)
    for proc, (_, stderr) in zip(runs, results):
        assert proc.returncode == 0, stderr
    assert files_in(out) == ["article00.docx", "article01.docx"]
    for path in out.iterdir():
        assert len(docx.Document(str(path)).tables) >= 1
