"""The one door between the editorial tooling and the calculator.

The editorial tooling needs four things of the calculator, and asks for them here only:

- the **rule sources** of a calculator package folder and their **digest** (what an approval
  covers, the ``rules.sha256`` every result carries; CONTRIBUTING.md#signed-approvals);
- the calculator's **version** (the review stamp of the page);
- the **golden cases** run against a calculator package (the approval gate refuses while one
  fails) and their answers (the review packet compares the approved rules' answers with today's);
- the **rule data**: every UPPER_CASE constant of the rule modules, evaluated, as plain data (the
  packet's "rule changes in words" compares the approved snapshot's with today's).

The calculator is imported lazily, by the module names below and nowhere else in
``build_tools/editorial``: a site whose articles embed no calculator never imports it, and a
change of the calculator's layout changes these names only. The golden cases and the rule data
are computed in a child process started in the folder that holds the package (the project, or a
folder holding an approved snapshot of the rules), so that package is the one asked, whatever
``calculator`` this tool was installed with.

``python -m build_tools.editorial.door golden DIR`` prints ``{"passed", "failures"}``;
``… answers DIR`` every case with its answer; ``… rule-data`` the rule data (JSON).
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from build_tools.editorial.expect import MISSING, at, check_case, read_cases

__all__ = [
    "ANSWER_PATHS",
    "CALCULATOR",
    "RULES_MODULE",
    "child_run",
    "rule_digest",
    "rule_sources",
    "rules_version",
]

#: The calculator package: ``evaluate`` and ``__version__`` (CONTRIBUTING.md#calculator-json).
CALCULATOR = "calculator"
#: The calculator's module that lists its rule sources and digests them.
RULES_MODULE = "calculator.rules.digest"

#: What a golden case's answer is, for comparing two versions of the rules
#: (CONTRIBUTING.md#calculator-json).
ANSWER_PATHS = (
    "headline",
    "eligibility",
    "her2.status",
    "her2.ish_group",
    "her2.low_category",
    "cardiac.action",
    "pending_checks",
    "dosing.route",
    "dosing.loading_dose_mg",
    "dosing.maintenance_dose_mg",
    "dosing.missed_dose.action",
)

_HERE = Path(__file__).resolve().parents[2]


def _rules() -> ModuleType:
    return importlib.import_module(RULES_MODULE)


def rule_sources(package_dir: Path, /) -> dict[str, bytes]:
    """Name → bytes of every rule source of the calculator package in ``package_dir`` (empty
    when the folder does not exist: a site without a calculator)."""
    if not package_dir.is_dir():
        return {}
    return dict(_rules().rule_sources(package_dir))


def rule_digest(sources: dict[str, bytes], /) -> str:
    """The calculator's digest of ``sources`` (as :func:`rule_sources` returns them)."""
    return str(_rules().digest(sources))


def rules_version() -> str:
    return str(importlib.import_module(CALCULATOR).__version__)


# -- the child process: run in the folder whose calculator package is asked --------------------


def _evaluate() -> Any:
    return importlib.import_module(CALCULATOR).evaluate


def _golden(folder: Path) -> dict[str, Any]:
    evaluate = _evaluate()
    passed, failures = 0, []
    for file, case in read_cases(folder):
        try:
            wrong = check_case(case, evaluate(case["input"]))
        except Exception as exc:  # a crash is a failed case, reported as such
            wrong = [f"evaluation raised {type(exc).__name__}: {exc}"]
        if wrong:
            failures.append(f"{file}:{case.get('id')}: {'; '.join(wrong)}")
        else:
            passed += 1
    return {"passed": passed, "failures": failures}


def _answers(folder: Path) -> dict[str, Any]:
    evaluate = _evaluate()
    cases = []
    for file, case in read_cases(folder):
        item = {
            "file": file,
            "id": case.get("id"),
            "rationale": case.get("rationale"),
            "input": case["input"],
        }
        try:
            result = evaluate(case["input"])
            item["wrong"] = check_case(case, result)
            item["answer"] = {
                p: value for p in ANSWER_PATHS if (value := at(result, p)) is not MISSING
            }
        except Exception as exc:  # a crash is an answer too, reported as such
            item["wrong"] = [f"evaluation raised {type(exc).__name__}: {exc}"]
            item["answer"] = {"error": f"{type(exc).__name__}: {exc}"}
        cases.append(item)
    return {"cases": cases}


def plain(value: Any, /) -> Any:
    """A constant as plain JSON data: dataclass rows as ``{field: value}``, tuples and sets as
    lists, enums as their values; anything else (a function, a class) as its ``repr``."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else repr(value)
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)
    return repr(value)


def _rule_data() -> dict[str, Any]:
    """``{file name: {CONSTANT: plain value}}`` of every rule module of the package, imported.

    A rule file is found by its name among the package's modules (the digest names files by
    their name alone); a module that cannot be imported is reported under ``"!error"``."""
    package = importlib.import_module(CALCULATOR)
    root = Path(package.__file__ or "").resolve().parent
    names = set(_rules().rule_sources(root))
    out: dict[str, Any] = {}
    for path in sorted(root.rglob("*.py")):
        if path.name not in names:
            continue
        dotted = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        try:
            module = importlib.import_module(dotted)
        except Exception as exc:  # reported in the packet, not a crash of the packet
            out[path.name] = {"!error": f"{type(exc).__name__}: {exc}"}
            continue
        out[path.name] = {
            name: plain(value)
            for name, value in vars(module).items()
            if name.isupper() and not isinstance(value, ModuleType)
        }
    return out


def child_run(command: str, package_root: Path, *args: str) -> Any:
    """Run ``command`` (``golden``, ``answers``, ``rule-data``) in a child process started in
    ``package_root``; raises ``RuntimeError`` with the child's last words when it fails."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_root), str(_HERE)])}
    done = subprocess.run(
        [sys.executable, "-m", "build_tools.editorial.door", command, *args],
        cwd=package_root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit {done.returncode}")
    return json.loads(done.stdout)


def _main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "golden":
        out = _golden(Path(rest[0]))
    elif command == "answers":
        out = _answers(Path(rest[0]))
    elif command == "rule-data":
        out = _rule_data()
    else:
        raise SystemExit(f"unknown command {command!r}: golden DIR, answers DIR or rule-data")
    print(json.dumps(out))


if __name__ == "__main__":
    _main(sys.argv[1:])
