"""Spelling variants of foreign names (`bilingual.names.variants`): each rule, each safeguard.

Every sentence here is written for the test; the glossary rows are small and local so that each
assertion shows one rule.
"""

from __future__ import annotations

import json

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from bilingual.document import Document, NameHit
from bilingual.names.glossary import Entry
from bilingual.names.matcher import NameMatcher, annotate_names
from bilingual.names.variants import VariantIndex, at_most_edits, shape, skeleton, variant_key, variant_note
from bilingual.outputs.jsonout import document_dict
from bilingual.reading.layout import parse_text
from bilingual.translation.segments import NameResult
from tests.test_docx import make_block, render_docx, sample_document

ROWS = [
    Entry("أنطونيو غوتيريش", "Antonio Guterres", "person"),
    Entry("غوتيريش", "Guterres", "person"),
    Entry("فلاديمير كاراكوف", "Vladimir Karakov", "person"),
    Entry("مارتن غريفيث", "Martin Griffiths", "person"),
    Entry("سيرغي لافروف", "Sergei Lavrov", "person"),
    Entry("زابوروجيا", "Zaporizhzhia", "place"),
    Entry("جيم ريش", "Jim Risch", "person"),
    Entry("بنيامين نتنياهو", "Benjamin Netanyahu", "person"),
    Entry("نتنياهو", "Netanyahu", "person"),
    Entry("زيلينسكي", "Zelensky", "person"),
    Entry("ميخائيل ميشوستين", "Mikhail Mishustin", "person"),
    Entry("فيليب لازاريني", "Philippe Lazzarini", "person"),
    Entry("بيونغ يانغ", "Pyongyang", "place"),
    Entry("عبد الحميد الدبيبة", "Abdul Hamid Dbeibah", "person"),
    Entry("الدبيبة", "Dbeibah", "person"),
    Entry("هواسونغ 17", "Hwasong-17", "other"),
    Entry("هواسونغ", "Hwasong", "other"),
    Entry("بوتين", "Putin", "person"),
    Entry("محمود عباس", "Mahmoud Abbas", "person"),
    Entry("ماشيدا", "Machida", "place"),
    Entry("صفارين", "Saffarin", "place"),
    Entry("جينهوا", "Jinhua", "place"),
    Entry("الكرملين", "the Kremlin", "org"),
    Entry("جون ماكينلي", "John McKinley", "person"),
]


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(ROWS)


def hits(matcher: NameMatcher, text: str) -> list[tuple[str, str, str]]:
    return [(h.surface, h.english, h.match) for h in matcher.find(text)]


# --- the spelling rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, surface, english",
    [
        # one sound, several letters
        ("قال أنطونيو جوتيريش إن الهدنة هشة", "أنطونيو جوتيريش", "Antonio Guterres"),  # ج for غ
        ("قال أنطونيو گوتيريش إن الهدنة هشة", "أنطونيو گوتيريش", "Antonio Guterres"),  # Persian گ
        ("وقال فلاديمير قاراقوف للصحافيين", "فلاديمير قاراقوف", "Vladimir Karakov"),  # ق for ك
        ("أعلن مارطن غريفيث أمس", "مارطن غريفيث", "Martin Griffiths"),  # ط for ت
        ("التقى صيرغي لافروف نظيره", "صيرغي لافروف", "Sergei Lavrov"),  # ص for س
        ("قصفت القوات محيط ذابوروجيا ليلا", "ذابوروجيا", "Zaporizhzhia"),  # ذ for ز
        ("وصل السيناتور جيم ريتش إلى المنطقة", "جيم ريتش", "Jim Risch"),  # تش for ش
        ("وصرح دجون ماكينلي بأن المحادثات بناءة", "دجون ماكينلي", "John McKinley"),  # دج for j
        # optional long vowels inside the name
        ("وقال بنيامين نتانياهو إن الحرب مستمرة", "بنيامين نتانياهو", "Benjamin Netanyahu"),
        ("رد زيلنسكي على الاقتراح", "زيلنسكي", "Zelensky"),
        # a hamza on its own letter
        ("استقبل ميخاءيل ميشوستين الوفد", "ميخاءيل ميشوستين", "Mikhail Mishustin"),
        # a doubled letter written out
        ("قال فيلليب لازاريني إن الوكالة", "فيلليب لازاريني", "Philippe Lazzarini"),
        # one word or two
        ("وصل الوفد إلى بيونغيانغ مساء", "بيونغيانغ", "Pyongyang"),
        ("أجّل عبدالحميد الدبيبة زيارته", "عبدالحميد الدبيبة", "Abdul Hamid Dbeibah"),
        # a hyphen and a number, and ج for غ
        ("أطلقت صاروخ هواسونج-17 فجرا", "هواسونج-17", "Hwasong-17"),
    ],
)
def test_each_spelling_rule_finds_the_row(matcher, text, surface, english):
    assert (surface, english, "variant") in hits(matcher, text)


def test_a_variant_keeps_its_proclitics_outside(matcher):
    found = matcher.find("وبحث الوزير مع لجوتيريش")
    assert [(h.prefix, h.surface, h.match) for h in found] == [("ل", "جوتيريش", "variant")]


def test_the_rows_own_spelling_is_exact(matcher):
    assert hits(matcher, "قال غوتيريش") == [("غوتيريش", "Guterres", "exact")]
    assert hits(matcher, "وصل إلى بيونغ يانغ") == [("بيونغ يانغ", "Pyongyang", "exact")]


def test_a_longer_variant_wins_over_a_shorter_exact_hit(matcher):
    # الدبيبة alone is an exact row, but the whole name written solid is the better reading
    assert hits(matcher, "قال عبدالحميد الدبيبة") == [("عبدالحميد الدبيبة", "Abdul Hamid Dbeibah", "variant")]


# --- the safeguards --------------------------------------------------------------------------


def test_short_rows_are_never_varied(matcher):
    assert variant_key("بوتين") is None  # its key بتن is too short to be told from words
    assert hits(matcher, "قال بوتن") == []


def test_a_common_word_is_never_a_variant(matcher):
    # محمد is an everyday name, not a spelling of محمود: only the exact rows may match
    assert all(english != "Mahmoud Abbas" for _, english, _ in hits(matcher, "التقى محمد عباس الوفد"))


def test_a_word_with_tanween_is_arabic(matcher):
    assert hits(matcher, "ختم كلمته مشيداً بالجهود") == []


def test_inflections_of_common_words_are_not_variants(matcher):
    assert hits(matcher, "بعد حذف صفرين من العملة") == []  # the dual of صفر


def test_a_key_alone_is_not_enough(matcher):
    # لكنها has the key of جينهوا once vowels go, but differs by two letters from a four-letter row
    assert hits(matcher, "وافق الوفد لكنها رفضت") == []
    assert shape("لكنها") != shape("جينهوا")


def test_a_key_shared_by_two_names_finds_neither():
    matcher = NameMatcher([Entry("كارينوفا", "Karinova", "person"), Entry("قارينوفا", "Qarinova", "person")])
    assert [h.match for h in matcher.find("قالت كارنوفا")] == []


def test_variants_can_be_turned_off():
    assert NameMatcher(ROWS, variants=False).find("قال جوتيريش") == []


def test_skeleton_merges_exactly_the_listed_classes():
    assert skeleton("غوتيريش") == skeleton("جوتيريش") == skeleton("قوتيرش") == skeleton("كوتيريش")
    assert skeleton("بيونغ يانغ") == skeleton("بيونغيانغ")
    assert skeleton("تشافيز") == skeleton("شافيز")
    assert skeleton("دجون") == skeleton("جون")
    assert skeleton("فيلليب") == skeleton("فيليب")
    assert skeleton("روسيا") != skeleton("روسي")  # the last letter is kept (ا of the name, ي of the nisba)


# --- reported for review ---------------------------------------------------------------------


def test_json_carries_the_match_kind(matcher):
    document = annotate_names(Document("t.txt", parse_text("قال أنطونيو جوتيريش إن الهدنة هشة\n")), matcher)
    names = document_dict(document)["articles"][0]["blocks"][0]["names"]
    assert [(n["surface"], n["match"]) for n in names] == [("أنطونيو جوتيريش", "variant")]
    json.dumps(names, ensure_ascii=False)


def test_variant_note_says_what_was_read():
    hit = NameHit(0, 7, "", "جوتيريش", "غوتيريش", "Guterres", "person", "variant")
    note = variant_note(hit)
    assert note is not None and "«جوتيريش»" in note and "«غوتيريش»" in note and "Guterres" in note
    assert variant_note(NameHit(0, 7, "", "غوتيريش", "غوتيريش", "Guterres", "person")) is None


def test_docx_flags_a_variant_for_the_reviewer(tmp_path):
    translated = sample_document()
    block = make_block("paragraph", [("قال جوتيريش إن الهدنة هشة.", "Guterres said the truce was fragile.")])
    hit = NameHit(4, 11, "", "جوتيريش", "غوتيريش", "Guterres", "person", "variant")
    block.block.names = [hit]
    block.segments[0].names = [NameResult(hit, "kept", "")]
    translated.articles[0].blocks.append(block)
    translated.articles[0].article.blocks.append(block.block)
    path = render_docx(translated, tmp_path / "variant.docx")
    comments = [c.text for c in docx.Document(path).comments]
    assert any("«جوتيريش»" in text and "Guterres" in text for text in comments)


def test_an_article_never_comes_from_a_variant():
    matcher = NameMatcher([Entry("اولسان", "Ulsan", "place")])
    assert matcher.find("بالصان الحجر") == []  # ب + الصان: the article, not the row's first letters
    assert [h.match for h in matcher.find("وصل إلى أولصان")] == ["variant"]


SHAPES = st.text(alphabet="كتبيا", max_size=9)


@settings(max_examples=3000, deadline=None)
@given(SHAPES, SHAPES, st.integers(min_value=0, max_value=3))
def test_the_edit_bound_agrees_with_rapidfuzz(a, b, limit):
    assert at_most_edits(a, b, limit) == (Levenshtein.distance(a, b) <= limit)


@pytest.mark.parametrize(
    ("a", "b", "limit", "within"),
    [
        ("زيلينسكي", "زيلنسكي", 1, True),  # a vowel dropped
        ("كيمكونك", "كيميوكونك", 2, True),  # two inserted
        ("كيمكونك", "كيميوكونك", 1, False),
        ("لاوكرانيا", "لاكورونيا", 2, False),  # three apart
        ("بوتين", "بوتين", 0, True),
        ("", "اب", 2, True),
    ],
)
def test_the_edit_bound_on_names(a, b, limit, within):
    assert at_most_edits(a, b, limit) is within


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="كتبا", min_size=1, max_size=6), max_size=12), st.text(alphabet="كتبا", max_size=7))
def test_a_key_begins_with_exactly_the_prefixes_of_the_keys(keys, text):
    """`_begins_key` (bisection over the sorted keys) answers what the set of every prefix of
    every key answered."""
    index = VariantIndex()
    for key in keys:
        index._by_key.setdefault(key, [])
    index.freeze()
    prefixes = {key[:i] for key in keys for i in range(1, len(key) + 1)}
    assert index._begins_key(text) == (text in prefixes)


def test_a_one_word_variant_changes_one_kind_of_thing_not_two():
    rows = NameMatcher([Entry("غلاسكو", "Glasgow", "place"), Entry("بيسكوف", "Peskov", "person")])
    # a letter of the g class alone, or an inner vowel alone: still the name
    assert [(h.surface, h.match) for h in rows.find("وصل الوفد إلى جلاسكو مساء")] == [("جلاسكو", "variant")]
    assert [(h.surface, h.match) for h in rows.find("وقال بسكوف للصحافيين")] == [("بسكوف", "variant")]
    # a swapped letter and an added vowel: the clásico of Spanish football, not Glasgow
    assert rows.find("وفاز الفريق في كلاسيكو مثير") == []
