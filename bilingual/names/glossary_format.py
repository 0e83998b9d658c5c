"""The names glossary file format: reading and validating the CSV/TSV files editors keep.

Format (documented in the README): UTF-8 (a BOM and CRLF line ends from Excel are fine),
header `arabic,english,kind,note` (`kind` and `note` optional), one row per Arabic
spelling, several rows may share an English target, lines starting with `#` are comments.
`.tsv` files use the same columns separated by tabs; a `.csv` whose header is separated by
`;` (Excel in many European locales) is read with `;`, and Excel's `sep=;` first line is
honoured. A quote that is never closed is an error on its row, not a cell that silently
swallows the rows after it.

Cells bilingual writes that a spreadsheet would run as a formula (starting with = + - @,
tab or CR) get a leading `'`; reading drops it again.

Everything here reports problems as `FILE:LINE: message` so an editor can jump to the row.
The starter glossary shipped in the package is the bottom layer: a row of any other file
in use replaces the starter's row for the same Arabic (see `load_glossaries`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.names.common_words import common_word_collision
from bilingual.names.glossary_csv import (
    NotText,
    _numbered_rows,
    _unescape_cell,
    read_layout,
)
from bilingual.text.arabic import has_arabic, normalize

KINDS = ("person", "place", "org", "agency", "other")
COLUMNS = ("arabic", "english", "kind", "note")
HEADER = ",".join(COLUMNS)
# Optional columns a file may have after the four above. `context`: when a one-word name that
# is also an everyday word is read as the name: "cue" (only after a cue word such as مدينة or
# في, or when the article names it unambiguously elsewhere), "always", or empty to let word
# frequencies decide (`bilingual.names.words.collision`).
OPTIONAL_COLUMNS = ("context",)
CONTEXTS = ("", "cue", "always")
SUFFIXES = (".csv", ".tsv")
STARTER_GLOSSARY = Path(__file__).resolve().parent.parent / "glossaries" / "names.csv"


@dataclass(frozen=True)
class Entry:
    """One glossary row: an Arabic spelling and its house English spelling.

    `path`/`line` say where it came from so every message can point at the row.
    """

    arabic: str
    english: str
    kind: str = "other"
    note: str = ""
    path: Path | None = None
    line: int = 0
    context: str = ""  # "", "cue" or "always" (see OPTIONAL_COLUMNS)

    @property
    def key(self) -> str:
        """The spelling as the matcher sees it; two rows with one key are the same name."""
        return match_key(self.arabic)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """A validation finding; `str(problem)` is `FILE:LINE: message` (`FILE: message` for
    problems with the whole file)."""

    path: Path | None
    line: int
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def display(self) -> str:
        """The line `bilingual glossary check` prints: warnings say so, errors do not."""
        if self.is_error:
            return str(self)
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: warning: {self.message}"


@dataclass
class Glossary:
    """Every entry of the loaded files, in file order, plus their non-fatal warnings."""

    entries: list[Entry] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def match_key(arabic: str) -> str:
    """Normalized spelling (diacritics, hamza seats, ى/ي, ة/ه, spaces folded)."""
    return normalize(arabic)


# --- reading --------------------------------------------------------------------------


@dataclass
class _Parsed:
    entries: list[Entry]
    problems: list[Problem]


def _parse(path: Path) -> _Parsed:
    """Read one glossary file into entries and problems (never raises for bad content)."""
    path = Path(path)
    problems: list[Problem] = []
    entries: list[Entry] = []

    def report(line: int, severity: str, message: str) -> None:
        problems.append(Problem(path, line, severity, message))

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report(0, "error", "file not found")
        return _Parsed(entries, problems)
    except OSError as exc:
        report(0, "error", f"cannot read ({exc.strerror})")
        return _Parsed(entries, problems)
    try:
        layout = read_layout(path, data)
    except NotText as exc:
        return _Parsed(entries, [Problem(path, exc.line, "error", str(exc))])
    lines, delimiter, header_at = layout.lines, layout.delimiter, layout.header_at
    if not lines:
        report(1, "error", f"missing header: the first row must be {HEADER}")
        return _Parsed(entries, problems)
    if header_at >= len(lines):
        report(lines[0][0], "error", f"missing header: the first row must be {HEADER}")
        return _Parsed(entries, problems)
    rows = _numbered_rows(lines[header_at:], delimiter)
    header_line, header = next(rows)
    if isinstance(header, csv.Error):
        report(header_line, "error", f"unreadable header ({header})")
        return _Parsed(entries, problems)
    names = [cell.strip().lower().lstrip("\ufeff") for cell in header]
    if "arabic" not in names or "english" not in names:
        report(header_line, "error", f"missing header: the first row must be {HEADER} (found: {','.join(header)})")
        return _Parsed(entries, problems)
    for name in sorted({n for n in names if names.count(n) > 1 and n}):
        report(header_line, "error", f"column '{name}' appears twice in the header")
    for name in names:
        if name and name not in COLUMNS + OPTIONAL_COLUMNS:
            report(header_line, "warning", f"unknown column '{name}' is ignored")
    column = {name: names.index(name) for name in COLUMNS + OPTIONAL_COLUMNS if name in names}

    for line, cells in rows:
        if isinstance(cells, csv.Error):
            report(line, "error", f"unreadable row ({cells})")
            break
        if not any(cell.strip() for cell in cells):
            continue  # empty row (Excel often leaves ",,,")
        extra = [cell for cell in cells[len(names) :] if cell.strip()]
        if extra:
            report(
                line,
                "error",
                f"{len(cells)} cells but the header has {len(names)} columns (a comma inside a cell must be quoted)",
            )
            continue
        values: dict[str, str] = {}
        for name, index in column.items():
            raw = _unescape_cell(cells[index]) if index < len(cells) else ""
            # Notes may hold line breaks (Alt+Enter in Excel); names are one line.
            value = raw.strip() if name == "note" else " ".join(raw.split())
            if value != raw:
                report(line, "warning", f"stray whitespace in the {name} cell")
            values[name] = value
        entry = row_entry(path, line, values, report)
        if entry is not None:
            entries.append(entry)
    return _Parsed(entries, problems)


def row_entry(path: Path, line: int, values: dict[str, str], report) -> Entry | None:
    """Validate one row's cells; the Entry, or None when the row has an error."""
    arabic, english = values.get("arabic", ""), values.get("english", "")
    kind = values.get("kind", "").lower() or "other"
    ok = True
    if not arabic:
        report(line, "error", "empty arabic cell")
        ok = False
    elif not has_arabic(arabic):
        report(line, "error", f"the arabic cell '{arabic}' has no Arabic letters")
        ok = False
    if not english:
        report(line, "error", "empty english cell")
        ok = False
    elif has_arabic(english):
        report(line, "error", f"the english cell '{english}' contains Arabic letters (columns swapped?)")
        ok = False
    if kind not in KINDS:
        report(line, "error", f"unknown kind '{kind}' (use one of: {', '.join(KINDS)})")
        ok = False
    context = values.get("context", "").lower()
    if context not in CONTEXTS:
        report(line, "error", f"unknown context '{context}' (use cue, always, or leave it empty)")
        ok = False
    if not ok:
        return None
    word = common_word_collision(arabic)
    if word is not None:
        report(
            line,
            "warning",
            f"'{arabic}' reads as the common word '{word}' once ى/ي, ة/ه and hamzas are folded; "
            "only its exact spelling will be matched",
        )
    return Entry(arabic, english, kind, values.get("note", ""), path, line, context)


def _cross_check(entries: list[Entry]) -> list[Problem]:
    """Duplicates (warnings) and one Arabic spelling with two English targets (errors)."""
    problems: list[Problem] = []
    first: dict[str, Entry] = {}
    for entry in entries:
        earlier = first.get(entry.key)
        if earlier is None:
            first[entry.key] = entry
            continue
        there = f"line {earlier.line}" if earlier.path == entry.path else earlier.where
        if earlier.english != entry.english:
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    "error",
                    f"'{entry.arabic}' maps to '{entry.english}' here but '{earlier.arabic}' maps to "
                    f"'{earlier.english}' on {there} (the same name once normalized)",
                )
            )
        elif earlier.arabic == entry.arabic:
            problems.append(Problem(entry.path, entry.line, "warning", f"duplicate of {there}"))
        else:
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    "warning",
                    f"'{entry.arabic}' is the same name as '{earlier.arabic}' on {there} once normalized",
                )
            )
    return problems


def is_starter(path: Path) -> bool:
    """True for the starter glossary shipped inside the package."""
    try:
        return Path(path).resolve() == STARTER_GLOSSARY
    except OSError:
        return False


def _read(paths: list[Path]) -> tuple[list[Entry], list[Problem]]:
    """Entries and problems of `paths` read together.

    The starter glossary is the bottom layer: its row for an Arabic spelling (once
    normalized) that another file in use also has is dropped, so a house row overrides
    it instead of conflicting with it.
    """
    starter: list[Entry] = []
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in paths:
        parsed = _parse(Path(path))
        (starter if is_starter(path) else entries).extend(parsed.entries)
        problems.extend(parsed.problems)
    if starter and entries:
        overridden = {entry.key for entry in entries}
        starter = [entry for entry in starter if entry.key not in overridden]
    entries = starter + entries
    problems.extend(_cross_check(entries))
    order = {id(p): i for i, p in enumerate(problems)}
    problems.sort(key=lambda p: (str(p.path), p.line, order[id(p)]))
    return entries, problems


def check_glossaries(paths: list[Path]) -> list[Problem]:
    """Every problem in these files, checked together (conflicts across files count)."""
    return _read(paths)[1]


def check_glossary(path: Path) -> list[Problem]:
    """Every problem in one file, in line order."""
    return check_glossaries([path])


def load_glossaries(paths: list[Path]) -> Glossary:
    """Read and validate glossary files; stop with the first error as `FILE:LINE: problem`.

    Warnings do not stop loading; they are kept on `Glossary.warnings`. Rows with errors
    never reach the matcher, so a bad glossary cannot silently produce wrong names.
    """
    paths = [Path(p) for p in paths]
    entries, problems = _read(paths)
    errors = [p for p in problems if p.is_error]
    if errors:
        more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise BilingualError(f"{errors[0]}{more}; run 'bilingual glossary check' for the full list")
    return Glossary(entries, paths, [p for p in problems if not p.is_error])


def count_entries(path: Path) -> int:
    """Valid entry rows in one file (rows with errors are not counted)."""
    return len(_parse(Path(path)).entries)
