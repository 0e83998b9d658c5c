"""Names learned from review: a reviewer who respells a glossary name proposes a change.

When a reviewer's English for a row lacks a glossary name's house spelling, the word
difference between the English bilingual wrote and the reviewer's shows what they wrote in
its place (a different spelling, or the name the model had missed). That becomes a
`NameProposal` with its evidence (file, row). Proposals are only listed, unless the user
asks `--update-glossary`: nothing changes a glossary silently.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.outputs.docx.rowids import RowRecord

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_MAX_NAME_WORDS = 5


@dataclass
class NameProposal:
    arabic: str  # the glossary's Arabic spelling
    current: str  # the house English now
    proposed: str  # what the reviewer wrote
    evidence: list[str] = field(default_factory=list)  # "file row N"

    def line(self) -> str:
        return f"{self.arabic}: {self.current} → {self.proposed} (seen in {', '.join(self.evidence)})"


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _present(english: str, text: str) -> bool:
    return bool(english) and re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text) is not None


def _replacement(before: str, after: str, phrase: str) -> str | None:
    """What replaced `phrase` of `before` in `after` (word diff), if it reads as a name."""
    if not phrase:
        return None
    match = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", before)
    if match is None:
        return None
    old, new = _words(before), _words(after)
    first = next((i for i, (_, s, e) in enumerate(old) if e > match.start()), None)
    last = max((i for i, (_, s, e) in enumerate(old) if s < match.end()), default=None)
    if first is None or last is None:
        return None
    matcher = difflib.SequenceMatcher(a=[w for w, _, _ in old], b=[w for w, _, _ in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 <= first or i1 > last:
            continue
        # the replaced words must lie around the name: at most one extra word either side
        if i1 < first - 1 or i2 > last + 2 or j2 - j1 > _MAX_NAME_WORDS or j2 <= j1:
            continue
        candidate = after[new[j1][1] : new[j2 - 1][2]]
        if all(w[:1].isupper() for w, _, _ in new[j1:j2]):
            return candidate
    return None


def propose_names(record: RowRecord, english: str, evidence: str) -> list[NameProposal]:
    """Proposals from one edited row: each glossary name whose house spelling the reviewer
    replaced (or supplied, where the model had missed it) with another spelling."""
    proposals = []
    for name in record.names:
        if not name.english or _present(name.english, english):
            continue
        was = name.english if name.status in ("kept", "repaired") else name.rendered
        spelled = _replacement(record.english, english, was)
        if spelled and spelled != name.english:
            proposals.append(NameProposal(name.arabic or name.surface, name.english, spelled, [evidence]))
    return proposals


def check_proposals(proposals: list[NameProposal]) -> dict[str, NameProposal]:
    """Proposals by name key; two different spellings proposed for one name are an error
    (raised before anything, memory included, is written)."""
    from bilingual.names.glossary import match_key

    by_key: dict[str, NameProposal] = {}
    for proposal in proposals:
        key = match_key(proposal.arabic)
        if key in by_key and by_key[key].proposed != proposal.proposed:
            raise BilingualError(
                f"reviewers spelled '{proposal.arabic}' two ways ({by_key[key].proposed}, {proposal.proposed}); "
                "settle it with 'bilingual glossary add' instead; nothing imported"
            )
        by_key[key] = proposal
    return by_key


def apply_proposals(proposals: list[NameProposal], glossary: Path, note: str = "from review") -> list[str]:
    """Write proposals to the house glossary `glossary`; return one line per change.

    A name the file already has gets its English replaced on its own line (the rest of the
    file keeps its bytes) and `note` added; a name it lacks is appended.
    """
    from bilingual.names.glossary import add_entry, load_glossaries

    glossary = Path(glossary)
    by_key = check_proposals(proposals)
    entries = {e.key: e for e in load_glossaries([glossary]).entries} if glossary.is_file() else {}
    changes = []
    for key, proposal in by_key.items():
        entry = entries.get(key)
        evidence = f"{note}: {', '.join(proposal.evidence)}"
        if entry is None:
            add_entry(glossary, proposal.arabic, proposal.proposed, kind="other", note=evidence)
            changes.append(f"{glossary}: added {proposal.arabic} → {proposal.proposed}")
        else:
            _replace_english(glossary, entry.line, proposal.proposed, evidence)
            changes.append(f"{entry.where}: {entry.arabic} {entry.english} → {proposal.proposed}")
    return changes


def _replace_english(path: Path, line: int, english: str, note: str) -> None:
    """Rewrite the English (and note) of the row on `line`, keeping every other byte."""
    import csv

    from bilingual.files import atomic_write_bytes
    from bilingual.names.glossary import format_row

    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    bom = data.startswith(b"\xef\xbb\xbf")
    lines = text.splitlines(keepends=True)
    content = [l for l in lines if l.strip() and not l.lstrip().startswith("#")]
    delimiter = (
        "\t" if path.suffix.lower() == ".tsv" else ("," if content[0].count(",") >= content[0].count(";") else ";")
    )
    header = [c.strip().lower() for c in next(csv.reader([content[0]], delimiter=delimiter))]
    target = lines[line - 1]
    ending = target[len(target.rstrip("\r\n")) :]
    cells = next(csv.reader([target.rstrip("\r\n")], delimiter=delimiter))
    cells += [""] * (len(header) - len(cells))
    if "english" not in header:
        raise BilingualError(f"{path}: no english column; glossary unchanged")
    cells[header.index("english")] = english
    if "note" in header:
        i = header.index("note")
        cells[i] = f"{cells[i]}; {note}" if cells[i] else note
    lines[line - 1] = format_row(cells, delimiter) + ending
    out = "".join(lines).encode("utf-8")
    atomic_write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + out)
