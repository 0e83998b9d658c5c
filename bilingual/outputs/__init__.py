"""Outputs: what a translated document becomes (side-by-side DOCX, JSON) and where it goes."""
