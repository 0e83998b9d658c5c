"""The translation run with a scripted engine (to pin the logic) and a real SQLite memory."""

import pytest

from bilingual.document import Document, NameHit
from bilingual.reading.layout import parse_text
from bilingual.translation.engine import RawTranslation
from bilingual.translation.memory import TranslationMemory
from bilingual.translation.pipeline import translate_documents

TEXT = "بيسكوف يزور كييف\n\nقال بيسكوف إن الزيارة مهمة. وأضاف أن كييف ترحب.\n"


class ScriptedEngine:
    """Returns fixed English for known sentences (a filler otherwise); records what it was asked."""

    identity = "scripted-v1"
    label = "scripted"

    def __init__(self, script: dict[str, str]):
        self.script = script
        self.calls: list[list[str]] = []

    def translate(self, sentences, *, attention=False, on_result=None):
        self.calls.append(list(sentences))
        out = []
        for i, sentence in enumerate(sentences):
            raw = RawTranslation(self.script.get(sentence, "Something else entirely."), [], [])
            if on_result:
                on_result(i, raw)
            out.append(raw)
        return out


SCRIPT = {
    "بيسكوف يزور كييف": "Peskoff visits Kiev",
    "قال بيسكوف إن الزيارة مهمة.": "Peskov said the visit was important.",
    "وأضاف أن كييف ترحب.": "He added that the capital welcomes it.",
}


def annotated_document() -> Document:
    articles = parse_text(TEXT)
    doc = Document("t.txt", articles)
    for block in doc.blocks:  # what the matcher would find
        for surface, english, kind in (("بيسكوف", "Peskov", "person"), ("كييف", "Kyiv", "place")):
            start = block.text.find(surface)
            while start != -1:
                block.names.append(NameHit(start, start + len(surface), "", surface, surface, english, kind))
                start = block.text.find(surface, start + 1)
        block.names.sort(key=lambda h: h.start)
    return doc


def test_every_block_translated_and_every_hit_has_a_status(tmp_path):
    engine = ScriptedEngine(SCRIPT)
    (tdoc,), summary = translate_documents([annotated_document()], engine, TranslationMemory(tmp_path / "m.db"))
    blocks = tdoc.articles[0].blocks
    assert [tb.translation for tb in blocks] == [
        "Peskov visits Kyiv",
        "Peskov said the visit was important. He added that the capital welcomes it.",
    ]
    statuses = [(r.hit.english, r.status) for tb in blocks for r in tb.names]
    assert statuses == [("Peskov", "repaired"), ("Kyiv", "repaired"), ("Peskov", "kept"), ("Kyiv", "missing")]
    assert summary.names == {"kept": 1, "repaired": 2, "missing": 1}
    assert summary.sentences == 3 and summary.from_memory == 0


def test_all_sentences_go_to_the_engine_in_one_call():
    engine = ScriptedEngine(SCRIPT)
    docs = [annotated_document(), annotated_document()]
    translate_documents(docs, engine, None)
    assert sorted(engine.calls[0]) == sorted(SCRIPT)  # deduplicated too
    # then one more call, only for the sentence whose name is still missing (stand-ins)
    assert engine.calls[1:] == [["وأضاف أن لندن ترحب."]]


def test_a_missing_name_is_recovered_with_a_stand_in(tmp_path):
    script = {**SCRIPT, "وأضاف أن لندن ترحب.": "He added that London welcomes it."}
    (tdoc,), summary = translate_documents([annotated_document()], ScriptedEngine(script), None)
    segment = tdoc.articles[0].blocks[1].segments[1]
    assert segment.target == "He added that Kyiv welcomes it."
    assert [(r.hit.english, r.status) for r in segment.names] == [("Kyiv", "repaired")]
    assert summary.names == {"kept": 1, "repaired": 3, "missing": 0}


def test_a_stand_in_that_does_not_come_back_changes_nothing():
    script = {**SCRIPT, "وأضاف أن لندن ترحب.": "He added that the British capital welcomes it."}
    (tdoc,), _ = translate_documents([annotated_document()], ScriptedEngine(script), None)
    segment = tdoc.articles[0].blocks[1].segments[1]
    assert segment.target == "He added that the capital welcomes it."
    assert segment.names[0].status == "missing"


def test_second_run_is_served_from_memory_and_names_are_enforced_again(tmp_path):
    memory = TranslationMemory(tmp_path / "m.db")
    translate_documents([annotated_document()], ScriptedEngine(SCRIPT), memory)
    engine = ScriptedEngine(SCRIPT)
    (tdoc,), summary = translate_documents([annotated_document()], engine, memory)
    assert engine.calls == []
    assert summary.from_memory == summary.sentences == 3
    assert tdoc.articles[0].blocks[0].translation == "Peskov visits Kyiv"
    segment = tdoc.articles[0].blocks[0].segments[0]
    assert segment.from_memory and segment.raw == "Peskoff visits Kiev"


def test_memory_keeps_sentences_finished_before_an_interruption(tmp_path):
    class Interrupted(ScriptedEngine):
        def translate(self, sentences, *, attention=False, on_result=None):
            on_result(0, RawTranslation(self.script[sentences[0]], [], []))
            raise KeyboardInterrupt

    memory = TranslationMemory(tmp_path / "m.db")
    with pytest.raises(KeyboardInterrupt):
        translate_documents([annotated_document()], Interrupted(SCRIPT), memory)
    engine = ScriptedEngine(SCRIPT)
    _, summary = translate_documents([annotated_document()], engine, memory)
    assert summary.from_memory == 1 and len(engine.calls[0]) == 2


def test_json_and_docx_mark_the_same_english_name_spans(tmp_path):
    """One source of name spans: every kept/repaired name in the JSON (translation offsets)
    is a bold run in the DOCX of the same run, and nothing else is. "Kremlin" for the
    glossary's "the Kremlin" is a kept name like any other; the stand-in repair and a
    repaired variant shift offsets, which both outputs must follow."""
    import json

    import docx as python_docx

    from bilingual.api import write_docx, write_json

    text = "الكرملين وبيسكوف\n\nقال بيسكوف في الكرملين إن كييف مهمة."
    doc = Document("t.txt", parse_text(text))
    names = (("الكرملين", "the Kremlin", "org"), ("بيسكوف", "Dmitry Peskov", "person"), ("كييف", "Kyiv", "place"))
    for block in doc.blocks:
        for surface, english, kind in names:
            start = block.text.find(surface)
            while start != -1:
                block.names.append(NameHit(start, start + len(surface), "", surface, surface, english, kind))
                start = block.text.find(surface, start + 1)
        block.names.sort(key=lambda h: h.start)
    script = {
        "الكرملين وبيسكوف": "Kremlin and Dmitry Peskoff",
        "قال بيسكوف في الكرملين إن كييف مهمة.": "Peskov said at the Kremlin that Kiev is important.",
    }
    (tdoc,), _ = translate_documents([doc], ScriptedEngine(script), None)
    write_json(tdoc, tmp_path / "t.json")
    write_docx(tdoc, tmp_path / "t.docx")

    data = json.loads((tmp_path / "t.json").read_text())
    from_json = []  # per block: the English of each kept/repaired name, by the JSON's offsets
    for block in data["articles"][0]["blocks"]:
        spans = [(n["translation_start"], n["translation_end"]) for n in block["names"] if n["status"] != "missing"]
        from_json.append([block["translation"][a:b] for a, b in spans])
    assert from_json == [["Kremlin", "Dmitry Peskov"], ["Dmitry Peskov", "Kremlin", "Kyiv"]]

    table = python_docx.Document(str(tmp_path / "t.docx")).tables[0]
    english_column = 0  # default layout: English | العربية
    runs = [[run for p in row.cells[english_column].paragraphs for run in p.runs] for row in table.rows[1:]]
    # A headline row is bold throughout: there a name is a run of its own.
    assert set(from_json[0]) <= {run.text for run in runs[0]}
    assert [run.text for run in runs[1] if run.bold] == from_json[1]
