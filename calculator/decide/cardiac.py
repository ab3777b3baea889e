"""LVEF rules of the trastuzumab label (US label: dose modifications for cardiomyopathy, §2.5 of
the current label; warnings, §5.1; boxed warning), in absolute points.

The order of precedence: symptomatic heart failure (boxed warning); a hold going on now (the
resume rule); the hold rules (on treatment; before the first dose the same falls mean "do not
start yet"; with holds recorded but no word on whether one is going on, a reading that meets no
hold rule asks for the fall's length instead of saying continue); on treatment without both LVEFs, a request for them (a current LVEF is not a
baseline once treatment has started); the pre-treatment (baseline) reading. The
permanent-discontinuation limits (a decline lasting more than 8 weeks; more than 3 holds) then
override all of them.

Every reason is said for the patient's situation: "continue" and "restart" only on treatment,
"start" only before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calculator.decide.findings import Finding
from calculator.decide.findings import days as days_words
from calculator.decide.inputs import Case
from calculator.rules.criteria import (
    CARDIAC_HOLDS_MAX,
    CONCURRENT_ANTHRACYCLINE_CARDIAC_DYSFUNCTION_PERCENT,
    DAYS_PER_WEEK,
    HOLD_MIN_WEEKS,
    LVEF_BASELINE_MIN_PERCENT,
    LVEF_DECLINE_MAX_WEEKS,
    LVEF_EU_EARLY_CAUTION_PERCENT,
    LVEF_EU_REPEAT_WEEKS,
    LVEF_EU_SUSPEND_BELOW_PERCENT,
    LVEF_EU_SUSPEND_DROP_POINTS,
    LVEF_RESUME_MAX_DROP_POINTS,
    LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS,
    LVEF_WITHHOLD_DROP_POINTS,
    POINTS_DECIMALS,
)
from calculator.rules.references import LABEL

EU_LABEL = ("herceptin_smpc",)
#: Words a reader sees for the hold and resume limits, made from the constants they state.
HOLD_REPEAT = f"repeat LVEF every {HOLD_MIN_WEEKS:g} weeks"
RESUME_RULE = (
    f"resume only when LVEF is back at or above the lower limit of normal and at most "
    f"{LVEF_RESUME_MAX_DROP_POINTS:g} points below baseline, after at least "
    f"{HOLD_MIN_WEEKS:g} weeks without trastuzumab; a fall lasting more than "
    f"{LVEF_DECLINE_MAX_WEEKS:g} weeks means stopping for good"
)
#: The hold's minimum in days without trastuzumab (counted from the last dose).
HOLD_MIN_DAYS = HOLD_MIN_WEEKS * DAYS_PER_WEEK
#: Advice beside a heart reading that would let treatment go on, by situation.
CONTINUE = "continue, with LVEF every 3 months"
START = "start, and measure LVEF every 3 months during treatment and at its end"


@dataclass(slots=True)
class Cardiac:
    action: str
    reason: str
    lvef_drop_points: float | None = None
    lvef_lln_percent: float = 50.0
    warnings: list[Finding] = field(default_factory=list)
    #: A known LVEF (baseline, or the current value read as baseline) below the threshold:
    #: an input fact the engine also needs (not part of the output).
    lvef_low: bool = False
    refs: tuple[str, ...] = LABEL
    #: Inputs the heart rules need before a dose can be answered (CONTRIBUTING.md#calculator-json, ``missing``).
    missing: list[str] = field(default_factory=list)
    #: Before the first dose: no LVEF at all (a pending check, not a missing input).
    lvef_unmeasured: bool = False
    #: A hold has ended by the resume rule (the next dose is late: its lateness decides it).
    resumed: bool = False
    #: The LVEF facts of a reading that lets treatment go on (``proceed`` or ``monitor``), without
    #: the advice: the engine words the advice when something else (a pregnancy) stops the dose.
    fact: str = ""
    #: During a hold whose 4 weeks without trastuzumab have not passed: the days until LVEF is
    #: repeated (CONTRIBUTING.md#calculator-json addition, ``cardiac.lvef_repeat_in_days``).
    repeat_in_days: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "reason": self.reason,
            "lvef_drop_points": self.lvef_drop_points,
            "lvef_lln_percent": self.lvef_lln_percent,
            "lvef_repeat_in_days": self.repeat_in_days,
            "refs": list(self.refs),
        }


def points(count: float, /) -> str:
    """ "1 point", "16 points"."""
    return f"{count:g} point" + ("" if count == 1 else "s")


def change_words(drop: float, baseline: float, /) -> str:
    """The change from baseline in words: "fall of 4 points from 62%", "unchanged from 60%",
    "up 5 points from 60%" (never a fall of minus 5 points)."""
    if drop > 0:
        return f"fall of {points(drop)} from {baseline:g}%"
    if drop == 0:
        return f"unchanged from {baseline:g}%"
    return f"up {points(-drop)} from {baseline:g}%"


def drop_points(baseline: float, current: float) -> float:
    """Absolute fall in percentage points, rounded so that 64.1 → 48.1 is exactly 16.0."""
    return round(baseline - current, POINTS_DECIMALS)


def threshold(lln: float) -> float:
    """The lowest LVEF to start at: the higher of 50% and the institution's LLN."""
    return max(LVEF_BASELINE_MIN_PERCENT, lln)


def _hold_rules(baseline: float, current: float, lln: float, *, started: bool) -> Cardiac:
    """US label, dose modifications: withhold for a fall of ≥16 points, or below the LLN with a
    fall of ≥10. Before the first dose (``started`` false: a baseline and a later LVEF, e.g.
    after an anthracycline) the same fall means "do not start yet", in those words."""
    drop = drop_points(baseline, current)
    below = current < lln
    base = Cardiac("proceed", "", drop, lln)
    if drop >= LVEF_WITHHOLD_DROP_POINTS:
        base.action = "withhold"
        rule = f"fell {drop:g} percentage points from baseline (≥{LVEF_WITHHOLD_DROP_POINTS:g})"
    elif below and drop >= LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:
        base.action = "withhold"
        rule = (
            f"is below the lower limit of normal ({lln:g}%) and fell {drop:g} points "
            f"(≥{LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:g})"
        )
    if base.action == "withhold" and started:
        base.reason = (
            f"LVEF {current:g}% {rule}: withhold for at least {HOLD_MIN_WEEKS:g} weeks and "
            f"{HOLD_REPEAT}."
        )
        return base
    if base.action == "withhold":
        base.reason = (
            f"Before the first dose, LVEF {current:g}% {rule.replace('baseline', f'{baseline:g}%')}"
            ": a fall that withholds trastuzumab during treatment. Do not start it before a "
            "cardio-oncology review and a repeat LVEF. If trastuzumab has already been given, "
            "enter the days since the last dose: the hold rules then apply."
        )
        return base
    if below or drop >= LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:
        base.action = "monitor"
        what = (
            f"below the lower limit of normal ({lln:g}%)"
            if below
            else f"{drop:g} points lower than baseline"
        )
        base.fact = f"LVEF {current:g}% is {what} but does not meet a hold rule"
        advice = (
            "continue with closer LVEF monitoring"
            if started
            else "before the first dose, start only with closer LVEF monitoring"
        )
    else:
        base.fact = f"LVEF {current:g}% ({change_words(drop, baseline)}) meets no hold rule"
        advice = CONTINUE if started else START
    base.reason = f"{base.fact}: {advice}."
    return base


def hold_unclear(case: Case) -> bool:
    """Nothing says whether a hold is going on now: holds are recorded (``cardiac_holds``
    counts a current one) but ``lvef_decline_weeks`` is not given (0 says there is no fall now,
    dosing has resumed), or a fall is going on but the holds are not given. A reading that meets
    no hold rule must not then restart a patient the label keeps on hold (at least 4 weeks, and
    until LVEF is back at or above the lower limit), nor may a hold reading be counted as a new
    hold (a fourth would discontinue)."""
    holds, weeks = case.cardiac_holds, case.lvef_decline_weeks
    return (holds is not None and holds >= 1 and weeks is None) or (
        holds is None and weeks is not None and weeks > 0
    )


def _unclear_missing(case: Case) -> list[str]:
    """What would say whether a hold is going on: the fall's length, or the holds."""
    return ["lvef_decline_weeks"] if case.lvef_decline_weeks is None else ["cardiac_holds"]


def _ask_whether_held(case: Case, reading: Cardiac) -> Cardiac:
    """A reading that would let treatment go on, with holds recorded and no word on whether one
    is going on: nothing says continue; the fall's length (or 0) is asked for."""
    holds = case.cardiac_holds
    if holds is None:
        known = (
            f"Yet the LVEF has been down for {case.lvef_decline_weeks:g} weeks and the number of "
            "earlier holds is not given, so nothing says whether a hold is going on now"
        )
        ask = (
            "enter the number of holds for the heart so far, a hold going on now included (0 if "
            "there was none)"
        )
    else:
        plural = holds != 1
        known = (
            f"Yet {holds} hold{'s' if plural else ''} for the heart {'are' if plural else 'is'} "
            "recorded and nothing says whether one is going on now"
        )
        ask = (
            "enter how long the LVEF has been down, or 0 if dosing has resumed since the last hold"
        )
    reason = f"{reading.fact}. {known} (during a hold, {RESUME_RULE}): {ask}, before the next dose."
    asked = Cardiac(
        "evaluate_before_start",
        reason,
        reading.lvef_drop_points,
        reading.lvef_lln_percent,
        missing=_unclear_missing(case),
    )
    # What the EU label says of these values holds whether or not a hold is going on.
    _eu_suspend(case, reading)
    asked.warnings = [w for w in reading.warnings if w.code == "LVEF_EU_SUSPEND"]
    return asked


def _during_hold(case: Case, current: float, lln: float) -> Cardiac:
    """A hold now (CONTRIBUTING.md#calculator-json): resume only when LVEF is back ≥ LLN and the fall from
    baseline is ≤15 points, after at least 4 weeks without trastuzumab; otherwise keep withholding
    (US label, dose modifications). The 4 weeks are counted from the last dose
    (``days_since_last_dose``) and over the fall's course (``lvef_decline_weeks``): the hold is
    no longer than either. A last dose more recent than the fall is not a contradiction (a fall
    that first needed only closer monitoring): the shorter count decides."""
    weeks = case.lvef_decline_weeks or 0
    days = case.days_since_last_dose
    baseline = case.lvef_baseline_percent
    if baseline is None:
        held = Cardiac("withhold", "", None, lln, missing=["lvef_baseline_percent"])
        if current < lln:
            held.reason = (
                f"LVEF {current:g}% is still below the lower limit of normal ({lln:g}%) after "
                f"{weeks:g} weeks of falling: keep withholding and {HOLD_REPEAT}, whatever the "
                f"baseline; {RESUME_RULE}."
            )
        else:
            held.reason = (
                f"LVEF {current:g}% during a hold: whether it may resume depends on the fall from "
                "the pre-treatment LVEF; enter the baseline LVEF. Keep withholding until then; "
                f"{RESUME_RULE}."
            )
        return held
    drop = drop_points(baseline, current)
    held = Cardiac("withhold", "", drop, lln)
    recovered = current >= lln and drop <= LVEF_RESUME_MAX_DROP_POINTS
    if not recovered:
        why = (
            f"below the lower limit of normal ({lln:g}%)"
            if current < lln
            else f"{drop:g} points below baseline (more than {LVEF_RESUME_MAX_DROP_POINTS:g})"
        )
        held.reason = (
            f"LVEF {current:g}% is still {why} after {weeks:g} weeks of falling: keep "
            f"withholding and {HOLD_REPEAT}; {RESUME_RULE}."
        )
        return held
    back = (
        f"LVEF {current:g}% is back at or above the lower limit of normal ({lln:g}%) and "
        f"{points(drop) + ' below' if drop > 0 else 'not below'} baseline "
        f"(≤{LVEF_RESUME_MAX_DROP_POINTS:g} points)"
    )
    if days is None:
        held.missing = ["days_since_last_dose"]
        held.reason = (
            f"{back}, but a hold lasts at least {HOLD_MIN_WEEKS:g} weeks without trastuzumab: "
            "enter the days since the last dose. Keep withholding until then."
        )
        return held
    # Days still to wait: until 4 weeks after the last dose and 4 weeks into the fall.
    wait = round(max(HOLD_MIN_DAYS - days, (HOLD_MIN_WEEKS - weeks) * DAYS_PER_WEEK, 0), 1)
    if wait > 0:
        held.repeat_in_days = wait
        held.reason = (
            f"{back}, but a hold lasts at least {HOLD_MIN_WEEKS:g} weeks without trastuzumab "
            f"(last dose {days:g} days ago; fall followed for {weeks:g} weeks): keep withholding "
            f"and repeat LVEF in {days_words(wait)}, at {HOLD_MIN_WEEKS:g} weeks."
        )
        return held
    held.action = "monitor"
    held.fact = f"{back} after {days:g} days without trastuzumab"
    # The hold for the heart ends; whether trastuzumab is given is the verdict's (pregnancy, T-DM1
    # instead). A low LVEF is worded in assess (_below_threshold).
    held.reason = f"{held.fact}: the hold can end, with LVEF every 3 months."
    held.resumed = True
    return held


def _before_start(baseline: float | None, lln: float, *, read_from_current: bool) -> Cardiac:
    if baseline is None:
        return Cardiac(
            "evaluate_before_start",
            "Measure LVEF (echocardiogram or MUGA) before the first dose.",
            None,
            lln,
            lvef_unmeasured=True,
        )
    limit = threshold(lln)
    source = (
        f"LVEF {baseline:g}% (no baseline was entered, so this is read as the pre-treatment value)"
        if read_from_current
        else f"Baseline LVEF {baseline:g}%"
    )
    if baseline < limit:
        return Cardiac(
            "evaluate_before_start",
            f"{source} is below {limit:g}% (the higher of {LVEF_BASELINE_MIN_PERCENT:g}% and the "
            "lower limit of normal): cardio-oncology review before starting.",
            None,
            lln,
        )
    return Cardiac("proceed", f"{source}: {START}.", None, lln, fact=source)


def _treated_without_both(case: Case, lln: float) -> Cardiac:
    """On treatment, a current LVEF is not a baseline (CONTRIBUTING.md#calculator-json): ask for what is missing;
    nothing here says continue."""
    baseline, current = case.lvef_baseline_percent, case.lvef_percent
    missing = [
        key
        for key, value in (("lvef_baseline_percent", baseline), ("lvef_percent", current))
        if value is None
    ]
    if current is not None:
        low = (
            f" It is below the lower limit of normal ({lln:g}%): a fall of "
            f"{LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:g} points or more from baseline means withhold."
            if current < lln
            else ""
        )
        reason = (
            f"LVEF {current:g}% on treatment: the hold rules compare it with the pre-treatment "
            f"LVEF, so enter the baseline LVEF before the next dose.{low}"
        )
    elif baseline is not None:
        reason = (
            "On treatment the hold rules need the latest LVEF (measured every 3 months): enter "
            "it before the next dose."
        )
    else:
        reason = (
            "On treatment the hold rules compare the latest LVEF with the pre-treatment LVEF: "
            "enter both before the next dose."
        )
    return Cardiac("evaluate_before_start", reason, None, lln, missing=missing)


def _boxed_warning(case: Case, lln: float) -> Cardiac:
    failure = (
        "Symptomatic heart failure (a clinically significant fall in left ventricular function)"
    )
    if not case.on_treatment:
        # Before the first dose there is nothing to withhold or discontinue: do not start.
        return Cardiac(
            "discontinue" if case.indication == "early_breast" else "withhold",
            f"{failure} before the first dose: do not start trastuzumab (boxed warning); treat "
            "the heart failure, with a cardiology review.",
            None,
            lln,
        )
    if case.indication == "early_breast":
        return Cardiac(
            "discontinue",
            f"{failure} in adjuvant treatment: discontinue trastuzumab (boxed warning).",
            None,
            lln,
        )
    return Cardiac(
        "withhold",
        f"{failure} in metastatic disease: withhold trastuzumab (boxed warning) and treat the "
        f"heart failure; repeat LVEF in {HOLD_MIN_WEEKS:g} weeks.",
        None,
        lln,
    )


def _limits(case: Case, result: Cardiac) -> None:
    """Permanent discontinuation (US label, dose modifications): a long decline, or too many
    holds.

    ``cardiac_holds`` counts holds including a current one; a hold that starts now is number
    ``cardiac_holds + 1``.
    """
    holds = case.cardiac_holds or 0
    weeks = case.lvef_decline_weeks
    new_hold = result.action == "withhold" and not case.on_hold
    if new_hold and hold_unclear(case):
        # It may be the hold already counted, going on: no new hold is counted (a fourth would
        # discontinue), and what would decide is asked for; no dose either way.
        new_hold = False
        result.missing = [*result.missing, *_unclear_missing(case)]
        if holds == CARDIAC_HOLDS_MAX:
            result.reason = (
                f"{result.reason} If no hold is going on now this is hold number {holds + 1} "
                f"(more than {CARDIAC_HOLDS_MAX} for cardiomyopathy: discontinue permanently); "
                "enter how long the LVEF has been down (0 if dosing had resumed) to decide."
            )
        elif weeks is None:
            result.reason = (
                f"{result.reason} A fall lasting more than {LVEF_DECLINE_MAX_WEEKS:g} weeks means "
                "stopping for good: enter how long the LVEF has been down."
            )
    # The label's persistent decline is one that withheld treatment: during a hold, or a fall
    # that meets a hold rule now; a small fall that never needed a hold is not it.
    persistent = case.on_hold or result.action == "withhold"
    if weeks is not None and weeks > LVEF_DECLINE_MAX_WEEKS and persistent:
        result.action = "discontinue"
        result.reason = (
            f"The fall in LVEF has lasted {weeks:g} weeks (more than "
            f"{LVEF_DECLINE_MAX_WEEKS:g}): discontinue trastuzumab permanently."
        )
    elif holds > CARDIAC_HOLDS_MAX:
        result.action = "discontinue"
        result.reason = (
            f"Trastuzumab has been withheld {holds} times for a fall in LVEF (more than "
            f"{CARDIAC_HOLDS_MAX}): discontinue permanently."
        )
    elif new_hold and holds == CARDIAC_HOLDS_MAX:
        result.action = "discontinue"
        result.reason = (
            f"{result.reason} This would be hold number {holds + 1} (more than "
            f"{CARDIAC_HOLDS_MAX} for cardiomyopathy): discontinue trastuzumab permanently "
            "instead."
        )
    elif holds == CARDIAC_HOLDS_MAX:
        result.warnings.append(
            Finding(
                "CARDIAC_HOLDS_AT_LIMIT",
                f"Trastuzumab has been withheld {CARDIAC_HOLDS_MAX} times for a fall in LVEF: "
                "one more hold means permanent discontinuation.",
                LABEL,
            )
        )
    if result.action == "discontinue":
        result.missing = []


def _eu_suspend(case: Case, result: Cardiac) -> None:
    """EU SmPC 4.4: a fall of ≥10 points AND to below 50% → suspend; with an institutional LLN
    below 50% the US rule does not hold such a patient, so say what the EU label says."""
    baseline, current = case.lvef_baseline_percent, case.lvef_percent
    if result.action not in ("proceed", "monitor") or baseline is None or current is None:
        return
    drop = drop_points(baseline, current)
    if drop >= LVEF_EU_SUSPEND_DROP_POINTS and current < LVEF_EU_SUSPEND_BELOW_PERCENT:
        result.warnings.append(
            Finding(
                "LVEF_EU_SUSPEND",
                f"The EU label suspends treatment when LVEF falls {LVEF_EU_SUSPEND_DROP_POINTS:g} "
                f"points or more from baseline and below {LVEF_EU_SUSPEND_BELOW_PERCENT:g}% "
                f"(here {drop:g} points, to {current:g}%), and repeats LVEF within about "
                f"{LVEF_EU_REPEAT_WEEKS:g} weeks; "
                "the US rule uses the lower limit of normal entered.",
                EU_LABEL,
            )
        )


def _warnings(case: Case, baseline: float | None) -> list[Finding]:
    warnings: list[Finding] = []
    if (
        case.indication == "early_breast"
        and not case.on_treatment  # a caution before starting
        and baseline is not None
        and LVEF_BASELINE_MIN_PERCENT <= baseline <= LVEF_EU_EARLY_CAUTION_PERCENT
    ):
        warnings.append(
            Finding(
                "LVEF_EARLY_EU_CAUTION",
                f"Baseline LVEF {baseline:g}% ({LVEF_BASELINE_MIN_PERCENT:g}–"
                f"{LVEF_EU_EARLY_CAUTION_PERCENT:g}%) in early breast cancer: the EU label advises "
                f"caution at an LVEF of {LVEF_EU_EARLY_CAUTION_PERCENT:g}% or less; weigh the "
                "cardiac risk before starting.",
                ("herceptin_smpc", *LABEL),
            )
        )
    if case.concurrent_anthracycline:
        warnings.append(
            Finding(
                "CONCURRENT_ANTHRACYCLINE",
                "Trastuzumab with an anthracycline at the same time caused cardiac dysfunction in "
                f"{CONCURRENT_ANTHRACYCLINE_CARDIAC_DYSFUNCTION_PERCENT:g}% of patients: give "
                "trastuzumab after the anthracycline phase (with the "
                "taxane), not during it.",
                ("slamon2001", "seidman2002", *LABEL),
            )
        )
    return warnings


def _below_threshold(result: Cardiac, case: Case, limit: float) -> None:
    """A reading that lets treatment go on with an LVEF (the current one, or the baseline) below
    the threshold, which an LLN under 50% allows: the verdict asks for closer monitoring and a
    cardiology review (engine: LVEF_LOW_ON_TREATMENT, LVEF_BASELINE_LOW_CONSIDER), and so does
    the heart line, never the routine 3 months."""
    current = case.lvef_percent
    if current is not None and current < limit:
        below = f"it is below {limit:g}%"
    else:
        below = f"the baseline LVEF ({case.lvef_baseline_percent:g}%) was below {limit:g}%"
    if result.resumed:
        advice = "the hold can end, with closer LVEF monitoring and a cardiology review"
    elif case.on_treatment:
        advice = "continue with closer LVEF monitoring and a cardiology review"
    else:
        advice = "start only after a cardiology review, with closer LVEF monitoring"
    result.action = "monitor"
    result.fact = f"{result.fact}; {below}"
    result.reason = f"{result.fact}: {advice}."


def assess(case: Case) -> Cardiac:
    lln = case.lvef_lln_percent
    current = case.lvef_percent
    given_baseline = case.lvef_baseline_percent
    # Rule 1 (CONTRIBUTING.md#calculator-json): a current LVEF without a baseline is the pre-treatment
    # measurement only for a patient not yet on treatment.
    read_from_current = given_baseline is None and current is not None and not case.on_treatment
    baseline = current if read_from_current else given_baseline
    limit = threshold(lln)
    lvef_low = baseline is not None and baseline < limit
    # The threshold for starting is a reason to review before the first dose; on treatment the
    # hold rules decide (the engine words a low LVEF on treatment on its own).
    if baseline is not None and baseline < limit and not case.on_treatment:
        low_warning = Finding(
            "LVEF_BASELINE_LOW",
            f"{'LVEF' if read_from_current else 'Baseline LVEF'} {baseline:g}% is below "
            f"{limit:g}% (the higher of {LVEF_BASELINE_MIN_PERCENT:g}% and the lower limit of "
            "normal): the trials required a normal LVEF. The label sets no number, so this needs "
            "a cardio-oncology review before starting.",
            (*LABEL, "seidman2002"),
        )
    else:
        low_warning = None
    if case.symptomatic_heart_failure:
        result = _boxed_warning(case, lln)
    elif case.on_hold and current is not None:
        result = _during_hold(case, current, lln)
    elif given_baseline is not None and current is not None:
        result = _hold_rules(given_baseline, current, lln, started=case.on_treatment)
        if result.action in ("proceed", "monitor") and hold_unclear(case):
            result = _ask_whether_held(case, result)
    elif case.on_treatment:
        result = _treated_without_both(case, lln)
    else:
        result = _before_start(baseline, lln, read_from_current=read_from_current)
    if current is not None and not read_from_current:
        lvef_low = lvef_low or current < limit
    if lvef_low and result.action in ("proceed", "monitor") and result.fact:
        _below_threshold(result, case, limit)
    _limits(case, result)
    _eu_suspend(case, result)
    result.warnings = [
        *([low_warning] if low_warning else []),
        *_warnings(case, baseline),
        *result.warnings,
    ]
    result.lvef_low = lvef_low
    if given_baseline is not None and current is not None:
        result.lvef_drop_points = drop_points(given_baseline, current)
    return result
