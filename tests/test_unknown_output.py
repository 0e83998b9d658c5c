"""Names no glossary row covers reach the reviewer (issue 14 item 3): `Block.unknown` is filled
where glossary hits are marked, each unknown name gets an English guess after translation (the
model's aligned words when an alignment exists, else the transliteration), the DOCX marks and
flags it, the JSON lists it, `inspect --unknown` shows it. The sentences are our own."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from cli_driver import assert_ok, run
from lxml import etree

from bilingual import api
from bilingual.document import Document
from bilingual.names.transliterate import from_alignment
from bilingual.outputs.docx.ooxml import RPR_ORDER, W_NS
from bilingual.outputs.docx.package import read_package_parts
from bilingual.outputs.docx.render import render_docx
from bilingual.translation.alignment import Alignment
from bilingual.translation.memory import TranslationMemory
from bilingual.translation.pipeline import translate_documents
from bilingual.translation.tokenizers import SentencePieceTokenizer
from bilingual.translation.unknown import source_span

NS = {"w": W_NS}
HEADLINE = "زيارة رسمية إلى العاصمة"
# Two sentences in one block: the unknown name of the second one has block offsets far from
# its sentence offsets, and a comma glued to it that the tokenizer splits off.
FIRST = "وصل الوفد إلى العاصمة صباح اليوم."
SECOND = "وقال الوزير الفنلندي ماتي كورهونين، إن المحادثات ستستمر حتى نهاية الشهر."
NAME = "ماتي كورهونين"
ARTICLE = f"{HEADLINE}\n\n{FIRST} {SECOND}\n"
COACH = "وأكد المدرب البرتغالي جواكيم فرنانديز أن فريقه جاهز للمباراة."


def documents(tmp_path: Path, text: str = ARTICLE) -> list[Document]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return api.inspect([path], glossaries=[])


def unknown_texts(document: Document) -> list[str]:
    return [b.text[u.start : u.end] for b in document.blocks for u in b.unknown]


# --- where glossary hits are marked -----------------------------------------------------------


def test_inspect_fills_block_unknown_after_the_hits_and_can_skip_it(tmp_path):
    document = documents(tmp_path)[0]
    assert unknown_texts(document) == [NAME]
    unknown = document.blocks[1].unknown[0]
    assert (unknown.kind, unknown.source) == ("person", "cue")
    assert unknown.guess and unknown.guess[0].isupper()  # the transliteration, before any model ran
    path = tmp_path / "article.txt"
    assert all(not b.unknown for b in api.inspect([path], glossaries=[], unknown=False)[0].blocks)


def test_a_glossary_name_is_no_unknown_name(tmp_path):
    glossary = tmp_path / "house.csv"
    glossary.write_text(f"arabic,english,kind\n{NAME},Matti Korhonen,person\n", encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = api.inspect([path], glossaries=[glossary])[0]
    assert [h.english for h in document.blocks[1].names] == ["Matti Korhonen"]
    assert unknown_texts(document) == []


# --- block offsets onto the alignment's text --------------------------------------------------


def test_source_span_maps_sentence_offsets_onto_the_pieces_text():
    sentence = "قال  الوزير ماتي كورهونين، إن"
    pieces = ["▁قال", "▁الوزير", "▁ما", "تي", "▁كور", "هو", "نين", "▁،", "▁إن"]
    alignment = Alignment.from_links(pieces, ["▁Said"], [0], SentencePieceTokenizer)
    assert alignment.source_text == "قال الوزير ماتي كورهونين ، إن"  # one space, the comma split off
    start = sentence.index(NAME)
    at, end = source_span(sentence, start, start + len(NAME), alignment)
    assert alignment.source_text[at:end] == NAME
    # characters the tokenizer changed: the name is searched for instead
    changed = Alignment.from_links(["▁قال", "▁&amp;", *pieces[2:]], ["▁Said"], [0], SentencePieceTokenizer)
    at, end = source_span(sentence, start, start + len(NAME), changed)
    assert changed.source_text[at:end] == NAME


# --- the English guess after translation ----------------------------------------------------


def _target_pieces(engine, english: str) -> list[str]:
    return engine.tokenizer.encode(english)


def test_the_guess_comes_from_the_aligned_english_when_an_alignment_exists(tmp_path, tiny_engine):
    """A real tokenizer, a real SQLite memory holding an alignment: the capitalized English
    words linked to the name's pieces are the guess (the same path a fresh translation takes)."""
    docs = documents(tmp_path)
    source = tiny_engine.tokenizer.encode(SECOND)
    english = "The Finnish minister Matti Korhonen said the talks would go on"
    target = _target_pieces(tiny_engine, english)
    source_text, spans = SentencePieceTokenizer.piece_spans(source)
    name_at = source_text.index(NAME)
    name_pieces = [k for k, (a, b) in enumerate(spans) if a < name_at + len(NAME) and name_at < b]
    target_text, target_spans = SentencePieceTokenizer.piece_spans(target)
    first_name = target_text.index("Matti")
    links = []
    for start, _end in target_spans:  # "Matti Korhonen" → the name's pieces; the rest → the first piece
        inside = first_name <= start < first_name + len("Matti Korhonen")
        links.append(name_pieces[0] if inside else 0)
    alignment = Alignment.from_links(source, target, links, tiny_engine.tokenizer)
    memory = TranslationMemory(tmp_path / "memory.sqlite")
    try:
        memory.put(tiny_engine.identity, SECOND, english, alignment.to_json())
        translated, _ = translate_documents(docs, tiny_engine, memory)
    finally:
        memory.close()
    segment = translated[0].articles[0].blocks[1].segments[1]
    assert segment.origin == "memory" and segment.target == english  # never changed by the guess
    [result] = segment.unknown
    assert (result.arabic, result.guess, result.guess_source) == (NAME, "Matti Korhonen", "alignment")
    assert result.name.start == docs[0].blocks[1].text.index(NAME)  # block offsets are kept


def test_a_real_model_run_guesses_from_its_own_attention(tmp_path, tiny_engine):
    """The tiny model translates nonsense, but its attention is real: where the aligned target
    words hold capitalized ones, they are the guess; elsewhere the transliteration is."""
    text = f"{HEADLINE}\n\n{SECOND} {COACH}\n"
    docs = documents(tmp_path, text)
    translated, _ = translate_documents(docs, tiny_engine, None)
    results = [u for s in translated[0].articles[0].blocks[1].segments for u in s.unknown]
    assert [r.arabic for r in results] == [NAME, "جواكيم فرنانديز"]
    for sentence, result in zip((SECOND, COACH), results):
        raw = tiny_engine.translate([sentence], attention=True)[0]
        alignment = Alignment.from_attention(raw.source_pieces, raw.target_pieces, raw.attention, tiny_engine.tokenizer)
        at = alignment.source_text.index(result.arabic)
        expected = from_alignment(alignment, at, at + len(result.arabic))
        if expected is not None and len(expected.split()) <= len(result.arabic.split()) + 2:
            assert (result.guess, result.guess_source) == (expected, "alignment")
            target_words = {w.strip(".,;:!?\"'()") for w in alignment.target_text.split()}
            assert all(word in target_words and word[0].isupper() for word in result.guess.split())
        else:
            assert result.guess_source == "transliteration"
    assert "alignment" in {r.guess_source for r in results}  # the seeded model aligns one of them


def _translated_without_alignment(tmp_path, engine):
    """The article translated with SECOND's English in the memory but no alignment stored."""
    docs = documents(tmp_path)
    memory = TranslationMemory(tmp_path / "memory.sqlite")
    try:
        memory.put(engine.identity, SECOND, "Minister Matti Korhonen said the talks would go on.", None)
        translated, summary = translate_documents(docs, engine, memory)
    finally:
        memory.close()
    return docs, translated, summary


def test_without_an_alignment_the_transliteration_is_the_guess(tmp_path, tiny_engine):
    docs, translated, summary = _translated_without_alignment(tmp_path, tiny_engine)
    [result] = translated[0].articles[0].blocks[1].segments[1].unknown
    assert result.guess_source == "transliteration"
    assert result.guess == docs[0].blocks[1].unknown[0].guess
    assert summary.unknown == 1 and "missing, 1 not in the glossary;" in summary.line()


# --- what the reviewer gets ------------------------------------------------------------------


@pytest.fixture
def translated(tmp_path, tiny_engine):
    return _translated_without_alignment(tmp_path, tiny_engine)[1][0]


def _xml(path: Path, part: str = "document"):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(read_package_parts(archive)[part])


@pytest.mark.parametrize("rows", ["block", "sentence"])
def test_the_docx_marks_the_name_and_flags_it_with_the_guess(tmp_path, translated, rows):
    from bilingual.outputs.docx.options import RenderOptions

    path = render_docx(translated, tmp_path / f"{rows}.docx", RenderOptions(rows=rows))
    root = _xml(path)
    dotted = root.xpath("(//w:tbl)[1]//w:r[w:rPr/w:u/@w:val='dotted']", namespaces=NS)  # the article's table
    assert ["".join(r.xpath("./w:t/text()", namespaces=NS)) for r in dotted] == [NAME]
    run = dotted[0]
    assert not run.xpath("./w:rPr/w:b", namespaces=NS)  # not bold: bold says "glossary name"
    order = [etree.QName(child).localname for child in run.xpath("./w:rPr/*", namespaces=NS)]
    assert order == sorted(order, key=RPR_ORDER.index)  # schema order, so Word opens it
    start = run.getprevious()
    assert etree.QName(start).localname == "commentRangeStart"
    comments = {c.get(f"{{{W_NS}}}id"): "".join(c.xpath(".//w:t/text()", namespaces=NS)) for c in _comments(path)}
    flag = comments[start.get(f"{{{W_NS}}}id")]
    guess = translated.articles[0].blocks[1].unknown[0].guess
    assert flag.startswith(f"Unknown name: «{NAME}» is not in the glossary — guess “{guess}” (transliteration)")
    legend = [p.text for p in docx.Document(str(path)).paragraphs if "Dotted: a name not in the glossary" in p.text]
    assert len(legend) == 1  # one article, one legend line
    assert len(docx.Document(str(path)).comments) == 1  # python-docx reads it back
    names = docx.Document(str(path)).tables[-1]  # the closing Names table lists it too
    assert [c.text for c in names.rows[-1].cells] == [guess, NAME, "1", "not in glossary; guess from transliteration"]


def _comments(path: Path):
    return _xml(path, "comments").xpath("//w:comment", namespaces=NS)


def test_the_json_lists_unknown_names_per_block_and_segment(tmp_path, translated):
    out = tmp_path / "article.json"
    api.write_json(translated, out)
    block = json.loads(out.read_text(encoding="utf-8"))["articles"][0]["blocks"][1]
    [entry] = block["unknown_names"]
    assert entry == {
        "arabic": NAME,
        "start": block["text"].index(NAME),
        "end": block["text"].index(NAME) + len(NAME),
        "kind": "person",
        "source": "cue",
        "guess": entry["guess"],
        "guess_source": "transliteration",
    }
    assert block["text"][entry["start"] : entry["end"]] == NAME
    assert [s["unknown_names"] for s in block["segments"]] == [[], [entry]]


def test_translate_json_from_the_command_line_carries_them(installed_model, work_dir):
    (work_dir / "article.txt").write_text(ARTICLE, encoding="utf-8")
    assert_ok(run("translate", "article.txt", "--no-glossary", "-o", "article.json", cwd=work_dir))
    blocks = json.loads((work_dir / "article.json").read_text(encoding="utf-8"))["articles"][0]["blocks"]
    [entry] = [u for b in blocks for u in b["unknown_names"]]
    assert entry["arabic"] == NAME and entry["guess_source"] in ("alignment", "transliteration")
    assert re.fullmatch(r"[A-Z][\w' .-]*", entry["guess"])


def test_inspect_lists_them_when_asked_and_json_always_has_them(work_dir):
    (work_dir / "article.txt").write_text(ARTICLE, encoding="utf-8")
    plain = run("inspect", "article.txt", "--no-glossary", cwd=work_dir)
    assert_ok(plain)
    assert "not in the glossary" not in plain.output
    asked = run("inspect", "article.txt", "--no-glossary", "--unknown", cwd=work_dir)
    assert_ok(asked)
    [line] = [line for line in asked.output.splitlines() if "not in the glossary" in line]
    assert f"{NAME} → " in line and line.endswith("?")
    as_json = run("inspect", "article.txt", "--no-glossary", "--json", cwd=work_dir)
    assert_ok(as_json)
    blocks = json.loads(as_json.output)["articles"][0]["blocks"]
    assert [u["arabic"] for b in blocks for u in b["unknown_names"]] == [NAME]
    assert blocks[1]["unknown_names"][0]["guess_source"] == "transliteration"


@pytest.mark.parametrize("unit", ["sentence", "block"])
def test_reviewed_english_gets_the_transliteration(tmp_path, tiny_engine, unit):
    """No model ran for a reviewer's English (a sentence, or a whole block on its first
    segment): the name is still flagged, with the transliteration."""
    from bilingual.translation.memory import Reviewed

    docs = documents(tmp_path)
    source = SECOND if unit == "sentence" else docs[0].blocks[1].text
    memory = TranslationMemory(tmp_path / "memory.sqlite")
    try:
        memory.put_reviewed_many([Reviewed(source, "Finnish minister Matti Korhonen said talks go on.", unit=unit)])
        translated, _ = translate_documents(docs, tiny_engine, memory)
    finally:
        memory.close()
    segments = translated[0].articles[0].blocks[1].segments
    where = 1 if unit == "sentence" else 0
    assert segments[where].origin == "reviewed"
    [result] = segments[where].unknown
    assert (result.arabic, result.guess_source) == (NAME, "transliteration")
    assert [len(s.unknown) for s in segments] == ([0, 1] if unit == "sentence" else [1, 0])


def test_unknown_names_are_the_same_when_the_matcher_comes_from_the_cache(work_dir):
    """The first run compiles the starter glossary's matcher and caches it; the second reads
    the cache, whose packed common-word table the unknown-name rules then share. Both runs
    must report the same unknown names."""
    (work_dir / "article.txt").write_text(f"{ARTICLE}\n{COACH}\n", encoding="utf-8")

    def unknown_names() -> list[dict]:
        outcome = run("inspect", "article.txt", "--json", cwd=work_dir)
        assert_ok(outcome)
        blocks = json.loads(outcome.output)["articles"][0]["blocks"]
        return [u for b in blocks for u in b["unknown_names"]]

    built = unknown_names()
    assert list((Path(os.environ["XDG_CACHE_HOME"]) / "bilingual" / "glossary").glob("*.matcher"))
    assert unknown_names() == built
    assert {u["arabic"] for u in built} >= {NAME, "جواكيم فرنانديز"}


def test_the_xliff_carries_a_note_per_unknown_name_and_stays_valid(tmp_path, translated):
    """A CAT tool user sees the same warning as a DOCX reviewer: a note on the unit."""
    from lxml import etree as et

    path = api.write_xliff(translated, tmp_path / "article.xlf")
    tree = et.parse(str(path))
    schema = et.XMLSchema(et.parse(str(Path(__file__).parent / "data" / "schemas" / "xliff-core-1.2-strict.xsd")))
    assert schema.validate(tree), schema.error_log
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    notes = [
        (unit.findtext("x:source", namespaces=ns), note.text)
        for unit in tree.iterfind(".//x:trans-unit", ns)
        for note in unit.iterfind("x:note[@from='bilingual']", ns)
    ]
    assert len(notes) == 1
    source, text = notes[0]
    assert NAME in source and text.startswith(f"Unknown name: «{NAME}»") and "(transliteration)" in text
