"""``evaluate_case``: HER2 status → eligibility → cardiac action → checks still pending → dose, as one
pure function."""

from __future__ import annotations

from typing import Any

from calculator.decide.cardiac import Cardiac, assess, threshold
from calculator.decide.dosing import (
    continuing_after_neoadjuvant,
    course_warnings,
    missing_for_dose,
    plan,
    restart_words,
    weight_warnings,
)
from calculator.decide.eligibility import Decision, decide, treatable
from calculator.decide.findings import HEART_WHILE_PREGNANT, PENDING_CHECK, Finding, joined
from calculator.decide.her2 import interpret
from calculator.decide.inputs import Case
from calculator.decide.setting import plan as setting_plan
from calculator.rules.criteria import (
    DOSING,
    LVEF_BASELINE_MIN_PERCENT,
    MISSED_DOSE_MAX_DAYS_LATE,
    PENDING_CHECK_REFS,
    VIALS,
    Vial,
)
from calculator.rules.digest import rules_stamp
from calculator.rules.references import GUIDELINES, LABEL

#: Eligibility codes under which trastuzumab may be given (and a dose may be shown).
OPEN = ("eligible", "consider")


def _low_lvef(case: Case, cardiac: Cardiac) -> Finding:
    """Why a low LVEF makes the answer "consider", in the words of the patient's situation: the
    threshold for starting before the first dose; on treatment the hold rules decide, and an LVEF
    below the threshold that meets none of them is an individual decision to continue."""
    limit = threshold(cardiac.lvef_lln_percent)
    below = f"below {limit:g}% (the higher of {LVEF_BASELINE_MIN_PERCENT:g}% and the lower limit "
    below += "of normal)"
    refs = (*LABEL, "seidman2002")
    if not case.on_treatment:
        return Finding(
            "LVEF_BASELINE_LOW_CONSIDER",
            "Eligible by HER2 and stage, but the LVEF is below the threshold for starting: "
            "treatment is an individual decision after cardiology review.",
            refs,
        )
    current, baseline = case.lvef_percent, case.lvef_baseline_percent
    if current is not None and current < limit:
        now = f"On treatment, LVEF {current:g}% is {below}"
    else:
        now = f"On treatment, the baseline LVEF ({baseline:g}%) was {below}"
    if cardiac.action not in ("proceed", "monitor"):
        # The hold rules have not (yet) been applied, e.g. without the baseline: say no more.
        return Finding(
            "LVEF_LOW_ON_TREATMENT",
            f"{now}. The threshold for starting no longer decides: the hold rules do (see the "
            "heart line).",
            refs,
        )
    return Finding(
        "LVEF_LOW_ON_TREATMENT",
        f"{now}. The threshold for starting no longer decides: the hold rules do, and this LVEF "
        "meets none of them. Continuing is an individual decision, with closer LVEF monitoring "
        "and a cardiology review.",
        refs,
    )


def _apply_cardiac(case: Case, decision: Decision, cardiac: Cardiac, positive: bool) -> None:
    """The heart can only lower the answer: withhold, discontinue, or consider (never eligible)."""
    open_answer = decision.eligibility in OPEN or (
        positive and decision.eligibility == "insufficient_information"
    )
    if cardiac.action == "discontinue":
        if decision.eligibility != "not_eligible" or positive:
            verb = "Stop" if case.on_treatment else "Do not start"
            decision.reasons.append(
                Finding("CARDIAC_DISCONTINUE", f"{verb}: {cardiac.reason}", cardiac.refs)
            )
        decision.eligibility = "not_eligible"
        decision.missing = []
    elif cardiac.action == "withhold" and positive and open_answer:
        # HER2-positive and otherwise eligible: a hold is its own state, not "not eligible"
        # (which batch users read as permanent). Whatever the stage, HER2-positive breast
        # cancer is eligible or consider, so a missing stage does not change the answer.
        # Before the first dose the same state means "do not start yet" (said in the reason).
        decision.eligibility = "withhold"
        decision.missing = list(cardiac.missing)
        prefix = "Hold now: " if case.on_treatment else ""
        decision.reasons.append(
            Finding("CARDIAC_WITHHOLD", f"{prefix}{cardiac.reason}", cardiac.refs)
        )
    elif cardiac.lvef_low and decision.eligibility == "eligible":
        decision.eligibility = "consider"
        decision.reasons.append(_low_lvef(case, cardiac))


def pending_checks(case: Case, decision: Decision, cardiac: Cardiac, positive: bool) -> list[str]:
    """What must still happen before a dose (CONTRIBUTING.md#calculator-json): LVEF not measured and pregnancy
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
    words = dict(_NEED_WORDS)
    if continuing_after_neoadjuvant(case):
        words["days_since_last_dose"] = _CONTINUING_WORDS
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
                + joined([words.get(n, n) for n in needs])
                + ".",
                cardiac.refs if cardiac.missing else LABEL,
            )
        )
    elif pending:
        # CONTRIBUTING.md#calculator-json: the answer stays eligible (or consider) and the dose is computed, but
        # the headline names the checks and the page shows no dose before they are done
        # (calculator.words.view.shown_dosing).
        decision.reasons.append(
            Finding(
                "PENDING_CHECKS",
                "Eligible once "
                + joined([PENDING_CHECK[p] for p in pending])
                + ": give no dose before then (a computed dose is for planning only, not for "
                "giving now).",
                PENDING_CHECK_REFS,
            )
        )


#: After neoadjuvant treatment: why the days since the last dose are asked for.
_CONTINUING_WORDS = (
    "the days since the last dose (trastuzumab started before surgery continues without a new "
    f"loading dose: the maintenance dose if it is at most {MISSED_DOSE_MAX_DAYS_LATE} days "
    "overdue, the loading dose again if more)"
)

_NEED_WORDS = {
    "lvef_baseline_percent": "the baseline LVEF (before trastuzumab)",
    "lvef_percent": "the latest LVEF",
    "adjuvant_phase": f"the phase of the weekly plan (weekly doses or {DOSING['q3w'].interval})",
    "days_since_last_dose": "the days since the last dose (the restart dose depends on them)",
    "lvef_decline_weeks": "how long the LVEF has been down (0 if dosing has resumed since the "
    "last hold)",
    "cardiac_holds": "the number of holds for the heart so far, a hold going on now included "
    "(0 if there was none)",
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
    """The result of a validated case, every code decided; :func:`calculator.words.result.evaluate`
    adds the verdict in words (``headline``)."""
    her2 = interpret(case)
    decision = decide(case, her2)
    cardiac = assess(case)
    positive = treatable(case, her2) and not case.pregnant
    _apply_cardiac(case, decision, cardiac, positive)
    if case.pregnant and cardiac.action in ("proceed", "monitor") and cardiac.fact:
        # The heart would let treatment go on; the pregnancy does not: never "continue" or
        # "start" beside "no dose now".
        cardiac.reason = f"{cardiac.fact}: {HEART_WHILE_PREGNANT}."
    pending = pending_checks(case, decision, cardiac, positive)
    _needs_before_a_dose(case, decision, cardiac, pending)
    if decision.eligibility == "withhold" and case.on_treatment:
        # No dose now; the restart dose in words, only for a patient who will restart
        # (HER2-positive, on treatment, on a hold): never for HER2-negative or untested disease,
        # nor before the first dose (nothing restarts).
        decision.reasons.append(Finding("RELOAD_AFTER_HOLD", restart_words(case), LABEL))
    warnings = [*her2.warnings, *decision.warnings, *cardiac.warnings]
    # A weight that may be in pounds is asked about whatever the answer (a data-entry check).
    warnings += weight_warnings(case)
    if positive:
        warnings += course_warnings(case)
    dosing = None
    if decision.eligibility in OPEN and cardiac.action not in ("withhold", "discontinue"):
        dosing, dose_warnings = plan(case, vials)
        warnings += dose_warnings
    if dosing is not None:
        # CONTRIBUTING.md#calculator-json addition: false while a check before the first dose is pending, so a
        # machine reader cannot take the computed dose for one to give now.
        dosing["ready"] = not pending
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
        # CONTRIBUTING.md#calculator-json: which HER2-directed drugs go with trastuzumab or instead of it.
        "plan": setting_plan(
            case, decision.eligibility, positive=positive, low_category=her2.low_category
        ),
        "rules": rules_stamp(),
    }
    return result
