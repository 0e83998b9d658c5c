"""The CSV/TSV layer of a glossary file: decoding, dialect, numbered records.

Shared by the reader (`glossary_format`) and `add_entry` (`glossary_edit`), so a row is
appended in exactly the encoding, delimiter and line ends the reader found: Excel's
"CSV UTF-8" (BOM, CRLF), UTF-16 "Unicode text", `;` headers and a `sep=;` first line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs such a cell


class NotText(ValueError):
    """A glossary file that is neither UTF-8 nor UTF-16; `line` is where decoding failed."""

    def __init__(self, line: int):
        super().__init__("not UTF-8 text; in Excel save as 'CSV UTF-8', in Calc choose UTF-8")
        self.line = line


def _decode(data: bytes) -> str:
    """Text of a glossary file; Excel's UTF-16 "Unicode text" is accepted too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotText(data[: exc.start].count(b"\n") + 1) from None


@dataclass
class GlossaryText:
    """A glossary file decoded, as both the reader and `add_entry` see it.

    `lines` are the physical lines (CRLF or LF) numbered from 1, without blank and `#`
    comment lines; `header_at` indexes the header among them (1 after a `sep=;` line).
    """

    text: str
    utf16: bool
    newline: str
    lines: list[tuple[int, str]]
    delimiter: str
    header_at: int

    def header(self) -> list[str]:
        """The header's column names, lower-cased (empty when there is no header row)."""
        if self.header_at >= len(self.lines):
            return []
        _, cells = next(_numbered_rows(self.lines[self.header_at :], self.delimiter))
        if isinstance(cells, csv.Error):
            return []
        return [cell.strip().lower().lstrip("\ufeff") for cell in cells]


def read_layout(path: Path, data: bytes) -> GlossaryText:
    """Decode a glossary file's bytes and find its delimiter and header line (NotText if
    they are not text)."""
    text = _decode(data)
    lines = [
        (number, line + "\n")
        for number, line in enumerate(io.StringIO(text, newline=None).read().split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    delimiter, header_at = _dialect(path, [line for _, line in lines[:1]])
    newline = "\r\n" if "\r\n" in text else "\n"
    return GlossaryText(text, data.startswith((b"\xff\xfe", b"\xfe\xff")), newline, lines, delimiter, header_at)


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
