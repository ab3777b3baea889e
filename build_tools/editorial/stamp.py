"""The review stamp the calculator carries wherever it appears (CONTRIBUTING.md#page).

The calculator's rules are governed by one article's review (the article that embeds it, or the
plugin's ``calculator_article``): the stamp says which rules run (version and digest, the same
``rules.sha256`` every result carries) and under which review, in words (words.py) and as data
attributes the page's scripts can read (copy, print, shared link).

The calculator page's plugin (``guide/calculator``) asks ``EditorialPlugin.review_stamp()`` for it;
without guide/editorial it uses ``review_stamp(None, …)``: pending human review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_tools.editorial.words import approved_text, changed_text, pending_text, state_words

if TYPE_CHECKING:
    from build_tools.editorial.articles import Article

__all__ = ["review_stamp"]


def review_stamp(
    article: Article | None, /, *, rules_version: str, rules_sha256: str
) -> dict[str, Any]:
    """``{"status", "rules_sha256", "rules_version", "text", "state_words", …}`` for the
    calculator root (``state_words``: the state alone, for the printed record and the summary)."""
    stamp: dict[str, Any] = {
        "status": "submitted",
        "rules_sha256": rules_sha256,
        "rules_version": rules_version,
        "reviewed_by": "",
        "reviewed_on": "",
        "article_version": "",
        "text": pending_text(rules_version, rules_sha256),
        "state_words": state_words("submitted"),
    }
    if article is None or article.model is None:
        return stamp
    stamp["status"] = article.review_state
    stamp["article_version"] = article.model.version
    stamp["state_words"] = state_words(article.review_state)
    if article.approved and article.audit and article.audit.replay.last_approval:
        last = article.audit.replay.last_approval
        name, role, on = last.get("actor"), last.get("role"), last.get("date")
        stamp.update(
            reviewed_by=f"{name}, {role}",
            reviewed_on=str(on),
            text=approved_text(
                rules_version, rules_sha256, name=str(name), role=str(role), on=str(on)
            ),
        )
    elif stamp["status"] == "changed_since_approval":
        stamp["text"] = changed_text(rules_version, rules_sha256)
    return stamp
