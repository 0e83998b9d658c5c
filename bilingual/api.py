"""The library face: what `import bilingual` offers, and all the command line calls.

    import bilingual

    documents = bilingual.inspect(["article.txt"])             # read + glossary names
    run = bilingual.translate(["article.txt"])                   # → TranslatedDocuments
    for document in run.documents:
        bilingual.write_docx(document, "article.docx")
        bilingual.write_json(document, "article.json")

Each function is one stage or a straight chain of stages (read → segment → match names →
translate → enforce names → render); nothing here knows about the terminal. Heavy libraries
(CTranslate2, python-docx) load only inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.document import Document

if TYPE_CHECKING:
    from bilingual.interchange.tmx import TmxImport
    from bilingual.names.glossary import Glossary
    from bilingual.outputs.plan import TranslateOptions
    from bilingual.review.importer import ImportReport
    from bilingual.translation.devices import MachineReport
    from bilingual.translation.packages import InstalledPackage
    from bilingual.translation.pipeline import RunSummary
    from bilingual.translation.segments import TranslatedDocument

Source = str | Path
Progress = Callable[[int, int | None], None]


def glossary_files(glossaries: Sequence[Source] | None = None) -> list[Path]:
    """The glossary files to use: `None` means the default ones, `[]` none at all."""
    from bilingual.names.glossary import discover_glossaries

    if glossaries is None:
        return discover_glossaries([])
    return discover_glossaries([Path(g) for g in glossaries]) if glossaries else []


def load_glossaries(glossaries: Sequence[Source] | None = None) -> Glossary:
    """Every entry of the glossary files (`None`: the default ones), validated."""
    from bilingual.names.glossary import load_glossaries as load

    return load(glossary_files(glossaries))


def inspect(sources: Sequence[Source], *, glossaries: Sequence[Source] | None = None) -> list[Document]:
    """Read inputs (files, folders, "-" for stdin) into documents with glossary names marked."""
    from bilingual.names.glossary import load_glossaries as load
    from bilingual.names.matcher import NameMatcher, annotate_names
    from bilingual.reading.inputs import read_inputs

    documents = read_inputs([str(s) for s in sources])
    paths = glossary_files(glossaries)
    if paths:
        matcher = NameMatcher(load(paths).entries)
        for document in documents:
            annotate_names(document, matcher)
    return documents


@dataclass
class Translation:
    """What `translate` returns: one translated document per input, and the run's figures."""

    documents: list[TranslatedDocument]
    summary: RunSummary


def translate(
    sources: Sequence[Source | Document],
    *,
    glossaries: Sequence[Source] | None = None,
    model: str | Path | InstalledPackage | None = None,
    memory: bool = True,
    beam: int = 4,
    threads: int | None = None,
    device: str = "auto",
    on_progress: Progress | None = None,
    download_progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> Translation:
    """Translate inputs (paths, or documents from `inspect`) to English with names enforced.

    `model`: None (the installed ar→en package, installed from the Argos index if there is
    none), a pair code, a package folder or an .argosmodel file. `memory`: read and write
    the translation memory, so a second run of the same text costs nothing and an
    interrupted run resumes. `device`: auto (CUDA when CTranslate2 sees a GPU), cpu or
    cuda (an error without a GPU); see `doctor`. Documents passed in already carry their glossary names;
    `glossaries` applies only to paths read here.
    """
    from bilingual.translation.devices import plan_device
    from bilingual.translation.engine import load_engine
    from bilingual.translation.packages import ensure_model
    from bilingual.translation.pipeline import translate_documents

    documents = [s for s in sources if isinstance(s, Document)]
    paths = [s for s in sources if not isinstance(s, Document)]
    if documents and paths:
        raise TypeError("translate() takes either paths or documents, not both")
    plan = plan_device(device, threads)  # a bad --device fails before reading or downloading
    if paths:
        documents = inspect(paths, glossaries=glossaries)
    package = ensure_model(model, progress=download_progress, notify=notify)
    engine = load_engine(package, beam=beam, threads=threads, device=plan, expect_pair=("ar", "en"))
    store = _open_memory() if memory else None
    try:
        translated, summary = translate_documents(
            documents,
            engine,
            store,
            model_label=engine.label,
            glossaries=[str(p) for p in glossary_files(glossaries)] if glossaries is not None or paths else [],
            on_progress=on_progress,
        )
    finally:
        if store is not None:
            store.close()
    return Translation(translated, summary)


def doctor() -> MachineReport:
    """This machine for translating: CPU, instruction sets, GPUs, CTranslate2, and the
    device plan (compute type, workers, batch budget) each `--device` value would use."""
    from bilingual.translation.devices import machine_report

    return machine_report()


def _open_memory():
    from bilingual.translation.memory import TranslationMemory

    return TranslationMemory()


def write_docx(
    document: TranslatedDocument,
    path: Source,
    *,
    rows: str = "block",
    arabic_left: bool = False,
    arabic_font: str = "Arial",
    split_articles: bool = False,
    force: bool = False,
) -> list[Path]:
    """Write the side-by-side Word document (one per article with `split_articles`).

    An existing file at `path` is only replaced when it is this tool's own unedited output,
    or with `force`.
    """
    from bilingual.outputs.docx.options import RenderOptions
    from bilingual.outputs.docx.render import render_articles_separately, render_docx

    options = RenderOptions(rows=rows, arabic_left=arabic_left, arabic_font=arabic_font, force=force)
    if split_articles:
        return render_articles_separately(document, Path(path), options)
    return [render_docx(document, Path(path), options)]


def write_json(document: TranslatedDocument, path: Source | None) -> Path | None:
    """Write the JSON contract of `bilingual translate --format json` (`None`: stdout)."""
    import sys

    from bilingual.files import atomic_write_text
    from bilingual.outputs.jsonout import dumps, translated_dict

    text = dumps(translated_dict(document))
    if path is None:
        sys.stdout.write(text)
        return None
    atomic_write_text(Path(path), text)
    return Path(path)


def write_xliff(document: TranslatedDocument, path: Source) -> Path:
    """Write XLIFF 1.2 for a CAT tool (one unit per sentence, glossary names as notes)."""
    from bilingual.interchange.xliff import write_xliff as write

    return write(document, Path(path))


def review_import(files: Sequence[Source], *, update_glossary: Source | None = None) -> ImportReport:
    """Read reviewed DOCX/XLIFF files bilingual wrote; store edited rows as reviewed English.

    All files are checked before anything is written (one transaction). Name spellings the
    reviewers changed are listed on `report.proposals`; with `update_glossary` (the house
    glossary file) they are written there too, with a note, and listed on
    `report.glossary_changes`.
    """
    from bilingual.review.importer import import_reviews
    from bilingual.review.names import apply_proposals, check_proposals

    def check(report: ImportReport) -> None:
        if update_glossary is not None:
            check_proposals(report.proposals)  # a glossary update that cannot be made stops it all
            if Path(update_glossary).is_file():
                load_glossaries([update_glossary])  # a broken house glossary too, before any write

    report = import_reviews([Path(f) for f in files], before_write=check)
    if update_glossary is not None and report.proposals:
        report.glossary_changes = apply_proposals(report.proposals, Path(update_glossary))
    return report


def export_memory(path: Source, *, include_machine: bool = True) -> int:
    """Write the translation memory as TMX 1.4; returns the number of translation units."""
    from bilingual.interchange.tmx import export_tmx

    return export_tmx(Path(path), include_machine=include_machine)


def import_memory(path: Source) -> TmxImport:
    """Store a TMX file's Arabic→English pairs as reviewed English (one transaction)."""
    from bilingual.interchange.tmx import import_tmx

    return import_tmx(Path(path))


def translate_files(
    inputs: Sequence[str],
    options: TranslateOptions,
    *,
    on_progress: Progress | None = None,
    download_progress: Progress | None = None,
    notify: Callable[[str], None] = lambda message: None,
) -> RunSummary:
    """The whole `bilingual translate` run: plan outputs, read, translate, write.

    Outputs are planned and checked before the model loads, so a bad `-o` costs a second.
    On Ctrl-C (KeyboardInterrupt) nothing is written and `Interrupted` says what the
    translation memory kept, so running the same command again resumes.
    """
    from bilingual.errors import Interrupted
    from bilingual.outputs.plan import check_outputs_writable, plan_outputs
    from bilingual.reading.inputs import expand_inputs
    from bilingual.translation.devices import plan_device

    options.render.validate()
    plan_device(options.device, options.threads)  # --device cuda without a GPU: fail before reading
    sources = expand_inputs(list(inputs))
    plans = plan_outputs(sources, options)
    documents = inspect(sources, glossaries=options.glossaries)
    check_outputs_writable(plans, documents, options)
    for document in documents:
        for warning in document.warnings:
            notify(f"Warning: {warning}")

    finished = [0]

    def progress(done: int, total: int | None) -> None:
        finished[0] = done
        if on_progress is not None:
            on_progress(done, total)

    try:
        run = translate(
            documents,
            glossaries=options.glossaries,
            model=options.model,
            memory=options.use_memory,
            beam=options.beam,
            threads=options.threads,
            device=options.device,
            on_progress=progress,
            download_progress=download_progress,
            notify=notify,
        )
    except KeyboardInterrupt:
        raise Interrupted(_interrupted_message(finished[0], options.use_memory)) from None
    for translated, plan in zip(run.documents, plans):
        if plan.format == "xliff":
            assert plan.path is not None
            notify(f"Wrote {write_xliff(translated, plan.path)}")
            continue
        if plan.format == "json":
            written = write_json(translated, plan.path)
            if written is not None:
                notify(f"Wrote {written}")
            continue
        assert plan.path is not None  # DOCX never goes to standard output
        r = options.render
        for path in write_docx(
            translated,
            plan.path,
            rows=r.rows,
            arabic_left=r.arabic_left,
            arabic_font=r.arabic_font,
            split_articles=options.split_articles,
            force=r.force,
        ):
            notify(f"Wrote {path}")
    return run.summary


def _interrupted_message(finished: int, memory: bool) -> str:
    """What an interrupted run kept: outputs are only written after translating, so none
    was; finished sentences are already in the memory, so running again resumes."""
    if memory:
        return (
            f"Interrupted: no output written; {finished} sentence(s) translated in this run are kept "
            "in the translation memory, and running the same command again resumes from them."
        )
    return "Interrupted: no output written (--no-memory: nothing was kept)."
