"""Words for a result: the headline, and a plain-text summary for the clipboard or a note.

The page shows the same headline (``result["headline"]``), so a printed or shared result and the
screen say the same thing.
"""

from __future__ import annotations

from typing import Any

from calculator.inputs import KEYS

ELIGIBILITY = {
    "eligible": "Eligible for trastuzumab",
    "not_eligible": "Not eligible for trastuzumab now",
    "consider": "Consider trastuzumab (individual decision)",
    "insufficient_information": "More information needed",
    "withhold": "Withhold trastuzumab; repeat LVEF in 4 weeks",
}
#: Headlines that replace the eligibility words when the heart decides.
DISCONTINUE = "Discontinue trastuzumab permanently (heart)"
EVALUATE_HEART_FIRST = "Consider trastuzumab after a cardiology review (low LVEF)"


def headline(result: dict[str, Any]) -> str:
    """One line in treatment language: what to do now."""
    eligibility = result["eligibility"]
    action = result["cardiac"]["action"]
    positive = result["her2"]["status"] == "positive"
    if action == "discontinue" and eligibility == "not_eligible" and positive:
        return DISCONTINUE
    if (
        eligibility == "consider"
        and action == "evaluate_before_start"
        and any(r["code"] == "LVEF_BASELINE_LOW_CONSIDER" for r in result["reasons"])
    ):
        return EVALUATE_HEART_FIRST
    return ELIGIBILITY[eligibility]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items() if v is not None)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _dose_lines(dosing: dict[str, Any]) -> list[str]:
    if dosing["route"] == "sc":
        lines = [
            f"Dose (subcutaneous, {dosing['interval']}): {dosing['maintenance_dose_mg']:g} mg "
            "fixed dose, no loading dose."
        ]
    else:
        lines = [
            f"Dose ({dosing['interval']}): loading {dosing['loading_dose_mg']:g} mg, then "
            f"{dosing['maintenance_dose_mg']:g} mg ({dosing['weight_kg']:g} kg; "
            f"{dosing['loading_mg_per_kg']:g} then {dosing['maintenance_mg_per_kg']:g} mg/kg)."
        ]
    missed = dosing.get("missed_dose")
    if missed:
        what = "the maintenance dose" if missed["action"] == "maintenance" else "the loading dose"
        lines.append(
            f"Missed dose: {missed['days_late']:g} days late: give {what} now "
            f"({missed['dose_now_mg']:g} mg)."
        )
    return lines


def summary_text(data: dict[str, Any], result: dict[str, Any], *, today: str, version: str) -> str:
    her2 = result["her2"]
    lines = [
        f"Trastuzumab eligibility check ({today}, calculator {version}, rules "
        f"{result['rules']['sha256'][:12]})",
        "Inputs: " + "; ".join(f"{k} {_value(data[k])}" for k in KEYS if data.get(k) is not None),
        f"Result: {result['headline']}. HER2 {her2['status']}"
        + (f", ISH group {her2['ish_group']}" if her2["ish_group"] else "")
        + (f", {her2['low_category']}" if her2["low_category"] else "")
        + ".",
    ]
    lines += [f"- {r['message']}" for r in result["reasons"]]
    if result["warnings"]:
        lines.append("Warnings:")
        lines += [f"- {w['message']}" for w in result["warnings"]]
    lines.append(f"Heart: {result['cardiac']['action']}. {result['cardiac']['reason']}")
    if result["dosing"]:
        lines += _dose_lines(result["dosing"])
    lines.append("Guidelines: " + "; ".join(str(g["title"]) for g in result["guidelines"]))
    lines.append("Decision aid only; check the label and local protocols.")
    return "\n".join(lines)
