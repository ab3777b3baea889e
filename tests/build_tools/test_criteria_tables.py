"""The article's criteria tables are rendered from the calculator's own rule data."""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest

from build_tools.calculator_page import tables
from calculator import criteria, evaluate


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
        "editions",
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
        {"indication": "metastatic_gastric", "ihc": "3+", "weight_kg": 50, "schedule": "q3w"}
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
    dose = evaluate({"indication": "metastatic_breast", "ihc": "3+", "route": "sc"})["dosing"]
    assert (dose["loading_dose_mg"], dose["maintenance_dose_mg"]) == (None, criteria.SC_DOSE_MG)


def test_the_missed_dose_table_and_the_engine_agree_at_7_and_8_days_late() -> None:
    """US label §2.2 [herceptin_uspi]; EU SmPC [herceptin_smpc] keeps the original schedule."""
    html = tables.missed_dose()
    body = cells(html)[1:]
    assert [row[0] for row in body] == [m.lateness for m in criteria.MISSED_DOSES]
    assert "maintenance dose" in body[0][1] and "loading dose again" in body[1][1]
    assert "keep the original schedule" in body[0][2]
    base = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "schedule": "weekly"}
    seven = evaluate({**base, "days_since_last_dose": 14})["dosing"]["missed_dose"]
    eight = evaluate({**base, "days_since_last_dose": 15})["dosing"]["missed_dose"]
    assert (seven["days_late"], seven["action"]) == (7, "maintenance")
    assert (eight["days_late"], eight["action"]) == (8, "reload")


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
    result = evaluate({"indication": "metastatic_gastric", **data})
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
            {"lvef_baseline_percent": 60, "lvef_percent": 40, "lvef_decline_weeks": 9},
            "discontinue",
        ),
        (
            "after 3 earlier holds",
            {"lvef_baseline_percent": 60, "lvef_percent": 40, "cardiac_holds": 3},
            "discontinue",
        ),
        ("early breast", {"symptomatic_heart_failure": True}, "discontinue"),
        ("metastatic disease", {"symptomatic_heart_failure": True}, "withhold"),
        ("read as the baseline", {"lvef_percent": 45}, "evaluate_before_start"),
    ],
)
def test_the_cardiac_table_shows_each_new_rule_the_engine_applies(
    words: str, data: dict, action: str
) -> None:
    """US label §2.3 and boxed warning [herceptin_uspi]: the table row and the engine agree."""
    html = tables.cardiac_holds()
    row = next(r for r in cells(html)[1:] if words in r[0])
    indication = "early_breast" if words == "early breast" else "metastatic_breast"
    extra = {"nodes_positive": True} if indication == "early_breast" else {}
    result = evaluate({"indication": indication, "ihc": "3+", **extra, **data})
    assert result["cardiac"]["action"] == action
    expected = {
        "discontinue": "Discontinue",
        "withhold": "Withhold",
        "evaluate_before_start": "Evaluate",
    }
    assert row[1].startswith(expected[action])
    assert any("loading dose" in r[1] for r in cells(html)[1:]), "re-load after a hold"


def test_the_editions_table_is_the_editions_data() -> None:
    """wolff2007 (ratio >2.2, 1.8–2.2 equivocal, IHC 3+ >30%), wolff2013 (ratio ≥2.0 or ≥6.0
    copies) and wolff2018 (groups) side by side, each number read from calculator.editions."""
    from calculator.editions import EDITIONS

    rows = {row[0]: row[1:] for row in cells(tables.editions())}
    assert rows["Rule"] == [e.short for e in EDITIONS.values()]
    y2007, y2013, y2018 = rows["Dual-probe ISH positive"]
    assert y2007 == "Ratio >2.2" and "≥2.0" in y2013 and "≥6.0 copies" in y2013
    assert "group 1" in y2018
    assert rows["Dual-probe ISH equivocal"][0] == "Ratio ≥1.8 to 2.2"
    assert ">30%" in rows["IHC 3+"][0] and ">10%" in rows["IHC 3+"][1]
    assert rows["HER2-zero, ultralow, low reporting"] == ["No", "No", "Yes (2023 update)"]
