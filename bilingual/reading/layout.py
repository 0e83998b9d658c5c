"""Recognising article layouts in plain text.

Two text layouts are recognised:
  plain    headline, blank line, paragraphs (one per line, or blank-line separated)
  scraped  what a web page copy gives: headline, the photo caption printed twice, a
           share-button label ("TT"), then the headline and caption block again, then the
           body. Several articles per file, separated by three or more blank lines.
Only furniture is dropped (button labels, the repeated header block, a caption's second
copy); every body line survives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.document import Article, Block, BlockKind
from bilingual.text.arabic import has_arabic, split_sentences

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_CREDIT = re.compile(r"\((?:[^()]{1,20})\)\s*$")
_TERMINAL = tuple('.!?؟…»"”):')


@dataclass
class _Line:
    text: str
    group: int  # lines in one group are not separated by a blank line
    repeated: bool = False  # printed twice in a row (scraped captions)


def is_furniture(line: str) -> bool:
    """A page-furniture line: a share-button label like "TT", or only punctuation."""
    stripped = line.strip()
    if not stripped:
        return True
    if has_arabic(stripped):
        return False
    if not any(c.isalnum() for c in stripped):
        return True
    return len(stripped) <= 3 and stripped.isalpha()


def _split_chunks(lines: list[str], min_blank_run: int = 3) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    blanks = 0
    for line in lines:
        if line.strip():
            if blanks >= min_blank_run and any(l.strip() for l in chunks[-1]):
                chunks.append([])
            blanks = 0
        else:
            blanks += 1
        chunks[-1].append(line)
    return [c for c in chunks if any(l.strip() for l in c)]


def _grouped(chunk: list[str]) -> list[_Line]:
    """Non-blank lines with group numbers; furniture dropped; doubled lines collapsed."""
    out: list[_Line] = []
    group = 0
    for raw in chunk:
        text = raw.strip()
        if not text:
            group += 1
            continue
        if is_furniture(text):
            group += 1  # "TT" separates like a blank line
            continue
        if out and out[-1].text == text and out[-1].group == group:
            out[-1].repeated = True
            continue
        out.append(_Line(text, group))
    return out


def _scraped_header_starts(lines: list[_Line]) -> list[int]:
    """Indices of lines that open a scraped header block (the headline printed again
    within the next few lines). Headlines are short and end without a full stop, so a
    body sentence quoted twice is never taken for one."""
    starts: list[int] = []
    texts = [l.text for l in lines]
    for i, text in enumerate(texts):
        window = texts[i + 1 : i + 6]
        if text in window and len(text) < 200 and not text.endswith((".", "!", "؟", "?", "…")):
            if not starts or i > starts[-1] + 5:
                starts.append(i)
    return starts


def _split_scraped_articles(lines: list[_Line]) -> list[list[_Line]]:
    starts = _scraped_header_starts(lines)
    if len(starts) < 2:
        return [lines]
    starts = [0] + [s for s in starts if s > 0]
    ends = starts[1:] + [len(lines)]
    return [lines[a:b] for a, b in zip(starts, ends) if b > a]


def _looks_like_caption(line: _Line) -> bool:
    text = line.text
    if line.repeated:
        return True
    return len(text) < 250 and bool(_CREDIT.search(text)) and not text.endswith(".")


def _body_paragraphs(lines: list[_Line]) -> list[str]:
    """Body lines → paragraphs. When blank lines separate paragraphs, lines inside one
    group that do not end a sentence are hard wraps and are joined."""
    if not lines:
        return []
    groups: dict[int, list[str]] = {}
    for line in lines:
        groups.setdefault(line.group, []).append(line.text)
    blank_separated = len(groups) > 1
    paragraphs: list[str] = []
    for texts in groups.values():
        current = ""
        for text in texts:
            if current and blank_separated and not current.endswith(_TERMINAL):
                current = f"{current} {text}"
            else:
                if current:
                    paragraphs.append(current)
                current = text
        paragraphs.append(current)
    return paragraphs


def _parse_article(lines: list[_Line], source: str) -> Article:
    """One article's lines → Article (its layout says which layout was recognised)."""
    headline, rest = lines[0], lines[1:]
    layout = "plain"
    captions: list[str] = []
    repeat_at = next((k for k, l in enumerate(rest[:8]) if l.text == headline.text), None)
    if repeat_at is not None:  # scraped: headline, captions, (TT), headline, captions, body
        layout = "scraped"
        captions = [l.text for l in rest[:repeat_at]]
        body = rest[repeat_at + 1 :]
        while body and body[0].text in captions:
            body = body[1:]
    else:
        k = 0
        while k < len(rest) - 1 and k < 3 and _looks_like_caption(rest[k]):
            k += 1
        captions = [l.text for l in rest[:k]]
        body = rest[k:]
        if any(l.repeated for l in rest[:k]):
            layout = "scraped"

    def block(kind: BlockKind, text: str) -> Block:
        return Block(kind=kind, text=text, sentences=split_sentences(text))

    blocks = [block("headline", headline.text)]
    blocks += [block("caption", c) for c in dict.fromkeys(captions)]
    blocks += [block("paragraph", p) for p in _body_paragraphs(body)]
    return Article(blocks=blocks, source=source, layout=layout)


def parse_text(text: str, source: str = "") -> list[Article]:
    """Cut cleaned text into articles."""
    lines = _NEWLINES.sub("\n", text).split("\n")
    return [
        _parse_article(part, source)
        for chunk in _split_chunks(lines)
        for part in _split_scraped_articles(_grouped(chunk))
        if part
    ]
