"""The form's door: text values as the page (or a CSV row) gives them, converted by the field
table and evaluated, with every error at once named as the form names its fields."""

from __future__ import annotations

from typing import Any

from calculator.decide.errors import InputError
from calculator.words.fields import FLAT_NAME, NESTED_NAME, flat_to_input
from calculator.words.result import evaluate


def evaluate_flat(
    flat: dict[str, Any], /, *, nested_names: bool = False
) -> tuple[dict[str, Any], dict[str, Any] | None, list[dict[str, str]]]:
    """Convert and evaluate text values: ``(input, result or None, every error at once)``.

    Errors name the flat field (the page) or, with ``nested_names``, the JSON path (the CLI).
    A field that failed conversion is left out of the input, so validation does not report it a
    second time (a "required" error for it would mislead).
    """
    data, errors = flat_to_input(flat)
    converted = {e["field"] for e in errors}
    try:
        result = evaluate(data)
    except InputError as exc:
        result = None
        errors += [
            {"field": FLAT_NAME.get(e["field"], e["field"]), "message": e["message"]}
            for e in exc.errors
            if FLAT_NAME.get(e["field"], e["field"]) not in converted
        ]
    if errors and nested_names:
        errors = [{**e, "field": NESTED_NAME.get(e["field"], e["field"])} for e in errors]
    return data, (None if errors else result), errors
