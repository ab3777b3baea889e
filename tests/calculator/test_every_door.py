"""Safety answers that must reach every door: the CLI, the CSV and JSONL batches and the page's
bridge (the same Python). A check pending before the first dose is ``dosing.ready`` false in the
JSON (CONTRIBUTING.md#calculator-json keeps ``eligible`` and the computed dose), and the page shows no dose; a
weight that may be in pounds is asked about wherever it is entered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calculator.doors.bridge import evaluate_form, summary_form
from tests.calculator.test_cli import run as _cli

#: Metastatic breast IHC 3+, 70 kg weekly: 4 mg/kg × 70 = 280 mg loading [herceptin_uspi].
BASE = {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "schedule": "weekly"}
#: Before the first dose, one missing fact per pending check (US label: LVEF before starting,
#: pregnancy status before starting; anthracycline not at the same time [herceptin_uspi,
#: slamon2001]).
PENDING: dict[str, dict[str, Any]] = {
    "lvef": {"pregnant": False},
    "pregnancy": {"lvef_baseline_percent": 60},
    "anthracycline": {
        "pregnant": False,
        "lvef_baseline_percent": 60,
        "concurrent_anthracycline": True,
    },
}
DONE = {"pregnant": False, "lvef_baseline_percent": 60}


def _cli_one(data: dict[str, Any]) -> dict[str, Any]:
    done = _cli(stdin=json.dumps(data))
    assert done.returncode == 0, done.stdout
    return json.loads(done.stdout)


def _batch(rows: list[dict[str, Any]], tmp_path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "jsonl":
        path = tmp_path / "rows.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        keys = sorted({k for r in rows for k in r})
        lines = [",".join(keys)]
        for r in rows:
            cells = [
                ""
                if r.get(k) is None
                else str(r[k]).lower()
                if isinstance(r[k], bool)
                else str(r[k])
                for k in keys
            ]
            lines.append(",".join(cells))
        path = tmp_path / "rows.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _cli("batch", str(path))
    assert done.returncode == 0, done.stdout
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert all("result" in line for line in out), out
    return [line["result"] for line in out]


def _form(data: dict[str, Any]) -> dict[str, Any]:
    text = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in data.items()}
    response = evaluate_form(text)
    assert response["ok"], response
    return response


@pytest.mark.parametrize("check", list(PENDING))
def test_a_pending_check_is_dose_not_ready_through_the_cli_and_both_batches(
    check: str, tmp_path: Path
) -> None:
    """HAZ-017, HAZ-019, HAZ-020 through the machine doors: the answer stays eligible with its
    computed dose (CONTRIBUTING.md#calculator-json), and ``dosing.ready`` is false until the check is done."""
    pending = {**BASE, **PENDING[check]}
    ready = {**BASE, **DONE}
    one = _cli_one(pending)
    jsonl = _batch([pending, ready], tmp_path, "jsonl")
    csv = _batch([pending, ready], tmp_path, "csv")
    for result in (one, jsonl[0], csv[0]):
        assert result["pending_checks"] == [check]
        assert result["eligibility"] == "eligible"
        assert result["dosing"]["loading_dose_mg"] == 280
        assert result["dosing"]["ready"] is False
        assert "shown then" not in json.dumps(result["reasons"])
    for result in (jsonl[1], csv[1]):
        assert result["pending_checks"] == []
        assert result["dosing"]["ready"] is True


@pytest.mark.parametrize("check", list(PENDING))
def test_the_page_shows_no_dose_while_a_check_is_pending(check: str) -> None:
    """The page and the copied summary read ``dosing.ready``: no dose while a check is pending."""
    response = _form({**BASE, **PENDING[check]})
    assert response["result"]["dosing"]["ready"] is False
    assert response["view"]["dose"] == "" and not response["view"]["show_dosing"]
    summary = summary_form({k: str(v).lower() for k, v in {**BASE, **PENDING[check]}.items()}, {})
    assert "280 mg" not in summary["summary"]
    shown = _form({**BASE, **DONE})
    assert shown["view"]["show_dosing"] and shown["view"]["dose"].startswith("280 mg loading")


def test_a_weight_that_may_be_in_pounds_is_asked_about_in_every_door(tmp_path: Path) -> None:
    """HAZ-035: 154 kg (69.9 kg typed in pounds) is dosed but asked about in the CLI, both
    batches and the page's verdict; 70 kg is not (a project convention: above 150 kg)."""
    heavy = {**BASE, **DONE, "weight_kg": 154}
    light = {**BASE, **DONE}
    results = [_cli_one(heavy), *_batch([heavy, light], tmp_path, "jsonl")]
    results += _batch([heavy, light], tmp_path, "csv")
    for result in (results[0], results[1], results[3]):
        messages = {w["code"]: w["message"] for w in result["warnings"]}
        assert "it is 69.9 kg" in messages["WEIGHT_CHECK_UNITS"]
        assert result["dosing"]["loading_dose_mg"] == 616
    for result in (results[2], results[4]):
        assert "WEIGHT_CHECK_UNITS" not in {w["code"] for w in result["warnings"]}
    alerts = _form(heavy)["view"]["verdict"]["alerts"]
    assert any("69.9 kg" in a["text"] for a in alerts)
    assert not any("pounds" in a["text"] for a in _form(light)["view"]["verdict"]["alerts"])


def test_the_weight_and_course_notes_state_their_constants(monkeypatch: pytest.MonkeyPatch) -> None:
    """CONTRIBUTING.md#layers: a sentence about a number is made from the number (project conventions:
    150 kg for the weight check, 365 days for the course note)."""
    from calculator.decide import dosing

    monkeypatch.setattr(dosing, "WEIGHT_CHECK_ABOVE_KG", 120.0)
    monkeypatch.setattr(dosing, "ADJUVANT_COURSE_NOTE_DAYS", 200)
    result = _cli_free(
        {
            "indication": "early_breast",
            "ihc": "3+",
            "nodes_positive": True,
            "weight_kg": 130,
            "schedule": "q3w",
            "lvef_baseline_percent": 62,
            "lvef_percent": 60,
            "days_since_last_dose": 250,
        }
    )
    messages = {w["code"]: w["message"] for w in result["warnings"]}
    assert "more than 120 kg" in messages["WEIGHT_CHECK_UNITS"]
    assert "more than 200 days" in messages["ADJUVANT_COURSE_MAY_BE_COMPLETE"]


def _cli_free(data: dict[str, Any]) -> dict[str, Any]:
    """The engine in this process (a monkeypatched constant does not reach a subprocess)."""
    from calculator import evaluate

    return evaluate(data)


def test_the_result_schema_documents_dosing_ready_and_every_golden_result_fits_it() -> None:
    """CONTRIBUTING.md#calculator-json (an addition): ``python -m calculator schema --result`` describes
    ``dosing.ready`` (required whenever there is a dose) and every golden case's result
    validates against it."""
    import jsonschema

    from calculator import evaluate
    from tests.calculator.golden import cases

    done = _cli("schema", "--result")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    ready = schema["properties"]["dosing"]["properties"]["ready"]
    assert ready["type"] == "boolean" and "do not give yet" in ready["description"]
    assert "ready" in schema["properties"]["dosing"]["required"]
    validator = jsonschema.Draft202012Validator(schema)
    for case in cases():
        validator.validate(evaluate(case["input"]))
