"""Names the glossary does not know yet, with an English guess, for an editor to review.

No offline Arabic NER works without torch and downloaded models (see the shared research),
but news copy gives names away in three ways, and each is a source of suggestions:

* a cue: a title before a person (الناطق باسم الكرملين دميتري بيسكوف، وزير الخارجية الليتواني
  ...; in a cabinet list, the portfolio: "الصناعة جو عيسى الخوري،"), a place noun before a place
  (مدينة الفاشر، مطار "فنوكوفو 2"), an organisation noun before an organisation (حركة ...،
  وكالة ...);
* the shape of a transliterated foreign word: letter sequences native words (almost) never
  have (ـوف، ـسكي، ـبرغ، ـيتش، تش…, `words.foreign_marked`) on a word that is no common Arabic
  word form;
* a wire agency's abbreviation in parentheses: «(أ ب)»، «(د ب أ)»;
* a speaker named between a verb of saying and إن/أن: "وقال X Y إن …".

Words a glossary hit covers are not suggested again. Each suggestion carries an English guess
(`transliterate`: letters, or the abbreviation's initials), how often and in how many documents
it was seen, and the sentence it was first seen in. Suggestions are never used to translate;
editors add the right ones with `bilingual glossary add`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.document import Block, Document, UnknownName
from bilingual.names.cues import ORG_CUES, PORTFOLIOS, SAYS, STOP_WORDS, THAT, cue_kind, folded
from bilingual.names.nameparts import common_forms as _common_forms
from bilingual.names.nameparts import common_inflection as _is_common_inflection
from bilingual.names.nameparts import foreign_word as _foreign_word
from bilingual.names.nameparts import given_names, known_word, name_like, prose_word
from bilingual.names.nameparts import is_common as _is_common
from bilingual.names.transliterate import initials, transliterate
from bilingual.names.words import is_word_form, native_shape
from bilingual.text.arabic import ARABIC_DIGITS, ARABIC_LETTERS, ARABIC_MARKS, normalize

_folded = folded  # word lists below are written as spelled and compared folded
_DESCRIBED_BY = _folded("لدى في إلى الى")  # السفير الروسي لدى العراق X: skip "لدى العراق"
_JOINERS = _folded("عبد أبو بن بنت ابن")  # عبد العاطي، أبو الغيط: the article belongs to the name
_STOP_IN_YA = frozenset(normalize(w) for w in ("على", "إلى", "لدى", "حتى", "متى"))  # fold onto names in ي
_OFFICE = _folded("السابق الحالي الأسبق الجديد المكلف المنتخب أول الأول الركن الراحل")  # الرئيس الأمريكي السابق X
_ON_BEHALF_OF = normalize("باسم")  # الناطق باسم الكرملين: skip the body he speaks for
_OPENERS = tuple('«("“[')
_MAX_WORDS = {"person": 4, "place": 2, "org": 4, "other": 2}
# Nouns before the name of a thing: a vessel, a price index (سفينة "X"، مؤشر X); like a place
# noun, the cue is not part of the name.
_THING_CUES = _folded("سفينة السفينة ناقلة الناقلة مؤشر")
# Political bodies are often named by a plain definite noun (حزب العمال، جبهة الخلاص).
_BODY_CUES = _folded("حزب جبهة ائتلاف تيار جماعة")
_CLITIC = re.compile("^(?:و|ف)?(?:ب|ل|ك)?")
_WORD = re.compile(r"\S+")
_EDGE_PUNCT = "«»\"'()[]{}.,،؛:!?؟…“”"
_ARABIC_ONLY = re.compile(f"^[{ARABIC_LETTERS}{ARABIC_MARKS}{ARABIC_DIGITS}\u0640-]+$")
_NUMBER = re.compile(r"^[0-9\u0660-\u0669]{1,3}[»\"”]?[.,،]?$")  # فنوكوفو 2
_AGENCY = re.compile(rf"\(\s*((?:[{ARABIC_LETTERS}]\s*[.\s]\s*){{1,4}}[{ARABIC_LETTERS}])\s*\)")


@dataclass
class Suggestion:
    arabic: str  # as first written (without attached clitics)
    kind: str  # person, place, org or agency: what the cue announced; "other" for a foreign shape
    count: int
    example: str  # the sentence it was first seen in
    english: str = ""  # a guess (transliteration, or an abbreviation's initials): to be checked
    source: str = "cue"  # cue, shape or agency
    documents: int = 1  # in how many documents it was seen


def _bare(word: str) -> str:
    return normalize(word.strip(_EDGE_PUNCT))


def _cue_kind(word: str, previous: str = "") -> str | None:
    bare = _bare(word)
    kind = cue_kind(bare)
    if kind is not None:
        return kind
    if bare in _THING_CUES or _CLITIC.sub("", bare, count=1) in _THING_CUES:
        return "other"
    if previous.endswith(("،", ",")) and bare.removeprefix("و") in PORTFOLIOS:
        return "person"  # a cabinet list: "، الصناعة جو عيسى الخوري"
    return None


def _is_description(word: str) -> bool:
    """Nisba adjectives and office words after a title (الروسي، الخارجية، الأمريكية)."""
    bare = _bare(word)
    bare = bare[1:] if bare.startswith("وال") else bare  # وزير الخارجية والمغتربين
    return bare.startswith("ال") and bare.endswith(("ي", "يه", "ين", "ون")) and bare not in STOP_WORDS


def _ends_run(word: str, kind: str, previous: str | None) -> bool:
    """Whether `word` cannot continue (or start) the name announced by a cue of `kind`."""
    stripped = word.strip(_EDGE_PUNCT)
    bare = normalize(stripped)
    if previous is not None and _NUMBER.match(word) and kind != "person":
        return False  # فنوكوفو 2
    if not bare or (previous is not None and word.startswith(_OPENERS)) or not _ARABIC_ONLY.match(stripped):
        return True
    unclitic = _CLITIC.sub("", bare, count=1)
    if previous is not None and bare in _JOINERS:
        return False  # سالم بن خالد: the chain goes on
    given = bare in given_names()  # فؤاد، بسام، وليد: no clitic on an everyday word
    if stripped.endswith("ي") and bare in _STOP_IN_YA:
        pass  # علي (Ali) is not على (on)
    elif bare in STOP_WORDS or unclitic in STOP_WORDS or _cue_kind(word) is not None:
        return True
    article = stripped.lstrip("ـ").startswith("ال")  # as typed: إلبروس has no article
    if kind == "org" and previous is not None and bare.startswith("لل") and len(bare) > 4:
        return False  # معرض القاهرة الدولي للكتاب: the purpose ends the name (the run stops after it)
    if bare.startswith("لل") or (bare != unclitic and unclitic.startswith("ال") and not given and _is_common(unclitic)):
        return True  # للصحافيين، بالعاصمة: the sentence goes on, the name has ended
    if article and previous is not None and _bare(previous) in _JOINERS:
        return False
    if kind == "person" and previous is None and article:
        return True  # a name after a title does not start with the article ("الرئيس الذي…")
    if (
        kind == "person"
        and previous is not None
        and not article
        and not given
        and _bare(previous).startswith("ال")
        and (native_shape(bare) or prose_word(bare))
        and _is_common(bare)
    ):
        return True  # a family name with the article ends the name: "محيي الدين اللباد شخصية"
    if (
        kind == "person"
        and previous is not None
        and not given
        and bare.endswith("ه")
        and _bare(previous) not in _JOINERS
        and native_shape(bare)
        and _is_common(bare)
    ):
        return True  # a feminine noun after a name: "نجيب محفوظ شخصية رئيسية"
    if (
        not given
        and bare != unclitic
        and is_word_form(unclitic, _common_forms())
        and (bare not in _common_forms() or native_shape(unclitic))
    ):
        return True  # a clitic on an everyday word (لزيارة، وشؤون): the sentence goes on
    if previous is not None and kind != "person" and _is_common(bare) and prose_word(bare):
        return True  # "حزب العدالة مؤتمرا صحافيا": an accusative, a verb
    if previous is not None and bare[:1] in "يتن" and len(bare) >= 4 and is_word_form(bare, _common_forms()):
        return True  # an imperfect verb: "بنك المغرب يقلص"
    if kind in ("place", "other") and previous is not None and (article or bare.endswith(("ين", "ون", "ات"))):
        return True  # مخيم الزعتري عائدين: the place has ended
    return False


def _covered(block: Block) -> list[tuple[int, int]]:
    return [(h.start - len(h.prefix), h.end) for h in block.names]


def _listed_nationality(previous: str, word: str) -> bool:
    """ "، والبلغارية X": in a list of people, a nationality adjective stands for the title
    (نظيرته الكندية ميلاني جولي، والبلغارية ماريا غابرييل)."""
    bare = _bare(word)
    return previous.endswith(("،", ",")) and bare.startswith("وال") and bare.endswith(("ي", "يه")) and len(bare) > 6


def _starts_place(words: list[tuple[int, int, str]], j: int, places: list[tuple[int, int]]) -> bool:
    return j < len(words) and any(a <= words[j][0] < b for a, b in places)


def _cue_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end, kind) of word runs announced by a cue that glossary hits do not cover whole.

    For organisations the cue is part of the name (وكالة يونهاب، حركة الشباب); for people
    and places it is not (الوزير X، مدينة Y)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(block.text)]
    places = [(h.start - len(h.prefix), h.end) for h in block.names if h.kind == "place"]
    orgs = {(h.start - len(h.prefix), h.end) for h in block.names if h.kind in ("org", "agency")}
    i = 0
    while i < len(words):
        kind = _cue_kind(words[i][2], words[i - 1][2] if i else "")
        listed = kind is None
        if kind is None and i + 1 < len(words) and _listed_nationality(words[i - 1][2] if i else "", words[i][2]):
            kind = "person" if _two_name_words(words, i + 1) else None
        if kind is None or words[i][2][-1] in _EDGE_PUNCT:
            i += 1
            continue
        j = i + 1
        if kind == "person":  # skip descriptions: "وزير الخارجية الليتواني", "الناطق باسم الكرملين"
            while j < len(words):
                bare = _bare(words[j][2])
                if (
                    _is_description(words[j][2])
                    or bare in _OFFICE
                    or bare.removeprefix("و") in PORTFOLIOS
                    or _cue_kind(words[j][2]) == "person"
                ):
                    j += 1  # "الرئيس الأمريكي السابق", "معالي الشيخ"
                    if words[j - 1][2][-1] in _EDGE_PUNCT:
                        break  # "وزير الثقافة، افتتاح": the title's phrase has ended
                elif "ال" + _CLITIC.sub("", bare, count=1) in PORTFOLIOS and _starts_place(words, j + 1, places):
                    j += 2  # "بوزير خارجية نيجيريا"
                elif bare == _ON_BEHALF_OF or (bare in _DESCRIBED_BY and j + 2 < len(words)):
                    j += 2  # "باسم الكرملين", "لدى العراق"
                else:
                    break
        if j > i + 1 and words[j - 1][2][-1] in _EDGE_PUNCT:
            i = j
            continue
        run: list[int] = []
        while j < len(words) and len(run) < _MAX_WORDS[kind]:
            if _ends_run(words[j][2], kind, words[run[-1]][2] if run else None):
                break
            run.append(j)
            j += 1
            if kind == "org" and _bare(words[j - 1][2]).startswith("لل"):
                break
            hit = next(((a, b) for a, b in covered if a < words[j - 1][1] and words[j - 1][0] < b), None)
            if hit is not None and hit[1] <= words[j - 1][1] and (hit[0] < words[run[0]][0] or len(run) > 1):
                break  # a whole known name ends here (دميتري بيسكوف، بنك المغرب): so does the run
            if hit is not None and hit in orgs and len(run) == 1:
                break  # شركة أرامكو: the organisation is known
            if (
                words[run[-1]][2][-1] in _EDGE_PUNCT
                and len(words[run[-1]][2]) > 1
                and not (len(run) == 1 and words[run[-1]][2][0] in _OPENERS and words[run[-1]][2][-1] not in '»"”)')
            ):
                break
        while run and _bare(words[run[-1]][2]) in _JOINERS:
            run.pop()  # "فيصل بن فرحان بن": a patronymic chain cut by the word limit
        if run:
            start = words[run[0]][0] + (1 if words[run[0]][2][0] in _OPENERS else 0)
            end = words[run[-1]][0] + len(words[run[-1]][2].rstrip(_EDGE_PUNCT))
            uncovered = [k for k in run if not any(a < words[k][1] and words[k][0] < b for a, b in covered)]
            if (
                uncovered
                and any(_bare(words[k][2]) not in _JOINERS for k in uncovered)
                and (listed or _reads_as_name([words[k][2] for k in [i, *run]], kind, len(uncovered) < len(run)))
            ):
                if kind == "org":  # the cue is part of the name, its clitic is not (ووكالة → وكالة)
                    cue = words[i][2]
                    bare_cue = cue[len(cue) - len(_CLITIC.sub("", cue, count=1)) :]
                    start = words[i][0] + (len(cue) - len(bare_cue) if normalize(bare_cue) in ORG_CUES else 0)
                yield start, end, kind
        i = max(i + 1, j)


def _two_name_words(words: list[tuple[int, int, str]], j: int) -> bool:
    """Two words at `j` that can be a first and a family name: no article, no stop word, no
    verb or accusative, nothing between them ("، والبرتغالية إيناس كوستا")."""
    if j + 1 >= len(words) or words[j][2][-1] in _EDGE_PUNCT:
        return False
    for _, _, word in words[j : j + 2]:
        bare = _bare(word)
        stripped = word.strip(_EDGE_PUNCT)
        if not bare or bare.startswith("ال") or bare in STOP_WORDS or not _ARABIC_ONLY.match(stripped):
            return False
        if _cue_kind(word) is not None or (_is_common(bare) and prose_word(bare) and not name_like(bare)):
            return False
    return True


def _opens_name(bare: str) -> bool:
    """Whether a word can open a personal name: a compound (عبد…، أبو…), a given name or a
    foreign shape (`name_like`), or a word that is no common form at all."""
    return bare.startswith(("عبد", "ابو")) or name_like(bare) or not _is_common(bare)


def _reads_as_name(run: list[str], kind: str, has_known: bool) -> bool:
    """Whether a cue's run (`run[0]` the cue) holds a name, not prose. A person's name opens with a given name,
    a compound (عبد…، أبو…) or a word that is no common form ("الوزير جرى…" is no name). An
    organisation or thing needs a word that is no common form, a known name inside (مركز مصر
    للمعارض), or quotes ("مؤتمر صحافي"، "ناقلة نفط" are prose)."""
    cue, bares = _CLITIC.sub("", _bare(run[0]), count=1), [_bare(w) for w in run[1:]]
    run = run[1:]
    if kind == "person":
        return _opens_name(bares[0])
    if kind in ("org", "other"):
        quoted = run[0][:1] in _OPENERS
        body = cue in _BODY_CUES and bares[0].startswith("ال")
        known = has_known or any(known_word(b) for b in bares)
        rare = any(not _is_common(b) or (b not in _common_forms() and not native_shape(b)) for b in bares)
        return quoted or known or body or rare  # rare: إلتا is no inflection of a common word
    return True


def _shape_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of runs of foreign-shaped words no glossary hit covers: a word with a
    foreign mark that is no common Arabic form, and next to it words that are no common forms
    either (a first name: فيرمين لوبيز)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(block.text)]

    def plain(k: int) -> bool:
        start, end, word = words[k]
        stripped = word.strip(_EDGE_PUNCT)
        bare = normalize(stripped)
        return (
            bool(bare)
            and _ARABIC_ONLY.match(stripped) is not None
            and bare not in STOP_WORDS
            and not bare.startswith("ال")
            and not any(a < end and start < b for a, b in covered)
            and not _is_common(bare)
        )

    def foreign(k: int) -> bool:
        start, end, word = words[k]
        stripped = word.strip(_EDGE_PUNCT)
        return (
            _ARABIC_ONLY.match(stripped) is not None
            and _foreign_word(normalize(stripped))
            and not any(a < end and start < b for a, b in covered)
        )

    k = 0
    while k < len(words):
        if not foreign(k):
            k += 1
            continue
        first = k
        if first > 0 and plain(first - 1) and words[first - 1][2][-1] not in _EDGE_PUNCT:
            first -= 1
        start = words[first][0]
        end = words[k][0] + len(words[k][2].rstrip(_EDGE_PUNCT))
        yield start, end
        k += 1


def _joined_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of a name joined by و to a known person: "التقى فيصل بن فرحان وكاميرون".
    The word after و must read as a name (a given name, or a foreign shape that is no
    inflected common word: not "وحكومته"، "ومسؤولين")."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(block.text)]
    people = [h.end for h in block.names if h.kind == "person"]
    for k, (start, end, word) in enumerate(words):
        if start == 0 or not word.startswith("و") or not any(0 < start - e <= 1 for e in people):
            continue
        if not block.text[start - 1].isspace() or any(a < end and start < b for a, b in covered):
            continue
        bare = _bare(word)[1:]
        if (
            not _ARABIC_ONLY.match(word.strip(_EDGE_PUNCT))
            or "و" + bare in _common_forms()
            or _is_common_inflection(bare)
        ):
            continue  # ووفداً، وأمير: a word of its own
        if not name_like(bare):
            continue
        last = k
        while last + 1 < len(words) and last - k < 2 and words[last][2][-1] not in _EDGE_PUNCT:
            following = _bare(words[last + 1][2])
            if _is_common(following) and (not name_like(following) or prose_word(following)):
                break  # "وكورنيليوس فاندربيلت محادثات"
            if _ends_run(words[last + 1][2], "person", words[last][2]) or any(
                a < words[last + 1][1] and words[last + 1][0] < b for a, b in covered
            ):
                break
            last += 1
        yield start + 1, words[last][0] + len(words[last][2].rstrip(_EDGE_PUNCT))


def _speaker_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of a speaker named right after a verb of saying: "وقال X Y إن …". Two or
    three words, no stop word, not a title, and a first word that is no noun (given names do not
    take the article; مصدر، مسؤول do, in the word list)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(block.text)]
    for i, (_, _, verb) in enumerate(words):
        if _bare(verb) not in SAYS or verb[-1] in _EDGE_PUNCT:
            continue
        for n in (2, 3):
            if i + n + 1 >= len(words) or _bare(words[i + n + 1][2]) not in THAT:
                continue
            run = words[i + 1 : i + n + 1]
            bares = [_bare(w) for _, _, w in run]
            if any(w[-1] in _EDGE_PUNCT for _, _, w in run[:-1]) or any(
                not _ARABIC_ONLY.match(w.strip(_EDGE_PUNCT)) for _, _, w in run
            ):
                continue
            if any(b in STOP_WORDS or b.startswith(("ال", "لل")) or _cue_kind(b) for b in bares[:1]):
                continue  # وقال المتحدث، وقال رئيس …: a title, not a name
            if any(b in STOP_WORDS for b in bares) or "ال" + bares[0] in _common_forms():
                continue  # مصدر مطلع: a first word that takes the article is a noun, not a given name
            if any(a < run[-1][1] and run[0][0] < b for a, b in covered):
                continue
            yield run[0][0], run[-1][0] + len(run[-1][2].rstrip(_EDGE_PUNCT))


def _agencies(block: Block, covered: list[tuple[int, int]]):
    """(start, end, letters) of wire abbreviations in parentheses: «(أ ب)», «(د ب أ)»."""
    for m in _AGENCY.finditer(block.text):
        if not any(a < m.end(1) and m.start(1) < b for a, b in covered):
            yield m.start(1), m.end(1), [ch for ch in m.group(1) if not ch.isspace() and ch != "."]


def find_unknown_names(block: Block) -> list[UnknownName]:
    """Spans of `block` that read like names no glossary hit covers, in text order, each with
    a rule-based English guess. The block must already carry its glossary hits."""
    found: list[UnknownName] = []

    def add(start: int, end: int, kind: str, source: str, english: str = "") -> None:
        while start < end and (block.text[start] in _EDGE_PUNCT or block.text[start].isspace()):
            start += 1
        while end > start and (block.text[end - 1] in _EDGE_PUNCT or block.text[end - 1].isspace()):
            end -= 1
        key = normalize(block.text[start:end])
        if not key:
            return
        if (
            source == "cue"
            and " " not in key
            and _is_common(key)
            and (native_shape(key.removeprefix("ال")) or prose_word(key))
        ):
            return  # one everyday word after a cue (الجلسة، عام): no name
        found.append(UnknownName(start, end, kind, source, english or transliterate(block.text[start:end])))

    covered = _covered(block)
    runs = list(_cue_runs(block, covered))
    for start, end, kind in runs:
        add(start, end, kind, "cue")
    taken = covered + [(a, b) for a, b, _ in runs]
    for start, end in _joined_runs(block, taken):
        add(start, end, "person", "joined")
        taken.append((start, end))
    for start, end in _shape_runs(block, taken):
        add(start, end, "other", "shape")
        taken.append((start, end))
    for start, end in _speaker_runs(block, taken):
        add(start, end, "person", "speaker")
    for start, end, letters in _agencies(block, covered):
        add(start, end, "agency", "agency", initials(letters))
    return sorted(found, key=lambda u: (u.start, u.end))


def suggest_names(documents: list[Document]) -> list[Suggestion]:
    """Names no glossary row covers, most frequent first, each with an English guess.

    Blocks must already carry their glossary hits (`annotate_names`)."""
    found: dict[str, Suggestion] = {}
    seen_in: dict[str, set[int]] = {}
    for index, document in enumerate(documents):
        for block in document.blocks:
            for unknown in find_unknown_names(block):
                text = block.text[unknown.start : unknown.end]
                key = normalize(text)
                seen_in.setdefault(key, set()).add(index)
                if key in found:
                    found[key].count += 1
                    found[key].documents = len(seen_in[key])
                    continue
                sentence = next((s.text for s in block.sentences if s.start <= unknown.start < s.end), block.text)
                found[key] = Suggestion(text, unknown.kind, 1, sentence, unknown.guess, unknown.source)
    return sorted(found.values(), key=lambda s: (-s.documents, -s.count, s.arabic))


def suggestion_note(suggestion: Suggestion, width: int = 60) -> str:
    """The note cell of a `glossary suggest --csv` row: that the English is a guess, how it was
    found, how often, and a short context (the start of the sentence it was first seen in)."""
    context = " ".join(suggestion.example.split())
    if len(context) > width:
        at = context.find(suggestion.arabic)
        begin = max(0, min(at - width // 3, len(context) - width)) if at >= 0 else 0
        context = ("…" if begin else "") + context[begin : begin + width] + "…"
    seen = f"seen {suggestion.count}x" + (f" in {suggestion.documents} files" if suggestion.documents > 1 else "")
    return f"english guessed; {suggestion.source}; {seen}; {context}"
