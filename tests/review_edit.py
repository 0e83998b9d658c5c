"""Edit a side-by-side DOCX the way a reviewer's word processor saves it (for review tests).

Rows are addressed by position in the first table (row 0 is the header), never through
bilingual's own row ids, so the tests do not assume what they check. Tracked changes are
written as Word writes them: the old runs inside `w:del` with `w:delText`, the new text
inside `w:ins`, both with an author and a date.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from copy import deepcopy
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATE = "2026-12-06T10:00:00Z"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def edit_document(path: Path, change) -> None:
    """Apply `change(document_root)` to word/document.xml in place."""
    parts = read_parts(path)
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    write_parts(path, parts)


def table_rows(root, table: int = 0) -> list:
    return root.findall(f".//{w('tbl')}")[table].findall(w("tr"))


def cell_paragraph(root, row: int, cell: int, table: int = 0):
    return table_rows(root, table)[row].findall(w("tc"))[cell].find(w("p"))


def cell_text(root, row: int, cell: int, table: int = 0) -> str:
    p = cell_paragraph(root, row, cell, table)
    return "".join(t.text or "" for t in p.iter(w("t")))


def _run(text: str, template=None):
    r = etree.Element(w("r"))
    if template is not None and template.find(w("rPr")) is not None:
        r.append(deepcopy(template.find(w("rPr"))))
    t = etree.SubElement(r, w("t"))
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    return r


def replace_plainly(p, text: str) -> None:
    """Select the cell's text and type over it (no tracking)."""
    runs = p.findall(w("r"))
    template = runs[0] if runs else None
    for r in runs:
        p.remove(r)
    p.append(_run(text, template))


def replace_tracked(p, text: str, author: str = "Reviewer") -> None:
    """The same with Track Changes on: the old runs deleted, the new text inserted."""
    runs = p.findall(w("r"))
    template = runs[0] if runs else None
    deletion = etree.Element(w("del"), {w("id"): "901", w("author"): author, w("date"): DATE})
    for r in runs:
        p.remove(r)
        for t in r.findall(w("t")):
            t.tag = w("delText")
        deletion.append(r)
    insertion = etree.Element(w("ins"), {w("id"): "902", w("author"): author, w("date"): DATE})
    insertion.append(_run(text, template))
    p.append(deletion)
    p.append(insertion)


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def resave_with_libreoffice(path: Path, out_dir: Path, profile: Path) -> Path:
    """Open and save the file as DOCX in LibreOffice (what a reviewer's Save does)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            libreoffice() or "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out_dir / path.name
