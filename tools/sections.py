"""Generated sections of the starter glossary: each tool rewrites only the lines between its
own BEGIN and END comment lines and leaves every other byte of the file as it is."""

from __future__ import annotations


def split_section(text: str, begin: str, end: str) -> tuple[str, str]:
    """(the file before the section, the text after it); the whole file and "" when absent."""
    if begin not in text:
        return text, ""
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1] if end in rest else ""
    return head, tail.lstrip("\r\n")
