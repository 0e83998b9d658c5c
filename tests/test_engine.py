"""The engine on a tiny REAL model: loading, batching, splitting, attention, prefixes."""

from __future__ import annotations

import json
import shutil

import pytest
import tinymodel
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.errors import BilingualError
from bilingual.translation.engine import (
    _Unit,
    load_engine,
    split_pieces,
)
from bilingual.translation.tokenizers import SentencePieceTokenizer

SENTENCES = tinymodel.ARABIC_SENTENCES[:6]


# --- loading ------------------------------------------------------------------------------


def test_load_by_default_code_folder_and_file(installed_model, tiny_package, tiny_argosmodel):
    by_default = load_engine()
    by_code = load_engine("translate-ar_en")
    by_folder = load_engine(tiny_package)
    by_file = load_engine(tiny_argosmodel)
    assert by_default.package.path == installed_model.path == by_code.package.path
    # the same model is the same key space wherever it was loaded from
    assert len({e.identity for e in (by_default, by_code, by_folder, by_file)}) == 1
    assert by_file.translate(SENTENCES[:2])[0].target_pieces == by_folder.translate(SENTENCES[:2])[0].target_pieces


def test_identity_tracks_output_changing_options(tiny_package, tmp_path):
    base = load_engine(tiny_package)
    assert load_engine(tiny_package, threads=1, batch_tokens=64).identity == base.identity
    assert load_engine(tiny_package, beam=2).identity != base.identity
    assert load_engine(tiny_package, compute_type="float32").identity != base.identity
    other = tinymodel.build_package(tmp_path, name="other", seed=1)
    assert load_engine(other).identity != base.identity


def test_missing_model_is_one_clear_line():
    with pytest.raises(BilingualError) as err:
        load_engine()
    assert "bilingual models install FILE.argosmodel" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("kwargs", [{"beam": 0}, {"threads": 0}, {"batch_tokens": 0}])
def test_bad_options(tiny_package, kwargs):
    with pytest.raises(BilingualError):
        load_engine(tiny_package, **kwargs)


def test_corrupt_model_is_a_clear_error(tiny_package, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_package, broken)
    (broken / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(BilingualError, match="cannot load the CTranslate2 model"):
        load_engine(broken)


# --- translating --------------------------------------------------------------------------


def test_one_result_per_sentence_in_order(tiny_engine):
    sentences = SENTENCES + ["", "   ", SENTENCES[0]]
    seen: list[int] = []
    results = tiny_engine.translate(sentences, on_result=lambda i, r: seen.append(i))
    assert len(results) == len(sentences)
    assert sorted(seen) == list(range(len(sentences)))
    for sentence, result in zip(sentences, results):
        if sentence.strip():
            assert result.source_pieces == tiny_engine.tokenizer.encode(sentence)
            assert result.target_pieces and result.text
            assert "</s>" not in result.target_pieces
        else:
            assert result.text == "" and result.target_pieces == []
    assert results[-1] == results[0]  # duplicates translated once, shared


def test_whole_document_is_deterministic_and_batch_size_does_not_matter(tiny_package):
    big = load_engine(tiny_package, batch_tokens=4096, beam=1)
    small = load_engine(tiny_package, batch_tokens=1, threads=1, beam=1)  # one sentence per batch
    assert [r.target_pieces for r in big.translate(SENTENCES)] == [r.target_pieces for r in small.translate(SENTENCES)]


def test_attention_shape(tiny_engine):
    for result in tiny_engine.translate(SENTENCES[:3], attention=True):
        assert len(result.attention) == len(result.target_pieces)
        assert all(len(row) == len(result.source_pieces) for row in result.attention)
        # rows are distributions over the source (the first step of a padded batch may
        # leak a little mass onto padding, which CTranslate2 does not return)
        assert all(0.9 < sum(row) <= 1.01 for row in result.attention)
    assert tiny_engine.translate(SENTENCES[:1])[0].attention is None


def test_batches_respect_the_padded_token_budget(tiny_engine):
    units = [_Unit(i, 0, ["x"] * n) for i, n in enumerate([3, 50, 7, 20, 20, 1, 120])]
    tiny_engine.batch_tokens = 60
    try:
        batches = tiny_engine._batches(units)
    finally:
        tiny_engine.batch_tokens = 1024
    assert sorted(u.sentence for b in batches for u in b) == list(range(7))
    for batch in batches:
        longest = max(len(u.pieces) for u in batch)
        assert len(batch) == 1 or len(batch) * longest <= 60
        assert [len(u.pieces) for u in batch] == sorted((len(u.pieces) for u in batch), reverse=True)


def test_results_arrive_before_the_run_ends(tiny_package):
    """on_result fires per sentence: an interruption keeps what was already finished."""
    engine = load_engine(tiny_package, batch_tokens=1, threads=1)
    kept: dict[int, str] = {}

    def save(i, result):
        if len(kept) == 3:
            raise KeyboardInterrupt
        kept[i] = result.text

    with pytest.raises(KeyboardInterrupt):
        engine.translate(SENTENCES, on_result=save)
    assert len(kept) == 3


# --- nothing is lost: long input ------------------------------------------------------------


def test_overlong_sentence_is_split_and_nothing_is_lost(tiny_package):
    engine = load_engine(tiny_package, max_source_tokens=40)
    long_sentence = "، ".join(s.rstrip(".") for s in tinymodel.ARABIC_SENTENCES[:8]) + "."
    [result] = engine.translate([long_sentence], attention=True)
    assert result.parts > 1
    assert result.source_pieces == engine.tokenizer.encode(long_sentence)  # every piece sent
    assert result.attention is None  # parts have separate attention; not merged
    assert result.target_pieces


def test_decoding_cap_follows_input_length_past_256(tiny_package):
    """CTranslate2 stops at 256 output tokens by default; our cap grows with the input."""
    engine = load_engine(tiny_package, beam=1)
    long_sentence = ""
    for extra in tinymodel.ARABIC_SENTENCES:
        if len(engine.tokenizer.encode(long_sentence)) > 125:
            break
        long_sentence = f"{long_sentence} {extra}".strip()
    n = len(engine.tokenizer.encode(long_sentence))
    assert 130 < n <= engine.max_source_tokens
    [result] = engine.translate([long_sentence])
    # random weights rarely stop: either the model ended by itself or it used the full cap
    if result.capped:
        assert len(result.target_pieces) > 256
    assert result.parts == 1


@given(
    lengths=st.lists(st.integers(1, 6), min_size=0, max_size=120),
    commas=st.sets(st.integers(0, 119)),
    limit=st.integers(1, 40),
)
@settings(max_examples=200, deadline=None)
def test_split_pieces_is_lossless_and_bounded(lengths, commas, limit):
    pieces = []
    for w, size in enumerate(lengths):
        word = ["▁w"] + ["x"] * (size - 1)
        if w in commas:
            word[-1] += "،"
        pieces += word
    parts = split_pieces(pieces, limit, SentencePieceTokenizer)
    assert [p for part in parts for p in part] == pieces
    assert all(0 < len(part) <= limit for part in parts) or pieces == []


def test_split_prefers_clause_punctuation():
    words = [f"▁w{i}" for i in range(30)]
    words[11] = "▁w11،"
    parts = split_pieces(words, 20, SentencePieceTokenizer)
    assert parts[0][-1] == "▁w11،"  # cut after the comma, not at the hard limit
    words[11] = "▁w11"
    parts = split_pieces(words, 20, SentencePieceTokenizer)
    assert len(parts[0]) == 20  # no clause mark: the last word boundary in the window


# --- other package kinds ------------------------------------------------------------------


@pytest.fixture(scope="module")
def prefix_package(tmp_path_factory):
    return tinymodel.build_package(tmp_path_factory.mktemp("prefix"), target_prefix="__en__")


def test_target_prefix_is_sent_and_stripped(prefix_package, tmp_path):
    engine = load_engine(prefix_package)
    assert engine.package.target_prefix == "__en__"
    with_prefix = engine.translate(SENTENCES[:3], attention=True)
    for result in with_prefix:
        assert "__en__" not in result.target_pieces
        assert len(result.attention) == len(result.target_pieces)
    # The same weights without the metadata decode differently: the prefix reached the model.
    plain = tmp_path / "plain"
    shutil.copytree(prefix_package, plain)
    meta = json.loads((plain / "metadata.json").read_text())
    del meta["target_prefix"]
    (plain / "metadata.json").write_text(json.dumps(meta))
    without = load_engine(plain).translate(SENTENCES[:3])
    assert [r.target_pieces for r in without] != [r.target_pieces for r in with_prefix]


def test_bpe_package(tmp_path):
    pkg = tinymodel.build_package(tmp_path, name="bpe", tokenizer="bpe")
    engine = load_engine(pkg)
    assert engine.tokenizer.kind == "bpe"
    results = engine.translate(SENTENCES[:2] + ["The minister will visit Cairo."])
    assert all(r.target_pieces and r.source_pieces for r in results)
    assert any(p.endswith("@@") for p in results[0].source_pieces)


def test_length_controlled_model_stops_by_itself(stopping_package):
    """The benchmark's trick on the tiny model: </s> after ~1× the source length."""
    engine = load_engine(stopping_package)
    short, long_ = "قال الوزير.", " ".join(tinymodel.ARABIC_SENTENCES[:3])
    results = engine.translate(SENTENCES + [short, long_])
    assert not any(r.capped for r in results)
    for r in results:
        assert 0.5 <= len(r.target_pieces) / len(r.source_pieces) <= 1.6
    assert len(results[-1].target_pieces) > 3 * len(results[-2].target_pieces)


@pytest.mark.parametrize(("beam", "threads"), [(0, None), (100_000, None), (4, 0), (4, 10_000)])
def test_the_library_refuses_the_same_numbers_as_the_command_line(installed_model, beam, threads):
    """`bilingual.translate(beam=100000)` must fail at once, not hang in the decoder."""
    with pytest.raises(BilingualError, match="--beam|--threads"):
        load_engine(installed_model, beam=beam, threads=threads)


def test_model_digest_is_cached_by_file_identity_and_follows_a_replaced_model(tiny_package, tmp_path):
    from bilingual.translation.engine import _digest_cache_file

    package = tmp_path / "pkg"
    shutil.copytree(tiny_package, package)
    first = load_engine(package)
    cache = json.loads(_digest_cache_file().read_text(encoding="utf-8"))
    assert first.digest in cache.values()
    assert load_engine(package).identity == first.identity  # served from the cache
    # A different model put in its place (new file: new inode and mtime) gets a new digest.
    other = tinymodel.build_package(tmp_path / "other", name="x", seed=7)
    (package / "model" / "model.bin").unlink()
    shutil.copy(other / "model" / "model.bin", package / "model" / "model.bin")
    assert load_engine(package).identity != first.identity
    _digest_cache_file().write_text("not json", encoding="utf-8")  # a damaged cache only costs a rehash
    assert load_engine(package).digest == load_engine(other).digest


def test_at_most_one_batch_per_worker_is_in_flight(tiny_package):
    """Nothing waits in CTranslate2's queue, so a Ctrl-C or SIGTERM only waits for the
    batches already running (one per worker), never for a backlog."""
    engine = load_engine(tiny_package, batch_tokens=1, threads=2)  # one sentence per batch
    real = engine.translator
    submitted: list[list] = []
    running_at_submit: list[int] = []

    class Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        def translate_batch(self, *args, **kwargs):
            running_at_submit.append(sum(not all(f.done() for f in fs) for fs in submitted))
            futures = real.translate_batch(*args, **kwargs)
            submitted.append(futures)
            return futures

    engine.translator = Spy()
    results = engine.translate(SENTENCES)
    assert len(submitted) == len(SENTENCES) and all(r.target_pieces for r in results)
    assert max(running_at_submit) <= engine.replicas - 1 == 1
