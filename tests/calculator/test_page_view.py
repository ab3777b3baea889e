"""``calculator.words.view.build`` is everything the calculator page shows (CONTRIBUTING.md#page:
the page's JavaScript places text and formats nothing): for every golden case, each text the page
places is in the view as words, the page attributes mirror the result, and the dose figures the
result computes are the figures the view states. The page's scripts hold no dose formatting and
no wording of the review state."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from calculator import evaluate
from calculator.doors.bridge import page_form
from calculator.words import view, words
from tests.calculator.golden import cases

ROOT = Path(__file__).resolve().parents[2]
GUIDE_JS = ROOT / "build_tools/theme/assets/javascripts/guide"
#: What the page sends: the review state as the build worded it (data-review-words).
CONTEXT = {"review": "submitted, pending human review", "today": "2026-12-03", "weight_entered": ""}
GOLDEN = cases()


def _texts(node: Any) -> list[str]:
    """Every leaf of a part of the view; each must be text (the page formats no number)."""
    if isinstance(node, dict):
        return [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    assert isinstance(node, str), f"not text: {node!r}"
    return [node]


#: What the page places, by the view's key (the verdict bar, the details, the print stamp).
PLACED = (
    "verdict",
    "her2",
    "dose_line",
    "dose_table",
    "missing",
    "facts",
    "next_steps",
    "applied",
    "headings",
    "review",
    "print_stamp",
    "her2_status",
    "eligibility",
)


@pytest.mark.parametrize("case", GOLDEN, ids=[f"{c['file']}:{c['id']}" for c in GOLDEN])
def test_the_view_holds_every_text_the_page_shows(case: dict[str, Any]) -> None:
    data = case["input"]
    result = evaluate(data)
    page = view.build(data, result, CONTEXT)
    for key in PLACED:
        if page[key] is not None:
            _texts(page[key])
    for item in page["reasons"] + page["warnings"]:
        assert isinstance(item["message"], str) and item["message"]
    # CONTRIBUTING.md#page: the result element's attributes mirror the result.
    assert page["her2_status"] == result["her2"]["status"]
    assert page["eligibility"] == result["eligibility"]
    assert page["verdict"]["title"]
    assert page["print_stamp"].startswith("Printed 2026-12-03 · calculator rules v")
    assert page["print_stamp"].endswith("content review: submitted, pending human review")
    assert page["applied"].startswith("Applied: ")
    for g in result["guidelines"]:
        assert g["title"] in page["applied"]

    shown = view.shown_dosing(result)
    if shown is None:
        assert page["dose_table"] is None and page["dose_line"] == ""
        return
    rows = dict(page["dose_table"])["rows"]
    table = " | ".join(f"{k}: {v}" for k, v in rows)
    assert page["dose_table"]["route"] == shown["route"]
    # The dose is trastuzumab's: where the verdict names T-DM1 or T-DXd first, a condition leads.
    dose = page["dose"]
    if any(r["code"] in words.DOSE_IF for r in result["reasons"]):
        assert dose.startswith("Trastuzumab, if ")
        assert page["dose_line"] == f"Dose (trastuzumab), {dose.removeprefix('Trastuzumab, ')}"
    else:
        assert page["dose_line"] == f"Dose {dose}"
    # Every figure the result computes is stated by the view, as the result has it.
    for key in ("loading_dose_mg", "maintenance_dose_mg", "after_weekly_phase_dose_mg"):
        if shown.get(key) is not None:
            assert f"{shown[key]:g} mg" in table, (key, table)
    if shown.get("weight_kg") is not None:
        assert f"Weight: {shown['weight_kg']:g} kg" in table
    for vial in shown["vials"]:
        assert vial["label"] in dict(rows)
    if shown.get("duration"):
        assert shown["duration"] in table


def test_the_dose_table_states_the_label_dose_for_70_kg_every_3_weeks() -> None:
    """US label (herceptin_uspi §2.3): 8 mg/kg over 90 minutes, then 6 mg/kg every three weeks;
    for 70 kg 560 mg then 420 mg. A weight typed in pounds is shown as typed beside the kg."""
    fields = {
        "indication": "metastatic_breast",
        "ihc": "3+",
        "weight_kg": "154.3",
        "weight_unit": "lb",
        "schedule": "q3w",
        "lvef_baseline_percent": "60",
        "pregnant": "false",
    }
    response = page_form(fields, {"review": "approved"}, today="2026-12-03")
    assert set(response) == {"ok", "view"}  # the page gets the view alone, not the result
    rows = dict(response["view"]["dose_table"]["rows"])
    assert rows["Weight"] == "70 kg (154.3 lb)"
    assert rows["Loading dose"].startswith("560 mg (8 mg/kg over 90 minutes")
    assert rows["Maintenance dose"].startswith("420 mg (6 mg/kg every 3 weeks")
    assert response["view"]["review"] == "approved"
    assert response["view"]["print_stamp"].endswith("content review: approved")


def test_a_fixed_subcutaneous_dose_has_no_loading_dose_row_figure() -> None:
    data = {
        "indication": "early_breast",
        "ihc": "3+",
        "route": "sc",
        "nodes_positive": True,
        "lvef_baseline_percent": 60,
        "pregnant": False,
    }
    rows = dict(view.build(data, evaluate(data))["dose_table"]["rows"])
    assert rows["Loading dose"] == "None (fixed dose)"
    assert rows["Maintenance dose"].startswith("600 mg every 3 weeks")


@pytest.mark.parametrize("status", ["approved", "submitted", "changed_since_approval", ""])
def test_the_review_state_is_the_editorial_toolings_words_passed_through(status: str) -> None:
    """The calculator words no review state: the print stamp and the view carry the words the
    build wrote into the root (build_tools.editorial.words.state_words), unchanged."""
    from build_tools.editorial.words import state_words

    said = state_words(status) if status else ""
    data = {"indication": "metastatic_breast", "ihc": "3+"}
    page = view.build(data, evaluate(data), {"review": said, "today": "2026-12-03"})
    assert page["review"] == said
    assert page["print_stamp"].endswith(f"content review: {said}" if said else "")
    if not said:
        assert "content review" not in page["print_stamp"]
    for source in (ROOT / "calculator").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "not yet approved" not in text and "pending human review" not in text, source


def test_the_page_scripts_format_no_dose_and_word_no_state() -> None:
    """The calculator's controllers place Python's text: no "mg", no "mg/kg", no review words,
    and no reading of the raw result (the worker's reply is the view alone)."""
    scripts = sorted(GUIDE_JS.glob("calculator*.mjs"))
    assert len(scripts) > 5
    for path in scripts:
        code = path.read_text(encoding="utf-8")
        for pattern in (r"\bmg\b", r"mg/kg", r"approved", r"\.result\b", r"dosing\.", r"\} ?kg\b"):
            assert not re.search(pattern, code), f"{path.name}: {pattern}"
        assert len(code.splitlines()) <= 75, f"{path.name} is not a small controller"
