"""The updates feed: Atom (RFC 4287), one entry per review-history event.

mkdocs-rss-plugin makes one item per *page* dated from git or front matter; the guide announces
*events* (a submission, a review starting, changes requested, a new version) and one page has
many, so the feed is written here with ``xml.etree`` instead.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ATOM", "FeedEntry", "atom_feed"]

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: str
    link: str
    author: str
    summary: str
    category: str


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(
    entries: Iterable[FeedEntry],
    /,
    *,
    title: str,
    feed_id: str,
    self_url: str,
    site_url: str,
    author: str,
    updated: str,
) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", title)
    _sub(
        feed, "subtitle", "Editorial updates: submissions, reviews, requested changes, new versions"
    )
    _sub(feed, "id", feed_id)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site_url)
    _sub(feed, "updated", updated)
    _sub(_sub(feed, "author"), "name", author)
    _sub(feed, "generator", "guide/editorial")
    for item in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item.id)
        _sub(entry, "title", item.title)
        _sub(entry, "updated", item.updated)
        _sub(entry, "published", item.updated)
        _sub(entry, "link", rel="alternate", type="text/html", href=item.link)
        _sub(_sub(entry, "author"), "name", item.author)
        _sub(entry, "category", term=item.category)
        _sub(entry, "summary", item.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
