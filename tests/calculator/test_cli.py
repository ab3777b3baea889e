"""The command line through real subprocesses: exit codes, JSON errors, batch, schema, help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.calculator.golden import cases

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculator", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_contract_smoke_result_on_stdin() -> None:
    done = run(
        stdin='{"indication":"metastatic_breast","ihc":"3+","weight_kg":70,"schedule":"weekly",'
        '"lvef_baseline_percent":60,"pregnant":false}'
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["her2"]["status"] == "positive"
    assert result["eligibility"] == "eligible"
    assert result["pending_checks"] == []
    assert result["dosing"]["loading_dose_mg"] == 280


def test_pending_checks_keep_the_answer_but_the_headline_names_them() -> None:
    """CONTRIBUTING.md#cli: no LVEF and no pregnancy status → still eligible (the dose is computed:
    4 mg/kg × 70 kg = 280 mg [herceptin_uspi]), but pending checks are listed and named in the
    headline — never a bare "Eligible"; the page shows the dose only once they are done."""
    done = run(
        stdin='{"indication":"metastatic_breast","ihc":"3+","weight_kg":70,"schedule":"weekly"}'
    )
    result = json.loads(done.stdout)
    assert result["pending_checks"] == ["lvef", "pregnancy"]
    assert result["eligibility"] == "eligible"
    assert result["dosing"]["loading_dose_mg"] == 280
    assert result["headline"] == (
        "Eligible for trastuzumab once LVEF is measured and pregnancy is ruled out"
    )


def test_file_argument(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"indication": "metastatic_gastric", "ihc": "2+"}', encoding="utf-8")
    done = run(str(path))
    assert done.returncode == 0
    assert json.loads(done.stdout)["her2"]["status"] == "needs_ish"


@pytest.mark.parametrize(
    ("stdin", "fields"),
    [
        ('{"indication":"metastatic_breast","weight_kg":-5}', {"weight_kg"}),
        ("{not json", {""}),
        ("", {""}),
        (
            '{"indication":"x","ish":{"method":"single","her2_cep17_ratio":2,"avg_her2_copies":3}}',
            {"indication", "ish.her2_cep17_ratio"},
        ),
    ],
)
def test_invalid_input_exits_2_with_json_errors_and_no_traceback(
    stdin: str, fields: set[str]
) -> None:
    done = run(stdin=stdin)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    errors = json.loads(done.stdout)["errors"]
    assert {e["field"] for e in errors} == fields
    assert all(e["message"] for e in errors)


def test_missing_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    done = run(str(tmp_path / "nope.json"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["errors"][0]["message"].startswith("Cannot read")


def test_batch_jsonl_goes_on_after_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"indication":"metastatic_breast","ihc":"3+"}\n'
        '{"indication":"metastatic_breast","weight_kg":0}\n'
        "{broken\n"
        '{"indication":"metastatic_gastric","ihc":"1+"}\n',
        encoding="utf-8",
    )
    done = run("batch", str(path))
    assert done.returncode == 0
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["row"] for line in lines] == [1, 2, 3, 4]
    assert lines[0]["result"]["her2"]["status"] == "positive"
    assert lines[1]["errors"][0]["field"] == "weight_kg"
    assert lines[2]["errors"][0]["message"].startswith("Malformed JSON")
    assert lines[3]["result"]["eligibility"] == "not_eligible"


def test_batch_csv_with_ish_columns(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "indication,ihc,ish_method,her2_cep17_ratio,avg_her2_copies,weight_kg,schedule,pregnant,"
        "lvef_baseline_percent\n"
        "metastatic_breast,,dual,2.0,4.0,70,weekly,no,60\n"
        "metastatic_breast,2+,dual,abc,4.0,,,,\n"
        "early_breast,3+,,,,,,,\n"
        "metastatic_breast,3+,,,,7,weekly,no,60\n",
        encoding="utf-8",
    )
    done = run("batch", str(path))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0]["result"]["her2"]["ish_group"] == 1
    assert lines[0]["result"]["dosing"]["loading_dose_mg"] == 280
    assert lines[1]["errors"][0]["field"] == "ish.her2_cep17_ratio"
    assert lines[2]["result"]["missing"] == ["nodes_positive", "tumor_size_cm"]
    # A 70 → 7 typo in a CSV row is refused on its field, as on the page (adult weights only).
    assert lines[3]["errors"][0]["field"] == "weight_kg"
    assert "adult range" in lines[3]["errors"][0]["message"]


def test_schema_accepts_every_golden_input_and_rejects_unknown_keys() -> None:
    done = run("schema")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for case in cases():
        validator.validate(case["input"])
    assert not validator.is_valid({"indication": "early_breast", "colour": "red"})
    assert not validator.is_valid({"indication": "early_breast", "weight_kg": 0})


@pytest.mark.parametrize("args", [["--help"], ["batch", "--help"], ["schema", "--help"]])
def test_help_everywhere(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 0
    assert "usage:" in done.stdout


def test_unknown_option_exits_2() -> None:
    done = run("--frobnicate")
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"]


def test_the_opening_example_of_issue_12_is_not_eligible_with_doses() -> None:
    """A lone LVEF of 30% is the pre-treatment value: evaluate before start, never eligible."""
    done = run(stdin='{"indication":"metastatic_breast","ihc":"3+","lvef_percent":30}')
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["eligibility"] == "consider"
    assert result["cardiac"]["action"] == "evaluate_before_start"
    assert result["dosing"] is None
    assert result["rules"]["version"] == "3.4.0"
    assert len(result["rules"]["sha256"]) == 64


def test_every_new_field_error_at_once_exits_2() -> None:
    done = run(
        stdin=json.dumps(
            {
                "indication": "metastatic_gastric",
                "route": "sc",
                "days_since_last_dose": -3,
                "cardiac_holds": 1.5,
                "lvef_decline_weeks": -1,
                "symptomatic_heart_failure": "no",
                "lvef_lln_percent": 39,
                "ish": {"method": "dual", "her2_cep17_ratio": 0, "avg_her2_copies": 0},
            }
        )
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    fields = {e["field"] for e in json.loads(done.stdout)["errors"]}
    assert fields == {
        "route",
        "days_since_last_dose",
        "cardiac_holds",
        "lvef_decline_weeks",
        "symptomatic_heart_failure",
        "lvef_lln_percent",
        "ish.her2_cep17_ratio",
        "ish.avg_her2_copies",
    }


def test_withhold_and_discontinue_through_the_cli() -> None:
    withhold = run(
        stdin='{"indication":"metastatic_breast","ihc":"3+","lvef_baseline_percent":65,'
        '"lvef_percent":45,"weight_kg":70,"schedule":"weekly"}'
    )
    assert json.loads(withhold.stdout)["eligibility"] == "withhold"
    assert json.loads(withhold.stdout)["dosing"] is None
    stop = run(stdin='{"indication":"early_breast","ihc":"3+","symptomatic_heart_failure":true}')
    assert json.loads(stop.stdout)["cardiac"]["action"] == "discontinue"
    assert json.loads(stop.stdout)["eligibility"] == "not_eligible"


REFUSALS = json.loads(
    (ROOT / "tests/calculator/golden_refusals/refusals.json").read_text(encoding="utf-8")
)["cases"]


def test_every_refusal_through_batch_jsonl_names_its_fields(tmp_path: Path) -> None:
    """The same refusals as tests/calculator/test_refusals.py, through `batch` (one JSONL line
    each, read by the same JSON reader): errors on the right fields, no traceback."""
    path = tmp_path / "refusals.jsonl"
    path.write_text("".join(c["text"] + "\n" for c in REFUSALS), encoding="utf-8")
    done = run("batch", str(path))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == len(REFUSALS)
    for case, line in zip(REFUSALS, lines, strict=True):
        assert {e["field"] for e in line["errors"]} == set(case["errors"]), (case["id"], line)


@pytest.mark.parametrize(
    "case",
    [
        c
        for c in REFUSALS
        if c["id"] in {"duplicate-ihc", "weight-400-digits", "weight-5000-digits"}
    ],
    ids=lambda c: c["id"],
)
def test_the_reviews_refusals_through_the_cli(case: dict) -> None:
    """Issue 21: a key given twice, a 400- or 5,000-digit weight: exit 2, a field error, never a
    traceback."""
    done = run(stdin=case["text"])
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert {e["field"] for e in json.loads(done.stdout)["errors"]} == set(case["errors"])
