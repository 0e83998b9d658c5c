"""`bilingual models …` and `bilingual memory …`: translation packages and the memory.

Only typer is imported at module level; the library modules (and through them rich,
sqlite3, zipfile, CTranslate2) load inside the commands so `bilingual --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

models_app = typer.Typer(help="List, install and remove Arabic→English translation packages.", no_args_is_help=True)
memory_app = typer.Typer(help="Show, clear, export (TMX) or import (TMX) the translation memory.", no_args_is_help=True)


def _human(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # pragma: no cover


@models_app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help="Print the packages as JSON.")):
    """List installed translation packages: language pair, version, size, folder.

    Example: bilingual models list
    """
    from bilingual.translation.packages import list_packages, packages_dir

    packages = list_packages()
    if as_json:
        rows = [
            {"pair": p.pair, "code": p.code, "version": p.version, "bytes": p.size(), "path": str(p.path)}
            for p in packages
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not packages:
        typer.echo(f"No translation packages in {packages_dir()}.")
        typer.echo("Install one: bilingual models install ar-en   (online)")
        typer.echo("         or: bilingual models install FILE.argosmodel")
        return
    for p in packages:
        typer.echo(f"{p.pair:<8} {p.version:<8} {_human(p.size()):>9}  {p.path}")


@models_app.command("install")
def install_command(
    source: str = typer.Argument(
        ..., metavar="FILE|PAIR", help="An .argosmodel file, or a pair like ar-en to download from the Argos index."
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace an installed package of another version, or another pair in that folder."
    ),
):
    """Install a package from a file (offline) or from the Argos package index (online).

    The archive is checked first (layout, metadata, size: BILINGUAL_MAX_MODEL_MB, default
    4096) and swapped in atomically: a failed install keeps the previous package.

    Examples: bilingual models install translate-ar_en-1_0.argosmodel
              bilingual models install ar-en
    """
    from bilingual.cli.app import say
    from bilingual.translation.package_index import install_from_index
    from bilingual.translation.packages import install_file

    path = Path(source)
    if path.exists() or source.endswith(".argosmodel"):
        pkg = install_file(path, force=force, notify=say)
    else:
        from bilingual.cli.progress import download_progress

        with download_progress(f"Downloading {source}") as progress:
            pkg = install_from_index(source, progress=progress, force=force, notify=say)
    typer.echo(f"Installed {pkg.pair} {pkg.version} in {pkg.path}")


@models_app.command("remove")
def remove_command(
    model: str = typer.Argument(..., metavar="PAIR|FOLDER", help="A pair like ar-en, or the package folder."),
):
    """Remove an installed package.

    Example: bilingual models remove ar-en
    """
    from bilingual.translation.packages import remove_package

    pkg = remove_package(model)
    typer.echo(f"Removed {pkg.pair} {pkg.version} ({pkg.path})")


@memory_app.command("stats")
def stats_command(as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON.")):
    """Show where the translation memory is and how many sentences it holds.

    Example: bilingual memory stats
    """
    from bilingual.translation.memory import TranslationMemory

    with TranslationMemory() as memory:
        stats = memory.stats()
    if as_json:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    typer.echo(f"Memory:    {stats['path']}")
    typer.echo(f"Sentences: {stats['entries']}  ({_human(stats['bytes'])} on disk)")
    typer.echo(f"Reviewed:  {stats.get('reviewed', 0)}")
    for name, count in sorted(stats["models"].items()):
        typer.echo(f"  {count:>8}  {name}")


@memory_app.command("clear")
def clear_command(
    reviewed: bool = typer.Option(False, "--reviewed", help="Also delete reviewed English (kept by default)."),
):
    """Delete every remembered translation (the next run translates everything again).

    Reviewed English (from review import or memory import) is kept unless --reviewed.

    Example: bilingual memory clear
    """
    from bilingual.translation.memory import TranslationMemory

    with TranslationMemory() as memory:
        count = memory.clear(reviewed=reviewed)
        path = memory.path
    typer.echo(f"Cleared {count} sentences from {path}")


@memory_app.command("export")
def export_command(
    output: Path = typer.Option(..., "-o", "--output", help="TMX file to write (.tmx)."),
    reviewed_only: bool = typer.Option(False, "--reviewed-only", help="Leave cached machine output out."),
):
    """Write the memory as TMX 1.4 (Arabic source, one unit per segment, origin as a prop).

    Example: bilingual memory export -o memory.tmx
    """
    from bilingual.api import export_memory

    count = export_memory(output, include_machine=not reviewed_only)
    typer.echo(f"Wrote {count} translation unit(s) to {output}", err=True)


@memory_app.command("import")
def import_command(tmx: Path = typer.Argument(..., help="A TMX file with Arabic→English units.")):
    """Store a TMX file's Arabic→English units as reviewed English (used before the model).

    Example: bilingual memory import approved.tmx
    """
    from bilingual.api import import_memory

    result = import_memory(tmx)
    skipped = []
    if result.skipped_machine:
        skipped.append(f"{result.skipped_machine} machine unit(s)")
    if result.skipped_other:
        skipped.append(f"{result.skipped_other} unit(s) without Arabic and English")
    tail = f" (skipped {', '.join(skipped)})" if skipped else ""
    typer.echo(f"Imported {result.stored} reviewed unit(s) from {tmx}{tail}", err=True)
