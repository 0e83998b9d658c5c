"""Names: the glossary file format, the matcher that finds glossary names in Arabic, and
suggestions for names the glossary does not know yet."""
