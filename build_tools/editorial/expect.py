"""The one reader of the calculator's golden cases and of their ``expect`` language, in the
standard library only: the approval gate runs it (through :mod:`build_tools.editorial.door`),
and the calculator's own tests run it too, under CPython and under Pyodide.

A golden file (``tests/calculator/golden/*.json``) is ``{"cases": [{"id", "input", "expect",
"rationale", "refs"}]}``; ``expect`` maps a dotted path of the result (``her2.status``,
``dosing.vials.0``) to its value, or ``reasons_include`` / ``warnings_exclude`` (any
``<list>_include|_exclude``) to codes that must (not) appear in that list, or ``reasons_says`` /
``reasons_says_not`` to ``{code: [words]}`` that the finding's message must (not) say, or
``<path>_contains`` / ``<path>_lacks`` to words a text of the result (``headline``,
``cardiac.reason``) must (not) say.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["MISSING", "at", "check_case", "read_cases"]


def read_cases(folder: Path, /) -> list[tuple[str, dict[str, Any]]]:
    """``(file name, case)`` of every golden file of ``folder``, files in name order."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
            raise ValueError(f'{path.name}: a golden file is {{"cases": [...]}}')
        found += [(path.name, case) for case in data["cases"]]
    return found


MISSING = object()


def at(result: Any, path: str) -> Any:
    node = result
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return MISSING
    return node


def check_case(case: dict[str, Any], result: dict[str, Any], /) -> list[str]:
    """What in ``result`` differs from ``case["expect"]`` (empty: the case passes)."""
    wrong = []
    for path, expected in case["expect"].items():
        if path.endswith(("_says", "_says_not")):
            name, saying = path.split("_says", 1)
            messages = {item["code"]: item["message"] for item in result.get(name) or []}
            for code, parts in expected.items():
                if code not in messages:
                    wrong.append(f"{name} lacks {code}")
                    continue
                bad = [p for p in parts if (p in messages[code]) == bool(saying)]
                if bad:
                    wrong.append(f"{code} {'says' if saying else 'does not say'} {bad}")
            continue
        if path.endswith(("_contains", "_lacks")):
            where, mode = path.rsplit("_", 1)
            text = at(result, where)
            if not isinstance(text, str):
                wrong.append(f"no text {where} in the result")
                continue
            bad = [p for p in expected if (p in text) != (mode == "contains")]
            if bad:
                wrong.append(f"{where} {'lacks' if mode == 'contains' else 'says'} {bad}")
            continue
        if path.endswith(("_include", "_exclude")):
            name, mode = path.rsplit("_", 1)
            codes = {item["code"] for item in result.get(name) or []}
            missing = set(expected) - codes if mode == "include" else set(expected) & codes
            if missing:
                wrong.append(f"{name} {'lacks' if mode == 'include' else 'has'} {sorted(missing)}")
            continue
        actual = at(result, path)
        if actual is MISSING:
            wrong.append(f"no {path} in the result")
        elif actual != expected:
            wrong.append(f"{path} is {actual!r}, expected {expected!r}")
    return wrong
