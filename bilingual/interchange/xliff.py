"""XLIFF 1.2 for CAT tools (memoQ, Trados, Phrase, OmegaT, Poedit): write a translation,
read a translator's edits back.

One `trans-unit` per sentence, grouped per block; the target carries the English with its
state (`needs-review-translation` for machine output, `translated` for reviewed English).
Each unit keeps what import needs in a `context-group name="bilingual-s<unit>"`: the SHA-256 of the
Arabic (so a changed source is a conflict, not an import), the English as written and the
glossary names (which also appear as a human-readable `note`). A name no glossary row covers
gets a `note` of its own (its English guess, to check), as the DOCX gets a comment. Valid against the OASIS
strict schema (tests/data/schemas/xliff-core-1.2-strict.xsd).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bilingual import __version__
from bilingual.errors import InputError
from bilingual.interchange.xmlfile import read_root
from bilingual.outputs.docx.rowids import NameRecord, RowRecord, text_hash, text_key
from bilingual.translation.segments import TranslatedDocument

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CONTEXT_GROUP = "bilingual"  # + "-s<unit>": the schema wants context-group names unique in a file
_NAME_FIELDS = ("surface", "arabic", "english", "status", "rendered")


def _x(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _clean(text: str) -> str:
    from bilingual.outputs.docx.builder import writable  # XML-safe text, one rule for every writer

    return writable(text)


def _context(group: etree._Element, kind: str, text: str) -> None:
    etree.SubElement(group, _x("context"), {"context-type": kind}).text = _clean(text)


def xliff_bytes(doc: TranslatedDocument) -> bytes:
    """The XLIFF 1.2 file for one translated document."""
    root = etree.Element(_x("xliff"), nsmap={None: NS}, version="1.2")
    source = doc.document.source if doc.document.source not in ("", "-") else "stdin"
    file_el = etree.SubElement(
        root,
        _x("file"),
        {
            "original": _clean(Path(source).name),
            "source-language": "ar",
            "target-language": "en",
            "datatype": "plaintext",
            "tool-id": "bilingual",
        },
    )
    if doc.info.date:
        file_el.set("date", f"{doc.info.date}T00:00:00Z")
    header = etree.SubElement(file_el, _x("header"))
    etree.SubElement(
        header, _x("tool"), {"tool-id": "bilingual", "tool-name": "bilingual", "tool-version": __version__}
    )
    if doc.info.model:
        etree.SubElement(header, _x("note"), {"from": "bilingual"}).text = _clean(f"Model: {doc.info.model}")
    body = etree.SubElement(file_el, _x("body"))
    unit = 0
    for a, ta in enumerate(doc.articles, start=1):
        for b, tb in enumerate(ta.blocks, start=1):
            group = etree.SubElement(body, _x("group"), {"id": f"a{a}-b{b}", "restype": f"x-{tb.block.kind}"})
            for segment in tb.segments:
                unit += 1
                tu = etree.SubElement(group, _x("trans-unit"), {"id": f"s{unit}", XML_SPACE: "preserve"})
                etree.SubElement(tu, _x("source"), {XML_LANG: "ar"}).text = _clean(segment.source)
                state = "translated" if segment.origin == "reviewed" else "needs-review-translation"
                target = etree.SubElement(tu, _x("target"), {XML_LANG: "en", "state": state})
                if segment.origin != "reviewed":
                    target.set("state-qualifier", "mt-suggestion")
                target.text = _clean(segment.target)
                context = etree.SubElement(
                    tu, _x("context-group"), {"name": f"{CONTEXT_GROUP}-s{unit}", "purpose": "information"}
                )
                _context(context, "x-sha256", text_hash(_clean(segment.source)))
                _context(context, "x-english", segment.target)
                _context(context, "x-origin", segment.origin)
                for result in segment.names:
                    hit = result.hit
                    fields = (hit.surface, hit.arabic, hit.english, result.status, result.rendered)
                    _context(context, "x-name", "\t".join(f.replace("\t", " ") for f in fields))
                for result in segment.names:
                    note = etree.SubElement(tu, _x("note"), {"from": "glossary", "annotates": "source"})
                    note.text = _clean(
                        f"{result.hit.surface or result.hit.arabic} = {result.hit.english} ({result.status})"
                    )
                for unknown in segment.unknown:
                    note = etree.SubElement(tu, _x("note"), {"from": "bilingual", "annotates": "source"})
                    note.text = _clean(unknown.reviewer_note)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_xliff(doc: TranslatedDocument, path: Path) -> Path:
    from bilingual.files import atomic_write_bytes

    return atomic_write_bytes(Path(path), xliff_bytes(doc))


# --- reading a translator's edits back ------------------------------------------------------


def read_units(path: Path) -> list[tuple[RowRecord, str | None]]:
    """(what bilingual wrote, the target now or None if absent) per trans-unit bilingual wrote.

    Raises InputError naming the file for a truncated or foreign file.
    """
    path = Path(path)
    root = read_root(path, "XLIFF")
    if root.tag != _x("xliff"):
        raise InputError(f"{path}: not an XLIFF 1.2 file (root element {etree.QName(root).localname!r})")
    units = []
    for number, tu in enumerate(root.iter(_x("trans-unit")), start=1):
        group = next(
            (g for g in tu.findall(_x("context-group")) if g.get("name", "").startswith(f"{CONTEXT_GROUP}-")), None
        )
        if group is None:
            continue
        contexts: dict[str, list[str]] = {}
        for context in group.findall(_x("context")):
            contexts.setdefault(context.get("context-type", ""), []).append(context.text or "")
        source_el = tu.find(_x("source"))
        source = "".join(source_el.itertext()) if source_el is not None else ""
        english = (contexts.get("x-english") or [""])[0]
        names = [NameRecord(*(f.split("\t") + [""] * 5)[:5]) for f in contexts.get("x-name", [])]
        record = RowRecord(number, "sentence", source, english, [(source, english)], names)
        if (contexts.get("x-sha256") or [""])[0] != record.arabic_hash:
            record.arabic = ""  # the source changed: mark the conflict for the caller
        target_el = tu.find(_x("target"))
        units.append((record, "".join(target_el.itertext()) if target_el is not None else None))
    if not units:
        raise InputError(f"{path}: no translation units written by bilingual (a foreign XLIFF?); nothing imported")
    return units


def unit_status(record: RowRecord, target: str | None) -> str:
    """unchanged / edited / conflict / missing / emptied, as for DOCX rows."""
    if not record.arabic:
        return "conflict"
    if target is None:
        return "missing"
    if text_key(target) == text_key(record.english):
        return "unchanged"
    if not text_key(target):
        return "emptied"
    return "edited"
