"""What each cell of the side-by-side table holds: text, name marks, script runs, rows.

Pure functions over translated blocks; no XML here (see `builder`)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bilingual.names.variants import variant_note
from bilingual.outputs.docx.options import (
    RenderOptions,
)
from bilingual.translation.segments import (
    NameResult,
    TranslatedArticle,
    TranslatedBlock,
    UnknownResult,
)

# --- what a cell holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """Formatting over `text[start:end]` of one cell; `comment` asks for a Word comment there;
    `underline` is a Word underline style (w:u), "dotted" on names the glossary lacks."""

    start: int
    end: int
    bold: bool = True
    highlight: str | None = None
    comment: str | None = None
    underline: str | None = None


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
    underline: str | None = None


# Block kind -> (bold, italic, size change in points)
KIND_LOOK = {"headline": (True, False, 1.5), "caption": (False, True, -1.0), "paragraph": (False, False, 0.0)}


# --- names: where to mark them --------------------------------------------------------------


def english_name_marks(names: list[NameResult], options: RenderOptions, offset: int = 0) -> list[Mark]:
    """A mark on each kept/repaired name, where enforcement placed it in the English."""
    marks = []
    for result in names:
        if result.span is None or result.status == "missing":
            continue
        highlight = options.repaired_highlight if result.status == "repaired" else None
        marks.append(Mark(offset + result.span[0], offset + result.span[1], True, highlight))
    return marks


def missing_name_comment(result: NameResult, reviewed: bool = False) -> str:
    """The reviewer's note for a name the English lacks: the Arabic, the house spelling, the
    model's (or, for reviewed English, which is never rewritten, that the review lacks it)."""
    hit = result.hit
    arabic = hit.surface or hit.arabic
    glossary = f" (glossary: {hit.arabic})" if hit.arabic and hit.arabic != arabic else ""
    if reviewed:
        wrote = "The reviewed English from the memory does not have it."
    elif result.rendered.strip():
        wrote = f"The model wrote “{result.rendered}”."
    else:
        wrote = "The model's rendering of it was not found."
    return f"Name to check: «{arabic}»{glossary} should appear as “{hit.english}” in the English. {wrote}"


def arabic_name_marks(
    names: list[NameResult], options: RenderOptions, shift: int, length: int, reviewed: bool = False
) -> tuple[list[Mark], list[str]]:
    """Marks for names in an Arabic cell whose text starts at `shift` in the block text.

    Returns the marks and the comments that found no span (they anchor on the whole cell).
    """
    marks, unplaced = [], []
    for result in names:
        start, end = result.hit.start - shift, result.hit.end - shift
        placed = 0 <= start < end <= length
        highlight = {"repaired": options.repaired_highlight, "missing": options.missing_highlight}.get(result.status)
        comment = missing_name_comment(result, reviewed) if result.status == "missing" else variant_note(result.hit)
        if placed:
            marks.append(Mark(start, end, True, highlight, comment))
        elif comment:
            unplaced.append(comment)
    return marks, unplaced


UNKNOWN_UNDERLINE = "dotted"  # names the glossary lacks: not bold (nothing enforced them), dotted


def unknown_name_marks(unknown: list[UnknownResult], shift: int, length: int) -> tuple[list[Mark], list[str]]:
    """Dotted-underline marks with a comment on unknown names in an Arabic cell whose text
    starts at `shift` in the block text; comments whose name falls outside it come back apart
    (they anchor on the whole cell)."""
    marks, unplaced = [], []
    for result in unknown:
        start, end = result.name.start - shift, result.name.end - shift
        comment = result.reviewer_note
        if 0 <= start < end <= length:
            marks.append(Mark(start, end, False, None, comment, UNKNOWN_UNDERLINE))
        else:
            unplaced.append(comment)
    return marks, unplaced


def legend_content(options: RenderOptions, glossary: bool, unknown: bool) -> CellContent:
    """The muted line under an article's title that says what the marks mean (only the marks
    the article has: glossary names, names not in the glossary)."""
    parts: list[tuple[str, Mark | None]] = []
    if glossary:
        parts += [
            ("Glossary names in ", None),
            ("bold", Mark(0, 0)),
            ("; ", None),
            ("repaired", Mark(0, 0, True, options.repaired_highlight)),
            (": spelling repaired to the glossary; ", None),
            ("missing", Mark(0, 0, True, options.missing_highlight)),
            (": name not found in the English, see the comment.", None),
        ]
    if unknown:
        parts += [
            (" " if glossary else "", None),
            ("Dotted", Mark(0, 0, False, underline=UNKNOWN_UNDERLINE)),
            (": a name not in the glossary, its English unchecked; the comment has a guess.", None),
        ]
    text, marks = "", []
    for chunk, mark in parts:
        if mark is not None:
            marks.append(replace(mark, start=len(text), end=len(text) + len(chunk)))
        text += chunk
    return CellContent(text, False, marks, size_delta=-2, muted=True)


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
                next((m.underline for m in covering if m.underline), None),
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
    en_marks: list[Mark] = []
    for segment, offset in zip(tb.segments, tb.segment_offsets()):
        en_marks += english_name_marks(segment.names, options, offset)
    names = [n for s in tb.segments for n in s.names]
    reviewed = all(s.origin == "reviewed" for s in tb.segments)
    ar_marks, unplaced = arabic_name_marks(names, options, 0, len(tb.block.text), reviewed)
    unknown_marks, unknown_unplaced = unknown_name_marks(tb.unknown, 0, len(tb.block.text))
    ar_marks, unplaced = ar_marks + unknown_marks, unplaced + unknown_unplaced
    english, arabic = _kind_cells(tb.block.kind, tb.translation, tb.block.text, en_marks, ar_marks)
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
        en_marks = english_name_marks(segment.names, options)
        if offset is None:
            reviewed = segment.origin == "reviewed"
            ar_marks, unplaced = (
                list[Mark](),
                [missing_name_comment(n, reviewed) for n in segment.names if n.status == "missing"]
                + [u.reviewer_note for u in segment.unknown],
            )
        else:
            ar_marks, unplaced = arabic_name_marks(
                segment.names, options, offset, len(segment.source), segment.origin == "reviewed"
            )
            unknown_marks, unknown_unplaced = unknown_name_marks(segment.unknown, offset, len(segment.source))
            ar_marks, unplaced = ar_marks + unknown_marks, unplaced + unknown_unplaced
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
