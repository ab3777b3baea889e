"""Plain data for the templates (``build_tools/theme/partials/editorial/*.html``).

Everything a template prints is computed here; URLs are already relative to the page that
shows them, dates come both machine-readable (``iso``) and for people (``text``).
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from build_tools.editorial.archive import diff_text
from build_tools.editorial.articles import Article, Revision
from build_tools.editorial.board import Board
from build_tools.editorial.words import PENDING_LINE, PENDING_TITLE, STATUS_LABELS, nav_status_words

__all__ = [
    "STATUS_LABELS",
    "archive_view",
    "article_view",
    "board_view",
    "changelog_view",
    "dashboard_view",
    "event_title",
    "nav_status_words",
    "reader_changes",
    "sentences",
    "signed_approval",
    "status_track",
]

STEPS = tuple((key, STATUS_LABELS[key]) for key in ("submitted", "under_review", "approved"))
#: Where each status sits on the three-step track (changes requested is part of the review).
STEP_OF = {"submitted": 0, "under_review": 1, "changes_requested": 1, "approved": 2}


#: A link target: (site-relative URL of the target) -> URL relative to the current page.
Link = Callable[[str], str]


def when(value: dt.date | str, /) -> dict[str, str]:
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return {"iso": day.isoformat(), "text": f"{day.day} {day:%B %Y}"}


def person(entry: Mapping[str, Any], /) -> str:
    name = str(entry.get("actor") or entry.get("name"))
    details = ", ".join(str(v) for v in (entry.get("role"), entry.get("credentials")) if v)
    return f"{name} ({details})" if details else name


def event_title(entry: Mapping[str, Any], /) -> str:
    action = entry.get("action")
    if action == "approve":
        return f"Approved as version {entry.get('version')}"
    if action == "request_changes":
        return "Changes requested"
    if action == "start_review":
        return "Review started"
    if entry.get("from") == "approved":
        return "Edited and submitted again for review"
    if entry.get("from") == "changes_requested":
        return "Revised and resubmitted for review"
    if entry.get("from") == "submitted":
        return "Submitted again for review"
    return "Submitted for review"


def status_track(status: str, /, *, edited_after_approval: bool = False) -> list[dict[str, Any]]:
    """The three steps, each ``done``, ``current`` or ``todo``, with a text label (not colour)."""
    current = 0 if edited_after_approval else STEP_OF[status]
    steps = []
    for index, (key, label) in enumerate(STEPS):
        state = "done" if index < current else "current" if index == current else "todo"
        note = None
        if state == "current" and status == "changes_requested":
            note = "changes requested"
        if state == "current" and edited_after_approval:
            note = "edited after approval, must be submitted again"
        steps.append({"key": key, "label": label, "state": state, "note": note})
    return steps


#: What each recorded digest covers, in readers' words.
_COVERED = (
    ("body_sha256", "the text"),
    ("rules_sha256", "the calculator's rules"),
    ("bibliography_sha256", "the cited references"),
)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def sentences(*parts: object) -> str:
    """The non-empty ``parts`` as one run of sentences, each ending in exactly one full stop
    (a reader's note that already ends in one gets no second)."""
    texts = (" ".join(str(p).split()) for p in parts if p)
    return " ".join(t if t.endswith((".", "!", "?")) else f"{t}." for t in texts if t)


def reader_changes(history: Sequence[Mapping[str, Any]], index: int, /) -> str | None:
    """What an entry put up for review that differs from the step before, in readers' words
    ("Changed since the previous step: the calculator's rules."), from the recorded digests.

    Public pages show this and the entry's ``note`` (written for readers), never its
    ``comment`` (written for the reviewers: the review packet shows it)."""
    entry = history[index]
    changed, newly = [], []
    for key, label in _COVERED:
        value = entry.get(key)
        if not value:
            continue
        before = next((e.get(key) for e in reversed(history[:index]) if e.get(key)), None)
        if before is None and index > 0 and key != "body_sha256":
            newly.append(label)
        elif before is not None and before != value:
            changed.append(label)
    words = []
    if changed:
        words.append(f"Changed since the previous step: {_join(changed)}.")
    if newly:
        words.append(f"The review now also covers {_join(newly)}.")
    return " ".join(words) or None


def _events(article: Article, link: Link, revision_url: Callable[[str], str | None]) -> list[dict]:
    events = []
    history = article.history
    for index, entry in enumerate(history):
        url = revision_url(str(entry.get("version"))) if entry.get("action") == "approve" else None
        events.append(
            {
                "index": index,
                "title": event_title(entry),
                "action": entry.get("action"),
                "at": entry.get("at"),
                "date": when(str(entry.get("date") or entry.get("at"))),
                "by": person(entry),
                "version": entry.get("version"),
                # Summary, note and what changed, as sentences after "(version …).".
                "words": sentences(
                    entry.get("summary"), entry.get("note"), reader_changes(history, index)
                ),
                "hash": entry.get("hash"),
                "revision_url": link(url) if url else None,
                "article_title": article.meta.get("title"),
                "article_id": article.meta.get("id"),
            }
        )
    return events


def signed_approval(article: Article, /) -> dict[str, Any] | None:
    """The line the article shows when approved: who, in what role, when, and the key whose
    signature verified ("Approved by NAME, ROLE, on DATE — signature verified (key SHA256:…)")."""
    if not article.approved or article.audit is None:
        return None
    signed, last = article.audit.last_signed, article.audit.replay.last_approval
    if signed is None or last is None:
        return None
    return {
        "name": last.get("actor"),
        "role": last.get("role"),
        "date": when(str(last.get("date") or last.get("at"))),
        "signer": signed.signer,
        "fingerprint": signed.fingerprint,
        "text": (
            f"Approved by {last.get('actor')}, {last.get('role')}, on "
            f"{last.get('date') or str(last.get('at'))[:10]} — signature verified (key "
            f"{signed.fingerprint})"
        ),
    }


def _fingerprints(article: Article) -> dict[str, str]:
    """history hash → fingerprint of the key whose signature verified, for approvals."""
    if article.audit is None:
        return {}
    history = article.history
    return {
        str(history[i].get("hash")): s.fingerprint
        for i, s in article.audit.signed.items()
        if i < len(history)
    }


def article_view(
    article: Article,
    /,
    *,
    link: Link,
    pages: Mapping[str, str | None],
    revision_url: Callable[[str], str | None],
    report_error_url: str = "",
) -> dict[str, Any]:
    """What the article page shows above and below its text.

    ``pages`` maps ``policy``, ``disclaimer``, ``changelog``, ``dashboard`` to site-relative
    URLs (or ``None`` when the site has no such page).
    """
    urls = {name: link(url) if url else None for name, url in pages.items()}
    if article.model is None:
        return {
            "invalid": True,
            "approved": False,
            "pending_title": PENDING_TITLE,
            "pending_line": PENDING_LINE,
            "urls": urls,
            "report_error_url": report_error_url,
        }
    model = article.model
    latest = article.revisions[-1] if article.revisions else None
    keys = _fingerprints(article)
    return {
        "invalid": False,
        "id": model.id,
        "status": model.status,
        "review_state": article.review_state,
        "status_label": STATUS_LABELS[article.review_state],
        "changed": list(article.audit.changed) if article.audit else [],
        "steps": status_track(model.status, edited_after_approval=article.edited_after_approval),
        "approved": article.approved,
        "edited_after_approval": article.edited_after_approval,
        "pending_title": PENDING_TITLE,
        "pending_line": PENDING_LINE,
        "report_error_url": report_error_url,
        "version": model.version,
        "latest_revision": (
            {"version": latest.version, "url": link(revision_url(latest.version) or "")}
            if latest
            else None
        ),
        "last_updated": when(model.last_updated),
        "reviewers": [r.model_dump() for r in model.reviewers],
        "authors": list(model.authors),
        "urls": urls,
        "approval": signed_approval(article),
        "events": list(reversed(_events(article, link, revision_url))),
        "revisions": [
            {
                "version": r.version,
                "url": link(revision_url(r.version) or ""),
                "date": when(r.approved_on),
                "summary": r.entry.get("summary"),
                "by": person(r.entry),
                "superseded_by": r.superseded_by,
                "fingerprint": keys.get(str(r.entry.get("hash"))),
            }
            for r in reversed(article.revisions)
        ],
    }


def archive_view(
    article: Article,
    revision: Revision,
    /,
    *,
    link: Link,
    article_url: str,
    pages: Mapping[str, str | None],
    revision_url: Callable[[str], str | None],
) -> dict[str, Any]:
    """The banner and diff of an archived revision page."""
    diff = diff_text(
        revision.body,
        article.body,
        old_label=f"version {revision.version}",
        new_label="current text",
    )
    newer = revision.superseded_by
    return {
        "title": article.meta.get("title"),
        "version": revision.version,
        "approved_on": when(revision.approved_on),
        "approved_by": person(revision.entry),
        "summary": revision.entry.get("summary"),
        "sha256": revision.entry.get("body_sha256"),
        "superseded_by": (
            {"version": newer, "url": link(revision_url(newer) or "")} if newer else None
        ),
        "article_url": link(article_url),
        "article_approved": article.approved,
        "current_status": STATUS_LABELS.get(str(article.meta.get("status")), "unknown"),
        "diff": {
            "identical": diff.identical,
            "added": diff.added,
            "removed": diff.removed,
            "lines": [{"kind": line.kind, "text": line.text} for line in diff.lines],
        },
        "urls": {name: link(url) if url else None for name, url in pages.items()},
    }


def dashboard_view(
    articles: Iterable[Article], /, *, today: dt.date, link: Link, url_of: Callable[[Article], str]
) -> dict[str, Any]:
    rows = []
    for article in articles:
        if article.model is None:
            continue
        days = article.days_since_review(today)
        last = article.last_reviewed()
        rows.append(
            {
                "title": article.model.title,
                "url": link(url_of(article)),
                "status": article.model.status,
                "status_label": STATUS_LABELS[article.review_state],
                "version": article.model.version,
                "last_updated": when(article.model.last_updated),
                "reviewers": [r.model_dump() for r in article.model.reviewers],
                "last_reviewed": when(last) if last else None,
                "days_since_review": days,
                "review_due": when(article.review_due()),
                "overdue": article.overdue(today),
                "interval": article.model.review_interval_days,
            }
        )
    return {"today": when(today), "rows": rows}


def changelog_view(
    articles: Iterable[Article],
    /,
    *,
    link: Link,
    url_of: Callable[[Article], str],
    revision_url: Callable[[Article, str], str | None],
) -> dict[str, Any]:
    """Every event of every article, newest first, and every approved revision's summary."""
    events, revisions = [], []
    for article in articles:
        if article.model is None:
            continue
        for event in _events(article, link, functools.partial(revision_url, article)):
            event["article_url"] = link(url_of(article))
            events.append(event)
        for r in article.revisions:
            url = revision_url(article, r.version)
            revisions.append(
                {
                    "article_title": article.model.title,
                    "article_url": link(url_of(article)),
                    "version": r.version,
                    "url": link(url) if url else None,
                    "date": when(r.approved_on),
                    "at": r.entry.get("at"),
                    "summary": r.entry.get("summary"),
                    "by": person(r.entry),
                    "bump": r.entry.get("bump"),
                    "superseded_by": r.superseded_by,
                }
            )
    events.sort(key=lambda e: (str(e["at"]), e["index"]), reverse=True)
    revisions.sort(key=lambda r: str(r["at"]), reverse=True)
    return {"events": events, "revisions": revisions}


def board_view(board: Board, /, *, link: Link) -> dict[str, Any]:
    """The review board page's list: every key with its reviewer, fingerprint and dates."""
    members = []
    for m in sorted(board.members, key=lambda m: (m.removed_at is not None, m.added_at)):
        members.append(
            {
                "principal": m.principal,
                "name": m.name,
                "role": m.role,
                "fingerprint": m.fingerprint,
                "added": when(m.added_at),
                "added_by": board.name_of(m.added_by) or m.added_by,
                "removed": when(m.removed_at) if m.removed_at else None,
                "removed_by": (board.name_of(m.removed_by) or m.removed_by)
                if m.removed_by
                else None,
                "reason": m.reason,
            }
        )
    return {
        "members": members,
        "active": sum(1 for m in members if m["removed"] is None),
        "file": posixpath.basename(board.file_name),
        "file_url": link(posixpath.basename(board.file_name)),
        "log": posixpath.basename(board.log_name),
        "log_url": link(posixpath.basename(board.log_name)),
        "events": len(board.events),
    }
