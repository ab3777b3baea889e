"""Ids of the article's references that results may cite, and the guideline editions applied.

The ids are keys of ``docs/bibliography.yml``; a test checks that every id exists there.
"""

from __future__ import annotations

REFERENCE_IDS: frozenset[str] = frozenset(
    {
        "wolff2018",  # ASCO/CAP 2018 breast HER2 testing focused update
        "wolff2023",  # ASCO/CAP 2023 update (HER2-low reporting; algorithm unchanged)
        "wolff2007",  # ASCO/CAP 2007 (obsolete thresholds)
        "wolff2013",  # ASCO/CAP 2013 update (ratio >=2.0 or >=6 copies; equivocal ISH)
        "bartley2017",  # CAP/ASCP/ASCO gastroesophageal HER2 testing guideline
        "hofmann2008",  # gastric HER2 scoring system
        "bang2010",  # ToGA
        "slamon2001",  # pivotal metastatic trial
        "cobleigh1999",  # monotherapy after chemotherapy
        "vogel2002",  # first-line monotherapy
        "seidman2002",  # cardiac dysfunction in the trials
        "romond2005",  # NSABP B-31 / NCCTG N9831
        "piccart2005",  # HERA
        "tolaney2015",  # APT
        "denduluri2016",  # ASCO adjuvant guideline: node-negative >1 cm recommended, <=1 cm consider
        "goldhirsch2013",  # HERA 2 years vs 1 year
        "slamon2011",  # BCIRG-006
        "cho2003",  # crystal structure, subdomain IV
        "fehrenbacher2020",  # NSABP B-47
        "modi2022",  # DESTINY-Breast04
        "bardia2024",  # DESTINY-Breast06
        "ewer2005",  # reversibility of trastuzumab cardiotoxicity
        "herceptin_uspi",  # US prescribing information
        "herceptin_smpc",  # EU summary of product characteristics
        "hylecta_uspi",  # subcutaneous trastuzumab US label
        # The treatment setting's plan (calculator.rules.regimens):
        "perjeta_uspi",  # pertuzumab US label (neoadjuvant >2 cm or N+, adjuvant high risk)
        "kadcyla_smpc",  # T-DM1 EU label (adjuvant for residual invasive disease)
        "gianni2012",  # NeoSphere
        "schneeweiss2013",  # TRYPHAENA
        "vonminckwitz2017",  # APHINITY
        "vonminckwitz2019",  # KATHERINE
        "baselga2012",  # CLEOPATRA
        "swain2015",  # CLEOPATRA final overall survival
        "cortes2022",  # DESTINY-Breast03
        "tolaney2025",  # DESTINY-Breast09
        "janjigian2023",  # KEYNOTE-811
    }
)

#: Guideline editions, by id. ``refs`` are reference ids.
GUIDELINES: dict[str, dict[str, object]] = {
    "asco_cap_2018": {
        "id": "asco_cap_2018",
        "title": "ASCO/CAP HER2 testing in breast cancer, 2018 focused update "
        "(algorithm reaffirmed 2023)",
        "refs": ["wolff2018", "wolff2023"],
    },
    "asco_cap_2013": {
        "id": "asco_cap_2013",
        "title": "ASCO/CAP HER2 testing in breast cancer, 2013 update (superseded in 2018)",
        "refs": ["wolff2013"],
    },
    "asco_cap_2007": {
        "id": "asco_cap_2007",
        "title": "ASCO/CAP HER2 testing in breast cancer, 2007 (superseded in 2013)",
        "refs": ["wolff2007"],
    },
    "asco_cap_2023": {
        "id": "asco_cap_2023",
        "title": "ASCO/CAP 2023 update: reporting IHC 0 versus 1+ (HER2-low, ultralow)",
        "refs": ["wolff2023"],
    },
    "cap_ascp_asco_2016": {
        "id": "cap_ascp_asco_2016",
        "title": "CAP/ASCP/ASCO HER2 testing in gastroesophageal adenocarcinoma, 2016",
        "refs": ["bartley2017", "hofmann2008"],
    },
    "herceptin_uspi": {
        "id": "herceptin_uspi",
        "title": "Herceptin (trastuzumab) US prescribing information",
        "refs": ["herceptin_uspi"],
    },
    "hylecta_uspi": {
        "id": "hylecta_uspi",
        "title": "Herceptin Hylecta (subcutaneous trastuzumab) US prescribing information",
        "refs": ["hylecta_uspi"],
    },
    "herceptin_smpc": {
        "id": "herceptin_smpc",
        "title": "Herceptin EU summary of product characteristics",
        "refs": ["herceptin_smpc"],
    },
}

#: The current US label: the source most rules cite (one home for the four modules that cite it).
LABEL = ("herceptin_uspi",)
