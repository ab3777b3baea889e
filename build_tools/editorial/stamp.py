"""The review stamp the calculator carries wherever it appears (CONTRIBUTING.md#page).

The calculator's rules are governed by one article's review (the article that embeds it, or the
plugin's ``calculator_article``): the stamp says which rules run (version and digest, the same
``rules.sha256`` every result carries) and under which review, in words and as data attributes
the page's scripts can read (copy, print, shared link).
"""

from __future__ import annotations

from typing import Any

from build_tools.editorial.articles import Article

__all__ = ["MARKDOWN_EXTENSION", "review_stamp"]

#: The Markdown extension that renders the calculator; the stamp reaches it as its ``review``
#: option (set per build in ``config.mdx_configs``).
MARKDOWN_EXTENSION = "build_tools.calculator_page.blocks"


def review_stamp(
    article: Article | None, /, *, rules_version: str, rules_sha256: str
) -> dict[str, Any]:
    """``{"status", "rules_sha256", "rules_version", "text", …}`` for the calculator root."""
    rules = f"Rules v{rules_version} ({rules_sha256[:8]})"
    stamp: dict[str, Any] = {
        "status": "submitted",
        "rules_sha256": rules_sha256,
        "rules_version": rules_version,
        "reviewed_by": "",
        "reviewed_on": "",
        "article_version": "",
        "text": f"{rules}, pending human review",
    }
    if article is None or article.model is None:
        return stamp
    stamp["status"] = article.review_state
    stamp["article_version"] = article.model.version
    if article.approved and article.audit and article.audit.replay.last_approval:
        last = article.audit.replay.last_approval
        name, role, on = last.get("actor"), last.get("role"), last.get("date")
        stamp.update(
            reviewed_by=f"{name}, {role}",
            reviewed_on=str(on),
            text=f"{rules}, approved by {name}, {role}, on {on}",
        )
    elif stamp["status"] == "changed_since_approval":
        stamp["text"] = f"{rules}, changed since approval: pending human review"
    return stamp
