"""Signed approvals: the payload a reviewer signs, and the check every build and ``verify`` run.

The payload is the canonical JSON (:mod:`.canonical`) of what the approval covers, followed by one
newline, built from the approval's own history entry and the article's ``id``:

``kind`` (always ``trastuzumab-guide/approval``), ``article``, ``version``, ``bump``,
``body_sha256`` (the text), ``rules_sha256`` (the calculator's rules, or null),
``bibliography_sha256`` (the cited references), ``golden_cases_passed``, ``hazards_sha256``
(the hazard log, or null), ``reviewer``, ``role``, ``credentials``, ``date``, ``summary``,
``signer`` (the board principal), ``board_sha256`` (the review board's head when signed) and
``previous_entry_sha256`` (the ``hash`` of the history entry before the approval).

An approval holds only if its ``signature`` verifies (``ssh-keygen -Y verify``) for its
``signer`` against the review board *as it was when the approval was recorded*, and names the
reviewer the board lists for that key. Any edit to a covered field after signing, a key that was
never on the board, a key removed before the approval, or a board event slipped in before it,
makes the check fail with the reason and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from build_tools.editorial.board import Board, board_cli_hint
from build_tools.editorial.canonical import CanonicalError, canonical_json
from build_tools.editorial.signing import (
    SigningError,
    check_novalidate,
    find_principals,
    ssh_time,
    verify,
)

__all__ = [
    "APPROVAL_KIND",
    "SignedApproval",
    "approval_payload",
    "check_approvals",
    "payload_bytes",
    "refusal",
]

APPROVAL_KIND = "trastuzumab-guide/approval"
CLI = "python -m build_tools.editorial"


def approval_payload(article_id: str, entry: Mapping[str, Any], /) -> dict[str, Any]:
    """What an approval covers, as signed (every value from the entry; ``None`` when absent)."""
    return {
        "kind": APPROVAL_KIND,
        "article": article_id,
        "version": entry.get("version"),
        "bump": entry.get("bump"),
        "body_sha256": entry.get("body_sha256"),
        "rules_sha256": entry.get("rules_sha256"),
        "bibliography_sha256": entry.get("bibliography_sha256"),
        "golden_cases_passed": entry.get("golden_cases_passed"),
        "hazards_sha256": entry.get("hazards_sha256"),
        "reviewer": entry.get("actor"),
        "role": entry.get("role"),
        "credentials": entry.get("credentials"),
        "date": entry.get("date"),
        "summary": entry.get("summary"),
        "signer": entry.get("signer"),
        "board_sha256": entry.get("board_sha256"),
        "previous_entry_sha256": entry.get("prev"),
    }


def payload_bytes(article_id: str, entry: Mapping[str, Any], /) -> bytes:
    """The exact bytes signed: canonical JSON of :func:`approval_payload` and a newline."""
    return (canonical_json(approval_payload(article_id, entry)) + "\n").encode("utf-8")


@dataclass(frozen=True)
class SignedApproval:
    """An approval whose signature verified: what the page and ``status.json`` show."""

    index: int
    signer: str
    fingerprint: str
    signed_payload: str
    signature: str
    #: The moment the board is taken at (the entry's ``at``), in OpenSSH's form.
    verify_time: str


#: What resolves a refused approval already in a record (``{path}``: the article's file).
RECORD_FIX = (
    "restore the article from version control (`git checkout -- {path}`) if the record was "
    "altered; otherwise submit it again and have the reviewer approve it with their own key "
    f"(`{CLI} approve {{path}} … --signer PRINCIPAL --key KEYFILE`)"
)


def refusal(
    article_id: str,
    entry: Mapping[str, Any],
    board: Board,
    /,
    *,
    where: str = "the approval",
    fix: str = RECORD_FIX,
) -> tuple[SignedApproval | None, str | None]:
    """Check one approval entry against ``board``: ``(verified, None)`` or ``(None, why)``.

    ``why`` names the problem and ends with ``fix`` (the file is left for the caller to put
    in front; ``{path}`` stands for it).
    """
    resign = fix
    signer, signature = entry.get("signer"), entry.get("signature")
    if not signer or not signature:
        return None, (
            f"{where} is not signed: an approval counts only when its reviewer signs it with a "
            f"key on the review board ({board.file_name}); {resign}"
        )
    at = str(entry.get("at"))
    try:
        payload = payload_bytes(article_id, entry)
    except CanonicalError as exc:
        return None, f"{where}: {exc}"
    expected_head = board.head_at(at)
    if entry.get("board_sha256") != expected_head:
        return None, (
            f"{where} was signed under review board state {str(entry.get('board_sha256'))[:12]}, "
            f"but the board log ({board.log_name}) at the time of the approval ({at}) is at "
            f"{str(expected_head)[:12]}: a board event was added, removed or backdated around "
            f"it; restore {board.log_name} from version control (`git checkout -- "
            f"{board.log_name}`)"
        )
    then = board.as_of(at)
    try:
        result = verify(
            payload,
            str(signature),
            principal=str(signer),
            allowed_signers=then.allowed_signers(),
            verify_time=at,
        )
        if result.ok:
            name = then.name_of(str(signer))
            if name != entry.get("actor"):
                return None, (
                    f"{where} names reviewer {entry.get('actor')!r}, but the board's key "
                    f"{signer!r} belongs to {name!r}: a reviewer approves under their own name "
                    f"as the board lists it; {resign}"
                )
            return SignedApproval(
                index=-1,
                signer=str(signer),
                fingerprint=str(result.fingerprint),
                signed_payload=payload.decode("utf-8"),
                signature=str(signature),
                verify_time=ssh_time(at),
            ), None
        sound = check_novalidate(payload, str(signature))
    except SigningError as exc:
        return None, f"{where}: {exc}"
    if not sound.ok:
        return None, (
            f"{where}: its signature does not verify ({sound.detail or result.detail}): what the "
            f"approval records (text, rules, references, reviewer, date, …) was changed after "
            f"it was signed, or the signature is forged or corrupted; {resign}"
        )
    key = sound.fingerprint
    ever = [m for m in board.members if m.fingerprint == key]
    mine = [m for m in ever if m.principal == signer]
    removed = [m for m in mine if m.removed_at and not m.active_at(at)]
    if removed:
        gone = removed[-1]
        return None, (
            f"{where} is signed with key {key} of {signer!r}, which was removed from the review "
            f"board on {gone.removed_at} (by {gone.removed_by}), before this approval ({at}): "
            f"a removed key approves nothing; {resign}"
        )
    try:
        others = [
            p
            for p in find_principals(str(signature), then.allowed_signers(), verify_time=at)
            if p != signer
        ]
    except SigningError:
        others = []
    if others:
        return None, (
            f"{where} names signer {signer!r} but is signed with the key of {others[0]!r} "
            f"({key}); {resign}"
        )
    return None, (
        f"{where} is signed with key {key}, which is not on the review board for {signer!r} at "
        f"{at} ({board.file_name}): {board_cli_hint(board.file_name)} before approving; {resign}"
    )


def check_approvals(
    article_id: str, history: Sequence[Mapping[str, Any]], board: Board | None, /
) -> tuple[dict[int, SignedApproval], list[str]]:
    """Every approval of ``history``: the verified ones by index, and one message per refusal
    (``{path}`` stands for the article's file)."""
    verified: dict[int, SignedApproval] = {}
    problems: list[str] = []
    for index, entry in enumerate(history):
        if entry.get("action") != "approve":
            continue
        where = f"review_history[{index}] (approve, {entry.get('at')})"
        if board is None:
            problems.append(f"{where}: no review board is configured to check its signature")
            continue
        done, why = refusal(article_id, entry, board, where=where)
        if done is None:
            problems.append(str(why))
        else:
            verified[index] = replace(done, index=index)
    return verified, problems
