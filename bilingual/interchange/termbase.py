"""Glossary interchange: export the glossaries in use as TBX or DeepL TSV, and import
those files into the house glossary (appended, all or nothing)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bilingual.errors import BilingualError, InputError
from bilingual.names.glossary import COLUMNS, Entry, Glossary

INTERCHANGE_FORMATS = ("tbx", "deepl")


def interchange_format(output: Path | None, fmt: str | None) -> str | None:
    """ "tbx" or "deepl" when asked for (`--format`, or a .tbx output), else None."""
    if fmt is not None:
        fmt = fmt.strip().lower()
        return fmt if fmt in INTERCHANGE_FORMATS else None
    if output is not None and Path(output).suffix.lower() == ".tbx":
        return "tbx"
    return None


def export_glossary(glossary: Glossary, output: Path | None, fmt: str) -> tuple[bytes, int]:
    """The file's bytes and its entry count; written atomically when `output` is given."""
    if fmt == "tbx":
        from bilingual.interchange.tbx import tbx_bytes

        data, count = tbx_bytes(glossary)
    else:
        from bilingual.interchange.deepl import deepl_text

        text, count = deepl_text(glossary)
        data = text.encode("utf-8")
    if output is not None:
        if any(Path(output).resolve() == Path(p).resolve() for p in glossary.paths):
            raise BilingualError(f"{output}: is one of the glossaries being exported; choose another file")
        from bilingual.files import atomic_write_bytes

        atomic_write_bytes(Path(output), data)
    return data, count


def read_terms(path: Path) -> list[Entry]:
    """Entries of a TBX (.tbx) or DeepL/bilingual TSV (.tsv) file."""
    suffix = Path(path).suffix.lower()
    if suffix == ".tbx":
        from bilingual.interchange.tbx import read_tbx

        return read_tbx(Path(path))
    if suffix in (".tsv", ".txt"):
        from bilingual.interchange.deepl import read_deepl

        return read_deepl(Path(path))
    raise InputError(f"{path}: glossary import reads .tbx (TBX) and .tsv (DeepL) files")


def import_terms(paths: list[Path], house: Path, others: list[Path] | None = None) -> tuple[int, int]:
    """Append the entries of `paths` to the house glossary; returns (added, already there).

    Every file is read, and the glossary with the new rows is validated (together with the
    `others` in use), before the house glossary is replaced; a conflict (one Arabic name
    with two English spellings) or a bad row stops it with nothing written.
    """
    from bilingual.names.glossary import format_row, load_glossaries, match_key

    house = Path(house)
    entries = [entry for path in paths for entry in read_terms(Path(path))]
    existing = load_glossaries([house]).entries if house.is_file() else []
    known = {(e.key, e.english) for e in existing}
    new: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (match_key(entry.arabic), entry.english)
        if key not in known:
            new.setdefault(key, entry)
    if not new:
        return 0, len(entries)
    if house.is_file():
        data = house.read_bytes()
        text = data.decode("utf-8-sig")
        first = next(l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#"))
        delimiter = "\t" if "\t" in first else ("," if first.count(",") >= first.count(";") else ";")
        header = [c.strip().lower() for c in first.split(delimiter)]
        newline = "\r\n" if "\r\n" in text else "\n"
        prefix = data if text.endswith(("\n", "\r")) or not text else data + newline.encode()
    else:
        delimiter = "\t" if house.suffix.lower() == ".tsv" else ","
        header, newline = list(COLUMNS), "\n"
        prefix = (delimiter.join(COLUMNS) + newline).encode()
    rows = []
    for entry in new.values():
        values = {"arabic": entry.arabic, "english": entry.english, "kind": entry.kind, "note": entry.note}
        rows.append(format_row([values.get(c, "") for c in header], delimiter) + newline)
    out = prefix + "".join(rows).encode("utf-8")
    folder = house.parent if str(house.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{house.name}.", suffix=house.suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(out)
        try:
            load_glossaries([Path(tmp)] + [p for p in others or [] if Path(p).resolve() != house.resolve()])
        except BilingualError as exc:
            raise BilingualError(f"{str(exc).replace(tmp, str(house))}; glossary unchanged") from None
        os.chmod(tmp, 0o644)
        os.replace(tmp, house)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return len(new), len(entries) - len(new)
