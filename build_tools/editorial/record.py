"""Apply one workflow step to an article file: check, append to history, write back.

Every step refuses to run on a record that does not verify (a broken chain, a status that
disagrees with the history, an approval whose signature fails): appending to a tampered history
would launder it. ``approve`` also refuses while the text cites a key the bibliography lacks or
a golden case fails, and records nothing unless the reviewer's signature over the approval's
payload (approval.py) verifies against the review board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.editorial import clock
from build_tools.editorial import history as chain
from build_tools.editorial.approval import payload_bytes, refusal
from build_tools.editorial.audit import Audit, audit
from build_tools.editorial.board import Board
from build_tools.editorial.coverage import Coverage, compute, covered_record, write_covered
from build_tools.editorial.golden import run_golden
from build_tools.editorial.hazards import hazards_sha256
from build_tools.editorial.project import Project, find_project
from build_tools.editorial.schema import validate_article
from build_tools.editorial.signing import SigningError, sign
from build_tools.editorial.snapshots import covered_uri, snapshot_uri, write_snapshot
from build_tools.editorial.source import ArticleFile
from build_tools.editorial.workflow import bump_version, next_status, replay
from build_tools.safety import approval_refusal

__all__ = [
    "Checked",
    "PreparedApproval",
    "RecordError",
    "Step",
    "apply_step",
    "check_file",
    "prepare_approval",
    "snapshot_path",
]


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
    #: Words for readers (submit): what changed, shown on public pages; ``comment`` is for the
    #: reviewers and shown only on their side (the review packet, the CLI).
    note: str | None = None
    #: approve: the reviewer's principal on the review board, and either their private key
    #: (signed here with ssh-keygen) or a signature they made of the printed payload.
    signer: str | None = None
    key: Path | None = None
    signature: Path | None = None


@dataclass
class Checked:
    file: ArticleFile
    audit: Audit
    coverage: Coverage
    project: Project
    board: Board


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
    _, errors = validate_article(article.meta, str(path), source=article.source)
    if errors:
        raise RecordError("\n".join(errors))
    project = find_project(path)
    coverage = compute(project, article.body)
    board = project.board()
    result = audit(
        article.meta,
        article.body,
        snapshot_text=_reader(path, snapshot_path),
        covered_text=_reader(path, covered_path),
        coverage=coverage,
        body_line=article.body_line,
        bibliography_name=project.bibliography_name,
        board=board,
    )
    kinds = {"record", "content"} if content else {"record"}
    problems = [p.render(str(path)) for p in result.problems if p.kind in kinds]
    problems += [f"{p} (the review board)" for p in board.problems]
    if problems:
        raise RecordError("\n".join(problems))
    return Checked(article, result, coverage, project, board)


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


def _entry(checked: Checked, path: Path, step: Step, moment: dt.datetime) -> dict[str, Any]:
    """The new history entry (unsealed) for ``step``, after every check but the signature."""
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

    entry: dict[str, Any] = {
        "action": step.action,
        "actor": actor,
        "role": role,
        "credentials": credentials,
        "at": clock.timestamp(moment),
        "from": state,
        "to": target,
        "version": str(meta["version"]),
        "body_sha256": result.body_sha256,
    }
    if step.action in {"submit", "approve"}:
        # What is up for review (submit) or approved (approve): rules and references too.
        entry.update(coverage.digests())
    hazards = hazards_sha256(checked.project.root) if coverage.embeds_calculator else None
    if step.action == "submit" and hazards is not None:
        entry["hazards_sha256"] = hazards
    if step.comment:
        entry["comment"] = step.comment.strip()
    if step.note and step.note.strip():
        entry["note"] = step.note.strip()
    if step.action == "approve":
        if step.bump not in {"major", "minor"}:
            raise RecordError("approve needs --bump major (a clinical change) or minor (wording)")
        summary = _require(step.summary, "--summary", step.action)
        entry.update(_gates(checked, path))
        approved_on = step.date or moment.date()
        entry.update(
            version=bump_version(entry["version"], step.bump),
            bump=step.bump,
            summary=summary,
            date=approved_on.isoformat(),
        )
        entry.update(_signer(checked, entry, step))
    entry["prev"] = chain.head(history)
    return entry


def _gates(checked: Checked, path: Path) -> dict[str, Any]:
    """What must pass before an approval, and what the approval records of it."""
    if not checked.coverage.embeds_calculator:
        return {}
    golden = run_golden(checked.project)
    if golden.failures or not golden.passed:
        raise RecordError(golden.refusal(str(path)))
    facts: dict[str, Any] = {"golden_cases_passed": golden.passed}
    hazards_refusal = approval_refusal(checked.project.root)  # every hazard has a passing test
    if hazards_refusal:
        raise RecordError(f"{path}: cannot approve: {hazards_refusal}")
    if (hazards := hazards_sha256(checked.project.root)) is not None:
        facts["hazards_sha256"] = hazards
    return facts


def _signer(checked: Checked, entry: dict[str, Any], step: Step) -> dict[str, Any]:
    """The approval's signer and the board state it signs under; refused (before anything is
    signed) when the signer has no key on the board or the board knows them by another name."""
    board = checked.board
    signer = _require(step.signer, "--signer", "approve")
    at = entry["at"]
    if not board.member(signer, at):
        on_board = ", ".join(sorted({m.principal for m in board.active(at)})) or "nobody yet"
        raise RecordError(
            f"cannot approve: {signer!r} has no key on the review board "
            f"({checked.project.board_file_name}; on it: {on_board}). A reviewer's key joins "
            f"the board first, by a signed event: `python -m build_tools.editorial board add "
            f"{signer} --name NAME --role ROLE --public-key KEY.pub --by MEMBER --key "
            "MEMBER_KEY`"
        )
    name = board.name_of(signer)
    if name != entry["actor"]:
        raise RecordError(
            f"cannot approve: --reviewer {entry['actor']!r} but the review board lists "
            f"{signer!r} as {name!r}: a reviewer approves under their name as the board lists it"
        )
    return {"signer": signer, "board_sha256": board.head_at(at)}


@dataclass
class PreparedApproval:
    """An approval ready to sign: its entry (without signature) and the exact payload bytes."""

    checked: Checked
    entry: dict[str, Any]
    payload: bytes


def prepare_approval(
    path: Path, step: Step, /, *, moment: dt.datetime | None = None
) -> PreparedApproval:
    """Everything ``approve`` checks, and the payload the reviewer signs (nothing written)."""
    checked = check_file(path, content=True)
    entry = _entry(checked, path, step, moment or clock.now())
    return PreparedApproval(checked, entry, payload_bytes(str(checked.file.meta["id"]), entry))


def _signature(prepared: PreparedApproval, step: Step, path: Path) -> str:
    if (step.key is None) == (step.signature is None):
        raise RecordError(
            "approve needs the reviewer's signature: --key KEYFILE (their private key, signed "
            "here with ssh-keygen) or --signature FILE (their signature of the payload printed "
            f"by `python -m build_tools.editorial payload {path} …`), not both"
        )
    try:
        if step.key is not None:
            return sign(prepared.payload, step.key)
    except SigningError as exc:
        raise RecordError(f"{path}: cannot approve: {exc}") from None
    assert step.signature is not None
    if not step.signature.is_file():
        raise RecordError(f"{step.signature}: no such signature file")
    return step.signature.read_text(encoding="utf-8")


def apply_step(path: Path, step: Step, /) -> dict[str, Any]:
    """Check the record, append ``step`` to it and write the file; return the new entry."""
    moment = clock.now()
    if step.action == "approve":
        prepared = prepare_approval(path, step, moment=moment)
        checked, entry = prepared.checked, prepared.entry
        entry["signature"] = _signature(prepared, step, path)
        article_id = str(checked.file.meta["id"])
        fix = (
            "the signature must be the reviewer's, made with their key on the board over the "
            f"exact bytes `python -m build_tools.editorial payload {path} …` prints with these "
            "same options (--date included): print the payload again, sign it, approve again"
            if step.signature is not None
            else "sign with the key the review board lists for you (`python -m "
            "build_tools.editorial board show`), or have a board member add this key first"
        )
        done, why = refusal(article_id, entry, checked.board, where="the approval", fix=fix)
        if done is None:
            raise RecordError(f"{path}: cannot approve: {why}")
    else:
        checked = check_file(path)
        entry = _entry(checked, path, step, moment)
    article = checked.file
    meta = article.meta
    history: list[dict[str, Any]] = meta.get("review_history") or []
    if step.action == "approve":
        version, approved_on = entry["version"], entry["date"]
        actor, role, credentials = entry["actor"], entry["role"], entry["credentials"]
        write_snapshot(
            snapshot_path(path, version),
            article.body,
            {
                "version": version,
                "approved_sha256": entry["body_sha256"],
                "approved_on": approved_on,
                "approved_by": {"name": actor, "role": role, "credentials": credentials},
                "summary": entry["summary"],
            },
        )
        write_covered(covered_path(path, version), covered_record(version, checked.coverage))
        meta["version"] = version
        if "approved_sha256" not in meta:
            _insert_after(meta, "version", "approved_sha256")
        meta["approved_sha256"] = entry["body_sha256"]
        meta["last_updated"] = dt.date.fromisoformat(approved_on)
    meta["status"] = entry["to"]
    meta["review_history"] = chain.append(history, entry)
    # Reviewers are derived from the record (a new cycle after an approval starts empty).
    meta["reviewers"] = replay(meta["review_history"]).reviewers
    article.write()
    return meta["review_history"][-1]
