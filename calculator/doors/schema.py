"""The input JSON Schema (draft 2020-12): types and ranges from the specs that validate input,
descriptions from the field table (:mod:`calculator.words.fields`)."""

from __future__ import annotations

from typing import Any

from calculator.decide.inputs import BOOLS, ENUMS, ISH_METHODS, ISH_NUMBERS, NUMBERS, NumberSpec
from calculator.rules.criteria import (
    DOSING,
    EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG,
    INTERVAL_DAYS,
    MISSED_DOSE_MAX_DAYS_LATE,
    every,
)
from calculator.words import fields


def _description(field: fields.Field) -> str:
    """The field table's label and help, with the choices' words ("3+": "3+", …)."""
    helps = " ".join(
        h.text + (f" ({fields.applies_words(h.applies)})" if h.applies else "") for h in field.help
    )
    choices = [f'"{c.value}" = {c.words}' for c in field.choices if c.value]
    return f"{field.label}. {helps}" + (f" Choices: {'; '.join(choices)}." if choices else "")


def descriptions() -> dict[str, str]:
    out = {f.key: _description(f) for f in fields.FIELDS.values() if len(f.json_path) == 1}
    out["ish"] = "Final ISH counts (after any recount the guideline requires). " + " ".join(
        f"{f.json_path[1]}: {_description(f)}" for f in fields.FIELDS.values() if f.path
    )
    return out


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
    for key, text in descriptions().items():
        if key in properties:
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


def _nullable(kind: str | list[str], description: str, **more: Any) -> dict[str, Any]:
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return {"type": [*kinds, "null"], "description": description, **more}


_FINDINGS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["code", "message", "refs"],
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "refs": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def result_schema() -> dict[str, Any]:
    """The result object (CONTRIBUTING.md#calculator-json) as JSON Schema, with the fields a machine reader must
    not miss described: ``dosing.ready`` above all (a computed dose is not one to give while a
    check before the first dose is pending)."""
    dosing = {
        "type": ["object", "null"],
        "description": (
            "The doses, or null when none may be given now (withhold, not eligible, "
            "discontinue) or cannot be computed (no weight for IV, no schedule chosen)."
        ),
        "required": [
            "route",
            "schedule",
            "loading_dose_mg",
            "maintenance_dose_mg",
            "vials",
            "missed_dose",
            "ready",
        ],
        "properties": {
            "ready": {
                "type": "boolean",
                "description": (
                    "false while any check before the first dose is pending (pending_checks is "
                    "not empty): do not give yet. The dose is computed for planning only; the "
                    "page shows none. A missed_dose action of not_due separately says that no "
                    "dose is due today."
                ),
            },
            "continuing": {
                "type": "boolean",
                "description": (
                    "true when the patient is already on intravenous trastuzumab: after "
                    "neoadjuvant treatment and surgery (trastuzumab started before surgery), or "
                    "whenever days_since_last_dose is given. There is then no new loading dose; "
                    "loading_dose_mg is only the re-loading dose after a dose more than 7 days "
                    "late (missed_dose says which applies)."
                ),
            },
            "route": {"enum": ["iv", "sc"]},
            "schedule": {
                "enum": ["weekly", "q3w"],
                "description": (
                    "The schedule in effect now: in the "
                    f"{every(INTERVAL_DAYS['q3w'], before_noun=True)} phase of the weekly "
                    'early-breast plan (adjuvant_phase "q3w") it is "q3w", although the input '
                    'schedule is "weekly".'
                ),
            },
            "phase": _nullable(
                "string",
                "The weekly early-breast plan's phase these doses describe (weekly or q3w), or "
                "null. In the q3w phase: maintenance "
                f"{EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG:g} mg/kg {DOSING['q3w'].interval}, "
                f"loading_dose_mg the {DOSING['q3w'].loading_mg_per_kg:g} mg/kg re-loading dose "
                f"(given only after a dose more than {MISSED_DOSE_MAX_DAYS_LATE} days late), "
                "after_weekly_phase_dose_mg null.",
                enum=["weekly", "q3w", None],
            ),
            "loading_dose_mg": _nullable("number", "null for the subcutaneous route"),
            "maintenance_dose_mg": {"type": "number"},
            "after_weekly_phase_dose_mg": _nullable(
                "number",
                "Weekly early-breast plan before its q3w phase: "
                f"{EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG:g} mg/kg {DOSING['q3w'].interval}.",
            ),
            "vials": {"type": "array"},
            "missed_dose": _nullable(
                "object",
                "null when no dose is late; else days_late, action (not_due, maintenance, "
                "reload), dose_now_mg and due_in_days. In the every-3-weeks phase of the weekly "
                "early-breast plan, up to 28 days after a dose, a not_due or maintenance answer "
                "also carries after_last_weekly_dose (the same "
                "keys): the answer if the last dose was the last weekly one, whose next dose is "
                "due one week after it.",
            ),
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://trastuzumab-guide.invalid/calculator-result.schema.json",
        "title": "Trastuzumab eligibility calculator result",
        "type": "object",
        "required": [
            "her2",
            "eligibility",
            "reasons",
            "warnings",
            "missing",
            "pending_checks",
            "dosing",
            "cardiac",
            "headline",
            "rules",
            "guidelines",
            "plan",
        ],
        "properties": {
            "eligibility": {
                "enum": [
                    "eligible",
                    "not_eligible",
                    "consider",
                    "insufficient_information",
                    "withhold",
                ]
            },
            "headline": {"type": "string", "description": "The verdict in words."},
            "pending_checks": {
                "type": "array",
                "items": {"enum": ["lvef", "pregnancy", "anthracycline"]},
                "description": "Checks still due before a first dose; dosing.ready is false "
                "while any remains.",
            },
            "missing": {"type": "array", "items": {"type": "string"}},
            "reasons": _FINDINGS,
            "warnings": _FINDINGS,
            "dosing": dosing,
            "her2": {"type": "object", "required": ["status", "ish_group", "low_category"]},
            "cardiac": {
                "type": "object",
                "required": ["action"],
                "properties": {
                    "lvef_repeat_in_days": _nullable(
                        "number",
                        "During a hold whose 4 weeks without trastuzumab (counted from the last "
                        "dose and over the fall) have not passed: the days until LVEF is "
                        "repeated; else null.",
                    )
                },
            },
            "rules": {"type": "object", "required": ["version", "sha256"]},
            "guidelines": {"type": "array"},
            "plan": _plan(),
        },
    }


def _plan() -> dict[str, Any]:
    """CONTRIBUTING.md#calculator-json ``plan``: which HER2-directed drugs go with trastuzumab or instead of it."""
    from calculator.rules.regimens import DRUGS, LINES, REGIMENS, SETTINGS

    codes = {"type": "array", "items": {"enum": list(DRUGS)}}
    return {
        "type": "object",
        "required": ["partners", "alternatives", "code", "summary", "refs", "not_dosed"],
        "properties": {
            "code": {"enum": [*REGIMENS, None], "description": "The rule that decided the plan."},
            "setting": {"enum": [*SETTINGS, None], "description": "Early breast only."},
            "line": {"enum": [*LINES, None], "description": "Metastatic breast only."},
            "partners": {**codes, "description": "Given with trastuzumab in this setting."},
            "alternatives": {
                **codes,
                "description": "Given instead of trastuzumab (T-DM1 for residual invasive "
                "disease after neoadjuvant treatment; T-DXd after a trastuzumab-based regimen "
                "for metastatic disease, or for HER2-low or ultralow metastatic disease).",
            },
            "optional_partners": {
                **codes,
                "description": "Given with trastuzumab only if already part of the plan.",
            },
            "summary": {"type": "string", "description": "The plan in one line, in words."},
            "reason": {"type": "string"},
            "refs": {"type": "array", "items": {"type": "string"}},
            "not_dosed": {
                **codes,
                "description": "Drugs the plan names that this calculator does not dose.",
            },
            "not_dosed_words": {"type": "string"},
        },
    }
