"""`bilingual inspect`: show what will be translated, before spending time translating."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer

from bilingual.cli.app import GlossaryOption, glossary_paths
from bilingual.document import Block, Document


def _name_line(hit) -> str:
    """«glossary spelling → English»; a spelling variant shows the spelling it was read from."""
    seen = f"{hit.surface} ≈ " if hit.match == "variant" else ""
    return f"{seen}{hit.arabic} → {hit.english}"


def _sentence_text(block: Block, start: int, end: int):
    """A sentence as rich Text with glossary names highlighted."""
    from rich.text import Text

    text = Text(block.text[start:end])
    for hit in block.names:
        if start <= hit.start and hit.end <= end:
            text.stylize("bold magenta", hit.start - start, hit.end - start)
    return text


def render_tree(document: Document):
    from rich.text import Text
    from rich.tree import Tree

    layouts = ", ".join(sorted({a.layout for a in document.articles}))
    tree = Tree(Text(f"{document.source}  ({len(document.articles)} article(s), {layouts} layout)", style="bold"))
    for number, article in enumerate(document.articles, 1):
        branch = tree.add(Text(f"Article {number}: {article.headline}", style="bold cyan"))
        for block in article.blocks:
            names = f", {len(block.names)} name(s)" if block.names else ""
            node = branch.add(Text(f"{block.kind} ({len(block.sentences)} sentence(s){names})", style="green"))
            for sentence in block.sentences:
                node.add(_sentence_text(block, sentence.start, sentence.end))
        found = [h for b in article.blocks for h in b.names]
        if found:
            summary = ", ".join(sorted({_name_line(h) for h in found}))
            branch.add(Text(f"names: {summary}", style="magenta"))
    return tree


def inspect_inputs(inputs: list[str], glossaries: list[Path], as_json: bool = False) -> None:
    from bilingual.api import inspect as read_and_mark

    documents = read_and_mark(inputs, glossaries=glossaries)
    for document in documents:
        for warning in document.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
    if as_json:
        from bilingual.outputs.jsonout import documents_dict, dumps

        sys.stdout.write(dumps(documents_dict(documents)))
        return
    from rich.console import Console

    console = Console()
    for document in documents:
        console.print(render_tree(document))


def inspect(
    inputs: List[str] = typer.Argument(..., help="Files or folders (.txt, .docx), or - for stdin."),
    glossary: GlossaryOption = typer.Option(None, "-g", "--glossary", help="Names glossary (repeatable)."),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not load any glossary."),
    as_json: bool = typer.Option(False, "--json", help="Print the structure as JSON."),
):
    """Show what will be translated: articles, blocks, sentences and glossary names.

    Example: bilingual inspect examples/scraped.txt --json
    """
    inspect_inputs(inputs, glossary_paths(glossary, no_glossary), as_json=as_json)
