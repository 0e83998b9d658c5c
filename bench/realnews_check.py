"""Check a rebuilt copy of the real-news text against the committed manifest and gold.

Run by hand: `uv run python bench/realnews_check.py [--text DIR] [ID ...]` (default: every article).

The article text is not in git and does not survive a change of machine, so whoever scores the set
again rebuilds it from the search tool's stored pages (bench/realnews/README.md). This says per
article whether the copy is the annotated text (SHA-256), and for one that is not, the length
difference and each gold span's surface at its offsets: where the surfaces stop looking like their
English, something before that point differs (a furniture line kept, a newline, a cut paragraph).
Exit 1 while any article is missing or differs.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.realnews_eval import HERE, manifest, read_gold  # noqa: E402


def check(row: dict, text_dir: Path) -> list[str]:
    """Lines to print for one article: one line when it is right or absent, more when it differs."""
    path = text_dir / f"{row['id']}.txt"
    if not path.exists():
        return [f"{row['id']}: missing ({path})"]
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() == row["sha256"]:
        return [f"{row['id']}: OK"]
    lines = [
        f"{row['id']}: DIFFERS: {len(text)} characters for {row['chars']} "
        f"(paragraphs kept: {row['paragraphs']}; ends with {text[-12:]!r})"
    ]
    gold = read_gold(row["id"])
    for span in sorted(gold["names"] + gold["ignored"], key=lambda s: s["start"]):
        surface = text[span["start"] : span["end"]]
        lines.append(f"  {span['start']:>5}-{span['end']:<5} {surface!r}  (gold: {span['english']})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=HERE / "text", help="folder with the articles' .txt files")
    parser.add_argument("ids", nargs="*", help="article ids (default: all)")
    args = parser.parse_args(argv)
    rows = manifest()
    unknown = set(args.ids) - {r["id"] for r in rows}
    if unknown:
        parser.error(f"no article {', '.join(sorted(unknown))} in the manifest")
    wrong = 0
    for row in rows:
        if args.ids and row["id"] not in args.ids:
            continue
        lines = check(row, args.text)
        wrong += not lines[0].endswith(": OK")
        print("\n".join(lines))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
