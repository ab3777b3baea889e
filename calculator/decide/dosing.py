"""Doses and vial counts: weight-based intravenous (Herceptin US label, dosage and
administration; EU SmPC), the fixed subcutaneous dose (Herceptin Hylecta), and the missed-dose
rule.

:func:`regimen_now` is the one place that decides which doses apply now: the schedule chosen, or,
on the weekly early-breast plan, the phase the patient is in. The dosing object, the missed-dose
answer and the restart dose after a hold all read it, so they cannot disagree.

Doses are weight × mg/kg, rounded to 0.1 mg and no further: institutional dose-banding is local
policy and is left to the pharmacist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from calculator.decide.findings import Finding
from calculator.decide.findings import days as days_words
from calculator.decide.inputs import Case
from calculator.rules.criteria import (
    ADJUVANT_COURSE_NOTE_DAYS,
    DAYS_PER_WEEK,
    DOSING,
    DURATION,
    EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG,
    INTERVAL_DAYS,
    KG_PER_LB,
    LABELLED_SCHEDULES,
    MISSED_DOSE_MAX_DAYS_LATE,
    SC_ADMINISTRATION,
    SC_DOSE_MG,
    SC_INTERVAL,
    SC_REFS,
    SC_VIAL,
    VIALS,
    WEIGHT_CHECK_ABOVE_KG,
    Vial,
    every,
    period,
)
from calculator.rules.references import LABEL

#: Days late are rounded to this many decimals, so that 28.0 - 21 is exactly 7.
POINTS = 6


@dataclass(frozen=True, slots=True)
class Regimen:
    """The intravenous doses that apply now."""

    #: The schedule in effect: "weekly" | "q3w" (the every-3-weeks phase of the weekly
    #: early-breast plan is "q3w").
    schedule: str
    #: The loading dose, which is also the re-loading dose after a dose more than 7 days late.
    loading_mg_per_kg: float
    maintenance_mg_per_kg: float
    interval_days: int
    interval: str
    loading_infusion: str
    maintenance_infusion: str
    #: The weekly early-breast plan's phase: "weekly" | "q3w", or None (another plan, or the
    #: phase not given).
    phase: str | None = None
    #: The weekly early-breast plan before its every-3-weeks phase: the mg/kg given every 3 weeks
    #: after the weekly doses.
    after_weekly_mg_per_kg: float | None = None


def weekly_early_plan(case: Case) -> bool:
    """The weekly early-breast plan (intravenous): weekly doses with the taxane, then every 3
    weeks to 52 weeks in all (US label, adjuvant dosing)."""
    return case.indication == "early_breast" and case.route == "iv" and case.schedule == "weekly"


def schedule_now(case: Case) -> str | None:
    """The schedule chosen, or the only one labelled for the indication (None: not chosen)."""
    if case.schedule is not None:
        return case.schedule
    labelled = LABELLED_SCHEDULES[case.indication]
    return labelled[0] if len(labelled) == 1 else None


def regimen_now(case: Case) -> Regimen | None:
    """Which intravenous doses apply now: the one function every dose, missed-dose answer and
    restart dose reads. In the every-3-weeks phase of the weekly early-breast plan the doses are
    6 mg/kg every 3 weeks, and a dose more than 7 days late re-loads at 8 mg/kg, as on any
    3-weekly schedule (US label, missed doses). None: no intravenous schedule to dose (the
    subcutaneous route, no schedule chosen, or weekly in gastric cancer, which is not labelled).
    """
    schedule = schedule_now(case)
    if case.route != "iv" or schedule is None:
        return None
    if case.indication == "metastatic_gastric" and schedule != "q3w":
        return None
    if weekly_early_plan(case) and case.adjuvant_phase == "q3w":
        q3w = DOSING["q3w"]
        return Regimen(
            "q3w",
            q3w.loading_mg_per_kg,
            EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG,
            INTERVAL_DAYS["q3w"],
            q3w.interval,
            q3w.loading_infusion,
            q3w.maintenance_infusion,
            phase="q3w",
        )
    regimen = DOSING[schedule]
    weekly_plan = case.indication == "early_breast" and schedule == "weekly"
    return Regimen(
        schedule,
        regimen.loading_mg_per_kg,
        regimen.maintenance_mg_per_kg,
        INTERVAL_DAYS[schedule],
        regimen.interval,
        regimen.loading_infusion,
        regimen.maintenance_infusion,
        phase=case.adjuvant_phase if weekly_plan else None,
        after_weekly_mg_per_kg=EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG if weekly_plan else None,
    )


#: Words for where the doses come from, after "on the …" (the weekly plan's phases by name).
PHASE_WORDS = {
    "weekly": "weekly phase of the weekly early breast plan",
    "q3w": f"{every(INTERVAL_DAYS['q3w'], before_noun=True)} phase of the weekly early breast plan",
}


def regimen_words(regimen: Regimen) -> str:
    """ "the every 3 weeks schedule", "the every-3-weeks phase of the weekly early breast plan"."""
    if regimen.phase is not None:
        return f"the {PHASE_WORDS[regimen.phase]}"
    return f"the {regimen.interval} schedule"


def dose_mg(weight_kg: float, mg_per_kg: float) -> float:
    return round(weight_kg * mg_per_kg, 1)


def vial_count(dose: float, size_mg: float) -> int:
    # Rounded first so that 300.0 / 150 is 2 vials, not 3 through float error.
    return math.ceil(round(dose / size_mg, 9))


@cache
def vial_label(vial: Vial) -> str:
    return f"{vial.size_mg:g} mg {vial.kind} vials ({vial.market})"


def vial_rows(loading: float, maintenance: float, vials: tuple[Vial, ...]) -> list[dict[str, Any]]:
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


def _answer(
    action: str,
    *,
    days_late: float = 0.0,
    dose_now_mg: float | None = None,
    due_in_days: float = 0.0,
) -> dict[str, Any]:
    """A ``missed_dose`` object (CONTRIBUTING.md#calculator-json)."""
    return {
        "days_late": days_late,
        "action": action,
        "dose_now_mg": dose_now_mg,
        "due_in_days": due_in_days,
    }


def _late_or_due(days: float, interval: int) -> float:
    """Days late (positive), due today (0) or not due yet (negative: minus the days to wait)."""
    return round(days - interval, POINTS)


def _not_due(days: float, interval: int) -> tuple[dict[str, Any], Finding]:
    wait = round(interval - days, POINTS)
    return (
        _answer("not_due", due_in_days=wait),
        Finding(
            "DOSE_NOT_DUE",
            f"The next dose is not due yet: {days_words(days)} since the last dose, doses every "
            f"{interval} days, so it is due in {days_words(wait)}. Give nothing now.",
            LABEL,
        ),
    )


def _handover(
    case: Case, regimen: Regimen, weight: float, days: float
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The weekly early-breast plan's every-3-weeks phase, up to 4 weeks since the last dose
    (after that both readings re-load): if that dose was the last weekly one, the first 6 mg/kg dose is due one week after it, not
    three (US label, adjuvant dosing: "one week following the last weekly dose"), and the
    missed-dose rule counts from that week. The inputs cannot tell which dose it was: both
    answers are given (``missed_dose.after_last_weekly_dose``)."""
    if not (weekly_early_plan(case) and regimen.phase == "q3w"):
        return None, []
    if days > regimen.interval_days + MISSED_DOSE_MAX_DAYS_LATE:
        return None, []  # both readings call for the loading dose again: one answer
    maintenance = dose_mg(weight, regimen.maintenance_mg_per_kg)
    late = _late_or_due(days, DAYS_PER_WEEK)
    if late < 0:
        wait = round(DAYS_PER_WEEK - days, POINTS)
        answer = _answer("not_due", due_in_days=wait)
        when = f"is due in {days_words(wait)} ({maintenance:g} mg)"
    elif late <= MISSED_DOSE_MAX_DAYS_LATE:
        answer = _answer("maintenance", days_late=late, dose_now_mg=maintenance)
        when = (
            f"is due today: give {maintenance:g} mg now"
            if late == 0
            else f"is {days_words(late)} late (at most {MISSED_DOSE_MAX_DAYS_LATE}): give "
            f"{maintenance:g} mg now"
        )
    else:
        loading = dose_mg(weight, regimen.loading_mg_per_kg)
        answer = _answer("reload", days_late=late, dose_now_mg=loading)
        when = (
            f"is {days_words(late)} late (more than {MISSED_DOSE_MAX_DAYS_LATE}): give the loading dose "
            f"again ({regimen.loading_mg_per_kg:g} mg/kg, {loading:g} mg) now"
        )
    return answer, [
        Finding(
            "WEEKLY_PHASE_HANDOVER",
            "If the last dose was the last weekly dose, the first dose of the every-3-weeks "
            f"phase ({regimen.maintenance_mg_per_kg:g} mg/kg) is due one week after it, not three "
            f"weeks: it {when}, then every {regimen.interval_days} days.",
            LABEL,
        )
    ]


def _missed_iv(
    case: Case, regimen: Regimen, weight: float
) -> tuple[dict[str, Any] | None, list[Finding]]:
    """US label, missed doses (the current EU label says the same): not due before the interval
    has passed; ≤7 days late → the maintenance dose now; >7 days late → the loading dose again,
    each in the regimen that applies now (:func:`regimen_now`)."""
    days = case.days_since_last_dose
    if days is None:
        return None, []
    interval = regimen.interval_days
    late = _late_or_due(days, interval)
    # If the last dose may have been the last weekly one, the other answer (None otherwise).
    handover, handover_findings = _handover(case, regimen, weight, days)
    if late < 0:
        missed, finding = _not_due(days, interval)
    elif late == 0:
        # Due today: no dose is late (missed_dose stays null); only the other answer is said.
        return None, handover_findings
    else:
        missed, finding = _late(late, regimen, weight)
    if handover is None:
        return missed, [finding]
    missed["after_last_weekly_dose"] = handover
    conditional = Finding(
        finding.code,
        f"If the last dose was an every-3-weeks dose: {finding.message[0].lower()}"
        f"{finding.message[1:]}",
        finding.refs,
    )
    return missed, [conditional, *handover_findings]


def _late(late: float, regimen: Regimen, weight: float) -> tuple[dict[str, Any], Finding]:
    """A dose ``late`` days late: ≤7 → the maintenance dose now; >7 → the loading dose again."""
    interval = regimen.interval_days
    maintenance = dose_mg(weight, regimen.maintenance_mg_per_kg)
    loading = dose_mg(weight, regimen.loading_mg_per_kg)
    where = f" on {regimen_words(regimen)}" if regimen.phase == "q3w" else ""
    if late <= MISSED_DOSE_MAX_DAYS_LATE:
        missed = _answer("maintenance", days_late=late, dose_now_mg=maintenance)
        words = (
            f"The dose is {days_words(late)} late{where} (at most {MISSED_DOSE_MAX_DAYS_LATE}): "
            f"give the usual maintenance dose ({regimen.maintenance_mg_per_kg:g} mg/kg, "
            f"{maintenance:g} mg) as soon as possible, then the next doses {interval} days later."
        )
    else:
        missed = _answer("reload", days_late=late, dose_now_mg=loading)
        words = (
            f"The dose is {days_words(late)} late{where} (more than {MISSED_DOSE_MAX_DAYS_LATE}): "
            f"give the loading dose again ({regimen.loading_mg_per_kg:g} mg/kg, {loading:g} mg, "
            f"over about 90 minutes) as soon as possible, then maintenance {interval} days later."
        )
    return missed, Finding(
        f"MISSED_DOSE_{missed['action'].upper()}", words, (*LABEL, "herceptin_smpc")
    )


def continuing_after_neoadjuvant(case: Case) -> bool:
    """After neoadjuvant treatment and surgery, intravenous: trastuzumab was started before
    surgery, so it continues: no new loading dose; the missed-dose rule (days since the last
    dose) decides between the maintenance dose and the loading dose again (US label, missed
    doses)."""
    return case.setting == "post_neoadjuvant" and case.route == "iv"


def continuing(case: Case) -> bool:
    """Intravenous and already on trastuzumab (after neoadjuvant treatment, or a last dose
    given): no new loading dose; ``loading_dose_mg`` is then only the re-loading dose after a
    dose more than 7 days late (US label, missed doses)."""
    return case.route == "iv" and (
        continuing_after_neoadjuvant(case) or case.days_since_last_dose is not None
    )


def missing_for_dose(case: Case) -> list[str]:
    """Inputs a dose answer needs beyond the weight: the phase of the weekly early-breast plan
    when a dose may be late (its lateness depends on the phase); for a patient already on
    intravenous trastuzumab (after neoadjuvant treatment, a hold or a fall recorded), the days
    since the last dose (the dose continues by the missed-dose rule: never an unexplained
    loading dose)."""
    if (
        case.route == "iv"
        and case.on_treatment
        and case.weight_kg is not None
        and case.days_since_last_dose is None
    ):
        return ["days_since_last_dose"]
    if (
        weekly_early_plan(case)
        and case.days_since_last_dose is not None
        and case.adjuvant_phase is None
    ):
        return ["adjuvant_phase"]
    return []


def restart_words(case: Case) -> str:
    """What to give when a hold ends, in words: the missed-dose rule decides by the days since the
    last dose, never by the hold's length (US label, missed doses), in the regimen that applies
    now (:func:`regimen_now`): the every-3-weeks phase of the weekly plan re-loads at 8 mg/kg."""
    if case.route == "sc":
        return (
            f"When trastuzumab restarts: the next {SC_DOSE_MG:g} mg subcutaneous dose as soon as "
            f"allowed, at least {period(INTERVAL_DAYS['q3w'])} after the last one (no loading "
            "dose)."
        )
    limit = MISSED_DOSE_MAX_DAYS_LATE
    regimen = regimen_now(case)
    if regimen is None or (weekly_early_plan(case) and regimen.phase is None):
        weekly, q3w = DOSING["weekly"], DOSING["q3w"]
        text = (
            "When trastuzumab restarts, the days since the last dose decide the dose: more than "
            f"{limit} days overdue (more than {INTERVAL_DAYS['weekly'] + limit} days after a "
            f"weekly dose, more than {INTERVAL_DAYS['q3w'] + limit} days after a dose given "
            f"{q3w.interval}) means the loading dose again ({weekly.loading_mg_per_kg:g} mg/kg "
            f"weekly or {q3w.loading_mg_per_kg:g} mg/kg {q3w.interval}, over about "
            f"{q3w.loading_infusion}); otherwise "
            f"the usual maintenance dose ({weekly.maintenance_mg_per_kg:g} or "
            f"{q3w.maintenance_mg_per_kg:g} mg/kg)."
        )
        if regimen is not None:
            text += (
                " On the weekly early breast plan the phase decides which: enter the phase of "
                f"the weekly plan ({every(INTERVAL_DAYS['q3w'], before_noun=True)} phase: "
                f"{q3w.loading_mg_per_kg:g} and "
                f"{EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG:g} mg/kg)."
            )
        return text
    due = regimen.interval_days

    def amount(mg_per_kg: float) -> str:
        if case.weight_kg is None:
            return f"{mg_per_kg:g} mg/kg"
        return f"{mg_per_kg:g} mg/kg: {dose_mg(case.weight_kg, mg_per_kg):g} mg for {case.weight_kg:g} kg"

    return (
        f"When trastuzumab restarts on {regimen_words(regimen)}, the days since the last dose "
        f"decide the dose: up to {limit} days overdue (up to {due + limit} days after the last "
        f"dose), the usual maintenance dose ({amount(regimen.maintenance_mg_per_kg)}); later, the "
        f"loading dose again ({amount(regimen.loading_mg_per_kg)}, over about 90 minutes)."
    )


def weight_warnings(case: Case) -> list[Finding]:
    """A weight above :data:`WEIGHT_CHECK_ABOVE_KG` is asked to be checked, with what it would be
    in kilograms if it were pounds (a project convention, no clinical source: see criteria)."""
    weight = case.weight_kg
    if case.route == "sc" or weight is None or weight <= WEIGHT_CHECK_ABOVE_KG:
        return []
    return [
        Finding(
            "WEIGHT_CHECK_UNITS",
            f"Check the weight: {weight:g} kg is more than {WEIGHT_CHECK_ABOVE_KG:g} kg. If "
            f"{weight:g} was a weight in pounds, it is {round(weight * KG_PER_LB, 1):g} kg.",
        )
    ]


def course_warnings(case: Case) -> list[Finding]:
    """Early breast, more than :data:`ADJUVANT_COURSE_NOTE_DAYS` since the last dose: the 52-week
    course may be complete or have been stopped (a note: the re-load rule itself still applies)."""
    days = case.days_since_last_dose
    if case.indication != "early_breast" or days is None or days <= ADJUVANT_COURSE_NOTE_DAYS:
        return []
    return [
        Finding(
            "ADJUVANT_COURSE_MAY_BE_COMPLETE",
            f"The last dose was {days:g} days ago, more than {ADJUVANT_COURSE_NOTE_DAYS} days: "
            f"the adjuvant course, {DURATION['early_breast']}, may already be complete or have "
            "been stopped. Check the treatment record before giving more; two years of "
            "trastuzumab were no better than one in HERA.",
            (*LABEL, "goldhirsch2013"),
        )
    ]


def _sc(case: Case) -> tuple[dict[str, Any], list[Finding]]:
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
        missed = _answer("maintenance", days_late=late, dose_now_mg=SC_DOSE_MG)
        warnings.append(
            Finding(
                "MISSED_DOSE_SC",
                f"The dose is {days_words(late)} late: give the next {SC_DOSE_MG:g} mg dose as soon as "
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
        "phase": None,
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


def q3w_from_the_first_dose() -> Finding:
    """Early breast, every 3 weeks from the first dose: on the Herceptin US label's adjuvant
    dosing only for trastuzumab alone after anthracycline-based chemotherapy, weekly first with
    a taxane; the schedule with pertuzumab (pertuzumab label) and on the EU label. Said, never
    an instruction: the plan's partners decide."""
    q3w, weekly = DOSING["q3w"], DOSING["weekly"]
    return Finding(
        "Q3W_EARLY_BREAST_WITH_CHEMOTHERAPY",
        f"{q3w.interval.capitalize()} from the first dose ({q3w.loading_mg_per_kg:g} mg/kg, then "
        f"{q3w.maintenance_mg_per_kg:g} mg/kg): the Herceptin US label's adjuvant dosing gives "
        "it only for trastuzumab alone, within 3 weeks after finishing anthracycline-based "
        "chemotherapy; with paclitaxel, docetaxel or docetaxel/carboplatin it doses weekly "
        f"({weekly.loading_mg_per_kg:g} mg/kg, then {weekly.maintenance_mg_per_kg:g} mg/kg) during "
        f"the chemotherapy, then {EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG:g} mg/kg {q3w.interval}. "
        f"With pertuzumab, trastuzumab is given {q3w.interval} alongside the taxane (pertuzumab "
        f"label), and the EU label gives {q3w.interval} in early breast cancer without naming "
        "the drugs given with it.",
        (*LABEL, "perjeta_uspi", "herceptin_smpc"),
    )


def plan(
    case: Case, vials: tuple[Vial, ...] = VIALS
) -> tuple[dict[str, Any] | None, list[Finding]]:
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
                    f"Choose weekly or {DOSING['q3w'].interval} to see the doses.",
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
                f"In gastric cancer trastuzumab is given {DOSING['q3w'].interval} "
                f"({DOSING['q3w'].loading_mg_per_kg:g} then {DOSING['q3w'].maintenance_mg_per_kg:g} "
                "mg/kg, as in ToGA); a weekly schedule is not labelled, so no dose is shown for it.",
                ("bang2010", *LABEL),
            )
        )
        return None, warnings
    if case.indication == "metastatic_breast" and schedule == "q3w":
        warnings.append(
            Finding(
                "Q3W_EU_LABEL_ONLY",
                f"{DOSING['q3w'].interval.capitalize()} in metastatic breast cancer is on the EU "
                "label, not the US label (weekly only).",
                ("herceptin_smpc", *LABEL),
            )
        )
    if case.indication == "early_breast" and schedule == "q3w" and not continuing(case):
        warnings.append(q3w_from_the_first_dose())
    regimen = regimen_now(case)
    assert regimen is not None  # a schedule is known and not weekly gastric (returned above)
    loading = dose_mg(case.weight_kg, regimen.loading_mg_per_kg)
    maintenance = dose_mg(case.weight_kg, regimen.maintenance_mg_per_kg)
    missed, missed_warnings = _missed_iv(case, regimen, case.weight_kg)
    warnings += missed_warnings
    after = regimen.after_weekly_mg_per_kg
    dosing: dict[str, Any] = {
        "route": "iv",
        "schedule": regimen.schedule,
        "weight_kg": case.weight_kg,
        "loading_mg_per_kg": regimen.loading_mg_per_kg,
        "maintenance_mg_per_kg": regimen.maintenance_mg_per_kg,
        "loading_dose_mg": loading,
        "maintenance_dose_mg": maintenance,
        "interval": regimen.interval,
        "loading_infusion": regimen.loading_infusion,
        "maintenance_infusion": regimen.maintenance_infusion,
        "duration": DURATION[case.indication],
        "after_weekly_phase_dose_mg": None if after is None else dose_mg(case.weight_kg, after),
        "phase": regimen.phase,
        "vials": vial_rows(loading, maintenance, vials),
        "missed_dose": missed,
        "refs": list(LABEL) if schedule in labelled else ["herceptin_smpc"],
        # An addition: already on trastuzumab (after neoadjuvant treatment, or a last dose
        # given) it continues (no new loading dose); ``loading_dose_mg`` is then only the
        # re-loading dose after a dose more than 7 days late.
        "continuing": continuing(case),
    }
    return dosing, warnings
