"""The translation engine: one CTranslate2 model driven over all sentences of a run.

argostranslate's `translate()` decodes paragraph by paragraph with a 32-token batch
budget, so in practice one sentence per CTranslate2 call, and lets CTranslate2 silently
truncate long input (1,024 tokens) and output (256 tokens). Here every sentence of every
input goes through the model together: unique sentences are tokenized once, sorted by
length and cut into batches with a padded-token budget (n × longest ≤ `batch_tokens`),
and a few batches are kept in flight so parallel workers stay busy while finished
sentences are handed back at once (`on_result`), which lets the caller save them to the
translation memory before a Ctrl-C.

No text is ever lost: a sentence longer than `max_source_tokens` is cut at clause
punctuation (، ؛ : , ;), else at a word boundary, else at a hard piece window, and the
pieces are translated separately and joined; the decoding cap is set from the input
length, never CTranslate2's 256 default.

Decoding options match argostranslate's (beam 4, length penalty 0.2, replace unknowns)
so a sentence translates exactly as `argos-translate` would translate it alone.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from bilingual.errors import BilingualError
from bilingual.translation.devices import DevicePlan, plan_device
from bilingual.translation.packages import InstalledPackage, open_package
from bilingual.translation.tokenizers import PieceMarks, Tokenizer, load_tokenizer

ENGINE_SCHEME = "e1"  # bump when a change here alters output for the same model/options
LENGTH_PENALTY = 0.2  # argostranslate's value
# Bounds for the library and the CLI alike: a beam of 100,000 would never finish, and more
# than 8 rarely changes a sentence; threads past the core count only add contention.
MIN_BEAM, MAX_BEAM = 1, 16
MAX_THREADS = 64
MAX_SOURCE_TOKENS = 150  # Argos models were trained on inputs of at most 150 pieces
DECODE_RATIO = 2.0  # output cap = ratio × input pieces + extra (English runs longer than Arabic)
DECODE_EXTRA = 10
CLAUSE_MARKS = ("،", "؛", ":", ",", ";", "؟", "?", "!")


@dataclass
class RawTranslation:
    """The model's output for one input sentence, before names are enforced."""

    text: str  # detokenized English
    source_pieces: list[str]  # pieces of the source as sent to the model
    target_pieces: list[str]  # pieces of the output (no target_prefix, no </s>)
    attention: list[list[float]] | None = None  # [target piece][source piece], when requested
    parts: int = 1  # >1 when an over-long sentence was cut and translated in parts
    capped: bool = False  # some part stopped at the length cap (likely a repetition loop)


# --- cutting over-long sentences ----------------------------------------------------------


def split_pieces(pieces: list[str], limit: int, marks: type[PieceMarks] | PieceMarks) -> list[list[str]]:
    """Cut a piece sequence into parts of at most `limit` pieces, losing nothing.

    Each cut is the last clause break (after ، ؛ : , ; ? !, before a new word) within the
    window if it keeps at least a quarter of the window, else the last word boundary in
    the second half of the window, else a hard cut. Concatenating the parts gives back
    `pieces` exactly.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    parts: list[list[str]] = []
    start = 0
    while len(pieces) - start > limit:
        end = start + limit
        cut = next(
            (
                i
                for i in range(end, start + max(1, limit // 4) - 1, -1)
                if marks.word_start(pieces, i) and marks.surface(pieces[i - 1]).endswith(CLAUSE_MARKS)
            ),
            None,
        )
        if cut is None:
            cut = next((i for i in range(end, start + max(1, limit // 2) - 1, -1) if marks.word_start(pieces, i)), end)
        if cut <= start:
            cut = end
        parts.append(pieces[start:cut])
        start = cut
    parts.append(pieces[start:])
    return parts


# --- the engine ---------------------------------------------------------------------------


@dataclass
class _Unit:
    """One model input: a whole sentence or one part of an over-long one."""

    sentence: int  # index into the unique sentences
    part: int
    pieces: list[str]
    result: tuple[list[str], list[list[float]] | None, bool] = ([], None, False)


@dataclass
class Engine:
    """A loaded model plus the options that shape its output. Build with `load_engine`."""

    package: InstalledPackage
    translator: Any
    tokenizer: Tokenizer
    beam: int = 4
    compute_type: str = "int8"
    batch_tokens: int = 1024
    inter_threads: int = 1
    intra_threads: int = 1
    device: str = "cpu"
    replicas: int = 1  # models working in parallel (workers × GPUs): the in-flight window
    max_source_tokens: int = MAX_SOURCE_TOKENS
    digest: str = ""
    load_seconds: float = 0.0
    _tmp: object = field(default=None, repr=False)  # keeps an unpacked .argosmodel alive

    @property
    def identity(self) -> str:
        """Translation-memory key space: everything that changes the output."""
        p = self.package
        return (
            f"{ENGINE_SCHEME}|{p.code}|{p.from_code}-{p.to_code}|{p.version}|{self.digest}|"
            f"beam={self.beam}|ct={self.compute_type}|lp={LENGTH_PENALTY}|"
            f"split={self.max_source_tokens}|prefix={p.target_prefix}"
        )

    @property
    def label(self) -> str:
        """Human-readable model name for reports and document metadata."""
        return f"{self.package.code} {self.package.version}".strip()

    def translate(
        self,
        sentences: list[str],
        *,
        attention: bool = False,
        on_result: Callable[[int, RawTranslation], None] | None = None,
    ) -> list[RawTranslation]:
        """Translate all sentences in one go; one RawTranslation per input, in order.

        Identical sentences are translated once. `on_result(i, r)` is called (in this
        thread) as soon as sentence i is finished, so the caller can persist it.
        """
        unique: dict[str, int] = {}
        for s in sentences:
            unique.setdefault(s, len(unique))
        owners: list[list[int]] = [[] for _ in unique]
        for i, s in enumerate(sentences):
            owners[unique[s]].append(i)

        results: list[RawTranslation | None] = [None] * len(sentences)
        units_of: list[list[_Unit]] = []
        for u, text in enumerate(unique):
            pieces = self.tokenizer.encode(text)
            parts = split_pieces(pieces, self.max_source_tokens, self.tokenizer) if pieces else []
            units_of.append([_Unit(u, k, part) for k, part in enumerate(parts) if part])

        def finish(u: int) -> None:
            raw = self._assemble(units_of[u], attention)
            for i in owners[u]:
                results[i] = raw
                if on_result:
                    on_result(i, raw)

        for u, units in enumerate(units_of):
            if not units:  # empty or whitespace-only: nothing to send to the model
                finish(u)

        remaining = [len(units) for units in units_of]
        for unit in self._run(units_of, attention):
            remaining[unit.sentence] -= 1
            if remaining[unit.sentence] == 0:
                finish(unit.sentence)
        return results  # type: ignore[return-value]

    # -- internals --

    def _batches(self, units: list[_Unit]) -> list[list[_Unit]]:
        """Longest first; a batch grows while n × longest stays within the token budget."""
        ordered = sorted(units, key=lambda x: len(x.pieces), reverse=True)
        batches: list[list[_Unit]] = []
        for unit in ordered:
            if batches and (len(batches[-1]) + 1) * len(batches[-1][0].pieces) <= self.batch_tokens:
                batches[-1].append(unit)
            else:
                batches.append([unit])
        return batches

    @staticmethod
    def _cap(source_len: int) -> int:
        """Most output pieces for an input of `source_len` pieces (prefix not counted)."""
        return int(source_len * DECODE_RATIO) + DECODE_EXTRA

    def _submit(self, batch: list[_Unit], attention: bool):
        prefix = [self.package.target_prefix] if self.package.target_prefix else []
        cap = self._cap(max(len(u.pieces) for u in batch)) + len(prefix)
        return self.translator.translate_batch(
            [u.pieces for u in batch],
            target_prefix=[prefix for _ in batch] if prefix else None,
            beam_size=self.beam,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            replace_unknowns=True,
            max_input_length=0,  # never truncate; parts are already short enough
            max_decoding_length=cap,
            return_attention=attention,
            asynchronous=True,
        )

    def _run(self, units_of: list[list[_Unit]], attention: bool):
        """Yield units as they finish: one batch per worker at a time, none queued.

        A worker gets the next batch as soon as its own finishes (whichever finishes first),
        and nothing waits in CTranslate2's queue, so after Ctrl-C or SIGTERM at most one
        batch per worker is still running; the batch budget bounds how long that takes
        (about a second per 1,024 padded tokens of a base model on one CPU core).
        """
        todo = deque(self._batches([u for units in units_of for u in units]))
        in_flight: list[tuple[list[_Unit], Any]] = []
        prefix_len = 1 if self.package.target_prefix else 0
        while todo or in_flight:
            while todo and len(in_flight) < self.replicas:
                batch = todo.popleft()
                in_flight.append((batch, self._submit(batch, attention)))
            # Poll rather than block in C++, so Ctrl-C is handled within milliseconds.
            done = next((entry for entry in in_flight if all(f.done() for f in entry[1])), None)
            if done is None:
                time.sleep(0.002)
                continue
            in_flight.remove(done)
            batch, futures = done
            for unit, future in zip(batch, futures):
                try:
                    hyp = future.result()
                except Exception as exc:  # CTranslate2 errors are RuntimeError/ValueError
                    raise BilingualError(f"translation failed in CTranslate2 ({exc})") from None
                tokens = list(hyp.hypotheses[0])
                att = hyp.attention[0] if attention and hyp.attention else None
                if prefix_len and tokens[:1] == [self.package.target_prefix]:
                    tokens = tokens[1:]
                    att = att[1:] if att is not None else None
                # The batch cap follows its longest member; hold each unit to its own cap so
                # its output does not depend on which sentences shared its batch.
                own_cap = self._cap(len(unit.pieces))
                capped = len(tokens) >= own_cap
                tokens = tokens[:own_cap]
                att = att[:own_cap] if att is not None else None
                unit.result = (tokens, [list(row) for row in att] if att is not None else None, capped)
                yield unit

    def _assemble(self, units: list[_Unit], attention: bool) -> RawTranslation:
        if not units:
            return RawTranslation("", [], [], [] if attention else None, parts=0)
        source = [p for u in units for p in u.pieces]
        target = [p for u in units for p in u.result[0]]
        text = " ".join(t for t in (self.tokenizer.decode(u.result[0]) for u in units) if t)
        att = units[0].result[1] if attention and len(units) == 1 else None
        capped = any(u.result[2] for u in units)
        return RawTranslation(text, source, target, att, parts=len(units), capped=capped)


# --- loading ------------------------------------------------------------------------------


def _file_digest(paths: list[Path]) -> str:
    """sha256 over the model files: the memory survives reinstalls of the same model and
    never serves a different model's output.

    Hashing a real model (100-300 MB) costs 0.1-0.3 s, a few percent of a typical run, so
    the digest is cached by (path, size, mtime, inode) in the user cache dir, the way git
    trusts its index: replacing a file changes its inode or mtime, so a different model is
    never taken for this one. The cache is optional: any trouble with it just rehashes."""
    stats = [path.stat() for path in paths]
    key = "|".join(f"{p.resolve()}:{s.st_size}:{s.st_mtime_ns}:{s.st_ino}" for p, s in zip(paths, stats))
    cache = _digest_cache_file()
    try:
        known = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(known.get(key), str):
            return known[key]
    except (OSError, ValueError, AttributeError):
        known = {}
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                h.update(block)
    digest = h.hexdigest()[:16]
    try:
        from bilingual.files import atomic_write_text

        kept = dict(list(known.items())[-31:]) if isinstance(known, dict) else {}
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cache, json.dumps({**kept, key: digest}))
    except (OSError, BilingualError):
        pass
    return digest


def _digest_cache_file() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("bilingual", appauthor=False) / "model-digests.json"


def load_engine(
    model: str | Path | InstalledPackage | None = None,
    *,
    beam: int = 4,
    threads: int | None = None,
    device: str | DevicePlan = "auto",
    compute_type: str | None = None,
    batch_tokens: int | None = None,
    max_source_tokens: int = MAX_SOURCE_TOKENS,
    expect_pair: tuple[str, str] | None = None,
) -> Engine:
    """Load a package's model and tokenizer once for the whole run.

    `model`: None (the installed ar→en package), a pair code ("ar-en",
    "translate-ar_en"), a package folder, an .argosmodel file, or an InstalledPackage.
    `threads`: parallel workers (None: the device's default, one per core on CPU).
    `device`: "auto", "cpu", "cuda" or a DevicePlan (bilingual.translation.devices), which
    also gives the compute type and batch budget unless `compute_type`/`batch_tokens` are set.
    `expect_pair`: refuse (before the slow load) a package for another language pair, so
    `--model` pointing at, say, an en→fr package never "translates" Arabic with it.
    """
    if not MIN_BEAM <= beam <= MAX_BEAM:
        raise BilingualError(f"--beam must be between {MIN_BEAM} and {MAX_BEAM} (got {beam})")
    if threads is not None and not 1 <= threads <= MAX_THREADS:
        raise BilingualError(f"--threads must be between 1 and {MAX_THREADS} (got {threads})")
    plan = plan_device(device, threads) if isinstance(device, str) else device
    if threads is not None and threads != plan.workers:
        plan = replace(plan, workers=threads)
    compute_type = compute_type or plan.compute_type
    batch_tokens = plan.batch_tokens if batch_tokens is None else batch_tokens
    if batch_tokens < 1:
        raise BilingualError(f"batch token budget must be at least 1 (got {batch_tokens})")
    started = time.perf_counter()
    package, holder = open_package(model)
    if expect_pair is not None and (package.from_code, package.to_code) != expect_pair:
        raise BilingualError(
            f"{package.path}: is a {package.pair} package, not {expect_pair[0]}→{expect_pair[1]}; "
            f"choose another --model (see bilingual models list)"
        )
    if not (package.model_dir / "model.bin").is_file():
        raise BilingualError(f"{package.path}: package has no model/model.bin")
    tokenizer = load_tokenizer(package.tokenizer_file, package.from_code, package.to_code)
    inter, intra = plan.workers, plan.intra_threads

    import ctranslate2

    try:
        translator = ctranslate2.Translator(
            str(package.model_dir),
            device=plan.device,
            device_index=list(plan.device_index),
            compute_type=compute_type,
            inter_threads=inter,
            intra_threads=intra,
        )
    except (RuntimeError, ValueError) as exc:
        raise BilingualError(f"{package.path}: cannot load the CTranslate2 model ({exc})") from None
    try:
        digest = _file_digest([package.model_dir / "model.bin", package.tokenizer_file])
    except OSError as exc:  # the package was removed or replaced while loading
        raise BilingualError(f"{package.path}: cannot read the package ({exc.strerror}); install it again") from None
    return Engine(
        package=package,
        translator=translator,
        tokenizer=tokenizer,
        beam=beam,
        compute_type=translator.compute_type,
        batch_tokens=batch_tokens,
        inter_threads=inter,
        intra_threads=intra,
        device=plan.device,
        replicas=inter * len(plan.device_index),
        max_source_tokens=max_source_tokens,
        digest=digest,
        load_seconds=time.perf_counter() - started,
        _tmp=holder,
    )
