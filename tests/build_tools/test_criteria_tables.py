"""The article's criteria tables are rendered from the calculator's own rule data."""

from __future__ import annotations

import re
import sys
import types
from html import unescape
from pathlib import Path

import markdown
import pytest

from build_tools.calculator_page import tables
from calculator import evaluate
from calculator.rules import criteria
from calculator.words import view


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [[unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def test_every_article_table_has_a_renderer() -> None:
    assert set(tables.TABLES) == {
        "breast-ihc",
        "ish-dual-groups",
        "ish-single",
        "gastric-ihc",
        "gastric-ish",
        "dosing",
        "missed-dose",
        "cardiac-holds",
        "pending-checks",
        "editions",
        "her2-drugs",
    }


def test_the_group_table_is_the_calculator_data() -> None:
    body = cells(tables.ish_dual_groups())[1:]
    assert [row[0] for row in body] == ["1", "2", "3", "4", "5"]
    assert body[0][1:3] == ["≥2.0", "≥4.0"]
    assert body[2][1:3] == ["<2.0", "≥6.0"]


@pytest.mark.parametrize(
    ("group", "ratio", "copies", "ihc", "status"),
    [
        (2, 2.5, 3.0, "2+", "negative"),
        (3, 1.5, 7.0, "2+", "positive"),
        (4, 1.5, 5.0, "2+", "negative"),
    ],
)
def test_the_published_ihc2_outcome_matches_the_engine(
    group: int, ratio: float, copies: float, ihc: str, status: str
) -> None:
    """ASCO/CAP 2018 [wolff2018]: the table's words for IHC 2+ and the engine agree."""
    row = next(g for g in criteria.ISH_DUAL_GROUPS if g.group == group)
    assert f"IHC 2+ {status}" in row.with_ihc
    result = evaluate(
        {
            "indication": "metastatic_breast",
            "ihc": ihc,
            "ish": {"method": "dual", "her2_cep17_ratio": ratio, "avg_her2_copies": copies},
        }
    )
    assert result["her2"]["status"] == status
    assert result["her2"]["ish_group"] == group


def test_the_dose_table_shows_the_mg_per_kg_the_engine_uses() -> None:
    rows = {row[0]: row for row in cells(tables.dosing())[1:]}
    assert rows["Weekly"][1:3] == ["4 mg/kg", "2 mg/kg every week"]
    assert rows["Every 3 weeks"][1:3] == ["8 mg/kg", "6 mg/kg every 3 weeks"]
    dose = evaluate(
        {
            "indication": "metastatic_gastric",
            "ihc": "3+",
            "weight_kg": 50,
            "schedule": "q3w",
            "lvef_baseline_percent": 60,
            "pregnant": False,
        }
    )["dosing"]
    assert (dose["loading_dose_mg"], dose["maintenance_dose_mg"]) == (400.0, 300.0)
    # The indications in the field table's words, never codes.
    assert "Metastatic gastric or GEJ adenocarcinoma" in rows["Every 3 weeks"][4]
    assert "gastric" not in rows["Weekly"][4]
    assert "_" not in rows["Weekly"][4]


def test_the_criteria_block_renders_the_table_and_refuses_unknown_names() -> None:
    md = markdown.Markdown(extensions=["build_tools.calculator_page.blocks"])
    html = md.convert("/// criteria | cardiac-holds\n///\n")
    assert 'data-criteria="cardiac-holds"' in html
    assert "≥16 percentage points" in html
    md = markdown.Markdown(extensions=["build_tools.calculator_page.blocks"])
    assert "guide-criteria" not in md.convert("/// criteria | nonsense\n///\n")


def test_the_dose_table_shows_the_subcutaneous_dose_the_engine_uses() -> None:
    """Herceptin Hylecta [hylecta_uspi]: 600 mg every 3 weeks, no loading dose, breast only."""
    rows = {row[0]: row for row in cells(tables.dosing())[1:]}
    assert rows["Subcutaneous"][1] == "None"
    assert rows["Subcutaneous"][2].startswith("600 mg every 3 weeks")
    assert "not gastric" in rows["Subcutaneous"][4]
    dose = evaluate(
        {
            "indication": "metastatic_breast",
            "ihc": "3+",
            "route": "sc",
            "lvef_baseline_percent": 60,
            "pregnant": False,
        }
    )["dosing"]
    assert (dose["loading_dose_mg"], dose["maintenance_dose_mg"]) == (None, criteria.SC_DOSE_MG)


READY = {"lvef_baseline_percent": 60, "lvef_percent": 58, "pregnant": False}


def test_the_missed_dose_table_and_the_engine_agree_at_7_and_8_days_late() -> None:
    """US label, missed doses [herceptin_uspi]; the current EU label [herceptin_smpc] says the
    same, so the table has one column of actions and no EU difference."""
    html = tables.missed_dose()
    body = cells(html)[1:]
    assert [row[0] for row in body] == [m.lateness for m in criteria.MISSED_DOSES]
    assert cells(html)[0] == ["Dose", "What to give", "Source"]
    not_due, seven_or_less, more = body[0], body[1], body[2]
    assert "Not due" in not_due[1] and "21 days" in not_due[0]
    assert "maintenance dose" in seven_or_less[1] and "loading dose again" in more[1]
    assert "the current EU label says the same" in seven_or_less[2]
    assert "original schedule" not in html
    base = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "schedule": "weekly"}
    base |= READY
    early = evaluate({**base, "days_since_last_dose": 6})["dosing"]["missed_dose"]
    seven = evaluate({**base, "days_since_last_dose": 14})["dosing"]["missed_dose"]
    eight = evaluate({**base, "days_since_last_dose": 15})["dosing"]["missed_dose"]
    assert (early["action"], early["due_in_days"]) == ("not_due", 1)
    assert (seven["days_late"], seven["action"]) == (7, "maintenance")
    assert (eight["days_late"], eight["action"]) == (8, "reload")


def test_the_pending_checks_table_is_what_holds_the_dose_back() -> None:
    """Each check of the table is a code the engine reports, and holds the shown dose back (the
    page and the summary show none while it is pending)."""
    body = cells(tables.pending_checks())[1:]
    assert [row[0] for row in body] == [p.condition for p in criteria.PENDING_CHECKS]
    base = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "schedule": "weekly"}
    missing_one = {
        "lvef": {"pregnant": False},
        "pregnancy": {"lvef_baseline_percent": 60},
        "anthracycline": {
            "pregnant": False,
            "lvef_baseline_percent": 60,
            "concurrent_anthracycline": True,
        },
    }
    assert set(missing_one) == {p.code for p in criteria.PENDING_CHECKS}
    for code, extra in missing_one.items():
        data = {**base, **extra}
        result = evaluate(data)
        assert result["pending_checks"] == [code], code
        page = view.build(data, result)
        assert page["dose"] == "" and not page["show_dosing"], code


def _criteria_with(name: str, value: float) -> types.ModuleType:
    """A copy of calculator.rules.criteria whose constant ``name`` is ``value``."""
    source = Path(criteria.__file__).read_text(encoding="utf-8")
    line = f"{name} = {getattr(criteria, name)!r}"
    assert line in source, line
    module = types.ModuleType(f"perturbed_{name.lower()}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    try:
        exec(compile(source.replace(line, f"{name} = {value!r}"), "criteria", "exec"), vars(module))
    finally:
        del sys.modules[module.__name__]
    return module


@pytest.mark.parametrize(
    ("name", "value", "table"),
    [
        ("LVEF_WITHHOLD_DROP_POINTS", 17.5, "CARDIAC_HOLDS"),
        ("LVEF_WITHHOLD_DROP_BELOW_LLN_POINTS", 11.5, "CARDIAC_HOLDS"),
        ("LVEF_RESUME_MAX_DROP_POINTS", 14.5, "CARDIAC_HOLDS"),
        ("HOLD_MIN_WEEKS", 4.5, "CARDIAC_HOLDS"),
        ("LVEF_DECLINE_MAX_WEEKS", 8.5, "CARDIAC_HOLDS"),
        ("LVEF_EU_SUSPEND_DROP_POINTS", 12.5, "CARDIAC_HOLDS"),
        ("LVEF_EU_EARLY_CAUTION_PERCENT", 57.5, "CARDIAC_HOLDS"),
        ("MISSED_DOSE_MAX_DAYS_LATE", 13, "MISSED_DOSES"),
        ("EARLY_BREAST_AFTER_WEEKLY_MG_PER_KG", 5.75, "MISSED_DOSES"),
    ],
)
def test_every_number_in_the_rule_tables_comes_from_its_constant(
    name: str, value: float, table: str
) -> None:
    """CONTRIBUTING.md#layers: perturb a constant and the sentences of the table that state it change."""
    before = " ".join(str(row) for row in getattr(criteria, table))
    after = " ".join(str(row) for row in getattr(_criteria_with(name, value), table))
    assert f"{value:g}" in after and f"{value:g}" not in before, name


@pytest.mark.parametrize(
    ("row", "data"),
    [
        (0, {"ihc": "3+"}),
        (1, {"ihc": "2+", "ish": {"method": "dual", "her2_cep17_ratio": 2.0}}),
        (2, {"ihc": "2+", "ish": {"method": "dual", "her2_cep17_ratio": 1.9}}),
        (3, {"ihc": "1+", "ish": {"method": "dual", "her2_cep17_ratio": 2.5}}),
        (4, {"ish": {"method": "dual", "her2_cep17_ratio": 2.5}}),
        (5, {"ihc": "0"}),
    ],
)
def test_each_gastric_reading_row_is_what_the_engine_decides(row: int, data: dict) -> None:
    """CAP/ASCP/ASCO 2016 [bartley2017]; ToGA [bang2010]; EU label [herceptin_smpc]."""
    reading = criteria.GASTRIC_ISH_READING[row]
    result = evaluate(
        {"indication": "metastatic_gastric", "lvef_baseline_percent": 60, "pregnant": False, **data}
    )
    words = {
        "positive": ("Positive", "Positive by ISH"),
        "negative": ("Negative",),
        "needs_ihc": ("Needs IHC",),
    }
    assert reading.status in words[result["her2"]["status"]]
    first_word = {
        "eligible": "Eligible",
        "consider": "Consider",
        "not_eligible": "Not eligible",
        "insufficient_information": "More information needed",
    }
    assert reading.eligibility.startswith(first_word[result["eligibility"]])
    html = tables.gastric_ish()
    assert cells(html)[row + 1] == [reading.ihc, reading.ish, reading.status, reading.eligibility]


@pytest.mark.parametrize(
    ("words", "data", "action"),
    [
        (
            "Decline persisting >8 weeks",
            {
                "lvef_baseline_percent": 60,
                "lvef_percent": 40,
                "lvef_decline_weeks": 9,
                "cardiac_holds": 1,
            },
            "discontinue",
        ),
        (
            "after 3 earlier holds",
            # Three holds, none going on now (0 weeks): a fall needing a hold is the fourth.
            {
                "lvef_baseline_percent": 60,
                "lvef_percent": 40,
                "cardiac_holds": 3,
                "lvef_decline_weeks": 0,
            },
            "discontinue",
        ),
        ("early breast", {"symptomatic_heart_failure": True}, "discontinue"),
        ("metastatic disease", {"symptomatic_heart_failure": True}, "withhold"),
        ("read as the baseline", {"lvef_percent": 45}, "evaluate_before_start"),
        (
            "without a baseline",
            {"lvef_percent": 55, "days_since_last_dose": 7},
            "evaluate_before_start",
        ),
        (
            "During a hold: LVEF still below",
            {"lvef_percent": 45, "cardiac_holds": 1, "lvef_decline_weeks": 5},
            "withhold",
        ),
        (
            "During a hold: LVEF back",
            {
                "lvef_baseline_percent": 60,
                "lvef_percent": 50,
                "cardiac_holds": 1,
                "lvef_decline_weeks": 5,
                "days_since_last_dose": 35,
            },
            "monitor",
        ),
        (
            "During a hold: any other",
            {
                "lvef_baseline_percent": 70,
                "lvef_percent": 54,
                "cardiac_holds": 1,
                "lvef_decline_weeks": 5,
            },
            "withhold",
        ),
        (
            "under 4 weeks since the last dose",
            {
                "lvef_baseline_percent": 60,
                "lvef_percent": 55,
                "cardiac_holds": 1,
                "lvef_decline_weeks": 5,
                "days_since_last_dose": 10,
            },
            "withhold",
        ),
        (
            "Before the first dose, a baseline and a later LVEF",
            {"lvef_baseline_percent": 60, "lvef_percent": 45},
            "withhold",
        ),
        (
            "On treatment, an LVEF below",
            {"lvef_baseline_percent": 50, "lvef_percent": 42, "days_since_last_dose": 7},
            "monitor",
        ),
    ],
)
def test_the_cardiac_table_shows_each_new_rule_the_engine_applies(
    words: str, data: dict, action: str
) -> None:
    """US label, dose modifications and boxed warning [herceptin_uspi]: the table row and the engine agree."""
    html = tables.cardiac_holds()
    row = next(r for r in cells(html)[1:] if words in r[0])
    indication = "early_breast" if words == "early breast" else "metastatic_breast"
    extra = {"nodes_positive": True} if indication == "early_breast" else {}
    result = evaluate({"indication": indication, "ihc": "3+", "pregnant": False, **extra, **data})
    assert result["cardiac"]["action"] == action
    expected = {
        "discontinue": ("Discontinue",),
        "withhold": ("Withhold", "Keep withholding"),
        "evaluate_before_start": ("Evaluate", "A current LVEF is not a baseline"),
        "monitor": ("Resume", "Consider continuing"),
    }
    assert row[1].startswith(expected[action]), row
    assert row[2].startswith(("US label", "EU SmPC", "Trial entry")), row
    assert any("loading dose" in r[1] for r in cells(html)[1:]), "re-load after a hold"


def test_the_editions_table_is_the_editions_data() -> None:
    """wolff2007 (ratio >2.2, 1.8–2.2 equivocal, IHC 3+ >30%), wolff2013 (ratio ≥2.0 or ≥6.0
    copies) and wolff2018 (groups) side by side, each number read from calculator.rules.editions."""
    from calculator.rules.editions import EDITIONS

    rows = {row[0]: row[1:] for row in cells(tables.editions())}
    assert rows["Rule"] == [e.short for e in EDITIONS.values()]
    y2007, y2013, y2018 = rows["Dual-probe ISH positive"]
    assert y2007 == "Ratio >2.2" and "≥2.0" in y2013 and "≥6.0 copies" in y2013
    assert "group 1" in y2018
    assert rows["Dual-probe ISH equivocal"][0] == "Ratio ≥1.8 to 2.2"
    assert ">30%" in rows["IHC 3+"][0] and ">10%" in rows["IHC 3+"][1]
    assert rows["HER2-zero, ultralow, low reporting"] == ["No", "No", "Yes (2023 update)"]


def test_the_her2_drug_table_is_the_plan_data_the_engine_picks_from() -> None:
    """Which HER2-directed drug, when: one row per regimen of calculator.rules.regimens, with its drugs
    in words; and the engine's plan for a case is a row of it."""
    from calculator.rules import regimens

    body = cells(tables.her2_drugs())[1:]
    shown = [r for r in regimens.REGIMENS.values() if r.in_table]
    assert [(row[0], row[1]) for row in body] == [(r.setting, r.when) for r in shown]
    for row, regimen in zip(body, shown, strict=True):
        assert row[4] == regimen.reason and row[5] == regimen.source
        for code in regimen.partners:
            assert regimens.DRUGS[code] in row[2]
        for code in regimen.alternatives:
            assert regimens.DRUGS[code] in row[3]
    residual = evaluate(
        {
            "indication": "early_breast",
            "ihc": "3+",
            "setting": "post_neoadjuvant",
            "residual_invasive_disease": True,
        }
    )["plan"]
    row = body[[r.code for r in shown].index(residual["code"])]
    assert regimens.DRUGS["trastuzumab_emtansine"] in row[3] and row[2] == "—"
