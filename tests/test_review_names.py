"""Names learned from review: a reviewer's respelling becomes a proposed glossary change,
listed by `review import` and written only with `--update-glossary`."""

from __future__ import annotations

from pathlib import Path

import review_edit as edit
from cli_driver import assert_ok, invoke

import bilingual
from bilingual.document import Article, Block, Document, NameHit
from bilingual.outputs.docx.rowids import NameRecord, RowRecord
from bilingual.review.names import propose_names
from bilingual.text.arabic import split_sentences
from bilingual.translation.segments import (
    NameResult,
    Segment,
    TranslatedArticle,
    TranslatedBlock,
    TranslatedDocument,
)

SENTENCE = "وقال بيسكوف إن الاجتماع سيعقد غدا."
MISSING = "والتقى الوزير زيلينسكي في العاصمة."


def _document() -> TranslatedDocument:
    """A translated article as the pipeline would leave it: one name kept, one missing."""
    start = SENTENCE.index("بيسكوف")
    kept = NameHit(start, start + 6, "", "بيسكوف", "بيسكوف", "Peskov", "person")
    first = Block("paragraph", SENTENCE, split_sentences(SENTENCE), [kept])
    at = MISSING.index("زيلينسكي")
    lost = NameHit(at, at + 8, "", "زيلينسكي", "زيلينسكي", "Zelensky", "person")
    second = Block("paragraph", MISSING, split_sentences(MISSING), [lost])
    blocks = [
        TranslatedBlock(
            first,
            [Segment(SENTENCE, "Peskov said the meeting would be held tomorrow.", False, [NameResult(kept, "kept")])],
        ),
        TranslatedBlock(
            second,
            [
                Segment(
                    MISSING,
                    "The minister met Zelinski in the capital.",
                    False,
                    [NameResult(lost, "missing", "Zelinski")],
                )
            ],
        ),
    ]
    document = Document("meeting.txt", [Article([first, second])])
    return TranslatedDocument(document, [TranslatedArticle(document.articles[0], blocks)])


def _reviewed(work_dir: Path) -> Path:
    (out,) = bilingual.write_docx(_document(), work_dir / "meeting.docx")

    def change(root):
        edit.replace_tracked(edit.cell_paragraph(root, 1, 0), "Peskoff said the meeting would be held tomorrow.")
        edit.replace_plainly(edit.cell_paragraph(root, 2, 0), "The minister met Zelenskyy in the capital.")

    edit.edit_document(out, change)
    return out


def test_respelled_and_supplied_names_are_proposed_not_applied(work_dir):
    house = work_dir / "house.csv"
    house.write_text(
        "arabic,english,kind,note\nبيسكوف,Peskov,person,spokesman\nزيلينسكي,Zelensky,person,\n", encoding="utf-8"
    )
    before = house.read_bytes()
    report = bilingual.review_import([_reviewed(work_dir)])
    assert [(p.arabic, p.current, p.proposed, p.evidence) for p in report.proposals] == [
        ("بيسكوف", "Peskov", "Peskoff", ["meeting.docx row 1"]),
        ("زيلينسكي", "Zelensky", "Zelenskyy", ["meeting.docx row 2"]),
    ]
    assert house.read_bytes() == before  # nothing changes the glossary silently


def test_update_glossary_writes_the_changes_with_a_note(work_dir):
    house = work_dir / "house.csv"
    house.write_text(
        "arabic,english,kind,note\n# people\nبيسكوف,Peskov,person,spokesman\nزيلينسكي,Zelensky,person,\nكييف,Kyiv,place,\n",
        encoding="utf-8",
    )
    reviewed = _reviewed(work_dir)
    outcome = invoke("review", "import", reviewed, "--update-glossary", "-g", house)
    assert_ok(outcome)
    assert "Peskov → Peskoff" in outcome.stderr and "2 edited" in outcome.stderr
    lines = house.read_text(encoding="utf-8").splitlines()
    assert lines[0:2] == ["arabic,english,kind,note", "# people"]  # the editor's other lines keep their bytes
    assert lines[2] == "بيسكوف,Peskoff,person,spokesman; from review: meeting.docx row 1"
    assert lines[3] == "زيلينسكي,Zelenskyy,person,from review: meeting.docx row 2"
    assert lines[4] == "كييف,Kyiv,place,"
    entries = {e.arabic: e.english for e in bilingual.load_glossaries([house]).entries}
    assert entries == {"بيسكوف": "Peskoff", "زيلينسكي": "Zelenskyy", "كييف": "Kyiv"}


def test_cli_lists_proposals_without_the_flag(work_dir):
    outcome = invoke("review", "import", _reviewed(work_dir))
    assert_ok(outcome)
    assert "بيسكوف: Peskov → Peskoff (seen in meeting.docx row 1)" in outcome.stderr
    assert "nothing was changed" in outcome.stderr


def test_no_proposal_when_the_house_spelling_stays_or_the_edit_is_elsewhere():
    record = RowRecord(
        1,
        "paragraph",
        SENTENCE,
        "Peskov said the meeting would be held tomorrow.",
        [(SENTENCE, "Peskov said the meeting would be held tomorrow.")],
        [NameRecord("بيسكوف", "بيسكوف", "Peskov", "kept")],
    )
    assert propose_names(record, "Peskov said the talks would be held tomorrow.", "x") == []
    assert propose_names(record, "The spokesman said the meeting would be held tomorrow.", "x") == []  # not a name


def test_two_spellings_for_one_name_stop_the_update_before_anything_is_written(work_dir):
    from bilingual.errors import BilingualError
    from bilingual.translation.memory import TranslationMemory

    house = work_dir / "house.csv"
    house.write_text("arabic,english,kind\nبيسكوف,Peskov,person\n", encoding="utf-8")
    before = house.read_bytes()
    first = _reviewed(work_dir)
    second = work_dir / "second.docx"
    (second_out,) = bilingual.write_docx(_document(), second)
    edit.edit_document(
        second_out,
        lambda root: edit.replace_plainly(
            edit.cell_paragraph(root, 1, 0), "Peskow said the meeting would be held tomorrow."
        ),
    )
    import pytest

    with pytest.raises(BilingualError, match="two ways"):
        bilingual.review_import([first, second_out], update_glossary=house)
    assert house.read_bytes() == before
    with TranslationMemory() as memory:
        assert memory.all_reviewed() == []
    # without --update-glossary both spellings are simply listed
    report = bilingual.review_import([first, second_out])
    assert {p.proposed for p in report.proposals} == {"Peskoff", "Peskow", "Zelenskyy"}
