"""Shared pytest fixtures.

The tiny real Argos package (CTranslate2 + SentencePiece, random weights) is built once per
session by `tests/tinymodel.py`; see the fixtures below.
"""
