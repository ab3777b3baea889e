"""How the site's Atom feed is recognised and typed: one home for the security plugin (which
writes its ``Content-Type`` into ``_headers``) and the preview server (which reads ``_headers``
and falls back to this when a site has none). Neither imports the other."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ATOM_CONTENT_TYPE", "is_atom_feed"]

#: The media type an Atom feed is served with (not generic XML, so feed readers take it).
ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def is_atom_feed(path: Path, /) -> bool:
    """An Atom feed (served as ``application/atom+xml``, not as generic XML)."""
    with path.open("rb") as f:
        head = f.read(1024)
    return b"<feed" in head and b"http://www.w3.org/2005/Atom" in head
