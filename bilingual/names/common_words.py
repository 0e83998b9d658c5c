"""Common Arabic words a glossary name may fold onto (علي "Ali" = على "on").

Such an entry is matched only when the text has exactly its spelling; `glossary check`
warns about it.
"""

from __future__ import annotations

from bilingual.text.arabic import normalize

COMMON_WORDS = (
    "على",
    "إلى",
    "حتى",
    "لدى",
    "متى",
    "سوى",
    "مدى",
    "أنى",
    "يحيي",
    "هدى",
    "منى",
    "مني",
    "ألا",
    "إلا",
    "أما",
    "إما",
    "أنا",
    "إن",
    "أن",
    "من",
    "في",
    "عن",
    "مع",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "هو",
    "هي",
    "أو",
    "ثم",
    "بل",
    "كل",
    "غير",
    "عند",
    "منذ",
    "حول",
    "ضد",
    "نحو",
    "دون",
    "عبر",
    "بعد",
    "قبل",
    "أمام",
    "إذا",
    "إذ",
    "كما",
    "حيث",
    "أي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "لكن",
    "كان",
    "قال",
    "عام",
    "يوم",
    "أمس",
    "اليوم",
    "بين",
    "أيضا",
    "عدم",
    "فقط",
    "دعا",
    "رأى",
    "أدى",
    "جرى",
    "سعى",
    "نفى",
    "مضى",
    "ولي",
    "سلام",
    "عون",
    "بري",
    "أمل",
)
_COMMON_KEYS = {normalize(word): word for word in COMMON_WORDS}


def common_word_collision(arabic: str) -> str | None:
    """The common Arabic word this spelling equals after folding (None if it does not).

    A name that folds onto a function word (علي → على) would fire on every preposition;
    such entries are matched only in their exact spelling.
    """
    return _COMMON_KEYS.get(normalize(arabic))
