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

On top of the rows' spellings, two passes (issue 14): spelling variants of foreign names
(`variants`: جوتيريش for غوتيريش, reported with `NameHit.match == "variant"`), and context
rules (`context`: homographs, one-word names that are also everyday words and need a cue;
`inside`: a place inside a longer name, مهرجان القاهرة السينمائي، ريال مدريد، «فلسطين 2», is set
aside, and the longer name goes to the reviewer as an unknown name through `Block.held`).
`find_in_article` runs the matcher over an article's blocks so that a name found without doubt
in one block vouches for its bare mentions.

A `NameHit` spans the name as written, with its article when the article is written out
(بالكرملين → prefix "ب", surface "الكرملين"); `prefix` holds the proclitics before it,
and لل when ل has swallowed the article's alef (للأمم المتحدة → "لل" + "أمم المتحدة").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Container, Iterable
from dataclasses import dataclass, replace

import ahocorasick

from bilingual.document import Document, NameHit, UnknownName
from bilingual.names.common_words import common_word_collision
from bilingual.names.context import (
    P_ART,
    P_BARE,
    after_quoted_name,
    has_cue,
    is_definite_noun,
    known_names,
    listed_with,
    previous_word,
    reads_as_adjective,
)
from bilingual.names.glossary_format import Entry, match_key
from bilingual.names.inside import longer_name
from bilingual.names.transliterate import transliterate
from bilingual.names.variants import VariantIndex, variant_key
from bilingual.names.words import collision, foreign_marked, is_word_form, word_table
from bilingual.text.arabic import _DROP, HYPHENS_AS_SPACES, normalize_for_matching

P_ART_LAM = P_ART | {"ل", "ول", "فل"}
_ALL_PROCLITICS = P_BARE | P_ART_LAM
_LONGEST_PROCLITIC = max(len(p) for p in _ALL_PROCLITICS)


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
    # "": no cue needed; "all": every hit needs a cue; "spelling": only spellings other than
    # the row's own (جده for جدة) need one. See `_cue_mode`.
    cue: str = ""
    strict: str = ""  # the core as the row spells it (for cue == "spelling")


def _cue_mode(entry: Entry, key: str) -> str:
    """Whether a one-word name that is also an everyday word needs a cue to be read as the
    name: the row's `context` column decides when filled (cue / always), else word frequencies
    (`words.collision`)."""
    if entry.context == "always":
        return ""
    if entry.context == "cue":
        return "all"
    found = collision(entry.arabic, key) if " " not in key else None
    if found is None:
        return ""
    return "spelling" if found.spelling_only else "all"


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
    cue = _cue_mode(entry, key)
    return core, _Pattern(entry, len(core), proclitics, exact, homograph, definite_homograph, cue, exact_core)


class NameMatcher:
    """Finds glossary names in Arabic text; build once per glossary, reuse for every block.

    `variants=False` turns spelling tolerance off (only the rows' spellings match)."""

    def __init__(self, entries: Iterable[Entry], variants: bool = True):
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
        self.needs_cues = any(p.cue for patterns in by_core.values() for p in patterns)
        # Rows whose every hit needs a cue: their hits never vouch for other mentions.
        self.cue_rows = frozenset(p.entry.arabic for ps in by_core.values() for p in ps if p.cue == "all")
        self._automaton = ahocorasick.Automaton()
        for core, patterns in by_core.items():
            self._automaton.add_word(core, tuple(patterns))
        if by_core:
            self._automaton.make_automaton()
        self._common: Container[str] = frozenset()  # a `words.PackedWords` after a cache load
        self._word_cache: dict[str, bool] = {}
        self._variants = VariantIndex(self._native_word)
        if variants and by_core:
            self._common = frozenset(word_table().folded)
            for core, patterns in by_core.items():
                key = variant_key(core)
                if key is None:
                    continue
                for p in patterns:
                    if p.exact is None and not p.cue:
                        self._variants.add(key, p, p.proclitics, core.split(), p.entry.english, p.entry.kind)
            self._variants.freeze()

    def find(self, text: str, known: Collection[str] | None = None) -> list[NameHit]:
        """Every name in `text`, sorted by start, non-overlapping.

        `known`: English names found elsewhere in the same article without doubt; a one-word
        name that is also an everyday word is read as that name when it is among them (or
        when a cue word stands before it)."""
        return self._find(text, known)[0]

    def _find(self, text: str, known: Collection[str] | None) -> tuple[list[NameHit], int, list[UnknownName]]:
        """The hits, how many hits were refused for want of a cue, and the longer names around
        hits that were set aside (`inside`)."""
        if self.size == 0 or not text:
            return [], 0, []
        folded = normalize_for_matching(text)
        # `norm` finds names (hyphens read as spaces); `context` keeps the hyphens for the
        # adjective rules, so روسيا-أوكرانيا is two names, not a noun and its adjective.
        context, offsets = folded.text, folded.offsets
        norm = context.translate(HYPHENS_AS_SPACES)
        length = len(norm)
        refused: list[tuple[int, int, int, _Pattern, str]] = []
        candidates: list[tuple[int, int, int, _Pattern, str]] = []
        held: list[tuple[int, int, Candidate]] = []  # (longer name's start, end, the hit inside)
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
                if pattern.exact is not None or pattern.cue == "spelling":
                    surface = _strict(text[offsets[start] : offsets[end - 1] + 1])
                    if pattern.exact is not None and surface != pattern.exact:
                        continue
                    if pattern.cue == "spelling" and surface == pattern.strict:
                        pattern = replace(pattern, cue="")
                if (
                    pattern.adjective_homograph
                    and not proclitic
                    and reads_as_adjective(text, context, offsets, word_start, end)
                ):
                    continue
                if (
                    pattern.definite_adjective_homograph
                    and proclitic == "ال"
                    and (is_definite_noun(previous_word(context, word_start)) or after_quoted_name(context, word_start))
                ):
                    continue
                outer = longer_name(context, word_start, start, end, pattern.entry.kind, self._is_word)
                if outer is not None:  # مؤتمر ميونيخ للأمن، «فلسطين 2»: inside a longer name
                    held.append((*outer, (word_start, end, start, pattern, "exact")))
                    continue
                if pattern.cue and not has_cue(pattern.entry, norm, word_start, end, known):
                    refused.append((word_start, end, start, pattern, "exact"))
                    continue
                candidates.append((word_start, end, start, pattern, "exact"))
                break
        if self._variants:
            for variant in self._variant_candidates(text, norm, offsets, candidates):
                outer = longer_name(context, variant[0], variant[2], variant[1], variant[3].entry.kind, self._is_word)
                if outer is None:
                    candidates.append(variant)
                else:
                    held.append((*outer, variant))
        chosen = _choose(candidates)
        if refused:  # "طوكيو وسيول", "جنين وطولكرم": a name in a list of names of its kind
            rescued = [c for c in refused if listed_with(c, chosen, norm)]
            chosen = _choose(chosen + rescued) if rescued else chosen
        outers: list[tuple[int, int, Candidate]] = []
        if held:
            chosen, outers = _settle_held(chosen, held)
        hits = [self._hit(text, norm, offsets, ws, start, end, p.entry, match) for ws, end, start, p, match in chosen]
        inside = [self._inside(text, norm, offsets, a, b, c) for a, b, c in outers]
        return hits, len(refused) - sum(1 for c in refused if c in chosen), inside

    def _is_word(self, word: str) -> bool:
        """Whether a folded word is an Arabic word form (the rules of `inside` ask after the
        words around a place; the word list is loaded here if spelling variants did not)."""
        if not self._common:
            self._common = frozenset(word_table().folded)
        return is_word_form(word, self._common)

    @staticmethod
    def _inside(text: str, norm: str, offsets: list[int], first: int, last: int, inner: Candidate) -> UnknownName:
        """The longer name around a glossary name, for the reviewer: its guess keeps the known
        name's English and transliterates the rest (مهرجان القاهرة السينمائي → "Mahrajan Cairo
        al-Sinamai")."""
        word_start, end, _, pattern, _ = inner
        begin, finish = offsets[first], offsets[last - 1] + 1
        before = text[begin : offsets[word_start]].strip() if word_start > first else ""
        after = text[offsets[end - 1] + 1 : finish].strip() if last > end else ""
        guess = " ".join(part for part in (_guess(before), pattern.entry.english, _guess(after)) if part)
        kind = "other" if pattern.entry.kind == "other" or not before else "org"
        return UnknownName(begin, finish, kind, "inside", guess)

    def _variant_candidates(
        self, text: str, norm: str, offsets: list[int], exact: list
    ) -> list[tuple[int, int, int, _Pattern, str]]:
        """Variant spellings in the text; `_choose` prefers an exact candidate of the same span,
        a longer variant wins (عبدالحميد الدبيبة over the exact الدبيبة). A word written with
        tanween (مشيداً) is an Arabic word, never a variant of a foreign name."""
        spans = self._variants.find(norm, _ALL_PROCLITICS, self._native_word)
        return [
            (v.word_start, v.end, v.start, v.payload, "variant")  # type: ignore[misc]
            for v in spans
            if not _TANWEEN.intersection(text[offsets[v.start] : offsets[v.end] + 1])
        ]

    def _native_word(self, word: str) -> bool:
        """An everyday word (or an inflection of one): only accepted in a spelling the row has.
        Frequent foreign names with a foreign mark (ريتش) are not blocked."""
        known = self._word_cache.get(word)
        if known is None:
            if len(self._word_cache) > 200_000:
                self._word_cache.clear()
            known = self._word_cache[word] = is_word_form(word, self._common) and not foreign_marked(word)
        return known

    @staticmethod
    def _hit(
        text: str,
        norm: str,
        offsets: list[int],
        word_start: int,
        start: int,
        end: int,
        entry: Entry,
        match: str = "exact",
    ) -> NameHit:
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
            match=match,
        )


_TANWEEN = frozenset("\u064b\u064c\u064d")


def _guess(words: str) -> str:
    """The English guess of the words around a known name: a number as it is (أرتيمس 3), the
    rest transliterated."""
    stripped = words.strip(' -«»"“”″')
    if not any(ch.isalpha() for ch in stripped):
        return stripped
    return transliterate(stripped)


Candidate = tuple[int, int, int, _Pattern, str]  # word start, end, core start, pattern, match


def _choose(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: earliest word start, then longest span, then exact before
    variant, then longest core (fewest clitic letters). Two overlapping rows of one person
    make one hit over both: "الملك سلمان" and "سلمان بن عبد العزيز" in الملك سلمان بن عبد العزيز
    (the title form alone would leave the rest of his name outside the hit)."""
    chosen: list[Candidate] = []
    taken_until = 0
    for candidate in sorted(candidates, key=lambda c: (c[0], -c[1], c[4] != "exact", c[2])):
        if candidate[0] >= taken_until:
            chosen.append(candidate)
            taken_until = candidate[1]
        elif candidate[1] > taken_until and _same_person(chosen[-1], candidate):
            last = chosen[-1]
            chosen[-1] = (last[0], candidate[1], last[2], last[3], last[4])
            taken_until = candidate[1]
    return chosen


def _same_person(first: Candidate, second: Candidate) -> bool:
    a, b = first[3].entry, second[3].entry
    return a.kind == b.kind == "person" and a.english == b.english and first[4] == second[4] == "exact"


def _settle_held(chosen: list[Candidate], held: list[tuple[int, int, Candidate]]):
    """The hits and the longer names set aside. A row that covers the hit inside a longer name
    wins (ريال مدريد, a row, over مدريد in a club's name): no longer name is reported; a longer
    name that runs into another hit (a place, then a name the glossary has) was misread: the hit
    inside it stands. Shorter hits within the set-aside hit's own span go with it (عرفات in
    مؤسسة ياسر عرفات)."""
    outers: list[tuple[int, int, Candidate]] = []
    restored: list[Candidate] = []
    dropped: set[int] = set()
    for first, last, inner in sorted(held, key=lambda h: (h[0], -h[1])):
        if any(c[0] <= inner[0] and c[1] >= inner[1] for c in chosen):
            continue
        pieces = {i for i, c in enumerate(chosen) if inner[0] <= c[0] and c[1] <= inner[1]}
        if any(c[0] < last and c[1] > first for i, c in enumerate(chosen) if i not in pieces):
            restored.append(inner)
            continue
        dropped |= pieces
        if not any(o[0] < last and o[1] > first for o in outers):
            outers.append((first, last, inner))
    if dropped:
        chosen = [c for i, c in enumerate(chosen) if i not in dropped]
    return (_choose(chosen + restored) if restored else chosen), outers


def find_in_article(matcher: NameMatcher, texts: list[str]) -> list[list[NameHit]]:
    """The hits of each text of one article (its blocks). A one-word name refused for want
    of a cue in one text is taken when the article names it without doubt elsewhere
    (حركة حماس … حماس)."""
    return [hits for hits, _ in find_with_inside(matcher, texts)]


def find_with_inside(matcher: NameMatcher, texts: list[str]) -> list[tuple[list[NameHit], list[UnknownName]]]:
    """As `find_in_article`, with the longer names each text names around a glossary name
    (`inside`): the hits set aside there, as unknown names for the reviewer."""
    found = [matcher._find(text, None) for text in texts]
    if not any(refused for _, refused, _ in found):
        return [(hits, inside) for hits, _, inside in found]
    known = known_names(hit for hits, _, _ in found for hit in hits if hit.arabic not in matcher.cue_rows)
    again = [
        matcher._find(text, known) if refused else (hits, refused, inside)
        for text, (hits, refused, inside) in zip(texts, found)
    ]
    return [(hits, inside) for hits, _, inside in again]


def annotate_names(document: Document, matcher: NameMatcher) -> Document:
    """Fill `block.names` (and `block.held`: longer names around a glossary name, see
    `inside`) for every block of the document, article by article (in place; returned for
    chaining)."""
    for article in document.articles:
        for block, (hits, inside) in zip(article.blocks, find_with_inside(matcher, [b.text for b in article.blocks])):
            block.names = hits
            block.held = inside
    return document
