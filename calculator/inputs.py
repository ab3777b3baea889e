"""Validation of the input object into a typed :class:`Case` (CONTRACTS.md §1).

Every problem is collected, so the caller sees all of them at once. ``null`` means "not known",
exactly as if the key were absent; an unknown key is an error, never ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculator.criteria import LVEF_DEFAULT_LLN_PERCENT, LVEF_LLN_RANGE_PERCENT, SC_INDICATIONS
from calculator.editions import DEFAULT_EDITION, EDITION_IDS
from calculator.errors import InputError

INDICATIONS = ("early_breast", "metastatic_breast", "metastatic_gastric")
IHC_SCORES = ("0", "ultralow", "1+", "2+", "3+")
ISH_METHODS = ("dual", "single")
SCHEDULES = ("weekly", "q3w")
ROUTES = ("iv", "sc")


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


#: Top-level keys: kind ("enum" | "number" | "bool" | "ish") and their constraints.
ENUMS: dict[str, tuple[str, ...]] = {
    "indication": INDICATIONS,
    "ihc": IHC_SCORES,
    "schedule": SCHEDULES,
    "route": ROUTES,
    "guideline": EDITION_IDS,
}
NUMBERS: dict[str, NumberSpec] = {
    # A tumour of 0 cm is not a tumour: plausible values only (issue 12, rule 10).
    "tumor_size_cm": NumberSpec(0, 30, exclusive_minimum=True, unit="cm"),
    "weight_kg": NumberSpec(0, 400, exclusive_minimum=True, unit="kg"),
    "lvef_baseline_percent": NumberSpec(0, 100, unit="%"),
    "lvef_percent": NumberSpec(0, 100, unit="%"),
    "lvef_lln_percent": NumberSpec(*LVEF_LLN_RANGE_PERCENT, unit="%"),
    "days_since_last_dose": NumberSpec(0, 730, unit="days"),
    "cardiac_holds": NumberSpec(0, 50, integer=True),
    "lvef_decline_weeks": NumberSpec(0, 520, unit="weeks"),
}
BOOLS: tuple[str, ...] = (
    "nodes_positive",
    "concurrent_anthracycline",
    "pregnant",
    "symptomatic_heart_failure",
)
ISH_NUMBERS: dict[str, NumberSpec] = {
    # A ratio or copy number of 0 is not a count (rule 10): both must be greater than 0.
    "her2_cep17_ratio": NumberSpec(0, 100, exclusive_minimum=True),
    "avg_her2_copies": NumberSpec(0, 1000, exclusive_minimum=True),
}
KEYS: tuple[str, ...] = (*ENUMS, "ish", *NUMBERS, *BOOLS)
_KEY_SET = frozenset(KEYS)


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
    #: The ASCO/CAP edition that reads breast IHC/ISH (calculator.editions).
    guideline: str = DEFAULT_EDITION


class _Collector:
    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def enum(self, field: str, value: Any, allowed: tuple[str, ...]) -> str | None:
        if isinstance(value, str) and value in allowed:
            return value
        choices = ", ".join(f'"{a}"' for a in allowed)
        self.add(field, f"Must be one of {choices}; got {_show(value)}.")
        return None

    def number(self, field: str, value: Any, spec: NumberSpec) -> float | None:
        # bool is an int subclass and must not count as a number.
        if type(value) is bool or not isinstance(value, (int, float)):
            self.add(field, f"Must be a number; got {_show(value)}.")
            return None
        number = float(value)
        # NaN fails every comparison and infinities fail the bounds, so both are refused here.
        inside = (
            spec.minimum < number <= spec.maximum
            if spec.exclusive_minimum
            else spec.minimum <= number <= spec.maximum
        )
        if not inside or (spec.integer and not number.is_integer()):
            self.add(field, f"Must be {spec.describe()}; got {_show(value)}.")
            return None
        return int(number) if spec.integer else number

    def boolean(self, field: str, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        self.add(field, f"Must be true or false; got {_show(value)}.")
        return None


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return f"a value of type {type(value).__name__}"


def _ish(raw: Any, out: _Collector, *, gastric: bool) -> Ish | None:
    if not isinstance(raw, dict):
        out.add("ish", f"Must be an object with method and counts; got {_show(raw)}.")
        return None
    for key in raw:
        if key not in ("method", *ISH_NUMBERS):
            out.add(f"ish.{key}", f"Unknown key {_show(key)} in ish.")
    method = raw.get("method")
    if method is None:
        out.add("ish.method", 'Required when ISH is given: "dual" or "single".')
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
        out.add("ish.her2_cep17_ratio", "Required for a dual-probe assay.")
    copies = None
    # Gastric dual-probe ISH is read by the ratio alone (bartley2017), so copies are optional.
    copies_optional = gastric and method == "dual"
    if copies_raw is None:
        if not copies_optional:
            out.add("ish.avg_her2_copies", "Required: the mean HER2 signals per cell.")
    else:
        copies = out.number("ish.avg_her2_copies", copies_raw, ISH_NUMBERS["avg_her2_copies"])
    if method is None or (method == "dual" and ratio is None):
        return None
    if copies is None and (copies_raw is not None or not copies_optional):
        return None
    return Ish(method=method, avg_her2_copies=copies, her2_cep17_ratio=ratio)


def parse(data: Any, /) -> Case:
    """Validate ``data`` and return a :class:`Case`; raise :class:`InputError` listing all errors."""
    out = _Collector()
    if not isinstance(data, dict):
        raise InputError([{"field": "", "message": "The input must be a JSON object."}])
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEY_SET:
            out.add(str(key), f"Unknown key {_show(key)}; expected one of: {', '.join(KEYS)}.")
        elif value is not None:
            values[key] = value
    if "indication" not in values:
        out.add("indication", "Required: early_breast, metastatic_breast or metastatic_gastric.")
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
    indication = fields.get("indication")
    if indication == "metastatic_gastric" and fields.get("ihc") == "ultralow":
        out.add("ihc", '"ultralow" is a breast category; gastric IHC is scored 0, 1+, 2+ or 3+.')
    if fields.get("route") == "sc" and indication is not None and indication not in SC_INDICATIONS:
        out.add(
            "route",
            "Subcutaneous trastuzumab (600 mg) is for breast cancer only; it has no gastric "
            'indication. Choose "iv".',
        )
    if fields.get("route") == "sc" and fields.get("schedule") == "weekly":
        out.add("schedule", 'Subcutaneous trastuzumab is given every 3 weeks only: choose "q3w".')
    if indication == "metastatic_gastric" and fields.get("guideline") not in (
        None,
        DEFAULT_EDITION,
    ):
        out.add(
            "guideline",
            "The ASCO/CAP editions read breast HER2; gastric HER2 follows the CAP/ASCP/ASCO "
            "2016 guideline. Leave the edition empty for gastric cancer.",
        )
    if out.errors:
        raise InputError(out.errors)
    for key in ("lvef_lln_percent", "route", "guideline"):
        if fields.get(key) is None:
            fields.pop(key, None)
    return Case(**fields)
