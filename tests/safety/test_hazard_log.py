"""The real hazard log: valid, every test it names is collected by pytest, and its page shows
every hazard. A hazard pointing at a test that does not exist fails here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.safety.project import SafetyProject
from build_tools.safety.structure.hazards import HazardLog
from build_tools.safety.structure.markdown import hazard_log_markdown

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def log() -> HazardLog:
    return SafetyProject.at(ROOT).load_log()


def test_the_hazard_log_is_valid_and_numbered(log: HazardLog) -> None:
    assert [h.id for h in log.hazards] == [f"HAZ-{n:03d}" for n in range(1, len(log.hazards) + 1)]
    assert len(log.hazards) >= 30
    assert {h.control.kind for h in log.hazards} == {"rule", "refusal", "ui"}


@pytest.mark.slow
def test_every_test_the_hazard_log_names_is_collected(log: HazardLog) -> None:
    """pytest itself collects each node id (a parametrized function named without parameters
    stands for all its cases); a renamed or deleted test makes this fail."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            *log.node_ids(),
        ],
        cwd=ROOT,
        # The child collects on its own terms: a PYTEST_ADDOPTS such as -q (or a test worker's
        # variables) would change the listing this reads.
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    collected = {line.strip() for line in done.stdout.splitlines() if "::" in line}
    missing = [
        node_id
        for node_id in log.node_ids()
        if node_id not in collected
        and not any(c.startswith(f"{node_id}[") for c in collected if "[" not in node_id)
    ]
    assert missing == [], f"not collected:\n{done.stdout[-3000:]}\n{done.stderr[-2000:]}"
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_the_reviews_cases_each_have_a_hazard(log: HazardLog) -> None:
    """Issue 21's review: every defect it found is a hazard with a golden or refusal test."""
    named = " ".join(log.node_ids())
    for case in (
        "review-hold-lvef-46-stays-held",
        "review-hold-no-baseline-below-lln",
        "decline-weeks-no-fall",
        "decline-weeks-no-lvef",
        "review-weekly-plan-20-days-phase-unknown",
        "weight-7",
        "lvef-fraction-0.6",
        "review-no-lvef-headline",
        "anthracycline-concurrent",
        "review-gastric-ihc1-single-probe-non-amplified",
        "review-q3w-10-days-not-due",
        "review-sc-14-days-not-due",
        "weight-400-digits",
        "duplicate-ihc",
        "review-weekly-14-days-no-eu-difference",
    ):
        assert f"[{case}]" in named, case


def test_the_page_shows_every_hazard_with_its_tests_and_cited_sources(log: HazardLog) -> None:
    text = hazard_log_markdown(log)
    for hazard in log.hazards:
        assert f"### {hazard.id}: {hazard.title} {{#{hazard.id.lower()}}}" in text
        assert all(f"`{node_id}`" in text for node_id in hazard.tests)
        assert all(f"[@{key}]" in text for key in hazard.sources)
    assert text.count("| [HAZ-") == len(log.hazards)
