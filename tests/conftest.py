"""Shared pytest fixtures.

Every test runs with its own XDG data/config/cache dirs and its own ARGOS_PACKAGES_DIR
(autouse `isolated_dirs`), and ARGOS_PACKAGE_INDEX points at a closed local port, so no
test reads or writes the real home directory or reaches the network.

The tiny real Argos package (CTranslate2 + SentencePiece, seeded random weights) is built
once per session by `tests/tinymodel.py`:

- `tiny_package`: the unpacked package folder (not installed);
- `tiny_argosmodel`: the same package zipped as an .argosmodel file;
- `installed_model`: that package installed into this test's ARGOS_PACKAGES_DIR
  (so `load_engine()` / `ensure_model()` with no model argument find it);
- `tiny_engine`: a session-wide loaded Engine on the tiny package (beam 4, int8);
- `stopping_package`: a tiny package whose random network is wired to emit `</s>` after
  about as many pieces as the source has (see `tinymodel._wire_length_control`), for
  tests that want outputs of realistic length instead of length-capped loops.

Random weights translate nonsense: assert mechanics (counts, lengths, memory hits), never
wording.
"""

from __future__ import annotations

import http.server
import json
import shutil
import signal
import socket
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import tinymodel

# A shell starts background jobs (`pytest &`, a detached CI runner) with SIGINT ignored, and
# children inherit that: the Ctrl-C tests' subprocesses would then never see their SIGINT.
# A handler (not SIG_IGN) here is reset to the default in every child at exec.
signal.signal(signal.SIGINT, signal.default_int_handler)


def _closed_port() -> int:
    """A local port nobody listens on (connection refused at once: 'offline')."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Fresh XDG dirs and Argos packages dir for every test; the index is unreachable."""
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(var, str(home / sub))
    packages = home / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{_closed_port()}/")
    return home


@pytest.fixture
def work_dir(tmp_path) -> Path:
    """A folder of the test's own for inputs and outputs (tmp_path also holds its XDG home)."""
    path = tmp_path / "work"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def tiny_package(tmp_path_factory) -> Path:
    return tinymodel.build_package(tmp_path_factory.mktemp("tiny"), name="translate-ar_en-1_0")


@pytest.fixture(scope="session")
def tiny_argosmodel(tiny_package, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny-zip") / "translate-ar_en-1_0.argosmodel"
    return tinymodel.zip_package(tiny_package, out)


@pytest.fixture
def installed_model(tiny_argosmodel):
    from bilingual.translation.packages import install_file

    return install_file(tiny_argosmodel)


@pytest.fixture(scope="session")
def tiny_engine(tiny_package):
    from bilingual.translation.engine import load_engine

    return load_engine(tiny_package)


@pytest.fixture(scope="session")
def stopping_package(tmp_path_factory) -> Path:
    return tinymodel.build_package(tmp_path_factory.mktemp("stopping"), name="translate-ar_en-stop", length_alpha=0.05)


@pytest.fixture
def local_index(tiny_argosmodel, tmp_path, monkeypatch):
    """An Argos-style index.json + .argosmodel on a local HTTP server (offline-safe)."""
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(tiny_argosmodel, root / "translate-ar_en-1_0.argosmodel")
    hits: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *args):
            hits.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    entries = [
        {"package_version": "1.0", "argos_version": "1.0", "from_code": "en", "to_code": "ar", "links": []},
        {
            "package_version": "1.0",
            "argos_version": "1.0",
            "from_code": "ar",
            "from_name": "Arabic",
            "to_code": "en",
            "to_name": "English",
            "code": "translate-ar_en",
            "links": ["ipfs://skipped", f"http://127.0.0.1:{port}/translate-ar_en-1_0.argosmodel"],
        },
    ]
    (root / "index.json").write_text(json.dumps(entries))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    yield hits
    server.shutdown()
    server.server_close()
