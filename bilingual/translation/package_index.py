"""The Argos package index: finding the Arabic→English package online, downloading it with
a progress bar and a size cap, and installing it the first time a run needs a model.

Installing from a file and reading installed packages live in `packages`; this module is
only what needs the network (and stays out of an offline run unless no model is installed).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from bilingual.errors import BilingualError
from bilingual.reading.limits import MODEL_ENV, human, max_model_bytes
from bilingual.translation.packages import (
    AR_EN_FILE,
    INSTALL_HINT,
    InstalledPackage,
    Progress,
    _argos_setting,
    _version_key,
    find_package,
    install_file,
    packages_dir,
    parse_pair,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT = 5.0  # seconds; the auto-install probe must not stall an offline run
DOWNLOAD_TIMEOUT = 30.0  # seconds without a byte before a download is abandoned
USER_AGENT = "bilingual (ArgosTranslate-compatible)"


def first_run_hint() -> str:
    """What to do when no ar→en model is installed, online and offline, in one line."""
    return (
        f"online: bilingual models install ar-en; offline: copy {AR_EN_FILE} (listed in the Argos "
        f"package index, {index_url()}) from a machine with internet, then: bilingual models install {AR_EN_FILE}"
    )


def index_url() -> str:
    """URL of the Argos package index (ARGOS_PACKAGE_INDEX is a base URL ending in /)."""
    base = _argos_setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


# --- the package index ------------------------------------------------------------------


def fetch_index(timeout: float = INDEX_TIMEOUT) -> list[dict]:
    """Download the Argos package index (a JSON list of package metadata)."""
    import urllib.error
    import urllib.request

    url = index_url()
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (OSError, urllib.error.URLError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise BilingualError(
            f"cannot reach the Argos package index at {url} ({reason}); offline, install from a file: {INSTALL_HINT}"
        ) from None
    if not isinstance(data, list):
        raise BilingualError(f"{url}: package index is not a list")
    return [entry for entry in data if isinstance(entry, dict)]


def find_in_index(index: list[dict], pair: tuple[str, str]) -> dict | None:
    candidates = [
        e for e in index if e.get("type", "translate") == "translate" and (e.get("from_code"), e.get("to_code")) == pair
    ]
    return max(candidates, key=lambda e: _version_key(str(e.get("package_version", ""))), default=None)


def download(urls: list[str], dest: Path, progress: Progress | None = None) -> Path:
    """Download the first reachable http(s) link to `dest`, reporting bytes as they come."""
    import urllib.error
    import urllib.request

    errors = []
    for url in urls:
        if not url.startswith(("http://", "https://")):
            continue  # Argos indexes also list ipfs:// links
        try:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response, open(dest, "wb") as out:
                total = response.headers.get("Content-Length")
                total = int(total) if total and total.isdigit() else None
                done = 0
                cap = max_model_bytes()
                if progress:
                    progress(0, total)
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if done > cap:  # a broken or hostile server must not fill the disk
                        raise BilingualError(
                            f"{url}: the download passed {human(cap)}, the limit for a package "
                            f"(raise it with {MODEL_ENV}=N)"
                        )
                    if progress:
                        progress(done, total)
            return dest
        except (OSError, urllib.error.URLError) as exc:
            errors.append(f"{url}: {getattr(exc, 'reason', exc)}")
    raise BilingualError("download failed (" + ("; ".join(errors) or "no http(s) link") + ")")


def install_from_index(
    code: str = "ar-en",
    *,
    progress: Progress | None = None,
    timeout: float = INDEX_TIMEOUT,
    force: bool = False,
    notify: Callable[[str], None] | None = None,
) -> InstalledPackage:
    """Install the newest package for a pair from the Argos index (online)."""
    pair = parse_pair(code)
    if pair is None:
        raise BilingualError(f"{code}: not a language pair (like ar-en) or an .argosmodel file")
    entry = find_in_index(fetch_index(timeout), pair)
    if entry is None:
        raise BilingualError(f"the Argos package index has no {pair[0]}→{pair[1]} package")
    return install_entry(entry, progress=progress, force=force, notify=notify)


def install_entry(
    entry: dict,
    *,
    progress: Progress | None = None,
    force: bool = False,
    notify: Callable[[str], None] | None = None,
) -> InstalledPackage:
    """Download one index entry next to the packages folder and install it from there."""
    directory = packages_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".bilingual-download-", dir=directory)
    except OSError as exc:
        raise BilingualError(f"{directory}: cannot write the packages folder ({exc.strerror})") from None
    try:
        archive = download(list(entry.get("links") or []), Path(tmp) / "package.argosmodel", progress)
        return install_file(archive, directory, force=force, notify=notify)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ensure_model(
    model: str | Path | InstalledPackage | None = None,
    *,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    timeout: float = INDEX_TIMEOUT,
) -> str | Path | InstalledPackage:
    """What to pass to `load_engine`; installs ar→en from the index if none is installed.

    Only the default (`model=None`) auto-installs: an explicit code or path is returned
    as is and `load_engine` reports it if it is missing (no surprise downloads). When no
    ar→en package is installed and the index does not answer within `timeout` seconds,
    the error says exactly how to install one from a file.
    """
    if model is not None:
        return model
    try:
        return find_package(None)
    except BilingualError:
        pass
    try:
        entry = find_in_index(fetch_index(timeout), ("ar", "en"))
    except BilingualError:
        raise BilingualError(
            f"no Arabic→English model installed and the Argos package index is unreachable; {first_run_hint()}"
        ) from None
    if entry is None:
        raise BilingualError(f"no Arabic→English model installed (the index has none); {first_run_hint()}")
    if notify:
        notify("No Arabic→English model installed: downloading it from the Argos package index")
    pkg = install_entry(entry, progress=progress)
    if notify:
        notify(f"Installed {pkg.code} {pkg.version} ({pkg.pair}) in {pkg.path}")
    return pkg
