"""Field errors of the treatment setting (CONTRIBUTING.md#calculator-json): a setting for metastatic or gastric
disease, residual invasive disease outside the setting after neoadjuvant treatment, a line of
treatment for early breast or gastric cancer. Each is an error on its own field, never ignored.

Kept apart from :mod:`calculator.decide.setting` so that the validator (:mod:`.inputs`) can use it
without a cycle; the words of fields and choices are passed in (decisions import no words).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def input_errors(
    fields: dict[str, Any],
    /,
    *,
    label: Callable[[str], str],
    choice: Callable[[str, str], str],
) -> list[tuple[str, str]]:
    """A setting, a residual-disease answer or a line where it does not apply: ``(field,
    message)`` each, in the form's words (CONTRIBUTING.md#calculator-json: bad input is a field error).
    ``label`` and ``choice`` give a field's and a choice's words (the field table's, passed in by
    the validator: decisions import no words)."""
    error_label = label
    errors: list[tuple[str, str]] = []
    indication = fields.get("indication")
    post = choice("setting", "post_neoadjuvant")
    if fields.get("setting") is not None and indication in (
        "metastatic_breast",
        "metastatic_gastric",
    ):
        instead = (
            f"choose the {error_label('line').lower()} instead"
            if indication == "metastatic_breast"
            else "leave it empty for gastric cancer"
        )
        errors.append(
            (
                "setting",
                f"{error_label('setting')} (before or after surgery) is for early breast cancer "
                f"only: {instead}.",
            )
        )
    if fields.get("residual_invasive_disease") is not None and (
        fields.get("setting") != "post_neoadjuvant"
        or indication in ("metastatic_breast", "metastatic_gastric")
    ):
        errors.append(
            (
                "residual_invasive_disease",
                f"{error_label('residual_invasive_disease')} is asked only after neoadjuvant "
                f"treatment: choose the setting “{post}” for early breast cancer, or leave this "
                "empty.",
            )
        )
    if fields.get("line") is not None and indication in ("early_breast", "metastatic_gastric"):
        instead = (
            f"for early breast cancer choose the {error_label('setting').lower()} instead"
            if indication == "early_breast"
            else "trastuzumab in gastric cancer is a first-line treatment; leave it empty"
        )
        errors.append(
            (
                "line",
                f"{error_label('line')} is for metastatic breast cancer only: {instead}.",
            )
        )
    return errors
