"""Recognising plain and scraped article layouts (fixtures written for these tests)."""

import os
from collections import Counter
from pathlib import Path

import pytest

from bilingual.reading.layout import parse_text

HEAD1 = "الحكومة تعلن خطة جديدة للنقل العام في العاصمة"
CAP1 = "حافلات في محطة وسط المدينة (أ.ف.ب)"
HEAD2 = "منتخب الشباب يفوز بالبطولة الإقليمية"
CAP2 = "لاعبو المنتخب يحتفلون بالكأس (رويترز)"

SCRAPED = f"""{HEAD1}

{CAP1}
{CAP1}
TT

{HEAD1}

{CAP1}
{CAP1}

أعلنت الحكومة اليوم خطة لتوسيع شبكة الحافلات.
وقال الوزير إن الخطة تشمل 40 خطاً جديداً.
وتبدأ المرحلة الأولى في الربيع المقبل.



{HEAD2}

{CAP2}
{CAP2}
TT

{HEAD2}

{CAP2}
{CAP2}

فاز منتخب الشباب بالبطولة بعد مباراة نهائية مثيرة.

وسجل المهاجم هدفين في الشوط الثاني.

وقال المدرب إن الفوز ثمرة عمل طويل.

ويستعد المنتخب الآن للمشاركة في كأس العالم.
"""

PLAIN = """افتتاح معرض الكتاب بمشاركة 30 دولة

افتتح وزير الثقافة معرض الكتاب صباح اليوم.

وتشارك في المعرض دور نشر من 30 دولة.
"""


def kinds(article):
    return Counter(b.kind for b in article.blocks)


def test_scraped_layout_two_articles_with_furniture_removed():
    articles = parse_text(SCRAPED)
    assert [a.layout for a in articles] == ["scraped", "scraped"]
    first, second = articles
    assert first.headline == HEAD1 and second.headline == HEAD2
    assert [b.text for b in first.blocks if b.kind == "caption"] == [CAP1]
    assert [b.text for b in second.blocks if b.kind == "caption"] == [CAP2]
    assert kinds(first) == {"headline": 1, "caption": 1, "paragraph": 3}
    assert kinds(second) == {"headline": 1, "caption": 1, "paragraph": 4}
    every_text = [b.text for a in articles for b in a.blocks]
    assert "TT" not in every_text
    assert every_text.count(HEAD1) == 1 and every_text.count(CAP1) == 1


def test_scraped_caption_is_not_split_at_its_credit():
    caption = parse_text(SCRAPED)[0].blocks[1]
    assert caption.kind == "caption" and len(caption.sentences) == 1


def test_plain_layout():
    (article,) = parse_text(PLAIN)
    assert article.layout == "plain"
    assert article.headline == "افتتاح معرض الكتاب بمشاركة 30 دولة"
    assert kinds(article) == {"headline": 1, "paragraph": 2}


def test_plain_layout_with_caption_credit_line():
    text = "عنوان الخبر هنا\n\nصورة من الموقع (أ.ف.ب)\n\nالفقرة الأولى من الخبر.\nالفقرة الثانية.\n"
    (article,) = parse_text(text)
    assert [b.kind for b in article.blocks] == ["headline", "caption", "paragraph", "paragraph"]


def test_hard_wrapped_paragraphs_are_joined_when_blank_lines_separate_paragraphs():
    text = "عنوان\n\nهذه فقرة طويلة مقسومة\nعلى سطرين.\n\nوهذه فقرة ثانية.\n"
    (article,) = parse_text(text)
    assert [b.text for b in article.blocks[1:]] == ["هذه فقرة طويلة مقسومة على سطرين.", "وهذه فقرة ثانية."]


def test_single_newline_paragraphs_are_never_joined():
    text = "عنوان\n\nفقرة أولى بلا نقطة\nفقرة ثانية بلا نقطة\nفقرة ثالثة\n"
    (article,) = parse_text(text)
    assert len([b for b in article.blocks if b.kind == "paragraph"]) == 3


def test_a_body_sentence_repeated_nearby_does_not_open_a_new_article():
    repeated = "وقال المتحدث إن المفاوضات ستستمر."
    text = f"عنوان الخبر\n\nفقرة أولى.\n{repeated}\nفقرة ثانية.\nفقرة ثالثة.\n{repeated}\nفقرة أخيرة.\n"
    (article,) = parse_text(text)
    assert [b.text for b in article.blocks].count(repeated) == 2
    assert len(article.blocks) == 7


def test_no_body_line_is_ever_dropped():
    articles = parse_text(SCRAPED)
    body = " ".join(b.text for a in articles for b in a.blocks)
    for line in SCRAPED.splitlines():
        if line.strip() and line.strip() != "TT":
            assert line.strip() in body


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2029"])
def test_any_newline_convention(newline):
    articles = parse_text(SCRAPED.replace("\n", newline))
    assert [kinds(a)["paragraph"] for a in articles] == [3, 4]


SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_f26068fdea32fa13.txt"


@pytest.mark.skipif(
    not SEED.exists() and not os.environ.get("CI"),  # CI always has shared/ beside the clone: never skip there
    reason="the shared seed article is not beside this checkout",
)
def test_seed_file_structure():
    articles = parse_text(SEED.read_text(encoding="utf-8"))
    assert len(articles) == 2
    for article in articles:
        counts = kinds(article)
        assert counts["headline"] == 1 and counts["caption"] == 1
        caption = next(b for b in article.blocks if b.kind == "caption")
        assert len(caption.sentences) == 1
        assert all(b.text != "TT" for b in article.blocks)
    # The seed's first article has 11 body paragraphs; its second has 9 body lines.
    assert [kinds(a)["paragraph"] for a in articles] == [11, 9]
