"""The contenders of bench/translate.py, each run in its own process (`--child MODE`).

Each prints one JSON line (its own figures) on stdout; the parent times the whole process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

BEAM = 4
LENGTH_PENALTY = 0.2


def child_ours(text_file: str, threads: str, batch_tokens: str) -> None:
    started = time.perf_counter()
    from bilingual.text.arabic import split_sentences
    from bilingual.translation.engine import load_engine

    lines = Path(text_file).read_text(encoding="utf-8").splitlines()
    sentences = [s.text for line in lines for s in split_sentences(line)]
    engine = load_engine(
        None, beam=BEAM, threads=int(threads) if threads != "auto" else None, batch_tokens=int(batch_tokens)
    )
    loaded = time.perf_counter()
    results = engine.translate(sentences)
    done = time.perf_counter()
    Path(text_file + ".ours.txt").write_text("\n".join(r.text for r in results), encoding="utf-8")
    print(
        json.dumps(
            {
                "sentences": len(sentences),
                "out_pieces": sum(len(r.target_pieces) for r in results),
                "in_pieces": sum(len(r.source_pieces) for r in results),
                "translate": done - loaded,
                "setup": loaded - started,
                "threads": f"{engine.inter_threads}×{engine.intra_threads}",
            }
        )
    )


def child_argos(text_file: str) -> None:
    """argostranslate's own translate(), with only its sentence splitter replaced."""
    import types

    for name in ("stanza", "minisbd", "minisbd.models"):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["minisbd"].SBDetect = object
    sys.modules["minisbd"].models = sys.modules["minisbd.models"]

    import argostranslate.translate as at
    import ctranslate2
    from argostranslate import settings

    from bilingual.text.arabic import split_sentences

    counts = {"calls": 0, "out_pieces": 0, "in_pieces": 0}

    class CountingTranslator(ctranslate2.Translator):
        def translate_batch(self, source, *args, **kwargs):
            results = super().translate_batch(source, *args, **kwargs)
            counts["calls"] += 1
            counts["in_pieces"] += sum(len(s) for s in source)
            counts["out_pieces"] += sum(len(r.hypotheses[0]) for r in results)
            return results

    class OurSentencizer:
        def __init__(self, pkg):
            self.pkg = pkg

        def split_sentences(self, text):
            return [s.text for s in split_sentences(text)]

    at.ctranslate2 = types.SimpleNamespace(Translator=CountingTranslator)
    at.MiniSBDSentencizer = OurSentencizer
    at.StanzaSentencizer = OurSentencizer

    started = time.perf_counter()
    text = Path(text_file).read_text(encoding="utf-8")
    translation = at.get_translation_from_codes("ar", "en")
    loaded = time.perf_counter()
    output = translation.translate(text)  # the model loads lazily on this first call
    done = time.perf_counter()
    Path(text_file + ".argos.txt").write_text(output, encoding="utf-8")
    print(
        json.dumps(
            {
                **counts,
                "translate": done - loaded,
                "setup": loaded - started,
                "threads": f"{settings.inter_threads}×{settings.intra_threads or 'default'}",
                "batch": settings.batch_size,
            }
        )
    )


def child_keep(names_file: str, *cli_args: str) -> None:
    """The CLI with the bench model's output scripted to keep names: every result gets the
    house spelling of each glossary name of its sentence appended (same decoding cost)."""
    import dataclasses

    from bilingual.translation import engine as engine_module

    names = json.loads(Path(names_file).read_text(encoding="utf-8"))
    original = engine_module.Engine.translate

    def translate(self, sentences, *, attention=False, on_result=None):
        def scripted(i, raw):
            kept = names.get(sentences[i])
            if kept:
                raw = dataclasses.replace(raw, text=f"{raw.text} {' '.join(kept)}")
            if on_result is not None:
                on_result(i, raw)

        return original(self, sentences, attention=attention, on_result=scripted)

    engine_module.Engine.translate = translate
    from bilingual.cli import main

    sys.argv = ["bilingual", *cli_args]
    main()


def child_raw(text_file: str, inter: str, intra: str, batch_tokens: str) -> None:
    """The limit: one translate_batch over every pre-tokenized sentence."""
    started = time.perf_counter()
    import ctranslate2
    import sentencepiece

    from bilingual.text.arabic import split_sentences
    from bilingual.translation.packages import find_package

    pkg = find_package(None)
    lines = Path(text_file).read_text(encoding="utf-8").splitlines()
    sentences = [s.text for line in lines for s in split_sentences(line)]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg.path / "sentencepiece.model"))
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    translator = ctranslate2.Translator(
        str(pkg.model_dir), compute_type="int8", inter_threads=int(inter), intra_threads=int(intra)
    )
    loaded = time.perf_counter()
    results = translator.translate_batch(
        tokens,
        beam_size=BEAM,
        length_penalty=LENGTH_PENALTY,
        replace_unknowns=True,
        max_batch_size=int(batch_tokens),
        batch_type="tokens",
        max_decoding_length=512,
    )
    texts = [sp.decode_pieces(r.hypotheses[0]) for r in results]
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "sentences": len(sentences),
                "out_pieces": sum(len(r.hypotheses[0]) for r in results),
                "in_pieces": sum(map(len, tokens)),
                "translate": done - loaded,
                "setup": loaded - started,
                "threads": f"{inter}×{intra}",
                "chars": sum(map(len, texts)),
            }
        )
    )


def child_grid(text_file: str) -> None:
    """Our engine, model loaded once per setting, translate() time only."""
    import ctranslate2

    from bilingual.text.arabic import split_sentences
    from bilingual.translation.engine import load_engine

    lines = Path(text_file).read_text(encoding="utf-8").splitlines()
    sentences = [s.text for line in lines for s in split_sentences(line)]
    rows = []
    for inter, intra in ((1, 1), (1, 2), (2, 1), (1, 0)):
        engine = load_engine(None, beam=BEAM, threads=inter)
        engine.translator = ctranslate2.Translator(
            str(engine.package.model_dir), compute_type="int8", inter_threads=inter, intra_threads=intra
        )
        engine.intra_threads = intra
        for batch_tokens in (32, 256, 1024, 4096):
            engine.batch_tokens = batch_tokens
            started = time.perf_counter()
            engine.translate(sentences)
            rows.append(
                {
                    "inter": inter,
                    "intra": intra or "default",
                    "batch": batch_tokens,
                    "seconds": time.perf_counter() - started,
                }
            )
        del engine
    print(json.dumps({"grid": rows}))
