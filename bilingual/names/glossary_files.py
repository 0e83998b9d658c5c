"""Which glossary files a command uses, wherever the tool is installed or run from.

Two layers, neither depending on the current folder:

- the **starter glossary** (`bilingual/glossaries/names.csv`), shipped inside the package,
  so a fresh `pip install` marks names out of the box;
- the **house glossary folder**: every .csv/.tsv in the platform's user config folder
  (`~/.config/bilingual/glossaries` on Linux, `~/Library/Application Support/bilingual/
  glossaries` on macOS, `%LOCALAPPDATA%\\bilingual\\glossaries` on Windows), or in the
  folder `BILINGUAL_GLOSSARY_DIR` names (a shared newsroom folder, say). `glossary add`
  writes there; its rows override the starter's for the same Arabic.

`-g FILE` (repeatable) names the files instead of both layers; `--no-glossary` uses none.
The older `./glossaries/` folder of the current directory is no longer read: a run's
names must not depend on the folder it was started from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.names.glossary_format import STARTER_GLOSSARY, SUFFIXES, is_starter

GLOSSARY_DIR_VARIABLE = "BILINGUAL_GLOSSARY_DIR"
HOUSE_FILE = "names.csv"


def starter_glossary() -> Path:
    """The starter glossary shipped inside the package."""
    return STARTER_GLOSSARY


def house_dir() -> Path:
    """The house glossary folder: $BILINGUAL_GLOSSARY_DIR, else the user config folder."""
    configured = os.environ.get(GLOSSARY_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_path

    return user_config_path("bilingual", appauthor=False) / "glossaries"


def house_glossary() -> Path:
    """The file `glossary add` writes to by default (created on first use)."""
    return house_dir() / HOUSE_FILE


def house_files() -> list[Path]:
    """Every .csv/.tsv in the house folder, sorted by name (so which of two conflicting rows
    comes first never depends on the filesystem); none when the folder does not exist."""
    folder = house_dir()
    try:
        found = [p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise BilingualError(f"{folder}: the house glossary folder is a file, not a folder") from None
    except OSError as exc:
        raise BilingualError(f"{folder}: cannot read the house glossary folder ({exc.strerror})") from None
    return sorted(found, key=lambda p: p.name)


def discover_glossaries(explicit: list[Path], no_glossary: bool = False) -> list[Path]:
    """The glossary files a command uses: `-g` files if given (each must exist), else the
    starter glossary and the house folder's files; none with `--no-glossary`."""
    if no_glossary:
        return []
    if explicit:
        paths = []
        for given in explicit:
            path = Path(given)
            if not path.is_file():
                raise BilingualError(f"{path}: glossary file not found")
            paths.append(path)
        return paths
    starter = [STARTER_GLOSSARY] if STARTER_GLOSSARY.is_file() else []
    return starter + house_files()


@dataclass(frozen=True)
class GlossarySource:
    """One file in use, as `bilingual glossary path` shows it."""

    path: Path
    role: str  # "starter" | "house" | "given"
    rows: int

    def line(self) -> str:
        return f"{self.path}  ({self.role}, {self.rows} row{'s' if self.rows != 1 else ''})"


def describe(paths: list[Path], explicit: bool) -> list[GlossarySource]:
    """Each file in use with its role and its number of valid entry rows."""
    from bilingual.names.glossary_format import count_entries

    sources = []
    for path in paths:
        role = "starter" if is_starter(path) else "given" if explicit else "house"
        sources.append(GlossarySource(path, role, count_entries(path)))
    return sources
