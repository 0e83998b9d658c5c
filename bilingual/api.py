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
    from bilingual.outputs.run import RunReport
    from bilingual.review.importer import ImportReport
    from bilingual.translation.devices import MachineReport
    from bilingual.translation.packages import InstalledPackage
    from bilingual.translation.pipeline import RunSummary
    from bilingual.translation.segments import TranslatedDocument

Source = str | Path
Progress = Callable[[int, int | None], None]


def glossary_files(glossaries: Sequence[Source] | None = None) -> list[Path]:
    """The glossary files to use: `None` means the default ones (the starter glossary
    shipped in the package, then the house glossary folder), `[]` none at all."""
    from bilingual.names.glossary_files import discover_glossaries

    if glossaries is None:
        return discover_glossaries([])
    return discover_glossaries([Path(g) for g in glossaries]) if glossaries else []


def load_glossaries(glossaries: Sequence[Source] | None = None) -> Glossary:
    """Every entry of the glossary files (`None`: the default ones), validated."""
    from bilingual.names.glossary import load_glossaries as load

    return load(glossary_files(glossaries))


NO_GLOSSARY_WARNING = (
    "Warning: no glossary loaded ({why}): names will not be marked or kept in house spelling; "
    "see 'bilingual glossary path'"
)


def inspect(
    sources: Sequence[Source],
    *,
    glossaries: Sequence[Source] | None = None,
    notify: Callable[[str], None] | None = None,
    unknown: bool = True,
) -> list[Document]:
    """Read inputs (files, folders, "-" for stdin) into documents with glossary names marked.

    `glossaries=[]` asks for none; when the files in use hold no entry at all (no starter
    glossary, an empty house folder, empty `-g` files), `notify` gets one warning line.
    `unknown`: also find the names no glossary row covers (`Block.unknown`, with a
    transliterated guess); `False` saves the word list's load (about 60 ms) when they are
    not shown.
    """
    from bilingual.reading.inputs import read_inputs

    documents = read_inputs([str(s) for s in sources])
    matcher = name_matcher(glossaries, notify=notify)
    if matcher is not None:
        from bilingual.names.matcher import annotate_names

        for document in documents:
            annotate_names(document, matcher)
    if unknown:
        mark_unknown(documents)
    return documents


def mark_unknown(documents: Sequence[Document]) -> None:
    """Fill `Block.unknown` of documents whose glossary hits are marked: the names no glossary
    row covers, which the reviewer must see (the DOCX flags them, the JSON lists them)."""
    from bilingual.names.unknown import annotate_unknown

    for document in documents:
        annotate_unknown(document)


def name_matcher(glossaries: Sequence[Source] | None = None, *, notify: Callable[[str], None] | None = None):
    """The compiled matcher for these glossaries (cached on disk), None when there is none."""
    if glossaries is not None and not glossaries:
        return None  # asked for no glossary: no warning
    paths = glossary_files(glossaries)
    if not paths:
        if notify:
            notify(NO_GLOSSARY_WARNING.format(why="no glossary file found"))
        return None
    from bilingual.names.glossary_cache import load_matcher

    compiled = load_matcher(paths)
    if not compiled.entries:
        if notify:
            notify(NO_GLOSSARY_WARNING.format(why="the glossary files in use have no entries"))
        return None
    return compiled.matcher


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
    `glossaries` applies only to paths read here. Names no glossary row covers are found on
    every block (`Block.unknown`, after its hits) and get an English guess on their segment.
    """
    from bilingual.translation.devices import plan_device
    from bilingual.translation.engine import load_engine
    from bilingual.translation.package_index import ensure_model
    from bilingual.translation.pipeline import translate_documents

    documents = [s for s in sources if isinstance(s, Document)]
    paths = [s for s in sources if not isinstance(s, Document)]
    if documents and paths:
        raise TypeError("translate() takes either paths or documents, not both")
    plan = plan_device(device, threads)  # a bad --device fails before reading or downloading
    if paths:
        documents = inspect(paths, glossaries=glossaries, unknown=False)
    mark_unknown(documents)  # documents from `inspect` too: their hits are what counts now
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


def write_json(document: TranslatedDocument, path: Source | None, *, force: bool = False) -> Path | None:
    """Write the JSON contract of `bilingual translate --format json` (`None`: stdout).

    An existing file at `path` is only replaced when it is this tool's own unedited JSON
    (it carries a `fingerprint` of its content), or with `force`.
    """
    from bilingual.outputs.formats import FORMATS, check_overwrite

    json_format = FORMATS["json"]
    if path is not None:
        check_overwrite(Path(path), json_format, force)
    json_format.write(document, None, None if path is None else Path(path), _default_render())
    return None if path is None else Path(path)


def _default_render():
    from bilingual.outputs.docx.options import RenderOptions

    return RenderOptions()


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
) -> RunReport:
    """The whole `bilingual translate` run: plan outputs, read, translate, write.

    Outputs are planned and checked before the model loads, so a bad `-o` costs a second;
    documents are written as their group of sentences is translated; `--keep-going`
    (`options.keep_going`) skips bad inputs. See `bilingual.outputs.run`.
    """
    from bilingual.outputs.run import translate_files as run

    return run(inputs, options, on_progress=on_progress, download_progress=download_progress, notify=notify)
