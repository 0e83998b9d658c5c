"""The compiled name matcher, cached on disk so every command does not rebuild it.

Reading, validating and folding the 11,000-row starter glossary costs about a second;
loading the compiled matcher from the cache costs about a hundredth: the file is one marshal
record of plain values (no pickle to import) followed by the big tables, which are read in
place (see `glossary_compact` for the form and why).

The cache file is named by a digest of everything the matcher depends on: the bytes of each
glossary file (not its mtime: a copy or a `git checkout` must not look stale, an edit in
place must), the path and its role, the bilingual version and the size and mtime of the
modules that build the matcher. Anything else in the cache folder is ignored; a damaged,
truncated or unreadable cache file is rebuilt silently, and a cache folder that cannot be
written only costs the speed-up. Glossaries with errors are never cached: they raise every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.names.glossary_compact import compact as to_compact
from bilingual.names.glossary_compact import from_compact

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
    running it cost more than marshal); a matcher `compact` does not know is pickled in it."""
    try:
        payload = _decode(file.read_bytes())
        if payload.get("version") != CACHE_VERSION:
            return None
        if payload["compact"] is not None:
            return Compiled(payload["entries"], from_compact(payload["compact"]))
        import pickle

        return Compiled(payload["entries"], pickle.loads(payload["pickled"]))
    except Exception:  # damaged, truncated, from another version: rebuild
        return None


def _write_cache(folder: Path, file: Path, entries: int, matcher: NameMatcher) -> None:
    import pickle

    try:
        compact = to_compact(matcher)
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
