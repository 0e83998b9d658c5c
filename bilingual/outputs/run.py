"""The whole `bilingual translate` run: plan, read, check, translate, write as we go.

1. Outputs are planned and every input is read and checked before the model loads, so a
   bad `-o`, a protected file or an unreadable input costs a second, and (without
   `--keep-going`) nothing is written when one of them is wrong.
2. Documents are translated in groups of about `GROUP_SENTENCES` sentences: all sentences
   of a group go through CTranslate2 together (deduplicated, sorted by length: the speed
   of one big batch), and each group's documents are written as soon as the group is
   done, so a long folder run leaves finished files behind as it goes and its memory use
   does not grow with the number of inputs.
3. With `--keep-going` a bad input (unreadable, refused output, failed write) is reported
   on one line and skipped; the run finishes the others and the summary names how many
   failed (exit 1).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import BilingualError, Interrupted
from bilingual.outputs.plan import PlannedOutput, TranslateOptions

if TYPE_CHECKING:
    from bilingual.document import Document
    from bilingual.translation.pipeline import RunSummary

GROUP_SENTENCES = 2000  # sentences translated together before their documents are written

Progress = Callable[[int, "int | None"], None]


@dataclass
class _Ready:
    plan: PlannedOutput
    document: Document
    paths: list[Path | None]


@dataclass
class RunReport:
    """What a run did: the translation figures, the files written, the inputs that failed."""

    summary: RunSummary
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, one-line reason)

    def line(self) -> str:
        text = self.summary.line()
        if self.failed:
            text += f"; {len(self.failed)} input(s) failed: " + ", ".join(source for source, _ in self.failed)
        return text


def _sentences(document: Document) -> int:
    return sum(len(block.sentences) for article in document.articles for block in article.blocks)


def _groups(ready: list[_Ready]) -> list[list[_Ready]]:
    groups: list[list[_Ready]] = [[]]
    size = 0
    for item in ready:
        if groups[-1] and size >= GROUP_SENTENCES:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += _sentences(item.document)
    return [g for g in groups if g]


def _merge(total: RunSummary, part: RunSummary) -> None:
    """Add one group's figures to the run's: every count field, and the name statuses."""
    from dataclasses import fields

    for f in fields(part):
        value = getattr(part, f.name)
        if f.name == "seconds":
            continue
        if isinstance(value, dict):
            merged = getattr(total, f.name)
            for key, count in value.items():
                merged[key] = merged.get(key, 0) + count
        elif isinstance(value, int):
            setattr(total, f.name, getattr(total, f.name) + value)


def translate_files(
    inputs: Sequence[str],
    options: TranslateOptions,
    *,
    on_progress: Progress | None = None,
    download_progress: Progress | None = None,
    notify: Callable[[str], None] = lambda message: None,
) -> RunReport:
    """Run `bilingual translate` (see the module docstring); returns what was done.

    On Ctrl-C (KeyboardInterrupt) `Interrupted` says which files were finished and what
    the translation memory kept, so running the same command again resumes.
    """
    from bilingual.api import glossary_files, mark_unknown, name_matcher
    from bilingual.names.matcher import annotate_names
    from bilingual.outputs.plan import check_output, plan_outputs, protected_paths
    from bilingual.reading.inputs import expand_inputs, read_inputs
    from bilingual.translation.devices import plan_device
    from bilingual.translation.pipeline import RunSummary

    started = time.perf_counter()
    options.render.validate()
    device = plan_device(options.device, options.threads)  # --device cuda without a GPU: fail before reading
    sources = expand_inputs(list(inputs))
    glossaries = glossary_files(options.glossaries)
    plans = plan_outputs(sources, options)
    protected = protected_paths(sources, glossaries)
    matcher = name_matcher(options.glossaries, notify=notify)
    report = RunReport(RunSummary())

    ready: list[_Ready] = []
    for plan in plans:
        try:
            document = read_inputs([plan.source])[0]
            paths = check_output(plan, len(document.articles), options, protected)
        except BilingualError as exc:
            if not options.keep_going:
                raise
            report.failed.append((plan.source, str(exc)))
            notify(f"Error: {exc} (skipped, --keep-going)")
            continue
        if matcher is not None:
            annotate_names(document, matcher)
        mark_unknown([document])  # after the hits: what they cover is no unknown name
        for warning in document.warnings:
            notify(f"Warning: {warning}")
        ready.append(_Ready(plan, document, paths))

    if ready:
        _translate_and_write(ready, options, device, glossaries, report, on_progress, download_progress, notify)
    report.summary.seconds = time.perf_counter() - started
    return report


def _translate_and_write(
    ready: list[_Ready],
    options: TranslateOptions,
    device,
    glossaries: list[Path],
    report: RunReport,
    on_progress: Progress | None,
    download_progress: Progress | None,
    notify: Callable[[str], None],
) -> None:
    from bilingual.translation.engine import load_engine
    from bilingual.translation.package_index import ensure_model
    from bilingual.translation.pipeline import translate_documents

    package = ensure_model(options.model, progress=download_progress, notify=notify)
    engine = load_engine(package, beam=options.beam, threads=options.threads, device=device, expect_pair=("ar", "en"))
    store = None
    if options.use_memory:
        from bilingual.translation.memory import TranslationMemory

        store = TranslationMemory()
    done_before = [0]
    finished = [0]

    def progress(done: int, total: int | None) -> None:
        finished[0] = done_before[0] + done
        if on_progress is not None:
            on_progress(finished[0], None if total is None else done_before[0] + total)

    try:
        for group in _groups(ready):
            translated, summary = translate_documents(
                [item.document for item in group],
                engine,
                store,
                model_label=engine.label,
                glossaries=[str(p) for p in glossaries],
                on_progress=progress,
            )
            done_before[0] = finished[0]
            _merge(report.summary, summary)
            for item, document in zip(group, translated):
                _write(item, document, options, report, notify)
    except KeyboardInterrupt:
        raise Interrupted(_interrupted_message(finished[0], len(report.written), options.use_memory)) from None
    finally:
        if store is not None:
            store.close()


def _write(item: _Ready, document, options: TranslateOptions, report: RunReport, notify) -> None:
    from bilingual.outputs.formats import check_overwrite
    from bilingual.outputs.plan import make_parent

    fmt = item.plan.output_format
    try:
        pieces: list[tuple[Path | None, list | None]] = [(item.paths[0], None)]
        if len(item.paths) > 1:
            pieces = [(path, [article]) for path, article in zip(item.paths, document.articles)]
        for path, articles in pieces:
            if path is not None:
                check_overwrite(path, fmt, options.force)  # again: a file may have appeared meanwhile
                make_parent(path)
            fmt.write(document, articles, path, options.render)
            if path is not None:
                report.written.append(path)
                notify(f"Wrote {path}")
    except BilingualError as exc:
        if not options.keep_going:
            raise
        report.failed.append((item.plan.source, str(exc)))
        notify(f"Error: {exc} (skipped, --keep-going)")


def _interrupted_message(finished: int, written: int, memory: bool) -> str:
    """What an interrupted run kept: the files already written are complete (each is
    written whole, atomically); finished sentences are in the memory, so running again
    resumes from them."""
    files = "no output written" if not written else f"{written} finished output file(s) kept"
    if memory:
        return (
            f"Interrupted: {files}; {finished} sentence(s) translated in this run are kept "
            "in the translation memory, and running the same command again resumes from them."
        )
    return f"Interrupted: {files} (--no-memory: no translated sentence was kept)."
