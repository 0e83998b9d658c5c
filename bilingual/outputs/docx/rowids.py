"""Stable row ids in the side-by-side document, so a reviewer's edits can be read back.

What survives a reviewer's save was measured (shared research note docx-roundtrip.md):
Word keeps everything; LibreOffice keeps bookmarks and custom XML parts but drops content
controls and document variables. So each table row carries its id twice over:

- a point bookmark `_bl<doc>_<n>` at the start of the row's Arabic paragraph (the cell a
  reviewer does not edit; a leading `_` makes it a hidden bookmark in Word's list), and
- a custom XML part (`customXml/itemN.xml`, namespace `ROW_NS`) listing every row: its id,
  the SHA-256 of its Arabic, its sentences and the English as written, plus the glossary
  names found in it. Reading back compares the cell text against these, so a moved,
  deleted or re-pasted row is reported, never imported as the wrong sentence.

Text is never used to find a row; it is only used to check the row found by its id.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field

from lxml import etree

ROW_NS = "urn:bilingual:review:1"
BOOKMARK_PREFIX = "_bl"
CUSTOM_XML_CONTENT_TYPE = "application/xml"
CUSTOM_XML_PROPS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def text_key(text: str) -> str:
    """Cell text as compared on import: whitespace runs (line breaks, tabs) read as one space."""
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.sha256(text_key(text).encode("utf-8")).hexdigest()


def new_document_id() -> str:
    """Eight hex digits: enough to tell this document's rows from rows pasted from another."""
    return uuid.uuid4().hex[:8]


def bookmark_name(document_id: str, row: int) -> str:
    """Word limits bookmark names to 40 characters, letters/digits/underscore."""
    return f"{BOOKMARK_PREFIX}{document_id}_{row}"


def parse_bookmark(name: str) -> tuple[str, int] | None:
    """(document id, row number) of one of our bookmarks; None for any other bookmark."""
    if not name.startswith(BOOKMARK_PREFIX):
        return None
    doc, _, number = name[len(BOOKMARK_PREFIX) :].partition("_")
    if len(doc) != 8 or not number.isdigit():
        return None
    return doc, int(number)


@dataclass
class NameRecord:
    """A glossary name in a row: the Arabic as written, the glossary's Arabic and English,
    the status after translation and what the model wrote for it."""

    surface: str
    arabic: str
    english: str
    status: str
    rendered: str = ""


@dataclass
class RowRecord:
    """What was written in one row: enough to check and import a reviewer's edit of it."""

    number: int
    kind: str
    arabic: str  # the Arabic cell's text
    english: str  # the English cell's text as bilingual wrote it
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (Arabic sentence, English)
    names: list[NameRecord] = field(default_factory=list)
    origin: str = "mt"  # reviewed | memory | mt (the row's least reviewed segment)

    @property
    def arabic_hash(self) -> str:
        return text_hash(self.arabic)


@dataclass
class RowMap:
    """Every row of one document, and the document's id and provenance."""

    document_id: str
    source: str = ""
    model: str = ""
    layout: str = "block"  # block | sentence
    rows: list[RowRecord] = field(default_factory=list)
    columns: list[str] = field(default_factory=lambda: ["en", "ar"])  # cell keys left to right

    def to_xml(self) -> bytes:
        root = etree.Element(
            f"{{{ROW_NS}}}rows",
            nsmap={None: ROW_NS},
            document=self.document_id,
            source=self.source,
            model=self.model,
            layout=self.layout,
            columns=",".join(self.columns),
        )
        for record in self.rows:
            row = etree.SubElement(
                root,
                f"{{{ROW_NS}}}row",
                n=str(record.number),
                kind=record.kind,
                origin=record.origin,
                sha256=record.arabic_hash,
            )
            etree.SubElement(row, f"{{{ROW_NS}}}arabic").text = record.arabic
            etree.SubElement(row, f"{{{ROW_NS}}}english").text = record.english
            for source, target in record.sentences:
                seg = etree.SubElement(row, f"{{{ROW_NS}}}segment")
                etree.SubElement(seg, f"{{{ROW_NS}}}source").text = source
                etree.SubElement(seg, f"{{{ROW_NS}}}target").text = target
            for name in record.names:
                etree.SubElement(
                    row,
                    f"{{{ROW_NS}}}name",
                    surface=name.surface,
                    arabic=name.arabic,
                    english=name.english,
                    status=name.status,
                    rendered=name.rendered,
                )
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    @classmethod
    def from_xml(cls, data: bytes) -> RowMap:
        """Read the part back; raises ValueError when it is not ours or is damaged."""
        root = etree.fromstring(data)
        if root.tag != f"{{{ROW_NS}}}rows":
            raise ValueError("not a bilingual row map")

        def text(el, tag: str) -> str:
            child = el.find(f"{{{ROW_NS}}}{tag}")
            return (child.text or "") if child is not None else ""

        rows = []
        for row in root.findall(f"{{{ROW_NS}}}row"):
            rows.append(
                RowRecord(
                    number=int(row.get("n", "0")),
                    kind=row.get("kind", "paragraph"),
                    arabic=text(row, "arabic"),
                    english=text(row, "english"),
                    sentences=[(text(s, "source"), text(s, "target")) for s in row.findall(f"{{{ROW_NS}}}segment")],
                    names=[
                        NameRecord(
                            n.get("surface", ""),
                            n.get("arabic", ""),
                            n.get("english", ""),
                            n.get("status", ""),
                            n.get("rendered", ""),
                        )
                        for n in row.findall(f"{{{ROW_NS}}}name")
                    ],
                    origin=row.get("origin", "mt"),
                )
            )
        document_id = root.get("document", "")
        if len(document_id) != 8:
            raise ValueError("row map without a document id")
        columns = root.get("columns", "en,ar").split(",")
        if "en" not in columns or "ar" not in columns:
            raise ValueError("row map without English and Arabic columns")
        return cls(
            document_id, root.get("source", ""), root.get("model", ""), root.get("layout", "block"), rows, columns
        )


def add_point_bookmark(p: etree._Element, number: int, name: str) -> None:
    """A point bookmark at the start of paragraph `p` (after its properties): no text
    inside it, so typing in the cell never grows or splits it."""
    from bilingual.outputs.docx.ooxml import w

    start = etree.Element(w("bookmarkStart"), {w("id"): str(number), w("name"): name})
    end = etree.Element(w("bookmarkEnd"), {w("id"): str(number)})
    ppr = p.find(w("pPr"))
    index = 0 if ppr is None else list(p).index(ppr) + 1
    p.insert(index, start)
    p.insert(index + 1, end)


def item_props_xml(item_id: str) -> bytes:
    """The `customXmlProperties` part Word expects next to a custom XML part (its datastore id)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ds:datastoreItem ds:itemID="{{{item_id}}}" xmlns:ds="{DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{ROW_NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()


def attach_row_map(document, row_map: RowMap) -> None:
    """Add the row map to a python-docx Document as `customXml/item1.xml` (+ its properties
    part), related from the main document part the way Word stores custom XML."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    item_name = package.next_partname("/customXml/item%d.xml")  # the template has a bibliography item
    number = item_name.idx
    item = Part(item_name, CUSTOM_XML_CONTENT_TYPE, row_map.to_xml(), package)
    props = Part(
        PackURI(f"/customXml/itemProps{number}.xml"),
        CUSTOM_XML_PROPS_CONTENT_TYPE,
        item_props_xml(str(uuid.uuid4()).upper()),
        package,
    )
    item.relate_to(props, RT_CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT_CUSTOM_XML)


def find_row_map(parts: dict[str, bytes]) -> RowMap | None:
    """Our row map among a package's `customXml/*.xml` parts (editors may renumber them)."""
    for name, data in sorted(parts.items()):
        if not name.startswith("customXml/") or "/_rels/" in name or "itemProps" in name:
            continue
        try:
            return RowMap.from_xml(data)
        except (ValueError, etree.XMLSyntaxError):
            continue
    return None
