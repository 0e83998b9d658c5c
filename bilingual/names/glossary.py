"""The names glossary, in one import: `from bilingual.names.glossary import ...`.

The work is split by concern (each module says why it exists):

- `glossary_csv` — decoding, delimiter and numbered records of a CSV/TSV file;
- `glossary_format` — rows and entries: reading, validating, the starter layer;
- `glossary_files` — which files are in use (starter, house folder, `-g`);
- `glossary_edit` — `add_entry` (one appended row, under a lock), search and export;
- `glossary_cache` — the compiled matcher cached on disk, so commands start fast
  (`glossary_compact`: the packed form it is stored and loaded in);
- `common_words` — Arabic function words a name must not be confused with.
"""

from __future__ import annotations

from bilingual.names.common_words import COMMON_WORDS, common_word_collision
from bilingual.names.glossary_csv import FORMULA_STARTS, escape_cell
from bilingual.names.glossary_edit import (
    EXPORT_FORMATS,
    add_entry,
    export_format,
    export_text,
    export_to_file,
    format_row,
    search_entries,
)
from bilingual.names.glossary_files import (
    GLOSSARY_DIR_VARIABLE,
    discover_glossaries,
    house_dir,
    house_files,
    house_glossary,
    starter_glossary,
)
from bilingual.names.glossary_format import (
    COLUMNS,
    CONTEXTS,
    HEADER,
    KINDS,
    OPTIONAL_COLUMNS,
    STARTER_GLOSSARY,
    SUFFIXES,
    Entry,
    Glossary,
    Problem,
    check_glossaries,
    check_glossary,
    count_entries,
    is_starter,
    load_glossaries,
    match_key,
)

__all__ = [
    "COLUMNS",
    "COMMON_WORDS",
    "CONTEXTS",
    "EXPORT_FORMATS",
    "FORMULA_STARTS",
    "GLOSSARY_DIR_VARIABLE",
    "HEADER",
    "KINDS",
    "OPTIONAL_COLUMNS",
    "STARTER_GLOSSARY",
    "SUFFIXES",
    "Entry",
    "Glossary",
    "Problem",
    "add_entry",
    "check_glossaries",
    "check_glossary",
    "common_word_collision",
    "count_entries",
    "discover_glossaries",
    "escape_cell",
    "export_format",
    "export_text",
    "export_to_file",
    "format_row",
    "house_dir",
    "house_files",
    "house_glossary",
    "is_starter",
    "load_glossaries",
    "match_key",
    "search_entries",
    "starter_glossary",
]
