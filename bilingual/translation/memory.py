"""The translation memory: reviewed English, and exact source sentence → model output.

Two tables. `reviewed` holds English a person approved (imported from a reviewed DOCX,
XLIFF or TMX): keyed by the *normalized* source (whitespace, tatweel, diacritics and
letter variants folded by `bilingual.text.arabic.normalize`) and independent of the model,
since a reviewer's English is good whatever model runs next. `translations` caches raw
model output per model identity. Lookup order is reviewed, then cached output, then the
model (bilingual.translation.pipeline).

SQLite in the user *data* dir, not the cache dir: reviewed English is a person's work, and
cache dirs are emptied by cleaners and by users freeing space. A memory left in the cache dir
by an earlier version is copied over once (`_adopt_legacy`). In WAL mode so readers never block the writer and two runs
can share it. Each `put` is its own small transaction (WAL + synchronous=NORMAL makes that
cheap), so a Ctrl-C or crash keeps every sentence finished before it. Keys are the engine's
`identity` (model digest + output-changing options) plus the exact sentence as sent to the
model, so a hit is always what this model with these options would produce.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.text.arabic import normalize

BUSY_TIMEOUT = 30.0  # seconds to wait for another run's write lock
_CHUNK = 500  # SQLite's bound-parameter limit is 999 on old builds

_SCHEMA = """
CREATE TABLE IF NOT EXISTS keyspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS translations (
    keyspace INTEGER NOT NULL REFERENCES keyspaces(id),
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created REAL NOT NULL,
    alignment TEXT,
    PRIMARY KEY (keyspace, source)
);
CREATE TABLE IF NOT EXISTS reviewed (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created REAL NOT NULL,
    unit TEXT NOT NULL DEFAULT 'sentence',
    evidence TEXT NOT NULL DEFAULT ''
);
"""

NEAR_MATCH = 85.0  # rapidfuzz ratio (0-100) from which a reviewed sentence is offered as a near match


@dataclass(frozen=True)
class Reviewed:
    """A reviewer's English for one source: `unit` is "sentence", or "block" when a
    multi-sentence block could not be split safely and is stored whole; `evidence` says
    where it came from (file and row)."""

    source: str
    target: str
    created: float = 0.0
    unit: str = "sentence"
    evidence: str = ""


def source_key(source: str) -> str:
    """The normalized source a reviewed entry is found by (one normalization for the project)."""
    return normalize(source)


def default_path() -> Path:
    """$XDG_DATA_HOME/bilingual/memory.sqlite3 (platformdirs' user data dir)."""
    from platformdirs import user_data_path

    return user_data_path("bilingual", appauthor=False) / "memory.sqlite3"


def legacy_path() -> Path:
    """Where versions up to 0.1 kept the memory: the user cache dir."""
    from platformdirs import user_cache_path

    return user_cache_path("bilingual", appauthor=False) / "memory.sqlite3"


def _adopt_legacy(path: Path) -> None:
    """Copy a memory from the old cache-dir location to `path`, once, before `path` exists.

    SQLite's backup API reads a consistent snapshot even while another run still writes the
    old file, and the copy is written beside `path` and renamed into place, so a crash leaves
    either no memory (the copy is retried) or a whole one. The old file is left alone."""
    legacy = legacy_path()
    if path.exists() or path == legacy or not legacy.is_file():
        return
    partial = path.with_name(path.name + ".adopting")
    try:
        source = sqlite3.connect(f"file:{legacy}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        partial.replace(path)
    except (OSError, sqlite3.Error):
        partial.unlink(missing_ok=True)  # an unreadable old memory: start a new one


class TranslationMemory:
    """Exact-match sentence memory. Open lazily; safe to share between processes."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self._db: sqlite3.Connection | None = None

    # -- connection --

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._exists()  # adopts an old memory first
                self._db = self._open()
            except (OSError, sqlite3.Error) as exc:
                raise BilingualError(
                    f"{self.path}: cannot open the translation memory ({exc}); use --no-memory, or delete the file"
                ) from None
        return self._db

    def _exists(self) -> bool:
        """Whether there is a memory to read, adopting one an earlier version left in the cache dir."""
        if not self.path.exists() and self.path == default_path():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                return False
            _adopt_legacy(self.path)
        return self.path.exists()

    def _open(self) -> sqlite3.Connection:
        """Connect, switch to WAL and create the tables, retrying while another process
        does the same: SQLite answers "database is locked" at once (without waiting for
        the busy timeout) when two connections change the journal mode or create the
        schema of a new file together."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                columns = {row[1] for row in db.execute("PRAGMA table_info(translations)")}
                if "alignment" not in columns:  # a memory written by an earlier version
                    db.execute("ALTER TABLE translations ADD COLUMN alignment TEXT")
                db.execute("COMMIT")
                return db
            except sqlite3.OperationalError as exc:
                db.close()
                if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
            except BaseException:
                db.close()
                raise

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- API --

    def get_many(self, keyspace: str, sources: list[str]) -> dict[str, str]:
        """Stored targets for the sources that have one (exact match)."""
        return {source: target for source, (target, _) in self.get_entries(keyspace, sources).items()}

    def get_entries(self, keyspace: str, sources: list[str]) -> dict[str, tuple[str, str | None]]:
        """(target, alignment JSON or None) for the sources that have one (exact match)."""
        try:
            found: dict[str, tuple[str, str | None]] = {}
            unique = list(dict.fromkeys(sources))
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._conn().execute(
                    "SELECT t.source, t.target, t.alignment FROM translations t"
                    " JOIN keyspaces k ON k.id = t.keyspace"
                    f" WHERE k.name = ? AND t.source IN ({marks})",
                    (keyspace, *chunk),
                )
                found.update((source, (target, alignment)) for source, target, alignment in rows)
            return found
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def put(self, keyspace: str, source: str, target: str, alignment: str | None = None) -> None:
        """Store one sentence, committed at once (so an interrupted run keeps it).
        `alignment` is the attention alignment as JSON (see bilingual.translation.enforce.Alignment)."""
        self.put_many(keyspace, [(source, target, alignment)])

    def put_many(self, keyspace: str, rows: list[tuple]) -> None:
        """Store several (source, target[, alignment]) rows in one transaction."""
        if not rows:
            return
        try:
            now = time.time()
            with self._transaction() as db:
                db.execute("INSERT OR IGNORE INTO keyspaces(name) VALUES (?)", (keyspace,))
                ks = db.execute("SELECT id FROM keyspaces WHERE name = ?", (keyspace,)).fetchone()[0]
                db.executemany(
                    "INSERT OR REPLACE INTO translations(keyspace, source, target, created, alignment)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [(ks, row[0], row[1], now, row[2] if len(row) > 2 else None) for row in rows],
                )
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    # -- reviewed English --

    def get_reviewed(self, sources: list[str]) -> dict[str, Reviewed]:
        """Reviewed entries for the sources that have one (exact match on the normalized source)."""
        if not self._exists():
            return {}
        keys = {source: source_key(source) for source in dict.fromkeys(sources)}
        try:
            by_key: dict[str, Reviewed] = {}
            unique = list(set(keys.values()))
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, source, target, created, unit, evidence in self._conn().execute(
                    f"SELECT key, source, target, created, unit, evidence FROM reviewed WHERE key IN ({marks})", chunk
                ):
                    by_key[key] = Reviewed(source, target, created, unit, evidence)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return {source: by_key[key] for source, key in keys.items() if key in by_key}

    def near_reviewed(self, sources: list[str], threshold: float = NEAR_MATCH) -> dict[str, tuple[Reviewed, float]]:
        """The closest reviewed sentence (≥ `threshold` % alike, rapidfuzz ratio on the
        normalized text) for each source without an exact one: offered, never used."""
        if not self._exists() or not sources:
            return {}
        try:
            rows = self._conn().execute("SELECT key, source, target, created, unit, evidence FROM reviewed").fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        if not rows:
            return {}
        import bisect

        from rapidfuzz import fuzz, process

        rows.sort(key=lambda row: len(row[0]))
        choices = [row[0] for row in rows]
        lengths = [len(choice) for choice in choices]
        # ratio = 2·matches / (len a + len b), so a score of t needs the shorter text to be
        # at least t/(200 - t) of the longer one: only that length window is compared.
        bound = threshold / (200.0 - threshold)
        found = {}
        for source in dict.fromkeys(sources):
            key = source_key(source)
            lo = bisect.bisect_left(lengths, int(len(key) * bound))
            hi = bisect.bisect_right(lengths, int(len(key) / bound) + 1)
            best = process.extractOne(key, choices[lo:hi], scorer=fuzz.ratio, score_cutoff=threshold)
            if best is not None and best[0] != key:
                row = rows[lo + best[2]]
                found[source] = (Reviewed(row[1], row[2], row[3], row[4], row[5]), float(best[1]))
        return found

    def put_reviewed_many(self, entries: list[Reviewed]) -> int:
        """Store reviewed entries in ONE transaction (an import that fails halfway leaves the
        memory as it was); a later review of the same source replaces the earlier one."""
        if not entries:
            return 0
        try:
            now = time.time()
            with self._transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO reviewed(key, source, target, created, unit, evidence)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [(source_key(e.source), e.source, e.target, e.created or now, e.unit, e.evidence) for e in entries],
                )
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return len(entries)

    def all_reviewed(self) -> list[Reviewed]:
        if not self._exists():
            return []
        try:
            rows = (
                self._conn()
                .execute("SELECT source, target, created, unit, evidence FROM reviewed ORDER BY created, key")
                .fetchall()
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return [Reviewed(*row) for row in rows]

    def all_machine(self) -> list[tuple[str, str, str, float]]:
        """(model identity, source, raw English, created) of every cached model output."""
        if not self._exists():
            return []
        try:
            return (
                self._conn()
                .execute(
                    "SELECT k.name, t.source, t.target, t.created FROM translations t"
                    " JOIN keyspaces k ON k.id = t.keyspace ORDER BY t.created, t.source"
                )
                .fetchall()
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def stats(self) -> dict:
        """Path, entry count, per-model counts and bytes on disk (db + WAL)."""
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        if not self._exists():
            return {"path": str(self.path), "entries": 0, "models": {}, "reviewed": 0, "bytes": 0}
        try:
            rows = (
                self._conn()
                .execute(
                    "SELECT k.name, COUNT(*) FROM translations t JOIN keyspaces k ON k.id = t.keyspace GROUP BY k.name"
                )
                .fetchall()
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        models = {name: count for name, count in rows}
        reviewed = self._conn().execute("SELECT COUNT(*) FROM reviewed").fetchone()[0]
        return {
            "path": str(self.path),
            "entries": sum(models.values()),
            "models": models,
            "reviewed": reviewed,
            "bytes": size,
        }

    def clear(self, reviewed: bool = False) -> int:
        """Delete every cached model output (and the reviewed English too with `reviewed`:
        a reviewer's work is kept unless asked); return how many entries were deleted."""
        if not self._exists():
            return 0
        try:
            with self._transaction() as db:
                count = db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
                db.execute("DELETE FROM translations")
                db.execute("DELETE FROM keyspaces")
                if reviewed:
                    count += db.execute("SELECT COUNT(*) FROM reviewed").fetchone()[0]
                    db.execute("DELETE FROM reviewed")
            self._conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn().execute("VACUUM")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return count

    # -- helpers --

    def _transaction(self):
        db = self._conn()

        class _Tx:
            def __enter__(self_inner):
                db.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock
                return db

            def __exit__(self_inner, exc_type, exc, tb):
                db.execute("ROLLBACK" if exc_type else "COMMIT")

        return _Tx()

    def _error(self, exc: Exception) -> BilingualError:
        return BilingualError(f"{self.path}: translation memory error ({exc}); use --no-memory, or delete the file")
