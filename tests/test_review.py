"""The review loop end to end: translate → a reviewer edits the DOCX (plainly, and as a
tracked change) → `review import` → the next translation uses the reviewer's English.

Real files throughout: DOCX written by bilingual, edited with lxml as Word writes it (and
re-saved by LibreOffice where it is installed), the tiny real CTranslate2 model, SQLite.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import review_edit as edit

import bilingual
from bilingual.errors import BilingualError, InputError
from bilingual.review.docx import accepted_text, read_reviewed_docx
from bilingual.review.importer import split_english
from bilingual.translation.memory import Reviewed, TranslationMemory, default_path

# Our own article: headline, a two-sentence paragraph, a one-sentence paragraph with a
# glossary name, and another two-sentence paragraph.
ARTICLE = (
    "افتتاح مكتبة عامة جديدة في وسط المدينة\n\n"
    "افتتحت البلدية صباح اليوم مكتبة عامة جديدة. وتضم المكتبة آلاف الكتب للأطفال والكبار.\n\n"
    "وقال بيسكوف إن المشروع سيخدم سكان الأحياء القريبة.\n\n"
    "وستفتح المكتبة أبوابها يوميا من التاسعة صباحا. ويمكن للزوار استعارة ثلاثة كتب في كل مرة.\n"
)
GLOSSARY = "arabic,english,kind\nبيسكوف,Peskov,person\n"

PLAIN_EDIT = "The municipality opened a new public library this morning. It holds thousands of books for all ages."
TRACKED_EDIT = "The library will open daily from nine in the morning, and visitors may borrow three books at a time."


def write_library_article(folder: Path) -> Path:
    """The library article and its one-row glossary (names.csv) in `folder`."""
    path = folder / "library.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (folder / "names.csv").write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture
def article(work_dir) -> Path:
    return write_library_article(work_dir)


def _translate(article: Path):
    (document,) = bilingual.translate([article], glossaries=[article.parent / "names.csv"]).documents
    return document


def _reviewed_docx(article: Path, installed_model) -> Path:
    """Translate to DOCX, then edit row 2 plainly and row 4 as a tracked change."""
    out = article.with_suffix(".docx")
    bilingual.write_docx(_translate(article), out)

    def change(root):
        edit.replace_plainly(edit.cell_paragraph(root, 2, 0), PLAIN_EDIT)
        edit.replace_tracked(edit.cell_paragraph(root, 4, 0), TRACKED_EDIT)

    edit.edit_document(out, change)
    return out


def _block_english(document, index: int) -> str:
    return document.articles[0].blocks[index].translation


@pytest.mark.slow
def test_reviewed_docx_round_trip(article, installed_model, work_dir):
    reviewed = _reviewed_docx(article, installed_model)
    report = bilingual.review_import([reviewed])
    assert (report.count("edited"), report.count("unchanged"), report.count("conflict")) == (2, 2, 0)
    units = {o.row: o.unit for o in report.outcomes if o.stored}
    assert units == {2: "sentence", 4: "block"}  # 2 English sentences for 2 Arabic; 1 for 2: kept whole
    assert report.stored == 3
    assert "4 row(s) read: 2 edited, 2 unchanged, 0 conflict(s)" in report.line()

    again = _translate(article)
    assert _block_english(again, 1) == PLAIN_EDIT
    assert _block_english(again, 3) == TRACKED_EDIT
    for index in (1, 3):
        assert {s.origin for s in again.articles[0].blocks[index].segments} == {"reviewed"}
    assert {s.origin for s in again.articles[0].blocks[0].segments} == {"memory"}

    data = json.loads(bilingual.write_json(again, work_dir / "again.json").read_text(encoding="utf-8"))
    segments = data["articles"][0]["blocks"][1]["segments"]
    assert [s["origin"] for s in segments] == ["reviewed", "reviewed"] and all(s["from_memory"] for s in segments)

    (second,) = bilingual.write_docx(again, work_dir / "again.docx")
    with zipfile.ZipFile(second) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Status" in body and body.count(">reviewed<") == 2  # the status column marks the two rows


def test_tracked_changes_read_as_accepted():
    from lxml import etree

    xml = (
        f'<w:p xmlns:w="{edit.W}"><w:r><w:t>Keep </w:t></w:r>'
        "<w:del><w:r><w:delText>gone </w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>added </w:t></w:r></w:ins>"
        "<w:moveFrom><w:r><w:t>moved away </w:t></w:r></w:moveFrom>"
        "<w:moveTo><w:r><w:t>moved here </w:t></w:r></w:moveTo>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>today</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:commentRangeStart w:id="1"/><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t> end</w:t></w:r>'
        '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>"
    )
    assert accepted_text(etree.fromstring(xml)) == "Keep added moved here today end"


def test_conflict_missing_and_moved_rows(article, installed_model):
    out = article.with_suffix(".docx")
    bilingual.write_docx(_translate(article), out)

    def change(root):
        rows = edit.table_rows(root)
        # row 2: the Arabic changed (a conflict, not imported even though the English changed too)
        edit.replace_plainly(edit.cell_paragraph(root, 2, 1), "نص عربي آخر تماما.")
        edit.replace_plainly(edit.cell_paragraph(root, 2, 0), "Other English.")
        # row 3 deleted; row 4 moved above row 1 and edited
        rows[3].getparent().remove(rows[3])
        edit.replace_plainly(edit.cell_paragraph(root, 3, 0), TRACKED_EDIT)
        rows[4].getparent().remove(rows[4])
        rows[1].addprevious(rows[4])

    edit.edit_document(out, change)
    _, rows = read_reviewed_docx(out)
    status = {r.record.number: (r.status, r.moved) for r in rows}
    assert status == {
        1: ("unchanged", False),
        2: ("conflict", False),
        3: ("missing", False),
        4: ("edited", True),
    }
    report = bilingual.review_import([out])
    assert report.stored == 1 and report.count("conflict") == 1 and report.count("missing") == 1
    with TranslationMemory() as memory:
        stored = memory.all_reviewed()
    assert [e.target for e in stored] == [TRACKED_EDIT]


@pytest.mark.slow
@pytest.mark.skipif(edit.libreoffice() is None, reason="LibreOffice is not installed")
def test_ids_survive_a_libreoffice_save(article, installed_model, work_dir, tmp_path):
    reviewed = _reviewed_docx(article, installed_model)
    saved = edit.resave_with_libreoffice(reviewed, work_dir / "lo", tmp_path / "lo-profile")
    with zipfile.ZipFile(saved) as archive:
        assert "_bl" in archive.read("word/document.xml").decode()  # LibreOffice rewrote the package
    report = bilingual.review_import([saved])
    assert (report.count("edited"), report.count("unchanged"), report.count("conflict")) == (2, 2, 0)
    again = _translate(article)
    assert _block_english(again, 1) == PLAIN_EDIT and _block_english(again, 3) == TRACKED_EDIT


def test_sentence_split_is_conservative():
    assert split_english("He left. She stayed.") == ["He left.", "She stayed."]
    assert split_english("Mr. Smith met Dr. Jones in the U.S. capital. Then he left.") == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "Then he left.",
    ]
    assert split_english("Prices rose 2.5 percent. “It is high,” he said.") == [
        "Prices rose 2.5 percent.",
        "“It is high,” he said.",
    ]
    assert split_english("J. K. Rowling wrote it.") == ["J. K. Rowling wrote it."]


# --- bad input: a clear message naming the file, nothing written ---------------------------


def _reviewed_count() -> int:
    if not default_path().exists():
        return 0
    with sqlite3.connect(default_path()) as db:
        return db.execute("SELECT COUNT(*) FROM reviewed").fetchone()[0]


def test_foreign_docx_is_refused(work_dir):
    import docx

    foreign = work_dir / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Dear editor")
    document.save(foreign)
    with pytest.raises(InputError, match=r"letter\.docx: not a document written by 'bilingual translate'"):
        bilingual.review_import([foreign])


def test_stripped_ids_are_refused_and_nothing_is_written(article, installed_model):
    good = _reviewed_docx(article, installed_model)
    no_map = good.with_name("no-map.docx")
    parts = edit.read_parts(good)
    write = {n: d for n, d in parts.items() if b"urn:bilingual:review:1" not in d}
    edit.write_parts(no_map, write)
    no_bookmarks = good.with_name("no-bookmarks.docx")
    no_bookmarks.write_bytes(good.read_bytes())

    def strip(root):
        for tag in ("bookmarkStart", "bookmarkEnd"):
            for el in list(root.iter(edit.w(tag))):
                el.getparent().remove(el)

    edit.edit_document(no_bookmarks, strip)
    with pytest.raises(InputError, match=r"no-map\.docx: written by bilingual but without its row ids"):
        bilingual.review_import([good, no_map])
    with pytest.raises(InputError, match=r"no-bookmarks\.docx: its row ids were stripped"):
        bilingual.review_import([good, no_bookmarks])
    assert _reviewed_count() == 0  # the good file listed first was not imported either


def test_not_a_zip_and_unknown_type(work_dir):
    broken = work_dir / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match=r"broken\.docx: not a readable Word document"):
        bilingual.review_import([broken])
    other = work_dir / "notes.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt: review import reads \.docx and \.xlf"):
        bilingual.review_import([other])


def test_cli_review_import_bad_file_exits_cleanly(work_dir):
    from cli_driver import assert_one_line_error, run

    broken = work_dir / "broken.docx"
    broken.write_bytes(b"not a zip")
    assert_one_line_error(run("review", "import", broken, cwd=work_dir), "broken.docx", code=2)
    assert not default_path().exists()


def test_import_is_one_transaction(article, installed_model, monkeypatch):
    """A failure while writing leaves the memory as it was (no half import)."""
    reviewed = _reviewed_docx(article, installed_model)
    original = TranslationMemory._transaction

    def failing(self):
        tx = original(self)

        class Boom:
            def __enter__(self_inner):
                db = tx.__enter__()
                db.execute(
                    "INSERT INTO reviewed(key, source, target, created) VALUES ('k', 's', 't', 0)"
                )  # a first write inside the transaction…
                return db

            def __exit__(self_inner, *exc):
                tx.__exit__(BilingualError, BilingualError("disk full"), None)  # …then it fails
                raise BilingualError("disk full")

        return Boom()

    monkeypatch.setattr(TranslationMemory, "_transaction", failing)
    with pytest.raises(BilingualError, match="disk full"):
        bilingual.review_import([reviewed])
    monkeypatch.setattr(TranslationMemory, "_transaction", original)
    assert _reviewed_count() == 0


def test_near_match_is_offered_as_a_comment_never_used(article, installed_model, work_dir):
    earlier = "افتتحت البلدية صباح أمس مكتبة عامة جديدة."  # one word away from the article's sentence
    with TranslationMemory() as memory:
        memory.put_reviewed_many([Reviewed(earlier, "Yesterday morning the municipality opened a library.")])
    document = _translate(article)
    segment = document.articles[0].blocks[1].segments[0]
    assert segment.origin != "reviewed" and segment.target != "Yesterday morning the municipality opened a library."
    assert segment.suggestion is not None and segment.suggestion.source == earlier and segment.suggestion.score >= 85
    data = json.loads(bilingual.write_json(document, work_dir / "near.json").read_text(encoding="utf-8"))
    assert data["articles"][0]["blocks"][1]["segments"][0]["suggestion"]["target"].startswith("Yesterday")
    (out,) = bilingual.write_docx(document, work_dir / "near.docx")
    with zipfile.ZipFile(out) as archive:
        comments = archive.read("word/comments.xml").decode()
    assert (
        "Similar reviewed sentence" in comments and "Yesterday morning the municipality opened a library." in comments
    )
    # exact matches ignore tatweel, diacritics and spacing
    with TranslationMemory() as memory:
        memory.put_reviewed_many([Reviewed("افتتحت البلديـــة  صباحَ اليوم مكتبة عامة جديدة.", "Exact after folding.")])
    assert _translate(article).articles[0].blocks[1].segments[0].target == "Exact after folding."


def test_the_loop_through_the_command_line(article, installed_model, work_dir):
    from cli_driver import assert_ok, invoke

    glossary = article.parent / "names.csv"
    docx_path = work_dir / "library.docx"
    assert_ok(invoke("translate", article, "-o", docx_path, "-g", glossary))

    def change(root):
        edit.replace_tracked(edit.cell_paragraph(root, 3, 0), "Peskov said the project would serve nearby districts.")

    edit.edit_document(docx_path, change)
    outcome = invoke("review", "import", docx_path)
    assert_ok(outcome)
    assert "4 row(s) read: 1 edited, 3 unchanged, 0 conflict(s); 1 reviewed segment(s) stored" in outcome.stderr
    json_path = work_dir / "library.json"
    outcome = invoke("translate", article, "-o", json_path, "-g", glossary)
    assert_ok(outcome)
    assert "(1 reviewed, 5 from memory, 0 translated)" in outcome.stderr
    block = json.loads(json_path.read_text(encoding="utf-8"))["articles"][0]["blocks"][2]
    assert block["translation"] == "Peskov said the project would serve nearby districts."
    assert [s["origin"] for s in block["segments"]] == ["reviewed"]
    assert block["names"][0]["status"] == "kept" and block["names"][0]["translation_start"] == 0
    stats = invoke("memory", "stats", "--json")
    assert json.loads(stats.stdout)["reviewed"] == 1


def test_near_matches_in_the_reviewed_memory(tmp_path):
    from rapidfuzz import fuzz

    from bilingual.translation.memory import source_key

    memory = TranslationMemory(tmp_path / "m.sqlite3")
    base = "وصل الوفد الرسمي إلى العاصمة صباح اليوم لبحث التعاون الاقتصادي."
    close = base.replace("صباح", "مساء")
    longer = base + " وسيلتقي الوفد بعدد من الوزراء والمسؤولين خلال زيارته التي تستمر ثلاثة أيام."
    memory.put_reviewed_many(
        [Reviewed(close, "Evening."), Reviewed(longer, "Longer."), Reviewed("جملة أخرى.", "Other.")]
    )
    found = memory.near_reviewed([base, "نص لا يشبه شيئا مما سبق أبدا."])
    assert list(found) == [base]
    entry, score = found[base]
    assert entry.target == "Evening." and score == fuzz.ratio(source_key(base), source_key(close)) >= 85
    assert fuzz.ratio(source_key(base), source_key(longer)) < 85  # the length window is not what excluded it wrongly
    assert memory.near_reviewed([close]) == {}  # an exact match is not a near match


def test_sentence_rows_with_arabic_on_the_left(article, installed_model, work_dir):
    """Columns are read from the row map (#, العربية, English here), not assumed."""
    (out,) = bilingual.write_docx(_translate(article), work_dir / "rows.docx", rows="sentence", arabic_left=True)

    def change(root):
        assert edit.cell_text(root, 3, 0) == "3"  # the number column
        edit.replace_tracked(edit.cell_paragraph(root, 3, 2), "The library holds thousands of books.")

    edit.edit_document(out, change)
    report = bilingual.review_import([out])
    assert (report.count("edited"), report.count("unchanged"), report.stored) == (1, 5, 1)
    again = _translate(article)
    assert again.articles[0].blocks[1].segments[1].target == "The library holds thousands of books."
    assert again.articles[0].blocks[1].segments[0].origin == "memory"


def test_reviewed_english_is_not_rewritten_but_its_missing_name_is_flagged(article, installed_model, work_dir):
    sentence = "وقال بيسكوف إن المشروع سيخدم سكان الأحياء القريبة."
    with TranslationMemory() as memory:
        memory.put_reviewed_many([Reviewed(sentence, "The spokesman said the project would serve nearby districts.")])
    document = _translate(article)
    block = document.articles[0].blocks[2]
    assert block.translation == "The spokesman said the project would serve nearby districts."  # not rewritten
    assert [(n.hit.english, n.status) for n in block.names] == [("Peskov", "missing")]
    (out,) = bilingual.write_docx(document, work_dir / "flagged.docx")
    with zipfile.ZipFile(out) as archive:
        comments = archive.read("word/comments.xml").decode()
    assert (
        "should appear as “Peskov”" in comments and "The reviewed English from the memory does not have it." in comments
    )


def test_memory_clear_keeps_reviewed_english_unless_asked(tmp_path):
    from cli_driver import assert_ok, invoke

    with TranslationMemory() as memory:
        memory.put("model", "جملة.", "Machine.")
        memory.put_reviewed_many([Reviewed("جملة.", "Reviewed.")])
    assert_ok(invoke("memory", "clear"))
    with TranslationMemory() as memory:
        assert memory.get_many("model", ["جملة."]) == {} and len(memory.all_reviewed()) == 1
    assert_ok(invoke("memory", "clear", "--reviewed"))
    with TranslationMemory() as memory:
        assert memory.all_reviewed() == []
