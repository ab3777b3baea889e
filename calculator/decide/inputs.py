"""Validation of the input object into a typed :class:`Case` (CONTRIBUTING.md#calculator-json).

Every problem is collected, so the caller sees all of them at once. ``null`` means "not known",
exactly as if the key were absent; an unknown key is an error, never ignored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from calculator.decide.errors import InputError
from calculator.decide.setting_errors import input_errors
from calculator.rules.criteria import (
    ADULT_WEIGHT_RANGE_KG,
    LVEF_DEFAULT_LLN_PERCENT,
    LVEF_LLN_RANGE_PERCENT,
    LVEF_RANGE_PERCENT,
    SC_INDICATIONS,
    SC_INTERVAL,
)
from calculator.rules.editions import DEFAULT_EDITION, EDITION_IDS, EDITIONS
from calculator.rules.regimens import LINES, SETTINGS

INDICATIONS = ("early_breast", "metastatic_breast", "metastatic_gastric")
IHC_SCORES = ("0", "ultralow", "1+", "2+", "3+")
ISH_METHODS = ("dual", "single")
SCHEDULES = ("weekly", "q3w")
ROUTES = ("iv", "sc")
#: Where a patient on the weekly early-breast plan (weekly doses, then every 3 weeks) now is.
ADJUVANT_PHASES = ("weekly", "q3w")


@dataclass(frozen=True, slots=True)
class NumberSpec:
    minimum: float
    maximum: float
    exclusive_minimum: bool = False
    unit: str = ""
    integer: bool = False

    def describe(self) -> str:
        low = f"greater than {self.minimum:g}" if self.exclusive_minimum else f"{self.minimum:g}"
        unit = f" {self.unit}" if self.unit else ""
        if self.integer:
            return f"a whole number between {low} and {self.maximum:g}{unit}"
        if self.exclusive_minimum:
            return f"{low} and at most {self.maximum:g}{unit}"
        return f"between {low} and {self.maximum:g}{unit}"

    def inside(self, number: float) -> bool:
        if self.exclusive_minimum:
            return self.minimum < number <= self.maximum
        return self.minimum <= number <= self.maximum


#: Top-level keys: kind ("enum" | "number" | "bool" | "ish") and their constraints.
ENUMS: dict[str, tuple[str, ...]] = {
    "indication": INDICATIONS,
    "ihc": IHC_SCORES,
    "schedule": SCHEDULES,
    "route": ROUTES,
    "guideline": EDITION_IDS,
    "adjuvant_phase": ADJUVANT_PHASES,
    # The treatment setting (early breast) and line (metastatic breast): calculator.decide.setting.
    "setting": SETTINGS,
    "line": LINES,
}
NUMBERS: dict[str, NumberSpec] = {
    # A tumour of 0 cm is not a tumour: plausible values only (issue 12, rule 10).
    "tumor_size_cm": NumberSpec(0, 30, exclusive_minimum=True, unit="cm"),
    "weight_kg": NumberSpec(*ADULT_WEIGHT_RANGE_KG, unit="kg"),
    "lvef_baseline_percent": NumberSpec(*LVEF_RANGE_PERCENT, unit="%"),
    "lvef_percent": NumberSpec(*LVEF_RANGE_PERCENT, unit="%"),
    "lvef_lln_percent": NumberSpec(*LVEF_LLN_RANGE_PERCENT, unit="%"),
    "days_since_last_dose": NumberSpec(0, 730, unit="days"),
    "cardiac_holds": NumberSpec(0, 50, integer=True),
    "lvef_decline_weeks": NumberSpec(0, 520, unit="weeks"),
}
LVEF_KEYS = ("lvef_baseline_percent", "lvef_percent")
BOOLS: tuple[str, ...] = (
    "nodes_positive",
    "concurrent_anthracycline",
    "pregnant",
    "symptomatic_heart_failure",
    "residual_invasive_disease",
)
ISH_NUMBERS: dict[str, NumberSpec] = {
    # A ratio or copy number of 0 is not a count (rule 10): both must be greater than 0.
    "her2_cep17_ratio": NumberSpec(0, 100, exclusive_minimum=True),
    "avg_her2_copies": NumberSpec(0, 1000, exclusive_minimum=True),
}
KEYS: tuple[str, ...] = (*ENUMS, "ish", *NUMBERS, *BOOLS)
_KEY_SET = frozenset(KEYS)
#: Larger than any accepted input, so a huge number is refused before it is formatted.
_FAR_TOO_LARGE = 1e6


# Not frozen: a frozen dataclass's __init__ costs about 4 us for Case (object.__setattr__ per
# field), a tenth of an evaluation. Nothing mutates these after parse().
@dataclass(slots=True)
class Ish:
    method: str
    #: Optional only for gastric dual-probe ISH, which is read by the ratio alone.
    avg_her2_copies: float | None
    her2_cep17_ratio: float | None = None


@dataclass(slots=True)
class Case:
    indication: str
    ihc: str | None = None
    ish: Ish | None = None
    tumor_size_cm: float | None = None
    nodes_positive: bool | None = None
    weight_kg: float | None = None
    schedule: str | None = None
    lvef_baseline_percent: float | None = None
    lvef_percent: float | None = None
    lvef_lln_percent: float = LVEF_DEFAULT_LLN_PERCENT
    concurrent_anthracycline: bool | None = None
    pregnant: bool | None = None
    route: str = "iv"
    days_since_last_dose: float | None = None
    cardiac_holds: int | None = None
    lvef_decline_weeks: float | None = None
    symptomatic_heart_failure: bool | None = None
    #: The ASCO/CAP edition that reads breast IHC/ISH (calculator.rules.editions).
    guideline: str = DEFAULT_EDITION
    #: The weekly early-breast plan's current phase ("weekly" | "q3w"), for a missed dose.
    adjuvant_phase: str | None = None
    #: Early breast: "neoadjuvant" | "adjuvant" (None = adjuvant) | "post_neoadjuvant".
    setting: str | None = None
    #: After neoadjuvant treatment: invasive disease left at surgery.
    residual_invasive_disease: bool | None = None
    #: Metastatic breast: "first" | "later" (after a trastuzumab-based regimen).
    line: str | None = None

    @property
    def on_treatment(self) -> bool:
        """CONTRIBUTING.md#calculator-json: a patient already on trastuzumab (a last dose, a hold, a fall), or
        after neoadjuvant treatment and surgery: trastuzumab was started before surgery (with
        the neoadjuvant chemotherapy), so a current LVEF is not a pre-treatment baseline and
        nothing is worded "before the first dose" (an addition to the contract's list)."""
        return (
            self.setting == "post_neoadjuvant"
            or self.days_since_last_dose is not None
            or (self.cardiac_holds or 0) >= 1
            or (self.lvef_decline_weeks or 0) > 0
        )

    @property
    def on_hold(self) -> bool:
        """A hold now: earlier holds counted (this one included) and a fall that lasts."""
        return (self.cardiac_holds or 0) >= 1 and (self.lvef_decline_weeks or 0) > 0


def _label(field: str) -> str:
    """The field's name as the form shows it (the field table is the one home of labels)."""
    from calculator.words.fields import error_label

    return error_label(field)


def _choice_label(field: str, value: str) -> str:
    from calculator.words.fields import choice_words_for

    return choice_words_for(field, value)


def _choice_words(field: str, allowed: tuple[str, ...]) -> str:
    from calculator.words.fields import choice_words_for

    words = [choice_words_for(field, value) for value in allowed]
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


def _out_of_range(field: str, number: float, spec: NumberSpec) -> str:
    """Why ``number`` is refused, in the words of the field, with the value as a person wrote it."""
    label = _label(field)
    wanted = spec.describe() if spec.integer else f"a value {spec.describe()}"
    if math.isnan(number):
        return f"{label}: enter a number, {wanted}."
    if not math.isfinite(number) or abs(number) >= _FAR_TOO_LARGE:
        return f"{label}: this number is far too large; enter {wanted}."
    if field in LVEF_KEYS:
        low, high = LVEF_RANGE_PERCENT
        if 0 < number <= 1:
            return f"{label} is a percentage: {number * 100:g}, not {number:.2f}."
        return (
            f"An LVEF of {number:g} % is not possible here: enter a percentage between "
            f"{low:g} and {high:g}."
        )
    if field == "weight_kg":
        low, high = ADULT_WEIGHT_RANGE_KG
        return (
            f"A body weight of {number:g} kg is outside the adult range of {low:g} to {high:g} kg: "
            "check it (a weight typed ten times too small would be dosed ten times too low)."
        )
    if spec.integer:
        return f"{label}: enter {spec.describe()}."
    unit = f" {spec.unit}" if spec.unit else ""
    return f"{label} of {number:g}{unit} is not possible: enter {wanted}."


class _Collector:
    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def enum(self, field: str, value: Any, allowed: tuple[str, ...]) -> str | None:
        if isinstance(value, str) and value in allowed:
            return value
        given = f" {_show(value)} is not a choice" if isinstance(value, str) else ""
        self.add(field, f"{_label(field)}{given}: choose {_choice_words(field, allowed)}.")
        return None

    def number(self, field: str, value: Any, spec: NumberSpec) -> float | None:
        # bool is an int subclass and must not count as a number.
        if type(value) is bool or not isinstance(value, (int, float)):
            unit = f" in {spec.unit}" if spec.unit and spec.unit != "%" else ""
            what = "a whole number" if spec.integer else "a number"
            self.add(field, f"{_label(field)}: enter {what}{unit}.")
            return None
        try:
            number = float(value)
        except OverflowError:  # an integer with hundreds of digits
            number = math.inf
        # NaN fails every comparison and infinities fail the bounds, so both are refused here.
        if not spec.inside(number):
            self.add(field, _out_of_range(field, number, spec))
            return None
        if spec.integer and not number.is_integer():
            self.add(field, f"{_label(field)}: enter {spec.describe()}.")  # "a whole number …"
            return None
        return int(number) if spec.integer else number

    def boolean(self, field: str, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        self.add(field, f"{_label(field)}: answer yes or no (leave it empty when not known).")
        return None


def _show(value: Any) -> str:
    """A key someone typed, shortened (never ``repr`` of a number: 5,000 digits cannot be)."""
    text = str(value) if isinstance(value, str) else type(value).__name__
    return f'"{text}"' if len(text) <= 40 else f'"{text[:37]}..."'


def _ish(raw: Any, out: _Collector, *, gastric: bool) -> Ish | None:
    if not isinstance(raw, dict):
        out.add("ish", "ISH: give the assay and its final counts (method and numbers).")
        return None
    for key in raw:
        if key not in ("method", *ISH_NUMBERS):
            out.add(
                f"ish.{key}",
                f"Unknown ISH value {_show(key)}: an ISH result has a method, a HER2/CEP17 ratio "
                "and the average HER2 copies per cell.",
            )
    method = raw.get("method")
    if method is None:
        out.add(
            "ish.method",
            f"{_label('ish.method')}: choose {_choice_words('ish.method', ISH_METHODS)}.",
        )
    else:
        method = out.enum("ish.method", method, ISH_METHODS)
    ratio_raw, copies_raw = raw.get("her2_cep17_ratio"), raw.get("avg_her2_copies")
    ratio = None
    if ratio_raw is not None:
        if method == "single":
            out.add(
                "ish.her2_cep17_ratio",
                "A single-probe assay has no CEP17 probe, so there is no HER2/CEP17 ratio.",
            )
        else:
            ratio = out.number("ish.her2_cep17_ratio", ratio_raw, ISH_NUMBERS["her2_cep17_ratio"])
    elif method == "dual":
        out.add(
            "ish.her2_cep17_ratio",
            f"{_label('ish.her2_cep17_ratio')}: a dual-probe result needs its ratio.",
        )
    copies = None
    # Gastric dual-probe ISH is read by the ratio alone (bartley2017), so copies are optional.
    copies_optional = gastric and method == "dual"
    if copies_raw is None:
        if not copies_optional:
            out.add(
                "ish.avg_her2_copies",
                f"{_label('ish.avg_her2_copies')}: enter the mean HER2 signals per cell.",
            )
    else:
        copies = out.number("ish.avg_her2_copies", copies_raw, ISH_NUMBERS["avg_her2_copies"])
    if method is None or (method == "dual" and ratio is None):
        return None
    if copies is None and (copies_raw is not None or not copies_optional):
        return None
    return Ish(method=method, avg_her2_copies=copies, her2_cep17_ratio=ratio)


def _contradictions(fields: dict[str, Any], out: _Collector) -> None:
    """Values that cannot all be true are an error on the field that claims too much."""
    indication = fields.get("indication")
    if fields.get("route") == "sc" and indication is not None and indication not in SC_INDICATIONS:
        out.add(
            "route",
            "Subcutaneous trastuzumab is not used for gastric cancer: choose intravenous.",
        )
    if fields.get("route") == "sc" and fields.get("schedule") == "weekly":
        out.add(
            "schedule",
            f"Subcutaneous trastuzumab is given {SC_INTERVAL} only: choose {SC_INTERVAL}.",
        )
    if indication == "metastatic_gastric" and fields.get("ihc") == "ultralow":
        out.add("ihc", "Ultralow is a breast category: gastric IHC is scored 0, 1+, 2+ or 3+.")
    edition = EDITIONS.get(str(fields.get("guideline")))
    if fields.get("ihc") == "ultralow" and edition is not None and not edition.low_categories:
        # "Ultralow" (IHC 0 with faint staining in ≤10% of cells) is a category of the 2023
        # reporting update: a report read under 2007 or 2013 could only say IHC 0.
        out.add(
            "ihc",
            f"{_label('ihc')}: ultralow is a later category that {edition.short} does not have "
            f"(IHC 0 with faint staining in ≤10% of cells). Under {edition.short} choose 0, or "
            "read the report under the current edition.",
        )
    if indication == "metastatic_gastric" and fields.get("guideline") not in (
        None,
        DEFAULT_EDITION,
    ):
        out.add(
            "guideline",
            "The ASCO/CAP editions read breast HER2; gastric HER2 follows the CAP/ASCP/ASCO "
            "2016 guideline. Leave the edition empty for gastric cancer.",
        )
    phase = fields.get("adjuvant_phase")
    if phase is not None and (
        (indication is not None and indication != "early_breast")
        or fields.get("schedule") == "q3w"
        or fields.get("route") == "sc"
    ):
        out.add(
            "adjuvant_phase",
            f"{_label('adjuvant_phase')} belongs to the weekly early breast plan (intravenous, "
            f"weekly doses then {SC_INTERVAL}): leave it empty here.",
        )
    for field, message in input_errors(fields, label=_label, choice=_choice_label):
        out.add(field, message)
    weeks = fields.get("lvef_decline_weeks")
    if weeks is not None and weeks > 0:
        baseline, current = fields.get("lvef_baseline_percent"), fields.get("lvef_percent")
        label = _label("lvef_decline_weeks")
        if current is None and "lvef_percent" not in fields:
            out.add(
                "lvef_decline_weeks",
                f"{label}: a fall in LVEF needs the current LVEF that shows it; enter the current "
                "LVEF, or leave this empty.",
            )
        elif current is not None and baseline is not None and current >= baseline:
            out.add(
                "lvef_decline_weeks",
                f"{label}: the current LVEF ({current:g} %) is not below the baseline "
                f"({baseline:g} %), so no fall is going on; leave this empty, or correct the "
                "LVEF values.",
            )


def parse(data: Any, /) -> Case:
    """Validate ``data`` and return a :class:`Case`; raise :class:`InputError` listing all errors."""
    out = _Collector()
    if not isinstance(data, dict):
        raise InputError([{"field": "", "message": "The input must be a JSON object."}])
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEY_SET:
            out.add(str(key), f"Unknown input {_show(key)}: the inputs are {', '.join(KEYS)}.")
        elif value is not None:
            values[key] = value
    if "indication" not in values:
        out.add("indication", f"Choose the indication: {_choice_words('indication', INDICATIONS)}.")
    fields: dict[str, Any] = {}
    for key, value in values.items():
        if key in ENUMS:
            fields[key] = out.enum(key, value, ENUMS[key])
        elif key in NUMBERS:
            fields[key] = out.number(key, value, NUMBERS[key])
        elif key in BOOLS:
            fields[key] = out.boolean(key, value)
        else:
            gastric = values.get("indication") == "metastatic_gastric"
            fields[key] = _ish(value, out, gastric=gastric)
    _contradictions(fields, out)
    if out.errors:
        raise InputError(out.errors)
    for key in ("lvef_lln_percent", "route", "guideline"):
        if fields.get(key) is None:
            fields.pop(key, None)
    return Case(**fields)
