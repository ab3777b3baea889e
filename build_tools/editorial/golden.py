"""The calculator's golden cases, run before an approval (``approve`` refuses while one fails).

A golden file (``tests/calculator/golden/*.json``) is ``{"cases": [{"id", "input", "expect"}]}``;
``expect`` maps a dotted path of the result (``her2.status``, ``dosing.vials.0``) to its value,
or ``reasons_include`` / ``warnings_exclude`` (any ``<list>_include|_exclude``) to codes that
must (not) appear in that list. The cases are evaluated in a child process started in the
project's folder, so the project's own ``calculator`` package is the one checked, whatever
package this tool was installed with.

``python -m build_tools.editorial.golden DIR`` prints ``{"passed", "failures"}`` as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.editorial.project import Project

__all__ = ["GoldenResult", "check_case", "run_golden"]

_MISSING = object()
_HERE = Path(__file__).resolve().parents[2]


def _at(result: Any, path: str) -> Any:
    node = result
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return _MISSING
    return node


def check_case(case: dict[str, Any], result: dict[str, Any], /) -> list[str]:
    """What in ``result`` differs from ``case["expect"]`` (empty: the case passes)."""
    wrong = []
    for path, expected in case["expect"].items():
        if path.endswith(("_include", "_exclude")):
            name, mode = path.rsplit("_", 1)
            codes = {item["code"] for item in result.get(name) or []}
            bad = set(expected) - codes if mode == "include" else set(expected) & codes
            if bad:
                wrong.append(f"{name} {'lacks' if mode == 'include' else 'has'} {sorted(bad)}")
            continue
        actual = _at(result, path)
        if actual is _MISSING:
            wrong.append(f"no {path} in the result")
        elif actual != expected:
            wrong.append(f"{path} is {actual!r}, expected {expected!r}")
    return wrong


def _evaluate_all(folder: Path) -> dict[str, Any]:
    from calculator import evaluate  # the project's package: this runs in its folder

    passed, failures = 0, []
    for path in sorted(folder.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            try:
                wrong = check_case(case, evaluate(case["input"]))
            except Exception as exc:  # a crash is a failed case, reported as such
                wrong = [f"evaluation raised {type(exc).__name__}: {exc}"]
            if wrong:
                failures.append(f"{path.name}:{case.get('id')}: {'; '.join(wrong)}")
            else:
                passed += 1
    return {"passed": passed, "failures": failures}


@dataclass
class GoldenResult:
    passed: int
    failures: list[str] = field(default_factory=list)
    folder: str = ""

    def refusal(self, article: str, /) -> str:
        if not self.failures:
            return (
                f"{article}: cannot approve: no golden case of the calculator found in "
                f"{self.folder}; the rules are approved only with their worked cases passing"
            )
        lines = "\n".join(f"  {f}" for f in self.failures)
        return (
            f"{article}: cannot approve: {len(self.failures)} golden case(s) of the calculator "
            f"fail ({self.passed} pass):\n{lines}\nFix the rules or the cases (run "
            f"`python -m pytest tests/calculator -q`), then approve again"
        )


def run_golden(project: Project, /) -> GoldenResult:
    folder = project.golden_dir
    name = project.relative(folder)
    if not folder.is_dir():
        return GoldenResult(0, [], name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project.root), str(_HERE)])}
    done = subprocess.run(
        [sys.executable, "-m", "build_tools.editorial.golden", str(folder)],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return GoldenResult(0, [f"the golden cases could not be run: {done.stderr.strip()}"], name)
    data = json.loads(done.stdout)
    return GoldenResult(int(data["passed"]), list(data["failures"]), name)


if __name__ == "__main__":
    print(json.dumps(_evaluate_all(Path(sys.argv[1]))))
