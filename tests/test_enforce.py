"""Name enforcement logic, pinned down with scripted model outputs (no model needed)."""

import pytest

from bilingual.document import NameHit
from bilingual.translation.alignment import Alignment
from bilingual.translation.enforce import enforce_names, similarity, skeleton
from bilingual.translation.tokenizers import SentencePieceTokenizer


def hit(source: str, surface: str, english: str, kind: str = "person", occurrence: int = 0) -> NameHit:
    start = -1
    for _ in range(occurrence + 1):
        start = source.index(surface, start + 1)
    return NameHit(start, start + len(surface), "", surface, surface, english, kind)


SOURCE = "وقال بيسكوف إن الكرملين لا يرى تهديدا في كييف"


def test_kept_when_the_model_already_wrote_the_house_spelling():
    hits = [hit(SOURCE, "بيسكوف", "Peskov"), hit(SOURCE, "الكرملين", "the Kremlin", "org")]
    text, results = enforce_names(SOURCE, "Peskov said the Kremlin sees no threat.", hits)
    assert text == "Peskov said the Kremlin sees no threat."
    assert [r.status for r in results] == ["kept", "kept"]


def test_the_article_is_optional_for_the_house_form():
    hits = [hit(SOURCE, "الكرملين", "the Kremlin", "org")]
    text, results = enforce_names(SOURCE, "Kremlin spokesman said so.", hits)
    assert results[0].status == "kept" and text == "Kremlin spokesman said so."


@pytest.mark.parametrize(
    "model_output, rendered",
    [
        ("Peskoff said the Kremlin sees no threat in Kiev.", "Peskoff"),
        ("Biskov said the Kremlin sees no threat in Kiev.", "Biskov"),
        ("Peskow said the Kremlin sees no threat in Kiev.", "Peskow"),
    ],
)
def test_repaired_from_a_spelling_variant(model_output, rendered):
    hits = [hit(SOURCE, "بيسكوف", "Peskov"), hit(SOURCE, "كييف", "Kyiv", "place")]
    text, results = enforce_names(SOURCE, model_output, hits)
    assert text == "Peskov said the Kremlin sees no threat in Kyiv."
    assert [(r.status, r.rendered) for r in results] == [("repaired", rendered), ("repaired", "Kiev")]


@pytest.mark.parametrize("written", ["KYIV", "kyiv"])
def test_wrong_case_is_repaired(written):
    hits = [hit(SOURCE, "كييف", "Kyiv", "place")]
    text, results = enforce_names(SOURCE, f"No threat in {written}.", hits)
    assert text == "No threat in Kyiv." and (results[0].status, results[0].rendered) == ("repaired", written)


def test_missing_when_nothing_safe_is_found_and_text_is_untouched():
    hits = [hit(SOURCE, "بيسكوف", "Peskov")]
    output = "The spokesman said there was no threat."
    text, results = enforce_names(SOURCE, output, hits)
    assert text == output
    assert results[0].status == "missing"


def test_a_common_word_is_never_taken_for_a_name():
    hits = [hit("قال ثان", "ثان", "Than", "person")]
    text, results = enforce_names("قال ثان", "He said more than that.", hits)
    assert results[0].status == "missing" and text == "He said more than that."


def test_two_hits_of_one_name_need_two_occurrences():
    source = "التقى بوتين ثم غادر بوتين"
    hits = [hit(source, "بوتين", "Putin"), hit(source, "بوتين", "Putin", occurrence=1)]
    text, results = enforce_names(source, "Putin met and then Poutine left.", hits)
    assert [r.status for r in results] == ["kept", "repaired"]
    assert text == "Putin met and then Putin left."


def test_one_output_word_is_claimed_by_one_name_only():
    source = "زيلينسكي وزيلنسكي"
    hits = [hit(source, "زيلينسكي", "Zelensky"), hit(source, "زيلنسكي", "Zelensky")]
    text, results = enforce_names(source, "Zelenskiy spoke.", hits)
    assert sorted(r.status for r in results) == ["missing", "repaired"]
    assert text == "Zelensky spoke."


def test_multi_word_names_are_repaired_as_a_whole():
    source = "التقى كيم جونغ أون الوفد"
    hits = [hit(source, "كيم جونغ أون", "Kim Jong Un")]
    text, results = enforce_names(source, "Kim Jong-un met the delegation.", hits)
    assert text == "Kim Jong Un met the delegation." and results[0].status == "repaired"


def test_a_family_name_alone_becomes_the_full_house_form():
    source = "قال الرئيس فلاديمير بوتين"
    hits = [hit(source, "فلاديمير بوتين", "Vladimir Putin")]
    text, results = enforce_names(source, "President Putin said.", hits)
    assert text == "President Vladimir Putin said."
    assert (results[0].status, results[0].rendered) == ("repaired", "Putin")


def test_the_family_name_rule_is_for_people_only():
    source = "في الأمم المتحدة"
    hits = [hit(source, "الأمم المتحدة", "the United Nations", "org")]
    text, results = enforce_names(source, "At the Nations.", hits)
    assert results[0].status == "missing" and text == "At the Nations."


def scripted_alignment(source_pieces, target_pieces, links, marks=SentencePieceTokenizer) -> Alignment:
    """Scripted attention: target piece t attends to source piece links[t]."""
    attention = []
    for t in range(len(target_pieces)):
        row = [0.01] * len(source_pieces)
        row[links[t]] = 0.9
        attention.append(row)
    return Alignment.from_attention(source_pieces, target_pieces, attention, marks)


def alignment_for(source_words, target_words, links):
    """Scripted attention over SentencePiece words: target word t attends to source word links[t]."""
    return scripted_alignment(["\u2581" + w for w in source_words], ["\u2581" + w for w in target_words], links)


def test_attention_repairs_a_name_like_span_the_fuzzy_layer_cannot_see():
    source = "وقال بيسكوف إن"
    target = "Said Dmitrius that"
    alignment = alignment_for(["وقال", "بيسكوف", "إن"], ["Said", "Dmitrius", "that"], [0, 1, 2])
    text, results = enforce_names(source, target, [hit(source, "بيسكوف", "Peskov")], alignment)
    assert text == "Said Peskov that"
    assert (results[0].status, results[0].rendered) == ("repaired", "Dmitrius")


def test_attention_never_overwrites_common_words():
    source = "وقال بيسكوف إن"
    target = "Said the that"
    alignment = alignment_for(["وقال", "بيسكوف", "إن"], ["Said", "the", "that"], [0, 1, 2])
    text, results = enforce_names(source, target, [hit(source, "بيسكوف", "Peskov")], alignment)
    assert text == target
    assert (results[0].status, results[0].rendered) == ("missing", "the")


def test_skeleton_and_similarity():
    assert skeleton("Peskov") == skeleton("Peskoff") == skeleton("Biskov")
    assert skeleton("Kyiv") == skeleton("Kiev")
    assert similarity("Zelenskiy", "Zelensky") >= 90
    assert similarity("Washington", "Peskov") < 50


def test_alignment_round_trips_through_json():
    alignment = alignment_for(["وقال", "بيسكوف"], ["Said", "Peskov"], [0, 1])
    assert Alignment.from_json(alignment.to_json(), SentencePieceTokenizer) == alignment
    assert alignment.links == [0, 1]
    assert Alignment.from_json("not json", SentencePieceTokenizer) is None
    assert Alignment.from_json(None, SentencePieceTokenizer) is None
    assert Alignment.from_json(alignment.to_json(), None) is None  # no tokenizer: no offsets


def test_attention_smeared_over_a_phrase_is_not_a_rendering():
    source = "وقال بيسكوف إن"
    words = ["Said", "the", "official", "from", "the", "government", "that"]
    alignment = alignment_for(["وقال", "بيسكوف", "إن"], words, [0, 1, 1, 1, 1, 1, 2])
    text, results = enforce_names(source, " ".join(words), [hit(source, "بيسكوف", "Peskov")], alignment)
    assert (results[0].status, results[0].rendered) == ("missing", "")


def test_stand_in_plan_replaces_only_missing_names_with_distinct_stand_ins():
    from bilingual.translation.enforce import plan_stand_ins
    from bilingual.translation.segments import NameResult

    source = "التقى بيسكوف وغيراسيموف في كييف"
    hits = [
        hit(source, "بيسكوف", "Peskov"),
        hit(source, "غيراسيموف", "Gerasimov"),
        hit(source, "كييف", "Kyiv", "place"),
    ]
    results = [NameResult(hits[0], "missing"), NameResult(hits[1], "missing"), NameResult(hits[2], "kept", "Kyiv")]
    plan = plan_stand_ins(source, hits, results, "X met Y in Kyiv")
    assert plan.source == "التقى جون سميث وديفيد براون في كييف"
    assert plan.swaps == ((0, "John Smith"), (1, "David Brown"))


def test_stand_in_result_is_rejected_when_a_right_name_gets_lost():
    from bilingual.translation.enforce import StandInPlan, apply_stand_ins
    from bilingual.translation.segments import NameResult

    source = "التقى بيسكوف في كييف"
    hits = [hit(source, "بيسكوف", "Peskov"), hit(source, "كييف", "Kyiv", "place")]
    first = [NameResult(hits[0], "missing"), NameResult(hits[1], "kept", "Kyiv")]
    plan = StandInPlan("التقى جون سميث في كييف", ((0, "John Smith"),))
    assert apply_stand_ins(source, hits, first, plan, "John Smith met in the capital") is None
    text, results = apply_stand_ins(source, hits, first, plan, "John Smith met in Kyiv")
    assert text == "Peskov met in Kyiv"
    assert [r.status for r in results] == ["repaired", "kept"]


@pytest.mark.parametrize("aligned", ["<unk>", "(2014)", "<extra_8168>", "«"])
def test_attention_never_takes_markup_digits_or_symbols_for_a_name(aligned):
    source = "وقال بيسكوف إن"
    target = f"Said {aligned} that"
    alignment = alignment_for(["وقال", "بيسكوف", "إن"], ["Said", aligned, "that"], [0, 1, 2])
    text, results = enforce_names(source, target, [hit(source, "بيسكوف", "Peskov")], alignment)
    assert text == target and results[0].status == "missing"
