"""`bilingual review import`: a reviewer's corrections back into the memory."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from bilingual.cli.app import say

review_app = typer.Typer(help="Bring reviewers' corrections (DOCX, XLIFF) back into the memory.", no_args_is_help=True)


@review_app.command("import")
def import_command(
    files: List[Path] = typer.Argument(..., help="Reviewed .docx or .xlf/.xliff files that bilingual wrote."),
    update_glossary: bool = typer.Option(
        False, "--update-glossary", help="Write the name spellings reviewers changed to the house glossary (-g)."
    ),
    glossary: Optional[Path] = typer.Option(None, "-g", "--glossary", help="The house glossary to update."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every row, not only the ones to look at."),
):
    """Store edited rows as reviewed English: the next translation uses them as they are.

    Rows are matched by the ids bilingual wrote, never by text; a row whose Arabic changed
    is a conflict and is not imported. Tracked changes count as accepted.

    Example: bilingual review import article.docx
    """
    from bilingual.api import review_import

    target = None
    if update_glossary:
        target = glossary or _house_glossary()
    report = review_import(files, update_glossary=target)
    for outcome in report.outcomes:
        if verbose or outcome.status not in ("unchanged", "edited") or outcome.moved:
            where = f"{outcome.file} row {outcome.row}"
            moved = " (moved)" if outcome.moved else ""
            detail = f": {outcome.detail}" if outcome.detail else ""
            stored = f", stored as {outcome.stored} {outcome.unit} unit(s)" if outcome.stored else ""
            say(f"{where}: {outcome.status}{moved}{detail}{stored}")
    if report.proposals:
        say("Name spellings changed by reviewers (proposed glossary changes):")
        for proposal in report.proposals:
            say(f"  {proposal.line()}")
        if not update_glossary:
            say("Write them with --update-glossary -g FILE (nothing was changed).")
    for change in report.glossary_changes:
        say(change)
    say(report.line())


def _house_glossary() -> Path:
    """The house glossary file, the one `glossary add` writes to."""
    from bilingual.names.glossary import house_glossary

    return Path(house_glossary())
