"""What translation adds to the structure: segments, name statuses, run metadata.

These are plain records produced by the pipeline and consumed by the renderers (DOCX,
JSON). Rendering never translates and translation never renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bilingual.document import Article, Block, Document, NameHit, UnknownName

NameStatus = Literal["kept", "repaired", "missing"]
# Where a segment's English came from: a reviewer's English from the memory, the model's
# output cached in the memory, or the model in this run.
Origin = Literal["reviewed", "memory", "mt"]
ORIGIN_RANK = {"mt": 0, "memory": 1, "reviewed": 2}
# Where an unknown name's English guess came from: the model's own words for it (through the
# attention alignment), or the rule-based transliteration when no alignment gave one.
GuessSource = Literal["alignment", "transliteration"]


@dataclass
class NameResult:
    """A glossary hit after translation.

    `kept`: the model already wrote the house spelling. `repaired`: the model's rendering
    (`rendered`) was found and replaced by the house spelling. `missing`: no safe repair;
    the reviewer must check it (`rendered` is the model's best guess, or "").
    """

    hit: NameHit
    status: NameStatus
    rendered: str = ""
    # Where the name stands in the segment's English (`Segment.target`), for kept and
    # repaired names; None when missing. Computed once, in enforcement: the DOCX marks and
    # the JSON offsets both read it, so they cannot disagree.
    span: tuple[int, int] | None = None


@dataclass
class UnknownResult:
    """A name no glossary row covers (`Block.unknown`), after translation: `arabic` is its
    text, `name` keeps its block offsets and how it was found, `guess` the English guess and
    `guess_source` where that came from. Reported to the reviewer, never enforced: the
    English is left as the model wrote it."""

    name: UnknownName
    arabic: str
    guess: str
    guess_source: GuessSource

    @property
    def reviewer_note(self) -> str:
        """What the reviewer reads (a DOCX comment, an XLIFF note): the English is the model's
        own, nothing checked it; the guess says what to look for."""
        return (
            f"Unknown name: «{self.arabic}» is not in the glossary — guess “{self.guess}” "
            f"({self.guess_source}); check its English, and add it with 'bilingual glossary add' if it is a name."
        )


@dataclass(frozen=True)
class Suggestion:
    """An earlier reviewed sentence close to this one (a near match): offered to the
    reviewer as a comment, never used as the translation."""

    source: str
    target: str
    score: float  # rapidfuzz similarity, 0-100


@dataclass
class Segment:
    """One source sentence and its English.

    `origin` says where the English came from; `from_memory` (kept for the JSON contract)
    is true for both "memory" and "reviewed". A reviewed unit that covers a whole block
    sits on the block's first segment; the other segments of that block have an empty
    target and the same origin.
    """

    source: str
    target: str
    from_memory: bool = False
    names: list[NameResult] = field(default_factory=list)
    raw: str = ""  # what the model wrote before names were enforced
    origin: Origin = "mt"
    suggestion: Suggestion | None = None
    unknown: list[UnknownResult] = field(default_factory=list)  # names the glossary lacks, with a guess


@dataclass
class TranslatedBlock:
    block: Block
    segments: list[Segment]

    @property
    def translation(self) -> str:
        return " ".join(s.target for s in self.segments if s.target)

    def segment_offsets(self) -> list[int]:
        """Where each segment's English starts in `translation` (segments joined by one space)."""
        offsets, cursor, started = [], 0, False
        for segment in self.segments:
            if segment.target and started:
                cursor += 1
            offsets.append(cursor)
            if segment.target:
                cursor += len(segment.target)
                started = True
        return offsets

    @property
    def names(self) -> list[NameResult]:
        return [n for s in self.segments for n in s.names]

    @property
    def unknown(self) -> list[UnknownResult]:
        return [u for s in self.segments for u in s.unknown]


@dataclass
class TranslatedArticle:
    article: Article
    blocks: list[TranslatedBlock]

    @property
    def headline_translation(self) -> str:
        for tb in self.blocks:
            if tb.block.kind == "headline":
                return tb.translation
        return self.blocks[0].translation if self.blocks else ""


@dataclass
class RunInfo:
    """Provenance shown in the document's muted line and core properties."""

    model: str = ""
    glossaries: list[str] = field(default_factory=list)
    date: str = ""  # ISO date of the run


@dataclass
class TranslatedDocument:
    document: Document
    articles: list[TranslatedArticle]
    info: RunInfo = field(default_factory=RunInfo)
