"""LVEF rules of the trastuzumab label (US label §2.3, §5.1), in absolute percentage points."""

from __future__ import annotations

from dataclasses import dataclass, field

from calculator.criteria import (
    LVEF_BASELINE_MIN_PERCENT,
    LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS,
    LVEF_WITHHOLD_DROP_POINTS,
    POINTS_DECIMALS,
)
from calculator.findings import Finding
from calculator.inputs import Case

LABEL = ("herceptin_uspi",)


@dataclass(slots=True)
class Cardiac:
    action: str
    reason: str
    lvef_drop_points: float | None = None
    lvef_lln_percent: float = 50.0
    warnings: list[Finding] = field(default_factory=list)
    #: Baseline below 50%: an input fact the engine also needs (not part of the output).
    baseline_low: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "reason": self.reason,
            "lvef_drop_points": self.lvef_drop_points,
            "lvef_lln_percent": self.lvef_lln_percent,
            "refs": list(LABEL),
        }


def drop_points(baseline: float, current: float) -> float:
    """Absolute fall in percentage points, rounded so that 64.1 → 48.1 is exactly 16.0."""
    return round(baseline - current, POINTS_DECIMALS)


def _on_treatment(case: Case, baseline: float, current: float, lln: float) -> Cardiac:
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


def assess(case: Case) -> Cardiac:
    lln = case.lvef_lln_percent
    baseline, current = case.lvef_baseline_percent, case.lvef_percent
    warnings: list[Finding] = []
    baseline_low = baseline is not None and baseline < LVEF_BASELINE_MIN_PERCENT
    if baseline_low:
        warnings.append(
            Finding(
                "LVEF_BASELINE_LOW",
                f"Baseline LVEF {baseline:g}% is below 50%: the trials required a normal LVEF. "
                "The label sets no number, so this needs a cardio-oncology review before "
                "starting.",
                (*LABEL, "seidman2002"),
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
    if baseline is not None and current is not None:
        result = _on_treatment(case, baseline, current, lln)
    elif current is not None:
        result = Cardiac(
            "monitor",
            "A current LVEF without the pre-treatment baseline cannot be checked against the "
            "hold rules, which use the fall from baseline: enter the baseline LVEF.",
            None,
            lln,
        )
    elif baseline is None:
        result = Cardiac(
            "evaluate_before_start",
            "Measure LVEF (echocardiogram or MUGA) before the first dose.",
            None,
            lln,
        )
    elif baseline_low:
        result = Cardiac(
            "evaluate_before_start",
            f"Baseline LVEF {baseline:g}% is below 50%: cardio-oncology review before starting.",
            None,
            lln,
        )
    else:
        result = Cardiac(
            "proceed",
            f"Baseline LVEF {baseline:g}%: start, and measure LVEF every 3 months during "
            "treatment and at its end.",
            None,
            lln,
        )
    result.warnings = warnings
    result.baseline_low = baseline_low
    return result
