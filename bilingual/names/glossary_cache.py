"""The compiled name matcher, cached on disk so every command does not rebuild it.

Reading, validating and folding the 11,000-row starter glossary costs about a second;
loading the compiled matcher from the cache costs about a hundredth: it is one marshal
record of plain values (no pickle to import), the trie's patterns are built only for the
names a text contains (`_LazyPatterns`), and the big tables stay packed in a few byte
strings, looked up in place (`_Blobs`, `_LazyVariantRows`, `words.PackedWords`), since
creating and freeing tens of thousands of small objects was most of a command's start.

The cache file is named by a digest of everything the matcher depends on: the bytes of each
glossary file (not its mtime: a copy or a `git checkout` must not look stale, an edit in
place must), the path and its role, the bilingual version and the size and mtime of the
modules that build the matcher. Anything else in the cache folder is ignored; a damaged, truncated or
unreadable cache file is rebuilt silently, and a cache folder that cannot be written
only costs the speed-up. Glossaries with errors are never cached: they raise every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilingual.names.matcher import NameMatcher

CACHE_VERSION = 6
KEEP = 8  # cache files kept (one per glossary set recently used)
CACHE_DIR_VARIABLE = "BILINGUAL_CACHE_DIR"


def cache_root() -> Path:
    """bilingual's cache folder: $BILINGUAL_CACHE_DIR, else the user cache folder."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("bilingual", appauthor=False)


def cache_dir() -> Path:
    """Where compiled matchers live."""
    return cache_root() / "glossary"


def _code_stamp() -> bytes:
    """Size and mtime of every file of the packages whose logic is baked into a compiled
    matcher (`names/`, `text/`, data files included), so editing the code invalidates it."""
    from bilingual import __version__

    here = Path(__file__).resolve().parent
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}", str(CACHE_VERSION)]
    for folder in (here, here.parent / "text"):
        for file in sorted(folder.rglob("*")):
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            try:
                st = file.stat()
                parts.append(f"{file.relative_to(here.parent)}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{file.name}:?")
    return "|".join(parts).encode()


def cache_key(paths: list[Path]) -> str | None:
    """The digest naming the cache file for these glossaries; None if one is unreadable
    (then the normal reader reports it)."""
    from bilingual.names.glossary_format import is_starter

    digest = hashlib.sha256(_code_stamp())
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        digest.update(f"\0{path}\0{is_starter(path)}\0{len(data)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


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


def _compact(matcher: NameMatcher) -> dict | None:
    """The matcher as plain values that marshal stores (see `_LazyPatterns`), or None when its
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


def _from_compact(payload: dict) -> NameMatcher:
    from bilingual.names.matcher import NameMatcher
    from bilingual.names.variants import VariantIndex
    from bilingual.names.words import PackedWords

    matcher = NameMatcher.__new__(NameMatcher)
    lazy = _LazyPatterns(payload)
    matcher.size = payload["size"]
    matcher.needs_cues = payload["needs_cues"]
    matcher.cue_rows = frozenset(payload["cue_rows"])
    matcher._automaton = lazy
    matcher._common = PackedWords(*payload["common"])
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


@dataclass
class Compiled:
    """What a command needs from its glossaries: how many entries, and the matcher."""

    entries: int
    matcher: NameMatcher


_MAGIC = b"bilingual matcher\n"
_IN_PLACE = ("rows", "by_key", "common")  # the compact matcher's (blob, ...) values read in place


def _encode(record: dict) -> bytes:
    """The cache file: `_MAGIC`, the length of the record (8 bytes), the record (marshal),
    then the big blobs of a compact matcher, which a load slices in place (`_decode`): copying
    4 MB out of the file cost more than the few rows an article reads from them."""
    compact, tail = record["compact"], []
    if compact is not None:
        compact, at = dict(compact), 0
        for name in _IN_PLACE:
            blob, *rest = compact[name]
            compact[name] = ((at, len(blob)), *rest)
            tail.append(blob)
            at += len(blob)
        record = {**record, "compact": compact, "tail": at}
    head = marshal.dumps(record)
    return _MAGIC + len(head).to_bytes(8, "little") + head + b"".join(tail)


def _decode(data: bytes) -> dict:
    """The record `_encode` wrote; its blobs are views of `data`. A file cut short is refused
    here, not when a text first reaches a missing row."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a matcher cache")
    start = len(_MAGIC) + 8
    end = start + int.from_bytes(data[len(_MAGIC) : start], "little")
    view = memoryview(data)
    record = marshal.loads(view[start:end])
    compact = record["compact"]
    if compact is not None:
        tail = view[end:]
        if len(tail) != record["tail"]:
            raise ValueError("a truncated matcher cache")
        for name in _IN_PLACE:
            (at, size), *rest = compact[name]
            compact[name] = (tail[at : at + size], *rest)
    return record


def _read_cache(file: Path) -> Compiled | None:
    """The cached matcher: one marshal record (no pickle on the fast path: importing and
    running it cost more than marshal); a matcher `_compact` does not know is pickled in it."""
    try:
        payload = _decode(file.read_bytes())
        if payload.get("version") != CACHE_VERSION:
            return None
        if payload["compact"] is not None:
            return Compiled(payload["entries"], _from_compact(payload["compact"]))
        import pickle

        return Compiled(payload["entries"], pickle.loads(payload["pickled"]))
    except Exception:  # damaged, truncated, from another version: rebuild
        return None


def _write_cache(folder: Path, file: Path, entries: int, matcher: NameMatcher) -> None:
    import pickle

    try:
        compact = _compact(matcher)
        pickled = None if compact is not None else pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL)
        data = _encode({"version": CACHE_VERSION, "entries": entries, "compact": compact, "pickled": pickled})
    except (ValueError, pickle.PicklingError, RecursionError):
        return  # not storable: only costs the speed-up
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, file)
        finally:
            Path(tmp).unlink(missing_ok=True)
        # (*.pickle: the caches of bilingual before version 6 of this format, pruned alike)
        caches = sorted(
            [*folder.glob("*.matcher"), *folder.glob("*.pickle")], key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in caches[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only cache folder only costs the speed-up


def load_matcher(paths: list[Path]) -> Compiled:
    """The glossaries' entry count and compiled matcher, from the cache when it is fresh;
    otherwise read and validated (errors raise, and are never cached) and cached."""
    from bilingual.names.glossary_format import load_glossaries
    from bilingual.names.matcher import NameMatcher

    paths = [Path(p) for p in paths]
    key = cache_key(paths)
    folder = cache_dir()
    file = folder / f"{key}.matcher"
    if key is not None:
        cached = _read_cache(file)
        if cached is not None:
            with contextlib.suppress(OSError):
                os.utime(file)  # recently used: kept when old ones are pruned
            return cached
    glossary = load_glossaries(paths)
    matcher = NameMatcher(glossary.entries)
    if key is not None:
        _write_cache(folder, file, len(glossary.entries), matcher)
    return Compiled(len(glossary.entries), matcher)
