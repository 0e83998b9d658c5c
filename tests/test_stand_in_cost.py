"""What the stand-in pass costs and buys, pinned with scripted models (no real model).

The pass retranslates sentences whose names are still missing. On a model that renders
stand-ins that buys repairs; on one that drops them it only doubles the run. So it starts
with a probe of the shortest sentences and remembers the verdict per model in the memory.
"""

from __future__ import annotations

from bilingual.document import Document, NameHit
from bilingual.reading.layout import parse_text
from bilingual.translation.engine import RawTranslation
from bilingual.translation.memory import TranslationMemory
from bilingual.translation.pipeline import translate_documents
from bilingual.translation.standins import PROBE_SENTENCES, StandInStats

WORDS = ["الاجتماع", "الاتفاق", "القرار", "الموعد", "التقرير", "المشروع", "البيان", "الحوار", "الملف", "الوفد"]


def sentences(n: int, offset: int = 0) -> list[str]:
    # distinct sentences of growing length, each naming بيسكوف once
    return [f"قال بيسكوف إن {' '.join(WORDS[: 1 + (i % 9)])} رقم {i + offset} مهم." for i in range(n)]


def document(lines: list[str]) -> Document:
    doc = Document("t.txt", parse_text("\n\n".join(lines) + "\n"))
    for block in doc.blocks:
        start = block.text.find("بيسكوف")
        while start != -1:
            block.names.append(NameHit(start, start + 6, "", "بيسكوف", "بيسكوف", "Peskov", "person"))
            start = block.text.find("بيسكوف", start + 1)
    return doc


class Model:
    """Drops every name; renders the person stand-in (جون سميث → John Smith) only if `renders`."""

    label = "scripted"

    def __init__(self, renders: bool, identity: str = "scripted-v1"):
        self.renders = renders
        self.identity = identity
        self.calls: list[list[str]] = []
        self.attention: list[bool] = []

    def translate(self, batch, *, attention=False, on_result=None):
        self.calls.append(list(batch))
        self.attention.append(attention)
        out = []
        for i, source in enumerate(batch):
            text = "John Smith said it matters." if self.renders and "جون سميث" in source else "He said it matters."
            raw = RawTranslation(text, [], [])
            if on_result:
                on_result(i, raw)
            out.append(raw)
        return out


def statuses(tdoc) -> list[str]:
    return [r.status for a in tdoc.articles for b in a.blocks for r in b.names]


def test_a_model_that_renders_stand_ins_gets_every_name_repaired():
    model = Model(renders=True)
    (tdoc,), summary = translate_documents([document(sentences(12))], model, None)
    assert statuses(tdoc) == ["repaired"] * 12
    assert all(s.target == "Peskov said it matters." for a in tdoc.articles for b in a.blocks for s in b.segments)
    first, probe, rest = model.calls
    assert len(first) == 12 and len(probe) == 3 and len(rest) == 9  # a quarter first, then the rest
    assert max(map(len, probe)) <= min(map(len, rest))  # the probe is the shortest sentences


def test_a_model_that_drops_stand_ins_costs_only_the_probe():
    model = Model(renders=False)
    (tdoc,), _ = translate_documents([document(sentences(20))], model, None)
    assert statuses(tdoc) == ["missing"] * 20  # flagged for the reviewer, as without the pass
    first, probe = model.calls
    assert len(first) == 20 and len(probe) == PROBE_SENTENCES
    assert sum(map(len, probe)) < 0.25 * sum(map(len, first))


def test_the_verdict_is_remembered_per_model(tmp_path):
    memory = TranslationMemory(tmp_path / "m.db")
    dropper = Model(renders=False)
    translate_documents([document(sentences(20))], dropper, memory)
    assert StandInStats.load(memory, dropper) == StandInStats(PROBE_SENTENCES, 0)
    again = Model(renders=False)
    translate_documents([document(sentences(8, offset=100))], again, memory)
    assert len(again.calls) == 1  # known not to render stand-ins: no second pass at all

    renders = Model(renders=True, identity="other-model")
    translate_documents([document(sentences(20))], renders, memory)
    assert StandInStats.load(memory, renders) == StandInStats(PROBE_SENTENCES, PROBE_SENTENCES)
    later = Model(renders=True, identity="other-model")
    (tdoc,), _ = translate_documents([document(sentences(8, offset=200))], later, memory)
    assert [len(c) for c in later.calls] == [8, 8]  # known to work: one call, no probe
    assert statuses(tdoc) == ["repaired"] * 8


def test_remembered_stand_in_translations_are_used_even_when_the_pass_is_skipped(tmp_path):
    memory = TranslationMemory(tmp_path / "m.db")
    text = sentences(12)
    translate_documents([document(text)], Model(renders=True), memory)  # all stand-ins stored
    StandInStats(10, 0).save(memory, Model(renders=True))  # then the verdict turns against it
    model = Model(renders=True)
    (tdoc,), summary = translate_documents([document(text)], model, memory)
    assert model.calls == [] and summary.from_memory == 12
    assert statuses(tdoc) == ["repaired"] * 12


def test_a_small_run_is_judged_by_its_own_probe():
    model = Model(renders=True)
    (tdoc,), _ = translate_documents([document(sentences(2))], model, None)
    assert [len(c) for c in model.calls] == [2, 1, 1]
    assert statuses(tdoc) == ["repaired"] * 2
    dropper = Model(renders=False)
    translate_documents([document(sentences(2))], dropper, None)
    assert [len(c) for c in dropper.calls] == [2, 1]


def test_attention_is_asked_for_only_where_it_can_be_used(tmp_path):
    """Attention costs the model about 5% more: it is worth it for sentences with names, or
    when the memory keeps the alignment for a later run; stand-in translations never use it."""
    model = Model(renders=True)
    translate_documents([document(sentences(8))], model, None)
    assert model.attention == [True, False, False]  # first pass (names), probe, rest
    plain = Document("p.txt", parse_text("قال الوزير إن الاجتماع انتهى.\n"))
    model = Model(renders=True)
    translate_documents([plain], model, None)
    assert model.attention == [False]  # no names, no memory: nothing would use it
    model = Model(renders=True)
    translate_documents([plain], model, TranslationMemory(tmp_path / "m.db"))
    assert model.attention == [True]  # kept in the memory for a later run with a glossary
