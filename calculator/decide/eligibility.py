"""Whether trastuzumab fits the indication, given the HER2 status and the clinical facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from calculator.decide.classify import BREAST as READ_BREAST
from calculator.decide.findings import Finding, figure
from calculator.decide.her2 import READ_AS, Her2
from calculator.decide.her2 import basis as reading_basis
from calculator.decide.inputs import Case
from calculator.decide.setting import after_neoadjuvant, course_words
from calculator.rules.criteria import (
    CONTRACEPTION_MONTHS_AFTER,
    NODE_NEGATIVE_REFS,
    NODE_NEGATIVE_TUMOR_CM,
)
from calculator.rules.editions import DEFAULT_EDITION, EDITIONS
from calculator.rules.references import LABEL
from calculator.rules.regimens import TDXD_RELAPSE_MONTHS

NEEDS = {
    "needs_ish": "an ISH result",
    "needs_ihc": "an IHC score on the same tissue",
    "equivocal": "a further HER2 test",
    "not_tested": "a HER2 test result",
}


@dataclass(slots=True)
class Decision:
    eligibility: str
    reasons: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _negative(case: Case, her2: Her2) -> Decision:
    d = Decision("not_eligible")
    d.reasons.append(
        Finding(
            "HER2_NEGATIVE",
            "HER2-negative disease does not benefit from trastuzumab.",
            ("fehrenbacher2020", "wolff2018"),
        )
    )
    if case.indication == "metastatic_gastric":
        return d
    category = her2.low_category
    if category in ("her2_low", "her2_ultralow"):
        trial = "modi2022" if category == "her2_low" else "bardia2024"
        d.warnings.append(
            Finding(
                "HER2_LOW_TDXD" if category == "her2_low" else "HER2_ULTRALOW_TDXD",
                (
                    "HER2-low: no benefit from trastuzumab (NSABP B-47, IHC 1+ or 2+ without "
                    "amplification)"
                    if category == "her2_low"
                    else "HER2-ultralow: HER2-negative, so trastuzumab is not indicated (NSABP "
                    "B-47 found no benefit in HER2-low tumours, which express more HER2; it "
                    "enrolled no ultralow tumours)"
                )
                + ", but in metastatic disease trastuzumab deruxtecan (T-DXd, a different drug) "
                "may be an option.",
                ("fehrenbacher2020", trial, "bardia2024", "wolff2023"),
            )
        )
    elif category is None and case.guideline == DEFAULT_EDITION:
        # The 2023 categories belong to the 2018 reading; an older edition has none to ask for.
        d.warnings.append(
            Finding(
                "LOW_CATEGORY_UNKNOWN",
                "Enter the IHC score to tell HER2-zero from HER2-low or ultralow, which decides "
                "eligibility for trastuzumab deruxtecan in metastatic disease.",
                ("wolff2023",),
            )
        )
    return d


def _early_positive(case: Case) -> Decision:
    if case.setting == "post_neoadjuvant":
        # After neoadjuvant treatment the response at surgery decides, not the stage before it.
        eligibility, reason, missing = after_neoadjuvant(case)
        return Decision(eligibility, [reason], missing=missing)
    size, nodes = case.tumor_size_cm, case.nodes_positive
    if nodes:
        return Decision(
            "eligible",
            [
                Finding(
                    "EARLY_NODE_POSITIVE",
                    "HER2-positive, node-positive early breast cancer: one year of "
                    f"{course_words(case)} trastuzumab with chemotherapy.",
                    ("romond2005", "piccart2005", *LABEL),
                )
            ],
        )
    cut = figure(NODE_NEGATIVE_TUMOR_CM)
    if size is not None and size > NODE_NEGATIVE_TUMOR_CM:
        # The ASCO guideline's >1 cm group (denduluri2016); the US label names no size and
        # covers node-negative disease only when ER/PR-negative or with a high-risk feature.
        return Decision(
            "eligible",
            [
                Finding(
                    "EARLY_TUMOR_OVER_1CM",
                    f"HER2-positive tumour of {figure(size)} cm (>{cut} cm): the ASCO guideline "
                    f"recommends {course_words(case)} trastuzumab with chemotherapy whatever the node "
                    "status. "
                    "For node-negative disease this may be outside the US label's adjuvant "
                    "indication, which covers it only when ER/PR-negative or with one high-risk "
                    "feature.",
                    NODE_NEGATIVE_REFS,
                )
            ],
        )
    if size is not None and nodes is False:
        return Decision(
            "consider",
            [
                Finding(
                    "EARLY_NODE_NEGATIVE_SMALL",
                    f"Node-negative tumour of {figure(size)} cm (≤{cut} cm, T1a/b): trastuzumab "
                    "can be considered, for example the low-risk regimen of weekly paclitaxel "
                    "with trastuzumab (APT).",
                    ("tolaney2015", "denduluri2016"),
                )
            ],
        )
    missing = [k for k, v in (("nodes_positive", nodes), ("tumor_size_cm", size)) if v is None]
    names = " and ".join("node status" if k == "nodes_positive" else "tumour size" for k in missing)
    return Decision(
        "insufficient_information",
        [
            Finding(
                "EARLY_STAGE_UNKNOWN",
                f"Enter the {names}: node-positive disease or a tumour >{cut} cm is the "
                f"recommended group; node-negative ≤{cut} cm is a case-by-case decision.",
                ("romond2005", *NODE_NEGATIVE_REFS),
            )
        ],
        missing=missing,
    )


def _positive(case: Case) -> Decision:
    if case.indication == "metastatic_breast" and case.line == "later":
        # After a trastuzumab-based regimen (or an early relapse after (neo)adjuvant treatment)
        # T-DXd replaces trastuzumab (DESTINY-Breast03): trastuzumab is an individual decision.
        return Decision(
            "consider",
            [
                Finding(
                    "METASTATIC_LATER_LINE_TDXD",
                    "HER2-positive metastatic breast cancer after a trastuzumab-based regimen (or "
                    f"relapse during or within {TDXD_RELAPSE_MONTHS} months of (neo)adjuvant "
                    "trastuzumab): trastuzumab deruxtecan (T-DXd) instead of trastuzumab if not "
                    "already given (DESTINY-Breast03: 12-month progression-free survival 75.8% "
                    "versus 34.1% with T-DM1). Trastuzumab with another partner is an individual "
                    "decision, after T-DXd or where it is not suitable.",
                    ("cortes2022", *LABEL),
                )
            ],
        )
    if case.indication == "metastatic_breast":
        return Decision(
            "eligible",
            [
                Finding(
                    "METASTATIC_BREAST_POSITIVE",
                    "HER2-positive metastatic breast cancer: trastuzumab first line with a "
                    "taxane, or alone after chemotherapy.",
                    ("slamon2001", "cobleigh1999", "vogel2002", *LABEL),
                )
            ],
        )
    if case.indication == "metastatic_gastric" and case.ihc in ("0", "1+"):
        # Rule 9b: amplified by ISH but IHC 0/1+. ToGA's exploratory subgroup showed no benefit
        # and the EU label restricts use to IHC 3+ or IHC 2+ with a positive ISH.
        return Decision(
            "consider",
            [
                Finding(
                    "GASTRIC_ISH_POSITIVE_IHC_LOW",
                    f"Amplified by ISH but IHC {case.ihc}: in ToGA these patients gained no "
                    "benefit (exploratory analysis), and the EU label limits use to IHC 3+ or "
                    "IHC 2+ with a positive ISH. An individual decision, off the EU label.",
                    ("bang2010", "herceptin_smpc", *LABEL),
                )
            ],
        )
    if case.indication == "metastatic_gastric":
        return Decision(
            "eligible",
            [
                Finding(
                    "METASTATIC_GASTRIC_POSITIVE",
                    "HER2-positive metastatic gastric or GEJ adenocarcinoma: trastuzumab with "
                    "cisplatin and capecitabine or 5-FU, first line.",
                    ("bang2010", *LABEL),
                )
            ],
        )
    return _early_positive(case)


def current_reading(case: Case) -> str | None:
    """The HER2 status under the current edition (ASCO/CAP 2018) when another edition was asked
    for (breast only), else None."""
    if case.indication == "metastatic_gastric" or case.guideline == DEFAULT_EDITION:
        return None
    return READ_BREAST[DEFAULT_EDITION](case.ihc, case.ish)


def treatable(case: Case, her2: Her2) -> bool:
    """HER2-positive by the edition asked for, or by the current one (an older edition never
    takes trastuzumab away from a patient the current rules call positive)."""
    return her2.status == "positive" or current_reading(case) == "positive"


def _older_edition(case: Case, her2: Her2, decision: Decision) -> Decision:
    """An older ASCO/CAP edition is for comparison: when it reads the report otherwise than the
    2018 rules and either reading is positive, the answer is at most "consider", decided as for
    a HER2-positive tumour, with a reason naming the 2018 reading (in both directions)."""
    current = current_reading(case)
    if current is None or current == her2.status or "positive" not in (current, her2.status):
        return decision
    if her2.status != "positive":
        decision = _positive(case)
    if decision.eligibility == "eligible":
        decision.eligibility = "consider"
    old, new = EDITIONS[case.guideline], EDITIONS[DEFAULT_EDITION]
    decision.reasons.append(
        Finding(
            "EDITION_DIFFERS_FROM_CURRENT",
            f"Read by {old.short} this report is {READ_AS[her2.status]}; by the current "
            f"{new.short} rules it reads as {READ_AS[current]} "
            f"({reading_basis(case.ihc, case.ish, new)}). An older edition is for comparison "
            "only: trastuzumab is at most an individual decision here, made on the current "
            "reading with the pathologist.",
            (*old.refs, *new.refs),
        )
    )
    return decision


def _pregnant(case: Case) -> Finding:
    """Pregnancy: no dose now, in the words of the patient's situation (US label, embryo-fetal
    toxicity; EU SmPC, pregnancy)."""
    if case.on_treatment:
        return Finding(
            "PREGNANCY_DEFER",
            "Pregnant while on trastuzumab: give no further dose now. It can cause "
            "oligohydramnios and fetal harm; it is avoided in pregnancy unless the benefit for "
            "the mother outweighs the risk to the fetus, a specialist decision. Monitor for "
            "oligohydramnios with a multidisciplinary team, and report the exposure to the "
            "manufacturer's pregnancy programme.",
            (*LABEL, "herceptin_smpc"),
        )
    return Finding(
        "PREGNANCY_DEFER",
        "Pregnant: do not start trastuzumab now. It can cause oligohydramnios and fetal harm; "
        "defer and refer. Contraception during treatment and for "
        f"{CONTRACEPTION_MONTHS_AFTER} months after the last dose.",
        LABEL,
    )


def decide(case: Case, her2: Her2) -> Decision:
    if her2.status == "positive":
        decision = _positive(case)
    elif her2.status == "negative":
        decision = _negative(case, her2)
    else:
        decision = Decision(
            "insufficient_information",
            [
                Finding(
                    "HER2_UNRESOLVED",
                    f"HER2 status is not settled yet: it needs {NEEDS[her2.status]}.",
                    ("wolff2018",) if case.indication != "metastatic_gastric" else ("bartley2017",),
                )
            ],
            missing=list(her2.missing),
        )
    decision = _older_edition(case, her2, decision)
    if case.pregnant:
        decision.eligibility = "not_eligible"
        decision.reasons.append(_pregnant(case))
    elif (
        case.pregnant is None
        and not case.on_treatment
        and decision.eligibility in ("eligible", "consider")
    ):
        decision.warnings.append(
            Finding(
                "PREGNANCY_STATUS_UNKNOWN",
                "Check pregnancy status before starting (embryo-fetal toxicity).",
                LABEL,
            )
        )
    return decision
