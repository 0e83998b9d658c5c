"""`bilingual glossary …`: check, add and list names glossary entries.

Thin wrappers over `bilingual.glossary`; only typer is imported at module level so that
`bilingual --help` stays fast.
"""

from pathlib import Path
from typing import List, Optional

import typer

glossary_app = typer.Typer(help="Check, add and list names glossary entries.", no_args_is_help=True)

_KIND_HELP = "person, place, org, agency or other."


@glossary_app.command("check")
def check(
    files: Optional[List[Path]] = typer.Argument(None, help="Glossary files (default: every .csv/.tsv in ./glossaries/)."),
):
    """Validate glossaries; print FILE:LINE: problem for each one; exit 1 on errors.

    Example: bilingual glossary check glossaries/names.csv
    """
    from bilingual.glossary import check_glossaries, discover_glossaries

    paths = list(files) if files else discover_glossaries([])
    if not paths:
        typer.echo("No glossary files (looked in ./glossaries/).", err=True)
        raise typer.Exit(1)
    problems = check_glossaries(paths)
    for problem in problems:
        typer.echo(problem.display())
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    typer.echo(f"{len(paths)} file(s) checked: {errors} error(s), {warnings} warning(s).", err=True)
    raise typer.Exit(1 if errors else 0)


@glossary_app.command("add")
def add(
    arabic: str = typer.Argument(..., help="Arabic spelling as it appears in articles."),
    english: str = typer.Argument(..., help="House English spelling."),
    kind: str = typer.Option("person", "--kind", "-k", help=_KIND_HELP),
    note: str = typer.Option("", "--note", "-n", help="Free note for editors."),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="File to add to (default: glossaries/names.csv)."),
):
    """Append one entry (the file is created with its header if missing).

    Example: bilingual glossary add "زيلينسكي" Zelensky --kind person
    """
    from bilingual.glossary import DEFAULT_GLOSSARY, add_entry, discover_glossaries

    target = glossary or DEFAULT_GLOSSARY
    others = [] if glossary else discover_glossaries([])
    entry, added = add_entry(target, arabic, english, kind=kind, note=note, others=others)
    if added:
        typer.echo(f"{entry.where}: added {entry.arabic} → {entry.english} ({entry.kind})")
    else:
        typer.echo(f"{entry.where}: already there: {entry.arabic} → {entry.english}")


@glossary_app.command("list")
def list_entries(
    search: Optional[str] = typer.Argument(None, help="Text to look for in the Arabic or English."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help=_KIND_HELP),
    glossary: Optional[List[Path]] = typer.Option(None, "-g", "--glossary", help="Names glossary (repeatable)."),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not load any glossary."),
):
    """Show glossary entries as a table (Arabic, English, kind, note).

    Example: bilingual glossary list زيلينسكي
    """
    from rich.console import Console
    from rich.table import Table

    from bilingual.glossary import discover_glossaries, load_glossaries, search_entries

    glossary_obj = load_glossaries(discover_glossaries(glossary or [], no_glossary=no_glossary))
    entries = search_entries(glossary_obj, search, kind)
    table = Table("Arabic", "English", "Kind", "Note", "Where")
    for entry in entries:
        table.add_row(entry.arabic, entry.english, entry.kind, entry.note, entry.where)
    console = Console()
    console.print(table)
    console.print(f"{len(entries)} of {len(glossary_obj.entries)} entries", style="dim")
