"""A plain-text summary of one evaluation, for the clipboard or a clinical note."""

from __future__ import annotations

from typing import Any

from calculator.inputs import KEYS

ELIGIBILITY = {
    "eligible": "Eligible for trastuzumab",
    "not_eligible": "Not eligible for trastuzumab now",
    "consider": "Consider trastuzumab (individual decision)",
    "insufficient_information": "More information needed",
}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_value(v)}" for k, v in value.items() if v is not None)
    return f"{value:g}" if isinstance(value, float) else str(value)


def summary_text(data: dict[str, Any], result: dict[str, Any], *, today: str, version: str) -> str:
    her2 = result["her2"]
    lines = [
        f"Trastuzumab eligibility check ({today}, calculator {version})",
        "Inputs: " + "; ".join(f"{k} {_value(data[k])}" for k in KEYS if data.get(k) is not None),
        f"Result: {ELIGIBILITY[result['eligibility']]}. HER2 {her2['status']}"
        + (f", ISH group {her2['ish_group']}" if her2["ish_group"] else "")
        + (f", {her2['low_category']}" if her2["low_category"] else "")
        + ".",
    ]
    lines += [f"- {r['message']}" for r in result["reasons"]]
    if result["warnings"]:
        lines.append("Warnings:")
        lines += [f"- {w['message']}" for w in result["warnings"]]
    lines.append(f"Heart: {result['cardiac']['action']}. {result['cardiac']['reason']}")
    dosing = result["dosing"]
    if dosing:
        lines.append(
            f"Dose ({dosing['interval']}): loading {dosing['loading_dose_mg']:g} mg, then "
            f"{dosing['maintenance_dose_mg']:g} mg ({dosing['weight_kg']:g} kg; "
            f"{dosing['loading_mg_per_kg']:g} then {dosing['maintenance_mg_per_kg']:g} mg/kg)."
        )
    lines.append("Guidelines: " + "; ".join(str(g["title"]) for g in result["guidelines"]))
    lines.append("Decision aid only; check the label and local protocols.")
    return "\n".join(lines)
