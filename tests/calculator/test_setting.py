"""The treatment setting decides the plan (calculator.decide.setting, rules in calculator.rules.regimens):
pertuzumab only where its label and the trials put it, T-DM1 only for residual invasive disease
after neoadjuvant treatment, T-DXd after a trastuzumab-based regimen; every door refuses a setting,
a residual-disease answer or a line where it does not apply; the page's next steps and the copied
summary carry the plan in words; every sentence with a number is made from its constant."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import evaluate
from calculator.doors.bridge import evaluate_form, summary_form
from calculator.rules import regimens
from calculator.rules.digest import digest, rule_sources
from calculator.words import view
from calculator.words.fields import FIELDS

#: The CLI and batch doors run in a subprocess, which Pyodide does not have (the page's door,
#: the bridge, is tested under both).
NO_SUBPROCESS = pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocess")


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    from tests.calculator.test_cli import run

    return run(*args, stdin=stdin)


#: CONTRIBUTING.md#calculator-json: the drug codes of plan.partners and plan.alternatives.
CONTRACT_CODES = {
    "pertuzumab",
    "taxane",
    "trastuzumab_emtansine",
    "trastuzumab_deruxtecan",
    "cisplatin_fluoropyrimidine",
}
EARLY = {"indication": "early_breast", "ihc": "3+", "lvef_baseline_percent": 60, "pregnant": False}
SIZES = st.one_of(st.none(), st.floats(min_value=0.1, max_value=30, allow_nan=False))
NODES = st.sampled_from([None, True, False])


def _plan(data: dict[str, Any]) -> dict[str, Any]:
    return evaluate({k: v for k, v in data.items() if v is not None})["plan"]


@given(size=SIZES, nodes=NODES, setting=st.sampled_from([None, "adjuvant", "neoadjuvant"]))
def test_pertuzumab_is_named_only_where_its_label_and_the_trials_put_it(
    size: float | None, nodes: bool | None, setting: str | None
) -> None:
    """Neoadjuvant: > 2 cm or node-positive (Perjeta label, NeoSphere). Adjuvant: node-positive
    (APHINITY: no benefit in node-negative disease). Nowhere else, and never as an alternative."""
    plan = _plan({**EARLY, "tumor_size_cm": size, "nodes_positive": nodes, "setting": setting})
    if setting == "neoadjuvant":
        big = size is not None and size > regimens.NEOADJUVANT_PERTUZUMAB_TUMOR_CM
        expected = bool(nodes) or big
    else:
        expected = nodes is True
    assert ("pertuzumab" in plan["partners"]) is expected, plan
    assert "pertuzumab" not in plan["alternatives"]
    assert "taxane" in plan["partners"]


@given(
    residual=st.sampled_from([None, True, False]),
    size=SIZES,
    nodes=NODES,
    weight=st.sampled_from([None, 70]),
)
def test_tdm1_replaces_trastuzumab_only_for_residual_disease_after_neoadjuvant_treatment(
    residual: bool | None, size: float | None, nodes: bool | None, weight: int | None
) -> None:
    """KATHERINE: residual invasive disease → T-DM1 for 14 cycles instead of trastuzumab; a
    complete response completes the year of trastuzumab; the stage before treatment no longer
    decides (nothing about it is asked for)."""
    data = {
        **EARLY,
        "setting": "post_neoadjuvant",
        "residual_invasive_disease": residual,
        "tumor_size_cm": size,
        "nodes_positive": nodes,
        "weight_kg": weight,
        "schedule": "q3w" if weight else None,
        # On treatment since before surgery: the heart rules need both LVEFs, the dose the days
        # since the last dose (tested on their own below).
        "lvef_baseline_percent": 60,
        "lvef_percent": 58,
        "days_since_last_dose": 21 if weight else None,
    }
    result = evaluate({k: v for k, v in data.items() if v is not None})
    plan = result["plan"]
    assert ("trastuzumab_emtansine" in plan["alternatives"]) is (residual is True)
    assert plan["partners"] == []
    assert not {"tumor_size_cm", "nodes_positive"} & set(result["missing"])
    expected = {True: "consider", False: "eligible", None: "insufficient_information"}
    assert result["eligibility"] == expected[residual]
    if residual:
        assert f"{regimens.TDM1_CYCLES} cycles" in plan["summary"]
        # The dose shown is trastuzumab's: the plan says T-DM1 is not dosed here.
        assert "trastuzumab_emtansine" in plan["not_dosed"]


def test_no_setting_elsewhere_names_tdm1() -> None:
    for setting, nodes, size in itertools.product(
        [None, "adjuvant", "neoadjuvant"], [None, True, False], [None, 0.5, 1.5, 2.5]
    ):
        plan = _plan({**EARLY, "setting": setting, "nodes_positive": nodes, "tumor_size_cm": size})
        assert "trastuzumab_emtansine" not in plan["alternatives"], (setting, nodes, size)


@pytest.mark.parametrize(
    ("data", "partners", "alternatives"),
    [
        (
            {"indication": "metastatic_breast", "line": "first"},
            ["pertuzumab", "taxane"],
            ["trastuzumab_deruxtecan"],  # with pertuzumab instead (DESTINY-Breast09)
        ),
        ({"indication": "metastatic_breast", "line": "later"}, [], ["trastuzumab_deruxtecan"]),
        ({"indication": "metastatic_breast"}, [], []),
        ({"indication": "metastatic_gastric"}, ["cisplatin_fluoropyrimidine"], []),
    ],
)
def test_metastatic_lines_and_gastric(
    data: dict[str, Any], partners: list[str], alternatives: list[str]
) -> None:
    """CLEOPATRA first line; DESTINY-Breast03 after a trastuzumab-based regimen; ToGA gastric."""
    plan = evaluate({**data, "ihc": "3+"})["plan"]
    assert (plan["partners"], plan["alternatives"]) == (partners, alternatives)


def test_pembrolizumab_is_named_in_words_only_for_gastric_cancer() -> None:
    """KEYNOTE-811: words only (no drug code, no PD-L1 input), and nowhere but gastric cancer."""
    gastric = evaluate({"indication": "metastatic_gastric", "ihc": "3+"})["plan"]
    assert f"CPS ≥ {regimens.PEMBROLIZUMAB_CPS_MIN}" in gastric["summary"]
    assert "pembrolizumab" not in gastric["partners"] + gastric["alternatives"]
    for row in regimens.REGIMENS.values():
        if row.code != "GASTRIC_FIRST_LINE":
            assert "pembrolizumab" not in row.line.lower() + row.reason.lower(), row.code


def test_every_plan_uses_the_contract_codes_and_has_words_and_sources() -> None:
    refs = set(json.loads(json.dumps(sorted(regimens.REGIMEN_REFS))))
    from calculator import REFERENCE_IDS

    assert refs <= REFERENCE_IDS
    for row in regimens.REGIMENS.values():
        assert set(row.partners + row.alternatives + row.optional_partners) <= CONTRACT_CODES
        assert row.line.endswith(".") and row.reason.endswith(".") and row.refs and row.source
        # Readers' words: no drug or setting code in a sentence.
        for code in (*(c for c in CONTRACT_CODES if "_" in c), "post_neoadjuvant", "_"):
            assert code not in row.line and code not in row.reason, (row.code, code)


def _module_with(module: types.ModuleType, name: str, value: object) -> types.ModuleType:
    """A copy of ``module`` whose constant ``name`` is ``value``."""
    source = Path(str(module.__file__)).read_text(encoding="utf-8")
    line = f"{name} = {getattr(module, name)!r}"
    assert line in source, line
    copy = types.ModuleType(f"perturbed_{name.lower()}")
    sys.modules[copy.__name__] = copy
    try:
        exec(compile(source.replace(line, f"{name} = {value!r}"), "regimens", "exec"), vars(copy))
    finally:
        del sys.modules[copy.__name__]
    return copy


@pytest.mark.parametrize(
    ("name", "value"),
    [("NEOADJUVANT_PERTUZUMAB_TUMOR_CM", 2.75), ("TDM1_CYCLES", 17), ("PEMBROLIZUMAB_CPS_MIN", 37)],
)
def test_every_sentence_with_a_number_is_made_from_its_constant(name: str, value: object) -> None:
    def text(module: types.ModuleType) -> str:
        return " ".join(f"{r.when} {r.line} {r.reason}" for r in module.REGIMENS.values())

    before, after = text(regimens), text(_module_with(regimens, name, value))
    assert f"{value:g}" in after and f"{value:g}" not in before, name


def test_the_boundary_follows_the_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine reads the constant (not a copy of 2.0): moving it moves the boundary."""
    from calculator.decide import setting

    data = {**EARLY, "setting": "neoadjuvant", "tumor_size_cm": 2.5, "nodes_positive": False}
    assert "pertuzumab" in evaluate(data)["plan"]["partners"]
    monkeypatch.setattr(setting, "NEOADJUVANT_PERTUZUMAB_TUMOR_CM", 3.0)
    assert "pertuzumab" not in evaluate(data)["plan"]["partners"]


def test_the_rules_digest_covers_the_plan_rules_and_changes_with_them() -> None:
    sources = rule_sources()
    assert {"regimens.py", "setting.py"} <= set(sources)
    for name in ("regimens.py", "setting.py"):
        changed = {**sources, name: sources[name] + b"\n# changed\n"}
        assert digest(changed) != digest(sources), name


# --- The page: fields where they apply, next steps, the copied summary -----------------------


def test_the_new_fields_show_only_where_they_apply() -> None:
    assert FIELDS["setting"].applies == (("indication", ("early_breast",)),)
    assert FIELDS["residual_invasive_disease"].applies == (
        ("indication", ("early_breast",)),
        ("setting", ("post_neoadjuvant",)),
    )
    assert FIELDS["line"].applies == (("indication", ("metastatic_breast",)),)


NEOADJUVANT_FORM = {
    "indication": "early_breast",
    "ihc": "3+",
    "setting": "neoadjuvant",
    "tumor_size_cm": "2.5",
    "nodes_positive": "true",
    "lvef_baseline_percent": "60",
    "pregnant": "false",
    "weight_kg": "70",
    "schedule": "q3w",
}


def test_the_verdicts_next_steps_say_the_plan_in_a_line_and_the_scope() -> None:
    page = evaluate_form(NEOADJUVANT_FORM)["view"]
    steps = page["next_steps"]
    assert steps[0].startswith("Neoadjuvant: trastuzumab + pertuzumab + chemotherapy")
    assert "residual invasive disease → T-DM1" in steps[0]
    assert any("doses trastuzumab only" in s for s in steps)
    # Only trastuzumab is dosed: the dose line names no other drug.
    assert page["dose"].startswith("560 mg loading")


def test_the_copied_summary_carries_the_plan_in_words_with_its_sources() -> None:
    text = summary_form(NEOADJUVANT_FORM, {}, today="2026-12-03")["summary"]
    assert "Treatment setting neoadjuvant" in text
    assert "- Neoadjuvant: trastuzumab + pertuzumab + chemotherapy" in text
    assert "Perjeta" in text or "Genentech" in text
    for code in ("post_neoadjuvant", "trastuzumab_emtansine", "NEOADJUVANT_WITH"):
        assert code not in text


def test_no_plan_line_for_her2_negative_early_disease() -> None:
    data = {"indication": "early_breast", "ihc": "0", "setting": "neoadjuvant"}
    assert view.plan_steps(evaluate(data)) == []


# --- Every door refuses a setting, residual disease or a line where it does not apply ---------

WRONG: list[tuple[dict[str, Any], str]] = [
    ({"indication": "metastatic_breast", "ihc": "3+", "setting": "neoadjuvant"}, "setting"),
    ({"indication": "metastatic_gastric", "ihc": "3+", "setting": "adjuvant"}, "setting"),
    (
        {"indication": "early_breast", "ihc": "3+", "residual_invasive_disease": True},
        "residual_invasive_disease",
    ),
    (
        {
            "indication": "early_breast",
            "ihc": "3+",
            "setting": "adjuvant",
            "residual_invasive_disease": False,
        },
        "residual_invasive_disease",
    ),
    ({"indication": "early_breast", "ihc": "3+", "line": "first"}, "line"),
    ({"indication": "metastatic_gastric", "ihc": "3+", "line": "later"}, "line"),
]


@NO_SUBPROCESS
@pytest.mark.parametrize(("data", "field"), WRONG)
def test_the_cli_exits_2_with_the_field_named(data: dict[str, Any], field: str) -> None:
    done = cli(stdin=json.dumps(data))
    assert done.returncode == 2, done.stdout
    errors = json.loads(done.stdout)["errors"]
    assert [e["field"] for e in errors] == [field]
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize(("data", "field"), WRONG)
def test_the_page_shows_the_error_at_the_field(data: dict[str, Any], field: str) -> None:
    flat = {
        k: ("true" if v is True else "false" if v is False else str(v)) for k, v in data.items()
    }
    response = evaluate_form(flat)
    assert response["ok"] is False
    assert [e["field"] for e in response["errors"]] == [field]


@NO_SUBPROCESS
def test_the_batch_reports_the_row_and_goes_on(tmp_path: Path) -> None:
    rows = [
        WRONG[0][0],
        {
            "indication": "early_breast",
            "ihc": "3+",
            "setting": "neoadjuvant",
            "nodes_positive": True,
        },
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = cli("batch", str(path))
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["field"] for e in lines[0]["errors"]] == ["setting"]
    assert lines[1]["result"]["plan"]["partners"] == ["pertuzumab", "taxane"]


@given(
    residual=st.sampled_from([None, True, False]),
    lvef=st.floats(min_value=10, max_value=90, allow_nan=False),
    pregnant=st.sampled_from([None, False]),
)
def test_after_neoadjuvant_treatment_the_patient_is_on_treatment(
    residual: bool | None, lvef: float, pregnant: bool | None
) -> None:
    """Trastuzumab started before surgery: a current LVEF alone is never read as the baseline
    (it is asked for, and nothing says proceed), and no check or word is about a first dose."""
    data = {
        "indication": "early_breast",
        "ihc": "3+",
        "setting": "post_neoadjuvant",
        "residual_invasive_disease": residual,
        "lvef_percent": lvef,
        "pregnant": pregnant,
    }
    result = evaluate({k: v for k, v in data.items() if v is not None})
    assert "lvef_baseline_percent" in result["missing"]
    assert result["eligibility"] not in ("eligible", "consider")
    assert result["cardiac"]["action"] not in ("proceed", "monitor")
    assert result["pending_checks"] == []
    said = " ".join(
        [result["headline"], result["cardiac"]["reason"] or ""]
        + [r["message"] for r in result["reasons"] + result["warnings"]]
    )
    assert "first dose" not in said
    assert "before starting" not in said


@pytest.mark.parametrize("schedule", ["weekly", "q3w"])
def test_after_neoadjuvant_treatment_the_dose_line_has_no_new_loading_dose(schedule: str) -> None:
    """The page's dose line and the copied summary continue the trastuzumab started before
    surgery: the maintenance dose, the loading dose only as a re-load after a dose > 7 days late."""
    from calculator.words import summary, view

    data = {
        "indication": "early_breast",
        "ihc": "3+",
        "setting": "post_neoadjuvant",
        "residual_invasive_disease": False,
        "weight_kg": 70,
        "schedule": schedule,
        "days_since_last_dose": 7 if schedule == "weekly" else 21,
        "adjuvant_phase": "weekly" if schedule == "weekly" else None,
        "lvef_baseline_percent": 62,
        "lvef_percent": 60,
        "pregnant": False,
    }
    data = {k: v for k, v in data.items() if v is not None}
    result = evaluate(data)
    assert result["dosing"]["continuing"] is True
    line = view.build(data, result)["dose"]
    maintenance = result["dosing"]["maintenance_dose_mg"]
    assert line.startswith(f"{maintenance:g} mg")
    assert "no new loading dose" in line
    assert " loading, then " not in line
    text = summary.summary_text(data, result, today="2026-01-01")
    assert "no new loading dose" in text
    assert " loading, then " not in text
    # Without the days since the last dose: no dose, and they are asked for.
    del data["days_since_last_dose"]
    result = evaluate(data)
    assert result["dosing"] is None
    assert result["missing"] == ["days_since_last_dose"]
