"""The shape of ``status.json`` (CONTRIBUTING.md#site) as pydantic models: the published JSON Schema
(``status.schema.json``) is generated from them, and every document is built through them.

Regenerate the schema after changing a model (a test fails until the file matches)::

    .venv/bin/python -m build_tools.editorial.status_models
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import GenerateJsonSchema

__all__ = ["Approval", "ArticleStatus", "Person", "Revision", "StatusDocument", "schema_text"]

SCHEMA_PATH = Path(__file__).with_name("status.schema.json")

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Name = Annotated[str, StringConstraints(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(_Strict):
    name: Name
    role: Name
    credentials: str | None


class Approval(_Strict):
    """A signed approval, for anyone to check with OpenSSH (CONTRIBUTING.md#signed-approvals)::

    ssh-keygen -Y verify -f allowed_signers -I SIGNER -n trastuzumab-guide -s SIG < PAYLOAD
    """

    signer: Name = Field(description="The reviewer's principal in allowed_signers.")
    signed_payload: str = Field(
        description="The exact text signed (UTF-8): canonical JSON of what the approval covers "
        "(article, version, text/rules/references/hazard-log sha256, golden cases passed, "
        "reviewer, role, date, previous history entry, review board state), then a newline."
    )
    signature: str = Field(description="The armored SSH signature (ssh-keygen -Y sign).")
    key_fingerprint: str = Field(
        pattern=r"^SHA256:[A-Za-z0-9+/]+$",
        description="Fingerprint of the key that signed (as ssh-keygen -l prints it).",
    )
    namespace: Literal["trastuzumab-guide"] = Field(description="The signature namespace (-n).")
    verify_time: str = Field(
        pattern=r"^\d{14}Z$",
        description="When the approval was recorded (UTC, YYYYMMDDHHMMSSZ): pass it as "
        "-Overify-time so a key removed from the board later still checks.",
    )


class Revision(_Strict):
    version: Version
    approved_on: dt.date
    approved_by: Person
    summary: str
    sha256: Sha256
    url: str = Field(description="Stable URL of the archived revision.")
    superseded_by: str | None = Field(description="The next approved version, if any.")
    approval: Approval = Field(
        default=None,  # type: ignore[assignment]  # absent, never null (the schema says so)
        description="The signed approval of this version (when it verified).",
    )


class ArticleStatus(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: str
    status: Literal["submitted", "under_review", "changes_requested", "approved"]
    review_state: Literal[
        "submitted", "under_review", "changes_requested", "approved", "changed_since_approval"
    ] = Field(
        description="The status computed from the hashes: changed_since_approval when status is "
        "approved but the text, rules or references no longer match (only an author preview is "
        "ever built so)."
    )
    approved: bool = Field(
        description="status is approved and the published text is the approved text."
    )
    edited_after_approval: bool
    version: Version
    last_updated: dt.date
    authors: list[str]
    reviewers: list[Person]
    url: str = Field(description="Absolute URL of the article.")
    path: str = Field(description="URL path relative to the site root.")
    source: str = Field(description="The Markdown file, relative to the project.")
    approved_sha256: Sha256 | None
    body_sha256: Sha256
    review_interval_days: int = Field(ge=1)
    last_reviewed: dt.date | None
    days_since_review: int | None
    review_due: dt.date
    overdue: bool
    history_length: int = Field(ge=0)
    history_head: Sha256 | None
    revisions: list[Revision]
    bibliography_sha256: Sha256 | None = Field(
        description="Canonical digest of the cited bibliography entries the current version was "
        "approved (or submitted) with."
    )
    # Present only for articles that embed the calculator (not required, never null).
    rules_sha256: Sha256 = Field(
        default=None,  # type: ignore[assignment]  # absent, never null (the schema says so)
        description="Articles that embed the calculator: the calculator rules digest "
        "(= rules.sha256 of its results) the current version was approved with, or submitted "
        "with before approval.",
    )
    rules_sha256_current: Sha256 = Field(
        default=None,  # type: ignore[assignment]  # absent, never null (the schema says so)
        description="The rules digest of the calculator as built (differs from rules_sha256 "
        "only before approval, when the rules changed after the last submission).",
    )
    approval: Approval = Field(
        default=None,  # type: ignore[assignment]  # absent, never null (the schema says so)
        description="Approved articles: the signed approval of the current version.",
    )


class StatusDocument(_Strict):
    """Editorial status of the guide's articles."""

    schema_: str = Field(alias="schema", description="URL of this schema.")
    generated: str = Field(
        description="When the site was built (UTC).", json_schema_extra={"format": "date-time"}
    )
    today: dt.date = Field(description="The date days and overdue reviews are counted against.")
    articles: list[ArticleStatus]


class _WithoutFieldTitles(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: Any) -> dict[str, Any]:
        # An optional field is absent, never null: no "default": null in the published schema.
        return self.generate_inner(schema["schema"])


def schema_text() -> str:
    """``status.schema.json`` as published (JSON Schema 2020-12)."""
    schema = StatusDocument.model_json_schema(by_alias=True, schema_generator=_WithoutFieldTitles)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "status.schema.json",
        "title": "Editorial status of the guide's articles",
        "description": "Written by the guide/editorial MkDocs plugin at every build "
        "(site/status.json). Generated from build_tools/editorial/status_models.py.",
        **{k: v for k, v in schema.items() if k not in {"title", "description"}},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
