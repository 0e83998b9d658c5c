"""Generate `bilingual/names/data/arabic_words.tsv.gz`: how common each Arabic word form is.

Run by hand (needs wordfreq, which bilingual itself does not install: its wheel carries
~55 MB of word lists for 40 languages, of which the matcher needs one column of one):

    uv run --with wordfreq==3.1.1 python tools/arabic_words.py

Why: the matcher must know when a spelling is an everyday Arabic word, to keep spelling
tolerance away from common words (a vowel dropped from محمود gives محمد) and to ask for a
context cue before reading a one-word name that is also a word (جده "his grandfather" is not
Jeddah). Hand lists miss cases; wordfreq's Arabic list (web, Wikipedia, subtitles, news,
CC BY-SA 4.0 data by Robyn Speer, see wordfreq's README) measures them.

The file holds every Arabic word form with a Zipf frequency of at least MIN_ZIPF, as typed
(hamzas, ة and ى kept), one `word<TAB>zipf×10` per line, most frequent first; gzip without a
timestamp, so a rebuild from the same wordfreq version is byte-identical.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "bilingual" / "names" / "data" / "arabic_words.tsv.gz"
MIN_ZIPF = 3.0
_ARABIC_WORD = re.compile("^[\u0621-\u063a\u0641-\u064a]+$")


def main() -> None:
    from wordfreq import top_n_list, zipf_frequency

    lines = []
    for word in top_n_list("ar", 200_000):
        zipf = zipf_frequency(word, "ar")
        if zipf < MIN_ZIPF:
            break
        if _ARABIC_WORD.match(word):
            lines.append(f"{word}\t{round(zipf * 10)}\n")
    data = "".join(lines).encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(data)
    print(f"{OUT}: {len(lines):,} word forms with Zipf >= {MIN_ZIPF}")


if __name__ == "__main__":
    main()
