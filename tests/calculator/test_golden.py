"""Golden cases: data files with the input, the expected fields, a rationale and the sources."""

from __future__ import annotations

from typing import Any

import pytest

from build_tools.editorial.expect import check_case
from calculator import REFERENCE_IDS, evaluate
from tests.calculator.golden import cases

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
    wrong = check_case(case, result)
    assert not wrong, f"{case['file']}:{case['id']}: {'; '.join(wrong)}"
