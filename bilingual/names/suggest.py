"""Names the glossary does not know yet, found where Arabic news announces a name.

No offline Arabic NER works without torch and downloaded models (see the shared research),
but wire copy introduces almost every name with a cue: a title before a person (الناطق
باسم الكرملين دميتري بيسكوف، وزير الخارجية الليتواني ...), a place noun before a place
(مدينة الفاشر، مخيم جنين), an organisation noun before an organisation (حركة ..., وكالة
...). The words right after such a cue that no glossary entry covers are suggestions for
editors to review and add with `bilingual glossary add`: they are never used to translate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.document import Block, Document
from bilingual.names.cues import ORG_CUES, PERSON_CUES, PLACE_CUES, folded
from bilingual.text.arabic import normalize

_folded = folded  # word lists below are written as spelled and compared folded
_PERSON_CUES, _PLACE_CUES, _ORG_CUES = PERSON_CUES, PLACE_CUES, ORG_CUES
# Words that end a candidate: particles, prepositions, common nouns and verbs of news copy.
_STOP = _folded(
    """في من إلى على عن مع أن إن أو ثم قد لقد ما لا لم لن الذي التي الذين هذا هذه ذلك تلك كان
    كانت يوم اليوم أمس خلال بعد قبل منذ حيث بين عند لدى حول ضد نحو عبر إلا إنه إنها أنه أنها
    الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد باسم العام السابق الحالي الجديد الأسبق
    نظيره نظيرته نظيريه جميع كل بعض عقب إثر مباشرة أيضا وفق بحسب حسب حوالي نفسه نفسها شخصيا
    قال قالت أكد أكدت أعلن أعلنت أضاف أضافت دعا دعت شدد شددت أشار أشارت أوضح أوضحت رأى
    اعتبر اعتبرت وصف وصفت بحث بحثت التقى التقت زار زارت وقع وقعت تعهد تعهدت حذر حذرت نفى
    نفت طالب طالبت أرسل أرسلت بعث بعثت رحب رحبت اتهم اتهمت أمر أمرت يقول تقول يرى ترى
    هيئة مجلس لجنة وزارة حكومة بلدية جهاز مكتب ديوان دولة سلطة قوات جيش الوزراء
    مرة أخرى لاحقا أمام صباح مساء ليلة الليلة غدا"""
)
_ON_BEHALF_OF = normalize("باسم")  # الناطق باسم الكرملين: skip the body he speaks for
_OPENERS = tuple('«("“[')
_MAX_WORDS = {"person": 4, "place": 2, "org": 4}
_CLITIC = re.compile("^(?:و|ف)?(?:ب|ل|ك)?")
_WORD = re.compile(r"\S+")
_EDGE_PUNCT = "«»\"'()[]{}.,،؛:!?؟…“”"
_ARABIC_ONLY = re.compile("^[\u0621-\u064a\u0660-\u0669\u0671-\u06d3\u064b-\u065f\u0670\u0640-]+$")


@dataclass
class Suggestion:
    arabic: str  # as first written (without attached clitics)
    kind: str  # person, place or org: what the cue announced
    count: int
    example: str  # the sentence it was first seen in


def _cue_kind(word: str) -> str | None:
    bare = normalize(word.strip(_EDGE_PUNCT))
    for candidate in (bare, _CLITIC.sub("", bare, count=1)):
        if candidate in _PERSON_CUES:
            return "person"
        if candidate in _PLACE_CUES:
            return "place"
        if candidate in _ORG_CUES:
            return "org"
    return None


def _is_description(word: str) -> bool:
    """Nisba adjectives and office words after a title (الروسي، الخارجية، الأمريكية)."""
    bare = normalize(word.strip(_EDGE_PUNCT))
    return bare.startswith("ال") and bare.endswith(("ي", "يه", "ين", "ون")) and bare not in _STOP


_JOINERS = _folded("عبد أبو بن بنت ابن")  # عبد العاطي، أبو الغيط: the article belongs to the name


def _ends_run(word: str, kind: str, previous: str | None) -> bool:
    """Whether `word` cannot continue (or start) the name announced by a cue of `kind`."""
    stripped = word.strip(_EDGE_PUNCT)
    bare = normalize(stripped)
    if not bare or word.startswith(_OPENERS) or not _ARABIC_ONLY.match(stripped):
        return True
    unclitic = _CLITIC.sub("", bare, count=1)
    if bare in _STOP or unclitic in _STOP or _cue_kind(word) is not None:
        return True
    if bare.startswith("لل") or (bare != unclitic and unclitic.startswith("ال")):
        return True  # للصحافيين، بالعاصمة: the sentence goes on, the name has ended
    if bare.startswith("ال") and previous is not None and normalize(previous.strip(_EDGE_PUNCT)) in _JOINERS:
        return False
    if kind == "person" and previous is None and bare.startswith("ال"):
        return True  # a name after a title does not start with the article ("الرئيس الذي…")
    if kind == "place" and previous is not None and (bare.startswith("ال") or bare.endswith(("ين", "ون", "ات"))):
        return True  # مخيم الزعتري عائدين: the place has ended
    return False


def _candidates(block: Block):
    """(start, end, kind) of word runs announced by a cue and covered by no glossary hit.

    For organisations the cue is part of the name (وكالة يونهاب، حركة الشباب); for people
    and places it is not (الوزير X، مدينة Y)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(block.text)]
    covered = [(h.start - len(h.prefix), h.end) for h in block.names]
    i = 0
    while i < len(words):
        kind = _cue_kind(words[i][2])
        if kind is None or words[i][2][-1] in _EDGE_PUNCT:
            i += 1
            continue
        j = i + 1
        if kind == "person":  # skip descriptions: "وزير الخارجية الليتواني", "الناطق باسم الكرملين"
            while j < len(words) and (_is_description(words[j][2]) or normalize(words[j][2]) == _ON_BEHALF_OF):
                j += 2 if normalize(words[j][2]) == _ON_BEHALF_OF else 1
        run: list[int] = []
        while j < len(words) and len(run) < _MAX_WORDS[kind]:
            if _ends_run(words[j][2], kind, words[run[-1]][2] if run else None):
                break
            start, end, word = words[j]
            if any(a < end and start < b for a, b in covered):
                run = []
                break  # the glossary already knows this name
            run.append(j)
            j += 1
            if word[-1] in _EDGE_PUNCT:
                break
        if run:
            start = words[run[0]][0]
            if kind == "org":  # the cue is part of the name, its clitic is not (ووكالة → وكالة)
                cue = words[i][2]
                bare_cue = cue[len(cue) - len(_CLITIC.sub("", cue, count=1)) :]
                start = words[i][0] + (len(cue) - len(bare_cue) if normalize(bare_cue) in _ORG_CUES else 0)
            end = words[run[-1]][0] + len(words[run[-1]][2].rstrip(_EDGE_PUNCT))
            yield start, end, kind
        i = max(i + 1, j)


def suggest_names(documents: list[Document]) -> list[Suggestion]:
    """Cue-announced names the glossary does not cover, most frequent first.

    Blocks must already carry their glossary hits (`annotate_names`)."""
    found: dict[str, Suggestion] = {}
    for document in documents:
        for block in document.blocks:
            for start, end, kind in _candidates(block):
                text = block.text[start:end].strip(_EDGE_PUNCT)
                key = normalize(text)
                if key in found:
                    found[key].count += 1
                    continue
                sentence = next((s.text for s in block.sentences if s.start <= start < s.end), block.text)
                found[key] = Suggestion(text, kind, 1, sentence)
    return sorted(found.values(), key=lambda s: (-s.count, s.arabic))
