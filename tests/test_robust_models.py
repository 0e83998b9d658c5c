"""Bad translation packages through the real CLI: a clear one-line error, nothing
half-installed, nothing written outside the packages folder, and a run that survives its
package being removed.

test_models.py checks `install_file` on each malformed archive; here the archives go
through `bilingual models install` and `bilingual translate --model`, and the whole test
folder is compared before and after.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
import tinymodel
from cli_driver import (
    assert_ok,
    assert_one_line_error,
    cli_command,
    files_in,
    invoke,
    memory_path,
    memory_rows,
    write_articles,
)

from bilingual.translation import packages as models

ARTICLE = "عنوان الخبر\n\nوصل الوفد إلى العاصمة صباح اليوم.\n"


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path):
    return _article(tmp_path)


def _members(tiny_package: Path, top: str = "pkg") -> dict[str, bytes]:
    """A structurally valid package (real metadata and tokenizer, a stub model)."""
    return {
        f"{top}/metadata.json": (tiny_package / "metadata.json").read_bytes(),
        f"{top}/model/model.bin": b"x",
        f"{top}/model/config.json": b"{}",
        f"{top}/sentencepiece.model": (tiny_package / "sentencepiece.model").read_bytes(),
    }


def _with_symlink(path: Path, tiny_package: Path) -> Path:
    tinymodel.write_zip(path, _members(tiny_package))
    with zipfile.ZipFile(path, "a") as zf:
        info = zipfile.ZipInfo("pkg/model/shared.bin")
        info.external_attr = 0o120777 << 16  # a symlink to a file outside the package
        zf.writestr(info, "../../../../outside.txt")
    return path


def _damaged(path: Path, good: Path) -> Path:
    """A real package whose model.bin bytes are corrupted in the archive (CRC fails)."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("translate-ar_en-1_0/model/model.bin")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return path


BAD_ARCHIVES = {
    # name: (make(path, tiny_package, tiny_argosmodel), what the one line must say)
    "truncated download": (
        lambda p, pkg, good: p.write_bytes(good.read_bytes()[: good.stat().st_size // 2]),
        "not a zip archive",
    ),
    "not a zip": (lambda p, pkg, good: p.write_bytes(b"<html>404 Not Found</html>"), "not a zip archive"),
    "damaged member": (lambda p, pkg, good: _damaged(p, good), "cannot unpack"),
    "missing metadata.json": (
        lambda p, pkg, good: tinymodel.write_zip(p, {k: v for k, v in _members(pkg).items() if "metadata" not in k}),
        "package has no pkg/metadata.json",
    ),
    "metadata not json": (
        lambda p, pkg, good: tinymodel.write_zip(p, {**_members(pkg), "pkg/metadata.json": b"\xff{"}),
        "metadata.json is not valid JSON",
    ),
    "path traversal": (
        lambda p, pkg, good: tinymodel.write_zip(p, {**_members(pkg), "pkg/../../outside.txt": b"boom"}),
        "unsafe path",
    ),
    "absolute path": (
        lambda p, pkg, good: tinymodel.write_zip(p, {**_members(pkg), "/tmp/outside.txt": b"boom"}),
        "unsafe path",
    ),
    "windows path": (
        lambda p, pkg, good: tinymodel.write_zip(p, {**_members(pkg), "pkg\\..\\..\\outside.txt": b"boom"}),
        "unsafe path",
    ),
    "drive letter": (
        lambda p, pkg, good: tinymodel.write_zip(p, {**_members(pkg), "C:/outside.txt": b"boom"}),
        "unsafe path",
    ),
    "symlink": (lambda p, pkg, good: _with_symlink(p, pkg), "symlink"),
    "hidden package folder": (lambda p, pkg, good: tinymodel.write_zip(p, _members(pkg, top=".pkg")), "hidden name"),
    "no model": (
        lambda p, pkg, good: tinymodel.write_zip(p, {k: v for k, v in _members(pkg).items() if "model/" not in k}),
        "no model/model.bin",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_bad_archive_is_one_line_and_writes_nothing_anywhere(case, tmp_path, tiny_package, tiny_argosmodel):
    make, message = BAD_ARCHIVES[case]
    archive = tmp_path / "incoming" / "bad.argosmodel"
    archive.parent.mkdir()
    make(archive, tiny_package, tiny_argosmodel)
    before = files_in(tmp_path)
    outcome = invoke("models", "install", archive)
    assert_one_line_error(outcome, message)
    assert files_in(tmp_path) == before  # nothing half-installed, nothing written outside
    assert not models.packages_dir().exists() or list(models.packages_dir().iterdir()) == []
    # the same archive given straight to translate is refused the same way
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert_one_line_error(invoke("translate", tmp_path / "a.txt", "--model", archive, "--no-glossary"), message)
    assert not (tmp_path / "a.docx").exists()


def test_damaged_archive_given_to_translate_leaves_no_temporary_folder(tmp_path, tiny_argosmodel, article):
    archive = _damaged(tmp_path / "damaged.argosmodel", tiny_argosmodel)
    scratch = Path(tempfile.gettempdir())
    before = sorted(scratch.glob("bilingual-model-*"))
    outcome = invoke("translate", article, "--model", archive, "--no-glossary")
    assert_one_line_error(outcome, "damaged.argosmodel")
    assert sorted(scratch.glob("bilingual-model-*")) == before
    assert not article.with_suffix(".docx").exists()


def test_a_failed_install_keeps_the_package_already_there(installed_model, tmp_path, tiny_package):
    archive = tinymodel.write_zip(tmp_path / "bad.argosmodel", {**_members(tiny_package), "pkg/../../x": b""})
    assert_one_line_error(invoke("models", "install", archive), "unsafe path")
    assert [p.name for p in models.packages_dir().iterdir()] == [installed_model.path.name]
    assert_ok(invoke("translate", _article(tmp_path), "--no-glossary"))


def test_packages_folder_that_is_a_file_is_one_line(tmp_path, tiny_argosmodel, monkeypatch):
    blocker = tmp_path / "packages-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(blocker))
    assert_one_line_error(invoke("models", "install", tiny_argosmodel), "cannot write the packages folder")
    assert blocker.read_text() == "not a folder"


# --- the wrong language pair ------------------------------------------------------------------


@pytest.fixture
def english_french(tiny_package, tmp_path) -> Path:
    """The tiny package relabelled en→fr (unpacked folder)."""
    pkg = tmp_path / "translate-en_fr-1_0"
    shutil.copytree(tiny_package, pkg)
    meta = json.loads((pkg / "metadata.json").read_text())
    meta.update(from_code="en", to_code="fr", code="translate-en_fr")
    (pkg / "metadata.json").write_text(json.dumps(meta))
    return pkg


def test_only_another_pair_installed_says_how_to_install_arabic(english_french, tmp_path, article):
    archive = tinymodel.zip_package(english_french, tmp_path / "en_fr.argosmodel")
    assert_ok(invoke("models", "install", archive))
    assert_one_line_error(
        invoke("translate", article, "--no-glossary"), "no Arabic→English model installed", "bilingual models install"
    )


@pytest.mark.parametrize("how", ["folder", "archive", "pair code"])
def test_model_for_another_pair_is_refused_not_used(english_french, tmp_path, article, how):
    if how == "folder":
        model = english_french
    elif how == "archive":
        model = tinymodel.zip_package(english_french, tmp_path / "en_fr.argosmodel")
    else:
        models.install_file(tinymodel.zip_package(english_french, tmp_path / "en_fr.argosmodel"))
        model = "en-fr"
    outcome = invoke("translate", article, "--model", model, "--no-glossary")
    assert_one_line_error(outcome, "is a en→fr package, not ar→en")
    assert not article.with_suffix(".docx").exists()


@pytest.mark.parametrize("broken", ["model/model.bin", "sentencepiece.model"])
def test_installed_package_with_corrupt_files_is_one_line(tiny_package, tmp_path, article, broken):
    pkg = tmp_path / "translate-ar_en-1_0"
    shutil.copytree(tiny_package, pkg)
    (pkg / broken).write_bytes(b"\x00garbage" * 10)
    assert_ok(invoke("models", "install", tinymodel.zip_package(pkg, tmp_path / "broken.argosmodel")))
    outcome = invoke("translate", article, "--no-glossary")
    assert_one_line_error(outcome, "cannot load the")
    assert not article.with_suffix(".docx").exists()


# --- the package folder disappears ---------------------------------------------------------------


def test_package_deleted_between_finding_and_loading_is_one_line(installed_model, article, monkeypatch):
    """`models remove` (or a sync tool) deletes the package just after the run found it."""
    from bilingual.translation import package_index as models_module

    real = models_module.ensure_model

    def ensure_then_lose(*args, **kwargs):
        found = real(*args, **kwargs)
        shutil.rmtree(installed_model.path)
        return found

    monkeypatch.setattr(models_module, "ensure_model", ensure_then_lose)
    outcome = invoke("translate", article, "--no-glossary")
    assert_one_line_error(outcome, str(installed_model.path))
    assert not article.with_suffix(".docx").exists()


@pytest.mark.slow
def test_package_removed_mid_run_the_run_still_finishes(installed_model, tmp_path):
    """The model is in memory once loaded: removing the package during a run (by `models
    remove` in another terminal) does not break the run; the next run says what to do."""
    total = write_articles(tmp_path / "in", articles=4, paragraphs=30)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        cli_command("translate", tmp_path / "in", "-o", f"{out}/", "--no-glossary"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while memory_rows(memory_path()) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before the package could be removed"
        removed = invoke("models", "remove", "ar-en")
        assert_ok(removed)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert f"{total} sentence(s)" in err
    assert sorted(p.name for p in out.iterdir()) == [f"article{i:02d}.docx" for i in range(4)]
    assert not installed_model.path.exists() and list(models.packages_dir().iterdir()) == []
    assert_one_line_error(invoke("translate", _article(tmp_path), "--no-glossary"), "bilingual models install")
