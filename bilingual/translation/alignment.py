"""Which source words each English word came from, read off CTranslate2's attention.

Only the argmax link per target piece is kept: it is all name enforcement uses, and it is
small enough to store in the translation memory beside the sentence, so a sentence served
from the memory is repaired exactly as it was when first translated. Pieces are turned into
character spans here, through the package's tokenizer (`PieceMarks`), so enforcement works
on plain text offsets and never sees a tokenizer's markers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bilingual.translation.tokenizers import PieceMarks, Span


@dataclass
class Alignment:
    source_pieces: list[str]
    target_pieces: list[str]
    links: list[int]  # links[t] = index of the source piece target piece t attends to most
    source_text: str  # the source pieces' text, words separated by single spaces
    source_spans: list[Span]  # each source piece's span in source_text
    target_text: str
    target_spans: list[Span]

    @classmethod
    def from_links(
        cls, source_pieces: list[str], target_pieces: list[str], links: list[int], marks: PieceMarks | type[PieceMarks]
    ) -> Alignment:
        source_text, source_spans = marks.piece_spans(list(source_pieces))
        target_text, target_spans = marks.piece_spans(list(target_pieces))
        return cls(
            list(source_pieces),
            list(target_pieces),
            list(links[: len(target_pieces)]),
            source_text,
            source_spans,
            target_text,
            target_spans,
        )

    @classmethod
    def from_attention(cls, source_pieces, target_pieces, attention, marks: PieceMarks | type[PieceMarks]) -> Alignment:
        links = [max(range(len(row)), key=row.__getitem__) if row else -1 for row in attention]
        return cls.from_links(source_pieces, target_pieces, links, marks)

    def to_json(self) -> str:
        return json.dumps({"s": self.source_pieces, "t": self.target_pieces, "l": self.links}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None, marks: PieceMarks | type[PieceMarks] | None) -> Alignment | None:
        """A stored alignment, read with the package's tokenizer (None: no tokenizer known)."""
        if not text or marks is None:
            return None
        try:
            data = json.loads(text)
            return cls.from_links(list(data["s"]), list(data["t"]), [int(i) for i in data["l"]], marks)
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable stored alignment only costs the attention layer

    def target_span(self, source_start: int, source_end: int, target: str) -> Span | None:
        """The span of `target` aligned with source_text[source_start:source_end], if any.

        `target` is the detokenized English; it may differ from target_text only in spacing
        (Moses detokenization glues punctuation), else offsets would lie and None is returned.
        """
        pieces = {k for k, (a, b) in enumerate(self.source_spans) if a < source_end and source_start < b}
        aligned = [t for t, s in enumerate(self.links[: len(self.target_spans)]) if s in pieces]
        if not aligned:
            return None
        where = _spacing_map(self.target_text, target)
        if where is None:
            return None
        start = self.target_spans[min(aligned)][0]
        end = self.target_spans[max(aligned)][1]
        inside = [at for at in where[start:end] if at is not None]
        return (min(inside), max(inside) + 1) if inside else None


def _spacing_map(text: str, target: str) -> list[int | None] | None:
    """For each character of `text`, its offset in `target` (None for a dropped space),
    when the two differ only in whitespace; else None."""
    where: list[int | None] = []
    j = 0
    for ch in text:
        if ch.isspace():
            if j < len(target) and target[j].isspace():
                where.append(j)
                j += 1
            else:
                where.append(None)
            continue
        while j < len(target) and target[j].isspace():
            j += 1
        if j >= len(target) or target[j] != ch:
            return None
        where.append(j)
        j += 1
    if target[j:].strip():
        return None
    return where
