"""bilingual: Arabic news → side-by-side Arabic/English Word documents, offline.

The library face lives in `bilingual.api` and is offered here lazily, so `import bilingual`
(and so `bilingual --help`) loads nothing heavy until a function is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Translation",
    "export_memory",
    "import_memory",
    "inspect",
    "load_glossaries",
    "review_import",
    "translate",
    "write_docx",
    "write_json",
    "write_xliff",
]

if TYPE_CHECKING:
    from bilingual.api import (
        Translation,
        export_memory,
        import_memory,
        inspect,
        load_glossaries,
        review_import,
        translate,
        write_docx,
        write_json,
        write_xliff,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bilingual import api

        return getattr(api, name)
    raise AttributeError(f"module 'bilingual' has no attribute {name!r}")
