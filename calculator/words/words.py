"""Words for every result code, for people (page, summary, print); the inputs' words are in the
field table (:mod:`calculator.words.fields`).

One home for display text: the page reads these through :mod:`calculator.words.view` and the build's
labels, the copied summary through :mod:`calculator.words.summary`. No code such as
``evaluate_before_start`` ever reaches a reader.
"""

from __future__ import annotations

from typing import Any

from calculator.decide.findings import HEART_WHILE_PREGNANT as HEART_WHILE_PREGNANT
from calculator.decide.findings import PENDING_CHECK as PENDING_CHECK
from calculator.decide.findings import days as days
from calculator.decide.findings import joined as joined
from calculator.rules.criteria import HOLD_MIN_WEEKS

#: The verdict, per eligibility code (CONTRIBUTING.md#calculator-json), in treatment language: ``withhold`` is
#: for a patient on treatment, whose drug is held, not refused.
ELIGIBILITY: dict[str, str] = {
    "eligible": "Eligible for trastuzumab",
    "not_eligible": "Not eligible for trastuzumab now",
    "consider": "Consider trastuzumab (individual decision)",
    "insufficient_information": "More information needed",
    "withhold": f"Withhold trastuzumab; repeat LVEF in {HOLD_MIN_WEEKS:g} weeks",
}
#: Headlines that replace the eligibility words when the heart decides.
DISCONTINUE = "Discontinue trastuzumab permanently (heart)"
EVALUATE_HEART_FIRST = "Consider trastuzumab after a cardiology review (low LVEF)"
#: Before the first dose there is nothing to withhold or discontinue: the same heart states say
#: "do not start".
NOT_STARTED_WITHHOLD = "Do not start trastuzumab yet: cardiology review and a repeat LVEF first"
NOT_STARTED_DISCONTINUE = "Do not start trastuzumab (heart failure)"
#: On treatment, a low LVEF that meets no hold rule: the decision is whether to go on.
CONTINUE_LOW_LVEF = "Consider continuing trastuzumab, with closer LVEF monitoring (low LVEF)"
#: Residual invasive disease after neoadjuvant treatment (KATHERINE): the verdict names T-DM1, so
#: a folded verdict on a phone never reads as "consider trastuzumab" alone.
RESIDUAL_TDM1 = (
    "T-DM1 instead of trastuzumab (residual invasive disease after neoadjuvant "
    "treatment); trastuzumab only if T-DM1 is not given"
)
#: When the verdict names another drug first (by reason code), the condition for every
#: trastuzumab dose the result shows (dose line, dose table, missed-dose step and warnings).
DOSE_IF: dict[str, str] = {
    "POST_NEOADJUVANT_RESIDUAL_TDM1": "if T-DM1 is not given",
    "METASTATIC_LATER_LINE_TDXD": "if T-DXd is not given now",
}
#: The reasons and warnings about a trastuzumab dose (codes, or their beginnings), which that
#: condition leads.
DOSE_MESSAGES = (
    "MISSED_DOSE_",
    "DOSE_NOT_DUE",
    "WEEKLY_PHASE_HANDOVER",
    "RELOAD_AFTER_HOLD",
    "SC_",
    "SCHEDULE_",
    "Q3W_",
)
#: Metastatic breast cancer, later line (DESTINY-Breast03): the verdict names T-DXd, in the style
#: of the residual-disease one.
LATER_LINE_TDXD = (
    "T-DXd instead of trastuzumab if not already given (metastatic disease after a "
    "trastuzumab-based regimen); trastuzumab with another partner is an individual decision"
)
#: The next step that settles each pending check.
PENDING_STEP: dict[str, str] = {
    "lvef": "Measure LVEF (echocardiogram or MUGA) before the first dose.",
    "pregnancy": "Check pregnancy status before the first dose (embryo-fetal toxicity).",
    "anthracycline": "Give trastuzumab after the anthracycline, with the taxane: not at the same "
    "time.",
}


def headline(result: dict[str, Any], /, *, started: bool = True) -> str:
    """One line in treatment language: what to do now (the result's ``headline``). Never a bare
    "Eligible" while a check is pending: the checks are named ("Eligible … once LVEF is
    measured"). ``started``: the patient is on treatment (a last dose, a hold or a fall given);
    before the first dose a hold or a stop reads "do not start"."""
    eligibility = str(result["eligibility"])
    action = result["cardiac"]["action"]
    codes = {r["code"] for r in result["reasons"]}
    pending = [PENDING_CHECK[p] for p in result.get("pending_checks") or []]
    if action == "discontinue" and eligibility == "not_eligible" and "CARDIAC_DISCONTINUE" in codes:
        return DISCONTINUE if started else NOT_STARTED_DISCONTINUE
    if eligibility == "withhold" and not started:
        return NOT_STARTED_WITHHOLD
    repeat = result["cardiac"].get("lvef_repeat_in_days")
    if eligibility == "withhold" and repeat:
        # The hold's 4 weeks have not passed yet: the LVEF is repeated when they have.
        return f"Withhold trastuzumab; repeat LVEF in {days(repeat)}"
    if (
        eligibility == "consider"
        and action == "evaluate_before_start"
        and ("LVEF_BASELINE_LOW_CONSIDER" in codes)
    ):
        text = EVALUATE_HEART_FIRST
    elif eligibility == "consider" and "LVEF_LOW_ON_TREATMENT" in codes:
        text = CONTINUE_LOW_LVEF
    elif eligibility == "consider" and "POST_NEOADJUVANT_RESIDUAL_TDM1" in codes:
        text = RESIDUAL_TDM1
    elif eligibility == "consider" and "METASTATIC_LATER_LINE_TDXD" in codes:
        text = LATER_LINE_TDXD
    elif eligibility == "insufficient_information" and "POST_NEOADJUVANT_RESIDUAL_TDM1" in codes:
        # The verdict names T-DM1 even while a trastuzumab dose waits for an input.
        text = f"{RESIDUAL_TDM1}; more information needed before a trastuzumab dose"
    else:
        text = ELIGIBILITY[eligibility]
    said_pending = bool(pending) and eligibility in ("eligible", "consider")
    if said_pending:
        text = f"{text} once {joined(pending)}"
    missed = (result.get("dosing") or {}).get("missed_dose")
    if missed and missed["action"] == "maintenance" and missed.get("after_last_weekly_dose"):
        joiner = "; " if said_pending else ": "
        handover = missed["after_last_weekly_dose"]
        return (
            f"{text}{joiner}the dose is {days(missed['days_late'])} late, unless the last dose was "
            f"the last weekly dose (then it {handover_words(handover)})"
        )
    if missed and missed["action"] == "not_due":
        # On treatment, before the interval has passed: the verdict must not read as "dose now",
        # whatever check is also pending.
        joiner = "; " if said_pending else ": "
        text = f"{text}{joiner}next dose not due for {days(missed['due_in_days'])}"
        handover = missed.get("after_last_weekly_dose")
        if handover:
            text += f", unless the last dose was the last weekly dose (then it {handover_words(handover)})"
    return text


def handover_words(handover: dict[str, Any]) -> str:
    """When the first every-3-weeks dose of the weekly plan is due, if the last dose was the
    last weekly one (``missed_dose.after_last_weekly_dose``): "is due in 2 days (420 mg)"."""
    if handover["action"] == "not_due":
        return f"is due in {days(handover['due_in_days'])}"
    dose = f"{handover['dose_now_mg']:g} mg"
    if handover["action"] == "reload":
        return f"is {days(handover['days_late'])} late: give the loading dose again now, {dose}"
    if handover["days_late"] == 0:
        return f"is due today: {dose}"
    return f"is {days(handover['days_late'])} late: give {dose} now"


HER2_STATUS: dict[str, str] = {
    "positive": "HER2-positive",
    "negative": "HER2-negative",
    "equivocal": "HER2 equivocal",
    "needs_ish": "HER2 not settled: needs ISH",
    "needs_ihc": "HER2 not settled: needs IHC on the same tissue",
    "not_tested": "HER2 not tested",
}

LOW_CATEGORY: dict[str, str] = {
    "her2_zero": "HER2-zero (IHC 0)",
    "her2_ultralow": "HER2-ultralow",
    "her2_low": "HER2-low",
}

CARDIAC_ACTION: dict[str, str] = {
    "proceed": "Proceed, with routine LVEF monitoring",
    "monitor": "Continue with closer LVEF monitoring",
    "withhold": "Hold trastuzumab",
    "evaluate_before_start": "Check LVEF before the dose",
    "discontinue": "Stop trastuzumab for good",
}


#: The route of a dose, as the dose table names it.
ROUTE: dict[str, str] = {"iv": "Intravenous", "sc": "Subcutaneous (fixed dose)"}

#: The guideline that read HER2, in the short form clinicians write.
GUIDELINE_SHORT: dict[str, str] = {
    "asco_cap_2007": "ASCO/CAP 2007",
    "asco_cap_2013": "ASCO/CAP 2013",
    "asco_cap_2018": "ASCO/CAP 2018",
    "asco_cap_2023": "ASCO/CAP 2023",
    "cap_ascp_asco_2016": "CAP/ASCP/ASCO 2016",
    "herceptin_uspi": "US label",
    "herceptin_smpc": "EU SmPC",
    "hylecta_uspi": "Herceptin Hylecta US label",
}


def word(table: dict[str, str], code: object) -> str:
    """The words for ``code``; an unknown code reads as itself with spaces (never raises)."""
    if code is None:
        return ""
    return table.get(str(code), str(code).replace("_", " "))
