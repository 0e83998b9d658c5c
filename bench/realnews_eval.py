"""Evaluation on REAL Arabic news: glossary-name recall/precision per split, and what suggest adds.

Run by hand: `uv run python bench/realnews_eval.py [-g GLOSSARY] [--text DIR] [--split dev,val,test]`;
`--split fresh` and `--split fresh2` score the held-back splits, only for the final score (neither is in
the default; fresh2 is the untouched one once fresh has been tuned on).
`--show-misses` prints the misses and false hits of `test` and `fresh` too: it UNBLINDS them, so
use it only on splits already seen (all four are, since tuning round 3); it never applies to
`fresh2`, the split kept blind for the final score.

The set (see `bench/realnews/README.md`) is real articles from the search tool's stored pages,
annotated by character offset. Their text is third-party and is not in git: it lives in a
git-ignored folder (default `bench/realnews/text/`, built by `bench/realnews_build.py`); each
article's SHA-256 is checked against its committed gold before it is scored. Without the folder
the script says so and exits 0 (CI has no text).

Scoring is `bench/names_eval.py`'s, unchanged (same span conventions, `oos`/`amb` spans not
counted either way). Per split it prints mention recall and precision; for `dev` and `val` also
every miss (FN) and false hit (FP); for `test`, `fresh` and `fresh2` only the figures: nobody tunes on
them.

Suggest: `glossary suggest` (`bilingual.names.suggest.suggest_names`) runs on each split's
articles after the glossary hits are annotated, as the CLI does. A miss counts as covered when a
suggestion's text, normalized, equals the missed name's surface ("exact") or shares a word run
with it ("partial": one contains the other). A suggestion is a real name when it equals or is
contained in a gold or unscored (oos/amb) name of the same split, or contains one ("partial").
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.names_eval import Score, find_in_article, house_matcher, score_article  # noqa: E402
from bilingual.text.arabic import normalize  # noqa: E402

HERE = ROOT / "bench" / "realnews"
SPLITS = ("dev", "val", "test", "fresh", "fresh2")
DEFAULT_SPLITS = ("dev", "val", "test")  # fresh, fresh2: annotated blind, scored once at the end
BLIND = ("test", "fresh", "fresh2")  # figures only, no misses printed
SEALED = ("fresh2",)  # blind even with --show-misses: the final score


@dataclass
class SuggestScore:
    misses: int = 0
    covered_exact: int = 0
    covered_partial: int = 0
    suggestions: int = 0
    real_exact: int = 0
    real_partial: int = 0
    not_names: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)


def manifest() -> list[dict]:
    with (HERE / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_gold(article_id: str) -> dict:
    """An article's committed gold: offsets, English and kind of each span, and the text's hash."""
    return json.loads((HERE / "gold" / f"{article_id}.json").read_text(encoding="utf-8"))


def load(article_id: str, text_dir: Path) -> tuple[str, dict]:
    gold = read_gold(article_id)
    text = (text_dir / f"{article_id}.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != gold["sha256"]:
        raise SystemExit(f"{article_id}: text differs from the annotated one (sha256 {digest[:12]}…); rebuild it")
    for span in gold["names"] + gold["ignored"]:
        span["surface"] = text[span["start"] : span["end"]]
    return text, gold


def _words(text: str) -> str:
    return " " + " ".join(normalize(text).split()) + " "


def _contains(outer: str, inner: str) -> bool:
    return _words(inner) in _words(outer)


def score_suggest(texts: dict[str, str], golds: dict[str, dict], missed: list[str], matcher) -> SuggestScore:
    from bilingual.names.matcher import annotate_names
    from bilingual.names.suggest import suggest_names
    from bilingual.reading.inputs import read_text

    documents = [annotate_names(read_text(texts[i], f"{i}.txt"), matcher) for i in texts]
    suggestions = [s.arabic for s in suggest_names(documents)]
    names = {span["surface"] for g in golds.values() for span in g["names"] + g["ignored"]}
    score = SuggestScore(misses=len(missed), suggestions=len(suggestions))
    for surface in missed:
        if any(_words(s) == _words(surface) for s in suggestions):
            score.covered_exact += 1
        elif any(_contains(s, surface) or _contains(surface, s) for s in suggestions):
            score.covered_partial += 1
        else:
            score.uncovered.append(surface)
    for s in suggestions:
        if any(_words(s) == _words(n) or _contains(n, s) for n in names):
            score.real_exact += 1
        elif any(_contains(s, n) for n in names):
            score.real_partial += 1
        else:
            score.not_names.append(s)
    return score


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.2f}" if whole else f"{part}/0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-g", "--glossary", action="append", type=Path, help="glossary (default: bilingual/glossaries/names.csv)"
    )
    parser.add_argument("--text", type=Path, default=HERE / "text", help="folder with the articles' .txt files")
    parser.add_argument(
        "--split",
        default=",".join(DEFAULT_SPLITS),
        help=f"splits to score, e.g. dev or dev,val (of {', '.join(SPLITS)})",
    )
    parser.add_argument(
        "--show-misses",
        action="store_true",
        help="print misses, false hits and false suggestions of test and fresh too (this unblinds them; never fresh2)",
    )
    args = parser.parse_args(argv)
    unknown = [s for s in args.split.split(",") if s not in SPLITS]
    if unknown:
        parser.error(f"unknown split {', '.join(unknown)}: choose from {', '.join(SPLITS)}")
    rows = manifest()
    if not args.text.is_dir() or not any((args.text / f"{r['id']}.txt").exists() for r in rows):
        print(f"no article text in {args.text}: the real-news set's text is not in git; see bench/realnews/README.md")
        return 0
    matcher = house_matcher(args.glossary)
    print(f"glossary entries indexed: {matcher.size}")
    for split in args.split.split(","):
        ids = [r["id"] for r in rows if r["split"] == split and (args.text / f"{r['id']}.txt").exists()]
        absent = [r["id"] for r in rows if r["split"] == split and r["id"] not in ids]
        total = Score()
        texts: dict[str, str] = {}
        golds: dict[str, dict] = {}
        missed: list[str] = []
        per_article: dict[str, Score] = {}
        for article_id in ids:
            text, gold = load(article_id, args.text)
            texts[article_id], golds[article_id] = text, gold
            score = score_article(matcher, text, gold)
            per_article[article_id] = score
            total.add(score)
            matched_spans = set()
            hits = find_in_article(matcher, [text])[0]  # as score_article sees them (article context)
            for span in gold["names"]:
                if any(
                    h.start <= span["start"] and h.end >= span["end"] and h.english == span["english"] for h in hits
                ):
                    matched_spans.add((span["start"], span["end"]))
            missed += [s["surface"] for s in gold["names"] if (s["start"], s["end"]) not in matched_spans]
        print(
            f"\n== {split}: {len(ids)} articles"
            + (f" ({len(absent)} without text: {', '.join(absent)})" if absent else "")
        )
        print(f"{'article':<8} {'gold':>5} {'tp':>5} {'fp':>4} {'recall':>7} {'prec':>7}")
        show = (args.show_misses and split not in SEALED) or split not in BLIND
        if show:
            for article_id, s in per_article.items():
                print(f"{article_id:<8} {s.gold:>5} {s.tp:>5} {s.fp:>4} {s.recall:>7.3f} {s.precision:>7.3f}")
        print(
            f"{'OVERALL':<8} {total.gold:>5} {total.tp:>5} {total.fp:>4} {total.recall:>7.3f} {total.precision:>7.3f}"
        )
        sug = score_suggest(texts, golds, missed, matcher)
        print(
            f"suggest: covers misses exact {_pct(sug.covered_exact, sug.misses)}, "
            f"exact+partial {_pct(sug.covered_exact + sug.covered_partial, sug.misses)}; "
            f"suggestions that are names exact {_pct(sug.real_exact, sug.suggestions)}, "
            f"exact+partial {_pct(sug.real_exact + sug.real_partial, sug.suggestions)}"
        )
        if not show:
            continue
        for article_id, s in per_article.items():
            for line in s.false_negatives:
                print(f"  FN {article_id}: {line}")
            for line in s.false_positives:
                print(f"  FP {article_id}: {line}")
        for word in sug.not_names:
            print(f"  SUGGESTED, not a name: {word!r}")
        if show and args.show_misses:
            for surface in sug.uncovered:
                print(f"  NOT SUGGESTED: {surface!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
