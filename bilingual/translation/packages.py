"""Argos Translate packages: where they live, listing, safe install, removal, the index.

We share argostranslate's package directory so a user who already installed the Argos
ar→en package is ready, but we do not call `argostranslate.package` to install or list:

- its `install_from_path` runs `extractall` on any zip (no validation, path traversal
  possible) and its `install`/`uninstall` import `argostranslate.translate`, which needs
  stanza/minisbd (not installed here);
- `argostranslate.settings` reads the environment once at import and creates directories
  as a side effect, which would make `bilingual --help` write to $HOME.

So this module resolves the same directory the same way (ARGOS_PACKAGES_DIR, then
`ARGOS_PACKAGES_DIR` in argos' settings.json, then $XDG_DATA_HOME/argos-translate/packages)
at call time, reads metadata.json itself, and installs by validating the archive,
unpacking into a staging folder and renaming into place, so a failure leaves nothing
half-installed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bilingual.errors import BilingualError
from bilingual.translation.archive import (
    TOKENIZER_FILES,
    check_metadata,
    clean_stale_staging,
    swap_into_place,
    validate_archive,
)

INSTALL_HINT = "bilingual models install FILE.argosmodel"
AR_EN_FILE = "translate-ar_en-1_0.argosmodel"  # the Argos ar→en package's file name in its index


Progress = Callable[[int, "int | None"], None]  # (bytes done, bytes total or None)


@dataclass
class InstalledPackage:
    """One installed translation package (an unpacked .argosmodel)."""

    path: Path
    from_code: str
    to_code: str
    version: str
    code: str
    from_name: str = ""
    to_name: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def tokenizer_file(self) -> Path:
        for name in TOKENIZER_FILES:
            if (self.path / name).is_file():
                return self.path / name
        raise BilingualError(f"{self.path}: package has no sentencepiece.model or bpe.model")

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    def size(self) -> int:
        """Bytes on disk (files only)."""
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


# --- where things live ------------------------------------------------------------------


def _argos_setting(key: str) -> str | None:
    """An argostranslate setting: environment first, then its settings.json (same order)."""
    if os.environ.get(key) is not None:
        return os.environ[key]
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    settings_file = config_home / "argos-translate" / "settings.json"
    try:
        value = json.loads(settings_file.read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None
    return None if value is None else str(value)


def packages_dir() -> Path:
    """argostranslate's package directory, resolved now (not at import)."""
    configured = _argos_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "argos-translate" / "packages"


# --- reading installed packages -----------------------------------------------------------


def read_package(path: Path) -> InstalledPackage:
    """Read an unpacked package directory; BilingualError if it is not one."""
    path = Path(path)
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BilingualError(f"{path}: not an Argos package (no metadata.json)") from None
    except (OSError, ValueError) as exc:
        raise BilingualError(f"{path}: unreadable metadata.json ({exc})") from None
    return _package_from_metadata(path, meta)


def _package_from_metadata(path: Path, meta: object) -> InstalledPackage:
    meta = check_metadata(path, meta)
    from_code, to_code = str(meta["from_code"]), str(meta["to_code"])
    return InstalledPackage(
        path=path,
        from_code=from_code,
        to_code=to_code,
        version=str(meta.get("package_version", "")),
        code=str(meta.get("code") or f"translate-{from_code}_{to_code}"),
        from_name=str(meta.get("from_name", "")),
        to_name=str(meta.get("to_name", "")),
        target_prefix=str(meta.get("target_prefix") or ""),
    )


def list_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair.

    Unlike argostranslate, a stray folder without metadata.json (or an sbd package) is
    skipped instead of crashing the listing; our own staging folders start with a dot.
    """
    directory = packages_dir() if directory is None else Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for child in sorted(directory.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            found.append(read_package(child))
        except BilingualError:
            continue
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.path.name))


def parse_pair(code: str) -> tuple[str, str] | None:
    """'ar-en', 'ar_en', 'ar→en', 'translate-ar_en' → ('ar', 'en'); None if not a pair."""
    text = code.strip().removeprefix("translate-")
    for sep in ("→", "-", "_"):
        parts = text.split(sep)
        if len(parts) == 2 and all(p.isalpha() and 2 <= len(p) <= 8 for p in parts):
            return parts[0].lower(), parts[1].lower()
    return None


def find_package(model: str | Path | None = None) -> InstalledPackage:
    """The package a `--model` value names: None (installed ar→en), a pair code, or a dir.

    Raises BilingualError with the install command when nothing matches.
    """
    if model is None:
        model = "ar-en"
    as_path = Path(model)
    if isinstance(model, Path) or os.sep in str(model) or as_path.exists():
        if as_path.is_dir():
            return read_package(as_path)
        raise BilingualError(f"{model}: no such package folder")
    by_name = packages_dir() / str(model)
    if by_name.is_dir():  # an installed folder name, as `models list` shows it
        return read_package(by_name)
    pair = parse_pair(str(model))
    if pair is None:
        raise BilingualError(f"{model}: not a language pair (like ar-en) or a package path")
    matches = [p for p in list_packages() if (p.from_code, p.to_code) == pair]
    if not matches:
        raise BilingualError(
            f"no {pair[0]}→{pair[1]} translation package installed in {packages_dir()}; "
            f"install one with: {INSTALL_HINT}"
        )
    return max(matches, key=lambda p: _version_key(p.version))


def _version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in version.replace("-", ".").split("."))


# --- validating and installing an archive -------------------------------------------------


def unpack_archive(archive: Path, top: str, destination: Path) -> InstalledPackage:
    """Unpack an archive `validate_archive` accepted (its top folder `top`) into
    `destination` and read the package back. A member whose bytes are damaged (a bad CRC,
    a truncated download) only shows while unpacking: it is a BilingualError too."""
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(destination)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BilingualError(f"{archive}: cannot unpack ({reason})") from None
    return read_package(Path(destination) / top)


def _conflicts(new: InstalledPackage, target: Path, directory: Path) -> list[str]:
    """What installing `new` into `target` would replace that is not the same package: a
    folder of that name holding another pair or version (or no package at all), and
    other folders with the same pair at another version."""
    found = []
    if target.exists():
        try:
            old = read_package(target)
        except BilingualError:
            found.append(f"{target} exists and is not a package")
        else:
            if (old.pair, old.version) != (new.pair, new.version):
                found.append(f"{target} holds {old.pair} {old.version or '(no version)'}")
    for old in list_packages(directory):
        if old.path.name != target.name and old.pair == new.pair and old.version != new.version:
            found.append(f"{old.pair} {old.version or '(no version)'} is installed in {old.path}")
    return found


def install_file(
    archive: Path, directory: Path | None = None, *, force: bool = False, notify: Callable[[str], None] | None = None
) -> InstalledPackage:
    """Install a local .argosmodel: validate, unpack to a staging folder next to the
    destination, swap it into place atomically, so any failure (a damaged member, a full
    disk, Ctrl-C) leaves the previous package working.

    Reinstalling the same pair and version replaces it. Replacing anything else, a
    folder of that name holding another pair or version, or the same pair at another
    version, needs `force` (the old one is then removed once the new one is in place).
    A package for another pair than ar→en is installed, and `notify` says so.
    """
    archive = Path(archive)
    top, meta = validate_archive(archive)
    directory = packages_dir() if directory is None else Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        clean_stale_staging(directory)
        staging = Path(tempfile.mkdtemp(prefix=".bilingual-install-", dir=directory))
    except OSError as exc:
        raise BilingualError(f"{directory}: cannot write the packages folder ({exc.strerror})") from None
    try:
        if (meta["from_code"], meta["to_code"]) != ("ar", "en") and notify:
            notify(f"Note: {archive.name} is a {meta['from_code']}→{meta['to_code']} package, not Arabic→English")
        new = unpack_archive(archive, top, staging)
        target = directory / top
        conflicts = _conflicts(new, target, directory)
        if conflicts and not force:
            raise BilingualError(
                f"{archive}: would replace what is installed ({'; '.join(conflicts)}); "
                f"add --force to replace it, or remove it first (bilingual models remove)"
            )
        replaced = [p for p in list_packages(directory) if p.pair == new.pair and p.path.name != top]
        try:
            swap_into_place(staging / top, target, staging / "previous")
        except OSError as exc:
            raise BilingualError(f"{target}: cannot install ({exc.strerror}); the previous package is kept") from None
        for old in replaced:
            shutil.rmtree(old.path, ignore_errors=True)
        return read_package(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_package(model: str | Path) -> InstalledPackage:
    """Remove an installed package named by pair code or folder."""
    pkg = find_package(model)
    directory = packages_dir().resolve()
    if pkg.path.resolve().parent != directory:
        raise BilingualError(f"{pkg.path}: not in the packages folder {directory}; remove it by hand")
    trash = Path(tempfile.mkdtemp(prefix=".bilingual-remove-", dir=directory))
    os.replace(pkg.path, trash / pkg.path.name)  # atomic: the package disappears at once
    shutil.rmtree(trash, ignore_errors=True)
    return pkg


def open_package(model: str | Path | InstalledPackage | None):
    """The package a `--model` value names, ready to load: (package, holder).

    An .argosmodel file is validated and unpacked into a temporary folder that lives as
    long as `holder` (keep a reference while the model is in use); otherwise holder is None.
    """
    import tempfile

    if isinstance(model, InstalledPackage):
        return model, None
    if model is not None and str(model).endswith(".argosmodel"):
        archive = Path(model)
        top, _ = validate_archive(archive)
        holder = tempfile.TemporaryDirectory(prefix="bilingual-model-")
        try:
            return unpack_archive(archive, top, Path(holder.name)), holder
        except BaseException:
            holder.cleanup()
            raise
    return find_package(model), None
