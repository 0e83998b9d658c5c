"""Reading inputs: files, folders and stdin, in the encodings newsrooms actually have.

Text files arrive as UTF-8 (with or without a BOM), UTF-16 from Windows tools, or
Windows-1256 from legacy Arabic systems. Windows-1256 is only accepted when the decoded
text really reads as Arabic, so a Latin-1 or binary file is reported, never turned into
mojibake. Inputs are only ever read.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from bilingual.document import Article, Document
from bilingual.errors import InputError
from bilingual.reading.layout import parse_text
from bilingual.reading.limits import check_regular_file, read_bounded, read_file_bounded
from bilingual.reading.word import docx_articles
from bilingual.text.arabic import ARABIC_WORD, arabic_ratio, clean_text, has_arabic, in_arabic_block

TEXT_SUFFIXES = {".txt", ".text", ".md"}
DOCX_SUFFIXES = {".docx"}

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def _reads_as_arabic(text: str) -> bool:
    """Windows-1256 decodes any byte; accept it only if the result is Arabic prose."""
    non_ascii = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not non_ascii:
        return False
    arabic = sum(1 for c in non_ascii if in_arabic_block(c))
    return arabic / len(non_ascii) >= 0.9 and ARABIC_WORD.search(text) is not None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM: every code unit of Arabic or Latin text has a high byte of
    0x06 (the Arabic block) or 0x00 (ASCII), while UTF-8 Arabic never contains either
    byte. So the test is the high bytes, not NULs: a line of Arabic with no space in it
    has no NUL at all."""
    if len(data) < 2 or len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if high.count(0) + high.count(6) < 0.9 * len(high) or not high.count(6):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if has_arabic(text) and not any(c in text for c in "\x00\ufffd"):
            return text
    return None


def _utf8_damage(data: bytes) -> str | None:
    """Where an Arabic UTF-8 file has a few broken bytes (a bad copy, a truncated
    download), say which line, rather than a vague "unknown encoding" (and never fall
    back to Windows-1256, which would turn the whole file into mojibake)."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        start = exc.start
    text = data.decode("utf-8", errors="replace")
    # An Arabic word must survive: two Windows-1256 bytes can also form one UTF-8 letter.
    if not ARABIC_WORD.search(text) or text.count("\ufffd") > 3 + len(text) // 100:
        return None
    line = data[:start].count(b"\n") + 1
    return f"line {line} is not valid UTF-8 (byte 0x{data[start]:02x})"


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes of a text file → str, or an InputError saying why not."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name}: starts with a {encoding.upper()} mark but is not valid {encoding.upper()}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    nuls = data.count(0)
    if nuls <= max(4, len(data) // 100):  # a stray NUL in a text file is stripped later, not fatal
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if nuls or data.startswith((b"PK\x03\x04", b"%PDF", b"\x7fELF", b"\x89PNG")):
        raise InputError(f"{name}: looks like a binary file, not text (use .docx for Word files)")
    damage = _utf8_damage(data)
    if damage is not None:
        raise InputError(
            f"{name}: {damage}; the rest is UTF-8 Arabic, so fix that line or save the file as UTF-8 again"
        )
    text = data.decode("cp1256", errors="replace")
    if _reads_as_arabic(text):
        return text
    raise InputError(f"{name}: unknown text encoding (not UTF-8, UTF-16 or Windows-1256 Arabic); save it as UTF-8")


def _document(source: str, articles: list[Article]) -> Document:
    if not articles:
        raise InputError(f"{source}: no text to translate")
    doc = Document(source=source, articles=articles)
    text = " ".join(b.text for b in doc.blocks)
    if not has_arabic(text):
        doc.warnings.append(f"{source}: no Arabic text found; translating anyway")
    elif arabic_ratio(text) < 0.5:
        doc.warnings.append(f"{source}: mostly non-Arabic text")
    return doc


def read_text(text: str, source: str) -> Document:
    """Already-decoded text (a .txt file's content or stdin) → Document."""
    return _document(source, parse_text(clean_text(text), source))


def read_path(path: Path) -> Document:
    """One input file → Document. Only a regular file within the size cap is opened (see
    reading.limits): a FIFO, a device or a socket is refused before it can block."""
    path = Path(path)
    check_regular_file(path)
    if path.suffix.lower() in DOCX_SUFFIXES:
        articles, warnings = docx_articles(path)
        document = _document(str(path), articles)
        document.warnings[:0] = warnings
        return document
    return read_text(decode_bytes(read_file_bounded(path), str(path)), str(path))


def written_by_bilingual(path: Path) -> bool:
    """A side-by-side document bilingual produced (it carries bilingual's fingerprint), so
    translating a folder twice does not translate its own output."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo("docProps/custom.xml").file_size > 1 << 20:
                return False  # ours is a few hundred bytes; never inflate a bomb to find out
            return b"BilingualContentSHA256" in archive.read("docProps/custom.xml")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False


def expand_inputs(inputs: list[str]) -> list[str]:
    """Folders → their .txt/.docx files (not bilingual's own output), sorted; files and "-"
    pass through."""
    expanded: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            files = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in TEXT_SUFFIXES | DOCX_SUFFIXES
                and not p.name.startswith((".", "~$"))
                and not (p.suffix.lower() in DOCX_SUFFIXES and written_by_bilingual(p))
            )
            if not files:
                raise InputError(f"{path}: no .txt or .docx articles in this folder")
            expanded.extend(str(p) for p in files)
        else:
            expanded.append(item)
    return expanded


def read_inputs(inputs: list[str]) -> list[Document]:
    """Every input (file, folder, or "-" for stdin) → one Document per file."""
    documents = []
    for item in expand_inputs(inputs):
        if item == "-":
            data = read_bounded(sys.stdin.buffer, "<stdin>")
            documents.append(read_text(decode_bytes(data, "<stdin>"), "<stdin>"))
        else:
            documents.append(read_path(Path(item)))
    return documents
