"""Property tests: random Unicode through reading, splitting and enforcement never breaks
the invariants (no exception, sentences cover their block, spans stay inside)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.document import NameHit
from bilingual.errors import InputError
from bilingual.reading.inputs import decode_bytes
from bilingual.reading.layout import parse_text
from bilingual.text.arabic import clean_text, normalize_for_matching, split_sentences
from bilingual.translation.enforce import enforce_names

ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآةىءؤئ" + "ًٌٍَُِّْـ"
PUNCT = '.!?؟…،؛:«»"()[]“”-'
newsy_text = st.text(
    alphabet=st.sampled_from(list(ARABIC_ALPHABET + PUNCT + "  \n\t0123456789ABCabc\u200f\u200e\u00a0")),
    max_size=400,
)
any_text = st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(st.one_of(newsy_text, any_text))
def test_sentences_always_cover_the_text(text):
    sentences = split_sentences(text)
    assert "".join("".join(s.text for s in sentences).split()) == "".join(text.split())
    for s in sentences:
        assert text[s.start : s.end] == s.text and s.text.strip() == s.text and s.text


@settings(max_examples=300, deadline=None)
@given(st.one_of(newsy_text, any_text))
def test_layout_never_loses_body_text(text):
    cleaned = clean_text(text)
    articles = parse_text(cleaned)
    kept = "".join("".join(b.text.split()) for a in articles for b in a.blocks)
    for line in cleaned.replace("\r", "\n").split("\n"):
        word = "".join(line.split())
        if len(word) > 3 and any(c.isalpha() and not c.isascii() for c in word):
            assert word in kept
    for article in articles:
        for block in article.blocks:
            assert block.text.strip() and block.sentences


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_random_bytes_is_text_or_a_clear_error(data):
    try:
        text = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ") and "\n" not in str(exc)
    else:
        assert isinstance(text, str)


@settings(max_examples=300, deadline=None)
@given(newsy_text)
def test_normalization_offsets_point_into_the_original(text):
    normalized = normalize_for_matching(text)
    assert len(normalized.offsets) == len(normalized.text) + 1
    assert all(0 <= o <= len(text) for o in normalized.offsets)
    assert normalized.offsets == sorted(normalized.offsets)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["Peskov", "Kyiv", "the Kremlin", "Kim Jong Un"]))
def test_enforcement_never_raises_and_keeps_statuses_consistent(target, english):
    source = "قال بيسكوف"
    hit = NameHit(4, 10, "", "بيسكوف", "بيسكوف", english, "person")
    repaired, (result,) = enforce_names(source, target, [hit])
    assert result.status in ("kept", "repaired", "missing")
    core = english[4:] if english.startswith("the ") else english
    if result.status in ("kept", "repaired"):
        assert core in repaired
    else:
        assert repaired == target
