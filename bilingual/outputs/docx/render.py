"""The side-by-side Word document: the file reviewers open in Word and LibreOffice.

Layout follows the bilingual review tables of CAT tools (memoQ, Trados, Phrase): per
article a title block (Arabic headline, English headline, a muted provenance line), then one
table with a header row repeated on every page and one row per block (or per sentence, with
segment numbers). Glossary names are bold in both columns; repaired ones are highlighted;
missing ones are highlighted in the Arabic and get a Word comment. A closing "Names" table
sums them up.

Arabic needs what python-docx does not write (paragraph `w:bidi`, the `w:cs` font, `w:szCs`,
`w:bCs`/`w:iCs`, `w:lang w:bidi`); `bilingual.outputs.docx.ooxml` adds those. Rows are built as XML from
cached property templates so a 1,000-row document renders in well under a second.

Nothing here translates: the input is a `TranslatedDocument`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections import Counter
from copy import deepcopy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from bilingual import __version__
from bilingual.document import Document
from bilingual.errors import BilingualError
from bilingual.files import atomic_write_bytes
from bilingual.outputs.docx import ooxml
from bilingual.outputs.docx.ooxml import w
from bilingual.text.arabic import clean_text
from bilingual.translation.segments import (
    NameResult,
    TranslatedArticle,
    TranslatedBlock,
    TranslatedDocument,
)

FINGERPRINT_PROPERTY = "BilingualContentSHA256"
VERSION_PROPERTY = "BilingualVersion"
SOURCE_PROPERTY = "BilingualSource"

ARABIC_LABEL = "العربية"
ENGLISH_LABEL = "English"
MUTED_RGB = "6B6B6B"
HEADER_FILL = "E7E6E6"
COMMENT_AUTHOR = "bilingual"
COMMENT_INITIALS = "BL"


@dataclass
class RenderOptions:
    """How the Word document looks. Every field is a user setting; defaults suit a newsroom."""

    rows: str = "block"  # "block": one row per headline/caption/paragraph; "sentence": per segment
    arabic_left: bool = False  # default column order: English | العربية
    # Arial carries Arabic on Windows and macOS and maps to Liberation Sans (+ a fallback
    # Arabic face) in LibreOffice; Sakkal Majalla/Traditional Arabic may be missing on
    # English Windows. Both fonts are settings.
    arabic_font: str = "Arial"
    latin_font: str = "Arial"
    english_size: float = 10.5  # points
    arabic_size: float = 12.5  # Arabic glyphs run small at a given size; 12.5 pt sits with 10.5 pt Latin
    english_language: str = "en-US"
    arabic_language: str = "ar-SA"
    repaired_highlight: str = "cyan"  # Word highlight colour names (ooxml.HIGHLIGHT_COLORS)
    missing_highlight: str = "yellow"
    arabic_share: float = 0.5  # share of the text width given to the Arabic column
    names_table: bool = True
    force: bool = False  # overwrite even if a person edited the file since bilingual wrote it

    def validate(self) -> None:
        if self.rows not in ("block", "sentence"):
            raise BilingualError(f"rows must be 'block' or 'sentence', not {self.rows!r}")
        for name in ("repaired_highlight", "missing_highlight"):
            if getattr(self, name) not in ooxml.HIGHLIGHT_COLORS:
                raise BilingualError(
                    f"{name} must be a Word highlight colour "
                    f"({', '.join(sorted(ooxml.HIGHLIGHT_COLORS))}), not {getattr(self, name)!r}"
                )
        if not 0.2 <= self.arabic_share <= 0.8:
            raise BilingualError(f"arabic_share must be between 0.2 and 0.8, not {self.arabic_share}")
        if not (self.arabic_font.strip() and self.latin_font.strip()):
            raise BilingualError("font names must not be empty")


# --- page geometry (A4) -----------------------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_SIDE_MM, MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 18, 18, 20
NUMBER_COLUMN_MM = 10
TWIPS_PER_MM = 1440 / 25.4


def text_width_twips() -> int:
    return int((PAGE_WIDTH_MM - 2 * MARGIN_SIDE_MM) * TWIPS_PER_MM)


# --- what a cell holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """Formatting over `text[start:end]` of one cell; `comment` asks for a Word comment there."""

    start: int
    end: int
    bold: bool = True
    highlight: str | None = None
    comment: str | None = None


@dataclass
class CellContent:
    text: str
    arabic: bool
    marks: list[Mark] = field(default_factory=list)
    bold: bool = False
    italic: bool = False
    size_delta: float = 0.0
    muted: bool = False


@dataclass
class RowContent:
    kind: str  # headline | caption | paragraph
    english: CellContent
    arabic: CellContent
    number: str | None = None  # segment number in sentence rows


@dataclass(frozen=True)
class Piece:
    """A stretch of a cell with one script direction and one look: becomes one `w:r`."""

    start: int
    end: int
    rtl: bool
    bold: bool
    highlight: str | None
    comments: tuple[str, ...] = ()


# Block kind -> (bold, italic, size change in points)
KIND_LOOK = {"headline": (True, False, 1.5), "caption": (False, True, -1.0), "paragraph": (False, False, 0.0)}


# --- names: where to mark them --------------------------------------------------------------


@lru_cache(maxsize=2048)
def _word_bounded(english: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(english) + r"(?!\w)")


def english_name_marks(target: str, names: list[NameResult], options: RenderOptions, offset: int = 0) -> list[Mark]:
    """Every word-bounded, case-sensitive occurrence of a kept/repaired name's English."""
    marks = []
    for result in names:
        english = result.hit.english
        if result.status == "missing" or not english:
            continue
        highlight = options.repaired_highlight if result.status == "repaired" else None
        for match in _word_bounded(english).finditer(target):
            marks.append(Mark(offset + match.start(), offset + match.end(), True, highlight))
    return marks


def missing_name_comment(result: NameResult) -> str:
    """The reviewer's note for a name the English lacks: the Arabic, the house spelling, the model's."""
    hit = result.hit
    arabic = hit.surface or hit.arabic
    glossary = f" (glossary: {hit.arabic})" if hit.arabic and hit.arabic != arabic else ""
    wrote = (
        f"The model wrote “{result.rendered}”."
        if result.rendered.strip()
        else "The model's rendering of it was not found."
    )
    return f"Name to check: «{arabic}»{glossary} should appear as “{hit.english}” in the English. {wrote}"


def arabic_name_marks(
    names: list[NameResult], options: RenderOptions, shift: int, length: int
) -> tuple[list[Mark], list[str]]:
    """Marks for names in an Arabic cell whose text starts at `shift` in the block text.

    Returns the marks and the comments that found no span (they anchor on the whole cell).
    """
    marks, unplaced = [], []
    for result in names:
        start, end = result.hit.start - shift, result.hit.end - shift
        placed = 0 <= start < end <= length
        highlight = {"repaired": options.repaired_highlight, "missing": options.missing_highlight}.get(result.status)
        comment = missing_name_comment(result) if result.status == "missing" else None
        if placed:
            marks.append(Mark(start, end, True, highlight, comment))
        elif comment:
            unplaced.append(comment)
    return marks, unplaced


# --- script direction inside Arabic cells -------------------------------------------------------


@lru_cache(maxsize=8192)
def _direction_class(ch: str) -> str:
    """L (strong LTR letter), D (European digit), T (number suffix/prefix like %), R, or N."""
    bidi = unicodedata.bidirectional(ch)
    if bidi == "L":
        return "L"
    if bidi == "EN":
        return "D"
    if bidi == "ET":
        return "T"
    if bidi in ("R", "AL", "AN"):
        return "R"
    return "N"


_ALL_RTL_OR_NEUTRAL = re.compile(
    r"[^A-Za-z0-9\u00c0-\u02af\u0370-\u052f\u1e00-\u1fff"
    r"\u2070-\u209f\uff10-\uff5a\U00010000-\U0010ffff]*"
)


def script_ranges(text: str) -> list[tuple[int, int, bool]]:
    """Split Arabic-cell text into (start, end, rtl) ranges.

    Latin words and European digits go in LTR runs (OOXML Annex I: `w:rtl` is not for
    strong LTR text), together with the spaces and punctuation *between* two LTR stretches
    ("New York", "2014-2015", "10,000") and number signs touching digits ("50%"); everything
    else stays RTL. The bidi algorithm does the visual ordering; text is never reversed.
    """
    if not text:
        return []
    if _ALL_RTL_OR_NEUTRAL.fullmatch(text):
        return [(0, len(text), True)]
    classes = [_direction_class(ch) for ch in text]
    n = len(classes)
    for i, cls in enumerate(classes):  # number signs next to digits belong to the number
        if cls == "T":
            j = i
            while j < n and classes[j] == "T":
                j += 1
            k = i
            while k > 0 and classes[k - 1] == "T":
                k -= 1
            touches_digit = (k > 0 and classes[k - 1] == "D") or (j < n and classes[j] == "D")
            classes[i] = "L" if touches_digit else "N"
    classes = ["L" if cls == "D" else cls for cls in classes]
    i = 0
    while i < n:
        if classes[i] != "N":
            i += 1
            continue
        j = i
        while j < n and classes[j] == "N":
            j += 1
        between_ltr = i > 0 and j < n and classes[i - 1] == "L" and classes[j] == "L"
        fill = "L" if between_ltr else "R"
        for k in range(i, j):
            classes[k] = fill
        i = j
    ranges = []
    start = 0
    for i in range(1, n + 1):
        if i == n or classes[i] != classes[start]:
            ranges.append((start, i, classes[start] == "R"))
            start = i
    return ranges


def split_pieces(text: str, marks: list[Mark], arabic: bool, options: RenderOptions) -> list[Piece]:
    """Cut a cell's text into runs at mark and script boundaries."""
    if not text:
        return []
    scripts = script_ranges(text) if arabic else [(0, len(text), False)]
    cuts = {0, len(text)}
    for mark in marks:
        cuts.update((max(0, min(mark.start, len(text))), max(0, min(mark.end, len(text)))))
    for start, end, _ in scripts:
        cuts.update((start, end))
    points = sorted(cuts)
    rank = {None: 0, options.repaired_highlight: 1, options.missing_highlight: 2}
    pieces = []
    script_index = 0
    for start, end in zip(points, points[1:]):
        while scripts[script_index][1] <= start:
            script_index += 1
        covering = [m for m in marks if m.start <= start and end <= m.end]
        highlight = max((m.highlight for m in covering), key=lambda h: rank.get(h, 1), default=None)
        pieces.append(
            Piece(
                start,
                end,
                scripts[script_index][2] if arabic else False,
                any(m.bold for m in covering),
                highlight,
                tuple(m.comment for m in covering if m.comment),
            )
        )
    return pieces


# --- rows from the translated structure ---------------------------------------------------------


def _kind_cells(
    kind: str, english: str, arabic: str, en_marks: list[Mark], ar_marks: list[Mark]
) -> tuple[CellContent, CellContent]:
    bold, italic, delta = KIND_LOOK.get(kind, KIND_LOOK["paragraph"])
    return (
        CellContent(english, False, en_marks, bold, italic, delta),
        CellContent(arabic, True, ar_marks, bold, italic, delta),
    )


def block_row(tb: TranslatedBlock, options: RenderOptions) -> tuple[RowContent, list[str]]:
    """One row for a block: its Arabic and its English (segment targets joined by a space)."""
    en_parts: list[str] = []
    en_marks: list[Mark] = []
    cursor = 0
    for segment in tb.segments:
        if not segment.target:
            continue
        if en_parts:
            cursor += 1
        en_marks += english_name_marks(segment.target, segment.names, options, cursor)
        en_parts.append(segment.target)
        cursor += len(segment.target)
    names = [n for s in tb.segments for n in s.names]
    ar_marks, unplaced = arabic_name_marks(names, options, 0, len(tb.block.text))
    english, arabic = _kind_cells(tb.block.kind, " ".join(en_parts), tb.block.text, en_marks, ar_marks)
    return RowContent(tb.block.kind, english, arabic), unplaced


def segment_offsets(tb: TranslatedBlock) -> list[int | None]:
    """Where each segment's source starts in the block text (None if it cannot be found).

    Segments follow `block.sentences` in order; if they disagree (a merged or re-split
    sentence), fall back to finding the source text after the previous one.
    """
    text, sentences = tb.block.text, tb.block.sentences
    if len(sentences) == len(tb.segments) and all(
        text[s.start : s.end] == seg.source for s, seg in zip(sentences, tb.segments)
    ):
        return [s.start for s in sentences]
    offsets: list[int | None] = []
    cursor = 0
    for segment in tb.segments:
        found = text.find(segment.source, cursor) if segment.source else -1
        offsets.append(found if found >= 0 else None)
        if found >= 0:
            cursor = found + len(segment.source)
    return offsets


def sentence_rows(tb: TranslatedBlock, options: RenderOptions, first_number: int) -> list[tuple[RowContent, list[str]]]:
    rows: list[tuple[RowContent, list[str]]] = []
    for index, (segment, offset) in enumerate(zip(tb.segments, segment_offsets(tb))):
        en_marks = english_name_marks(segment.target, segment.names, options)
        if offset is None:
            ar_marks, unplaced = list[Mark](), [missing_name_comment(n) for n in segment.names if n.status == "missing"]
        else:
            ar_marks, unplaced = arabic_name_marks(segment.names, options, offset, len(segment.source))
        english, arabic = _kind_cells(tb.block.kind, segment.target, segment.source, en_marks, ar_marks)
        rows.append((RowContent(tb.block.kind, english, arabic, str(first_number + index)), unplaced))
    return rows


def article_rows(
    ta: TranslatedArticle, options: RenderOptions, first_number: int = 1
) -> list[tuple[RowContent, list[str]]]:
    """Rows of an article's table: per block, or per segment numbered from `first_number`."""
    if options.rows == "block":
        return [block_row(tb, options) for tb in ta.blocks]
    rows: list[tuple[RowContent, list[str]]] = []
    for tb in ta.blocks:
        rows += sentence_rows(tb, options, first_number + len(rows))
    return rows


@dataclass
class NameSummary:
    arabic: str
    english: str
    statuses: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.statuses.values())

    @property
    def worst(self) -> str:
        for status in ("missing", "repaired", "kept"):
            if self.statuses.get(status):
                return status
        return "kept"

    @property
    def status_text(self) -> str:
        if len(self.statuses) == 1:
            return self.worst
        return " · ".join(f"{self.statuses[s]} {s}" for s in ("missing", "repaired", "kept") if self.statuses.get(s))


def summarize_names(articles: list[TranslatedArticle]) -> list[NameSummary]:
    """One line per glossary name: worst status first (missing, repaired, kept), then first seen."""
    found: dict[tuple[str, str], NameSummary] = {}
    for ta in articles:
        for tb in ta.blocks:
            for result in tb.names:
                key = (result.hit.arabic or result.hit.surface, result.hit.english)
                found.setdefault(key, NameSummary(*key)).statuses[result.status] += 1
    order = {"missing": 0, "repaired": 1, "kept": 2}
    return sorted(found.values(), key=lambda s: order[s.worst])  # stable: first seen within a status


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


class _Builder:
    """Writes one python-docx Document; caches property templates so rows are cheap."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.document: DocxDocument = docx.Document()
        self.body = self.document.element.body
        self._rpr_cache: dict[tuple, etree._Element] = {}
        self._ppr_cache: dict[tuple, etree._Element] = {}
        self._comments: list[tuple[etree._Element, etree._Element, etree._Element, str]] = []
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
    ) -> etree._Element:
        key = (arabic, rtl, bold, italic, size_delta, highlight, muted)
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
            space_after=2 if ta_has_names(ta) else 8,
        )
        if ta_has_names(ta):
            self.legend()

    def legend(self) -> None:
        o = self.options
        parts = [
            ("Glossary names in ", None, False),
            ("bold", None, True),
            ("; ", None, False),
            ("repaired", o.repaired_highlight, True),
            (": spelling repaired to the glossary; ", None, False),
            ("missing", o.missing_highlight, True),
            (": name not found in the English, see the comment.", None, False),
        ]
        text, marks = "", []
        for chunk, highlight, bold in parts:
            if bold:
                marks.append(Mark(len(text), len(text) + len(chunk), True, highlight))
            text += chunk
        self.body_paragraph(CellContent(text, False, marks, size_delta=-2, muted=True), keep_next=True, space_after=8)

    # -- tables --

    def table(
        self,
        columns: list[tuple[str, int]],
        header: dict[str, str],
        rows: list[tuple[dict[str, CellContent], list[str]]],
    ) -> etree._Element:
        """A fixed-width table: a repeated header row, then rows that stay whole if short."""
        tbl = ooxml.new_table([width for _, width in columns])
        header_row = {key: CellContent(header[key], key == "ar", bold=True) for key, _ in columns}
        self._row(tbl, columns, header_row, header=True)
        for cells, unplaced in rows:
            self._row(tbl, columns, cells, unplaced=unplaced)
        ooxml.append_to_body(self.body, tbl)
        return tbl

    def _row(
        self,
        tbl: etree._Element,
        columns: list[tuple[str, int]],
        cells: dict[str, CellContent],
        header: bool = False,
        unplaced: tuple[str, ...] | list[str] = (),
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
            p = self.paragraph(tc, content, center=key in ("num", "count"))
            if key == "ar":
                for comment in unplaced:
                    self.comment_on_paragraph(p, comment)

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


def _source_label(source: str) -> str:
    return "standard input" if source in ("", "-") else Path(source).name


def provenance_line(ta: TranslatedArticle, doc: TranslatedDocument) -> str:
    info = doc.info
    source = _source_label(doc.document.source)
    if ta.article.source and _source_label(ta.article.source) != source:
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


def column_layout(options: RenderOptions, numbered: bool) -> list[tuple[str, int]]:
    """Column keys and widths (twips): "#" narrow, Arabic/English share the rest."""
    total = text_width_twips()
    number = int(NUMBER_COLUMN_MM * TWIPS_PER_MM) if numbered else 0
    arabic = int((total - number) * options.arabic_share)
    english = total - number - arabic
    pair = [("ar", arabic), ("en", english)] if options.arabic_left else [("en", english), ("ar", arabic)]
    return ([("num", number)] if numbered else []) + pair


def names_columns(options: RenderOptions) -> list[tuple[str, int]]:
    total = text_width_twips()
    count, status = int(16 * TWIPS_PER_MM), int(40 * TWIPS_PER_MM)
    arabic = (total - count - status) // 2
    english = total - count - status - arabic
    pair = [("ar", arabic), ("en", english)] if options.arabic_left else [("en", english), ("ar", arabic)]
    return pair + [("count", count), ("status", status)]


# --- building the whole document --------------------------------------------------------------


def build_document(doc: TranslatedDocument, articles: list[TranslatedArticle], options: RenderOptions) -> DocxDocument:
    """The python-docx Document for `articles` of `doc` (all of them, or one when split)."""
    options.validate()
    builder = _Builder(options)
    numbered = options.rows == "sentence"
    columns = column_layout(options, numbered)
    header = {"num": "#", "en": ENGLISH_LABEL, "ar": ARABIC_LABEL}
    number = 1
    for index, ta in enumerate(articles):
        builder.title_block(ta, doc, first=index == 0)
        rows = article_rows(ta, options, first_number=number)
        number += len(rows)
        table_rows = []
        for row, unplaced in rows:
            cells = {"en": row.english, "ar": row.arabic}
            if numbered:
                cells["num"] = CellContent(row.number or "", False, size_delta=-2, muted=True)
            table_rows.append((cells, unplaced))
        builder.table(columns, header, table_rows)
    if options.names_table:
        _names_section(builder, articles)
    builder.body_paragraph(CellContent("", False))
    builder.footer(_source_label(doc.document.source))
    _core_properties(builder.document, doc, articles, options)
    return builder.finish()


def _names_section(builder: _Builder, articles: list[TranslatedArticle]) -> None:
    o = builder.options
    summaries = summarize_names(articles)
    builder.body_paragraph(
        CellContent("Names", False, bold=True, size_delta=3),
        style=builder.heading_style,
        space_before=12,
        space_after=4,
    )
    if not summaries:
        builder.body_paragraph(CellContent("No glossary names in this document.", False, muted=True))
        return
    highlight = {"missing": o.missing_highlight, "repaired": o.repaired_highlight, "kept": None}
    rows: list[tuple[dict[str, CellContent], list[str]]] = []
    for summary in summaries:
        status = CellContent(summary.status_text, False)
        if highlight[summary.worst]:
            status.marks = [Mark(0, len(summary.status_text), False, highlight[summary.worst])]
        rows.append(
            (
                {
                    "ar": CellContent(summary.arabic, True, bold=True),
                    "en": CellContent(summary.english, False, bold=True),
                    "count": CellContent(str(summary.count), False),
                    "status": status,
                },
                [],
            )
        )
    header = {"ar": ARABIC_LABEL, "en": ENGLISH_LABEL, "count": "Count", "status": "Status"}
    builder.table(names_columns(o), header, rows)


def _core_properties(
    document: DocxDocument, doc: TranslatedDocument, articles: list[TranslatedArticle], options: RenderOptions
) -> None:
    """Title = English headline; subject, keywords (glossary names), both languages."""
    props = document.core_properties
    first = articles[0] if articles else None
    title = writable(title_pair(first)[1] if first else "")
    props.title = title[:255]
    source = _source_label(doc.document.source)
    props.subject = writable(f"Arabic–English side-by-side translation of {source}")[:255]
    names = list(dict.fromkeys(s.english for s in summarize_names(articles)))
    props.keywords = writable("; ".join(["Arabic", "English", "translation"] + names[:12]))[:255]
    props.language = f"{options.arabic_language}, {options.english_language}"
    props.author = "bilingual"
    props.last_modified_by = "bilingual"
    props.comments = writable(
        f"Written by bilingual {__version__}; model: {doc.info.model or 'unknown'}; "
        f"glossary: {', '.join(Path(g).name for g in doc.info.glossaries) or 'none'}"
    )[:255]
    props.category = "Translation review"
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1


# --- saving and the overwrite guard -------------------------------------------------------------


def _comments_element(document: DocxDocument) -> etree._Element | None:
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            return rel.target_part.element
    return None


def document_bytes(document: DocxDocument, source: str) -> bytes:
    """The .docx bytes, with the visible-content fingerprint stored in custom properties."""
    fingerprint = ooxml.content_fingerprint(document.element, _comments_element(document))
    ooxml.drop_thumbnail(document)
    ooxml.add_custom_properties(
        document,
        {
            FINGERPRINT_PROPERTY: fingerprint,
            VERSION_PROPERTY: __version__,
            SOURCE_PROPERTY: writable(source)[:255],
        },
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def stored_and_current_fingerprint(path: Path) -> tuple[str | None, str | None]:
    """(fingerprint bilingual stored, fingerprint of the file's content now); None if unreadable."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = ooxml.read_package_parts(archive)
        stored = ooxml.parse_custom_properties(parts["custom"]).get(FINGERPRINT_PROPERTY)
        if parts["document"] is None:
            return stored, None
        return stored, ooxml.content_fingerprint(parts["document"], parts["comments"])
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError):
        return None, None


def check_overwrite(path: Path, force: bool) -> None:
    """Refuse to replace a file a person may have edited: a reviewer's edits are never lost.

    Passes when `path` does not exist, when `force` is set, or when the file's visible
    content (body text, marks, comments) still matches the fingerprint bilingual stored when
    it wrote it. Re-saving in Word or LibreOffice without edits keeps that content.
    """
    path = Path(path)
    if force or not path.exists():
        return
    if path.is_dir():
        raise BilingualError(f"{path}: is a directory, not a file to write")
    stored, current = stored_and_current_fingerprint(path)
    if stored is None:
        raise BilingualError(f"{path}: exists and was not written by bilingual; not overwriting it (use --force)")
    if stored != current:
        raise BilingualError(
            f"{path}: edited since bilingual wrote it; not overwriting the edits (use --force "
            f"to replace it, or choose another output)"
        )


def _write(path: Path, data: bytes) -> Path:
    try:
        return atomic_write_bytes(path, data)
    except PermissionError:
        raise BilingualError(f"{path}: cannot replace it (is it open in Word?)") from None


def render_docx(doc: TranslatedDocument, path: Path, options: RenderOptions = RenderOptions()) -> Path:
    """Write the side-by-side document for all articles of `doc` to `path` (atomically)."""
    path = Path(path)
    options.validate()
    check_overwrite(path, options.force)
    document = build_document(doc, doc.articles, options)
    return _write(path, document_bytes(document, doc.document.source))


def split_article_paths(doc: TranslatedDocument | Document, folder_or_stem_path: Path) -> list[Path]:
    """Output names for `--split-articles`: `<stem>-01.docx`, `<stem>-02.docx`, ...

    A folder gets files named after the input; a file path gives its stem and folder.
    Accepts the read `Document` too, so outputs can be checked before translating.
    """
    source = doc.document.source if isinstance(doc, TranslatedDocument) else doc.source
    target = Path(folder_or_stem_path)
    if target.is_dir():
        stem = Path(source).stem if source not in ("", "-") else "stdin"
        folder, suffix = target, ".docx"
    else:
        stem, folder, suffix = target.stem, target.parent, target.suffix or ".docx"
    digits = max(2, len(str(len(doc.articles))))
    return [folder / f"{stem}-{i:0{digits}d}{suffix}" for i in range(1, len(doc.articles) + 1)]


def render_articles_separately(
    doc: TranslatedDocument, folder_or_stem_path: Path, options: RenderOptions = RenderOptions()
) -> list[Path]:
    """One document per article (`--split-articles`). All outputs are checked before any is written."""
    options.validate()
    paths = split_article_paths(doc, folder_or_stem_path)
    for path in paths:
        check_overwrite(path, options.force)
    written = []
    for ta, path in zip(doc.articles, paths):
        document = build_document(doc, [ta], options)
        written.append(_write(path, document_bytes(document, doc.document.source)))
    return written
