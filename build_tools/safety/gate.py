"""The approval gate: an approval is refused while any hazard lacks a passing test for the code
as it is now. One call, :func:`approval_refusal`, made by ``build_tools.editorial approve``.

It does not run the tests (an approval must stay a quick, deliberate step): it reads the results
``python -m build_tools.safety check`` wrote and refuses when they are missing, were stamped on
other rules, another hazard log, other tests or other code, or record a hazard whose tests did
not all pass.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.safety.project import SafetyProject
from build_tools.safety.results import FORMAT, STAMP_WORDS, hazard_status, read_results, stamp
from build_tools.safety.structure.loader import HazardLogError

__all__ = ["RUN", "approval_refusal"]

RUN = "run `make safety` (python -m build_tools.safety check), then approve again"


def approval_refusal(root: Path, /) -> str | None:
    """Why the project in ``root`` may not be approved now, or ``None`` when it may."""
    project = SafetyProject.at(root)
    name = project.relative(project.results_file)
    try:
        log = project.load_log()
    except HazardLogError as exc:
        return "the hazard log is invalid:\n" + "\n".join(f"  {p}" for p in exc.problems)
    results = read_results(project)
    if results is None or results.get("format") != FORMAT:
        return f"no results of the hazard tests ({name} is missing); {RUN}"
    recorded, now = results.get("stamp") or {}, stamp(project, log)
    changed = [words for key, words in STAMP_WORDS.items() if recorded.get(key) != now[key]]
    if changed:
        return (
            f"the hazard tests in {name} ran on other {'; '.join(changed)} than those here now; "
            f"{RUN}"
        )
    outcomes = results.get("tests") or {}
    status = hazard_status(log, outcomes)
    failing = [h for h in log.hazards if status[h.id] != "passed"]
    if failing:
        lines = "\n".join(
            f"  {h.id} {h.title}: "
            + "; ".join(
                f"{t} {outcomes.get(t, 'not run')}" for t in h.tests if outcomes.get(t) != "passed"
            )
            for h in failing
        )
        return (
            f"{len(failing)} hazard(s) have no passing test ({name}, checked "
            f"{results.get('checked_at', '?')}):\n{lines}\nFix the code or the tests, then {RUN}"
        )
    return None
