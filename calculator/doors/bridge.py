"""JSON-in, JSON-out entry points for the browser (called from the Pyodide worker).

``evaluate_json`` takes the contract's JSON object. ``evaluate_form_json`` takes the page form's
text values (CONTRIBUTING.md#page: input names are the JSON keys, ISH fields are ``ish_method``,
``her2_cep17_ratio`` and ``avg_her2_copies``) and reports errors by form field name. Neither ever
raises: errors come back as ``{"ok": false, "errors": [...]}``.
"""

from __future__ import annotations

import datetime as _dt
import json
import time
from collections.abc import Callable
from typing import Any

from calculator.decide.errors import InputError
from calculator.doors.form import evaluate_flat
from calculator.doors.jsontext import loads
from calculator.words.result import evaluate
from calculator.words.summary import summary_text
from calculator.words.view import build as build_view
from calculator.words.view import weight_entered


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, allow_nan=False)


def reclassify_json(text: str, /) -> str:
    """Re-classify a whole file: ``{"text", "format": "csv" | "jsonl", "editions": [...]}``,
    optionally ``"name"`` (the file's name) and ``"view": true``.

    Returns exactly what ``python -m calculator reclassify`` prints: one JSON line per row, then
    the summary line; or one ``{"errors": [...]}`` line, in words. With ``"view": true`` (the
    page) one ``{"view": ...}`` line comes first: what the page shows, in words
    (:func:`calculator.words.reclassify_view.page_view`). The file's text never leaves this process
    (the page's worker). Never raises.
    """
    from calculator.doors.reclassify_file import parse_editions, reclassify_text
    from calculator.doors.records import MalformedRecord
    from calculator.words.reclassify_view import page_view

    def fail(errors: list[dict[str, str]]) -> str:
        return _dump({"errors": errors}) + "\n"

    try:
        request = loads(text)
    except InputError as exc:
        return fail(exc.errors)
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
    started = time.perf_counter()
    try:
        lines, tally = reclassify_text(request["text"], str(fmt), chosen)
    except MalformedRecord as exc:
        return fail(exc.errors)
    except Exception as exc:  # the page shows words, never a traceback
        return fail(
            [{"field": "", "message": f"The file could not be read ({type(exc).__name__}: {exc})."}]
        )
    out = lines + _dump(tally.summary(chosen)) + "\n"
    if request.get("view") is True:
        given = request.get("name")
        name = given if isinstance(given, str) else "The file"
        view = page_view(tally, chosen, name=name, seconds=time.perf_counter() - started)
        out = _dump({"view": view}) + "\n" + out
    return out


def evaluate_json(text: str, /) -> str:
    """Evaluate a JSON object; return ``{"ok": true, "result": ...}`` or the errors."""
    try:
        return _dump({"ok": True, "result": evaluate(loads(text))})
    except InputError as exc:
        return _dump({"ok": False, "errors": exc.errors})


def _evaluate_fields(
    fields: dict[str, Any], /
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]:
    """(input, result or None, the response when there is no result) for the form's values."""
    if not any(isinstance(v, str) and v.strip() for v in fields.values()):
        # Nothing entered yet: not an error to show, just nothing to compute.
        return {}, None, {"ok": False, "empty": True, "errors": []}
    data, result, errors = evaluate_flat(fields)
    return data, result, ({"ok": False, "errors": errors} if result is None else {})


def evaluate_form(fields: dict[str, Any], /) -> dict[str, Any]:
    """The result of the form's text values and its view (what the page shows, in words)."""
    data, result, failed = _evaluate_fields(fields)
    if result is None:
        return failed
    return {"ok": True, "result": result, "view": build_view(data, result)}


def evaluate_form_json(text: str, /) -> str:
    """Evaluate the form's text values (a JSON object of strings); never raises."""
    try:
        fields = loads(text)
    except InputError as exc:
        return _dump({"ok": False, "errors": exc.errors})
    if not isinstance(fields, dict):
        return _dump({"ok": False, "errors": [{"field": "", "message": "Expected an object."}]})
    return _dump(evaluate_form(fields))


def page_form(
    fields: dict[str, Any], context: dict[str, Any], /, *, today: str | None = None
) -> dict[str, Any]:
    """What the page renders for the form's values: ``{"ok": true, "view": ...}`` (the view
    alone: every text the page shows, and the result's page attributes), or the errors.

    ``context`` is what only the page knows: ``review``, the review state in the build's words
    (its ``data-review-words``: the editorial tooling words it, the calculator never does)."""
    data, result, failed = _evaluate_fields(fields)
    if result is None:
        return failed
    page = {
        "review": str(context.get("review") or ""),
        "weight_entered": weight_entered(fields),
        "today": today or _dt.date.today().isoformat(),
    }
    return {"ok": True, "view": build_view(data, result, page)}


def page_form_json(text: str, /) -> str:
    """``{"fields": {...}, "context": {...}}`` → :func:`page_form` as JSON text; never raises."""
    return _answer(text, page_form)


def _answer(text: str, handler: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]) -> str:
    """A page request's JSON text → ``handler(fields, context)`` as JSON text; a malformed
    request is an error in the reply, never an exception."""
    try:
        fields, context = _request(text)
    except InputError as exc:
        return _dump({"ok": False, "errors": exc.errors})
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return _dump(
            {"ok": False, "errors": [{"field": "", "message": f"Malformed request: {exc}"}]}
        )
    return _dump(handler(fields, context))


def _request(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``fields`` and ``context`` objects of a page request (raises on a malformed one)."""
    payload = loads(text)
    fields, context = payload["fields"], payload.get("context") or {}
    if not isinstance(fields, dict) or not isinstance(context, dict):
        raise TypeError("fields and context must be objects")
    return fields, context


def summary_form(
    fields: dict[str, Any], context: dict[str, Any], /, *, today: str | None = None
) -> dict[str, Any]:
    """The copy-ready summary of the form's values, or why there is none (nothing is copied)."""
    data, result, failed = _evaluate_fields(fields)
    if result is None:
        return {**failed, "ok": False}
    day = today or _dt.date.today().isoformat()
    # The page sends its review state in the build's words and the weight as typed.
    context = {
        "weight_entered": weight_entered(fields),
        **{k: v for k, v in context.items() if v},
    }
    return {"ok": True, "summary": summary_text(data, result, today=day, context=context)}


def summary_form_json(text: str, /) -> str:
    """``{"fields": {...}, "context": {...}}`` → ``{"ok": true, "summary": text}``; never raises."""
    return _answer(text, summary_form)
