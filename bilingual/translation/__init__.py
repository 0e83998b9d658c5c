"""Translation: Argos packages, tokenizers, the CTranslate2 engine, the translation memory,
name enforcement and the pipeline that runs them over documents."""
