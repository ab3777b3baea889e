"""build_tools.editorial.workflow: the state machine and the replay of a history."""

from __future__ import annotations

import pytest

from build_tools.editorial.history import append
from build_tools.editorial.workflow import (
    IllegalTransition,
    bump_version,
    legal_actions,
    next_status,
    replay,
)

LEGAL = [
    (None, "submit", "submitted"),
    ("submitted", "start_review", "under_review"),
    ("under_review", "request_changes", "changes_requested"),
    ("changes_requested", "submit", "submitted"),
    ("under_review", "approve", "approved"),
    ("approved", "submit", "submitted"),
    # Submitted again before review: records what is up for review now (rules, references).
    ("submitted", "submit", "submitted"),
]
ILLEGAL = [
    (None, "start_review"),
    (None, "approve"),
    ("submitted", "approve"),
    ("submitted", "request_changes"),
    ("under_review", "submit"),
    ("under_review", "start_review"),
    ("changes_requested", "approve"),
    ("changes_requested", "start_review"),
    ("approved", "approve"),
    ("approved", "start_review"),
    ("approved", "request_changes"),
]


@pytest.mark.parametrize(("state", "action", "target"), LEGAL)
def test_legal_transitions(state: str | None, action: str, target: str) -> None:
    assert next_status(state, action) == target
    assert action in legal_actions(state)


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_illegal_transitions_name_the_state_and_the_legal_steps(
    state: str | None, action: str
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_status(state, action)
    message = str(caught.value)
    assert f"cannot {action.replace('_', '-')}" in message
    assert (repr(state) if state else "new") in message
    for legal in legal_actions(state):
        assert legal.replace("_", "-") in message


def test_approval_is_only_reachable_from_under_review() -> None:
    sources = [
        s
        for s in (None, "submitted", "under_review", "changes_requested", "approved")
        if "approve" in legal_actions(s)
    ]
    assert sources == ["under_review"]


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [
        ("0.1", "major", "1.0"),
        ("1.0", "minor", "1.1"),
        ("1.9", "minor", "1.10"),
        ("1.10", "major", "2.0"),
    ],
)
def test_bump_version(version: str, bump: str, expected: str) -> None:
    assert bump_version(version, bump) == expected


def _entry(action: str, frm: str | None, to: str, version: str, **extra: str) -> dict:
    return {
        "action": action,
        "from": frm,
        "to": to,
        "version": version,
        "body_sha256": "0" * 64,
        **extra,
    }


def test_replay_of_a_consistent_history() -> None:
    history: list[dict] = []
    for entry in [
        _entry("submit", None, "submitted", "0.1"),
        _entry("start_review", "submitted", "under_review", "0.1"),
        _entry("approve", "under_review", "approved", "1.0", bump="major"),
    ]:
        history = append(history, entry)
    result = replay(history)
    assert result.problems == []
    assert (result.state, result.version, len(result.approvals)) == ("approved", "1.0", 1)


def test_replay_catches_a_skipped_review_and_a_wrong_version() -> None:
    history = [
        _entry("submit", None, "submitted", "0.1"),
        _entry("approve", "submitted", "approved", "3.0", bump="major"),
    ]
    problems = replay(history).problems
    assert any("cannot approve" in p for p in problems)
    assert any("not the major bump" in p for p in problems)
