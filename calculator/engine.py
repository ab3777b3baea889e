"""``evaluate``: HER2 status → eligibility → cardiac action → checks still pending → dose, as one
pure function."""

from __future__ import annotations

from typing import Any

from calculator.cardiac import Cardiac, assess
from calculator.criteria import PENDING_CHECK_REFS, VIALS, Vial
from calculator.dosing import missing_for_dose, plan, restart_words
from calculator.eligibility import Decision, decide
from calculator.findings import Finding
from calculator.her2 import interpret
from calculator.inputs import Case, parse
from calculator.references import GUIDELINES
from calculator.rules import rules_stamp
from calculator.words import PENDING_CHECK, headline, joined

LABEL = ("herceptin_uspi",)
#: Eligibility codes under which trastuzumab may be given (and a dose may be shown).
OPEN = ("eligible", "consider")


def _apply_cardiac(decision: Decision, cardiac: Cardiac, positive: bool) -> None:
    """The heart can only lower the answer: withhold, discontinue, or consider (never eligible)."""
    open_answer = decision.eligibility in OPEN or (
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
        decision.missing = list(cardiac.missing)
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


def pending_checks(case: Case, decision: Decision, cardiac: Cardiac, positive: bool) -> list[str]:
    """What must still happen before a dose (CONTRACTS.md §1): LVEF not measured and pregnancy
    not known (before the first dose), an anthracycline given at the same time (always)."""
    if not positive or decision.eligibility not in (*OPEN, "insufficient_information"):
        return []
    checks = []
    if not case.on_treatment and cardiac.lvef_unmeasured:
        checks.append("lvef")
    if not case.on_treatment and case.pregnant is None:
        checks.append("pregnancy")
    if case.concurrent_anthracycline:
        checks.append("anthracycline")
    return checks


def _needs_before_a_dose(
    case: Case, decision: Decision, cardiac: Cardiac, pending: list[str]
) -> None:
    """Inputs and checks a dose needs turn an open answer into "not yet": no dose is shown while
    a check is pending or an input the heart or the missed-dose rule needs is missing."""
    needs = [*cardiac.missing, *missing_for_dose(case)]
    if cardiac.resumed and case.days_since_last_dose is None:
        needs.append("days_since_last_dose")
    needs = [n for n in dict.fromkeys(needs) if n not in decision.missing]
    if decision.eligibility not in OPEN:
        if decision.eligibility == "insufficient_information":
            decision.missing += needs
        return
    if needs:
        decision.missing += needs
        decision.eligibility = "insufficient_information"
        decision.reasons.append(
            Finding(
                "DOSE_NEEDS_INPUT",
                "Before the next dose, enter what the rules need: "
                + joined([_NEED_WORDS.get(n, n) for n in needs])
                + ".",
                cardiac.refs if cardiac.missing else LABEL,
            )
        )
    elif pending:
        # CONTRACTS.md §1: the answer stays eligible (or consider) and the dose is computed, but
        # the headline names the checks and the page shows no dose before they are done
        # (calculator.view.shown_dosing).
        decision.reasons.append(
            Finding(
                "PENDING_CHECKS",
                "Eligible once "
                + joined([PENDING_CHECK[p] for p in pending])
                + ": give the first dose only after that (the dose is shown then).",
                PENDING_CHECK_REFS,
            )
        )


_NEED_WORDS = {
    "lvef_baseline_percent": "the baseline LVEF (before trastuzumab)",
    "lvef_percent": "the latest LVEF",
    "adjuvant_phase": "the phase of the weekly plan (weekly doses or every 3 weeks)",
    "days_since_last_dose": "the days since the last dose (the restart dose depends on them)",
}


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
    positive = her2.status == "positive" and not case.pregnant
    _apply_cardiac(decision, cardiac, positive)
    pending = pending_checks(case, decision, cardiac, positive)
    _needs_before_a_dose(case, decision, cardiac, pending)
    if decision.eligibility == "withhold":
        # No dose now; the restart dose in words, only for a patient who will restart
        # (HER2-positive, on a hold): never for HER2-negative or untested disease.
        decision.reasons.append(Finding("RELOAD_AFTER_HOLD", restart_words(case), LABEL))
    warnings = [*her2.warnings, *decision.warnings, *cardiac.warnings]
    dosing = None
    if decision.eligibility in OPEN and cardiac.action not in ("withhold", "discontinue"):
        dosing, dose_warnings = plan(case, vials)
        warnings += dose_warnings
    result = {
        "indication": case.indication,
        "her2": her2.to_dict(),
        "eligibility": decision.eligibility,
        "reasons": [f.to_dict() for f in (*her2.reasons, *decision.reasons)],
        "warnings": [f.to_dict() for f in warnings],
        "missing": decision.missing,
        "pending_checks": pending,
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
