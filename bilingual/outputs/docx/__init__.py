"""The side-by-side Word document (see `render`), built on small WordprocessingML helpers (`ooxml`)."""
