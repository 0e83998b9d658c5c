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
import zipfile
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from bilingual import __version__
from bilingual.document import Document
from bilingual.errors import BilingualError
from bilingual.files import atomic_write_bytes
from bilingual.outputs.docx import package, rowids
from bilingual.outputs.docx.builder import (
    DocumentBuilder,
    source_label,
    title_pair,
    writable,
)
from bilingual.outputs.docx.content import (
    UNKNOWN_UNDERLINE,
    CellContent,
    Mark,
    article_rows,
    summarize_names,
)
from bilingual.outputs.docx.options import (
    ARABIC_LABEL,
    ENGLISH_LABEL,
    FINGERPRINT_PROPERTY,
    REVIEWED_LABEL,
    SOURCE_PROPERTY,
    STATUS_LABEL,
    VERSION_PROPERTY,
    RenderOptions,
    column_layout,
    names_columns,
)
from bilingual.outputs.docx.rowids import NameRecord, RowMap, RowRecord
from bilingual.translation.segments import (
    ORIGIN_RANK,
    Segment,
    Suggestion,
    TranslatedArticle,
    TranslatedDocument,
)

# --- building the whole document --------------------------------------------------------------


def build_document(doc: TranslatedDocument, articles: list[TranslatedArticle], options: RenderOptions) -> DocxDocument:
    """The python-docx Document for `articles` of `doc` (all of them, or one when split)."""
    options.validate()
    builder = DocumentBuilder(options)
    numbered = options.rows == "sentence"
    status = any(s.origin == "reviewed" for ta in articles for tb in ta.blocks for s in tb.segments)
    columns = column_layout(options, numbered, status)
    header = {"num": "#", "en": ENGLISH_LABEL, "ar": ARABIC_LABEL, "state": STATUS_LABEL}
    row_map = RowMap(
        rowids.new_document_id(),
        source=writable(source_label(doc.document.source)),
        model=writable(doc.info.model),
        layout=options.rows,
        columns=[key for key, _ in columns],
    )
    number = 1
    for index, ta in enumerate(articles):
        builder.title_block(ta, doc, first=index == 0)
        rows = article_rows(ta, options, first_number=number)
        number += len(rows)
        table_rows, bookmarks, comments = [], [], []
        for (row, unplaced), segments in zip(rows, row_segments(ta, options)):
            cells = {"en": row.english, "ar": row.arabic}
            if numbered:
                cells["num"] = CellContent(row.number or "", False, size_delta=-2, muted=True)
            record = row_record(len(row_map.rows) + 1, row.kind, row.arabic.text, row.english.text, segments)
            if status:
                reviewed = record.origin == "reviewed"
                cells["state"] = CellContent(REVIEWED_LABEL if reviewed else "", False, size_delta=-2, muted=True)
            row_map.rows.append(record)
            table_rows.append((cells, unplaced))
            bookmarks.append(rowids.bookmark_name(row_map.document_id, record.number))
            comments.append([near_match_comment(s.suggestion) for s in segments if s.suggestion is not None])
        builder.table(columns, header, table_rows, bookmarks, comments)
    if options.names_table:
        _names_section(builder, articles)
    builder.body_paragraph(CellContent("", False))
    builder.footer(source_label(doc.document.source))
    _core_properties(builder.document, doc, articles, options)
    rowids.attach_row_map(builder.document, row_map)
    return builder.finish()


def row_segments(ta: TranslatedArticle, options: RenderOptions) -> list[list[Segment]]:
    """The segments behind each table row, parallel to `article_rows`."""
    if options.rows == "block":
        return [tb.segments for tb in ta.blocks]
    return [[segment] for tb in ta.blocks for segment in tb.segments]


def row_record(number: int, kind: str, arabic: str, english: str, segments: list[Segment]) -> RowRecord:
    """What the row map keeps about one row (see `rowids`)."""
    names = [
        NameRecord(*(writable(v) for v in (r.hit.surface, r.hit.arabic, r.hit.english, r.status, r.rendered)))
        for s in segments
        for r in s.names
    ]
    origin = min((s.origin for s in segments), key=ORIGIN_RANK.__getitem__, default="mt")
    return RowRecord(
        number,
        kind,
        writable(arabic),
        writable(english),
        [(writable(s.source), writable(s.target)) for s in segments],
        names,
        origin,
    )


def near_match_comment(suggestion: Suggestion) -> str:
    """The reviewer's note for a near match: the earlier reviewed sentence and its English."""
    return (
        f"Similar reviewed sentence ({suggestion.score:.0f}% alike): «{suggestion.source}» "
        f"was reviewed as “{suggestion.target}”."
    )


def _names_section(builder: DocumentBuilder, articles: list[TranslatedArticle]) -> None:
    o = builder.options
    summaries = summarize_names(articles)
    builder.body_paragraph(
        CellContent("Names", False, bold=True, size_delta=3),
        style=builder.heading_style,
        space_before=12,
        space_after=4,
    )
    unknown = summarize_unknown(articles)
    if not summaries and not unknown:
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
    for arabic, (guess, source, count) in unknown.items():
        rows.append(
            (
                {
                    "ar": CellContent(arabic, True, marks=[Mark(0, len(arabic), False, underline=UNKNOWN_UNDERLINE)]),
                    "en": CellContent(guess, False, italic=True),
                    "count": CellContent(str(count), False),
                    "status": CellContent(f"not in glossary; guess from {source}", False),
                },
                [],
            )
        )
    header = {"ar": ARABIC_LABEL, "en": ENGLISH_LABEL, "count": "Count", "status": "Status"}
    builder.table(names_columns(o), header, rows)


def summarize_unknown(articles: list[TranslatedArticle]) -> dict[str, tuple[str, str, int]]:
    """Names the glossary lacks, after the glossary's in the Names table: Arabic → (guess,
    where it came from, mentions), in order of first mention; the model's own words are
    preferred to a transliteration when some mention has them."""
    found: dict[str, tuple[str, str, int]] = {}
    for ta in articles:
        for tb in ta.blocks:
            for result in tb.unknown:
                guess, source, count = found.get(result.arabic, (result.guess, result.guess_source, 0))
                if source != "alignment" and result.guess_source == "alignment":
                    guess, source = result.guess, result.guess_source
                found[result.arabic] = (guess, source, count + 1)
    return found


def _core_properties(
    document: DocxDocument, doc: TranslatedDocument, articles: list[TranslatedArticle], options: RenderOptions
) -> None:
    """Title = English headline; subject, keywords (glossary names), both languages."""
    props = document.core_properties
    first = articles[0] if articles else None
    title = writable(title_pair(first)[1] if first else "")
    props.title = title[:255]
    source = source_label(doc.document.source)
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
    fingerprint = package.content_fingerprint(document.element, _comments_element(document))
    package.drop_thumbnail(document)
    package.add_custom_properties(
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
            parts = package.read_package_parts(archive)
        stored = package.parse_custom_properties(parts["custom"]).get(FINGERPRINT_PROPERTY)
        if parts["document"] is None:
            return stored, None
        return stored, package.content_fingerprint(parts["document"], parts["comments"])
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
