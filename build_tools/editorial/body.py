"""The article body as hashed for approvals: front matter stripped, text normalised.

Normalisation makes the hash a property of the words, not of the editor: line endings become
``\\n``, trailing whitespace goes, leading and trailing blank lines go, and the text ends with
exactly one newline. Everything else (including Markdown markup) counts.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["body_sha256", "normalise_body", "page_sha256", "split_front_matter"]

# The same delimiters MkDocs accepts (mkdocs.utils.meta): '---' then YAML then '---' or '...'.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)?(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str, /) -> tuple[str | None, str]:
    """``(front matter YAML or None, body)``; the body is returned exactly as written."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text
    return match.group(1) or "", text[match.end() :]


def normalise_body(body: str, /) -> str:
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return text + "\n" if text else ""


def body_sha256(body: str, /) -> str:
    """sha256 (hex) of the normalised ``body`` (front matter already removed)."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()


def page_sha256(text: str, /) -> str:
    """sha256 (hex) of the normalised body of a whole page (its front matter is skipped)."""
    return body_sha256(split_front_matter(text)[1])
