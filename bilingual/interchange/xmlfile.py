"""Reading an interchange file (XLIFF, TMX, TBX) that came from elsewhere.

No DTDs, no entity expansion, no network: such a file is data, never instructions. A
truncated or unreadable file is one `InputError` naming it, and nothing is imported.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bilingual.errors import InputError


def read_root(path: Path, kind: str) -> etree._Element:
    """The root element of the XML file at `path` (`kind` names the format in messages)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a complete {kind} file ({exc}); nothing imported") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc})") from None
