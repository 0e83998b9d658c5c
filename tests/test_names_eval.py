"""The names evaluation (bench/names_eval.py) as a test: the house glossary and matcher
must find the names in the hand-annotated articles of tests/data/names_eval/ with recall
and precision >= 0.98, on the clean text and on its web-spelling-noise version."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "names_eval"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


names_eval = _load("names_eval", ROOT / "bench" / "names_eval.py")
build = _load("names_eval_build", DATA / "build.py")


@pytest.fixture(scope="module")
def matcher():
    return names_eval.house_matcher()


def test_the_set_is_big_enough():
    stems = names_eval.articles()
    assert len(stems) >= 12
    gold = sum(len(names_eval.load(stem, "clean")[1]["names"]) for stem in stems)
    assert gold >= 500


def test_derived_text_and_gold_are_deterministic():
    """Text and gold are derived from the annotated sources at run time (nothing derived is
    committed); the noise is seeded per article, so every run scores the same text."""
    for stem in names_eval.articles()[:10]:
        text, gold = build.parse_source((DATA / f"{stem}.src.txt").read_text(encoding="utf-8"))
        assert (text, gold) == names_eval.load(stem, "clean")
        first = build.add_noise(text, stem)
        assert first == build.add_noise(text, stem)
        for span in gold["names"]:
            assert text[span["start"] : span["end"]] == span["surface"]


def test_noisy_gold_spans_are_the_same_names():
    """Noise only respells: each noisy gold span folds to its clean span."""
    from bilingual.text.arabic import normalize

    for stem in names_eval.articles():
        clean = names_eval.load(stem, "clean")[1]["names"]
        noisy = names_eval.load(stem, "noisy")[1]["names"]
        for a, b in zip(clean, noisy):
            assert normalize(a["surface"]) == normalize(b["surface"]), (stem, a, b)


@pytest.mark.parametrize("variant", ["clean", "noisy"])
def test_recall_and_precision_hold(matcher, variant):
    total, per_article = names_eval.evaluate(matcher, variant)
    errors = "\n".join(
        f"{stem}: {line}" for stem, s in per_article.items() for line in s.false_negatives + s.false_positives
    )
    assert total.recall >= 0.98, f"recall {total.recall:.3f}\n{errors}"
    assert total.precision >= 0.98, f"precision {total.precision:.3f}\n{errors}"


def test_scoring_counts_a_wrong_english_as_both_errors(matcher):
    text = "قال بوتين"
    gold = {"names": [{"start": 4, "end": 9, "surface": "بوتين", "english": "Vladimir Putin"}], "ignored": []}
    score = names_eval.score_article(matcher, text, gold)
    assert (score.tp, score.fp, score.gold) == (0, 1, 1)
    gold["names"][0]["english"] = "Putin"
    assert names_eval.score_article(matcher, text, gold).tp == 1
    json.dumps(gold)  # gold stays plain JSON
