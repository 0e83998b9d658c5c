"""An English guess for an Arabic name the glossary does not have.

Two sources, both marked as guesses wherever they are shown (`glossary suggest` writes them in
the english column of rows an editor must still check):

* `from_alignment`: when a model translated the sentence, the English words that the attention
  alignment puts on the Arabic name's pieces, if they are capitalized (the model usually knows
  the spelling the press uses: Kutrashev, Vnukovo);
* `transliterate`: rule-based, letter by letter, with the conventions of English news for Arabic
  names (the article as al-, ج as j, ق as q, a final ة as a) and for foreign names written in
  Arabic letters (غ as g, و and ي between consonants as o and i). It is a starting point for the
  editor, not a house spelling.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilingual.names.words import foreign_marked
from bilingual.text.arabic import ARABIC_LETTERS, normalize

if TYPE_CHECKING:
    from bilingual.translation.alignment import Alignment

_CONSONANTS = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ء": "",
}
# Foreign names: Arabic letters chosen for foreign sounds.
_FOREIGN = {"غ": "g", "ج": "j", "ق": "k", "ث": "th", "ع": "a"}
_LETTERS = re.compile(f"[{ARABIC_LETTERS}]+")
# Agency abbreviations as wire copy writes them, letter by letter: (أ ف ب) AFP, (د ب أ) DPA.
_INITIALS = {"ا": "A", "ب": "P", "ت": "T", "ج": "J", "د": "D", "ر": "R", "س": "S", "ف": "F", "ك": "K", "ل": "L"}
_INITIALS.update({"م": "M", "ن": "N", "و": "W", "ي": "Y", "ه": "H", "ق": "Q", "ش": "Sh"})


_VOWEL_LETTERS = "aeiou"


def _word(word: str, foreign: bool) -> str:
    """One folded word, letter by letter; a short a is guessed where Arabic leaves it unwritten
    (after a first consonant, and inside three consonants in a row)."""
    if word.startswith("عبدال") and len(word) > 5:
        return "Abd al-" + _word(word[5:], foreign)
    letters: list[str] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        before = word[i - 1] if i else ""
        if ch == "ا":
            letters.append("a")
        elif ch == "ع":
            letters.append("a" if i == 0 or before not in "اوي" else "")
        elif ch == "و":
            letters.append("w" if i == 0 or before == "ا" else "o" if foreign else "u")
        elif ch == "ي":
            if i == 0 or before in "اوي":
                letters.append("y")
            else:
                letters.append("iy" if i == last - 1 and word[last] == "ه" else "i")
        elif ch == "ه" and i == last and i > 0:
            letters.append("h" if foreign and before != "ي" else "a")  # ة folds to ه
        else:
            letter = (_FOREIGN.get(ch) if foreign else None) or _CONSONANTS.get(ch, "")
            if letters and letter and letters[-1] == letter:
                continue  # a doubled letter is written once
            letters.append(letter)
    out: list[str] = []
    for i, piece in enumerate(letters):
        consonant = bool(piece) and piece[0] not in _VOWEL_LETTERS
        prev_consonant = bool(out) and out[-1][-1:] not in _VOWEL_LETTERS and out[-1] != ""
        nxt = next((p for p in letters[i + 1 :] if p), "")
        if not foreign and consonant and prev_consonant and (len(out) == 1 or (nxt and nxt[0] not in _VOWEL_LETTERS)):
            out.append("a")
        if piece:
            out.append(piece)
    text = "".join(out)
    return text[:1].upper() + text[1:]


def transliterate(arabic: str) -> str:
    """A rule-based Latin spelling of an Arabic name, one word at a time (a guess)."""
    words = []
    for original in arabic.split():
        folded = "".join(_LETTERS.findall(normalize(original)))
        if not folded:
            continue
        if original.startswith("ال") and len(folded) > 3:
            words.append("al-" + _word(folded[2:], foreign_marked(folded)))
        else:
            words.append(_word(folded, foreign_marked(folded) or len(folded) >= 7))
    return " ".join(w for w in words if w.strip("-"))


def initials(letters: Sequence[str]) -> str:
    """An agency abbreviation written with Arabic letters (أ ف ب → AFP); a guess."""
    return "".join(_INITIALS.get(normalize(ch), "?") for ch in letters)


def from_alignment(alignment: Alignment, source_start: int, source_end: int) -> str | None:
    """The English a translation gives an Arabic name: the capitalized English words whose
    pieces the attention alignment links to `alignment.source_text[source_start:source_end]`.

    None when no capitalized word aligns (the model translated the name as common words, or
    dropped it): then `transliterate` is the guess."""
    pieces = {k for k, (a, b) in enumerate(alignment.source_spans) if a < source_end and source_start < b}
    text, spans = alignment.target_text, alignment.target_spans
    aligned = [t for t, s in enumerate(alignment.links[: len(spans)]) if s in pieces]
    # Whole English words: attention may link only some pieces of a word to the name (Kutr|ashev).
    whole = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    taken = dict.fromkeys(bisect_right(whole, (spans[t][0], "\uffff")) - 1 for t in aligned)
    words = [whole[k][1] for k in taken if k >= 0]
    bare = [w.strip(".,;:!?\"'()«»“”") for w in words]
    capitalized = [w for w in bare if _LATIN_NAME.fullmatch(w) and w not in _SENTENCE_STARTS]
    return " ".join(capitalized) or None


# A capitalized English word: Latin letters (accents too), apostrophes and hyphens inside; no
# digits, markup ("<unk>") or other scripts (a piece the model copied from the source).
_LATIN_NAME = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’\-]*")


# Capitalized at the start of an English sentence, never a name.
_SENTENCE_STARTS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "He",
        "She",
        "It",
        "They",
        "We",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Its",
        "Their",
    ]
)
