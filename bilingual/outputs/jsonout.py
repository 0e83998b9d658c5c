"""The JSON contract shared by `inspect --json` and `translate --format json`.

Keys may be added over time, never renamed: scripts in newsrooms parse this.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from bilingual.document import Block, Document, UnknownName
from bilingual.translation.segments import NameResult, Segment, TranslatedBlock, TranslatedDocument, UnknownResult


def _block_dict(block: Block) -> dict:
    return {
        "kind": block.kind,
        "text": block.text,
        "sentences": [s.text for s in block.sentences],
        "names": [asdict(hit) for hit in block.names],
        "unknown_names": [
            _unknown_dict(block.text[u.start : u.end], u, u.guess, "transliteration") for u in block.unknown
        ],
    }


def _unknown_dict(arabic: str, name: UnknownName, guess: str, guess_source: str) -> dict:
    """A name no glossary row covers: `start`/`end` in the block's Arabic `text`, `kind` (person,
    place, org, agency, other), `source` (how it was found: cue, shape, speaker, agency; inside: a
    longer name around a glossary name, as جامعة القاهرة around Cairo), and an
    English `guess` that nothing enforced, from the model's own words for it ("alignment") or
    letter by letter ("transliteration")."""
    return {
        "arabic": arabic,
        "start": name.start,
        "end": name.end,
        "kind": name.kind,
        "source": name.source,
        "guess": guess,
        "guess_source": guess_source,
    }


def _unknown_result_dict(result: UnknownResult) -> dict:
    return _unknown_dict(result.arabic, result.name, result.guess, result.guess_source)


def document_dict(document: Document) -> dict:
    return {
        "source": document.source,
        "articles": [
            {
                "headline": article.headline,
                "source": article.source,
                "layout": article.layout,
                "blocks": [_block_dict(b) for b in article.blocks],
            }
            for article in document.articles
        ],
    }


def documents_dict(documents: list[Document]) -> dict:
    """Several inputs in one JSON object: articles of all of them, in order."""
    return {"articles": [a for d in documents for a in document_dict(d)["articles"]]}


def _name_dict(result: NameResult, offset: int) -> dict:
    """A glossary hit with its status and where it stands in the English.

    `start`/`end` are offsets in the block's Arabic `text`; `translation_start`/
    `translation_end` in the block's `translation` (null when the name is missing). These are
    the spans enforcement computed, the same ones the DOCX marks.
    """
    data = {**asdict(result.hit), "status": result.status, "rendered": result.rendered}
    span = result.span
    data["translation_start"] = offset + span[0] if span else None
    data["translation_end"] = offset + span[1] if span else None
    return data


def _segment_dict(segment: Segment) -> dict:
    """`origin`: "reviewed" (a reviewer's English), "memory" (cached model output) or "mt";
    `suggestion`: a near match from the reviewed memory, offered only."""
    data: dict = {
        "source": segment.source,
        "target": segment.target,
        "from_memory": segment.from_memory,
        "origin": segment.origin,
        "names": [_name_dict(r, 0) for r in segment.names],  # offsets within this segment's target
        "unknown_names": [_unknown_result_dict(u) for u in segment.unknown],
    }
    if segment.suggestion is not None:
        data["suggestion"] = asdict(segment.suggestion)
    return data


def _translated_block_dict(tb: TranslatedBlock) -> dict:
    data = _block_dict(tb.block)
    data["translation"] = tb.translation
    offsets = tb.segment_offsets()
    data["segments"] = [_segment_dict(s) for s in tb.segments]
    data["names"] = [_name_dict(r, offset) for s, offset in zip(tb.segments, offsets) for r in s.names]
    data["unknown_names"] = [_unknown_result_dict(u) for u in tb.unknown]
    return data


def translated_dict(tdoc: TranslatedDocument) -> dict:
    return {
        "source": tdoc.document.source,
        "model": tdoc.info.model,
        "glossaries": tdoc.info.glossaries,
        "date": tdoc.info.date,
        "articles": [
            {
                "headline": ta.article.headline,
                "headline_translation": ta.headline_translation,
                "source": ta.article.source,
                "layout": ta.article.layout,
                "blocks": [_translated_block_dict(tb) for tb in ta.blocks],
            }
            for ta in tdoc.articles
        ],
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
