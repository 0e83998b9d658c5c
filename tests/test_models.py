"""Package directory, safe install, listing, removal, the index (served locally)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import tinymodel
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import BilingualError
from bilingual.translation import package_index
from bilingual.translation import packages as models

runner = CliRunner()


def _versioned(tiny_package: Path, tmp_path: Path, version: str, name: str | None = None) -> Path:
    """The tiny package with another version (and folder name), zipped."""
    pkg = tmp_path / (name or f"translate-ar_en-{version.replace('.', '_')}")
    shutil.copytree(tiny_package, pkg)
    meta = json.loads((pkg / "metadata.json").read_text())
    meta["package_version"] = version
    (pkg / "metadata.json").write_text(json.dumps(meta))
    return tinymodel.zip_package(pkg, tmp_path / f"{pkg.name}.argosmodel")


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# --- where packages live ------------------------------------------------------------------


def test_packages_dir_follows_argos_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    assert models.packages_dir() == tmp_path / "pk"


def test_packages_dir_falls_back_to_argos_settings_then_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    assert models.packages_dir() == Path(os.environ["XDG_DATA_HOME"]) / "argos-translate" / "packages"
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-settings")}))
    assert models.packages_dir() == tmp_path / "from-settings"


def test_index_url_appends_index_json(monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://example.invalid/idx/")
    assert package_index.index_url() == "http://example.invalid/idx/index.json"
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://example.invalid/idx")
    assert package_index.index_url() == "http://example.invalid/idx/index.json"


@pytest.mark.parametrize(
    "code, pair",
    [
        ("ar-en", ("ar", "en")),
        ("ar_en", ("ar", "en")),
        ("translate-ar_en", ("ar", "en")),
        ("AR→EN", ("ar", "en")),
        ("arabic", None),
        ("a-b-c", None),
    ],
)
def test_parse_pair(code, pair):
    assert models.parse_pair(code) == pair


# --- install from a file ------------------------------------------------------------------


def test_install_file_then_list(tiny_argosmodel):
    pkg = models.install_file(tiny_argosmodel)
    assert (pkg.from_code, pkg.to_code, pkg.version) == ("ar", "en", "1.0")
    assert pkg.path == models.packages_dir() / "translate-ar_en-1_0"
    listed = models.list_packages()
    assert [p.pair for p in listed] == ["ar→en"]
    assert listed[0].size() > 10_000
    assert _leftovers(models.packages_dir()) == ["translate-ar_en-1_0"]  # no staging left
    assert models.find_package(None).path == pkg.path
    assert models.find_package("translate-ar_en").path == pkg.path


def test_installed_package_is_readable_by_argostranslate(installed_model):
    """Sharing the directory only helps if argostranslate itself can use what we install."""
    code = (
        "from argostranslate import package; "
        "p = package.get_installed_packages(); "
        "print(len(p), p[0].from_code, p[0].to_code)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "ar", "en"]


def test_install_same_pair_replaces_older_only_with_force(tiny_package, tiny_argosmodel, tmp_path):
    models.install_file(tiny_argosmodel)
    with pytest.raises(BilingualError, match=r"ar→en 1\.0 is installed in .*add --force"):
        models.install_file(_versioned(tiny_package, tmp_path / "refused", "1.1"))
    assert [(p.pair, p.version) for p in models.list_packages()] == [("ar→en", "1.0")]
    newer = models.install_file(_versioned(tiny_package, tmp_path, "1.1"), force=True)
    assert [(p.pair, p.version) for p in models.list_packages()] == [("ar→en", "1.1")]
    assert newer.path.name == "translate-ar_en-1_1"
    # reinstalling over the same folder keeps exactly one copy
    models.install_file(_versioned(tiny_package, tmp_path / "again", "1.1"))
    assert _leftovers(models.packages_dir()) == ["translate-ar_en-1_1"]


def _member_set(tiny_package: Path, top: str = "pkg") -> dict[str, bytes]:
    return {
        f"{top}/metadata.json": (tiny_package / "metadata.json").read_bytes(),
        f"{top}/model/model.bin": b"x",
        f"{top}/model/config.json": b"{}",
        f"{top}/sentencepiece.model": b"x",
    }


BAD_ARCHIVES = {
    "traversal": lambda m: {**m, "pkg/../../evil.txt": b"boom"},
    "absolute": lambda m: {**m, "/tmp/evil.txt": b"boom"},
    "backslash": lambda m: {**m, "pkg\\..\\evil.txt": b"boom"},
    "two top folders": lambda m: {**m, "other/readme.txt": b"x"},
    "loose file": lambda m: {**m, "readme.txt": b"x"},
    "no metadata": lambda m: {k: v for k, v in m.items() if not k.endswith("metadata.json")},
    "bad metadata": lambda m: {**m, "pkg/metadata.json": b"{not json"},
    "no codes": lambda m: {**m, "pkg/metadata.json": b'{"package_version": "1"}'},
    "sbd package": lambda m: {**m, "pkg/metadata.json": b'{"from_code":"ar","to_code":"en","type":"sbd"}'},
    "no model": lambda m: {k: v for k, v in m.items() if "model/" not in k},
    "no tokenizer": lambda m: {k: v for k, v in m.items() if "sentencepiece" not in k},
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_bad_archives_are_rejected_before_anything_is_written(case, tiny_package, tmp_path):
    archive = tinymodel.write_zip(tmp_path / "bad.argosmodel", BAD_ARCHIVES[case](_member_set(tiny_package)))
    with pytest.raises(BilingualError) as err:
        models.install_file(archive)
    assert "\n" not in str(err.value)
    assert _leftovers(models.packages_dir()) == []
    assert not (tmp_path.parent / "evil.txt").exists()


def test_symlink_member_is_rejected(tiny_package, tmp_path):
    archive = tmp_path / "link.argosmodel"
    tinymodel.write_zip(archive, _member_set(tiny_package))
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo("pkg/model/link")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(BilingualError, match="symlink"):
        models.install_file(archive)


def test_not_a_zip_and_missing_file(tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"this is not a zip")
    with pytest.raises(BilingualError, match="not a zip"):
        models.install_file(junk)
    with pytest.raises(BilingualError, match="no such file"):
        models.install_file(tmp_path / "missing.argosmodel")


def test_damaged_member_leaves_nothing_half_installed(tiny_argosmodel, tmp_path):
    """Structure is valid but a member's data is corrupt: unpacking fails mid-way."""
    data = bytearray(tiny_argosmodel.read_bytes())
    with zipfile.ZipFile(tiny_argosmodel) as zf:
        info = zf.getinfo("translate-ar_en-1_0/model/model.bin")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[start : start + 64] = bytes(64)
    damaged = tmp_path / "damaged.argosmodel"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BilingualError, match="cannot unpack"):
        models.install_file(damaged)
    assert _leftovers(models.packages_dir()) == []


# --- listing, finding, removing ------------------------------------------------------------


def test_list_skips_stray_folders(installed_model):
    (models.packages_dir() / "not-a-package").mkdir()
    (models.packages_dir() / "stray.txt").write_text("x")
    assert [p.pair for p in models.list_packages()] == ["ar→en"]


def test_find_package_explains_how_to_install():
    with pytest.raises(BilingualError, match="bilingual models install FILE.argosmodel"):
        models.find_package(None)
    with pytest.raises(BilingualError, match="not a language pair"):
        models.find_package("arabic")


def test_remove_package(installed_model):
    removed = models.remove_package("ar-en")
    assert removed.path == installed_model.path
    assert _leftovers(models.packages_dir()) == []
    with pytest.raises(BilingualError):
        models.remove_package("ar-en")


# --- the index, served on 127.0.0.1 --------------------------------------------------------


def test_install_from_index_with_progress(local_index):
    seen: list[tuple[int, int | None]] = []
    pkg = package_index.install_from_index("ar-en", progress=lambda d, t: seen.append((d, t)))
    assert pkg.pair == "ar→en"
    assert seen[-1][0] == seen[-1][1] > 0  # finished at the advertised size
    assert "/index.json" in local_index
    assert [p.name for p in models.packages_dir().iterdir()] == ["translate-ar_en-1_0"]


def test_install_from_index_unknown_pair(local_index):
    with pytest.raises(BilingualError, match="no fr→de package"):
        package_index.install_from_index("fr-de")


def test_ensure_model_auto_installs_when_online(local_index):
    notes: list[str] = []
    pkg = package_index.ensure_model(None, notify=notes.append)
    assert pkg.pair == "ar→en" and len(notes) == 2
    # second run: installed, no network needed
    local_index.clear()
    assert package_index.ensure_model(None).path == pkg.path
    assert local_index == []


def test_ensure_model_offline_is_one_clear_line():
    started = time.monotonic()
    with pytest.raises(BilingualError) as err:
        package_index.ensure_model(None)
    message = str(err.value)
    assert "bilingual models install translate-ar_en-1_0.argosmodel" in message and "\n" not in message
    assert "online: bilingual models install ar-en" in message
    assert time.monotonic() - started < 5


def test_ensure_model_passes_explicit_models_through(tiny_argosmodel):
    assert package_index.ensure_model(tiny_argosmodel) == tiny_argosmodel


def test_install_by_code_offline_says_use_a_file():
    with pytest.raises(BilingualError, match="install from a file"):
        package_index.install_from_index("ar-en")


# --- CLI ------------------------------------------------------------------------------------


def test_cli_models_install_list_remove(tiny_argosmodel):
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0 and "No translation packages" in result.output
    result = runner.invoke(app, ["models", "install", str(tiny_argosmodel)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["models", "list"])
    assert "ar→en" in result.output and "1.0" in result.output and "translate-ar_en-1_0" in result.output
    listed = json.loads(runner.invoke(app, ["models", "list", "--json"]).output)
    assert listed[0]["pair"] == "ar→en" and listed[0]["bytes"] > 0
    result = runner.invoke(app, ["models", "remove", "ar-en"])
    assert result.exit_code == 0 and "Removed" in result.output


def test_cli_install_errors_are_one_line(tmp_path):
    result = runner.invoke(app, ["models", "install", str(tmp_path / "nope.argosmodel")])
    assert result.exit_code == 1
    result = runner.invoke(app, ["models", "install", "ar-en"])
    assert result.exit_code == 1


def test_cli_install_from_index(local_index):
    result = runner.invoke(app, ["models", "install", "translate-ar_en"])
    assert result.exit_code == 0, result.output
    assert "Installed ar→en 1.0" in result.output


def test_models_cli_import_is_light(tmp_path):
    """`bilingual --help` must not load the heavy libraries nor create argos folders."""
    code = (
        "import sys; from bilingual.cli import app; "
        "import bilingual.cli.models; "
        "heavy = [m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'docx', 'sqlite3') if m in sys.modules]; "
        "print(heavy)"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "d")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]"
    assert not (tmp_path / "d").exists()
