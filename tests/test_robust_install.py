"""`bilingual models install` on hostile packages (issue 15, item 4), in a subprocess under
memory and time limits: the layout and metadata types are checked, a zip bomb is refused
before it is inflated, another language pair never replaces a package without --force,
and a failed install (even a full disk half-way) leaves the previous package working.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import time
import zipfile
from pathlib import Path

import pytest
import tinymodel
from cli_driver import assert_ok, assert_one_line_error, files_in, run

from bilingual.translation import packages as models

ARTICLE = "عنوان الخبر\n\nوصل الوفد إلى العاصمة صباح اليوم.\n"


def _limits(file_size: int | None = None, memory: int = 4 << 30):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


def _cli(*args, file_size: int | None = None):
    return run(*args, preexec_fn=_limits(file_size), timeout=120)


def _translates(tmp_path: Path) -> None:
    """The installed ar→en package still translates."""
    source = tmp_path / "check" / "article.txt"
    source.parent.mkdir(exist_ok=True)
    source.write_text(ARTICLE, encoding="utf-8")
    out = source.with_suffix(".json")
    out.unlink(missing_ok=True)
    assert_ok(_cli("translate", source, "-o", out, "--no-glossary", "--no-memory"))
    assert json.loads(out.read_text(encoding="utf-8"))["articles"]


def _members(tiny_package: Path, top: str = "pkg", **meta_changes) -> dict[str, bytes]:
    meta = json.loads((tiny_package / "metadata.json").read_text())
    meta.update(meta_changes)
    return {
        f"{top}/metadata.json": json.dumps(meta).encode(),
        f"{top}/model/model.bin": b"x",
        f"{top}/model/config.json": b"{}",
        f"{top}/sentencepiece.model": (tiny_package / "sentencepiece.model").read_bytes(),
    }


def _relabelled(tiny_package: Path, tmp_path: Path, folder: str, **meta_changes) -> Path:
    """The real tiny package under another folder name and metadata, zipped."""
    pkg = tmp_path / "build" / folder
    shutil.copytree(tiny_package, pkg)
    meta = json.loads((pkg / "metadata.json").read_text())
    meta.update(meta_changes)
    (pkg / "metadata.json").write_text(json.dumps(meta))
    return tinymodel.zip_package(pkg, tmp_path / f"{folder}.argosmodel")


# --- layout and metadata ----------------------------------------------------------------------


def _model_bin_folder(path: Path, pkg: Path) -> Path:
    members = _members(pkg)
    del members["pkg/model/model.bin"]
    members["pkg/model/model.bin/weights"] = b"x"
    return tinymodel.write_zip(path, members)


BAD = {
    "model.bin is a folder": (_model_bin_folder, "model/model.bin is a folder"),
    "version is a number": (
        lambda path, pkg: tinymodel.write_zip(path, _members(pkg, package_version=1.1)),
        "field 'package_version' should be a string, not float",
    ),
    "codes are lists": (
        lambda path, pkg: tinymodel.write_zip(path, _members(pkg, from_code=["ar"])),
        "field 'from_code' should be a string, not list",
    ),
    "links is a string": (
        lambda path, pkg: tinymodel.write_zip(path, _members(pkg, links="http://example.org/x")),
        "field 'links' should be a list, not str",
    ),
    "code is a path": (
        lambda path, pkg: tinymodel.write_zip(path, _members(pkg, to_code="../../en")),
        "to_code '../../en' is not a language code",
    ),
    "metadata is a list": (
        lambda path, pkg: tinymodel.write_zip(path, {**_members(pkg), "pkg/metadata.json": b"[1, 2]"}),
        "metadata.json is not a JSON object",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_layout_or_metadata_is_one_line_and_installs_nothing(case, tmp_path, tiny_package):
    make, message = BAD[case]
    archive = make(tmp_path / "bad.argosmodel", tiny_package)
    before = files_in(tmp_path)
    assert_one_line_error(_cli("models", "install", archive), message, code=1)
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("what", ["a folder", "a FIFO"])
def test_something_not_an_archive_file_is_one_line(tmp_path, tiny_package, what):
    path = tmp_path / "pkg.argosmodel"
    if what == "a folder":
        shutil.copytree(tiny_package, path)
        message = "is a folder, not an .argosmodel file"
    else:
        os.mkfifo(path)
        message = "not a regular file"
    assert_one_line_error(_cli("models", "install", path), f"{path}: {message}", code=1)
    assert not models.packages_dir().exists() or list(models.packages_dir().iterdir()) == []


def _bomb(path: Path, tiny_package: Path, inflated_mb: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _members(tiny_package).items():
            if not name.endswith("model.bin"):
                zf.writestr(name, data)
        with zf.open("pkg/model/model.bin", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(inflated_mb):
                member.write(block)
    return path


def test_a_zip_bomb_package_is_refused_before_inflating(tmp_path, tiny_package):
    archive = _bomb(tmp_path / "bomb.argosmodel", tiny_package, 64)
    assert archive.stat().st_size < 1_000_000
    before = files_in(tmp_path)
    outcome = run("models", "install", archive, preexec_fn=_limits(file_size=64 << 20), timeout=60)
    assert_one_line_error(outcome, "pkg/model/model.bin would inflate", "zip bomb", code=1)
    assert files_in(tmp_path) == before


def test_a_package_over_the_size_cap_is_refused(tmp_path, tiny_argosmodel, monkeypatch):
    monkeypatch.setenv("BILINGUAL_MAX_MODEL_MB", "0.05")
    assert_one_line_error(
        _cli("models", "install", tiny_argosmodel), "inflates to", "over the", "BILINGUAL_MAX_MODEL_MB", code=1
    )
    assert not models.packages_dir().exists() or list(models.packages_dir().iterdir()) == []


# --- another pair, another version --------------------------------------------------------------


def test_another_pair_under_the_arabic_folder_name_never_replaces_it(installed_model, tmp_path, tiny_package):
    """The issue's case: an en→fr package whose folder is named translate-ar_en-1_0."""
    impostor = _relabelled(tiny_package, tmp_path, installed_model.path.name, from_code="en", to_code="fr")
    outcome = _cli("models", "install", impostor)
    assert outcome.code == 1 and "Traceback" not in outcome.output
    assert "is a en→fr package, not Arabic→English" in outcome.stderr
    assert f"{installed_model.path} holds ar→en 1.0" in outcome.stderr and "--force" in outcome.stderr
    assert [(p.pair, p.version) for p in models.list_packages()] == [("ar→en", "1.0")]
    _translates(tmp_path)
    forced = _cli("models", "install", impostor, "--force")
    assert_ok(forced)
    assert [p.pair for p in models.list_packages()] == ["en→fr"]


def test_another_pair_is_installed_with_a_note(tmp_path, tiny_package):
    archive = _relabelled(tiny_package, tmp_path, "translate-en_fr-1_0", from_code="en", to_code="fr")
    outcome = _cli("models", "install", archive)
    assert_ok(outcome)
    assert "is a en→fr package, not Arabic→English" in outcome.stderr
    assert "Installed en→fr 1.0" in outcome.stdout


def test_another_version_replaces_only_with_force(installed_model, tmp_path, tiny_package):
    newer = _relabelled(tiny_package, tmp_path, "translate-ar_en-1_1", package_version="1.1")
    assert_one_line_error(_cli("models", "install", newer), "ar→en 1.0 is installed in", "--force", code=1)
    assert [(p.version, p.path.name) for p in models.list_packages()] == [("1.0", installed_model.path.name)]
    assert_ok(_cli("models", "install", newer, "--force"))
    assert [(p.version, p.path.name) for p in models.list_packages()] == [("1.1", "translate-ar_en-1_1")]
    _translates(tmp_path)


def test_the_same_package_again_is_simply_reinstalled(installed_model, tiny_argosmodel, tmp_path):
    assert_ok(_cli("models", "install", tiny_argosmodel))
    assert [p.path.name for p in models.list_packages()] == [installed_model.path.name]
    assert sorted(os.listdir(models.packages_dir())) == [installed_model.path.name]


# --- a failure leaves the previous package working ------------------------------------------------


def test_a_full_disk_while_unpacking_keeps_the_previous_package(installed_model, tiny_argosmodel, tmp_path):
    """The file-size rlimit fails the unpacking of model.bin (EFBIG, as a full disk fails
    with ENOSPC): one line, the staging folder gone, the installed package untouched."""
    model_bin = installed_model.path / "model" / "model.bin"
    before = model_bin.read_bytes()
    outcome = _cli("models", "install", tiny_argosmodel, file_size=len(before) // 2)
    assert_one_line_error(outcome, "cannot unpack (File too large)", code=1)
    assert sorted(os.listdir(models.packages_dir())) == [installed_model.path.name]
    assert model_bin.read_bytes() == before
    _translates(tmp_path)


def test_a_failed_reinstall_of_the_same_folder_keeps_the_previous_package(installed_model, tiny_argosmodel, tmp_path):
    damaged = bytearray(tiny_argosmodel.read_bytes())
    with zipfile.ZipFile(tiny_argosmodel) as zf:
        info = zf.getinfo(f"{installed_model.path.name}/model/model.bin")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    damaged[start : start + 64] = bytes(64)
    archive = tmp_path / "damaged.argosmodel"
    archive.write_bytes(bytes(damaged))
    assert_one_line_error(_cli("models", "install", archive), "cannot unpack", code=1)
    assert sorted(os.listdir(models.packages_dir())) == [installed_model.path.name]
    _translates(tmp_path)


def test_staging_left_by_a_killed_install_is_cleaned_by_the_next(tmp_path, tiny_argosmodel):
    packages = models.packages_dir()
    stale, fresh = packages / ".bilingual-install-old", packages / ".bilingual-install-running"
    for folder in (stale, fresh):
        (folder / "translate-ar_en-1_0" / "model").mkdir(parents=True)
        (folder / "translate-ar_en-1_0" / "model" / "model.bin").write_bytes(b"half")
    long_ago = time.time() - 24 * 3600
    os.utime(stale, (long_ago, long_ago))
    assert_ok(_cli("models", "install", tiny_argosmodel))
    assert sorted(p.name for p in packages.iterdir()) == [fresh.name, "translate-ar_en-1_0"]
