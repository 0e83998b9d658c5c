"""What the words of a personal name look like, for `suggest` to tell a name run from prose.

Two data-driven signals, no hand list of names:

* **given names**: the first words of the multi-word person rows of the starter glossary
  (محمد، فؤاد، بسام، كمال، وليد …). wordfreq's Arabic list holds most of them as common
  words, and many begin with a letter that is also a proclitic (ف+ؤاد، ب+سام، ك+مال، و+ليد),
  so without this set a run "الوزير فؤاد …" would be cut as "ف + an everyday word";
* **foreign shape**: a word that could not be a native noun by its shape (`native_shape`:
  too many consonants or long vowels, a final ا or و: ماريا، غابرييل، كاميرون).
"""

from __future__ import annotations

import csv
from collections.abc import Container
from functools import lru_cache

from bilingual.names.cues import CLITIC, folded
from bilingual.names.glossary_format import STARTER_GLOSSARY
from bilingual.names.words import FOREIGN_ENDINGS, is_word_form, native_shape, plain
from bilingual.names.words import common_forms as shared_common_forms
from bilingual.text.arabic import _FOLD, HYPHENS_AS_SPACES, normalize

EDGE_PUNCT = "«»\"'()[]{}.,،؛:!?؟…“”"

_MARKS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640"]  # diacritics, tatweel
_WORD_FOLD = str.maketrans({**_FOLD, **dict.fromkeys(_MARKS)})
_NOT_GIVEN = frozenset(normalize(w) for w in ["عبد", "أبو", "ابن", "بن", "بنت", "آل", "ولد"])


@lru_cache(maxsize=1)
def _starter_words() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, one-word names) of the starter glossary, read once, lazily, only when
    suggestions are made; empty when the file cannot be read. Given names are the folded
    first words of multi-word person rows; one-word names skip rows that need a cue (they
    are everyday words too)."""
    given: list[str] = []
    single: list[str] = []
    try:
        with STARTER_GLOSSARY.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) < 3 or row[0].startswith("#"):
                    continue
                words = row[0].split()
                if len(words) == 1 and (len(row) < 5 or row[4].strip() != "cue"):
                    single.append(words[0])
                elif row[2].strip() == "person" and len(words) > 1 and not words[0].startswith("ال"):
                    given.append(words[0])
    except OSError:
        return frozenset(), frozenset()
    folded_given = {w for w in _fold_words(given) if len(w) >= 3 and w not in _NOT_GIVEN}
    return frozenset(folded_given), frozenset(_fold_words(single))


def _fold_words(words: list[str]) -> list[str]:
    """`normalize` of many plain glossary words at once, as two C-speed translations (normalize
    itself, per row, cost ~30 ms on the starter glossary): letters folded, diacritics dropped,
    hyphens read as spaces. Only the set of forms is used, so a split word is harmless."""
    return " ".join(words).translate(_WORD_FOLD).translate(HYPHENS_AS_SPACES).split()


def given_names() -> frozenset[str]:
    """Folded given names (محمد، فؤاد، بسام …) from the starter glossary's person rows."""
    return _starter_words()[0]


def known_word(bare: str) -> bool:
    """Whether a folded word (a proclitic و/ب/ل allowed) is a one-word name of the starter
    glossary: مركز مصر للمعارض، وكالة أنباء السعودية hold a known name, so they are names
    even where the matcher leaves the place inside them unreported."""
    single = _starter_words()[1]
    return bare in single or (bare[:1] in "وبل" and bare[1:] in single)


def name_like(bare: str) -> bool:
    """Whether a folded word (no clitic) reads as part of a personal name: a known given
    name, or a word no native noun could be by its shape and no common word in disguise
    (`derived_form`)."""
    if len(bare) < 3 or bare.startswith("ال"):
        return False
    if bare in given_names():
        return True
    return not native_shape(bare) and not (is_common(bare) and derived_form(bare))


def derived_form(bare: str) -> bool:
    """Whether a common word's foreign-looking shape comes from Arabic morphology, not from
    a foreign name: an accusative in ا (مؤتمرا), a pronoun or plural ending (لكنها، رئيسها),
    a verb (سيبحث، يتوقع، أبلغت), a proclitic on a common word (باعتقال), an initial hamza
    (أركان، إطلاق), or a noun template (تشكيل، اعتقال، استعراض، تعاون، انسحاب، معارضة)."""
    common = common_forms()
    if (bare.endswith("ا") and is_word_form(bare[:-1], common)) or suffixed_common(bare) or prose_word(bare):
        return True
    rest = CLITIC.sub("", bare, count=1)
    if rest != bare and len(rest) >= 3 and rest in common:
        return True
    if bare[0] == "ا" and native_shape(bare[1:]):
        return True
    n = len(bare)
    return (
        (n == 5 and bare[0] == "ت" and bare[3] == "ي")  # تفعيل
        or (n == 5 and bare[0] == "ت" and bare[2] == "ا")  # تفاعل
        or (n == 6 and bare[0] == "ا" and bare[2] in "تطد" and bare[4] == "ا")  # افتعال
        or (n == 6 and bare.startswith("ان") and bare[4] == "ا")  # انفعال
        or (n == 7 and bare.startswith("است") and bare[5] == "ا")  # استفعال
        or (n == 6 and bare.startswith("است"))  # استفعل: استقبل
        or (n in (5, 6) and bare[0] == "م" and bare[2] == "ا")  # مفاعل(ة): معارض، مقاومة
        or (bare.endswith("ت") and bare[:-1] in common)  # a verb in the past: أبلغت، صدمت
        or (bare.endswith("ي") and n >= 5 and bare[:-1] in common)  # a nisba adjective: عسكري
    )


def prose_word(key: str) -> bool:
    """A common word whose form is no name's: a verb (يقول، سيحدد), an indefinite feminine
    adjective (عسكرية، دستورية), a plural in ات (مخدرات), an accusative in ا (وفدا)."""
    if key.endswith("او"):
        return False  # تشاو: no imperfect verb ends so
    if key[0] in "يتن" or (key[0] == "س" and key[1:2] in ("ي", "ت", "ن")):
        return True
    if key.endswith("يه") and not key.startswith("ال"):
        return True
    return key.endswith("ات") or (key.endswith("ا") and is_word_form(key[:-1], common_forms()))


def is_common(bare: str) -> bool:
    common = common_forms()
    return is_word_form(bare, common) or is_word_form(CLITIC.sub("", bare, count=1), common)


def common_forms() -> Container[str]:
    return shared_common_forms()


_MONTHS = folded("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر")


def foreign_word(bare: str) -> bool:
    """A transliterated foreign name by its ending (ـوف، ـسكي، ـبرغ، ـيتش، ـيز…) that is no
    native word: native nouns and adjectives take the article (الظروف، التمييز، العدو are in the
    word list, so are ظروف and تمييز with it), names seldom do; an imperfect verb in the list
    (يتوقف) is no name either."""
    if len(bare) < 4 or not bare.endswith(FOREIGN_ENDINGS) or bare.startswith(("عبد", "ابو")) or bare in _MONTHS:
        return False  # عبدالعزيز: an Arabic name, not a foreign one; مايو، يونيو: months
    common = common_forms()
    if bare + "ه" in common or (bare.endswith("ا") and is_word_form(bare[:-1], common)):
        return False  # طفيف(ة): an adjective; the accusative of a common noun: قتيلا، تمويلا، أولا
    if bare.startswith("لل") and "ال" + bare[2:] in common:
        return False  # للتصنيف
    for core in {bare, CLITIC.sub("", bare, count=1)}:  # لوبيز or ل + وبيز: both must be no word
        article = core.startswith("ال")
        core = core[2:] if article else core
        if (article and core in common) or "ال" + core in common or (core[:1] in ("ي", "ت", "ن") and core in common):
            return False
        if core[:1] == "س" and core[1:2] in ("ي", "ت", "ن") and core[1:] in common:
            return False  # ستستضيف: the future of a verb
    return True


_SUFFIXED = ("هما", "هم", "ها", "ه", "يه", "ين", "ون", "ات")  # pronouns, then plurals


def suffixed_common(bare: str) -> bool:
    """A common word with a pronoun or plural ending (حكومته، رئيسها، مسؤولين، آخرين)."""
    common = common_forms()
    for suffix in _SUFFIXED:
        stem = bare[: -len(suffix)]
        if bare.endswith(suffix) and len(stem) >= 3:
            if stem in common or (stem.endswith("ت") and stem[:-1] + "ه" in common):
                return True  # مسؤولين، رئيسها، حكومته (حكومة + ه)
            if suffix == "ات" and stem + "ه" in common:
                return True  # ناقلات
    return False


def common_inflection(bare: str) -> bool:
    return bare not in given_names() and suffixed_common(bare)


def nationality(bare: str) -> bool:
    """A nisba adjective of a country the starter glossary names: التركية (تركيا)، المصري
    (مصر)، الإماراتية (الإمارات)."""
    if not bare.startswith("ال") or not bare.endswith(("ي", "يه")):
        return False
    stem = bare[2:].removesuffix("ه").removesuffix("ي")
    if known_word(bare):
        return False  # السعودية: the country itself (وكالة أنباء السعودية)
    return any(known_word(form) for form in (stem, stem + "ا", stem + "يا", "ال" + stem))


def typed_article(word: str) -> bool:
    """Whether a word (a و before it allowed) has the article as typed: إلبروس، ألكسندر fold
    to an ال they do not have."""
    typed = plain(word.strip(EDGE_PUNCT))
    return typed.startswith(("ال", "وال", "لل"))
