"""Glossaries that travel (issue 11, items 3 and 5): the starter glossary inside the
package, the house folder in the user config dir, `glossary path`, `glossary add` under a
lock keeping the file as it is, the no-glossary warning, and the compiled-matcher cache.
Every check runs the real CLI in a subprocess from a folder that has no glossary in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_driver import HOUSE_GLOSSARY, ROOT, assert_ok, assert_one_line_error, run

TEXT = "قال المتحدث باسم الكرملين بيسكوف إن الوفد وصل إلى كييف صباح اليوم.\n"


@pytest.fixture
def house(tmp_path, monkeypatch) -> Path:
    """The house glossary folder the default user config dir resolves to (XDG_CONFIG_HOME
    is the test's own, see conftest)."""
    monkeypatch.delenv("BILINGUAL_GLOSSARY_DIR", raising=False)
    return Path(os.environ["XDG_CONFIG_HOME"]) / "bilingual" / "glossaries"


def names(outcome) -> dict[str, str]:
    data = json.loads(outcome.stdout)
    return {n["arabic"]: n["english"] for a in data["articles"] for b in a["blocks"] for n in b["names"]}


def test_the_starter_glossary_is_used_from_any_folder(work_dir):
    outcome = run("inspect", "-", "--json", input=TEXT, cwd=work_dir)
    assert_ok(outcome)
    assert names(outcome) == {"الكرملين": "the Kremlin", "بيسكوف": "Peskov", "كييف": "Kyiv"}
    assert list(work_dir.iterdir()) == []


def test_the_seed_article_marks_at_least_20_names(work_dir):
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed article here")
    data = json.loads(run("inspect", seeds[0], "--json", cwd=work_dir).stdout)
    assert sum(len(b["names"]) for a in data["articles"] for b in a["blocks"]) >= 20


def test_add_writes_the_house_glossary_and_overrides_the_starter(house, work_dir):
    assert_ok(run("glossary", "add", "كييف", "Kiev", "--kind", "place", cwd=work_dir))
    assert (house / "names.csv").read_text(encoding="utf-8") == "arabic,english,kind,note\nكييف,Kiev,place\n"
    assert list(work_dir.iterdir()) == []  # nothing in the current folder
    outcome = run("inspect", "-", "--json", input=TEXT, cwd=work_dir)
    assert names(outcome)["كييف"] == "Kiev" and names(outcome)["بيسكوف"] == "Peskov"
    assert_ok(run("glossary", "check", cwd=work_dir))  # an override is not a conflict


def test_glossary_path_lists_files_in_use_with_row_counts(house, work_dir):
    house.mkdir(parents=True)
    (house / "desk.tsv").write_text("arabic\tenglish\nبيسكوف\tPeskov\nلافروف\tLavrov\n", encoding="utf-8")
    outcome = run("glossary", "path", cwd=work_dir)
    assert_ok(outcome)
    lines = outcome.stdout.splitlines()
    assert lines[0].startswith(f"{HOUSE_GLOSSARY}  (starter, ") and lines[0].endswith(" rows)")
    assert lines[1] == f"{house / 'desk.tsv'}  (house, 2 rows)"
    assert str(house) in outcome.stderr


def test_the_environment_variable_and_g_pick_other_glossaries(tmp_path, work_dir, monkeypatch):
    shared = tmp_path / "shared-desk"
    shared.mkdir()
    (shared / "names.csv").write_text("arabic,english\nبيسكوف,PESKOV-DESK\n", encoding="utf-8")
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(shared))
    assert names(run("inspect", "-", "--json", input=TEXT, cwd=work_dir))["بيسكوف"] == "PESKOV-DESK"
    mine = tmp_path / "mine.csv"
    mine.write_text("arabic,english\nكييف,KYIV-MINE\n", encoding="utf-8")
    # -g names the files instead of both layers
    assert names(run("inspect", "-", "--json", "-g", mine, input=TEXT, cwd=work_dir)) == {"كييف": "KYIV-MINE"}
    assert_ok(run("glossary", "add", "لافروف", "Lavrov", cwd=work_dir))
    assert "لافروف,Lavrov" in (shared / "names.csv").read_text(encoding="utf-8")


def test_a_run_without_any_glossary_entry_says_so_in_one_line(tmp_path, work_dir):
    empty = tmp_path / "empty.csv"
    empty.write_text("arabic,english\n", encoding="utf-8")
    outcome = run("inspect", "-", "--json", "-g", empty, input=TEXT, cwd=work_dir)
    assert_ok(outcome)
    warnings = [line for line in outcome.stderr.splitlines() if "glossary" in line]
    assert len(warnings) == 1 and warnings[0].startswith("Warning: no glossary loaded")
    quiet = run("inspect", "-", "--json", "--no-glossary", input=TEXT, cwd=work_dir)
    assert_ok(quiet)
    assert quiet.stderr == ""  # asked for none: nothing to warn about


def test_an_unreadable_house_folder_is_one_clear_error(house, work_dir):
    house.parent.mkdir(parents=True)
    house.write_text("not a folder")
    assert_one_line_error(run("inspect", "-", input=TEXT, cwd=work_dir), "house glossary folder is a file")


def test_a_house_folder_without_permission_is_one_clear_error(house, work_dir):
    from cli_driver import as_ordinary_user

    house.mkdir(parents=True)
    (house / "names.csv").write_text("arabic,english\nبيسكوف,Peskov\n", encoding="utf-8")
    house.chmod(0o000)
    try:
        outcome = run("inspect", "-", input=TEXT, cwd=work_dir, preexec_fn=as_ordinary_user())
        assert_one_line_error(outcome, "cannot read the house glossary folder")
    finally:
        house.chmod(0o755)


def test_add_keeps_crlf_bom_mode_and_symlink(tmp_path, work_dir, monkeypatch):
    real = tmp_path / "real" / "desk.csv"
    real.parent.mkdir()
    real.write_bytes("\ufeffarabic,english,kind\r\nبيسكوف,Peskov,person\r\n".encode())
    real.chmod(0o600)
    link_folder = tmp_path / "house"
    link_folder.mkdir()
    (link_folder / "names.csv").symlink_to(real)
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(link_folder))
    assert_ok(run("glossary", "add", "لافروف", "Lavrov", cwd=work_dir))
    assert (link_folder / "names.csv").is_symlink()
    assert real.read_bytes() == "\ufeffarabic,english,kind\r\nبيسكوف,Peskov,person\r\nلافروف,Lavrov,person\r\n".encode()
    assert real.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["desk.csv"]  # no temporary, no lock file
    assert sorted(p.name for p in link_folder.iterdir()) == ["names.csv"]


def test_add_waits_for_a_held_lock_then_says_so(house, work_dir, monkeypatch):
    """Another process holds the glossary's lock: `add` waits briefly, then one clear line."""
    from bilingual.names.glossary_edit import lock_path

    house.mkdir(parents=True)
    target = house / "names.csv"
    target.write_text("arabic,english\n", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, filelock; lock = filelock.FileLock(sys.argv[1]); lock.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
            str(lock_path(target)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("BILINGUAL_LOCK_TIMEOUT", "0.5")
        assert_one_line_error(run("glossary", "add", "لافروف", "Lavrov", cwd=work_dir), "another process is editing")
        assert target.read_text(encoding="utf-8") == "arabic,english\n"
    finally:
        holder.communicate("", timeout=30)
    assert_ok(run("glossary", "add", "لافروف", "Lavrov", cwd=work_dir))
    assert target.read_text(encoding="utf-8") == "arabic,english\nلافروف,Lavrov\n"


def test_two_concurrent_adds_keep_both_rows(house, work_dir):
    house.mkdir(parents=True)
    (house / "names.csv").write_text("arabic,english,kind\n", encoding="utf-8")
    env = dict(os.environ)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bilingual.cli", "glossary", "add", arabic, english],
            cwd=work_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for arabic, english in (("لافروف", "Lavrov"), ("شويغو", "Shoigu"), ("ميدفيديف", "Medvedev"))
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    rows = (house / "names.csv").read_text(encoding="utf-8").splitlines()
    assert sorted(rows[1:]) == sorted(["لافروف,Lavrov,person", "شويغو,Shoigu,person", "ميدفيديف,Medvedev,person"])


# --- the compiled-matcher cache ---------------------------------------------------------------


def cache_files() -> list[Path]:
    return sorted((Path(os.environ["XDG_CACHE_HOME"]) / "bilingual" / "glossary").glob("*.matcher"))


def test_the_cache_is_filled_reused_and_rebuilt_when_stale(tmp_path, work_dir):
    glossary = tmp_path / "g.csv"
    glossary.write_text("arabic,english\nبيسكوف,Peskov\n", encoding="utf-8")
    assert names(run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir)) == {"بيسكوف": "Peskov"}
    (first,) = cache_files()
    assert names(run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir)) == {"بيسكوف": "Peskov"}
    assert cache_files() == [first]
    # same size, same mtime, other content: still seen (the key is the content)
    stat = glossary.stat()
    glossary.write_text("arabic,english\nبيسكوف,Peskox\n", encoding="utf-8")
    os.utime(glossary, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert names(run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir)) == {"بيسكوف": "Peskox"}


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage"])
def test_a_corrupt_cache_is_rebuilt_silently(tmp_path, work_dir, damage):
    glossary = tmp_path / "g.csv"
    glossary.write_text("arabic,english\nبيسكوف,Peskov\n", encoding="utf-8")
    assert_ok(run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir))
    (cached,) = cache_files()
    cached.write_bytes(damage)
    outcome = run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir)
    assert_ok(outcome)
    assert outcome.stderr == "" and names(outcome) == {"بيسكوف": "Peskov"}
    assert cached.stat().st_size > 100  # rewritten


def test_a_truncated_cache_is_rebuilt_silently(tmp_path, work_dir):
    glossary = tmp_path / "g.csv"
    glossary.write_text("arabic,english\nبيسكوف,Peskov\n", encoding="utf-8")
    assert_ok(run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir))
    (cached,) = cache_files()
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) // 2])
    outcome = run("inspect", "-", "--json", "-g", glossary, input=TEXT, cwd=work_dir)
    assert_ok(outcome)
    assert outcome.stderr == "" and names(outcome) == {"بيسكوف": "Peskov"}
    assert cached.stat().st_size > len(whole) // 2  # rewritten


def test_an_unwritable_cache_only_costs_speed(tmp_path, work_dir, monkeypatch):
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(blocked))
    outcome = run("inspect", "-", "--json", input=TEXT, cwd=work_dir)
    assert_ok(outcome)
    assert outcome.stderr == "" and names(outcome)["بيسكوف"] == "Peskov"


def test_a_glossary_with_errors_is_never_cached(tmp_path, work_dir):
    glossary = tmp_path / "g.csv"
    glossary.write_text("arabic,english\nبيسكوف,\n", encoding="utf-8")
    for _ in range(2):
        assert_one_line_error(run("inspect", "-", "-g", glossary, input=TEXT, cwd=work_dir), "empty english cell")
    assert cache_files() == []


def test_the_cached_matcher_finds_exactly_what_a_fresh_one_finds(tmp_path):
    """The cache stores the trie with plain values and builds patterns lazily; on the
    starter glossary and every wire article of the evaluation set, it finds the same names
    as a matcher built from the file."""
    from bilingual.names.glossary import load_glossaries
    from bilingual.names.glossary_cache import load_matcher
    from bilingual.names.matcher import NameMatcher

    fresh = NameMatcher(load_glossaries([HOUSE_GLOSSARY]).entries)
    load_matcher([HOUSE_GLOSSARY])  # fills the cache
    cached = load_matcher([HOUSE_GLOSSARY])
    assert cached.entries == len(load_glossaries([HOUSE_GLOSSARY]).entries)
    assert type(cached.matcher._automaton).__name__ == "_LazyPatterns"  # really from the cache
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "names_eval").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    assert len(texts) > 10
    found = 0
    for text in texts:
        assert cached.matcher.find(text) == fresh.find(text)
        found += len(fresh.find(text))
    assert found > 500


def test_a_matcher_of_another_shape_is_cached_whole(tmp_path, monkeypatch):
    """A matcher the compact form does not know (a field added without teaching
    `glossary_compact`) is pickled into the cache whole, and read back the same."""
    from bilingual.names import glossary_cache

    glossary = tmp_path / "g.csv"
    glossary.write_text("arabic,english\nبيسكوف,Peskov\n", encoding="utf-8")
    from bilingual.names import glossary_format

    monkeypatch.setattr(glossary_cache, "to_compact", lambda matcher: None)
    built = glossary_cache.load_matcher([glossary])

    def not_again(paths):
        raise AssertionError("the glossary was read again instead of the cache")

    monkeypatch.setattr(glossary_format, "load_glossaries", not_again)
    cached = glossary_cache.load_matcher([glossary])
    assert type(cached.matcher._automaton).__name__ == "Automaton"  # the pickled one, not the lazy form
    assert cached.entries == built.entries == 1
    assert [hit.english for hit in cached.matcher.find(TEXT)] == ["Peskov"]
