"""Benchmark: build a 10,000-entry name matcher and scan 1 MB of Arabic news text.

Run by hand (it is not a test): `uv run python bench/glossary.py`. The target in the issue
is build + scan <= 1 s. Entries and text are synthesized here with a fixed seed so the
figures are comparable between runs: random multi-word Arabic names (a quarter with the
article) plus the starter glossary, and news-like paragraphs that mix common words, names
with proclitics, web-text noise (tatweel, diacritics, RLM, dropped hamzas, double spaces)
and near misses (السيول، كيميائية).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bilingual.names.glossary import Entry, load_glossaries  # noqa: E402
from bilingual.names.matcher import NameMatcher  # noqa: E402
from bilingual.text.arabic import normalize_for_matching  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
COMMON = [
    "قال",
    "وأضاف",
    "إن",
    "الرئيس",
    "الوزير",
    "في",
    "من",
    "على",
    "إلى",
    "عن",
    "مع",
    "خلال",
    "بعد",
    "قبل",
    "اليوم",
    "الخميس",
    "الحكومة",
    "القوات",
    "الجيش",
    "المحادثات",
    "الحدود",
    "الأسبوع",
    "العام",
    "الماضي",
    "وفق",
    "مصادر",
    "رسمية",
    "أعلنت",
    "أكد",
    "دعا",
    "الاتفاق",
    "الأمن",
    "التعاون",
    "الحرب",
    "السلام",
    "الاقتصاد",
    "المفاوضات",
    "جديدة",
    "وقال",
    "للصحافيين",
    "بحسب",
    "وكالة",
]
NOISE = ["السيول", "كيميائية", "علىّ", "لدى", "حتى"]
CLITICS = ["", "", "", "و", "ب", "ل", "وب"]


def synth_entries(count: int, rng: random.Random) -> list[Entry]:
    entries = list(load_glossaries([ROOT / "bilingual" / "glossaries" / "names.csv"]).entries)
    seen = {e.key for e in entries}
    while len(entries) < count:
        words = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(1, 3))]
        arabic = " ".join(words)
        if rng.random() < 0.25:
            arabic = "ال" + arabic
        entry = Entry(arabic, f"Name {len(entries)}", "person")
        if entry.key not in seen:
            seen.add(entry.key)
            entries.append(entry)
    return entries


def noisy(word: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.05:
        return word[:1] + "ـــ" + word[1:]
    if r < 0.10:
        return word + "\u064f"
    if r < 0.13:
        return word + "\u200f"
    if r < 0.20:
        return word.replace("أ", "ا").replace("إ", "ا")
    return word


def synth_text(entries: list[Entry], size_bytes: int, rng: random.Random) -> list[str]:
    """Paragraphs of about 600 characters until the UTF-8 size reaches `size_bytes`."""
    names = [e.arabic for e in entries[:800]] + [e.arabic for e in rng.sample(entries, 400)]
    paragraphs: list[str] = []
    total = 0
    while total < size_bytes:
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 600:
            r = rng.random()
            if r < 0.08:
                name = rng.choice(names)
                clitic = rng.choice(CLITICS)
                if name.startswith("ال") and clitic == "ل":
                    name = name[1:]  # ل + ال is written لل
                words.append(clitic + name)
            elif r < 0.10:
                words.append(rng.choice(NOISE))
            else:
                words.append(noisy(rng.choice(COMMON), rng))
            if rng.random() < 0.05:
                words[-1] += "،"
        paragraph = ("  " if rng.random() < 0.2 else " ").join(words) + "."
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 1
    return paragraphs


def main() -> None:
    rng = random.Random(20240601)
    entries = synth_entries(10_000, rng)
    paragraphs = synth_text(entries, 1_000_000, rng)
    size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
    chars = sum(len(p) for p in paragraphs)

    t0 = time.perf_counter()
    matcher = NameMatcher(entries)
    t1 = time.perf_counter()
    hits = sum(len(matcher.find(p)) for p in paragraphs)
    t2 = time.perf_counter()
    for p in paragraphs:
        normalize_for_matching(p)
    t3 = time.perf_counter()

    print(f"entries: {len(entries):,}  text: {size / 1e6:.2f} MB ({chars:,} chars, {len(paragraphs):,} paragraphs)")
    print(f"build:   {t1 - t0:.3f} s")
    print(f"scan:    {t2 - t1:.3f} s  ({hits:,} names; normalization alone {t3 - t2:.3f} s)")
    print(f"total:   {t2 - t0:.3f} s  (target <= 1 s)")


if __name__ == "__main__":
    main()
