"""Writing files so that nothing is ever half-written, and files keep what they are.

Every output goes to a temporary file in the destination folder and is renamed into place
(`os.replace` is atomic on one filesystem), so an interrupted run leaves either the old
file or the new one, never a torn one. On top of that:

- a symlink stays a symlink: its target is written (a glossary linked from a shared
  folder keeps being shared);
- the file keeps its permission bits (a private glossary stays private); a new file gets
  the umask's, as `open()` would give it;
- temporaries are named `.bilingual-tmp-*` and removed on any failure; one left by a crash
  (SIGKILL, power cut) is removed by the next write to that folder once it is an hour old,
  so a concurrent run's temporary is never touched;
- any OSError (disk full, quota, file too large, read-only filesystem) is one
  BilingualError line, with nothing partial left behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from bilingual.errors import BilingualError

TMP_PREFIX = ".bilingual-tmp-"
STALE_SECONDS = 3600  # a temporary lives milliseconds; one this old was left by a crash


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def clean_stale_temporaries(folder: Path, max_age: float = STALE_SECONDS) -> int:
    """Remove this tool's temporaries older than `max_age` seconds from `folder` (only
    ours, only old ones, only regular files); return how many were removed."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(TMP_PREFIX) and entry.name.endswith(".tmp")):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > max_age:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _target(path: Path) -> Path:
    """Where the bytes go: a symlink (even a chain, even a dangling one) is followed, so
    the link stays and its target is written."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (see the module docstring); return `path`."""
    path = Path(path)
    target = _target(path)
    if target.is_dir():
        raise BilingualError(f"{path}: is a directory, not a file to write")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BilingualError(f"{folder}: output folder does not exist")
    try:
        existing = target.stat()
    except OSError:
        existing = None
    mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
    clean_stale_temporaries(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name[:100]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BilingualError(f"{folder}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
            if existing is not None and existing.st_uid != os.geteuid():
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BilingualError(f"{path}: cannot write ({exc.strerror or exc}); nothing was written") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        hint = "; is it open in another program?" if isinstance(exc, PermissionError) else ""
        raise BilingualError(f"{path}: cannot replace it ({exc.strerror or exc}{hint}); nothing was written") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    return atomic_write_bytes(path, text.encode(encoding))
