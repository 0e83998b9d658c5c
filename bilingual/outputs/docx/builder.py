"""The WordprocessingML writer: paragraphs, runs, tables, comments, footer, column layout.

Property elements are built once as templates and deep-copied per run, which is what
lets a 1,000-row document render in well under a second."""

from __future__ import annotations

import datetime as dt
import re
from copy import deepcopy
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.parser import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from bilingual.outputs.docx import ooxml, rowids
from bilingual.outputs.docx.content import (
    CellContent,
    Piece,
    legend_content,
    split_pieces,
)
from bilingual.outputs.docx.ooxml import w
from bilingual.outputs.docx.options import (
    COMMENT_AUTHOR,
    COMMENT_INITIALS,
    HEADER_FILL,
    MARGIN_BOTTOM_MM,
    MARGIN_SIDE_MM,
    MARGIN_TOP_MM,
    MUTED_RGB,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    RenderOptions,
)
from bilingual.text.arabic import clean_text
from bilingual.translation.segments import (
    TranslatedArticle,
    TranslatedDocument,
)

# --- text into runs ----------------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
_BREAK_OR_TAB = re.compile(r"([\n\t])")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def writable(text: str) -> str:
    """Text as it can live in XML: control characters dropped, line breaks normalised."""
    return clean_text(text.replace("\r\n", "\n").translate(_LINE_BREAKS))


def _append_text(run: etree._Element, text: str) -> None:
    if "\n" not in text and "\t" not in text:
        t = etree.SubElement(run, w("t"))
        t.set(_XML_SPACE, "preserve")
        t.text = text
        return
    for part in _BREAK_OR_TAB.split(text):
        if part == "\n":
            etree.SubElement(run, w("br"))
        elif part == "\t":
            etree.SubElement(run, w("tab"))
        elif part:
            t = etree.SubElement(run, w("t"))
            t.set(_XML_SPACE, "preserve")
            t.text = part


class DocumentBuilder:
    """Writes one python-docx Document; caches property templates so rows are cheap."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.document: DocxDocument = docx.Document()
        self.body = self.document.element.body
        self._rpr_cache: dict[tuple, etree._Element] = {}
        self._ppr_cache: dict[tuple, etree._Element] = {}
        self._comments: list[tuple[etree._Element, etree._Element, etree._Element, str]] = []
        self._bookmark_id = 0
        self._setup_page()
        self._setup_styles()
        self.heading_style = self.document.styles["Heading 1"].style_id

    # -- document-wide setup --

    def _setup_page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.left_margin = section.right_margin = Mm(MARGIN_SIDE_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)

    def _setup_styles(self) -> None:
        o = self.options
        normal = self.document.styles["Normal"]
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        rpr = normal.element.get_or_add_rPr()
        ooxml.set_fonts(rpr, o.latin_font, o.arabic_font)
        ooxml.set_size(rpr, o.english_size, o.arabic_size)
        ooxml.set_lang(rpr, o.english_language, o.arabic_language)
        heading = self.document.styles["Heading 1"]
        heading.font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
        heading.paragraph_format.space_before = Pt(2)
        heading.paragraph_format.space_after = Pt(3)
        heading.paragraph_format.keep_with_next = True
        hrpr = heading.element.get_or_add_rPr()
        ooxml.set_fonts(hrpr, o.latin_font, o.arabic_font)
        ooxml.set_size(hrpr, o.english_size + 5, o.arabic_size + 5)

    # -- property templates --

    def _rpr(
        self,
        arabic: bool,
        rtl: bool,
        bold: bool,
        italic: bool,
        size_delta: float,
        highlight: str | None,
        muted: bool = False,
        underline: str | None = None,
    ) -> etree._Element:
        key = (arabic, rtl, bold, italic, size_delta, highlight, muted, underline)
        cached = self._rpr_cache.get(key)
        if cached is None:
            o = self.options
            cached = OxmlElement("w:rPr")
            ooxml.set_fonts(cached, o.latin_font, o.arabic_font)
            if bold:
                ooxml.set_bold(cached)
            if italic:
                ooxml.set_italic(cached)
            if muted:
                ooxml.set_color(cached, MUTED_RGB)
            ooxml.set_size(cached, o.english_size + size_delta, o.arabic_size + size_delta)
            if highlight:
                ooxml.set_highlight(cached, highlight)
            if underline:
                ooxml.set_underline(cached, underline)
            if rtl:
                ooxml.set_rtl(cached)
            ooxml.set_lang(cached, o.english_language, o.arabic_language)
            self._rpr_cache[key] = cached
        return cached

    def _ppr(
        self,
        arabic: bool,
        center: bool = False,
        space_after: float = 0,
        keep_next: bool = False,
        page_break: bool = False,
        style: str | None = None,
        space_before: float = 0,
    ) -> etree._Element:
        key = (arabic, center, space_after, keep_next, page_break, style, space_before)
        cached = self._ppr_cache.get(key)
        if cached is None:
            cached = OxmlElement("w:pPr")
            if style:
                ooxml.set_child(cached, "pStyle", {"val": style})
            if keep_next:
                ooxml.set_child(cached, "keepNext")
            if page_break:
                ooxml.set_child(cached, "pageBreakBefore")
            if arabic:
                ooxml.set_bidi(cached)
            if space_after or space_before:
                ooxml.set_spacing(cached, space_before, space_after)
            if center:
                ooxml.set_jc(cached, "center")
            elif arabic:
                # Leading edge of an RTL paragraph = the right side, in Word and LibreOffice.
                ooxml.set_jc(cached, "left")
            self._ppr_cache[key] = cached
        return cached

    # -- paragraphs --

    def paragraph(self, parent: etree._Element, content: CellContent, **ppr) -> etree._Element:
        """A paragraph holding `content`, runs split by script and marks; queues its comments."""
        p = etree.SubElement(parent, w("p"))
        p.append(deepcopy(self._ppr(content.arabic, **ppr)))
        runs: list[tuple[Piece, etree._Element]] = []
        for piece in split_pieces(content.text, content.marks, content.arabic, self.options):
            text = writable(content.text[piece.start : piece.end])
            if not text:
                continue
            r = etree.SubElement(p, w("r"))
            r.append(
                deepcopy(
                    self._rpr(
                        content.arabic,
                        piece.rtl,
                        content.bold or piece.bold,
                        content.italic,
                        content.size_delta,
                        piece.highlight,
                        content.muted,
                        piece.underline,
                    )
                )
            )
            _append_text(r, text)
            runs.append((piece, r))
        for comment in dict.fromkeys(c for piece, _ in runs for c in piece.comments):
            anchored = [r for piece, r in runs if comment in piece.comments]
            self._comments.append((p, anchored[0], anchored[-1], comment))
        return p

    def comment_on_paragraph(self, p: etree._Element, comment: str) -> None:
        runs = p.findall(w("r"))
        if runs:
            self._comments.append((p, runs[0], runs[-1], comment))

    def body_paragraph(self, content: CellContent, **ppr) -> etree._Element:
        p = self.paragraph(etree.Element(w("tmp")), content, **ppr)
        ooxml.append_to_body(self.body, p)
        return p

    # -- title block --

    def title_block(self, ta: TranslatedArticle, doc: TranslatedDocument, first: bool) -> None:
        arabic_headline, english_headline = title_pair(ta)
        self.body_paragraph(
            CellContent(arabic_headline, True, bold=True, size_delta=5),
            keep_next=True,
            page_break=not first,
            space_after=2,
        )
        self.body_paragraph(CellContent(english_headline, False, bold=True, size_delta=5), style=self.heading_style)
        self.body_paragraph(
            CellContent(provenance_line(ta, doc), False, size_delta=-2, muted=True),
            keep_next=True,
            space_after=2 if ta_has_names(ta) or ta_has_unknown(ta) else 8,
        )
        if ta_has_names(ta) or ta_has_unknown(ta):
            self.legend(glossary=ta_has_names(ta), unknown=ta_has_unknown(ta))

    def legend(self, glossary: bool = True, unknown: bool = False) -> None:
        content = legend_content(self.options, glossary, unknown)
        self.body_paragraph(content, keep_next=True, space_after=8)

    # -- tables --

    def table(
        self,
        columns: list[tuple[str, int]],
        header: dict[str, str],
        rows: list[tuple[dict[str, CellContent], list[str]]],
        bookmarks: list[str] | None = None,
        english_comments: list[list[str]] | None = None,
    ) -> etree._Element:
        """A fixed-width table: a repeated header row, then rows that stay whole if short.

        `bookmarks`: per row, the name of the point bookmark that identifies it (placed at the
        start of its Arabic paragraph, see `rowids`); `english_comments`: per row, comments
        anchored on the English cell (near matches from the reviewed memory)."""
        tbl = ooxml.new_table([width for _, width in columns])
        header_row = {key: CellContent(header[key], key == "ar", bold=True) for key, _ in columns}
        self._row(tbl, columns, header_row, header=True)
        for index, (cells, unplaced) in enumerate(rows):
            self._row(
                tbl,
                columns,
                cells,
                unplaced=unplaced,
                bookmark=bookmarks[index] if bookmarks else None,
                english_comments=english_comments[index] if english_comments else (),
            )
        ooxml.append_to_body(self.body, tbl)
        return tbl

    def _row(
        self,
        tbl: etree._Element,
        columns: list[tuple[str, int]],
        cells: dict[str, CellContent],
        header: bool = False,
        unplaced: tuple[str, ...] | list[str] = (),
        bookmark: str | None = None,
        english_comments: tuple[str, ...] | list[str] = (),
    ) -> None:
        tr = etree.SubElement(tbl, w("tr"))
        trpr = etree.SubElement(tr, w("trPr"))
        if header or row_fits_half_page(cells, columns, self.options):
            ooxml.forbid_row_split(trpr)
        if header:
            ooxml.mark_header_row(trpr)
        for key, width in columns:
            tc = etree.SubElement(tr, w("tc"))
            tcpr = etree.SubElement(tc, w("tcPr"))
            ooxml.set_cell_width(tcpr, width)
            if header:
                ooxml.set_cell_shading(tcpr, HEADER_FILL)
            content = cells[key]
            p = self.paragraph(tc, content, center=key in ("num", "count", "state"))
            if key == "ar":
                for comment in unplaced:
                    self.comment_on_paragraph(p, comment)
                if bookmark:
                    self._bookmark(p, bookmark)
            elif key == "en":
                for comment in english_comments:
                    self.comment_on_paragraph(p, comment)

    def _bookmark(self, p: etree._Element, name: str) -> None:
        self._bookmark_id += 1
        rowids.add_point_bookmark(p, self._bookmark_id, name)

    def finish(self) -> DocxDocument:
        """Attach the queued comments through python-docx's comments API (it owns the part)."""
        for p, first, last, text in self._comments:
            paragraph = Paragraph(p, self.document)  # type: ignore[arg-type]
            self.document.add_comment(
                [Run(first, paragraph), Run(last, paragraph)],  # type: ignore[arg-type]
                text=writable(text).replace("\n", " "),
                author=COMMENT_AUTHOR,
                initials=COMMENT_INITIALS,
            )
        self._comments.clear()
        return self.document

    def footer(self, source_label: str) -> None:
        """Centred footer: the source file and live PAGE / NUMPAGES fields."""
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = paragraph._p
        rpr = self._rpr(False, False, False, False, -2, None, muted=True)
        r = etree.SubElement(p, w("r"))
        r.append(deepcopy(rpr))
        _append_text(r, f"{source_label} · page ")
        ooxml.add_field(p, "PAGE", "1", rpr)
        r = etree.SubElement(p, w("r"))
        r.append(deepcopy(rpr))
        _append_text(r, " of ")
        ooxml.add_field(p, "NUMPAGES", "1", rpr)


def title_pair(ta: TranslatedArticle) -> tuple[str, str]:
    """(Arabic, English) for the title block: the headline, else the first sentence.

    An article without a headline block would otherwise put a whole paragraph in 18 pt.
    """
    for tb in ta.blocks:
        if tb.block.kind == "headline":
            return tb.block.text, tb.translation
    for tb in ta.blocks:
        if tb.segments:
            return tb.segments[0].source, tb.segments[0].target
    return (ta.blocks[0].block.text, ta.blocks[0].translation) if ta.blocks else ("", "")


def ta_has_names(ta: TranslatedArticle) -> bool:
    return any(tb.names for tb in ta.blocks)


def ta_has_unknown(ta: TranslatedArticle) -> bool:
    return any(tb.unknown for tb in ta.blocks)


def source_label(source: str) -> str:
    return "standard input" if source in ("", "-") else Path(source).name


def provenance_line(ta: TranslatedArticle, doc: TranslatedDocument) -> str:
    info = doc.info
    source = source_label(doc.document.source)
    if ta.article.source and source_label(ta.article.source) != source:
        source += f" ({ta.article.source})"
    glossaries = ", ".join(Path(g).name for g in info.glossaries) or "none"
    date = info.date or dt.date.today().isoformat()
    return f"Source: {source} · Date: {date} · Model: {info.model or 'unknown'} · Glossary: {glossaries}"


def _estimated_lines(text: str, width_twips: int, points: float) -> float:
    """Rough line count: average glyph ≈ half the font size wide."""
    chars_per_line = max(1.0, (width_twips / 20) / (points * 0.5))
    return sum(max(1.0, len(line) / chars_per_line) for line in text.split("\n"))


def row_fits_half_page(cells: dict[str, CellContent], columns: list[tuple[str, int]], options: RenderOptions) -> bool:
    """Whether a row is short enough to forbid splitting it across pages.

    A `w:cantSplit` row taller than a page gets clipped in Word, so only rows estimated at
    under half a page are kept whole; longer ones may break.
    """
    usable_pt = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / 25.4 * 72
    tallest = 0.0
    for key, width in columns:
        content = cells[key]
        size = (options.arabic_size if content.arabic else options.english_size) + content.size_delta
        tallest = max(tallest, _estimated_lines(content.text, width - 200, size) * size * 1.2)
    return tallest <= usable_pt / 2
