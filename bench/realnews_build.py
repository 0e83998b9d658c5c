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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "realnews"
TEXT = HERE / "text"
GOLD = HERE / "gold"
MANIFEST = HERE / "manifest.csv"
KINDS = {"per": "person", "loc": "place", "org": "organisation", "med": "media or agency", "misc": "event or concept"}


def _names_eval_build():
    """tests/data/names_eval/build.py, whose markup parser this set shares."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "names_eval_build", ROOT / "tests" / "data" / "names_eval" / "build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("names_eval_build", module)
    spec.loader.exec_module(module)
    return module


def parse_source(source: str) -> tuple[str, list[dict], list[dict]]:
    """Strip the markup; return the plain text, scored spans and unscored spans (offsets,
    English and kind only: the committed gold holds no article text)."""
    build = _names_eval_build()
    if "|" in build.KIND_MARK.sub("", source):
        raise ValueError("stray markup: a '|' outside a [surface|English|kind] span")
    text, gold = build.parse_source(source, build.KIND_MARK)
    strip = lambda span: {k: v for k, v in span.items() if k != "surface"}  # noqa: E731
    return text, [strip(s) for s in gold["names"]], [strip(s) for s in gold["ignored"]]


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
