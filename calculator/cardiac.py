"""LVEF rules of the trastuzumab label (US label §2.3, §5.1, boxed warning), in absolute points.

The order of precedence: symptomatic heart failure (boxed warning), the permanent-discontinuation
limits (a decline lasting more than 8 weeks; a hold needed after 3 earlier holds, or more than 3
holds already), the hold rules on treatment, then the pre-treatment (baseline) reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calculator.criteria import (
    CARDIAC_HOLDS_MAX,
    HOLD_MIN_WEEKS,
    LVEF_BASELINE_MIN_PERCENT,
    LVEF_DECLINE_MAX_WEEKS,
    LVEF_EU_EARLY_CAUTION_PERCENT,
    LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS,
    LVEF_WITHHOLD_DROP_POINTS,
    POINTS_DECIMALS,
)
from calculator.findings import Finding
from calculator.inputs import Case

LABEL = ("herceptin_uspi",)
#: After a hold the next dose is more than 1 week late: re-load (US label §2.2 missed doses).
RELOAD_WORDS = (
    "When treatment restarts, give the loading dose again (4 mg/kg weekly or 8 mg/kg every "
    "3 weeks, over about 90 minutes; the subcutaneous 600 mg dose has no loading dose), because "
    "after a hold of at least 4 weeks the next dose is more than 1 week late."
)


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

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "reason": self.reason,
            "lvef_drop_points": self.lvef_drop_points,
            "lvef_lln_percent": self.lvef_lln_percent,
            "refs": list(self.refs),
        }


def drop_points(baseline: float, current: float) -> float:
    """Absolute fall in percentage points, rounded so that 64.1 → 48.1 is exactly 16.0."""
    return round(baseline - current, POINTS_DECIMALS)


def threshold(lln: float) -> float:
    """The lowest LVEF to start at: the higher of 50% and the institution's LLN."""
    return max(LVEF_BASELINE_MIN_PERCENT, lln)


def _on_treatment(baseline: float, current: float, lln: float) -> Cardiac:
    drop = drop_points(baseline, current)
    below = current < lln
    base = Cardiac("proceed", "", drop, lln)
    if drop >= LVEF_WITHHOLD_DROP_POINTS:
        base.action = "withhold"
        base.reason = (
            f"LVEF fell {drop:g} percentage points from baseline (≥16): withhold for at least "
            "4 weeks and repeat LVEF every 4 weeks."
        )
    elif below and drop >= LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:
        base.action = "withhold"
        base.reason = (
            f"LVEF {current:g}% is below the lower limit of normal ({lln:g}%) and fell "
            f"{drop:g} points (≥10): withhold for at least 4 weeks and repeat LVEF every 4 weeks."
        )
    elif below or drop >= LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:
        base.action = "monitor"
        what = (
            f"below the lower limit of normal ({lln:g}%)"
            if below
            else f"{drop:g} points lower than baseline"
        )
        base.reason = (
            f"LVEF {current:g}% is {what} but does not meet a hold rule: continue with closer "
            "LVEF monitoring."
        )
    else:
        base.reason = (
            f"LVEF {current:g}% (fall of {drop:g} points from {baseline:g}%) meets no hold rule: "
            "continue, with LVEF every 3 months."
        )
    return base


def _before_start(baseline: float | None, lln: float, *, read_from_current: bool) -> Cardiac:
    if baseline is None:
        return Cardiac(
            "evaluate_before_start",
            "Measure LVEF (echocardiogram or MUGA) before the first dose.",
            None,
            lln,
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
            f"{source} is below {limit:g}% (the higher of 50% and the lower limit of normal): "
            "cardio-oncology review before starting.",
            None,
            lln,
        )
    return Cardiac(
        "proceed",
        f"{source}: start, and measure LVEF every 3 months during treatment and at its end.",
        None,
        lln,
    )


def _boxed_warning(case: Case, lln: float) -> Cardiac:
    if case.indication == "early_breast":
        return Cardiac(
            "discontinue",
            "Symptomatic heart failure (a clinically significant fall in left ventricular "
            "function) in adjuvant treatment: discontinue trastuzumab (boxed warning).",
            None,
            lln,
        )
    return Cardiac(
        "withhold",
        "Symptomatic heart failure (a clinically significant fall in left ventricular function) "
        "in metastatic disease: withhold trastuzumab (boxed warning) and treat the heart "
        "failure; repeat LVEF in 4 weeks.",
        None,
        lln,
    )


def _limits(case: Case, result: Cardiac) -> None:
    """Permanent discontinuation (US label §2.3): a long decline, or too many holds."""
    holds = case.cardiac_holds or 0
    weeks = case.lvef_decline_weeks
    if weeks is not None and weeks > LVEF_DECLINE_MAX_WEEKS:
        result.action = "discontinue"
        result.reason = (
            f"The fall in LVEF has lasted {weeks:g} weeks (more than 8): discontinue "
            "trastuzumab permanently."
        )
    elif holds > CARDIAC_HOLDS_MAX:
        result.action = "discontinue"
        result.reason = (
            f"Trastuzumab was already withheld {holds} times for a fall in LVEF (more than 3): "
            "discontinue permanently."
        )
    elif result.action == "withhold" and holds == CARDIAC_HOLDS_MAX:
        result.action = "discontinue"
        result.reason = (
            f"{result.reason} This would be hold number {holds + 1} (more than 3 for "
            "cardiomyopathy): discontinue trastuzumab permanently instead."
        )
    elif holds == CARDIAC_HOLDS_MAX:
        result.warnings.append(
            Finding(
                "CARDIAC_HOLDS_AT_LIMIT",
                "Trastuzumab was already withheld 3 times for a fall in LVEF: one more hold "
                "means permanent discontinuation.",
                LABEL,
            )
        )


def _reload(case: Case, result: Cardiac) -> None:
    """Rule 6: a hold of at least 4 weeks makes the next dose more than 1 week late."""
    weeks = case.lvef_decline_weeks
    if result.action == "withhold":
        result.warnings.append(Finding("RELOAD_AFTER_HOLD", RELOAD_WORDS, LABEL))
    elif (
        result.action in ("proceed", "monitor")
        and weeks is not None
        and weeks >= HOLD_MIN_WEEKS
        and case.days_since_last_dose is None
    ):
        result.warnings.append(
            Finding(
                "RELOAD_AFTER_HOLD",
                f"Restarting after a fall in LVEF that lasted {weeks:g} weeks (a hold of at "
                f"least 4 weeks): {RELOAD_WORDS[0].lower()}{RELOAD_WORDS[1:]}",
                LABEL,
            )
        )


def _warnings(case: Case, baseline: float | None) -> list[Finding]:
    warnings: list[Finding] = []
    if (
        case.indication == "early_breast"
        and baseline is not None
        and LVEF_BASELINE_MIN_PERCENT <= baseline <= LVEF_EU_EARLY_CAUTION_PERCENT
    ):
        warnings.append(
            Finding(
                "LVEF_EARLY_EU_CAUTION",
                f"Baseline LVEF {baseline:g}% (50–55%) in early breast cancer: the EU label "
                "advises caution at an LVEF of 55% or less; weigh the cardiac risk before "
                "starting.",
                ("herceptin_smpc", *LABEL),
            )
        )
    if case.concurrent_anthracycline:
        warnings.append(
            Finding(
                "CONCURRENT_ANTHRACYCLINE",
                "Trastuzumab with an anthracycline at the same time caused cardiac dysfunction in "
                "27% of patients: give trastuzumab after the anthracycline phase (with the "
                "taxane), not during it.",
                ("slamon2001", "seidman2002", *LABEL),
            )
        )
    return warnings


def assess(case: Case) -> Cardiac:
    lln = case.lvef_lln_percent
    current = case.lvef_percent
    # Rule 1: a current LVEF without a baseline is the pre-treatment measurement.
    read_from_current = case.lvef_baseline_percent is None and current is not None
    baseline = current if read_from_current else case.lvef_baseline_percent
    limit = threshold(lln)
    lvef_low = baseline is not None and baseline < limit
    if baseline is not None and baseline < limit:
        low_warning = Finding(
            "LVEF_BASELINE_LOW",
            f"{'LVEF' if read_from_current else 'Baseline LVEF'} {baseline:g}% is below "
            f"{limit:g}% (the higher of 50% and the lower limit of normal): the trials required "
            "a normal LVEF. The label sets no number, so this needs a cardio-oncology review "
            "before starting.",
            (*LABEL, "seidman2002"),
        )
    else:
        low_warning = None
    if case.symptomatic_heart_failure:
        result = _boxed_warning(case, lln)
    elif not read_from_current and baseline is not None and current is not None:
        result = _on_treatment(baseline, current, lln)
        lvef_low = lvef_low or current < limit
    else:
        result = _before_start(baseline, lln, read_from_current=read_from_current)
    _limits(case, result)
    _reload(case, result)
    result.warnings = [
        *([low_warning] if low_warning else []),
        *_warnings(case, baseline),
        *result.warnings,
    ]
    result.lvef_low = lvef_low
    if not read_from_current and baseline is not None and current is not None:
        result.lvef_drop_points = drop_points(baseline, current)
    return result
