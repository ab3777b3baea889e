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

ISH_FORM_FIELDS = {
    "ish_method": "method",
    "her2_cep17_ratio": "her2_cep17_ratio",
    "avg_her2_copies": "avg_her2_copies",
}
FORM_FIELD_OF = {f"ish.{v}": k for k, v in ISH_FORM_FIELDS.items()} | {"ish": "ish_method"}


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, allow_nan=False)


def reclassify_json(text: str, /) -> str:
    """Re-classify a whole file: ``{"text", "format": "csv" | "jsonl", "editions": [...]}``.

    Returns exactly what ``python -m calculator reclassify`` prints: one JSON line per row, then
    the summary line; or one ``{"errors": [...]}`` line. The file's text never leaves this
    process (the page's worker). Never raises.
    """
    from calculator.reclassify_cli import parse_editions, reclassify_text

    def fail(errors: list[dict[str, str]]) -> str:
        return _dump({"errors": errors}) + "\n"

    try:
        request = json.loads(text)
    except (ValueError, TypeError) as exc:
        return fail([{"field": "", "message": f"Malformed JSON: {exc}"}])
    if not isinstance(request, dict) or not isinstance(request.get("text"), str):
        return fail([{"field": "text", "message": "Choose a CSV or JSONL file."}])
    fmt, editions = request.get("format"), request.get("editions")
    errors = []
    if fmt not in ("csv", "jsonl"):
        errors.append({"field": "format", "message": 'Must be "csv" or "jsonl".'})
    if not isinstance(editions, list) or not all(isinstance(e, str) for e in editions):
        errors.append({"field": "editions", "message": "Must be a list of edition ids."})
        editions = []
    chosen, edition_errors = parse_editions(",".join(editions))
    if errors or edition_errors:
        return fail(errors + edition_errors)
    lines, summary = reclassify_text(request["text"], fmt, chosen)
    return lines + _dump(summary) + "\n"


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


def evaluate_form(fields: dict[str, Any], /, *, today: str | None = None) -> dict[str, Any]:
    from calculator import __version__

    if not any(isinstance(v, str) and v.strip() for v in fields.values()):
        # Nothing entered yet: not an error to show, just nothing to compute.
        return {"ok": False, "empty": True, "errors": []}
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
        return {"ok": False, "errors": errors + extra}
    if errors:
        return {"ok": False, "errors": errors}
    day = today or _dt.date.today().isoformat()
    return {
        "ok": True,
        "result": result,
        "summary": summary_text(data, result, today=day, version=__version__),
    }


def evaluate_form_json(text: str, /) -> str:
    """Evaluate the form's text values (a JSON object of strings); never raises."""
    try:
        fields = json.loads(text)
    except (ValueError, TypeError) as exc:
        return _dump({"ok": False, "errors": [{"field": "", "message": f"Malformed JSON: {exc}"}]})
    if not isinstance(fields, dict):
        return _dump({"ok": False, "errors": [{"field": "", "message": "Expected an object."}]})
    return _dump(evaluate_form(fields))
