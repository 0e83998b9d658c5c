"""TMX 1.4 (Translation Memory eXchange): the memory in and out of CAT tools.

Export: `srclang="ar"`, one `tu` per memory entry (reviewed English and cached model
output), each with its creation date and its origin as a `prop type="x-origin"`
(reviewed | mt; machine output also carries `x-model`, whole-block reviewed units
`x-unit`). Valid against the LISA TMX 1.4 DTD (tests/data/schemas/tmx14.dtd).

Import: every Arabic→English pair is stored as reviewed (a TMX from a CAT tool holds
approved translations); bilingual's own machine entries (`x-origin` = mt) are skipped. A
file without Arabic→English pairs is refused with a message naming its languages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from bilingual import __version__
from bilingual.errors import InputError
from bilingual.interchange.xmlfile import read_root
from bilingual.translation.memory import Reviewed, TranslationMemory

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def tmx_date(timestamp: float) -> str:
    """TMX's date form (ISO 8601 basic, UTC): 20261206T033300Z."""
    return dt.datetime.fromtimestamp(timestamp or 0, dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _parse_date(value: str | None) -> float:
    if not value:
        return 0.0
    try:
        return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc).timestamp()
    except ValueError:
        return 0.0


def _clean(text: str) -> str:
    from bilingual.outputs.docx.builder import writable

    return writable(text)


def _tu(body: etree._Element, number: int, source: str, target: str, created: float, props: dict[str, str]) -> None:
    tu = etree.SubElement(body, "tu", tuid=str(number), creationdate=tmx_date(created), creationtool="bilingual")
    for kind, value in props.items():
        etree.SubElement(tu, "prop", type=kind).text = _clean(value)
    for lang, text in (("ar", source), ("en", target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = _clean(text)


def tmx_bytes(memory: TranslationMemory, include_machine: bool = True) -> tuple[bytes, int]:
    """The memory as TMX 1.4, and how many `tu` it holds."""
    root = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "bilingual",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "bilingual",
        "adminlang": "en",
        "srclang": "ar",
        "datatype": "plaintext",
        "creationdate": tmx_date(dt.datetime.now(dt.timezone.utc).timestamp()),
    }
    etree.SubElement(root, "header", header)
    body = etree.SubElement(root, "body")
    count = 0
    for entry in memory.all_reviewed():
        count += 1
        props = {"x-origin": "reviewed"}
        if entry.unit != "sentence":
            props["x-unit"] = entry.unit
        if entry.evidence:
            props["x-evidence"] = entry.evidence
        _tu(body, count, entry.source, entry.target, entry.created, props)
    if include_machine:
        for model, source, target, created in memory.all_machine():
            count += 1
            _tu(body, count, source, target, created, {"x-origin": "mt", "x-model": model})
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)
    return data, count


def export_tmx(path: Path, memory: TranslationMemory | None = None, include_machine: bool = True) -> int:
    """Write the memory to `path` (atomically); returns the number of translation units."""
    from bilingual.files import atomic_write_bytes

    store = memory or TranslationMemory()
    try:
        data, count = tmx_bytes(store, include_machine)
    finally:
        if memory is None:
            store.close()
    atomic_write_bytes(Path(path), data)
    return count


@dataclass
class TmxImport:
    stored: int = 0
    skipped_machine: int = 0
    skipped_other: int = 0  # units without both an Arabic and an English variant


def _lang(el: etree._Element) -> str:
    return (el.get(XML_LANG) or el.get("lang") or "").strip().lower()


def read_tmx(path: Path) -> tuple[list[Reviewed], TmxImport]:
    """Arabic→English pairs of a TMX file as reviewed entries (nothing is stored here)."""
    path = Path(path)
    root = read_root(path, "TMX")
    if root.tag != "tmx":
        raise InputError(f"{path}: not a TMX file (root element {etree.QName(root).localname!r})")
    header = root.find("header")
    srclang = (header.get("srclang", "") if header is not None else "").lower()
    found, counts, languages = [], TmxImport(), set()
    for tu in root.iter("tu"):
        variants: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = _lang(tuv)
            languages.add(lang)
            seg = tuv.find("seg")
            if seg is not None:
                variants.setdefault(lang.split("-")[0], "".join(seg.itertext()))
        props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
        if not (variants.get("ar", "").strip() and variants.get("en", "").strip()):
            counts.skipped_other += 1
            continue
        if props.get("x-origin") == "mt":
            counts.skipped_machine += 1
            continue
        created = _parse_date(tu.get("creationdate") or tu.get("changedate"))
        found.append(
            Reviewed(
                variants["ar"].strip(),
                " ".join(variants["en"].split()),
                created,
                props.get("x-unit", "sentence"),
                props.get("x-evidence") or f"{path.name} tu {tu.get('tuid', '')}".strip(),
            )
        )
    if not found and not counts.skipped_machine:
        langs = ", ".join(sorted(l for l in languages if l)) or "none"
        raise InputError(
            f"{path}: no Arabic→English translation units (source language {srclang or 'not given'}; "
            f"languages: {langs}); bilingual's memory holds Arabic→English only; nothing imported"
        )
    return found, counts


def import_tmx(path: Path, memory: TranslationMemory | None = None) -> TmxImport:
    """Store a TMX file's Arabic→English pairs as reviewed English, in one transaction."""
    entries, counts = read_tmx(path)
    store = memory or TranslationMemory()
    try:
        counts.stored = store.put_reviewed_many(entries)
    finally:
        if memory is None:
            store.close()
    return counts
