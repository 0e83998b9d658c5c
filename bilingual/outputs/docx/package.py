"""The document as a package of parts: custom properties, reading parts back, and the
fingerprint of what a reader sees (which tells a reviewer-edited file from our own output).

These work on the saved .docx (a zip of XML parts), so they also serve reading a document
back after Word or LibreOffice saved it.
"""

from __future__ import annotations

import hashlib
import zipfile
from typing import Iterable
from xml.sax.saxutils import escape

from lxml import etree

from bilingual.outputs.docx.ooxml import (
    CT_CUSTOM_PROPERTIES,
    CUSTOM_FMTID,
    CUSTOM_NS,
    REL_NS,
    RT_COMMENTS,
    RT_CUSTOM_PROPERTIES,
    RT_OFFICE_DOCUMENT,
    VT_NS,
    w,
)

# --- custom properties (docProps/custom.xml) ---------------------------------------------


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    """The custom-properties part for string properties (Word: File > Properties > Custom)."""
    items = "".join(
        f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    ).encode()


def add_custom_properties(document, properties: dict[str, str]) -> None:
    """Attach a `/docProps/custom.xml` part to a python-docx Document (it has no API for it)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT_CUSTOM_PROPERTIES, custom_properties_xml(properties), package)
    package.relate_to(part, RT_CUSTOM_PROPERTIES)


def drop_thumbnail(document) -> None:
    """Remove python-docx's template thumbnail (a picture of an empty page) from the package."""
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del rels[rid]


def _rel_targets(archive: zipfile.ZipFile, rels_name: str, base: str) -> dict[str, str]:
    """Relationship type -> zip member name, read from a `.rels` part."""
    try:
        root = etree.fromstring(archive.read(rels_name))
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for rel in root.findall(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else _join(base, target)
        targets.setdefault(rel.get("Type", ""), name)
    return targets


def _join(base: str, target: str) -> str:
    parts = [p for p in base.split("/") if p] + target.split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out)


def read_package_parts(archive: zipfile.ZipFile) -> dict[str, bytes | None]:
    """The main document, its comments and custom properties, found through relationships.

    Keys: "document", "comments", "custom" (None when absent).
    """
    package_rels = _rel_targets(archive, "_rels/.rels", "")
    main = package_rels.get(RT_OFFICE_DOCUMENT, "word/document.xml")
    folder, _, name = main.rpartition("/")
    doc_rels = _rel_targets(archive, f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels", folder)

    def read(member: str | None) -> bytes | None:
        if member is None:
            return None
        try:
            return archive.read(member)
        except KeyError:
            return None

    return {
        "document": read(main),
        "comments": read(doc_rels.get(RT_COMMENTS)),
        "custom": read(package_rels.get(RT_CUSTOM_PROPERTIES)),
    }


def parse_custom_properties(xml: bytes | None) -> dict[str, str]:
    if not xml:
        return {}
    root = etree.fromstring(xml)
    found = {}
    for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
        found[prop.get("name", "")] = "".join(prop.itertext())
    return found


# --- visible content fingerprint -------------------------------------------------------------

_PARAGRAPH, _ROW, _CELL = w("p"), w("tr"), w("tc")
_RUN, _TEXT, _TAB, _BR, _CR = w("r"), w("t"), w("tab"), w("br"), w("cr")
_COMMENT = w("comment")
_OFF = {"0", "false", "off", "none"}


def _flag(rpr: etree._Element, tag: str) -> bool:
    el = rpr.find(w(tag))
    return el is not None and el.get(w("val"), "1") not in _OFF


def _run_look(rpr: etree._Element | None) -> str:
    """The formatting a reviewer can see and would miss: bold, italic, underline, strike, marked.

    Colours, fonts and sizes are left out on purpose: editors re-save with their own
    defaults, and LibreOffice writes highlights as shading, so only "marked or not" counts.
    """
    if rpr is None:
        return ""
    marked = _flag(rpr, "highlight")
    shd = rpr.find(w("shd"))
    if shd is not None and shd.get(w("fill"), "auto").lower() not in ("auto", "ffffff"):
        marked = True
    return "".join(
        code
        for code, on in (
            ("b", _flag(rpr, "b")),
            ("i", _flag(rpr, "i")),
            ("u", _flag(rpr, "u")),
            ("s", _flag(rpr, "strike") or _flag(rpr, "dstrike")),
            ("m", marked),
        )
        if on
    )


def visible_content(root: etree._Element) -> Iterable[str]:
    """What a reader sees in a story, as tokens: rows, cells, non-empty paragraphs, runs.

    Empty paragraphs are skipped (Word adds one after a final table on save), adjacent runs
    with the same look are merged (editors re-split runs freely), page breaks are ignored
    (LibreOffice turns `w:pageBreakBefore` into a `w:br` on save), deleted tracked text is
    gone (it is `w:delText`, not `w:t`).
    """
    pieces: list[tuple[str, str]] = []

    def flush_paragraph() -> Iterable[str]:
        merged: list[list[str]] = []
        for look, text in pieces:
            if merged and merged[-1][0] == look:
                merged[-1][1] += text
            else:
                merged.append([look, text])
        pieces.clear()
        if any(text.strip() for _, text in merged):
            yield "\u2029" + "".join(f"\u241f{look}\u241e{text}" for look, text in merged)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == _ROW:
                yield "\u241d"
            elif tag == _CELL:
                yield "\u241c"
            elif tag == _COMMENT:
                yield "\u241b"
            elif tag == _RUN:
                text = []
                for child in el:
                    if child.tag == _TEXT:
                        text.append(child.text or "")
                    elif child.tag == _TAB:
                        text.append("\t")
                    elif child.tag == _CR or (
                        child.tag == _BR and child.get(w("type"), "textWrapping") == "textWrapping"
                    ):
                        text.append("\n")  # page/column breaks are layout, not text
                if text:
                    pieces.append((_run_look(el.find(w("rPr"))), "".join(text)))
        elif tag == _PARAGRAPH:
            yield from flush_paragraph()


def content_fingerprint(document_xml: etree._Element | bytes, comments_xml: etree._Element | bytes | None) -> str:
    """SHA-256 of the visible body text and comments: changes when a person edits them.

    Byte hashes would change on every re-save (Word rewrites rsids, namespaces, run
    splits); this one changes only with what a reviewer reads.
    """
    digest = hashlib.sha256()
    for xml in (document_xml, comments_xml):
        if xml is None:  # no comments part reads like an empty one
            digest.update(b"\x00part")
            continue
        root = etree.fromstring(xml) if isinstance(xml, bytes) else xml
        body = root.find(w("body"))
        for token in visible_content(body if body is not None else root):
            digest.update(token.encode("utf-8"))
        digest.update(b"\x00part")
    return digest.hexdigest()
