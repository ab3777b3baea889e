"""The browser bridge: form text values in, JSON out, errors by form field name, never raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.doors.bridge import (
    evaluate_form,
    evaluate_form_json,
    evaluate_json,
    summary_form,
    summary_form_json,
)

FORM_NAMES = [
    "indication",
    "ihc",
    "ish_method",
    "her2_cep17_ratio",
    "avg_her2_copies",
    "tumor_size_cm",
    "nodes_positive",
    "weight_kg",
    "schedule",
    "lvef_baseline_percent",
    "lvef_percent",
    "lvef_lln_percent",
    "concurrent_anthracycline",
    "pregnant",
    "route",
    "days_since_last_dose",
    "cardiac_holds",
    "lvef_decline_weeks",
    "symptomatic_heart_failure",
    "adjuvant_phase",
]
#: A patient ready for a first dose: LVEF measured and pregnancy ruled out (no pending check).
READY = {"lvef_baseline_percent": "60", "pregnant": "false"}


def test_form_values_are_converted_and_the_view_says_what_was_decided() -> None:
    response = evaluate_form(
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "weight_kg": "70",
            "schedule": "weekly",
            **READY,
        }
    )
    assert response["ok"]
    assert response["result"]["dosing"]["loading_dose_mg"] == 280.0
    assert response["view"]["verdict"]["title"] == "Eligible for trastuzumab"
    assert response["view"]["dose"] == "280 mg loading, then 140 mg every week"


def test_pending_checks_are_next_steps_and_hold_back_the_dose() -> None:
    response = evaluate_form(
        {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": "70", "schedule": "weekly"}
    )
    view = response["view"]
    assert view["verdict"]["title"] == (
        "Eligible for trastuzumab once LVEF is measured and pregnancy is ruled out"
    )
    assert view["dose"] == ""
    assert view["next_steps"][:2] == [
        "Measure LVEF (echocardiogram or MUGA) before the first dose.",
        "Check pregnancy status before the first dose (embryo-fetal toxicity).",
    ]
    assert "The dose is shown once these checks are done." in view["next_steps"]


def test_summary_is_computed_on_request_with_the_page_context() -> None:
    response = summary_form(
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "weight_kg": "70",
            "schedule": "weekly",
            **READY,
        },
        {
            "review": "submitted, pending human review",
            "link": "https://x.test/calculator/?ihc=3%2B",
        },
        today="2026-11-26",
    )
    summary = response["summary"]
    assert "2026-11-26" in summary and "280 mg" in summary and "ASCO/CAP 2018" in summary
    assert "content review: submitted, pending human review" in summary
    assert summary.splitlines()[-2] == "Reproduce: https://x.test/calculator/?ihc=3%2B"


def test_an_empty_or_invalid_form_gives_no_summary() -> None:
    assert summary_form({}, {}) == {"ok": False, "empty": True, "errors": []}
    bad = summary_form({"indication": "metastatic_breast", "weight_kg": "-5"}, {})
    assert bad["ok"] is False and "summary" not in bad
    assert bad["errors"][0]["field"] == "weight_kg"
    assert json.loads(summary_form_json("{}"))["ok"] is False


def test_ish_fields_become_the_ish_object_and_a_decimal_comma_is_accepted() -> None:
    response = evaluate_form(
        {
            "indication": "metastatic_breast",
            "ish_method": "dual",
            "her2_cep17_ratio": "2,0",
            "avg_her2_copies": " 4 ",
        }
    )
    assert response["result"]["her2"]["ish_group"] == 1


def test_errors_use_form_field_names() -> None:
    response = evaluate_form(
        {
            "indication": "metastatic_breast",
            "weight_kg": "-5",
            "ish_method": "dual",
            "her2_cep17_ratio": "abc",
            "avg_her2_copies": "4",
            "pregnant": "maybe",
        }
    )
    fields = {e["field"] for e in response["errors"]}
    assert not response["ok"]
    assert fields == {"weight_kg", "her2_cep17_ratio", "pregnant"}


def test_ish_counts_without_a_method_ask_for_the_method() -> None:
    response = evaluate_form({"indication": "metastatic_breast", "avg_her2_copies": "5"})
    assert [e["field"] for e in response["errors"]] == ["ish_method"]


def test_an_empty_form_is_not_an_error() -> None:
    assert evaluate_form({}) == {"ok": False, "empty": True, "errors": []}
    assert evaluate_form({"weight_kg": "  "})["empty"]


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e999"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    response = evaluate_form({"indication": "metastatic_breast", "weight_kg": text})
    assert [e["field"] for e in response["errors"]] == ["weight_kg"]


def test_json_entry_points_never_raise() -> None:
    assert json.loads(evaluate_json("{bad"))["ok"] is False
    assert json.loads(evaluate_form_json("[1]"))["ok"] is False
    ok = json.loads(
        evaluate_json(
            '{"indication": "metastatic_gastric", "ihc": "3+", "lvef_baseline_percent": 60, '
            '"pregnant": false}'
        )
    )
    assert ok["ok"] and ok["result"]["eligibility"] == "eligible"


@given(st.dictionaries(st.sampled_from([*FORM_NAMES, "x"]), st.text(max_size=6), max_size=8))
def test_form_bridge_never_raises_on_any_text(fields: dict[str, str]) -> None:
    response = json.loads(evaluate_form_json(json.dumps(fields)))
    assert response["ok"] or response.get("empty") or response["errors"]


def test_new_form_fields_convert_and_report_errors_under_their_own_names() -> None:
    response = evaluate_form(
        {
            "indication": "metastatic_gastric",
            "ihc": "3+",
            "route": "sc",
            "cardiac_holds": "1.5",
            "days_since_last_dose": "-2",
            "lvef_decline_weeks": "x",
            "symptomatic_heart_failure": "maybe",
        }
    )
    assert not response["ok"]
    assert {e["field"] for e in response["errors"]} == {
        "route",
        "cardiac_holds",
        "days_since_last_dose",
        "lvef_decline_weeks",
        "symptomatic_heart_failure",
    }


def test_form_values_for_a_hold_give_the_withhold_headline() -> None:
    response = evaluate_form(
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "lvef_baseline_percent": "65",
            "lvef_percent": "45",
            "cardiac_holds": "1",
            "symptomatic_heart_failure": "false",
        }
    )
    assert response["ok"]
    assert response["result"]["eligibility"] == "withhold"
    assert response["view"]["verdict"]["title"] == "Withhold trastuzumab; repeat LVEF in 4 weeks"


def test_the_summary_of_a_subcutaneous_dose_and_a_missed_dose() -> None:
    sc = summary_form({"indication": "metastatic_breast", "ihc": "3+", "route": "sc", **READY}, {})
    assert "600 mg every 3 weeks, fixed dose, no loading dose (subcutaneous)" in sc["summary"]
    late = summary_form(
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "weight_kg": "70",
            "schedule": "weekly",
            "days_since_last_dose": "15",
            "lvef_baseline_percent": "60",
            "lvef_percent": "58",
        },
        {},
    )
    assert "8 days late: give the loading dose now (280 mg)" in late["summary"]
