"""The cue machinery of `suggest`: which words announce a name, and where the name after them ends.

A cue (a title, a place, organisation or thing noun, a cabinet portfolio in a list, a
nationality adjective in a list of people) opens a run; descriptions after a title are
skipped (وزير الخارجية والمغتربين السوري، معالي الشيخ، بوزير خارجية نيجيريا); the run ends
at punctuation, a stop word, a clitic on an everyday word, a known name, or prose. A run is
kept only if it reads as a name (`reads_as_name`): a person's opens with a given name or a
foreign or rare word; an organisation's holds a rare word, a known name or quotes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bilingual.document import Block
from bilingual.names.cues import CLITIC, ORG_CUES, PORTFOLIOS, STOP_WORDS, cue_kind, folded
from bilingual.names.nameparts import (
    EDGE_PUNCT,
    derived_form,
    given_names,
    known_word,
    name_like,
    nationality,
    prose_word,
    suffixed_common,
    typed_article,
)
from bilingual.names.nameparts import common_forms as _common_forms
from bilingual.names.nameparts import is_common as _is_common
from bilingual.names.words import is_word_form, native_shape, plain
from bilingual.text.arabic import ARABIC_DIGITS, ARABIC_LETTERS, ARABIC_MARKS, normalize

_folded = folded  # word lists below are written as spelled and compared folded
_DESCRIBED_BY = _folded("لدى في إلى الى")  # السفير الروسي لدى العراق X: skip "لدى العراق"
JOINERS = _folded("عبد أبو بن بنت ابن آل ولد")  # عبد العاطي، أبو الغيط، آل ثاني، ولد الشيخ: the chain goes on
_STOP_IN_YA = frozenset(normalize(w) for w in ("على", "إلى", "لدى", "حتى", "متى"))  # fold onto names in ي
_OFFICE = _folded(
    "السابق الحالي الأسبق الجديد المكلف المنتخب أول الأول الركن الراحل بالإنابة بالوكالة ركن مهندس بحري جوي طيار طبيب"
)  # الرئيس الأمريكي السابق X; a rank's corps: الفريق مهندس بحري X، اللواء طيار ركن X
_ON_BEHALF_OF = normalize("باسم")  # الناطق باسم الكرملين: skip the body he speaks for
_FOR_AFFAIRS = _folded("لشؤون وشؤون")  # المفوض السامي لشؤون اللاجئين: skip the affairs of the office
OPENERS = tuple('«("“[')
_MAX_WORDS = {"person": 4, "place": 2, "org": 4, "other": 2}
# Nouns before the name of a thing: a vessel, a price index (سفينة "X"، مؤشر X); like a place
# noun, the cue is not part of the name.
_THING_CUES = _folded("سفينة السفينة ناقلة الناقلة مؤشر طراز")  # طراز: من طراز «X», a weapon's model
# Political bodies are often named by a plain definite noun (حزب العمال، جبهة الخلاص).
_BODY_CUES = _folded("حزب جبهة ائتلاف تيار جماعة")
WORD = re.compile(r"\S+")
ARABIC_ONLY = re.compile(f"^[{ARABIC_LETTERS}{ARABIC_MARKS}{ARABIC_DIGITS}\u0640-]+$")
_NUMBER = re.compile(r"^[0-9\u0660-\u0669]{1,3}[»\"”]?[.,،]?$")  # فنوكوفو 2
AGENCY = re.compile(rf"\(\s*((?:[{ARABIC_LETTERS}]\s*[.\s]\s*){{1,4}}[{ARABIC_LETTERS}])\s*\)")


@lru_cache(maxsize=65536)
def bare_word(word: str) -> str:
    return normalize(word.strip(EDGE_PUNCT))


# Titles of suggest only: a counterpart (نظيره الروسي X) and an official (مسؤولة السياسة
# الخارجية X); the matcher's cues (`cues.PERSON_CUES`) stay as they are.
_COUNTERPARTS = _folded(
    """نظيره نظيرته نظيرها نظيريه مسؤول مسؤولة المسؤول المسؤولة منسق منسقة المنسق المنسقة
    زوجته زوجها ابنه ابنته ابنها نجله نجلها شقيقه شقيقته شقيقها"""
)  # and kin with a pronoun: "برفقة ابنته X"، "وترافقه زوجته X"


def cue_kind_of(word: str, previous: str = "") -> str | None:
    bare = bare_word(word)
    typed = CLITIC.sub("", word.strip(EDGE_PUNCT), count=1)
    for suffix in _PRONOUNS_LONGEST_FIRST:  # as typed: محافظه "its governor", محافظة "governorate"
        stem = typed[: -len(suffix)]
        if typed.endswith(suffix) and len(stem) >= 3 and cue_kind(normalize(stem)) == "person":
            return "person"  # "لقائدها X"، "وقال محافظه X": a title with its pronoun
    kind = cue_kind(bare)
    if kind is not None:
        return kind
    if bare in _THING_CUES or CLITIC.sub("", bare, count=1) in _THING_CUES:
        return "other"
    if previous.endswith(("،", ",")) and bare.removeprefix("و") in PORTFOLIOS:
        return "person"  # a cabinet list: "، الصناعة جو عيسى الخوري"
    if bare.removeprefix("و") in _COUNTERPARTS:
        return "person"
    if bare.startswith("لل") and cue_kind("ال" + bare[2:]) == "person":
        return "person"  # "التابعة للشيخ X"
    return None


def _is_description(word: str) -> bool:
    """Nisba adjectives and office words after a title (الروسي، الخارجية، الأمريكية)."""
    bare = bare_word(word)
    bare = bare[1:] if bare.startswith("وال") else bare  # وزير الخارجية والمغتربين
    ends = bare.endswith(("ي", "يه", "ين", "ون"))
    return typed_article(word) and ends and bare not in STOP_WORDS


def ends_run(word: str, kind: str, previous: str | None, following: str | None = None) -> bool:
    """Whether `word` cannot continue (or start) the name announced by a cue of `kind`;
    `following` is the word after it where the caller knows it ("" at the end of the block)."""
    stripped = word.strip(EDGE_PUNCT)
    bare = normalize(stripped)
    if previous is not None and _NUMBER.match(word) and kind != "person":
        return False  # فنوكوفو 2
    if not bare or (previous is not None and word.startswith(OPENERS)) or not ARABIC_ONLY.match(stripped):
        return True
    unclitic = CLITIC.sub("", bare, count=1)
    if previous is not None and bare in JOINERS:
        return False  # سالم بن خالد: the chain goes on
    if previous is not None and bare_word(previous) in JOINERS and stripped.startswith("ال") and bare not in STOP_WORDS:
        return False  # محمد ولد الشيخ الغزواني: a title word inside a name's chain
    given = bare in given_names()  # فؤاد، بسام، وليد: no clitic on an everyday word
    if stripped.endswith("ي") and bare in _STOP_IN_YA:
        pass  # علي (Ali) is not على (on)
    elif bare in STOP_WORDS or unclitic in STOP_WORDS or cue_kind_of(word) is not None:
        return True
    article = stripped.lstrip("ـ").startswith("ال")  # as typed: إلبروس has no article
    if kind == "org" and previous is not None and nationality(bare):
        return True  # "شركة بولاريس التركية": the company's country describes it
    if kind == "org" and previous is not None and bare.startswith("لل") and len(bare) > 4:
        return False  # معرض القاهرة الدولي للكتاب: the purpose ends the name (the run stops after it)
    if bare.startswith("لل") or (bare != unclitic and unclitic.startswith("ال") and not given and _is_common(unclitic)):
        return True  # للصحافيين، بالعاصمة: the sentence goes on, the name has ended
    if article and previous is not None and bare_word(previous) in JOINERS:
        return False
    if kind == "person" and previous is None and article:
        return True  # a name after a title does not start with the article ("الرئيس الذي…")
    if (
        kind == "person"
        and previous is not None
        and not article
        and not given
        and bare_word(previous).startswith("ال")
        and bare_word(previous) not in _THEOPHORIC | JOINERS  # آل جابر: آل folds to ال
        and (native_shape(bare) or prose_word(bare))
        and _is_common(bare)
    ):
        return True  # a family name with the article ends the name: "محيي الدين اللباد شخصية"
    if (
        kind == "person"
        and previous is not None
        and article
        and bare_word(previous).startswith("ال")
        and bare_word(previous) not in _THEOPHORIC
        and bare in _common_forms()
        and (native_shape(bare[2:]) or derived_form(bare[2:]))
    ):
        return True  # "فهد الراشد الاجتماع": after a family name, a common definite noun
    if (
        kind == "person"
        and previous is not None
        and article
        and not bare.endswith("ي")
        and not _is_common(bare_word(previous))
        and bare_word(previous) not in given_names()
        and bare in _common_forms()
        and not name_like(bare[2:])
    ):
        return True  # "نور الدين بوطرفة الموجود في": after a rare family name, a definite
        # adjective or noun of the sentence (a family name with the article ends in ي: الكعبي)
    if kind == "person" and previous is not None and bare_word(previous) in _STOP_IN_YA and suffixed_common(bare):
        return True  # "أطلع نظيره علي موقفه": على misspelt, not Ali, before a possessed noun
    if kind == "person" and previous is not None and stripped.endswith(("ها", "هم", "هما")) and suffixed_common(bare):
        return True  # a noun with its pronoun after a name: "مقتدى الصدر مقاطعتها"
    if kind == "person" and previous is not None and bare.endswith("ا") and is_word_form(bare[:-1], _common_forms()):
        if not given and not name_like(bare):
            return True  # an accusative after a name: "ماجد بن رشيد الحكيم وفدا"
    if kind == "person" and previous is not None and bare[:1] == "س" and prose_word(bare) and _is_common(bare):
        return True  # a verb in the future after a name: "توني بلير سيكون بين أعضائه"
    if (
        kind == "person"
        and previous is not None
        and not given
        and bare.endswith("ه")
        and bare_word(previous) not in JOINERS
        and native_shape(bare)
        and _is_common(bare)
        and not (following is not None and _name_closes(word, following))
    ):
        return True  # a feminine noun after a name: "نجيب محفوظ شخصية رئيسية"
    if (
        kind == "person"
        and previous is not None
        and not given
        and not article
        and not _is_common(bare_word(previous))
        and bare_word(previous) not in given_names()  # خواكين ديل باسو: the family name follows
        and bare in _common_forms()
        and native_shape(bare)
        and not name_like(bare)  # إيفان توني: a name word, not an everyday noun
    ):
        return True  # an everyday noun after a foreign family name: "إبراهيم ساليسو أتسو هدف"
    if (
        not given
        and bare != unclitic
        and is_word_form(unclitic, _common_forms())
        and (
            bare not in _common_forms()
            or native_shape(unclitic)
            or (kind == "person" and bare[0] == "ل" and derived_form(unclitic) and unclitic[-1] != "ا")
        )
        and not (kind == "person" and previous is not None and bare in _common_forms() and bare.endswith("ي"))
        and not (
            kind == "person"
            and previous is not None
            and bare[0] in "بلكف"
            and (bare_word(previous) in given_names() or (following is not None and _name_closes(word, following)))
            and not suffixed_common(unclitic)
        )  # صالح بمناصبهم: a pronoun ends prose
    ):
        return True  # a clitic on an everyday word (لزيارة، وشؤون، لتقديم): the sentence goes on; not a
        # family name in -ي the word list has whole (نور الدين بدوي: ب + دوي), nor one in ب/ل/ك/ف
        # after a given name or before a title or إن (محمود بصل، محمد باقر، أندريه فنتوري، محجوب بدة
        # رئيس …: a family name, not "with onions")
    if previous is not None and kind != "person" and _is_common(bare) and prose_word(bare):
        return True  # "حزب العدالة مؤتمرا صحافيا": an accusative, a verb
    if (
        previous is not None
        and bare[:1] in "يتن"
        and len(bare) >= 4
        and is_word_form(bare, _common_forms())
        and not bare.endswith("او")  # تشاو، نيكولاو: no imperfect verb ends so
        and not (kind == "person" and name_like(bare) and not prose_word(bare[1:]))  # إيفان توني
        and not (
            kind == "person"
            and bare_word(previous) in given_names()
            and following is not None
            and word[-1] in EDGE_PUNCT
        )  # "أسامة بن أحمد نقلي.": a family name that closes the clause
    ):
        return True  # an imperfect verb: "بنك المغرب يقلص"
    if kind in ("place", "other") and previous is not None and (article or bare.endswith(("ين", "ون", "ات"))):
        return True  # مخيم الزعتري عائدين: the place has ended
    return False


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) shares a character with one of `spans` (the spans a hit or an
    earlier suggestion already took)."""
    return any(a < end and start < b for a, b in spans)


def covered_spans(block: Block) -> list[tuple[int, int]]:
    return [(h.start - len(h.prefix), h.end) for h in block.names]


def _nationality_before_name(words: list[tuple[int, int, str]], i: int, covered: list[tuple[int, int]]) -> bool:
    """A nationality adjective with the article right before a given name and another name
    word: sports and culture copy name people so ("الجزائري مصطفى زغبة"). The given name must
    be a known one (`given_names`) or both words foreign-shaped, so "الجيش السوداني" alone
    opens nothing."""
    word = words[i][2]
    bare = bare_word(word).removeprefix("و")
    if word[-1] in EDGE_PUNCT or not (bare.startswith("ال") and bare.endswith("ي")) or bare in STOP_WORDS:
        return False
    if i + 2 >= len(words) or overlaps(words[i][0], words[i][1], covered):
        return False
    first, second = bare_word(words[i + 1][2]), bare_word(words[i + 2][2])
    if words[i + 1][2][-1] in EDGE_PUNCT or first in _STOP_IN_YA:
        return False  # _STOP_IN_YA: "الصناعي علي ارتفاع" is على misspelt, not Ali
    if second.startswith("ال") and second in _common_forms():
        return False
    return first in given_names() or (name_like(first) and name_like(second))


def _listed_nationality(previous: str, word: str) -> bool:
    """ "، والبلغارية X": in a list of people, a nationality adjective stands for the title
    (نظيرته الكندية ميلاني جولي، والبلغارية ماريا غابرييل)."""
    bare = bare_word(word)
    return previous.endswith(("،", ",")) and bare.startswith("وال") and bare.endswith(("ي", "يه")) and len(bare) > 6


_PRONOUNS = ("ه", "ها", "هم", "هما")
_PRONOUNS_LONGEST_FIRST = tuple(sorted(_PRONOUNS, key=len, reverse=True))


def _possessed(word: str) -> bool:
    """A noun with a possessive pronoun after a title stands for the body the person serves:
    "المتحدثة باسمها"، "المتحدث باسم خارجيتها"، "مدير مكتبه" (ه as written: ة is no pronoun)."""
    bare = bare_word(word)
    if bare in given_names() or not word.strip(EDGE_PUNCT).endswith(_PRONOUNS):
        return False
    return bare.startswith(_ON_BEHALF_OF) or suffixed_common(bare)


# كمال الدين الشامي، عبد العزيز الشمري: still the given name (الدين، الله and names of God after عبد)
_THEOPHORIC = folded(
    """الدين الله الرحمن الرحيم العزيز الكريم اللطيف الحميد المجيد الحليم القادر الرزاق الغني
    الهادي الباري الواحد الجبار السلام المنعم العظيم الحكيم الناصر الوهاب الخالق الستار الودود
    الفتاح الحي القيوم الصمد الرؤوف الجليل المحسن الباسط العليم الرشيد العلي المطلب الإله الملك"""
)
_SON_OF = folded("بن بنت ابن")
_RELATIVES = folded("الذي التي الذين اللذين اللتين")
_BODY_NOUNS = folded("مجلس وزارة هيئة لجنة حكومة دائرة مكتب ديوان مجلسي جهاز أركان")


def _office_noun(words: list[tuple[int, int, str]], j: int, covered: list[tuple[int, int]]) -> bool:
    """A common noun of the office after a title, not a name: "رئيس الوزراء"، "رئيس مجلس
    النواب"، "وزير الدولة للشؤون الخارجية". A person's name after a title never opens with
    the article, and an unknown family name (الفراية) is no common word."""
    start, end, word = words[j]
    if overlaps(start, end, covered):
        return False
    bare = bare_word(word)
    core = bare.removeprefix("و")
    if core not in _BODY_NOUNS and CLITIC.sub("", bare, count=1) in _BODY_NOUNS:
        core = CLITIC.sub("", bare, count=1)  # "وزير الدولة بوزارة الخارجية"
    if not typed_article(word) and core not in _BODY_NOUNS:
        return False
    if core in _BODY_NOUNS:
        return j + 1 < len(words) and bare_word(words[j + 1][2]).startswith("ال")
    if core.startswith("لل"):
        core = "ال" + core[2:]
    return core.startswith("ال") and core not in _RELATIVES and core in _common_forms()


def _coordinated_purpose(words: list[tuple[int, int, str]], j: int, run: list[int]) -> int:
    """After an organisation's purpose (للمعارض), a second one joined by و and its adjective
    belong to the name: "مركز مصر للمعارض والمؤتمرات الدولية"، "مركز ... للإغاثة والأعمال
    الإنسانية". Appends them to `run`; returns the index after them."""
    if words[j - 1][2][-1] in EDGE_PUNCT or j >= len(words):
        return j
    word = words[j][2]
    bare = bare_word(word)
    if not (plain(word).startswith("وال") and bare[1:] in _common_forms() and bare[1:] not in STOP_WORDS):
        return j
    if word[-1] in EDGE_PUNCT or j + 1 >= len(words) or bare_word(words[j + 1][2]) in STOP_WORDS:
        run.append(j)  # "للأغذية والزراعة،"
        return j + 1
    adjective = bare_word(words[j + 1][2])
    if typed_article(words[j + 1][2]) and adjective.endswith(("ي", "يه")) and not nationality(adjective):
        run.extend((j, j + 1))  # "والمؤتمرات الدولية"; not "والحكومة الليتوانية": another body
        return j + 2
    return j


def _starts_place(words: list[tuple[int, int, str]], j: int, places: list[tuple[int, int]]) -> bool:
    return j < len(words) and any(a <= words[j][0] < b for a, b in places)


def cue_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end, kind) of word runs announced by a cue that glossary hits do not cover whole.

    For organisations the cue is part of the name (وكالة يونهاب، حركة الشباب); for people
    and places it is not (الوزير X، مدينة Y)."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]
    places = [(h.start - len(h.prefix), h.end) for h in block.names if h.kind == "place"]
    orgs = {(h.start - len(h.prefix), h.end) for h in block.names if h.kind in ("org", "agency")}
    known = places + sorted(orgs)
    i = 0
    forced = -1  # the word before a person named after his title's organisation (see below)
    while i < len(words):
        kind = "person" if i == forced else cue_kind_of(words[i][2], words[i - 1][2] if i else "")
        if kind is not None and i != forced and overlaps(words[i][0], words[i][1], covered):
            kind = None  # a title inside a known name: شرم الشيخ، محمد ولد الشيخ الغزواني
        listed = kind is None
        if kind is None and i + 1 < len(words) and _listed_nationality(words[i - 1][2] if i else "", words[i][2]):
            kind = "person" if _two_name_words(words, i + 1) else None
        elif kind is None and _nationality_before_name(words, i, covered):
            kind = "person"  # "الصربي ألكسندر ميتروفيتش"، "والجامبي محمد باداموسي"
        if kind is None or words[i][2][-1] in EDGE_PUNCT:
            i += 1
            continue
        j = i + 1
        if kind == "person":  # skip descriptions: "وزير الخارجية الليتواني", "الناطق باسم الكرملين"
            while j < len(words):
                bare = bare_word(words[j][2])
                if (
                    _is_description(words[j][2])
                    or bare in _OFFICE
                    or bare.removeprefix("و") in PORTFOLIOS
                    or cue_kind_of(words[j][2]) == "person"
                    or _possessed(words[j][2])
                    or _office_noun(words, j, covered)
                ):
                    j += 1  # "الرئيس الأمريكي السابق", "معالي الشيخ"
                    if words[j - 1][2][-1] in EDGE_PUNCT:
                        break  # "وزير الثقافة، افتتاح": the title's phrase has ended
                elif "ال" + CLITIC.sub("", bare, count=1) in PORTFOLIOS and _starts_place(words, j + 1, places):
                    j += 2  # "بوزير خارجية نيجيريا"
                elif (
                    _starts_place(words, j, known)
                    and words[j][2][-1] not in EDGE_PUNCT
                    and not _opens_given(words[j][2])
                ):
                    end = next(b for a, b in known if a <= words[j][0] < b)
                    while j < len(words) and words[j][0] < end:
                        j += 1  # "حاكم كاليفورنيا X"، "رئيس هيئة قناة السويس X": the place or body is the title's
                elif (bare in _DESCRIBED_BY or cue_kind_of(words[j][2]) == "place") and _starts_place(
                    words, j + 1, places
                ):  # "حاكم منطقة بيلغورود X"
                    end = next(b for a, b in places if a <= words[j + 1][0] < b)
                    j += 1
                    while j < len(words) and words[j][0] < end:
                        j += 1  # "لدى جمهورية مصر العربية X": the whole known place
                elif bare == _ON_BEHALF_OF or (bare in _DESCRIBED_BY and j + 2 < len(words)):
                    j += 2  # "باسم الكرملين", "لدى العراق"
                elif (at := _accredited(words, j)) > j:
                    j = at  # "سفير خادم الحرمين الشريفين لدى …"، "مندوب روسيا الدائم لدى …"
                elif bare in _FOR_AFFAIRS and j + 2 < len(words) and words[j][2][-1] not in EDGE_PUNCT:
                    j += 2  # "المفوض السامي لشؤون اللاجئين X"، "وزير الدولة لشؤون الطاقة X"
                else:
                    break
        # "نائب وزير الخارجية، وليد الخريجي، الذي": a name set off by commas after its title
        set_off = j > i + 1 and words[j - 1][2][-1] in EDGE_PUNCT
        if set_off and not words[j - 1][2].endswith(("،", ",")):
            i = j
            continue
        run: list[int] = []
        titled = kind == "org" and i > 0 and cue_kind_of(words[i - 1][2]) == "person"
        while j < len(words) and len(run) < _MAX_WORDS[kind] + 5:
            if titled and run and _opens_given(words[j][2]) and not _starts_place(words, j, places):
                forced = j - 1  # "حاكم مصرف الرافدين كريم الساعدي": the holder of the title follows
                break
            quoted = kind == "other" and bool(run) and words[run[0]][2][0] in OPENERS
            if quoted and any(words[k][2].rstrip(".,،")[-1:] in '»"”' for k in run):
                break  # «ذو الفقار»: the closing quote ends a quoted model name
            chain = sum(bare_word(words[k][2]) in JOINERS for k in run) if kind == "person" else 0
            if len(run) >= _MAX_WORDS[kind] + min(chain, 4) and not quoted:
                break  # محمد بن عبد الرحمن آل ثاني: each link of a chain lengthens it
            if kind == "person" and len(run) >= 2 and _starts_place(words, j, places):
                break  # "دعت المفوضة مارتا كوس أنقرة إلى": a known place after a name is the object
            following = words[j + 1][2] if j + 1 < len(words) else ""
            if not quoted and ends_run(words[j][2], kind, words[run[-1]][2] if run else None, following):
                break
            run.append(j)
            j += 1
            if kind == "org" and bare_word(words[j - 1][2]).startswith("لل"):
                j = _coordinated_purpose(words, j, run)
                break
            hit = next(((a, b) for a, b in covered if a < words[j - 1][1] and words[j - 1][0] < b), None)
            if (
                hit is not None
                and hit[1] <= words[j - 1][1]
                and (hit[0] < words[run[0]][0] or len(run) > 1)
                and not (kind == "person" and hit in places and hit[0] == words[run[0]][0])
            ):
                break  # a whole known name ends here (دميتري بيسكوف، بنك المغرب): so does the run; a
                # place read in a given name goes on (صلاح الدين مزوار)
            if hit is not None and hit in orgs and len(run) == 1:
                break  # شركة أرامكو: the organisation is known
            if (
                words[run[-1]][2][-1] in EDGE_PUNCT
                and len(words[run[-1]][2]) > 1
                and not (len(run) == 1 and words[run[-1]][2][0] in OPENERS and words[run[-1]][2][-1] not in '»"”)')
            ):
                break
        if (
            titled
            and j + 1 < len(words)
            and _is_description(words[j][2])
            and words[j][2][-1] not in EDGE_PUNCT
            and _opens_given(words[j + 1][2])
        ):
            forced = j  # "رئيس منظمة الطاقة الذرية الإيرانية محمد إسلامي": after the body's nisba
        elif titled and run and j < len(words) and words[j - 1][2][-1] not in "،,.:؛":
            k = j  # "زعيم جبهة البوليساريو إبراهيم غالي": after a known body; "زعيم حزب «X» اليميني
            while (
                k + 1 < len(words)
                and k - j < 3
                and words[k][2][-1] not in EDGE_PUNCT
                and (
                    _is_description(words[k][2])
                    or (typed_article(words[k][2]) and bare_word(words[k][2]) in _common_forms())
                )
            ):
                k += 1  # المتطرف أندريه Y": after its descriptions
            if _opens_given(words[k][2]):
                forced = k - 1
        while run and bare_word(words[run[-1]][2]) in JOINERS:
            run.pop()  # "فيصل بن فرحان بن": a patronymic chain cut by the word limit
        if run:
            start = words[run[0]][0] + (1 if words[run[0]][2][0] in OPENERS else 0)
            end = words[run[-1]][0] + len(words[run[-1]][2].rstrip(EDGE_PUNCT))
            uncovered = [k for k in run if not overlaps(words[k][0], words[k][1], covered)]
            if (
                uncovered
                and any(bare_word(words[k][2]) not in JOINERS for k in uncovered)
                and (listed or _reads_as_name([words[k][2] for k in [i, *run]], kind, len(uncovered) < len(run)))
                and (not set_off or _set_off_name(words, run))
            ):
                if kind == "org" and words[run[0]][2][0] not in OPENERS and not _proper_after_noun(words, i, run):
                    # the cue is part of the name, its clitic is not (ووكالة → وكالة); a quoted
                    # name after it is the name proper: شركة "جيرا"، وكالة "عمون"، حزب «الجبهة الوطنية»
                    cue = words[i][2]
                    bare_cue = cue[len(cue) - len(CLITIC.sub("", cue, count=1)) :]
                    start = words[i][0] + (len(cue) - len(bare_cue) if normalize(bare_cue) in ORG_CUES else 0)
                yield start, end, kind
        i = forced if forced > i else max(i + 1, j)


_COMPOUND = folded("عبد أبو")


def _name_closes(word: str, following: str) -> bool:
    """Whether the clause goes on after `word` as after a name: punctuation, the end of the
    block, a particle or a title ("وزير المالية محمد يسر برنية أن"، "النائب محجوب بدة رئيس
    لجنة"): a feminine noun there is a family name, not the noun of "شخصية رئيسية"."""
    return word[-1] in EDGE_PUNCT or not following or bare_word(following) in STOP_WORDS


_TO = normalize("لدى")


def _accredited(words: list[tuple[int, int, str]], j: int) -> int:
    """The index of لدى when it follows within three words with no punctuation between ("سفير
    خادم الحرمين الشريفين لدى مصر X": whom an envoy represents, then where); else `j`."""
    for k in range(j, min(j + 4, len(words))):
        if bare_word(words[k][2]) == _TO:
            return k if k > j else j
        if words[k][2][-1] in EDGE_PUNCT or bare_word(words[k][2]) in STOP_WORDS:
            return j
    return j


def _opens_given(word: str) -> bool:
    """A known given name or a compound one (عبد القادر، أبو بكر) as typed, no clitic."""
    bare = bare_word(word)
    return bare in given_names() or bare in _COMPOUND


# Organisation nouns that name an event or venue with the word after them (مؤتمر ميونيخ، بورصة
# إنتركونتننتال: the Munich Security Conference, the Intercontinental Exchange): the noun stays.
_NAMING_NOUNS = _folded("مؤتمر معرض مهرجان منتدى مركز بطولة بورصة جمعية اتحاد")


def _proper_after_noun(words: list[tuple[int, int, str]], i: int, run: list[int]) -> bool:
    """An organisation noun before one word of foreign or rare shape only says what the name
    is: "شركة جيرا"، "بمنصة إنستغرام"، "منظمة أوبك" name JERA, Instagram, OPEC (later mentions
    go without the noun: "وتعد جيرا"). A definite word (حزب العمال) or an everyday one (حركة
    فتح) makes a name with the noun, and so do event and venue nouns (`_NAMING_NOUNS`)."""
    if len(run) != 1 or CLITIC.sub("", bare_word(words[i][2]), count=1) in _NAMING_NOUNS:
        return False
    word = words[run[0]][2]
    bare = bare_word(word)
    foreign_vowel = bare.endswith("ا") and not native_shape(bare)  # جيرا، تويوتا: no accusative after a noun
    return not typed_article(word) and len(bare) >= 3 and (not _is_common(bare) or name_like(bare) or foreign_vowel)


def _two_name_words(words: list[tuple[int, int, str]], j: int) -> bool:
    """Two words at `j` that can be a first and a family name: no article, no stop word, no
    verb or accusative, nothing between them ("، والبرتغالية إيناس كوستا")."""
    if j + 1 >= len(words) or words[j][2][-1] in EDGE_PUNCT:
        return False
    for _, _, word in words[j : j + 2]:
        bare = bare_word(word)
        stripped = word.strip(EDGE_PUNCT)
        if not bare or bare.startswith("ال") or bare in STOP_WORDS or not ARABIC_ONLY.match(stripped):
            return False
        if cue_kind_of(word) is not None or (_is_common(bare) and prose_word(bare) and not name_like(bare)):
            return False
    return True


def _set_off_name(words: list[tuple[int, int, str]], run: list[int]) -> bool:
    """A run after a title and a comma is a name only when it opens as one (no everyday word
    first: "وزير الثقافة، افتتاح الدورة") and a comma closes it, or a relative pronoun follows."""
    last = run[-1]
    closed = words[last][2].endswith(("،", ",")) or (
        last + 1 < len(words) and bare_word(words[last + 1][2]) in _RELATIVES
    )
    return len(run) >= 2 and closed and opens_name(bare_word(words[run[0]][2]))


def opens_name(bare: str) -> bool:
    """Whether a word can open a personal name: a compound (عبد…، أبو…), a given name or a
    foreign shape (`name_like`), or a word that is no common form at all."""
    return bare.startswith(("عبد", "ابو")) or name_like(bare) or not _is_common(bare)


def _reads_as_name(run: list[str], kind: str, has_known: bool) -> bool:
    """Whether a cue's run (`run[0]` the cue) holds a name, not prose. A person's name opens with a given name,
    a compound (عبد…، أبو…) or a word that is no common form ("الوزير جرى…" is no name). An
    organisation or thing needs a word that is no common form, a known name inside (مركز مصر
    للمعارض), or quotes ("مؤتمر صحافي"، "ناقلة نفط" are prose)."""
    cue, bares = CLITIC.sub("", bare_word(run[0]), count=1), [bare_word(w) for w in run[1:]]
    run = run[1:]
    if kind == "person":  # or an everyday-looking given name before a rare or foreign one (لين تشاو)
        second = bares[1] if len(bares) > 1 else ""
        plain_first = not (_is_common(bares[0]) and (prose_word(bares[0]) or derived_form(bares[0])))
        patronymic = second in _SON_OF or second == normalize("الدين")  # عيد بن محمد، عز الدين
        # an everyday-looking first word before a rare foreign family name (نورا آرنزدر)
        foreign_family = bool(second) and not _is_common(second) and name_like(second) and bares[0] not in STOP_WORDS
        if (
            len(run) >= 2
            and _is_common(bares[0])
            and bares[0] not in given_names() | _COMPOUND
            and typed_article(run[1])
            and second in _common_forms()
            and not second.endswith("ي")
            and second not in _THEOPHORIC  # عز الدين، نصر الله: a compound given name
            and (native_shape(second[2:]) or derived_form(second[2:]))
        ):
            return False  # a noun and its definite complement: "زعيمة معسكر اليمين"
        return (
            opens_name(bares[0])
            or (plain_first and bool(second) and (patronymic or opens_name(second)))
            or foreign_family
        )
    known = has_known or any(known_word(b) for b in bares)
    rare = any(not _is_common(b) or (b not in _common_forms() and not native_shape(b)) for b in bares)
    if kind == "org":
        quoted = run[0][:1] in OPENERS
        body = cue in _BODY_CUES and bares[0].startswith("ال")
        # شركة المقاولون العرب: a definite name of two words or more; a nisba at its end
        # describes instead (شركة الكهرباء الوطنية، وكالة الأنباء الرسمية)
        purpose = next((k for k, b in enumerate(bares) if b.startswith("لل")), len(bares))
        head = bares[:purpose]  # مركز الخليج | للمعارض والمؤتمرات الدولية
        definite = (
            (len(bares) >= 2 and bool(head))
            and typed_article(run[0])
            and not any(prose_word(b) for b in head[1:])
            and not head[-1].endswith(("ي", "يه"))
        )
        body = body or definite
        return quoted or known or body or rare  # rare: إلتا is no inflection of a common word
    if kind == "other":  # a vessel or an index: a foreign or rare word (سفينة "انتهكت" is prose)
        if cue == normalize("طراز") and run[0][:1] in OPENERS:
            return True  # من طراز «ذو الفقار»: a quoted model name, whatever its words
        if _is_common(bares[0]) and (prose_word(bares[0]) or derived_form(bares[0])):
            return False  # سفينة تجارية، سفينة صدمت
        return known or rare or any(name_like(b) for b in bares)
    everyday = [
        _is_common(b)
        and (native_shape(b[2:] if b.startswith("ال") else b) or derived_form(b[2:] if b.startswith("ال") else b))
        for b in bares
    ]
    return len(bares) == 1 or known or not all(everyday)  # "بسجن المعارضة عبير": no place
