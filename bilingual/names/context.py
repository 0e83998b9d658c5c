"""What surrounds a name decides how it is read: the rules that look at a hit's context.

* Homographs of place names: a country in -يا is also the accusative of its adjective (7
  جنديا أوكرانيا: Ukrainian soldiers), a feminine country is also its adjective after a
  definite noun (الحكومة السعودية: the Saudi government) or a quoted name (شركة «أكوا باور»
  السعودية: the Saudi company).
* One-word names that are also everyday words (`words.collision`, or the row's `context`
  column) are read as names only with a cue (`has_cue`): a cue word before them (`cues`), a
  dateline, guillemets, إن + a verb, a list of names of the same kind (`listed_with`), or the
  same name found without doubt elsewhere in the article (`known_names`).
* A place inside a longer name (an event, a venue, a club, a numbered missile: معرض القاهرة
  الدولي للكتاب، ريال مدريد، «فلسطين 2») is not the place: see `inside`.

Positions are in the folded text (`norm`) the matcher works on.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from bilingual.document import NameHit
from bilingual.names.cues import announces, cue_kind
from bilingual.names.glossary import Entry, match_key

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


def is_definite_noun(word: str) -> bool:
    return word.startswith(_DEFINITE_STARTS) and len(word) > 3 and word not in _NOT_DEFINITE_NOUNS


def after_quoted_name(norm: str, word_start: int) -> bool:
    """Whether a word follows an organisation's quoted name (شركة «أكوا باور» السعودية): a
    definite feminine nisba after it qualifies the organisation (the Saudi company ACWA Power),
    while after other quoted words it may be the country (زار «الوفد» السعودية)."""
    if word_start < 2 or norm[word_start - 1] != " " or norm[word_start - 2] not in '»"”':
        return False
    opening = max(norm.rfind(q, max(0, word_start - 60), word_start - 2) for q in '«"“')
    return opening > 0 and cue_kind(previous_word(norm, opening)) == "org"


def previous_word(norm: str, word_start: int) -> str:
    """The folded word just before `word_start` when only a space separates them."""
    if word_start < 2 or norm[word_start - 1] != " ":
        return ""
    first = word_start - 1
    while first > 0 and norm[first - 1].isalpha():
        first -= 1
    return norm[first : word_start - 1]


def reads_as_adjective(text: str, norm: str, offsets: list[int], word_start: int, end: int) -> bool:
    """True when a -يا place name is used as the accusative adjective (see above)."""
    after = offsets[end - 1] + 1
    marks = text[offsets[word_start] : after + 2]
    if _TANWEEN_FATH in marks:
        return True
    previous = previous_word(norm, word_start)
    return (
        len(previous) >= 3
        and previous.endswith("ا")
        and not previous.endswith(("ها", "نا", "وا"))
        and not previous.startswith("ال")
        and previous not in _NOT_ACCUSATIVE_NOUNS
    )


# A verb in the imperfect right after a word (through an opening quote): ستعزز، «تؤوي», يرى.
_IMPERFECT = re.compile(r" [«\"“]?(?:س?[تين])[^\W\d_]{3,}")


def has_cue(entry: Entry, norm: str, word_start: int, end: int, known: Collection[str] | None) -> bool:
    """Whether the context says a one-word name that is also an everyday word is the name:
    a cue word before it (مدينة، في، حركة، الرئيس…), guillemets around it («تداول»), a
    dateline (سيول (أ ف ب)), or the same name found without doubt elsewhere in the article
    (`known`: English names and their last words)."""
    previous = previous_word(norm, word_start)
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


def listed_with(candidate: tuple, chosen: list[tuple], norm: str) -> bool:
    """A refused one-word name next to a chosen name of the same kind in a list: "X وY" or
    "Y وX", "X، Y". Candidates are the matcher's (word start, end, core start, pattern, match)."""
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


def known_names(hits: Iterable[NameHit]) -> set[str]:
    """English of the article's unambiguous hits (no cue was needed: another row, or the
    row's own spelling), the family name of each (Mahmoud Abbas → Abbas), and the folded
    Arabic words of their rows (مخيم جنين → جنين)."""
    known: set[str] = set()
    for hit in hits:
        known.add(hit.english)
        known.add(hit.english.split()[-1])
        known.update(match_key(hit.arabic).split())  # مخيم جنين vouches for جنين
    return known
