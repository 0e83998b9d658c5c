"""What a reviewer can choose about the side-by-side document, and the page it is laid out on."""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.errors import BilingualError

FINGERPRINT_PROPERTY = "BilingualContentSHA256"
VERSION_PROPERTY = "BilingualVersion"
SOURCE_PROPERTY = "BilingualSource"

ARABIC_LABEL = "العربية"
ENGLISH_LABEL = "English"
STATUS_LABEL = "Status"
REVIEWED_LABEL = "reviewed"
MUTED_RGB = "6B6B6B"
HEADER_FILL = "E7E6E6"
COMMENT_AUTHOR = "bilingual"
COMMENT_INITIALS = "BL"
# Word highlight colour names (w:highlight). Here, not in ooxml, so checking options (on
# every translate, JSON output included) does not import python-docx.
HIGHLIGHT_COLORS = frozenset(
    {
        "black",
        "blue",
        "cyan",
        "green",
        "magenta",
        "red",
        "yellow",
        "white",
        "darkBlue",
        "darkCyan",
        "darkGreen",
        "darkMagenta",
        "darkRed",
        "darkYellow",
        "darkGray",
        "lightGray",
    }
)


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
    repaired_highlight: str = "cyan"  # Word highlight colour names (HIGHLIGHT_COLORS)
    missing_highlight: str = "yellow"
    arabic_share: float = 0.5  # share of the text width given to the Arabic column
    names_table: bool = True
    force: bool = False  # overwrite even if a person edited the file since bilingual wrote it

    def validate(self) -> None:
        if self.rows not in ("block", "sentence"):
            raise BilingualError(f"--rows must be block or sentence (got {self.rows!r})")
        for name in ("repaired_highlight", "missing_highlight"):
            if getattr(self, name) not in HIGHLIGHT_COLORS:
                raise BilingualError(
                    f"{name} must be a Word highlight colour "
                    f"({', '.join(sorted(HIGHLIGHT_COLORS))}), not {getattr(self, name)!r}"
                )
        if not 0.2 <= self.arabic_share <= 0.8:
            raise BilingualError(f"arabic_share must be between 0.2 and 0.8, not {self.arabic_share}")
        if not (self.arabic_font.strip() and self.latin_font.strip()):
            raise BilingualError("font names must not be empty")


# --- page geometry (A4) -----------------------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_SIDE_MM, MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 18, 18, 20
NUMBER_COLUMN_MM = 10
STATUS_COLUMN_MM = 18
TWIPS_PER_MM = 1440 / 25.4


def text_width_twips() -> int:
    return int((PAGE_WIDTH_MM - 2 * MARGIN_SIDE_MM) * TWIPS_PER_MM)


def column_layout(options: RenderOptions, numbered: bool, status: bool = False) -> list[tuple[str, int]]:
    """Column keys and widths (twips): "#" narrow, Arabic/English share the rest, and a
    narrow "Status" column last when some rows come from the reviewed memory."""
    total = text_width_twips()
    number = int(NUMBER_COLUMN_MM * TWIPS_PER_MM) if numbered else 0
    state = int(STATUS_COLUMN_MM * TWIPS_PER_MM) if status else 0
    arabic = int((total - number - state) * options.arabic_share)
    english = total - number - state - arabic
    pair = [("ar", arabic), ("en", english)] if options.arabic_left else [("en", english), ("ar", arabic)]
    return ([("num", number)] if numbered else []) + pair + ([("state", state)] if status else [])


def names_columns(options: RenderOptions) -> list[tuple[str, int]]:
    total = text_width_twips()
    count, status = int(16 * TWIPS_PER_MM), int(40 * TWIPS_PER_MM)
    arabic = (total - count - status) // 2
    english = total - count - status - arabic
    pair = [("ar", arabic), ("en", english)] if options.arabic_left else [("en", english), ("ar", arabic)]
    return pair + [("count", count), ("status", status)]
