"""`bilingual translate`: files in, side-by-side DOCX (or JSON) out."""

from __future__ import annotations

from typing import List, Optional

import typer

from bilingual.cli.app import GlossaryOption, glossary_paths, say

# Ranges of the numeric options (shown in --help, refused outside with exit 2) are the
# engine's own, so the library refuses the same values. engine.py imports CTranslate2 only
# inside load_engine, so this keeps --help light.
from bilingual.translation.engine import MAX_BEAM, MAX_THREADS, MIN_BEAM


def translate(
    inputs: List[str] = typer.Argument(..., help="Files or folders (.txt, .docx), or - for stdin."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", help="Output file (one input) or folder (several inputs). Default: next to each input."
    ),
    glossary: GlossaryOption = typer.Option(None, "-g", "--glossary", help="Names glossary (repeatable)."),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not load any glossary."),
    format: Optional[str] = typer.Option(None, "--format", help="docx, json or xliff (default: from -o, else docx)."),
    model: Optional[str] = typer.Option(None, "--model", help="Package code (ar-en) or path to a package/.argosmodel."),
    beam: int = typer.Option(
        4, "--beam", min=MIN_BEAM, max=MAX_BEAM, help="Beam size (1 is fastest; more than 8 rarely helps)."
    ),
    threads: Optional[int] = typer.Option(
        None, "--threads", min=1, max=MAX_THREADS, help="Parallel translation workers (default: one per core)."
    ),
    device: str = typer.Option(
        "auto", "--device", help="auto (a GPU if CTranslate2 sees one), cpu or cuda; see bilingual doctor."
    ),
    no_memory: bool = typer.Option(False, "--no-memory", help="Neither read nor write the translation memory."),
    rows: str = typer.Option("block", "--rows", help="DOCX rows: block (one per paragraph) or sentence."),
    arabic_left: bool = typer.Option(False, "--arabic-left", help="Put the Arabic column on the left."),
    arabic_font: str = typer.Option("Arial", "--arabic-font", help="Font for Arabic text in the DOCX."),
    split_articles: bool = typer.Option(False, "--split-articles", help="One DOCX per article."),
    force: bool = typer.Option(False, "--force", help="Overwrite a DOCX even if a reviewer edited it."),
):
    """Translate Arabic articles to English and write side-by-side DOCX (or JSON).

    Only regular files (or - for stdin) are read, each at most 50 MB (set
    BILINGUAL_MAX_INPUT_MB to change it).

    Example: bilingual translate examples/scraped.txt -o scraped.docx
    """
    from bilingual.api import translate_files
    from bilingual.cli.progress import download_progress, sentence_progress
    from bilingual.outputs.docx.options import RenderOptions
    from bilingual.outputs.plan import TranslateOptions

    options = TranslateOptions(
        output=output,
        format=format,
        model=model,
        beam=beam,
        threads=threads,
        device=device,
        use_memory=not no_memory,
        split_articles=split_articles,
        glossaries=glossary_paths(glossary, no_glossary),
        render=RenderOptions(rows=rows, arabic_left=arabic_left, arabic_font=arabic_font, force=force),
    )
    with download_progress("Downloading the Arabic→English model") as download, sentence_progress() as progress:
        summary = translate_files(inputs, options, on_progress=progress, download_progress=download, notify=say)
    say(summary.line())
