"""The `bilingual` command line: thin wrappers over the library face (`bilingual.api`).

Each command parses options and calls one library function. Heavy libraries
(CTranslate2, SentencePiece, python-docx) are imported inside the commands that need them,
so `bilingual --help` starts fast. One module per command group:
translate (translate), inspect (inspect), doctor (doctor), glossary (glossary …), models (models …, memory …).
"""

from __future__ import annotations

import os

from bilingual.cli.app import app
from bilingual.cli.doctor import doctor
from bilingual.cli.glossary import glossary_app
from bilingual.cli.inspect import inspect
from bilingual.cli.models import memory_app, models_app
from bilingual.cli.review import review_app
from bilingual.cli.translate import translate

app.command()(translate)
app.command()(inspect)
app.command()(doctor)

app.add_typer(glossary_app, name="glossary")
app.add_typer(models_app, name="models")
app.add_typer(memory_app, name="memory")
app.add_typer(review_app, name="review")

__all__ = ["app", "main"]


def _terminate(signum, frame) -> None:
    """SIGTERM (a closed session, `timeout`, a job scheduler) stops the run the way Ctrl-C
    does, so temporary files are removed and finished sentences stay in the memory; the
    default action would kill the process on the spot."""
    raise KeyboardInterrupt


def _exit_now(code: int) -> None:
    """Leave at once after an interruption. Every `finally` has run by now (temporaries
    removed, the memory closed); what is left is interpreter teardown, where CTranslate2
    finishes the batches still queued in its workers before it lets the process go (15 s
    measured at beam 16, minutes for long batches on a big model). Exit handlers still run
    (they remove an unpacked --model archive)."""
    import atexit
    import contextlib
    import sys

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main() -> None:
    import signal

    from bilingual.errors import Interrupted

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except SystemExit as exc:
        if exc.code == Interrupted.exit_code:
            _exit_now(Interrupted.exit_code)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
