"""The real site in Chromium: the calculator states the review it runs under (CONTRIBUTING.md#page)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.editorial.helpers import ROOT

pytestmark = pytest.mark.e2e


def cli_rules_sha256() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "calculator"],
        input='{"indication": "metastatic_breast", "ihc": "3+"}',
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)["rules"]["sha256"]


@pytest.mark.parametrize("url", ["trastuzumab/", "calculator/"])
def test_the_calculator_says_which_rules_run_under_which_review(
    page, built_site: Path, url: str
) -> None:
    status = next(
        a
        for a in json.loads((built_site / "status.json").read_text(encoding="utf-8"))["articles"]
        if a["id"] == "trastuzumab"
    )
    page.goto(url)
    root = page.locator("[data-calculator]")
    rules = cli_rules_sha256()
    assert root.get_attribute("data-review-status") == status["review_state"]
    assert root.get_attribute("data-rules-sha256") == rules == status["rules_sha256_current"]
    # CONTRIBUTING.md#site: the digest the current version was approved (or submitted) with is the
    # digest the page runs; a rules change needs `python -m build_tools.editorial submit` again.
    assert status["rules_sha256"] == rules
    words = root.locator("[data-calculator-review]")
    assert words.is_visible()
    text = words.inner_text()
    assert text.startswith("Rules v") and f"({rules[:8]})" in text
    if status["approved"]:
        assert ", approved by " in text
    else:
        # The site must say the content is pending review (never "approved" by a build).
        assert text.endswith("pending human review") and "approved by" not in text
