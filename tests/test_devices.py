"""`--device`, the per-device plan and `bilingual doctor` (this machine has no GPU)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_driver import run

from bilingual.errors import BilingualError
from bilingual.translation import devices
from bilingual.translation.devices import plan_device
from bilingual.translation.engine import load_engine

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(devices, "cuda_devices", lambda: 0)


@pytest.fixture
def two_gpus(monkeypatch):
    monkeypatch.setattr(devices, "cuda_devices", lambda: 2)
    monkeypatch.setattr(devices, "_supported", lambda d: {"float32", "int8", "int8_float16", "float16"})


def test_auto_is_cpu_without_a_gpu(no_gpu):
    plan = plan_device("auto")
    assert plan == plan_device("cpu")
    assert (plan.device, plan.compute_type, plan.intra_threads) == ("cpu", "int8", 1)
    assert plan.workers == devices.cpu_cores() and plan.batch_tokens == devices.CPU_BATCH_TOKENS
    assert plan_device("auto", threads=3).workers == 3


def test_auto_picks_cuda_when_ctranslate2_sees_a_gpu(two_gpus):
    plan = plan_device("auto")
    assert plan.device == "cuda" and plan.compute_type == "int8_float16"
    assert plan.device_index == (0, 1) and plan.workers == 1
    assert plan.batch_tokens == devices.CUDA_BATCH_TOKENS > devices.CPU_BATCH_TOKENS
    assert plan_device("cpu").device == "cpu"  # cpu stays cpu even with a GPU


def test_cuda_compute_type_falls_back_to_what_the_gpu_supports(monkeypatch):
    monkeypatch.setattr(devices, "cuda_devices", lambda: 1)
    monkeypatch.setattr(devices, "_supported", lambda d: {"float32", "float16"})  # e.g. no int8 kernels
    assert plan_device("cuda").compute_type == "float16"


def test_cuda_without_a_gpu_is_a_clear_error(no_gpu):
    with pytest.raises(BilingualError) as err:
        plan_device("cuda")
    assert "no CUDA GPU" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(BilingualError, match="--device must be one of"):
        plan_device("tpu")


def test_real_ctranslate2_here_has_no_gpu_so_auto_loads_on_cpu(tiny_package):
    """This machine (and CI) has no GPU: the real query must say so and auto must run."""
    assert devices.cuda_devices() == 0
    engine = load_engine(tiny_package, device="auto")
    assert engine.device == "cpu" and engine.compute_type.startswith("int8")  # int8_float32 on CPU
    assert engine.translator.device == "cpu"
    assert engine.batch_tokens == devices.CPU_BATCH_TOKENS
    assert engine.translate(["قال الوزير."])[0].target_pieces
    with pytest.raises(BilingualError, match="no CUDA GPU"):
        load_engine(tiny_package, device="cuda")


def test_machine_report_describes_cpu_isa_and_plans():
    report = devices.machine_report()
    assert report.cores >= 1 and report.cpu and report.ctranslate2
    assert "int8" in report.compute_types["cpu"]
    assert report.plans["auto"] == report.plans["cpu"] and "int8" in report.plans["cpu"]
    assert "no GPU" in report.plans["cuda"]
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists() and " avx2" in cpuinfo.read_text():
        assert "avx2" in report.isa
    assert report.cpu in report.line() and "CTranslate2" in report.line()


def test_cli_device_cuda_is_one_line_and_exit_1(installed_model, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير إن الاجتماع انتهى.\n", encoding="utf-8")
    out = tmp_path / "a.json"
    outcome = run("translate", article, "-o", out, "--device", "cuda", "--no-glossary")
    assert outcome.code == 1, outcome.output
    assert outcome.stderr.strip().count("\n") == 0 and "no CUDA GPU" in outcome.stderr
    assert "Traceback" not in outcome.output and not out.exists()
    bad = run("translate", article, "-o", out, "--device", "gpu", "--no-glossary")
    assert bad.code == 1 and "--device must be one of auto, cpu, cuda" in bad.stderr
    ok = run("translate", article, "-o", out, "--device", "auto", "--no-glossary", "--no-memory")
    assert ok.code == 0, ok.output
    assert json.loads(out.read_text(encoding="utf-8"))["articles"]


def test_cli_doctor_text_and_json():
    text = run("doctor")
    assert text.code == 0, text.output
    assert "CTranslate2" in text.stdout and "--device auto" in text.stdout and "int8" in text.stdout
    data = json.loads(run("doctor", "--json").stdout)
    assert data["cuda_devices"] == 0 and data["plans"]["auto"].startswith("cpu")
