"""``python -m build_tools.safety check``: run every test the hazard log names and write the
results, stamped with the digests of what they ran on (:mod:`.results`).

The tests run in a child pytest (so the project's own code and conftest are the ones tested);
the plugin :mod:`.pytest_results` records each node id's outcome. A node id that pytest cannot
find is "not run", which fails its hazard like a failing test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools.safety.project import SafetyProject
from build_tools.safety.results import stamp, write_results
from build_tools.safety.structure.hazards import HazardLog

__all__ = ["aggregate", "run_check"]


def aggregate(log: HazardLog, reported: dict[str, str], /) -> dict[str, str]:
    """The outcome of each node id of ``log``: a function named without parameters stands for all
    of its parametrized cases (passed only if every one passed)."""
    outcomes: dict[str, str] = {}
    for node_id in log.node_ids():
        mine = [
            outcome
            for reported_id, outcome in reported.items()
            if reported_id == node_id
            or ("[" not in node_id and reported_id.startswith(f"{node_id}["))
        ]
        if not mine:
            outcomes[node_id] = "not run"
        elif "failed" in mine:
            outcomes[node_id] = "failed"
        elif "skipped" in mine:
            outcomes[node_id] = "skipped"
        else:
            outcomes[node_id] = "passed"
    return outcomes


def run_pytest(project: SafetyProject, node_ids: list[str], /) -> dict[str, str]:
    """Outcomes by reported node id of one child pytest run over ``node_ids``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "outcomes.json"
        # PYTEST_ADDOPTS (say -n, -x or -q) or a test worker's variables must not change the
        # child run whose outcomes are recorded.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        env["SAFETY_RESULTS_OUT"] = str(out)
        here = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [here, env.get("PYTHONPATH")]))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-p",
                "build_tools.safety.pytest_results",
                "-p",
                "no:cacheprovider",
                "-q",
                *node_ids,
            ],
            cwd=project.root,
            env=env,
            check=False,
        )
        if not out.is_file():
            return {}
        return json.loads(out.read_text(encoding="utf-8"))


def run_check(project: SafetyProject, /) -> int:
    """Run the hazard tests, write the results; 0 when every hazard's tests passed, else 1."""
    log = project.load_log()
    before = stamp(project, log)
    outcomes = aggregate(log, run_pytest(project, log.node_ids()))
    after = stamp(project, log)
    if after != before:
        changed = ", ".join(k for k in before if before[k] != after[k])
        print(f"The project changed while the hazard tests ran ({changed}): run again.")
        return 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    document = write_results(project, log, outcomes, before, checked_at=now)
    failing = [h for h in log.hazards if document["hazards"][h.id] != "passed"]
    name = project.relative(project.results_file)
    if not failing:
        print(
            f"All {len(log.hazards)} hazards have passing tests ({len(outcomes)} tests); "
            f"results written to {name}."
        )
        return 0
    print(f"{len(failing)} of {len(log.hazards)} hazards have a test that did not pass:")
    for hazard in failing:
        bad = [f"{t} ({outcomes[t]})" for t in hazard.tests if outcomes[t] != "passed"]
        print(f"  {hazard.id} {hazard.title}: " + "; ".join(bad))
    print(f"Results written to {name}; an approval is refused until every hazard passes.")
    return 1
