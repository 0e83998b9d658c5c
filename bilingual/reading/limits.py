"""Bounds on what is read, so a hostile or broken input costs a clear error, not the machine.

- Only regular files are read (or "-" for stdin): a FIFO waits forever for a writer,
  /dev/zero never ends, a socket or a device is not an article.
- One input is at most `max_input_bytes()` (BILINGUAL_MAX_INPUT_MB, default 50 MB; a long
  news article is well under 1 MB, a Word file with photos a few MB). Stdin is read up to
  the same cap, so `bilingual translate - < /dev/zero` stops at once.
- A zip (a .docx, an .argosmodel) is checked from its directory before anything is
  inflated: the total declared size is capped, and a member that inflates more than
  `MAX_RATIO` times its compressed size is refused (a zip bomb). Python's zipfile stops
  at the declared size, so the declared sizes are real bounds.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import BilingualError, InputError

MB = 1024 * 1024
INPUT_ENV = "BILINGUAL_MAX_INPUT_MB"
DEFAULT_INPUT_MB = 50
MODEL_ENV = "BILINGUAL_MAX_MODEL_MB"
DEFAULT_MODEL_MB = 4096  # Argos packages are 100-300 MB inflated; the biggest about 1 GB
MAX_RATIO = 200  # deflate on ordinary XML gives 5-30×; zip bombs give 1,000× and more
MAX_MEMBERS = 10_000  # a long Word document has a few dozen parts, an Argos package a few dozen files
RATIO_FLOOR = MB  # small members may compress absurdly well (a page of spaces) and cost nothing
DOCX_XML_SHARE = 1  # the XML of a .docx may inflate to at most 1× the input cap (lxml needs ~5× that)


def _megabytes(env: str, default: int) -> int:
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default * MB
    try:
        value = float(raw)
    except ValueError:
        raise BilingualError(f"{env}={raw!r}: not a number of megabytes") from None
    if not 0 < value <= 1024 * 1024:
        raise BilingualError(f"{env}={raw!r}: must be between 0 and 1048576 (megabytes)")
    return int(value * MB)


def max_input_bytes() -> int:
    """The per-input cap (BILINGUAL_MAX_INPUT_MB, default 50)."""
    return _megabytes(INPUT_ENV, DEFAULT_INPUT_MB)


def max_model_bytes() -> int:
    """The cap on an .argosmodel's inflated size (BILINGUAL_MAX_MODEL_MB, default 4096)."""
    return _megabytes(MODEL_ENV, DEFAULT_MODEL_MB)


def human(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB / 10 else f"{size} bytes"


def _too_big(name: str, size: int | None, cap: int) -> InputError:
    what = f"is {human(size)}" if size is not None else "is larger than that"
    return InputError(
        f"{name}: {what}, over the {human(cap)} limit for one input; "
        f"if it is really an article, raise the limit with {INPUT_ENV}=N (megabytes)"
    )


_KINDS = [
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
]


def check_regular_file(path: Path) -> os.stat_result:
    """The stat of `path` if it is a regular file (symlinks followed); else an InputError
    naming what it is. Run before opening: opening a FIFO blocks until a writer comes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a folder (pass it as an input to read every .txt/.docx in it)")
    if not stat.S_ISREG(info.st_mode):
        kind = next((label for test, label in _KINDS if test(info.st_mode)), "not a regular file")
        raise InputError(f"{path}: is {kind}, not a file; only regular files, folders and - (stdin) are read")
    return info


def read_bounded(handle: BinaryIO, name: str, cap: int | None = None) -> bytes:
    """At most `cap` bytes from an open stream (stdin, a file), or an InputError: one byte
    more than the cap is read to tell "exactly the cap" from "over it"."""
    cap = max_input_bytes() if cap is None else cap
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = handle.read(min(1 << 20, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > cap:
        raise _too_big(name, None, cap)
    return b"".join(chunks)


def read_file_bounded(path: Path) -> bytes:
    """A regular file's bytes, within the per-input cap. Opened without blocking and
    checked again on the open descriptor, so a file swapped for a FIFO between the check
    and the open cannot hang the run either."""
    check_regular_file(path)
    cap = max_input_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: is not a regular file; only regular files, folders and - (stdin) are read")
        if info.st_size > cap:
            raise _too_big(str(path), info.st_size, cap)
        try:
            return read_bounded(handle, str(path), cap)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def check_input_size(path: Path) -> None:
    """A regular file within the per-input cap (for inputs read by a library, like .docx)."""
    info = check_regular_file(path)
    cap = max_input_bytes()
    if info.st_size > cap:
        raise _too_big(str(path), info.st_size, cap)


def check_zip_bounds(
    infos: list[zipfile.ZipInfo],
    name: str,
    *,
    max_total: int,
    error: type[BilingualError] = BilingualError,
    limit_hint: str = "",
    counted=lambda info: True,
) -> int:
    """Refuse a zip with more than MAX_MEMBERS entries, whose members would inflate past
    `max_total` bytes in all (only the members `counted` selects), or with any member
    past MAX_RATIO× its compressed size; return the counted total. Reads only the zip
    directory: nothing is inflated."""
    if len(infos) > MAX_MEMBERS:
        raise error(f"{name}: {len(infos)} files in the archive (at most {MAX_MEMBERS} are expected)")
    total = 0
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise error(
                f"{name}: {info.filename} would inflate {info.file_size // max(info.compress_size, 1)}× "
                f"(to {human(info.file_size)}): refused as a zip bomb"
            )
        if counted(info):
            total += info.file_size
    if total > max_total:
        raise error(f"{name}: inflates to {human(total)}, over the {human(max_total)} limit{limit_hint}")
    return total
