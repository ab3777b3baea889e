"""The hazard log is validated like configuration: every defect with its file and line, and a
broken log stops a real build; a valid one becomes the "Safety case" page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.safety.project import SafetyProject
from build_tools.safety.structure.loader import HazardLogError
from tests.conftest import require_tier

LOG = "docs/safety/hazard-log.yml"


def problems_of(site: Path, edit: tuple[str, str]) -> list[str]:
    path = site / LOG
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text, edit
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(HazardLogError) as caught:
        SafetyProject.at(site).load_log()
    return caught.value.problems


def line_of(site: Path, text: str) -> int:
    lines = (site / LOG).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_the_fixture_log_is_valid(site: Path) -> None:
    log = SafetyProject.at(site).load_log()
    assert [h.id for h in log.hazards] == ["HAZ-001", "HAZ-002"]
    assert log.node_ids()[0] == "tests/hazard_checks.py::test_passes"


@pytest.mark.parametrize(
    ("edit", "where", "says"),
    [
        (
            ("severity: critical", "severity: deadly"),
            "severity: deadly",
            "hazards[0] (HAZ-001).severity",
        ),
        (("kind: refusal", "kind: hope"), "kind: hope", "control.kind"),
        (
            ("sources: [herceptin_uspi]", "sources: [nobody2099]"),
            "nobody2099",
            "not a key of the bibliography",
        ),
        (("::test_passes", "::test_gone"), "test_gone", "defines no test test_gone()"),
        (
            ("tests/hazard_checks.py::test_fails", "tests/test_nowhere.py::test_fails"),
            "test_nowhere",
            "does not exist",
        ),
        (
            ("tests/hazard_checks.py::test_fails", "test_fails"),
            "      - test_fails",
            "tests[0]: Value error, not a pytest node id",
        ),
        (("id: HAZ-002", "id: HAZ-003"), "HAZ-003", "expected HAZ-002"),
        (("    cause: No plausibility limit on the weight.\n", ""), "id: HAZ-001", "cause"),
        (("      kind: rule\n", "      kind: rule\n      why: because\n"), "why: because", "why"),
    ],
)
def test_each_defect_is_named_with_its_file_and_line(
    site: Path, edit: tuple[str, str], where: str, says: str
) -> None:
    problems = problems_of(site, edit)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{LOG}:{line_of(site, where)}: "), problems
    assert says in problems[0], problems


def test_a_rule_without_sources_is_refused(site: Path) -> None:
    problems = problems_of(
        site,
        (
            "      what: No dose while a hold applies.\n    sources: [herceptin_uspi]\n",
            "      what: No dose while a hold applies.\n",
        ),
    )
    assert "a clinical rule needs its sources" in problems[0]


def build(site: Path) -> subprocess.CompletedProcess[str]:
    require_tier("a site build")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site / "site")],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.build
def test_a_build_shows_the_log_and_a_broken_log_stops_it(site: Path) -> None:
    done = build(site)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (site / "site" / "safety-case" / "index.html").read_text(encoding="utf-8")
    assert 'id="haz-001"' in page and "A weight typed ten times too small is dosed" in page
    assert "<code>tests/hazard_checks.py::test_every_case</code>" in page
    assert 'href="#haz-002"' in page
    assert "References" in page and "HERCEPTIN (trastuzumab) US Prescribing Information" in page
    # A broken log stops the build (even with --quiet), naming file and line.
    log = site / LOG
    log.write_text(
        log.read_text(encoding="utf-8").replace("severity: critical", "severity: meh", 1)
    )
    done = build(site)
    assert done.returncode != 0
    assert f"{LOG}:{line_of(site, 'severity: meh')}: hazards[0] (HAZ-001).severity" in (
        done.stdout + done.stderr
    )
