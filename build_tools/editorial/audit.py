"""Does an article's front matter agree with its history, its snapshots, its text and what its
approval covers (the calculator's rules, the cited references)?

Used by the build and by ``verify``: every problem is an integrity failure. Each names what is
wrong and how to resolve it; :meth:`Problem.render` puts the file (and line) in front.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from build_tools.editorial import history as chain
from build_tools.editorial.approval import SignedApproval, check_approvals
from build_tools.editorial.board import Board
from build_tools.editorial.body import body_sha256
from build_tools.editorial.coverage import Coverage, read_covered
from build_tools.editorial.snapshots import read_snapshot
from build_tools.editorial.workflow import Replay, replay

__all__ = ["Audit", "Problem", "audit", "changed_message", "edited_message"]

CLI = "python -m build_tools.editorial"
RESTORE = (
    "restore the front matter from version control (`git checkout -- {path}`): only "
    f"`{CLI}` writes the review record"
)


@dataclass(frozen=True)
class Problem:
    text: str
    #: 1-based line in the file, when there is one.
    line: int | None = None
    #: ``record``: the review record itself is inconsistent (every CLI step refuses);
    #: ``content``: the text cites what is not there (approve refuses, submit does not).
    kind: str = "record"

    def render(self, path: str, /) -> str:
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.text.replace('{path}', path)}"


@dataclass
class Audit:
    body_sha256: str
    replay: Replay
    problems: list[Problem] = field(default_factory=list)
    #: What no longer matches the last approval: "text", "rules", "references".
    changed: list[str] = field(default_factory=list)
    changed_detail: list[str] = field(default_factory=list)
    #: Approvals whose signature verified against the review board, by history index.
    signed: dict[int, SignedApproval] = field(default_factory=dict)
    #: The history index of the newest approval.
    last_approval_index: int | None = None

    @property
    def last_signed(self) -> SignedApproval | None:
        """The newest approval's verified signature (``None`` if it has none or failed)."""
        return (
            None if self.last_approval_index is None else self.signed.get(self.last_approval_index)
        )

    @property
    def edited_after_approval(self) -> bool:
        """Approved, but the text, the rules or the references are no longer what was approved."""
        return bool(self.changed)


def edited_message(path: str, /) -> str:
    return changed_message(
        path, ["approved text edited after approval (its body no longer matches approved_sha256)"]
    )


def changed_message(path: str, details: list[str], /) -> str:
    return (
        f"{path}: {'; '.join(details)}. See what changed with `{CLI} diff {path}`, then submit "
        f"it again with `{CLI} submit {path} --actor NAME` so it is reviewed before it shows as "
        "approved (or undo the change)"
    )


def first_changed_line(approved: str, body: str, /) -> int | None:
    """1-based line of ``body`` where it first differs from the ``approved`` body (trailing
    white space ignored, as in the hash), or ``None`` when only blank lines differ."""
    old = [line.rstrip() for line in approved.replace("\r\n", "\n").split("\n")]
    new = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
    for number, (a, b) in enumerate(zip_longest(old, new, fillvalue=""), start=1):
        if a != b:
            return number
    return None


def _short(digest: object) -> str:
    return str(digest)[:8] if digest else "not recorded"


def _coverage_changes(approval: Mapping[str, Any], coverage: Coverage) -> list[tuple[str, str]]:
    out = []
    if coverage.rules_sha256 is not None and approval.get("rules_sha256") != coverage.rules_sha256:
        out.append(
            (
                "rules",
                f"calculator rules changed since approval (rules_sha256 approved "
                f"{_short(approval.get('rules_sha256'))}, now {_short(coverage.rules_sha256)})",
            )
        )
    recorded = approval.get("bibliography_sha256")
    unchanged = recorded == coverage.bibliography_sha256 or (
        recorded is None and not coverage.bibliography
    )
    if not unchanged:
        out.append(
            (
                "references",
                f"cited references changed since approval (bibliography_sha256 approved "
                f"{_short(recorded)}, now {_short(coverage.bibliography_sha256)})",
            )
        )
    return out


def audit(
    meta: Mapping[str, Any],
    body: str,
    /,
    *,
    snapshot_text: Callable[[str], str | None],
    covered_text: Callable[[str], str | None] | None = None,
    coverage: Coverage | None = None,
    body_line: int = 1,
    bibliography_name: str = "the bibliography",
    board: Board | None = None,
) -> Audit:
    """Check ``meta`` (already schema-valid) against its history, snapshots, ``body`` and
    ``coverage`` (the covered inputs as they are now).

    ``snapshot_text(version)`` / ``covered_text(version)`` return the text snapshot / the
    covered-inputs snapshot of an approved version, or ``None`` when it is missing.
    ``body_line`` is the file line the body starts on (for citation lines). ``board`` is the
    review board every approval's signature is checked against (as it was at the approval).
    """
    history = meta.get("review_history") or []
    result = Audit(body_sha256=body_sha256(body), replay=replay(history))
    problems = result.problems
    restore = RESTORE
    problems += [Problem(f"{p}; {restore}") for p in chain.verify(history)]
    problems += [Problem(f"{p}; {restore}") for p in result.replay.problems]
    if result.replay.approvals:
        result.last_approval_index = max(
            i for i, e in enumerate(history) if e.get("action") == "approve"
        )
        result.signed, refused = check_approvals(str(meta.get("id")), history, board)
        problems += [Problem(p) for p in refused]
    status, version = meta.get("status"), meta.get("version")
    if not history:
        if status != "submitted":
            problems.append(
                Problem(
                    f"status is {status!r} but review_history is empty: only the CLI moves an "
                    f"article past 'submitted' (set status: submitted, then `{CLI} submit {{path}} "
                    "--actor NAME`)"
                )
            )
        if meta.get("approved_sha256"):
            problems.append(
                Problem(f"approved_sha256 is set but no approval was ever recorded; {restore}")
            )
    else:
        if status != result.replay.state:
            problems.append(
                Problem(
                    f"status is {status!r} but review_history ends in {result.replay.state!r}: "
                    f"status is written only by the CLI; {restore}"
                )
            )
        if version != result.replay.version:
            problems.append(
                Problem(
                    f"version is {version!r} but review_history says {result.replay.version!r}; "
                    f"{restore}"
                )
            )
        if meta.get("approved_sha256") != result.replay.approved_sha256:
            problems.append(
                Problem(
                    f"approved_sha256 does not match the last approval in review_history; {restore}"
                )
            )
    listed = [dict(r) for r in meta.get("reviewers") or []]
    if listed != result.replay.reviewers:
        problems.append(
            Problem(
                "reviewers do not match the review history: a reviewer is listed only after they "
                "start a review with the CLI (names come from review records, never by hand); "
                f"{restore}"
            )
        )
    for approval in result.replay.approvals:
        v = str(approval.get("version"))
        text = snapshot_text(v)
        if text is None:
            problems.append(
                Problem(
                    f"snapshot of approved version {v} is missing; restore it from version "
                    "control (`git checkout -- <article folder>/_revisions/`)"
                )
            )
        else:
            _, _, digest = read_snapshot(text, v)
            if digest != approval.get("body_sha256"):
                problems.append(
                    Problem(
                        f"snapshot of approved version {v} was edited: it no longer matches the "
                        "sha256 recorded at approval; restore it from version control "
                        f"(`git checkout -- <article folder>/_revisions/v{v}.md`)"
                    )
                )
        recorded = approval.get("rules_sha256") or approval.get("bibliography_sha256")
        if covered_text is None or not recorded:
            continue
        where = f"<article folder>/_revisions/v{v}.covered.json"
        covered = covered_text(v)
        if covered is None:
            problems.append(
                Problem(
                    f"the rules and references approved with version {v} ({where}) are missing; "
                    f"restore them from version control (`git checkout -- {where}`)"
                )
            )
            continue
        record, mismatches = read_covered(covered)
        for key in ("rules_sha256", "bibliography_sha256"):
            if record and record.get(key) != approval.get(key):
                mismatches.append(f"its {key} differs from the one recorded at approval")
        problems += [
            Problem(
                f"snapshot of the rules and references of approved version {v} ({where}): "
                f"{m}; restore it from version control (`git checkout -- {where}`)"
            )
            for m in mismatches
        ]
    if coverage is not None:
        problems += [Problem(p, kind="content") for p in coverage.problems]
        problems += [
            Problem(
                f"unknown citation key '{c.key}' (not in {bibliography_name}): add an entry "
                f"'{c.key}' to {bibliography_name} or correct the key",
                body_line + c.line - 1,
                kind="content",
            )
            for c in coverage.missing
        ]
    last = result.replay.last_approval
    if status == "approved" and last is not None:
        if meta.get("approved_sha256") != result.body_sha256:
            result.changed.append("text")
            snapshot = snapshot_text(str(last.get("version")))
            approved = None if snapshot is None else read_snapshot(snapshot, "approved")[1]
            line = None if approved is None else first_changed_line(approved, body)
            where = "" if line is None else f" (first change at line {body_line + line - 1})"
            result.changed_detail.append(
                f"approved text edited after approval{where}: its body no longer matches "
                "approved_sha256"
            )
        if coverage is not None:
            for kind, detail in _coverage_changes(last, coverage):
                result.changed.append(kind)
                result.changed_detail.append(detail)
    elif status == "approved" and meta.get("approved_sha256") != result.body_sha256:
        result.changed.append("text")
        result.changed_detail.append(
            "approved text edited after approval (its body no longer matches approved_sha256)"
        )
    return result
