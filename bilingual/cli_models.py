"""`bilingual models …` and `bilingual memory …`: translation packages and the memory."""

import typer

models_app = typer.Typer(help="List, install and remove Arabic→English translation packages.", no_args_is_help=True)
memory_app = typer.Typer(help="Show or clear the translation memory.", no_args_is_help=True)
