"""Changing and searching glossaries: `glossary add`, `list` and `export`.

`add_entry` appends one row and never rewrites an editor's lines: the diff is one line,
the file keeps its encoding, BOM, delimiter, line ends and mode, a symlink keeps pointing
at the file it names (the target is written), and two editors adding at once take turns
under a file lock instead of losing a row.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.names.glossary_csv import NotText, escape_cell, read_layout
from bilingual.names.glossary_format import (
    COLUMNS,
    KINDS,
    OPTIONAL_COLUMNS,
    Entry,
    Glossary,
    Problem,
    is_starter,
    load_glossaries,
    match_key,
    row_entry,
)

LOCK_TIMEOUT = 10.0  # seconds another process may hold a glossary before `add` gives up
LOCK_TIMEOUT_VARIABLE = "BILINGUAL_LOCK_TIMEOUT"


def format_row(cells: list[str], delimiter: str) -> str:
    """One CSV/TSV row as bilingual writes it: quoted where needed, formula-safe, without
    its line end. (The writer only quotes a cell holding a line break when the break is
    part of its line terminator, so it gets CRLF, which is then cut off.)"""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow([escape_cell(c) for c in cells])
    return out.getvalue()[:-2]


def lock_path(target: Path) -> Path:
    """The lock for one glossary file: in bilingual's cache folder, named by a digest of the
    file's real path, so nothing is added to the editors' glossary folder; next to the file
    only when the cache folder cannot be written."""
    import hashlib

    from bilingual.names.glossary_cache import cache_root

    digest = hashlib.sha256(os.path.realpath(target).encode()).hexdigest()[:32]
    folder = cache_root() / "locks"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{digest}.lock"
    except OSError:
        return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def _locked(target: Path):
    """Hold the glossary's lock (`lock_path`); wait a little for another editor, then stop
    with one clear line instead of waiting forever."""
    from filelock import FileLock, Timeout

    timeout = float(os.environ.get(LOCK_TIMEOUT_VARIABLE) or LOCK_TIMEOUT)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = lock_path(target)
        with FileLock(str(lock), timeout=timeout):
            yield
    except Timeout:
        raise BilingualError(
            f"{target}: another process is editing this glossary (its lock was held for {timeout:g} s); "
            "try again when it has finished"
        ) from None
    except PermissionError as exc:
        raise BilingualError(f"{target.parent}: cannot write the glossary folder ({exc.strerror})") from None


def _target(path: Path) -> Path:
    """The file to write: a symlink's target, so the link keeps pointing at it."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def add_entry(
    path: Path,
    arabic: str,
    english: str,
    kind: str = "person",
    note: str = "",
    others: list[Path] | None = None,
) -> tuple[Entry, bool]:
    """Append one row to a glossary file; returns (entry, added).

    The file is validated first and the new row must not conflict with it (or with the
    `others` files used alongside it; a starter row is overridden, not a conflict).
    Existing bytes are kept as they are (BOM, CRLF, quoting), so the diff is exactly one
    added line. A missing file is created with its header. Adding a row that is already
    there changes nothing (added=False).
    """
    path = Path(path)
    arabic, english, note = (" ".join(v.split()) for v in (arabic, english, note))
    kind = (kind or "other").strip().lower()

    problems: list[Problem] = []
    new = row_entry(
        path,
        0,
        {"arabic": arabic, "english": english, "kind": kind, "note": note},
        lambda line, severity, message: problems.append(Problem(path, line, severity, message)),
    )
    if new is None:
        raise BilingualError(next(p.message for p in problems if p.is_error))

    target = _target(path)
    with _locked(target):
        existing = target.is_file()
        used = [p for p in others or [] if _target(Path(p)) != target]
        glossary = load_glossaries(([target] if existing else []) + used)
        for entry in glossary.entries:
            if entry.key != new.key or (entry.path is not None and is_starter(entry.path)):
                continue
            if entry.english != new.english:
                raise BilingualError(
                    f"{entry.where}: '{entry.arabic}' is already mapped to '{entry.english}'; "
                    f"edit that line instead of adding '{english}'"
                )
            if entry.path == target:
                return entry, False
        data, line = _appended(target, new) if existing else _new_file(target, new)
        mode = stat.S_IMODE(target.stat().st_mode) if existing else None

        from bilingual.files import atomic_write_bytes

        atomic_write_bytes(target, data)
        if mode is not None:
            os.chmod(target, mode)
    return Entry(arabic, english, kind, note, path, line), True


def _appended(target: Path, new: Entry) -> tuple[bytes, int]:
    """The file's bytes with the new row appended in its own dialect; the row's line."""
    data = target.read_bytes()
    try:
        layout = read_layout(target, data)
    except NotText as exc:  # load_glossaries has read it already, so this is a race
        raise BilingualError(f"{target}:{exc.line}: {exc}") from None
    header = layout.header() or list(COLUMNS)
    values = {"arabic": new.arabic, "english": new.english, "kind": new.kind, "note": new.note}
    cells = [values.get(name, "") for name in header]
    while cells and not cells[-1] and header[len(cells) - 1] not in ("arabic", "english"):
        cells.pop()  # leave optional trailing cells out rather than writing ",,"
    row = format_row(cells, layout.delimiter)
    text, newline = layout.text, layout.newline
    separator = "" if not text or text.endswith(("\n", "\r")) else newline
    appended = separator + row + newline
    data = (text + appended).encode("utf-16") if layout.utf16 else data + appended.encode("utf-8")
    written = (text + separator + row).replace("\r\n", "\n").replace("\r", "\n")
    return data, written.count("\n") + 1


def _new_file(target: Path, new: Entry) -> tuple[bytes, int]:
    delimiter = "\t" if target.suffix.lower() == ".tsv" else ","
    cells = [new.arabic, new.english, new.kind] + ([new.note] if new.note else [])
    return (delimiter.join(COLUMNS) + "\n" + format_row(cells, delimiter) + "\n").encode("utf-8"), 2


def search_entries(glossary: Glossary, search: str | None = None, kind: str | None = None) -> list[Entry]:
    """Entries whose Arabic (normalized) or English (case-insensitive) contains `search`."""
    if kind is not None:
        kind = kind.strip().lower()
        if kind not in KINDS:
            raise BilingualError(f"unknown kind '{kind}' (use one of: {', '.join(KINDS)})")
    needle = (search or "").strip()
    arabic_needle = match_key(needle) if needle else ""
    english_needle = needle.casefold()
    found = []
    for entry in glossary.entries:
        if kind is not None and entry.kind != kind:
            continue
        if needle and arabic_needle not in entry.key and english_needle not in entry.english.casefold():
            continue
        found.append(entry)
    return found


# --- export ---------------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "tsv")


def export_format(output: Path | None, fmt: str | None) -> str:
    """csv or tsv: `--format` if given, else from the output's extension, else csv."""
    if fmt is None:
        return "tsv" if output is not None and Path(output).suffix.lower() == ".tsv" else "csv"
    fmt = fmt.strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise BilingualError(f"--format must be csv or tsv (got {fmt!r})")
    return fmt


def export_text(glossary: Glossary, fmt: str = "csv") -> str:
    """The merged glossary as one CSV/TSV text: header, then every entry in load order.

    A row repeated with the same Arabic and English (the same name in two files) is
    written once. Every cell goes through `escape_cell`, so the file is safe to open in a
    spreadsheet, and bilingual reads it back to the same entries.
    """
    delimiter = "\t" if fmt == "tsv" else ","
    seen: set[tuple[str, str]] = set()
    with_context = any(entry.context for entry in glossary.entries)
    lines = [delimiter.join(COLUMNS + (OPTIONAL_COLUMNS if with_context else ()))]
    for entry in glossary.entries:
        if (entry.arabic, entry.english) in seen:
            continue
        seen.add((entry.arabic, entry.english))
        cells = [entry.arabic, entry.english, entry.kind, entry.note] + ([entry.context] if with_context else [])
        lines.append(format_row(cells, delimiter))
    return "\n".join(lines) + "\n"


def export_to_file(glossary: Glossary, output: Path, fmt: str) -> Path:
    """Write `export_text` to `output` atomically, UTF-8 with a BOM (so Excel shows Arabic
    instead of mojibake). The glossaries being exported are never overwritten."""
    output = Path(output)
    if any(output.resolve() == Path(p).resolve() for p in glossary.paths):
        raise BilingualError(f"{output}: is one of the glossaries being exported; choose another file")
    from bilingual.files import atomic_write_bytes

    return atomic_write_bytes(output, export_text(glossary, fmt).encode("utf-8-sig"))
