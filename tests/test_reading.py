"""Reading inputs: encodings, .docx, folders, stdin and bad files."""

import io
import sys
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.reading.inputs import decode_bytes, read_inputs, read_path

ARTICLE = "عنوان الخبر: وصول الوفد\n\nوصل الوفد إلى العاصمة صباح اليوم. وبدأت المحادثات فوراً.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with BOM
        ARTICLE.encode("utf-16-le"),  # no BOM
        ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf16be-nobom", "windows-1256"],
)
def test_encodings_decode_to_the_same_text(encoded):
    assert decode_bytes(encoded, "x.txt") == ARTICLE


def test_windows_1256_is_detected_not_guessed():
    latin1_french = "Le président a quitté la réunion à midi.".encode("latin-1")
    with pytest.raises(InputError, match="unknown text encoding"):
        decode_bytes(latin1_french, "french.txt")


def test_empty_and_binary_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match="empty"):
        read_path(empty)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_path(binary)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_control_characters_are_stripped_but_text_kept(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_text("عنوان\x07 الخبر\n\nنص\x00 الخبر\x1b هنا.\u200f\n", encoding="utf-8")
    (document,) = read_inputs([str(path)])
    texts = [b.text for b in document.blocks]
    assert texts == ["عنوان الخبر", "نص الخبر هنا.\u200f"]


def test_non_arabic_text_is_processed_with_a_warning(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("A headline\n\nSome English body text.\n", encoding="utf-8")
    (document,) = read_inputs([str(path)])
    assert document.warnings and "no Arabic" in document.warnings[0]
    assert [b.kind for b in document.blocks] == ["headline", "paragraph"]


def test_input_files_are_never_modified(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_inputs([str(path)])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def make_docx(path: Path, paragraphs: list[tuple[str, str]]):
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))


def test_docx_with_title_caption_and_body(tmp_path):
    path = tmp_path / "a.docx"
    make_docx(
        path,
        [
            ("Title", "عنوان المقال"),
            ("Caption", "صورة من المؤتمر (أ.ف.ب)"),
            ("Normal", "الفقرة الأولى. وفيها جملتان."),
            ("Normal", ""),
            ("Heading 2", "عنوان فرعي"),
            ("Normal", "الفقرة الثانية."),
            ("Heading 1", "مقال ثان"),
            ("Normal", "نص المقال الثاني."),
        ],
    )
    (document,) = read_inputs([str(path)])
    first, second = document.articles
    assert [(b.kind, b.text) for b in first.blocks] == [
        ("headline", "عنوان المقال"),
        ("caption", "صورة من المؤتمر (أ.ف.ب)"),
        ("paragraph", "الفقرة الأولى. وفيها جملتان."),
        ("paragraph", "عنوان فرعي"),
        ("paragraph", "الفقرة الثانية."),
    ]
    assert len(first.blocks[2].sentences) == 2
    assert second.headline == "مقال ثان" and first.layout == "docx"


def test_docx_without_styles_uses_first_paragraph_as_headline(tmp_path):
    path = tmp_path / "b.docx"
    make_docx(path, [("Normal", "العنوان"), ("Normal", "النص.")])
    (document,) = read_inputs([str(path)])
    assert [b.kind for b in document.blocks] == ["headline", "paragraph"]


def test_corrupt_docx_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable Word document"):
        read_path(path)


def test_folder_reads_every_txt_and_docx_sorted(tmp_path):
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    make_docx(tmp_path / "a.docx", [("Title", "عنوان"), ("Normal", "نص.")])
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    documents = read_inputs([str(tmp_path)])
    assert [Path(d.source).name for d in documents] == ["a.docx", "b.txt"]


def test_folder_without_articles(tmp_path):
    with pytest.raises(InputError, match="no .txt or .docx"):
        read_inputs([str(tmp_path)])


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    (document,) = read_inputs(["-"])
    assert document.source == "<stdin>" and document.articles[0].headline == "عنوان الخبر: وصول الوفد"
