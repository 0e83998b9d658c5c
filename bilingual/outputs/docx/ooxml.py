"""Small WordprocessingML helpers for what python-docx 1.2 does not model.

python-docx has no paragraph `w:bidi`, writes only `w:ascii`/`w:hAnsi` fonts (never the
complex-script `w:cs` font Arabic is drawn with), has no `w:szCs` or `w:lang`, and no row
`w:tblHeader`/`w:cantSplit`, page-number fields or custom properties. Word rejects (or
silently repairs) property elements out of schema order, so every setter here inserts its
element at its schema position instead of appending.

The setters work on a *properties element* (`w:pPr`, `w:rPr`, `w:trPr`, `w:tcPr`,
`w:tblPr`); `properties_of()` finds or creates the one an element owns.
"""

from __future__ import annotations

from copy import deepcopy

from docx.oxml.parser import OxmlElement
from lxml import etree

from bilingual.outputs.docx.options import HIGHLIGHT_COLORS  # noqa: F401 (re-exported)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CT_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def w(tag: str) -> str:
    """Clark name of a `w:` element or attribute (`w("bidi")` -> `{...main}bidi`)."""
    return f"{{{W_NS}}}{tag}"


# --- schema order (ISO/IEC 29500-1 transitional sequences) ------------------------------

PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
)
TRPR_ORDER = (
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
    "ins",
    "del",
    "trPrChange",
)
TCPR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
)
TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
)
_ORDER_OF = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "trPr": TRPR_ORDER, "tcPr": TCPR_ORDER, "tblPr": TBLPR_ORDER}
_PROPERTIES_TAG = {"p": "pPr", "r": "rPr", "tr": "trPr", "tc": "tcPr", "tbl": "tblPr"}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def set_child(
    parent: etree._Element, tag: str, attrs: dict[str, str] | None = None, order: tuple[str, ...] | None = None
) -> etree._Element:
    """Find or create `w:<tag>` under `parent` at its schema position; set `w:` attributes.

    `order` defaults to the sequence of `parent` (pPr, rPr, trPr, tcPr, tblPr).
    """
    order = order or _ORDER_OF[_local(parent)]
    child = parent.find(w(tag))
    if child is None:
        child = OxmlElement(f"w:{tag}")
        later = set(order[order.index(tag) + 1 :])
        for sibling in parent:
            if isinstance(sibling.tag, str) and sibling.tag.startswith(f"{{{W_NS}}}") and _local(sibling) in later:
                sibling.addprevious(child)
                break
        else:
            parent.append(child)
    for name, value in (attrs or {}).items():
        child.set(w(name), value)
    return child


def remove_child(parent: etree._Element, tag: str) -> None:
    for child in parent.findall(w(tag)):
        parent.remove(child)


def properties_of(element: etree._Element) -> etree._Element:
    """The `w:pPr`/`w:rPr`/`w:trPr`/`w:tcPr`/`w:tblPr` of a p/r/tr/tc/tbl, created first-child."""
    tag = _PROPERTIES_TAG[_local(element)]
    found = element.find(w(tag))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        element.insert(0, found)
    return found


def half_points(points: float) -> str:
    """`w:sz` units: half-points, as an integer string."""
    return str(round(points * 2))


# --- paragraph properties -----------------------------------------------------------------


def set_bidi(ppr: etree._Element) -> None:
    """Right-to-left paragraph: base direction, mirrored indents, paragraph mark on the right."""
    set_child(ppr, "bidi")


def set_jc(ppr: etree._Element, value: str) -> None:
    """Alignment. In a `w:bidi` paragraph "left" means the *leading* (right) edge.

    Word and LibreOffice (checked on 7.4 by rendering) both read it that way.
    """
    set_child(ppr, "jc", {"val": value})


def set_spacing(ppr: etree._Element, before_pt: float = 0, after_pt: float = 0) -> None:
    set_child(ppr, "spacing", {"before": str(int(before_pt * 20)), "after": str(int(after_pt * 20))})


def set_keep_next(ppr: etree._Element) -> None:
    set_child(ppr, "keepNext")


# --- run properties -----------------------------------------------------------------------


def set_fonts(rpr: etree._Element, latin: str, complex_script: str) -> None:
    """Latin slots (ascii, hAnsi) and the complex-script slot (cs) Arabic is drawn with."""
    set_child(rpr, "rFonts", {"ascii": latin, "hAnsi": latin, "cs": complex_script})


def set_size(rpr: etree._Element, latin_pt: float, complex_pt: float | None = None) -> None:
    """`w:sz` for Latin text and `w:szCs` for Arabic (Arabic ignores `w:sz`)."""
    set_child(rpr, "sz", {"val": half_points(latin_pt)})
    set_child(rpr, "szCs", {"val": half_points(latin_pt if complex_pt is None else complex_pt)})


def set_bold(rpr: etree._Element) -> None:
    """Bold for both scripts: `w:b` (Latin) and `w:bCs` (Arabic)."""
    set_child(rpr, "b")
    set_child(rpr, "bCs")


def set_italic(rpr: etree._Element) -> None:
    """Italic for both scripts: `w:i` (Latin) and `w:iCs` (Arabic)."""
    set_child(rpr, "i")
    set_child(rpr, "iCs")


def set_rtl(rpr: etree._Element) -> None:
    """Right-to-left run. Never on runs of strong LTR text (OOXML Annex I)."""
    set_child(rpr, "rtl")


def set_lang(rpr: etree._Element, latin: str, bidi: str) -> None:
    """Language of Latin text (`w:val`) and of complex-script text (`w:bidi`)."""
    set_child(rpr, "lang", {"val": latin, "bidi": bidi})


def set_highlight(rpr: etree._Element, color: str) -> None:
    set_child(rpr, "highlight", {"val": color})


def set_underline(rpr: etree._Element, style: str) -> None:
    """An underline of a ST_Underline style ("single", "dotted", ...)."""
    set_child(rpr, "u", {"val": style})


def set_color(rpr: etree._Element, hex_rgb: str) -> None:
    set_child(rpr, "color", {"val": hex_rgb})


# --- tables -------------------------------------------------------------------------------


def mark_header_row(trpr: etree._Element) -> None:
    """Repeat this row at the top of every page (only honoured on the table's first rows)."""
    set_child(trpr, "tblHeader")


def forbid_row_split(trpr: etree._Element) -> None:
    """Keep the row on one page (`w:cantSplit`)."""
    set_child(trpr, "cantSplit")


def set_cell_width(tcpr: etree._Element, twips: int) -> None:
    set_child(tcpr, "tcW", {"w": str(twips), "type": "dxa"})


def set_cell_shading(tcpr: etree._Element, fill_hex: str) -> None:
    set_child(tcpr, "shd", {"val": "clear", "color": "auto", "fill": fill_hex})


def new_table(
    column_twips: list[int], border_hex: str = "BFBFBF", cell_margin_twips: tuple[int, int] = (40, 100)
) -> etree._Element:
    """An empty `w:tbl` with fixed column widths, thin borders and roomy cell margins.

    Fixed layout plus a `w:tblGrid` is what makes Word and LibreOffice keep the widths
    instead of autofitting to the longest word.
    """
    tbl = OxmlElement("w:tbl")
    tblpr = properties_of(tbl)
    set_child(tblpr, "tblW", {"w": str(sum(column_twips)), "type": "dxa"})
    borders = set_child(tblpr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = etree.SubElement(borders, w(edge))
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", border_hex)):
            border.set(w(name), value)
    set_child(tblpr, "tblLayout", {"type": "fixed"})
    margins = set_child(tblpr, "tblCellMar")
    vertical, horizontal = cell_margin_twips
    for edge, size in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
        etree.SubElement(margins, w(edge), {w("w"): str(size), w("type"): "dxa"})
    set_child(
        tblpr,
        "tblLook",
        {
            "val": "0420",
            "firstRow": "1",
            "lastRow": "0",
            "firstColumn": "0",
            "lastColumn": "0",
            "noHBand": "1",
            "noVBand": "1",
        },
    )
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in column_twips:
        etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
    return tbl


def append_to_body(body: etree._Element, element: etree._Element) -> None:
    """Append a block (`w:p`, `w:tbl`) to the body, before the final `w:sectPr`."""
    sect_pr = body.find(w("sectPr"))
    if sect_pr is not None:
        sect_pr.addprevious(element)
    else:
        body.append(element)


# --- fields -------------------------------------------------------------------------------


def add_field(paragraph: etree._Element, instruction: str, placeholder: str, rpr: etree._Element | None = None) -> None:
    """Append a complex field (e.g. `PAGE`, `NUMPAGES`) with a cached result.

    Complex fields (`w:fldChar` begin/separate/end) are what Word writes and what
    LibreOffice imports as live page-number fields.
    """

    def run() -> etree._Element:
        r = etree.SubElement(paragraph, w("r"))
        if rpr is not None:
            r.append(deepcopy(rpr))
        return r

    etree.SubElement(run(), w("fldChar"), {w("fldCharType"): "begin"})
    instr = etree.SubElement(run(), w("instrText"))
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    etree.SubElement(run(), w("fldChar"), {w("fldCharType"): "separate"})
    etree.SubElement(run(), w("t")).text = placeholder
    etree.SubElement(run(), w("fldChar"), {w("fldCharType"): "end"})
