"""Bad input files through `bilingual translate`: a clear one-line error or correct output.

Unit tests of the reader are in test_reading.py and `inspect` on three bad files in
test_cli.py; here every kind of bad input goes through the real `translate` command, and
the text that is accepted is checked all the way into the JSON and DOCX outputs.
"""

from __future__ import annotations

import json
import random

import docx
import pytest
import tinymodel
from cli_driver import as_ordinary_user, assert_ok, assert_one_line_error, files_in, invoke, run

from bilingual.outputs.docx.builder import writable

ARTICLE = "عنوان الخبر: وصول الوفد\n\nوصل الوفد إلى العاصمة صباح اليوم. وبدأت المحادثات فوراً.\n\nقال المتحدث إن الجولة الثانية ستعقد غدا.\n"


def _blocks(data: dict) -> list[dict]:
    return [block for article in data["articles"] for block in article["blocks"]]


def _words(text: str) -> list[str]:
    return text.split()


# --- refused, with one line that says why ------------------------------------------------


def _make_docx(path, paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


BAD_INPUTS = {
    # name: (how to make it in `work_dir`, what the one line must say)
    "empty": (lambda work_dir: (work_dir / "a.txt").write_bytes(b""), "the file is empty"),
    "only whitespace": (lambda work_dir: (work_dir / "a.txt").write_bytes(b" \r\n\t\n \n"), "the file is empty"),
    "binary": (lambda work_dir: (work_dir / "a.txt").write_bytes(bytes(range(256)) * 8), "binary file"),
    "png named .txt": (
        lambda work_dir: (work_dir / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300)),
        "binary file",
    ),
    "latin-1 french": (
        lambda work_dir: (work_dir / "a.txt").write_bytes("Le président a quitté la réunion à midi.".encode("latin-1")),
        "unknown text encoding",
    ),
    "utf-8 with a broken byte": (
        lambda work_dir: (work_dir / "a.txt").write_bytes(ARTICLE.encode()[:60] + b"\xff" + ARTICLE.encode()[60:]),
        "line 3 is not valid UTF-8",
    ),
    "only controls and bidi marks": (
        lambda work_dir: (work_dir / "a.txt").write_text("\x07\u200f\u202e\n\u2066\x1b\u2069\n", encoding="utf-8"),
        "no text to translate",
    ),
    "only page furniture": (
        lambda work_dir: (work_dir / "a.txt").write_text("TT\n\n***\n---\n", encoding="utf-8"),
        "no text to translate",
    ),
    "corrupt docx": (
        lambda work_dir: (work_dir / "a.docx").write_bytes(b"PK\x03\x04 not a zip at all"),
        "not a readable Word document",
    ),
    "docx with no text": (lambda work_dir: _make_docx(work_dir / "a.docx", ["", "  "]), "no text to translate"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_file_is_one_line_and_writes_nothing(case, work_dir):
    make, message = BAD_INPUTS[case]
    make(work_dir)
    (source,) = [p for p in work_dir.iterdir()]
    before = files_in(work_dir)
    outcome = invoke("translate", source, "--no-glossary")
    line = assert_one_line_error(outcome, message, code=2)
    assert line.startswith(f"Error: {source}: ")
    assert files_in(work_dir) == before


def test_missing_file_and_folder_without_articles(work_dir):
    assert_one_line_error(invoke("translate", work_dir / "nope.txt", "--no-glossary"), "nope.txt: no such file", code=2)
    (work_dir / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (work_dir / "scan.pdf").write_bytes(b"%PDF-1.4")
    (work_dir / "~$draft.docx").write_bytes(b"lock file")
    assert_one_line_error(invoke("translate", work_dir, "--no-glossary"), "no .txt or .docx articles", code=2)
    assert sorted(p.name for p in work_dir.iterdir()) == ["notes.csv", "scan.pdf", "~$draft.docx"]


def test_one_bad_file_in_a_folder_stops_before_anything_is_written(installed_model, work_dir):
    """Inputs are all read before any translating: a bad file late in a work_dir costs a
    second, not a half-translated work_dir."""
    (work_dir / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (work_dir / "b.txt").write_bytes(b"")
    outcome = invoke("translate", work_dir, "--no-glossary")
    assert_one_line_error(outcome, "b.txt: the file is empty")
    assert sorted(p.name for p in work_dir.iterdir()) == ["a.txt", "b.txt"]


def test_unreadable_file_is_one_line(work_dir):
    source = work_dir / "secret.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    source.chmod(0)
    try:
        outcome = run("inspect", source, "--no-glossary", preexec_fn=as_ordinary_user())
    finally:
        source.chmod(0o644)
    assert_one_line_error(outcome, f"{source}: cannot read (Permission denied)", code=2)


def test_binary_on_stdin_is_one_line(installed_model):
    outcome = run("translate", "-", "--format", "json", "--no-glossary", input="\x00\x01\x02\x03" * 100)
    assert_one_line_error(outcome, "<stdin>: looks like a binary file", code=2)


# --- accepted, and correct -------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"],
    ids=["utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "windows-1256"],
)
def test_every_supported_encoding_gives_the_same_translation(installed_model, tmp_path, encoding):
    (tmp_path / "utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "other.txt").write_bytes(ARTICLE.encode(encoding))
    assert_ok(invoke("translate", tmp_path / "utf8.txt", "-o", tmp_path / "utf8.json", "--no-glossary"))
    assert_ok(invoke("translate", tmp_path / "other.txt", "-o", tmp_path / "other.json", "--no-glossary"))
    expected = json.loads((tmp_path / "utf8.json").read_text(encoding="utf-8"))
    got = json.loads((tmp_path / "other.json").read_text(encoding="utf-8"))
    assert [(b["text"], b["translation"]) for b in _blocks(got)] == [
        (b["text"], b["translation"]) for b in _blocks(expected)
    ]


def test_one_line_of_arabic_in_utf16_without_spaces_is_not_mistaken_for_utf8(installed_model, tmp_path):
    """No space, no NUL byte: UTF-16LE 'ءء' is also valid UTF-8 ("!\\x06!\\x06")."""
    source = tmp_path / "short.txt"
    source.write_bytes("الكرملين".encode("utf-16-le"))
    assert_ok(invoke("translate", source, "-o", tmp_path / "out.json", "--no-glossary"))
    assert [b["text"] for b in _blocks(json.loads((tmp_path / "out.json").read_text()))] == ["الكرملين"]


def test_mixed_arabic_and_latin_is_kept_whole(installed_model, tmp_path):
    text = "شركة Apple تطلق iPhone 16\n\nقال Tim Cook إن NATO وWHO وU.S. لم تعلق على الخبر حتى 10:30 GMT.\n"
    source = tmp_path / "mixed.txt"
    source.write_text(text, encoding="utf-8")
    outcome = invoke("translate", source, "-o", tmp_path / "out.json", "--no-glossary")
    assert_ok(outcome)
    assert "Warning" not in outcome.stderr
    blocks = _blocks(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))
    assert [b["text"] for b in blocks] == [line for line in text.splitlines() if line]
    assert all(b["translation"].strip() for b in blocks)


def test_text_that_is_not_arabic_is_translated_with_a_warning(installed_model, tmp_path):
    source = tmp_path / "english.txt"
    source.write_text("Talks resume\n\nThe talks will resume next week, officials said.\n", encoding="utf-8")
    outcome = invoke("translate", source, "--no-glossary")
    assert_ok(outcome)
    assert f"Warning: {source}: no Arabic text found; translating anyway" in outcome.stderr
    assert len(docx.Document(str(tmp_path / "english.docx")).tables) >= 1


CONTROLS = (
    "عنوان\x07 الخبر\u200f\n\n"
    "وصل\x1b الوفد\x7f إلى \u202bالعاصمة\u202c اليوم.\u200f وبدأت \u2066NATO\u2069 المحادثات\u0085 فوراً.\ufeff"
    " قال\u00ad المتحدث\x00 إن\u202e الجولة\u202c ستعقد غدا.\n"
)


@pytest.mark.parametrize("fmt", ["json", "docx"])
def test_control_and_bidi_characters(installed_model, tmp_path, fmt):
    """Controls that cannot live in a DOCX are dropped; bidi marks are kept in the text and
    do not glue sentences together; the DOCX opens and holds every Arabic block."""
    source = tmp_path / "ctl.txt"
    source.write_text(CONTROLS, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    assert_ok(invoke("translate", source, "-o", out, "--no-glossary"))
    if fmt == "json":
        blocks = _blocks(json.loads(out.read_text(encoding="utf-8")))
        assert [b["kind"] for b in blocks] == ["headline", "paragraph"]
        paragraph = blocks[1]
        assert not any(c in paragraph["text"] for c in "\x00\x07\x1b\x7f\x85")
        assert "\u202b" in paragraph["text"] and "\u2066" in paragraph["text"]
        assert len(paragraph["sentences"]) == 3
        assert [s["source"] for s in paragraph["segments"]] == paragraph["sentences"]
    else:
        cells = [row.cells[-1].text for table in docx.Document(str(out)).tables[:1] for row in table.rows[1:]]
        text = "".join("".join(cell.split()) for cell in cells)
        for line in CONTROLS.split("\n\n"):
            cleaned = writable(line.replace("\x00", "").replace("\x85", "").strip())
            assert "".join(cleaned.split()) in text


def _long_paragraph(words: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    vocabulary = sorted({w.strip(".،؛:") for s in tinymodel.ARABIC_SENTENCES for w in s.split()})
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_3000_word_paragraph_without_punctuation_loses_nothing(stopping_package, tmp_path):
    """One 3,000-word sentence: its segments cover every source word, and the English is
    as long as the same words translated as thirty 100-word paragraphs (a truncated
    input or a 256-token output cap would make it a small fraction of that)."""
    paragraph = _long_paragraph(3000)
    words = paragraph.split()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(f"عنوان طويل\n\n{paragraph}\n", encoding="utf-8")
    chunks = [" ".join(words[i : i + 100]) for i in range(0, 3000, 100)]
    (tmp_path / "in" / "chunks.txt").write_text("عنوان طويل\n\n" + "\n\n".join(chunks) + "\n", encoding="utf-8")
    outcome = invoke(
        "translate",
        tmp_path / "in",
        "-o",
        f"{tmp_path / 'out'}/",
        "--format",
        "json",
        "--model",
        stopping_package,
        "--no-glossary",
        "--no-memory",
    )
    assert_ok(outcome)

    def read(name):
        return _blocks(json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8")))

    headline, body = read("long")
    assert body["text"] == paragraph
    assert [s["source"] for s in body["segments"]] == [paragraph]
    assert _words(" ".join(s["source"] for s in body["segments"])) == words
    chunked = read("chunks")[1:]
    assert _words(" ".join(b["text"] for b in chunked)) == words
    whole, parts = len(body["translation"]), sum(len(b["translation"]) for b in chunked)
    assert whole >= 0.8 * parts, (whole, parts)


def _word_article_with_hidden_places(path) -> list[str]:
    """A Word article whose text sits where `document.paragraphs` does not look: a table
    (with a merged cell), a tracked insertion, a content control, a simple field and a
    hyperlink. Returns every Arabic word a reader sees, in order."""
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("عنوان المقال", style="Title")
    document.add_paragraph("الفقرة الأولى قبل الجدول.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "خلية مدمجة في الجدول."
    table.cell(1, 0).text = "الخلية الثانية."
    table.cell(1, 1).text = "الخلية الثالثة."

    def run(parent, text):
        r = etree.SubElement(parent, qn("w:r"))
        etree.SubElement(r, qn("w:t")).text = text
        return r

    paragraph = document.add_paragraph("نص أصلي ")
    inserted = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "محرر"})
    run(inserted, "أضافه المحرر ")
    deleted = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "محرر"})
    gone = etree.SubElement(etree.SubElement(deleted, qn("w:r")), qn("w:delText"))
    gone.text = "نص محذوف "
    control = etree.SubElement(etree.SubElement(paragraph._p, qn("w:sdt")), qn("w:sdtContent"))
    run(control, "داخل عنصر تحكم ")
    field = etree.SubElement(paragraph._p, qn("w:fldSimple"), {qn("w:instr"): "AUTHOR"})
    run(field, "اسم الكاتب ")
    link = etree.SubElement(paragraph._p, qn("w:hyperlink"))
    run(link, "ورابط.")
    document.save(str(path))
    return [
        "عنوان",
        "المقال",
        "الفقرة",
        "الأولى",
        "قبل",
        "الجدول.",
        "خلية",
        "مدمجة",
        "في",
        "الجدول.",
        "الخلية",
        "الثانية.",
        "الخلية",
        "الثالثة.",
        "نص",
        "أصلي",
        "أضافه",
        "المحرر",
        "داخل",
        "عنصر",
        "تحكم",
        "اسم",
        "الكاتب",
        "ورابط.",
    ]


def test_word_text_in_tables_revisions_and_controls_is_translated(installed_model, work_dir):
    source = work_dir / "story.docx"
    words = _word_article_with_hidden_places(source)
    outcome = invoke("translate", source, "-o", work_dir / "story.json", "--no-glossary")
    assert_ok(outcome)
    blocks = _blocks(json.loads((work_dir / "story.json").read_text(encoding="utf-8")))
    assert _words(" ".join(b["text"] for b in blocks)) == words  # deleted text stays out
    assert all(" ".join(s["source"] for s in b["segments"]).split() == b["text"].split() for b in blocks)
