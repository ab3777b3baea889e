"""The input JSON Schema (draft 2020-12), generated from the same specs that validate input."""

from __future__ import annotations

from typing import Any

from calculator.inputs import BOOLS, ENUMS, ISH_METHODS, ISH_NUMBERS, NUMBERS, NumberSpec

DESCRIPTIONS: dict[str, str] = {
    "indication": "Clinical setting.",
    "ihc": 'HER2 IHC score; "ultralow" = breast IHC 0 with faint staining in ≤10% of cells.',
    "ish": "Final ISH counts (after any recount the guideline requires).",
    "tumor_size_cm": "Invasive tumour size (early breast).",
    "nodes_positive": "Axillary nodes involved (early breast).",
    "weight_kg": "Body weight for weight-based IV dosing.",
    "schedule": "Weekly (4 then 2 mg/kg) or every 3 weeks (8 then 6 mg/kg).",
    "lvef_baseline_percent": "Pre-treatment LVEF.",
    "lvef_percent": "Current LVEF on treatment.",
    "lvef_lln_percent": "The institution's lower limit of normal LVEF (default 50).",
    "concurrent_anthracycline": "An anthracycline would be given at the same time.",
    "pregnant": "Pregnancy status.",
    "route": 'Intravenous ("iv", default) or subcutaneous ("sc": 600 mg every 3 weeks, breast '
    "only).",
    "days_since_last_dose": "Days since the last dose, for a patient on treatment (missed dose).",
    "cardiac_holds": "Earlier holds of trastuzumab for a fall in LVEF (not counting one now).",
    "lvef_decline_weeks": "How long the current fall in LVEF has lasted, in weeks.",
    "symptomatic_heart_failure": "Symptomatic heart failure (boxed warning).",
}


def _number(spec: NumberSpec) -> dict[str, Any]:
    bound = "exclusiveMinimum" if spec.exclusive_minimum else "minimum"
    kind = "integer" if spec.integer else "number"
    return {"type": [kind, "null"], bound: spec.minimum, "maximum": spec.maximum}


def input_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key, values in ENUMS.items():
        properties[key] = {"enum": [*values, None]}
    properties["indication"] = {"enum": list(ENUMS["indication"])}
    properties["ish"] = {
        "type": ["object", "null"],
        "additionalProperties": False,
        "required": ["method"],
        "properties": {
            "method": {"enum": list(ISH_METHODS)},
            **{k: _number(v) for k, v in ISH_NUMBERS.items()},
        },
    }
    properties.update({k: _number(v) for k, v in NUMBERS.items()})
    properties.update({k: {"type": ["boolean", "null"]} for k in BOOLS})
    for key, text in DESCRIPTIONS.items():
        properties[key]["description"] = text
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://trastuzumab-guide.invalid/calculator-input.schema.json",
        "title": "Trastuzumab eligibility calculator input",
        "type": "object",
        "required": ["indication"],
        "additionalProperties": False,
        "properties": properties,
        # Copies are optional only for gastric dual-probe ISH (read by the ratio alone).
        "if": {"properties": {"indication": {"const": "metastatic_gastric"}}},
        "else": {
            "properties": {"ish": {"anyOf": [{"type": "null"}, {"required": ["avg_her2_copies"]}]}}
        },
    }
