"""False suggestions of `glossary suggest` on the self-written names set (tests/data/names_eval).

Run by hand: `uv run python bench/names_suggest_eval.py [clean|noisy] [-v]`. The glossary finds
nearly every name of this set, so what `suggest` adds here is mostly noise: a suggestion counts as
a name when it equals, lies inside or contains a gold or unscored span of its article set
(`realnews_eval.score_suggest`'s rule); `-v` lists the others.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.names_eval import articles, house_matcher, load  # noqa: E402
from bench.realnews_eval import score_suggest  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    variant = next((a for a in args if a in ("clean", "noisy")), "clean")
    matcher = house_matcher(None)
    texts: dict[str, str] = {}
    golds: dict[str, dict] = {}
    for stem in articles():
        text, gold = load(stem, variant)
        gold = {k: [dict(s) for s in gold.get(k, [])] for k in ("names", "ignored")}
        for span in gold["names"] + gold["ignored"]:
            span["surface"] = text[span["start"] : span["end"]]
        texts[stem], golds[stem] = text, gold
    score = score_suggest(texts, golds, [], matcher)
    print(f"{variant}: {len(texts)} articles, {score.suggestions} suggestions, {len(score.not_names)} no name")
    if "-v" in args:
        for word in score.not_names:
            print(f"  SUGGESTED, not a name: {word!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
