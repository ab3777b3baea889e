"""Articles as the build sees them: validated metadata, audit, approved revisions, review dates."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from build_tools.editorial.audit import Audit, audit
from build_tools.editorial.board import Board
from build_tools.editorial.coverage import Coverage
from build_tools.editorial.schema import ArticleMeta, validate_article
from build_tools.editorial.snapshots import covered_uri, read_snapshot, snapshot_uri

__all__ = ["Article", "Revision", "load_article", "revision_uri"]


@dataclass
class Revision:
    """One approved version, frozen in a snapshot and published at ``<article>/v<version>/``."""

    version: str
    entry: Mapping[str, Any]
    body: str
    src_uri: str
    dest_uri: str
    superseded_by: str | None = None

    @property
    def approved_on(self) -> dt.date:
        value = self.entry.get("date") or str(self.entry["at"])[:10]
        return dt.date.fromisoformat(value)


@dataclass
class Article:
    src_uri: str
    #: The file as named in messages, relative to the project (``docs/x/index.md``).
    display_path: str
    meta: dict[str, Any]
    body: str
    model: ArticleMeta | None
    errors: list[str]
    audit: Audit | None = None
    revisions: list[Revision] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def valid(self) -> bool:
        return self.model is not None

    @property
    def history(self) -> list[Mapping[str, Any]]:
        return list(self.meta.get("review_history") or [])

    @property
    def approved(self) -> bool:
        """Approved *and* the text on the page is the text that was approved."""
        return (
            self.model is not None
            and self.model.status == "approved"
            and self.audit is not None
            and not self.audit.edited_after_approval
            and not self.audit.problems
        )

    @property
    def review_state(self) -> str:
        """The status computed from the hashes: ``changed_since_approval`` when the front
        matter says approved but the text, rules or references are no longer what was approved."""
        assert self.model is not None
        if self.model.status == "approved" and not self.approved:
            return "changed_since_approval"
        return self.model.status

    @property
    def embeds_calculator(self) -> bool:
        return bool(self.coverage and self.coverage.embeds_calculator)

    def reviewed_digest(self, key: str, /) -> str | None:
        """``key`` (``rules_sha256``…) as recorded by the last approval when approved, else by
        the last submission; the current value when no entry recorded one."""
        if self.audit is None:
            return None
        replay = self.audit.replay
        entry = replay.last_approval if self.model and self.model.status == "approved" else None
        entry = entry or replay.last_submission
        if entry is not None and entry.get(key):
            return str(entry[key])
        current = getattr(self.coverage, key, None) if self.coverage else None
        return str(current) if current else None

    @property
    def edited_after_approval(self) -> bool:
        return bool(self.audit and self.audit.edited_after_approval)

    def last_reviewed(self) -> dt.date | None:
        """Date of the last completed review (approval)."""
        return self.revisions[-1].approved_on if self.revisions else None

    def review_due(self) -> dt.date:
        """The last approval (else the first submission, else last_updated) plus the interval."""
        assert self.model is not None
        base = self.last_reviewed()
        if base is None and self.history:
            base = dt.date.fromisoformat(str(self.history[0]["at"])[:10])
        if base is None:
            base = self.model.last_updated
        return base + dt.timedelta(days=self.model.review_interval_days)

    def days_since_review(self, today: dt.date, /) -> int | None:
        last = self.last_reviewed()
        return None if last is None else (today - last).days

    def overdue(self, today: dt.date, /) -> bool:
        return today > self.review_due()


def revision_uri(article_uri: str, version: str, /, *, use_directory_urls: bool) -> tuple[str, str]:
    """``(src_uri, dest_uri)`` of an archived revision: ``x/v1.0/`` beside article ``x/``.

    The source sits in the article's own folder so its relative links resolve as the
    article's do; the destination is the stable URL.
    """
    parent, name = posixpath.split(article_uri)
    stem = posixpath.splitext(name)[0]
    if stem in {"index", "README"}:
        src = posixpath.join(parent, f"v{version}.md")
        base = parent
    else:
        src = posixpath.join(parent, f"{stem}@v{version}.md")
        base = posixpath.join(parent, stem)
    if use_directory_urls:
        dest = posixpath.join(base, f"v{version}", "index.html")
    else:
        dest = posixpath.join(base, f"v{version}.html")
    return src, dest


def load_article(
    src_uri: str,
    display_path: str,
    meta: dict[str, Any],
    body: str,
    /,
    *,
    read_text: Callable[[str], str | None],
    use_directory_urls: bool = True,
    coverage: Coverage | None = None,
    body_line: int = 1,
    bibliography_name: str = "the bibliography",
    board: Board | None = None,
    source: str | None = None,
) -> Article:
    """Validate and audit one article; ``read_text(src_uri)`` reads a docs file or ``None``;
    ``source`` (the file as read) lets a message name the line of a front matter field."""
    model, errors = validate_article(meta, display_path, source=source)
    article = Article(src_uri, display_path, meta, body, model, errors, coverage=coverage)
    if model is None:
        return article

    def snapshot_text(version: str) -> str | None:
        return read_text(snapshot_uri(src_uri, version))

    article.audit = audit(
        meta,
        body,
        snapshot_text=snapshot_text,
        covered_text=lambda version: read_text(covered_uri(src_uri, version)),
        coverage=coverage,
        body_line=body_line,
        bibliography_name=bibliography_name,
        board=board,
    )
    for entry in article.audit.replay.approvals:
        version = str(entry["version"])
        text = snapshot_text(version)
        if text is None:
            continue  # reported by the audit
        _, snapshot_body, _ = read_snapshot(text, snapshot_uri(src_uri, version))
        src, dest = revision_uri(src_uri, version, use_directory_urls=use_directory_urls)
        article.revisions.append(Revision(version, entry, snapshot_body, src, dest))
    for older, newer in zip(article.revisions, article.revisions[1:], strict=False):
        older.superseded_by = newer.version
    return article
