"""The `bilingual` command line: thin wrappers over the library.

Each command parses options and calls one library function. Heavy libraries
(CTranslate2, SentencePiece, python-docx, argostranslate) are imported inside the commands
that need them, so `bilingual --help` starts fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from bilingual.errors import BilingualError, Interrupted


def _is_usage_error(exc: Exception) -> bool:
    """A Click exception (bad option, missing argument, unknown command, bad value).

    Typer 0.28 raises its own bundled copy of Click (`typer._click`), whose classes are not
    the `click` package's, so both are checked; Click then prints the usage line and hint.
    """
    import importlib

    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            if isinstance(exc, importlib.import_module(module).ClickException):
                return True
        except ImportError:
            continue
    return False


class _FriendlyErrors(TyperGroup):
    """Turn every failure into one line on stderr and a non-zero exit (no traceback).

    Ctrl-C is a failure too: without this, typer exits 130 silently, and the editor cannot
    tell an interrupted run from a finished one.
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BilingualError as exc:
            typer.echo(f"{exc.prefix}{exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            raise typer.Exit(Interrupted.exit_code) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug: still one line, traceback on request
            if _is_usage_error(exc) or os.environ.get("BILINGUAL_DEBUG"):
                raise  # Click prints usage errors with the usage line and exits 2
            typer.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}); set BILINGUAL_DEBUG=1 to see the traceback",
                err=True,
            )
            raise typer.Exit(70) from None


app = typer.Typer(
    cls=_FriendlyErrors,
    help="Translate Arabic news articles into side-by-side Arabic/English Word documents, offline.",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "\b\nExamples:\n"
        "  bilingual translate examples/scraped.txt            # → examples/scraped.docx\n"
        "  bilingual translate examples/ -o out/ --rows sentence\n"
        "  bilingual inspect examples/plain.txt --json\n"
        "  bilingual glossary add 'بيسكوف' Peskov --kind person\n"
        "  bilingual models install translate-ar_en-1_0.argosmodel"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

from bilingual.cli.glossary import glossary_app  # noqa: E402
from bilingual.cli.models import memory_app, models_app  # noqa: E402

app.add_typer(glossary_app, name="glossary")
app.add_typer(models_app, name="models")
app.add_typer(memory_app, name="memory")

GlossaryOption = Optional[List[Path]]


def _glossary_paths(glossary: GlossaryOption, no_glossary: bool) -> list[Path]:
    from bilingual.names.glossary import discover_glossaries

    return discover_glossaries(glossary or [], no_glossary=no_glossary)


@app.command()
def translate(
    inputs: List[str] = typer.Argument(..., help="Files or folders (.txt, .docx), or - for stdin."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", help="Output file (one input) or folder (several inputs). Default: next to each input."
    ),
    glossary: GlossaryOption = typer.Option(None, "-g", "--glossary", help="Names glossary (repeatable)."),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not load any glossary."),
    format: Optional[str] = typer.Option(None, "--format", help="docx or json (default: from -o, else docx)."),
    model: Optional[str] = typer.Option(None, "--model", help="Package code (ar-en) or path to a package/.argosmodel."),
    beam: int = typer.Option(4, "--beam", help="Beam size (1 is fastest)."),
    threads: Optional[int] = typer.Option(
        None, "--threads", help="Parallel translation workers (default: one per core)."
    ),
    no_memory: bool = typer.Option(False, "--no-memory", help="Neither read nor write the translation memory."),
    rows: str = typer.Option("block", "--rows", help="DOCX rows: block (one per paragraph) or sentence."),
    arabic_left: bool = typer.Option(False, "--arabic-left", help="Put the Arabic column on the left."),
    arabic_font: str = typer.Option("Arial", "--arabic-font", help="Font for Arabic text in the DOCX."),
    split_articles: bool = typer.Option(False, "--split-articles", help="One DOCX per article."),
    force: bool = typer.Option(False, "--force", help="Overwrite a DOCX even if a reviewer edited it."),
):
    """Translate Arabic articles to English and write side-by-side DOCX (or JSON).

    Example: bilingual translate examples/scraped.txt -o scraped.docx
    """
    from bilingual.outputs.plan import TranslateOptions, translate_command

    options = TranslateOptions(
        output=output,
        format=format,
        model=model,
        beam=beam,
        threads=threads,
        use_memory=not no_memory,
        rows=rows,
        arabic_left=arabic_left,
        arabic_font=arabic_font,
        split_articles=split_articles,
        force=force,
        glossaries=_glossary_paths(glossary, no_glossary),
    )
    translate_command(inputs, options)


@app.command()
def inspect(
    inputs: List[str] = typer.Argument(..., help="Files or folders (.txt, .docx), or - for stdin."),
    glossary: GlossaryOption = typer.Option(None, "-g", "--glossary", help="Names glossary (repeatable)."),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not load any glossary."),
    as_json: bool = typer.Option(False, "--json", help="Print the structure as JSON."),
):
    """Show what will be translated: articles, blocks, sentences and glossary names.

    Example: bilingual inspect examples/scraped.txt --json
    """
    from bilingual.cli.inspect import inspect_inputs

    inspect_inputs(inputs, _glossary_paths(glossary, no_glossary), as_json=as_json)


def _terminate(signum, frame) -> None:
    """SIGTERM (a closed session, `timeout`, a job scheduler) stops the run the way Ctrl-C
    does, so temporary files are removed and finished sentences stay in the memory; the
    default action would kill the process on the spot."""
    raise KeyboardInterrupt


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
