"""The calculator's golden cases, run before an approval (``approve`` refuses while one fails).

The cases and their ``expect`` language are read by :mod:`build_tools.editorial.expect` (the one
reader); they are evaluated through :mod:`build_tools.editorial.door` in a child process started
in the project's folder, so the project's own ``calculator`` package is the one checked, whatever
package this tool was installed with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.editorial.door import ANSWER_PATHS, child_run
from build_tools.editorial.expect import check_case
from build_tools.editorial.project import Project

__all__ = ["ANSWER_PATHS", "GoldenResult", "check_case", "golden_answers", "run_golden"]


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
    try:
        data = child_run("golden", project.root, str(folder))
    except RuntimeError as exc:
        return GoldenResult(0, [f"the golden cases could not be run: {exc}"], name)
    return GoldenResult(int(data["passed"]), list(data["failures"]), name)


def golden_answers(golden_dir: Path, package_root: Path, /) -> list[dict[str, Any]]:
    """Every golden case with its answer under the ``calculator`` package found in
    ``package_root`` (the project, or a folder holding an approved version of the rules);
    raises ``RuntimeError`` with the child's words when the rules cannot be run."""
    return list(child_run("answers", package_root, str(golden_dir))["cases"])
