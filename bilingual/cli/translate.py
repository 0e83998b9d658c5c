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
    inputs: List[str] = typer.Argument(
        ..., metavar="PATH...", help="Articles: .txt or .docx files, folders of them, or - for standard input."
    ),
    output: Optional[str] = typer.Option(
        None,
        "-o",
        "--output",
        metavar="FILE|FOLDER/",
        help="Where to write: a .docx, .json or .xlf file (one input) or a folder (several inputs); "
        "missing folders are created. Default: next to each input.",
    ),
    glossary: GlossaryOption = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Use this names glossary instead of yours (repeatable)."
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not use any names glossary."),
    format: Optional[str] = typer.Option(
        None,
        "--format",
        metavar="docx|json|xliff",
        help="What to write (default: from the -o extension, else docx).",
    ),
    model: Optional[str] = typer.Option(
        None, "--model", metavar="PAIR|PATH", help="Translation package: a pair like ar-en, a folder or an .argosmodel."
    ),
    beam: int = typer.Option(
        4,
        "--beam",
        min=MIN_BEAM,
        max=MAX_BEAM,
        metavar="N",
        help="Candidates the model weighs per word (1 is fastest; more than 8 rarely helps).",
    ),
    threads: Optional[int] = typer.Option(
        None,
        "--threads",
        min=1,
        max=MAX_THREADS,
        metavar="N",
        help="Sentences translated in parallel (default: one per CPU core).",
    ),
    no_memory: bool = typer.Option(False, "--no-memory", help="Neither reuse nor remember translations."),
    rows: str = typer.Option(
        "block", "--rows", metavar="block|sentence", help="Word table: one row per paragraph, or per sentence."
    ),
    device: str = typer.Option(
        "auto",
        "--device",
        metavar="auto|cpu|cuda",
        help="auto (a GPU if CTranslate2 sees one), cpu or cuda; see bilingual doctor.",
    ),
    arabic_left: bool = typer.Option(False, "--arabic-left", help="Put the Arabic column on the left."),
    arabic_font: str = typer.Option("Arial", "--arabic-font", metavar="FONT", help="Font for Arabic text in Word."),
    split_articles: bool = typer.Option(False, "--split-articles", help="One output file per article."),
    keep_going: bool = typer.Option(
        False, "--keep-going", help="Skip an input that fails, finish the others, exit 1 at the end."
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace an output file even if someone edited it or bilingual did not write it."
    ),
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
        keep_going=keep_going,
        glossaries=glossary_paths(glossary, no_glossary),
        render=RenderOptions(rows=rows, arabic_left=arabic_left, arabic_font=arabic_font, force=force),
    )
    with download_progress("Downloading the Arabic→English model") as download, sentence_progress() as progress:
        report = translate_files(inputs, options, on_progress=progress, download_progress=download, notify=say)
    say(report.line())
    if report.failed:
        raise typer.Exit(1)
