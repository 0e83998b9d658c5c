"""An English guess for each name the glossary lacks (`Block.unknown`), once a sentence is
translated: the reviewer sees the name flagged with the guess, nothing is enforced.

The guess comes from the model when it can: the capitalized English words the attention
alignment links to the name's pieces (`names.transliterate.from_alignment`; the model often
knows the press's spelling). Else, or when there is no alignment (reviewed English, a sentence
translated in parts, a memory entry without one), the rule-based transliteration that
`names.suggest` already made. `guess_source` says which, so the reviewer knows how far to
trust it.

Alignments address `Alignment.source_text`, the source pieces' text with words separated by
single spaces; unknown names carry block offsets. `source_span` maps one onto the other.
"""

from __future__ import annotations

import re

from bilingual.document import Block, Sentence, UnknownName
from bilingual.names.transliterate import from_alignment, transliterate
from bilingual.translation.alignment import Alignment
from bilingual.translation.segments import UnknownResult

_SMEARED = 2  # more aligned words than the name has, plus this: attention spread over a phrase


def source_span(sentence: str, start: int, end: int, alignment: Alignment) -> tuple[int, int] | None:
    """`sentence[start:end]` as a span of `alignment.source_text`.

    The pieces' text is the sentence with its spacing changed (a tokenizer splits punctuation
    off words, SentencePiece merges runs of spaces): the non-space characters are matched in
    order. When the tokenizer changed characters too (Moses escapes, NFKC), the name's text
    is searched for instead, the occurrence nearest to where it stands in the sentence."""
    text = alignment.source_text
    where = _non_space_map(sentence, text)
    if where is not None:
        inside = [at for at in where[start:end] if at is not None]
        return (min(inside), max(inside) + 1) if inside else None
    surface = " ".join(sentence[start:end].split())
    found = [m.start() for m in re.finditer(re.escape(surface), text)] if surface else []
    if not found:
        return None
    expected = start * len(text) / max(1, len(sentence))
    at = min(found, key=lambda i: abs(i - expected))
    return at, at + len(surface)


def _non_space_map(sentence: str, text: str) -> list[int | None] | None:
    """For each character of `sentence`, its offset in `text` (None for whitespace), when the
    two have the same non-space characters in the same order; else None."""
    where: list[int | None] = []
    j = 0
    for ch in sentence:
        if ch.isspace():
            where.append(None)
            continue
        while j < len(text) and text[j].isspace():
            j += 1
        if j >= len(text) or text[j] != ch:
            return None
        where.append(j)
        j += 1
    return where if not text[j:].strip() else None


def alignment_guess(sentence: Sentence, name: UnknownName, alignment: Alignment) -> str | None:
    """The model's English for the name, from the attention alignment of its sentence."""
    start, end = name.start - sentence.start, min(name.end, sentence.end) - sentence.start
    span = source_span(sentence.text, start, end, alignment)
    if span is None:
        return None
    guess = from_alignment(alignment, *span)
    if guess is None or len(guess.split()) > len(sentence.text[start:end].split()) + _SMEARED:
        return None
    return guess


def guess_unknown(block: Block, sentence: Sentence, alignment: Alignment | None) -> list[UnknownResult]:
    """The unknown names that start in `sentence`, each with its English guess."""
    results = []
    for name in block.unknown:
        if not sentence.start <= name.start < sentence.end:
            continue
        arabic = block.text[name.start : name.end]
        guess = alignment_guess(sentence, name, alignment) if alignment is not None else None
        if guess:
            results.append(UnknownResult(name, arabic, guess, "alignment"))
        else:
            results.append(UnknownResult(name, arabic, name.guess or transliterate(arabic), "transliteration"))
    return results
