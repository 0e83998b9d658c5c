"""Tokenizers: text ↔ the pieces a model reads and writes, for both kinds of Argos package.

Argos packages come with SentencePiece (`sentencepiece.model`: pieces carry "▁" where a
word starts) or with Moses tokenization + subword-nmt BPE (`bpe.model`: a piece ending in
"@@" continues into the next one). Everything above this module (the engine cutting long
sentences, name enforcement reading the attention alignment) asks these questions through
the `Tokenizer` interface and never sees either marker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from bilingual.errors import BilingualError

SP_SPACE = "\u2581"  # SentencePiece's word-start mark
BPE_JOINER = "@@"  # subword-nmt's continuation mark

Span = tuple[int, int]


class PieceMarks(Protocol):
    """What cutting a piece sequence, or reading an alignment, needs to know: where words
    start and what a piece says. Satisfied by the tokenizer classes themselves."""

    @staticmethod
    def word_start(pieces: list[str], i: int) -> bool:
        """Whether piece i begins a new word (a safe place to cut a long sentence)."""
        ...

    @staticmethod
    def surface(piece: str) -> str:
        """The characters a piece stands for, without markers."""
        ...

    @classmethod
    def piece_spans(cls, pieces: list[str]) -> tuple[str, list[Span]]:
        """The pieces' text (words separated by single spaces) and each piece's span in it."""
        ...


class Tokenizer(PieceMarks, Protocol):
    kind: str

    def encode(self, text: str) -> list[str]:
        """The pieces the model reads for `text`."""
        ...

    def decode(self, pieces: list[str]) -> str:
        """Readable text for pieces the model wrote."""
        ...


def _joined(surfaces: list[str], starts_word: list[bool]) -> tuple[str, list[Span]]:
    spans: list[Span] = []
    out: list[str] = []
    pos = 0
    for i, (text, starts) in enumerate(zip(surfaces, starts_word)):
        if i and starts:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(text)))
        out.append(text)
        pos += len(text)
    return "".join(out), spans


class SentencePieceTokenizer:
    """SentencePiece as Argos packages use it; decoding keeps underscores (Argos turns
    every "_" into a space, which corrupts URLs and handles)."""

    kind = "sentencepiece"

    def __init__(self, model_file: Path):
        import sentencepiece

        try:
            self.processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        except (OSError, RuntimeError) as exc:
            raise BilingualError(f"{model_file}: cannot load the SentencePiece model ({exc})") from None

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str)

    def decode(self, pieces: list[str]) -> str:
        return self.processor.decode_pieces(pieces).replace(SP_SPACE, " ").strip()

    @staticmethod
    def word_start(pieces: list[str], i: int) -> bool:
        return i == 0 or pieces[i].startswith(SP_SPACE)

    @staticmethod
    def surface(piece: str) -> str:
        return piece.replace(SP_SPACE, " ").strip(" ")

    @classmethod
    def piece_spans(cls, pieces: list[str]) -> tuple[str, list[Span]]:
        return _joined([cls.surface(p) for p in pieces], [cls.word_start(pieces, i) for i in range(len(pieces))])


class BPETokenizer:
    """Moses tokenization + subword-nmt BPE, as Argos BPE packages were trained.

    Same steps as argostranslate's own BPE tokenizer (sacremoses normalizer and tokenizer,
    subword-nmt's `BPE.segment_tokens`, Moses detokenizer), without argostranslate.
    """

    kind = "bpe"

    def __init__(self, model_file: Path, from_code: str, to_code: str):
        try:
            from sacremoses.normalize import MosesPunctNormalizer
            from sacremoses.tokenize import MosesDetokenizer, MosesTokenizer
            from subword_nmt.apply_bpe import BPE
        except ImportError as exc:  # pragma: no cover - both are declared dependencies
            raise BilingualError(f"{model_file}: BPE packages need sacremoses and subword-nmt ({exc})") from None
        self.normalizer = MosesPunctNormalizer(from_code)
        self.tokenizer = MosesTokenizer(from_code)
        self.detokenizer = MosesDetokenizer(to_code)
        try:
            with open(model_file, encoding="utf-8") as codes:
                self.bpe = BPE(codes)
        except (OSError, UnicodeDecodeError, ValueError, IndexError) as exc:
            raise BilingualError(f"{model_file}: cannot load the BPE codes ({exc})") from None

    def encode(self, text: str) -> list[str]:
        tokens = self.tokenizer.tokenize(self.normalizer.normalize(text))
        return [p for p in self.bpe.segment_tokens([t for t in tokens if t]) if p]

    def decode(self, pieces: list[str]) -> str:
        # A joiner on the last piece (output stopped at the length cap) joins nothing.
        words = " ".join(pieces).replace(BPE_JOINER + " ", "").removesuffix(BPE_JOINER).split(" ")
        return self.detokenizer.detokenize([w for w in words if w]).strip()

    @staticmethod
    def word_start(pieces: list[str], i: int) -> bool:
        return i == 0 or not pieces[i - 1].endswith(BPE_JOINER)

    @staticmethod
    def surface(piece: str) -> str:
        return piece.removesuffix(BPE_JOINER)

    @classmethod
    def piece_spans(cls, pieces: list[str]) -> tuple[str, list[Span]]:
        return _joined([cls.surface(p) for p in pieces], [cls.word_start(pieces, i) for i in range(len(pieces))])


def load_tokenizer(model_file: Path, from_code: str, to_code: str) -> Tokenizer:
    """The tokenizer a package ships, chosen by its file name (as Argos does)."""
    if model_file.name == "bpe.model":
        return BPETokenizer(model_file, from_code, to_code)
    return SentencePieceTokenizer(model_file)
