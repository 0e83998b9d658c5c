"""The review loop: a reviewer's corrections (DOCX, XLIFF) flow back into the memory."""
