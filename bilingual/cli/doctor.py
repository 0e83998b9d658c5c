"""`bilingual doctor`: the machine, its devices and how a run would use them."""

from __future__ import annotations

import json

import typer


def doctor(as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")):
    """Show the CPU, instruction sets, GPUs, CTranslate2 and the plan per --device.

    Example: bilingual doctor
    """
    from bilingual.api import doctor as report_of

    report = report_of()
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"CPU:          {report.cpu}, {report.cores} core(s)")
    typer.echo(f"Instructions: {' '.join(report.isa) or '(none of AVX/AVX2/AVX-512/NEON reported)'}")
    typer.echo(f"System:       {report.system}, Python {report.python}")
    typer.echo(f"CTranslate2:  {report.ctranslate2}, {report.cuda_devices} CUDA GPU(s)")
    for device, types in report.compute_types.items():
        typer.echo(f"  {device:<5} compute types: {', '.join(types) or '-'}")
    for device, line in report.plans.items():
        typer.echo(f"--device {device:<5} → {line}")
