"""A copy of the safety fixture mini-site per test (tests/fixtures/safety-site)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "safety-site"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    project = tmp_path / "site-project"
    shutil.copytree(FIXTURE, project)
    return project
