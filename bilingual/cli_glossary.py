"""`bilingual glossary …`: check, add and list names glossary entries."""

import typer

glossary_app = typer.Typer(help="Check, add and list names glossary entries.", no_args_is_help=True)
