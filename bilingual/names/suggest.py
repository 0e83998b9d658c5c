"""Names the glossary does not know yet, with an English guess, for an editor to review.

No offline Arabic NER works without torch and downloaded models (see the shared research),
but news copy gives names away in several ways, and each is a source of suggestions:

* a cue (`suggest_cues`): a title or honorific before a person (الناطق باسم الكرملين دميتري
  بيسكوف، معالي الشيخ ...، الأديب ...; in a cabinet list, the portfolio: "الصناعة جو عيسى
  الخوري،"; in a list of people, a nationality adjective: "، والبلغارية ..."), a place noun
  before a place (مدينة الفاشر، مطار "فنوكوفو 2"), an organisation noun before an
  organisation (حركة ...، وكالة ...، بورصة ...), a vessel or index noun before a thing
  (سفينة "..."، مؤشر ...); runs that read as prose are dropped (مؤتمر صحافي، ناقلة نفط);
* a name joined by و to a known person ("التقى فيصل بن فرحان وكاميرون"), or set off by a
  comma before its title ("حضر X Y، وزير الثقافة");
* two or more adjacent words that no inflection of the Arabic word list explains (`_rare_runs`);
* the shape of a transliterated foreign word: letter sequences native words (almost) never
  have (ـوف، ـسكي، ـبرغ، ـيتش، تش…, `words.foreign_marked`) on a word that is no common Arabic
  word form;
* a wire agency's abbreviation in parentheses: «(أ ب)»، «(د ب أ)»;
* a speaker named between a verb of saying and إن/أن: "وقال X Y إن …";
* a known given name right before a word the word list lacks: "مدير الشركة مصطفى قيطوني";
* later mentions of a suggested person by a family name the word list lacks, anywhere in the
  document ("… الذي كان يشغله بوطرفة", `document_unknowns`).

Words a glossary hit covers are not suggested again. Each suggestion carries an English guess
(`transliterate`: letters, or the abbreviation's initials), how often and in how many documents
it was seen, and the sentence it was first seen in. Suggestions are never used to translate;
editors add the right ones with `bilingual glossary add`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.document import Block, Document, UnknownName
from bilingual.names.cues import SAYS, STOP_WORDS, THAT
from bilingual.names.inside import with_longer_names
from bilingual.names.nameparts import common_forms as _common_forms
from bilingual.names.nameparts import common_inflection as _is_common_inflection
from bilingual.names.nameparts import foreign_word as _foreign_word
from bilingual.names.nameparts import given_names, name_like, prose_word, suffixed_common
from bilingual.names.nameparts import is_common as _is_common
from bilingual.names.suggest_cues import (
    AGENCY,
    ARABIC_ONLY,
    EDGE_PUNCT,
    JOINERS,
    WORD,
    bare_word,
    covered_spans,
    cue_kind_of,
    cue_runs,
    ends_run,
    opens_name,
    overlaps,
)
from bilingual.names.transliterate import initials, transliterate
from bilingual.names.words import native_shape
from bilingual.text.arabic import normalize


@dataclass
class Suggestion:
    arabic: str  # as first written (without attached clitics)
    kind: str  # person, place, org or agency: what the cue announced; "other" for a foreign shape
    count: int
    example: str  # the sentence it was first seen in
    english: str = ""  # a guess (transliteration, or an abbreviation's initials): to be checked
    source: str = "cue"  # cue, joined, apposed, shape, rare, given, quoted, speaker, agency or repeated
    documents: int = 1  # in how many documents it was seen


def _rare_word(item: tuple[int, int, str], covered: list[tuple[int, int]]) -> bool:
    """A word that is no common Arabic form in any inflection, has no article, is no stop word
    and no glossary hit covers it."""
    start, end, word = item
    stripped = word.strip(EDGE_PUNCT)
    bare = bare_word(word)
    return (
        len(bare) >= 3
        and ARABIC_ONLY.match(stripped) is not None
        and bare not in STOP_WORDS
        and not bare.startswith("ال")
        and not overlaps(start, end, covered)
        and not _is_common(bare)
    )


def _participle(bare: str) -> bool:
    """A participle of a derived verb (مست…، مت…: مستمر، متواصل) the word list has: an
    adjective after a cue ("للكوليرا مستمر"), not a name. Form-I participles (مفعول) stay:
    many are given names (محجوب، مسعود، منصور)."""
    return len(bare) >= 5 and bare.startswith(("مست", "مت")) and bare in _common_forms() and bare not in given_names()


def _inflected(bare: str) -> bool:
    """The marks of an Arabic inflection the word list may not hold (تؤوي، نازحين، طواقمه،
    انتشلت، للتضخم): an imperfect prefix, a plural, pronoun or past ending, a clitic article."""
    return (
        (bare[0] in "يتن" and len(bare) >= 4 and native_shape(bare[1:]))
        or bare.startswith(("سي", "ست", "سن", "لل", "بال", "وال", "فال", "كال"))
        or bare.endswith(("ين", "ون", "ات", "ه", "ها", "هم", "ت", "وا"))
    )


def _rare_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of two or more adjacent words that are all absent from the Arabic word
    list (`_rare_word`): a transliterated name with no cue and no foreign ending (مايتاما
    توجار). One such word alone is too often a typo or a rare inflection."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]
    k = 0
    while k < len(words):
        last = k
        while (
            last < len(words)
            and _rare_word(words[last], covered)
            and not _inflected(normalize(words[last][2].strip(EDGE_PUNCT)))
            and (last == k or words[last - 1][2][-1] not in EDGE_PUNCT)
            and not (last > k and words[last][2][0] in '«"“(')
        ):
            last += 1
        if last - k >= 2:
            yield words[k][0], words[last - 1][0] + len(words[last - 1][2].rstrip(EDGE_PUNCT))
        k = max(k + 1, last)


def _shape_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of runs of foreign-shaped words no glossary hit covers: a word with a
    foreign mark that is no common Arabic form, and next to it words that are no common forms
    either (a first name: فيرمين لوبيز)."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]

    def plain(k: int) -> bool:  # no common word, or a given name: ألكسندر ميتروفيتش
        start, end, word = words[k]
        given = bare_word(word) in given_names() and not overlaps(start, end, covered)
        return given or _rare_word(words[k], covered)

    def foreign(k: int) -> bool:
        start, end, word = words[k]
        stripped = word.strip(EDGE_PUNCT)
        bare = normalize(stripped)
        return (
            ARABIC_ONLY.match(stripped) is not None
            and _foreign_word(bare)
            and not (bare[:1] in "وف" and bare[1:] in STOP_WORDS)  # وسوف: a particle, not ـوف
            and not overlaps(start, end, covered)
        )

    k = 0
    while k < len(words):
        if not foreign(k):
            k += 1
            continue
        first = k
        if first > 0 and plain(first - 1) and words[first - 1][2][-1] not in EDGE_PUNCT:
            first -= 1
        start = words[first][0]
        if first == k and words[k][2].startswith("و") and _foreign_word(normalize(words[k][2].strip(EDGE_PUNCT))[1:]):
            start += 1  # وجوزيف: the conjunction is not part of the name
        end = words[k][0] + len(words[k][2].rstrip(EDGE_PUNCT))
        yield start, end
        k += 1


def _apposed_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of a name set off by a comma before its title: "حضر سالم بن خالد القاسمي،
    وزير الثقافة، الحفل". Two to four words back from the comma, the first one able to open a
    name (`opens_name`: حضر cannot), none a stop word, a cue or a known name."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]

    def free(k: int) -> bool:
        start, end, word = words[k]
        return not overlaps(start, end, covered) and ARABIC_ONLY.match(word.strip(EDGE_PUNCT)) is not None

    for k, (_, end, word) in enumerate(words):
        if k == 0 or not word.endswith(("،", ",")) or k + 1 >= len(words) or not free(k):
            continue
        if cue_kind_of(words[k + 1][2]) != "person":
            continue
        first = k
        while first > 0 and k - first < 3 and free(first - 1) and words[first - 1][2][-1] not in EDGE_PUNCT:
            if bare_word(words[first - 1][2]) in STOP_WORDS or cue_kind_of(words[first - 1][2]) is not None:
                break
            first -= 1
        for p in range(first, k):
            if not opens_name(bare_word(words[p][2])) or ends_run(words[p][2], "person", None):
                continue
            if all(not ends_run(words[q][2], "person", words[q - 1][2]) for q in range(p + 1, k + 1)):
                yield words[p][0], end - 1
            break


def _joined_runs(block: Block, covered: list[tuple[int, int]], named: tuple[int, ...] = (), own: bool = True):
    """(start, end) of a name joined by و to a known person: "التقى فيصل بن فرحان وكاميرون".
    The word after و must read as a name (a given name, or a foreign shape that is no
    inflected common word: not "وحكومته"، "ومسؤولين")."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]
    people = [h.end for h in block.names if h.kind == "person" and own] + list(named)
    for k, (start, end, word) in enumerate(words):
        if start == 0 or not word.startswith("و") or not any(0 < start - e <= 1 for e in people):
            continue
        if not block.text[start - 1].isspace() or overlaps(start, end, covered):
            continue
        bare = bare_word(word)[1:]
        compound = (
            bare in ("عبد", "ابو") and k + 1 < len(words) and bare_word(words[k + 1][2]).startswith("ال")
        )  # وعبد الرزاق، وأبو الغيط: a compound given name, whatever the word list says of وعبد
        if not compound and (
            not ARABIC_ONLY.match(word.strip(EDGE_PUNCT))
            or "و" + bare in _common_forms()
            or _is_common_inflection(bare)
        ):
            continue  # ووفداً، وأمير: a word of its own
        if not compound and not name_like(bare):
            continue
        last = k
        while last + 1 < len(words) and words[last][2][-1] not in EDGE_PUNCT:
            following = bare_word(words[last + 1][2])
            if following == _ALLAH and last > k and not overlaps(words[last + 1][0], words[last + 1][1], covered):
                last += 1  # حمد الله، فضل الله: a family name of two words, the second الله
                break
            if last - k >= 2 + compound:
                break
            if (last > k or not compound) and _is_common(following) and not name_like(following):
                break  # "وكورنيليوس فاندربيلت محادثات"
            if ends_run(words[last + 1][2], "person", words[last][2]) or overlaps(
                words[last + 1][0], words[last + 1][1], covered
            ):
                break
            last += 1
        yield start + 1, words[last][0] + len(words[last][2].rstrip(EDGE_PUNCT))


_ALLAH = normalize("الله")
_PROCLITIC_LETTERS = "وفبلك"  # one proclitic letter before a word: و، ف، ب، ل، ك


def _given_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of a known given name (`given_names`) right before a word the word list
    lacks in every inflection: "مدير الشركة مصطفى قيطوني"، "وخلفه سامي بلعيدي". A given name
    and an unknown family name read as a person wherever they stand, with or without a title
    before them. The given name must be no verb or accusative (`prose_word`), the second word
    no inflected form (`_inflected`) and nothing may come between them."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]
    for k in range(len(words) - 1):
        first, second = words[k], words[k + 1]
        if first[2][-1] in EDGE_PUNCT or second[2][0] in EDGE_PUNCT:
            continue
        given = bare_word(first[2])
        if given not in given_names() or prose_word(given) or not ARABIC_ONLY.match(first[2]):
            continue
        if given in STOP_WORDS or (given[:1] in _PROCLITIC_LETTERS and given[1:] in STOP_WORDS):
            continue  # بأن folds to بان (Ban), باسم (Basim) is "in the name of"
        if first[2].endswith("ى"):
            continue  # على "on" folds to علي (Ali)
        family = normalize(second[2].strip(EDGE_PUNCT))
        if not _rare_word(second, covered) or _inflected(family) or overlaps(first[0], first[1], covered):
            continue
        yield first[0], second[0] + len(second[2].rstrip(EDGE_PUNCT))


def _speaker_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of a speaker named right after a verb of saying: "وقال X Y إن …", or with
    his title right after the name: "وقال X بن Y Z وزير الدولة …" (wire copy). Two or
    three words (four with بن), no stop word, not a title, and a first word that is no noun (given names do not
    take the article; مصدر، مسؤول do, in the word list)."""
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(block.text)]
    for i, (_, _, verb) in enumerate(words):
        if bare_word(verb) not in SAYS or verb[-1] in EDGE_PUNCT:
            continue
        if i + 2 < len(words) and bare_word(words[i + 2][2]) in THAT and words[i + 1][2][-1] not in EDGE_PUNCT:
            alone = words[i + 1]  # "وقال جايشانكار إن": a family name alone, no word of the list
            bare = normalize(alone[2])
            if _rare_word(alone, covered) and name_like(bare) and not _inflected(bare):
                yield alone[0], alone[1]
                continue
        for n in (2, 3, 4):
            if i + n + 1 >= len(words):
                continue
            following = words[i + n + 1][2]
            first = bare_word(words[i + 1][2])
            titled = cue_kind_of(following) == "person" and (first in given_names() or first.startswith(("عبد", "ابو")))
            if bare_word(following) not in THAT and not titled:
                continue  # "وقال X Y إن"، or his title right after: "وقال X بن Y Z وزير الدولة"
            if n == 4 and not any(bare_word(w) in JOINERS for _, _, w in words[i + 2 : i + 4]):
                continue  # four words only as a patronymic chain (سعد بن شريدة الكعبي)
            run = words[i + 1 : i + n + 1]
            bares = [bare_word(w) for _, _, w in run]
            if any(w[-1] in EDGE_PUNCT for _, _, w in run[:-1]) or any(
                not ARABIC_ONLY.match(w.strip(EDGE_PUNCT)) for _, _, w in run
            ):
                continue
            if any(b in STOP_WORDS or b.startswith(("ال", "لل")) or cue_kind_of(b) for b in bares[:1]):
                continue  # وقال المتحدث، وقال رئيس …: a title, not a name
            if any(b in STOP_WORDS for b in bares) or ("ال" + bares[0] in _common_forms() and not titled):
                continue  # مصدر مطلع: a first word that takes the article is a noun, not a given name
            if overlaps(run[0][0], run[-1][1], covered):
                continue
            yield run[0][0], run[-1][0] + len(run[-1][2].rstrip(EDGE_PUNCT))


_QUOTED = re.compile(r'[«"“]([^«»"“”\n]{2,40})[»"”]')


def _quoted_runs(block: Block, covered: list[tuple[int, int]]):
    """(start, end) of a short quoted run that reads as a transliteration: the press quotes
    the names of missions, rockets, platforms and brands (الصاروخ "إس إل إس"، وكالة "عمون").
    One to three words (and a number: «فلسطين 2»), none a stop word, and letters spelt out
    (إس إل إس) or a word of foreign shape (`foreign_word`); a merely rare word is not enough:
    scare quotes go around Arabic words the word list lacks ("احترازي"، "تقوض")."""
    for m in _QUOTED.finditer(block.text):
        start, end = m.start(1), m.end(1)
        if overlaps(start, end, covered):
            continue
        words = m.group(1).split()
        if words and _NUMBER_WORD.match(words[-1]) and len(words) > 1:
            words = words[:-1]
        if not 1 <= len(words) <= 3 or any(not ARABIC_ONLY.match(w) for w in words):
            continue
        bares = [normalize(w) for w in words]
        if any(b in STOP_WORDS or len(b) < 2 for b in bares):
            continue
        if all(len(b) <= 2 for b in bares):
            if len(bares) >= 2:
                yield start, end  # spelt-out letters: "إس إل إس"
            continue
        foreign = any(_foreign_word(b) for b in bares) or (
            len(bares) == 1  # «أدنوك»، «ميرسك»: one word no inflection of the list explains, of foreign shape
            and len(bares[0]) >= 4
            and not _is_common(bares[0])
            and name_like(bares[0])
            and not bares[0].endswith(("ي", "يه", "ه"))  # «احترازي»: scare quotes on an adjective
            and not bares[0].startswith(("من", "مت", "مست"))  # «منحاز»: a participle of a derived verb
        )
        if foreign and not any(_is_common(b) and prose_word(b) for b in bares):
            yield start, end


_NUMBER_WORD = re.compile(r"^[0-9\u0660-\u0669]{1,3}$")


def _agencies(block: Block, covered: list[tuple[int, int]]):
    """(start, end, letters) of wire abbreviations in parentheses: «(أ ب)», «(د ب أ)»."""
    for m in AGENCY.finditer(block.text):
        if not overlaps(m.start(1), m.end(1), covered):
            yield m.start(1), m.end(1), [ch for ch in m.group(1) if not ch.isspace() and ch != "."]


def find_unknown_names(block: Block) -> list[UnknownName]:
    """Spans of `block` that read like names no glossary hit covers, in text order, each with
    a rule-based English guess. The block must already carry its glossary hits."""
    found: list[UnknownName] = []

    def _adverbial(end: int) -> bool:
        """A given name's spelling used as a word: "العاهل الأردني فور رؤيته" (a possessed
        verbal noun follows an adverb, not a name)."""
        following = WORD.match(block.text, end + 1) if block.text[end : end + 1] == " " else None
        return following is not None and suffixed_common(bare_word(following.group()))

    def add(start: int, end: int, kind: str, source: str, english: str = "") -> None:
        while start < end and (block.text[start] in EDGE_PUNCT or block.text[start].isspace()):
            start += 1
        while end > start and (block.text[end - 1] in EDGE_PUNCT or block.text[end - 1].isspace()):
            end -= 1
        key = normalize(block.text[start:end])
        if not key:
            return
        if (
            source == "cue"
            and " " not in key
            and _is_common(key)
            and (native_shape(key.removeprefix("ال")) or prose_word(key) or _participle(key))
            and not (kind == "person" and key in given_names() and not _adverbial(end))
            and not (kind == "org" and key.endswith("ا") and not native_shape(key))
        ):
            return  # one everyday word after a cue (الجلسة، عام): no name; a given name after a
            # title is one (الأمير فيصل، الشيخ محمد: royals and second mentions go by it), and
            # a foreign final ا after an organisation noun is no accusative (شركة جيرا)
        found.append(UnknownName(start, end, kind, source, english or transliterate(block.text[start:end])))

    covered = covered_spans(block)
    runs = list(cue_runs(block, covered))
    for start, end, kind in runs:
        add(start, end, kind, "cue")
    taken = covered + [(a, b) for a, b, _ in runs]
    for start, end in _joined_runs(block, taken):
        add(start, end, "person", "joined")
        taken.append((start, end))
    for start, end in _apposed_runs(block, taken):
        add(start, end, "person", "apposed")
        taken.append((start, end))
    for start, end in _shape_runs(block, taken):
        add(start, end, "other", "shape")
        taken.append((start, end))
    for start, end in _rare_runs(block, taken):
        add(start, end, "other", "rare")
        taken.append((start, end))
    for start, end in _given_runs(block, taken):
        add(start, end, "person", "given")
        taken.append((start, end))
    for start, end in _quoted_runs(block, taken):
        add(start, end, "other", "quoted")
        taken.append((start, end))
    for start, end in _speaker_runs(block, taken):
        add(start, end, "person", "speaker")
    # A list of people goes on after a suggested name as after a known one: "كريم بنزيما
    # وإيفان توني وعبد الرزاق حمد الله", the last joined to the one the shape rule found.
    named = tuple(u.end for u in found if u.kind == "person" or u.source == "shape")
    for _ in range(4):
        joined = list(_joined_runs(block, taken, named, own=False))
        for start, end in joined:
            add(start, end, "person", "joined")
            taken.append((start, end))
        if not joined:
            break
        named = tuple(end for _, end in joined)
    for start, end, letters in _agencies(block, covered):
        add(start, end, "agency", "agency", initials(letters))
    return sorted(with_longer_names(found, block.held), key=lambda u: (u.start, u.end))


def _family_name(unknown: UnknownName, text: str) -> str:
    """The folded last word of a suggested person's name of two words or more, where the word
    list lacks it (a rare family name: بوطرفة; not صالح, an everyday word too); else ""."""
    words = text[unknown.start : unknown.end].split()
    if unknown.kind != "person" or len(words) < 2:
        return ""
    last = normalize(words[-1].strip(EDGE_PUNCT))
    return last if len(last) >= 3 and last not in JOINERS and not _is_common(last) else ""


def document_unknowns(blocks: list[Block]) -> list[list[UnknownName]]:
    """`find_unknown_names` of each block, and later mentions of a suggested person by the
    family name alone: news names a person in full once ("وزير الطاقة نور الدين بوطرفة") and
    then by the family name, with no cue ("الذي كان يشغله بوطرفة"). Only family names the
    word list lacks are followed (`_family_name`), with a proclitic و/ف/ب/ل/ك allowed."""
    found = [find_unknown_names(block) for block in blocks]
    families = {
        family for block, unknowns in zip(blocks, found) for u in unknowns if (family := _family_name(u, block.text))
    }
    if not families:
        return found
    for block, unknowns in zip(blocks, found):
        taken = covered_spans(block) + [(u.start, u.end) for u in unknowns]
        for m in WORD.finditer(block.text):
            start, end = m.start(), m.start() + len(m.group().rstrip(EDGE_PUNCT))
            bare = bare_word(m.group())
            skip = 0 if bare in families else (1 if bare[:1] in _PROCLITIC_LETTERS and bare[1:] in families else -1)
            if skip < 0 or overlaps(start, end, taken):
                continue
            start += len(m.group()) - len(m.group().lstrip(EDGE_PUNCT)) + skip
            unknowns.append(UnknownName(start, end, "person", "repeated", transliterate(block.text[start:end])))
        unknowns.sort(key=lambda u: (u.start, u.end))
    return found


def suggest_names(documents: list[Document]) -> list[Suggestion]:
    """Names no glossary row covers, most frequent first, each with an English guess.

    Blocks must already carry their glossary hits (`annotate_names`)."""
    found: dict[str, Suggestion] = {}
    seen_in: dict[str, set[int]] = {}
    for index, document in enumerate(documents):
        for block, unknowns in zip(document.blocks, document_unknowns(document.blocks)):
            for unknown in unknowns:
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
