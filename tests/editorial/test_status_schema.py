"""status.schema.json is generated from the pydantic models of build_tools.editorial.status_models
and keeps every published name (CONTRIBUTING.md#site: never rename anything)."""

from __future__ import annotations

import json

import jsonschema

from build_tools.editorial.status_models import SCHEMA_PATH, schema_text

ARTICLE_FIELDS = {
    "id", "title", "status", "approved", "edited_after_approval", "version", "last_updated",
    "authors", "reviewers", "url", "path", "source", "approved_sha256", "body_sha256",
    "review_interval_days", "last_reviewed", "days_since_review", "review_due", "overdue",
    "history_length", "history_head", "revisions", "review_state", "bibliography_sha256",
}  # fmt: skip
#: Only articles that embed the calculator have the rules digests (CONTRIBUTING.md#site); only an
#: approved article has its signed approval (CONTRIBUTING.md#signed-approvals).
OPTIONAL_ARTICLE_FIELDS = {"rules_sha256", "rules_sha256_current", "approval"}
#: CONTRIBUTING.md#signed-approvals: what anyone needs to check the signature with ssh-keygen.
APPROVAL_FIELDS = {"signer", "signed_payload", "signature"}
REVISION_FIELDS = {
    "version", "approved_on", "approved_by", "summary", "sha256", "url", "superseded_by",
}  # fmt: skip


def test_the_published_schema_is_the_one_the_models_generate() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "run `.venv/bin/python -m build_tools.editorial.status_models` after changing a model"
    )


def test_the_schema_is_valid_and_keeps_every_published_name() -> None:
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == {"schema", "generated", "today", "articles"}
    assert schema["additionalProperties"] is False
    article = schema["$defs"]["ArticleStatus"]
    assert set(article["properties"]) == ARTICLE_FIELDS | OPTIONAL_ARTICLE_FIELDS
    assert set(article["required"]) == ARTICLE_FIELDS
    assert set(schema["$defs"]["Revision"]["required"]) == REVISION_FIELDS
    assert set(schema["$defs"]["Revision"]["properties"]) == REVISION_FIELDS | {"approval"}
    assert set(schema["$defs"]["Approval"]["required"]) >= APPROVAL_FIELDS
    assert set(schema["$defs"]["Person"]["required"]) == {"name", "role", "credentials"}
