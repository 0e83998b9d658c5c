"""Checking an .argosmodel archive and its metadata before anything is written, and
swapping an unpacked package into place.

An .argosmodel is a zip with one top folder holding metadata.json, model/model.bin (a
CTranslate2 model) and sentencepiece.model or bpe.model. Everything is checked from the
zip directory and metadata.json alone (a few KB read): paths (no traversal, no absolute
or Windows paths, no symlinks), the layout (those files are files, not folders), the
inflated size and compression ratio (reading.limits: a zip bomb is refused before a byte
is inflated), and the type of every metadata field argostranslate reads.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import stat
import time
import zipfile
from pathlib import Path, PurePosixPath

from bilingual.errors import BilingualError
from bilingual.reading.limits import MODEL_ENV, check_zip_bounds, max_model_bytes

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
MAX_METADATA_BYTES = 1 << 20

# metadata.json fields argostranslate (or this tool) reads, and their JSON types.
METADATA_TYPES: dict[str, type] = {
    "from_code": str,
    "to_code": str,
    "package_version": str,
    "argos_version": str,
    "code": str,
    "from_name": str,
    "to_name": str,
    "type": str,
    "target_prefix": str,
    "links": list,
    "dependencies": list,
    "languages": list,
    "source_languages": list,
    "target_languages": list,
}
_JSON_NAMES: dict[type, str] = {str: "a string", list: "a list"}
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*")


def check_metadata(where: object, meta: object) -> dict:
    """metadata.json as a dict whose known fields have the right JSON types and whose
    language codes are codes (not paths, not empty); BilingualError otherwise."""
    if not isinstance(meta, dict):
        raise BilingualError(f"{where}: metadata.json is not a JSON object")
    for key, expected in METADATA_TYPES.items():
        if key in meta and meta[key] is not None and not isinstance(meta[key], expected):
            want = _JSON_NAMES.get(expected, expected.__name__)
            raise BilingualError(
                f"{where}: metadata.json field {key!r} should be {want}, not {type(meta[key]).__name__}"
            )
    if not meta.get("from_code") or not meta.get("to_code"):
        raise BilingualError(f"{where}: metadata.json lacks from_code/to_code")
    for key in ("from_code", "to_code"):
        if not _LANGUAGE_CODE.fullmatch(meta[key]):
            raise BilingualError(f"{where}: metadata.json {key} {meta[key]!r} is not a language code")
    if meta.get("type", "translate") != "translate":
        raise BilingualError(f"{where}: not a translation package (type {meta.get('type')!r})")
    return meta


def _single_top_folder(archive: Path, infos: list[zipfile.ZipInfo]) -> str:
    tops = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts or "\\" in name:
            raise BilingualError(f"{archive}: unsafe path in archive: {name!r}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BilingualError(f"{archive}: archive contains a symlink: {name!r}")
        if parts and parts[0] not in (".", ""):
            tops.add(parts[0])
        if len(parts) == 1 and not info.is_dir():
            raise BilingualError(f"{archive}: file {name!r} outside the package folder")
    if len(tops) != 1:
        raise BilingualError(f"{archive}: expected one top folder in the archive, found {len(tops)}")
    top = tops.pop()
    if top.startswith("."):  # hidden: `list_packages` skips it (our staging folders are dot-named)
        raise BilingualError(f"{archive}: the package folder {top!r} is a hidden name")
    return top


def _is_file_member(infos: list[zipfile.ZipInfo], name: str) -> bool | None:
    """True: `name` is a file in the zip; False: it is a folder (an entry ending in / or a
    prefix of other entries); None: absent."""
    if any(i.filename.startswith(name + "/") for i in infos):
        return False  # a folder, listed or implied by its members
    entries = {i.filename: i for i in infos}
    if name not in entries:
        return None
    return not entries[name].is_dir()


def validate_archive(archive: Path) -> tuple[str, dict]:
    """Check an .argosmodel before anything is written; return (top folder, metadata).

    Rules: a zip; every member under one top folder; no absolute paths, no `..`, no
    symlinks; inflated size within BILINGUAL_MAX_MODEL_MB and no member inflating more
    than reading.limits.MAX_RATIO times; metadata.json (a file, typed fields, from/to
    codes, type translate); model/model.bin a file; sentencepiece.model or bpe.model a file.
    """
    archive = Path(archive)
    if archive.is_dir():
        raise BilingualError(f"{archive}: is a folder, not an .argosmodel file (use it with --model as it is)")
    if not archive.is_file():
        raise BilingualError(f"{archive}: no such file" if not archive.exists() else f"{archive}: not a regular file")
    if not zipfile.is_zipfile(archive):
        raise BilingualError(f"{archive}: not an .argosmodel (not a zip archive)")
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            top = _single_top_folder(archive, infos)
            check_zip_bounds(
                infos,
                str(archive),
                max_total=max_model_bytes(),
                limit_hint=f" for a package (raise it with {MODEL_ENV}=N)",
            )
            meta_name = f"{top}/metadata.json"
            found = _is_file_member(infos, meta_name)
            if found is None:
                raise BilingualError(f"{archive}: package has no {meta_name}")
            if not found or zf.getinfo(meta_name).file_size > MAX_METADATA_BYTES:
                raise BilingualError(f"{archive}: {meta_name} is not a small JSON file")
            try:
                meta = json.loads(zf.read(meta_name).decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise BilingualError(f"{archive}: metadata.json is not valid JSON ({exc})") from None
    except zipfile.BadZipFile as exc:
        raise BilingualError(f"{archive}: damaged zip archive ({exc})") from None
    check_metadata(archive, meta)
    model = _is_file_member(infos, f"{top}/model/model.bin")
    if model is None:
        raise BilingualError(f"{archive}: package has no model/model.bin (CTranslate2 model)")
    if not model:
        raise BilingualError(f"{archive}: model/model.bin is a folder, not a CTranslate2 model file")
    tokenizers = [_is_file_member(infos, f"{top}/{t}") for t in TOKENIZER_FILES]
    if not any(tokenizers):
        if False in tokenizers:
            raise BilingualError(f"{archive}: the package's tokenizer is a folder, not a file")
        raise BilingualError(f"{archive}: package has no sentencepiece.model or bpe.model")
    return top, meta


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where the
    system or filesystem cannot, and the caller falls back to two renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_into_place(new: Path, target: Path, aside: Path) -> None:
    """Put the unpacked folder `new` at `target`; a package already there ends up at
    `aside`. With RENAME_EXCHANGE there is no moment without a package; otherwise, if the
    second rename fails, the previous package is put back."""
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        os.replace(new, aside)  # `new` now holds the previous package
        return
    os.replace(target, aside)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(aside, target)
        raise


STAGING_PREFIXES = (".bilingual-install-", ".bilingual-download-", ".bilingual-remove-")
STALE_STAGING_SECONDS = 6 * 3600  # an install takes minutes; one this old was cut off by a crash


def clean_stale_staging(directory: Path) -> None:
    """Remove staging folders a killed install, download or removal left in the packages
    folder (hundreds of MB each): only ours, only old ones, never a running install's."""
    for child in directory.iterdir():
        try:
            if (
                child.name.startswith(STAGING_PREFIXES)
                and child.is_dir()
                and not child.is_symlink()
                and time.time() - child.stat().st_mtime > STALE_STAGING_SECONDS
            ):
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue
