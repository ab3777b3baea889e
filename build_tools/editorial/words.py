"""The review state in readers' words: the one home of every phrase that names a review state.

The article's box, the navigation's status icon, the calculator's review stamp (stamp.py) and
the calculator block's fallback without guide/editorial all word the state through this module,
so a change here changes every page. Standard library only: the calculator page imports it
without the rest of the editorial tooling.
"""

from __future__ import annotations

__all__ = [
    "PENDING",
    "PENDING_LINE",
    "PENDING_TITLE",
    "STATUS_LABELS",
    "approved_text",
    "changed_text",
    "nav_status_words",
    "pending_text",
    "rules_words",
    "state_words",
]

#: An article's status (front matter ``status`` or the computed ``changed_since_approval``).
STATUS_LABELS = {
    "submitted": "Submitted",
    "under_review": "Under review",
    "changes_requested": "Changes requested",
    "approved": "Approved",
    "changed_since_approval": "Changed since approval",
}
#: What every state but "approved" is, in words.
PENDING = "pending human review"
PENDING_TITLE = f"Educational purpose only — {PENDING}"
#: The same, opening a line ("Pending human review · v0.1 · 26 Nov 2026").
PENDING_LINE = PENDING[:1].upper() + PENDING[1:]


def nav_status_words() -> dict[str, str]:
    """The words for the review-status icon Material puts beside a page in the navigation."""
    return {
        key: f"Review status: {label}" + ("" if key == "approved" else f" ({PENDING})")
        for key, label in STATUS_LABELS.items()
    }


def state_words(status: str, /) -> str:
    """The review state alone, as the printed record and the copied summary say it after
    "content review:": "approved", or e.g. "submitted, pending human review"."""
    label = STATUS_LABELS.get(status, status.replace("_", " ")).lower()
    return label if status == "approved" else f"{label}, {PENDING}"


def rules_words(version: str, sha256: str, /) -> str:
    """Which rules run: "Rules v1.4.0 (0123abcd)" (the first 8 characters of the digest)."""
    return f"Rules v{version} ({sha256[:8]})"


def pending_text(version: str, sha256: str, /) -> str:
    """The calculator's review stamp before any approval."""
    return f"{rules_words(version, sha256)}, {PENDING}"


def changed_text(version: str, sha256: str, /) -> str:
    """The stamp of an article approved once, changed since."""
    return f"{rules_words(version, sha256)}, changed since approval: {PENDING}"


def approved_text(version: str, sha256: str, /, *, name: str, role: str, on: str) -> str:
    """The stamp of an approved article: who approved it, and when."""
    return f"{rules_words(version, sha256)}, approved by {name}, {role}, on {on}"
