"""Apply one workflow step to an article file: check, append to history, write back.

Every step refuses to run on a record that does not verify (a broken chain, a status that
disagrees with the history): appending to a tampered history would launder it. ``approve``
also refuses while the text cites a key the bibliography lacks or a golden case fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.editorial import clock
from build_tools.editorial import history as chain
from build_tools.editorial.audit import Audit, audit
from build_tools.editorial.coverage import Coverage, compute, covered_record, write_covered
from build_tools.editorial.golden import run_golden
from build_tools.editorial.project import Project, find_project
from build_tools.editorial.schema import validate_article
from build_tools.editorial.snapshots import covered_uri, snapshot_uri, write_snapshot
from build_tools.editorial.source import ArticleFile
from build_tools.editorial.workflow import bump_version, next_status, replay
from build_tools.safety import approval_refusal

__all__ = ["Checked", "RecordError", "Step", "apply_step", "check_file", "snapshot_path"]


class RecordError(ValueError):
    """The article's record is invalid or inconsistent; the message lists every problem."""


@dataclass(frozen=True)
class Step:
    action: str
    actor: str
    role: str | None
    credentials: str | None = None
    comment: str | None = None
    summary: str | None = None
    bump: str | None = None
    date: dt.date | None = None


@dataclass
class Checked:
    file: ArticleFile
    audit: Audit
    coverage: Coverage
    project: Project


def snapshot_path(article: Path, version: str, /) -> Path:
    return Path(snapshot_uri(article.as_posix(), version))


def covered_path(article: Path, version: str, /) -> Path:
    return Path(covered_uri(article.as_posix(), version))


def _reader(article: Path, where: Callable[[Path, str], Path]) -> Callable[[str], str | None]:
    def read(version: str) -> str | None:
        path = where(article, version)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    return read


def check_file(path: Path, /, *, content: bool = False) -> Checked:
    """Read and audit ``path``; raise :class:`RecordError` listing every problem of the record
    (and, with ``content``, of the text: unknown citation keys)."""
    article = ArticleFile.read(path)
    _, errors = validate_article(article.meta, str(path))
    if errors:
        raise RecordError("\n".join(errors))
    project = find_project(path)
    coverage = compute(project, article.body)
    result = audit(
        article.meta,
        article.body,
        snapshot_text=_reader(path, snapshot_path),
        covered_text=_reader(path, covered_path),
        coverage=coverage,
        body_line=article.body_line,
        bibliography_name=project.bibliography_name,
    )
    kinds = {"record", "content"} if content else {"record"}
    problems = [p.render(str(path)) for p in result.problems if p.kind in kinds]
    if problems:
        raise RecordError("\n".join(problems))
    return Checked(article, result, coverage, project)


def _insert_after(meta: dict[str, Any], anchor: str, key: str) -> None:
    """Add ``key`` (value None) right after ``anchor``, keeping the author's key order."""
    items = list(meta.items())
    at = next((i + 1 for i, (k, _) in enumerate(items) if k == anchor), len(items))
    items.insert(at, (key, None))
    meta.clear()
    meta.update(items)


def _require(value: str | None, option: str, action: str) -> str:
    if value is None or not value.strip():
        raise RecordError(
            f"{action.replace('_', '-')} needs {option} (a named person; never invented)"
        )
    return value.strip()


def apply_step(path: Path, step: Step, /) -> dict[str, Any]:
    """Check the record, append ``step`` to it and write the file; return the new entry."""
    checked = check_file(path, content=step.action == "approve")
    article, result, coverage = checked.file, checked.audit, checked.coverage
    meta = article.meta
    history: list[dict[str, Any]] = meta.get("review_history") or []
    state = result.replay.state if history else None
    target = next_status(state, step.action)
    actor = _require(
        step.actor, "--reviewer" if step.action != "submit" else "--actor", step.action
    )
    reviewers = result.replay.reviewers
    role, credentials = step.role, step.credentials
    if step.action == "request_changes":
        known = next((r for r in reviewers if r["name"] == actor), None)
        if known is None:
            names = ", ".join(r["name"] for r in reviewers) or "none"
            raise RecordError(
                f"{actor!r} is not reviewing {path} (reviewers: {names}); "
                "a reviewer joins with start-review"
            )
        role, credentials = role or known["role"], credentials or known["credentials"]
        _require(step.comment, "--comment", step.action)
    if step.action in {"start_review", "approve"}:
        role = _require(role, "--role", step.action)
        credentials = _require(credentials, "--credentials", step.action)
    role = _require(role, "--role", step.action)

    moment = clock.now()
    version = str(meta["version"])
    entry: dict[str, Any] = {
        "action": step.action,
        "actor": actor,
        "role": role,
        "credentials": credentials,
        "at": clock.timestamp(moment),
        "from": state,
        "to": target,
        "version": version,
        "body_sha256": result.body_sha256,
    }
    if step.action in {"submit", "approve"}:
        # What is up for review (submit) or approved (approve): rules and references too.
        entry.update(coverage.digests())
    if step.comment:
        entry["comment"] = step.comment.strip()
    if step.action == "approve":
        if step.bump not in {"major", "minor"}:
            raise RecordError("approve needs --bump major (a clinical change) or minor (wording)")
        summary = _require(step.summary, "--summary", step.action)
        if coverage.embeds_calculator:
            golden = run_golden(checked.project)
            if golden.failures or not golden.passed:
                raise RecordError(golden.refusal(str(path)))
            entry["golden_cases_passed"] = golden.passed
            hazards = approval_refusal(checked.project.root)  # every hazard has a passing test
            if hazards:
                raise RecordError(f"{path}: cannot approve: {hazards}")
        version = bump_version(version, step.bump)
        approved_on = step.date or moment.date()
        entry.update(version=version, bump=step.bump, summary=summary, date=approved_on.isoformat())
        snapshot = snapshot_path(path, version)
        write_snapshot(
            snapshot,
            article.body,
            {
                "version": version,
                "approved_sha256": result.body_sha256,
                "approved_on": approved_on.isoformat(),
                "approved_by": {"name": actor, "role": role, "credentials": credentials},
                "summary": summary,
            },
        )
        write_covered(covered_path(path, version), covered_record(version, coverage))
        meta["version"] = version
        if "approved_sha256" not in meta:
            _insert_after(meta, "version", "approved_sha256")
        meta["approved_sha256"] = result.body_sha256
        meta["last_updated"] = approved_on
    meta["status"] = target
    meta["review_history"] = chain.append(history, entry)
    # Reviewers are derived from the record (a new cycle after an approval starts empty).
    meta["reviewers"] = replay(meta["review_history"]).reviewers
    article.write()
    return meta["review_history"][-1]
