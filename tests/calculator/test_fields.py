"""The field table is the engine's inputs, exactly, and the form is the field table, exactly."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from build_tools.calculator_page.form import form_html
from calculator import evaluate
from calculator.decide import inputs
from calculator.doors.form import evaluate_flat
from calculator.words import fields
from calculator.words.fields import FIELDS, WEIGHT_UNIT, flat_to_input


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("input", "select") and a.get("name"):
            self.names.append(str(a["name"]))
            if tag == "select":
                self._select = str(a["name"])
                self.options[self._select] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(str(a.get("value")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def engine_choices(field: fields.Field) -> tuple[str, ...]:
    if field.json_path == ("ish", "method"):
        return inputs.ISH_METHODS
    return inputs.ENUMS[field.key]


def test_every_engine_input_is_in_the_table_and_nothing_else() -> None:
    top = {f.json_path[0] for f in FIELDS.values()}
    assert top == set(inputs.KEYS)
    ish = {f.json_path[1] for f in FIELDS.values() if f.json_path[0] == "ish"}
    assert ish == {"method", *inputs.ISH_NUMBERS}


@pytest.mark.parametrize("field", list(FIELDS.values()), ids=lambda f: f.key)
def test_each_field_has_the_engine_kind_and_choices(field: fields.Field) -> None:
    if field.kind == "choice":
        assert tuple(c.value for c in field.choices if c.value) == engine_choices(field)
    elif field.kind == "bool":
        assert field.key in inputs.BOOLS
        assert [c.value for c in field.choices] == ["", "true", "false"]
    else:
        spec = field.number_spec
        assert spec is not None, field.key
        assert (field.kind == "integer") == spec.integer
        assert field.unit == spec.unit or (field.unit, spec.unit) == ("", "")


def test_the_rendered_form_has_the_tables_names_and_choices() -> None:
    parser = _Controls()
    parser.feed(form_html())
    assert sorted(parser.names) == sorted([*FIELDS, WEIGHT_UNIT])
    for key, field in FIELDS.items():
        if field.choices:
            assert parser.options[key] == [c.value for c in field.choices]
    assert parser.options[WEIGHT_UNIT] == ["kg", "lb"]


def test_applicability_names_real_fields_and_values() -> None:
    def check(applies: fields.Applies) -> None:
        for name, values in applies:
            assert name in FIELDS
            allowed = {c.value for c in FIELDS[name].choices}
            assert set(values) <= allowed, (name, values)

    for group in fields.GROUPS:
        check(group.applies)
        for field in group.fields:
            check(field.applies)
            for choice in field.choices:
                check(choice.applies)
            for help_text in field.help:
                check(help_text.applies)


def test_flat_text_becomes_the_nested_input() -> None:
    data, errors = flat_to_input(
        {
            "indication": "metastatic_gastric",
            "ish_method": "dual",
            "her2_cep17_ratio": "2,2",
            "nodes_positive": "yes",
            "cardiac_holds": "1",
            "weight_kg": " ",
        }
    )
    assert errors == []
    assert data == {
        "indication": "metastatic_gastric",
        "ish": {"method": "dual", "her2_cep17_ratio": 2.2},
        "nodes_positive": True,
        "cardiac_holds": 1,
    }


def test_gastric_dual_probe_ratio_alone_computes() -> None:
    """CAP/ASCP/ASCO 2016 [bartley2017]: in gastric cancer the HER2/CEP17 ratio decides."""
    flat = {
        "indication": "metastatic_gastric",
        "ihc": "2+",
        "ish_method": "dual",
        "her2_cep17_ratio": "2.0",
    }
    _, result, errors = evaluate_flat(flat)
    assert errors == []
    assert result is not None and result["her2"]["status"] == "positive"
    assert result == evaluate(
        {
            "indication": "metastatic_gastric",
            "ihc": "2+",
            "ish": {"method": "dual", "her2_cep17_ratio": 2.0},
        }
    )


def test_errors_are_named_flat_for_the_page_and_nested_for_the_cli() -> None:
    flat = {
        "indication": "metastatic_breast",
        "ish_method": "dual",
        "her2_cep17_ratio": "x",
        "avg_her2_copies": "4",
        "weight_kg": "-1",
        "colour": "red",
    }
    _, result, errors = evaluate_flat(flat)
    assert result is None
    assert {e["field"] for e in errors} == {"her2_cep17_ratio", "weight_kg", "colour"}
    _, _, nested = evaluate_flat(flat, nested_names=True)
    assert {e["field"] for e in nested} == {"ish.her2_cep17_ratio", "weight_kg", "colour"}


def test_inputs_in_words() -> None:
    assert fields.input_words("indication", "early_breast") == "Early breast cancer"
    assert fields.input_words("weight_kg", 70.0) == "70 kg"
    assert fields.input_words("lvef_percent", 55.0) == "55%"
    assert fields.input_words("schedule", "q3w") == "every 3 weeks"
    assert fields.input_words("ish", {"method": "dual", "her2_cep17_ratio": 2.0}) == (
        "dual-probe, HER2/CEP17 ratio 2.0"
    )


def test_one_unit_per_field_and_the_unit_is_in_the_accessible_name() -> None:
    """Issue 26: "Baseline LVEF (%)" beside a "%" suffix said the unit twice. The unit is shown
    once, beside the number, and belongs to the field's accessible name (label + unit)."""
    import re

    html = form_html()
    for field in FIELDS.values():
        if not field.unit or field.unit_choices:
            continue
        cid = f"calc-{field.key}"
        label = re.search(rf'<label for="{cid}" id="{cid}-label">([^<]*)</label>', html)
        assert label and label.group(1) == field.label, field.key
        assert f"({field.unit})" not in label.group(1)
        assert f'<span class="guide-field__unit" id="{cid}-unit">{field.unit}</span>' in html
        assert f'aria-labelledby="{cid}-label {cid}-unit"' in html
        # Neither the label nor the help says the unit again ("in %", "in weeks").
        assert field.unit not in label.group(1).lower().split(), field.key
        for help_text in field.help:
            assert f"in {field.unit}" not in help_text.text, field.key


def test_pounds_become_kilograms_in_python_and_numbers_are_read_only_here() -> None:
    """The page sends the weight as typed with weight_unit "lb"; Python converts it (1 lb =
    0.45359237 kg exactly, by definition of the international pound) to 0.1 kg, and reads every
    number: hexadecimal or other non-decimal text is an error on its field, never a number."""
    data, errors = flat_to_input({"weight_kg": "154.3", WEIGHT_UNIT: "lb"})
    assert errors == [] and data == {"weight_kg": 70.0}
    data, errors = flat_to_input({"weight_kg": "154,3", WEIGHT_UNIT: "kg"})
    assert errors == [] and data == {"weight_kg": 154.3}
    for text in ("0x1F", "1e", "Infinity"):
        _, errors = flat_to_input({"weight_kg": text, WEIGHT_UNIT: "lb"})
        assert [e["field"] for e in errors] == ["weight_kg"], text
    _, errors = flat_to_input({"weight_kg": "70", WEIGHT_UNIT: "stone"})
    assert [e["field"] for e in errors] == [WEIGHT_UNIT]
