"""The compiled matcher as the cache stores it: plain values, big tables packed.

`compact` turns a built `NameMatcher` into values marshal can hold; `from_compact` makes a
matcher of them that finds exactly what the built one finds, without creating its objects:
the trie holds row numbers and a row's patterns are built when a text reaches it
(`_LazyPatterns`), the rows and the spelling-variant rows stay packed in one blob each
(`_Blobs`, `_LazyVariantRows`), and the 52,000 common word forms stay a sorted blob
(`words.PackedWords`). Creating (and at exit freeing) tens of thousands of small objects on
every command was most of `inspect`'s start. `glossary_cache` stores and reads the file.
"""

from __future__ import annotations

import marshal
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilingual.names.matcher import NameMatcher


class _Blobs:
    """Many small byte strings as one blob and their offsets: `blobs[i]` is the i-th. Loading
    11,000 rows as 11,000 bytes objects (and freeing them at exit) cost more than slicing the
    few an article needs."""

    def __init__(self, blob: bytes | memoryview, offsets: bytes) -> None:
        self._blob = blob
        self._offsets = array("I")
        self._offsets.frombytes(offsets)

    @staticmethod
    def pack(blobs: list[bytes]) -> tuple[bytes, bytes]:
        offsets = array("I", [0])
        for blob in blobs:
            offsets.append(offsets[-1] + len(blob))
        return b"".join(blobs), offsets.tobytes()

    def __getitem__(self, index: int) -> bytes | memoryview:
        return self._blob[self._offsets[index] : self._offsets[index + 1]]


class _LazyPatterns:
    """Stands in for the matcher's automaton after a cache load: the same Aho–Corasick
    trie, but holding row numbers instead of pattern objects. Each row (the patterns of one
    folded core, with their entries) is a small marshal blob, turned into objects only when
    a text contains that core. Unpickling 22,000 pattern and entry objects cost ~100 ms;
    the trie and 11,000 blobs cost a few."""

    def __init__(self, payload: dict):
        import ahocorasick

        self._automaton = ahocorasick.Automaton(*payload["automaton"])  # its pickle arguments
        self._rows = _Blobs(*payload["rows"])
        self._sets = [frozenset(s) for s in payload["sets"]]
        self._paths = [Path(p) for p in payload["paths"]]  # the glossary files, one object each
        self._built: dict[int, tuple] = {}

    def iter(self, text: str):
        for last, row in self._automaton.iter(text):
            yield last, self._row(row)

    def _row(self, row: int) -> tuple:
        patterns = self._built.get(row)
        if patterns is None:
            patterns = self._built[row] = tuple(self._pattern(v) for v in marshal.loads(self._rows[row]))
        return patterns

    def pattern_at(self, row: int, position: int):
        """One pattern object, the same one `iter` hands out for that row."""
        return self._row(row)[position]

    def frozen_set(self, index: int) -> frozenset:
        return self._sets[index]

    def _pattern(self, values: tuple):
        from bilingual.names.glossary_format import Entry
        from bilingual.names.matcher import _Pattern

        entry_values, *rest = values
        arguments: list[Any] = [self._paths[v[1]] if isinstance(v, tuple) else v for v in entry_values]
        entry = Entry(*arguments)
        fields: list[Any] = [self._sets[v[1]] if isinstance(v, tuple) else v for v in rest]
        return _Pattern(entry, *fields)


class _LazyVariantRows:
    """The variant index's key → rows after a cache load (the part of a dict it uses): the
    keys are the index's sorted `_keys`, found by bisection; each key's rows stay a marshal
    blob (patterns as (trie row, position), sets as numbers) until a text reaches that key."""

    def __init__(self, keys: list[str], rows: _Blobs, patterns: _LazyPatterns):
        self._keys = keys
        self._rows = rows
        self._patterns = patterns
        self._ready: dict[str, list] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def _index(self, key: str) -> int:
        at = bisect_left(self._keys, key)
        return at if at < len(self._keys) and self._keys[at] == key else -1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._index(key) >= 0

    def get(self, key: str, default=None):
        rows = self._ready.get(key)
        if rows is None:
            index = self._index(key)
            if index < 0:
                return default
            p = self._patterns
            rows = self._ready[key] = [
                (p.pattern_at(row, position), p.frozen_set(allowed), frozenset(words), english, shape, spelled)
                for (row, position), allowed, words, english, shape, spelled in marshal.loads(self._rows[index])
            ]
        return rows


_MATCHER_STATE = {"size", "needs_cues", "cue_rows", "_automaton", "_common", "_word_cache", "_variants"}
_VARIANT_STATE = {"_is_word", "_by_key", "_keys", "_cache", "_first_words", "_solid", "_first_exact", "_runs"}


def compact(matcher: NameMatcher) -> dict | None:
    """The matcher as plain values that marshal stores (see the module doc), or None when its
    shape is not the one this knows (then the matcher is pickled as it is)."""
    import dataclasses

    import ahocorasick

    from bilingual.names.glossary_format import Entry
    from bilingual.names.matcher import _Pattern
    from bilingual.names.words import PackedWords

    names = [f.name for f in dataclasses.fields(_Pattern)]
    if set(vars(matcher)) != _MATCHER_STATE or set(vars(matcher._variants)) != _VARIANT_STATE:
        return None
    if not names or names[0] != "entry":
        return None
    sets: list[tuple] = []
    set_index: dict[frozenset, int] = {}
    paths: dict[Path, int] = {}  # the entries' files: a row holds ("path", number)

    def set_number(value: frozenset) -> int:
        if value not in set_index:
            set_index[value] = len(sets)
            sets.append(tuple(sorted(value)))
        return set_index[value]

    def entry_value(value: Any) -> Any:
        if isinstance(value, Path):
            return ("path", paths.setdefault(value, len(paths)))
        if isinstance(value, tuple):
            raise ValueError("an entry field that is a tuple")  # would read back as a path
        return value

    rows: list[bytes] = []
    where: dict[int, tuple[int, int]] = {}  # id(pattern) → (trie row, position)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)  # values: trie rows
    for core, patterns in matcher._automaton.items():
        row = []
        for position, pattern in enumerate(patterns):
            entry = pattern.entry
            if type(pattern) is not _Pattern or type(entry) is not Entry:
                return None
            where[id(pattern)] = (len(rows), position)
            try:
                values: list = [tuple(entry_value(getattr(entry, f.name)) for f in dataclasses.fields(entry))]
            except ValueError:
                return None
            for name in names[1:]:
                value = getattr(pattern, name)
                if isinstance(value, frozenset):
                    value = ("set", set_number(value))
                elif not isinstance(value, (str, int, bool, type(None))):
                    return None
                values.append(value)
            row.append(tuple(values))
        try:
            blob = marshal.dumps(tuple(row))
        except ValueError:  # a value marshal cannot hold
            return None
        automaton.add_word(core, len(rows))
        rows.append(blob)
    if rows:
        automaton.make_automaton()
    rebuild, arguments = automaton.__reduce__()[:2]
    if rebuild is not ahocorasick.Automaton:
        return None
    index = matcher._variants
    if sorted(index._by_key) != index._keys:
        return None
    by_key: list[bytes] = []  # the rows of each key, in the order of `_keys`
    for key in index._keys:
        stored = []
        for payload, allowed, words, english, shape, spelled in index._by_key[key]:
            if id(payload) not in where:
                return None
            stored.append((where[id(payload)], set_number(allowed), tuple(sorted(words)), english, shape, spelled))
        by_key.append(marshal.dumps(tuple(stored)))  # unmarshalled only when a text reaches the key
    try:
        common = PackedWords.of(matcher._common).values()  # type: ignore[arg-type]
    except ValueError:
        return None
    return {
        "size": matcher.size,
        "needs_cues": matcher.needs_cues,
        "automaton": arguments,
        "rows": _Blobs.pack(rows),
        "sets": sets,
        "paths": tuple(str(path) for path in paths),
        "keys": tuple(index._keys),
        "by_key": _Blobs.pack(by_key),
        "first_words": tuple(index._first_words),
        "solid": tuple(index._solid),
        "first_exact": tuple(index._first_exact),
        "common": common,
        "cue_rows": tuple(matcher.cue_rows),
    }


def from_compact(payload: dict) -> NameMatcher:
    from bilingual.names.matcher import NameMatcher
    from bilingual.names.variants import VariantIndex
    from bilingual.names.words import PackedWords, share_common_forms

    matcher = NameMatcher.__new__(NameMatcher)
    lazy = _LazyPatterns(payload)
    matcher.size = payload["size"]
    matcher.needs_cues = payload["needs_cues"]
    matcher.cue_rows = frozenset(payload["cue_rows"])
    matcher._automaton = lazy
    matcher._common = PackedWords(*payload["common"])
    if payload["common"][0]:
        share_common_forms(matcher._common)
    matcher._word_cache = {}
    index = VariantIndex.__new__(VariantIndex)
    index._is_word = matcher._native_word
    index._keys = list(payload["keys"])
    index._by_key = _LazyVariantRows(index._keys, _Blobs(*payload["by_key"]), lazy)  # type: ignore[assignment]
    index._cache = {}
    index._first_words = set(payload["first_words"])
    index._solid = set(payload["solid"])
    index._first_exact = set(payload["first_exact"])
    index._runs = {}
    matcher._variants = index
    return matcher
