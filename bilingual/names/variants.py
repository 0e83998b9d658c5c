"""Spelling variants of foreign names: one glossary row finds the press's other spellings.

Arabic has no single way to write a foreign name. Outlets differ in a few regular ways, and the
glossary cannot list every product of them (a three-word Korean name has dozens):

* one sound, several letters: a hard g is غ, ج (Egypt), ق, ك, or the Persian and Maghrebi
  گ and ڨ (غوتيريش / جوتيريش); k is ك or ق; t is ت or ط; s is س or ص; z is ز, ذ or ژ; ch is
  تش, ش or چ; j is ج or دج (دجو / جو);
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

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from bilingual.document import NameHit
from bilingual.names.words import native_shape

MIN_KEY = 4  # letters a key must keep (بوتين → بتن is too short to be told from words)
MIN_LETTERS = 5  # letters of the row (without spaces and the article)
MAX_WORDS = 4  # text words one variant may span

# Letter classes: each maps to one representative (ج غ ق ك → ك, ...); ء is dropped.
_CLASSES = str.maketrans(
    {
        "ج": "ك",
        "غ": "ك",
        "ق": "ك",
        "گ": "ك",
        "ڨ": "ك",
        "ط": "ت",
        "ص": "س",
        "ذ": "ز",
        "ظ": "ز",
        "ژ": "ز",
        "چ": "ش",
        "ء": None,
    }
)
_VOWELS = frozenset("اوي")


_WORD = re.compile(r"[^\W_]+")  # words: letters and digits (هواسونغ 17)
_RUN = re.compile(r"[^\W_]+(?: [^\W_]+){0,3}")  # a word and up to MAX_WORDS - 1 more
_INNER_VOWEL = re.compile("(?<!^)[اوي](?!$)")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def shape(folded: str) -> str:
    """A folded spelling with spaces removed, letter classes merged and doubled letters single,
    vowels kept: what `VariantIndex.find` compares letter by letter."""
    return _single(folded.replace(" ", "").replace("تش", "ش").replace("دج", "ج").translate(_CLASSES))


def edits_allowed(row_shape: str) -> int:
    return 1 if len(row_shape) < 8 else 2


def within_edits(spelled_shape: str, row_shape: str) -> bool:
    """Whether two shapes differ by at most `edits_allowed(row_shape)` letters (Levenshtein)."""
    return at_most_edits(spelled_shape, row_shape, edits_allowed(row_shape))


def at_most_edits(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of `a` and `b` is at most `limit` (0, 1 or 2 here).

    Exact, by the textbook recurrence bounded by `limit`: equal first (or last) letters cost
    nothing, and a differing first letter is a substitution, a deletion or an insertion: at
    most 3**limit branches of a few string slices. An article has a handful of candidates that
    get this far, and importing rapidfuzz for them cost ~6 ms on every `inspect`, more than
    the whole variant search; tests check this against rapidfuzz's `Levenshtein.distance`."""
    if a == b:
        return True
    if limit <= 0 or abs(len(a) - len(b)) > limit:
        return False
    start, shortest = 0, min(len(a), len(b))
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if not a or not b:
        return len(a) + len(b) <= limit
    return (
        at_most_edits(a[1:], b[1:], limit - 1)
        or at_most_edits(a[1:], b, limit - 1)
        or at_most_edits(a, b[1:], limit - 1)
    )


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """The variant key of a folded spelling (`normalize` output): spaces removed, letter
    classes merged, inner long vowels dropped, doubled letters single.

    Word boundaries are removed first, so a name written as one word or two has one key; the
    first letter of the whole spelling and its last letter are kept even when they are vowels."""
    letters = folded.replace(" ", "").replace("تش", "ش").replace("دج", "ج").translate(_CLASSES)
    return _single(_INNER_VOWEL.sub("", letters))


def _single(letters: str) -> str:
    """Doubled letters written once. Most words have none, and a search is much cheaper than a
    substitution with a group reference (every text word of an article passes here)."""
    return _DOUBLED.sub(r"\1", letters) if _DOUBLED.search(letters) else letters


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


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


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

    def __init__(self, is_word: Callable[[str], bool] = lambda word: False) -> None:
        self._is_word = is_word  # see `find`
        self._by_key: dict[str, list[tuple[object, frozenset[str], frozenset[str], str, str, str]]] = {}
        self._keys: list[str] = []  # the keys, sorted: which strings begin a key (`_begins_key`)
        self._cache: dict[str, tuple[tuple[str, str], ...]] = {}  # text word → its possible starts
        self._first_words: set[str] = set()  # keys of the first words of multi-word rows
        self._solid: set[str] = set()  # two words of a row written as one (عبدالحميد)
        self._first_exact: set[str] = set()  # first words of rows whose later words are no words
        self._runs: dict[str, list[VariantSpan]] = {}  # a run of words → its spans (offsets in the run)

    def add(
        self, key: str, payload: object, proclitics: frozenset[str], words: Iterable[str], english: str, kind: str = ""
    ) -> None:
        """Register a row; `words` are its folded words (accepted in the text even when common)."""
        words = list(words)
        if len(words) > 1:
            self._first_words.add(skeleton(words[0]))
            self._solid.update(_solid_pairs(words))
            if kind == "person" or any(not self._is_word(w) for w in words[1:]):
                self._first_exact.add(words[0])  # بنيامين (نتنياهو), جيم (ريش): may open a search
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
        """Drop keys shared by rows with different English, and sort the keys."""
        for key in list(self._by_key):
            if len({row[3] for row in self._by_key[key]}) > 1:
                del self._by_key[key]
        self._keys = sorted(self._by_key)

    def _begins_key(self, text: str) -> bool:
        """Whether some key begins with `text` (not empty): the keys that do follow each other
        in sorted order, from where `text` would be inserted. (A set of every prefix of every
        key, 30,000 strings, cost more to load than an article's lookups.)"""
        if not text:
            return False
        keys = self._keys
        at = bisect_left(keys, text)
        return at < len(keys) and keys[at].startswith(text)

    def __len__(self) -> int:
        return len(self._by_key)

    def starts(
        self, word: str, proclitics: frozenset[str], is_word: Callable[[str], bool]
    ) -> tuple[tuple[str, str], ...]:
        """(proclitic, key) for each split of a folded text word that is a row's key or the key
        of a multi-word row's first word, or the start of a row's key written solid
        (عبدالحميد); cached per word, since news repeats its words. (A row written as one word
        is found when the text joins its words, not when it splits them.)

        An everyday word (`is_word`) only starts a variant as written in a row whose later words
        are no everyday words (بنيامين نتانياهو), or as two of the row's words written solid: it
        is never a variant itself, and letting every قال or الحكومة open a search for the rows
        that begin like it would cost more than all the rest."""
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            longest = self._longest_clitic(proclitics)
            splits = []
            for n in range(min(longest, len(word) - 3) + 1):
                if word[:n] not in proclitics:
                    continue
                core = word[n:]
                key = skeleton(core)
                # Whether the split starts a variant if the core is no everyday word, and if it
                # is one; `is_word` (a word-list lookup) is asked only when the two differ.
                opens = key in self._by_key or key in self._first_words or (len(key) >= 5 and self._begins_key(key))
                as_word = (core in self._solid and self._begins_key(key)) or core in self._first_exact
                if opens != as_word and is_word(core):
                    opens = as_word
                if opens:
                    splits.append((word[:n], key))
            found = tuple(splits)
            self._cache[word] = found
        return found

    @staticmethod
    @lru_cache(maxsize=8)
    def _longest_clitic(proclitics: frozenset[str]) -> int:
        return max(map(len, proclitics), default=0)

    def find(
        self,
        norm: str,
        proclitics: frozenset[str],
        is_word: Callable[[str], bool],
    ) -> list[VariantSpan]:
        """Variant spans in folded text `norm`; the words of a span are separated by one space.

        Only the words that could begin a row's key are visited (found per distinct word, then
        by `str.find`), so a paragraph without candidates costs one regex pass.

        `is_word` says whether a folded text word is an Arabic word form; such a word is only
        accepted in a spelling the row has. A one-word span must not have the shape of a native
        word either (`words.native_shape`: جدري is smallpox, not كديري), and a span spelled
        exactly as the row is no variant (the exact matcher refused it for a reason)."""
        if not self._by_key:
            return []
        starters = {w: st for w in set(_WORD.findall(norm)) if (st := self.starts(w, proclitics, is_word))}
        found: list[VariantSpan] = []
        length = len(norm)
        for word, starts in starters.items():
            at = norm.find(word)
            while at != -1:
                end = at + len(word)
                if (at == 0 or not _is_word_char(norm[at - 1])) and (end == length or not _is_word_char(norm[end])):
                    # News repeats its names: the spans of one run of words are computed once.
                    run = _RUN.match(norm, at).group()  # type: ignore[union-attr]
                    spans = self._runs.get(run)
                    if spans is None:
                        spans = []
                        self._spans_from(run, len(word), starts, is_word, spans)
                        if len(self._runs) > 100_000:
                            self._runs.clear()
                        self._runs[run] = spans
                    found.extend(VariantSpan(at, at + s.start, at + s.end, s.proclitic, s.payload) for s in spans)
                at = norm.find(word, at + 1)
        return found

    def _spans_from(self, norm, first_end, starts, is_word, found) -> None:
        """Every row key matched by the words from the start of `norm` on (up to MAX_WORDS)."""
        first_start = 0
        by_key = self._by_key
        for clitic, key in starts:
            start = first_start + len(clitic)
            spelled = norm[start:first_end]
            parts = [spelled]
            end = first_end
            while True:
                for payload, allowed, own_words, _, row_shape, row in by_key.get(key, ()):
                    if (
                        clitic in allowed
                        and spelled != row
                        and spelled.startswith("ال") == row.startswith("ال")  # بالصان is no اولسان
                        and all(w in own_words or not is_word(w) for w in parts)
                        and (len(parts) > 1 or (not native_shape(spelled) and _one_kind_of_change(spelled, row)))
                        and within_edits(shape(spelled), row_shape)
                    ):
                        found.append(VariantSpan(first_start, start, end, clitic, payload))
                if not self._begins_key(key[:-1]) or len(parts) >= MAX_WORDS or norm[end : end + 1] != " ":
                    break
                following = _WORD.match(norm, end + 1)
                if following is None:
                    break
                end = following.end()
                parts.append(following.group())
                spelled = spelled + " " + parts[-1]
                key = skeleton(spelled)


def _one_kind_of_change(spelled: str, row: str) -> bool:
    """A one-word variant differs from its row in letters of one class (جوتيريش / غوتيريش) or
    in inner long vowels (بسكوف / بيسكوف), not in both: a short word that needs a swapped
    letter AND an added vowel to become a name is more often another word (كلاسيكو, the
    clásico, is no غلاسكو)."""
    if shape(spelled) == shape(row):
        return True  # letter classes, doubled letters, hamza

    def vowelless(word: str) -> str:
        return _single(_INNER_VOWEL.sub("", word.replace("تش", "ش").replace("دج", "ج").replace("ء", "")))

    return vowelless(spelled) == vowelless(row)


def variant_note(hit: NameHit) -> str | None:
    """The reviewer's note for a name found in a spelling the glossary does not have (None for
    an exact hit): the DOCX puts it on the Arabic name."""
    if hit.match != "variant":
        return None
    return (
        f"Spelling variant: «{hit.surface}» was read as the glossary's «{hit.arabic}» ({hit.english}); "
        "check it, and add the spelling to the glossary if it is right."
    )
