"""Reading: files, folders and stdin → `Document`s (encodings, article layouts, structure)."""
