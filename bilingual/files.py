"""Writing files so that nothing is ever half-written.

Every output goes to a temporary file in the destination folder and is renamed into place
(`os.replace` is atomic on one filesystem), so an interrupted run leaves either the old
file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bilingual.errors import BilingualError


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    path = Path(path)
    if path.is_dir():
        raise BilingualError(f"{path}: is a directory, not a file to write")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BilingualError(f"{folder}: output folder does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BilingualError(f"{folder}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    return atomic_write_bytes(path, text.encode(encoding))
