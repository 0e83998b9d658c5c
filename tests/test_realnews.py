"""The real-news names set (bench/realnews): committed gold is consistent, the build's markup
parser is exact, and the scorer runs without the (git-ignored) article text."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "realnews"
sys.path.insert(0, str(ROOT))

from bench.realnews_build import KINDS, parse_source  # noqa: E402


def _bench(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run a bench script as a person would, bounded in time."""
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True, timeout=120
    )


def test_parse_source_offsets_and_unscored_spans():
    text, names, ignored = parse_source(
        "التقى و[زير|x|per|oos] الرئيس [تبون|Tebboune|per] في [الجزائر|Algiers|loc|amb] و[بنك المغرب|Bank Al-Maghrib|org]."
    )
    assert text == "التقى وزير الرئيس تبون في الجزائر وبنك المغرب."
    assert [(text[n["start"] : n["end"]], n["english"], n["kind"]) for n in names] == [
        ("تبون", "Tebboune", "per"),
        ("بنك المغرب", "Bank Al-Maghrib", "org"),
    ]
    assert [(text[s["start"] : s["end"]], s["why"]) for s in ignored] == [("زير", "oos"), ("الجزائر", "amb")]


@pytest.mark.parametrize("bad", ["كلمة [تبون|Tebboune] فقط", "كلمة [تبون|Tebboune|person]", "نص ] بلا بداية"])
def test_parse_source_rejects_malformed_markup(bad):
    with pytest.raises(ValueError):
        parse_source(bad)


def test_committed_gold_matches_manifest():
    with (HERE / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 36
    assert {r["split"] for r in rows} == {"dev", "val", "test", "fresh", "fresh2"}
    assert sum(r["split"] == "fresh" for r in rows) >= 15
    assert sum(r["split"] == "fresh2" for r in rows) >= 15
    assert len({r["url"] for r in rows}) == len(rows), "an article URL is in the manifest twice"
    for row in rows:
        gold = json.loads((HERE / "gold" / f"{row['id']}.json").read_text(encoding="utf-8"))
        assert gold["sha256"] == row["sha256"] and gold["chars"] == int(row["chars"])
        spans = sorted(gold["names"] + gold["ignored"], key=lambda s: s["start"])
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= gold["chars"] and span["kind"] in KINDS and span["english"]
        for a, b in zip(spans, spans[1:]):
            assert a["end"] <= b["start"], f"{row['id']}: overlapping gold spans"


def test_scorer_without_text_says_so_and_exits_zero(tmp_path):
    result = _bench("realnews_eval.py", "--text", str(tmp_path))
    assert result.returncode == 0
    assert "no article text" in result.stdout


def test_scorer_rejects_an_unknown_split_with_usage_error(tmp_path):
    result = _bench("realnews_eval.py", "--text", str(tmp_path), "--split", "dev,bogus")
    assert result.returncode == 2
    assert "unknown split bogus" in result.stderr


def _gold_names(split: str) -> list[dict]:
    with (HERE / "manifest.csv").open(encoding="utf-8", newline="") as f:
        ids = [r["id"] for r in csv.DictReader(f) if r["split"] == split]
    return [n for i in ids for n in json.loads((HERE / "gold" / f"{i}.json").read_text(encoding="utf-8"))["names"]]


def test_ceiling_counts_names_no_row_holds_and_forms_that_differ_only_loosely():
    from bench.realnews_ceiling import ceiling, loose

    names = _gold_names("dev")
    everything = {n["english"] for n in names}
    assert ceiling("dev", everything).reachable == 1.0

    missing = names[0]["english"]
    loosened = {e for e in everything if e != missing} | {"THE " + missing.removeprefix("the ")}
    result = ceiling("dev", loosened)
    count = sum(n["english"] == missing for n in names)
    assert (sum(result.absent.values()), result.other_form) == (0, count)
    assert result.reachable == pytest.approx(1 - count / len(names))

    result = ceiling("dev", {e for e in everything if e != missing}, source={loose(missing)})
    assert result.absent_names == [missing] * count and result.in_source == [missing] * count
    assert sum(result.mentions.values()) == len(names)


def test_ceiling_script_lists_absent_names_of_seen_splits_only(tmp_path):
    glossary = tmp_path / "g.csv"
    glossary.write_text("arabic,english,kind\nكييف,Kyiv,place\n", encoding="utf-8")
    result = _bench("realnews_ceiling.py", "-g", str(glossary), "--list")
    assert result.returncode == 0, result.stderr
    dev = {n["english"] for n in _gold_names("dev")} - {"Kyiv"}
    listed = {line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.startswith("  ABSENT dev: ")}
    assert listed == dev
    assert "ABSENT fresh2" not in result.stdout
    fresh2 = [line for line in result.stdout.splitlines() if line.startswith("fresh2 ")]
    assert fresh2 and fresh2[0].split()[1] == str(len(_gold_names("fresh2")))


def test_check_tells_a_right_copy_from_one_that_drifted(tmp_path):
    import hashlib

    from bench.realnews_check import check

    text = "نص كتبناه للاختبار.\n"
    (tmp_path / "rn01.txt").write_text(text, encoding="utf-8")
    row = {"id": "rn01", "sha256": hashlib.sha256(text.encode()).hexdigest(), "chars": "21", "paragraphs": "all"}
    assert check(row, tmp_path) == ["rn01: OK"]

    wrong = check({**row, "sha256": "0" * 64}, tmp_path)
    gold = json.loads((HERE / "gold" / "rn01.json").read_text(encoding="utf-8"))
    assert wrong[0].startswith("rn01: DIFFERS: 20 characters for 21")
    assert len(wrong) == 1 + len(gold["names"]) + len(gold["ignored"])
    assert check(row, tmp_path / "nowhere")[0].startswith("rn01: missing")


def test_check_script_exits_1_while_text_is_missing(tmp_path):
    result = _bench("realnews_check.py", "--text", str(tmp_path), "rn01", "rn02")
    assert result.returncode == 1
    assert result.stdout.count("missing") == 2
