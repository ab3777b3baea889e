"""Property tests (hypothesis): only InputError escapes; monotonic clinical properties hold."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import InputError, evaluate
from calculator.cardiac import drop_points
from calculator.inputs import KEYS
from tests.conftest import MANY_EXAMPLES

IHC_ORDER = ["0", "1+", "2+", "3+"]
anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)
keys = st.sampled_from([*KEYS, "method", "her2_cep17_ratio", "avg_her2_copies", "x"])
raw_inputs = st.dictionaries(keys, anything, max_size=8) | anything

ish = (
    st.none()
    | st.builds(
        lambda ratio, copies: {
            "method": "dual",
            "her2_cep17_ratio": ratio,
            "avg_her2_copies": copies,
        },
        st.floats(0, 10),
        st.floats(0, 20),
    )
    | st.builds(lambda c: {"method": "single", "avg_her2_copies": c}, st.floats(0, 20))
)
valid = st.fixed_dictionaries(
    {"indication": st.sampled_from(["early_breast", "metastatic_breast", "metastatic_gastric"])},
    optional={
        "ihc": st.none() | st.sampled_from(IHC_ORDER),
        "ish": ish,
        "tumor_size_cm": st.none() | st.floats(0, 30),
        "nodes_positive": st.none() | st.booleans(),
        "weight_kg": st.none() | st.floats(0.1, 400),
        "schedule": st.none() | st.sampled_from(["weekly", "q3w"]),
        "lvef_baseline_percent": st.none() | st.floats(0, 100),
        "lvef_percent": st.none() | st.floats(0, 100),
        "lvef_lln_percent": st.none() | st.floats(0, 100),
        "concurrent_anthracycline": st.none() | st.booleans(),
        "pregnant": st.none() | st.booleans(),
    },
)


def _outcome(data: Any) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    try:
        return evaluate(data), []
    except InputError as exc:
        return None, exc.errors


@given(raw_inputs)
def test_nothing_but_input_error_escapes(data: Any) -> None:
    result, errors = _outcome(data)
    if result is None:
        assert errors
        assert all(set(e) == {"field", "message"} for e in errors)
    else:
        assert result["eligibility"] in {
            "eligible",
            "not_eligible",
            "consider",
            "insufficient_information",
        }


@pytest.mark.slow
@settings(max_examples=MANY_EXAMPLES)
@given(valid)
def test_valid_input_always_gives_a_complete_result(data: dict[str, Any]) -> None:
    result = evaluate(data)
    assert result["her2"]["status"] in {
        "positive",
        "negative",
        "equivocal",
        "needs_ish",
        "needs_ihc",
        "not_tested",
    }
    assert result["cardiac"]["action"] in {
        "proceed",
        "monitor",
        "withhold",
        "evaluate_before_start",
    }
    if result["dosing"] is not None:
        assert result["eligibility"] in ("eligible", "consider")
        weight = data["weight_kg"]
        assert (
            abs(
                result["dosing"]["loading_dose_mg"] - weight * result["dosing"]["loading_mg_per_kg"]
            )
            <= 0.05 + 1e-9
        )
    if result["her2"]["low_category"] is not None:
        assert result["her2"]["status"] == "negative"
        assert data["indication"] != "metastatic_gastric"
    if result["her2"]["ish_group"] is not None:
        assert data["ish"]["method"] == "dual" and data["indication"] != "metastatic_gastric"
    if data.get("pregnant"):
        assert result["eligibility"] == "not_eligible"


@given(valid, st.sampled_from(IHC_ORDER[:-1]))
def test_a_stronger_ihc_never_turns_a_positive_negative(data: dict[str, Any], ihc: str) -> None:
    weaker = evaluate({**data, "ihc": ihc})
    for stronger_ihc in IHC_ORDER[IHC_ORDER.index(ihc) + 1 :]:
        stronger = evaluate({**data, "ihc": stronger_ihc})
        if weaker["her2"]["status"] == "positive":
            assert stronger["her2"]["status"] == "positive"


@given(valid, st.floats(0, 30), st.floats(0, 30))
def test_a_larger_tumour_never_lowers_eligibility(data: dict[str, Any], a: float, b: float) -> None:
    rank = {"not_eligible": 0, "insufficient_information": 1, "consider": 2, "eligible": 3}
    small, large = sorted((a, b))
    base = {**data, "indication": "early_breast"}
    before = evaluate({**base, "tumor_size_cm": small})["eligibility"]
    after = evaluate({**base, "tumor_size_cm": large})["eligibility"]
    if before != "insufficient_information" and after != "insufficient_information":
        assert rank[after] >= rank[before]


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_drop_points_are_exact_at_one_decimal(baseline_tenths: int, current_tenths: int) -> None:
    """Percentage-point differences of one-decimal LVEFs are exact (64.1 - 48.1 == 16.0)."""
    drop = drop_points(baseline_tenths / 10, current_tenths / 10)
    assert drop * 10 == baseline_tenths - current_tenths
