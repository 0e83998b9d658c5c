"""`bilingual glossary …`: check, add, list and export names glossary entries.

Thin wrappers over `bilingual.names.glossary`; only typer is imported at module level so that
`bilingual --help` stays fast.
"""

from pathlib import Path
from typing import List, Optional

import typer

glossary_app = typer.Typer(
    help="Show which names glossaries are used; check, add, list, export and suggest entries.", no_args_is_help=True
)

_KIND_HELP = "person, place, org, agency or other."


@glossary_app.command("check")
def check(
    files: Optional[List[Path]] = typer.Argument(
        None, metavar="[FILE]...", help="Glossary files (default: the ones in use, see 'glossary path')."
    ),
):
    """Validate glossaries; print FILE:LINE: problem for each one; exit 1 on errors.

    Example: bilingual glossary check my-names.csv
    """
    from bilingual.names.glossary import check_glossaries, discover_glossaries

    paths = list(files) if files else discover_glossaries([])
    if not paths:
        typer.echo("No glossary files in use (see 'bilingual glossary path').", err=True)
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
    arabic: str = typer.Argument(..., metavar="ARABIC", help="Arabic spelling as it appears in articles."),
    english: str = typer.Argument(..., metavar="ENGLISH", help="House English spelling."),
    kind: str = typer.Option("person", "--kind", "-k", metavar="KIND", help=_KIND_HELP),
    note: str = typer.Option("", "--note", "-n", metavar="TEXT", help="Free note for editors."),
    glossary: Optional[Path] = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="File to add to (default: your house glossary)."
    ),
):
    """Append one entry to your house glossary (created with its header if missing).

    A house row replaces the starter glossary's row for the same Arabic.

    Example: bilingual glossary add "زيلينسكي" Zelensky --kind person
    """
    from bilingual.names.glossary import add_entry, discover_glossaries, house_glossary

    target = glossary or house_glossary()
    others = [] if glossary else discover_glossaries([])
    entry, added = add_entry(target, arabic, english, kind=kind, note=note, others=others)
    if added:
        typer.echo(f"{entry.where}: added {entry.arabic} → {entry.english} ({entry.kind})")
    else:
        typer.echo(f"{entry.where}: already there: {entry.arabic} → {entry.english}")


@glossary_app.command("list")
def list_entries(
    search: Optional[str] = typer.Argument(None, metavar="[TEXT]", help="Text to look for in the Arabic or English."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", metavar="KIND", help=_KIND_HELP),
    glossary: Optional[List[Path]] = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Names glossary (repeatable)."
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not load any glossary."),
):
    """Show glossary entries as a table (Arabic, English, kind, note).

    Example: bilingual glossary list زيلينسكي
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from bilingual.names.glossary import discover_glossaries, load_glossaries, search_entries

    glossary_obj = load_glossaries(discover_glossaries(glossary or [], no_glossary=no_glossary))
    entries = search_entries(glossary_obj, search, kind)
    table = Table()
    for title in ("Arabic", "English", "Kind", "Note", "Where"):
        table.add_column(title, overflow="fold")  # wrap a long cell, never cut it to "…"
    for entry in entries:
        # Text, not str: rich would read "[" in a note as markup (and fail on "[/]").
        cells = (entry.arabic, entry.english, entry.kind, entry.note, entry.where)
        table.add_row(*(Text(cell) for cell in cells))
    console = Console()
    console.print(table)
    console.print(f"{len(entries)} of {len(glossary_obj.entries)} entries", style="dim")


@glossary_app.command("export")
def export(
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", metavar="FILE", help="File to write (default: standard output)."
    ),
    format: Optional[str] = typer.Option(
        None,
        "--format",
        metavar="csv|tsv|tbx|deepl",
        help="csv, tsv, tbx (TBX-Basic) or deepl (DeepL's two-column TSV) (default: from -o, else csv).",
    ),
    glossary: Optional[List[Path]] = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Names glossary (repeatable)."
    ),
):
    """Write every entry of the glossaries in use as one file: CSV/TSV (safe to open in
    Excel), TBX-Basic for CAT tools, or DeepL's glossary TSV.

    Examples: bilingual glossary export -o all-names.csv
              bilingual glossary export -o names.tbx
              bilingual glossary export -o names-deepl.tsv --format deepl
    """
    import sys

    from bilingual.errors import BilingualError
    from bilingual.interchange.termbase import export_glossary, interchange_format
    from bilingual.names.glossary import (
        discover_glossaries,
        export_format,
        export_text,
        export_to_file,
        load_glossaries,
    )

    interchange = interchange_format(output, format)
    fmt = interchange or export_format(output, format)
    paths = discover_glossaries(glossary or [])
    if not paths:
        raise BilingualError("no glossary files in use (see 'bilingual glossary path'); name one with -g FILE")
    glossary_obj = load_glossaries(paths)
    if interchange is not None:
        data, count = export_glossary(glossary_obj, output, interchange)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            typer.echo(
                f"Wrote {count} {'concept' if fmt == 'tbx' else 'entrie'}s from {len(paths)} file(s) to {output}",
                err=True,
            )
        return
    if output is None:
        sys.stdout.write(export_text(glossary_obj, fmt))
        return
    export_to_file(glossary_obj, output, fmt)
    typer.echo(f"Wrote {len(glossary_obj.entries)} entries from {len(paths)} file(s) to {output}", err=True)


@glossary_app.command("suggest")
def suggest(
    inputs: List[str] = typer.Argument(
        ..., metavar="PATH...", help="Articles to look in (.txt, .docx, folders, - for stdin)."
    ),
    glossary: Optional[List[Path]] = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Names glossary (repeatable)."
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Suggest every cue-announced name."),
    as_csv: bool = typer.Option(False, "--csv", help="Print glossary rows to fill in (english left empty)."),
):
    """Suggest names the glossary does not know yet: words announced by a title (الوزير،
    الناطق باسم…), a place noun (مدينة، مخيم…) or an organisation noun (حركة، وكالة…).

    Example: bilingual glossary suggest examples/ --csv > new-names.csv
    """
    from bilingual.api import inspect as read_and_mark
    from bilingual.cli.app import glossary_paths, say
    from bilingual.names.glossary import format_row
    from bilingual.names.suggest import suggest_names, suggestion_note

    documents = read_and_mark(inputs, glossaries=glossary_paths(glossary, no_glossary), notify=say)
    suggestions = suggest_names(documents)
    if as_csv:
        typer.echo("arabic,english,kind,note")
        for s in suggestions:
            typer.echo(format_row([s.arabic, s.english, s.kind, suggestion_note(s)], ","))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("Arabic", "English (a guess)", "Kind", "Seen", "First seen in")
    for s in suggestions:
        table.add_row(Text(s.arabic), s.english, s.kind, str(s.count), Text(s.example))
    console = Console()
    console.print(table)
    console.print(
        f"{len(suggestions)} suggestion(s); add the right ones with: bilingual glossary add ARABIC ENGLISH --kind KIND",
        style="dim",
    )


@glossary_app.command("import")
def import_terms_command(
    files: List[Path] = typer.Argument(..., metavar="FILE...", help="TBX (.tbx) or DeepL glossary (.tsv) files."),
    glossary: Optional[Path] = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Glossary file to add to (default: your house glossary)."
    ),
):
    """Add the Arabic→English terms of TBX or DeepL TSV files to the house glossary.

    All rows are checked against the glossaries in use first; a conflict (one Arabic name,
    two English spellings) stops the import with nothing written.

    Example: bilingual glossary import termbase.tbx
    """
    from bilingual.interchange.termbase import import_terms
    from bilingual.names.glossary import discover_glossaries, house_glossary

    target = glossary or house_glossary()  # the file `glossary add` writes to
    others = [] if glossary else discover_glossaries([])
    added, known = import_terms(list(files), target, others)
    typer.echo(f"{target}: added {added} entr{'y' if added == 1 else 'ies'} ({known} already there)", err=True)


@glossary_app.command("path")
def path_command(
    glossary: Optional[List[Path]] = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Names glossary (repeatable)."
    ),
):
    """Print the glossary files in use, with their row counts, and where yours lives.

    Example: bilingual glossary path
    """
    from bilingual.names.glossary import GLOSSARY_DIR_VARIABLE, discover_glossaries, house_dir
    from bilingual.names.glossary_files import describe

    paths = discover_glossaries(glossary or [])
    for source in describe(paths, explicit=bool(glossary)):
        typer.echo(source.line())
    if not paths:
        typer.echo("No glossary files in use.", err=True)
    if not glossary:
        typer.echo(
            f"House glossary folder: {house_dir()} (set {GLOSSARY_DIR_VARIABLE} to use another; "
            "'bilingual glossary add' writes names.csv there)",
            err=True,
        )
