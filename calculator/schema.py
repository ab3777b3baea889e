"""The input JSON Schema (draft 2020-12): types and ranges from the specs that validate input,
descriptions from the field table (:mod:`calculator.fields`)."""

from __future__ import annotations

from typing import Any

from calculator import fields
from calculator.inputs import BOOLS, ENUMS, ISH_METHODS, ISH_NUMBERS, NUMBERS, NumberSpec


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
