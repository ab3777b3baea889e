"""Display text for the calculator's result codes, and short labels of the references it cites.

Embedded in the page as a JSON attribute (``data-calculator-labels``, HTML-escaped); JavaScript
only looks values up in it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from calculator.summary import ELIGIBILITY

RESULT_LABELS: dict[str, dict[str, str]] = {
    # One home for the eligibility words: the plain-text summary uses the same ones.
    "eligibility": dict(ELIGIBILITY),
    "her2_status": {
        "positive": "HER2-positive",
        "negative": "HER2-negative",
        "equivocal": "Equivocal",
        "needs_ish": "Needs ISH testing",
        "needs_ihc": "Needs IHC on the same tissue",
        "not_tested": "Not tested",
    },
    "low_category": {
        "her2_zero": "HER2-zero (IHC 0)",
        "her2_ultralow": "HER2-ultralow",
        "her2_low": "HER2-low",
    },
    "cardiac_action": {
        "proceed": "Proceed, with routine LVEF monitoring",
        "monitor": "Monitor closely",
        "withhold": "Withhold trastuzumab",
        "evaluate_before_start": "Evaluate before starting",
        "discontinue": "Discontinue trastuzumab permanently",
    },
    "schedule": {"weekly": "Weekly", "q3w": "Every 3 weeks"},
    "route": {"iv": "Intravenous", "sc": "Subcutaneous (fixed dose)"},
    "missed_dose_action": {
        "maintenance": "Give the maintenance dose now",
        "reload": "Give the loading dose again now",
    },
}


def _short_label(entry: dict[str, Any]) -> str:
    authors = entry.get("authors") or []
    first = str(authors[0]).split()[0] if authors else str(entry.get("title", "?")).split()[0]
    return f"{first} {entry.get('year', '')}".strip()


@cache
def reference_labels(bibliography: str) -> dict[str, dict[str, str]]:
    path = Path(bibliography)
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        key: {"label": _short_label(entry), "title": str(entry.get("title", ""))}
        for key, entry in data.items()
        if isinstance(entry, dict)
    }


def labels_json(bibliography: str) -> str:
    data = {**RESULT_LABELS, "references": reference_labels(bibliography)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
