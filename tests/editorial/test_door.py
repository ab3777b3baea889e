"""The one door between the editorial tooling and the calculator (build_tools/editorial/door.py),
and the doors between build tools that must stay shut (the security plugin and the dev server)."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from build_tools.editorial import door
from build_tools.editorial.expect import read_cases
from tests.editorial.helpers import ROOT, build, make_project

EDITORIAL = ROOT / "build_tools" / "editorial"


def _imports(path: Path, /) -> set[str]:
    """Every module ``path`` imports (at any depth, function-level imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_door_names_the_calculator() -> None:
    offenders = {
        path.name: sorted(m for m in _imports(path) if m.split(".")[0] == "calculator")
        for path in EDITORIAL.glob("*.py")
        if path.name != "door.py"
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    # The door itself imports the calculator only lazily, by the names it declares.
    assert not [m for m in _imports(EDITORIAL / "door.py") if m.split(".")[0] == "calculator"]


def test_the_security_plugin_never_imports_the_dev_server() -> None:
    for path in (ROOT / "build_tools" / "security").glob("*.py"):
        assert "build_tools.serve" not in _imports(path), path.name


def test_the_door_digests_the_rules_as_every_result_does() -> None:
    from calculator import evaluate

    sources = door.rule_sources(ROOT / "calculator")
    assert sources and all(name.endswith(".py") for name in sources)
    stamp = evaluate({"indication": "metastatic_breast"})["rules"]
    assert door.rule_digest(sources) == stamp["sha256"]
    assert door.rules_version() == stamp["version"]
    changed = {**sources, next(iter(sources)): b"# changed\n"}
    assert door.rule_digest(changed) != stamp["sha256"]


def test_no_calculator_folder_means_no_rule_sources(tmp_path: Path) -> None:
    assert door.rule_sources(tmp_path / "calculator") == {}


@dataclasses.dataclass(frozen=True)
class _Row:
    score: str
    cut_off: float


def test_plain_turns_rule_data_into_json() -> None:
    data = {"rows": (_Row("3+", 2.0),), "set": frozenset({"b", "a"}), "fn": len}
    assert door.plain(data) == {
        "rows": [{"score": "3+", "cut_off": 2.0}],
        "set": ["a", "b"],
        "fn": repr(len),
    }


def test_rule_data_is_the_evaluated_constants_of_the_rule_modules() -> None:
    data = door.child_run("rule-data", ROOT)
    assert set(data) == set(door.rule_sources(ROOT / "calculator"))
    json.dumps(data)  # plain data
    everything = {name: value for module in data.values() for name, value in module.items()}
    assert "!error" not in everything
    # A computed table is data here too (the ast reader could not evaluate it).
    assert any(isinstance(v, list) and v and isinstance(v[0], dict) for v in everything.values())


def test_the_golden_cases_run_through_the_door() -> None:
    golden = ROOT / "tests" / "calculator" / "golden"
    out = door.child_run("golden", ROOT, str(golden))
    assert out["failures"] == []
    assert out["passed"] == len(read_cases(golden)) >= 60


def test_a_broken_calculator_is_reported_with_the_childs_words(tmp_path: Path) -> None:
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "__init__.py").write_text("raise ImportError('rules are broken')\n")
    with pytest.raises(RuntimeError, match="rules are broken"):
        door.child_run("rule-data", tmp_path)


@pytest.mark.build
def test_an_article_without_a_calculator_builds_without_importing_it(tmp_path: Path) -> None:
    """The editorial plugin on a site with no calculator: a ``calculator`` that refuses to be
    imported comes first on the path, and the build still succeeds."""
    project = make_project(tmp_path)
    poison = tmp_path / "poison"
    (poison / "calculator").mkdir(parents=True)
    (poison / "calculator" / "__init__.py").write_text(
        "raise ImportError('the editorial tooling imported the calculator')\n"
    )
    assert "/// calculator" not in (project / "docs" / "article" / "index.md").read_text()
    result = build(project, env={"PYTHONPATH": str(poison)})
    assert result.returncode == 0, result.output
    status = json.loads((result.site / "status.json").read_text())
    assert "rules_sha256" not in status["articles"][0]
    shutil.rmtree(poison)


def _package(root: Path, criteria: str, /) -> Path:
    """A tiny ``calculator`` package in ``root``: its rules module (where the door looks for it)
    lists ``criteria.py`` as the one rule file; ``criteria.py`` holds ``criteria``."""
    package = root / "calculator"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "0.0.1"\n')
    rules = root.joinpath(*door.RULES_MODULE.split(".")).with_suffix(".py")
    for folder in rules.relative_to(package).parents:
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "__init__.py").touch()
    rules.write_text(
        "from pathlib import Path\n"
        "def rule_sources(package_dir):\n"
        "    return {'criteria.py': (Path(package_dir) / 'criteria.py').read_bytes()}\n"
        "def digest(sources):\n"
        "    return 'x' * 64\n"
    )
    (package / "criteria.py").write_text(criteria)
    return root


CRITERIA = """
from dataclasses import dataclass

# --- Cardiac holds (label) ---

#: Withhold for a fall of at least this many points.
DROP = {drop}


@dataclass(frozen=True)
class Hold:
    drop: float
    words: str


#: The holds table, computed from DROP.
HOLDS = tuple(Hold(d, f"fall of >= {{d:g}} points") for d in (DROP, DROP + 2))
"""


def test_a_computed_table_is_compared_by_what_it_holds(tmp_path: Path) -> None:
    """The ast reader cannot evaluate ``HOLDS``; through the door, the packet says which rows
    changed and how."""
    from build_tools.editorial.rules_changes import compare_rules

    old, new = CRITERIA.format(drop="16.0"), CRITERIA.format(drop="17.0")
    old_data = door.child_run("rule-data", _package(tmp_path / "old", old))
    new_data = door.child_run("rule-data", _package(tmp_path / "new", new))
    assert new_data["criteria.py"]["HOLDS"][0] == {"drop": 17.0, "words": "fall of >= 17 points"}
    report = compare_rules(
        {"criteria.py": old}, {"criteria.py": new}, old_data=old_data, new_data=new_data
    )
    by_name = {c.name: c for c in report.changes}
    assert (by_name["DROP"].old, by_name["DROP"].new) == ("16", "17")
    holds = by_name["HOLDS"]
    assert holds.section == "Cardiac holds (label)" and holds.doc.startswith("The holds table")
    assert holds.details == (
        "row 1: drop: 16 → 17; words: “fall of >= 16 points” → “fall of >= 17 points”",
        "row 2: drop: 18 → 19; words: “fall of >= 18 points” → “fall of >= 19 points”",
    )
    # Read from the sources alone, the table's text did not change: its change went unsaid.
    blind = {c.name for c in compare_rules({"criteria.py": old}, {"criteria.py": new}).changes}
    assert blind == {"DROP"}
