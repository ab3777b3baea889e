"""Bad input: a field-level error for each problem, all at once; never a crash or a default."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import InputError, evaluate


def errors_of(data: Any) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        evaluate(data)
    assert isinstance(caught.value, ValueError)
    return {e["field"]: e["message"] for e in caught.value.errors}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "indication"),
        ({"indication": "lung"}, "indication"),
        ({"indication": "metastatic_breast", "ihc": 3}, "ihc"),
        ({"indication": "metastatic_breast", "ihc": "4+"}, "ihc"),
        ({"indication": "metastatic_gastric", "ihc": "ultralow"}, "ihc"),
        ({"indication": "metastatic_breast", "weight_kg": 0}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": -5}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": 300.1}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": 29.9}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": 7}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": "70"}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": True}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": float("nan")}, "weight_kg"),
        ({"indication": "metastatic_breast", "weight_kg": float("inf")}, "weight_kg"),
        ({"indication": "early_breast", "tumor_size_cm": -0.1}, "tumor_size_cm"),
        ({"indication": "early_breast", "tumor_size_cm": 30.5}, "tumor_size_cm"),
        ({"indication": "early_breast", "nodes_positive": "yes"}, "nodes_positive"),
        ({"indication": "metastatic_breast", "lvef_percent": 101}, "lvef_percent"),
        ({"indication": "metastatic_breast", "lvef_percent": 90.1}, "lvef_percent"),
        ({"indication": "metastatic_breast", "lvef_percent": 0.6}, "lvef_percent"),
        ({"indication": "metastatic_breast", "lvef_baseline_percent": -1}, "lvef_baseline_percent"),
        (
            {"indication": "metastatic_breast", "lvef_baseline_percent": 9.9},
            "lvef_baseline_percent",
        ),
        ({"indication": "metastatic_breast", "schedule": "daily"}, "schedule"),
        ({"indication": "metastatic_breast", "extra": 1}, "extra"),
        ({"indication": "metastatic_breast", "ish": "positive"}, "ish"),
        ({"indication": "metastatic_breast", "ish": {"avg_her2_copies": 4}}, "ish.method"),
        (
            {"indication": "metastatic_breast", "ish": {"method": "triple", "avg_her2_copies": 4}},
            "ish.method",
        ),
        (
            {"indication": "metastatic_breast", "ish": {"method": "dual", "avg_her2_copies": 4}},
            "ish.her2_cep17_ratio",
        ),
        (
            {
                "indication": "metastatic_breast",
                "ish": {"method": "single", "her2_cep17_ratio": 2.0, "avg_her2_copies": 4},
            },
            "ish.her2_cep17_ratio",
        ),
        (
            {
                "indication": "metastatic_breast",
                "ish": {"method": "dual", "her2_cep17_ratio": -1, "avg_her2_copies": 4},
            },
            "ish.her2_cep17_ratio",
        ),
        (
            {
                "indication": "metastatic_breast",
                "ish": {"method": "dual", "her2_cep17_ratio": 2, "avg_her2_copies": -4},
            },
            "ish.avg_her2_copies",
        ),
        (
            {
                "indication": "metastatic_breast",
                "ish": {"method": "single", "avg_her2_copies": 4, "cells": 20},
            },
            "ish.cells",
        ),
    ],
)
def test_each_bad_value_is_reported_against_its_field(data: dict[str, Any], field: str) -> None:
    errors = errors_of(data)
    assert field in errors
    assert errors[field].endswith(".")


def test_all_errors_are_reported_at_once() -> None:
    errors = errors_of(
        {"indication": "x", "ihc": "9", "weight_kg": -1, "lvef_percent": 200, "bogus": True}
    )
    assert set(errors) == {"indication", "ihc", "weight_kg", "lvef_percent", "bogus"}


@pytest.mark.parametrize("data", [None, [], "early_breast", 3, 1.5])
def test_a_non_object_is_an_input_error(data: Any) -> None:
    assert errors_of(data)


def test_boundaries_that_are_valid() -> None:
    ok = {
        "indication": "early_breast",
        "ihc": "3+",
        "tumor_size_cm": 0.1,
        "weight_kg": 300,
        "lvef_baseline_percent": 90,
        "lvef_percent": 10,
    }
    assert evaluate({**ok, "weight_kg": 30})["her2"]["status"] == "positive"
    assert evaluate(ok)["her2"]["status"] == "positive"
    assert evaluate({**ok, "tumor_size_cm": 30})["eligibility"] != "insufficient_information"


def test_evaluate_does_not_mutate_its_input() -> None:
    data = {"indication": "metastatic_breast", "ish": {"method": "single", "avg_her2_copies": 7}}
    before = repr(data)
    evaluate(data)
    assert repr(data) == before


MB = {"indication": "metastatic_breast", "ihc": "3+"}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        # Issue 12 rule 10: implausible values are refused with the field named.
        (
            {**MB, "ish": {"method": "dual", "her2_cep17_ratio": 0, "avg_her2_copies": 4}},
            "ish.her2_cep17_ratio",
        ),
        (
            {**MB, "ish": {"method": "dual", "her2_cep17_ratio": 2, "avg_her2_copies": 0}},
            "ish.avg_her2_copies",
        ),
        ({**MB, "ish": {"method": "single", "avg_her2_copies": 0}}, "ish.avg_her2_copies"),
        (
            {"indication": "metastatic_gastric", "ish": {"method": "dual", "her2_cep17_ratio": 0}},
            "ish.her2_cep17_ratio",
        ),
        ({"indication": "early_breast", "tumor_size_cm": 0}, "tumor_size_cm"),
        ({**MB, "lvef_lln_percent": 39}, "lvef_lln_percent"),
        ({**MB, "lvef_lln_percent": 61}, "lvef_lln_percent"),
        ({**MB, "lvef_lln_percent": 39.9}, "lvef_lln_percent"),
        ({**MB, "cardiac_holds": 1.5}, "cardiac_holds"),
        ({**MB, "cardiac_holds": -1}, "cardiac_holds"),
        ({**MB, "cardiac_holds": True}, "cardiac_holds"),
        ({**MB, "cardiac_holds": "2"}, "cardiac_holds"),
        ({**MB, "days_since_last_dose": -1}, "days_since_last_dose"),
        ({**MB, "days_since_last_dose": -0.5}, "days_since_last_dose"),
        ({**MB, "lvef_decline_weeks": -1}, "lvef_decline_weeks"),
        ({**MB, "symptomatic_heart_failure": "yes"}, "symptomatic_heart_failure"),
        ({**MB, "route": "oral"}, "route"),
        # Rule 8: subcutaneous trastuzumab has no gastric indication and is every 3 weeks only.
        ({"indication": "metastatic_gastric", "ihc": "3+", "route": "sc"}, "route"),
        ({**MB, "route": "sc", "schedule": "weekly"}, "schedule"),
        # Breast dual-probe ISH still needs its copy number (groups use it).
        ({**MB, "ish": {"method": "dual", "her2_cep17_ratio": 2.0}}, "ish.avg_her2_copies"),
    ],
)
def test_each_implausible_value_is_refused_against_its_field(
    data: dict[str, Any], field: str
) -> None:
    errors = errors_of(data)
    assert field in errors, errors
    assert errors[field].endswith(".")


def test_every_new_key_is_reported_at_once() -> None:
    errors = errors_of(
        {
            "indication": "metastatic_gastric",
            "route": "sc",
            "days_since_last_dose": -1,
            "cardiac_holds": 0.5,
            "lvef_decline_weeks": -2,
            "symptomatic_heart_failure": 1,
            "lvef_lln_percent": 70,
            "tumor_size_cm": 0,
            "ish": {"method": "dual", "her2_cep17_ratio": 0},
        }
    )
    assert set(errors) == {
        "route",
        "days_since_last_dose",
        "cardiac_holds",
        "lvef_decline_weeks",
        "symptomatic_heart_failure",
        "lvef_lln_percent",
        "tumor_size_cm",
        "ish.her2_cep17_ratio",
    }


@pytest.mark.parametrize(
    "data",
    [
        {**MB, "lvef_lln_percent": 40},
        {**MB, "lvef_lln_percent": 60},
        {**MB, "cardiac_holds": 0},
        {**MB, "cardiac_holds": 2.0},  # a whole number written as a float (form, CSV)
        {**MB, "days_since_last_dose": 0},
        {**MB, "lvef_decline_weeks": 0},
        {"indication": "metastatic_gastric", "ish": {"method": "dual", "her2_cep17_ratio": 2.0}},
        {"indication": "early_breast", "ihc": "3+", "route": "sc", "schedule": "q3w"},
    ],
)
def test_plausible_edge_values_are_accepted(data: dict[str, Any]) -> None:
    assert evaluate(data)["her2"]["status"]


def test_a_whole_number_of_holds_is_an_integer() -> None:
    from calculator.decide.inputs import parse

    assert parse({**MB, "cardiac_holds": 2.0}).cardiac_holds == 2
    assert isinstance(parse({**MB, "cardiac_holds": 2.0}).cardiac_holds, int)
