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

POSITIVE = st.floats(0, 20, exclude_min=True)
ish = (
    st.none()
    | st.builds(
        lambda ratio, copies: {
            "method": "dual",
            "her2_cep17_ratio": ratio,
            "avg_her2_copies": copies,
        },
        st.floats(0, 10, exclude_min=True),
        POSITIVE,
    )
    | st.builds(lambda c: {"method": "single", "avg_her2_copies": c}, POSITIVE)
)
valid = st.fixed_dictionaries(
    {"indication": st.sampled_from(["early_breast", "metastatic_breast", "metastatic_gastric"])},
    optional={
        "ihc": st.none() | st.sampled_from(IHC_ORDER),
        "ish": ish,
        "tumor_size_cm": st.none() | st.floats(0, 30, exclude_min=True),
        "nodes_positive": st.none() | st.booleans(),
        "weight_kg": st.none() | st.floats(0.1, 400),
        "schedule": st.none() | st.just("q3w"),
        "lvef_baseline_percent": st.none() | st.floats(0, 100),
        "lvef_percent": st.none() | st.floats(0, 100),
        "lvef_lln_percent": st.none() | st.floats(40, 60),
        "concurrent_anthracycline": st.none() | st.booleans(),
        "pregnant": st.none() | st.booleans(),
        "days_since_last_dose": st.none() | st.floats(0, 730),
        "cardiac_holds": st.none() | st.integers(0, 50),
        "lvef_decline_weeks": st.none() | st.floats(0, 520),
        "symptomatic_heart_failure": st.none() | st.booleans(),
    },
)
#: Weekly and the subcutaneous route are not valid with every other value (weekly + sc is an
#: error on schedule, sc + gastric an error on route), so they are added where they are valid.
valid = st.one_of(
    valid,
    valid.map(lambda d: {**d, "schedule": "weekly"}),
    valid.filter(lambda d: d["indication"] != "metastatic_gastric").map(
        lambda d: {**d, "route": "sc"}
    ),
)
ELIGIBILITIES = {"eligible", "not_eligible", "consider", "insufficient_information", "withhold"}
ACTIONS = {"proceed", "monitor", "withhold", "evaluate_before_start", "discontinue"}


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
        if isinstance(data, dict):
            # Field-level: each error names a key that was given, or the required indication.
            for error in errors:
                field = error["field"]
                named = {field, field.split(".")[0]}
                assert named & set(data) or field == "indication", error
    else:
        assert result["eligibility"] in ELIGIBILITIES


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
    assert result["cardiac"]["action"] in ACTIONS
    assert result["eligibility"] in ELIGIBILITIES
    assert set(result["rules"]) == {"version", "sha256"}
    dosing = result["dosing"]
    if dosing is not None:
        assert result["eligibility"] in ("eligible", "consider")
        if dosing["route"] == "sc":
            assert dosing["loading_dose_mg"] is None and dosing["maintenance_dose_mg"] == 600
        else:
            weight = data["weight_kg"]
            loading = weight * dosing["loading_mg_per_kg"]
            assert abs(dosing["loading_dose_mg"] - loading) <= 0.05 + 1e-9
    if result["her2"]["low_category"] is not None:
        assert result["her2"]["status"] == "negative"
        assert data["indication"] != "metastatic_gastric"
    if result["her2"]["ish_group"] is not None:
        assert data["ish"]["method"] == "dual" and data["indication"] != "metastatic_gastric"
    if data.get("pregnant"):
        assert result["eligibility"] == "not_eligible"


def _threshold(data: dict[str, Any]) -> float:
    lln = data.get("lvef_lln_percent")
    return max(50.0, 50.0 if lln is None else lln)


@given(valid)
def test_a_known_lvef_below_the_threshold_is_never_eligible(data: dict[str, Any]) -> None:
    """Issue 12 rules 1-2 [herceptin_uspi; trial entry criteria]: baseline, or a lone current
    LVEF read as baseline, or a current LVEF on treatment, below max(50, LLN) → never eligible."""
    known = [data.get("lvef_baseline_percent"), data.get("lvef_percent")]
    if any(v is not None and v < _threshold(data) for v in known):
        assert evaluate(data)["eligibility"] != "eligible"


@given(valid)
def test_withhold_only_for_her2_positive(data: dict[str, Any]) -> None:
    result = evaluate(data)
    if result["eligibility"] == "withhold":
        assert result["her2"]["status"] == "positive"
        assert result["cardiac"]["action"] == "withhold"
        assert result["dosing"] is None
    if result["her2"]["status"] != "positive":
        assert result["eligibility"] != "withhold"


def _meets_a_hold_rule(data: dict[str, Any]) -> bool:
    baseline, current = data.get("lvef_baseline_percent"), data.get("lvef_percent")
    if baseline is None or current is None:
        return False
    drop = round(baseline - current, 6)
    lln = data.get("lvef_lln_percent") or 50.0
    return drop >= 16 or (current < lln and drop >= 10)


@given(valid)
def test_discontinue_only_for_the_label_reasons(data: dict[str, Any]) -> None:
    """US label §2.3 and boxed warning [herceptin_uspi]: discontinue only for symptomatic heart
    failure, a decline lasting >8 weeks, more than 3 holds, or a 4th hold needed now."""
    result = evaluate(data)
    holds = data.get("cardiac_holds") or 0
    weeks = data.get("lvef_decline_weeks")
    allowed = (
        bool(data.get("symptomatic_heart_failure"))
        or (weeks is not None and weeks > 8)
        or holds > 3
        or (holds == 3 and _meets_a_hold_rule(data))
    )
    if result["cardiac"]["action"] == "discontinue":
        assert allowed
        assert result["eligibility"] == "not_eligible"
    elif (weeks is not None and weeks > 8) or holds > 3:
        raise AssertionError("a discontinuation limit was passed without discontinuing")


@given(valid)
def test_a_missed_dose_is_only_reported_when_a_dose_is_late(data: dict[str, Any]) -> None:
    """US label §2.2 [herceptin_uspi]: ≤7 days late → maintenance; >7 days late → re-load."""
    dosing = evaluate(data)["dosing"]
    if dosing is None:
        return
    days = data.get("days_since_last_dose")
    missed = dosing["missed_dose"]
    interval = 7 if dosing["schedule"] == "weekly" else 21
    if days is None or days <= interval:
        assert missed is None
        return
    assert missed["days_late"] == round(days - interval, 6)
    if dosing["route"] == "sc" or missed["days_late"] <= 7:
        assert missed["action"] == "maintenance"
        assert missed["dose_now_mg"] == dosing["maintenance_dose_mg"]
    else:
        assert missed["action"] == "reload"
        assert missed["dose_now_mg"] == dosing["loading_dose_mg"]


@given(valid, st.sampled_from(IHC_ORDER[:-1]))
def test_a_stronger_ihc_never_turns_a_positive_negative(data: dict[str, Any], ihc: str) -> None:
    weaker = evaluate({**data, "ihc": ihc})
    for stronger_ihc in IHC_ORDER[IHC_ORDER.index(ihc) + 1 :]:
        stronger = evaluate({**data, "ihc": stronger_ihc})
        if weaker["her2"]["status"] == "positive":
            assert stronger["her2"]["status"] == "positive"


@given(valid, st.floats(0, 30, exclude_min=True), st.floats(0, 30, exclude_min=True))
def test_a_larger_tumour_never_lowers_eligibility(data: dict[str, Any], a: float, b: float) -> None:
    rank = {
        "not_eligible": 0,
        "withhold": 0,
        "insufficient_information": 1,
        "consider": 2,
        "eligible": 3,
    }
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
