"""The language of a golden case's ``expect`` (see :mod:`build_tools.editorial.golden`), in the
standard library only: the approval gate runs it, and the calculator's own tests run it too,
under CPython and under Pyodide."""

from __future__ import annotations

from typing import Any

__all__ = ["MISSING", "at", "check_case"]

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
            bad = set(expected) - codes if mode == "include" else set(expected) & codes
            if bad:
                wrong.append(f"{name} {'lacks' if mode == 'include' else 'has'} {sorted(bad)}")
            continue
        actual = at(result, path)
        if actual is MISSING:
            wrong.append(f"no {path} in the result")
        elif actual != expected:
            wrong.append(f"{path} is {actual!r}, expected {expected!r}")
    return wrong
