"""The treatment setting decides the plan: which HER2-directed drugs go with trastuzumab, or
instead of it (CONTRIBUTING.md#calculator-json, ``setting``, ``residual_invasive_disease``, ``line``, ``plan``).

Early breast cancer: neoadjuvant, adjuvant (the default) or after neoadjuvant treatment and
surgery (then: was invasive disease left?); metastatic breast cancer: first or later line;
gastric cancer: first line. The rules are data in :mod:`calculator.rules.regimens`; this module only
picks one and says why. It never doses pertuzumab, T-DM1 or T-DXd.
"""

from __future__ import annotations

from typing import Any

from calculator.decide.findings import Finding
from calculator.decide.inputs import Case
from calculator.rules.criteria import NODE_NEGATIVE_TUMOR_CM
from calculator.rules.regimens import (
    DEFAULT_SETTING,
    EARLY_COURSE,
    NEOADJUVANT_PERTUZUMAB_TUMOR_CM,
    NOT_DOSED,
    NOT_DOSED_WORDS,
    REGIMENS,
    TDM1_CYCLES,
    TDM1_INTERVAL_WEEKS,
    Regimen,
)

#: How the plan's words name the antibody-drug conjugates this calculator does not dose (the
#: words name pertuzumab also where it is left out, so it counts only as a coded drug).
SHORT_NAMES = {
    "trastuzumab_emtansine": "T-DM1",
    "trastuzumab_deruxtecan": "T-DXd",
}

#: Eligibility codes under which trastuzumab (and so its plan) is on the table.
PLANNED = ("eligible", "consider", "withhold", "insufficient_information")


def setting_of(case: Case, /) -> str | None:
    """The early-breast setting in effect (adjuvant when none is given), else None."""
    return (case.setting or DEFAULT_SETTING) if case.indication == "early_breast" else None


def course_words(case: Case, /) -> str:
    """How trastuzumab's year is given in this setting, before "trastuzumab"."""
    if setting_of(case) == "neoadjuvant":
        return "neoadjuvant then adjuvant"
    return "adjuvant"


def after_neoadjuvant(case: Case, /) -> tuple[str, Finding, list[str]]:
    """Eligibility, its reason and what is missing after neoadjuvant treatment and surgery. The
    stage before treatment no longer decides (trastuzumab was started on it): the response does
    (KATHERINE, vonminckwitz2019)."""
    residual = REGIMENS["POST_NEOADJUVANT_RESIDUAL"]
    if case.residual_invasive_disease:
        return (
            "consider",
            Finding(
                "POST_NEOADJUVANT_RESIDUAL_TDM1",
                "Residual invasive disease after neoadjuvant treatment (KATHERINE enrolled "
                "patients after neoadjuvant taxane-based chemotherapy with trastuzumab): T-DM1 every "
                f"{TDM1_INTERVAL_WEEKS} weeks for {TDM1_CYCLES} cycles replaces trastuzumab "
                "(KATHERINE: 3-year invasive disease-free survival 88.3% versus 77.0%). "
                f"Trastuzumab, to complete {EARLY_COURSE}, only if T-DM1 is not given.",
                residual.refs,
            ),
            [],
        )
    if case.residual_invasive_disease is False:
        done = REGIMENS["POST_NEOADJUVANT_COMPLETE_RESPONSE"]
        return (
            "eligible",
            Finding(
                "POST_NEOADJUVANT_COMPLETE_RESPONSE",
                "No invasive disease left after neoadjuvant treatment: complete "
                f"{EARLY_COURSE} of trastuzumab (with pertuzumab if it was part of the "
                "neoadjuvant plan).",
                done.refs,
            ),
            [],
        )
    return (
        "insufficient_information",
        Finding(
            "POST_NEOADJUVANT_RESIDUAL_UNKNOWN",
            "After neoadjuvant treatment, enter whether invasive disease remained at surgery: "
            f"residual invasive disease → T-DM1 for {TDM1_CYCLES} cycles instead of "
            f"trastuzumab; none → complete {EARLY_COURSE} of trastuzumab.",
            residual.refs,
        ),
        ["residual_invasive_disease"],
    )


def _early(case: Case) -> Regimen:
    setting = setting_of(case)
    if setting == "post_neoadjuvant":
        if case.residual_invasive_disease:
            return REGIMENS["POST_NEOADJUVANT_RESIDUAL"]
        if case.residual_invasive_disease is False:
            return REGIMENS["POST_NEOADJUVANT_COMPLETE_RESPONSE"]
        return REGIMENS["POST_NEOADJUVANT_UNKNOWN"]
    size, nodes = case.tumor_size_cm, case.nodes_positive
    if setting == "neoadjuvant":
        # Perjeta label: neoadjuvant use for tumours > 2 cm or node-positive (strictly larger).
        if nodes or (size is not None and size > NEOADJUVANT_PERTUZUMAB_TUMOR_CM):
            return REGIMENS["NEOADJUVANT_WITH_PERTUZUMAB"]
        if nodes is False and size is not None:
            return REGIMENS["NEOADJUVANT_WITHOUT_PERTUZUMAB"]
        return REGIMENS["NEOADJUVANT_STAGE_UNKNOWN"]
    # Adjuvant: pertuzumab for a high risk of recurrence, which APHINITY showed in node-positive
    # disease only (no benefit in node-negative disease).
    if nodes:
        return REGIMENS["ADJUVANT_NODE_POSITIVE"]
    if nodes is False:
        if size is None:
            # Never the row of a size that was not entered: both plans, and the size asked for.
            return REGIMENS["ADJUVANT_NODE_NEGATIVE_SIZE_UNKNOWN"]
        if size <= NODE_NEGATIVE_TUMOR_CM:
            return REGIMENS["ADJUVANT_SMALL_NODE_NEGATIVE"]
        return REGIMENS["ADJUVANT_NODE_NEGATIVE"]
    return REGIMENS["ADJUVANT_NODES_UNKNOWN"]


def regimen(
    case: Case, eligibility: str, *, positive: bool, low_category: str | None
) -> Regimen | None:
    """The plan's row for this case, or None when no HER2-directed drug is planned (HER2-negative
    without a HER2-low pointer, pregnancy, a heart rule that stops treatment)."""
    if case.pregnant:
        return None
    if not positive:
        if case.indication == "metastatic_breast" and low_category in ("her2_low", "her2_ultralow"):
            return REGIMENS["METASTATIC_HER2_LOW"]
        return None
    if eligibility not in PLANNED:
        return None
    if case.indication == "metastatic_gastric":
        return REGIMENS["GASTRIC_FIRST_LINE"]
    if case.indication == "metastatic_breast":
        if case.line == "first":
            return REGIMENS["METASTATIC_FIRST_LINE"]
        if case.line == "later":
            return REGIMENS["METASTATIC_LATER_LINE"]
        return REGIMENS["METASTATIC_LINE_UNKNOWN"]
    return _early(case)


def plan(
    case: Case, eligibility: str, *, positive: bool, low_category: str | None
) -> dict[str, Any]:
    """CONTRIBUTING.md#calculator-json ``plan``: ``partners`` and ``alternatives`` (drug codes), plus ``code``,
    ``setting``, ``line``, ``optional_partners``, ``summary`` (one line in words), ``reason``,
    ``refs`` and ``not_dosed`` (the named drugs this calculator does not dose)."""
    row = regimen(case, eligibility, positive=positive, low_category=low_category)
    named = () if row is None else (*row.partners, *row.alternatives, *row.optional_partners)
    if row is not None:
        # A drug named only in the plan's words (T-DM1 at surgery in the neoadjuvant plan) is
        # also one this calculator does not dose.
        named = (*named, *(code for code, short in SHORT_NAMES.items() if short in row.line))
    return {
        "code": None if row is None else row.code,
        "setting": setting_of(case),
        "line": case.line,
        "partners": [] if row is None else list(row.partners),
        "alternatives": [] if row is None else list(row.alternatives),
        "optional_partners": [] if row is None else list(row.optional_partners),
        "summary": "" if row is None else row.line,
        "reason": "" if row is None else row.reason,
        "refs": [] if row is None else list(row.refs),
        "not_dosed": [d for d in NOT_DOSED if d in named],
        "not_dosed_words": NOT_DOSED_WORDS if any(d in named for d in NOT_DOSED) else "",
    }
