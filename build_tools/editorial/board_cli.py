"""``python -m build_tools.editorial board add|remove|show``: the review board's signed changes.

::

    board add PRINCIPAL --name NAME --role ROLE --public-key KEY.pub --by MEMBER --key MEMBER_KEY
    board remove PRINCIPAL [--fingerprint SHA256:…] --by MEMBER --key MEMBER_KEY [--reason TEXT]
    board show

Instead of ``--key`` (sign here), a member may run the same command with ``--print-payload``,
sign the printed bytes on their own machine and pass ``--signature FILE`` (with the ``--at``
the printed payload names).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from build_tools.editorial import clock
from build_tools.editorial.board import Board, BoardError, event_payload, new_event, record_event
from build_tools.editorial.project import Project, find_project
from build_tools.editorial.signing import (
    NAMESPACE,
    PublicKey,
    SigningError,
    parse_public_key,
    sign,
)

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    text = (
        "the review board: whose keys may sign approvals (docs/allowed_signers), changed only "
        "by signed events (docs/board-log.yml)"
    )
    board = sub.add_parser("board", help=text, description=text)
    actions = board.add_subparsers(dest="board_command", required=True, metavar="ACTION")

    def signed(p: argparse.ArgumentParser) -> None:
        p.add_argument("principal", help="the reviewer's principal, e.g. jane.doe@example.org")
        p.add_argument("--by", required=True, help="the board member who signs this change")
        how = p.add_mutually_exclusive_group(required=True)
        how.add_argument("--key", type=Path, help="that member's private key (signed here)")
        how.add_argument(
            "--signature", type=Path, help="that member's signature of the printed payload"
        )
        how.add_argument(
            "--print-payload",
            action="store_true",
            help="print the exact bytes to sign (and the command that records them)",
        )
        p.add_argument(
            "--at", help="the event's time as printed with its payload (default: now, UTC)"
        )
        p.add_argument("--project", type=Path, default=Path("."), help="the project folder")

    p = actions.add_parser(
        "add",
        help="add a reviewer's public key (the board's first key is added by its own holder)",
    )
    signed(p)
    p.add_argument("--name", required=True, help="the reviewer's name, as approvals give it")
    p.add_argument("--role", required=True, help='e.g. "Medical oncologist"')
    p.add_argument("--public-key", type=Path, required=True, help="their .pub file")

    p = actions.add_parser("remove", help="remove a key from the board (it approves nothing after)")
    signed(p)
    p.add_argument("--fingerprint", help="which key of the principal (SHA256:…), if several")
    p.add_argument("--public-key", type=Path, help="or the key itself (.pub file)")
    p.add_argument("--reason", help="why (left the board, key lost, …)")

    p = actions.add_parser("show", help="list the board's keys and check its log")
    p.add_argument("--project", type=Path, default=Path("."), help="the project folder")


def _key_of(board: Board, args: argparse.Namespace, at: str) -> PublicKey:
    if args.public_key is not None:
        return parse_public_key(args.public_key.read_text(encoding="utf-8"))
    keys = board.member(args.principal, at)
    if args.fingerprint:
        keys = [m for m in keys if m.fingerprint == args.fingerprint]
    if len(keys) != 1:
        listed = ", ".join(m.fingerprint for m in keys) or "none on the board"
        raise BoardError(
            f"name the key of {args.principal!r} to remove with --fingerprint or --public-key "
            f"(keys: {listed})"
        )
    return keys[0].key


def _recording_command(args: argparse.Namespace, at: str) -> str:
    words = ["python", "-m", "build_tools.editorial", "board", args.board_command, args.principal]
    for option in ("name", "role", "public_key", "fingerprint", "reason"):
        value = getattr(args, option, None)
        if value is not None:
            words += [f"--{option.replace('_', '-')}", str(value)]
    words += ["--by", args.by, "--at", at, "--signature", "payload.json.sig"]
    return shlex.join(words)


def _show(project: Project) -> int:
    board = project.board()
    print(f"{project.board_file_name}: {len(board.active())} key(s) on the review board")
    for member in board.members:
        state = f"removed {member.removed_at}" if member.removed_at else "on the board"
        print(
            f"  {member.principal}: {member.name}, {member.role}; {member.fingerprint}; added "
            f"{member.added_at} by {member.added_by}; {state}"
        )
    if board.problems:
        print("\n".join(board.problems), file=sys.stderr)
        return 1
    print(f"{project.board_log_name}: {len(board.events)} signed event(s), chain intact")
    return 0


def run(args: argparse.Namespace) -> int:
    project = find_project(args.project)
    if args.board_command == "show":
        return _show(project)
    try:
        board = project.board()
        at = args.at or clock.timestamp()
        latest = project.latest_approval()
        if latest is not None and at < latest:
            # The board at an approval must stay what it was when the reviewer signed.
            raise BoardError(
                f"--at {at} is before an approval already recorded ({latest}): a board change "
                "takes effect from now on; print its payload again for a current time"
            )
        key = (
            parse_public_key(args.public_key.read_text(encoding="utf-8"))
            if args.board_command == "add"
            else _key_of(board, args, at)
        )
        event = new_event(
            board,
            action=args.board_command,
            principal=args.principal,
            key=key,
            by=args.by,
            at=at,
            name=getattr(args, "name", None),
            role=getattr(args, "role", None),
            reason=getattr(args, "reason", None),
        )
        payload = event_payload(event)
        if args.print_payload:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
            print(
                f"\nSave these bytes as payload.json (exactly), sign them with\n"
                f"  ssh-keygen -Y sign -n {NAMESPACE} -f ~/.ssh/id_ed25519 payload.json\n"
                f"and record the change with\n  {_recording_command(args, at)}",
                file=sys.stderr,
            )
            return 0
        signature = (
            sign(payload, args.key)
            if args.key is not None
            else args.signature.read_text(encoding="utf-8")
        )
        after = record_event(
            board, event, signature, file=project.board_file, log=project.board_log
        )
    except FileNotFoundError as exc:
        print(f"{exc.filename}: no such file", file=sys.stderr)
        return 2
    except (BoardError, SigningError, ValueError) as exc:
        print(f"board {args.board_command} refused: {exc}", file=sys.stderr)
        return 2
    member = [m for m in after.members if m.key == key][-1]
    print(
        f"board {args.board_command} recorded: {member.principal} ({member.name}, {member.role}) "
        f"{member.fingerprint}; signed by {args.by}; {project.board_file_name} and "
        f"{project.board_log_name} written"
    )
    return 0
