"""Files keep what they are (issue 15, item 6), through the real CLI in a subprocess.

An atomic write (bilingual.files) replaces a file by renaming a temporary over it; done
naively that turns a symlink into a plain file, resets the permission bits to 0644 and,
after a crash, leaves the temporary behind. A full disk must be one line, exit 1, with
nothing partial on disk.
"""

from __future__ import annotations

import os
import resource
import stat
import time

import pytest
from cli_driver import assert_ok, assert_one_line_error, files_in, run

HEADER = "arabic,english,kind,note\n"
ARTICLE = "عنوان الخبر\n\nوصل الوفد إلى العاصمة صباح اليوم. وبدأت المحادثات فوراً.\n"


def _limits(*, umask: int | None = None, file_size: int | None = None, memory: int = 2 << 30):
    """preexec_fn: bound the child's memory (and its file size, and its umask, if asked)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if umask is not None:
            os.umask(umask)

    return apply


def _glossary(path) -> None:
    path.write_text(HEADER + "بيسكوف,Peskov,person,\n", encoding="utf-8")


def test_a_symlinked_glossary_stays_a_link_and_its_target_gets_the_entry(work_dir):
    shared = work_dir / "shared"
    shared.mkdir()
    target = shared / "names.csv"
    _glossary(target)
    link = work_dir / "mine.csv"
    link.symlink_to(target)
    outcome = run("glossary", "add", "زيلينسكي", "Zelensky", "-g", link, preexec_fn=_limits(), timeout=60)
    assert_ok(outcome)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "Zelensky" in target.read_text(encoding="utf-8")
    assert files_in(work_dir) == ["mine.csv", "shared/names.csv"]


def test_a_private_glossary_stays_private(work_dir):
    glossary = work_dir / "private.csv"
    _glossary(glossary)
    glossary.chmod(0o600)
    assert_ok(run("glossary", "add", "زيلينسكي", "Zelensky", "-g", glossary, preexec_fn=_limits(), timeout=60))
    assert "Zelensky" in glossary.read_text(encoding="utf-8")
    assert stat.S_IMODE(glossary.stat().st_mode) == 0o600


def test_a_new_file_gets_the_umask_mode(work_dir):
    glossary = work_dir / "names.csv"
    _glossary(glossary)
    out = work_dir / "export.csv"
    outcome = run("glossary", "export", "-g", glossary, "-o", out, preexec_fn=_limits(umask=0o027), timeout=60)
    assert_ok(outcome)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_stale_temporaries_of_ours_are_cleaned_and_nothing_else(work_dir):
    """A crash (SIGKILL, power cut) between creating the temporary and renaming it leaves
    it behind: the next write to that folder removes ours once they are old, never a
    fresh one (another run may be writing it) nor anybody else's file."""
    glossary = work_dir / "names.csv"
    _glossary(glossary)
    old = time.time() - 2 * 3600
    stale = work_dir / ".bilingual-tmp-names.csv.x1y2z3.tmp"
    fresh = work_dir / ".bilingual-tmp-names.csv.a4b5c6.tmp"
    foreign = work_dir / ".names.csv.other.tmp"
    for path in (stale, fresh, foreign):
        path.write_text("partial", encoding="utf-8")
    for path in (stale, foreign):
        os.utime(path, (old, old))
    assert_ok(run("glossary", "add", "زيلينسكي", "Zelensky", "-g", glossary, preexec_fn=_limits(), timeout=60))
    assert files_in(work_dir) == sorted([fresh.name, foreign.name, "names.csv"])


@pytest.mark.parametrize("fmt", ["docx", "json"])
def test_a_full_disk_is_one_line_exit_1_and_nothing_partial(installed_model, work_dir, fmt):
    """The file-size rlimit makes every write past 4 KB fail with EFBIG, as a full disk
    fails with ENOSPC (Python ignores SIGXFSZ, so the write returns the error)."""
    source = work_dir / "article.txt"
    source.write_text(ARTICLE * 30, encoding="utf-8")
    out = work_dir / f"out.{fmt}"
    outcome = run(
        "translate",
        source,
        "-o",
        out,
        "--no-glossary",
        "--no-memory",
        preexec_fn=_limits(file_size=4096),
        timeout=120,
    )
    assert_one_line_error(outcome, f"{out}: cannot write (File too large); nothing was written", code=1)
    assert files_in(work_dir) == ["article.txt"]
