"""Which hardware a run translates on, and how it is driven there.

`--device auto|cpu|cuda` resolves to a `DevicePlan`: the CTranslate2 device, the compute
type that device does best (int8 on CPU; int8_float16, else float16, on CUDA), how many
workers and threads, and the padded-token batch budget. Why per device:

- CPU: one single-threaded worker per core with 1,024-token batches was fastest in the
  benchmark grid (bench/translate.py --grid; 2 vCPUs, base-size int8 model, beam 4, 28
  news sentences, translate() only): 2 workers × 1 thread 1.83 s, 1 × 1 2.83 s, 1 × 2
  2.61 s; with a 32-token budget (argostranslate's) 3.95 / 8.38 / 16.29 s. Independent
  workers keep every core busy; intra-op threads only pay off with very large batches.
- CUDA: one worker per GPU; a GPU needs large batches to fill its cores, so the budget
  is 8,192 padded tokens (CTranslate2's own examples use 64 sentences × ~100 pieces).
  int8_float16 halves the weights' memory and is the fastest type on recent GPUs.
  (Not measured in this project: no GPU was available; see the README's Speed section.)

`machine_report` describes the machine for `bilingual doctor` and the benchmark, so every
figure comes with the hardware it was measured on.
"""

from __future__ import annotations

import os
import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bilingual.errors import BilingualError

DEVICES = ("auto", "cpu", "cuda")
CPU_BATCH_TOKENS = 1024
CUDA_BATCH_TOKENS = 8192
# Preference order: the first one CTranslate2 supports on the device is used.
CPU_COMPUTE_TYPES = ("int8", "int8_float32", "float32")
CUDA_COMPUTE_TYPES = ("int8_float16", "float16", "int8", "float32")
# Instruction sets that decide CTranslate2's CPU speed (it dispatches on them at run time).
ISA_FLAGS = ("avx", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "amx_int8", "neon", "asimd")


@dataclass(frozen=True)
class DevicePlan:
    """How the engine is built for one device."""

    device: str  # "cpu" or "cuda"
    compute_type: str
    workers: int  # CTranslate2 inter_threads (per GPU on CUDA)
    intra_threads: int
    batch_tokens: int
    device_index: tuple[int, ...] = (0,)

    def line(self) -> str:
        where = self.device if self.device == "cpu" else f"cuda:{','.join(map(str, self.device_index))}"
        return (
            f"{where}: {self.compute_type}, {self.workers} worker(s) × {self.intra_threads} thread(s), "
            f"batches of {self.batch_tokens} padded tokens"
        )


def cpu_cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cuda_devices() -> int:
    """GPUs CTranslate2 can use (0 without a CUDA build, driver or GPU)."""
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # a broken driver is "no GPU", never a crash
        return 0


def _supported(device: str) -> set[str]:
    import ctranslate2

    try:
        return set(ctranslate2.get_supported_compute_types(device))
    except (RuntimeError, ValueError):
        return set()


def _pick(preferred: tuple[str, ...], supported: set[str]) -> str:
    return next((c for c in preferred if c in supported), preferred[-1])


def plan_device(device: str = "auto", threads: int | None = None) -> DevicePlan:
    """The plan for `--device` (auto: CUDA when CTranslate2 sees a GPU, else CPU).

    `threads`: workers (CPU: single-threaded workers, default one per core; CUDA: model
    replicas per GPU, default 1).
    """
    if device not in DEVICES:
        raise BilingualError(f"--device must be one of {', '.join(DEVICES)} (got {device!r})")
    if threads is not None and threads < 1:
        raise BilingualError(f"--threads must be at least 1 (got {threads})")
    gpus = cuda_devices() if device in ("auto", "cuda") else 0
    if device == "cuda" and gpus == 0:
        raise BilingualError("--device cuda: CTranslate2 sees no CUDA GPU here; use --device cpu (or auto)")
    if gpus:
        return DevicePlan(
            device="cuda",
            compute_type=_pick(CUDA_COMPUTE_TYPES, _supported("cuda")),
            workers=threads or 1,
            intra_threads=1,
            batch_tokens=CUDA_BATCH_TOKENS,
            device_index=tuple(range(gpus)),
        )
    return DevicePlan(
        device="cpu",
        compute_type=_pick(CPU_COMPUTE_TYPES, _supported("cpu")),
        workers=threads or cpu_cores(),
        intra_threads=1,
        batch_tokens=CPU_BATCH_TOKENS,
    )


# --- describing the machine ---------------------------------------------------------------


@dataclass
class MachineReport:
    """The hardware and libraries a run (or a benchmark figure) depends on."""

    cpu: str
    cores: int
    isa: list[str]
    system: str
    python: str
    ctranslate2: str
    cuda_devices: int
    compute_types: dict[str, list[str]] = field(default_factory=dict)
    plans: dict[str, str] = field(default_factory=dict)  # device → DevicePlan.line()

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """One line for a benchmark table's caption."""
        isa = "/".join(f.upper() for f in self.isa) or "no AVX"
        gpu = f"{self.cuda_devices} CUDA GPU(s)" if self.cuda_devices else "no GPU"
        return (
            f"{self.cpu}, {self.cores} cores ({isa}), {gpu}; CTranslate2 {self.ctranslate2} "
            f"({self.plans.get('cpu', '')})"
        )


def _cpuinfo() -> tuple[str, list[str]]:
    """CPU model name and ISA flags (Linux /proc/cpuinfo; elsewhere the platform's name)."""
    name, flags = platform.processor() or platform.machine(), set[str]()
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return name, []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key in ("model name", "Model", "Hardware") and value.strip():
            name = value.strip()
        elif key in ("flags", "Features") and not flags:
            flags = set(value.split())
    return name, [f for f in ISA_FLAGS if f in flags]


def machine_report() -> MachineReport:
    """Describe this machine: CPU, cores, instruction sets, CTranslate2 and its devices."""
    import ctranslate2

    cpu, isa = _cpuinfo()
    gpus = cuda_devices()
    report = MachineReport(
        cpu=cpu,
        cores=cpu_cores(),
        isa=isa,
        system=f"{platform.system()} {platform.release()} {platform.machine()}",
        python=platform.python_version(),
        ctranslate2=ctranslate2.__version__,
        cuda_devices=gpus,
    )
    for device in ("cpu", "cuda"):
        report.compute_types[device] = sorted(_supported(device)) if device == "cpu" or gpus else []
    report.plans["cpu"] = plan_device("cpu").line()
    report.plans["cuda"] = plan_device("cuda").line() if gpus else "no GPU (--device cuda is refused)"
    report.plans["auto"] = report.plans["cuda" if gpus else "cpu"]
    return report
