"""Article structure: what a translator sees in a news file.

A `Document` is one input file. It holds one or more `Article`s; each article is a list of
`Block`s (headline, caption, paragraph) that carry their exact source text, and each block
is cut into `Sentence`s whose offsets point back into that text. Everything downstream
(name matching, translation, rendering) addresses text by these offsets, so the source is
never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["headline", "caption", "paragraph"]


@dataclass(frozen=True)
class Sentence:
    """A sentence as `block.text[start:end]`; never empty, never padded with spaces."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NameHit:
    """A glossary name found in a block.

    `start`/`end` delimit the name in the block text without its attached clitics;
    `prefix` is the clitic text just before `start` ("و", "ب", "وب", "لل", or ""). The
    article ال belongs to the name when the glossary spells it (بالكرملين = "ب" +
    "الكرملين"), so `surface` reads as a name; after ل the article loses its alef and
    stays in the prefix (للأمم = "لل" + "أمم"). `surface` is the text as written,
    `arabic` the glossary spelling it matched, `english` the house spelling. `match` is
    "exact" when the text has the glossary's spelling (up to hamzas, ة/ه, diacritics) and
    "variant" when it has another spelling of the same foreign name (جوتيريش for غوتيريش):
    enforced all the same, but flagged for the reviewer.
    """

    start: int
    end: int
    prefix: str
    surface: str
    arabic: str
    english: str
    kind: str
    match: str = "exact"


@dataclass
class UnknownName:
    """A span that reads like a name no glossary row covers (`names.suggest`): the reviewer
    must see it, since nothing forces its English. `start`/`end` delimit it in the block text;
    `kind` is what announced it (person, place, org, agency, other); `source` how it was found
    (cue, joined, apposed, shape, rare, given, quoted, speaker, agency, repeated, or inside: a
    longer name around a glossary name, which the matcher set aside, see `names.inside`); `guess`
    an English guess, never enforced."""

    start: int
    end: int
    kind: str
    source: str
    guess: str = ""


@dataclass
class Block:
    kind: BlockKind
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    names: list[NameHit] = field(default_factory=list)
    unknown: list[UnknownName] = field(default_factory=list)
    # Longer names around a glossary name that the matcher set aside (جامعة القاهرة, not
    # Cairo): never enforced; `find_unknown_names` hands them to the reviewer as unknown names.
    held: list[UnknownName] = field(default_factory=list)


@dataclass
class Article:
    blocks: list[Block]
    source: str = ""
    layout: str = "plain"  # how the reader recognised it: plain, scraped, docx

    @property
    def headline(self) -> str:
        for block in self.blocks:
            if block.kind == "headline":
                return block.text
        return self.blocks[0].text if self.blocks else ""


@dataclass
class Document:
    """One input (a file, or stdin as "-")."""

    source: str
    articles: list[Article]
    warnings: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return [block for article in self.articles for block in article.blocks]
