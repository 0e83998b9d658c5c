"""Where each input's result goes, checked before any translating starts.

A bad `-o`, two inputs aimed at one file, or a reviewer-edited document at the output path
is reported in a second, not after minutes of work (see the README's `translate` section).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.outputs.docx.options import RenderOptions

FORMATS = ("docx", "json", "xliff")
_SUFFIX_FORMATS = {".json": "json", ".docx": "docx", ".xlf": "xliff", ".xliff": "xliff"}


@dataclass
class TranslateOptions:
    """One `bilingual translate` run: where results go and how they are made.

    How the DOCX looks is `render` (one source for rows, column order, fonts, --force).
    """

    output: str | None = None
    format: str | None = None
    model: str | None = None
    beam: int = 4
    threads: int | None = None
    device: str = "auto"
    use_memory: bool = True
    split_articles: bool = False
    glossaries: list[Path] = field(default_factory=list)
    render: RenderOptions = field(default_factory=RenderOptions)

    @property
    def force(self) -> bool:
        return self.render.force


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
    if options.output and Path(options.output).suffix.lower() in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[Path(options.output).suffix.lower()]
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


def check_outputs_writable(plans: list[PlannedOutput], documents, options: TranslateOptions) -> None:
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
