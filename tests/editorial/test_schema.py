"""build_tools.editorial.schema: front matter validation names the file and every bad field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_tools.editorial.articles import load_article
from build_tools.editorial.schema import is_article, validate_article
from build_tools.editorial.source import ArticleFile
from tests.editorial.helpers import ROOT

VALID = {
    "id": "fixture",
    "title": "Fixture",
    "version": "0.1",
    "status": "submitted",
    "last_updated": dt.date(2025, 1, 10),
    "review_interval_days": 90,
    "authors": ["Fixture editorial team"],
    "reviewers": [],
    "review_history": [],
}


def test_a_new_submitted_article_is_valid() -> None:
    model, errors = validate_article(VALID, "docs/x/index.md")
    assert errors == [] and model is not None and model.status == "submitted"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "status",
            "aproved",
            "docs/x/index.md: front matter field 'status': must be one of submitted, "
            "under_review, changes_requested, approved (got 'aproved')",
        ),
        ("version", 1.0, "front matter field 'version': must be a quoted string"),
        ("version", "v1", "front matter field 'version': must look like '1.0'"),
        ("id", "Has Spaces", "front matter field 'id': must be lowercase letters"),
        ("last_updated", "31/01/2025", "front matter field 'last_updated'"),
        ("review_interval_days", "90", "front matter field 'review_interval_days'"),
        ("authors", [], "front matter field 'authors': must list at least one entry"),
        ("reviewers", [{"name": "X"}], "front matter field 'reviewers[0].role': is required"),
        ("approved_sha256", "abc", "front matter field 'approved_sha256': must be a sha256"),
    ],
)
def test_each_invalid_field_is_named(field: str, value: object, message: str) -> None:
    model, errors = validate_article({**VALID, field: value}, "docs/x/index.md")
    assert model is None
    assert any(message in e for e in errors), errors
    assert all(e.startswith("docs/x/index.md: front matter field ") for e in errors)


def test_all_problems_are_reported_at_once() -> None:
    meta = {**VALID, "status": "done", "authors": []}
    del meta["title"]
    _, errors = validate_article(meta, "docs/x/index.md")
    assert {e.split("'")[1] for e in errors} == {"status", "authors", "title"}


def test_history_entries_are_checked_field_by_field() -> None:
    meta = {**VALID, "review_history": [{"action": "publish", "actor": "A"}]}
    _, errors = validate_article(meta, "docs/x/index.md")
    assert any("'review_history[0].action': must be one of submit" in e for e in errors)
    assert any("'review_history[0].hash': is required" in e for e in errors)


def test_article_detection() -> None:
    assert is_article({"status": "submitted"}) and is_article({"review_history": []})
    assert not is_article({"title": "Disclaimer"})


def test_the_real_article_is_valid_and_honestly_not_approved() -> None:
    path = ROOT / "docs" / "trastuzumab" / "index.md"
    # A guard, never a skip: the suite fails if the article disappears.
    assert path.is_file(), "docs/trastuzumab/index.md is missing: the guide's article must exist"
    source = ArticleFile.read(path)
    docs = ROOT / "docs"

    def read_text(uri: str) -> str | None:
        file = docs / uri
        return file.read_text(encoding="utf-8") if file.is_file() else None

    article = load_article(
        "trastuzumab/index.md",
        "docs/trastuzumab/index.md",
        source.meta,
        source.body,
        read_text=read_text,
    )
    assert article.errors == []
    assert article.audit is not None and article.audit.problems == []
    assert article.model is not None and article.model.status != "approved"
    assert article.model.reviewers == [] and not article.approved
    assert all(e["action"] != "approve" for e in article.history)
    assert not (Path(docs / "trastuzumab" / "_revisions")).exists()
