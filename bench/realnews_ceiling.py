"""The recall a glossary can reach on the real-news set: how many gold mentions name something
that no glossary row holds under any Arabic spelling.

Run by hand: `uv run python bench/realnews_ceiling.py [-g GLOSSARY | --at COMMIT] [--split ...]`.

A matcher can only find a name that some row maps to the gold's English form, however well it
handles spelling variants and context. So the share of gold mentions whose English form is the
English of no row bounds recall from above, whatever the rules do. This needs no article text:
only the committed gold (`bench/realnews/gold/`) and the glossary, so it runs anywhere, CI
included, and it cannot unblind a split by printing article text.

`--at COMMIT` reads the starter glossary as it was at that commit (for example before a tuning
round added rows for a split's misses: the ceiling that split had while it was still unseen).
`--english-list FILE` (one English form a line) counts how many of the absent names another
source would add, to judge a source before importing it.
`--list` prints the absent names of the seen splits; never of `fresh2`, the split kept blind
(its names are printed only as counts).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.realnews_eval import SEALED, SPLITS, manifest, read_gold  # noqa: E402

STARTER = "bilingual/glossaries/names.csv"
OLD_STARTER = "glossaries/names.csv"  # its place before the package carried it (issue 11)


def loose(english: str) -> str:
    """An English form without case or a leading article: "the Kremlin" and "Kremlin" are one
    name to a reader, though the scorer wants the gold's exact form."""
    english = english.strip().casefold()
    return english[4:] if english.startswith("the ") else english


@dataclass
class Ceiling:
    """One split's gold mentions against the English forms a glossary holds."""

    mentions: Counter[str] = field(default_factory=Counter)  # per kind
    absent: Counter[str] = field(default_factory=Counter)  # per kind: no row has the form, even loosely
    other_form: int = 0  # a row has it only in another case or without/with "the"
    absent_names: list[str] = field(default_factory=list)
    in_source: list[str] = field(default_factory=list)  # absent names that --english-list holds

    @property
    def reachable(self) -> float:
        total = sum(self.mentions.values())
        return 1 - (sum(self.absent.values()) + self.other_form) / total if total else 0.0


def ceiling(split: str, glossary_english: set[str], source: set[str] | None = None) -> Ceiling:
    loose_forms = {loose(e) for e in glossary_english}
    result = Ceiling()
    for row in manifest():
        if row["split"] != split:
            continue
        for span in read_gold(row["id"])["names"]:
            english = span["english"]
            result.mentions[span["kind"]] += 1
            if english in glossary_english:
                continue
            if loose(english) in loose_forms:
                result.other_form += 1
                continue
            result.absent[span["kind"]] += 1
            result.absent_names.append(english)
            if source is not None and loose(english) in source:
                result.in_source.append(english)
    return result


def glossary_english(paths: list[Path]) -> tuple[set[str], int]:
    from bilingual.names.glossary import load_glossaries

    entries = load_glossaries(paths).entries
    return {entry.english for entry in entries}, len(entries)


def starter_at(commit: str, folder: Path) -> Path:
    """The starter glossary as committed at COMMIT, written to a file in FOLDER."""
    for place in (STARTER, OLD_STARTER):
        shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{place}"], capture_output=True, check=False)
        if shown.returncode == 0:
            break
    else:
        raise SystemExit(f"no {STARTER} at {commit}: {shown.stderr.decode(errors='replace').strip()}")
    path = folder / "names.csv"
    path.write_bytes(shown.stdout)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-g", "--glossary", action="append", type=Path, help=f"glossary (default: {STARTER})")
    parser.add_argument("--at", metavar="COMMIT", help="the starter glossary as it was at this commit")
    parser.add_argument("--split", default=",".join(SPLITS), help=f"splits, e.g. fresh2 (of {', '.join(SPLITS)})")
    parser.add_argument("--english-list", type=Path, help="a file of English forms, one a line: another source")
    parser.add_argument("--list", action="store_true", help="print the absent names (never of fresh2)")
    args = parser.parse_args(argv)
    splits = args.split.split(",")
    unknown = [s for s in splits if s not in SPLITS]
    if unknown:
        parser.error(f"unknown split {', '.join(unknown)}: choose from {', '.join(SPLITS)}")
    if args.at and args.glossary:
        parser.error("give -g or --at, not both")
    source = None
    if args.english_list:
        source = {loose(line) for line in args.english_list.read_text(encoding="utf-8").splitlines() if line.strip()}
    with tempfile.TemporaryDirectory() as folder:
        paths = [starter_at(args.at, Path(folder))] if args.at else args.glossary or [ROOT / STARTER]
        english, rows = glossary_english(paths)
    print(f"glossary: {rows} entries, {len(english)} English forms" + (f" (at {args.at})" if args.at else ""))
    print(f"{'split':<8} {'gold':>5} {'absent':>7} {'other form':>10} {'reachable':>9}  absent by kind")
    for split in splits:
        result = ceiling(split, english, source)
        total = sum(result.mentions.values())
        kinds = ", ".join(f"{kind} {result.absent[kind]}/{n}" for kind, n in result.mentions.most_common())
        print(
            f"{split:<8} {total:>5} {sum(result.absent.values()):>7} {result.other_form:>10} "
            f"{result.reachable:>9.3f}  {kinds}"
        )
        if source is not None:
            print(f"{'':<8} the other source holds {len(result.in_source)} of the {len(result.absent_names)} absent")
        if args.list and split not in SEALED:
            for name in sorted(set(result.absent_names)):
                print(f"  ABSENT {split}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
