"""Golden cases: data files with the input, the expected fields, a rationale and the sources."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import REFERENCE_IDS, evaluate
from tests.calculator.golden import MISSING, at, cases

CASES = cases()


def test_there_are_at_least_sixty_golden_cases_with_unique_ids() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 60
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    """The expected fields, and every reference the result cites is a known one."""
    assert case["rationale"].strip(), "every case says why"
    assert case["refs"] and set(case["refs"]) <= REFERENCE_IDS, "every case cites its source"
    result = evaluate(case["input"])
    cited = {ref for item in result["reasons"] + result["warnings"] for ref in item["refs"]}
    cited |= set(result["cardiac"]["refs"])
    cited |= {ref for g in result["guidelines"] for ref in g["refs"]}
    assert cited <= REFERENCE_IDS, f"{case['file']}:{case['id']}: unknown {cited - REFERENCE_IDS}"
    for path, expected in case["expect"].items():
        if path.endswith(("_include", "_exclude")):
            field, mode = path.rsplit("_", 1)
            codes = {item["code"] for item in result[field]}
            wanted = set(expected)
            if mode == "include":
                assert wanted <= codes, f"{case['file']}:{case['id']}: {field} {codes}"
            else:
                assert not wanted & codes, f"{case['file']}:{case['id']}: {field} {codes}"
            continue
        actual = at(result, path)
        assert actual is not MISSING, f"{case['file']}:{case['id']}: no {path} in result"
        assert actual == expected, f"{case['file']}:{case['id']}: {path} = {actual!r}"
