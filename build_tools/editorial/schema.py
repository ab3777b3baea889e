"""The article front matter and its review-history entries, as pydantic models.

Validation reports every problem at once, each as ``<file>: front matter field '<field>':
<what is wrong>`` so an author can fix them all in one pass (CONTRIBUTING.md#cli: errors name the file, field and fix).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

__all__ = [
    "ACTIONS",
    "STATUSES",
    "ArticleMeta",
    "HistoryEntry",
    "Reviewer",
    "is_article",
    "validate_article",
]

STATUSES = ("submitted", "under_review", "changes_requested", "approved")
ACTIONS = ("submit", "start_review", "request_changes", "approve")

Status = Literal["submitted", "under_review", "changes_requested", "approved"]
Action = Literal["submit", "start_review", "request_changes", "approve"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Principal = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")]


def _iso_datetime(value: str) -> str:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 timestamp such as 2025-01-31T09:30:00Z") from None
    return value


def _iso_date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date such as 2025-01-31") from None
    return value


Timestamp = Annotated[str, AfterValidator(_iso_datetime)]
DateText = Annotated[str, AfterValidator(_iso_date)]


class Reviewer(BaseModel):
    """A named human reviewer, exactly as given on the command line."""

    model_config = ConfigDict(extra="forbid")
    name: Text
    role: Text
    credentials: Text


class HistoryEntry(BaseModel):
    """One transition. Written only by the CLI; ``hash`` chains it to the entry before."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    action: Action
    actor: Text
    role: Text
    credentials: Text | None = None
    at: Timestamp
    from_status: Status | None = Field(alias="from")
    to_status: Status = Field(alias="to")
    version: Version
    body_sha256: Sha256
    # Recorded by submit and approve since reviews cover the calculator's rules and the cited
    # references; older entries have neither and still verify (their hash never included them).
    rules_sha256: Sha256 | None = None
    bibliography_sha256: Sha256 | None = None
    golden_cases_passed: Annotated[int, Field(ge=0, strict=True)] | None = None
    # The hazard log's sha256 (hazards.py), recorded for articles that embed the calculator
    # once the log exists.
    hazards_sha256: Sha256 | None = None
    #: For the reviewers (the review packet and the CLI show it; public pages do not).
    comment: str | None = None
    #: For readers: what changed, in their words (public pages show it).
    note: str | None = None
    summary: str | None = None
    bump: Literal["major", "minor"] | None = None
    date: DateText | None = None
    # A signed approval (approval.py): the reviewer's principal on the review board, the
    # board's head when they signed, and the armored ssh-keygen signature of the payload.
    signer: Principal | None = None
    board_sha256: Sha256 | None = None
    signature: Annotated[str, StringConstraints(pattern=r"BEGIN SSH SIGNATURE")] | None = None
    prev: Sha256 | None
    hash: Sha256


class ArticleMeta(BaseModel):
    """Front matter of an article. Other keys (Material's ``hide``, ``search``…) pass through."""

    model_config = ConfigDict(extra="allow")
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    description: str | None = None
    version: Version
    status: Status
    last_updated: dt.date
    review_interval_days: Annotated[int, Field(gt=0, strict=True)]
    authors: Annotated[list[Text], Field(min_length=1)]
    reviewers: list[Reviewer] = []
    review_history: list[HistoryEntry] = []
    approved_sha256: Sha256 | None = None


def is_article(meta: dict[str, Any], /) -> bool:
    """Pages with editorial state are articles; a typo in ``id`` must not make one a plain page."""
    return "status" in meta or "review_history" in meta


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _field(loc: tuple[int | str, ...]) -> str:
    """``reviewers[0].name``; a key that is not a plain name is quoted and escaped
    (``reviewers[0]["\\n"]``), so a message stays on one line and names the field exactly."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.fullmatch(str(part)):
            out += f".{part}" if out else str(part)
        else:
            out += "[" + json.dumps(str(part)).replace("'", "\\u0027") + "]"
    return out


def _explain(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field"
    got = error.get("input")
    if kind == "literal_error":
        expected = error["ctx"]["expected"].replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected} (got {got!r})"
    if kind == "string_pattern_mismatch":
        loc = error["loc"]
        name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if name in {"version"}:
            return f"must look like '1.0' (major.minor; got {got!r})"
        if name in {
            "approved_sha256",
            "body_sha256",
            "rules_sha256",
            "bibliography_sha256",
            "hazards_sha256",
            "board_sha256",
            "prev",
            "hash",
        }:
            return f"must be a sha256 in lowercase hex (got {got!r})"
        if name == "id":
            return f"must be lowercase letters, digits and hyphens (got {got!r})"
        if name == "signer":
            return f"must be a review board principal (no spaces; got {got!r})"
        if name == "signature":
            return "must be an armored SSH signature (-----BEGIN SSH SIGNATURE-----…)"
    if kind == "string_type" and error["loc"][-1] == "version":
        return f'must be a quoted string such as "1.0" (YAML reads {got!r} as a number)'
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "must list at least one entry"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return f"{message[0].lower()}{message[1:]} (got {got!r})"


def validate_article(
    meta: dict[str, Any], path: str, /, *, source: str | None = None
) -> tuple[ArticleMeta | None, list[str]]:
    """The validated front matter, or ``None`` and one message per problem:
    ``<path>:<line>: front matter field '<field>': <what is wrong>`` (the line when the file's
    ``source`` is given: where the field is written, or the front matter's first line when it
    is missing)."""
    from build_tools.editorial.source import front_matter_line

    try:
        return ArticleMeta.model_validate(meta), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)

        def where(loc: tuple[int | str, ...]) -> str:
            return f"{path}:{front_matter_line(source, loc)}" if source is not None else path

        return None, [
            f"{where(e['loc'])}: front matter field '{_field(e['loc'])}': {_explain(dict(e))}"
            for e in errors
        ]
