"""``status.json``: the review state of every article, for machines (CONTRIBUTING.md#site).

The document's shape is fixed by the models of :mod:`.status_models`, which every document goes
through and from which ``status.schema.json`` (JSON Schema 2020-12, published beside it) is
generated; tests validate every build's output against that file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from build_tools.editorial import history as chain
from build_tools.editorial.approval import SignedApproval
from build_tools.editorial.articles import Article
from build_tools.editorial.signing import NAMESPACE
from build_tools.editorial.status_models import SCHEMA_PATH, ArticleStatus, StatusDocument

__all__ = ["SCHEMA_PATH", "article_status", "status_document"]


def article_status(
    article: Article,
    /,
    *,
    today: dt.date,
    url: str,
    path: str,
    revision_url: Callable[[str], str],
) -> dict[str, Any]:
    model = article.model
    assert model is not None
    last = article.last_reviewed()
    signed = article.audit.signed if article.audit else {}
    by_hash = {str(article.history[i].get("hash")): _approval(s) for i, s in signed.items()}
    out: dict[str, Any] = {
        "id": model.id,
        "title": model.title,
        "status": model.status,
        # The status computed from the hashes (differs from status only in the author preview).
        "review_state": article.review_state,
        "approved": article.approved,
        "edited_after_approval": article.edited_after_approval,
        "version": model.version,
        "last_updated": model.last_updated.isoformat(),
        "authors": list(model.authors),
        "reviewers": [r.model_dump() for r in model.reviewers],
        "url": url,
        "path": path,
        "source": article.display_path,
        "approved_sha256": model.approved_sha256,
        "body_sha256": article.audit.body_sha256 if article.audit else None,
        "review_interval_days": model.review_interval_days,
        "last_reviewed": last.isoformat() if last else None,
        "days_since_review": article.days_since_review(today),
        "review_due": article.review_due().isoformat(),
        "overdue": article.overdue(today),
        "history_length": len(article.history),
        "history_head": chain.head(article.history),
        "revisions": [
            {
                "version": r.version,
                "approved_on": r.approved_on.isoformat(),
                "approved_by": {
                    "name": r.entry.get("actor"),
                    "role": r.entry.get("role"),
                    "credentials": r.entry.get("credentials"),
                },
                "summary": r.entry.get("summary"),
                "sha256": r.entry.get("body_sha256"),
                "url": revision_url(r.version),
                "superseded_by": r.superseded_by,
                **(
                    {"approval": by_hash[str(r.entry.get("hash"))]}
                    if str(r.entry.get("hash")) in by_hash
                    else {}
                ),
            }
            for r in article.revisions
        ],
        # What the current version was approved with (or submitted with, before approval).
        "bibliography_sha256": article.reviewed_digest("bibliography_sha256"),
    }
    if model.status == "approved" and article.audit and article.audit.last_signed:
        out["approval"] = _approval(article.audit.last_signed)
    if article.embeds_calculator:
        out["rules_sha256"] = article.reviewed_digest("rules_sha256")
        out["rules_sha256_current"] = article.coverage.rules_sha256 if article.coverage else None
    # Only an article that embeds the calculator has the rules digests (CONTRIBUTING.md#site).
    return ArticleStatus.model_validate(out).model_dump(mode="json", exclude_unset=True)


def _approval(signed: SignedApproval, /) -> dict[str, Any]:
    return {
        "signer": signed.signer,
        "signed_payload": signed.signed_payload,
        "signature": signed.signature,
        "key_fingerprint": signed.fingerprint,
        "namespace": NAMESPACE,
        "verify_time": signed.verify_time,
    }


def status_document(
    articles: Iterable[dict[str, Any]], /, *, generated: str, schema_url: str, today: dt.date
) -> dict[str, Any]:
    document = {
        "schema": schema_url,
        "generated": generated,
        "today": today.isoformat(),
        "articles": list(articles),
    }
    return StatusDocument.model_validate(document).model_dump(
        mode="json", by_alias=True, exclude_unset=True
    )


def dumps(document: dict[str, Any], /) -> str:
    # Published for people and scripts, not hashed: indented (hashed records use canonical.py).
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
