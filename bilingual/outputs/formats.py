"""The output formats `bilingual translate` writes, as one table.

Each format says its file suffix, whether it can go to standard output, how to write a
translated document (all its articles, or the subset `--split-articles` gives one file),
and how to recognise its own unedited output, so an existing file is replaced only when
nothing a person did to it would be lost. Adding a format is one `OutputFormat(...)` line
in `FORMATS` plus its two functions; planning, `-o` checks, `--split-articles` and the
protected-file rule then apply to it unchanged. Heavy libraries load inside the functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import BilingualError, UsageError

if TYPE_CHECKING:
    from bilingual.outputs.docx.options import RenderOptions
    from bilingual.translation.segments import TranslatedArticle, TranslatedDocument


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str  # the one bilingual names files with
    stdout: bool  # may be printed to standard output (-o -, stdin without -o)
    # Write `articles` of a document (None: all) to a path (None: stdout).
    write: Callable[[TranslatedDocument, list[TranslatedArticle] | None, Path | None, RenderOptions], None]
    # Why an existing file is not this format's own unedited output (None: it is).
    not_own: Callable[[Path], str | None]
    also: tuple[str, ...] = ()  # other suffixes `-o` accepts for it

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (self.suffix, *self.also)


# --- DOCX ---------------------------------------------------------------------------------


def _write_docx(doc, articles, path, render) -> None:
    from bilingual.outputs.docx.render import _write, build_document, document_bytes

    assert path is not None  # DOCX never goes to standard output
    document = build_document(doc, doc.articles if articles is None else articles, render)
    _write(path, document_bytes(document, doc.document.source))


def _docx_not_own(path: Path) -> str | None:
    from bilingual.outputs.docx.render import stored_and_current_fingerprint

    stored, current = stored_and_current_fingerprint(path)
    if stored is None:
        return "exists and was not written by bilingual as a DOCX"
    if stored != current:
        return "edited since bilingual wrote it"
    return None


# --- JSON ---------------------------------------------------------------------------------

FINGERPRINT_KEY = "fingerprint"


def json_text(doc: TranslatedDocument) -> str:
    """The JSON contract with a `fingerprint` of its own content (last key): a digest of
    the same document written without it, so a file whose content changed is recognised
    even when a tool re-indented it."""
    import hashlib

    from bilingual.outputs.jsonout import dumps, translated_dict

    data = translated_dict(doc)
    data[FINGERPRINT_KEY] = hashlib.sha256(dumps(data).encode("utf-8")).hexdigest()
    return dumps(data)


def _write_json(doc, articles, path, render) -> None:
    import sys

    from bilingual.files import atomic_write_text

    text = json_text(doc if articles is None else replace(doc, articles=articles))
    if path is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(path, text)


def _json_not_own(path: Path) -> str | None:
    import hashlib

    from bilingual.outputs.jsonout import dumps

    try:
        if path.stat().st_size > 512 * 1024 * 1024:
            return "exists and is too large to be bilingual's JSON"
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return "exists and was not written by bilingual as JSON"
    if not isinstance(data, dict) or not isinstance(data.get(FINGERPRINT_KEY), str):
        return "exists and was not written by bilingual as JSON"
    stored = data.pop(FINGERPRINT_KEY)
    if hashlib.sha256(dumps(data).encode("utf-8")).hexdigest() != stored:
        return "edited since bilingual wrote it"
    return None


# --- XLIFF ----------------------------------------------------------------------------------


def _write_xliff(doc, articles, path, render) -> None:
    from bilingual.interchange.xliff import write_xliff

    assert path is not None  # a file for a CAT tool, never standard output
    write_xliff(doc if articles is None else replace(doc, articles=articles), path)


def _xliff_not_own(path: Path) -> str | None:
    """Own and unedited: bilingual's units, every target still the English it wrote (the
    review import's notion of an unchanged row)."""
    from bilingual.interchange.xliff import read_units, unit_status

    try:
        units = read_units(path)
    except BilingualError:
        return "exists and was not written by bilingual as XLIFF"
    if any(unit_status(record, target) != "unchanged" for record, target in units):
        return "edited since bilingual wrote it (review import brings the edits in)"
    return None


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("docx", ".docx", stdout=False, write=_write_docx, not_own=_docx_not_own),
        OutputFormat("json", ".json", stdout=True, write=_write_json, not_own=_json_not_own),
        OutputFormat("xliff", ".xliff", stdout=False, write=_write_xliff, not_own=_xliff_not_own, also=(".xlf",)),
    )
}


def format_named(name: str) -> OutputFormat:
    try:
        return FORMATS[name.strip().lower()]
    except KeyError:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {name!r})") from None


def format_of_suffix(suffix: str) -> OutputFormat | None:
    return next((f for f in FORMATS.values() if suffix.lower() in f.suffixes), None)


def suffix_list() -> str:
    return ", ".join(s for f in FORMATS.values() for s in f.suffixes)


def check_overwrite(path: Path, fmt: OutputFormat, force: bool) -> None:
    """Refuse to replace a file unless it is absent, or this format's own unedited output,
    or `force` is set: a reviewer's edits, or a file bilingual did not write, are never lost."""
    if not path.exists() and not path.is_symlink():
        return
    if path.is_dir():
        raise BilingualError(f"{path}: is a folder; give a file name or a folder ending in /")
    if force:
        return
    reason = fmt.not_own(path)
    if reason is not None:
        raise BilingualError(
            f"{path}: {reason}; not overwriting it (use --force to replace it, or choose another output)"
        )
