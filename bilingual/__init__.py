"""bilingual: Arabic news → side-by-side Arabic/English Word documents, offline."""

__version__ = "0.1.0"
