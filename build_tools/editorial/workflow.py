"""The review state machine.

::

    (new) --submit--> submitted --start-review--> under_review --approve--> approved
                          ^                           |                        |
                          +----submit---- changes_requested <-request-changes--+ (from under_review)
    approved --submit--> submitted   (an edited approved article goes round again)
    submitted --submit--> submitted  (submitted again: records what is up for review now)

An article whose history is empty is *new*: its front matter may only say ``submitted`` and the
one legal step is ``submit``, which records the submission.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "COMMANDS",
    "IllegalTransition",
    "Replay",
    "bump_version",
    "legal_actions",
    "next_status",
    "replay",
]

#: action -> (states it may start from, state it leads to); ``None`` is the new article.
TRANSITIONS: dict[str, tuple[frozenset[str | None], str]] = {
    "submit": (frozenset({None, "submitted", "changes_requested", "approved"}), "submitted"),
    "start_review": (frozenset({"submitted"}), "under_review"),
    "request_changes": (frozenset({"under_review"}), "changes_requested"),
    "approve": (frozenset({"under_review"}), "approved"),
}

#: How each action is spelled on the command line, with its required options.
COMMANDS = {
    "submit": "submit FILE --actor NAME [--role ROLE]",
    "start_review": "start-review FILE --reviewer NAME --role ROLE --credentials CRED",
    "request_changes": "request-changes FILE --reviewer NAME --comment TEXT",
    "approve": (
        "approve FILE --reviewer NAME --role ROLE --credentials CRED "
        "--bump major|minor --summary TEXT --signer PRINCIPAL --key KEYFILE|--signature FILE"
    ),
}


class IllegalTransition(ValueError):
    """A step the current state does not allow; the message names the legal ones."""


def legal_actions(state: str | None, /) -> list[str]:
    return [action for action, (sources, _) in TRANSITIONS.items() if state in sources]


def describe_state(state: str | None, /) -> str:
    return "new (no review history recorded yet)" if state is None else repr(state)


def next_status(state: str | None, action: str, /) -> str:
    sources, target = TRANSITIONS[action]
    if state not in sources:
        steps = "; ".join(COMMANDS[a] for a in legal_actions(state)) or "none"
        raise IllegalTransition(
            f"cannot {action.replace('_', '-')}: the article is {describe_state(state)}. "
            f"Legal next step(s): {steps}"
        )
    return target


def bump_version(version: str, bump: str, /) -> str:
    """``major``: a clinical change (1.3 -> 2.0); ``minor``: wording (1.3 -> 1.4)."""
    major, minor = (int(part) for part in version.split("."))
    if bump == "major":
        return f"{major + 1}.0"
    if bump == "minor":
        return f"{major}.{minor + 1}"
    raise ValueError(f"bump must be 'major' or 'minor', not {bump!r}")


@dataclass
class Replay:
    """What the history says, replayed through the state machine from the start."""

    state: str | None = None
    version: str | None = None
    approvals: list[Mapping[str, Any]] = field(default_factory=list)
    #: Reviewers of the current cycle: who started a review or approved since the last
    #: approval was followed by a new submission. The front matter must list exactly these.
    reviewers: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    #: The last submission (what is up for review before an approval).
    last_submission: Mapping[str, Any] | None = None

    @property
    def approved_sha256(self) -> str | None:
        return self.approvals[-1]["body_sha256"] if self.approvals else None

    @property
    def last_approval(self) -> Mapping[str, Any] | None:
        return self.approvals[-1] if self.approvals else None


def replay(history: Sequence[Mapping[str, Any]], /) -> Replay:
    out = Replay()
    for index, entry in enumerate(history):
        action = entry.get("action")
        where = f"review_history[{index}] ({action})"
        if action not in TRANSITIONS:
            out.problems.append(f"{where}: unknown action")
            continue
        if entry.get("from") != out.state:
            out.problems.append(
                f"{where}: records a move from {entry.get('from')!r}, but the article was "
                f"{describe_state(out.state)} at that point"
            )
        try:
            target = next_status(out.state, action)
        except IllegalTransition as exc:
            out.problems.append(f"{where}: {exc}")
            target = TRANSITIONS[action][1]
        if entry.get("to") != target:
            out.problems.append(
                f"{where}: records {entry.get('to')!r} but {action} leads to {target!r}"
            )
        version = entry.get("version")
        if action == "approve":
            try:
                expected = (
                    bump_version(out.version, str(entry.get("bump") or "")) if out.version else None
                )
            except ValueError as exc:
                out.problems.append(f"{where}: {exc}")
                expected = None
            if expected is not None and version != expected:
                out.problems.append(
                    f"{where}: version {version!r} is not the {entry.get('bump')} bump of "
                    f"{out.version!r} ({expected!r})"
                )
            out.approvals.append(entry)
        elif out.version is not None and version != out.version:
            out.problems.append(
                f"{where}: version changed from {out.version!r} to {version!r} outside an approval"
            )
        if action == "submit" and out.state == "approved":
            out.reviewers = []
        if action == "submit":
            out.last_submission = entry
        if action in {"start_review", "approve"}:
            person = {k: entry.get(k) for k in ("actor", "role", "credentials")}
            out.reviewers = [r for r in out.reviewers if r["name"] != person["actor"]]
            out.reviewers.append(
                {
                    "name": person["actor"],
                    "role": person["role"],
                    "credentials": person["credentials"],
                }
            )
        out.state, out.version = target, version
    return out
