"""Where the card goes: right after the handout's title."""

from __future__ import annotations

__all__ = ["insert_after_title"]


def insert_after_title(content: str, block: str, /) -> str:
    """``block`` right after the page's ``<h1>``, or first when the theme adds the title."""
    head, end, body = content.partition("</h1>")
    if not end:
        return f"{block}{content}"
    return f"{head}{end}\n{block}{body}"
