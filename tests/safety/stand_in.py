"""A stand-in for ``make safety`` in journeys that test the editorial steps, not the hazard tests:
results of a hazard-test run that passed, stamped on the project as it is now.

tests/safety tests the gate (which refuses stale, missing and failing results) and the check
(which really runs the tests) themselves.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.safety.project import SafetyProject
from build_tools.safety.results import stamp, write_results


def write_passing_results(root: Path, /) -> Path:
    project = SafetyProject.at(root)
    log = project.load_log()
    write_results(
        project,
        log,
        {node_id: "passed" for node_id in log.node_ids()},
        stamp(project, log),
        checked_at="2026-01-15T09:00:00+00:00",
    )
    return project.results_file
