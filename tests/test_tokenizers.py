"""The tokenizer interface: SentencePiece and BPE packages answer the same questions, so
long-sentence cutting and attention repair work for both without seeing "▁" or "@@"."""

from __future__ import annotations

import pytest
import tinymodel

from bilingual.document import NameHit
from bilingual.translation.alignment import Alignment
from bilingual.translation.enforce import enforce_names
from bilingual.translation.engine import load_engine
from bilingual.translation.tokenizers import BPETokenizer, SentencePieceTokenizer, load_tokenizer
from tests.test_enforce import scripted_alignment


def _hit(source: str, surface: str, english: str) -> NameHit:
    start = source.index(surface)
    return NameHit(start, start + len(surface), "", surface, surface, english, "person")


def test_piece_spans_hide_the_markers():
    text, spans = SentencePieceTokenizer.piece_spans(["▁قال", "▁بيس", "كوف", "▁إن"])
    assert text == "قال بيسكوف إن"
    assert [text[a:b] for a, b in spans] == ["قال", "بيس", "كوف", "إن"]
    text, spans = BPETokenizer.piece_spans(["قال", "بيس@@", "كوف", "إن"])
    assert text == "قال بيسكوف إن"
    assert [text[a:b] for a, b in spans] == ["قال", "بيس", "كوف", "إن"]


def test_bpe_alignment_repairs_a_name_split_over_pieces():
    """Moses glues the comma to the word on detokenizing; the span still lands right."""
    source = "وقال بيسكوف ، إن"
    alignment = scripted_alignment(
        ["وقال", "بيس@@", "كوف", "،", "إن"],
        ["Said", "Dmit@@", "rius", ",", "that"],
        [0, 1, 2, 3, 4],
        BPETokenizer,
    )
    target = "Said Dmitrius, that"
    text, results = enforce_names(source, target, [_hit(source, "بيسكوف", "Peskov")], alignment)
    assert text == "Said Peskov, that"
    assert (results[0].status, results[0].rendered) == ("repaired", "Dmitrius")


def test_an_alignment_that_does_not_match_the_english_is_not_used():
    source = "وقال بيسكوف إن"
    alignment = scripted_alignment(
        ["▁وقال", "▁بيسكوف", "▁إن"], ["▁Said", "▁Dmitrius", "▁that"], [0, 1, 2], SentencePieceTokenizer
    )
    text, results = enforce_names(source, "Quite another sentence", [_hit(source, "بيسكوف", "Peskov")], alignment)
    assert results[0].status == "missing" and text == "Quite another sentence"


def test_our_bpe_tokenizer_matches_argostranslates(tmp_path):
    """Same pieces and same detokenized text as argostranslate's own BPE tokenizer, which
    the Argos BPE packages were built for (argostranslate is a development dependency)."""
    argos = pytest.importorskip("argostranslate.tokenizer")
    pkg = tinymodel.build_package(tmp_path, name="bpe", tokenizer="bpe")
    codes = next(pkg.rglob("bpe.model")) if hasattr(pkg, "rglob") else next(pkg.path.rglob("bpe.model"))
    ours, theirs = load_tokenizer(codes, "ar", "en"), argos.BPETokenizer(codes, "ar", "en")
    assert ours.kind == "bpe"
    for sentence in tinymodel.ARABIC_SENTENCES + tinymodel.ENGLISH_SENTENCES + ['He said: "5 & 6" [x] <y>.']:
        pieces = ours.encode(sentence)
        assert pieces == theirs.encode(sentence)
        assert ours.decode(pieces) == theirs.decode(pieces).strip()


def test_a_real_bpe_package_yields_alignments_that_map_onto_its_english(tmp_path):
    """The engine's own output through the BPE tokenizer: every alignment can place spans
    on the detokenized English (attention repair is available to BPE packages)."""
    pkg = tinymodel.build_package(tmp_path, name="bpe", tokenizer="bpe")
    engine = load_engine(pkg)
    raws = engine.translate(tinymodel.ARABIC_SENTENCES[:6], attention=True)
    for raw in raws:
        alignment = Alignment.from_attention(raw.source_pieces, raw.target_pieces, raw.attention, engine.tokenizer)
        assert len(alignment.links) == len(raw.target_pieces)
        attended = alignment.source_spans[alignment.links[0]]  # the piece the first English piece came from
        span = alignment.target_span(attended[0], attended[1], raw.text)
        assert span is not None and 0 <= span[0] < span[1] <= len(raw.text)
        first = alignment.target_text[slice(*alignment.target_spans[0])]
        assert raw.text[span[0] : span[0] + len(first)] == first
