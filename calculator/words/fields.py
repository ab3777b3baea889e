"""The field table: every input of the calculator, once, with everything people and tools need.

For each input: its key (the page's input name = the JSON key; the ISH object is flattened to
``ish_method``, ``her2_cep17_ratio``, ``avg_her2_copies``), its kind, range and unit (read from
:mod:`calculator.decide.inputs`, which validates), its choices with their words, where it applies
(indication, ISH method, route) and its help text. The page's form, the copied summary, the JSON
schema's descriptions and the flat→nested converter (page and CSV batch) all read this table;
:mod:`calculator.words.words` holds the words for the result codes.

Standard library only, like the rest of the package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from calculator.decide import inputs
from calculator.decide.findings import figure
from calculator.rules.criteria import (
    ADULT_WEIGHT_RANGE_KG,
    DOSING,
    INTERVAL_DAYS,
    KG_PER_LB,
    LVEF_DEFAULT_LLN_PERCENT,
    LVEF_LLN_RANGE_PERCENT,
    LVEF_RANGE_PERCENT,
    SC_DOSE_MG,
    SC_INTERVAL,
    DoseRegimen,
    every,
)
from calculator.rules.editions import DEFAULT_EDITION, EDITIONS
from calculator.rules.regimens import TDXD_RELAPSE_MONTHS

#: ``{"field": (values...)}``: the input applies only while each named field has one of the
#: values ("" = left empty). Several fields: all must match.
Applies = tuple[tuple[str, tuple[str, ...]], ...]

BREAST: Applies = (("indication", ("early_breast", "metastatic_breast")),)
GASTRIC: Applies = (("indication", ("metastatic_gastric",)),)
EARLY: Applies = (("indication", ("early_breast",)),)
IV: Applies = (("route", ("", "iv")),)
#: Breast help texts also show before an indication is chosen.
BREAST_HELP: Applies = (("indication", ("", "early_breast", "metastatic_breast")),)
#: The weekly early-breast plan (intravenous): weekly doses with the taxane, then every 3 weeks.
WEEKLY_EARLY_PLAN: Applies = (*EARLY, ("schedule", ("weekly",)), *IV)


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    words: str
    applies: Applies = ()


@dataclass(frozen=True, slots=True)
class Help:
    """Help text, shown only where ``applies`` holds (always when it is empty)."""

    text: str
    applies: Applies = ()


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    help: tuple[Help, ...]
    #: "choice" | "bool" | "number" | "integer"
    kind: str
    choices: tuple[Choice, ...] = ()
    unit: str = ""
    placeholder: str = ""
    applies: Applies = ()
    required: bool = False
    #: Where the value goes in the JSON input: ("ish", "method") for the flattened ISH fields.
    path: tuple[str, ...] = ()
    #: Units a person may type in, the first being the engine's ("weight_unit": kg or lb).
    unit_choices: tuple[Choice, ...] = ()
    #: Words for a value in a note ("IHC score 3+"), when the choice's own words do not suit.
    note_words: tuple[tuple[str, str], ...] = ()

    @property
    def json_path(self) -> tuple[str, ...]:
        return self.path or (self.key,)

    @property
    def number_spec(self) -> inputs.NumberSpec | None:
        if self.path and self.path[0] == "ish":
            return inputs.ISH_NUMBERS.get(self.path[1])
        return inputs.NUMBERS.get(self.key)

    def choice_words(self, value: str) -> str:
        """The words for ``value`` inside a sentence (a note)."""
        notes = dict(self.note_words)
        return notes[value] if value in notes else self.choice_label(value)

    def choice_label(self, value: str) -> str:
        """The choice's own words, as the form shows them."""
        for choice in self.choices:
            if choice.value == value:
                return choice.words
        return value


@dataclass(frozen=True, slots=True)
class Group:
    legend: str
    fields: tuple[Field, ...]
    applies: Applies = ()
    hint: str = ""


UNKNOWN = Choice("", "Unknown")
YES_NO = (UNKNOWN, Choice("true", "Yes"), Choice("false", "No"))
#: CONTRIBUTING.md#page: the page takes the weight in kg or lb and sends kilograms.
#: The every-3-weeks schedule in words ("every 3 weeks"), from its interval.
_Q3W = DOSING["q3w"].interval


def _doses(regimen: DoseRegimen, /) -> str:
    """ "8 mg/kg then 6 mg/kg": the loading dose, then the maintenance dose."""
    return f"{regimen.loading_mg_per_kg:g} mg/kg then {regimen.maintenance_mg_per_kg:g} mg/kg"


WEIGHT_UNIT = "weight_unit"
WEIGHT_UNITS = (Choice("kg", "kg"), Choice("lb", "lb"))

GROUPS: tuple[Group, ...] = (
    Group(
        "Setting",
        (
            Field(
                "indication",
                "Indication",
                (
                    Help(
                        "Early breast cancer means adjuvant or neoadjuvant treatment of operable "
                        "disease."
                    ),
                ),
                "choice",
                (
                    Choice("", "Choose…"),
                    Choice("early_breast", "Early breast cancer"),
                    Choice("metastatic_breast", "Metastatic breast cancer"),
                    Choice("metastatic_gastric", "Metastatic gastric or GEJ adenocarcinoma"),
                ),
                required=True,
            ),
            # The setting and the line decide the plan (calculator.decide.setting); each shows only
            # where it applies, and the engine refuses it elsewhere.
            Field(
                "setting",
                "Treatment setting",
                (
                    Help(
                        "Where trastuzumab starts: after surgery (adjuvant), before it "
                        "(neoadjuvant), or after neoadjuvant treatment once surgery is done."
                    ),
                ),
                "choice",
                (
                    Choice("", "Adjuvant (default)"),
                    Choice("adjuvant", "Adjuvant (after surgery)"),
                    Choice("neoadjuvant", "Neoadjuvant (before surgery)"),
                    Choice("post_neoadjuvant", "After neoadjuvant treatment and surgery"),
                ),
                applies=EARLY,
                note_words=(
                    ("adjuvant", "adjuvant"),
                    ("neoadjuvant", "neoadjuvant"),
                    ("post_neoadjuvant", "after neoadjuvant treatment and surgery"),
                ),
            ),
            Field(
                "residual_invasive_disease",
                "Invasive disease left at surgery",
                (
                    Help(
                        "Residual invasive cancer in the breast or the lymph nodes after "
                        "neoadjuvant treatment (not a pathological complete response)."
                    ),
                ),
                "bool",
                YES_NO,
                applies=(*EARLY, ("setting", ("post_neoadjuvant",))),
            ),
            Field(
                "line",
                "Line of treatment",
                (
                    Help(
                        "First line: no chemotherapy or HER2-directed treatment yet for metastatic "
                        "disease. Later: after a trastuzumab-based regimen for metastatic disease, "
                        f"and also a relapse during or within {TDXD_RELAPSE_MONTHS} months of "
                        "completing (neo)adjuvant "
                        "trastuzumab (as in DESTINY-Breast03 and the T-DXd indication)."
                    ),
                ),
                "choice",
                (
                    Choice("", "Not known"),
                    Choice("first", "First line"),
                    Choice("later", "Later line (after a trastuzumab-based regimen)"),
                ),
                applies=(("indication", ("metastatic_breast",)),),
                note_words=(("first", "first line"), ("later", "later line")),
            ),
        ),
    ),
    Group(
        "HER2 tests",
        (
            Field(
                "ihc",
                "IHC score",
                (
                    Help(
                        "Immunohistochemistry of the invasive tumour. Ultralow: IHC 0 with faint, "
                        "incomplete membrane staining in ≤10% of cells.",
                        BREAST_HELP,
                    ),
                    Help(
                        "Immunohistochemistry scored by the gastric criteria (resection or "
                        "biopsy, Hofmann).",
                        GASTRIC,
                    ),
                ),
                "choice",
                (
                    Choice("", "Not done / unknown"),
                    Choice("0", "0"),
                    Choice("ultralow", "0 with membrane staining (ultralow)", BREAST),
                    Choice("1+", "1+"),
                    Choice("2+", "2+"),
                    Choice("3+", "3+"),
                ),
            ),
            Field(
                "ish_method",
                "ISH assay",
                (
                    Help(
                        "In situ hybridisation (FISH, CISH, SISH). Dual-probe counts HER2 and "
                        "CEP17."
                    ),
                ),
                "choice",
                (
                    Choice("", "Not done / unknown"),
                    Choice("dual", "Dual-probe (HER2/CEP17)"),
                    Choice("single", "Single-probe (HER2 only)"),
                ),
                path=("ish", "method"),
                note_words=(("dual", "dual-probe"), ("single", "single-probe")),
            ),
            Field(
                "her2_cep17_ratio",
                "HER2/CEP17 ratio",
                (
                    Help("Final ratio after any recount, e.g. 2.0.", BREAST_HELP),
                    Help(
                        "Final ratio, e.g. 2.0: in gastric cancer the ratio alone decides.", GASTRIC
                    ),
                ),
                "number",
                placeholder="e.g. 2.0",
                applies=(("ish_method", ("dual",)),),
                path=("ish", "her2_cep17_ratio"),
            ),
            Field(
                "avg_her2_copies",
                "Average HER2 copies per cell",
                (
                    Help("Final mean HER2 signals per nucleus, e.g. 4.0.", BREAST_HELP),
                    Help(
                        "Final mean HER2 signals per nucleus, e.g. 4.0; optional with a "
                        "dual-probe ratio.",
                        GASTRIC,
                    ),
                ),
                "number",
                placeholder="e.g. 4.0",
                applies=(("ish_method", ("dual", "single")),),
                path=("ish", "avg_her2_copies"),
            ),
        ),
    ),
    Group(
        "Early breast cancer staging",
        (
            Field(
                "tumor_size_cm",
                "Invasive tumour size",
                (Help("Largest invasive diameter in centimetres (0–30)."),),
                "number",
                unit="cm",
                placeholder="e.g. 1.2",
            ),
            Field(
                "nodes_positive",
                "Axillary nodes involved",
                (Help("Any regional lymph-node metastasis (pN1 or more)."),),
                "bool",
                YES_NO,
            ),
        ),
        applies=EARLY,
    ),
    Group(
        "Dosing",
        (
            Field(
                "route",
                "Route",
                (
                    Help(
                        "Intravenous doses depend on weight. Subcutaneous trastuzumab is a fixed "
                        f"{SC_DOSE_MG:g} mg {SC_INTERVAL} (breast cancer only)."
                    ),
                ),
                "choice",
                (
                    Choice("", "Intravenous (default)"),
                    Choice("iv", "Intravenous"),
                    # Offered for gastric too: the engine then names the error on `route`.
                    Choice("sc", f"Subcutaneous, {SC_DOSE_MG:g} mg fixed dose"),
                ),
                note_words=(("iv", "intravenous"), ("sc", "subcutaneous")),
            ),
            Field(
                "weight_kg",
                "Body weight",
                (
                    Help(
                        f"Actual body weight of an adult ({ADULT_WEIGHT_RANGE_KG[0]:g} to "
                        f"{ADULT_WEIGHT_RANGE_KG[1]:g} kg); pounds are converted to kg (to 0.1 kg) "
                        "before the dose is computed."
                    ),
                ),
                "number",
                placeholder="e.g. 70",
                applies=IV,
                unit="kg",
                unit_choices=WEIGHT_UNITS,
            ),
            Field(
                "schedule",
                "Schedule",
                (
                    Help(
                        f"Weekly: {_doses(DOSING['weekly'])}. "
                        f"{_Q3W.capitalize()}: {_doses(DOSING['q3w'])}.",
                        BREAST_HELP,
                    ),
                    Help(
                        f"{_Q3W.capitalize()}: {_doses(DOSING['q3w'])} (the gastric schedule).",
                        GASTRIC,
                    ),
                ),
                "choice",
                (
                    Choice("", "Not chosen"),
                    Choice("weekly", "Weekly", BREAST),
                    Choice("q3w", _Q3W.capitalize()),
                ),
                applies=IV,
                note_words=(("weekly", "weekly"), ("q3w", _Q3W)),
            ),
        ),
    ),
    Group(
        "Heart and safety",
        (
            Field(
                "lvef_baseline_percent",
                "Baseline LVEF",
                (
                    Help(
                        "Left ventricular ejection fraction before trastuzumab (echo or MUGA), "
                        f"{LVEF_RANGE_PERCENT[0]:g} to {LVEF_RANGE_PERCENT[1]:g}: a percentage "
                        "(60), not a fraction (0.60)."
                    ),
                ),
                "number",
                unit="%",
                placeholder="e.g. 60",
            ),
            Field(
                "lvef_lln_percent",
                "Lower limit of normal LVEF",
                (
                    Help(
                        "Your institution's lower limit of normal "
                        f"({LVEF_LLN_RANGE_PERCENT[0]:g} to {LVEF_LLN_RANGE_PERCENT[1]:g}); "
                        f"{LVEF_DEFAULT_LLN_PERCENT:g} when left empty."
                    ),
                ),
                "number",
                unit="%",
                placeholder="50",
            ),
            Field(
                "symptomatic_heart_failure",
                "Symptomatic heart failure",
                (
                    Help(
                        "Signs or symptoms of heart failure (a clinically significant fall in "
                        "left ventricular function)."
                    ),
                ),
                "bool",
                YES_NO,
            ),
            Field(
                "concurrent_anthracycline",
                "Anthracycline at the same time",
                (Help("Would trastuzumab be given together with doxorubicin or epirubicin?"),),
                "bool",
                YES_NO,
            ),
            Field(
                "pregnant", "Pregnant", (Help("Pregnancy status of the patient."),), "bool", YES_NO
            ),
        ),
    ),
    Group(
        "Already on trastuzumab?",
        (
            Field(
                "lvef_percent",
                "Current LVEF",
                (
                    Help(
                        "Most recent LVEF. Before the first dose, without a baseline, it is read "
                        "as the baseline; on treatment the hold rules also need the baseline."
                    ),
                ),
                "number",
                unit="%",
                placeholder="e.g. 55",
            ),
            Field(
                "lvef_decline_weeks",
                "How long the LVEF has been down",
                (
                    Help(
                        "How long the current fall in LVEF has lasted; 0 when there is none. After "
                        "an earlier hold, 0 says dosing has resumed: without it the calculator "
                        "cannot tell whether a hold is going on now."
                    ),
                ),
                "number",
                unit="weeks",
                placeholder="e.g. 4",
            ),
            Field(
                "cardiac_holds",
                "Holds for the heart so far",
                (
                    Help(
                        "How many times trastuzumab has been withheld for a fall in LVEF, a hold "
                        "going on now included (0, 1, 2…)."
                    ),
                ),
                "integer",
                placeholder="e.g. 0",
            ),
            Field(
                "days_since_last_dose",
                "Time since the last dose",
                (Help("For the next dose: how long ago the last trastuzumab dose was given."),),
                "number",
                unit="days",
                placeholder="e.g. 10",
            ),
            Field(
                "adjuvant_phase",
                "Phase of the weekly plan",
                (
                    Help(
                        "The weekly early breast plan gives weekly doses with the taxane, then a "
                        f"dose {_Q3W}: which phase is the patient in now?"
                    ),
                ),
                "choice",
                (
                    Choice("", "Not known"),
                    Choice("weekly", "Weekly doses (with the taxane)"),
                    Choice("q3w", f"{_Q3W.capitalize()} (after the weekly doses)"),
                ),
                applies=WEEKLY_EARLY_PLAN,
                note_words=(
                    ("weekly", "weekly phase"),
                    ("q3w", f"{every(INTERVAL_DAYS['q3w'], before_noun=True)} phase"),
                ),
            ),
        ),
        hint="Leave these empty before the first dose.",
    ),
    # Last: a reading rule for comparing old reports, not a fact about the patient (issue 18).
    Group(
        "Guideline edition",
        (
            Field(
                "guideline",
                "Guideline edition",
                (
                    Help(
                        "The ASCO/CAP rules that read breast IHC and ISH. Choose an older edition "
                        "only to see how a report read under it."
                    ),
                ),
                "choice",
                (
                    Choice("", f"Current ({EDITIONS[DEFAULT_EDITION].short})"),
                    *(Choice(e.id, e.short) for e in EDITIONS.values()),
                ),
            ),
        ),
        applies=BREAST,
    ),
)

FIELDS: dict[str, Field] = {f.key: f for g in GROUPS for f in g.fields}
#: Inputs that only a patient already on trastuzumab has (the "Already on trastuzumab?" group).
ON_TREATMENT_KEYS: tuple[str, ...] = tuple(
    f.key for g in GROUPS if g.legend == "Already on trastuzumab?" for f in g.fields
)


def applies_text(applies: Applies, /) -> str:
    """``applies`` as the page's ``data-show-when`` attribute: ``field=a|b;field2=c``."""
    return ";".join(f"{name}={'|'.join(values)}" for name, values in applies)


def applies_words(applies: Applies, /) -> str:
    """``applies`` in words: "indication early breast or metastatic breast"."""
    return "; ".join(
        f"{input_label(name).lower()} "
        + " or ".join(FIELDS[name].choice_words(v) if v else "empty" for v in values)
        for name, values in applies
    )


def _number(text: str) -> float:
    """A number as typed by a person: surrounding spaces and one decimal comma are accepted."""
    cleaned = text.strip().replace(",", ".") if text.count(",") == 1 else text.strip()
    if cleaned.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        raise ValueError(text)
    return float(cleaned)


#: Text for a boolean: the form's values, and the words a CSV row may use.
BOOL_WORDS = {"true": True, "false": False, "yes": True, "no": False}


def flat_to_input(flat: dict[str, Any], /) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Text values by field key (a form, a CSV row) → the JSON input, and conversion errors.

    Empty text is "not known". ``weight_unit`` "lb" turns the weight typed in pounds into
    kilograms (the page's unit choice; the engine reads kilograms only). Errors name the flat key, so the page can show them at the field.
    """
    data: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    flat = dict(flat)
    unit = flat.pop(WEIGHT_UNIT, None)
    unit = unit.strip() if isinstance(unit, str) else unit
    if unit not in (None, "", *(c.value for c in WEIGHT_UNITS)):
        errors.append({"field": WEIGHT_UNIT, "message": "Choose kg or lb."})
    for key, raw in flat.items():
        field = FIELDS.get(str(key))
        if field is None:
            errors.append({"field": str(key), "message": f"Unknown field {key!r}."})
            continue
        if raw is None:
            continue
        if not isinstance(raw, str):
            errors.append({"field": field.key, "message": "Must be text."})
            continue
        text = raw.strip()
        if text == "":
            continue
        value: Any
        if field.kind == "bool":
            if text.lower() not in BOOL_WORDS:
                errors.append({"field": field.key, "message": "Choose yes, no or unknown."})
                continue
            value = BOOL_WORDS[text.lower()]
        elif field.kind in ("number", "integer"):
            try:
                value = _number(text)
            except ValueError:
                example = field.placeholder.removeprefix("e.g. ") or "70"
                errors.append(
                    {"field": field.key, "message": f"Enter a number, for example {example}."}
                )
                continue
            if field.kind == "integer" and value.is_integer():
                value = int(value)
        else:
            value = text
        target = data
        for part in field.json_path[:-1]:
            target = target.setdefault(part, {})
        target[field.json_path[-1]] = value
    ish = data.get("ish")
    if (
        ish is not None
        and "method" not in ish
        and not any(e["field"] in ("her2_cep17_ratio", "avg_her2_copies") for e in errors)
    ):
        errors.append({"field": "ish_method", "message": "Choose the ISH method."})
    if unit == "lb" and isinstance(data.get("weight_kg"), float):
        # The form's pounds, in kilograms to 0.1 kg (half up), before validation reads them.
        data["weight_kg"] = math.floor(data["weight_kg"] * KG_PER_LB * 10 + 0.5) / 10
    return data, errors


#: A nested error name from validation ("ish.method") → the flat field that shows it.
FLAT_NAME: dict[str, str] = {
    ".".join(f.json_path): f.key for f in FIELDS.values() if len(f.json_path) > 1
} | {"ish": "ish_method"}


#: A flat field → its nested error name ("her2_cep17_ratio" → "ish.her2_cep17_ratio").
NESTED_NAME: dict[str, str] = {f.key: ".".join(f.json_path) for f in FIELDS.values()}


def input_words(key: str, value: Any, /) -> str:
    """A JSON input value in words, without its name: "Early breast cancer", "70 kg", "yes"."""
    if key == "ish" and isinstance(value, dict):
        parts = [FIELDS["ish_method"].choice_words(str(value.get("method", "")))]
        if value.get("her2_cep17_ratio") is not None:
            parts.append(f"HER2/CEP17 ratio {figure(value['her2_cep17_ratio'])}")
        if value.get("avg_her2_copies") is not None:
            parts.append(f"{figure(value['avg_her2_copies'])} HER2 copies per cell")
        return ", ".join(p for p in parts if p)
    if isinstance(value, bool):
        return "yes" if value else "no"
    field = FIELDS.get(key)
    if field is not None and field.choices:
        return field.choice_words(str(value))
    if isinstance(value, int | float):
        unit = field.unit if field else ""
        return f"{value:g}{unit if unit == '%' else ' ' + unit if unit else ''}"
    return str(value)


def error_label(name: str, /) -> str:
    """The label of the field an error names: ``ish.method`` → "ISH assay"."""
    field = FIELDS.get(FLAT_NAME.get(name, name))
    return field.label if field else name.replace("_", " ")


def choice_words_for(name: str, value: str, /) -> str:
    """The form's words for one value of a choice field (``route`` "iv" → "Intravenous")."""
    field = FIELDS.get(FLAT_NAME.get(name, name))
    return field.choice_label(value) if field else value


def input_label(key: str, /) -> str:
    if key == "ish":
        return "ISH"
    field = FIELDS.get(key)
    return field.label if field else key.replace("_", " ")
