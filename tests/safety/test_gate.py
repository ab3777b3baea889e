"""The approval gate refuses while the hazard results are missing, stale (other rules, log, tests
or page code) or failing; in a copy of this repository, `approve` refuses until they are fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.safety import approval_refusal
from build_tools.safety.project import SafetyProject
from build_tools.safety.results import stamp, write_results
from tests.editorial.repo import ARTICLE, AUTHOR, REVIEWER, Repo
from tests.safety.stand_in import write_passing_results


def _results(site: Path, outcome: str) -> None:
    project = SafetyProject.at(site)
    log = project.load_log()
    outcomes = {node_id: outcome for node_id in log.node_ids()}
    write_results(
        project, log, outcomes, stamp(project, log), checked_at="2026-01-15T09:00:00+00:00"
    )


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    return text


def test_approval_is_refused_while_the_hazard_results_are_missing_stale_or_failing(
    site: Path,
) -> None:
    assert "results.json is missing" in (approval_refusal(site) or "")
    _results(site, "failed")
    refusal = approval_refusal(site) or ""
    assert "2 hazard(s) have no passing test" in refusal and "HAZ-001" in refusal
    _results(site, "passed")
    assert approval_refusal(site) is None
    # Any change to what the results were stamped on makes them stale, naming what changed.
    (site / "calculator").mkdir()
    changes = [
        (site / "calculator" / "criteria.py", "", "LIMIT = 30\n", "the calculator's rules"),
        (site / "docs/safety/hazard-log.yml", "", "# reviewed\n", "the hazard log"),
        (site / "tests/hazard_checks.py", "", "# edited\n", "the hazard tests"),
    ]
    for path, old, new, words in changes:
        before = path.read_text(encoding="utf-8") if path.exists() else None
        _edit(path, old, new) if before is not None else path.write_text(new, encoding="utf-8")
        assert f"ran on other {words}" in (approval_refusal(site) or ""), words
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
        assert approval_refusal(site) is None, words
    js = site / "build_tools/theme/assets/javascripts/guide/calculator.mjs"
    js.parent.mkdir(parents=True)
    js.write_text("export {};\n", encoding="utf-8")
    assert "the code the tests exercise" in (approval_refusal(site) or "")


def test_a_skipped_hazard_test_proves_nothing(site: Path) -> None:
    _results(site, "skipped")
    assert "no passing test" in (approval_refusal(site) or "")


@pytest.mark.build
@pytest.mark.slow
def test_approve_refuses_until_the_hazard_tests_ran_on_the_rules_as_they_are(
    tmp_path: Path,
) -> None:
    """Through `python -m build_tools.editorial approve` in a copy of this repository."""
    repo = Repo.copy(tmp_path / "repo")
    repo.seat_reviewer(tmp_path / "keys")
    for step in (["submit", ARTICLE, *AUTHOR], ["start-review", ARTICLE, *REVIEWER]):
        assert repo.editorial(*step).code == 0
    approve = [
        "approve",
        ARTICLE,
        *REVIEWER,
        "--bump",
        "major",
        "--summary",
        "Reviewed.",
        "--date",
        "2026-01-15",
        *repo.signs,
    ]
    results = SafetyProject.at(repo.path).results_file
    results.unlink()
    run = repo.editorial(*approve)
    assert run.code == 2 and "cannot approve: no results of the hazard tests" in run.err
    assert "make safety" in run.err
    # A rule edited after the hazard tests ran (a comment: the golden cases still pass).
    write_passing_results(repo.path)
    criteria = repo.read("calculator/rules/criteria.py")
    repo.write("calculator/rules/criteria.py", criteria + "\n# a reviewed comment\n")
    run = repo.editorial(*approve)
    assert run.code == 2 and "ran on other the calculator's rules" in run.err, run.err
    repo.write("calculator/rules/criteria.py", criteria)
    run = repo.editorial(*approve)
    assert run.code == 0, run.output
