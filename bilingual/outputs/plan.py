"""Where each input's result goes, checked before any translating starts.

A bad `-o`, two inputs aimed at one file, an output that is an input or a glossary in
use, or a reviewer-edited document at the output path is reported in a second, not after
minutes of work, and nothing is written (see the README's `translate` section). Planning
is linear in the number of inputs: every comparison goes through a set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError, UsageError
from bilingual.outputs.docx.options import RenderOptions
from bilingual.outputs.formats import (
    FORMATS,
    OutputFormat,
    check_overwrite,
    format_named,
    format_of_suffix,
    suffix_list,
)


@dataclass
class TranslateOptions:
    """One `bilingual translate` run: where results go and how they are made.

    How the DOCX looks is `render` (one source for rows, column order, fonts, --force).
    `glossaries`: None for the default ones (starter + house folder), [] for none.
    """

    output: str | None = None
    format: str | None = None
    model: str | None = None
    beam: int = 4
    threads: int | None = None
    device: str = "auto"
    use_memory: bool = True
    split_articles: bool = False
    keep_going: bool = False
    glossaries: list[Path] | None = field(default=None)
    render: RenderOptions = field(default_factory=RenderOptions)

    @property
    def force(self) -> bool:
        return self.render.force


@dataclass(frozen=True)
class PlannedOutput:
    source: str
    path: Path | None  # None: standard output
    format: str

    @property
    def output_format(self) -> OutputFormat:
        return FORMATS[self.format]


def _is_folder(out: str) -> bool:
    return out.endswith(("/", "\\", os.sep)) or Path(out).is_dir()


def _format_for(options: TranslateOptions) -> OutputFormat:
    """--format, else the -o file's extension, else DOCX; an extension the tool does not
    write, or one that contradicts --format, is a usage error before anything happens."""
    given = format_named(options.format) if options.format else None
    out = options.output
    if out is None or out == "-" or _is_folder(out):
        return given or FORMATS["docx"]
    suffix = Path(out).suffix
    by_suffix = format_of_suffix(suffix) if suffix else None
    if by_suffix is None:
        what = f"'{suffix}' is not a format bilingual writes" if suffix else "has no extension"
        raise UsageError(f"-o {out}: {what}; name a file ending in {suffix_list()}, or a folder ending in /")
    if given is not None and given is not by_suffix:
        raise UsageError(f"-o {out}: the extension says {by_suffix.name} but --format says {given.name}")
    return by_suffix


def _next_to(source: str, fmt: OutputFormat) -> Path:
    path = Path(source)
    candidate = path.with_suffix(fmt.suffix)
    if candidate.resolve() == path.resolve():  # article.docx in → never overwrite the input
        candidate = path.with_name(f"{path.stem}.bilingual{fmt.suffix}")
    return candidate


def plan_outputs(sources: list[str], options: TranslateOptions) -> list[PlannedOutput]:
    """Where each input's result goes (see the README's `translate` section)."""
    fmt = _format_for(options)
    out = options.output
    if options.split_articles and (out == "-" or (out is None and "-" in sources and fmt.stdout)):
        raise UsageError("--split-articles writes one file per article: give -o FILE or -o FOLDER/, not stdout")
    plans: list[PlannedOutput] = []
    if out is None:
        for source in sources:
            if source == "-":
                if not fmt.stdout:
                    raise UsageError(f"reading from stdin: give -o FILE{fmt.suffix}, or --format json to print JSON")
                plans.append(PlannedOutput(source, None, fmt.name))
            else:
                plans.append(PlannedOutput(source, _next_to(source, fmt), fmt.name))
    elif out == "-":
        if not fmt.stdout or len(sources) != 1:
            raise UsageError("-o - (standard output) works for one input with --format json")
        plans = [PlannedOutput(sources[0], None, fmt.name)]
    elif _is_folder(out):
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise BilingualError(f"{folder}: is a file, not an output folder")
        for source in sources:
            stem = "stdin" if source == "-" else Path(source).stem
            plans.append(PlannedOutput(source, folder / f"{stem}{fmt.suffix}", fmt.name))
    else:
        if len(sources) > 1:
            raise UsageError(
                f"-o {out}: {len(sources)} inputs need an output folder (an existing folder or a path ending in /)"
            )
        plans = [PlannedOutput(sources[0], Path(out), fmt.name)]

    inputs = {_key(Path(s)) for s in sources if s != "-"}
    seen: dict[Path, str] = {}
    for plan in plans:
        if plan.path is None:
            continue
        key = _key(plan.path)
        if key in seen:
            raise BilingualError(f"{seen[key]} and {plan.source} would both be written to {plan.path}")
        seen[key] = plan.source
        if plan.path.is_dir():
            raise BilingualError(f"{plan.path}: is a folder; give a file name or a folder ending in /")
        if key in inputs:
            raise BilingualError(f"{plan.path}: is one of the inputs; inputs are never overwritten")
    return plans


def _key(path: Path) -> Path:
    """One spelling per file: resolved, so `a/../x.docx` and a symlink meet their target."""
    return Path(os.path.realpath(path))


def _writable_ancestor(folder: Path) -> Path:
    """The nearest existing folder above a (possibly missing) output folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return Path(".")


def output_paths(plan: PlannedOutput, articles: int, options: TranslateOptions) -> list[Path | None]:
    """The files one input's result is written to: one, or one per article with
    `--split-articles` (`<stem>-01<suffix>` ..., next to the planned file)."""
    if plan.path is None or not options.split_articles:
        return [plan.path]
    path, digits = plan.path, max(2, len(str(articles)))
    return [path.with_name(f"{path.stem}-{i:0{digits}d}{path.suffix}") for i in range(1, articles + 1)]


def check_output(
    plan: PlannedOutput, articles: int, options: TranslateOptions, protected: set[Path]
) -> list[Path | None]:
    """Refuse before translating: an input or glossary in use (never, --force or not), a
    file bilingual did not write or a person edited (without --force), a folder that
    cannot be created or written. Returns the paths to write."""
    paths = output_paths(plan, articles, options)
    for path in paths:
        if path is None:
            continue
        if _key(path) in protected:
            raise BilingualError(f"{path}: is an input or a glossary in use; it is never overwritten")
        folder = _writable_ancestor(path.parent)
        if not folder.is_dir():
            raise BilingualError(f"{path.parent}: cannot create the output folder ({folder} is a file)")
        if not os.access(folder, os.W_OK):
            raise BilingualError(f"{folder}: output folder is not writable")
        check_overwrite(path, plan.output_format, options.force)
    return paths


def protected_paths(sources: list[str], glossaries: list[Path]) -> set[Path]:
    """Files no output may replace: every input and every glossary in use."""
    return {_key(Path(s)) for s in sources if s != "-"} | {_key(Path(g)) for g in glossaries}


def make_parent(path: Path) -> None:
    """Create a missing output folder (and its parents) just before writing into it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BilingualError(f"{path.parent}: cannot create the output folder ({exc.strerror})") from None
