"""``evaluate``: the decisions for one input object, and the verdict in words beside them (the
result's ``headline``)."""

from __future__ import annotations

from typing import Any

from calculator.decide.engine import evaluate_case
from calculator.decide.inputs import parse
from calculator.rules.criteria import VIALS, Vial
from calculator.words.words import headline


def evaluate(data: Any, /, *, vials: tuple[Vial, ...] = VIALS) -> dict[str, Any]:
    """Evaluate one input object (CONTRIBUTING.md#calculator-json); raise ``InputError`` if it is invalid.

    ``vials`` are the vial sizes to count (default: 150 mg single-dose, 420 and 440 mg
    multi-dose). Pure and deterministic: no I/O, no clock, no randomness.
    """
    case = parse(data)
    result = evaluate_case(case, vials=vials)
    result["headline"] = headline(result, started=case.on_treatment)
    return result
