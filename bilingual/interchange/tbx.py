"""TBX-Basic (TermBase eXchange, the LISA 2008 `martif` form that memoQ, Trados MultiTerm
and Phrase read): the names glossary as a concept-oriented termbase.

One `termEntry` per English house spelling (a concept), with every Arabic spelling that
maps to it as an Arabic term and the house spelling as the English term; the glossary kind
goes in a `note` ("kind: person") and names are proper nouns. Reading takes any TBX whose
entries hold Arabic and English terms (`tig` or `ntig` terms).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bilingual.errors import InputError
from bilingual.interchange.xmlfile import read_root
from bilingual.names.glossary import KINDS, Entry, Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'


def _clean(text: str) -> str:
    from bilingual.outputs.docx.builder import writable

    return writable(text)


def tbx_bytes(glossary: Glossary) -> tuple[bytes, int]:
    """The glossary as TBX-Basic, and the number of concepts (term entries)."""
    concepts: dict[str, list[Entry]] = {}
    for entry in glossary.entries:
        concepts.setdefault(entry.english, []).append(entry)
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    source = etree.SubElement(file_desc, "sourceDesc")
    etree.SubElement(source, "p").text = "Names glossary exported by bilingual (Arabic → English house spellings)"
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for number, (english, entries) in enumerate(concepts.items(), start=1):
        term_entry = etree.SubElement(body, "termEntry", id=f"c{number}")
        etree.SubElement(term_entry, "note").text = f"kind: {entries[0].kind}"
        for note in dict.fromkeys(e.note for e in entries if e.note):
            etree.SubElement(term_entry, "note").text = _clean(note)
        for lang, terms in (("ar", [e.arabic for e in entries]), ("en", [english])):
            lang_set = etree.SubElement(term_entry, "langSet", {XML_LANG: lang})
            for term in dict.fromkeys(terms):
                tig = etree.SubElement(lang_set, "tig")
                etree.SubElement(tig, "term").text = _clean(term)
                kind = entries[0].kind
                speech = "properNoun" if kind in ("person", "place", "org", "agency") else "noun"
                etree.SubElement(tig, "termNote", type="partOfSpeech").text = speech
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)
    return data, len(concepts)


def _terms(lang_set: etree._Element) -> list[str]:
    return [" ".join("".join(t.itertext()).split()) for t in lang_set.iter("term") if "".join(t.itertext()).strip()]


def read_tbx(path: Path) -> list[Entry]:
    """Arabic → English entries of a TBX file (every Arabic term of a concept maps to its
    first English term)."""
    path = Path(path)
    root = read_root(path, "TBX")
    if etree.QName(root).localname not in ("martif", "tbx"):
        raise InputError(f"{path}: not a TBX file (root element {etree.QName(root).localname!r})")
    entries = []
    for number, term_entry in enumerate(root.iter("{*}termEntry", "{*}conceptEntry"), start=1):
        by_lang: dict[str, list[str]] = {}
        for lang_set in term_entry.iter("{*}langSet", "{*}langSec"):
            lang = (lang_set.get(XML_LANG) or "").lower().split("-")[0]
            by_lang.setdefault(lang, []).extend(_terms(lang_set))
        notes = ["".join(n.itertext()).strip() for n in term_entry.findall("{*}note")]
        kind = next((n[5:].strip() for n in notes if n.startswith("kind:")), "other")
        note = "; ".join(n for n in notes if n and not n.startswith("kind:"))
        if by_lang.get("ar") and by_lang.get("en"):
            english = by_lang["en"][0]
            for arabic in by_lang["ar"]:
                entries.append(Entry(arabic, english, kind if kind in KINDS else "other", note, path, number))
    if not entries:
        raise InputError(f"{path}: no concept with both an Arabic and an English term; nothing imported")
    return entries
