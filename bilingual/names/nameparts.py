"""What the words of a personal name look like, for `suggest` to tell a name run from prose.

Two data-driven signals, no hand list of names:

* **given names**: the first words of the multi-word person rows of the starter glossary
  (محمد، فؤاد، بسام، كمال، وليد …). wordfreq's Arabic list holds most of them as common
  words, and many begin with a letter that is also a proclitic (ف+ؤاد، ب+سام، ك+مال، و+ليد),
  so without this set a run "الوزير فؤاد …" would be cut as "ف + an everyday word";
* **foreign shape**: a word that could not be a native noun by its shape (`native_shape`:
  too many consonants or long vowels, a final ا or و: ماريا، غابرييل، كاميرون).
"""

from __future__ import annotations

import csv
from functools import lru_cache

from bilingual.names.glossary_format import STARTER_GLOSSARY
from bilingual.names.words import native_shape
from bilingual.text.arabic import normalize

_NOT_GIVEN = frozenset(normalize(w) for w in "عبد أبو ابن بن بنت آل ولد".split())


@lru_cache(maxsize=1)
def _starter_words() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, one-word names) of the starter glossary, read once, lazily, only when
    suggestions are made; empty when the file cannot be read. Given names are the folded
    first words of multi-word person rows; one-word names skip rows that need a cue (they
    are everyday words too)."""
    given: set[str] = set()
    single: set[str] = set()
    try:
        with STARTER_GLOSSARY.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) < 3 or row[0].startswith("#"):
                    continue
                words = row[0].split()
                if len(words) == 1 and (len(row) < 5 or row[4].strip() != "cue"):
                    single.add(normalize(words[0]))
                if row[2].strip() != "person" or len(words) < 2:
                    continue
                first = normalize(words[0])
                if len(first) >= 3 and not first.startswith("ال") and first not in _NOT_GIVEN:
                    given.add(first)
    except OSError:
        return frozenset(), frozenset()
    return frozenset(given), frozenset(single)


def given_names() -> frozenset[str]:
    """Folded given names (محمد، فؤاد، بسام …) from the starter glossary's person rows."""
    return _starter_words()[0]


def known_word(bare: str) -> bool:
    """Whether a folded word (a proclitic و/ب/ل allowed) is a one-word name of the starter
    glossary: مركز مصر للمعارض، وكالة أنباء السعودية hold a known name, so they are names
    even where the matcher leaves the place inside them unreported."""
    single = _starter_words()[1]
    return bare in single or (bare[:1] in "وبل" and bare[1:] in single)


def name_like(bare: str) -> bool:
    """Whether a folded word (no clitic) reads as part of a personal name: a known given
    name, or a word no native noun could be by its shape."""
    if len(bare) < 3 or bare.startswith("ال"):
        return False
    return bare in given_names() or not native_shape(bare)
