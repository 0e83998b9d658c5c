"""The typer application every command hangs on, and how it answers failures.

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
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from bilingual import __version__

        typer.echo(f"bilingual {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    pass


GlossaryOption = Optional[List[Path]]


def glossary_paths(glossary: GlossaryOption, no_glossary: bool) -> list[Path] | None:
    """What `-g`/`--no-glossary` ask for: the named files (checked to exist), `[]` for
    none, or None for the default ones (starter + house folder, see `glossary path`)."""
    if no_glossary:
        return []
    if not glossary:
        return None
    from bilingual.names.glossary_files import discover_glossaries

    return discover_glossaries(glossary)


def say(message: str) -> None:
    """A line for the person at the terminal (stderr: stdout may carry JSON)."""
    import sys

    print(message, file=sys.stderr)
