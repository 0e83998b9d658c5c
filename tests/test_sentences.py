"""Arabic sentence splitting rules, each with a fixture of its own."""

import pytest

from bilingual.text.arabic import split_sentences


def texts(paragraph):
    return [s.text for s in split_sentences(paragraph)]


def test_splits_after_full_stop_question_and_exclamation_marks():
    assert texts("وصل الوفد إلى القاهرة. وبدأت المحادثات فوراً! هل تنجح الوساطة؟ لا أحد يعرف?") == [
        "وصل الوفد إلى القاهرة.",
        "وبدأت المحادثات فوراً!",
        "هل تنجح الوساطة؟",
        "لا أحد يعرف?",
    ]


def test_splits_after_ellipsis_both_forms():
    assert texts("انتظر الجميع… ثم جاء الخبر... وانتهى كل شيء") == [
        "انتظر الجميع…",
        "ثم جاء الخبر...",
        "وانتهى كل شيء",
    ]


def test_splits_after_closing_guillemet_and_parenthesis():
    assert texts("قال الوزير «نرحب بالاتفاق». ثم غادر القاعة (في المساء). وعاد صباحاً.") == [
        "قال الوزير «نرحب بالاتفاق».",
        "ثم غادر القاعة (في المساء).",
        "وعاد صباحاً.",
    ]


@pytest.mark.parametrize("mark", ["،", "؛", ":"])
def test_never_splits_on_arabic_comma_semicolon_or_colon(mark):
    paragraph = f"قال المتحدث{mark} إن الاجتماع انتهى{mark} وإن الوفود غادرت."
    assert texts(paragraph) == [paragraph]


def test_never_splits_inside_guillemets():
    paragraph = "وقال «لن نتراجع. ولن نستسلم! هذا وعدنا» ثم صفق الحضور."
    assert texts(paragraph) == [paragraph]


def test_never_splits_inside_straight_or_curly_quotes():
    assert texts('وكتب "انتهت الجولة. وبدأت أخرى" على حسابه.') == ['وكتب "انتهت الجولة. وبدأت أخرى" على حسابه.']
    assert texts("ونقل عنه “نحن مستعدون. تماماً” أمس.") == ["ونقل عنه “نحن مستعدون. تماماً” أمس."]


def test_quote_closed_after_stop_ends_the_sentence():
    assert texts("قال «انتهى الأمر.» ثم رحل.") == ["قال «انتهى الأمر.»", "ثم رحل."]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    assert texts("قال «بدأنا. ثم توقفنا. وانتهى") == ["قال «بدأنا.", "ثم توقفنا.", "وانتهى"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "أعلنت الشرطة الحصيلة (أ.ف.ب) صباح اليوم.",
        "نقلت وكالة إ.ب.أ الصور من الموقع.",
        "قال د. خالد إن الوضع مستقر.",
        "قالت أ. ف. ب إن الوضع مستقر.",
    ],
)
def test_never_splits_inside_dotted_initialisms(paragraph):
    assert texts(paragraph) == [paragraph]


def test_never_splits_decimals_or_dates():
    paragraph = "ارتفع النمو 2.5 في المائة في 12.05.2024 وبلغ 1.500 دولار."
    assert texts(paragraph) == [paragraph]


def test_never_splits_latin_abbreviations():
    assert texts("قال مسؤول في U.S. Army إن Dr. Smith وصل. ثم غادر.") == [
        "قال مسؤول في U.S. Army إن Dr. Smith وصل.",
        "ثم غادر.",
    ]


def test_credit_in_parentheses_before_stop_still_ends_sentence():
    assert texts("سقط ثلاثة قتلى (أ.ف.ب). وفتحت الشرطة تحقيقاً.") == [
        "سقط ثلاثة قتلى (أ.ف.ب).",
        "وفتحت الشرطة تحقيقاً.",
    ]


def test_missing_space_after_full_stop_between_arabic_words():
    assert texts("انتهى الاجتماع.وغادر الوفد") == ["انتهى الاجتماع.", "وغادر الوفد"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "  جملة أولى.   جملة ثانية؟\tجملة ثالثة!  ",
        "«اقتباس كامل.» ثم نص. (بين قوسين.) وأخير…",
        "بدون أي علامة",
        "...",
    ],
)
def test_sentences_cover_the_block_exactly(paragraph):
    sentences = split_sentences(paragraph)
    assert "".join(s.text for s in sentences).replace(" ", "") == "".join(paragraph.split())
    for s in sentences:
        assert paragraph[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
