"""Benchmark: render a 1,000-row side-by-side document (target: ≤ 2 s).

Run from the project root:  uv run python bench/render.py [rows] [--sentence]

Builds a synthetic TranslatedDocument (articles of 100 blocks; every block two sentences,
one glossary name kept, every tenth repaired, every twentieth missing with a comment) and
times `render_docx` end to end: layout, comments, fingerprint, save, atomic write.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bilingual.document import Article, Block, Document, NameHit, Sentence
from bilingual.outputs.docx.options import RenderOptions
from bilingual.outputs.docx.render import render_docx
from bilingual.translation.segments import (
    NameResult,
    RunInfo,
    Segment,
    TranslatedArticle,
    TranslatedBlock,
    TranslatedDocument,
)

FIRST = "قال المتحدث باسم الوزارة نبيل حداد إن الاجتماع عقد في مقر الحكومة صباح اليوم."
SECOND = "وأضاف أن الخطة تشمل 120 مشروعا بتمويل من برنامج UNDP حتى عام 2027."
ENGLISH = (
    "Ministry spokesman Nabil Haddad said the meeting was held at the government "
    "headquarters this morning. He added that the plan includes 120 projects funded "
    "by UNDP until 2027."
)
NAME, NAME_EN = "نبيل حداد", "Nabil Haddad"


def synthetic_block(index: int) -> TranslatedBlock:
    kind = "headline" if index % 100 == 0 else "caption" if index % 100 == 1 else "paragraph"
    text = f"{FIRST} {SECOND}"
    first = Sentence(0, len(FIRST), FIRST)
    second = Sentence(len(FIRST) + 1, len(text), SECOND)
    start = text.index(NAME)
    hit = NameHit(start, start + len(NAME), "", NAME, NAME, NAME_EN, "person")
    status = "missing" if index % 20 == 7 else "repaired" if index % 10 == 3 else "kept"
    english_first, english_second = ENGLISH.split(". ", 1)
    if status == "missing":
        english_first = english_first.replace(NAME_EN, "Nabeel Hadad")
    segments = [
        Segment(FIRST, english_first + ".", names=[NameResult(hit, status, "Nabeel Hadad")]),
        Segment(SECOND, english_second),
    ]
    return TranslatedBlock(Block(kind, text, [first, second], [hit]), segments)


def synthetic_document(rows: int) -> TranslatedDocument:
    blocks = [synthetic_block(i) for i in range(rows)]
    chunks = [blocks[i : i + 100] for i in range(0, rows, 100)]
    articles = [Article([tb.block for tb in chunk]) for chunk in chunks]
    doc = Document("bench/synthetic.txt", articles)
    return TranslatedDocument(
        doc,
        [TranslatedArticle(a, c) for a, c in zip(articles, chunks)],
        RunInfo(model="bench", glossaries=["names.tsv"], date="2025-01-01"),
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 1000
    mode = "sentence" if "--sentence" in sys.argv else "block"
    doc = synthetic_document(rows if mode == "block" else rows // 2)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bench.docx"
        render_docx(doc, Path(folder) / "warmup.docx", RenderOptions(rows=mode))  # imports, caches
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            render_docx(doc, out, RenderOptions(rows=mode, force=True))
            best = min(best, time.perf_counter() - started)
        size = out.stat().st_size
    print(f"render_docx: {rows} {mode} rows in {best:.2f} s (best of 3; {size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
