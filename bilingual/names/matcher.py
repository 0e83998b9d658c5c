"""The name matcher: every glossary name in running Arabic text, with exact spans.

Arabic web text spells one name many ways (hamzas dropped, ى for ي, tatweel, diacritics,
bidi marks) and glues proclitics to it (و، ب، ل، ك، ف and the article ال: وبالكرملين،
للأمم المتحدة). A general stemmer cannot be trusted with foreign names (it strips the ب of
بوتين), so the matcher only accepts a proclitic string from a fixed whitelist, and only in
front of a glossary name:

1. The text is folded for matching (`bilingual.text.arabic.normalize_for_matching`), keeping a
   map back to the original offsets; the text itself is never changed.
2. Each entry is indexed by its folded *core*: the spelling without a leading ال, so that
   ل + ال (للأمم) and بال (بالكرملين) reach it. Entries without ال never accept ال, so
   السيول is not Seoul.
3. One Aho–Corasick automaton finds every core in one pass (linear in the text).
4. A hit counts only if no letter follows it (كيميائية is not Kim) and the letters between
   the start of its word and the core are a proclitic string allowed for that entry.
5. Of overlapping hits the one starting earliest wins, then the longest, then the one
   with the longest core (a word that is itself a name is not clitic + another name).

Two spellings of web text are folded here on top of `normalize_for_matching`, both 1:1 so
the offset map still holds: a hyphen (or en dash) inside a name is a space (كيم جونغ-أون =
كيم جونغ أون, لاي تشينغ تي = لاي تشينغ-تي), and ل written apart from the article with a
tatweel (لـالخرطوم, for the standard للخرطوم) is accepted as ل + ال.

A `NameHit` spans the name as written, with its article when the article is written out
(بالكرملين → prefix "ب", surface "الكرملين"); `prefix` holds the proclitics before it,
and لل when ل has swallowed the article's alef (للأمم المتحدة → "لل" + "أمم المتحدة").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable

import ahocorasick

from bilingual.document import Document, NameHit
from bilingual.names.common_words import common_word_collision
from bilingual.names.glossary_format import Entry, match_key
from bilingual.text.arabic import _DROP, HYPHENS_AS_SPACES, normalize_for_matching

# Proclitic strings allowed before a name without the article, and before the core of a
# name with it (ال itself, or a preposition/conjunction + ال; ل + ال is written لل).
P_BARE = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
P_ART = frozenset(
    {
        "ال",
        "وال",
        "فال",
        "بال",
        "كال",
        "وبال",
        "فبال",
        "وكال",
        "لل",
        "ولل",
        "فلل",
        # ل kept apart from a written-out article, usually with a tatweel: لـالخرطوم.
        "لال",
        "ولال",
        "فلال",
    }
)
# ل + اللاذقية is written للاذقية: before a core that starts with ل, لل loses one more lam.
P_ART_LAM = P_ART | {"ل", "ول", "فل"}
_LONGEST_PROCLITIC = max(len(p) for p in P_BARE | P_ART_LAM)

# Countries in -يا (روسيا، أوكرانيا، تركيا…) are spelled like the accusative of their
# adjective: "أصيب 7 جنديا أوكرانيا" is "7 Ukrainian soldiers", not Ukraine. Such a place
# name is read as the adjective when it carries tanween (أوكرانياً) or directly follows an
# indefinite accusative noun (جنديا، مسؤولا). Folded words ending in ا that are not such
# nouns: particles, verbs and pronoun suffixes ("بينما روسيا", "دعا روسيا", "فيها روسيا").
_NOT_ACCUSATIVE_NOUNS = frozenset(
    [
        "اما",
        "بينما",
        "كما",
        "انما",
        "ما",
        "لما",
        "هذا",
        "ايضا",
        "اذا",
        "حينما",
        "عندما",
        "طالما",
        "مثلما",
        "لا",
        "فيما",
        "ربما",
        "كلما",
        "حيثما",
        "بعدما",
        "اينما",
        "مهما",
        "هنا",
        "دعا",
        "بدا",
        "عدا",
        "غزا",
        "نجا",
        "خلا",
        "حاشا",
        "ولا",
        "الا",
    ]
)
_TANWEEN_FATH = "\u064b"

# A country named by a feminine adjective (السعودية) is the adjective when it directly
# follows a definite noun: "الحكومة السعودية" is the Saudi government, not Saudi Arabia.
_DEFINITE_STARTS = tuple(sorted(P_ART, key=len, reverse=True))
# Folded words that start like ال but are no definite noun (إلى، التي، إلا), and
# definite adverbs of time that a subject often follows ("أعلنت اليوم السعودية").
_NOT_DEFINITE_NOUNS = frozenset(
    [
        "الي",
        "التي",
        "الذي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللاتي",
        "الا",
        "الان",
        "اليه",
        "اليها",
        "اليهم",
        "اليوم",
        "الليله",
        "السبت",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
    ]
)


def _is_definite_noun(word: str) -> bool:
    return word.startswith(_DEFINITE_STARTS) and len(word) > 3 and word not in _NOT_DEFINITE_NOUNS


def _strict(text: str) -> str:
    """Spelling without diacritics, tatweel and invisible marks, but with letters as typed:
    what "exact spelling" means for names that fold onto common words (علي vs على)."""
    return " ".join("".join(ch for ch in text if ch not in _DROP).split())


@dataclass(frozen=True)
class _Pattern:
    """One way an entry is found: its folded core, which proclitics it takes and, for
    entries that collide with a common word, the exact core spelling it requires."""

    entry: Entry
    core_length: int
    proclitics: frozenset[str]
    exact: str | None
    adjective_homograph: bool = False
    definite_adjective_homograph: bool = False


def _pattern(entry: Entry) -> tuple[str, _Pattern] | None:
    key = match_key(entry.arabic)
    strict = _strict(entry.arabic)
    has_article = strict.startswith("ال") and key.startswith("ال") and len(key) >= 4 and key[2] != " "
    if has_article:
        core = key[2:]
        proclitics = P_ART_LAM if core.startswith("ل") else P_ART
        exact_core = strict[2:]
    else:
        core, proclitics, exact_core = key, P_BARE, strict
    if not core:
        return None
    exact = exact_core if common_word_collision(entry.arabic) is not None else None
    single_place = entry.kind == "place" and " " not in core
    homograph = single_place and core.endswith("يا")
    definite_homograph = single_place and has_article and core.endswith("يه")
    return core, _Pattern(entry, len(core), proclitics, exact, homograph, definite_homograph)


def _previous_word(norm: str, word_start: int) -> str:
    """The folded word just before `word_start` when only a space separates them."""
    if word_start < 2 or norm[word_start - 1] != " ":
        return ""
    first = word_start - 1
    while first > 0 and norm[first - 1].isalpha():
        first -= 1
    return norm[first : word_start - 1]


def _reads_as_adjective(text: str, norm: str, offsets: list[int], word_start: int, end: int) -> bool:
    """True when a -يا place name is used as the accusative adjective (see above)."""
    after = offsets[end - 1] + 1
    marks = text[offsets[word_start] : after + 2]
    if _TANWEEN_FATH in marks:
        return True
    previous = _previous_word(norm, word_start)
    return (
        len(previous) >= 3
        and previous.endswith("ا")
        and not previous.endswith(("ها", "نا", "وا"))
        and not previous.startswith("ال")
        and previous not in _NOT_ACCUSATIVE_NOUNS
    )


class NameMatcher:
    """Finds glossary names in Arabic text; build once per glossary, reuse for every block."""

    def __init__(self, entries: Iterable[Entry]):
        by_core: dict[str, list[_Pattern]] = {}
        for entry in entries:
            made = _pattern(entry)
            if made is None:
                continue
            core, pattern = made
            patterns = by_core.setdefault(core, [])
            # First entry wins for one core and one proclitic class (load_glossaries has
            # already refused conflicting targets, so later ones are duplicates).
            if all(p.proclitics != pattern.proclitics for p in patterns):
                patterns.append(pattern)
        self.size = sum(len(p) for p in by_core.values())
        self._automaton = ahocorasick.Automaton()
        for core, patterns in by_core.items():
            self._automaton.add_word(core, tuple(patterns))
        if by_core:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[NameHit]:
        """Every name in `text`, sorted by start, non-overlapping."""
        if self.size == 0 or not text:
            return []
        folded = normalize_for_matching(text)
        # `norm` finds names (hyphens read as spaces); `context` keeps the hyphens for the
        # adjective rules, so روسيا-أوكرانيا is two names, not a noun and its adjective.
        context, offsets = folded.text, folded.offsets
        norm = context.translate(HYPHENS_AS_SPACES)
        length = len(norm)
        candidates: list[tuple[int, int, int, _Pattern]] = []
        for last, patterns in self._automaton.iter(norm):
            end = last + 1
            if end < length and norm[end].isalpha():
                continue  # the name runs on into a longer word
            start = end - patterns[0].core_length
            word_start = start
            while word_start > 0 and norm[word_start - 1].isalpha():
                word_start -= 1
                if start - word_start > _LONGEST_PROCLITIC:
                    break
            if start - word_start > _LONGEST_PROCLITIC:
                continue  # inside a longer word
            proclitic = norm[word_start:start]
            for pattern in patterns:
                if proclitic not in pattern.proclitics:
                    continue
                if pattern.exact is not None:
                    surface = text[offsets[start] : offsets[end - 1] + 1]
                    if _strict(surface) != pattern.exact:
                        continue
                if (
                    pattern.adjective_homograph
                    and not proclitic
                    and _reads_as_adjective(text, context, offsets, word_start, end)
                ):
                    continue
                if (
                    pattern.definite_adjective_homograph
                    and proclitic == "ال"
                    and _is_definite_noun(_previous_word(context, word_start))
                ):
                    continue
                candidates.append((word_start, end, start, pattern))
                break
        # Earliest word start, then longest span, then longest core (fewest clitic letters).
        candidates.sort(key=lambda c: (c[0], -c[1], c[2]))
        hits: list[NameHit] = []
        taken_until = 0
        for word_start, end, start, pattern in candidates:
            if word_start < taken_until:
                continue
            taken_until = end
            hits.append(self._hit(text, norm, offsets, word_start, start, end, pattern.entry))
        return hits

    @staticmethod
    def _hit(text: str, norm: str, offsets: list[int], word_start: int, start: int, end: int, entry: Entry) -> NameHit:
        """The hit as the reader sees it: a written-out article belongs to the name
        (بالكرملين = ب + الكرملين); only in لل, where the article lost its alef, does it
        stay in the prefix (للأمم المتحدة = لل + أمم المتحدة)."""
        if start - word_start >= 2 and norm[start - 2 : start] == "ال":
            start -= 2
        begin = offsets[start]
        finish = offsets[end - 1] + 1
        # Keep the name's own trailing diacritics (بوتينُ) inside its span.
        while finish < len(text) and text[finish] in _DROP and unicodedata.category(text[finish]) == "Mn":
            finish += 1
        return NameHit(
            start=begin,
            end=finish,
            prefix=text[offsets[word_start] : begin],
            surface=text[begin:finish],
            arabic=entry.arabic,
            english=entry.english,
            kind=entry.kind,
        )


def annotate_names(document: Document, matcher: NameMatcher) -> Document:
    """Fill `block.names` for every block of the document (in place; returned for chaining)."""
    for block in document.blocks:
        block.names = matcher.find(block.text)
    return document
