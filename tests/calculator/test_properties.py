"""Property tests (hypothesis): only InputError escapes; monotonic clinical properties hold; the
safety invariants of the hazard log (docs/safety/hazard-log.yml) hold over the whole input space.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import InputError, evaluate
from calculator.decide.cardiac import drop_points
from calculator.decide.inputs import KEYS
from calculator.doors.bridge import evaluate_form_json, evaluate_json
from calculator.doors.cli import main as cli_main
from calculator.words import view
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
LVEF = st.floats(10, 90) | st.sampled_from([10.0, 49.0, 50.0, 55.0, 60.0, 65.0, 90.0])
#: Days around every interval's edges (6/7/8, 14/15, 20/21/22, 28/29) and anything else.
DAYS = st.floats(0, 730) | st.sampled_from([0, 6, 7, 8, 10, 14, 15, 20, 21, 22, 28, 29, 35])
valid = st.fixed_dictionaries(
    {"indication": st.sampled_from(["early_breast", "metastatic_breast", "metastatic_gastric"])},
    optional={
        "ihc": st.none() | st.sampled_from(IHC_ORDER),
        "ish": ish,
        "tumor_size_cm": st.none() | st.floats(0, 30, exclude_min=True),
        "nodes_positive": st.none() | st.booleans(),
        "weight_kg": st.none() | st.floats(30, 300) | st.sampled_from([30.0, 70.0, 300.0]),
        "schedule": st.none() | st.just("q3w"),
        "lvef_baseline_percent": st.none() | LVEF,
        "lvef_percent": st.none() | LVEF,
        "lvef_lln_percent": st.none() | st.floats(40, 60),
        "concurrent_anthracycline": st.none() | st.booleans(),
        "pregnant": st.none() | st.booleans(),
        "days_since_last_dose": st.none() | DAYS,
        "cardiac_holds": st.none() | st.integers(0, 5) | st.integers(0, 50),
        "lvef_decline_weeks": st.none() | st.floats(0, 12) | st.floats(0, 520),
        "symptomatic_heart_failure": st.none() | st.booleans(),
        "adjuvant_phase": st.none() | st.sampled_from(["weekly", "q3w"]),
    },
)


def _consistent(data: dict[str, Any]) -> dict[str, Any]:
    """Drop the inputs that would contradict the others (each contradiction is a field error,
    tested in tests/calculator/test_refusals.py): a fall in LVEF needs a current LVEF below the
    baseline; the weekly plan's phase belongs to the weekly intravenous early-breast plan."""
    out = dict(data)
    weeks, current = out.get("lvef_decline_weeks"), out.get("lvef_percent")
    baseline = out.get("lvef_baseline_percent")
    if weeks and (current is None or (baseline is not None and current >= baseline)):
        out.pop("lvef_decline_weeks")
    weekly_plan = (
        out["indication"] == "early_breast"
        and out.get("schedule") in (None, "weekly")
        and out.get("route") in (None, "iv")
    )
    if not weekly_plan:
        out.pop("adjuvant_phase", None)
    return out


#: Weekly and the subcutaneous route are not valid with every other value (weekly + sc is an
#: error on schedule, sc + gastric an error on route), so they are added where they are valid.
valid = st.one_of(
    valid,
    valid.map(lambda d: {**d, "schedule": "weekly"}),
    valid.filter(lambda d: d["indication"] != "metastatic_gastric").map(
        lambda d: {**d, "route": "sc"}
    ),
).map(_consistent)
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
            # Field-level: each error names a key that was given (an input key, or the unknown
            # key itself), or the required indication; never an empty field.
            for error in errors:
                field = error["field"]
                top = field.split(".")[0]
                given = field in map(str, data)  # an unknown key is named as it was given
                assert given or top in data or field == "indication", error
                assert top in KEYS or given, error
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
    """US label, dose modifications and boxed warning [herceptin_uspi]: discontinue only for symptomatic heart
    failure, a decline that withheld treatment lasting >8 weeks (during a hold, or a fall that
    meets a hold rule now: HAZ-048), more than 3 holds, or a 4th hold needed now."""
    result = evaluate(data)
    holds = data.get("cardiac_holds") or 0
    weeks = data.get("lvef_decline_weeks")
    on_hold = holds >= 1 and (weeks or 0) > 0
    persistent = weeks is not None and weeks > 8 and (on_hold or _meets_a_hold_rule(data))
    allowed = (
        bool(data.get("symptomatic_heart_failure"))
        or persistent
        or holds > 3
        # A hold that starts now (not the current one, which cardiac_holds already counts).
        or (holds == 3 and not on_hold and _meets_a_hold_rule(data))
    )
    if result["cardiac"]["action"] == "discontinue":
        assert allowed
        assert result["eligibility"] == "not_eligible"
    elif persistent or holds > 3:
        raise AssertionError("a discontinuation limit was passed without discontinuing")


def _interval(data: dict[str, Any], dosing: dict[str, Any]) -> int:
    """Days between doses in the phase the patient is in (the weekly early-breast plan is every
    3 weeks after its weekly doses)."""
    if dosing["route"] == "sc" or dosing["schedule"] == "q3w":
        return 21
    return 21 if data.get("adjuvant_phase") == "q3w" else 7


@given(valid)
def test_a_missed_dose_is_only_reported_when_a_dose_is_late(data: dict[str, Any]) -> None:
    """US label, missed doses [herceptin_uspi; the current EU label says the same]: before the interval,
    not due; ≤7 days late → maintenance; >7 days late → re-load (SC: never a loading dose)."""
    result = evaluate(data)
    dosing = result["dosing"]
    if dosing is None:
        return
    days = data.get("days_since_last_dose")
    missed = dosing["missed_dose"]
    interval = _interval(data, dosing)
    if days is None or round(days - interval, 6) == 0:
        assert missed is None
        return
    if days < interval:
        assert missed["action"] == "not_due" and missed["dose_now_mg"] is None
        assert missed["due_in_days"] == round(interval - days, 6)
        assert "next dose not due" in result["headline"]  # never read as "give it now"
        return
    assert missed["days_late"] == round(days - interval, 6) and missed["due_in_days"] == 0
    if dosing["route"] == "sc" or missed["days_late"] <= 7:
        assert missed["action"] == "maintenance"
    else:
        assert missed["action"] == "reload"
    if dosing["route"] == "sc":
        assert missed["dose_now_mg"] == 600
    elif interval == 21 and dosing["schedule"] == "weekly":
        per_kg = 6 if missed["action"] == "maintenance" else 8  # the every-3-weeks phase
        assert missed["dose_now_mg"] == round(data["weight_kg"] * per_kg, 1)
    else:
        key = "maintenance_dose_mg" if missed["action"] == "maintenance" else "loading_dose_mg"
        assert missed["dose_now_mg"] == dosing[key]


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


# --- Safety invariants (docs/safety/hazard-log.yml) -----------------------------------------------
HOLDING = ("withhold", "discontinue")


@given(valid)
def test_a_shown_dose_means_every_check_is_done_and_no_heart_rule_holds(
    data: dict[str, Any],
) -> None:
    """The page (and the copied summary) never shows a dose while a check is pending or a heart
    rule says hold or stop; the result carries a dose only where trastuzumab may be given."""
    result = evaluate(data)
    page = view.build(data, result)
    if page["dose"] or page["show_dosing"]:
        assert result["pending_checks"] == []
        assert result["dosing"] is not None and result["dosing"]["ready"] is True
    if result["dosing"] is not None:
        assert result["cardiac"]["action"] not in HOLDING
        assert result["eligibility"] in ("eligible", "consider")
        assert not data.get("pregnant")
        # CONTRIBUTING.md#calculator-json (an addition): a machine reader sees "do not give yet" while a check is
        # pending (the JSON keeps the computed dose).
        assert result["dosing"]["ready"] is (result["pending_checks"] == [])


@given(valid)
def test_eligible_never_with_a_hold_or_a_pregnancy(data: dict[str, Any]) -> None:
    """``eligible`` never coexists with a hold or a pregnancy; with a pending check it is named
    in the headline (next property), and nothing is missing."""
    result = evaluate(data)
    if result["eligibility"] == "eligible":
        assert result["cardiac"]["action"] not in HOLDING
        assert not data.get("pregnant")
        assert result["missing"] == []


@given(valid)
def test_no_bare_eligible_headline_while_a_check_is_pending(data: dict[str, Any]) -> None:
    result = evaluate(data)
    if result["pending_checks"]:
        assert result["headline"] != "Eligible for trastuzumab"
        if result["headline"].startswith(("Eligible", "Consider")):
            assert " once " in result["headline"]


@given(valid)
def test_no_restart_advice_unless_her2_positive(data: dict[str, Any]) -> None:
    """HER2-negative or untested disease gets no 'restart with the loading dose' heart advice."""
    result = evaluate(data)
    if result["her2"]["status"] != "positive" or data.get("pregnant"):
        codes = {f["code"] for f in result["reasons"] + result["warnings"]}
        assert "RELOAD_AFTER_HOLD" not in codes


@given(valid)
def test_on_treatment_a_current_lvef_is_never_a_baseline(data: dict[str, Any]) -> None:
    """CONTRIBUTING.md#calculator-json: on treatment without a baseline, the baseline is asked for and nothing
    says continue (a hold may continue: an LVEF below the LLN during a hold keeps it)."""
    treated = (
        data.get("days_since_last_dose") is not None
        or (data.get("cardiac_holds") or 0) >= 1
        or (data.get("lvef_decline_weeks") or 0) > 0
    )
    if not treated or data.get("lvef_baseline_percent") is not None:
        return
    result = evaluate(data)
    assert result["cardiac"]["action"] not in ("proceed", "monitor")
    assert result["dosing"] is None
    on_the_table = result["eligibility"] != "not_eligible"
    if on_the_table and not data.get("symptomatic_heart_failure"):
        assert "lvef_baseline_percent" in result["missing"]


def _cli(text: str) -> tuple[int, str]:
    """``python -m calculator`` in this process, reading ``text`` from stdin."""
    out, stdin = io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli_main([])
    finally:
        sys.stdin = stdin
    return code, out.getvalue()


def _json_text(value: Any, twice: bool) -> str:
    """JSON text of ``value``, with its first key written twice when asked."""
    text = json.dumps(value, allow_nan=True)
    if twice and isinstance(value, dict) and value:
        key, inner = next(iter(value.items()))
        text = "{" + json.dumps(key) + ": " + json.dumps(inner) + ", " + text[1:]
    return text


texts = st.text(max_size=40) | st.builds(_json_text, raw_inputs, st.booleans())


@given(texts)
def test_no_json_text_gives_a_traceback_through_the_cli_or_the_bridge(text: str) -> None:
    code, out = _cli(text)
    assert code in (0, 2)
    payload = json.loads(out)
    assert ("errors" in payload) == (code == 2)
    for response in (json.loads(evaluate_json(text)), json.loads(evaluate_form_json(text))):
        assert response["ok"] or response.get("empty") or response["errors"]


def _on_treatment(data: dict[str, Any]) -> bool:
    return (
        data.get("days_since_last_dose") is not None
        or (data.get("cardiac_holds") or 0) >= 1
        or (data.get("lvef_decline_weeks") or 0) > 0
    )


@given(valid)
def test_a_hold_ends_only_after_4_weeks_without_trastuzumab(data: dict[str, Any]) -> None:
    """HAZ-014 [herceptin_uspi, dose modifications]: during a hold (holds counted and a fall that
    lasts) trastuzumab resumes only with at least 4 weeks since the last dose and of the fall;
    the days since the last dose unknown keeps the hold."""
    on_hold = (data.get("cardiac_holds") or 0) >= 1 and (data.get("lvef_decline_weeks") or 0) > 0
    if not on_hold:
        return
    result = evaluate(data)
    if result["cardiac"]["action"] in ("proceed", "monitor"):
        assert data.get("days_since_last_dose") is not None
        assert data["days_since_last_dose"] >= 28 and data["lvef_decline_weeks"] >= 4


@given(valid)
def test_nothing_speaks_of_restarting_before_the_first_dose(data: dict[str, Any]) -> None:
    """Before the first dose a fall or heart failure reads "do not start", never "withhold …
    repeat" or the restart dose; on treatment a hold always says the restart dose."""
    result = evaluate(data)
    codes = {f["code"] for f in result["reasons"]}
    if not _on_treatment(data):
        assert "RELOAD_AFTER_HOLD" not in codes
        assert not result["headline"].startswith(("Withhold", "Discontinue"))
        assert "restart" not in result["cardiac"]["reason"].lower()
    elif result["eligibility"] == "withhold":
        assert "RELOAD_AFTER_HOLD" in codes


@given(valid)
def test_the_dose_and_the_restart_words_follow_the_phase_of_the_weekly_plan(
    data: dict[str, Any],
) -> None:
    """One regimen now: in the every-3-weeks phase of the weekly early-breast plan every dose the
    result states is 6 mg/kg every 3 weeks or an 8 mg/kg re-load [herceptin_uspi]."""
    if data.get("adjuvant_phase") != "q3w" or data.get("weight_kg") is None:
        return
    result = evaluate(data)
    dosing = result["dosing"]
    weekly_mg = {round(data["weight_kg"] * k, 1) for k in (2.0, 4.0)} - {
        round(data["weight_kg"] * k, 1) for k in (6.0, 8.0)
    }
    if dosing is not None:
        assert (dosing["schedule"], dosing["phase"]) == ("q3w", "q3w")
        assert (dosing["loading_mg_per_kg"], dosing["maintenance_mg_per_kg"]) == (8.0, 6.0)
    for finding in result["reasons"]:
        if finding["code"] == "RELOAD_AFTER_HOLD":
            assert not any(f" {mg:g} mg" in finding["message"] for mg in weekly_mg)


@given(valid)
def test_a_weight_above_150_kg_is_always_asked_about(data: dict[str, Any]) -> None:
    """HAZ-035: a weight in pounds typed as kilograms is never dosed silently."""
    result = evaluate(data)
    asked = "WEIGHT_CHECK_UNITS" in {w["code"] for w in result["warnings"]}
    weight = data.get("weight_kg")
    assert asked == (weight is not None and weight > 150 and data.get("route") != "sc")


editions = st.sampled_from(["asco_cap_2007", "asco_cap_2013"])


@given(valid.filter(lambda d: d["indication"] != "metastatic_gastric"), editions)
def test_an_older_edition_never_decides_eligibility(data: dict[str, Any], edition: str) -> None:
    """HAZ-007: read by 2007 or 2013, a report whose reading differs from 2018 where either is
    positive is at most "consider", and the reason names the 2018 reading."""
    older = {**data, "guideline": edition}
    if older.get("ihc") == "ultralow":
        return
    result, current = evaluate(older), evaluate(data)
    readings = {result["her2"]["status"], current["her2"]["status"]}
    if len(readings) == 2 and "positive" in readings:
        assert result["eligibility"] != "eligible"
        if not data.get("pregnant"):
            assert "EDITION_DIFFERS_FROM_CURRENT" in {r["code"] for r in result["reasons"]}
