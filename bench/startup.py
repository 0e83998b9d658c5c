"""Benchmark: how long `bilingual inspect` of one article takes next to `bilingual --help`.

Both are timed as whole processes (interpreter start, imports, glossary, output; the
inspect tree goes to a pipe, as in a script), run from an empty folder with the installed
`bilingual` entry point next to this Python, the runs interleaved; median and fastest of
`--runs` runs after one warm-up run each (which also fills the glossary cache). The
issue's bar: inspect ≤ 2× --help.

    uv run python bench/startup.py [ARTICLE] [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def entry_point() -> str:
    candidate = Path(sys.executable).with_name("bilingual")
    return str(candidate) if candidate.exists() else "bilingual"


def timed(commands: list[list[str]], cwd: str, runs: int) -> list[list[float]]:
    """Seconds per run of each command, the commands interleaved run by run, so a busy
    machine slows them alike (one warm-up run each first, which also fills the cache)."""
    for command in commands:
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, check=True, capture_output=True)
            times[index].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = next(iter(sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))), ROOT / "examples" / "scraped.txt")
    parser.add_argument("article", nargs="?", type=Path, default=default)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    exe = entry_point()
    article = str(args.article.resolve())
    with tempfile.TemporaryDirectory() as empty:
        os.environ.pop("BILINGUAL_GLOSSARY_DIR", None)
        # An installed tool runs from compiled bytecode (pip writes it at install time);
        # with PYTHONDONTWRITEBYTECODE set, every module would be compiled on every run.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        help_t, inspect_t, unknown_t = timed(
            [[exe, "--help"], [exe, "inspect", article], [exe, "inspect", "--unknown", article]], empty, args.runs
        )
    for label, stat in (("median", statistics.median), ("fastest", min)):
        help_s, inspect_s, unknown_s = stat(help_t), stat(inspect_t), stat(unknown_t)
        print(
            f"{label:>7} of {args.runs}: --help {help_s * 1000:4.0f} ms, inspect {inspect_s * 1000:4.0f} ms, "
            f"ratio {inspect_s / help_s:4.2f}×  (bar: 2×); inspect --unknown {unknown_s * 1000:4.0f} ms, "
            f"{unknown_s / help_s:4.2f}×"
        )


if __name__ == "__main__":
    main()
