"""The review board: whose keys may sign approvals, and the signed log of every change to it.

Two files, both under ``docs/`` and both published:

- ``docs/board-log.yml``: the board's log, ``events:`` appended only by
  ``python -m build_tools.editorial board add|remove``. Each event adds or removes one key of one
  principal, is hash-chained to the one before (``prev``/``hash``, as an article's review history)
  and is signed (``ssh-keygen -Y sign``, namespace ``trastuzumab-guide``) over its canonical JSON:
  the first event by the key it adds (the board's founding member), every later one by a key
  already on the board at that moment (never by the key being added). So a key cannot be slipped
  in: adding one takes a board member's private key, and the log keeps who did it and when.
- ``docs/allowed_signers``: the same board in OpenSSH's allowed-signers format, written from the
  log. Each key carries ``valid-after`` (when it was added) and, once removed, ``valid-before``,
  so anyone can check an old approval against today's file with ``-Overify-time``. The build
  refuses the file when it differs from what the log says (a hand edit).

An approval records the board's head (``board_sha256``, the ``hash`` of the newest event at the
time) in its signed payload, and is checked against the board as it was at that moment
(:meth:`Board.as_of`), so a key added or removed later changes nothing about it — and a key removed
before it cannot have signed it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from build_tools import yamlfile
from build_tools.editorial import history as chain
from build_tools.editorial.canonical import CanonicalError, canonical_json
from build_tools.editorial.signing import (
    NAMESPACE,
    PublicKey,
    SigningError,
    parse_public_key,
    ssh_time,
    verify,
)
from build_tools.editorial.source import dump_yaml

__all__ = [
    "BOARD_EVENT_KIND",
    "Board",
    "BoardError",
    "Member",
    "board_cli_hint",
    "event_payload",
    "load_board",
    "new_event",
    "record_event",
]

#: Written into every board event's signed payload: a board signature is never an approval's.
BOARD_EVENT_KIND = "trastuzumab-guide/board-event"
#: Principals are matched as patterns by ssh-keygen: no wildcards, commas, quotes or spaces.
PRINCIPAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")
CLI = "python -m build_tools.editorial"
_PAYLOAD_KEYS = ("action", "principal", "name", "role", "key", "reason", "at", "by", "prev")


class BoardError(ValueError):
    """A board change is refused; the message says why and what to do."""


def _moment(timestamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(timestamp).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass
class Member:
    """One key of one principal, from the event that added it to the one that removed it."""

    principal: str
    name: str
    role: str
    key: PublicKey
    added_at: str
    added_by: str
    removed_at: str | None = None
    removed_by: str | None = None
    reason: str | None = None

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint

    def active_at(self, moment: str, /) -> bool:
        at = _moment(moment)
        if at < _moment(self.added_at):
            return False
        return self.removed_at is None or at < _moment(self.removed_at)

    def line(self) -> str:
        options = [f'namespaces="{NAMESPACE}"', f'valid-after="{ssh_time(self.added_at)}"']
        if self.removed_at:
            options.append(f'valid-before="{ssh_time(self.removed_at)}"')
        return f"{self.principal} {','.join(options)} {self.key.line}"

    def comment(self) -> str:
        words = f"# {self.name}, {self.role}: added {self.added_at} by {self.added_by}"
        if self.removed_at:
            words += f"; removed {self.removed_at} by {self.removed_by}"
        return words


HEADER = f"""\
# The review board's keys: OpenSSH allowed signers, namespace "{NAMESPACE}".
# Written only by `{CLI} board add|remove`, from the signed
# log of every change ({{log}}); a build refuses this file when it differs from it.
# Check a signed approval with it: "Check a signature yourself" in the editorial policy.
"""


@dataclass
class Board:
    """The board replayed from its log, and what is wrong with the log or the file."""

    log_name: str
    file_name: str
    events: list[dict[str, Any]] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The allowed-signers file as read (``None`` when absent).
    file_text: str | None = None

    @property
    def head(self) -> str | None:
        return chain.head(self.events)

    def head_at(self, moment: str, /) -> str | None:
        """The hash of the newest event recorded at or before ``moment``."""
        at = _moment(moment)
        done = [e for e in self.events if _moment(str(e.get("at"))) <= at]
        return chain.head(done)

    def as_of(self, moment: str, /) -> Board:
        """The board as it was at ``moment``: later events left out."""
        at = _moment(moment)
        events = [e for e in self.events if _moment(str(e.get("at"))) <= at]
        return _replay(self.log_name, self.file_name, events, check=False)

    def member(self, principal: str, moment: str, /) -> list[Member]:
        """The keys ``principal`` may sign with at ``moment``."""
        return [m for m in self.members if m.principal == principal and m.active_at(moment)]

    def active(self, moment: str | None = None, /) -> list[Member]:
        if moment is None:
            return [m for m in self.members if m.removed_at is None]
        return [m for m in self.members if m.active_at(moment)]

    def allowed_signers(self) -> str:
        """The allowed-signers file for this board (every key ever, with its validity)."""
        out = [HEADER.format(log=self.log_name)]
        if not self.members:
            out.append("# No reviewer's key is on the board yet.\n")
        for member in self.members:
            out.append(f"{member.comment()}\n{member.line()}\n")
        return "\n".join(out)

    def log_text(self) -> str:
        """The board log file for these events."""
        header = (
            f"# The review board's signed log: written only by `{CLI} board add|remove`;\n"
            f"# {self.file_name} is generated from it. Never edit by hand.\n"
        )
        return header + dump_yaml({"events": self.events})

    def name_of(self, principal: str, /) -> str | None:
        found = [m for m in self.members if m.principal == principal]
        return found[-1].name if found else None


def significant_lines(text: str, /) -> list[str]:
    """Key lines of an allowed-signers file (comments and blank lines are not the board)."""
    return [
        " ".join(line.split())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def event_payload(event: Mapping[str, Any], /) -> bytes:
    """The exact bytes a board event's signature covers: its canonical JSON and a newline."""
    record = {"kind": BOARD_EVENT_KIND, **{key: event.get(key) for key in _PAYLOAD_KEYS}}
    return (canonical_json(record) + "\n").encode("utf-8")


def _shape(event: Mapping[str, Any], where: str) -> list[str]:
    problems = []
    if event.get("action") not in {"add", "remove"}:
        problems.append(f"{where}: action must be add or remove (got {event.get('action')!r})")
    for key in ("principal", "by"):
        if not PRINCIPAL.match(str(event.get(key) or "")):
            problems.append(
                f"{where}: {key} {event.get(key)!r} is not a principal (letters, digits and "
                "._@+- only, no spaces)"
            )
    if event.get("action") == "add":
        for key in ("name", "role"):
            if not str(event.get(key) or "").strip():
                problems.append(f"{where}: an added key needs the reviewer's {key}")
    try:
        parse_public_key(str(event.get("key") or ""))
    except ValueError as exc:
        problems.append(f"{where}: key: {exc}")
    try:
        _moment(str(event.get("at")))
    except ValueError:
        problems.append(f"{where}: at {event.get('at')!r} is not a timestamp")
    if not str(event.get("signature") or "").strip():
        problems.append(f"{where}: the event is not signed")
    return problems


def _replay(
    log_name: str, file_name: str, events: Sequence[Mapping[str, Any]], *, check: bool
) -> Board:
    """Replay ``events``; with ``check``, verify the chain, the order and every signature."""
    board = Board(log_name, file_name, [dict(e) for e in events])
    restore = f"restore it from version control (`git checkout -- {log_name}`)"
    if check:
        board.problems += [
            f"{log_name}: {p.replace('review_history', 'events')}; {restore}"
            for p in chain.verify(board.events)
        ]
    previous_at: dt.datetime | None = None
    for index, event in enumerate(board.events):
        where = f"{log_name}: events[{index}] ({event.get('action')} {event.get('principal')})"
        shape = _shape(event, where)
        if shape:
            board.problems += [f"{p}; {restore}" for p in shape] if check else []
            continue
        at = str(event["at"])
        if check and previous_at is not None and _moment(at) < previous_at:
            board.problems.append(
                f"{where}: dated {at}, before the event it follows: board events are recorded in "
                f"time order and never backdated; {restore}"
            )
        previous_at = _moment(at)
        key = parse_public_key(str(event["key"]))
        if check:
            board.problems += _check_signature(board, index, event, key, where, restore)
        if event["action"] == "add":
            board.members.append(
                Member(
                    principal=str(event["principal"]),
                    name=str(event["name"]).strip(),
                    role=str(event["role"]).strip(),
                    key=key,
                    added_at=at,
                    added_by=str(event["by"]),
                )
            )
        else:
            for number, member in enumerate(board.members):
                if (
                    member.principal == event["principal"]
                    and member.key == key
                    and member.removed_at is None
                ):
                    board.members[number] = replace(
                        member,
                        removed_at=at,
                        removed_by=str(event["by"]),
                        reason=event.get("reason"),
                    )
                    break
            else:
                if check:
                    board.problems.append(
                        f"{where}: removes a key that is not on the board; {restore}"
                    )
    return board


def _check_signature(
    board: Board,
    index: int,
    event: Mapping[str, Any],
    key: PublicKey,
    where: str,
    restore: str,
) -> list[str]:
    """Who may sign this event: the founding key itself (first event), else a board member."""
    at = str(event["at"])
    signer = str(event["by"])
    if index == 0:
        if event["action"] != "add" or signer != event["principal"]:
            return [
                f"{where}: the first event of the board must add a key signed by that same key "
                f"(the founding member); {restore}"
            ]
        signers = f'{signer} namespaces="{NAMESPACE}" {key.line}\n'
    else:
        keys = board.member(signer, at)
        if not keys:
            return [
                f"{where}: signed by {signer!r}, who has no key on the board at {at}: a board "
                f"change must be signed by a member already on the board; {restore}"
            ]
        if event["action"] == "add" and all(k.key == key for k in keys):
            return [
                f"{where}: a key cannot sign its own addition (only the board's first key "
                f"does); {restore}"
            ]
        keys = [k for k in keys if not (event["action"] == "add" and k.key == key)]
        signers = "".join(f'{signer} namespaces="{NAMESPACE}" {k.key.line}\n' for k in keys)
    try:
        result = verify(
            event_payload(event),
            str(event["signature"]),
            principal=signer,
            allowed_signers=signers,
        )
    except (SigningError, CanonicalError) as exc:
        return [f"{where}: {exc}"]
    if not result.ok:
        return [
            f"{where}: its signature does not verify for {signer!r} ({result.detail}): the event "
            f"was changed after it was signed, or was not signed by that member; {restore}"
        ]
    return []


def _read_log(path: Path, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    if not path.is_file():
        return [], []
    try:
        data = yamlfile.load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        return [], [f"{name}: not valid YAML: {exc}"]
    events = data.get("events") if isinstance(data, dict) else None
    if events is None:
        events = []
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        return [], [f"{name}: must hold 'events:', a list of board events"]
    return events, []


def load_board(file: Path, log: Path, /, *, file_name: str, log_name: str) -> Board:
    """Read and check the board: its log (chain, order, signatures) and the allowed-signers
    file against it. Needs ``ssh-keygen`` only when the log has events."""
    events, problems = _read_log(log, log_name)
    board = _replay(log_name, file_name, events, check=True)
    board.problems[:0] = problems
    board.file_text = file.read_text(encoding="utf-8") if file.is_file() else None
    expected = significant_lines(board.allowed_signers())
    actual = significant_lines(board.file_text or "")
    if board.file_text is None and expected:
        board.problems.append(
            f"{file_name} is missing but {log_name} records the board's keys: restore it "
            f"(`git checkout -- {file_name}`)"
        )
    elif actual != expected:
        for number, line in enumerate((board.file_text or "").splitlines(), start=1):
            if " ".join(line.split()) in actual and " ".join(line.split()) not in expected:
                board.problems.append(
                    f"{file_name}:{number}: this key line is not what the signed board log "
                    f"({log_name}) records: the board changes only through a signed event "
                    f"(`{CLI} board add PRINCIPAL … --by MEMBER --key KEYFILE`, signed by a "
                    f"board member); restore the file with `git checkout -- {file_name}`"
                )
        missing = [line for line in expected if line not in actual]
        if missing:
            board.problems.append(
                f"{file_name} lacks {len(missing)} key line(s) that the signed board log "
                f"({log_name}) records (a key is removed only by `{CLI} board remove`, a "
                f"signed event); restore the file with `git checkout -- {file_name}`"
            )
        if not missing and not any(file_name in p for p in board.problems):
            board.problems.append(
                f"{file_name}: its key lines are not in the order of the signed board log "
                f"({log_name}); restore the file with `git checkout -- {file_name}`"
            )
    return board


def new_event(
    board: Board,
    /,
    *,
    action: str,
    principal: str,
    key: PublicKey,
    by: str,
    at: str,
    name: str | None = None,
    role: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """The next event (unsigned), refused with the reason when the board does not allow it."""
    if board.problems:
        raise BoardError(
            "the review board does not verify, so no change is recorded on top of it:\n"
            + "\n".join(f"  - {p}" for p in board.problems)
        )
    if not PRINCIPAL.match(principal) or not PRINCIPAL.match(by):
        raise BoardError(
            "a principal is letters, digits and ._@+- only (no spaces), e.g. jane.doe@example.org"
        )
    if board.events and _moment(at) < _moment(str(board.events[-1]["at"])):
        raise BoardError(
            f"--at {at} is before the board's last event ({board.events[-1]['at']}): board "
            "events are recorded in time order"
        )
    holders = [m for m in board.active(at) if m.key == key]
    if action == "add":
        if not (name or "").strip() or not (role or "").strip():
            raise BoardError("board add needs --name and --role (the reviewer, as on the page)")
        if holders:
            raise BoardError(
                f"key {key.fingerprint} is already on the board (principal "
                f"{holders[0].principal!r})"
            )
        if not board.events and by != principal:
            raise BoardError(
                f"the board is empty: its first key is added by its own holder (--by {principal} "
                "and that key signs)"
            )
        if board.events and not board.member(by, at):
            raise BoardError(
                f"{by!r} has no key on the board: a new key is added by a member already on it "
                f"(--by MEMBER with MEMBER's key); members: {_members(board, at)}"
            )
    else:
        if not any(m.principal == principal for m in holders):
            raise BoardError(
                f"key {key.fingerprint} of {principal!r} is not on the board; on it: "
                f"{_members(board, at)}"
            )
        if len(board.active(at)) == 1:
            raise BoardError(
                "this is the board's last key: add another member first (a board with no key "
                "could only be restarted by anyone)"
            )
        if not board.member(by, at):
            raise BoardError(
                f"{by!r} has no key on the board: a key is removed by a board member (--by "
                f"MEMBER); members: {_members(board, at)}"
            )
    event: dict[str, Any] = {
        "action": action,
        "principal": principal,
        "name": name.strip() if action == "add" and name else None,
        "role": role.strip() if action == "add" and role else None,
        "key": key.line,
        "reason": reason.strip() if reason else None,
        "at": at,
        "by": by,
        "prev": board.head,
    }
    return event


def _members(board: Board, at: str) -> str:
    active = board.active(at)
    return ", ".join(f"{m.principal} ({m.fingerprint})" for m in active) or "none"


def record_event(
    board: Board, event: Mapping[str, Any], signature: str, /, *, file: Path, log: Path
) -> Board:
    """Check ``signature`` on ``event`` as the build will, then append the event and write both
    files. Raises :class:`BoardError` (nothing written) when the signature does not verify."""
    signed = {k: v for k, v in event.items() if k not in {"signature", "hash"}}
    signed["signature"] = signature
    events = chain.append(board.events, signed)
    replayed = _replay(board.log_name, board.file_name, events, check=True)
    if replayed.problems:
        raise BoardError("\n".join(replayed.problems))
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(replayed.log_text(), encoding="utf-8")
    file.write_text(replayed.allowed_signers(), encoding="utf-8")
    replayed.file_text = file.read_text(encoding="utf-8")
    return replayed


def board_cli_hint(file_name: str, /) -> str:
    return (
        f"a reviewer's key joins the board with `{CLI} board add PRINCIPAL --name NAME --role "
        f"ROLE --public-key KEY.pub --by MEMBER --key MEMBER_KEY` (see {file_name})"
    )
