"""Things a reader meets by name: the review-status icon beside an article in the navigation
says what it means, and the Atom feed is a link to the feed."""

from __future__ import annotations

import re

import feedparser
from playwright.sync_api import Page, expect


def test_the_review_status_icon_in_the_navigation_has_a_name(page: Page) -> None:
    page.goto("")
    nav = page.locator(".md-sidebar--primary")
    icon = nav.locator(".md-status").first
    expect(icon).to_have_attribute("role", "img")
    expect(icon).to_have_attribute("aria-label", re.compile(r"^Review status: Submitted"))
    link = nav.get_by_role("link", name=re.compile(r"^Trastuzumab Review status: \w"))
    expect(link).to_have_count(1)
    # The same words as a tooltip for a pointer.
    expect(icon).to_have_attribute("title", icon.get_attribute("aria-label") or "")


def test_the_atom_feed_is_a_link_to_the_feed(page: Page) -> None:
    page.goto("review-status/")
    link = page.get_by_role("link", name="Atom feed")
    expect(link).to_have_count(1)
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok
    feed = feedparser.parse(response.body())
    assert feed.version.startswith("atom") and feed.entries
