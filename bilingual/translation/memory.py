"""The translation memory: exact source sentence → model output, per model identity.

SQLite in the user cache dir, in WAL mode so readers never block the writer and two runs
can share it. Each `put` is its own small transaction (WAL + synchronous=NORMAL makes that
cheap), so a Ctrl-C or crash keeps every sentence finished before it. Keys are the engine's
`identity` (model digest + output-changing options) plus the exact sentence as sent to the
model, so a hit is always what this model with these options would produce.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bilingual.errors import BilingualError

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
"""


def default_path() -> Path:
    """$XDG_CACHE_HOME/bilingual/memory.sqlite3 (platformdirs' user cache dir)."""
    from platformdirs import user_cache_path

    return user_cache_path("bilingual", appauthor=False) / "memory.sqlite3"


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
                self._db = self._open()
            except (OSError, sqlite3.Error) as exc:
                raise BilingualError(
                    f"{self.path}: cannot open the translation memory ({exc}); use --no-memory, or delete the file"
                ) from None
        return self._db

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

    def stats(self) -> dict:
        """Path, entry count, per-model counts and bytes on disk (db + WAL)."""
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        if not self.path.exists():
            return {"path": str(self.path), "entries": 0, "models": {}, "bytes": 0}
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
        return {"path": str(self.path), "entries": sum(models.values()), "models": models, "bytes": size}

    def clear(self) -> int:
        """Delete every entry; return how many were deleted."""
        if not self.path.exists():
            return 0
        try:
            with self._transaction() as db:
                count = db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
                db.execute("DELETE FROM translations")
                db.execute("DELETE FROM keyspaces")
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
