"""Standard files for moving work between bilingual and CAT tools: one module per format
(TMX for the memory, XLIFF for translations, TBX and DeepL's TSV for the glossary)."""
