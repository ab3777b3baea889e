"""Things a reader meets by name: the review-status icon beside an article in the navigation
says what it means, and the Atom feed is a link to the feed."""

from __future__ import annotations

import re

import feedparser
from playwright.sync_api import Page, expect


def test_the_review_status_icon_in_the_navigation_is_explained(page: Page) -> None:
    """Material's icon beside an article in the navigation says what it means: to a pointer (a
    tooltip on the whole link) and to a screen reader (the link's description); the link's
    name stays the page's title."""
    page.goto("")
    nav = page.locator(".md-sidebar--primary")
    icon = nav.locator(".md-status").first
    words = icon.get_attribute("title") or ""
    assert re.match(r"^Review status: [A-Z]\w+", words), words
    link = nav.get_by_role("link", name="Trastuzumab", exact=True)
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("title", words)
    expect(link).to_have_accessible_description(words)
    expect(icon).to_have_attribute("aria-hidden", "true")


def test_the_atom_feed_is_a_link_to_the_feed(page: Page) -> None:
    page.goto("review-status/")
    link = page.get_by_role("link", name="Atom feed")
    expect(link).to_have_count(1)
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok
    feed = feedparser.parse(response.body())
    assert feed.version.startswith("atom") and feed.entries
