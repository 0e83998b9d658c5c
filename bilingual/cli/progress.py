"""Progress bars on stderr (rich), shared by the commands that download or translate.

Both yield a plain `update(done, total)` callback, so the library functions they wrap
never depend on rich.
"""

from __future__ import annotations

import contextlib
import sys


@contextlib.contextmanager
def download_progress(description: str = "Downloading"):
    """A download bar on stderr, shown only once bytes arrive; yields `update(done, total)`.

    Used around `models.ensure_model(progress=...)` (which downloads only when no model is
    installed) and `models.install_from_index`.
    """
    bar = None
    task = None

    def update(done: int, total: int | None) -> None:
        nonlocal bar, task
        if bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

            console = Console(stderr=True)
            bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
                console=console,
                disable=not console.is_terminal,
            )
            bar.start()
            task = bar.add_task(description, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()


@contextlib.contextmanager
def sentence_progress():
    """Sentences translated so far; vanishes when done (the summary line follows).
    Without a terminal (scripts, CI, pipes) there is nothing to draw, and rich is not even
    imported: that saves a tenth of a second on every scripted run."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("Translating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("sentences"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("translate", total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update
