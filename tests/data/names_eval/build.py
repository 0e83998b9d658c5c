"""Build the names evaluation set from its annotated sources.

`bench/names_eval.py` derives each article's text and gold from its `*.src.txt` at run time
(nothing derived is committed). To look at the files, write them to a folder:
`uv run python tests/data/names_eval/build.py OUT_DIR`.

Source format (`NN_topic.src.txt`): the article as published, with every name marked up in
place as `[surface|English]`. The brackets hold the name exactly as a `NameHit` spans it:
proclitics stay outside (و، ب، ل، ك، ف and their strings: وب[الكرملين|the Kremlin]), a
written-out article ال stays inside, and after ل the article's lam stays outside
(لل[أمم المتحدة|the United Nations], ل[لاذقية|Latakia]). A third field marks spans that are
not scored:

* `[surface|English|oos]`  out of scope: a real name, but too obscure or local for a house
  glossary (a provincial governor, a charity's spokesman). Not expected; a hit on it is
  not counted against precision either.
* `[surface|English|amb]`  a name that no context-free glossary can map because its bare
  form is an everyday word or another place (عمان Amman/Oman, مالي Mali/"financial",
  الأبيض El Obeid/"the white"). Not expected, not penalised.

For each source it makes:

* `NN_topic.txt`, `NN_topic.gold.json`            the clean article and its gold spans;
* `NN_topic.noisy.txt`, `NN_topic.noisy.gold.json` the same article with web-text noise
  (see `add_noise`) and the gold spans carried over through an offset map.

Gold JSON: {"names": [{"start", "end", "surface", "english"}], "ignored": [{... "why"}]},
offsets are Python string indices into the .txt file read as UTF-8.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)(?:\|(oos|amb))?\]")
# The real-news set (bench/realnews) adds a kind: [surface|English|per|loc|org|med|misc(|oos|amb)].
KIND_MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)\|(per|loc|org|med|misc)(?:\|(oos|amb))?\]")

# --- annotated source → clean text + gold -------------------------------------------------


def parse_source(source: str, mark: re.Pattern[str] = MARK) -> tuple[str, dict]:
    """Strip the markup; return the clean text and its gold spans.

    With `KIND_MARK`, each span also carries its `kind` (the third field)."""
    out: list[str] = []
    names: list[dict] = []
    ignored: list[dict] = []
    length = 0
    position = 0
    for match in mark.finditer(source):
        plain = source[position:match.start()]
        if "[" in plain or "]" in plain:
            raise ValueError(f"stray bracket near: {plain[-40:]!r}")
        out.append(plain)
        length += len(plain)
        surface, english, why = match.group(1), match.group(2).strip(), match.group(match.lastindex or 3)
        if why not in ("oos", "amb"):
            why = None
        if surface != surface.strip():
            raise ValueError(f"space inside brackets: {surface!r}")
        span = {"start": length, "end": length + len(surface), "surface": surface, "english": english}
        if mark is KIND_MARK:
            span["kind"] = match.group(3)
        if why:
            ignored.append({**span, "why": why})
        else:
            names.append(span)
        out.append(surface)
        length += len(surface)
        position = match.end()
    tail = source[position:]
    if "[" in tail or "]" in tail:
        raise ValueError(f"stray bracket near: {tail[:40]!r}")
    out.append(tail)
    text = "".join(out)
    for span in names + ignored:
        assert text[span["start"]:span["end"]] == span["surface"]
    return text, {"names": names, "ignored": ignored}


# --- noise --------------------------------------------------------------------------------

ARABIC_LETTERS = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
# Letters that join the next letter (tatweel may follow them inside a word).
JOINING = ARABIC_LETTERS - set("ءآأؤإاةدذرزوى")
HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652"]  # fatha damma kasra shadda sukun
INVISIBLE = ["\u200f", "\u200e", "\u200c"]  # RLM, LRM, ZWNJ


def add_noise(text: str, seed: str) -> tuple[str, list[int], list[int]]:
    """Web-text noise: hamzas dropped (أإآ→ا), ى↔ي and ة→ه at word ends, tatweel and
    tashkeel inside words, doubled spaces and NBSP, RLM/LRM/ZWNJ marks after words.

    Rates are far above real text so that nearly every name is hit by something.
    Returns (noisy text, start[i], end[i]): where original character i begins and ends in
    the noisy text (insertions after a character are outside its [start, end)).
    """
    rng = random.Random(seed)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    n = len(text)
    for i, ch in enumerate(text):
        next_is_letter = i + 1 < n and text[i + 1] in ARABIC_LETTERS
        word_end = ch in ARABIC_LETTERS and not next_is_letter
        out = ch
        if ch in "أإآ" and rng.random() < 0.6:
            out = "ا"
        elif ch == "ى" and word_end and rng.random() < 0.6:
            out = "ي"
        elif ch == "ي" and word_end and rng.random() < 0.3:
            out = "ى"
        elif ch == "ة" and word_end and rng.random() < 0.35:
            out = "ه"
        elif ch == " ":
            roll = rng.random()
            out = "  " if roll < 0.1 else "\u00a0" if roll < 0.15 else " "
        starts.append(at)
        at += len(out)
        ends.append(at)
        pieces.append(out)
        post = ""
        if ch in ARABIC_LETTERS:
            if rng.random() < 0.08:
                post += rng.choice(HARAKAT)
            if ch in JOINING and next_is_letter and rng.random() < 0.05:
                post += "\u0640" * rng.randint(1, 3)
            if word_end and rng.random() < 0.06:
                post += rng.choice(INVISIBLE)
        pieces.append(post)
        at += len(post)
    return "".join(pieces), starts, ends


def noisy_gold(gold: dict, starts: list[int], ends: list[int], noisy: str) -> dict:
    def move(span: dict) -> dict:
        start, end = starts[span["start"]], ends[span["end"] - 1]
        return {**span, "start": start, "end": end, "surface": noisy[start:end]}

    return {"names": [move(s) for s in gold["names"]], "ignored": [move(s) for s in gold["ignored"]]}


# --- main ---------------------------------------------------------------------------------


def build(folder: Path, sources_folder: Path = HERE) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(sources_folder.glob("*.src.txt"))
    for source_path in sources:
        stem = source_path.name[: -len(".src.txt")]
        text, gold = parse_source(source_path.read_text(encoding="utf-8"))
        noisy, starts, ends = add_noise(text, stem)
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        (folder / f"{stem}.noisy.txt").write_text(noisy, encoding="utf-8")
        (folder / f"{stem}.noisy.gold.json").write_text(
            json.dumps(noisy_gold(gold, starts, ends, noisy), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return len(sources)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build.py OUT_DIR  (writes NN_topic.txt/.gold.json and their .noisy versions)")
    count = build(Path(sys.argv[1]))
    print(f"built {count} article(s)")
