"""A glossary name inside a longer name: the text names something else, so the hit is set aside.

News copy names events, venues, institutions, clubs, missions and weapons after places:

* a noun that begins the fixed name of an event or institution, then the place, then the rest of
  the name: معرض القاهرة الدولي للكتاب، مهرجان القاهرة السينمائي، مؤتمر ميونيخ للأمن، «منتدى الدوحة»
  (a definite relational adjective, a لل-phrase or quotes say the name goes on; مؤتمر بيليم alone
  is the conference held in the place); after a university, festival or cup noun the place is
  always part of the name (جامعة القاهرة، كأس مصر، كأس ملك إسبانيا، دوري أبطال أوروبا); وكالة
  أنباء السعودية is the agency. A stadium noun needs the name to go on (ملعب القاهرة الدولي):
  the word after it is often a venue the glossary has (استاد أنفيلد);
* a football club formed on a place: ريال مدريد، أتلتيكو مدريد، أولمبيك مارسيليا، مانشستر سيتي،
  نيوكاسل يونايتد;
* a facility or prize named after a person: مستشفى الملك فيصل، مطار رفيق الحريري الدولي;
* a place or a thing (a programme, a mission, a weapon) with a number in quotes or joined by a
  hyphen: «فلسطين 2»، "أرتيمس 3"، هواسونج-17 (a year is an edition, a score or a count is no
  name: كأس العالم 2026، كأس السوبر 4-0، فاز بكأس العالم 5 مرات).

What then stands in the text is a name the glossary does not have: instead of forcing the
place's English into it, the matcher hands the longer span to the reviewer as an unknown name
(`Block.held`, listed by `suggest.find_unknown_names` with source "inside"). Such a span is the
name's noun, the known name and the words that continue it (adjectives, one لل-phrase, a club
word, the number); it is a suggestion, never enforced.

Positions are in the folded text (`norm`) the matcher works on; `previous` words are folded.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bilingual.document import UnknownName
from bilingual.names.cues import CLITIC, NAMED_AFTER_PLACE, folded
from bilingual.names.words import foreign_marked

_OPENING, _CLOSING = '«"“', '»"”″'
_NEWS_AGENCY = "انباء"  # وكالة أنباء السعودية: the agency's name, not the country

# After one of these nouns the place is always part of the name: Cairo University, the Cairo
# festival, the Egypt Cup.
ALWAYS_NAMED = folded("جامعة مهرجان كأس")
# Facilities and prizes named after a person: what follows them in construct is their name
# (مستشفى الملك فيصل، مطار رفيق الحريري، جائزة الشيخ زايد للكتاب). Not the nouns whose possessed
# form folds onto them (مكتبه "his office", مؤسسه "its founder", مدرسه "his teacher").
NAMED_AFTER_PERSON = folded(
    """مستشفى مطار ميناء شارع جسر مسجد جامع جائزة ملعب استاد ستاد كلية معهد جامعة برج قاعة
    متحف قاعدة كأس نفق حديقة"""
)
_TITLES = folded("الملك الملكة الأمير الأميرة الشيخ الشيخة السلطان الرئيس الإمام الشهيد")
# A title between the cup and the place: كأس ملك إسبانيا، كأس أمير قطر، كأس رئيس الدولة.
_CUP_TITLES = folded("ملك أمير رئيس")
_CUPS = folded("كأس")
# دوري أبطال أوروبا، بطولة أبطال آسيا: "champions of" a continent is a competition (bare أبطال
# is also "heroes": أبطال غزة).
_CHAMPIONS = folded("أبطال")
_LEAGUES = folded("دوري بطولة")
# Words that form a club's name with the place they stand before or after.
CLUB_BEFORE = folded(
    """ريال أتلتيكو أتليتكو أتلتيك سبورتنغ سبورتينغ ديبورتيفو ريسينغ راسينغ أولمبيك أولمبياكوس
    إنتر انتر بوروسيا دينامو سبارتاك لوكوموتيف سيسكا أهلي اتحاد وفاق مولودية شبيبة"""
)
CLUB_AFTER = folded("سيتي ستي يونايتد يونايتيد هوتسبير هوتسبر ألبيون رفرز رينجرز وندررز أتلتيك")
# Definite adjectives after a place that do not continue a name: they date or rank the event.
_NOT_NAME_ADJECTIVES = folded("الماضي الحالي الجاري الحاضر الاتي الثاني الثالث الرابع الخامس السابق التالي")
# Every noun after which a place is the middle of a longer name (see `named_after_place`).
_PLACE_HEADS = ALWAYS_NAMED | NAMED_AFTER_PLACE | {_NEWS_AGENCY}
_CUP_OR_CHAMPIONS = _CUP_TITLES | _CHAMPIONS
_NUMBER = re.compile(r"[ -]?[0-9\u0660-\u0669]{1,3}(?![0-9\u0660-\u0669%٪.,/:]|[-–][0-9\u0660-\u0669])")
_FOLLOWING = re.compile(r" ([^\W\d_]+)")


def _word_before(norm: str, at: int) -> tuple[int, str]:
    """The folded word ending just before position `at` with one space between (start, word),
    or (at, "") when punctuation or the start of the text stands there."""
    if at < 2 or norm[at - 1] != " ":
        return at, ""
    first = at - 1
    while first > 0 and norm[first - 1].isalpha():
        first -= 1
    return first, norm[first : at - 1]


def _relational(word: str) -> bool:
    """A definite relational adjective that goes on with a name (السينمائي، الدولي، الاقتصادي)."""
    return word.startswith("ال") and len(word) >= 6 and word.endswith(("ي", "يه")) and word not in _NOT_NAME_ADJECTIVES


def _tail(norm: str, end: int, is_word: Callable[[str], bool]) -> int:
    """Where a longer name that ends in a place goes on to: over its relational adjectives, a
    club word (مانشستر سيتي), a foreign word right after the place (سانتياغو برنابيو) and one
    لل-phrase with its coordinated purposes and their adjectives (معرض القاهرة الدولي للكتاب،
    مركز القاهرة للمعارض والمؤتمرات الدولية)."""
    purpose = False
    for count in range(5):
        m = _FOLLOWING.match(norm, end)
        if m is None:
            break
        word = m.group(1)
        if _relational(word) or word in CLUB_AFTER or (count == 0 and _foreign(word, is_word)):
            end = m.end()
        elif not purpose and word.startswith("لل") and len(word) >= 5:
            purpose, end = True, m.end()
        elif purpose and word.startswith(("وال", "ولل")) and len(word) >= 6:
            end = m.end()
        else:
            break
    return end


def _foreign(word: str, is_word: Callable[[str], bool]) -> bool:
    """A folded word with a mark of a transliterated name that no Arabic word form explains
    (برنابيو): the rest of a foreign name. Both are needed: the word list misses many clitic +
    word forms (بعلاوة، لحسم)."""
    return len(word) >= 4 and not word.startswith("و") and foreign_marked(word) and not is_word(word)


def named_after_place(previous: str, norm: str, end: int, is_word: Callable[[str], bool]) -> str | None:
    """The event or institution noun (`previous` without its proclitics) when a place name after
    it is the middle of a longer fixed name (see the module doc), else None. `is_word(folded)`:
    whether a word is an Arabic word form; a foreign word after the place goes on with the name
    (ملعب سانتياغو برنابيو)."""
    head = _one_of(previous, _PLACE_HEADS)
    if head is None or head in ALWAYS_NAMED or head == _NEWS_AGENCY:
        return head
    following = _FOLLOWING.match(norm, end)
    if following is not None and (
        following.group(1).startswith("لل") or _relational(following.group(1)) or _foreign(following.group(1), is_word)
    ):
        return head
    # «مؤتمر ميونيخ», "منتدى الدوحة": quotes around the noun and the place make one name
    at = norm.rfind(head, 0, end)
    return head if norm[end : end + 1] in _CLOSING and at > 0 and norm[at - 1] in _OPENING else None


def numbered(norm: str, word_start: int, end: int, kind: str) -> int | None:
    """Where the number after a place or a thing ends, when the number makes another name of it:
    «فلسطين 2» (a quoted place: a missile or a satellite), أرتيمس 3، هواسونج-17 (a mission, a
    missile). A place needs the quotes (غزة 2 may be a list item); a year (4 digits) never counts."""
    if kind not in ("place", "other"):
        return None
    m = _NUMBER.match(norm, end)
    if m is None:
        return None
    quoted = word_start > 0 and norm[word_start - 1] in _OPENING and norm[m.end() : m.end() + 1] in _CLOSING
    if quoted or (kind == "other" and norm[end] == "-"):
        return m.end()
    return None  # غزة 2 in a list, فاز بكأس العالم 5 مرات: a count, not a name


def longer_name(
    norm: str, word_start: int, start: int, end: int, kind: str, is_word: Callable[[str], bool]
) -> tuple[int, int] | None:
    """The span (in `norm`) of the longer name a hit of this kind stands inside, or None.

    `word_start` is where the hit's word begins (its clitics included), `start` where the name
    itself begins; `is_word(folded)` whether a word is an Arabic word form."""
    number_end = numbered(norm, word_start, end, kind)
    if number_end is not None:
        return word_start, number_end
    if kind == "person":
        return _named_after_person(norm, word_start, end, is_word)
    if kind != "place":
        return None
    clitic = norm[word_start:start]
    name_start = start - 2 if clitic.endswith("ال") else start
    following = _FOLLOWING.match(norm, end)
    word = following.group(1) if following is not None else ""
    if word in CLUB_AFTER:  # (و)مانشستر سيتي
        return name_start, _tail(norm, end, is_word)
    quoted_end = _quoted_with(norm, word_start, end, is_word)
    if quoted_end is not None:  # "سانتياجو برنابيو"
        return word_start, quoted_end
    if clitic.strip("ال"):
        return None  # a place with و/ب/ل before it is not inside a name that begins before it
    head_start, previous = _word_before(norm, word_start)
    if not previous:
        return None
    head = named_after_place(previous, norm, end, is_word)
    if head is not None:
        return head_start + len(previous) - len(head), _tail(norm, end, is_word)
    club = _one_of(previous, CLUB_BEFORE)
    if club is not None:
        return head_start + len(previous) - len(club), _tail(norm, end, is_word)
    title = _one_of(previous, _CUP_OR_CHAMPIONS)
    if title is not None:
        outer_start, outer = _word_before(norm, head_start)
        cup = _one_of(outer, _CUPS if title in _CUP_TITLES else _LEAGUES)
        if cup is not None:
            return outer_start + len(outer) - len(cup), _tail(norm, end, is_word)
    return None


def _named_after_person(norm: str, word_start: int, end: int, is_word: Callable[[str], bool]) -> tuple[int, int] | None:
    """A person after a facility noun in construct (مستشفى، مطار، جائزة …), with a title between
    or not: مستشفى الملك فيصل التخصصي، جامعة الشيخ زايد name the facility.
    The noun must be indefinite: in رئيس الجمهورية جوزيف عون the noun ends an office's title."""
    head_start, previous = _word_before(norm, word_start)
    if _one_of(previous, _TITLES) is not None:
        head_start, previous = _word_before(norm, head_start)
    head = _one_of(previous, NAMED_AFTER_PERSON)
    if head is None:
        return None
    return head_start + len(previous) - len(head), _tail(norm, end, is_word)


_QUOTED_REST = re.compile(r"(?: [^\W\d_]+){1,2}(?=[»\"”″])")


def _quoted_with(norm: str, word_start: int, end: int, is_word: Callable[[str], bool]) -> int | None:
    """Where the quotes close when a quoted place goes on with one or two foreign words to the
    closing quote ("سانتياجو برنابيو": a stadium named after a person): the quotes hold one name."""
    if word_start == 0 or norm[word_start - 1] not in _OPENING:
        return None
    m = _QUOTED_REST.match(norm, end)
    if m is None or not all(_foreign(w, is_word) for w in m.group().split()):
        return None
    return m.end()


def _one_of(word: str, words: frozenset[str]) -> str | None:
    """`word` or `word` without its proclitics (ولريال → ريال) when it is one of `words`; the
    word itself first, since many begin with a letter that is also a proclitic (كأس، بطولة)."""
    if not word:
        return None
    if word in words:
        return word
    bare = CLITIC.sub("", word, count=1)
    return bare if bare in words else None


def with_longer_names(found: list[UnknownName], held: list[UnknownName]) -> list[UnknownName]:
    """The unknown names of a block with the longer names the matcher set aside (`held`): these
    replace any other suggestion they overlap (a cue run reads the same noun and place, and often
    one word too many: مهرجان القاهرة السينمائي جوائزه)."""
    kept = [u for u in found if not any(u.start < h.end and h.start < u.end for h in held)]
    return kept + list(held)
