"""One-word names that are also everyday words: found by word frequency, read only with a cue.

Sentences are written for the test. `words.collision` reads the shipped wordfreq list, so these
tests also pin what that list says about a few spellings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.document import Document
from bilingual.errors import BilingualError
from bilingual.names.glossary import Entry, Glossary, export_text, load_glossaries
from bilingual.names.matcher import NameMatcher, annotate_names, find_in_article
from bilingual.names.words import PackedWords, collision, is_word_form, native_shape, word_table
from bilingual.reading.layout import parse_text

ROWS = [
    Entry("جدة", "Jeddah", "place"),
    Entry("وجدة", "Oujda", "place"),
    Entry("جنين", "Jenin", "place"),
    Entry("مخيم جنين", "the Jenin camp", "place"),
    Entry("سيول", "Seoul", "place"),
    Entry("طوكيو", "Tokyo", "place"),
    Entry("نابلس", "Nablus", "place"),
    Entry("طولكرم", "Tulkarm", "place"),
    Entry("تداول", "Tadawul", "org"),
    Entry("لبنان", "Lebanon", "place"),
    Entry("حجة", "Hajjah", "place", context="cue"),
    Entry("تعز", "Taiz", "place"),
]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(ROWS)


def english(matcher: NameMatcher, text: str) -> list[str]:
    return [hit.english for hit in find_in_article(matcher, [text])[0]]


# --- found by data -----------------------------------------------------------------------------


def test_collisions_come_from_word_frequencies():
    jeddah = collision("جدة")
    assert jeddah is not None and jeddah.spelling_only and jeddah.word == "جده"  # "his grandfather"
    jenin = collision("جنين")
    assert jenin is not None and not jenin.spelling_only  # "foetus", with the article too
    assert collision("لبنان") is None  # a name only
    assert collision("يوتيوب") is None  # foreign shape: no native word
    assert collision("مخيم جنين") is None  # a phrase is no everyday word


def test_the_word_list_is_shipped_and_folded():
    table = word_table()
    assert table.exact["في"] > 7 and "جده" in table.folded
    assert is_word_form("صفرين", set(table.folded))  # the dual of a common word
    assert native_shape("جلسه") and not native_shape("واتساب") and not native_shape("ناتو")


def test_packed_words_hold_exactly_the_common_words():
    """The cached matcher asks `PackedWords` (a sorted blob, chunks found by bisection)
    what the fresh one asks a frozenset: every word, and every near miss, must agree."""
    common = word_table().folded
    packed = PackedWords(*PackedWords.of(common).values())
    words = sorted(common)
    probes = [*words, *(w[:-1] for w in words), *(w + "ا" for w in words), *(w[1:] for w in words)]
    probes += ["", "\n", "ا", "ي" * 30, "\uffff", "في\nمن", words[0] + "\n" + words[1]]
    assert [w in packed for w in probes] == [w in common for w in probes]
    assert "في" not in PackedWords.of([]) and is_word_form("صفرين", packed)
    with pytest.raises(ValueError):
        PackedWords.of(["في", "من\nعن"])


# --- the cues ----------------------------------------------------------------------------------


def test_without_a_cue_the_everyday_word_wins(matcher):
    assert english(matcher, "زار الشاب جده في المستشفى") == []  # his grandfather
    assert english(matcher, "بحث عن المفتاح ووجده تحت الطاولة") == []  # and he found it
    assert english(matcher, "تأثر نمو الجنين بالدواء") == []  # the article is never taken anyway
    assert english(matcher, "نما جنين سليم") == []
    assert english(matcher, "جرفت سيول المنازل") == []  # floods
    assert english(matcher, "ارتفع حجم تداول الأسهم") == []  # trading


def test_the_rows_own_spelling_needs_no_cue_when_only_another_spelling_is_the_word(matcher):
    assert english(matcher, "وصل الوفد جدة مساء") == ["Jeddah"]  # جدة as written in the glossary


@pytest.mark.parametrize(
    "text, expected",
    [
        ("عقد الاجتماع في جده أمس", ["Jeddah"]),  # a preposition of place
        ("اقتحمت القوات مدينة جنين فجرا", ["Jenin"]),  # a place noun
        ("شملت الحملة نابلس وجنين وطولكرم", ["Nablus", "Jenin", "Tulkarm"]),  # a list of places
        ("وقالت سيول إن المحادثات بناءة", ["Seoul"]),  # the subject of a verb of saying
        ("وقال الوزير إن سيول ستعزز التعاون", ["Seoul"]),  # إن + a verb
        ("سيول (أ ف ب) - أعلنت الحكومة", ["Seoul"]),  # a dateline
        ("ارتفع المؤشر العام لـ«تداول» اليوم", ["Tadawul"]),  # in guillemets
        ("قال مسؤول إن طوكيو وسيول ستعقدان محادثات", ["Tokyo", "Seoul"]),
    ],
)
def test_each_cue_lets_the_name_through(matcher, text, expected):
    assert english(matcher, text) == expected


def test_the_article_vouches_for_its_bare_mentions(matcher):
    text = "اقتحمت القوات مخيم جنين فجرا.\n\nوقال شهود إن جنين شهدت اشتباكات عنيفة.\n"
    document = annotate_names(Document("t.txt", parse_text(text)), matcher)
    found = [[h.english for h in block.names] for block in document.blocks]
    assert found == [["the Jenin camp"], ["Jenin"]]


def test_a_cue_hit_does_not_vouch_for_other_mentions(matcher):
    # "في جنين" is read with its cue; the bare جنين later is not made safe by it
    text = "وقعت اشتباكات في جنين.\n\nونما جنين سليم في رحم أمه.\n"
    document = annotate_names(Document("t.txt", parse_text(text)), matcher)
    assert [[h.english for h in block.names] for block in document.blocks] == [["Jenin"], []]


def test_each_article_is_its_own_context(matcher):
    document = Document("t.txt", parse_text("اقتحمت القوات مخيم جنين.\n") + parse_text("ونما جنين سليم.\n"))
    annotate_names(document, matcher)
    assert [h.english for h in document.articles[-1].blocks[-1].names] == []


# --- the glossary says so per row --------------------------------------------------------------


def test_context_cue_forces_a_cue_and_always_lifts_it():
    forced = NameMatcher([Entry("تعز", "Taiz", "place", context="cue")])
    assert [h.english for h in forced.find("قصفت تعز")] == []
    assert [h.english for h in forced.find("قصف في تعز")] == ["Taiz"]
    lifted = NameMatcher([Entry("جنين", "Jenin", "place", context="always")])
    assert [h.english for h in lifted.find("نما جنين سليم")] == ["Jenin"]


def test_a_cue_row_in_a_list_of_places(matcher):
    assert english(matcher, "قصفت تعز وحجة") == ["Taiz", "Hajjah"]
    assert english(matcher, "هذه حجة قوية") == []  # "a strong argument"


def test_the_context_column_is_read_and_old_files_still_work(tmp_path: Path):
    new = tmp_path / "new.csv"
    new.write_text("arabic,english,kind,note,context\nحجة,Hajjah,place,Yemen,cue\nتعز,Taiz,place\n", encoding="utf-8")
    old = tmp_path / "old.csv"
    old.write_text("arabic,english,kind,note\nجنين,Jenin,place,\n", encoding="utf-8")
    glossary = load_glossaries([new, old])
    assert [(e.arabic, e.context) for e in glossary.entries] == [("حجة", "cue"), ("تعز", ""), ("جنين", "")]
    assert glossary.warnings == []
    exported = export_text(glossary)
    assert exported.splitlines()[0] == "arabic,english,kind,note,context"
    assert "حجة,Hajjah,place,Yemen,cue" in exported.splitlines()
    assert export_text(Glossary(load_glossaries([old]).entries)).splitlines()[0] == "arabic,english,kind,note"


def test_a_bad_context_is_an_error_on_its_row(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("arabic,english,kind,note,context\nحجة,Hajjah,place,,sometimes\n", encoding="utf-8")
    with pytest.raises(BilingualError, match=r"bad.csv:2: unknown context 'sometimes'"):
        load_glossaries([bad])


def test_a_place_inside_the_name_of_an_event_or_institution():
    matcher = NameMatcher([Entry("ميونيخ", "Munich", "place"), Entry("القاهرة", "Cairo", "place")])
    assert [h.english for h in matcher.find("افتتح معرض القاهرة الدولي للكتاب")] == []
    assert [h.english for h in matcher.find("تحدث في مؤتمر ميونيخ للأمن")] == []
    assert [h.english for h in matcher.find("نقلت وكالة أنباء القاهرة الخبر")] == []
    assert [h.english for h in matcher.find("عقد مؤتمر ميونيخ أمس")] == ["Munich"]  # held in the city


def test_quotes_around_the_noun_and_the_place_make_one_name():
    matcher = NameMatcher([Entry("برلين", "Berlin", "place")])
    assert [h.english for h in matcher.find("شارك الوفد في «مؤتمر برلين» الذي بدأ أمس")] == []
    assert [h.english for h in matcher.find("شارك الوفد في مؤتمر برلين أمس")] == ["Berlin"]
    assert [h.english for h in matcher.find("وصل الوفد إلى «برلين» أمس")] == ["Berlin"]


# A glossary name inside a longer name (`names.inside`): sentences of our own.
def _inside_matcher() -> NameMatcher:
    return NameMatcher(
        [
            Entry("القاهرة", "Cairo", "place"),
            Entry("بغداد", "Baghdad", "place"),
            Entry("مدريد", "Madrid", "place"),
            Entry("مانشستر", "Manchester", "place"),
            Entry("مرسيليا", "Marseille", "place"),
            Entry("قطر", "Qatar", "place"),
            Entry("آسيا", "Asia", "place"),
            Entry("مصر", "Egypt", "place"),
            Entry("سانتياغو", "Santiago", "place"),
            Entry("أرتيمس", "Artemis", "other"),
            Entry("كأس العالم", "the World Cup", "other"),
            Entry("هواسونغ", "Hwasong", "other"),
        ]
    )


def _held(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The hits' English and the longer names set aside (Arabic, guess) for one text."""
    from bilingual.names.matcher import find_with_inside

    hits, held = find_with_inside(_inside_matcher(), [text])[0]
    return [h.english for h in hits], [(text[u.start : u.end], u.guess) for u in held]


def test_a_relational_adjective_after_the_place_goes_on_with_the_events_name():
    assert _held("أعلن مهرجان القاهرة السينمائي جوائز دورته")[0] == []
    assert _held("انطلق منتدى بغداد الاقتصادي أمس")[0] == []
    # a dating adjective does not: the forum held in Baghdad last year
    assert _held("ناقش منتدى بغداد الماضي الملف")[0] == ["Baghdad"]
    # an Arabic word the word list does not hold (clitic + noun) is no foreign name going on
    assert _held("اجتمع مؤتمر بغداد لحسم الخلاف")[0] == ["Baghdad"]


def test_after_a_university_festival_or_cup_the_place_is_part_of_the_name():
    assert _held("تخرج في جامعة القاهرة عام 1990")[0] == []
    assert _held("فاز الفريق بكأس مصر للمرة الثالثة")[0] == []
    assert _held("توج بلقب كأس أمير قطر أمس")[0] == []
    assert _held("تأهل الفريق إلى دوري أبطال آسيا")[0] == []
    assert _held("كرم الاتحاد أبطال آسيا في الجولف")[0] == ["Asia"]  # heroes of Asia, no league
    assert _held("عاد الوزير إلى القاهرة أمس")[0] == ["Cairo"]


def test_a_club_formed_on_a_place_is_not_the_place():
    assert _held("فاز أتلتيكو مدريد على أولمبيك مرسيليا")[0] == []
    assert _held("تعادل مانشستر سيتي مع ولمانشستر يونايتد")[0] == []
    assert _held("هبطت الطائرة في مانشستر أمس")[0] == ["Manchester"]
    assert _held("يبلغ سعر الصرف 3.64 ريال قطري")[0] == []  # no place at all: an adjective


def test_a_number_in_quotes_or_after_a_hyphen_makes_another_name():
    assert _held('تستعد الوكالة لمهمة "أرتيمس 2″ العام المقبل') == ([], [("أرتيمس 2", "Artemis 2")])
    assert _held("أطلقت صاروخ هواسونغ-19 الجديد")[0] == []
    assert _held("فاز المنتخب بكأس العالم 5 مرات")[0] == ["the World Cup"]  # a count
    assert _held("استضافت بلاده كأس العالم 2026")[0] == ["the World Cup"]  # a year: an edition


def test_a_quoted_place_that_goes_on_with_foreign_words_is_a_longer_name():
    english, held = _held('أقيمت المباراة على ملعب "سانتياغو برنابيو" مساء السبت')
    assert english == []
    assert held == [("سانتياغو برنابيو", "Santiago Brnabio")] or held[0][0] == "سانتياغو برنابيو"
    assert _held("«القاهرة تقرأ» شعار الدورة")[0] == ["Cairo"]  # a slogan: Arabic words follow


def test_the_longer_name_is_handed_on_and_a_row_for_it_wins():
    english, held = _held("أعلن مهرجان القاهرة السينمائي الدولي جوائزه")
    assert english == []
    assert [arabic for arabic, _ in held] == ["مهرجان القاهرة السينمائي الدولي"]
    assert "Cairo" in held[0][1]  # the guess keeps the known name's house English
    with_row = NameMatcher([Entry("القاهرة", "Cairo", "place"), Entry("جامعة القاهرة", "Cairo University", "org")])
    assert [h.english for h in with_row.find("تخرج في جامعة القاهرة")] == ["Cairo University"]


def test_a_facility_named_after_a_person_is_not_the_person():
    matcher = NameMatcher(
        [
            Entry("الملك فيصل", "King Faisal", "person"),
            Entry("رفيق الحريري", "Rafik Hariri", "person"),
            Entry("الحريري", "Hariri", "person"),
        ]
    )
    assert [h.english for h in matcher.find("نقل إلى مستشفى الملك فيصل التخصصي")] == []
    assert [h.english for h in matcher.find("هبطت في مطار رفيق الحريري الدولي")] == []  # nor Hariri alone
    assert [h.english for h in matcher.find("قال الملك فيصل إن")] == ["King Faisal"]
    # a possessed noun that folds onto a facility noun: مكتبه (his office), not مكتبة (a library)
    assert [h.english for h in matcher.find("قال مدير مكتبه رفيق الحريري")] == ["Rafik Hariri"]
