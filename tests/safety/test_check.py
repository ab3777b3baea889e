"""`python -m build_tools.safety check` runs the tests the log names in a child pytest and writes
their outcomes, stamped; the gate then reads them. Run on the fixture mini-site, whose second
hazard's test fails until the fixture is fixed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.safety import approval_refusal

ROOT = Path(__file__).resolve().parents[2]


def check(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools.safety", "check", "--root", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_check_runs_the_named_tests_and_records_a_failure(site: Path) -> None:
    done = check(site)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        "HAZ-002 A dose shown during a hold: tests/hazard_checks.py::test_fails (failed)"
        in done.stdout
    )
    results = json.loads((site / ".cache/safety/results.json").read_text(encoding="utf-8"))
    assert results["tests"] == {
        "tests/hazard_checks.py::test_passes": "passed",
        "tests/hazard_checks.py::test_every_case": "passed",  # both parametrized cases passed
        "tests/hazard_checks.py::test_fails": "failed",
    }
    assert results["hazards"] == {"HAZ-001": "passed", "HAZ-002": "failing"}
    assert set(results["stamp"]) == {
        "rules_sha256",
        "hazard_log_sha256",
        "tests_sha256",
        "code_sha256",
    }
    refusal = approval_refusal(site)
    assert refusal and "HAZ-002 A dose shown during a hold" in refusal

    # Fixing the test changes the tests' digest: the old results are stale until check runs again.
    demo = site / "tests" / "hazard_checks.py"
    demo.write_text(demo.read_text(encoding="utf-8").replace("FAILING = True", "FAILING = False"))
    assert "ran on other the hazard tests" in (approval_refusal(site) or "")
    done = check(site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All 2 hazards have passing tests (3 tests)" in done.stdout
    assert approval_refusal(site) is None


@pytest.mark.slow
def test_a_test_that_is_not_collected_fails_its_hazard(site: Path) -> None:
    demo = site / "tests" / "hazard_checks.py"
    # The test exists as text but is never collected (a class pytest does not pick up).
    demo.write_text(
        demo.read_text(encoding="utf-8").replace(
            "def test_passes():", "class Hidden:\n  def test_passes():"
        )
    )
    done = check(site)
    assert done.returncode == 1
    results = json.loads((site / ".cache/safety/results.json").read_text(encoding="utf-8"))
    assert results["tests"]["tests/hazard_checks.py::test_passes"] == "not run"
