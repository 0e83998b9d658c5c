"""`bilingual inspect`: show what will be translated, before spending time translating."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

import typer

from bilingual.cli.app import GlossaryOption, glossary_paths
from bilingual.document import Document


def _name_line(hit) -> str:
    """«glossary spelling → English»; a spelling variant shows the spelling it was read from."""
    seen = f"{hit.surface} ≈ " if hit.match == "variant" else ""
    return f"{seen}{hit.arabic} → {hit.english}"


@dataclass
class Node:
    """One line of the inspect tree: its text, its style in a terminal, the glossary name
    spans to highlight in it, and the lines under it."""

    label: str
    style: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def add(self, label: str, style: str = "", spans: list[tuple[int, int]] | None = None) -> Node:
        self.children.append(Node(label, style, spans or []))
        return self.children[-1]


def outline(document: Document) -> Node:
    """Articles → blocks → sentences, with glossary names, as a tree of lines."""
    layouts = ", ".join(sorted({a.layout for a in document.articles}))
    tree = Node(f"{document.source}  ({len(document.articles)} article(s), {layouts} layout)", "bold")
    for number, article in enumerate(document.articles, 1):
        branch = tree.add(f"Article {number}: {article.headline}", "bold cyan")
        for block in article.blocks:
            names = f", {len(block.names)} name(s)" if block.names else ""
            node = branch.add(f"{block.kind} ({len(block.sentences)} sentence(s){names})", "green")
            for sentence in block.sentences:
                start, end = sentence.start, sentence.end
                spans = [(h.start - start, h.end - start) for h in block.names if start <= h.start and h.end <= end]
                node.add(block.text[start:end], spans=spans)
        found = [h for b in article.blocks for h in b.names]
        if found:
            branch.add("names: " + ", ".join(sorted({_name_line(h) for h in found})), "magenta")
        unknown = {_unknown_line(b, u): None for b in article.blocks for u in b.unknown}
        if unknown:
            branch.add("not in the glossary: " + ", ".join(unknown), "yellow")
    return tree


def _unknown_line(block, unknown) -> str:
    """«Arabic → guess?»: the question mark says the English is a guess, not a house spelling."""
    return f"{block.text[unknown.start : unknown.end]} → {unknown.guess}?"


def render_tree(node: Node):
    """The tree as rich renders it in a terminal (names in bold magenta)."""
    from rich.text import Text
    from rich.tree import Tree

    def text(n: Node) -> Text:
        label = Text(n.label, style=n.style)
        for start, end in n.spans:
            label.stylize("bold magenta", start, end)
        return label

    def grow(tree: Tree, n: Node) -> None:
        for child in n.children:
            grow(tree.add(text(child)), child)

    root = Tree(text(node))
    grow(root, node)
    return root


def plain_lines(node: Node, prefix: str = "") -> list[str]:
    """The same tree as plain text with rich's guides, for pipes and files: no colour to
    show there, so rich is not even imported (a tenth of a second on every scripted run)."""
    lines = [node.label] if not prefix else []
    for index, child in enumerate(node.children):
        last = index == len(node.children) - 1
        lines.append(f"{prefix}{'└── ' if last else '├── '}{child.label}")
        lines.extend(plain_lines(child, prefix + ("    " if last else "│   ")))
    return lines


def inspect_inputs(
    inputs: list[str], glossaries: list[Path] | None, as_json: bool = False, unknown: bool = False
) -> None:
    from bilingual.api import inspect as read_and_mark
    from bilingual.cli.app import say

    # Unknown names cost the word list's load (~60 ms, a third of an inspect): the tree shows
    # them when asked, the JSON always has them (scripts read the whole contract).
    documents = read_and_mark(inputs, glossaries=glossaries, notify=say, unknown=unknown or as_json)
    for document in documents:
        for warning in document.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
    if as_json:
        from bilingual.outputs.jsonout import documents_dict, dumps

        sys.stdout.write(dumps(documents_dict(documents)))
        return
    if not sys.stdout.isatty():
        for document in documents:
            sys.stdout.write("\n".join(plain_lines(outline(document))) + "\n")
        return
    from rich.console import Console

    console = Console()
    for document in documents:
        console.print(render_tree(outline(document)))


def inspect(
    inputs: List[str] = typer.Argument(
        ..., metavar="PATH...", help="Articles: .txt or .docx files, folders of them, or - for standard input."
    ),
    glossary: GlossaryOption = typer.Option(
        None, "-g", "--glossary", metavar="FILE", help="Use this names glossary instead of yours (repeatable)."
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not use any names glossary."),
    as_json: bool = typer.Option(False, "--json", help="Print the structure as JSON."),
    unknown: bool = typer.Option(
        False,
        "-u",
        "--unknown",
        help="Also list names no glossary row covers, with a guessed English (JSON always has them).",
    ),
):
    """Show what will be translated: articles, blocks, sentences and glossary names.

    Example: bilingual inspect examples/scraped.txt --json
    """
    inspect_inputs(inputs, glossary_paths(glossary, no_glossary), as_json=as_json, unknown=unknown)
