"""guide/handout: the QR code (segno, inline SVG) and the card on fixture mini-site builds; a
handout without a review record of its own, or pointing at no article, stops the build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import segno

from build_tools.handout.plugin import absolute_url
from build_tools.handout.qr import qr_svg
from tests.editorial.helpers import SITE_URL, build, built, make_project

HANDOUT = Path("docs/article/handout/index.md")


def modules(svg: str) -> set[tuple[int, int]]:
    """Dark modules drawn by segno's SVG path (relative ``m``/``h`` moves on half-module rows)."""
    path = re.search(r'class="guide-handout__qr-modules"[^>]* d="([^"]+)"', svg)
    assert path, svg[:200]
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for op, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path.group(1)):
        if op in "Mm":
            dx, dy = float(a), float(b)
            x, y = (dx, dy) if op == "M" else (x + dx, y + dy)
        else:
            length = float(a)
            for i in range(round(length)):
                dark.add((int(x) + i, int(y)))
            x += length
    return dark


def matrix_modules(url: str, border: int = 4) -> set[tuple[int, int]]:
    code = segno.make(url, error="m", micro=False)
    return {
        (col + border, row + border)
        for row, line in enumerate(code.matrix)
        for col, value in enumerate(line)
        if value
    }


def test_qr_svg_encodes_the_url_with_a_quiet_zone_and_an_accessible_name() -> None:
    url = "https://guide.example/trastuzumab/"
    svg = qr_svg(url, label="QR code: the article")
    assert svg.startswith('<svg role="img" aria-label="QR code: the article" ')
    assert "<?xml" not in svg and "<script" not in svg
    assert "<title>QR code: the article</title>" in svg
    assert modules(svg) == matrix_modules(url)
    assert modules(svg) != matrix_modules("https://guide.example/other/")
    # Black on white whatever the colour scheme: phones scan it on screen and on paper.
    assert 'fill="#fff"' in svg and 'stroke="#000"' in svg


def test_qr_label_is_escaped() -> None:
    assert 'aria-label="a &quot;b&quot; &lt;c&gt;"' in qr_svg("https://x.test/", label='a "b" <c>')


@pytest.mark.parametrize(
    ("site_url", "url", "expected"),
    [
        ("https://h.test/guide/", "trastuzumab/", "https://h.test/guide/trastuzumab/"),
        ("https://h.test/guide", "trastuzumab/", "https://h.test/guide/trastuzumab/"),
    ],
)
def test_absolute_url(site_url: str, url: str, expected: str) -> None:
    assert absolute_url(site_url, url) == expected


@pytest.mark.build
def test_handout_card_shows_its_own_review_qr_of_the_article_and_phone_lines(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, "handout-site")
    result = built(project)
    page = result.page("article/handout")
    card = page[page.index('data-testid="handout-card"') :]
    card = card[: card.index("</section>")]
    assert 'data-review-status="submitted"' in card
    assert "Pending human review" in card
    assert "Version 0.1" in card and "12 January 2025" in card  # the handout's, not the article's
    article_url = f"{SITE_URL}article/"
    assert f">{article_url}</a>" in card
    assert modules(card) == matrix_modules(article_url)
    assert card.count('class="guide-handout__phone"') == 2
    # Its own entry in status.json, beside the article's.
    status = json.loads((result.site / "status.json").read_text(encoding="utf-8"))
    ids = {a["id"]: a for a in status["articles"]}
    assert ids["fixture-handout"]["status"] == "submitted"
    assert ids["fixture-handout"]["url"] == f"{SITE_URL}article/handout/"
    assert ids["fixture-handout"]["last_updated"] != ids["fixture-article"]["last_updated"]


@pytest.mark.build
def test_a_handout_without_its_own_review_record_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, "handout-site")
    (project / HANDOUT).write_text(
        "---\nhandout_for: article/index.md\n---\n\n# Borrowed\n\nText.\n", encoding="utf-8"
    )
    result = build(project)
    assert result.returncode != 0
    assert "may not borrow its article's review" in result.output


@pytest.mark.build
def test_a_handout_for_a_missing_article_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, "handout-site")
    text = (project / HANDOUT).read_text(encoding="utf-8")
    (project / HANDOUT).write_text(
        text.replace("handout_for: article/index.md", "handout_for: nowhere/index.md"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode != 0
    assert "'handout_for: nowhere/index.md' names no page" in result.output
