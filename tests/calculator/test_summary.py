"""The copied summary and the page's view: words for a clinical note, never internal codes."""

from __future__ import annotations

import re

import pytest

from calculator import evaluate
from calculator.words.summary import summary_text
from calculator.words.view import build
from tests.calculator.golden import cases
from tests.calculator.patients import METASTATIC_Q3W

SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
CONTEXT = {"review": "submitted, not yet reviewed", "link": "https://guide.test/calculator/"}


def test_summary_of_a_70_kg_case_every_3_weeks() -> None:
    data = {
        "indication": "early_breast",
        "ihc": "3+",
        "nodes_positive": True,
        "weight_kg": 70.0,
        "schedule": "q3w",
        "lvef_baseline_percent": 62,
        "pregnant": False,
    }
    text = summary_text(data, evaluate(data), today="2026-11-26", context=CONTEXT)
    lines = text.splitlines()
    assert lines[0] == "Trastuzumab eligibility check, 2026-11-26"
    assert lines[1] == (
        "Inputs: Indication Early breast cancer; IHC score 3+; Axillary nodes involved yes; "
        "Body weight 70 kg; Schedule every 3 weeks; Baseline LVEF 62%; Pregnant no."
    )
    assert "Verdict: Eligible for trastuzumab." in lines
    assert "HER2: HER2-positive (ASCO/CAP 2018)." in lines
    # US label: 8 mg/kg loading, 6 mg/kg every 3 weeks → 560 and 420 mg for 70 kg.
    assert "Dose: 560 mg loading, then 420 mg every 3 weeks (8 then 6 mg/kg for 70 kg)." in lines
    assert (
        "Heart: Baseline LVEF 62%: start, and measure LVEF every 3 months during treatment and "
        "at its end."
    ) in lines
    assert re.search(
        r"^Calculator rules v\d+\.\d+\.\d+, [0-9a-f]{8}; content review: "
        r"submitted, not yet reviewed\.$",
        text,
        re.M,
    )
    assert "Reproduce: https://guide.test/calculator/" in lines
    assert any(line.startswith("References: ") and "Romond 2005" in line for line in lines)


@pytest.mark.parametrize(
    "data", [c["input"] for c in cases()], ids=lambda d: str(sorted(d.items()))[:60]
)
def test_no_internal_code_in_any_summary(data: dict) -> None:
    text = summary_text(data, evaluate(data), today="2026-11-26", context=CONTEXT)
    assert SNAKE.findall(text) == [], text


def test_weight_entered_in_pounds_is_shown_beside_the_kilograms() -> None:
    data = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70.0, "schedule": "weekly"}
    text = summary_text(
        data, evaluate(data), today="2026-11-26", context={"weight_entered": "154.3 lb"}
    )
    assert "Body weight 70 kg (154.3 lb)" in text


def test_a_patient_on_treatment_is_not_told_to_check_pregnancy_before_starting() -> None:
    new = {"indication": "metastatic_breast", "ihc": "3+", "lvef_baseline_percent": 60.0}
    treated = {**new, "lvef_percent": 58.0}
    codes = lambda d: [w["code"] for w in build(d, evaluate(d))["warnings"]]  # noqa: E731
    assert "PREGNANCY_STATUS_UNKNOWN" in codes(new)
    assert "PREGNANCY_STATUS_UNKNOWN" not in codes(treated)


def test_heart_action_is_not_shown_when_trastuzumab_is_off_the_table() -> None:
    data = {"indication": "metastatic_breast", "ihc": "1+"}
    page = build(data, evaluate(data))
    assert page["verdict"]["code"] == "not_eligible"
    assert page["heart"] is None
    assert [k for k, _ in page["facts"]] == ["HER2 status", "ISH group", "HER2-low category"]
    assert page["verdict"]["why"].startswith("HER2-negative disease")


def test_missing_items_name_the_fields_that_supply_them() -> None:
    data = {"indication": "metastatic_breast", "ihc": "2+"}
    page = build(data, evaluate(data))
    assert page["verdict"]["title"] == "More information needed"
    assert page["missing"] == [{"field": "ish_method", "label": "ISH"}]


def test_a_continuing_dose_states_its_mg_per_kg_in_the_dose_line_order() -> None:
    """HAZ-052: on treatment the note's mg/kg follows the dose line: the re-load now, then the
    maintenance; or the maintenance, then the re-load after a late dose; with the weekly plan's
    every-3-weeks dose after the weekly phase. Never 6 mg/kg alone beside a 560 mg re-load."""
    base = {**METASTATIC_Q3W, "lvef_baseline_percent": 62, "lvef_percent": 60}

    def dose(data: dict) -> str:
        lines = summary_text(data, evaluate(data), today="2026-12-05").splitlines()
        return next(line for line in lines if line.startswith("Dose: "))

    late = dose({**base, "days_since_last_dose": 35})
    assert late.startswith("Dose: Re-loading dose 560 mg now")
    assert late.endswith("; 8 mg/kg now, then 6 mg/kg, for 70 kg.")
    on_time = dose({**base, "days_since_last_dose": 21})
    assert on_time.startswith("Dose: 420 mg every 3 weeks")
    assert on_time.endswith("; 6 mg/kg, re-loading 8 mg/kg, for 70 kg.")
    weekly = {
        **base,
        "indication": "early_breast",
        "nodes_positive": True,
        "schedule": "weekly",
        "adjuvant_phase": "weekly",
        "days_since_last_dose": 5,
    }
    assert dose(weekly).endswith(
        "after the weekly phase 420 mg every 3 weeks; 2 mg/kg, re-loading 4 mg/kg, after the "
        "weekly phase 6 mg/kg, for 70 kg."
    )
    # The every-3-weeks phase, no last dose given: its loading dose is only a re-load.
    q3w_phase = {**weekly, "adjuvant_phase": "q3w"}
    del q3w_phase["days_since_last_dose"]
    assert dose(q3w_phase).startswith("Dose: 420 mg every 3 weeks")
    assert dose(q3w_phase).endswith("; 6 mg/kg, re-loading 8 mg/kg, for 70 kg.")
