"""Display text for the calculator's result codes, and short labels of the references it cites.

Embedded in the page as a JSON attribute (``data-calculator-labels``, HTML-escaped); JavaScript
only looks values up in it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from build_tools.citations.bibliography import read_bibliography
from calculator.words import fields, words


def _choices(key: str) -> dict[str, str]:
    return {c.value: c.words for c in fields.FIELDS[key].choices if c.value}


#: Words for the result codes (calculator.words.words) and the choices the result echoes (the field
#: table): nothing here is written twice.
RESULT_LABELS: dict[str, dict[str, str]] = {
    "eligibility": dict(words.ELIGIBILITY),
    "her2_status": dict(words.HER2_STATUS),
    "low_category": dict(words.LOW_CATEGORY),
    "cardiac_action": dict(words.CARDIAC_ACTION),
    "schedule": _choices("schedule"),
    "route": dict(words.ROUTE),
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
    # The citations package's one reading of the file (validated, shared with the build).
    data = read_bibliography(path, source=bibliography).raw
    return {
        key: {"label": _short_label(entry), "title": str(entry.get("title", ""))}
        for key, entry in data.items()
        if isinstance(entry, dict)
    }


def labels_json(bibliography: str) -> str:
    data = {**RESULT_LABELS, "references": reference_labels(bibliography)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
