"""``python -m build_tools.editorial``: the reviewer's command line.

::

    python -m build_tools.editorial submit docs/x/index.md --actor "Name" [--role author]
    python -m build_tools.editorial start-review docs/x/index.md --reviewer "Dr Name" \\
        --role "Medical oncologist" --credentials "MD"
    python -m build_tools.editorial request-changes docs/x/index.md --reviewer "Dr Name" --comment "…"
    python -m build_tools.editorial approve docs/x/index.md --reviewer "Dr Name" --role "…" \\
        --credentials "…" --bump major --summary "…" [--date 2025-01-31] \\
        --signer PRINCIPAL (--key ~/.ssh/id_ed25519 | --signature payload.json.sig)
    python -m build_tools.editorial payload docs/x/index.md …approve's options… -o payload.json
    python -m build_tools.editorial status docs/x/index.md
    python -m build_tools.editorial verify docs/x/index.md
    python -m build_tools.editorial diff docs/x/index.md
    python -m build_tools.editorial packet docs/x/index.md -o packet.html
    python -m build_tools.editorial board add|remove|show …      (board_cli.py)

Exit status: 0 done; 1 ``verify`` found a problem (or ``diff`` found changes since the last
approval); 2 the step was refused (illegal transition, missing option, invalid or inconsistent
record, a golden case failing) — the message says why and what is legal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.editorial import board_cli
from build_tools.editorial.audit import changed_message
from build_tools.editorial.changes import report
from build_tools.editorial.record import (
    Checked,
    RecordError,
    Step,
    apply_step,
    check_file,
    prepare_approval,
)
from build_tools.editorial.schema import validate_article
from build_tools.editorial.signing import NAMESPACE, SigningError
from build_tools.editorial.source import ArticleFile, SourceError
from build_tools.editorial.workflow import COMMANDS, IllegalTransition, legal_actions

__all__ = ["main"]

ACTIONS = {
    "submit": "submit",
    "start-review": "start_review",
    "request-changes": "request_changes",
    "approve": "approve",
}


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date such as 2025-01-31") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m build_tools.editorial",
        description="Move an article through review: submit → start-review → "
        "request-changes | approve. Every step is appended to the article's review history.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("file", type=Path, help="the article's Markdown file")
        return p

    p = command(
        "submit",
        "submit the article (again) for review: records the sha256 of the text, of the "
        "calculator rules and of the cited references",
    )
    p.add_argument("--actor", required=True, help="who submits (a named person or team)")
    p.add_argument("--role", default="author", help="their role (default: author)")
    p.add_argument(
        "--comment",
        help="what changed, for the reviewers (shown in the review packet, not on the site)",
    )
    p.add_argument(
        "--note",
        help="what changed, in words for readers (shown on the article's record, What's new "
        'and the feed), e.g. "Heart rules: a hold now continues until LVEF recovers"',
    )

    p = command("start-review", "a named reviewer starts reviewing a submitted article")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--role", required=True, help='e.g. "Medical oncologist"')
    p.add_argument("--credentials", required=True, help='e.g. "MD, FRCP"')

    p = command("request-changes", "the reviewer sends the article back with a comment")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--comment", required=True)

    def approval_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--reviewer", required=True)
        p.add_argument("--role", required=True)
        p.add_argument("--credentials", required=True)
        p.add_argument(
            "--bump",
            required=True,
            choices=["major", "minor"],
            help="major for a clinical change, minor for wording",
        )
        p.add_argument("--summary", required=True, help="what this revision changes, for readers")
        p.add_argument("--date", type=_date, help="date of approval (default: today)")
        p.add_argument(
            "--signer",
            required=True,
            help="the reviewer's principal on the review board (docs/allowed_signers)",
        )

    p = command(
        "approve",
        "the reviewer approves the text, the calculator rules and the cited references as they "
        "are now, signed with their own key (refused while a golden case of the calculator "
        "fails, or when the signature does not verify against the review board)",
    )
    approval_options(p)
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--key", type=Path, help="the reviewer's private key: signed here with ssh-keygen"
    )
    how.add_argument(
        "--signature",
        type=Path,
        help="the reviewer's signature (ssh-keygen -Y sign) of the bytes `payload` printed",
    )

    p = command(
        "payload",
        "print the exact bytes an approval signs (canonical JSON), for a reviewer who signs on "
        "their own machine; takes approve's options",
    )
    approval_options(p)
    p.add_argument("-o", "--output", type=Path, help="write the bytes to this file")

    p = command(
        "packet",
        "write the review packet: one self-contained HTML page with everything to review "
        "since the last approval and the command to sign",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="e.g. packet.html")

    command("status", "show the state, version, reviewers, the three digests and next steps")
    command(
        "verify",
        "check the history chain, the snapshots, the citations and that the text, rules and "
        "references are those approved",
    )
    command(
        "diff",
        "print everything changed since the last approval: text, calculator rules, references",
    )
    board_cli.add_parser(sub)
    return top


def _status(path: Path) -> int:
    article = ArticleFile.read(path)
    meta = article.meta
    _, errors = validate_article(meta, str(path), source=article.source)
    history = meta.get("review_history") or []
    reviewers = meta.get("reviewers") or []
    print(f"{path}: {meta.get('title')}")
    print(f"  status:    {meta.get('status')}")
    print(f"  version:   {meta.get('version')}")
    names = "; ".join(f"{r['name']} ({r['role']}, {r['credentials']})" for r in reviewers)
    print(f"  reviewers: {names or 'no reviewer yet'}")
    print(f"  history:   {len(history)} entr{'y' if len(history) == 1 else 'ies'}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    try:
        checked = check_file(path)
    except RecordError as exc:
        print(exc, file=sys.stderr)
        return 2
    _print_digests(checked)
    state = meta.get("status") if history else None
    for action in legal_actions(state):
        command = COMMANDS[action].replace("FILE", str(path))
        print(f"  next:      python -m build_tools.editorial {command}")
    return 0


def _print_digests(checked: Checked) -> None:
    """The three digests now, beside those of the last approval (or submission)."""
    replay, coverage = checked.audit.replay, checked.coverage
    reference = replay.last_approval or replay.last_submission or {}
    label = "approved" if replay.last_approval else "submitted"
    rows = [
        ("body_sha256", checked.audit.body_sha256),
        ("rules_sha256", coverage.rules_sha256),
        ("bibliography_sha256", coverage.bibliography_sha256),
    ]
    for key, now in rows:
        if now is None:
            print(f"  {key + ':':21}not covered (the article does not embed the calculator)")
            continue
        recorded = reference.get(key)
        same = (
            ""
            if not reference
            else " (same)"
            if recorded == now
            else (f" ({label}: {recorded or 'not recorded'})")
        )
        print(f"  {key + ':':21}{now}{same}")
    if replay.last_approval and replay.last_approval.get("golden_cases_passed") is not None:
        print(f"  golden cases passed at approval: {replay.last_approval['golden_cases_passed']}")
    if replay.last_approval and replay.last_approval.get("hazards_sha256"):
        print(f"  hazards_sha256 at approval: {replay.last_approval['hazards_sha256']}")
    signed = checked.audit.last_signed
    if signed is not None:
        print(f"  signed by:           {signed.signer} (key {signed.fingerprint}), verified")


def _verify(path: Path) -> int:
    try:
        checked = check_file(path, content=True)
    except RecordError as exc:
        print(exc, file=sys.stderr)
        return 1
    result = checked.audit
    if result.edited_after_approval:
        print(changed_message(str(path), result.changed_detail), file=sys.stderr)
        return 1
    history = checked.file.meta.get("review_history") or []
    print(
        f"{path}: ok: {len(history)} history entries, chain intact; status "
        f"{checked.file.meta['status']}, version {checked.file.meta['version']}; "
        f"{len(result.replay.approvals)} approved snapshot(s) match their hashes; "
        f"{len(result.signed)} approval signature(s) verified against the review board "
        f"({checked.project.board_file_name})"
    )
    return 0


def _diff(path: Path) -> int:
    try:
        text, changed = report(path)
    except RecordError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(text)
    return 1 if changed else 0


def _step(args: argparse.Namespace, action: str) -> Step:
    return Step(
        action=action,
        actor=str(getattr(args, "actor", None) or getattr(args, "reviewer", None) or ""),
        role=getattr(args, "role", None),
        credentials=getattr(args, "credentials", None),
        comment=getattr(args, "comment", None),
        summary=getattr(args, "summary", None),
        bump=getattr(args, "bump", None),
        date=getattr(args, "date", None),
        note=getattr(args, "note", None),
        signer=getattr(args, "signer", None),
        key=getattr(args, "key", None),
        signature=getattr(args, "signature", None),
    )


def _payload(path: Path, args: argparse.Namespace) -> int:
    """The approval's payload, exactly; on stderr how to sign it and record the approval."""
    prepared = prepare_approval(path, _step(args, "approve"))
    if args.output:
        args.output.write_bytes(prepared.payload)
        target = str(args.output)
    else:
        sys.stdout.buffer.write(prepared.payload)
        sys.stdout.flush()
        target = "payload.json"
    record = [
        "python", "-m", "build_tools.editorial", "approve", str(path),
        "--reviewer", args.reviewer, "--role", args.role, "--credentials", args.credentials,
        "--bump", args.bump, "--summary", args.summary, "--date", prepared.entry["date"],
        "--signer", args.signer, "--signature", f"{target}.sig",
    ]  # fmt: skip
    how = "" if args.output else "\nSave the bytes above exactly as payload.json and sign them"
    print(
        f"{how or 'Sign ' + target} on your own machine:\n"
        f"  ssh-keygen -Y sign -n {NAMESPACE} -f ~/.ssh/id_ed25519 {target}\n"
        f"then record the approval (the same options, this --date) with:\n"
        f"  {shlex.join(record)}",
        file=sys.stderr,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "board":
        return board_cli.run(args)
    path: Path = args.file
    try:
        if args.command == "status":
            return _status(path)
        if args.command == "verify":
            return _verify(path)
        if args.command == "diff":
            return _diff(path)
        if args.command == "payload":
            return _payload(path, args)
        if args.command == "packet":
            from build_tools.editorial.packet import write_packet

            written = write_packet(path, args.output)
            print(f"{path}: review packet written to {written}")
            return 0
        entry = apply_step(path, _step(args, ACTIONS[args.command]))
    except FileNotFoundError:
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    except SigningError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    except (IllegalTransition, RecordError, SourceError, FileExistsError) as exc:
        print(f"{path}: {exc}" if isinstance(exc, IllegalTransition) else exc, file=sys.stderr)
        return 2
    print(
        f"{path}: {entry['action'].replace('_', '-')} recorded: now {entry['to']}, "
        f"version {entry['version']} (entry {entry['hash'][:12]})"
    )
    return 0
