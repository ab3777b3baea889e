"""Doses and vial counts: weight-based intravenous (Herceptin US label §2.2; EU SmPC), the fixed
subcutaneous dose (Herceptin Hylecta), and the missed-dose rule.

Doses are weight × mg/kg, rounded to 0.1 mg and no further: institutional dose-banding is local
policy and is left to the pharmacist.
"""

from __future__ import annotations

import math
from functools import cache

from calculator.criteria import (
    DOSING,
    DURATION,
    EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG,
    INTERVAL_DAYS,
    LABELLED_SCHEDULES,
    MISSED_DOSE_MAX_DAYS_LATE,
    SC_ADMINISTRATION,
    SC_DOSE_MG,
    SC_INTERVAL,
    SC_REFS,
    SC_VIAL,
    VIALS,
    Vial,
)
from calculator.findings import Finding
from calculator.inputs import Case

LABEL = ("herceptin_uspi",)
#: Days late are rounded to this many decimals, so that 28.0 - 21 is exactly 7.
POINTS = 6


def dose_mg(weight_kg: float, mg_per_kg: float) -> float:
    return round(weight_kg * mg_per_kg, 1)


def vial_count(dose: float, size_mg: float) -> int:
    # Rounded first so that 300.0 / 150 is 2 vials, not 3 through float error.
    return math.ceil(round(dose / size_mg, 9))


@cache
def vial_label(vial: Vial) -> str:
    return f"{vial.size_mg:g} mg {vial.kind} vials ({vial.market})"


def vial_rows(loading: float, maintenance: float, vials: tuple[Vial, ...]) -> list[dict]:
    return [
        {
            "label": vial_label(v),
            "size_mg": v.size_mg,
            "kind": v.kind,
            "loading": vial_count(loading, v.size_mg),
            "maintenance": vial_count(maintenance, v.size_mg),
        }
        for v in vials
    ]


def _late_or_due(days: float, interval: int) -> float:
    """Days late (positive), due today (0) or not due yet (negative: minus the days to wait)."""
    return round(days - interval, POINTS)


def _not_due(days: float, interval: int) -> tuple[dict, Finding]:
    wait = round(interval - days, POINTS)
    return (
        {"days_late": 0.0, "action": "not_due", "dose_now_mg": None, "due_in_days": wait},
        Finding(
            "DOSE_NOT_DUE",
            f"The next dose is not due yet: {days:g} days since the last dose, doses every "
            f"{interval} days, so it is due in {wait:g} days. Give nothing now.",
            LABEL,
        ),
    )


def _phase_interval(case: Case, schedule: str) -> tuple[int, float, float]:
    """The interval (days) and the mg/kg of the maintenance and loading doses of the phase the
    patient is in: the weekly early-breast plan is every 3 weeks after its weekly doses."""
    if case.indication == "early_breast" and schedule == "weekly" and case.adjuvant_phase == "q3w":
        q3w = DOSING["q3w"]
        return INTERVAL_DAYS["q3w"], EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG, q3w.loading_mg_per_kg
    regimen = DOSING[schedule]
    return INTERVAL_DAYS[schedule], regimen.maintenance_mg_per_kg, regimen.loading_mg_per_kg


def _missed_iv(case: Case, schedule: str, weight: float) -> tuple[dict | None, list[Finding]]:
    """US label §2.2 (the current EU label says the same): not due before the interval has
    passed; ≤7 days late → the maintenance dose now; >7 days late → the loading dose again."""
    days = case.days_since_last_dose
    if days is None:
        return None, []
    interval, maintenance_mg_per_kg, loading_mg_per_kg = _phase_interval(case, schedule)
    late = _late_or_due(days, interval)
    if late < 0:
        missed, finding = _not_due(days, interval)
        return missed, [finding]
    if late == 0:
        return None, []
    maintenance = dose_mg(weight, maintenance_mg_per_kg)
    loading = dose_mg(weight, loading_mg_per_kg)
    if late <= MISSED_DOSE_MAX_DAYS_LATE:
        missed = {
            "days_late": late,
            "action": "maintenance",
            "dose_now_mg": maintenance,
            "due_in_days": 0.0,
        }
        words = (
            f"The dose is {late:g} days late (at most {MISSED_DOSE_MAX_DAYS_LATE}): give the "
            f"usual maintenance dose ({maintenance_mg_per_kg:g} mg/kg, {maintenance:g} mg) as soon "
            f"as possible, then the next doses {interval} days later."
        )
    else:
        missed = {"days_late": late, "action": "reload", "dose_now_mg": loading, "due_in_days": 0.0}
        words = (
            f"The dose is {late:g} days late (more than {MISSED_DOSE_MAX_DAYS_LATE}): give the "
            f"loading dose again ({loading_mg_per_kg:g} mg/kg, {loading:g} mg, over about 90 "
            f"minutes) as soon as possible, then maintenance {interval} days later."
        )
    return missed, [
        Finding(f"MISSED_DOSE_{missed['action'].upper()}", words, (*LABEL, "herceptin_smpc"))
    ]


def missing_for_dose(case: Case) -> list[str]:
    """Inputs a dose answer needs beyond the weight: the phase of the weekly early-breast plan
    when a dose may be late (its lateness depends on the phase)."""
    weekly_plan = (
        case.indication == "early_breast" and case.schedule == "weekly" and case.route == "iv"
    )
    if weekly_plan and case.days_since_last_dose is not None and case.adjuvant_phase is None:
        return ["adjuvant_phase"]
    return []


def restart_words(case: Case) -> str:
    """What to give when a hold ends, in words: the missed-dose rule decides by the days since the
    last dose, never by the hold's length (US label §2.2)."""
    if case.route == "sc":
        return (
            f"When trastuzumab restarts: the next {SC_DOSE_MG:g} mg subcutaneous dose as soon as "
            "allowed, at least 3 weeks after the last one (no loading dose)."
        )
    weekly, q3w = DOSING["weekly"], DOSING["q3w"]
    limit = MISSED_DOSE_MAX_DAYS_LATE
    text = (
        "When trastuzumab restarts, the days since the last dose decide the dose: more than "
        f"{limit} days overdue (more than {INTERVAL_DAYS['weekly'] + limit} days after a weekly "
        f"dose, more than {INTERVAL_DAYS['q3w'] + limit} days after a 3-weekly dose) means the "
        f"loading dose again ({weekly.loading_mg_per_kg:g} mg/kg weekly or "
        f"{q3w.loading_mg_per_kg:g} mg/kg every 3 weeks, over about 90 minutes); otherwise the "
        f"usual maintenance dose ({weekly.maintenance_mg_per_kg:g} or "
        f"{q3w.maintenance_mg_per_kg:g} mg/kg)."
    )
    if case.weight_kg is not None and case.schedule is not None:
        regimen = DOSING[case.schedule]
        text += (
            f" For {case.weight_kg:g} kg on the {regimen.interval} schedule: loading "
            f"{dose_mg(case.weight_kg, regimen.loading_mg_per_kg):g} mg, maintenance "
            f"{dose_mg(case.weight_kg, regimen.maintenance_mg_per_kg):g} mg."
        )
    return text


def _sc(case: Case) -> tuple[dict, list[Finding]]:
    """Herceptin Hylecta: 600 mg every 3 weeks, no loading dose, no weight adjustment."""
    warnings: list[Finding] = []
    missed = None
    days = case.days_since_last_dose
    interval = INTERVAL_DAYS["q3w"]
    late = None if days is None else _late_or_due(days, interval)
    if days is not None and late is not None and late < 0:
        missed, finding = _not_due(days, interval)
        warnings.append(finding._replace(refs=("hylecta_uspi",)))
    elif late is not None and late > 0:
        missed = {
            "days_late": late,
            "action": "maintenance",
            "dose_now_mg": SC_DOSE_MG,
            "due_in_days": 0.0,
        }
        warnings.append(
            Finding(
                "MISSED_DOSE_SC",
                f"The dose is {late:g} days late: give the next {SC_DOSE_MG:g} mg dose as soon as "
                f"possible, with at least {interval // 7} weeks between doses (no loading dose).",
                ("hylecta_uspi",),
            )
        )
    if case.weight_kg is not None:
        warnings.append(
            Finding(
                "SC_FIXED_DOSE",
                f"Subcutaneous trastuzumab is a fixed {SC_DOSE_MG:g} mg dose: the weight is not "
                "used.",
                ("hylecta_uspi",),
            )
        )
    dosing = {
        "route": "sc",
        "schedule": "q3w",
        "weight_kg": case.weight_kg,
        "loading_mg_per_kg": None,
        "maintenance_mg_per_kg": None,
        "loading_dose_mg": None,
        "maintenance_dose_mg": SC_DOSE_MG,
        "interval": SC_INTERVAL,
        "loading_infusion": None,
        "maintenance_infusion": SC_ADMINISTRATION,
        "duration": DURATION[case.indication],
        "after_weekly_phase_dose_mg": None,
        "vials": [
            {
                "label": vial_label(SC_VIAL),
                "size_mg": SC_VIAL.size_mg,
                "kind": SC_VIAL.kind,
                "loading": None,
                "maintenance": vial_count(SC_DOSE_MG, SC_VIAL.size_mg),
            }
        ],
        "missed_dose": missed,
        "refs": list(SC_REFS),
    }
    return dosing, warnings


def plan(case: Case, vials: tuple[Vial, ...] = VIALS) -> tuple[dict | None, list[Finding]]:
    """Return the dosing object (or None) and any warnings about the schedule."""
    if case.route == "sc":
        return _sc(case)
    warnings: list[Finding] = []
    if case.weight_kg is None:
        return None, warnings
    labelled = LABELLED_SCHEDULES[case.indication]
    schedule = case.schedule
    if schedule is None:
        if len(labelled) > 1:
            warnings.append(
                Finding(
                    "SCHEDULE_NEEDED",
                    "Choose weekly or every 3 weeks to see the doses.",
                    LABEL,
                )
            )
            return None, warnings
        schedule = labelled[0]
        warnings.append(
            Finding(
                "SCHEDULE_ONLY_LABELLED",
                f"Doses are for the only labelled schedule here ({DOSING[schedule].interval}).",
                LABEL,
            )
        )
    if case.indication == "metastatic_gastric" and schedule != "q3w":
        warnings.append(
            Finding(
                "GASTRIC_Q3W_ONLY",
                "In gastric cancer trastuzumab is given every 3 weeks (8 then 6 mg/kg, as in "
                "ToGA); a weekly schedule is not labelled, so no dose is shown for it.",
                ("bang2010", *LABEL),
            )
        )
        return None, warnings
    if case.indication == "metastatic_breast" and schedule == "q3w":
        warnings.append(
            Finding(
                "Q3W_EU_LABEL_ONLY",
                "Every 3 weeks in metastatic breast cancer is on the EU label, not the US label "
                "(weekly only).",
                ("herceptin_smpc", *LABEL),
            )
        )
    regimen = DOSING[schedule]
    loading = dose_mg(case.weight_kg, regimen.loading_mg_per_kg)
    maintenance = dose_mg(case.weight_kg, regimen.maintenance_mg_per_kg)
    missed, missed_warnings = _missed_iv(case, schedule, case.weight_kg)
    warnings += missed_warnings
    dosing: dict = {
        "route": "iv",
        "schedule": schedule,
        "weight_kg": case.weight_kg,
        "loading_mg_per_kg": regimen.loading_mg_per_kg,
        "maintenance_mg_per_kg": regimen.maintenance_mg_per_kg,
        "loading_dose_mg": loading,
        "maintenance_dose_mg": maintenance,
        "interval": regimen.interval,
        "loading_infusion": regimen.loading_infusion,
        "maintenance_infusion": regimen.maintenance_infusion,
        "duration": DURATION[case.indication],
        "after_weekly_phase_dose_mg": None,
        "vials": vial_rows(loading, maintenance, vials),
        "missed_dose": missed,
        "refs": list(LABEL) if schedule in labelled else ["herceptin_smpc"],
    }
    if case.indication == "early_breast" and schedule == "weekly":
        dosing["after_weekly_phase_dose_mg"] = dose_mg(
            case.weight_kg, EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG
        )
    return dosing, warnings
