"""Fixtures of the editorial tests: a fixture project and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.editorial.cli import main
from tests.editorial.helpers import ARTICLE, AUTHOR, REVIEWER_ONE, make_project


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def article(project: Path) -> Path:
    return project / ARTICLE


@pytest.fixture
def editorial(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """``editorial("submit", path, "--actor", "X", now="2025-02-01T09:00:00Z")``."""

    def run(*args: object, now: str = "2025-02-01T09:00:00Z") -> Run:
        monkeypatch.setenv("GUIDE_NOW", now)
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


#: The CLI steps that bring the fixture article to each state (one day apart).
WALK = {
    "new": [],
    "submitted": [["submit", *AUTHOR]],
    "under_review": [["submit", *AUTHOR], ["start-review", *REVIEWER_ONE]],
    "changes_requested": [
        ["submit", *AUTHOR],
        ["start-review", *REVIEWER_ONE],
        ["request-changes", "--reviewer", "Fixture Reviewer One", "--comment", "Cite the label."],
    ],
    "approved": [
        ["submit", *AUTHOR],
        ["start-review", *REVIEWER_ONE],
        ["approve", *REVIEWER_ONE, "--bump", "major", "--summary", "First approved version."],
    ],
}


@pytest.fixture
def walk(editorial: Callable[..., Run]) -> Callable[[Path, str], None]:
    def to(article: Path, state: str) -> None:
        for day, step in enumerate(WALK[state], start=1):
            run = editorial(step[0], article, *step[1:], now=f"2025-02-{day:02d}T09:00:00Z")
            assert run.code == 0, run.err

    return to
