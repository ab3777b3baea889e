"""Does an article's front matter agree with its history, its snapshots and its text?

Used by the build (each problem a warning, so ``--strict`` fails) and by ``verify``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from build_tools.editorial import history as chain
from build_tools.editorial.body import body_sha256
from build_tools.editorial.snapshots import read_snapshot
from build_tools.editorial.workflow import Replay, replay

__all__ = ["Audit", "audit", "edited_message"]


@dataclass
class Audit:
    body_sha256: str
    replay: Replay
    problems: list[str] = field(default_factory=list)
    #: Approved, but the text no longer hashes to ``approved_sha256``.
    edited_after_approval: bool = False


def edited_message(path: str, /) -> str:
    return (
        f"{path}: approved text edited after approval (its body no longer matches "
        f"approved_sha256); submit it again with `python -m build_tools.editorial submit {path} "
        "--actor NAME` so it is reviewed before it shows as approved"
    )


def audit(
    meta: Mapping[str, Any],
    body: str,
    /,
    *,
    snapshot_text: Callable[[str], str | None],
) -> Audit:
    """Check ``meta`` (already schema-valid) against its history, snapshots and ``body``.

    ``snapshot_text(version)`` returns the snapshot file's text, or ``None`` when it is missing.
    """
    history = meta.get("review_history") or []
    result = Audit(body_sha256=body_sha256(body), replay=replay(history))
    problems = result.problems
    problems += chain.verify(history)
    problems += result.replay.problems
    status, version = meta.get("status"), meta.get("version")
    if not history:
        if status != "submitted":
            problems.append(
                f"status is {status!r} but review_history is empty: only the CLI moves an article "
                "past 'submitted' (set status: submitted)"
            )
        if meta.get("approved_sha256"):
            problems.append("approved_sha256 is set but no approval was ever recorded")
    else:
        if status != result.replay.state:
            problems.append(
                f"status is {status!r} but review_history ends in {result.replay.state!r}: "
                "status is written only by the CLI"
            )
        if version != result.replay.version:
            problems.append(
                f"version is {version!r} but review_history says {result.replay.version!r}"
            )
        if meta.get("approved_sha256") != result.replay.approved_sha256:
            problems.append("approved_sha256 does not match the last approval in review_history")
    listed = [dict(r) for r in meta.get("reviewers") or []]
    if listed != result.replay.reviewers:
        problems.append(
            "reviewers do not match the review history: a reviewer is listed only after they "
            "start a review with the CLI (names come from review records, never by hand)"
        )
    for approval in result.replay.approvals:
        text = snapshot_text(str(approval.get("version")))
        if text is None:
            problems.append(f"snapshot of approved version {approval.get('version')} is missing")
            continue
        _, _, digest = read_snapshot(text, str(approval.get("version")))
        if digest != approval.get("body_sha256"):
            problems.append(
                f"snapshot of approved version {approval.get('version')} was edited: it no longer "
                "matches the sha256 recorded at approval"
            )
    if status == "approved" and meta.get("approved_sha256") != result.body_sha256:
        result.edited_after_approval = True
    return result
