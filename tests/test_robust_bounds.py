"""Inputs and numbers are bounded (issue 15, items 2 and 3), through the real CLI.

Every case runs `bilingual` in a subprocess under a memory limit (RLIMIT_AS) and a
timeout: a hang or unbounded growth is a test failure, never a stuck CI. `inspect` reads
exactly as `translate` does, without loading a model, so most cases use it.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import time
import zipfile

import docx
import pytest
from cli_driver import assert_ok, assert_one_line_error, cli_command, run

MEMORY = 1 << 30  # 1 GiB of address space: plenty for reading an article, not for a bomb
ARTICLE = "عنوان الخبر\n\nوصل الوفد إلى العاصمة صباح اليوم. وبدأت المحادثات فوراً.\n"


def _bounded(memory: int = MEMORY):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def _inspect(*args, timeout: float = 30, **kwargs):
    return run("inspect", *args, "--no-glossary", preexec_fn=_bounded(), timeout=timeout, **kwargs)


def _texts(stdout: str) -> list[str]:
    data = json.loads(stdout)
    return [block["text"] for article in data["articles"] for block in article["blocks"]]


# --- only regular files ------------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(work_dir):
    fifo = work_dir / "article.txt"
    os.mkfifo(fifo)
    assert_one_line_error(_inspect(fifo), f"{fifo}: is a named pipe (FIFO), not a file", code=2)


def test_dev_zero_is_refused_not_read_forever():
    assert_one_line_error(_inspect("/dev/zero"), "/dev/zero: is a character device, not a file", code=2)


def test_a_socket_is_refused(work_dir):
    path = work_dir / "article.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert_one_line_error(_inspect(path), f"{path}: is a socket, not a file", code=2)
    finally:
        server.close()


def test_a_folder_named_like_a_file_is_read_as_a_folder(work_dir):
    folder = work_dir / "article.txt"
    folder.mkdir()
    assert_one_line_error(_inspect(folder), "no .txt or .docx articles in this folder", code=2)
    (folder / "inner.txt").write_text(ARTICLE, encoding="utf-8")
    assert_ok(_inspect(folder, "--json"))


# --- size caps ----------------------------------------------------------------------------------


def test_endless_stdin_stops_at_the_cap():
    with open("/dev/zero", "rb") as zero:
        outcome = _inspect("-", stdin=zero)
    assert_one_line_error(
        outcome, "<stdin>: is larger than that, over the 50.0 MB limit", "BILINGUAL_MAX_INPUT_MB", code=2
    )


def test_the_size_cap_is_configurable(work_dir, monkeypatch):
    source = work_dir / "long.txt"
    source.write_text(ARTICLE * 400, encoding="utf-8")  # about 50 KB
    monkeypatch.setenv("BILINGUAL_MAX_INPUT_MB", "0.01")
    assert_one_line_error(_inspect(source), f"{source}: is ", "over the 10485 bytes limit", code=2)
    monkeypatch.setenv("BILINGUAL_MAX_INPUT_MB", "1")
    assert_ok(_inspect(source, "--json"))
    monkeypatch.setenv("BILINGUAL_MAX_INPUT_MB", "lots")
    assert_one_line_error(_inspect(source), "BILINGUAL_MAX_INPUT_MB='lots': not a number of megabytes")


# --- .docx: zip bombs, and text in every place a reader sees -------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _bomb(path, inflated_mb: int) -> None:
    """A valid .docx whose document.xml inflates to `inflated_mb` MB of empty paragraphs
    (about 1,000× its compressed size)."""
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'.encode()
    chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000  # ~1 MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            if name != "word/document.xml":
                bomb.writestr(name, data)
        with bomb.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(head)
            for _ in range(inflated_mb):
                xml.write(chunk)
            xml.write(b"</w:body></w:document>")


@pytest.mark.slow
def test_a_docx_zip_bomb_is_refused_before_parsing(work_dir):
    source = work_dir / "bomb.docx"
    _bomb(source, 100)
    assert source.stat().st_size < 1_000_000
    started = time.monotonic()
    outcome = _inspect(source)
    assert_one_line_error(outcome, f"{source}: word/document.xml would inflate", "zip bomb", code=2)
    assert time.monotonic() - started < 20


def test_a_docx_over_the_inflated_cap_is_refused(work_dir, monkeypatch):
    """Not a bomb by its ratio, but its XML inflates past the cap (1 × the input cap)."""
    source = work_dir / "big.docx"
    document = docx.Document()
    for number in range(3000):
        document.add_paragraph(f"فقرة رقم {number} من نص طويل جدا عن المحادثات والوفد والعاصمة.")
    document.save(str(source))
    monkeypatch.setenv("BILINGUAL_MAX_INPUT_MB", "0.5")
    assert source.stat().st_size < 0.5 * 1024 * 1024
    assert_one_line_error(_inspect(source), f"{source} (its XML): inflates to", "BILINGUAL_MAX_INPUT_MB", code=2)


def test_a_docx_of_ten_thousand_tiny_parts_is_refused(work_dir):
    source = work_dir / "parts.docx"
    docx.Document().save(str(source))
    with zipfile.ZipFile(source, "a") as archive:
        for number in range(10_001):
            archive.writestr(f"extra/part{number}.bin", b"")
    assert_one_line_error(_inspect(source), f"{source}: 10", "files in the archive (at most 10000", code=2)


def _element(tag: str, parent=None, text: str | None = None, **attrs):
    from docx.oxml.ns import qn
    from lxml import etree

    name = qn(tag) if ":" in tag and not tag.startswith("{") else tag
    node = etree.Element(name, {qn(k.replace("_", ":", 1)): v for k, v in attrs.items()}) if parent is None else None
    if node is None:
        node = etree.SubElement(parent, name, {qn(k.replace("_", ":", 1)): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_V = "urn:schemas-microsoft-com:vml"


def _box(text: str):
    """<w:txbxContent> holding one paragraph of `text`."""
    content = _element("w:txbxContent")
    _element("w:t", _element("w:r", _element("w:p", content)), text)
    return content


def _word_story(path) -> None:
    """A Word article with text where python-docx's `paragraphs` does not look: a text box
    (DrawingML with its VML fallback copy), an old VML-only text box, a table nested in a
    cell, a footnote and a header."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("عنوان المقال", style="Title")
    anchor = document.add_paragraph("فقرة فيها صندوق نص.")
    run = _element("w:r", anchor._p)
    alternate = etree.SubElement(run, f"{{{_MC}}}AlternateContent")
    choice = etree.SubElement(alternate, f"{{{_MC}}}Choice", Requires="wps")
    shape = etree.SubElement(etree.SubElement(_element("w:drawing", choice), f"{{{_WPS}}}wsp"), f"{{{_WPS}}}txbx")
    shape.append(_box("نص داخل الصندوق."))
    fallback = etree.SubElement(alternate, f"{{{_MC}}}Fallback")
    etree.SubElement(etree.SubElement(_element("w:pict", fallback), f"{{{_V}}}rect"), f"{{{_V}}}textbox").append(
        _box("نص داخل الصندوق.")
    )
    old = document.add_paragraph("فقرة بصندوق قديم.")
    old_run = _element("w:r", old._p)
    etree.SubElement(etree.SubElement(_element("w:pict", old_run), f"{{{_V}}}rect"), f"{{{_V}}}textbox").append(
        _box("نص الصندوق القديم.")
    )
    outer = document.add_table(rows=1, cols=1)
    outer.cell(0, 0).text = "خلية خارجية."
    inner = outer.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "خلية داخلية أولى."
    inner.cell(0, 1).text = "خلية داخلية ثانية."
    document.add_paragraph("الفقرة الأخيرة.")
    document.sections[0].header.paragraphs[0].text = "اسم الصحيفة"
    notes = (
        f'<w:footnotes xmlns:w="{_W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>حاشية عن المصدر.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, notes, document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(str(path))


def test_text_boxes_nested_tables_and_notes_are_read_and_headers_reported(work_dir):
    source = work_dir / "story.docx"
    _word_story(source)
    outcome = _inspect(source, "--json")
    assert_ok(outcome)
    assert _texts(outcome.stdout) == [
        "عنوان المقال",
        "فقرة فيها صندوق نص.",
        "نص داخل الصندوق.",  # once: the VML fallback copy is not read again
        "فقرة بصندوق قديم.",
        "نص الصندوق القديم.",
        "خلية خارجية.",
        "خلية داخلية أولى.",
        "خلية داخلية ثانية.",
        "الفقرة الأخيرة.",
        "حاشية عن المصدر.",
    ]
    assert f"Warning: {source}: 1 header/footer paragraph(s) not translated" in outcome.stderr


def test_comments_charts_and_smartart_are_reported_not_dropped_silently(work_dir):
    """Text the reader does not translate (a reviewer's comment, a chart's labels, SmartArt)
    is named in one warning each, with counts; the body is read as usual."""
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    source = work_dir / "commented.docx"
    document = docx.Document()
    document.add_paragraph("عنوان المقال")
    paragraph = document.add_paragraph("فقرة عليها تعليق.")
    document.add_comment(paragraph.runs, text="راجع هذا الرقم.", author="محرر")
    document.add_comment(paragraph.runs, text="", author="محرر")  # empty: nothing left out
    for number, (kind, content_type) in enumerate(
        [
            ("chart", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"),
            ("chart", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"),
            ("diagramData", "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"),
        ]
    ):
        part = Part(PackURI(f"/word/{kind}{number}.xml"), content_type, b"<x/>", document.part.package)
        document.part.relate_to(part, f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}")
    document.save(str(source))
    outcome = _inspect(source, "--json")
    assert_ok(outcome)
    assert _texts(outcome.stdout) == ["عنوان المقال", "فقرة عليها تعليق."]
    assert f"Warning: {source}: 1 comment(s) not translated" in outcome.stderr
    assert f"Warning: {source}: text in 2 chart(s), 1 SmartArt graphic(s) not translated" in outcome.stderr


def _with_doctype(path, doctype: str, replace: dict[str, str]) -> None:
    """Rewrite a saved .docx's document.xml with a DOCTYPE and some text swapped in."""
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    start = xml.index("?>") + 2
    xml = xml[:start] + doctype + xml[start:]
    for old, new in replace.items():
        xml = xml.replace(old, new)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def test_a_custom_entity_keeps_the_text_around_it(work_dir):
    source = work_dir / "entity.docx"
    document = docx.Document()
    document.add_paragraph("العنوان")
    document.add_paragraph("PLACEHOLDER")
    document.save(str(source))
    _with_doctype(
        source,
        '<!DOCTYPE w:document [<!ENTITY agency "وكالة الأنباء">]>',
        {"PLACEHOLDER": "قالت &agency; إن الوفد وصل."},
    )
    outcome = _inspect(source, "--json")
    assert_ok(outcome)
    assert _texts(outcome.stdout) == ["العنوان", "قالت وكالة الأنباء إن الوفد وصل."]


def test_nested_entities_are_never_expanded(work_dir):
    """A "billion laughs" document: ten levels of ten references each."""
    source = work_dir / "laughs.docx"
    document = docx.Document()
    document.add_paragraph("العنوان")
    document.add_paragraph("PLACEHOLDER")
    document.save(str(source))
    levels = ['<!ENTITY l0 "هاها">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    _with_doctype(source, f"<!DOCTYPE w:document [{''.join(levels)}]>", {"PLACEHOLDER": "قبل &l9; بعد"})
    outcome = _inspect(source, "--json")
    if outcome.code == 0:  # read with the reference left out, never expanded
        assert _texts(outcome.stdout) == ["العنوان", "قبل  بعد"]
    else:  # or refused by libxml2's own amplification check: one line, no traceback
        assert_one_line_error(outcome, f"{source}: not a readable Word document", code=2)


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--beam", "100000", "100000 is not in the range 1<=x<=16"),
        ("--beam", "0", "0 is not in the range 1<=x<=16"),
        ("--beam", "-3", "-3 is not in the range 1<=x<=16"),
        ("--threads", "0", "0 is not in the range 1<=x<=64"),
        ("--threads", "100000", "100000 is not in the range 1<=x<=64"),
        ("--threads", "9" * 30, "is not in the range 1<=x<=64"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(installed_model, work_dir, option, value, message):
    source = work_dir / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run(
        cli_command("translate", source, option, value, "--no-glossary"),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_bounded(4 << 30),
    )
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in work_dir.iterdir()) == ["article.txt"]


def test_ranges_are_documented_in_help():
    proc = subprocess.run(cli_command("translate", "--help"), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    assert "1<=x<=16" in text and "1<=x<=64" in text and "BILINGUAL_MAX_INPUT_MB" in text
