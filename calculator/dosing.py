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


def _missed_iv(
    case: Case, schedule: str, loading: float, maintenance: float
) -> tuple[dict | None, list[Finding]]:
    """US label §2.2: ≤7 days late → maintenance dose now; >7 days late → re-load."""
    days = case.days_since_last_dose
    if days is None:
        return None, []
    late = round(days - INTERVAL_DAYS[schedule], POINTS)
    if late <= 0:
        return None, []
    interval = INTERVAL_DAYS[schedule]
    if late <= MISSED_DOSE_MAX_DAYS_LATE:
        missed = {"days_late": late, "action": "maintenance", "dose_now_mg": maintenance}
        us = (
            f"The dose is {late:g} days late (at most 7): give the usual maintenance dose "
            f"({maintenance:g} mg) as soon as possible, then the next doses {interval} days "
            "later (US label)."
        )
    else:
        missed = {"days_late": late, "action": "reload", "dose_now_mg": loading}
        us = (
            f"The dose is {late:g} days late (more than 7): give the loading dose again "
            f"({loading:g} mg over about 90 minutes) as soon as possible, then maintenance "
            f"{interval} days later (US label)."
        )
    return missed, [
        Finding(f"MISSED_DOSE_{missed['action'].upper()}", us, LABEL),
        Finding(
            "MISSED_DOSE_EU_SMPC",
            "The EU label differs: after a dose up to 1 week late it keeps the original schedule "
            "(the next doses on their planned dates) instead of counting 7 or 21 days from the "
            "late dose; more than 1 week late it also re-loads.",
            ("herceptin_smpc",),
        ),
    ]


def _sc(case: Case) -> tuple[dict, list[Finding]]:
    """Herceptin Hylecta: 600 mg every 3 weeks, no loading dose, no weight adjustment."""
    warnings: list[Finding] = []
    missed = None
    days = case.days_since_last_dose
    if days is not None and days > INTERVAL_DAYS["q3w"]:
        late = round(days - INTERVAL_DAYS["q3w"], POINTS)
        missed = {"days_late": late, "action": "maintenance", "dose_now_mg": SC_DOSE_MG}
        warnings.append(
            Finding(
                "MISSED_DOSE_SC",
                f"The dose is {late:g} days late: give the next 600 mg dose as soon as "
                "possible, with at least 3 weeks between doses (no loading dose).",
                ("hylecta_uspi",),
            )
        )
    if case.weight_kg is not None:
        warnings.append(
            Finding(
                "SC_FIXED_DOSE",
                "Subcutaneous trastuzumab is a fixed 600 mg dose: the weight is not used.",
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
    missed, missed_warnings = _missed_iv(case, schedule, loading, maintenance)
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
