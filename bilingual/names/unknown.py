"""Fill `Block.unknown`: the names of a document no glossary row covers, for the reviewer.

Run after the glossary hits are marked (`matcher.annotate_names`), since what a hit covers is
no unknown name. Finding them (`suggest.document_unknowns`) reads wordfreq's Arabic list, about
60 ms on the first call of a process: the translate run always pays it (the model costs far
more), `inspect` only when its output shows them.
"""

from __future__ import annotations

from bilingual.document import Document
from bilingual.names.suggest import document_unknowns


def annotate_unknown(document: Document) -> None:
    """Set each block's unknown names (replacing any found before: the hits may have changed)."""
    for block, unknowns in zip(document.blocks, document_unknowns(document.blocks)):
        block.unknown = unknowns
