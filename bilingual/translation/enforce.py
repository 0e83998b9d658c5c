"""Names enforced in the English: every glossary hit ends `kept`, `repaired` or `missing`.

Why post-editing and not tricks in the source: placeholders or target terms injected into
the source are unreliable on models not trained for them (Post et al. 2019; Dinu et al.
2019), and CTranslate2 has no lexically constrained decoding. So the model translates the
sentence untouched and this module checks and repairs its output, in layers that go from
safe to less safe:

1. kept      the house spelling is already there (for "the Kremlin", a bare "Kremlin"
             counts: "Kremlin spokesman" is good English).
2. repaired  a word sequence in the output that is a spelling variant of the house form
             (Peskoff, Kiev, Zelenskiy) — found by fuzzy ratio on letters and on a
             consonant skeleton that folds b/p, f/v/w, k/q/c, drops vowels and h — is
             replaced by the house spelling; so is a person's family name written alone
             ("Putin" for فلاديمير بوتين → "Vladimir Putin").
3. repaired  failing that, the target words the model's attention aligns with the name's
             source pieces (CTranslate2 `return_attention`, argmax per target piece; kept
             in the translation memory too), if they look like a name
             (capitalised, not a common word), are replaced. Argos models are not trained
             with alignment, so this layer only accepts name-like spans.
4. repaired  failing that, the sentence is translated again with the name replaced by a
             stand-in of its kind ("جون سميث" → "John Smith"), whose English is then
             swapped for the house spelling (see "stand-ins" below; run by the pipeline).
5. missing   nothing safe was found: the sentence is left as the model wrote it and the
             reviewer is told (`rendered` carries the best guess).

Each output span is claimed by one name at most, longest house spellings first, so two
names never rewrite the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bilingual.document import NameHit
from bilingual.translation.alignment import Alignment
from bilingual.translation.segments import NameResult

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’\-]*")
_COMMON = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "said",
    "says",
    "say",
    "president",
    "minister",
    "leader",
    "he",
    "she",
    "it",
    "they",
    "we",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "is",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "not",
    "but",
    "as",
    "after",
    "before",
    "during",
    "while",
    "also",
    "more",
    "than",
    "who",
    "which",
    "when",
    "where",
    "i",
    "you",
    "there",
    "new",
    "year",
    "day",
}


def skeleton(text: str) -> str:
    """A consonant skeleton that survives transliteration noise (Peskov ~ Peskoff ~ Biskov)."""
    s = text.lower()
    for a, b in (("ph", "f"), ("kh", "k"), ("gh", "g"), ("ck", "k"), ("ts", "z"), ("dz", "z")):
        s = s.replace(a, b)
    folded: list[str] = []
    for ch in s:
        if not ch.isalpha() or ch in "aeiouyh":
            continue
        ch = {"p": "b", "v": "f", "w": "f", "q": "k", "c": "k", "j": "g", "x": "k"}.get(ch, ch)
        if not folded or folded[-1] != ch:
            folded.append(ch)
    return "".join(folded)


def _core(english: str) -> str:
    return english[4:] if english.lower().startswith("the ") else english


def _house_pattern(english: str) -> re.Pattern:
    """The house spelling as a word-bounded pattern; a leading "the" is optional."""
    core = r"\s+".join(re.escape(w) for w in _core(english).split())
    article = r"(?:[Tt]he\s+)?" if english.lower().startswith("the ") else ""
    return re.compile(rf"(?<![\w-]){article}({core})(?![\w-])", re.IGNORECASE)


def similarity(candidate: str, english: str) -> float:
    """0..100: how likely `candidate` is the model's spelling of `english`."""
    from rapidfuzz import fuzz

    a, b = candidate.lower(), _core(english).lower()
    letters = fuzz.ratio(a, b)
    ska, skb = skeleton(a), skeleton(b)
    if len(skb) >= 2 and ska == skb:
        return max(letters, 90.0)
    return max(letters, fuzz.ratio(ska, skb) * 0.9 if len(skb) >= 3 else 0.0)


REPAIR_THRESHOLD = 78.0


def _overlaps(span: tuple[int, int], claimed: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in claimed)


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _best_variant(text: str, english: str, claimed: list[tuple[int, int]]) -> tuple[tuple[int, int], float] | None:
    """The output word n-gram most similar to the house spelling, if similar enough."""
    words = _word_spans(text)
    width = len(_core(english).split())
    best: tuple[tuple[int, int], float] | None = None
    for n in {max(1, width - 1), width, width + 1}:
        for i in range(len(words) - n + 1):
            span = (words[i][0], words[i + n - 1][1])
            if _overlaps(span, claimed):
                continue
            candidate = text[span[0] : span[1]]
            if candidate.lower() in _COMMON or not candidate[0].isupper():
                continue
            score = similarity(candidate, english)
            if score >= REPAIR_THRESHOLD and (best is None or score > best[1]):
                best = (span, score)
    return best


def _surname_only(text: str, hit: NameHit, claimed: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A person's family name alone ("Putin" where the source has فلاديمير بوتين): the
    full house form replaces it, since the Arabic names the whole person."""
    words = _core(hit.english).split()
    if hit.kind != "person" or len(words) < 2:
        return None
    pattern = re.compile(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])")
    for m in pattern.finditer(text):
        if not _overlaps((m.start(), m.end()), claimed):
            return m.start(), m.end()
    return None


def _attention_span(source: str, hit: NameHit, alignment: Alignment, target: str) -> tuple[int, int] | None:
    """Target characters aligned (argmax attention) with the name's source pieces."""
    src_text = alignment.source_text
    surface = " ".join(hit.surface.split())
    expected = int(hit.start * len(src_text) / max(1, len(source)))
    found = [m.start() for m in re.finditer(re.escape(surface), src_text)]
    if not found:
        return None
    at = min(found, key=lambda i: abs(i - expected))
    span = alignment.target_span(at, at + len(surface), target)
    if span is None:
        return None
    start, end = span
    # widen to whole words, trim spaces and punctuation
    while start > 0 and target[start - 1].isalnum():
        start -= 1
    while end < len(target) and target[end].isalnum():
        end += 1
    span_text = target[start:end]
    stripped = span_text.strip(" ,.;:!?\"'()«»")
    if not stripped:
        return None
    start += span_text.index(stripped)
    return start, start + len(stripped)


def _name_like(text: str) -> bool:
    """Capitalised words only, none of them common ("Dmitrius", "Al-Nakhala"); no digits,
    symbols or markup (a model's "<unk>" or "(2014)" is no rendering of a name)."""
    words = text.split()
    return bool(words) and all(
        _WORD.fullmatch(w) is not None and w[0].isupper() and w.lower() not in _COMMON for w in words
    )


def enforce_names(
    source: str,
    target: str,
    hits: list[NameHit],
    alignment: Alignment | None = None,
) -> tuple[str, list[NameResult]]:
    """Check and repair the English of one sentence.

    `hits` carry offsets into `source` (the sentence). Returns the repaired English and one
    NameResult per hit, in the order of `hits`.
    """
    results: dict[int, NameResult] = {}
    claimed: list[tuple[int, int]] = []
    edits: dict[tuple[int, int], str] = {}  # span of `target` → the house text replacing it
    where: dict[int, tuple[int, int]] = {}  # hit index → span of its English in `target`

    order = sorted(range(len(hits)), key=lambda i: (-len(hits[i].english), hits[i].start))
    # 1. kept: house spelling present (one occurrence per hit)
    for i in order:
        hit = hits[i]
        for m in _house_pattern(hit.english).finditer(target):
            span = (m.start(), m.end())
            found = m.group(1)
            if _overlaps(span, claimed) or (found[0].islower() and found.lower() in _COMMON):
                continue  # "than" is not the name "Than" (but "ukraine" is Ukraine)
            claimed.append(span)
            where[i] = m.span(1)  # "Kremlin" is the name whether or not "the" stands before it
            if found == _core(hit.english):
                results[i] = NameResult(hit, "kept", found)
            else:  # right name, wrong case ("KYIV", "kyiv")
                results[i] = NameResult(hit, "repaired", found)
                edits[m.span(1)] = _core(hit.english)
            break
    # 2. repaired from a spelling variant; 3. from attention; 4. missing
    for i in order:
        if i in results:
            continue
        hit = hits[i]
        variant = _best_variant(target, hit.english, claimed)
        surname = _surname_only(target, hit, claimed) if variant is None else None
        if variant is not None or surname is not None:
            found = variant[0] if variant is not None else surname
            assert found is not None
            claimed.append(found)
            results[i] = NameResult(hit, "repaired", target[found[0] : found[1]])
            where[i] = found
            edits[found] = _core(hit.english)
            continue
        guess = ""
        if alignment is not None:
            seen = _attention_span(source, hit, alignment, target)
            if seen is not None and len(target[seen[0] : seen[1]].split()) > len(_core(hit.english).split()) + 2:
                seen = None  # attention smeared over a phrase: no rendering of the name
            if seen is not None and not _overlaps(seen, claimed):
                guess = target[seen[0] : seen[1]]
                if _name_like(guess):
                    claimed.append(seen)
                    results[i] = NameResult(hit, "repaired", guess)
                    where[i] = seen
                    edits[seen] = _core(hit.english)
                    continue
        results[i] = NameResult(hit, "missing", guess)

    repaired, moved = apply_edits(target, edits)
    return repaired, [replace(results[i], span=moved(*where[i]) if i in where else None) for i in range(len(hits))]


def apply_edits(text: str, edits: dict[tuple[int, int], str]):
    """`text` with non-overlapping spans replaced, and a function taking a span of `text`
    that is one of the edited spans or untouched by any edit to its span in the result."""
    out, pos = [], 0
    ordered = sorted(edits.items())
    for (start, end), new in ordered:
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])

    def moved(start: int, end: int) -> tuple[int, int]:
        shift = 0
        for (a, b), new in ordered:
            if (a, b) == (start, end):
                return start + shift, start + shift + len(new)
            if b <= start:
                shift += len(new) - (b - a)
        return start + shift, end + shift

    return "".join(out), moved


def shift_hit(hit: NameHit, offset: int) -> NameHit:
    """A block-level hit re-expressed relative to a sentence starting at `offset`."""
    return replace(hit, start=hit.start - offset, end=hit.end - offset)


# --- stand-ins: the last layer, a second translation -------------------------------------
#
# When a name is still missing, the sentence is translated once more with that name
# replaced by a stand-in of the same kind that the model renders reliably ("جون سميث" →
# "John Smith", "لندن" → "London"), and the stand-in's English is then swapped for the
# house spelling. This is the semantic-equivalent substitution of Mota et al. (EAMT 2022):
# it needs no retraining and keeps the sentence's grammar around the name. It is accepted
# only if every stand-in comes back exactly once and no name that was already right is lost.

_STAND_INS: dict[str, list[tuple[str, str]]] = {
    "person": [("جون سميث", "John Smith"), ("ديفيد براون", "David Brown"), ("بيتر ميلر", "Peter Miller")],
    "place": [("لندن", "London"), ("مدريد", "Madrid"), ("روما", "Rome")],
    "other": [("نوكيا", "Nokia"), ("تويوتا", "Toyota"), ("سامسونغ", "Samsung")],
}


@dataclass(frozen=True)
class StandInPlan:
    """The sentence as sent the second time, and which hit got which stand-in."""

    source: str
    swaps: tuple[tuple[int, str], ...]  # (hit index, stand-in English)


def plan_stand_ins(source: str, hits: list[NameHit], results: list[NameResult], target: str) -> StandInPlan | None:
    """Replace every missing name of a sentence by a distinct stand-in of its kind."""
    missing = [i for i, r in enumerate(results) if r.status == "missing"]
    if not missing:
        return None
    used: set[str] = set()
    swaps: list[tuple[int, str, str]] = []
    for i in missing:
        pool = _STAND_INS.get(hits[i].kind, _STAND_INS["other"])
        free = [
            (arabic, english)
            for arabic, english in pool
            if english not in used and arabic not in source and english.lower() not in target.lower()
        ]
        if not free:
            return None
        arabic, english = free[0]
        used.add(english)
        swaps.append((i, arabic, english))
    text = source
    for i, arabic, _ in sorted(swaps, key=lambda s: hits[s[0]].start, reverse=True):
        text = text[: hits[i].start] + arabic + text[hits[i].end :]
    return StandInPlan(text, tuple((i, english) for i, _, english in swaps))


def apply_stand_ins(
    source: str, hits: list[NameHit], first: list[NameResult], plan: StandInPlan, second_target: str
) -> tuple[str, list[NameResult]] | None:
    """The second translation with house spellings in place of the stand-ins, or None when
    it is not safely better than the first."""
    text = second_target
    for _, english in plan.swaps:
        found = list(re.finditer(rf"(?<![\w-]){re.escape(english)}(?![\w-])", text))
        if len(found) != 1:
            return None  # the stand-in was dropped, duplicated or mangled
    swapped = dict(plan.swaps)
    for i, english in sorted(plan.swaps, key=lambda s: text.find(s[1]), reverse=True):
        at = text.find(english)
        text = text[:at] + _core(hits[i].english) + text[at + len(english) :]
    repaired, results = enforce_names(source, text, hits)
    for i, result in enumerate(results):
        if first[i].status != "missing" and result.status == "missing":
            return None  # a name that was right in the first translation got lost
        if i in swapped and result.status == "kept":
            results[i] = replace(result, status="repaired", rendered=first[i].rendered)
    if all(results[i].status == "missing" for i in swapped):
        return None
    return repaired, results
