"""JSON-in, JSON-out entry points for the browser (called from the Pyodide worker).

``evaluate_json`` takes the contract's JSON object. ``evaluate_form_json`` takes the page form's
text values (CONTRACTS.md §2: input names are the JSON keys, ISH fields are ``ish_method``,
``her2_cep17_ratio`` and ``avg_her2_copies``) and reports errors by form field name. Neither ever
raises: errors come back as ``{"ok": false, "errors": [...]}``.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from calculator.engine import evaluate
from calculator.errors import InputError
from calculator.inputs import BOOLS, ENUMS, NUMBERS
from calculator.summary import summary_text
from calculator.view import build as build_view

ISH_FORM_FIELDS = {
    "ish_method": "method",
    "her2_cep17_ratio": "her2_cep17_ratio",
    "avg_her2_copies": "avg_her2_copies",
}
FORM_FIELD_OF = {f"ish.{v}": k for k, v in ISH_FORM_FIELDS.items()} | {"ish": "ish_method"}


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, allow_nan=False)


def evaluate_json(text: str, /) -> str:
    """Evaluate a JSON object; return ``{"ok": true, "result": ...}`` or the errors."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        return _dump({"ok": False, "errors": [{"field": "", "message": f"Malformed JSON: {exc}"}]})
    try:
        return _dump({"ok": True, "result": evaluate(data)})
    except InputError as exc:
        return _dump({"ok": False, "errors": exc.errors})


def parse_number(text: str) -> float:
    """A number as typed by a person: surrounding spaces and a decimal comma are accepted."""
    cleaned = text.strip().replace(",", ".") if text.count(",") == 1 else text.strip()
    value = float(cleaned)
    if cleaned.lower() in ("nan", "inf", "+inf", "-inf", "infinity", "-infinity", "+infinity"):
        raise ValueError(text)
    return value


def form_to_input(fields: dict[str, Any], /) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Convert form text values to the JSON input; return it with conversion errors."""
    data: dict[str, Any] = {}
    ish: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    for name, raw in fields.items():
        if not isinstance(raw, str):
            errors.append({"field": str(name), "message": "Must be text."})
            continue
        text = raw.strip()
        if text == "":
            continue
        if name in ISH_FORM_FIELDS and name != "ish_method":
            try:
                ish[ISH_FORM_FIELDS[name]] = parse_number(text)
            except ValueError:
                errors.append({"field": name, "message": "Enter a number, for example 2.1."})
        elif name == "ish_method":
            ish["method"] = text
        elif name in NUMBERS:
            try:
                data[name] = parse_number(text)
            except ValueError:
                errors.append({"field": name, "message": "Enter a number, for example 70."})
        elif name in BOOLS:
            if text not in ("true", "false"):
                errors.append({"field": name, "message": "Choose yes, no or unknown."})
            else:
                data[name] = text == "true"
        elif name in ENUMS:
            data[name] = text
        else:
            errors.append({"field": str(name), "message": f"Unknown field {name!r}."})
    if ish:
        if "method" not in ish and not any(e["field"] in ISH_FORM_FIELDS for e in errors):
            errors.append({"field": "ish_method", "message": "Choose the ISH method."})
        data["ish"] = ish
    return data, errors


def _form_field(field: str) -> str:
    return FORM_FIELD_OF.get(field, field)


def _evaluate_fields(
    fields: dict[str, Any], /
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]:
    """(input, result or None, response without a result) for the form's text values."""
    if not any(isinstance(v, str) and v.strip() for v in fields.values()):
        # Nothing entered yet: not an error to show, just nothing to compute.
        return {}, None, {"ok": False, "empty": True, "errors": []}
    data, errors = form_to_input(fields)
    converted = {e["field"] for e in errors}
    try:
        result = evaluate(data)
    except InputError as exc:
        # A field that failed conversion was left out, so it cannot also fail validation twice;
        # but "required" errors for it would mislead, so they are dropped.
        extra = [
            {"field": _form_field(e["field"]), "message": e["message"]}
            for e in exc.errors
            if _form_field(e["field"]) not in converted
        ]
        return data, None, {"ok": False, "errors": errors + extra}
    if errors:
        return data, None, {"ok": False, "errors": errors}
    return data, result, {}


def evaluate_form(fields: dict[str, Any], /) -> dict[str, Any]:
    """The result of the form's text values and its view (what the page shows, in words)."""
    data, result, failed = _evaluate_fields(fields)
    if result is None:
        return failed
    return {"ok": True, "result": result, "view": build_view(data, result)}


def evaluate_form_json(text: str, /) -> str:
    """Evaluate the form's text values (a JSON object of strings); never raises."""
    try:
        fields = json.loads(text)
    except (ValueError, TypeError) as exc:
        return _dump({"ok": False, "errors": [{"field": "", "message": f"Malformed JSON: {exc}"}]})
    if not isinstance(fields, dict):
        return _dump({"ok": False, "errors": [{"field": "", "message": "Expected an object."}]})
    return _dump(evaluate_form(fields))


def summary_form(
    fields: dict[str, Any], context: dict[str, Any], /, *, today: str | None = None
) -> dict[str, Any]:
    """The copy-ready summary of the form's values, or why there is none (nothing is copied)."""
    data, result, failed = _evaluate_fields(fields)
    if result is None:
        return {**failed, "ok": False}
    day = today or _dt.date.today().isoformat()
    return {"ok": True, "summary": summary_text(data, result, today=day, context=context)}


def summary_form_json(text: str, /) -> str:
    """``{"fields": {...}, "context": {...}}`` → ``{"ok": true, "summary": text}``; never raises."""
    try:
        payload = json.loads(text)
        fields, context = payload["fields"], payload.get("context") or {}
        if not isinstance(fields, dict) or not isinstance(context, dict):
            raise TypeError("fields and context must be objects")
    except (ValueError, TypeError, KeyError) as exc:
        return _dump(
            {"ok": False, "errors": [{"field": "", "message": f"Malformed request: {exc}"}]}
        )
    return _dump(summary_form(fields, context))
