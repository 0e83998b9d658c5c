"""`bilingual translate`: plan outputs, translate every input in one run, write results.

Outputs are planned and checked before any translating starts, so a bad `-o` or a
reviewer-edited document at the output path is reported in a second, not after minutes of
work. Every file is written atomically.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError, Interrupted

FORMATS = ("docx", "json")


@dataclass
class TranslateOptions:
    output: str | None = None
    format: str | None = None
    model: str | None = None
    beam: int = 4
    threads: int | None = None
    use_memory: bool = True
    rows: str = "block"
    arabic_left: bool = False
    arabic_font: str = "Arial"
    split_articles: bool = False
    force: bool = False
    glossaries: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class PlannedOutput:
    source: str
    path: Path | None  # None: standard output
    format: str


def _format_for(options: TranslateOptions) -> str:
    if options.format:
        if options.format not in FORMATS:
            raise BilingualError(f"--format must be one of {', '.join(FORMATS)} (got {options.format!r})")
        return options.format
    if options.output and Path(options.output).suffix.lower() in (".json", ".docx"):
        return Path(options.output).suffix.lower()[1:]
    return "docx"


def _next_to(source: str, fmt: str) -> Path:
    path = Path(source)
    candidate = path.with_suffix(f".{fmt}")
    if candidate.resolve() == path.resolve():  # article.docx in → never overwrite the input
        candidate = path.with_name(f"{path.stem}.bilingual.{fmt}")
    return candidate


def plan_outputs(sources: list[str], options: TranslateOptions) -> list[PlannedOutput]:
    """Where each input's result goes (see the README's `translate` section)."""
    fmt = _format_for(options)
    out = options.output
    if out is None:
        plans = []
        for source in sources:
            if source == "-":
                if fmt != "json":
                    raise BilingualError("reading from stdin: give -o FILE.docx, or --format json to print JSON")
                plans.append(PlannedOutput(source, None, fmt))
            else:
                plans.append(PlannedOutput(source, _next_to(source, fmt), fmt))
    elif out == "-":
        if fmt != "json" or len(sources) != 1:
            raise BilingualError("-o - (standard output) works for one input with --format json")
        plans = [PlannedOutput(sources[0], None, fmt)]
    elif out.endswith(("/", "\\")) or Path(out).is_dir():
        folder = Path(out)
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)  # another run may create it at the same moment
            except OSError as exc:
                raise BilingualError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
        plans = []
        for source in sources:
            stem = "stdin" if source == "-" else Path(source).stem
            plans.append(PlannedOutput(source, folder / f"{stem}.{fmt}", fmt))
    else:
        if len(sources) > 1:
            raise BilingualError(
                f"-o {out}: {len(sources)} inputs need an output folder (an existing folder or a path ending in /)"
            )
        plans = [PlannedOutput(sources[0], Path(out), fmt)]

    seen: dict[Path, str] = {}
    for plan in plans:
        if plan.path is None:
            continue
        key = plan.path.resolve()
        if key in seen:
            raise BilingualError(f"{seen[key]} and {plan.source} would both be written to {plan.path}")
        seen[key] = plan.source
        if plan.path.is_dir():
            raise BilingualError(f"{plan.path}: is a folder; give a file name or a folder ending in /")
        if not plan.path.parent.is_dir():
            raise BilingualError(f"{plan.path.parent}: output folder does not exist")
        if any(key == Path(s).resolve() for s in sources if s != "-"):
            raise BilingualError(f"{plan.path}: is one of the inputs; inputs are never overwritten")
    return plans


def _check_outputs_writable(plans: list[PlannedOutput], documents, options: TranslateOptions) -> None:
    """Refuse before translating: an edited review document, or a folder we cannot write to."""
    import os

    for plan, document in zip(plans, documents):
        if plan.path is None:
            continue
        if not os.access(plan.path.parent, os.W_OK):
            raise BilingualError(f"{plan.path.parent}: output folder is not writable")
        if plan.format == "docx":
            from bilingual.outputs.docx.render import check_overwrite, split_article_paths

            paths = split_article_paths(document, plan.path) if options.split_articles else [plan.path]
            for path in paths:
                check_overwrite(path, options.force)


def _write(tdoc, plan: PlannedOutput, options: TranslateOptions) -> list[str]:
    from bilingual.files import atomic_write_text
    from bilingual.outputs.jsonout import dumps, translated_dict

    if plan.format == "json":
        text = dumps(translated_dict(tdoc))
        if plan.path is None:
            sys.stdout.write(text)
            return ["<stdout>"]
        atomic_write_text(plan.path, text)
        return [str(plan.path)]
    from bilingual.outputs.docx.options import RenderOptions
    from bilingual.outputs.docx.render import render_articles_separately, render_docx

    render = RenderOptions(
        rows=options.rows, arabic_left=options.arabic_left, arabic_font=options.arabic_font, force=options.force
    )
    assert plan.path is not None  # DOCX never goes to standard output
    if options.split_articles:
        return [str(p) for p in render_articles_separately(tdoc, plan.path, render)]
    return [str(render_docx(tdoc, plan.path, render))]


def translate_command(inputs: list[str], options: TranslateOptions) -> None:
    """The whole `bilingual translate` run; prints a summary to stderr."""
    from bilingual.cli.inspect import load_documents
    from bilingual.cli.progress import download_progress, sentence_progress
    from bilingual.reading.inputs import expand_inputs
    from bilingual.translation.engine import load_engine
    from bilingual.translation.packages import ensure_model
    from bilingual.translation.pipeline import translate_documents

    if options.rows not in ("block", "sentence"):
        raise BilingualError(f"--rows must be block or sentence (got {options.rows!r})")
    sources = expand_inputs(inputs)
    plans = plan_outputs(sources, options)
    documents = load_documents(sources, options.glossaries)
    _check_outputs_writable(plans, documents, options)
    for document in documents:
        for warning in document.warnings:
            _say(f"Warning: {warning}")

    with download_progress("Downloading the Arabic→English model") as download:
        model = ensure_model(options.model, progress=download, notify=_say)
    engine = load_engine(model, beam=options.beam, threads=options.threads, expect_pair=("ar", "en"))
    memory = _open_memory(options)
    finished = [0]
    try:
        with sentence_progress() as show_progress:

            def on_progress(done: int, total: int | None) -> None:
                finished[0] = done
                show_progress(done, total)

            translated, summary = translate_documents(
                documents,
                engine,
                memory,
                model_label=engine.label,
                glossaries=[str(p) for p in options.glossaries],
                on_progress=on_progress,
            )
    except KeyboardInterrupt:
        raise Interrupted(_interrupted_message(finished[0], memory is not None)) from None
    finally:
        if memory is not None:
            memory.close()
    for tdoc, plan in zip(translated, plans):
        for path in _write(tdoc, plan, options):
            if path != "<stdout>":
                _say(f"Wrote {path}")
    _say(summary.line())


def _interrupted_message(finished: int, memory: bool) -> str:
    """What an interrupted run kept: outputs are only written after translating, so none
    was; finished sentences are already in the memory, so running again resumes."""
    if memory:
        return (
            f"Interrupted: no output written; {finished} sentence(s) translated in this run are kept "
            "in the translation memory, and running the same command again resumes from them."
        )
    return "Interrupted: no output written (--no-memory: nothing was kept)."


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _open_memory(options: TranslateOptions):
    if not options.use_memory:
        return None
    from bilingual.translation.memory import TranslationMemory

    return TranslationMemory()
