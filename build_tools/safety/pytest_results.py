"""A pytest plugin (``-p build_tools.safety.pytest_results``) that writes the outcome of every
test it ran, by node id, to the JSON file named by ``SAFETY_RESULTS_OUT``.

A test counts as passed only when its call passed and no phase failed; a skipped test proves
nothing and is recorded as skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

_OUTCOMES: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    node_id = report.nodeid
    if report.failed:
        _OUTCOMES[node_id] = "failed"
    elif report.skipped and _OUTCOMES.get(node_id) != "failed":
        _OUTCOMES[node_id] = "skipped"
    elif report.when == "call" and report.passed and node_id not in _OUTCOMES:
        _OUTCOMES[node_id] = "passed"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    out = os.environ.get("SAFETY_RESULTS_OUT")
    if out:
        Path(out).write_text(json.dumps(_OUTCOMES, indent=1), encoding="utf-8")
