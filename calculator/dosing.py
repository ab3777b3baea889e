"""Weight-based intravenous doses and vial counts (Herceptin US label §2.2; EU SmPC).

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
    LABELLED_SCHEDULES,
    VIALS,
    Vial,
)
from calculator.findings import Finding
from calculator.inputs import Case

LABEL = ("herceptin_uspi",)


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


def plan(case: Case, vials: tuple[Vial, ...] = VIALS) -> tuple[dict | None, list[Finding]]:
    """Return the dosing object (or None) and any warnings about the schedule."""
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
    dosing: dict = {
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
        "refs": list(LABEL) if schedule in labelled else ["herceptin_smpc"],
    }
    if case.indication == "early_breast" and schedule == "weekly":
        dosing["after_weekly_phase_dose_mg"] = dose_mg(
            case.weight_kg, EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG
        )
    return dosing, warnings
