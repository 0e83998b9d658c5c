"""DeepL's glossary file: UTF-8 text, one entry per line, source TAB target, no header.

DeepL refuses duplicate sources, empty cells, and tabs or line breaks inside an entry, so
the export writes each Arabic spelling once with its house English (whitespace folded).
"""

from __future__ import annotations

from pathlib import Path

from bilingual.errors import InputError
from bilingual.names.glossary import Entry, Glossary


def _cell(text: str) -> str:
    return " ".join(text.split())


def deepl_text(glossary: Glossary) -> tuple[str, int]:
    """The glossary in DeepL's two-column TSV form, and the number of lines."""
    seen: dict[str, str] = {}
    for entry in glossary.entries:
        seen.setdefault(_cell(entry.arabic), _cell(entry.english))
    lines = [f"{arabic}\t{english}" for arabic, english in seen.items() if arabic and english]
    return "".join(line + "\n" for line in lines), len(lines)


def read_deepl(path: Path) -> list[Entry]:
    """Entries of a DeepL glossary TSV (two cells a line). A header line `arabic<TAB>english`
    (bilingual's own TSV) is skipped; its kind/note columns are read when present."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; DeepL glossaries are UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc})") from None
    entries = []
    header = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None and number == 1 and [c.lower() for c in cells[:2]] == ["arabic", "english"]:
            header = [c.lower() for c in cells]
            continue
        if len(cells) < 2 or not cells[0] or not cells[1] or (header is None and len(cells) != 2):
            raise InputError(f"{path}:{number}: expected two tab-separated cells (Arabic, English); nothing imported")
        values = dict(zip(header or ["arabic", "english"], cells))
        entries.append(
            Entry(
                values["arabic"], values["english"], values.get("kind") or "other", values.get("note", ""), path, number
            )
        )
    if not entries:
        raise InputError(f"{path}: no entries; nothing imported")
    return entries
