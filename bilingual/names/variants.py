"""Spelling variants of foreign names: one glossary row finds the press's other spellings.

Arabic has no single way to write a foreign name. Outlets differ in a few regular ways, and the
glossary cannot list every product of them (a three-word Korean name has dozens):

* one sound, several letters: a hard g is غ, ج (Egypt), ق or ك (غوتيريش / جوتيريش); k is
  ك or ق; t is ت or ط; s is س or ص; z is ز or ذ; ch is تش or ش;
* long vowels inside the name are optional (بيسكوف / بسكوف, نتنياهو / نتانياهو);
* hamza seats, ة/ه and ى/ي (already folded by `normalize_for_matching`), a bare ء;
* doubled letters (a shadda written out: فيليب / فيلليب);
* one word or two (بيونغ يانغ / بيونغيانغ, هونغ كونغ / هونغكونغ).

`skeleton` maps a spelling to a key in which all of these agree; a name matches as a variant
when the text's key equals the glossary row's key. Because a key forgets letters, it is applied
only where that is safe (see `variant_key` and `VariantIndex.find`):

* the row is long enough that its key keeps at least `MIN_KEY` letters, and is no everyday
  word (`words.collision`, `glossary.common_word_collision`);
* a text word that is itself common in Arabic (wordfreq, `words.word_table`) is accepted only
  in a spelling the row has: محمد is never a variant of محمود, nor الأمني of الأمن;
* the first and last letters of each word are kept (a final ي is the nisba, a final ا the
  accusative), so only inner vowels are optional;
* the spellings, letter classes merged but vowels kept, differ by at most one letter (two in
  names of eight letters or more): a key alone would let لكنها be جينهوا;
* a key shared by rows with different English finds nothing.

A variant hit is enforced like an exact one but reported as such (`NameHit.match`), so the
reviewer sees the spelling the glossary did not have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from bilingual.document import NameHit
from bilingual.names.words import native_shape

MIN_KEY = 4  # letters a key must keep (بوتين → بتن is too short to be told from words)
MIN_LETTERS = 5  # letters of the row (without spaces and the article)
MAX_WORDS = 4  # text words one variant may span

# Letter classes: each maps to one representative (ج غ ق ك → ك, ...); ء is dropped.
_CLASSES = str.maketrans({"ج": "ك", "غ": "ك", "ق": "ك", "ط": "ت", "ص": "س", "ذ": "ز", "ظ": "ز", "ء": None})
_VOWELS = frozenset("اوي")


@lru_cache(maxsize=65536)
def shape(folded: str) -> str:
    """A folded spelling with spaces removed, letter classes merged and doubled letters single,
    vowels kept: what `VariantIndex.find` compares letter by letter."""
    letters = folded.replace(" ", "").replace("تش", "ش").translate(_CLASSES)
    return "".join(ch for i, ch in enumerate(letters) if i == 0 or letters[i - 1] != ch)


def edits_allowed(row_shape: str) -> int:
    return 1 if len(row_shape) < 8 else 2


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """The variant key of a folded spelling (`normalize` output): spaces removed, letter
    classes merged, inner long vowels dropped, doubled letters single.

    Word boundaries are removed first, so a name written as one word or two has one key; the
    first letter of the whole spelling and its last letter are kept even when they are vowels."""
    letters = folded.replace(" ", "").replace("تش", "ش").translate(_CLASSES)
    last = len(letters) - 1
    out: list[str] = []
    for i, ch in enumerate(letters):
        if ch in _VOWELS and 0 < i < last:
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def variant_key(core: str) -> str | None:
    """The key a glossary row is found by as a variant, or None when the row is too short for
    spelling tolerance to be safe. `core` is the folded spelling without a leading article."""
    if len(core.replace(" ", "")) < MIN_LETTERS:
        return None
    key = skeleton(core)
    return key if len(key) >= MIN_KEY else None


def _solid_pairs(words: list[str]) -> list[str]:
    """Two words of a row written as one (عبد الحميد → عبدالحميد): the row's own spelling too."""
    return [a + b for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class VariantSpan:
    """A text span (in folded-text offsets) whose spelling is a variant of `payload`'s row."""

    word_start: int  # start of the first word, with its proclitics
    start: int  # start of the name after the proclitics
    end: int
    proclitic: str
    payload: object


class VariantIndex:
    """Variant keys of glossary rows, searched word by word over folded text."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[object, frozenset[str], frozenset[str], str, str, str]]] = {}
        self._prefixes: set[str] = set()
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}  # text word → its possible starts
        self._first_words: set[str] = set()  # keys of the first words of multi-word rows

    def add(self, key: str, payload: object, proclitics: frozenset[str], words: Iterable[str], english: str) -> None:
        """Register a row; `words` are its folded words (accepted in the text even when common)."""
        words = list(words)
        if len(words) > 1:
            self._first_words.add(skeleton(words[0]))
        self._by_key.setdefault(key, []).append(
            (
                payload,
                proclitics,
                frozenset(words + _solid_pairs(words)),
                english,
                shape(" ".join(words)),
                " ".join(words),
            )
        )

    def freeze(self) -> None:
        """Drop keys shared by rows with different English, and index the prefixes."""
        for key in list(self._by_key):
            if len({row[3] for row in self._by_key[key]}) > 1:
                del self._by_key[key]
        self._prefixes = {key[:i] for key in self._by_key for i in range(1, len(key) + 1)}

    def __len__(self) -> int:
        return len(self._by_key)

    def starts(self, word: str, proclitics: frozenset[str]) -> tuple[tuple[str, str], ...]:
        """(proclitic, key) for each split of a folded text word that is a row's key or the key
        of a multi-word row's first word, or the start of a row's key written solid (عبدالحميد);
        cached per word, since news repeats its words. (A row written as one word is found when
        the text joins its words, not when it splits them.)"""
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            longest = self._longest_clitic(proclitics)
            found = tuple(
                (word[:n], key)
                for n in range(min(longest, len(word) - 3) + 1)
                if word[:n] in proclitics
                and (
                    (key := skeleton(word[n:])) in self._by_key
                    or key in self._first_words
                    or (len(key) >= 5 and key in self._prefixes)  # words written solid: عبدالحميد
                )
            )
            self._cache[word] = found
        return found

    @staticmethod
    @lru_cache(maxsize=8)
    def _longest_clitic(proclitics: frozenset[str]) -> int:
        return max(map(len, proclitics), default=0)

    def any_start(self, words: Iterable[str], proclitics: frozenset[str]) -> bool:
        """Whether any of these folded words could begin a variant (a cheap first test)."""
        return any(self.starts(word, proclitics) for word in words)

    def find(
        self,
        norm: str,
        words: list[tuple[int, int]],
        proclitics: frozenset[str],
        is_word: Callable[[str], bool],
    ) -> list[VariantSpan]:
        """Variant spans over `words` ((start, end) of letter runs in `norm`, only those no
        exact hit covers); consecutive words must be separated by one space.

        `is_word` says whether a folded text word is an Arabic word form; such a word is only
        accepted in a spelling the row has. A one-word span must not have the shape of a native
        word either (`words.native_shape`: جدري is smallpox, not كديري), and a span spelled
        exactly as the row is no variant (the exact matcher refused it for a reason)."""
        if not self._by_key:
            return []
        found: list[VariantSpan] = []
        prefixes, by_key = self._prefixes, self._by_key
        for i, (first_start, first_end) in enumerate(words):
            for clitic, key in self.starts(norm[first_start:first_end], proclitics):
                start = first_start + len(clitic)
                spelled = norm[start:first_end]
                parts = [spelled]
                j = i
                while True:
                    for payload, allowed, own_words, _, row_shape, row in by_key.get(key, ()):
                        if (
                            clitic in allowed
                            and spelled != row
                            and all(w in own_words or not is_word(w) for w in parts)
                            and (len(parts) > 1 or not native_shape(spelled))
                            and Levenshtein.distance(shape(spelled), row_shape) <= edits_allowed(row_shape)
                        ):
                            found.append(VariantSpan(first_start, start, words[j][1], clitic, payload))
                    if key[:-1] not in prefixes or j + 1 >= len(words) or j - i + 1 >= MAX_WORDS:
                        break
                    next_start, next_end = words[j + 1]
                    if next_start != words[j][1] + 1 or norm[words[j][1]] != " ":
                        break
                    j += 1
                    parts.append(norm[next_start:next_end])
                    spelled = spelled + " " + parts[-1]
                    key = skeleton(spelled)
        return found


def variant_note(hit: NameHit) -> str | None:
    """The reviewer's note for a name found in a spelling the glossary does not have (None for
    an exact hit): the DOCX puts it on the Arabic name."""
    if hit.match != "variant":
        return None
    return (
        f"Spelling variant: «{hit.surface}» was read as the glossary's «{hit.arabic}» ({hit.english}); "
        "check it, and add the spelling to the glossary if it is right."
    )
