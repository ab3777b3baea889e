"""A sentence about a number is made from the number (CONTRIBUTING.md#layers; issue example: the
16-point LVEF hold threshold set to 17 must change the article's LVEF table).

Every numeric clinical constant of ``calculator/rules/criteria.py`` is perturbed in a copy of the
package, to a value no text contains by chance; the article's generated tables and the words of a
set of results (reasons, warnings, headline, the page's view, input errors) are rendered from the
copy in a fresh interpreter. The perturbed value must appear in that text, and the text must
change: a number typed beside its constant instead of formatted from it fails here.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "calculator" / "rules" / "criteria.py"

#: Constants that no sentence states, with the reason.
NOT_STATED = {
    "POINTS_DECIMALS": "a float tolerance for comparisons, never shown",
    "KG_PER_LB": "a unit factor: the pounds it converts are shown, not the factor",
    "DAYS_PER_WEEK": "a unit factor: the days it gives are shown (see HOLD_MIN_WEEKS)",
}

#: Results whose words state the constants that the article's tables do not.
CASES: list[dict[str, object]] = [
    {
        "indication": "early_breast",
        "ihc": "3+",
        "tumor_size_cm": 0.8,
        "nodes_positive": False,
        "weight_kg": 70,
        "lvef_baseline_percent": 60,
        "pregnant": False,
    },
    {
        "indication": "early_breast",
        "ihc": "3+",
        "tumor_size_cm": 2,
        "nodes_positive": True,
        "weight_kg": 160,
        "lvef_baseline_percent": 60,
        "pregnant": False,
    },
    {
        "indication": "early_breast",
        "ihc": "3+",
        "tumor_size_cm": 2,
        "nodes_positive": True,
        "weight_kg": 70,
        "lvef_baseline_percent": 60,
        "pregnant": False,
        "schedule": "q3w",
        "days_since_last_dose": 700,
    },
    {
        "indication": "metastatic_breast",
        "ihc": "3+",
        "weight_kg": 70,
        "pregnant": True,
        "lvef_baseline_percent": 60,
    },
    {
        "indication": "metastatic_breast",
        "ihc": "3+",
        "weight_kg": 70,
        "pregnant": False,
        "lvef_baseline_percent": 45,
    },
    {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70},
    {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 70, "schedule": "q3w"},
    {"indication": "early_breast", "ihc": "3+", "route": "sc", "schedule": "weekly"},
    {
        "indication": "early_breast",
        "ihc": "3+",
        "tumor_size_cm": 2,
        "weight_kg": 70,
        "concurrent_anthracycline": True,
        "lvef_baseline_percent": 60,
        "lvef_percent": 45,
        "pregnant": False,
    },
    {"indication": "metastatic_breast", "ihc": "3+", "weight_kg": 5},
    {"indication": "metastatic_breast", "ihc": "3+", "lvef_percent": 0.6},
    {"indication": "metastatic_breast", "ihc": "3+", "lvef_lln_percent": 75},
]

DIGEST = re.compile(r"\b[0-9a-f]{8,64}\b")

RENDER = """
import json, sys
from build_tools.calculator_page import tables
from calculator import InputError, evaluate
from calculator.words import fields, view

out = [getattr(tables, n)() for n in (
    "breast_ihc", "ish_dual_groups", "ish_single", "gastric_ihc", "dosing", "missed_dose",
    "pending_checks", "gastric_ish", "cardiac_holds", "editions")]
out += [str(f) for f in fields.FIELDS.values()]
for data in json.loads(sys.argv[1]):
    try:
        result = evaluate(data)
    except InputError as exc:
        out += [e["message"] for e in exc.errors]
        continue
    out += [f["message"] for f in (*result["reasons"], *result["warnings"])]
    out.append(json.dumps(view.build(data, result), ensure_ascii=False))
print(json.dumps(out, ensure_ascii=False))
"""


def _constants() -> dict[str, object]:
    """Module-level numbers (and number pairs) of criteria.py, by name."""
    found: dict[str, object] = {}
    for node in ast.parse(CRITERIA.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else None
        if not isinstance(target, ast.Name) or not target.id.isupper():
            continue
        try:
            value = ast.literal_eval(node.value)  # type: ignore[union-attr]
        except ValueError:
            continue
        numbers = value if isinstance(value, tuple) else (value,)
        if numbers and all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
            found[target.id] = value
    return found


#: Perturbed values that must stay inside an input's accepted range to be stated at all.
#: Values chosen by hand where the rule above would give one a text already states (98.7% is
#: APT's 3-year invasive disease-free survival in the plan's words).
ODD = {"ADJUVANT_COURSE_NOTE_DAYS": 417, "LVEF_DECLINE_MAX_WEEKS": 8.6}


def _odd(name: str, value: object) -> object:
    """A value no text states by chance (one decimal, as cut-offs are written): 16.0 → 16.7,
    7 → 73, (30.0, 300.0) → (30.7, 300.7)."""
    if name in ODD:
        return ODD[name]
    if isinstance(value, tuple):
        return tuple(_odd("", v) for v in value)
    return value * 10 + 3 if isinstance(value, int) else round(value + 0.7, 1)  # type: ignore[operator]


def _render(package_parent: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_parent), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", RENDER, json.dumps(CASES)],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # The rules digest (in the print stamp) changes with any edit of the rules and could hold the
    # chosen number by chance: masked, so only tables and sentences are compared.
    return [DIGEST.sub("<rules digest>", text) for text in json.loads(done.stdout)]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    copy = tmp_path_factory.mktemp("baseline")
    shutil.copytree(ROOT / "calculator", copy / "calculator")
    return _render(copy)


def test_the_constants_are_found() -> None:
    assert {"LVEF_WITHHOLD_DROP_POINTS", "SC_DOSE_MG", "HOLD_MIN_WEEKS"} <= set(_constants())


@pytest.mark.parametrize("name", sorted(set(_constants()) - set(NOT_STATED)))
def test_every_sentence_that_states_a_constant_follows_it(
    name: str, baseline: list[str], tmp_path: Path
) -> None:
    value = _constants()[name]
    new = _odd(name, value)
    shutil.copytree(ROOT / "calculator", tmp_path / "calculator")
    path = tmp_path / "calculator" / "rules" / "criteria.py"
    source = path.read_text(encoding="utf-8")
    line = next(
        ln
        for ln in source.splitlines()
        if ln.startswith(f"{name} = ") or ln.startswith(f"{name}: ")
    )
    path.write_text(source.replace(line, f"{name} = {new!r}", 1), encoding="utf-8")
    after = _render(tmp_path)
    assert after != baseline, f"{name}: changing it changes no table or sentence"
    text = "\n".join(after)
    before = "\n".join(baseline)
    for number in new if isinstance(new, tuple) else (new,):
        assert f"{number:g}" not in before, f"{number:g} is in the text already: choose another"
        assert f"{number:g}" in text, f"{name} = {number:g}: no table or sentence states it"


#: Numbers inside the rules' tables (a dict, the dose regimens), perturbed where they are written:
#: name -> (text in criteria.py, its replacement, the new number, words the old number gave that
#: must be gone, words the new one gives). The every-3-weeks interval goes to 35 days: every
#: sentence that named "every 3 weeks" must now say "every 5 weeks".
STRUCTURED: dict[str, tuple[str, str, float, str | None, str]] = {
    "INTERVAL_DAYS[q3w]": (
        '"q3w": 21}',
        '"q3w": 35}',
        35,
        r"(?i)every[ -]3[ -]weeks|at least 3 weeks|\b21 days",
        "every 5 weeks",
    ),
    "INTERVAL_DAYS[weekly]": ('{"weekly": 7,', '{"weekly": 14,', 14, None, "every 2 weeks"),
    "DOSING[weekly].loading_mg_per_kg": (
        '"weekly", 4.0, 2.0,',
        '"weekly", 4.7, 2.0,',
        4.7,
        r"\b4 mg/kg",
        "4.7 mg/kg",
    ),
    "DOSING[weekly].maintenance_mg_per_kg": (
        '"weekly", 4.0, 2.0,',
        '"weekly", 4.0, 2.7,',
        2.7,
        r"\b2 mg/kg",
        "2.7 mg/kg",
    ),
    "DOSING[q3w].loading_mg_per_kg": (
        '"q3w", 8.0, 6.0,',
        '"q3w", 8.7, 6.0,',
        8.7,
        r"\b8 mg/kg",
        "8.7 mg/kg",
    ),
    # 6 mg/kg is also the weekly plan's dose after its weekly phase (its own constant).
    "DOSING[q3w].maintenance_mg_per_kg": (
        '"q3w", 8.0, 6.0,',
        '"q3w", 8.0, 6.7,',
        6.7,
        None,
        "6.7 mg/kg",
    ),
}


@pytest.mark.parametrize("name", sorted(STRUCTURED))
def test_the_dose_tables_and_intervals_are_stated_from_their_constants(
    name: str, baseline: list[str], tmp_path: Path
) -> None:
    written, perturbed, number, old_words, new_words = STRUCTURED[name]
    shutil.copytree(ROOT / "calculator", tmp_path / "calculator")
    path = tmp_path / "calculator" / "rules" / "criteria.py"
    source = path.read_text(encoding="utf-8")
    assert source.count(written) == 1, f"{name}: {written!r} is not written once in criteria.py"
    path.write_text(source.replace(written, perturbed), encoding="utf-8")
    after = "\n".join(_render(tmp_path))
    before = "\n".join(baseline)
    assert after != before, f"{name}: changing it changes no table or sentence"
    assert new_words not in before, f"{new_words!r} is in the text already: choose another number"
    assert new_words in after, f"{name} = {number:g}: no table or sentence says {new_words!r}"
    if old_words:
        left = sorted({m.group(0) for m in re.finditer(old_words, after)})
        assert not left, f"{name}: text still states the old value: {left}"
