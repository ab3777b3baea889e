"""Cut-offs and tables of the rules, as data, each stamped with its source.

The article renders its criteria tables from these objects (``build_tools.calculator_page.tables``)
and the engine computes with them, so the two cannot disagree. Percentages of LVEF are absolute
percentage points throughout.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Breast IHC (ASCO/CAP 2018, figure 1; wolff2018) -------------------------------------------


@dataclass(frozen=True, slots=True)
class IhcScore:
    score: str
    definition: str
    result: str


BREAST_IHC: tuple[IhcScore, ...] = (
    IhcScore(
        "3+",
        "Circumferential, complete, intense membrane staining in >10% of invasive tumour cells",
        "Positive",
    ),
    IhcScore(
        "2+",
        "Weak to moderate complete membrane staining in >10% of tumour cells",
        "Equivocal: reflex ISH on the same specimen (or a new test on another specimen)",
    ),
    IhcScore(
        "1+",
        "Faint, barely perceptible, incomplete membrane staining in >10% of tumour cells",
        "Negative (HER2-low)",
    ),
    IhcScore(
        "0 with membrane staining (ultralow)",
        "Faint, incomplete membrane staining in ≤10% of tumour cells",
        "Negative (HER2-ultralow)",
    ),
    IhcScore("0", "No staining observed", "Negative (HER2-zero)"),
)

# --- Breast dual-probe ISH groups (ASCO/CAP 2018, figure 3; wolff2018) -------------------------

#: A HER2/CEP17 ratio at or above this value is "ratio ≥2.0" (inclusive: exactly 2.0 counts).
ISH_RATIO_CUTOFF = 2.0
#: Mean HER2 copies per cell: at or above 4.0 and at or above 6.0 are the group boundaries.
ISH_COPIES_LOW = 4.0
ISH_COPIES_HIGH = 6.0
#: The three cut-offs as the guideline writes them (one decimal): "≥2.0", "<4.0", "≥6.0".
_R, _L, _H = f"{ISH_RATIO_CUTOFF:.1f}", f"{ISH_COPIES_LOW:.1f}", f"{ISH_COPIES_HIGH:.1f}"


@dataclass(frozen=True, slots=True)
class IshGroup:
    group: int
    ratio: str
    copies: str
    initial_call: str
    with_ihc: str


ISH_DUAL_GROUPS: tuple[IshGroup, ...] = (
    IshGroup(1, f"≥{_R}", f"≥{_L}", "Positive", "Positive"),
    IshGroup(
        2,
        f"≥{_R}",
        f"<{_L}",
        "Needs concurrent IHC",
        "IHC 3+ positive; IHC 0–1+ negative; IHC 2+ negative after a blinded recount",
    ),
    IshGroup(
        3,
        f"<{_R}",
        f"≥{_H}",
        "Needs concurrent IHC",
        "IHC 3+ positive; IHC 0–1+ negative; IHC 2+ positive after a blinded recount",
    ),
    IshGroup(
        4,
        f"<{_R}",
        f"≥{_L} and <{_H}",
        "Needs concurrent IHC",
        "IHC 3+ positive; IHC 0–1+ negative; IHC 2+ negative after a blinded recount",
    ),
    IshGroup(5, f"<{_R}", f"<{_L}", "Negative", "Negative"),
)

#: Final call for groups 2–4 when concurrent IHC is 2+ and the blinded recount confirms the group.
GROUP_WITH_IHC2_RESULT: dict[int, str] = {2: "negative", 3: "positive", 4: "negative"}

# --- Breast single-probe ISH (ASCO/CAP 2018, figure 2; wolff2018) ------------------------------


@dataclass(frozen=True, slots=True)
class SingleProbeBand:
    copies: str
    call: str
    next_step: str


ISH_SINGLE_BANDS: tuple[SingleProbeBand, ...] = (
    SingleProbeBand(f"≥{_H}", "Positive", "—"),
    SingleProbeBand(
        f"≥{_L} and <{_H}",
        "Equivocal",
        "Concurrent IHC: 3+ positive, 0–1+ negative, 2+ → dual-probe ISH",
    ),
    SingleProbeBand(f"<{_L}", "Negative", "—"),
)

# --- Gastric and gastro-oesophageal junction (Hofmann 2008; CAP/ASCP/ASCO 2016) ----------------


@dataclass(frozen=True, slots=True)
class GastricIhcScore:
    score: str
    resection: str
    biopsy: str
    result: str


GASTRIC_IHC: tuple[GastricIhcScore, ...] = (
    GastricIhcScore(
        "3+",
        "Strong complete, basolateral or lateral membrane reactivity in ≥10% of tumour cells",
        "Strong reactivity in a cluster of ≥5 tumour cells, whatever the percentage",
        "Positive",
    ),
    GastricIhcScore(
        "2+",
        "Weak to moderate complete, basolateral or lateral reactivity in ≥10% of cells",
        "Weak to moderate reactivity in a cluster of ≥5 tumour cells",
        f"Equivocal: ISH decides by the HER2/CEP17 ratio alone (≥{_R} positive)",
    ),
    GastricIhcScore(
        "1+",
        "Faint, barely perceptible membrane reactivity in ≥10% of cells; partial membrane",
        "Faint reactivity in a cluster of ≥5 tumour cells",
        f"Negative; with an ISH ratio ≥{_R}: consider, not eligible",
    ),
    GastricIhcScore(
        "0",
        "No reactivity, or membrane reactivity in <10% of cells",
        "No reactivity, or reactivity in fewer than 5 clustered cells",
        f"Negative; with an ISH ratio ≥{_R}: consider, not eligible",
    ),
)


@dataclass(frozen=True, slots=True)
class GastricReading:
    ihc: str
    ish: str
    status: str
    eligibility: str


#: How the calculator reads gastric IHC with dual-probe ISH (ratio alone; copies optional).
#: IHC 0/1+ with ratio ≥2.0 is "consider": ToGA's exploratory subgroup showed no benefit and the
#: EU label restricts use to IHC 3+ or IHC 2+ with a positive ISH (bang2010, herceptin_smpc).
GASTRIC_ISH_READING: tuple[GastricReading, ...] = (
    GastricReading("3+", "Any or none", "Positive", "Eligible"),
    GastricReading("2+", f"Ratio ≥{_R}", "Positive", "Eligible"),
    GastricReading(
        "2+",
        f"Ratio <{_R} (≥{_H} copies: discuss with the pathologist)",
        "Negative",
        "Not eligible",
    ),
    GastricReading(
        "0 or 1+",
        f"Ratio ≥{_R}",
        "Positive by ISH",
        "Consider: no benefit shown in ToGA; outside the EU label",
    ),
    GastricReading("Unknown", f"Ratio ≥{_R}", "Needs IHC", "More information needed: IHC decides"),
    GastricReading("0 or 1+", f"None, or ratio <{_R}", "Negative", "Not eligible"),
)

# --- Early breast tumour size (ASCO guideline; see the article's editorial note) -------------

#: Node-negative tumours strictly larger than this (T1c and above) are the recommended group;
#: at or below it (T1a/b) trastuzumab is "consider" (APT regimen; tolaney2015). The ASCO
#: guideline adaptation recommends trastuzumab with chemotherapy for node-negative tumours >1 cm
#: and says it can be considered at ≤1 cm (denduluri2016). The US label names no size: its
#: adjuvant indication covers node-negative disease only when ER/PR-negative or with one
#: high-risk feature, so some of this group may be outside the US label.
NODE_NEGATIVE_TUMOR_CM = 1.0
#: Refs of the node-negative size rule (the label is not among them: it does not use a size).
NODE_NEGATIVE_REFS = ("denduluri2016", "tolaney2015")

# --- Dosing (Herceptin US label, Dosage and Administration; EU SmPC for q3w metastatic breast) --

#: Adult body weights accepted for a weight-based dose, in kg (this project's plausibility limits,
#: CONTRIBUTING.md#calculator-json; the label's doses are for adults): a weight typed ten times too small (70 → 7)
#: would be dosed ten times too low, so it is refused with the reason, never dosed.
ADULT_WEIGHT_RANGE_KG = (30.0, 300.0)
#: Above this weight (kg) every result asks to check it and says what it would be if it were
#: pounds (a weight in pounds typed as kilograms is a 2.2-fold overdose). A project convention
#: with no clinical source: a plausibility prompt, not a limit (heavier adults are dosed).
WEIGHT_CHECK_ABOVE_KG = 150.0
#: One pound in kilograms (exact, by definition of the international pound).
KG_PER_LB = 0.45359237


@dataclass(frozen=True, slots=True)
class DoseRegimen:
    schedule: str
    loading_mg_per_kg: float
    maintenance_mg_per_kg: float
    interval: str
    loading_infusion: str
    maintenance_infusion: str


#: Days in a week (the hold's minimum in days is HOLD_MIN_WEEKS × this).
DAYS_PER_WEEK = 7
#: Days between doses of each schedule (a dose is late once more days than this have passed).
INTERVAL_DAYS: dict[str, int] = {"weekly": 7, "q3w": 21}


def period(days: int, /) -> str:
    """A number of days in words: "week", "3 weeks", "10 days"."""
    if days == DAYS_PER_WEEK:
        return "week"
    if days % DAYS_PER_WEEK == 0:
        return f"{days // DAYS_PER_WEEK} weeks"
    return f"{days} days"


def every(days: int, /, *, before_noun: bool = False) -> str:
    """ "every week", "every 3 weeks"; before a noun "every-3-weeks" (phase, schedule)."""
    words = f"every {period(days)}"
    return words.replace(" ", "-") if before_noun else words


DOSING: dict[str, DoseRegimen] = {
    "weekly": DoseRegimen(
        "weekly", 4.0, 2.0, every(INTERVAL_DAYS["weekly"]), "90 minutes", "30 minutes"
    ),
    "q3w": DoseRegimen("q3w", 8.0, 6.0, every(INTERVAL_DAYS["q3w"]), "90 minutes", "30–90 minutes"),
}
#: Early breast, weekly with a taxane: after the weekly phase, 6 mg/kg every 3 weeks to 52 weeks.
EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG = 6.0
#: Schedules on the US label per indication; q3w in metastatic breast is on the EU SmPC only.
LABELLED_SCHEDULES: dict[str, tuple[str, ...]] = {
    "early_breast": ("weekly", "q3w"),
    "metastatic_breast": ("weekly",),
    "metastatic_gastric": ("q3w",),
}
#: Early breast: more days than this since the last dose, and the 52-week adjuvant course may be
#: complete or have been stopped (a note, not a rule: the label gives 52 weeks in total, and two
#: years were no better than one in HERA; goldhirsch2013). A project convention (one year).
ADJUVANT_COURSE_NOTE_DAYS = 365
DURATION: dict[str, str] = {
    "early_breast": "52 weeks in total (1 year)",
    "metastatic_breast": "until disease progression",
    "metastatic_gastric": "until disease progression",
}

#: US label, missed doses: up to this many days late, the maintenance dose now; later, re-load.
MISSED_DOSE_MAX_DAYS_LATE = 7


@dataclass(frozen=True, slots=True)
class Vial:
    size_mg: float
    kind: str  # "single-dose" | "multi-dose"
    market: str


#: 150 mg single-dose; the multi-dose vial is 420 mg on the current US label and 440 mg in older
#: US labels and many other markets. Pass other sizes to ``evaluate(..., vials=...)``.
VIALS: tuple[Vial, ...] = (
    Vial(150.0, "single-dose", "EU and US"),
    Vial(420.0, "multi-dose", "current US label"),
    Vial(440.0, "multi-dose", "older US label and other markets"),
)

# --- Subcutaneous trastuzumab (Herceptin Hylecta US label; EU Herceptin SC) --------------------

#: Fixed dose every 3 weeks, no loading dose, no weight adjustment; breast only (no gastric use).
SC_DOSE_MG = 600.0
#: The same interval as the intravenous every-3-weeks schedule.
SC_INTERVAL = DOSING["q3w"].interval
SC_ADMINISTRATION = "subcutaneously over about 2–5 minutes"
SC_INDICATIONS: tuple[str, ...] = ("early_breast", "metastatic_breast")
SC_VIAL = Vial(
    600.0, "single-dose", "subcutaneous 600 mg/5 mL: US Herceptin Hylecta, EU Herceptin SC"
)
SC_REFS = ("hylecta_uspi", "herceptin_smpc")

# --- Cardiac (US label: dose modifications, §2.5 now, §2.2/2.3 before; §5.1; boxed warning) ---

#: Absolute fall from baseline, in percentage points, that withholds trastuzumab on its own.
LVEF_WITHHOLD_DROP_POINTS = 16.0
#: Absolute fall that withholds trastuzumab when LVEF is also below the lower limit of normal.
LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS = 10.0
#: Default institutional lower limit of normal.
LVEF_DEFAULT_LLN_PERCENT = 50.0
#: Accepted range of an institution's lower limit of normal (plausible values only).
LVEF_LLN_RANGE_PERCENT = (40.0, 60.0)
#: LVEF values accepted, in percent (this project's plausibility limits, CONTRIBUTING.md#calculator-json): a
#: fraction such as 0.6 (meaning 60 %) or an impossible 999 is refused, never read as an LVEF.
LVEF_RANGE_PERCENT = (10.0, 90.0)
#: Baseline below the higher of this and the LLN: evaluate before starting (trial entry
#: criteria: HERA ≥55%, B-31/N9831 and BCIRG-006 ≥ LLN, APT ≥50% or ≥ LLN; no label cut-off).
LVEF_BASELINE_MIN_PERCENT = 50.0
#: EU SmPC: caution in early breast cancer with LVEF ≤55%.
LVEF_EU_EARLY_CAUTION_PERCENT = 55.0
#: US label, dose modifications: resume if, within 4–8 weeks, LVEF is back within normal limits
#: and the absolute fall from baseline is at most this many points.
LVEF_RESUME_MAX_DROP_POINTS = 15.0
#: EU SmPC 4.4 (Herzuma EU text): a fall of at least this many points from baseline AND to below
#: the next value suspends treatment, with a repeat LVEF within about 3 weeks.
LVEF_EU_SUSPEND_DROP_POINTS = 10.0
LVEF_EU_SUSPEND_BELOW_PERCENT = 50.0
#: EU SmPC 4.4: the repeat LVEF after such a suspension, within about this many weeks.
LVEF_EU_REPEAT_WEEKS = 3.0
#: Slamon 2001 (slamon2001): cardiac dysfunction with trastuzumab given at the same time as an
#: anthracycline (with cyclophosphamide), in this percentage of patients.
CONCURRENT_ANTHRACYCLINE_CARDIAC_DYSFUNCTION_PERCENT = 27.0
#: US label, dose modifications: permanently discontinue for a decline persisting longer than
#: this many weeks...
LVEF_DECLINE_MAX_WEEKS = 8.0
#: ...or after dosing was suspended on more than this many occasions for cardiomyopathy.
CARDIAC_HOLDS_MAX = 3
#: US label, dose modifications: a hold lasts at least this many weeks, with a repeat LVEF at
#: this interval. Counted without trastuzumab: from the last dose, and over the fall's course.
HOLD_MIN_WEEKS = 4.0
#: Contraception during treatment and for this many months after the last dose (US label,
#: embryo-fetal toxicity; EU SmPC): trastuzumab stays in the circulation about as long.
CONTRACEPTION_MONTHS_AFTER = 7


@dataclass(frozen=True, slots=True)
class CardiacRule:
    condition: str
    action: str
    source: str


_HOLD = f"Withhold at least {HOLD_MIN_WEEKS:g} weeks; repeat LVEF every {HOLD_MIN_WEEKS:g} weeks"
CARDIAC_HOLDS: tuple[CardiacRule, ...] = (
    CardiacRule(
        "Before the first dose, no LVEF measured",
        "Measure LVEF (echocardiogram or MUGA): a check pending before the first dose; no dose is "
        "shown until it is done",
        "US label, warnings (cardiomyopathy)",
    ),
    CardiacRule(
        f"Baseline LVEF below the higher of {LVEF_BASELINE_MIN_PERCENT:g}% and the institution's "
        "lower limit of normal (before the first dose, a current LVEF given without a baseline is "
        "read as the baseline)",
        "Evaluate before starting (cardio-oncology review; no label cut-off): consider, "
        "never eligible",
        "Trial entry criteria (HERA, B-31/N9831, APT); the label sets no number",
    ),
    CardiacRule(
        f"Early breast cancer, baseline LVEF {LVEF_BASELINE_MIN_PERCENT:g}–"
        f"{LVEF_EU_EARLY_CAUTION_PERCENT:g}%",
        "Caution: start only after weighing the cardiac risk",
        "EU SmPC 4.4",
    ),
    CardiacRule(
        "Before the first dose, a baseline and a later LVEF (for example after an anthracycline) "
        "whose fall meets a hold rule below",
        "Withhold: do not start before a cardio-oncology review and a repeat LVEF; no dose is "
        "shown and nothing speaks of restarting",
        "US label, dose modifications; in its adjuvant trials a fall after the anthracycline "
        "stopped trastuzumab from starting",
    ),
    CardiacRule(
        f"On treatment, an LVEF below the higher of {LVEF_BASELINE_MIN_PERCENT:g}% and the lower "
        "limit of normal that meets no hold rule (or a baseline that was below it)",
        "Consider continuing, with closer LVEF monitoring: the hold rules decide on treatment, "
        "not the threshold for starting; never eligible",
        "US label, dose modifications (monitoring); trial entry criteria for the threshold",
    ),
    CardiacRule(
        "On treatment (a last dose, a hold or a fall given) without a baseline LVEF",
        "A current LVEF is not a baseline: the baseline is asked for and no dose is shown",
        "US label, dose modifications (falls are measured from the pre-treatment LVEF)",
    ),
    CardiacRule(
        f"Absolute fall of ≥{LVEF_WITHHOLD_DROP_POINTS:g} percentage points from baseline",
        _HOLD,
        "US label, dose modifications",
    ),
    CardiacRule(
        "LVEF below the institution's lower limit of normal and a fall of "
        f"≥{LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS:g} points",
        _HOLD,
        "US label, dose modifications",
    ),
    CardiacRule(
        f"A fall of ≥{LVEF_EU_SUSPEND_DROP_POINTS:g} points to below "
        f"{LVEF_EU_SUSPEND_BELOW_PERCENT:g}% (matters when the institution's limit is lower)",
        f"Suspend and repeat LVEF within about {LVEF_EU_REPEAT_WEEKS:g} weeks (the calculator "
        "warns when the US rule does not hold)",
        "EU SmPC 4.4",
    ),
    CardiacRule(
        "During a hold: LVEF still below the lower limit of normal",
        f"Keep withholding, whatever the baseline; repeat LVEF every {HOLD_MIN_WEEKS:g} weeks",
        "US label, dose modifications",
    ),
    CardiacRule(
        "During a hold: LVEF back at or above the lower limit of normal and a fall of "
        f"≤{LVEF_RESUME_MAX_DROP_POINTS:g} points, with at least {HOLD_MIN_WEEKS:g} weeks "
        f"({HOLD_MIN_WEEKS * DAYS_PER_WEEK:g} days) since the last dose and of the fall",
        f"Resume; the days since the last dose decide the dose, in the schedule or phase the "
        f"patient is in (more than {MISSED_DOSE_MAX_DAYS_LATE} days overdue: the loading dose "
        "again)",
        "US label, dose modifications and missed doses",
    ),
    CardiacRule(
        f"During a hold: any other LVEF (a fall of more than {LVEF_RESUME_MAX_DROP_POINTS:g} "
        f"points), or under {HOLD_MIN_WEEKS:g} weeks since the last dose or of the fall, or the "
        "days since the last dose not known",
        f"Keep withholding; the result says when LVEF is repeated (at {HOLD_MIN_WEEKS:g} weeks "
        "without trastuzumab, then every "
        f"{HOLD_MIN_WEEKS:g} weeks)",
        "US label, dose modifications",
    ),
    CardiacRule(
        f"Decline persisting >{LVEF_DECLINE_MAX_WEEKS:g} weeks, or a hold needed after "
        f"{CARDIAC_HOLDS_MAX} earlier holds for cardiomyopathy (more than {CARDIAC_HOLDS_MAX} in "
        "all)",
        "Discontinue permanently",
        "US label, dose modifications",
    ),
    CardiacRule(
        "Symptomatic heart failure (clinically significant fall in LV function), early breast "
        "(adjuvant)",
        "Discontinue",
        "US label, boxed warning",
    ),
    CardiacRule(
        "Symptomatic heart failure, metastatic disease",
        "Withhold",
        "US label, boxed warning",
    ),
)

#: Float tolerance for the point boundaries (64.1 → 48.1 is a fall of exactly 16 points).
POINTS_DECIMALS = 6

# --- Checks before a first dose (CONTRIBUTING.md#calculator-json, ``pending_checks``) -------------------------


@dataclass(frozen=True, slots=True)
class PendingCheck:
    code: str
    condition: str
    action: str
    source: str


#: While one is pending, the page shows no dose, the JSON result marks its computed dose
#: `dosing.ready` false ("do not give yet"), and the headline names the check.
PENDING_CHECKS: tuple[PendingCheck, ...] = (
    PendingCheck(
        "lvef",
        "No LVEF measured before the first dose",
        "Measure LVEF by echocardiogram or MUGA before starting",
        "US label, warnings (cardiomyopathy) and boxed warning",
    ),
    PendingCheck(
        "pregnancy",
        "Pregnancy status not known before the first dose",
        "Check pregnancy status before starting: trastuzumab can cause oligohydramnios and "
        "fetal harm; contraception during treatment and for "
        f"{CONTRACEPTION_MONTHS_AFTER} months after the last dose",
        "US label, warnings (embryo-fetal toxicity) and boxed warning",
    ),
    PendingCheck(
        "anthracycline",
        "Planned at the same time as an anthracycline",
        "Give trastuzumab after the anthracycline, with the taxane: given together, "
        f"{CONCURRENT_ANTHRACYCLINE_CARDIAC_DYSFUNCTION_PERCENT:g}% had cardiac dysfunction",
        "US label, boxed warning; Slamon 2001",
    ),
)
PENDING_CHECK_REFS = ("herceptin_uspi", "slamon2001", "seidman2002")


# --- Missed doses (US label; the current EU label says the same) -----------------------------


@dataclass(frozen=True, slots=True)
class MissedDoseRule:
    lateness: str
    action: str
    source: str


_LATE = MISSED_DOSE_MAX_DAYS_LATE
MISSED_DOSES: tuple[MissedDoseRule, ...] = (
    MissedDoseRule(
        f"Before the interval has passed ({INTERVAL_DAYS['weekly']} days weekly, "
        f"{INTERVAL_DAYS['q3w']} days {DOSING['q3w'].interval} or subcutaneous)",
        "Not due: nothing is given now; the result says in how many days the dose is due",
        f"US label, dosage (doses every {INTERVAL_DAYS['weekly']} or {INTERVAL_DAYS['q3w']} days)",
    ),
    MissedDoseRule(
        f"Intravenous, ≤{_LATE} days late",
        f"The usual maintenance dose ({DOSING['weekly'].maintenance_mg_per_kg:g} or "
        f"{DOSING['q3w'].maintenance_mg_per_kg:g} mg/kg) as soon as possible; the next doses "
        f"{INTERVAL_DAYS['weekly']} or {INTERVAL_DAYS['q3w']} days later",
        "US label, missed doses; the current EU label says the same",
    ),
    MissedDoseRule(
        f"Intravenous, >{_LATE} days late",
        f"The loading dose again ({DOSING['weekly'].loading_mg_per_kg:g} or "
        f"{DOSING['q3w'].loading_mg_per_kg:g} mg/kg over about {DOSING['q3w'].loading_infusion}) "
        "as soon as possible; "
        f"then maintenance {INTERVAL_DAYS['weekly']} or {INTERVAL_DAYS['q3w']} days later",
        "US label, missed doses; the current EU label says the same",
    ),
    MissedDoseRule(
        f"Weekly early breast plan (weekly doses, then {DOSING['q3w'].interval})",
        f"Counted in the phase the patient is in: {INTERVAL_DAYS['weekly']} days in the weekly "
        f"phase; {INTERVAL_DAYS['q3w']} days in the "
        f"{every(INTERVAL_DAYS['q3w'], before_noun=True)} phase, where the maintenance "
        f"dose is {EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG:g} mg/kg and the loading dose "
        f"{DOSING['q3w'].loading_mg_per_kg:g} mg/kg; the doses shown, the late-dose answer and "
        "the restart dose after a hold all follow the phase, which the calculator asks for",
        "US label, missed doses",
    ),
    MissedDoseRule(
        "After a hold for the heart",
        "The days since the last dose decide, as for any late dose, in the schedule or phase the "
        f"patient is in (a hold of {HOLD_MIN_WEEKS:g} weeks or more is usually, not always, more "
        f"than {MISSED_DOSE_MAX_DAYS_LATE} days late); "
        "no dose is shown during the hold, the restart dose is said in words",
        "US label, missed doses and dose modifications",
    ),
    MissedDoseRule(
        f"Subcutaneous {SC_DOSE_MG:g} mg",
        f"The next dose as soon as possible, at least {period(INTERVAL_DAYS['q3w'])} after the last "
        "one; never a loading dose",
        "Herceptin Hylecta US label",
    ),
)
