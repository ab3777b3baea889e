"""CPython throughput of ``calculator.evaluate`` over the golden cases (evaluations per second)."""

from __future__ import annotations

import contextlib
import json
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
    }
