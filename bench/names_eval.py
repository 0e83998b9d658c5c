"""Evaluation: glossary-name recall and precision on hand-annotated Arabic news articles.

Run by hand: `uv run python bench/names_eval.py [-q] [-g GLOSSARY] [-a 19-24]`. The data is in
`tests/data/names_eval/` (see its `build.py` and README): 113 wire-style articles written for this
evaluation, each with gold spans, in a clean and a noisy (web-spelling) version.
`tests/test_names_eval.py` runs the same scoring and asserts the figures.

Scoring (per article, then pooled over all articles):

* The matcher (`NameMatcher.find`) runs on the whole article text.
* A gold span is the name as a `NameHit` spans it: proclitics (و، ب، ل، وب…) outside, the
  article ال inside when it is written out, and after ل only the name after لل
  (للأمم المتحدة → "أمم المتحدة"). Titles (الرئيس، الأمير) are outside.
* A hit is correct (true positive) when its [start, end) covers the gold span and its
  English equals the gold English exactly; a hit may be longer than the gold span (the
  glossary's "حركة فتح" covers the gold "فتح"). Each hit and each gold span is used once.
* Hits that overlap a span marked out of scope (`oos`, obscure local names) or ambiguous
  (`amb`, bare forms like عمان or مالي that no context-free glossary can map) are not
  counted either way. Every other hit that is not a true positive is a false positive; a
  hit that covers a gold span with the wrong English counts as one false positive and one
  false negative.
* recall = TP / gold spans, precision = TP / (TP + FP).
"""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bilingual.names.glossary import load_glossaries  # noqa: E402
from bilingual.names.matcher import NameMatcher, find_in_article  # noqa: E402

DATA = ROOT / "tests" / "data" / "names_eval"
VARIANTS = ("clean", "noisy")


@dataclass
class Score:
    tp: int = 0
    gold: int = 0
    fp: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.gold += other.gold
        self.fp += other.fp
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


def articles(folder: Path = DATA) -> list[str]:
    """Article stems (01_russia_ukraine, ...)."""
    return sorted(p.name[: -len(".src.txt")] for p in folder.glob("*.src.txt"))


def _build_module():
    """tests/data/names_eval/build.py: turns an annotated source into text + gold spans."""
    import importlib.util

    name = "names_eval_build"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, DATA / "build.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@functools.cache
def load(stem: str, variant: str, folder: Path = DATA) -> tuple[str, dict]:
    """The article's text and gold spans, derived from its annotated `.src.txt` on the fly
    (clean, or with the seeded web-spelling noise); nothing derived is stored in git."""
    build = _build_module()
    text, gold = build.parse_source((folder / f"{stem}.src.txt").read_text(encoding="utf-8"))
    if variant == "clean":
        return text, gold
    noisy, starts, ends = build.add_noise(text, stem)
    return noisy, build.noisy_gold(gold, starts, ends, noisy)


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 25) : start].replace("\n", " ")
    right = text[end : end + 25].replace("\n", " ")
    return f"…{left}⟦{text[start:end]}⟧{right}…"


def score_article(matcher: NameMatcher, text: str, gold: dict) -> Score:
    hits = find_in_article(matcher, [text])[0]
    score = Score(gold=len(gold["names"]))
    used: set[int] = set()
    for span in gold["names"]:
        match = next(
            (
                i
                for i, h in enumerate(hits)
                if i not in used and h.start <= span["start"] and h.end >= span["end"] and h.english == span["english"]
            ),
            None,
        )
        if match is None:
            wrong = [h for h in hits if h.start < span["end"] and h.end > span["start"]]
            found = "; ".join(f"found {h.surface!r} → {h.english!r}" for h in wrong) or "not found"
            score.false_negatives.append(f"{span['english']!r} ({found}) {_context(text, span['start'], span['end'])}")
        else:
            used.add(match)
            score.tp += 1
    for i, hit in enumerate(hits):
        if i in used:
            continue
        if any(hit.start < s["end"] and hit.end > s["start"] for s in gold["ignored"]):
            continue
        score.fp += 1
        score.false_positives.append(f"{hit.english!r} ← {hit.surface!r} {_context(text, hit.start, hit.end)}")
    return score


def select(spec: str | None, folder: Path = DATA) -> list[str]:
    """Article stems picked by a spec of numbers and ranges: "19-24", "16,17,18", "19-"."""
    stems = articles(folder)
    if not spec:
        return stems
    wanted: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            low, high = part.split("-", 1)
            wanted.update(range(int(low or 0), int(high or 999) + 1))
        elif part:
            wanted.add(int(part))
    return [s for s in stems if int(s.split("_", 1)[0]) in wanted]


def evaluate(
    matcher: NameMatcher, variant: str, folder: Path = DATA, stems: list[str] | None = None
) -> tuple[Score, dict[str, Score]]:
    total = Score()
    per_article: dict[str, Score] = {}
    for stem in articles(folder) if stems is None else stems:
        text, gold = load(stem, variant, folder)
        score = score_article(matcher, text, gold)
        per_article[stem] = score
        total.add(score)
    return total, per_article


def house_matcher(paths: list[Path] | None = None) -> NameMatcher:
    glossary = load_glossaries(paths or [ROOT / "bilingual" / "glossaries" / "names.csv"])
    return NameMatcher(glossary.entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-g", "--glossary", action="append", type=Path, help="glossary file (default: bilingual/glossaries/names.csv)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="figures only, no error listing")
    parser.add_argument(
        "-a",
        "--articles",
        metavar="SPEC",
        help='only these articles, by number: "19-24", "16,17,18", "25-" (default: all)',
    )
    args = parser.parse_args(argv)
    matcher = house_matcher(args.glossary)
    stems = select(args.articles)
    print(f"glossary entries indexed: {matcher.size}; articles: {len(stems)}")
    for variant in VARIANTS:
        total, per_article = evaluate(matcher, variant, stems=stems)
        print(f"\n== {variant} ==")
        print(f"{'article':<22} {'gold':>5} {'tp':>5} {'fp':>4} {'recall':>7} {'prec':>7}")
        for stem, s in per_article.items():
            print(f"{stem:<22} {s.gold:>5} {s.tp:>5} {s.fp:>4} {s.recall:>7.3f} {s.precision:>7.3f}")
        print(
            f"{'OVERALL':<22} {total.gold:>5} {total.tp:>5} {total.fp:>4} {total.recall:>7.3f} {total.precision:>7.3f}"
        )
        if not args.quiet:
            for stem, s in per_article.items():
                for line in s.false_negatives:
                    print(f"  FN {stem}: {line}")
                for line in s.false_positives:
                    print(f"  FP {stem}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
