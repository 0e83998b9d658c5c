"""Reading Arabic Word documents (.docx): every piece of text a reader sees, safely.

The zip is checked before anything is inflated (reading.limits: size cap, zip-bomb
ratio). The XML goes through python-docx's parser, which does not resolve entities, never
touches the network and keeps lxml's huge-tree protection off; a custom entity inside
`w:t` keeps the text around it (and its declared value, which is not expanded further).

Text is read in reading order from the body: paragraphs, tables (nested ones too, a
merged cell once), content controls, and text boxes (read once: the DrawingML copy of an
`mc:AlternateContent`, not its VML fallback), each box right after the paragraph that
anchors it. Footnotes and endnotes follow the body as paragraphs. Headers and footers
(page furniture: a masthead, "page 3"), comments, and the text inside charts, SmartArt and
embedded objects are not translated, but a warning says so.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from bilingual.document import Article, Block, BlockKind
from bilingual.errors import InputError
from bilingual.reading.limits import INPUT_ENV, check_input_size, check_zip_bounds, max_input_bytes
from bilingual.text.arabic import clean_text, split_sentences

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Not text a reader sees in the paragraph: properties (w:tabs holds w:tab stops), deleted
# and moved-away revisions, field codes, and the VML fallback copy of a drawing.
_NOT_TEXT = {
    f"{_W}pPr",
    f"{_W}rPr",
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}instrText",
    f"{_W}delInstrText",
    f"{_MC}Fallback",
}
# Wrappers whose children are read in place (mc:Choice yes, mc:Fallback never: it is the
# same content again for older readers).
_CONTAINERS = {
    f"{_W}sdt",
    f"{_W}sdtContent",
    f"{_W}customXml",
    f"{_W}smartTag",
    f"{_W}ins",
    f"{_W}moveTo",
    f"{_MC}AlternateContent",
    f"{_MC}Choice",
}
_ROWS = {f"{_W}tr", *_CONTAINERS}
_NOTE_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MAX_ENTITY_CHARS = 1000


def _entities(element) -> dict[str, str]:
    """Internal entities declared in the part's DTD: name → declared text, at most
    MAX_ENTITY_CHARS, and only plain text (one that refers to other entities is left
    out, never expanded: that is how a "billion laughs" document multiplies)."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is None:
        return {}
    return {
        e.name: e.content[:MAX_ENTITY_CHARS]
        for e in dtd.iterentities()
        if e.name and e.content and "&" not in e.content
    }


def _t_text(t, entities: dict[str, str]) -> str:
    """A w:t's text. With entities unresolved, lxml keeps `&name;` as a child node whose
    tail is the rest of the text: `t.text` alone would drop everything after it."""
    parts = [t.text or ""]
    for child in t:
        if not isinstance(child.tag, str) and child.tag.__name__ == "Entity":
            parts.append(entities.get(child.text.strip("&;"), ""))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraph_text(p, entities: dict[str, str], boxes: list) -> str:
    """The visible text of a w:p; text boxes found inside are appended to `boxes`.
    python-docx's `paragraph.text` only reads runs and links that are direct children,
    so a tracked insertion (w:ins), a content control (w:sdt) or a simple field would be
    dropped without a word."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_TEXT:
                continue
            if tag == f"{_W}t":
                parts.append(_t_text(child, entities))
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}txbxContent":
                boxes.append(child)
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _cells(node) -> Iterator:
    """The w:tc of a table (or row), through rows, content controls and custom XML."""
    for child in node:
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag in _ROWS:
            yield from _cells(child)


def _block_paragraphs(container) -> Iterator:
    """Every w:p of a body, cell, note or text box in reading order: tables (nested too,
    each cell once: XML lists a merged cell once) and block-level content controls, which
    `document.paragraphs` and `iter_inner_content` skip."""
    for child in container:
        if child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}tbl":
            for cell in _cells(child):
                yield from _block_paragraphs(cell)
        elif child.tag in _CONTAINERS:
            yield from _block_paragraphs(child)


def _paragraphs(container, entities: dict[str, str]) -> Iterator[tuple[object, str]]:
    """(w:p, text) in reading order, each text box's paragraphs right after its anchor."""
    for p in _block_paragraphs(container):
        boxes: list = []
        yield p, _paragraph_text(p, entities, boxes)
        for box in boxes:
            yield from _paragraphs(box, entities)


def _check_package(path: Path) -> None:
    """Size and zip-bomb checks from the zip directory alone, before python-docx inflates
    and parses anything. The parts are capped at 4× the input cap in all (python-docx
    holds every part, photos included, in memory), the XML at 1× (lxml needs several
    times the text in memory)."""
    check_input_size(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable Word document ({exc.__class__.__name__})") from None
    cap = max_input_bytes()
    hint = f" for one input; raise it with {INPUT_ENV}=N (megabytes)"
    check_zip_bounds(infos, str(path), max_total=4 * cap, error=InputError, limit_hint=hint)
    check_zip_bounds(
        infos,
        f"{path} (its XML)",
        max_total=cap,
        error=InputError,
        limit_hint=hint,
        counted=lambda info: info.filename.lower().endswith((".xml", ".rels")),
    )


def _note_paragraphs(part_element, entities) -> Iterator[tuple[object, str]]:
    for note in part_element:
        if note.tag in (f"{_W}footnote", f"{_W}endnote") and note.get(f"{_W}type") not in _NOTE_SEPARATORS:
            yield from _paragraphs(note, entities)


# Parts whose text is not read, with how a warning names them: a reviewer must know the
# translation leaves them out.
_UNREAD = {
    "chart": "chart(s)",
    "diagramData": "SmartArt graphic(s)",
    "oleObject": "embedded object(s)",
    "package": "embedded document(s)",
}


def _other_stories(document) -> tuple[list[tuple[object, str]], list[str]]:
    """Footnote/endnote paragraphs, and warnings for text left out: headers and footers,
    comments, charts, SmartArt and embedded objects."""
    from docx.oxml.parser import parse_xml

    notes: list[tuple[object, str]] = []
    furniture = comments = 0
    unread: dict[str, int] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.removeprefix(_REL)
        if rel.is_external:
            continue
        if kind in _UNREAD:
            unread[kind] = unread.get(kind, 0) + 1
            continue
        if kind not in ("header", "footer", "footnotes", "endnotes", "comments"):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is None:
            element = parse_xml(part.blob)  # python-docx keeps notes as raw bytes
        entities = _entities(element)
        if kind in ("footnotes", "endnotes"):
            notes.extend(_note_paragraphs(element, entities))
        elif kind == "comments":
            comments += sum(
                1
                for comment in element
                if comment.tag == f"{_W}comment"
                and any(clean_text(text).strip() for _, text in _paragraphs(comment, entities))
            )
        else:
            furniture += sum(1 for _, text in _paragraphs(element, entities) if clean_text(text).strip())
    warnings = []
    if furniture:
        warnings.append(f"{furniture} header/footer paragraph(s) not translated (page furniture)")
    if comments:
        warnings.append(f"{comments} comment(s) not translated")
    if unread:
        parts = ", ".join(f"{count} {_UNREAD[kind]}" for kind, count in unread.items())
        warnings.append(f"text in {parts} not translated")
    return notes, warnings


def docx_articles(path: Path) -> tuple[list[Article], list[str]]:
    """Arabic Word documents → (articles, warnings). Title/Heading 1 paragraphs open an
    article, Caption-styled paragraphs are captions, everything else (table cells, text
    boxes, notes) is body. Without headings, the first paragraph is the headline."""
    import docx  # heavy; only for .docx input

    _check_package(path)
    try:
        document = docx.Document(str(path))
        style_names = {style.style_id: style.name for style in document.styles}
        body = document.element.body
        paragraphs = list(_paragraphs(body, _entities(body)))
        notes, warnings = _other_stories(document)
    except InputError:
        raise
    except Exception as exc:  # PackageNotFoundError, BadZipFile, KeyError, lxml errors
        raise InputError(f"{path}: not a readable Word document ({exc.__class__.__name__})") from None

    articles: list[Article] = []
    for number, (p, raw) in enumerate(paragraphs + notes):
        text = clean_text(raw).strip()
        if not text:
            continue
        style = style_names.get(_style_id(p), "") or ""
        is_note = number >= len(paragraphs)
        if not is_note and (style in ("Title", "Heading 1", "Heading") or not articles):
            articles.append(Article(blocks=[], source=str(path), layout="docx"))
            kind: BlockKind = "headline"
        elif not articles:
            articles.append(Article(blocks=[], source=str(path), layout="docx"))
            kind = "paragraph"
        elif style.lower().startswith("caption"):
            kind = "caption"
        else:
            kind = "paragraph"  # body text, and subheadings (Heading 2…) stay in the article
        articles[-1].blocks.append(Block(kind=kind, text=text, sentences=split_sentences(text)))
    return articles, [f"{path}: {w}" for w in warnings]


def _style_id(p) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return "" if style is None else style.get(f"{_W}val", "")
