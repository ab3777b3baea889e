"""CPython throughput: ``calculator.evaluate`` over the golden cases, and the bulk
``python -m calculator reclassify`` command over 200,000 generated reports (evaluations per
second; an evaluation is one report read under one edition)."""

from __future__ import annotations

import contextlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "calculator" / "golden"


def golden_inputs() -> list[dict[str, Any]]:
    inputs: list[dict[str, Any]] = []
    for path in sorted(GOLDEN.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cases = data.get("cases", data) if isinstance(data, dict) else data
        cases = cases if isinstance(cases, list) else [cases]
        inputs += [c["input"] for c in cases if isinstance(c, dict) and "input" in c]
    return inputs


def measure(seconds: float = 2.0) -> dict[str, Any]:
    from calculator import InputError, evaluate

    inputs = golden_inputs()
    if not inputs:
        raise RuntimeError(f"no golden inputs under {GOLDEN}")
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for data in inputs:
            with contextlib.suppress(InputError):
                evaluate(data)
        count += len(inputs)
    elapsed = time.perf_counter() - start
    return {
        "inputs": len(inputs),
        "evaluations": count,
        "evaluations_per_second": round(count / elapsed),
        "reclassify": measure_reclassify(),
    }


def reports_csv(path: Path, rows: int, *, seed: int = 18) -> None:
    """A reproducible file of breast and gastric HER2 reports (IHC, dual or single-probe ISH)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies\n")
        for _ in range(rows):
            indication = rng.choice(("early_breast", "metastatic_breast", "metastatic_gastric"))
            ihc = rng.choice(("0", "1+", "2+", "3+", ""))
            method = rng.choice(("dual", "dual", "single", ""))
            ratio = f"{rng.uniform(0.8, 4.0):.2f}" if method == "dual" else ""
            copies = f"{rng.uniform(1.0, 12.0):.1f}" if method else ""
            out.write(f"{indication},{ihc},{method},{ratio},{copies}\n")


def measure_reclassify(
    rows: int = 200_000, editions: str = "asco_cap_2013,asco_cap_2018"
) -> dict[str, Any]:
    """Wall-clock of the whole command (start-up, reading, workers, output) per worker count,
    and its CPU seconds (all processes), which a busy shared machine disturbs less."""
    found: dict[str, Any] = {"rows": rows, "editions": editions}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.csv"
        reports_csv(path, rows)
        for label, workers in (("one_worker", ["--workers", "1"]), ("all_cores", [])):
            cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            command = [sys.executable, "-m", "calculator", "reclassify", str(path)]
            done = subprocess.run(
                [*command, "--editions", editions, *workers],
                stdout=subprocess.PIPE,
                check=True,
            )
            seconds = time.perf_counter() - start
            cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
                cpu_after.ru_stime - cpu_before.ru_stime
            )
            summary = json.loads(done.stdout.splitlines()[-1])["summary"]
            assert summary["rows"] == rows, summary
            found[label] = {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "evaluations_per_second": round(rows * len(editions.split(",")) / seconds),
            }
    found["evaluations_per_second"] = found["all_cores"]["evaluations_per_second"]
    return found
