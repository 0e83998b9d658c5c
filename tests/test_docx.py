"""The side-by-side Word document, read back from the .docx and checked on its XML.

The fixture is a hand-built `TranslatedDocument`: two articles (headline, caption,
paragraphs) with glossary names kept, repaired and missing, and Latin/digits inside the
Arabic. Where LibreOffice is installed, documents are also converted to PDF and checked.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bilingual.document import Article, Block, Document, NameHit, Sentence
from bilingual.errors import BilingualError
from bilingual.outputs.docx.builder import writable
from bilingual.outputs.docx.content import script_ranges
from bilingual.outputs.docx.ooxml import W_NS
from bilingual.outputs.docx.options import FINGERPRINT_PROPERTY, RenderOptions, text_width_twips
from bilingual.outputs.docx.package import parse_custom_properties, read_package_parts
from bilingual.outputs.docx.render import (
    build_document,
    check_overwrite,
    document_bytes,
    render_articles_separately,
    render_docx,
    split_article_paths,
)
from bilingual.translation.segments import (
    NameResult,
    RunInfo,
    Segment,
    TranslatedArticle,
    TranslatedBlock,
    TranslatedDocument,
)

NS = {"w": W_NS}
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")


# --- fixture ----------------------------------------------------------------------------------


def make_block(kind, pairs, names=()):
    """A translated block from (arabic, english) sentence pairs.

    `names`: (sentence index, Arabic surface, English, status, what the model wrote).
    """
    text = " ".join(arabic for arabic, _ in pairs)
    sentences, cursor = [], 0
    for arabic, _ in pairs:
        start = text.index(arabic, cursor)
        sentences.append(Sentence(start, start + len(arabic), arabic))
        cursor = start + len(arabic)
    segments = [Segment(source=arabic, target=english) for arabic, english in pairs]
    hits = []
    for index, surface, english, status, rendered in names:
        start = text.index(surface, sentences[index].start)
        hit = NameHit(start, start + len(surface), "", surface, surface, english, "person")
        at = segments[index].target.find(english)  # where enforcement would have placed it
        span = (at, at + len(english)) if status != "missing" and at >= 0 else None
        segments[index].names.append(NameResult(hit, status, rendered, span))
        hits.append(hit)
    return TranslatedBlock(Block(kind, text, sentences, hits), segments)


def sample_document(source="news/sample-01.txt") -> TranslatedDocument:
    first = [
        make_block(
            "headline",
            [
                (
                    "وزير الخارجية يلتقي نظيره الفرنسي في باريس لبحث أزمة المياه",
                    "Foreign minister meets French counterpart in Paris to discuss water crisis",
                )
            ],
            [(0, "باريس", "Paris", "kept", "")],
        ),
        make_block(
            "caption",
            [
                (
                    "صورة من اجتماع سابق في مقر الأمم المتحدة بنيويورك (AFP)",
                    "A photo from a previous meeting at the UN headquarters in New York (AFP)",
                )
            ],
        ),
        make_block(
            "paragraph",
            [
                (
                    "التقى وزير الخارجية أحمد السالم اليوم الثلاثاء نظيره الفرنسي جان دوبوا في باريس.",
                    "Foreign Minister Ahmed al-Salem met his French counterpart Jean Dubois in Paris on Tuesday.",
                ),
                (
                    "وقال السالم إن المحادثات تناولت خطة تمتد حتى عام 2030 بكلفة 4.5 مليار دولار.",
                    "Alsalem said the talks covered a plan running until 2030 at a cost of $4.5 billion.",
                ),
            ],
            [
                (0, "أحمد السالم", "Ahmed al-Salem", "repaired", "Ahmad Al Salim"),
                (0, "جان دوبوا", "Jean Dubois", "kept", ""),
                (0, "باريس", "Paris", "kept", ""),
                (1, "السالم", "al-Salem", "missing", "Alsalem"),
            ],
        ),
        make_block(
            "paragraph",
            [
                (
                    "وأشار البيان إلى أن منظمة UNICEF ستشارك في المشروع بنسبة 25% من التمويل الممتد بين 2024-2026.",
                    "The statement said UNICEF would take part in the project with 25% of the funding over 2024-2026.",
                )
            ],
        ),
    ]
    second = [
        make_block(
            "headline",
            [("أمطار غزيرة تغمر شوارع الإسكندرية", "Heavy rain floods the streets of Alexandria")],
            [(0, "الإسكندرية", "Alexandria", "kept", "")],
        ),
        make_block(
            "paragraph",
            [
                (
                    "قالت هيئة الأرصاد إن منسوب المياه ارتفع إلى 40 سنتيمترا في بعض الأحياء.",
                    "The weather authority said the water level rose to 40 centimetres in some neighbourhoods.",
                ),
                ("ودعت محافظة الإسكندرية السكان إلى توخي الحذر.", "The governorate urged residents to be careful."),
            ],
            [(1, "الإسكندرية", "Alexandria", "missing", "")],
        ),
    ]
    doc = Document(source, [Article([b.block for b in first]), Article([b.block for b in second])])
    return TranslatedDocument(
        doc,
        [TranslatedArticle(doc.articles[0], first), TranslatedArticle(doc.articles[1], second)],
        RunInfo(model="argos ar→en 1.0", glossaries=["glossaries/names.tsv"], date="2025-03-04"),
    )


# --- reading back -----------------------------------------------------------------------------


def xml_of(path: Path, part: str = "document") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(read_package_parts(archive)[part])


def body_tables(root):
    return root.xpath("/w:document/w:body/w:tbl", namespaces=NS)


def rows_of(tbl):
    return tbl.xpath("./w:tr", namespaces=NS)


def cell_texts(tr):
    return ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in tr.xpath("./w:tc", namespaces=NS)]


def run_text(r):
    return "".join(r.xpath("./w:t/text()", namespaces=NS))


def has(el, path):
    return bool(el.xpath(path, namespaces=NS))


@pytest.fixture
def sample_docx(tmp_path) -> Path:
    return render_docx(sample_document(), tmp_path / "sample.docx")


# --- Arabic cells ------------------------------------------------------------------------------


def test_every_arabic_paragraph_is_rtl_with_complex_script_properties(sample_docx):
    root = xml_of(sample_docx)
    arabic_paragraphs = [
        p for p in root.iter(f"{{{W_NS}}}p") if ARABIC.search("".join(p.xpath(".//w:t/text()", namespaces=NS)))
    ]
    assert len(arabic_paragraphs) == 2 + 6 + 3 + 5  # title headlines, cells, headers, names
    for p in arabic_paragraphs:
        assert has(p, "./w:pPr/w:bidi"), etree.tostring(p, encoding=str)[:300]
        assert p.xpath("string(./w:pPr/w:jc/@w:val)", namespaces=NS) == "left"
        for r in p.xpath("./w:r[w:t]", namespaces=NS):
            text = run_text(r)
            assert r.xpath("string(./w:rPr/w:rFonts/@w:cs)", namespaces=NS) == "Arial"
            assert r.xpath("string(./w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Arial"
            assert has(r, "./w:rPr/w:szCs/@w:val")
            assert r.xpath("string(./w:rPr/w:lang/@w:bidi)", namespaces=NS) == "ar-SA"
            if ARABIC.search(text):
                assert has(r, "./w:rPr/w:rtl"), text
            if LATIN.search(text) or re.search("[0-9]", text):
                assert not has(r, "./w:rPr/w:rtl"), text  # Annex I: no rtl on strong LTR runs


def test_rpr_children_are_in_schema_order(sample_docx):
    from bilingual.outputs.docx.ooxml import PPR_ORDER, RPR_ORDER

    root = xml_of(sample_docx)
    for props, order in ((root.iter(f"{{{W_NS}}}rPr"), RPR_ORDER), (root.iter(f"{{{W_NS}}}pPr"), PPR_ORDER)):
        for pr in props:
            names = [etree.QName(c).localname for c in pr]
            assert names == sorted(names, key=order.index), names


def test_latin_and_digits_inside_arabic_are_separate_ltr_runs(sample_docx):
    root = xml_of(sample_docx)
    ltr = [run_text(r) for r in root.xpath("//w:p[w:pPr/w:bidi]/w:r[w:t][not(w:rPr/w:rtl)]", namespaces=NS)]
    for expected in ("UNICEF", "2030", "4.5", "25%", "2024-2026", "AFP"):
        assert expected in ltr, ltr


def test_script_ranges_keep_ltr_stretches_whole():
    def ltr_parts(text):
        return [text[a:b] for a, b, rtl in script_ranges(text) if not rtl]

    assert ltr_parts("زار New York أمس") == ["New York"]
    assert ltr_parts("بين 2014-2015 و10,000 دولار") == ["2014-2015", "10,000"]
    assert ltr_parts("بنسبة 50% فقط") == ["50%"]
    assert ltr_parts("مصدر (AFP) قال") == ["AFP"]
    assert script_ranges("نص عربي فقط") == [(0, 11, True)]
    assert script_ranges("") == []
    ranges = script_ranges("ك ABC ٣ x")
    assert ranges[0][0] == 0 and ranges[-1][1] == len("ك ABC ٣ x")
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


def test_block_kinds_bold_and_italic_for_both_scripts(sample_docx):
    root = xml_of(sample_docx)
    first_table = body_tables(root)[0]
    headline, caption, paragraph = rows_of(first_table)[1:4]
    for r in headline.xpath(".//w:r[w:t]", namespaces=NS):
        assert has(r, "./w:rPr/w:b") and has(r, "./w:rPr/w:bCs")
    for r in caption.xpath(".//w:r[w:t]", namespaces=NS):
        assert has(r, "./w:rPr/w:i") and has(r, "./w:rPr/w:iCs")

    def size(tr):
        return max(int(v) for v in tr.xpath(".//w:rPr/w:szCs/@w:val", namespaces=NS))

    assert size(headline) > size(paragraph) > size(caption)
    plain = [r for r in paragraph.xpath(".//w:r[w:t]", namespaces=NS) if not has(r, "./w:rPr/w:b")]
    assert plain and all(not has(r, "./w:rPr/w:i") for r in plain)


# --- layout ------------------------------------------------------------------------------------


def test_title_block_per_article(sample_docx):
    document = docx.Document(sample_docx)
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    doc = sample_document()
    for ta in doc.articles:
        arabic = ta.article.headline
        index = [t for _, t in texts].index(arabic)
        assert texts[index + 1] == ("Heading 1", ta.headline_translation)
        assert texts[index + 2][1].startswith("Source: sample-01.txt · Date: 2025-03-04 · Model: argos")
        assert "Glossary: names.tsv" in texts[index + 2][1]
    second_title = next(p for p in document.paragraphs if p.text == doc.articles[1].article.headline)
    assert second_title.paragraph_format.page_break_before


def test_one_table_per_article_with_a_row_per_block_and_repeated_header(sample_docx):
    root = xml_of(sample_docx)
    tables = body_tables(root)
    doc = sample_document()
    assert len(tables) == len(doc.articles) + 1  # + the Names table
    for tbl, ta in zip(tables, doc.articles):
        rows = rows_of(tbl)
        assert len(rows) == 1 + len(ta.blocks)
        assert cell_texts(rows[0]) == ["English", "العربية"]
        assert has(rows[0], "./w:trPr/w:tblHeader") and has(rows[0], "./w:trPr/w:cantSplit")
        assert not any(has(tr, "./w:trPr/w:tblHeader") for tr in rows[1:])
        assert all(has(tr, "./w:trPr/w:cantSplit") for tr in rows[1:])  # all short here
        for tr, tb in zip(rows[1:], ta.blocks):
            assert cell_texts(tr) == [tb.translation, tb.block.text]


def test_table_columns_are_fixed_and_fill_the_text_width(sample_docx):
    tbl = body_tables(xml_of(sample_docx))[0]
    assert tbl.xpath("string(./w:tblPr/w:tblLayout/@w:type)", namespaces=NS) == "fixed"
    grid = [int(v) for v in tbl.xpath("./w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert sum(grid) == text_width_twips() and len(grid) == 2
    widths = [int(v) for v in rows_of(tbl)[1].xpath("./w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)]
    assert widths == grid


def test_arabic_left_swaps_the_columns(tmp_path):
    path = render_docx(sample_document(), tmp_path / "left.docx", RenderOptions(arabic_left=True))
    tbl = body_tables(xml_of(path))[0]
    assert cell_texts(rows_of(tbl)[0]) == ["العربية", "English"]
    assert cell_texts(rows_of(tbl)[1])[0] == sample_document().articles[0].blocks[0].block.text


def test_sentence_rows_are_numbered_across_articles(tmp_path):
    doc = sample_document()
    path = render_docx(doc, tmp_path / "s.docx", RenderOptions(rows="sentence"))
    tables = body_tables(xml_of(path))
    numbers, sources = [], []
    for tbl, ta in zip(tables, doc.articles):
        rows = rows_of(tbl)
        assert cell_texts(rows[0]) == ["#", "English", "العربية"]
        assert len(rows) - 1 == sum(len(tb.segments) for tb in ta.blocks)
        numbers += [int(cell_texts(tr)[0]) for tr in rows[1:]]
        sources += [cell_texts(tr)[2] for tr in rows[1:]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert sources == [s.source for ta in doc.articles for tb in ta.blocks for s in tb.segments]
    # The missing name of sentence 2 is found at its offset inside the sentence.
    row4 = rows_of(tables[0])[4]
    marked = [run_text(r) for r in row4.xpath("./w:tc[3]//w:r[w:rPr/w:highlight]", namespaces=NS)]
    assert marked == ["السالم"]


def test_long_rows_may_split_short_rows_may_not(tmp_path):
    doc = sample_document()
    long_text = " ".join(["كلمة طويلة جدا في فقرة لا تنتهي"] * 400)
    doc.articles[0].blocks.append(make_block("paragraph", [(long_text, "A very long paragraph. " * 300)]))
    tbl = body_tables(xml_of(render_docx(doc, tmp_path / "long.docx")))[0]
    rows = rows_of(tbl)
    assert not has(rows[-1], "./w:trPr/w:cantSplit")
    assert has(rows[1], "./w:trPr/w:cantSplit")


def test_a4_page_footer_page_numbers_and_core_properties(sample_docx):
    document = docx.Document(sample_docx)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    footer = section.footer._element
    instructions = [t.strip() for t in footer.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    props = document.core_properties
    assert props.title == "Foreign minister meets French counterpart in Paris to discuss water crisis"
    assert "sample-01.txt" in props.subject
    assert "Jean Dubois" in props.keywords and "Arabic" in props.keywords
    assert props.language == "ar-SA, en-US"
    with zipfile.ZipFile(sample_docx) as archive:
        assert not any("thumbnail" in name for name in archive.namelist())


# --- names -----------------------------------------------------------------------------------


def test_names_marked_in_both_columns(sample_docx):
    tbl = body_tables(xml_of(sample_docx))[0]
    row = rows_of(tbl)[3]  # paragraph with kept, repaired and missing names
    english, arabic = row.xpath("./w:tc", namespaces=NS)

    def marked(cell):
        return {
            run_text(r): r.xpath("string(./w:rPr/w:highlight/@w:val)", namespaces=NS)
            for r in cell.xpath(".//w:r[w:rPr/w:b]", namespaces=NS)
        }

    assert marked(english) == {"Ahmed al-Salem": "cyan", "Jean Dubois": "", "Paris": ""}
    assert marked(arabic) == {"أحمد السالم": "cyan", "جان دوبوا": "", "باريس": "", "السالم": "yellow"}
    # "Alsalem" (the model's spelling of the missing name) is not marked as a glossary name.
    assert "Alsalem" not in marked(english)


def test_english_marks_are_exactly_the_spans_enforcement_placed(tmp_path):
    """One Arabic name, one English mark: the span enforcement chose, not every look-alike
    word (the DOCX and the JSON read the same offsets)."""
    block = make_block(
        "paragraph", [("زار عمان وعمانيون", "Oman, Omani and oman visited Oman.")], [(0, "عمان", "Oman", "kept", "")]
    )
    doc = sample_document()
    doc.articles[0].blocks.append(block)
    tbl = body_tables(xml_of(render_docx(doc, tmp_path / "b.docx")))[0]
    english = rows_of(tbl)[-1].xpath("./w:tc[1]", namespaces=NS)[0]
    bold = [run_text(r) for r in english.xpath(".//w:r[w:rPr/w:b]", namespaces=NS)]
    assert bold == ["Oman"]
    assert block.segments[0].names[0].span == (0, 4)


def test_missing_names_get_a_comment_on_their_row(sample_docx):
    comments = xml_of(sample_docx, "comments").xpath("//w:comment", namespaces=NS)
    texts = ["".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in comments]
    assert len(texts) == 2
    assert "السالم" in texts[0] and "al-Salem" in texts[0] and "Alsalem" in texts[0]
    assert "الإسكندرية" in texts[1] and "Alexandria" in texts[1] and "not found" in texts[1]
    root = xml_of(sample_docx)
    for comment, surface in zip(comments, ["السالم", "الإسكندرية"]):
        cid = comment.get(f"{{{W_NS}}}id")
        start = root.xpath(f"//w:commentRangeStart[@w:id='{cid}']", namespaces=NS)[0]
        anchored = start.getnext()
        assert run_text(anchored) == surface
        assert anchored.xpath("string(./w:rPr/w:highlight/@w:val)", namespaces=NS) == "yellow"
        assert start.xpath("ancestor::w:tr", namespaces=NS)  # on the row, in the table
        assert root.xpath(f"//w:commentReference[@w:id='{cid}']", namespaces=NS)
    assert len(docx.Document(sample_docx).comments) == 2  # python-docx reads them back


def test_names_table_counts_and_statuses(sample_docx):
    names = body_tables(xml_of(sample_docx))[-1]
    rows = [cell_texts(tr) for tr in rows_of(names)]
    assert rows[0] == ["English", "العربية", "Count", "Status"]
    by_english = {r[0]: r for r in rows[1:]}
    assert set(by_english) == {"al-Salem", "Alexandria", "Ahmed al-Salem", "Paris", "Jean Dubois"}
    assert by_english["Alexandria"][1:] == ["الإسكندرية", "2", "1 missing · 1 kept"]
    assert by_english["Paris"][2:] == ["2", "kept"]
    assert by_english["Ahmed al-Salem"][3] == "repaired"
    assert [r[3] for r in rows[1:]][:2] == ["missing", "1 missing · 1 kept"]  # worst first
    assert has(rows_of(names)[0], "./w:trPr/w:tblHeader")


def test_document_without_names_says_so(tmp_path):
    block = make_block("headline", [("عنوان بلا أسماء", "A headline without names")])
    doc = Document("plain.txt", [Article([block.block])])
    tdoc = TranslatedDocument(doc, [TranslatedArticle(doc.articles[0], [block])])
    document = docx.Document(render_docx(tdoc, tmp_path / "plain.docx"))
    assert "No glossary names in this document." in [p.text for p in document.paragraphs]
    assert len(document.tables) == 1


# --- robustness --------------------------------------------------------------------------------

_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\ufffe\uffff\r\n\t\u2028\u202e\u200f")),
        st.sampled_from(list("أبتثجحخدذرزسشصضطظعغفقكلمنهوي ")),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabic=_ANY_TEXT, english=_ANY_TEXT, data=st.data())
def test_any_unicode_renders_and_reads_back(arabic, english, data):
    start = data.draw(st.integers(0, len(arabic) - 1))
    end = data.draw(st.integers(start + 1, len(arabic)))
    hit = NameHit(start, end, "", arabic[start:end], arabic[start:end], english[:5] or "x", "person")
    status = data.draw(st.sampled_from(["kept", "repaired", "missing"]))
    span = (0, min(3, len(english))) if status != "missing" and english else None
    segment = Segment(arabic, english, names=[NameResult(hit, status, english[:3], span)])
    block = TranslatedBlock(Block("paragraph", arabic, [Sentence(0, len(arabic), arabic)], [hit]), [segment])
    doc = Document("x.txt", [Article([block.block])])
    tdoc = TranslatedDocument(doc, [TranslatedArticle(doc.articles[0], [block])])
    options = RenderOptions(rows=data.draw(st.sampled_from(["block", "sentence"])))
    data_bytes = document_bytes(build_document(tdoc, tdoc.articles, options), "x.txt")
    table = docx.Document(io.BytesIO(data_bytes)).tables[0]
    cells = table.rows[1].cells
    assert cells[-1].text == writable(arabic)
    assert cells[-2].text == writable(english)


def test_writable_strips_controls_and_normalises_breaks():
    assert writable("a\x00b\x1bc\x7fd\r\ne\u2028f") == "abcd\ne\nf"


def test_bad_options_are_user_errors():
    with pytest.raises(BilingualError, match="rows"):
        RenderOptions(rows="paragraph").validate()
    with pytest.raises(BilingualError, match="highlight"):
        RenderOptions(missing_highlight="orange").validate()


# --- writing and the overwrite guard -----------------------------------------------------------


def test_written_atomically_with_a_stored_fingerprint(sample_docx):
    assert not [p.name for p in sample_docx.parent.iterdir() if p.name.endswith(".tmp")]
    with zipfile.ZipFile(sample_docx) as archive:
        props = parse_custom_properties(read_package_parts(archive)["custom"])
    assert re.fullmatch("[0-9a-f]{64}", props[FINGERPRINT_PROPERTY])


def test_unchanged_output_is_overwritten(sample_docx):
    render_docx(sample_document(), sample_docx, RenderOptions(rows="sentence"))
    assert len(body_tables(xml_of(sample_docx))[0].xpath("./w:tr", namespaces=NS)) == 1 + 5


def test_resaved_without_edits_is_still_overwritten(sample_docx):
    docx.Document(sample_docx).save(sample_docx)  # a re-save that changes nothing visible
    check_overwrite(sample_docx, force=False)


def _edit_english_cell(path: Path) -> None:
    document = docx.Document(path)
    cell = document.tables[0].rows[3].cells[0]
    cell.paragraphs[0].runs[0].text = "Foreign Minister (reviewed) "
    document.save(path)


def test_reviewer_text_edit_is_never_overwritten(sample_docx):
    _edit_english_cell(sample_docx)
    before = sample_docx.read_bytes()
    with pytest.raises(BilingualError, match="edited since bilingual wrote it.*--force"):
        render_docx(sample_document(), sample_docx)
    assert sample_docx.read_bytes() == before
    render_docx(sample_document(), sample_docx, RenderOptions(force=True))
    assert "(reviewed)" not in docx.Document(sample_docx).tables[0].rows[3].cells[0].text


@pytest.mark.parametrize("edit", ["bold", "comment", "delete_row"])
def test_reviewer_marks_and_comments_count_as_edits(sample_docx, edit):
    document = docx.Document(sample_docx)
    run = document.tables[0].rows[4].cells[0].paragraphs[0].runs[0]
    if edit == "bold":
        run.bold = True
    elif edit == "comment":
        document.add_comment(run, text="Check this figure", author="Reviewer")
    else:
        tr = document.tables[0].rows[2]._tr
        tr.getparent().remove(tr)
    document.save(sample_docx)
    with pytest.raises(BilingualError, match="edited"):
        check_overwrite(sample_docx, force=False)


def test_files_bilingual_did_not_write_are_refused(tmp_path):
    foreign = tmp_path / "report.docx"
    docx.Document().save(foreign)
    notes = tmp_path / "notes.docx"
    notes.write_text("not a zip")
    for path in (foreign, notes):
        with pytest.raises(BilingualError, match="not written by bilingual"):
            render_docx(sample_document(), path)
    assert notes.read_text() == "not a zip"
    render_docx(sample_document(), notes, RenderOptions(force=True))
    assert len(docx.Document(notes).tables) == 3


def test_split_articles_one_file_each(tmp_path):
    doc = sample_document()
    paths = render_articles_separately(doc, tmp_path, RenderOptions())
    assert [p.name for p in paths] == ["sample-01-01.docx", "sample-01-02.docx"]
    for path, ta in zip(paths, doc.articles):
        document = docx.Document(path)
        assert document.core_properties.title == ta.headline_translation
        assert len(document.tables) == 2  # the article + its Names table
        assert len(document.tables[0].rows) == 1 + len(ta.blocks)
    assert split_article_paths(doc, tmp_path / "out" / "review.docx")[1] == tmp_path / "out" / "review-02.docx"
    assert split_article_paths(doc.document, tmp_path) == paths  # before translating, from the read Document


def test_split_articles_checks_every_output_before_writing_any(tmp_path):
    paths = render_articles_separately(sample_document(), tmp_path, RenderOptions())
    document = docx.Document(paths[1])
    document.tables[0].rows[1].cells[0].paragraphs[0].runs[0].text = "Edited headline"
    document.save(paths[1])
    first_before = paths[0].read_bytes()
    with pytest.raises(BilingualError, match="sample-01-02.docx: edited"):
        render_articles_separately(sample_document(), tmp_path, RenderOptions(rows="sentence"))
    assert paths[0].read_bytes() == first_before


# --- LibreOffice -------------------------------------------------------------------------------

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) not installed; "
    "CI installs Debian libreoffice-writer-nogui and poppler-utils",
)


def soffice_convert(source: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    """Convert with a private profile so parallel LibreOffice runs do not collide."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = outdir / f"{source.stem}.{fmt.split(':')[0]}"
    assert converted.exists(), f"LibreOffice did not write {converted}"
    return converted


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    source = render_docx(sample_document(), folder / "sample.docx")
    pdf = soffice_convert(source, "pdf", folder / "pdf", folder / "profile")
    return source, pdf


def _arabic_words(text: str) -> set[str]:
    """Arabic words in pdftotext output, folded back from presentation forms in both orders."""
    words = set()
    for word in unicodedata.normalize("NFKC", text).split():
        word = "".join(ch for ch in word if ARABIC.match(ch))
        if word:
            words.update({word, word[::-1]})
    return words


@needs_libreoffice
def test_libreoffice_renders_both_scripts_and_the_names_table(libreoffice_pdf):
    _, pdf = libreoffice_pdf
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Foreign Minister Ahmed al-Salem met his French counterpart" in " ".join(text.split())
    assert "Heavy rain floods the streets of Alexandria" in text
    assert "Names" in text and "Status" in text
    words = _arabic_words(text)
    # (words without the lam-alef ligature, which poppler maps back out of order)
    for arabic in ("الخارجية", "المحادثات", "العربية", "أمطار", "غزيرة", "دوبوا"):
        assert arabic in words, arabic


@needs_libreoffice
def test_libreoffice_aligns_arabic_to_the_right_edge_of_its_column(libreoffice_pdf):
    _, pdf = libreoffice_pdf
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = etree.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    page_width = float(root.xpath("string(//h:page/@width)", namespaces=ns))
    middle = page_width / 2
    arabic_lines, english_lines = [], []
    for line in root.xpath("//h:line", namespaces=ns):
        text = " ".join(line.xpath(".//h:word/text()", namespaces=ns))
        box = (float(line.get("xMin")), float(line.get("xMax")))
        if ARABIC.search(text) and box[0] > middle:
            arabic_lines.append(box)
        elif LATIN.search(text) and box[1] < middle and not ARABIC.search(text):
            english_lines.append(box)
    assert len(arabic_lines) >= 8 and len(english_lines) >= 8
    right_edges = [x_max for _, x_max in arabic_lines]
    right_margin = page_width - 18 / 25.4 * 72
    # Every Arabic line ends flush at the right of its cell (or of the text area), ragged left.
    assert all(right_margin - 12 <= x <= right_margin + 1 for x in right_edges), right_edges
    assert max(x for x, _ in arabic_lines) - min(x for x, _ in arabic_lines) > 40
    table_english = [x for x, _ in english_lines if x < middle]
    assert min(table_english) < 18 / 25.4 * 72 + 12  # English starts at the left edge


@needs_libreoffice
def test_libreoffice_resave_without_edits_keeps_the_file_overwritable(libreoffice_pdf, tmp_path):
    source, _ = libreoffice_pdf
    resaved = soffice_convert(source, "docx:MS Word 2007 XML", tmp_path / "out", tmp_path / "profile")
    check_overwrite(resaved, force=False)
    assert len(docx.Document(resaved).tables) == 3


def test_article_without_headline_titles_with_its_first_sentence(tmp_path):
    block = make_block(
        "paragraph",
        [
            ("الجملة الأولى من الخبر.", "The first sentence of the story."),
            ("ثم جملة ثانية طويلة.", "Then a long second sentence."),
        ],
    )
    doc = Document("noheadline.txt", [Article([block.block])])
    tdoc = TranslatedDocument(doc, [TranslatedArticle(doc.articles[0], [block])])
    document = docx.Document(render_docx(tdoc, tmp_path / "t.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "The first sentence of the story."
    assert document.core_properties.title == "The first sentence of the story."


def test_empty_document_renders_without_articles(tmp_path):
    tdoc = TranslatedDocument(Document("empty.txt", []), [])
    document = docx.Document(render_docx(tdoc, tmp_path / "empty.docx"))
    assert "No glossary names in this document." in [p.text for p in document.paragraphs]
    assert render_articles_separately(tdoc, tmp_path, RenderOptions()) == []
