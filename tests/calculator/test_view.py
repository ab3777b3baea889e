"""``calculator.words.view``: which lines the verdict itself carries (the phone's sticky bar shows the
verdict without the details), decided in Python from the result."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import evaluate
from calculator.words import view
from calculator.words.summary import summary_text
from tests.calculator.patients import METASTATIC_Q3W

BASE = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "schedule": "weekly"}
DONE = {"lvef_baseline_percent": 60, "pregnant": False, "concurrent_anthracycline": False}


def alerts(data: dict[str, Any], **result_extra: Any) -> list[dict[str, str]]:
    result = evaluate(data) | result_extra
    return view.build(data, result)["verdict"]["alerts"]


def codes(items: list[dict[str, str]]) -> list[str]:
    return [a["code"] for a in items]


def test_nothing_outstanding_and_a_routine_start_add_no_line() -> None:
    assert alerts(BASE | DONE) == []


def test_each_pending_check_of_the_result_is_a_line_of_the_verdict_once_in_order() -> None:
    """CONTRIBUTING.md#calculator-json ``pending_checks``: anthracycline, pregnancy, LVEF; a finding that says
    the same (PREGNANCY_STATUS_UNKNOWN) does not add a second line."""
    data = BASE | {"lvef_baseline_percent": 60, "concurrent_anthracycline": True}
    got = alerts(data, pending_checks=["pregnancy", "anthracycline"])
    assert codes(got) == ["anthracycline", "pregnancy"]
    assert got[0]["text"] == view.PENDING_WORDS["anthracycline"]


def test_findings_stand_for_their_pending_check_when_the_result_lists_none() -> None:
    # Pregnancy status not checked [herceptin_uspi §8]; anthracycline at the same time
    # [slamon2001]: both are warnings of the result.
    data = BASE | {"lvef_baseline_percent": 60, "concurrent_anthracycline": True}
    assert codes(alerts(data)) == ["anthracycline", "pregnancy"]


def test_an_unmeasured_lvef_is_said_once_by_the_heart_line() -> None:
    data = BASE | {"pregnant": False, "concurrent_anthracycline": False}
    got = alerts(data, pending_checks=["lvef"])
    assert codes(got) == ["heart"]
    assert "LVEF" in got[0]["text"]


def test_a_low_baseline_lvef_is_in_the_verdict() -> None:
    # Below the higher of 50% and the LLN: cardiology review before starting [herceptin_uspi].
    got = alerts(BASE | DONE | {"lvef_baseline_percent": 45})
    assert codes(got) == ["heart"]
    assert "45%" in got[0]["text"]


def test_a_hold_is_not_said_twice() -> None:
    """A fall of ≥16 points withholds [herceptin_uspi, dose modifications]: its reason is the verdict's "why"."""
    data = BASE | DONE | {"lvef_percent": 40}
    built = view.build(data, evaluate(data))
    assert built["verdict"]["code"] == "withhold"
    assert "heart" not in codes(built["verdict"]["alerts"])
    assert built["verdict"]["why"]


def test_a_patient_on_treatment_is_not_asked_for_a_pregnancy_check_before_starting() -> None:
    data = BASE | {"lvef_baseline_percent": 60, "lvef_percent": 58, "days_since_last_dose": 7}
    assert "pregnancy" not in codes(alerts(data))


def test_no_heart_line_for_her2_negative_disease() -> None:
    """HAZ-024: HER2-negative (IHC 0 [wolff2018]) with symptomatic heart failure, or on
    treatment with a fall: the result keeps the heart fields, but the page never shows "withhold"
    or "check LVEF before the dose" for a treatment the patient will not have."""
    for data in (
        {
            "indication": "metastatic_breast",
            "ihc": "0",
            "lvef_percent": 60,
            "symptomatic_heart_failure": True,
        },
        {
            "indication": "metastatic_breast",
            "ihc": "0",
            "lvef_baseline_percent": 65,
            "lvef_percent": 45,
            "days_since_last_dose": 7,
        },
        {"indication": "metastatic_breast", "ihc": "1+"},
    ):
        result = evaluate(data)
        assert result["eligibility"] == "not_eligible"
        page = view.build(data, result)
        assert page["heart"] is None
        assert "Heart (LVEF)" not in [fact[0] for fact in page["facts"]]
        assert "heart" not in codes(page["verdict"]["alerts"])


def test_a_weight_that_may_be_in_pounds_and_a_year_gap_are_lines_of_the_verdict() -> None:
    """HAZ-035 and HAZ-037: what changes the next step is in the verdict itself (phone)."""
    heavy = BASE | DONE | {"weight_kg": 154}
    assert "weight_check_units" in codes(alerts(heavy))
    gap = {
        "indication": "early_breast",
        "ihc": "3+",
        "nodes_positive": True,
        "weight_kg": 70,
        "schedule": "q3w",
        "lvef_baseline_percent": 62,
        "lvef_percent": 60,
        "days_since_last_dose": 400,
    }
    assert "adjuvant_course_may_be_complete" in codes(alerts(gap))


def test_the_dose_line_in_the_every_3_weeks_phase_of_the_weekly_plan() -> None:
    """In the every-3-weeks phase the dose is 6 mg/kg every 3 weeks (420 mg for 70 kg); 8 mg/kg
    (560 mg) is only a re-load [herceptin_uspi, missed doses]: never "280 mg loading"."""
    data = {
        "indication": "early_breast",
        "ihc": "3+",
        "nodes_positive": True,
        "weight_kg": 70,
        "schedule": "weekly",
        "adjuvant_phase": "q3w",
        "pregnant": False,
        "lvef_baseline_percent": 62,
        "lvef_percent": 60,
        "days_since_last_dose": 21,
    }
    dose = view.build(data, evaluate(data))["dose"]
    assert dose.startswith("420 mg every 3 weeks")
    assert "re-loading dose 560 mg" in dose and "280" not in dose


def test_a_weight_without_a_schedule_says_the_dose_needs_the_schedule() -> None:
    """Early breast cancer has two labelled schedules (weekly, or every 3 weeks) [herceptin_uspi]:
    with a weight but no schedule there is no dose to show, and the next steps say why."""
    data = {"indication": "early_breast", "ihc": "3+", "nodes_positive": True, "weight_kg": 70}
    data |= DONE
    result = evaluate(data)
    assert result["eligibility"] == "eligible" and result["dosing"] is None
    assert "Choose the schedule to see the dose." in view.next_steps(data, result)
    chosen = data | {"schedule": "q3w"}
    result = evaluate(chosen)
    assert result["dosing"]["loading_dose_mg"] == 560  # 8 mg/kg x 70 kg
    assert "Choose the schedule to see the dose." not in view.next_steps(chosen, result)


@pytest.mark.parametrize(
    ("extra", "maintenance"),
    [
        ({"indication": "metastatic_breast", "schedule": "weekly", "days_since_last_dose": 7}, 140),
        (
            {
                "indication": "early_breast",
                "nodes_positive": True,
                "schedule": "q3w",
                "days_since_last_dose": 24,
            },
            420,
        ),
        (
            {
                "indication": "early_breast",
                "nodes_positive": True,
                "schedule": "weekly",
                "adjuvant_phase": "q3w",
                "days_since_last_dose": 21,
            },
            420,
        ),
    ],
)
def test_a_patient_on_treatment_is_never_shown_a_first_loading_dose(
    extra: dict[str, object], maintenance: int
) -> None:
    """HAZ-045 (the second clinical review): with a last dose given the patient is on
    trastuzumab; the page's dose line and the copied note lead with the maintenance dose and name
    the loading dose only as the re-load after a dose more than 7 days late (US label, missed
    doses)."""
    data = {"ihc": "3+", "weight_kg": 70, "lvef_baseline_percent": 62, "lvef_percent": 58, **extra}
    result = evaluate(data)
    assert result["dosing"]["continuing"] is True
    line = view.build(data, result)["dose"]
    assert line.startswith(f"{maintenance} mg"), line
    assert "no new loading dose" in line
    assert " loading, then " not in line
    text = summary_text(data, result, today="2026-01-01")
    assert " loading, then " not in text
    assert "no new loading dose" in text
    labels = [row[0] for row in view.build(data, result)["dose_table"]["rows"]]
    assert "Loading dose" not in labels
    assert labels.index("Maintenance dose") < labels.index(
        "Re-loading dose (only after a dose more than 7 days late)"
    )
    vials = [row[1] for row in view.build(data, result)["dose_table"]["rows"] if "vial" in row[0]]
    assert vials and all("for a re-load" in v and "loading dose" not in v for v in vials)


def test_a_first_course_still_starts_with_the_loading_dose() -> None:
    """The other side of HAZ-045: no last dose, no hold, no fall: the loading dose leads."""
    data = {
        "indication": "metastatic_breast",
        "ihc": "3+",
        "weight_kg": 70,
        "schedule": "weekly",
        "lvef_baseline_percent": 62,
        "pregnant": False,
    }
    result = evaluate(data)
    assert result["dosing"]["continuing"] is False
    assert view.build(data, result)["dose"].startswith("280 mg loading, then 140 mg")


def test_a_dose_more_than_a_week_late_leads_with_the_re_load() -> None:
    """HAZ-045: a patient on trastuzumab whose dose is more than 7 days late: the dose line
    leads with the re-loading dose now, as the next step says, never "no new loading dose"."""
    data = {
        "indication": "early_breast",
        "ihc": "3+",
        "nodes_positive": True,
        "weight_kg": 70,
        "schedule": "q3w",
        "lvef_baseline_percent": 60,
        "lvef_percent": 58,
        "days_since_last_dose": 31,
        "pregnant": False,
    }
    result = evaluate(data)
    assert result["dosing"]["missed_dose"]["action"] == "reload"
    page = view.build(data, result)
    assert page["dose"].startswith("Re-loading dose 560 mg now")
    assert "no new loading dose" not in page["dose"]
    assert any("give the loading dose now (560 mg)" in step for step in page["next_steps"])


#: Weekly metastatic breast, one hold for the heart so far, LVEF 65% -> 55%.
ONE_HOLD = {
    "indication": "metastatic_breast",
    "ihc": "3+",
    "weight_kg": 70,
    "schedule": "weekly",
    "lvef_baseline_percent": 65,
    "lvef_percent": 55,
    "cardiac_holds": 1,
}


def heart_row(data: dict) -> str:
    """The result's "Heart (LVEF)" row for ``data`` (the copied note's "Heart:" line)."""
    return dict(view.build(data, evaluate(data))["facts"])["Heart (LVEF)"]


def test_the_heart_row_asks_whether_a_hold_is_going_on() -> None:
    """HAZ-046: when the heart rules need to know whether a hold is going on, the heart row
    asks for it (how long the LVEF has been down, 0 if dosing has resumed)."""
    data = {**ONE_HOLD, "days_since_last_dose": 10}
    result = evaluate(data)
    assert result["missing"] == ["lvef_decline_weeks"]
    assert "enter how long the LVEF has been down" in heart_row(data)
    data["lvef_decline_weeks"] = 0
    assert "how long the LVEF has been down" not in heart_row(data)


def test_a_hold_ended_by_the_resume_rule_says_the_hold_can_end() -> None:
    """HAZ-050: a hold that has ended by the resume rule (US label: LVEF back at or above the
    LLN and at most 15 points below baseline, after at least 4 weeks) says that the hold can
    end, with LVEF every 3 months: about the heart alone, never "trastuzumab may resume", which
    the verdict may refuse (pregnancy, T-DM1 instead); below 50% (an LLN under 50%) with closer
    monitoring, as the verdict says."""
    data = {**ONE_HOLD, "lvef_decline_weeks": 5, "days_since_last_dose": 28}
    assert evaluate(data)["cardiac"]["action"] == "monitor"
    assert heart_row(data).endswith(": the hold can end, with LVEF every 3 months.")
    early = {**data, "indication": "early_breast", "nodes_positive": True, "schedule": "q3w"}
    for refused in (
        {**early, "pregnant": True},
        {**early, "setting": "post_neoadjuvant", "residual_invasive_disease": True},
    ):
        assert evaluate(refused)["eligibility"] != "eligible"
        assert "resume" not in heart_row(refused).lower()
    low = {**data, "lvef_lln_percent": 45, "lvef_baseline_percent": 60, "lvef_percent": 48}
    result = evaluate(low)
    assert result["eligibility"] == "consider"
    assert "LVEF_LOW_ON_TREATMENT" in [r["code"] for r in result["reasons"]]
    row = heart_row(low)
    assert row.endswith(
        "; it is below 50%: the hold can end, with closer LVEF monitoring and a cardiology review."
    )
    assert "every 3 months" not in row


def test_a_low_lvef_meeting_no_hold_rule_asks_for_closer_monitoring() -> None:
    """HAZ-050: an LVEF (current, or the baseline) under 50% that no hold rule stops (an LLN
    under 50%) is "monitor": on treatment "continue with closer LVEF monitoring and a cardiology
    review", before the first dose "start only after a cardiology review", as the verdict says;
    never the routine 3 months beside it. At 50% the routine interval."""
    base = {**METASTATIC_Q3W, "lvef_lln_percent": 45}
    on = {**base, "days_since_last_dose": 21}
    low = "continue with closer LVEF monitoring and a cardiology review."
    for data, ending in (
        ({**on, "lvef_baseline_percent": 53, "lvef_percent": 48}, f"; it is below 50%: {low}"),
        (
            {**on, "lvef_baseline_percent": 48, "lvef_percent": 53},
            f"; the baseline LVEF (48%) was below 50%: {low}",
        ),
        ({**on, "lvef_baseline_percent": 58, "lvef_percent": 48}, f"; it is below 50%: {low}"),
        (
            {**base, "lvef_baseline_percent": 55, "lvef_percent": 48},
            "; it is below 50%: start only after a cardiology review, with closer LVEF monitoring.",
        ),
    ):
        result = evaluate(data)
        assert (result["eligibility"], result["cardiac"]["action"]) == ("consider", "monitor")
        assert heart_row(data).endswith(ending), data
        assert "every 3 months" not in heart_row(data)
    at_50 = {**on, "lvef_baseline_percent": 53, "lvef_percent": 50}
    assert evaluate(at_50)["eligibility"] == "eligible"
    assert heart_row(at_50).endswith(": continue, with LVEF every 3 months.")


def test_before_the_first_dose_the_heart_row_never_says_hold() -> None:
    """A fall, or symptomatic heart failure, before the first dose: the row says not to start
    (yet); on treatment the same fall withholds."""
    base = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "pregnant": False}
    for before in (
        {**base, "lvef_baseline_percent": 65, "lvef_percent": 45},
        {**base, "lvef_baseline_percent": 60, "symptomatic_heart_failure": True},
    ):
        assert evaluate(before)["cardiac"]["action"] == "withhold"
        row = heart_row(before)
        assert "do not start" in row.lower()
        assert "withhold for" not in row
    on = {**base, "lvef_baseline_percent": 65, "lvef_percent": 45, "days_since_last_dose": 7}
    assert "withhold for at least 4 weeks" in heart_row(on)


def test_a_dose_beside_another_drug_says_it_is_for_trastuzumab_instead() -> None:
    """HAZ-051: where the verdict names T-DM1 (residual disease after neoadjuvant treatment,
    KATHERINE) or T-DXd (a later line, DESTINY-Breast03) first, every trastuzumab dose the
    result shows (dose line, dose table heading, missed-dose step and warning) says it is
    trastuzumab's, for when that drug is not given, and that drug's step comes first; elsewhere
    nothing changes."""
    early = {
        "indication": "early_breast",
        "ihc": "3+",
        "nodes_positive": True,
        "weight_kg": 70,
        "schedule": "q3w",
        "pregnant": False,
        "lvef_baseline_percent": 62,
        "lvef_percent": 60,
        "setting": "post_neoadjuvant",
        "residual_invasive_disease": True,
    }
    on_time = {**early, "days_since_last_dose": 21}
    page = view.build(on_time, evaluate(on_time))
    assert page["dose"].startswith("Trastuzumab, if T-DM1 is not given: 420 mg every 3 weeks")
    assert page["dose_line"].startswith("Dose (trastuzumab), if T-DM1 is not given: 420 mg")
    assert page["headings"]["dosing"] == "Trastuzumab dose, if T-DM1 is not given"
    late = {**early, "days_since_last_dose": 35}
    page = view.build(late, evaluate(late))
    assert page["dose"].startswith("Trastuzumab, if T-DM1 is not given: re-loading dose 560 mg")
    assert "T-DM1 every 3 weeks for 14 cycles" in page["next_steps"][0]
    missed = [s for s in page["next_steps"] if "560 mg" in s]
    assert missed == [
        "Trastuzumab, if T-DM1 is not given — Missed dose: 14 days late: give the loading dose "
        "now (560 mg)."
    ]
    reload = [w for w in page["warnings"] if w["code"] == "MISSED_DOSE_RELOAD"]
    assert reload and reload[0]["message"].startswith("Trastuzumab, if T-DM1 is not given — ")
    later = {
        "indication": "metastatic_breast",
        "ihc": "3+",
        "weight_kg": 70,
        "schedule": "weekly",
        "pregnant": False,
        "lvef_baseline_percent": 62,
        "line": "later",
    }
    assert view.build(later, evaluate(later))["dose"] == (
        "Trastuzumab, if T-DXd is not given now: 280 mg loading, then 140 mg every week"
    )
    # The schedule's own warnings say whose schedule it is (T-DXd is given every 3 weeks too).
    q3w = {**later, "schedule": "q3w"}
    eu = [w for w in view.build(q3w, evaluate(q3w))["warnings"] if w["code"] == "Q3W_EU_LABEL_ONLY"]
    assert eu and eu[0]["message"].startswith("Trastuzumab, if T-DXd is not given now — ")
    # A hold going on: the restart's doses are trastuzumab's too.
    held = {
        **early,
        "lvef_percent": 48,
        "days_since_last_dose": 24,
        "cardiac_holds": 1,
        "lvef_decline_weeks": 5,
    }
    restart = [
        r for r in view.build(held, evaluate(held))["reasons"] if r["code"] == "RELOAD_AFTER_HOLD"
    ]
    assert restart and restart[0]["message"].startswith(
        "Trastuzumab, if T-DM1 is not given — When trastuzumab restarts"
    )
    first = {**later, "line": "first", "lvef_percent": 60, "days_since_last_dose": 35}
    page = view.build(first, evaluate(first))
    assert page["dose_line"].startswith("Dose Re-loading dose 280 mg now")
    assert page["headings"]["dosing"] == "Dose"
    assert page["next_steps"][0].startswith("Missed dose: 28 days late")
    assert all(not w["message"].startswith("Trastuzumab, if") for w in page["warnings"])
