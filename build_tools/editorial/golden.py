"""The calculator's golden cases, run before an approval (``approve`` refuses while one fails).

A golden file (``tests/calculator/golden/*.json``) is ``{"cases": [{"id", "input", "expect"}]}``;
``expect`` maps a dotted path of the result (``her2.status``, ``dosing.vials.0``) to its value,
or ``reasons_include`` / ``warnings_exclude`` (any ``<list>_include|_exclude``) to codes that
must (not) appear in that list, or ``reasons_says`` / ``reasons_says_not`` to ``{code: [words]}``
that the finding's message must (not) say, or ``<path>_contains`` / ``<path>_lacks`` to words a
text of the result (``headline``, ``cardiac.reason``) must (not) say. The cases are evaluated in a child process started in the
project's folder, so the project's own ``calculator`` package is the one checked, whatever
package this tool was installed with.

``python -m build_tools.editorial.golden DIR`` prints ``{"passed", "failures"}`` as JSON;
``… DIR --answers`` prints every case with its answer (the review packet compares the answers
of the approved rules with today's, each run in its own child process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.editorial.expect import MISSING as _MISSING
from build_tools.editorial.expect import at as _at
from build_tools.editorial.expect import check_case
from build_tools.editorial.project import Project

__all__ = ["ANSWER_PATHS", "GoldenResult", "check_case", "golden_answers", "run_golden"]

#: What a golden case's answer is, for comparing two versions of the rules (CONTRACTS.md §1).
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


def _answers(folder: Path) -> dict[str, Any]:
    from calculator import evaluate  # the package of the folder this child was started in

    cases = []
    for path in sorted(folder.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            item = {
                "file": path.name,
                "id": case.get("id"),
                "rationale": case.get("rationale"),
                "input": case["input"],
            }
            try:
                result = evaluate(case["input"])
                item["wrong"] = check_case(case, result)
                item["answer"] = {
                    p: value for p in ANSWER_PATHS if (value := _at(result, p)) is not _MISSING
                }
            except Exception as exc:  # a crash is an answer too, reported as such
                item["wrong"] = [f"evaluation raised {type(exc).__name__}: {exc}"]
                item["answer"] = {"error": f"{type(exc).__name__}: {exc}"}
            cases.append(item)
    return {"cases": cases}


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


def golden_answers(golden_dir: Path, package_root: Path, /) -> list[dict[str, Any]]:
    """Every golden case with its answer under the ``calculator`` package found in
    ``package_root`` (the project, or a folder holding an approved version of the rules);
    raises ``RuntimeError`` with the child's words when the rules cannot be run."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package_root), str(_HERE)])}
    done = subprocess.run(
        [sys.executable, "-m", "build_tools.editorial.golden", str(golden_dir), "--answers"],
        cwd=package_root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    return list(json.loads(done.stdout)["cases"])


if __name__ == "__main__":
    run = _answers if sys.argv[2:] == ["--answers"] else _evaluate_all
    print(json.dumps(run(Path(sys.argv[1]))))
