"""Fixtures of the editorial tests: a fixture project and the CLI run in-process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.editorial.cli import main
from tests.editorial.helpers import ARTICLE, AUTHOR, REVIEWER_ONE, make_project
from tests.editorial.signers import Reviewer, fixture_reviewers


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


@pytest.fixture
def reviewers(tmp_path: Path) -> tuple[Reviewer, Reviewer]:
    """Fixture Reviewer One and Two, each with a throwaway ed25519 key (tmp folder)."""
    return fixture_reviewers(tmp_path / "keys")


@pytest.fixture
def board(
    project: Path, reviewers: tuple[Reviewer, Reviewer], editorial: Callable[..., Run]
) -> tuple[Reviewer, Reviewer]:
    """The fixture project's review board: One founds it (2025-01-01), then adds Two."""
    one, two = reviewers
    run = editorial(*one.board_add(project), now="2025-01-01T09:00:00Z")
    assert run.code == 0, run.err
    run = editorial(*two.board_add(project, by=one), now="2025-01-02T09:00:00Z")
    assert run.code == 0, run.err
    return reviewers


#: The CLI steps that bring the fixture article to each state (one day apart); ``SIGNS`` is
#: replaced by the signing options of Fixture Reviewer One (their throwaway key).
SIGNS = "{signs}"
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
        [
            "approve",
            *REVIEWER_ONE,
            "--bump",
            "major",
            "--summary",
            "First approved version.",
            SIGNS,
        ],
    ],
}


@pytest.fixture
def walk(
    editorial: Callable[..., Run], board: tuple[Reviewer, Reviewer]
) -> Callable[[Path, str], None]:
    def to(article: Path, state: str) -> None:
        for day, step in enumerate(WALK[state], start=1):
            args = [a for part in step for a in (board[0].signs if part == SIGNS else [part])]
            run = editorial(args[0], article, *args[1:], now=f"2025-02-{day:02d}T09:00:00Z")
            assert run.code == 0, run.err

    return to
