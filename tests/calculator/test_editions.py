"""ASCO/CAP editions 2007, 2013 and 2018: golden cases at every threshold, the editions data, and
the lean re-classification path against the full ``evaluate`` (hypothesis)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import REFERENCE_IDS, InputError, evaluate
from calculator.decide.inputs import parse
from calculator.decide.reclassify import classify_rows, status
from calculator.rules.criteria import ISH_COPIES_HIGH, ISH_COPIES_LOW, ISH_RATIO_CUTOFF
from calculator.rules.editions import DEFAULT_EDITION, EDITION_IDS, EDITIONS
from tests.conftest import MANY_EXAMPLES

GOLDEN = json.loads(
    (Path(__file__).parent / "golden_editions" / "editions.json").read_text(encoding="utf-8")
)["cases"]


def test_golden_editions_cover_each_edition_with_unique_ids() -> None:
    ids = [c["id"] for c in GOLDEN]
    assert len(ids) == len(set(ids))
    for edition_id in EDITION_IDS:
        assert sum(edition_id in c["expect"] for c in GOLDEN) >= 15


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_golden_edition_case(case: dict[str, Any]) -> None:
    assert case["rationale"].strip()
    assert case["refs"] and set(case["refs"]) <= REFERENCE_IDS, "every case cites its source"
    parsed = parse(case["input"])
    for edition_id, expected in case["expect"].items():
        assert status(parsed, edition_id) == expected, f"{case['id']} under {edition_id}"


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_golden_editions_through_evaluate_and_the_guideline_key(case: dict[str, Any]) -> None:
    """The full result read under each edition (``guideline``) gives the same status, names the
    edition in ``guidelines`` (breast), and keeps the 2023 low categories to 2018."""
    if DEFAULT_EDITION in case["expect"]:
        assert evaluate(case["input"])["her2"]["status"] == case["expect"][DEFAULT_EDITION]
    if case["input"]["indication"] == "metastatic_gastric":
        return
    for edition_id, expected in case["expect"].items():
        data = {**case["input"], "guideline": edition_id}
        if data.get("ihc") == "ultralow" and not EDITIONS[edition_id].low_categories:
            # The bulk re-classifier still reads such a report (as IHC 0); a single evaluation
            # asked for an edition without the category refuses it on ``ihc``.
            with pytest.raises(InputError) as refused:
                evaluate(data)
            assert [e["field"] for e in refused.value.errors] == ["ihc"]
            continue
        result = evaluate(data)
        assert result["her2"]["status"] == expected, f"{case['id']} under {edition_id}"
        assert result["guidelines"][0]["id"] == edition_id
        if edition_id != DEFAULT_EDITION:
            assert result["her2"]["low_category"] is None
            assert result["her2"]["ish_group"] is None


def test_a_report_that_reads_differently_says_so() -> None:
    """Ratio 2.1 with 3.5 copies and IHC 2+: 2018 group 2 negative (wolff2018); 2013 positive
    at ratio ≥2.0 (wolff2013); 2007 equivocal at 1.8–2.2 (wolff2007)."""
    data = {
        "indication": "metastatic_breast",
        "ihc": "2+",
        "ish": {"method": "dual", "her2_cep17_ratio": 2.1, "avg_her2_copies": 3.5},
    }
    result = evaluate(data)
    notes = {w["message"]: w["refs"] for w in result["warnings"]}
    assert notes["Under ASCO/CAP 2013 this report read as positive: ratio ≥2.0."] == ["wolff2013"]
    assert any(m.startswith("Under ASCO/CAP 2007 this report read as equivocal") for m in notes)
    older = evaluate(
        {**data, "guideline": "asco_cap_2013", "lvef_baseline_percent": 60, "pregnant": False}
    )
    # An older edition is for comparison: positive under 2013 but negative under 2018 is at
    # most "consider", with a reason naming the 2018 reading.
    assert older["her2"]["status"] == "positive" and older["eligibility"] == "consider"
    assert older["reasons"][-1]["code"] == "EDITION_DIFFERS_FROM_CURRENT"
    assert (
        "by the current ASCO/CAP 2018 rules it reads as negative" in older["reasons"][-1]["message"]
    )
    codes = [w["code"] for w in older["warnings"]]
    assert "OLDER_GUIDELINE_EDITION" in codes
    assert any(
        w["message"].startswith("Under ASCO/CAP 2018 (current) this report reads as negative")
        for w in older["warnings"]
    )
    same = evaluate({"indication": "metastatic_breast", "ihc": "3+"})
    assert "EDITION_READS_DIFFERENTLY" not in {w["code"] for w in same["warnings"]}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"indication": "early_breast", "guideline": "asco_cap_2099"}, "guideline"),
        ({"indication": "early_breast", "guideline": 2013}, "guideline"),
        ({"indication": "metastatic_gastric", "guideline": "asco_cap_2013"}, "guideline"),
    ],
)
def test_unknown_or_misplaced_edition_is_a_field_error(data: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        evaluate(data)
    assert [e["field"] for e in caught.value.errors] == [field]


def test_default_edition_is_2018_and_gastric_accepts_it() -> None:
    result = evaluate({"indication": "metastatic_gastric", "guideline": "asco_cap_2018"})
    assert result["guidelines"][0]["id"] == "cap_ascp_asco_2016"
    assert [g["id"] for g in evaluate({"indication": "early_breast"})["guidelines"][:2]] == [
        "asco_cap_2018",
        "asco_cap_2023",
    ]


def test_editions_data_names_its_sources() -> None:
    """wolff2007: ratio >2.2 positive, 1.8–2.2 equivocal, IHC 3+ >30%; wolff2013 and wolff2018:
    ratio ≥2.0, copies ≥6.0 / ≥4.0; every cut cites a known reference."""
    e07, e13, e18 = (EDITIONS[i] for i in EDITION_IDS)
    assert (e07.ratio_positive.value, e07.ratio_positive.inclusive) == (2.2, False)
    assert e07.ratio_equivocal is not None and e07.ratio_equivocal.value == 1.8
    assert e07.ratio_equivocal.inclusive and ">30%" in e07.ihc_3plus
    assert (e07.copies_positive.value, e07.copies_positive.inclusive) == (6.0, False)
    assert not e07.dual_uses_copies
    assert (e13.ratio_positive.value, e13.ratio_positive.inclusive) == (2.0, True)
    assert e13.copies_positive.value == 6.0 and e13.copies_positive.inclusive
    assert ">10%" in e13.ihc_3plus and e13.ratio_equivocal is None
    # 2018 reads the very constants the engine computes with (one home per number).
    assert e18.ratio_positive.value == ISH_RATIO_CUTOFF
    assert (e18.copies_positive.value, e18.copies_equivocal.value) == (
        ISH_COPIES_HIGH,
        ISH_COPIES_LOW,
    )
    assert e18.groups and e18.low_categories and not e13.low_categories
    for edition in EDITIONS.values():
        assert set(edition.refs) <= REFERENCE_IDS
        for cut in (edition.ratio_positive, edition.copies_positive, edition.copies_equivocal):
            assert set(cut.refs) <= REFERENCE_IDS and cut.checked


BOUNDARY_RATIOS = [1.79, 1.8, 1.99, 2.0, 2.2, 2.21, 2.3]
BOUNDARY_COPIES = [3.99, 4.0, 5.99, 6.0, 6.01]
ratios = st.sampled_from(BOUNDARY_RATIOS) | st.floats(0.01, 10, allow_nan=False)
copies = st.sampled_from(BOUNDARY_COPIES) | st.floats(0.01, 20, allow_nan=False)
ish = (
    st.none()
    | st.builds(
        lambda r, c: {"method": "dual", "her2_cep17_ratio": r, "avg_her2_copies": c}, ratios, copies
    )
    | st.builds(lambda c: {"method": "single", "avg_her2_copies": c}, copies)
)
rows = st.fixed_dictionaries(
    {"indication": st.sampled_from(["early_breast", "metastatic_breast", "metastatic_gastric"])},
    optional={
        "ihc": st.none() | st.sampled_from(["0", "ultralow", "1+", "2+", "3+"]),
        "ish": ish,
        "weight_kg": st.none() | st.floats(-5, 500, allow_nan=False),
        "tumor_size_cm": st.none() | st.floats(0, 30),
        "nodes_positive": st.none() | st.booleans(),
    },
)


def _evaluate(data: dict[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    try:
        return evaluate(data), []
    except InputError as exc:
        return None, exc.errors


@given(rows, st.sampled_from(EDITION_IDS))
def test_lean_path_agrees_with_evaluate_under_every_edition(
    data: dict[str, Any], edition_id: str
) -> None:
    full, _ = _evaluate(
        data if data["indication"] == "metastatic_gastric" else {**data, "guideline": edition_id}
    )
    lines, _ = classify_rows([(1, None, data)], (edition_id,))
    out = json.loads(lines[0])
    if full is not None:
        assert out["status"] == {edition_id: full["her2"]["status"]}


@settings(max_examples=MANY_EXAMPLES)
@given(rows)
def test_lean_2018_path_agrees_with_evaluate_on_every_row(data: dict[str, Any]) -> None:
    """Under 2018 the re-classifier and ``evaluate`` give the same ``her2.status`` (or both
    reject the row with the same field errors)."""
    lines, tally = classify_rows([(1, None, data)], (DEFAULT_EDITION,))
    out = json.loads(lines[0])
    full, errors = _evaluate(data)
    if full is None:  # both reject the row, naming the same fields
        assert tally.errors == 1
        assert out["errors"] == errors
        return
    assert tally.errors == 0
    assert out["status"] == {DEFAULT_EDITION: full["her2"]["status"]}
    assert out["changed"] is False
