"""The translation run: read → segment → match names → translate → enforce names.

Names are enforced in two passes: first on the model's own translation (kept, repaired
from a variant or the attention alignment), then, for sentences with names still missing,
on a second translation with stand-ins in place of those names (bilingual.translation.enforce).

All sentences of all inputs go to the engine in one call (after the translation memory has
answered what it already knows), so CTranslate2 can sort and batch the whole run. Each
finished sentence is saved to the memory as soon as the engine returns it, which is what
makes an interrupted run resumable. The memory stores the model's raw output; names are
enforced on every run, so a glossary edit takes effect without retranslating.

Reviewed English comes first: a block or sentence a reviewer approved (bilingual.review) is
used as the reviewer wrote it, names are not rewritten in it (only reported), and it never
goes to the model. A near match (≥ 85 % alike) is only attached as a suggestion.
"""

from __future__ import annotations

import datetime as _dt
import re
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
from bilingual.translation.memory import Reviewed
from bilingual.translation.segments import (
    NameResult,
    RunInfo,
    Segment,
    Suggestion,
    TranslatedArticle,
    TranslatedBlock,
    TranslatedDocument,
)
from bilingual.translation.standins import MIN_SUCCESS, PROBE_SENTENCES, StandInStats
from bilingual.translation.unknown import guess_unknown


class Engine(Protocol):
    """What the pipeline needs from a translation engine (bilingual.translation.engine.Engine)."""

    @property
    def identity(self) -> str: ...

    def translate(self, sentences: list[str], *, attention: bool = False, on_result=None) -> list: ...


class Memory(Protocol):
    def get_entries(self, keyspace: str, sources: list[str]) -> dict[str, tuple[str, str | None]]: ...

    def put(self, keyspace: str, source: str, target: str, alignment: str | None = None) -> None: ...

    # Optional (bilingual.translation.memory.TranslationMemory has them): reviewed English.
    # def get_reviewed(self, sources: list[str]) -> dict[str, Reviewed]: ...
    # def near_reviewed(self, sources: list[str]) -> dict[str, tuple[Reviewed, float]]: ...


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    from_memory: int = 0  # cached model output
    translated: int = 0
    reviewed: int = 0  # reviewed English from the memory
    names: dict[str, int] = field(default_factory=lambda: {"kept": 0, "repaired": 0, "missing": 0})
    unknown: int = 0  # mentions of names no glossary row covers (flagged, English guessed)
    seconds: float = 0.0

    def line(self) -> str:
        n = self.names
        return (
            f"{self.articles} article(s), {self.sentences} sentence(s) "
            f"({f'{self.reviewed} reviewed, ' if self.reviewed else ''}"
            f"{self.from_memory} from memory, {self.translated} translated); "
            f"names: {n['kept']} kept, {n['repaired']} repaired, {n['missing']} missing"
            f"{f', {self.unknown} not in the glossary' if self.unknown else ''}; "
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


def _unique_sources(blocks: list[Block], reviewed: dict[str, Reviewed]) -> list[str]:
    """Sentences the memory or the model must answer: those without reviewed English."""
    seen: dict[str, None] = {}
    for block in blocks:
        if _block_review(block, reviewed) is not None:
            continue
        for sentence in block.sentences:
            if sentence.text not in reviewed:
                seen.setdefault(sentence.text, None)
    return list(seen)


def _block_review(block: Block, reviewed: dict[str, Reviewed]) -> Reviewed | None:
    """A reviewed unit for a whole multi-sentence block (stored when the reviewer's English
    could not be split safely over its sentences)."""
    if len(block.sentences) < 2:
        return None
    return reviewed.get(block.text)


def _reviewed_lookup(blocks: list[Block], memory: Memory | None) -> dict[str, Reviewed]:
    if memory is None or not hasattr(memory, "get_reviewed"):
        return {}
    keys = [s.text for b in blocks for s in b.sentences] + [b.text for b in blocks if len(b.sentences) > 1]
    return memory.get_reviewed(keys)


def _suggestions(blocks: list[Block], reviewed: dict[str, Reviewed], memory: Memory | None) -> dict[str, Suggestion]:
    """Near matches for the sentences that have no reviewed English of their own."""
    if memory is None or not hasattr(memory, "near_reviewed"):
        return {}
    open_sentences = [
        s.text for b in blocks if _block_review(b, reviewed) is None for s in b.sentences if s.text not in reviewed
    ]
    near = memory.near_reviewed(open_sentences)
    return {source: Suggestion(entry.source, entry.target, score) for source, (entry, score) in near.items()}


def _name_statuses(hits: list[NameHit], english: str) -> list[NameResult]:
    """Name statuses on a reviewer's English, which is never rewritten: a house spelling
    present is "kept" (with its span), else "missing" (the reviewer sees it flagged)."""
    results = []
    for hit in hits:
        found = re.search(rf"(?<!\w){re.escape(hit.english)}(?!\w)", english) if hit.english else None
        results.append(NameResult(hit, "kept", span=found.span()) if found else NameResult(hit, "missing"))
    return results


def _reviewed_segments(block: Block, reviewed: dict[str, Reviewed]) -> list[Segment] | None:
    """Segments for a block answered as a whole by reviewed English, else None: the
    English sits on the first segment, the others are empty."""
    whole = _block_review(block, reviewed)
    if whole is None:
        return None
    segments = [
        Segment(s.text, whole.target if k == 0 else "", True, [], whole.target if k == 0 else "", "reviewed")
        for k, s in enumerate(block.sentences)
    ]
    segments[0].names = _name_statuses(block.names, whole.target)
    segments[0].unknown = [u for s in block.sentences for u in guess_unknown(block, s, None)]
    return segments


def translate_sentences(
    sources: list[str],
    engine: Engine,
    memory: Memory | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    *,
    attention: bool = True,
) -> dict[str, _Translation]:
    """Every unique source sentence → its raw English, from the memory or the engine.

    `attention`: ask the model for its attention (about 5% more CPU time) to align names;
    worth it when a sentence has names, or when the memory keeps the alignment for a
    later run that may have a glossary."""
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
        engine.translate(missing, attention=attention, on_result=finished)
    return results


def _alignment(raw, marks) -> Alignment | None:
    if not getattr(raw, "attention", None) or marks is None:
        return None
    return Alignment.from_attention(raw.source_pieces, raw.target_pieces, raw.attention, marks)


def _first_pass(
    block: Block,
    translations: dict[str, _Translation],
    reviewed: dict[str, Reviewed] | None = None,
    suggestions: dict[str, Suggestion] | None = None,
) -> list[Segment]:
    """Each sentence's English with names checked and repaired (layers 1–3); reviewed
    English is taken as the reviewer wrote it."""
    reviewed = reviewed or {}
    whole = _reviewed_segments(block, reviewed)
    if whole is not None:
        return whole
    segments = []
    for sentence in block.sentences:
        block_hits = _sentence_hits(block, sentence)
        if sentence.text in reviewed:
            target = reviewed[sentence.text].target
            segments.append(
                Segment(sentence.text, target, True, _name_statuses(block_hits, target), target, "reviewed")
            )
            segments[-1].unknown = guess_unknown(block, sentence, None)  # no model ran: transliterated
            continue
        translation = translations[sentence.text]
        local_hits = [shift_hit(h, sentence.start) for h in block_hits]
        target, results = enforce_names(sentence.text, translation.text, local_hits, translation.alignment)
        segments.append(
            Segment(
                source=sentence.text,
                target=target,
                from_memory=translation.from_memory,
                names=[replace(r, hit=h) for h, r in zip(block_hits, results)],
                raw=translation.text,
                origin="memory" if translation.from_memory else "mt",
                suggestion=(suggestions or {}).get(sentence.text),
                unknown=guess_unknown(block, sentence, translation.alignment),
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
    (see bilingual.translation.enforce); a segment is replaced where that is safely better.

    Stand-in sentences already in the memory are always used (they cost nothing); new ones
    are translated only while the model shows it renders stand-ins (see StandInStats)."""
    plans: list[tuple[int, int, StandInPlan]] = []  # (block index, sentence index, plan)
    for b, tb in enumerate(blocks):
        for k, (sentence, segment) in enumerate(zip(tb.block.sentences, tb.segments)):
            if segment.origin == "reviewed":
                continue  # a reviewer's English is never retranslated
            hits, results = _local(segment, sentence)
            plan = plan_stand_ins(sentence.text, hits, results, segment.raw)
            if plan is not None:
                plans.append((b, k, plan))
    if not plans:
        return blocks
    sources = list(dict.fromkeys(p.source for _, _, p in plans))
    known = memory.get_entries(engine.identity, sources) if memory is not None else {}
    second = translate_sentences([s for s in sources if s in known], engine, memory, attention=False) if known else {}
    new = sorted((s for s in sources if s not in known), key=len)  # the shortest are the cheapest probe
    stats = StandInStats.load(memory, engine)
    if new and stats.verdict is None:
        probe = new[: min(PROBE_SENTENCES, max(1, len(new) // 4))]
        second.update(translate_sentences(probe, engine, memory, on_progress, attention=False))
        accepted = {p.source for b, k, p in plans if p.source in probe and _improve(blocks, b, k, p, second)}
        stats = StandInStats(stats.tried + len(probe), stats.accepted + len(accepted))
        new = new[len(probe) :]
        # Too few tries so far (a small run): judge by this run's probe alone.
        go_on = stats.verdict if stats.verdict is not None else len(accepted) >= MIN_SUCCESS * len(probe)
        stats.save(memory, engine)
    else:
        go_on = bool(stats.verdict)
    if new and go_on:
        second.update(translate_sentences(new, engine, memory, on_progress, attention=False))
    improved: dict[tuple[int, int], Segment] = {}
    for b, k, plan in plans:
        if plan.source in second:
            better = _improve(blocks, b, k, plan, second)
            if better is not None:
                improved[(b, k)] = better
    return [
        TranslatedBlock(tb.block, [improved.get((b, k), s) for k, s in enumerate(tb.segments)])
        for b, tb in enumerate(blocks)
    ]


def _improve(
    blocks: list[TranslatedBlock], b: int, k: int, plan: StandInPlan, second: dict[str, _Translation]
) -> Segment | None:
    """The segment with the stand-in translation applied, or None when not safely better."""
    segment = blocks[b].segments[k]
    hits, results = _local(segment, blocks[b].block.sentences[k])
    outcome = apply_stand_ins(segment.source, hits, results, plan, second[plan.source].text)
    if outcome is None:
        return None
    from_memory = segment.from_memory and second[plan.source].from_memory
    return replace(
        segment,
        target=outcome[0],
        names=[replace(r, hit=old.hit) for old, r in zip(segment.names, outcome[1])],
        from_memory=from_memory,
        origin="memory" if from_memory else "mt",
    )


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
    all_blocks = [b for d in documents for b in d.blocks]
    reviewed = _reviewed_lookup(all_blocks, memory)
    suggestions = _suggestions(all_blocks, reviewed, memory)
    sources = _unique_sources(all_blocks, reviewed)
    has_names = any(block.names or block.unknown for block in all_blocks)
    translations = translate_sentences(sources, engine, memory, on_progress, attention=memory is not None or has_names)
    info = RunInfo(
        model=model_label or engine.identity,
        glossaries=list(glossaries or []),
        date=_dt.date.today().isoformat(),
    )
    first = [TranslatedBlock(b, _first_pass(b, translations, reviewed, suggestions)) for b in all_blocks]
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
                summary.from_memory += sum(s.origin == "memory" for s in tb.segments)
                summary.reviewed += sum(s.origin == "reviewed" for s in tb.segments)
                for result in tb.names:
                    summary.names[result.status] += 1
                summary.unknown += len(tb.unknown)
    summary.translated = summary.sentences - summary.from_memory - summary.reviewed
    summary.seconds = time.perf_counter() - started
    return translated_documents, summary
