"""The names glossary: a CSV/TSV file editors keep in Excel or LibreOffice Calc.

Format (documented in the README): UTF-8 (a BOM and CRLF line ends from Excel are fine),
header `arabic,english,kind,note` (`kind` and `note` optional), one row per Arabic
spelling, several rows may share an English target, lines starting with `#` are comments.
`.tsv` files use the same columns separated by tabs; a `.csv` whose header is separated by
`;` (Excel in many European locales) is read with `;`, and Excel's `sep=;` first line is
honoured. A quote that is never closed is an error on its row, not a cell that silently
swallows the rows after it.

Cells bilingual writes (`add_entry`, `export_text`) that a spreadsheet would run as a
formula (starting with = + - @, tab or CR) get a leading `'`; reading drops it again.

Everything here reports problems as `FILE:LINE: message` so an editor can jump to the row.
Nothing rewrites an editor's lines: `add_entry` only appends.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError
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
GLOSSARY_FOLDER = "glossaries"
DEFAULT_GLOSSARY = Path(GLOSSARY_FOLDER) / "names.csv"
SUFFIXES = (".csv", ".tsv")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs such a cell

# Common Arabic words that a name becomes identical to once ى/ي, ة/ه and hamzas are
# folded (علي "Ali" = على "on"). An entry that collides is only matched when the text has
# exactly its spelling; `check` warns about it.
COMMON_WORDS = (
    "على",
    "إلى",
    "حتى",
    "لدى",
    "متى",
    "سوى",
    "مدى",
    "أنى",
    "يحيي",
    "هدى",
    "منى",
    "مني",
    "ألا",
    "إلا",
    "أما",
    "إما",
    "أنا",
    "إن",
    "أن",
    "من",
    "في",
    "عن",
    "مع",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "هو",
    "هي",
    "أو",
    "ثم",
    "بل",
    "كل",
    "غير",
    "عند",
    "منذ",
    "حول",
    "ضد",
    "نحو",
    "دون",
    "عبر",
    "بعد",
    "قبل",
    "أمام",
    "إذا",
    "إذ",
    "كما",
    "حيث",
    "أي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "لكن",
    "كان",
    "قال",
    "عام",
    "يوم",
    "أمس",
    "اليوم",
    "بين",
    "أيضا",
    "عدم",
    "فقط",
    "دعا",
    "رأى",
    "أدى",
    "جرى",
    "سعى",
    "نفى",
    "مضى",
    "ولي",
    "سلام",
    "عون",
    "بري",
    "أمل",
)
_COMMON_KEYS = {normalize(word): word for word in COMMON_WORDS}


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


def common_word_collision(arabic: str) -> str | None:
    """The common Arabic word this spelling equals after folding (None if it does not).

    A name that folds onto a function word (علي → على) would fire on every preposition;
    such entries are matched only in their exact spelling.
    """
    return _COMMON_KEYS.get(match_key(arabic))


# --- discovery ------------------------------------------------------------------------


def discover_glossaries(explicit: list[Path], no_glossary: bool = False, cwd: Path | None = None) -> list[Path]:
    """The glossary files a command should use.

    `-g FILE` options win (each must exist); otherwise every .csv/.tsv in ./glossaries/,
    sorted so that the order (and so the first of two conflicting rows) never depends on
    the filesystem; `--no-glossary` gives none.
    """
    if no_glossary:
        return []
    base = Path(cwd) if cwd is not None else Path.cwd()
    if explicit:
        paths = []
        for given in explicit:
            path = Path(given)
            resolved = path if path.is_absolute() else base / path
            if not resolved.is_file():
                raise BilingualError(f"{path}: glossary file not found")
            paths.append(path if cwd is None else resolved)
        return paths
    folder = base / GLOSSARY_FOLDER
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
    found.sort(key=lambda p: p.name)
    return [Path(GLOSSARY_FOLDER) / p.name if cwd is None else p for p in found]


# --- reading --------------------------------------------------------------------------


@dataclass
class _Parsed:
    entries: list[Entry]
    problems: list[Problem]


def _decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    """Text of a glossary file; Excel's UTF-16 "Unicode text" is accepted too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(path, line, "error", "not UTF-8 text; in Excel save as 'CSV UTF-8', in Calc choose UTF-8")


def _delimiter(path: Path, header_line: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    if "," not in header_line:
        if "\t" in header_line:
            return "\t"
        if ";" in header_line:
            return ";"
    return ","


def _separator_hint(line: str) -> str | None:
    """The delimiter a `sep=;` first line names (Excel writes and honours this hint line
    in locales whose list separator is not a comma), or None for any other line."""
    text = line.strip().lstrip("\ufeff")
    if text.lower().startswith("sep=") and len(text) == 5:
        return text[4]
    return None


def _dialect(path: Path, first_lines: list[str]) -> tuple[str, int]:
    """(delimiter, index of the header line) from a file's first non-comment lines."""
    if first_lines and (hint := _separator_hint(first_lines[0])) is not None:
        return hint, 1
    return _delimiter(path, first_lines[0] if first_lines else ""), 0


def _unescape_cell(value: str) -> str:
    """Undo the spreadsheet-formula guard `escape_cell` adds on export (a leading ')."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def escape_cell(value: str) -> str:
    """A cell that a spreadsheet would run as a formula (= + - @, or a leading tab/CR)
    gets a leading ', as OWASP advises against CSV injection; bilingual reads it back
    without the '."""
    return f"'{value}" if value[:1] in FORMULA_STARTS and value else value


def _numbered_rows(lines: list[tuple[int, str]], delimiter: str):
    """Yield (first line number, cells) for each CSV record, skipping # comments.

    csv.reader pulls lines lazily, so remembering which lines it pulled for a record gives
    the record's line number even when a quoted cell spans several lines. Such a record
    must also parse under strict quoting: a stray quote that is never closed would
    otherwise swallow every following row into one cell, silently.
    """
    pulled: list[tuple[int, str]] = []

    def feed():
        for number, line in lines:
            pulled.append((number, line))
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    while True:
        pulled.clear()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield (pulled[0][0] if pulled else 0), exc
            return
        if len(pulled) > 1 and not _quotes_close(pulled, delimiter):
            yield (
                pulled[0][0],
                csv.Error(
                    'a quote (") opened in this row is never closed, so the rows after it would be '
                    "read as part of one cell; close or remove it"
                ),
            )
            return
        yield pulled[0][0], cells


def _quotes_close(record: list[tuple[int, str]], delimiter: str) -> bool:
    """True when a multi-line record is one well-quoted CSV row (Excel's Alt+Enter note)."""
    try:
        rows = list(csv.reader([line for _, line in record], delimiter=delimiter, strict=True))
    except csv.Error:
        return False
    return len(rows) == 1


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
    text, problem = _decode(path, data)
    if text is None:
        assert problem is not None
        return _Parsed(entries, [problem])

    # Physical lines (CRLF or LF), numbered from 1, without blank and # comment lines.
    lines = [
        (number, line + "\n")
        for number, line in enumerate(io.StringIO(text, newline=None).read().split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        report(1, "error", f"missing header: the first row must be {HEADER}")
        return _Parsed(entries, problems)

    delimiter, header_at = _dialect(path, [line for _, line in lines[:1]])
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
        entry = _row_entry(path, line, values, report)
        if entry is not None:
            entries.append(entry)
    return _Parsed(entries, problems)


def _row_entry(path: Path, line: int, values: dict[str, str], report) -> Entry | None:
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


def _read(paths: list[Path]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in paths:
        parsed = _parse(Path(path))
        entries.extend(parsed.entries)
        problems.extend(parsed.problems)
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


# --- editing and listing --------------------------------------------------------------


def format_row(cells: list[str], delimiter: str) -> str:
    """One CSV/TSV row as bilingual writes it: quoted where needed, formula-safe, without
    its line end. (The writer only quotes a cell holding a line break when the break is
    part of its line terminator, so it gets CRLF, which is then cut off.)"""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow([escape_cell(c) for c in cells])
    return out.getvalue()[:-2]


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
    `others` files used alongside it). Existing bytes are kept as they are (BOM, CRLF,
    quoting), so the diff is exactly one added line. A missing file is created with its
    header. Adding a row that is already there changes nothing (added=False).
    """
    path = Path(path)
    arabic, english, note = (" ".join(v.split()) for v in (arabic, english, note))
    kind = (kind or "other").strip().lower()

    problems: list[Problem] = []
    new = _row_entry(
        path,
        0,
        {"arabic": arabic, "english": english, "kind": kind, "note": note},
        lambda line, severity, message: problems.append(Problem(path, line, severity, message)),
    )
    if new is None:
        raise BilingualError(next(p.message for p in problems if p.is_error))

    existing = path.is_file()
    glossary = load_glossaries(([path] if existing else []) + [p for p in others or [] if Path(p) != path])
    for entry in glossary.entries:
        if entry.key != new.key:
            continue
        if entry.english != new.english:
            raise BilingualError(
                f"{entry.where}: '{entry.arabic}' is already mapped to '{entry.english}'; "
                f"edit that line instead of adding '{english}'"
            )
        if entry.path == path:
            return entry, False

    if existing:
        data = path.read_bytes()
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        content = [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]
        delimiter, header_at = _dialect(path, content[:1])
        first = content[header_at] if header_at < len(content) else HEADER
        header = [c.strip().lower() for c in next(csv.reader([first], delimiter=delimiter))]
        values = {"arabic": arabic, "english": english, "kind": kind, "note": note}
        cells = [values.get(name, "") for name in header]
        while cells and not cells[-1] and header[len(cells) - 1] not in ("arabic", "english"):
            cells.pop()  # leave optional trailing cells out rather than writing ",,"
        row = format_row(cells, delimiter)
        separator = "" if not text or text.endswith(("\n", "\r")) else newline
        appended = separator + row + newline
        data = (text + appended).encode("utf-16") if utf16 else data + appended.encode("utf-8")
        written = (text + separator + row).replace("\r\n", "\n").replace("\r", "\n")
        line = written.count("\n") + 1
    else:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        row = format_row([arabic, english, kind, note] if note else [arabic, english, kind], delimiter)
        data = (delimiter.join(COLUMNS) + "\n" + row + "\n").encode("utf-8")
        line = 2
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)

    from bilingual.files import atomic_write_bytes

    atomic_write_bytes(path, data)
    return Entry(arabic, english, kind, note, path, line), True


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
