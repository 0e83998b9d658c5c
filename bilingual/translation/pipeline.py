"""The translation run: read → segment → match names → translate → enforce names.

Names are enforced in two passes: first on the model's own translation (kept, repaired
from a variant or the attention alignment), then, for sentences with names still missing,
on a second translation with stand-ins in place of those names (bilingual.translation.enforce).

All sentences of all inputs go to the engine in one call (after the translation memory has
answered what it already knows), so CTranslate2 can sort and batch the whole run. Each
finished sentence is saved to the memory as soon as the engine returns it, which is what
makes an interrupted run resumable. The memory stores the model's raw output; names are
enforced on every run, so a glossary edit takes effect without retranslating.
"""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from bilingual.document import Block, Document, NameHit, Sentence
from bilingual.translation.alignment import Alignment
from bilingual.translation.enforce import (
    StandInPlan,
    apply_stand_ins,
    enforce_names,
    plan_stand_ins,
    shift_hit,
)
from bilingual.translation.segments import (
    NameResult,
    RunInfo,
    Segment,
    TranslatedArticle,
    TranslatedBlock,
    TranslatedDocument,
)


class Engine(Protocol):
    """What the pipeline needs from a translation engine (bilingual.translation.engine.Engine)."""

    @property
    def identity(self) -> str: ...

    def translate(self, sentences: list[str], *, attention: bool = False, on_result=None) -> list: ...


class Memory(Protocol):
    def get_entries(self, keyspace: str, sources: list[str]) -> dict[str, tuple[str, str | None]]: ...

    def put(self, keyspace: str, source: str, target: str, alignment: str | None = None) -> None: ...


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    from_memory: int = 0
    translated: int = 0
    names: dict[str, int] = field(default_factory=lambda: {"kept": 0, "repaired": 0, "missing": 0})
    seconds: float = 0.0

    def line(self) -> str:
        n = self.names
        return (
            f"{self.articles} article(s), {self.sentences} sentence(s) "
            f"({self.from_memory} from memory, {self.translated} translated); "
            f"names: {n['kept']} kept, {n['repaired']} repaired, {n['missing']} missing; "
            f"{self.seconds:.1f} s"
        )


@dataclass
class _Translation:
    text: str
    from_memory: bool
    alignment: Alignment | None = None


def _sentence_hits(block: Block, sentence: Sentence) -> list[NameHit]:
    """Hits that start inside this sentence (a name never straddles two sentences, but if
    one did it would belong to the sentence it starts in)."""
    return [h for h in block.names if sentence.start <= h.start < sentence.end]


def _unique_sources(documents: list[Document]) -> list[str]:
    seen: dict[str, None] = {}
    for document in documents:
        for block in document.blocks:
            for sentence in block.sentences:
                seen.setdefault(sentence.text, None)
    return list(seen)


def translate_sentences(
    sources: list[str],
    engine: Engine,
    memory: Memory | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, _Translation]:
    """Every unique source sentence → its raw English, from the memory or the engine."""
    known = memory.get_entries(engine.identity, sources) if memory is not None else {}
    marks = getattr(engine, "tokenizer", None)  # scripted engines in tests have none
    results = {
        s: _Translation(target, from_memory=True, alignment=Alignment.from_json(alignment, marks))
        for s, (target, alignment) in known.items()
    }
    missing = [s for s in sources if s not in known]
    done = 0

    def finished(index: int, raw) -> None:
        nonlocal done
        alignment = _alignment(raw, marks)
        results[missing[index]] = _Translation(raw.text, from_memory=False, alignment=alignment)
        if memory is not None:
            memory.put(engine.identity, missing[index], raw.text, alignment.to_json() if alignment else None)
        done += 1
        if on_progress is not None:
            on_progress(done, len(missing))

    if missing:
        engine.translate(missing, attention=True, on_result=finished)
    return results


def _alignment(raw, marks) -> Alignment | None:
    if not getattr(raw, "attention", None) or marks is None:
        return None
    return Alignment.from_attention(raw.source_pieces, raw.target_pieces, raw.attention, marks)


def _first_pass(block: Block, translations: dict[str, _Translation]) -> list[Segment]:
    """Each sentence's English with names checked and repaired (layers 1–3)."""
    segments = []
    for sentence in block.sentences:
        translation = translations[sentence.text]
        block_hits = _sentence_hits(block, sentence)
        local_hits = [shift_hit(h, sentence.start) for h in block_hits]
        target, results = enforce_names(sentence.text, translation.text, local_hits, translation.alignment)
        segments.append(
            Segment(
                source=sentence.text,
                target=target,
                from_memory=translation.from_memory,
                names=[replace(r, hit=h) for h, r in zip(block_hits, results)],
                raw=translation.text,
            )
        )
    return segments


def _local(segment: Segment, sentence: Sentence) -> tuple[list[NameHit], list[NameResult]]:
    hits = [shift_hit(r.hit, sentence.start) for r in segment.names]
    return hits, [replace(r, hit=h) for h, r in zip(hits, segment.names)]


def _stand_in_pass(
    blocks: list[TranslatedBlock],
    engine: Engine,
    memory: Memory | None,
    on_progress: Callable[[int, int], None] | None,
) -> list[TranslatedBlock]:
    """Layer 4: retranslate sentences whose names are still missing with stand-ins
    (see bilingual.translation.enforce); a segment is replaced where that is safely better."""
    plans: list[tuple[int, int, StandInPlan]] = []  # (block index, sentence index, plan)
    for b, tb in enumerate(blocks):
        for k, (sentence, segment) in enumerate(zip(tb.block.sentences, tb.segments)):
            hits, results = _local(segment, sentence)
            plan = plan_stand_ins(sentence.text, hits, results, segment.raw)
            if plan is not None:
                plans.append((b, k, plan))
    if not plans:
        return blocks
    second = translate_sentences(list(dict.fromkeys(p.source for _, _, p in plans)), engine, memory, on_progress)
    improved: dict[tuple[int, int], Segment] = {}
    for b, k, plan in plans:
        segment = blocks[b].segments[k]
        hits, results = _local(segment, blocks[b].block.sentences[k])
        outcome = apply_stand_ins(segment.source, hits, results, plan, second[plan.source].text)
        if outcome is not None:
            improved[(b, k)] = replace(
                segment,
                target=outcome[0],
                names=[replace(r, hit=old.hit) for old, r in zip(segment.names, outcome[1])],
                from_memory=segment.from_memory and second[plan.source].from_memory,
            )
    return [
        TranslatedBlock(tb.block, [improved.get((b, k), s) for k, s in enumerate(tb.segments)])
        for b, tb in enumerate(blocks)
    ]


def translate_documents(
    documents: list[Document],
    engine: Engine,
    memory: Memory | None = None,
    *,
    model_label: str = "",
    glossaries: list[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[list[TranslatedDocument], RunSummary]:
    """Translate documents whose blocks already carry their glossary hits."""
    started = time.perf_counter()
    sources = _unique_sources(documents)
    translations = translate_sentences(sources, engine, memory, on_progress)
    info = RunInfo(
        model=model_label or engine.identity,
        glossaries=list(glossaries or []),
        date=_dt.date.today().isoformat(),
    )
    first = [TranslatedBlock(b, _first_pass(b, translations)) for d in documents for b in d.blocks]
    finished = iter(_stand_in_pass(first, engine, memory, on_progress))  # same order as the blocks

    summary = RunSummary()
    translated_documents = []
    for document in documents:
        articles = [
            TranslatedArticle(article, [next(finished) for _ in article.blocks]) for article in document.articles
        ]
        translated_documents.append(TranslatedDocument(document, articles, info))
        summary.articles += len(articles)
        for article in articles:
            for tb in article.blocks:
                summary.sentences += len(tb.segments)
                summary.from_memory += sum(s.from_memory for s in tb.segments)
                for result in tb.names:
                    summary.names[result.status] += 1
    summary.translated = summary.sentences - summary.from_memory
    summary.seconds = time.perf_counter() - started
    return translated_documents, summary
