"""Inputs that must be refused: each as JSON text, through the one reader every door uses
(:func:`calculator.doors.jsontext.loads`) and the page's bridge; the CLI and batch run the same cases in
``test_cli.py``. Every error names its field, in the field's words (never an internal value)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from calculator import REFERENCE_IDS, InputError, evaluate
from calculator.doors.bridge import evaluate_form_json, evaluate_json
from calculator.doors.jsontext import loads

REFUSALS = Path(__file__).parent / "golden_refusals" / "refusals.json"
CASES: list[dict[str, Any]] = json.loads(REFUSALS.read_text(encoding="utf-8"))["cases"]
#: What an error shown to a person must never contain: a Python repr ("got 999.0"), a quoted
#: choice code ('choose "iv"'), a traceback.
INTERNAL = re.compile(r'\bgot\b|"(iv|sc|q3w|weekly|dual|single)"|Traceback|\d+\.0\b')


def check_errors(case: dict[str, Any], errors: list[dict[str, str]], /) -> None:
    by_field = {e["field"]: e["message"] for e in errors}
    assert set(by_field) == set(case["errors"]), f"{case['id']}: {errors}"
    for field, words in case["errors"].items():
        assert words in by_field[field], f"{case['id']}: {by_field[field]!r}"
        assert not INTERNAL.search(by_field[field]), f"{case['id']}: {by_field[field]!r}"
        assert by_field[field].endswith("."), by_field[field]


def test_the_refusals_have_unique_ids_a_rationale_and_sources() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 20
    for case in CASES:
        assert case["rationale"].strip() and set(case["refs"]) <= REFERENCE_IDS


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_refused_through_the_json_reader_and_the_engine(case: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        evaluate(loads(case["text"]))
    check_errors(case, caught.value.errors)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_refused_through_the_browser_bridge(case: dict[str, Any]) -> None:
    response = json.loads(evaluate_json(case["text"]))
    assert response["ok"] is False
    check_errors(case, response["errors"])


@pytest.mark.parametrize(
    ("flat", "field", "words"),
    [
        ({"indication": "metastatic_breast", "ihc": "3+", "weight_kg": "7"}, "weight_kg", "adult"),
        (
            {"indication": "metastatic_breast", "lvef_percent": "0,6"},
            "lvef_percent",
            "60, not 0.60",
        ),
        ({"indication": "metastatic_breast", "weight_kg": "7" * 400}, "weight_kg", "far too large"),
        ({"indication": "metastatic_gastric", "route": "sc"}, "route", "choose intravenous"),
        (
            {"indication": "metastatic_breast", "ish_method": "dual", "her2_cep17_ratio": "2"},
            "avg_her2_copies",
            "Average HER2 copies per cell",
        ),
    ],
)
def test_the_form_reports_the_same_words_at_the_form_field(
    flat: dict[str, str], field: str, words: str
) -> None:
    """The page sends text values; errors come back by form field name, in the same words."""
    response = json.loads(evaluate_form_json(json.dumps(flat)))
    assert response["ok"] is False
    messages = {e["field"]: e["message"] for e in response["errors"]}
    assert words in messages[field], messages
    assert not INTERNAL.search(messages[field]), messages


def test_a_form_field_sent_twice_is_an_error_on_that_field() -> None:
    response = json.loads(
        evaluate_form_json('{"indication": "early_breast", "ihc": "0", "ihc": "3+"}')
    )
    assert response["ok"] is False
    assert [e["field"] for e in response["errors"]] == ["ihc"]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000 + "]" * 50_000,
        '{"indication": "early_breast", "ish": ' + "[" * 3000 + "]" * 3000 + "}",
        '{"a": 1, "a": 2, "b": {"c": 1, "c": 2}}',
        "1" * 5000,
        '"' + "x" * 100_000 + '"',
    ],
)
def test_hostile_json_text_is_an_error_never_an_exception(text: str) -> None:
    response = json.loads(evaluate_json(text))
    assert response["ok"] is False and response["errors"]
    assert all(set(e) == {"field", "message"} for e in response["errors"])
