"""Which HER2-directed drugs go with trastuzumab, or instead of it, in each treatment setting:
rules as data, each with the trial and label behind it.

The engine picks one :class:`Regimen` per result (:mod:`calculator.decide.setting`), the article renders
its table "Which HER2-directed drug, when" from the same objects
(``build_tools.calculator_page.tables``), so the two cannot disagree. This describes which drugs
a setting calls for and why; it does not dose pertuzumab, T-DM1 or T-DXd (their own labels do).
Every sentence that states a number is made from the constant that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator.rules.criteria import NODE_NEGATIVE_TUMOR_CM

# --- Numbers of the rules, with their sources -------------------------------------------------

#: Neoadjuvant pertuzumab (with trastuzumab and chemotherapy) is labelled for tumours larger than
#: this (cm) or node-positive disease (Perjeta US label, indications; NeoSphere, TRYPHAENA).
NEOADJUVANT_PERTUZUMAB_TUMOR_CM = 2.0
#: KATHERINE: residual invasive disease after neoadjuvant taxane + trastuzumab → T-DM1 every
#: 3 weeks for this many cycles instead of trastuzumab (vonminckwitz2019).
TDM1_CYCLES = 14
TDM1_INTERVAL_WEEKS = 3
#: KEYNOTE-811 / the US pembrolizumab indication in HER2-positive gastric cancer: PD-L1 combined
#: positive score at or above this value (janjigian2023). Named in words only: the calculator
#: takes no PD-L1 input.
PEMBROLIZUMAB_CPS_MIN = 1
#: DESTINY-Breast03 and the T-DXd indication: relapse during or within this many months of
#: completing (neo)adjuvant HER2-directed treatment counts as treated metastatic disease (the
#: line "later"; cortes2022, FDA approval of May 2022).
TDXD_RELAPSE_MONTHS = 6
#: Trastuzumab (with pertuzumab in the APHINITY and neoadjuvant plans) for one year in all.
EARLY_COURSE = "one year"

# --- The drugs (CONTRIBUTING.md#calculator-json: the codes of ``plan.partners`` and ``plan.alternatives``) ----

#: Code → the words a reader sees. Codes never reach a reader.
DRUGS: dict[str, str] = {
    "pertuzumab": "pertuzumab",
    "taxane": "a taxane (paclitaxel or docetaxel)",
    "trastuzumab_emtansine": "trastuzumab emtansine (T-DM1)",
    "trastuzumab_deruxtecan": "trastuzumab deruxtecan (T-DXd)",
    "cisplatin_fluoropyrimidine": "cisplatin with capecitabine or 5-fluorouracil",
}
#: HER2-directed drugs this calculator names but never doses (scope guard of the issue).
NOT_DOSED: tuple[str, ...] = ("pertuzumab", "trastuzumab_emtansine", "trastuzumab_deruxtecan")
NOT_DOSED_WORDS = (
    "This calculator doses trastuzumab only: pertuzumab, T-DM1 and T-DXd are different drugs "
    "with their own doses (see their labels); never substitute one for another."
)

SETTINGS: tuple[str, ...] = ("adjuvant", "neoadjuvant", "post_neoadjuvant")
DEFAULT_SETTING = "adjuvant"
LINES: tuple[str, ...] = ("first", "later")

_P = NEOADJUVANT_PERTUZUMAB_TUMOR_CM
_TDM1 = f"T-DM1 every {TDM1_INTERVAL_WEEKS} weeks for {TDM1_CYCLES} cycles"


@dataclass(frozen=True, slots=True)
class Regimen:
    """One row of the plan: where it applies, what goes with (or instead of) trastuzumab, why."""

    code: str
    #: Where it applies, for the table: the setting or line in words, then the condition.
    setting: str
    when: str
    #: Given with trastuzumab here (drug codes).
    partners: tuple[str, ...]
    #: Given instead of trastuzumab here (drug codes).
    alternatives: tuple[str, ...]
    #: The plan in one line, for the verdict's next steps and the copied summary.
    line: str
    #: Why, with the trial's result in words.
    reason: str
    refs: tuple[str, ...]
    #: The sources in words, for the article's table (``refs`` are their bibliography keys).
    source: str
    #: Given with trastuzumab only if it was already part of the plan (drug codes).
    optional_partners: tuple[str, ...] = ()
    #: Shown in the article's table "Which HER2-directed drug, when" (rows that only ask for an
    #: input are not).
    in_table: bool = True


REGIMENS: dict[str, Regimen] = {
    r.code: r
    for r in (
        Regimen(
            "NEOADJUVANT_WITH_PERTUZUMAB",
            "Early breast, neoadjuvant (before surgery)",
            f"Tumour > {_P:g} cm or node-positive",
            ("pertuzumab", "taxane"),
            (),
            "Neoadjuvant: trastuzumab + pertuzumab + chemotherapy (with a taxane); at surgery, "
            f"residual invasive disease → {_TDM1} instead of trastuzumab; none → complete "
            f"{EARLY_COURSE} of trastuzumab (± pertuzumab).",
            f"Pertuzumab is labelled before surgery, with trastuzumab and chemotherapy, for "
            f"tumours larger than {_P:g} cm or node-positive disease; adding it raised the rate of "
            "pathological complete response (NeoSphere), with chemotherapy with or without an "
            "anthracycline (TRYPHAENA).",
            ("perjeta_uspi", "gianni2012", "schneeweiss2013"),
            "Perjeta US label; NeoSphere (Gianni 2012); TRYPHAENA (Schneeweiss 2013)",
        ),
        Regimen(
            "NEOADJUVANT_WITHOUT_PERTUZUMAB",
            "Early breast, neoadjuvant (before surgery)",
            f"Tumour ≤ {_P:g} cm and node-negative",
            ("taxane",),
            (),
            "Neoadjuvant: trastuzumab + chemotherapy (with a taxane), without pertuzumab (labelled "
            f"only for tumours > {_P:g} cm or node-positive); at surgery, residual invasive "
            f"disease → {_TDM1}. For a node-negative tumour of ≤ {NODE_NEGATIVE_TUMOR_CM:g} cm, "
            "surgery first, then weekly paclitaxel + trastuzumab (APT), is the usual plan.",
            f"Neoadjuvant pertuzumab is labelled only for tumours larger than {_P:g} cm or "
            "node-positive disease; for small node-negative tumours the studied plan is weekly "
            "paclitaxel with trastuzumab after surgery (APT).",
            ("perjeta_uspi", "tolaney2015"),
            "Perjeta US label; APT (Tolaney 2015)",
        ),
        Regimen(
            "NEOADJUVANT_STAGE_UNKNOWN",
            "Early breast, neoadjuvant (before surgery)",
            "Tumour size or node status not known",
            ("taxane",),
            (),
            "Neoadjuvant: trastuzumab + chemotherapy (with a taxane), with pertuzumab if the "
            f"tumour is > {_P:g} cm or node-positive: enter the tumour size and node status.",
            f"Pertuzumab before surgery depends on the stage: tumour larger than {_P:g} cm or "
            "node-positive disease.",
            ("perjeta_uspi",),
            "Perjeta US label",
            in_table=False,
        ),
        Regimen(
            "ADJUVANT_NODE_POSITIVE",
            "Early breast, adjuvant (after surgery, no treatment before it)",
            "Node-positive (high risk of recurrence)",
            ("pertuzumab", "taxane"),
            (),
            "Adjuvant, node-positive: trastuzumab + pertuzumab with chemotherapy (a taxane, after "
            f"any anthracycline), {EARLY_COURSE} in all.",
            "Pertuzumab is labelled after surgery for a high risk of recurrence; in APHINITY the "
            "benefit of adding it was in node-positive disease (3-year invasive disease-free "
            "survival 92.0% versus 90.2%, HR 0.77), with none seen in node-negative disease.",
            ("perjeta_uspi", "vonminckwitz2017"),
            "Perjeta US label; APHINITY (von Minckwitz 2017)",
        ),
        Regimen(
            "ADJUVANT_NODE_NEGATIVE",
            "Early breast, adjuvant (after surgery, no treatment before it)",
            f"Node-negative, tumour > {NODE_NEGATIVE_TUMOR_CM:g} cm",
            ("taxane",),
            (),
            "Adjuvant: trastuzumab with chemotherapy (a taxane, after any anthracycline), "
            f"{EARLY_COURSE} in all; pertuzumab is not named for node-negative disease (an "
            "individual decision for high-risk node-negative disease).",
            "In APHINITY, adding pertuzumab gave no benefit in node-negative disease (HR 1.13); "
            "the label's “high risk of recurrence” leaves high-risk node-negative disease to an "
            "individual decision. Trastuzumab with chemotherapy is the plan (B-31/N9831, "
            "BCIRG-006).",
            ("vonminckwitz2017", "romond2005", "slamon2011"),
            "APHINITY (von Minckwitz 2017); B-31/N9831 (Romond 2005); BCIRG-006 (Slamon 2011)",
        ),
        Regimen(
            "ADJUVANT_SMALL_NODE_NEGATIVE",
            "Early breast, adjuvant (after surgery, no treatment before it)",
            f"Node-negative, tumour ≤ {NODE_NEGATIVE_TUMOR_CM:g} cm",
            ("taxane",),
            (),
            "Adjuvant: weekly paclitaxel + trastuzumab for 12 weeks, then trastuzumab to "
            f"{EARLY_COURSE} (the APT plan); no pertuzumab.",
            "Small node-negative tumours: weekly paclitaxel with trastuzumab (APT, 3-year invasive "
            "disease-free survival 98.7%); pertuzumab gave no benefit in node-negative disease.",
            ("tolaney2015", "vonminckwitz2017"),
            "APT (Tolaney 2015); APHINITY (von Minckwitz 2017)",
        ),
        Regimen(
            "ADJUVANT_NODE_NEGATIVE_SIZE_UNKNOWN",
            "Early breast, adjuvant (after surgery, no treatment before it)",
            "Node-negative, tumour size not known",
            ("taxane",),
            (),
            "Adjuvant, node-negative, tumour size not known: trastuzumab with chemotherapy (a "
            f"taxane, after any anthracycline), {EARLY_COURSE} in all; or, for a tumour of "
            f"≤ {NODE_NEGATIVE_TUMOR_CM:g} cm, weekly paclitaxel + trastuzumab for 12 weeks, then "
            f"trastuzumab to {EARLY_COURSE} (APT). Enter the tumour size; pertuzumab is not "
            "named for node-negative disease.",
            "The plan for node-negative disease depends on the tumour size: the standard regimen "
            f"(B-31/N9831, BCIRG-006) above {NODE_NEGATIVE_TUMOR_CM:g} cm, weekly paclitaxel "
            "with trastuzumab (APT) for small tumours; pertuzumab gave no benefit in "
            "node-negative disease (APHINITY).",
            ("tolaney2015", "vonminckwitz2017", "romond2005"),
            "APT (Tolaney 2015); APHINITY (von Minckwitz 2017); B-31/N9831 (Romond 2005)",
            in_table=False,
        ),
        Regimen(
            "ADJUVANT_NODES_UNKNOWN",
            "Early breast, adjuvant (after surgery, no treatment before it)",
            "Node status not known",
            ("taxane",),
            (),
            "Adjuvant: trastuzumab with chemotherapy (a taxane), with pertuzumab only if "
            "node-positive: enter the node status.",
            "Pertuzumab after surgery depends on the node status (APHINITY).",
            ("vonminckwitz2017",),
            "APHINITY (von Minckwitz 2017)",
            in_table=False,
        ),
        Regimen(
            "POST_NEOADJUVANT_RESIDUAL",
            "Early breast, after neoadjuvant treatment and surgery",
            "Residual invasive disease in the breast or nodes, after neoadjuvant taxane-based "
            "chemotherapy with trastuzumab",
            (),
            ("trastuzumab_emtansine",),
            f"After neoadjuvant treatment, residual invasive disease: {_TDM1} instead of "
            "trastuzumab (KATHERINE, after neoadjuvant taxane-based chemotherapy with "
            "trastuzumab).",
            "With invasive disease left at surgery after neoadjuvant taxane-based chemotherapy "
            f"and trastuzumab, {_TDM1} instead of trastuzumab gave a 3-year invasive "
            "disease-free survival of 88.3% versus 77.0% (HR 0.50, KATHERINE); it is labelled for "
            "this use.",
            ("vonminckwitz2019", "kadcyla_smpc"),
            "KATHERINE (von Minckwitz 2019); Kadcyla EU label",
        ),
        Regimen(
            "POST_NEOADJUVANT_COMPLETE_RESPONSE",
            "Early breast, after neoadjuvant treatment and surgery",
            "No invasive disease left (pathological complete response)",
            (),
            (),
            f"After neoadjuvant treatment, no invasive disease left: complete {EARLY_COURSE} of "
            "trastuzumab (with pertuzumab if it was part of the neoadjuvant plan).",
            f"Without residual invasive disease, trastuzumab continues to complete {EARLY_COURSE} "
            "(as in the neoadjuvant trials); T-DM1 was studied only for residual disease.",
            ("schneeweiss2013", "vonminckwitz2019"),
            "TRYPHAENA (Schneeweiss 2013); KATHERINE (von Minckwitz 2019)",
            optional_partners=("pertuzumab",),
        ),
        Regimen(
            "POST_NEOADJUVANT_UNKNOWN",
            "Early breast, after neoadjuvant treatment and surgery",
            "Whether invasive disease remained not known",
            (),
            (),
            f"After neoadjuvant treatment: residual invasive disease → {_TDM1} instead of "
            f"trastuzumab; none → complete {EARLY_COURSE} of trastuzumab. Enter whether invasive "
            "disease remained at surgery.",
            "The plan after surgery depends on whether invasive disease remained (KATHERINE).",
            ("vonminckwitz2019",),
            "KATHERINE (von Minckwitz 2019)",
            in_table=False,
        ),
        Regimen(
            "METASTATIC_FIRST_LINE",
            "Metastatic breast, first line",
            "No chemotherapy or HER2-directed treatment yet for metastatic disease",
            ("pertuzumab", "taxane"),
            ("trastuzumab_deruxtecan",),
            "First line: trastuzumab + pertuzumab + a taxane (docetaxel in CLEOPATRA); or "
            "trastuzumab deruxtecan (T-DXd) + pertuzumab instead of trastuzumab and the taxane "
            "(DESTINY-Breast09, US-approved first line).",
            "Adding pertuzumab to trastuzumab and docetaxel lengthened progression-free survival "
            "(18.5 versus 12.4 months) and overall survival (56.5 versus 40.8 months, HR 0.68) in "
            "CLEOPATRA. In DESTINY-Breast09, T-DXd with pertuzumab lengthened progression-free "
            "survival over trastuzumab, pertuzumab and a taxane (median 40.7 versus 26.9 months, "
            "HR 0.56; overall survival not yet mature).",
            ("baselga2012", "swain2015", "perjeta_uspi", "tolaney2025"),
            "CLEOPATRA (Baselga 2012, Swain 2015); Perjeta US label; DESTINY-Breast09 (Tolaney "
            "2025)",
        ),
        Regimen(
            "METASTATIC_LATER_LINE",
            "Metastatic breast, later line",
            "After a trastuzumab-based regimen for metastatic disease, or relapse during or "
            f"within {TDXD_RELAPSE_MONTHS} months of (neo)adjuvant trastuzumab",
            (),
            ("trastuzumab_deruxtecan",),
            "Later line: trastuzumab deruxtecan (T-DXd) instead of trastuzumab if not already "
            "given (DESTINY-Breast03); after T-DXd, or if it is not suitable, the next "
            "HER2-directed regimen is an individual decision.",
            "DESTINY-Breast03 enrolled patients after trastuzumab and a taxane for metastatic "
            f"disease or with relapse during or within {TDXD_RELAPSE_MONTHS} months of "
            "(neo)adjuvant treatment: trastuzumab deruxtecan did better than T-DM1 (12-month "
            "progression-free survival 75.8% versus 34.1%). Its indication covers the same "
            "patients; it says nothing about treatment after T-DXd.",
            ("cortes2022",),
            "DESTINY-Breast03 (Cortés 2022)",
        ),
        Regimen(
            "METASTATIC_LINE_UNKNOWN",
            "Metastatic breast",
            "Line of treatment not known",
            (),
            (),
            "First line: trastuzumab + pertuzumab + a taxane (or T-DXd + pertuzumab); after a "
            "trastuzumab-based regimen, or relapse during or within "
            f"{TDXD_RELAPSE_MONTHS} months of (neo)adjuvant trastuzumab: trastuzumab deruxtecan "
            "(T-DXd) if not already given. Choose the line of treatment.",
            "The HER2-directed plan depends on the line (CLEOPATRA first line, DESTINY-Breast03 "
            "after a trastuzumab-based regimen).",
            ("baselga2012", "cortes2022"),
            "CLEOPATRA (Baselga 2012); DESTINY-Breast03 (Cortés 2022)",
            in_table=False,
        ),
        Regimen(
            "METASTATIC_HER2_LOW",
            "Metastatic breast, HER2-low or ultralow",
            "HER2-negative for trastuzumab (IHC 1+, 2+ without amplification, or ultralow)",
            (),
            ("trastuzumab_deruxtecan",),
            "HER2-low or ultralow: not trastuzumab; trastuzumab deruxtecan (T-DXd, a different "
            "drug) may be an option (DESTINY-Breast04 and -06).",
            "Trastuzumab deruxtecan lengthened progression-free survival in HER2-low "
            "(DESTINY-Breast04) and HER2-low or ultralow (DESTINY-Breast06) metastatic disease.",
            ("modi2022", "bardia2024"),
            "DESTINY-Breast04 (Modi 2022); DESTINY-Breast06 (Bardia 2024)",
        ),
        Regimen(
            "GASTRIC_FIRST_LINE",
            "Metastatic gastric or GEJ, first line",
            "HER2-positive (IHC 3+, or IHC 2+ with amplification)",
            ("cisplatin_fluoropyrimidine",),
            (),
            "First line: trastuzumab + cisplatin + capecitabine or 5-fluorouracil (ToGA); with "
            f"PD-L1 CPS ≥ {PEMBROLIZUMAB_CPS_MIN}, pembrolizumab is added (KEYNOTE-811, with "
            "5-fluorouracil + cisplatin or capecitabine + oxaliplatin). This plan is for the first "
            "line only: after progression it does not apply.",
            "Trastuzumab with cisplatin and a fluoropyrimidine lengthened overall survival in "
            "ToGA (13.8 versus 11.1 months, HR 0.74); in KEYNOTE-811 pembrolizumab was added to "
            "trastuzumab and fluoropyrimidine and platinum chemotherapy (5-fluorouracil with "
            "cisplatin, or capecitabine with oxaliplatin), and the US indication is "
            f"limited to a PD-L1 combined positive score of {PEMBROLIZUMAB_CPS_MIN} or more.",
            ("bang2010", "herceptin_uspi", "janjigian2023"),
            "ToGA (Bang 2010); Herceptin US label; KEYNOTE-811 (Janjigian 2023)",
        ),
    )
}

#: References the plan cites (a test checks each is in the bibliography and REFERENCE_IDS).
REGIMEN_REFS: frozenset[str] = frozenset(ref for r in REGIMENS.values() for ref in r.refs)


def drug_words(codes: tuple[str, ...] | list[str], /) -> str:
    """Drug codes in words: "pertuzumab and a taxane (paclitaxel or docetaxel)"."""
    items = [DRUGS[c] for c in codes]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
