"""`bilingual review import`: a reviewer's English goes back into the memory as reviewed.

Every file is read and checked first; only then is anything written, in one SQLite
transaction (`TranslationMemory.put_reviewed_many`), so a bad file or a failure halfway
leaves the memory as it was. Rows are found by their ids and checked against the Arabic
bilingual wrote; only edited rows are stored.

A block row holds several sentences. Its edited English is split back over them only when
that is safe: a conservative English sentence split gives exactly as many sentences as the
Arabic has. Otherwise the block is stored as one reviewed unit (keyed by the whole Arabic
block), which the next translation of that block uses as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import InputError
from bilingual.outputs.docx.rowids import RowRecord, text_key
from bilingual.review.names import NameProposal, propose_names
from bilingual.translation.memory import Reviewed, TranslationMemory

# Words whose period does not end a sentence (titles, initials, common news abbreviations).
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "rep",
    "sen",
    "gov",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])")


def split_english(text: str) -> list[str]:
    """Sentences of English text, cut only where a cut is near certain: after . ! ? (and
    closing quotes) followed by a space and a capital or digit, not after an abbreviation
    or an initial. When in doubt it does not cut, which keeps a block whole on import."""
    text = text_key(text)
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start() + 1].split()
        last = before[-1].rstrip(".!?…").lower() if before else ""
        if text[match.start()] == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


@dataclass
class RowOutcome:
    """What import did with one row: `status` as read, `stored` entries written for it."""

    file: str
    row: int
    status: str
    detail: str = ""
    moved: bool = False
    stored: int = 0
    unit: str = ""  # "sentence" or "block" for stored rows


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    stored: int = 0  # reviewed entries written to the memory
    proposals: list[NameProposal] = field(default_factory=list)
    glossary_changes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def line(self) -> str:
        extra = [
            f"{n} {label}"
            for label, n in (
                ("missing", self.count("missing")),
                ("duplicated", self.count("duplicate")),
                ("emptied", self.count("emptied")),
                ("moved", sum(o.moved for o in self.outcomes)),
            )
            if n
        ]
        return (
            f"{len(self.files)} file(s), {len(self.outcomes)} row(s) read: {self.count('edited')} edited, "
            f"{self.count('unchanged')} unchanged, {self.count('conflict')} conflict(s)"
            + (f", {', '.join(extra)}" if extra else "")
            + f"; {self.stored} reviewed segment(s) stored"
        )


def reviewed_entries(record: RowRecord, english: str, evidence: str) -> tuple[list[Reviewed], str]:
    """The memory entries for one edited row, and the unit they were stored as."""
    english = text_key(english)
    sentences = [(source, target) for source, target in record.sentences if text_key(source)]
    if len(sentences) <= 1:
        source = sentences[0][0] if sentences else record.arabic
        return [Reviewed(source, english, unit="sentence", evidence=evidence)], "sentence"
    parts = split_english(english)
    if len(parts) == len(sentences):
        return [
            Reviewed(source, part, unit="sentence", evidence=evidence) for (source, _), part in zip(sentences, parts)
        ], "sentence"
    return [Reviewed(record.arabic, english, unit="block", evidence=evidence)], "block"


def _read(path: Path) -> list[tuple[RowRecord, str, str, str, bool]]:
    """(record, status, English now, detail, moved) per row of one reviewed file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    if suffix == ".docx":
        from bilingual.review.docx import read_reviewed_docx

        _, rows = read_reviewed_docx(path)
        return [(r.record, r.status, r.english, r.detail, r.moved) for r in rows]
    if suffix in (".xlf", ".xliff"):
        from bilingual.interchange.xliff import read_units, unit_status

        out = []
        for record, target in read_units(path):
            status = unit_status(record, target)
            detail = "the Arabic source changed" if status == "conflict" else ""
            out.append((record, status, target or "", detail, False))
        return out
    raise InputError(f"{path}: review import reads .docx and .xlf/.xliff files written by bilingual")


def import_reviews(paths: list[Path], memory: TranslationMemory | None = None, *, before_write=None) -> ImportReport:
    """Read every reviewed file, then store all edited rows as reviewed in one transaction.

    Glossary name changes the reviewer made are collected on `report.proposals` (they are
    only written to a glossary by `bilingual.review.names.apply_proposals`, on request).
    `before_write(report)` runs after every file was read and before the memory is
    written: a check that raises there leaves everything as it was.
    """
    report = ImportReport()
    entries: list[Reviewed] = []
    read = [(Path(p), _read(Path(p))) for p in paths]  # every file checked before any write
    for path, rows in read:
        report.files.append(str(path))
        for record, status, english, detail, moved in rows:
            outcome = RowOutcome(path.name, record.number, status, detail, moved)
            if status == "edited":
                found, unit = reviewed_entries(record, english, f"{path.name} row {record.number}")
                entries += found
                outcome.stored, outcome.unit = len(found), unit
                report.proposals += propose_names(record, english, f"{path.name} row {record.number}")
            report.outcomes.append(outcome)
    report.proposals = merge_proposals(report.proposals)
    if before_write is not None:
        before_write(report)
    if entries:
        owned = memory is None
        store = memory if memory is not None else TranslationMemory()
        try:
            report.stored = store.put_reviewed_many(entries)
        finally:
            if owned:
                store.close()
    return report


def merge_proposals(proposals: list[NameProposal]) -> list[NameProposal]:
    """One proposal per (Arabic, proposed English), with all its evidence."""
    merged: dict[tuple[str, str], NameProposal] = {}
    for proposal in proposals:
        key = (proposal.arabic, proposal.proposed)
        if key in merged:
            merged[key].evidence += [e for e in proposal.evidence if e not in merged[key].evidence]
        else:
            merged[key] = proposal
    return list(merged.values())
