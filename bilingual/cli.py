"""The `bilingual` command line: thin wrappers over the library.

Each command parses options and calls one library function. Heavy libraries
(CTranslate2, SentencePiece, python-docx, argostranslate) are imported inside the commands
that need them, so `bilingual --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperGroup

from bilingual.errors import BilingualError


class _FriendlyErrors(TyperGroup):
    """Turn every failure into one line on stderr and a non-zero exit (no traceback)."""

    def invoke(self, ctx):  # noqa: D102 - click API
        try:
            return super().invoke(ctx)
        except BilingualError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: still one line, traceback on request
            import click

            if isinstance(exc, click.exceptions.ClickException) or os.environ.get("BILINGUAL_DEBUG"):
                raise
            typer.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}); "
                "set BILINGUAL_DEBUG=1 to see the traceback",
                err=True,
            )
            raise typer.Exit(70) from None


app = typer.Typer(
    cls=_FriendlyErrors,
    help="Translate Arabic news articles into side-by-side Arabic/English Word documents, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

from bilingual.cli_glossary import glossary_app  # noqa: E402
from bilingual.cli_models import memory_app, models_app  # noqa: E402

app.add_typer(glossary_app, name="glossary")
app.add_typer(models_app, name="models")
app.add_typer(memory_app, name="memory")

GlossaryOption = Optional[List[Path]]


def _glossary_paths(glossary: GlossaryOption, no_glossary: bool) -> list[Path]:
    from bilingual.glossary import discover_glossaries

    return discover_glossaries(glossary or [], no_glossary=no_glossary)


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
    from bilingual.inspect import inspect_inputs

    inspect_inputs(inputs, _glossary_paths(glossary, no_glossary), as_json=as_json)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
