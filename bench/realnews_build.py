"""Build the real-news names set's committed gold from locally annotated copies of the articles.

Run by hand after annotating: `uv run python bench/realnews_build.py`. The verbatim articles are
third-party text and never enter git: `bench/realnews/text/ID.src.txt` (git-ignored) holds the
article as taken from the stored page (see `bench/realnews/README.md`) with every name marked up
in place, using the conventions of `tests/data/names_eval/build.py`:

* `[surface|English|kind]`       a scored gold mention; kind is one of KINDS below;
* `[surface|English|kind|oos]`   out of scope (too obscure or local for a house glossary);
* `[surface|English|kind|amb]`   a bare form no context-free glossary can map (عمان, مالي).

Proclitics stay outside the brackets (و[الرياض|Riyadh]), a written-out article ال inside,
after ل the article's lam outside (لل[أمم المتحدة|the United Nations]); titles outside.

For each article in `bench/realnews/manifest.csv` this writes the plain text
`bench/realnews/text/ID.txt` (git-ignored) and the committed gold `bench/realnews/gold/ID.json`:
offsets, English and kind only, plus the SHA-256 of the plain text, so the scorer can refuse a
text that differs from the one annotated. The manifest's sha256 and chars columns are refreshed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "realnews"
TEXT = HERE / "text"
GOLD = HERE / "gold"
MANIFEST = HERE / "manifest.csv"
KINDS = {"per": "person", "loc": "place", "org": "organisation", "med": "media or agency", "misc": "event or concept"}
MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)\|(per|loc|org|med|misc)(?:\|(oos|amb))?\]")


def parse_source(source: str) -> tuple[str, list[dict], list[dict]]:
    """Strip the markup; return the plain text, scored spans and unscored spans."""
    out: list[str] = []
    names: list[dict] = []
    ignored: list[dict] = []
    length = 0
    position = 0
    for match in MARK.finditer(source):
        plain = source[position : match.start()]
        if "[" in plain or "]" in plain or "|" in plain:
            raise ValueError(f"stray markup near: {plain[-60:]!r}")
        out.append(plain)
        length += len(plain)
        surface, english, kind, why = match.group(1), match.group(2).strip(), match.group(3), match.group(4)
        if surface != surface.strip():
            raise ValueError(f"space inside brackets: {surface!r}")
        span = {"start": length, "end": length + len(surface), "english": english, "kind": kind}
        (ignored if why else names).append({**span, "why": why} if why else span)
        out.append(surface)
        length += len(surface)
        position = match.end()
    tail = source[position:]
    if "[" in tail or "]" in tail or "|" in tail:
        raise ValueError(f"stray markup near: {tail[:60]!r}")
    out.append(tail)
    return "".join(out), names, ignored


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest() -> list[dict]:
    with MANIFEST.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_manifest(rows: list[dict]) -> None:
    with MANIFEST.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    rows = read_manifest()
    built = 0
    for row in rows:
        src = TEXT / f"{row['id']}.src.txt"
        if not src.exists():
            print(f"{row['id']}: no annotated source, skipped", file=sys.stderr)
            continue
        text, names, ignored = parse_source(src.read_text(encoding="utf-8"))
        (TEXT / f"{row['id']}.txt").write_text(text, encoding="utf-8")
        digest = sha256(text)
        gold = {"id": row["id"], "sha256": digest, "chars": len(text), "names": names, "ignored": ignored}
        (GOLD / f"{row['id']}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        row["sha256"], row["chars"] = digest, str(len(text))
        built += 1
    write_manifest(rows)
    print(f"built {built} of {len(rows)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
