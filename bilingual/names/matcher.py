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

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

import ahocorasick

from bilingual.document import Document, NameHit
from bilingual.names.cues import NAMED_AFTER_PLACE, announces
from bilingual.names.glossary import _COMMON_KEYS, Entry, match_key
from bilingual.names.variants import VariantIndex, variant_key
from bilingual.names.words import collision, foreign_marked, is_word_form, word_table
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
_ALL_PROCLITICS = P_BARE | P_ART_LAM
_LONGEST_PROCLITIC = max(len(p) for p in _ALL_PROCLITICS)

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
    exact = exact_core if _COMMON_KEYS.get(key) is not None else None
    single_place = entry.kind == "place" and " " not in core
    homograph = single_place and core.endswith("يا")
    definite_homograph = single_place and has_article and core.endswith("يه")
    cue = _cue_mode(entry, key)
    return core, _Pattern(entry, len(core), proclitics, exact, homograph, definite_homograph, cue, exact_core)


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
        self._common: frozenset[str] = frozenset()
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

    def _find(self, text: str, known: Collection[str] | None) -> tuple[list[NameHit], int]:
        """The hits, and how many hits were refused for want of a cue."""
        if self.size == 0 or not text:
            return [], 0
        folded = normalize_for_matching(text)
        # `norm` finds names (hyphens read as spaces); `context` keeps the hyphens for the
        # adjective rules, so روسيا-أوكرانيا is two names, not a noun and its adjective.
        context, offsets = folded.text, folded.offsets
        norm = context.translate(HYPHENS_AS_SPACES)
        length = len(norm)
        refused: list[tuple[int, int, int, _Pattern, str]] = []
        candidates: list[tuple[int, int, int, _Pattern, str]] = []
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
                    and _reads_as_adjective(text, context, offsets, word_start, end)
                ):
                    continue
                if (
                    pattern.definite_adjective_homograph
                    and proclitic == "ال"
                    and _is_definite_noun(_previous_word(context, word_start))
                ):
                    continue
                if (
                    pattern.entry.kind == "place"
                    and not proclitic.strip("ال")
                    and _named_after_place(_previous_word(norm, word_start), norm, end)
                ):
                    continue  # مؤتمر ميونيخ للأمن: part of a longer name, not the place
                if pattern.cue and not _has_cue(pattern.entry, norm, word_start, end, known):
                    refused.append((word_start, end, start, pattern, "exact"))
                    continue
                candidates.append((word_start, end, start, pattern, "exact"))
                break
        if self._variants:
            candidates += self._variant_candidates(text, norm, offsets, candidates)
        chosen = _choose(candidates)
        if refused:  # "طوكيو وسيول", "جنين وطولكرم": a name in a list of names of its kind
            rescued = [c for c in refused if _listed_with(c, chosen, norm)]
            chosen = _choose(chosen + rescued) if rescued else chosen
        hits = [self._hit(text, norm, offsets, ws, start, end, p.entry, match) for ws, end, start, p, match in chosen]
        return hits, len(refused) - sum(1 for c in refused if c in chosen)

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


_CLITIC_FREE = re.compile("^[وف]")
# After مؤتمر/معرض + place, the name goes on with "لل…" or "الدولي": معرض القاهرة الدولي للكتاب
# (while مؤتمر بيليم alone is the conference held in the place).
_NAME_GOES_ON = re.compile(" (?:لل|الدولي|العالمي)")
_NEWS_AGENCY = "انباء"  # وكالة أنباء السعودية: the agency's name, not the country


def _named_after_place(previous: str, norm: str, end: int) -> bool:
    """Whether a place name is the tail of a longer fixed name (see `cues.NAMED_AFTER_PLACE`)."""
    previous = _CLITIC_FREE.sub("", previous)
    if previous == _NEWS_AGENCY:
        return True
    return previous in NAMED_AFTER_PLACE and _NAME_GOES_ON.match(norm, end) is not None


_TANWEEN = frozenset("\u064b\u064c\u064d")
Candidate = tuple[int, int, int, _Pattern, str]  # word start, end, core start, pattern, match


# A verb in the imperfect right after a word (through an opening quote): ستعزز، «تؤوي», يرى.
_IMPERFECT = re.compile(r" [«\"“]?(?:س?[تين])[^\W\d_]{3,}")


def _choose(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: earliest word start, then longest span, then exact before
    variant, then longest core (fewest clitic letters)."""
    chosen: list[Candidate] = []
    taken_until = 0
    for candidate in sorted(candidates, key=lambda c: (c[0], -c[1], c[4] != "exact", c[2])):
        if candidate[0] >= taken_until:
            chosen.append(candidate)
            taken_until = candidate[1]
    return chosen


def _has_cue(entry: Entry, norm: str, word_start: int, end: int, known: Collection[str] | None) -> bool:
    """Whether the context says a one-word name that is also an everyday word is the name:
    a cue word before it (مدينة، في، حركة، الرئيس…), guillemets around it («تداول»), a
    dateline (سيول (أ ف ب)), or the same name found without doubt elsewhere in the article
    (`known`: English names and their last words)."""
    previous = _previous_word(norm, word_start)
    if previous and announces(previous, entry.kind):
        return True
    before = norm[word_start - 1 : word_start] if word_start else ""
    after = norm[end : end + 2].strip()[:1]
    if before in '«"“' and before and after in '»"”' and after:
        return True
    if after == "(":  # a dateline or an explanation: سيول (أ ف ب)، جنين (الضفة الغربية)
        return True
    if previous == "ان" and _IMPERFECT.match(norm, end):  # "إن سيول ستعزز": the subject of a verb
        return True
    return known is not None and (entry.english in known or match_key(entry.arabic) in known)


_LISTED = ("", "و", "ال", "وال")  # what may stand before a name in a list: "تعز وحجة وذمار والبيضاء"


def _listed_with(candidate: Candidate, chosen: list[Candidate], norm: str) -> bool:
    """A refused one-word name next to a chosen name of the same kind in a list: "X وY" or
    "Y وX", "X، Y"."""
    word_start, end, start, pattern, _ = candidate
    kind = pattern.entry.kind
    for other_start, other_end, _, other, _ in chosen:
        if other.entry.kind != kind or other is pattern:
            continue
        gap_before = norm[other_end:word_start]
        gap_after = norm[end:other_start]
        if gap_before.strip() in ("", "،", ",") and 0 < len(gap_before) <= 3 and norm[word_start:start] in _LISTED:
            return True
        if (
            gap_after.strip() in ("", "،", ",")
            and 0 < len(gap_after) <= 3
            and norm[other_start : other_start + 1] == "و"
        ):
            return True
    return False


def _known_names(hits: Iterable[NameHit]) -> set[str]:
    """English of the article's unambiguous hits (no cue was needed: another row, or the
    row's own spelling), the family name of each (Mahmoud Abbas → Abbas), and the folded
    Arabic words of their rows (مخيم جنين → جنين)."""
    known: set[str] = set()
    for hit in hits:
        known.add(hit.english)
        known.add(hit.english.split()[-1])
        known.update(match_key(hit.arabic).split())  # مخيم جنين vouches for جنين
    return known


def find_in_article(matcher: NameMatcher, texts: list[str]) -> list[list[NameHit]]:
    """The hits of each text of one article (its blocks). A one-word name refused for want
    of a cue in one text is taken when the article names it without doubt elsewhere
    (حركة حماس … حماس)."""
    found = [matcher._find(text, None) for text in texts]
    if not any(refused for _, refused in found):
        return [hits for hits, _ in found]
    known = _known_names(hit for hits, _ in found for hit in hits if hit.arabic not in matcher.cue_rows)
    return [matcher.find(text, known) if refused else hits for text, (hits, refused) in zip(texts, found)]


def annotate_names(document: Document, matcher: NameMatcher) -> Document:
    """Fill `block.names` for every block of the document, article by article (in place;
    returned for chaining)."""
    for article in document.articles:
        for block, hits in zip(article.blocks, find_in_article(matcher, [b.text for b in article.blocks])):
            block.names = hits
    return document
