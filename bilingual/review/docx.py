"""Reading a reviewer's edits back from a side-by-side DOCX that bilingual wrote.

Rows are found by their ids (see `bilingual.outputs.docx.rowids`), never by their text;
the text only checks the row found. The English is read as the document looks with every
tracked change accepted: insertions (`w:ins`) and moved-to text (`w:moveTo`) are kept,
deletions (`w:del`, `w:delText`) and moved-from text (`w:moveFrom`) are dropped. Comments,
highlights and field codes are not text; hidden text (`w:vanish`) is not either.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from bilingual.errors import InputError
from bilingual.outputs.docx.ooxml import w
from bilingual.outputs.docx.options import FINGERPRINT_PROPERTY
from bilingual.outputs.docx.package import parse_custom_properties, read_package_parts
from bilingual.outputs.docx.rowids import RowMap, RowRecord, find_row_map, parse_bookmark, text_hash, text_key

MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
MC_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"

# Subtrees that are not text as the accepted document shows it.
_SKIP = {
    w(tag)
    for tag in (
        "del",  # tracked deletion (holds w:delText)
        "moveFrom",  # text moved away from here
        "instrText",  # field code (the field's result runs are text)
        "delInstrText",
        "pPr",
        "rPr",
        "tcPr",
        "trPr",
        "sectPr",
        "commentReference",
        "footnoteReference",
        "endnoteReference",
        "annotationRef",
    )
}
_OFF = {"0", "false", "off", "none"}

# Row statuses: what happened to a row since bilingual wrote it.
UNCHANGED, EDITED, CONFLICT, MISSING, DUPLICATE, EMPTIED = (
    "unchanged",
    "edited",
    "conflict",
    "missing",
    "duplicate",
    "emptied",
)


@dataclass
class ReadRow:
    """One row of the row map as found in the reviewed file."""

    record: RowRecord
    status: str
    english: str = ""  # the English cell now, tracked changes accepted
    arabic: str = ""
    moved: bool = False  # found out of its original order (still identified by its id)
    detail: str = ""


def _hidden(run: etree._Element) -> bool:
    rpr = run.find(w("rPr"))
    if rpr is None:
        return False
    vanish = rpr.find(w("vanish"))
    return vanish is not None and vanish.get(w("val"), "1") not in _OFF


def _collect(el: etree._Element, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == MC_CHOICE:
            continue  # comments, processing instructions; Office's Choice has a Fallback twin
        if tag == w("r") and _hidden(child):
            continue
        if tag == w("t"):
            out.append(child.text or "")
        elif tag == w("tab"):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("p"):
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            _collect(child, out)
            out.append("\n")
        else:
            _collect(child, out)


def accepted_text(element: etree._Element) -> str:
    """The text of a cell (or any story part) with all tracked changes accepted."""
    out: list[str] = []
    _collect(element, out)
    return "".join(out).strip("\n")


def _row_ids(tr: etree._Element, document_id: str) -> set[int]:
    found = set()
    for bookmark in tr.iter(w("bookmarkStart")):
        parsed = parse_bookmark(bookmark.get(w("name"), ""))
        if parsed is not None and parsed[0] == document_id:
            found.add(parsed[1])
    return found


def _open(path: Path) -> tuple[RowMap, etree._Element]:
    """The row map and the main document of a reviewed file, or a one-line InputError."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = read_package_parts(archive)
            custom_xml = {name: archive.read(name) for name in archive.namelist() if name.startswith("customXml/")}
        document = etree.fromstring(parts["document"]) if parts["document"] else None
        properties = parse_custom_properties(parts["custom"])
    except (zipfile.BadZipFile, OSError, KeyError, etree.XMLSyntaxError) as exc:
        raise InputError(f"{path}: not a readable Word document (.docx) ({exc})") from None
    if document is None:
        raise InputError(f"{path}: not a Word document (no main document part)")
    row_map = find_row_map(custom_xml)
    if row_map is None:
        if FINGERPRINT_PROPERTY in properties:
            raise InputError(
                f"{path}: written by bilingual but without its row ids (an older version, or the ids were "
                "stripped); nothing imported. Translate the article again and review the new document."
            )
        raise InputError(
            f"{path}: not a document written by 'bilingual translate' (no row ids); "
            "review import reads the DOCX and XLIFF files bilingual writes"
        )
    return row_map, document


def read_reviewed_docx(path: Path) -> tuple[RowMap, list[ReadRow]]:
    """Every row bilingual wrote, with its status in the reviewed file.

    unchanged / edited: the row was found by its id and its Arabic is as written;
    conflict: the Arabic changed (or the row's cells did); missing: no row carries the id
    (deleted, or its id bookmark pasted over); duplicate: two rows carry it (a copied row);
    emptied: the English was deleted. Only "edited" rows are imported.
    """
    path = Path(path)
    row_map, document = _open(path)
    records = {record.number: record for record in row_map.rows}
    seen: dict[int, list[etree._Element]] = {}
    order: list[int] = []
    for tr in document.iter(w("tr")):
        ids = _row_ids(tr, row_map.document_id)
        for number in ids:
            if number in records:
                seen.setdefault(number, []).append(tr)
                order.append(number)
    if row_map.rows and not seen:
        raise InputError(
            f"{path}: its row ids were stripped (no row bookmarks left), so no row can be matched safely; "
            "nothing imported"
        )
    moved = _out_of_order(order)
    rows = []
    for record in row_map.rows:
        found = seen.get(record.number, [])
        if not found:
            rows.append(ReadRow(record, MISSING, detail="row deleted, or its id removed"))
            continue
        if len(found) > 1:
            rows.append(ReadRow(record, DUPLICATE, detail=f"{len(found)} rows carry this id (a copied row)"))
            continue
        rows.append(_read_row(record, found[0], row_map, record.number in moved))
    return row_map, rows


def _read_row(record: RowRecord, tr: etree._Element, row_map: RowMap, moved: bool) -> ReadRow:
    cells = tr.findall(w("tc"))
    if len(cells) != len(row_map.columns) or len(_row_ids(tr, row_map.document_id)) > 1:
        return ReadRow(record, CONFLICT, moved=moved, detail="the row's cells were merged or split")
    english = accepted_text(cells[row_map.columns.index("en")])
    arabic = accepted_text(cells[row_map.columns.index("ar")])
    if text_hash(arabic) != record.arabic_hash:
        return ReadRow(record, CONFLICT, english, arabic, moved, "the Arabic changed since bilingual wrote it")
    if text_key(english) == text_key(record.english):
        return ReadRow(record, UNCHANGED, english, arabic, moved)
    if not text_key(english):
        return ReadRow(record, EMPTIED, english, arabic, moved, "the English was deleted")
    return ReadRow(record, EDITED, english, arabic, moved)


def _out_of_order(order: list[int]) -> set[int]:
    """Row numbers not on the longest increasing run of the order found: the moved rows."""
    if not order:
        return set()
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(order)
    for i, number in enumerate(order):
        k = bisect.bisect_left(tails, number)
        if k == len(tails):
            tails.append(number)
            tail_index.append(i)
        else:
            tails[k] = number
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    keep = set()
    i = tail_index[-1]
    while i >= 0:
        keep.add(order[i])
        i = previous[i]
    return set(order) - keep
