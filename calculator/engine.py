"""``evaluate``: HER2 status → eligibility → cardiac action → dose, as one pure function."""

from __future__ import annotations

from typing import Any

from calculator.cardiac import Cardiac, assess
from calculator.criteria import VIALS, Vial
from calculator.dosing import plan
from calculator.eligibility import Decision, decide
from calculator.findings import Finding
from calculator.her2 import interpret
from calculator.inputs import Case, parse
from calculator.references import GUIDELINES
from calculator.rules import rules_stamp
from calculator.words import headline

LABEL = ("herceptin_uspi",)


def _apply_cardiac(decision: Decision, cardiac: Cardiac, positive: bool) -> None:
    """The heart can only lower the answer: withhold, discontinue, or consider (never eligible)."""
    open_answer = decision.eligibility in ("eligible", "consider") or (
        positive and decision.eligibility == "insufficient_information"
    )
    if cardiac.action == "discontinue":
        if decision.eligibility != "not_eligible" or positive:
            decision.reasons.append(
                Finding("CARDIAC_DISCONTINUE", f"Stop: {cardiac.reason}", cardiac.refs)
            )
        decision.eligibility = "not_eligible"
        decision.missing = []
    elif cardiac.action == "withhold" and positive and open_answer:
        # HER2-positive and otherwise eligible: a hold is its own state, not "not eligible"
        # (which batch users read as permanent). Whatever the stage, HER2-positive breast
        # cancer is eligible or consider, so a missing stage does not change the answer.
        decision.eligibility = "withhold"
        decision.missing = []
        decision.reasons.append(
            Finding("CARDIAC_WITHHOLD", f"Hold now: {cardiac.reason}", cardiac.refs)
        )
    elif cardiac.lvef_low and decision.eligibility == "eligible":
        decision.eligibility = "consider"
        decision.reasons.append(
            Finding(
                "LVEF_BASELINE_LOW_CONSIDER",
                "Eligible by HER2 and stage, but the LVEF is below the threshold for starting: "
                "treatment is an individual decision after cardiology review.",
                (*LABEL, "seidman2002"),
            )
        )


def _guidelines(case: Case, dosing: dict[str, Any] | None) -> list[dict[str, object]]:
    if case.indication == "metastatic_gastric":
        ids = ["cap_ascp_asco_2016"]
    elif case.guideline == "asco_cap_2018":
        ids = ["asco_cap_2018", "asco_cap_2023"]
    else:
        ids = [case.guideline]  # an older edition, on request (issue 18)
    ids.append("herceptin_uspi")
    if dosing is not None and "herceptin_smpc" in dosing["refs"]:
        ids.append("herceptin_smpc")
    if dosing is not None and dosing["route"] == "sc":
        ids.append("hylecta_uspi")
    return [dict(GUIDELINES[i]) for i in ids]


def evaluate_case(case: Case, *, vials: tuple[Vial, ...] = VIALS) -> dict[str, Any]:
    her2 = interpret(case)
    decision = decide(case, her2)
    cardiac = assess(case)
    _apply_cardiac(decision, cardiac, her2.status == "positive" and not case.pregnant)
    warnings = [*her2.warnings, *decision.warnings, *cardiac.warnings]
    dosing = None
    if decision.eligibility in ("eligible", "consider"):
        dosing, dose_warnings = plan(case, vials)
        warnings += dose_warnings
    result = {
        "indication": case.indication,
        "her2": her2.to_dict(),
        "eligibility": decision.eligibility,
        "reasons": [f.to_dict() for f in (*her2.reasons, *decision.reasons)],
        "warnings": [f.to_dict() for f in warnings],
        "missing": decision.missing,
        "dosing": dosing,
        "cardiac": cardiac.to_dict(),
        "guidelines": _guidelines(case, dosing),
        "rules": rules_stamp(),
    }
    result["headline"] = headline(result)
    return result


def evaluate(data: Any, /, *, vials: tuple[Vial, ...] = VIALS) -> dict[str, Any]:
    """Evaluate one input object (CONTRACTS.md §1); raise ``InputError`` if it is invalid.

    ``vials`` are the vial sizes to count (default: 150 mg single-dose, 420 and 440 mg
    multi-dose). Pure and deterministic: no I/O, no clock, no randomness.
    """
    return evaluate_case(parse(data), vials=vials)
