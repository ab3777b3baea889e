"""Inputs the calculator's tests build their cases from (each test adds what it is about)."""

from __future__ import annotations

from typing import Any

#: HER2-positive metastatic breast cancer, 70 kg, every 3 weeks, not pregnant.
METASTATIC_Q3W: dict[str, Any] = {
    "indication": "metastatic_breast",
    "ihc": "3+",
    "weight_kg": 70,
    "schedule": "q3w",
    "pregnant": False,
}
