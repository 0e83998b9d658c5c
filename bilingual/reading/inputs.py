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

from bilingual.document import Article, Block, BlockKind, Document
from bilingual.errors import InputError
from bilingual.reading.layout import parse_text
from bilingual.text.arabic import ARABIC_WORD, arabic_ratio, clean_text, has_arabic, in_arabic_block, split_sentences

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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Not text a reader sees in the paragraph: properties (w:tabs holds w:tab stops), deleted
# and moved-away revisions, field codes, and text boxes (with their VML fallback copy).
_NOT_TEXT = {
    f"{_W}pPr",
    f"{_W}rPr",
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}instrText",
    f"{_W}txbxContent",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}


def _paragraph_text(element) -> str:
    """The visible text of a w:p. python-docx's `paragraph.text` only reads runs and links
    that are direct children, so a tracked insertion (w:ins), a content control (w:sdt)
    or a simple field would be dropped without a word."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_TEXT:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _reading_order(container):
    """Every paragraph of a document (or table cell) in reading order, including those
    inside tables, nested tables too: `document.paragraphs` skips tables entirely."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if cell._tc in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(cell._tc)
                    yield from _reading_order(cell)
        else:
            yield item


def _docx_articles(path: Path) -> list[Article]:
    """Arabic Word documents: Title/Heading 1 paragraphs open an article, Caption-styled
    paragraphs are captions, everything else (table cells included) is body. Without
    headings, the first paragraph is the headline."""
    import docx  # heavy; only for .docx input

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # PackageNotFoundError, BadZipFile, KeyError, lxml errors
        raise InputError(f"{path}: not a readable Word document ({exc.__class__.__name__})") from None

    articles: list[Article] = []
    for paragraph in _reading_order(document):
        text = clean_text(_paragraph_text(paragraph._p)).strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style in ("Title", "Heading 1", "Heading") or not articles:
            articles.append(Article(blocks=[], source=str(path), layout="docx"))
            kind: BlockKind = "headline"
        elif style.lower().startswith("caption"):
            kind = "caption"
        else:
            kind = "paragraph"  # body text, and subheadings (Heading 2…) stay in the article
        articles[-1].blocks.append(Block(kind=kind, text=text, sentences=split_sentences(text)))
    return articles


def read_path(path: Path) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder (pass it as an input to read every .txt/.docx in it)")
    if path.suffix.lower() in DOCX_SUFFIXES:
        return _document(str(path), _docx_articles(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return read_text(decode_bytes(data, str(path)), str(path))


def written_by_bilingual(path: Path) -> bool:
    """A side-by-side document bilingual produced (it carries bilingual's fingerprint), so
    translating a folder twice does not translate its own output."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return b"BilingualContentSHA256" in archive.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
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
            documents.append(read_text(decode_bytes(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"))
        else:
            documents.append(read_path(Path(item)))
    return documents
